"""xDS push figures: push-to-ACK latency with one real Envoy, and fan-out to many simulated proxies.

Run from the repository root::

    .venv/bin/python -m benchmarks.xds                      # Envoy latency + 500 and 2000 clients
    .venv/bin/python -m benchmarks.xds --clients 200 --skip-envoy

Part 1 starts Envoy 1.40 (delta ADS) against the in-process server and times ``set_snapshot`` →
the proxy has ACKed the whole snapshot, for listener (route timeout), endpoint and cluster-only
changes (the last one relies on the CDS→EDS fold).

Part 2 starts N simulated proxies: grpcio delta clients in worker processes that subscribe to CDS,
LDS and EDS like Envoy and ACK every response. Every proxy gets a snapshot (10 shared clusters
and endpoints, its own listener); the figures are the time to push a change to all of them until
every one has ACKed, and the server's memory per connected proxy (RSS growth / N).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import grpc

from pulumi_kuma.controlplane.xds import CLUSTER, ENDPOINT, LISTENER, Resource, SnapshotCache, XdsServer

SERVICES = [f"svc-{i}" for i in range(10)]


def rss_bytes() -> int:
    """Resident memory of this process."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def describe(label: str, seconds: list[float]) -> None:
    ms = [s * 1000 for s in seconds]
    print(
        f"  {label:<44} n={len(ms):<4} p50 {statistics.median(ms):7.2f} ms   "
        f"p99 {percentile(ms, 0.99):7.2f} ms   max {max(ms):7.2f} ms"
    )


# -- part 1: one real Envoy --------------------------------------------------------------------


async def envoy_latency(pushes: int) -> None:
    from tests.support.envoy import Envoy, make_bootstrap
    from tests.support.resources import free_port, route, service_snapshot
    from tests.support.upstream import upstream

    print(f"Push → ACK with one Envoy (delta ADS), {pushes} pushes per kind")
    server = XdsServer(SnapshotCache())
    port = await server.start()
    node = "default.bench"
    with tempfile.TemporaryDirectory() as tmp, upstream("A") as port_a, upstream("B") as port_b:
        listen = free_port()
        cache = server.cache
        cache.set_snapshot(node, service_snapshot(listen, {"backend": port_a}))
        envoy = Envoy(make_bootstrap("default", "bench", port), Path(tmp))
        started = time.monotonic()
        await envoy.start()
        await server.wait_in_sync(node)
        print(
            f"  Envoy start → LIVE with the first snapshot       {1000 * (time.monotonic() - started):7.1f} ms"
        )

        async def measure(label: str, make: Any) -> None:
            samples: list[float] = []
            deliveries: list[float] = []
            for index in range(pushes):
                resources = make(index)
                begin = time.monotonic()
                update = cache.set_snapshot(node, resources)
                assert update.changed, label
                status = await server.wait_in_sync(node, update.snapshot.version, timeout=20)
                samples.append(time.monotonic() - begin)
                if status.last_delivery_seconds is not None:
                    deliveries.append(status.last_delivery_seconds)
            describe(label, samples)
            describe("  (server's own delivery measure)", deliveries)

        await measure(
            "LDS: route timeout",
            lambda i: service_snapshot(
                listen, {"backend": port_a}, routes=[route("/", "backend", timeout=f"{i + 1}s")]
            ),
        )
        await measure(
            "EDS: endpoint moves A↔B",
            lambda i: service_snapshot(listen, {"backend": (port_a, port_b)[i % 2]}),
        )
        await measure(
            "CDS only (EDS re-sent by the fold)",
            lambda i: service_snapshot(
                listen, {"backend": port_a}, cluster_extra={"backend": {"connectTimeout": f"{i + 2}s"}}
            ),
        )
        await envoy.stop()
    await server.stop()


# -- part 2: many simulated proxies ------------------------------------------------------------


async def _worker(port: int, nodes: list[str], streams_per_channel: int) -> None:
    """Worker process: one delta ADS stream per node, ACKing everything and reconnecting after a
    failed stream (jittered 0.5-1 s, as Envoy backs off), like Envoy."""
    import random

    from envoy.config.core.v3 import base_pb2
    from envoy.service.discovery.v3 import ads_pb2_grpc, discovery_pb2

    channels = [
        grpc.aio.insecure_channel(f"127.0.0.1:{port}", options=[("grpc.use_local_subchannel_pool", 1)])
        for _ in range(0, len(nodes), streams_per_channel)
    ]
    retries = 0

    async def proxy(index: int, node_id: str) -> None:
        nonlocal retries
        stub = ads_pb2_grpc.AggregatedDiscoveryServiceStub(channels[index // streams_per_channel])
        while True:
            call = stub.DeltaAggregatedResources()
            try:
                node = base_pb2.Node(id=node_id)
                await call.write(discovery_pb2.DeltaDiscoveryRequest(node=node, type_url=CLUSTER))
                await call.write(discovery_pb2.DeltaDiscoveryRequest(type_url=LISTENER))
                subscribe = discovery_pb2.DeltaDiscoveryRequest(
                    type_url=ENDPOINT, resource_names_subscribe=SERVICES
                )
                await call.write(subscribe)
                while True:
                    response = await call.read()
                    if response is grpc.aio.EOF:
                        return
                    ack = discovery_pb2.DeltaDiscoveryRequest(
                        type_url=response.type_url, response_nonce=response.nonce
                    )
                    await call.write(ack)
            except grpc.RpcError:
                retries += 1
                await asyncio.sleep(0.5 + random.random() / 2)

    async def report() -> None:
        while True:
            await asyncio.sleep(1)
            print(f"retries {retries}", flush=True)

    reporter = asyncio.create_task(report())
    await asyncio.gather(*(proxy(i, n) for i, n in enumerate(nodes)))
    reporter.cancel()


def _snapshot(shared: dict[str, list[Resource]], node: str, timeout: str) -> dict[str, Any]:
    from tests.support.resources import listener, route

    routes = [route(f"/{svc}", svc, timeout=timeout) for svc in SERVICES]
    return {**shared, LISTENER: [listener(f"outbound-{node}", 10000, routes)]}


async def _push_to_all(server: XdsServer, snapshots: dict[str, dict[str, Any]]) -> tuple[float, float]:
    """Set every proxy's snapshot, wait until all ACKed; returns (set time, total time)."""
    begin = time.monotonic()
    versions = {
        node: server.cache.set_snapshot(node, resources).snapshot.version
        for node, resources in snapshots.items()
    }
    set_done = time.monotonic()
    await asyncio.gather(*(server.wait_in_sync(node, versions[node], timeout=300) for node in snapshots))
    return set_done - begin, time.monotonic() - begin


async def fan_out(clients: int, rounds: int, workers: int, streams_per_channel: int) -> None:
    from tests.support.resources import eds_cluster, endpoints

    print(
        f"{clients} simulated delta proxies ({workers} worker processes, {streams_per_channel} streams per channel)"
    )
    gc.collect()
    baseline = rss_bytes()
    server = XdsServer(SnapshotCache())
    port = await server.start()
    cache = server.cache
    shared = {
        CLUSTER: [cache.resource(CLUSTER, eds_cluster(svc)) for svc in SERVICES],
        ENDPOINT: [cache.resource(ENDPOINT, endpoints(svc, 20000 + i)) for i, svc in enumerate(SERVICES)],
    }
    nodes = [f"default.proxy-{i}" for i in range(clients)]
    begin = time.monotonic()
    for node in nodes:
        cache.set_snapshot(node, _snapshot(shared, node, "15s"))
    build = time.monotonic() - begin
    gc.collect()
    with_snapshots = rss_bytes()
    print(f"  first set_snapshot for every proxy          {1000 * build:9.1f} ms")
    print(
        f"  server memory per proxy snapshot            {(with_snapshots - baseline) / clients / 1024:9.1f} KiB"
    )

    processes = []
    per_worker = (clients + workers - 1) // workers
    begin = time.monotonic()
    for start in range(0, clients, per_worker):
        chunk = nodes[start : start + per_worker]
        command = [sys.executable, "-m", "benchmarks.xds", "--worker", str(port), json.dumps(chunk)]
        command += ["--streams-per-channel", str(streams_per_channel)]
        processes.append(subprocess.Popen(command, stdout=subprocess.PIPE, text=True))
    try:
        await asyncio.gather(*(server.wait_in_sync(node, timeout=600) for node in nodes))
        connect = time.monotonic() - begin
        gc.collect()
        connected = rss_bytes()
        print(f"  all connected, initial config ACKed         {1000 * connect:9.1f} ms")
        print(
            f"  server memory per connected proxy (stream)  {(connected - with_snapshots) / clients / 1024:9.1f} KiB"
        )
        lds: list[tuple[float, float]] = []
        for index in range(rounds):
            timeout = f"{index + 1}s"
            lds.append(await _push_to_all(server, {node: _snapshot(shared, node, timeout) for node in nodes}))
        eds: list[tuple[float, float]] = []
        for index in range(rounds):
            moved = [cache.resource(ENDPOINT, endpoints(SERVICES[0], 30000 + index)), *shared[ENDPOINT][1:]]
            changed = {CLUSTER: shared[CLUSTER], ENDPOINT: moved}
            eds.append(
                await _push_to_all(server, {node: _snapshot(changed, node, timeout) for node in nodes})
            )
        for label, results in (("an LDS change (every listener)", lds), ("one shared endpoint change", eds)):
            sets = [1000 * r[0] for r in results]
            totals = [1000 * r[1] for r in results]
            print(
                f"  push {label:<31} set_snapshot x{clients} p50 {statistics.median(sets):8.1f} ms; "
                f"until all ACKed p50 {statistics.median(totals):8.1f} ms (max {max(totals):.1f})"
            )
    finally:
        for process in processes:
            process.terminate()
        retried = 0
        for process in processes:
            output, _ = process.communicate(timeout=10)
            counts = [int(line.split()[1]) for line in output.splitlines() if line.startswith("retries ")]
            retried += counts[-1] if counts else 0
        print(f"  streams that failed and reconnected         {retried:9d}")
        await server.stop(0.5)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, nargs="*", default=[500, 2000])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pushes", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--streams-per-channel", type=int, default=100)
    parser.add_argument("--skip-envoy", action="store_true")
    parser.add_argument("--worker", nargs=2, metavar=("PORT", "NODES_JSON"), help=argparse.SUPPRESS)
    parser.add_argument("--fan-out", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        asyncio.run(_worker(int(args.worker[0]), json.loads(args.worker[1]), args.streams_per_channel))
        return
    if args.fan_out:
        asyncio.run(fan_out(args.fan_out, args.rounds, args.workers, args.streams_per_channel))
        return
    if not args.skip_envoy:
        asyncio.run(envoy_latency(args.pushes))
    for clients in args.clients:
        # A fresh process per size, so that memory figures do not inherit the previous run's heap.
        print(flush=True)
        command = [
            sys.executable,
            "-m",
            "benchmarks.xds",
            "--fan-out",
            str(clients),
            "--rounds",
            str(args.rounds),
        ]
        command += ["--workers", str(args.workers), "--streams-per-channel", str(args.streams_per_channel)]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
