"""Canary: send 10% of the traffic for ``backend`` to v2, and all of it when ``x-canary: true``;
and give requests to ``backend`` a short timeout so a slow canary fails fast.

``canaryWeight`` in the stack config changes the split (``--config canaryWeight=50``).
"""

import pulumi

import pulumi_kuma as kuma

config = pulumi.Config()
canary_weight = int(config.get("canaryWeight") or 10)
BACKEND = {"kind": "MeshService", "labels": {"kuma.io/display-name": "backend"}}


def backend(version: str, weight: int | None = None) -> dict[str, object]:
    ref: dict[str, object] = {
        "kind": "MeshService",
        "labels": {"kuma.io/display-name": "backend", "version": version},
    }
    if weight is not None:
        ref["weight"] = weight
    return ref


route = kuma.MeshHTTPRoute(
    "backend-canary",
    mesh="default",
    spec={
        "targetRef": {"kind": "Mesh"},
        "to": [
            {
                "targetRef": BACKEND,
                "rules": [
                    {
                        "matches": [{"headers": [{"type": "Exact", "name": "x-canary", "value": "true"}]}],
                        "default": {"backendRefs": [backend("v2")]},
                    },
                    {
                        "matches": [{"path": {"type": "PathPrefix", "value": "/"}}],
                        "default": {
                            "backendRefs": [backend("v1", 100 - canary_weight), backend("v2", canary_weight)]
                        },
                    },
                ],
            }
        ],
    },
)

timeouts = kuma.MeshTimeout(
    "backend-timeouts",
    mesh="default",
    spec={
        "targetRef": {"kind": "Mesh"},
        "to": [{"targetRef": BACKEND, "default": {"http": {"requestTimeout": "5s"}}}],
    },
)

pulumi.export("route", route.kri)
pulumi.export("timeouts", timeouts.kri)
pulumi.export("canary_weight", canary_weight)
