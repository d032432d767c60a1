"""Impact preview cost: does it scale with the change or with the mesh?

On the mesh of ``benchmarks.resolve`` (Dataplanes, MeshServices, policies of every kind) at several
sizes, prints the median time of :func:`resolve.impact.preview` for: one targeted policy changed (a
``targetRef: Dataplane`` by ``app``, a few Dataplanes), a new targeted policy, one mesh-wide policy
changed (every Dataplane), and a no-op (an identical policy), next to the same change applied for
real to the engine (``engine.upsert``) and a full resolution of the mesh. The preview includes the
rendering and diff of every Dataplane it reports.

    .venv/bin/python -m benchmarks.impact [--sizes 1000,4000] [--runs 16]
"""

from __future__ import annotations

import argparse
import copy
import statistics
import time
from collections.abc import Callable

from benchmarks.resolve import build_mesh
from pulumi_kuma.controlplane.resolve.engine import ResolutionEngine
from pulumi_kuma.controlplane.resolve.impact import Upsert, preview
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.registry import REGISTRY

MESH = "default"


def _changed(policy: ResourceObject, n: int) -> ResourceObject:
    """The policy with its first ``to`` (or ``rules``) item's conf changed."""
    spec = copy.deepcopy(policy.spec)
    for section in ("to", "rules"):
        items = spec.get(section)
        if items and isinstance(items[0], dict) and isinstance(items[0].get("default"), dict):
            items[0]["default"]["benchmark"] = n
            return policy.evolve(spec=spec)
    spec.setdefault("default", {})["benchmark"] = n
    return policy.evolve(spec=spec)


def _median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.1f} ms"


def _measure(
    engine: ResolutionEngine, changes: list[ResourceObject]
) -> tuple[list[float], list[float], list[int]]:
    """(preview seconds, real upsert seconds, Dataplanes reported) for each change."""
    previews, reals, affected = [], [], []
    for change in changes:
        started = time.perf_counter()
        impact = preview(engine, MESH, [Upsert(change)])
        previews.append(time.perf_counter() - started)
        affected.append(len(impact.items))
        real = engine.overlay(MESH)  # apply for real, on a throwaway copy of the same state
        started = time.perf_counter()
        real.upsert(change)
        reals.append(time.perf_counter() - started)
    return previews, reals, affected


def run(dataplanes: int, runs: int) -> None:
    services, policies = max(10, dataplanes * 3 // 10), max(20, dataplanes // 2)
    objects = build_mesh(dataplanes, services, policies)
    started = time.perf_counter()
    engine = ResolutionEngine(REGISTRY)
    engine.load(objects)
    full = time.perf_counter() - started
    print(f"\nmesh: {dataplanes} Dataplanes, {services} MeshServices, {policies} policies")
    print(f"  full resolution: {full * 1000:.0f} ms")
    all_policies = [o for o in objects if REGISTRY.by_name(o.type).is_policy]
    targeted = [p for p in all_policies if p.spec.get("targetRef", {}).get("kind") == "Dataplane"]
    mesh_wide = [p for p in all_policies if p.spec.get("targetRef", {}).get("kind") == "Mesh"]

    def sample(
        items: list[ResourceObject], make: Callable[[ResourceObject, int], ResourceObject]
    ) -> list[ResourceObject]:
        step = max(1, len(items) // runs)
        return [make(p, n) for n, p in enumerate(items[::step][:runs])]

    cases = [
        ("one targeted policy changed", sample(targeted, _changed)),
        ("a new targeted policy", sample(targeted, lambda p, n: _changed(p, n).evolve(name=f"new-{n}"))),
        ("one mesh-wide policy changed", sample(mesh_wide, _changed)),
        (
            "an identical policy re-applied (no-op)",
            sample(targeted, lambda p, n: p.evolve(version=p.version + 1)),
        ),
    ]
    for label, changes in cases:
        previews, reals, affected = _measure(engine, changes)
        print(
            f"  {label}: preview {_median_ms(previews)}, applying it {_median_ms(reals)}, "
            f"{statistics.median(affected):.0f} Dataplanes reported (median of {len(changes)})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,4000", help="Dataplane counts, comma-separated")
    parser.add_argument("--runs", type=int, default=16)
    args = parser.parse_args()
    for size in (int(s) for s in args.sizes.split(",")):
        run(size, args.runs)


if __name__ == "__main__":
    main()
