"""Policy resolution speed and memory on a mesh of 1,000 Dataplanes, 300 MeshServices, 500 policies.

The mesh: MeshServices ``svc-0..299`` (two ports each), three Dataplanes per service (labels ``app``,
``version``, namespace; one or two inbounds), and 500 policies cycling through every policy kind,
a fifth of them mesh-wide and the rest aimed at one service's Dataplanes (``targetRef: Dataplane``
by ``app``), with ``to`` entries naming other services (sometimes one port), the mesh, or routes.

Prints the median of several runs of: full resolution (index build + every Dataplane), the
per-Dataplane median inside it, one policy change applied incrementally (a mesh-wide one and a
targeted one), and memory (peak traced allocations during a full resolution, and the size retained
per Dataplane).

    .venv/bin/python -m benchmarks.resolve [--dataplanes 1000] [--services 300] [--policies 500] [--runs 3]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import time
import tracemalloc
from typing import Any

from pulumi_kuma.controlplane.resolve.engine import ResolutionEngine
from pulumi_kuma.controlplane.resolve.resolver import MeshIndex
from pulumi_kuma.controlplane.resolve.types import MeshSnapshot
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.model.registry import KindDescriptor, Section
from pulumi_kuma.registry import REGISTRY

MESH = "default"


def _service(j: int) -> ResourceObject:
    labels = {"kuma.io/display-name": f"svc-{j}", "k8s.kuma.io/namespace": f"ns-{j % 10}"}
    ports = [
        {"port": 80, "name": "http", "appProtocol": "http"},
        {"port": 81, "name": "grpc", "appProtocol": "grpc"},
    ]
    return ResourceObject("MeshService", f"svc-{j}", MESH, labels, {"ports": ports, "state": "Available"})


def _dataplane(i: int, services: int) -> ResourceObject:
    app = f"svc-{i % services}"
    labels = {"app": app, "version": f"v{i % 3}", "k8s.kuma.io/namespace": f"ns-{i % services % 10}"}
    inbounds: list[dict[str, Any]] = [{"port": 8080, "name": "http", "tags": {"kuma.io/service": app}}]
    if i % 4 == 0:
        inbounds.append({"port": 9090, "name": "metrics"})
    spec = {"networking": {"address": f"10.{i // 65536}.{i // 256 % 256}.{i % 256}", "inbound": inbounds}}
    return ResourceObject("Dataplane", f"dp-{i}", MESH, labels, spec)


def _sample_conf(kind: KindDescriptor, section: str) -> dict[str, Any]:
    example = dict(kind.example or {})
    if section == "default":
        return dict(example.get("default") or {"sample": True})
    items = example.get(section) or []
    if items and isinstance(items[0], dict) and "default" in items[0]:
        return dict(items[0]["default"])
    return {"sample": True}


def _route_item(target: dict[str, Any], i: int, kind: KindDescriptor) -> dict[str, Any]:
    backend = {"kind": "MeshService", "labels": target["labels"], "weight": 1}
    if kind.policy is not None and kind.policy.merge_by_key is not None:
        rules = [
            {
                "matches": [{"path": {"value": f"/p{i % 5}", "type": "PathPrefix"}}],
                "default": {"backendRefs": [backend]},
            }
        ]
    else:
        rules = [{"default": {"backendRefs": [backend]}}]
    return {"targetRef": target, "rules": rules}


def _policy(i: int, kind: KindDescriptor, services: int) -> ResourceObject:
    traits = kind.policy
    assert traits is not None
    mesh_wide = i % 5 == 0
    top: dict[str, Any] = (
        {"kind": "Mesh"}
        if mesh_wide
        else {"kind": "Dataplane", "labels": {"app": f"svc-{(i * 7) % services}"}}
    )
    spec: dict[str, Any] = {"targetRef": top}
    routes = traits.to_conf is not None
    if Section.TO in traits.sections:
        items = []
        for n in range(3):
            j = (i * 13 + n * 31) % services
            target: dict[str, Any] = {"kind": "MeshService", "labels": {"kuma.io/display-name": f"svc-{j}"}}
            if n == 1 and not routes:
                target["sectionName"] = "http"
            if n == 2 and not routes and i % 2 == 0:
                target = {"kind": "Mesh"}
            if routes:
                items.append(_route_item(target, i + n, kind))
            else:
                items.append({"targetRef": target, "default": _sample_conf(kind, "to")})
        spec["to"] = items
    elif Section.RULES in traits.sections:
        rule: dict[str, Any] = {"default": _sample_conf(kind, "rules")}
        if i % 3 == 0:
            rule["matches"] = [{"spiffeID": {"type": "Prefix", "value": f"spiffe://{MESH}/ns/ns-{i % 10}"}}]
        spec["rules"] = [rule]
    if Section.DEFAULT in traits.sections:
        spec["default"] = _sample_conf(kind, "default")
    labels = {"kuma.io/display-name": f"{kind.plural}-{i}"}
    return ResourceObject(kind.name, f"{kind.plural}-{i}", MESH, labels, spec)


def build_mesh(dataplanes: int, services: int, policies: int) -> list[ResourceObject]:
    """The benchmark mesh's resources."""
    kinds = REGISTRY.policies()
    objects = [ResourceObject("Mesh", MESH, None, {}, {})]
    objects += [_service(j) for j in range(services)]
    objects += [_dataplane(i, services) for i in range(dataplanes)]
    objects += [_policy(i, kinds[i % len(kinds)], services) for i in range(policies)]
    return objects


def _full_resolution(objects: list[ResourceObject]) -> tuple[float, float, list[float]]:
    """(wall seconds, CPU seconds, CPU seconds per Dataplane) of building an index and resolving all."""
    start, start_cpu = time.perf_counter(), time.process_time()
    index = MeshIndex(MeshSnapshot.from_objects(MESH, objects), REGISTRY)
    per_dataplane = []
    for view in index.dataplanes.values():
        t = time.process_time()
        index.resolve(view)
        per_dataplane.append(time.process_time() - t)
    return time.perf_counter() - start, time.process_time() - start_cpu, per_dataplane


def _changed_policy(obj: ResourceObject, n: int) -> ResourceObject:
    spec = dict(obj.spec)
    if "to" in spec:
        spec["to"] = [*spec["to"][1:], spec["to"][0]]
    labels = {**obj.labels, "revision": str(n)}
    return obj.evolve(spec=spec, labels=labels)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataplanes", type=int, default=1000)
    parser.add_argument("--services", type=int, default=300)
    parser.add_argument("--policies", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    objects = build_mesh(args.dataplanes, args.services, args.policies)
    policies = [o for o in objects if REGISTRY.by_name(o.type).is_policy]
    print(
        f"mesh: {args.dataplanes} Dataplanes, {args.services} MeshServices, {len(policies)} policies "
        f"of {len({p.type for p in policies})} kinds"
    )

    print(
        f"(wall-clock and CPU time of this process; they differ when the machine is busy; {os.cpu_count()} cores)"
    )
    walls, cpus, medians = [], [], []
    for _ in range(args.runs):
        gc.collect()
        wall, cpu, per_dataplane = _full_resolution(objects)
        walls.append(wall)
        cpus.append(cpu)
        medians.append(statistics.median(per_dataplane))
    print(
        f"full resolution (median of {args.runs}): {statistics.median(walls) * 1000:.0f} ms wall, "
        f"{statistics.median(cpus) * 1000:.0f} ms CPU"
    )
    print(f"per Dataplane (median): {statistics.median(medians) * 1e6:.0f} us CPU")

    engine = ResolutionEngine(REGISTRY)
    engine.load(objects)
    mesh_wide = [p for p in policies if p.spec.get("targetRef", {}).get("kind") == "Mesh"]
    targeted = [p for p in policies if p.spec.get("targetRef", {}).get("kind") == "Dataplane"]
    for label, sample in (("mesh-wide", mesh_wide), ("targeted", targeted)):
        timings, cpu_timings, changed, recomputed = [], [], [], []
        for n, policy in enumerate(sample[:: max(1, len(sample) // 32)][:32]):
            update_to = _changed_policy(policy, n)
            t, t_cpu = time.perf_counter(), time.process_time()
            update = engine.upsert(update_to)
            timings.append(time.perf_counter() - t)
            cpu_timings.append(time.process_time() - t_cpu)
            changed.append(len(update.changed))
            recomputed.append(update.recomputed)
        print(
            f"one {label} policy change (median of {len(timings)}): {statistics.median(timings) * 1000:.1f} ms wall, "
            f"{statistics.median(cpu_timings) * 1000:.1f} ms CPU (recomputed {statistics.median(recomputed):.0f} "
            f"Dataplane-kind pairs, {statistics.median(changed):.0f} Dataplanes changed)"
        )
    services = [o for o in objects if o.type == "MeshService"][:16]
    timings, cpu_timings = [], []
    for service in services:
        t, t_cpu = time.perf_counter(), time.process_time()
        update = engine.upsert(service.evolve(labels={**service.labels, "team": "x"}))
        timings.append(time.perf_counter() - t)
        cpu_timings.append(time.process_time() - t_cpu)
    print(
        f"one MeshService change (median of {len(timings)}): {statistics.median(timings) * 1000:.1f} ms wall, "
        f"{statistics.median(cpu_timings) * 1000:.1f} ms CPU"
    )

    del engine
    gc.collect()
    tracemalloc.start()
    before, _ = tracemalloc.get_traced_memory()
    retained = ResolutionEngine(REGISTRY)
    retained.load(objects)
    gc.collect()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    per_dp = (current - before) / args.dataplanes
    print(
        f"memory: peak {(peak - before) / 2**20:.1f} MiB during a full resolution, "
        f"retained {(current - before) / 2**20:.1f} MiB ({per_dp / 1024:.1f} KiB per Dataplane)"
    )


if __name__ == "__main__":
    main()
