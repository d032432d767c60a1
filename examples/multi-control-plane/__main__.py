"""Two control planes in one stack: set ``addressA``/``addressB`` (and optionally the secret
``tokenA``/``tokenB``) in the stack config. Tokens stay secrets: encrypted in the state, never
printed.
"""

import pulumi

import pulumi_kuma as kuma

config = pulumi.Config()
request_timeout = config.get("requestTimeout") or "10s"

control_planes = {
    "zone-a": kuma.ControlPlane(config.require("addressA"), token=config.get_secret("tokenA")),
    "zone-b": kuma.ControlPlane(config.require("addressB"), token=config.get_secret("tokenB")),
}

for zone, control_plane in control_planes.items():
    timeout = kuma.MeshTimeout(
        f"{zone}-timeouts",
        name="default-timeouts",
        mesh="default",
        control_plane=control_plane,
        spec={
            "targetRef": {"kind": "Mesh"},
            "to": [{"targetRef": {"kind": "Mesh"}, "default": {"http": {"requestTimeout": request_timeout}}}],
        },
    )
    pulumi.export(f"{zone}_kri", timeout.kri)
