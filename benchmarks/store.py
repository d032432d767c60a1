"""Store throughput: writes/s and reads/s with 16 concurrent asyncio clients, on each backend.

Usage::

    .venv/bin/python benchmarks/store.py [--backend sqlite|postgres|all] [--resources 4000]
        [--rounds 5] [--clients 16] [--pg postgresql://postgres@127.0.0.1:5432]

Each round runs, with ``--clients`` concurrent tasks on one store:

* ``create``: insert fresh resources;
* ``update``: what a REST PUT does (get the resource, update it with the version read);
* ``get``: point reads;
* ``list``: list every resource of the type (one ``MeshTimeout`` list of ``--resources`` rows).

It prints the median over the rounds of operations per second, and the median per-operation latency
(p50 / p99) of the last round. On PostgreSQL it also times how long a write on one replica takes to
reach another replica as a change event. The database is created for the run and dropped after.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from pulumi_kuma.controlplane.store import Store
from pulumi_kuma.controlplane.store.factory import open_store
from pulumi_kuma.model.envelope import ResourceObject

SPEC: dict[str, Any] = {
    "targetRef": {"kind": "Mesh"},
    "to": [
        {
            "targetRef": {"kind": "Mesh"},
            "default": {
                "connectionTimeout": "5s",
                "idleTimeout": "1h",
                "http": {"requestTimeout": "15s", "streamIdleTimeout": "30m", "maxStreamDuration": "0s"},
            },
        }
    ],
}
LABELS = {"kuma.io/mesh": "default", "kuma.io/origin": "zone", "kuma.io/zone": "default", "team": "payments"}


def resource(round_number: int, index: int) -> ResourceObject:
    return ResourceObject(
        type="MeshTimeout",
        mesh="default",
        name=f"timeout-{round_number}-{index}",
        labels=dict(LABELS),
        spec=SPEC,
    )


async def run_clients(
    clients: int, count: int, operation: Callable[[int], Awaitable[object]]
) -> tuple[float, list[float]]:
    """Run ``operation(i)`` for i in range(count) on ``clients`` concurrent tasks; (ops/s, latencies)."""
    latencies: list[float] = []

    async def client(first: int) -> None:
        for index in range(first, count, clients):
            began = time.perf_counter()
            await operation(index)
            latencies.append(time.perf_counter() - began)

    started = time.perf_counter()
    await asyncio.gather(*(client(c) for c in range(clients)))
    return count / (time.perf_counter() - started), latencies


async def one_round(
    store: Store, round_number: int, resources: int, clients: int
) -> dict[str, tuple[float, list[float]]]:
    results: dict[str, tuple[float, list[float]]] = {}

    async def create(i: int) -> None:
        await store.create(resource(round_number, i))

    async def put(i: int) -> None:
        current = await store.get("MeshTimeout", "default", f"timeout-{round_number}-{i}")
        assert current is not None
        spec = {**current.spec, "to": [{**current.spec["to"][0], "default": {"idleTimeout": f"{i}s"}}]}
        await store.update(current.evolve(spec=spec), expected_version=current.version)

    async def get(i: int) -> None:
        found = await store.get("MeshTimeout", "default", f"timeout-{round_number}-{i}")
        assert found is not None

    async def list_all(_: int) -> None:
        assert len(await store.list("MeshTimeout", "default")) == resources

    results["create"] = await run_clients(clients, resources, create)
    results["update"] = await run_clients(clients, resources, put)
    results["get"] = await run_clients(clients, resources, get)
    results["list"] = await run_clients(clients, max(clients, 32), list_all)
    for i in range(resources):
        await store.delete("MeshTimeout", "default", f"timeout-{round_number}-{i}")
    return results


async def bench(url: str, label: str, resources: int, rounds: int, clients: int) -> None:
    store = await open_store(url)
    try:
        per_round = [await one_round(store, r, resources, clients) for r in range(rounds)]
    finally:
        await store.close()
    print(f"\n{label}: {clients} concurrent clients, {resources} resources, median of {rounds} rounds")
    for operation in ("create", "update", "get", "list"):
        rate = statistics.median(result[operation][0] for result in per_round)
        latencies = sorted(per_round[-1][operation][1])
        p50 = latencies[len(latencies) // 2] * 1000
        p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
        unit = "lists/s" if operation == "list" else "ops/s"
        print(f"  {operation:<7} {rate:>9.0f} {unit:<8} p50 {p50:7.2f} ms   p99 {p99:7.2f} ms")


async def replica_latency(url: str, writes: int) -> None:
    """Time from the start of a write on one replica to its change event on another."""
    writer, watcher = await open_store(url), await open_store(url)
    try:
        subscription = watcher.changes()
        delays: list[float] = []
        for i in range(writes):
            began = time.perf_counter()
            await writer.create(resource(-1, i))
            while (await anext(subscription)).name != f"timeout--1-{i}":
                pass
            delays.append(time.perf_counter() - began)
        for i in range(writes):
            await writer.delete("MeshTimeout", "default", f"timeout--1-{i}")
    finally:
        await writer.close()
        await watcher.close()
    delays.sort()
    print(
        f"  replica event latency (write on one replica to event on another, {writes} writes): "
        f"p50 {delays[len(delays) // 2] * 1000:.2f} ms, max {delays[-1] * 1000:.2f} ms"
    )


async def bench_postgres(server: str, resources: int, rounds: int, clients: int) -> None:
    name = f"pk_bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{server}/test", autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        await bench(f"{server}/{name}", "postgres", resources, rounds, clients)
        await replica_latency(f"{server}/{name}", 200)
    finally:
        with psycopg.connect(f"{server}/test", autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", choices=["sqlite", "postgres", "all"], default="all")
    parser.add_argument("--resources", type=int, default=4000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument(
        "--pg", default="postgresql://postgres@127.0.0.1:5432", help="server URL, no database"
    )
    parser.add_argument("--sqlite-synchronous", choices=["normal", "full"], default="normal")
    args = parser.parse_args()
    if args.backend in ("sqlite", "all"):
        with tempfile.TemporaryDirectory() as directory:
            url = f"sqlite://{Path(directory) / 'bench.db'}?synchronous={args.sqlite_synchronous}"
            label = f"sqlite (synchronous={args.sqlite_synchronous})"
            asyncio.run(bench(url, label, args.resources, args.rounds, args.clients))
    if args.backend in ("postgres", "all"):
        asyncio.run(bench_postgres(args.pg, args.resources, args.rounds, args.clients))


if __name__ == "__main__":
    main()
