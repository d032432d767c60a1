"""Quickstart: a mesh, who may talk to whom, and resilience defaults for every service in it.

Run it with ``pulumi up`` (Pulumi CLI) or ``pulumi-kuma stack up examples/quickstart``.
"""

import pulumi

import pulumi_kuma as kuma

mesh = kuma.Mesh("quickstart")

# Mutual TLS for every proxy of the mesh: the control plane's own CA (generated, self-signed, so the
# opt-in is explicit) gives each workload the SPIFFE ID spiffe://quickstart.mesh.local/workload/<name>
# and publishes the CA in a MeshTrust. MeshTLS defaults to Strict: plaintext is refused.
kuma.MeshIdentity(
    "identity",
    mesh=mesh.name,
    spec={
        "selector": {"dataplane": {"matchLabels": {}}},
        "spiffeID": {"trustDomain": "{{ .Mesh }}.mesh.local", "path": "/workload/{{ .Workload }}"},
        "provider": {
            "type": "Bundled",
            "bundled": {
                "meshTrustCreation": "Enabled",
                "insecureAllowSelfSigned": True,
                "autogenerate": {"enabled": True},
            },
        },
    },
)

# Only workloads of this mesh's trust domain may call the services in it (Envoy checks the
# client's certificate; anything else gets 403).
kuma.MeshTrafficPermission(
    "allow-mesh-workloads",
    mesh=mesh.name,
    spec={
        "targetRef": {"kind": "Mesh"},
        "rules": [
            {
                "default": {
                    "allow": [{"spiffeID": {"type": "Prefix", "value": "spiffe://quickstart.mesh.local/"}}]
                }
            },
        ],
    },
)

# Typed arguments work as well as Kuma-shaped dicts.
kuma.MeshTimeout(
    "default-timeouts",
    mesh=mesh.name,
    spec=kuma.MeshTimeoutSpecArgs(
        target_ref={"kind": "Mesh"},
        to=[
            kuma.MeshTimeoutToArgs(
                target_ref={"kind": "Mesh"},
                default=kuma.MeshTimeoutConfArgs(
                    connection_timeout="5s",
                    idle_timeout="1h",
                    http=kuma.MeshTimeoutHttpArgs(request_timeout="15s", stream_idle_timeout="30m"),
                ),
            )
        ],
    ),
)

kuma.MeshRetry(
    "default-retries",
    mesh=mesh.name,
    spec={
        "targetRef": {"kind": "Mesh"},
        "to": [
            {
                "targetRef": {"kind": "Mesh"},
                "default": {
                    "tcp": {"maxConnectAttempt": 5},
                    "http": {"numRetries": 3, "perTryTimeout": "2s", "retryOn": ["5xx", "Reset"]},
                },
            }
        ],
    },
)

kuma.MeshCircuitBreaker(
    "default-circuit-breaker",
    mesh=mesh.name,
    spec={
        "targetRef": {"kind": "Mesh"},
        "to": [
            {
                "targetRef": {"kind": "Mesh"},
                "default": {
                    "connectionLimits": {
                        "maxConnections": 1024,
                        "maxPendingRequests": 1024,
                        "maxRequests": 1024,
                    },
                    "outlierDetection": {
                        "interval": "5s",
                        "baseEjectionTime": "30s",
                        "maxEjectionPercent": 20,
                        "detectors": {"totalFailures": {"consecutive": 10}},
                    },
                },
            }
        ],
    },
)

pulumi.export("mesh", mesh.name)
pulumi.export("mesh_kri", mesh.kri)
