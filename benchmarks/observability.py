"""What the seven observability and traffic policies cost in config generation.

A mesh of ``--services`` MeshServices (one HTTP port each) with one Dataplane behind each, and a
client Dataplane with an outbound to every service. Prints the median time to generate the client's
config (``GenerationState.generate``) with no policy, with each of MeshFaultInjection,
MeshRateLimit, MeshAccessLog, MeshTrace, MeshMetric, MeshPassthrough and MeshProxyPatch on its
own (all selecting the client), and with all seven, plus the number of resources.

    .venv/bin/python -m benchmarks.observability [--services 100] [--runs 50]
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

from pulumi_kuma.controlplane.generate import GenerationState
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.model.validation import ingest_spec
from pulumi_kuma.registry import REGISTRY

MESH = "default"
CLIENT = {"kind": "Dataplane", "labels": {"app": "client"}}

POLICIES: dict[str, dict[str, Any]] = {
    "MeshFaultInjection": {
        "targetRef": CLIENT,
        "rules": [{"default": {"http": [{"abort": {"httpStatus": 503, "percentage": 1}}]}}],
    },
    "MeshRateLimit": {
        "targetRef": CLIENT,
        "rules": [{"default": {"local": {"http": {"requestRate": {"num": 100, "interval": "1s"}}}}}],
    },
    "MeshAccessLog": {
        "targetRef": CLIENT,
        "to": [
            {
                "targetRef": {"kind": "Mesh"},
                "default": {
                    "backends": [
                        {"type": "File", "file": {"path": "/tmp/access.log"}},
                        {"type": "Tcp", "tcp": {"address": "127.0.0.1:5000"}},
                    ]
                },
            }
        ],
    },
    "MeshTrace": {
        "targetRef": CLIENT,
        "default": {"backends": [{"type": "Zipkin", "zipkin": {"url": "http://zipkin:9411/api/v2/spans"}}]},
    },
    "MeshMetric": {
        "targetRef": CLIENT,
        "default": {"backends": [{"type": "Prometheus", "prometheus": {"port": 5670, "path": "/metrics"}}]},
    },
    "MeshPassthrough": {
        "targetRef": CLIENT,
        "default": {
            "appendMatch": [{"type": "Domain", "value": "api.example.com", "port": 443, "protocol": "tls"}]
        },
    },
    "MeshProxyPatch": {
        "targetRef": CLIENT,
        "default": {
            "appendModifications": [
                {
                    "cluster": {
                        "operation": "Patch",
                        "match": {"origin": "outbound"},
                        "value": "connectTimeout: 2s",
                    }
                },
                {
                    "virtualHost": {
                        "operation": "Patch",
                        "match": {"origin": "outbound"},
                        "jsonPatches": [
                            {"op": "add", "path": "/requestHeadersToRemove", "value": ["x-debug"]}
                        ],
                    }
                },
            ]
        },
    },
}


def _stored(
    kind: str, name: str, spec: dict[str, Any], labels: dict[str, str] | None = None
) -> ResourceObject:
    descriptor = REGISTRY.by_name(kind)
    result = ingest_spec(descriptor, spec)
    assert not result.violations, (kind, result.violations)
    mesh = MESH if descriptor.mesh_scoped else None
    return ResourceObject(kind, name, mesh, {"kuma.io/display-name": name, **(labels or {})}, result.spec)


def _mesh(services: int) -> list[ResourceObject]:
    objects = [_stored("Mesh", MESH, {})]
    outbounds = []
    for i in range(services):
        ports = [{"port": 80, "targetPort": 8080, "name": "http", "appProtocol": "http"}]
        objects.append(
            _stored(
                "MeshService",
                f"svc-{i}",
                {"selector": {"dataplaneTags": {"app": f"svc-{i}"}}, "ports": ports},
            )
        )
        networking = {
            "address": f"10.0.{i // 256}.{i % 256}",
            "inbound": [{"port": 8080, "name": "http", "tags": {"app": f"svc-{i}"}}],
        }
        objects.append(_stored("Dataplane", f"svc-{i}-1", {"networking": networking}, {"app": f"svc-{i}"}))
        outbounds.append(
            {"port": 20000 + i, "backendRef": {"kind": "MeshService", "name": f"svc-{i}", "port": 80}}
        )
    networking = {
        "address": "10.1.0.1",
        "inbound": [{"port": 8080, "name": "http", "protocol": "http"}],
        "outbound": outbounds,
    }
    objects.append(_stored("Dataplane", "client", {"networking": networking}, {"app": "client"}))
    return objects


def _median_generation(state: GenerationState, runs: int) -> tuple[float, int]:
    for _ in range(3):  # warm up: first generations fill caches (destinations, converted protos)
        state.generate(MESH, "client")
    times = []
    size = 0
    for _ in range(runs):
        started = time.perf_counter()
        generated = state.generate(MESH, "client")
        times.append(time.perf_counter() - started)
        assert generated is not None
        size = len(generated.resources)
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--services", type=int, default=100)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    base = _mesh(args.services)
    print(f"client with {args.services} outbounds; median of {args.runs} generations")
    rows: list[tuple[str, list[str]]] = [("no policy", []), ("no policy", [])]  # twice: warms the process
    rows += [(kind, [kind]) for kind in POLICIES]
    rows.append(("all seven", list(POLICIES)))
    baseline = 0.0
    for label, kinds in rows:
        state = GenerationState(REGISTRY)
        state.load(base + [_stored(kind, f"p-{kind.lower()}", POLICIES[kind]) for kind in kinds])
        median, size = _median_generation(state, args.runs)
        if not kinds:
            baseline = median
        extra = f" (+{(median - baseline) * 1000:.2f} ms)" if kinds else ""
        print(f"  {label:<20} {median * 1000:8.2f} ms{extra:<16} {size} resources")


if __name__ == "__main__":
    main()
