"""Config propagation figures: policy PUT → every affected Envoy has ACKed, and generation cost at scale.

Run from the repository root::

    .venv/bin/python -m benchmarks.propagation                    # both parts (50 Envoys, 2000 clients)
    .venv/bin/python -m benchmarks.propagation --envoys 10 --skip-clients

Part 1 runs the control plane in this process (SQLite store, REST API, config distribution) and 50
real Envoy 1.40 proxies bootstrapped through ``POST /bootstrap`` (5 services of 10 instances, each
proxy with an inbound and outbounds to two other services). A MeshTimeout ``to: Mesh`` is PUT over
the REST API 20 times with a new request timeout; each sample is the time from the PUT's response to
the last ACK of the new config by the last of the 50 proxies (every proxy is affected).

Part 2 (a fresh process) stores 2,000 Dataplanes and connects 2,000 simulated proxies (grpcio delta
ADS clients in worker processes that subscribe to clusters, listeners and the endpoints of every
cluster, and ACK everything, like Envoy). Figures: generation time per proxy (initial config, a
mesh-wide policy change, an endpoint change), time until all affected proxies ACKed, and the
control plane's memory per connected proxy.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import grpc
import httpx
import yaml

from pulumi_kuma.controlplane.distribution import ConfigDistribution, DistributionOptions, install
from pulumi_kuma.controlplane.runtime import ControlPlane, Settings
from pulumi_kuma.controlplane.store.base import Store
from pulumi_kuma.controlplane.store.factory import open_store
from pulumi_kuma.controlplane.xds import CLUSTER, ENDPOINT, LISTENER, ProxyStatus
from pulumi_kuma.model.envelope import ResourceObject, now
from pulumi_kuma.registry import REGISTRY

SERVICES = 5


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
        f"  {label:<52} n={len(ms):<5} p50 {statistics.median(ms):8.2f} ms   "
        f"p99 {percentile(ms, 0.99):8.2f} ms   max {max(ms):8.2f} ms",
        flush=True,
    )


def free_ports(count: int) -> list[int]:
    """``count`` distinct bindable ports below the kernel's ephemeral range (so that Envoy's admin
    listeners and outgoing connections, which take ephemeral ports, cannot take them meanwhile)."""
    low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    ports: list[int] = []
    candidate = max(1024, low - 12_000 + random.randrange(6_000))
    while len(ports) < count:
        candidate += 1
        if candidate >= low:
            raise RuntimeError("not enough free ports below the ephemeral range")
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", candidate))
            except OSError:
                continue
        ports.append(candidate)
    return ports


def dataplane(index: int, services: int, ports: list[int]) -> dict[str, Any]:
    """Proxy ``index`` of service ``index % services``, calling the next two services; ``ports``:
    its inbound, its workload, its two outbounds."""
    own = index % services
    inbound, workload, *outbound_ports = ports
    outbounds = [
        {
            "port": port,
            "backendRef": {"kind": "MeshService", "name": f"svc-{(own + k) % services}", "port": 80},
        }
        for k, port in zip((1, 2), outbound_ports, strict=True)
    ]
    return {
        "type": "Dataplane",
        "mesh": "default",
        "name": f"proxy-{index}",
        "labels": {"kuma.io/workload": f"svc-{own}"},
        "networking": {
            "address": "127.0.0.1",
            "inbound": [{"port": inbound, "servicePort": workload, "name": "http", "protocol": "http"}],
            "outbound": outbounds,
        },
    }


def mesh_service(index: int) -> dict[str, Any]:
    return {
        "type": "MeshService",
        "mesh": "default",
        "name": f"svc-{index}",
        "spec": {
            "selector": {"dataplaneLabels": {"matchLabels": {"kuma.io/workload": f"svc-{index}"}}},
            "ports": [{"name": "http", "port": 80, "targetPort": "http", "appProtocol": "http"}],
        },
    }


def timeout_policy(request_timeout: str) -> dict[str, Any]:
    return {
        "type": "MeshTimeout",
        "mesh": "default",
        "name": "bench",
        "spec": {
            "targetRef": {"kind": "Mesh"},
            "to": [{"targetRef": {"kind": "Mesh"}, "default": {"http": {"requestTimeout": request_timeout}}}],
        },
    }


async def wait_all_acked(
    distribution: ConfigDistribution, previous: dict[str, str], timeout: float = 60
) -> dict[str, float]:
    """Wait until every node runs a config newer than ``previous``; monotonic time of each one's ACK."""
    done: dict[str, float] = {}

    async def one(node: str) -> None:
        def acked(status: ProxyStatus) -> bool:
            current = distribution.cache.get_snapshot(node)
            return (
                current is not None
                and current.version != previous[node]
                and status.in_sync
                and status.acked_snapshot_version == current.version
            )

        await distribution.server.wait_for_status(node, acked, timeout)
        done[node] = time.monotonic()

    await asyncio.gather(*(one(node) for node in previous))
    return done


# -- part 1: 50 real Envoys -------------------------------------------------------------------------


async def envoys(count: int, changes: int) -> None:
    from tests.support.envoy import Envoy

    print(f"Part 1: {count} Envoy proxies, {changes} MeshTimeout changes over the REST API", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(store_url=f"sqlite:///{tmp}/cp.db", api_port=0, xds_port=0)
        cp = ControlPlane(settings, REGISTRY)
        distribution = install(
            cp, DistributionOptions(xds_port=0, dp_auth="none", insight_flush_interval=3600)
        )
        await cp.start()
        assert cp.api is not None
        proxies: list[Envoy] = []
        async with httpx.AsyncClient(base_url=cp.api.url, timeout=60) as api:
            try:
                assert (await api.put("/meshes/default", json={"type": "Mesh", "name": "default"})).is_success
                for index in range(SERVICES):
                    body = mesh_service(index)
                    assert (
                        await api.put(f"/meshes/default/meshservices/{body['name']}", json=body)
                    ).is_success
                nodes = []
                ports = free_ports(4 * count)
                for index in range(count):
                    dp = dataplane(index, SERVICES, ports[4 * index : 4 * index + 4])
                    request = {"mesh": "default", "name": dp["name"], "dataplaneResource": json.dumps(dp)}
                    reply = await api.post("/bootstrap", json=request)
                    assert reply.status_code == 200, reply.text
                    bootstrap = yaml.safe_load(reply.text)
                    bootstrap["admin"]["address"]["socketAddress"]["portValue"] = 0
                    envoy = Envoy(bootstrap, Path(tmp), name=dp["name"])
                    proxies.append(envoy)
                    nodes.append(f"default.{dp['name']}")
                started = time.monotonic()
                await asyncio.gather(*(p.start(wait_live=True, timeout=120) for p in proxies))
                for node in nodes:
                    await distribution.server.wait_in_sync(node, timeout=60)
                print(
                    f"  {count} Envoys LIVE with their first config in {time.monotonic() - started:.1f} s",
                    flush=True,
                )
                samples: list[float] = []
                per_proxy: list[float] = []
                generation_before = distribution.stats.generation_seconds
                generations_before = distribution.stats.generations
                for change in range(changes):
                    previous = {n: distribution.cache.get_snapshot(n).version for n in nodes}  # type: ignore[union-attr]
                    waiter = asyncio.create_task(wait_all_acked(distribution, previous))
                    await asyncio.sleep(0)
                    reply = await api.put(
                        "/meshes/default/meshtimeouts/bench", json=timeout_policy(f"{1000 + change}ms")
                    )
                    answered = time.monotonic()
                    assert reply.is_success, reply.text
                    acks = await waiter
                    samples.append(max(acks.values()) - answered)
                    per_proxy.extend(t - answered for t in acks.values())
                    await asyncio.sleep(0.2)
                describe("policy PUT response → last of the proxies ACKed", samples)
                describe("policy PUT response → each proxy ACKed", per_proxy)
                generations = distribution.stats.generations - generations_before
                spent = distribution.stats.generation_seconds - generation_before
                print(
                    f"  generation per proxy (mean over {generations})            {1000 * spent / generations:8.2f} ms",
                    flush=True,
                )
            finally:
                for proxy in proxies:
                    await proxy.stop()
                await cp.stop()


# -- part 2: 2000 simulated proxies ----------------------------------------------------------------


async def _worker(port: int, nodes: list[str]) -> None:
    """Worker process: one delta ADS stream per node, subscribing to the endpoints of every cluster
    it receives and ACKing every response, like Envoy."""
    from envoy.config.cluster.v3 import cluster_pb2
    from envoy.config.core.v3 import base_pb2
    from envoy.service.discovery.v3 import ads_pb2_grpc, discovery_pb2

    channels = [
        grpc.aio.insecure_channel(f"127.0.0.1:{port}", options=[("grpc.use_local_subchannel_pool", 1)])
        for _ in range(0, len(nodes), 100)
    ]

    async def proxy(index: int, node_id: str) -> None:
        stub = ads_pb2_grpc.AggregatedDiscoveryServiceStub(channels[index // 100])
        call = stub.DeltaAggregatedResources()
        await call.write(
            discovery_pb2.DeltaDiscoveryRequest(node=base_pb2.Node(id=node_id), type_url=CLUSTER)
        )
        await call.write(discovery_pb2.DeltaDiscoveryRequest(type_url=LISTENER))
        subscribed: set[str] = set()
        while True:
            response = await call.read()
            if response is grpc.aio.EOF:
                return
            await call.write(
                discovery_pb2.DeltaDiscoveryRequest(type_url=response.type_url, response_nonce=response.nonce)
            )
            if response.type_url == CLUSTER:
                names = set()
                for item in response.resources:
                    cluster = cluster_pb2.Cluster()
                    item.resource.Unpack(cluster)
                    if cluster.type == cluster_pb2.Cluster.EDS:
                        names.add(cluster.name)
                new = names - subscribed
                if new:
                    subscribed |= new
                    await call.write(
                        discovery_pb2.DeltaDiscoveryRequest(
                            type_url=ENDPOINT, resource_names_subscribe=sorted(new)
                        )
                    )

    await asyncio.gather(*(proxy(i, n) for i, n in enumerate(nodes)))


async def _store_objects(store: Store, clients: int, services: int) -> None:
    timestamp = now()
    await store.create(ResourceObject("Mesh", "default", None, {}, {}, None, timestamp, timestamp))
    for index in range(services):
        body = mesh_service(index)
        labels = {"kuma.io/display-name": body["name"], "kuma.io/mesh": "default", "kuma.io/zone": "default"}
        await store.create(
            ResourceObject(
                "MeshService", body["name"], "default", labels, body["spec"], None, timestamp, timestamp
            )
        )
    for index in range(clients):
        body = dataplane(index, services, [20000 + index, 30000, 40001, 40002])
        labels = {
            **body["labels"],
            "kuma.io/display-name": body["name"],
            "kuma.io/mesh": "default",
            "kuma.io/zone": "default",
        }
        await store.create(
            ResourceObject(
                "Dataplane",
                body["name"],
                "default",
                labels,
                {"networking": body["networking"]},
                None,
                timestamp,
                timestamp,
            )
        )


async def clients_part(clients: int, workers: int, rounds: int) -> None:
    services = max(SERVICES, clients // 200)
    print(
        f"Part 2: {clients} simulated delta ADS proxies ({services} services, {workers} worker processes)",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as tmp:
        store = await open_store(f"sqlite:///{tmp}/cp.db")
        await _store_objects(store, clients, services)
        gc.collect()
        baseline = rss_bytes()
        distribution = ConfigDistribution(
            store,
            REGISTRY,
            DistributionOptions(
                xds_port=0, dp_auth="none", insight_flush_interval=3600, resync_interval=3600
            ),
            instance_id="bench",
        )
        await distribution.start()
        assert distribution.xds_port is not None
        loaded = rss_bytes()
        print(
            f"  resolver + topology loaded ({clients} Dataplanes)            {(loaded - baseline) / clients / 1024:8.1f} KiB per Dataplane",
            flush=True,
        )
        nodes = [f"default.proxy-{i}" for i in range(clients)]
        processes = []
        per_worker = (clients + workers - 1) // workers
        started = time.monotonic()
        for begin in range(0, clients, per_worker):
            command = [
                sys.executable,
                "-m",
                "benchmarks.propagation",
                "--worker",
                str(distribution.xds_port),
                json.dumps(nodes[begin : begin + per_worker]),
            ]
            processes.append(subprocess.Popen(command))
        try:
            for node in nodes:
                await distribution.server.wait_in_sync(node, timeout=600)
            print(
                f"  all connected, initial config ACKed                      {time.monotonic() - started:8.1f} s",
                flush=True,
            )
            describe("generation per proxy: initial config", distribution.stats.per_proxy_seconds)
            gc.collect()
            connected = rss_bytes()
            print(
                f"  control plane memory per connected proxy (total)          {(connected - baseline) / clients / 1024:8.1f} KiB",
                flush=True,
            )
            policy_rounds: list[float] = []
            policy_generation: list[float] = []
            timestamp = now()
            for round_index in range(rounds):
                previous = {n: distribution.cache.get_snapshot(n).version for n in nodes}  # type: ignore[union-attr]
                distribution.stats.per_proxy_seconds.clear()
                waiter = asyncio.create_task(wait_all_acked(distribution, previous, timeout=600))
                await asyncio.sleep(0)
                body = timeout_policy(f"{2000 + round_index}ms")
                begin = time.monotonic()
                existing = await store.get("MeshTimeout", "default", "bench")
                policy = ResourceObject(
                    "MeshTimeout",
                    "bench",
                    "default",
                    {"kuma.io/display-name": "bench"},
                    body["spec"],
                    None,
                    timestamp,
                    timestamp,
                )
                if existing is None:
                    await store.create(policy)
                else:
                    await store.update(policy, existing.version)
                acks = await waiter
                policy_rounds.append(max(acks.values()) - begin)
                policy_generation.extend(distribution.stats.per_proxy_seconds)
            describe(f"generation per proxy: mesh-wide policy (x{rounds})", policy_generation)
            describe(f"policy write → all {clients} proxies ACKed", policy_rounds)
            # A new instance of one service: only its callers get new endpoints.
            distribution.stats.per_proxy_seconds.clear()
            callers = [
                n
                for i, n in enumerate(nodes)
                if (i % services + 1) % services == 0 or (i % services + 2) % services == 0
            ]
            previous = {n: distribution.cache.get_snapshot(n).version for n in callers}  # type: ignore[union-attr]
            waiter = asyncio.create_task(wait_all_acked(distribution, previous, timeout=600))
            await asyncio.sleep(0)
            begin = time.monotonic()
            body = dataplane(clients, services, [20000 + clients, 30000, 40001, 40002])
            body["labels"]["kuma.io/workload"] = "svc-0"
            labels = {**body["labels"], "kuma.io/display-name": body["name"], "kuma.io/mesh": "default"}
            await store.create(
                ResourceObject(
                    "Dataplane",
                    body["name"],
                    "default",
                    labels,
                    {"networking": body["networking"]},
                    None,
                    timestamp,
                    timestamp,
                )
            )
            acks = await waiter
            print(
                f"  new svc-0 instance: regenerated {distribution.stats.last_batch_proxies} proxies "
                f"({len(callers)} call svc-0), all ACKed in {1000 * (max(acks.values()) - begin):.1f} ms",
                flush=True,
            )
            describe("generation per proxy: endpoint change", distribution.stats.per_proxy_seconds)
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(10)
            await distribution.stop()
            await store.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--envoys", type=int, default=50)
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-envoys", action="store_true")
    parser.add_argument("--skip-clients", action="store_true")
    parser.add_argument("--worker", nargs=2, metavar=("PORT", "NODES_JSON"), help=argparse.SUPPRESS)
    parser.add_argument("--clients-part", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        asyncio.run(_worker(int(args.worker[0]), json.loads(args.worker[1])))
        return
    if args.clients_part:
        asyncio.run(clients_part(args.clients, args.workers, args.rounds))
        return
    if not args.skip_envoys:
        asyncio.run(envoys(args.envoys, args.changes))
    if not args.skip_clients:
        print(flush=True)
        # A fresh process, so that the memory figures do not inherit part 1's heap.
        command = [
            sys.executable,
            "-m",
            "benchmarks.propagation",
            "--clients-part",
            "--clients",
            str(args.clients),
        ]
        command += ["--workers", str(args.workers), "--rounds", str(args.rounds)]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
