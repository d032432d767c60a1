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
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
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
    server_cpu: float
    """CPU seconds the control plane process used during the phase."""

    def report(self) -> str:
        ordered = sorted(self.latencies)
        p50 = statistics.median(ordered) * 1000
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
        rate = self.requests / self.seconds
        cpu_per_request = self.server_cpu / max(self.requests, 1)
        return (
            f"{self.name:3}: {rate:6.0f} req/s  p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  "
            f"server CPU {cpu_per_request * 1e6:4.0f} us/req (= {1 / max(cpu_per_request, 1e-9):5.0f} req per "
            f"server CPU second)  [{self.requests} requests, {self.errors} errors]"
        )


class RawClient:
    """A minimal HTTP/1.1 keep-alive client (for measuring the server when httpx is the bottleneck)."""

    def __init__(self, base: str) -> None:
        host, _, port = base.removeprefix("http://").partition(":")
        self.host, self.port = host, int(port)
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def __aenter__(self) -> RawClient:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.writer is not None:
            self.writer.close()

    async def request(self, method: str, path: str, body: bytes = b"") -> int:
        assert self.reader is not None and self.writer is not None
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nContent-Length: {len(body)}\r\n"
        self.writer.write(head.encode() + b"Content-Type: application/json\r\n\r\n" + body)
        lines = (await self.reader.readuntil(b"\r\n\r\n")).split(b"\r\n")
        length = next(
            int(line.split(b":")[1]) for line in lines if line.lower().startswith(b"content-length")
        )
        await self.reader.readexactly(length)
        return int(lines[0].split(b" ")[1])


async def _client_loop(
    base: str,
    client_kind: str,
    client_id: int,
    method: str,
    deadline: float,
    latencies: list[float],
    errors: list[int],
) -> int:
    done = 0
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    raw = RawClient(base) if client_kind == "raw" else None
    async with contextlib.AsyncExitStack() as stack:
        client = await stack.enter_async_context(httpx.AsyncClient(base_url=base, limits=limits, timeout=30))
        if raw is not None:
            await stack.enter_async_context(raw)
        i = 0
        while time.perf_counter() < deadline:
            name = f"c{client_id}-r{i % RESOURCES_PER_CLIENT}"
            path = f"/meshes/default/meshtimeouts/{name}"
            started = time.perf_counter()
            if method == "PUT":
                body = json.dumps(_policy(name, 1 + i % 50)).encode()
                if raw is not None:
                    status = await raw.request("PUT", path, body)
                else:
                    status = (await client.put(path, content=body)).status_code
                ok = status in (200, 201)
            else:
                status = (
                    await raw.request("GET", path)
                    if raw is not None
                    else (await client.get(path)).status_code
                )
                ok = status == 200
            latencies.append(time.perf_counter() - started)
            if not ok:
                errors.append(status)
            done += 1
            i += 1
    return done


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _worker(
    base: str, client_kind: str, method: str, client_ids: list[int], deadline_wall: float
) -> tuple[int, list[float], int]:
    """One client process: its share of the clients until ``deadline_wall`` (time.time())."""

    async def run() -> tuple[int, list[float], int]:
        latencies: list[float] = []
        errors: list[int] = []
        deadline = time.perf_counter() + (deadline_wall - time.time())
        counts = await asyncio.gather(
            *(_client_loop(base, client_kind, c, method, deadline, latencies, errors) for c in client_ids)
        )
        return sum(counts), latencies, len(errors)

    return asyncio.run(run())


def _phase(
    pool: ProcessPoolExecutor,
    base: str,
    client_kind: str,
    method: str,
    clients: int,
    seconds: float,
    pid: int,
    processes: int,
) -> Phase:
    shares = [list(range(clients))[i::processes] for i in range(processes)]
    cpu_before = _cpu_seconds(pid)
    started = time.perf_counter()
    deadline_wall = time.time() + seconds
    results = list(
        pool.map(
            _worker,
            *zip(*[(base, client_kind, method, share, deadline_wall) for share in shares], strict=True),
        )
    )
    elapsed = time.perf_counter() - started
    latencies = [latency for _, part, _ in results for latency in part]
    return Phase(
        method,
        sum(count for count, _, _ in results),
        elapsed,
        latencies,
        sum(errors for _, _, errors in results),
        _cpu_seconds(pid) - cpu_before,
    )


def _bench(
    base: str, client_kind: str, clients: int, seconds: float, pid: int, processes: int
) -> list[Phase]:
    response = httpx.put(f"{base}/meshes/default", json={"type": "Mesh", "name": "default"})
    response.raise_for_status()
    with ProcessPoolExecutor(processes) as pool:
        # Warm-up: creates every resource.
        _phase(pool, base, client_kind, "PUT", clients, 1.0, pid, processes)
        put = _phase(pool, base, client_kind, "PUT", clients, seconds, pid, processes)
        get = _phase(pool, base, client_kind, "GET", clients, seconds, pid, processes)
    return [put, get]


@contextlib.contextmanager
def _store(kind: str) -> Iterator[str]:
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite://{Path(tmp) / 'bench.db'}"
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
    parser.add_argument(
        "--client",
        default="httpx",
        help="comma-separated: httpx (httpx.AsyncClient per client, the default) and/or raw (a minimal "
        "keep-alive HTTP/1.1 client that costs far less CPU, to see the server's own limit)",
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        help="client processes sharing the clients (default 1; 2 lets the clients use both cores)",
    )
    args = parser.parse_args(argv)
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
    for kind in args.stores.split(","):
        for client_kind in args.client.split(","):
            try:
                with _store(kind) as url, ControlPlaneProcess(url) as cp:
                    assert cp.process is not None
                    phases = _bench(
                        cp.url, client_kind, args.clients, args.seconds, cp.process.pid, args.processes
                    )
            except Exception as exc:  # e.g. no PostgreSQL here: report and go on
                print(f"{kind}: could not run: {exc!r}", file=sys.stderr)
                continue
            print(
                f"store {kind}, {args.clients} {client_kind} clients in {args.processes} process(es), "
                f"{args.seconds:.0f} s per phase"
            )
            for phase in phases:
                print("  " + phase.report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
