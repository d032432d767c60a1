"""How long ``pulumi-kuma stack up`` takes for many policies, and what the provider adds to REST.

Starts ``pulumi-kuma cp run`` (SQLite, free port), writes a program declaring N MeshTimeouts, and
measures, per run (median of several, each on a fresh stack):

* ``up``: the first ``stack up`` (N creates through the real provider host);
* ``no-op up``: a second ``stack up`` with nothing to change (N checks and diffs);
* ``preview``: a preview of the unchanged program;
* ``destroy``: N deletes;
* ``raw REST``: the same N resources written with plain httpx calls, the calls the provider makes
  per create (GET to refuse overwriting, PUT, GET for the outputs), in 4 threads like the host;
* ``raw PUT only``: just the N PUTs, in 4 threads.

The provider's overhead is ``up`` minus ``raw REST``; ``preview`` (no REST at all) shows how much of
it is the fixed pipeline: starting the program and the host, the SDK registering, Check over gRPC.

    .venv/bin/python benchmarks/stack.py [--policies 200] [--runs 3]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pulumi_kuma.provider.stack import StackRunner  # noqa: E402
from tests.provider.live import LiveControlPlane  # noqa: E402

PROGRAM = """
import pulumi_kuma as kuma

for i in range({count}):
    kuma.MeshTimeout(
        f"bench-{{i}}",
        mesh="default",
        spec={{
            "targetRef": {{"kind": "Mesh"}},
            "to": [{{"targetRef": {{"kind": "MeshService", "labels": {{"app": f"svc-{{i}}"}}}},
                    "default": {{"connectionTimeout": "2s", "http": {{"requestTimeout": "5s"}}}}}}],
        }},
    )
"""


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def raw_rest(address: str, count: int, *, full: bool, prefix: str) -> float:
    """Write ``count`` MeshTimeouts with httpx, 4 at a time, then delete them (not timed)."""
    client = httpx.Client(base_url=address, timeout=30)

    def one(i: int) -> None:
        path = f"/meshes/default/meshtimeouts/{prefix}-{i}"
        body = {
            "type": "MeshTimeout",
            "mesh": "default",
            "name": f"{prefix}-{i}",
            "spec": {
                "targetRef": {"kind": "Mesh"},
                "to": [
                    {
                        "targetRef": {"kind": "MeshService", "labels": {"app": f"svc-{i}"}},
                        "default": {"connectionTimeout": "2s", "http": {"requestTimeout": "5s"}},
                    }
                ],
            },
        }
        if full:
            client.get(path)
        client.put(path, json=body).raise_for_status()
        if full:
            client.get(path).raise_for_status()

    with ThreadPoolExecutor(4) as pool:
        seconds = timed(lambda: list(pool.map(one, range(count))))
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda i: client.delete(f"/meshes/default/meshtimeouts/{prefix}-{i}"), range(count)))
    client.close()
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--policies", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    figures: dict[str, list[float]] = {
        k: [] for k in ("up", "no-op up", "preview", "destroy", "raw REST", "raw PUT only")
    }
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "cp").mkdir()
        cp = LiveControlPlane(root / "cp").start()
        try:
            httpx.put(
                f"{cp.address}/meshes/default", json={"type": "Mesh", "name": "default"}
            ).raise_for_status()
            for run in range(args.runs):
                project = root / f"project-{run}"
                project.mkdir()
                (project / "Pulumi.yaml").write_text("name: bench\nruntime: python\n")
                (project / "__main__.py").write_text(PROGRAM.format(count=args.policies))

                def runner(project: Path = project) -> StackRunner:
                    return StackRunner(
                        project,
                        config={"kuma:address": cp.address},
                        out=io.StringIO(),
                        progress=False,
                        show_diff=False,
                    )

                results = {}
                for name, action in (
                    ("up", "up"),
                    ("no-op up", "up"),
                    ("preview", "preview"),
                    ("destroy", "destroy"),
                ):
                    start = time.perf_counter()
                    result = getattr(runner(), action)()
                    figures[name].append(time.perf_counter() - start)
                    results[name] = result
                    if not result.ok:
                        print(f"{name} failed", file=sys.stderr)
                        return 1
                assert results["up"].counts == {"create": args.policies}
                assert results["no-op up"].counts == {"same": args.policies}
                figures["raw REST"].append(raw_rest(cp.address, args.policies, full=True, prefix=f"raw{run}"))
                figures["raw PUT only"].append(
                    raw_rest(cp.address, args.policies, full=False, prefix=f"put{run}")
                )
        finally:
            cp.stop()
    n = args.policies
    print(f"stack runner, {n} MeshTimeouts, median of {args.runs} runs (pulumi-kuma cp run, SQLite):")
    for name, values in figures.items():
        median = statistics.median(values)
        print(f"  {name:<13} {median:7.2f} s   {median / n * 1000:7.1f} ms per policy")
    overhead = statistics.median(figures["up"]) - statistics.median(figures["raw REST"])
    print(
        f"  provider overhead over the raw REST calls: {overhead:.2f} s ({overhead / n * 1000:.1f} ms per policy)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
