"""REST API throughput and latency of ``pulumi-kuma cp run``, per store.

Starts the control plane as a subprocess on a free port, creates a mesh, then runs concurrent
httpx clients: a PUT phase (each client upserts its own resources, alternating creates and
updates) and a GET phase (each client reads those resources back). Prints requests per second
and the median and 99th-percentile latency of each phase, per store.

    .venv/bin/python -m benchmarks.api                 # SQLite, and PostgreSQL if reachable
    .venv/bin/python -m benchmarks.api --stores sqlite --clients 16 --seconds 10
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.controlplane.api.support import ControlPlaneProcess, pg_database

RESOURCES_PER_CLIENT = 20


def _policy(name: str, seconds: int) -> dict[str, object]:
    return {
        "type": "MeshTimeout",
        "mesh": "default",
        "name": name,
        "spec": {
            "targetRef": {"kind": "Mesh"},
            "to": [{"targetRef": {"kind": "Mesh"}, "default": {"idleTimeout": f"{seconds}s"}}],
        },
    }


@dataclass
class Phase:
    name: str
    requests: int
    seconds: float
    latencies: list[float]
    errors: int

    def report(self) -> str:
        ordered = sorted(self.latencies)
        p50 = statistics.median(ordered) * 1000
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
        rate = self.requests / self.seconds
        return f"{self.name}: {rate:8.0f} req/s  p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  ({self.requests} requests, {self.errors} errors)"


async def _client_loop(
    base: str, client_id: int, method: str, deadline: float, latencies: list[float], errors: list[int]
) -> int:
    done = 0
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        i = 0
        while time.perf_counter() < deadline:
            name = f"c{client_id}-r{i % RESOURCES_PER_CLIENT}"
            path = f"/meshes/default/meshtimeouts/{name}"
            started = time.perf_counter()
            if method == "PUT":
                response = await client.put(path, json=_policy(name, 1 + i % 50))
                ok = response.status_code in (200, 201)
            else:
                response = await client.get(path)
                ok = response.status_code == 200
            latencies.append(time.perf_counter() - started)
            if not ok:
                errors.append(response.status_code)
            done += 1
            i += 1
    return done


async def _phase(base: str, method: str, clients: int, seconds: float) -> Phase:
    latencies: list[float] = []
    errors: list[int] = []
    started = time.perf_counter()
    deadline = started + seconds
    counts = await asyncio.gather(
        *(_client_loop(base, c, method, deadline, latencies, errors) for c in range(clients))
    )
    elapsed = time.perf_counter() - started
    return Phase(method, sum(counts), elapsed, latencies, len(errors))


async def _bench(base: str, clients: int, seconds: float) -> list[Phase]:
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        response = await client.put("/meshes/default", json={"type": "Mesh", "name": "default"})
        response.raise_for_status()
    await _phase(base, "PUT", clients, 1.0)  # warm-up: creates every resource
    put = await _phase(base, "PUT", clients, seconds)
    get = await _phase(base, "GET", clients, seconds)
    return [put, get]


@contextlib.contextmanager
def _store(kind: str) -> Iterator[str]:
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{Path(tmp) / 'bench.db'}"
    else:
        with pg_database("pk_bench") as url:
            yield url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stores", default="sqlite,postgres", help="comma-separated: sqlite, postgres")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (default 16)")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each phase (default 10)")
    args = parser.parse_args(argv)
    for kind in args.stores.split(","):
        try:
            with _store(kind) as url, ControlPlaneProcess(url) as cp:
                phases = asyncio.run(_bench(cp.url, args.clients, args.seconds))
        except Exception as exc:  # e.g. no PostgreSQL here: report and go on
            print(f"{kind}: could not run: {exc}", file=sys.stderr)
            continue
        print(f"store {kind}, {args.clients} clients, {args.seconds:.0f} s per phase")
        for phase in phases:
            print("  " + phase.report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
