"""Generation cost of the traffic policies (routes, retries, circuit breakers, health checks, LB).

The mesh: MeshServices ``svc-0..N-1`` (HTTP, two Dataplanes each) and a client Dataplane with an
outbound to every service. Each service has a MeshHTTPRoute (two rules: a header match to the next
service, an 80/20 split), a MeshRetry, a MeshCircuitBreaker, a MeshHealthCheck and a
MeshLoadBalancingStrategy (ring hash with a header hash policy); a MeshTCPRoute rule exists for a
TCP service. Prints the median time to generate the client's resources with only the base
resources, with all six translations, and the median share of each translation.

    .venv/bin/python -m benchmarks.traffic_policies [--services 50] [--runs 30]
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from pulumi_kuma.controlplane.api.labels import compute_labels
from pulumi_kuma.controlplane.generate import GenerationState, build_context
from pulumi_kuma.envoy import ProxyResources, envoy_configurer
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.model.registry import Registry
from pulumi_kuma.model.validation import ingest_spec
from pulumi_kuma.registry import REGISTRY

BASE = ("Mesh", "Dataplane", "MeshService")
KINDS = (
    "MeshHTTPRoute",
    "MeshTCPRoute",
    "MeshLoadBalancingStrategy",
    "MeshHealthCheck",
    "MeshCircuitBreaker",
    "MeshRetry",
)
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def _stored(
    kind: str, name: str, spec: dict[str, Any], labels: dict[str, str] | None = None, age: int = 0
) -> ResourceObject:
    descriptor = REGISTRY.by_name(kind)
    result = ingest_spec(descriptor, spec)
    assert not result.violations, (kind, name, result.violations)
    created = T0 + timedelta(seconds=age)
    return ResourceObject(
        type=kind,
        name=name,
        mesh="default" if descriptor.mesh_scoped else None,
        labels=compute_labels(descriptor, labels or {}, "default", name, "default"),
        spec=result.spec,
        creation_time=created,
        modification_time=created,
    )


def _ref(service: str, weight: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": "MeshService", "labels": {"kuma.io/display-name": service}}
    if weight is not None:
        out["weight"] = weight
        out["port"] = 80
    return out


def _to(service: str, default: dict[str, Any]) -> dict[str, Any]:
    return {"targetRef": {"kind": "Mesh"}, "to": [{"targetRef": _ref(service), "default": default}]}


def mesh_objects(services: int) -> list[ResourceObject]:
    objects = [_stored("Mesh", "default", {"skipCreatingInitialPolicies": ["*"]})]
    outbounds = []
    for i in range(services + 1):
        name = f"svc-{i}"
        protocol = "tcp" if i == services else "http"
        port = {"name": protocol, "port": 80, "targetPort": 8080, "appProtocol": protocol}
        selector = {"dataplaneLabels": {"matchLabels": {"app": name}}}
        objects.append(_stored("MeshService", name, {"selector": selector, "ports": [port]}, age=i))
        for j in range(2):
            inbound = [{"port": 8080, "name": protocol, "protocol": protocol}]
            spec = {"networking": {"address": f"10.0.{i}.{j + 1}", "inbound": inbound}}
            objects.append(_stored("Dataplane", f"{name}-{j}", spec, {"app": name}))
        outbounds.append({"port": 20000 + i, "backendRef": {"kind": "MeshService", "name": name, "port": 80}})
    client = {"networking": {"address": "10.1.0.1", "inbound": [{"port": 9000}], "outbound": outbounds}}
    objects.append(_stored("Dataplane", "client", client, {"app": "client"}))
    for i in range(services):
        name, other = f"svc-{i}", f"svc-{(i + 1) % services}"
        rules = [
            {
                "matches": [
                    {"path": {"type": "PathPrefix", "value": "/"}, "headers": [{"name": "x-v", "value": "2"}]}
                ],
                "default": {"backendRefs": [_ref(other, 1)]},
            },
            {
                "matches": [{"path": {"type": "PathPrefix", "value": "/"}}],
                "default": {"backendRefs": [_ref(name, 80), _ref(other, 20)]},
            },
        ]
        route = {"targetRef": {"kind": "Mesh"}, "to": [{"targetRef": _ref(name), "rules": rules}]}
        objects.append(_stored("MeshHTTPRoute", f"route-{i}", route))
        objects.append(_stored("MeshRetry", f"retry-{i}", _to(name, {"http": {"numRetries": 3}})))
        breaker = {"outlierDetection": {"detectors": {"totalFailures": {"consecutive": 5}}}}
        objects.append(_stored("MeshCircuitBreaker", f"cb-{i}", _to(name, breaker)))
        objects.append(_stored("MeshHealthCheck", f"hc-{i}", _to(name, {"http": {"path": "/health"}})))
        strategy = {
            "loadBalancer": {"type": "RingHash"},
            "hashPolicies": [{"type": "Header", "header": {"name": "x"}}],
        }
        objects.append(_stored("MeshLoadBalancingStrategy", f"lb-{i}", _to(name, strategy)))
    tcp = f"svc-{services}"
    tcp_route = {
        "targetRef": {"kind": "Mesh"},
        "to": [{"targetRef": _ref(tcp), "rules": [{"default": {"backendRefs": [_ref("svc-0", 1)]}}]}],
    }
    objects.append(_stored("MeshTCPRoute", "tcp-route", tcp_route))
    return objects


def _median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=50)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    objects = mesh_objects(args.services)
    registry = Registry([REGISTRY.by_name(k) for k in (*BASE, *KINDS)])
    base_registry = Registry([REGISTRY.by_name(k) for k in BASE])
    state = GenerationState(registry)
    state.load(objects)
    base_state = GenerationState(base_registry)
    base_state.load(objects)

    base_times, full_times = [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        base_state.generate("default", "client")
        base_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        generated = state.generate("default", "client")
        full_times.append(time.perf_counter() - started)
    assert generated is not None
    print(f"client with {args.services + 1} outbounds, {len(generated.resources)} resources with policies")
    print(f"  base resources only        {_median_ms(base_times)}")
    print(f"  with the six translations  {_median_ms(full_times)}")

    # Each translation on its own, on the base resources in plugin order (earlier kinds applied first).
    dataplane = state.dataplane("default", "client")
    rules = state.engine.rules("default", "client")
    assert dataplane is not None and rules is not None
    ctx = build_context(
        dataplane, rules, registry, mesh=state.mesh("default"), lookup=state.topology("default").lookup()
    )
    per_kind: dict[str, list[float]] = {k: [] for k in KINDS}
    for _ in range(args.runs):
        resources: ProxyResources = base_state.generate("default", "client").resources  # type: ignore[union-attr]
        for kind in registry.policies():
            configure = envoy_configurer(kind)
            if configure is None:
                continue
            started = time.perf_counter()
            configure(ctx, ctx.kind_rules(kind.name), resources)
            per_kind[kind.name].append(time.perf_counter() - started)
    for kind_name in KINDS:
        print(f"  {kind_name:<28}{_median_ms(per_kind[kind_name])}")


if __name__ == "__main__":
    main()
