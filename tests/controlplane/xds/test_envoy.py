"""End to end with real Envoy 1.40: the in-process xDS server configures Envoy, traffic proves it.

Each scenario runs over delta and state-of-the-world ADS. Waits have generous timeouts; they
check that something happens, never how fast (benchmarks/xds.py measures that).
"""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from pulumi_kuma.controlplane.xds import (
    CLUSTER,
    ENDPOINT,
    LISTENER,
    BootstrapRejected,
    ProxyConnection,
    ProxyId,
    SnapshotCache,
    XdsServer,
    XdsStreamRejected,
    bootstrap_routes,
)
from tests.support.envoy import Envoy, make_bootstrap, sotw
from tests.support.http_server import serve_in_loop
from tests.support.resources import free_port, route, service_snapshot
from tests.support.tls import server_tls
from tests.support.upstream import upstream

pytestmark = pytest.mark.slow

PROTOCOLS = pytest.mark.parametrize("delta", [True, False], ids=["delta", "sotw"])


class Env:
    """An xDS server in the test's loop, Envoys started against it, and an HTTP client."""

    def __init__(self, server: XdsServer, workdir: Path) -> None:
        self.server = server
        self.cache: SnapshotCache = server.cache
        self.workdir = workdir
        self.envoys: list[Envoy] = []
        self.http = httpx.AsyncClient(timeout=10)

    async def envoy(
        self, node_id: str, *, delta: bool = True, wait_live: bool = True, **kwargs: Any
    ) -> Envoy:
        proxy = ProxyId.parse(node_id)
        assert self.server.port is not None
        bootstrap = make_bootstrap(proxy.mesh, proxy.name, self.server.port, **kwargs)
        envoy = Envoy(bootstrap if delta else sotw(bootstrap), self.workdir, name=proxy.name)
        self.envoys.append(envoy)
        await envoy.start(wait_live=wait_live)
        return envoy

    async def get(self, port: int, path: str) -> httpx.Response:
        """GET through Envoy on a new connection (a kept-alive one stays on a replaced listener)."""
        async with httpx.AsyncClient(timeout=10) as client:
            return await client.get(f"http://127.0.0.1:{port}{path}")


async def make_env(tmp_path: Path, **options: Any) -> Env:
    server = XdsServer(SnapshotCache(), control_plane_id="test-cp", **options)
    await server.start()
    return Env(server, tmp_path)


async def close_env(env: Env) -> None:
    for envoy in env.envoys:
        await envoy.stop()
    await env.http.aclose()
    await env.server.stop(1.0)


@pytest.fixture
async def env(tmp_path: Path) -> AsyncIterator[Env]:
    environment = await make_env(tmp_path, nack_backoff=0.5)
    yield environment
    await close_env(environment)


@PROTOCOLS
async def test_traffic_route_changes_and_new_routes_without_reconnecting(env: Env, delta: bool) -> None:
    node = "default.web"
    with upstream("A") as port_a, upstream("B") as port_b:
        listen = free_port()
        env.cache.set_snapshot(node, service_snapshot(listen, {"backend": port_a}))
        envoy = await env.envoy(node, delta=delta)
        first = await env.server.wait_in_sync(node)
        assert first.protocol == ("delta" if delta else "sotw")
        response = await env.get(listen, "/backend/hello")
        assert (response.status_code, response.text) == (200, "upstream=A path=/backend/hello\n")

        # A route timeout: the slow request now times out in Envoy.
        slow = [route("/backend", "backend", timeout="0.2s")]
        update = env.cache.set_snapshot(node, service_snapshot(listen, {"backend": port_a}, routes=slow))
        assert update.changed_types == (LISTENER,)
        await env.server.wait_in_sync(node, update.snapshot.version)
        response = await env.get(listen, "/backend/slow?ms=800")
        assert (response.status_code, response.text) == (504, "upstream request timeout")

        # A new cluster and a route to it.
        routes = [*slow, route("/extra", "extra")]
        update = env.cache.set_snapshot(
            node, service_snapshot(listen, {"backend": port_a, "extra": port_b}, routes=routes)
        )
        assert update.changed_types == (CLUSTER, ENDPOINT, LISTENER)
        await env.server.wait_in_sync(node, update.snapshot.version)
        response = await env.get(listen, "/extra/x")
        assert (response.status_code, response.text) == (200, "upstream=B path=/extra/x\n")

        # The same stream did all of it.
        status = env.server.proxy_status(node)
        assert status is not None and status.connected_at == first.connected_at and status.active_streams == 1
        stats = await envoy.stats("control_plane.connected_state")
        assert stats["control_plane.connected_state"] == "1"
        assert status.types[LISTENER].acks == 3 and status.types[LISTENER].nacks == 0


@PROTOCOLS
async def test_cluster_only_change_is_applied_at_once(env: Env, delta: bool) -> None:
    node = "default.web"
    with upstream("A") as port_a:
        listen = free_port()
        env.cache.set_snapshot(node, service_snapshot(listen, {"backend": port_a}))
        envoy = await env.envoy(node, delta=delta)
        await env.server.wait_in_sync(node)
        limits = {"backend": {"circuitBreakers": {"thresholds": [{"maxConnections": 7}]}}}
        update = env.cache.set_snapshot(
            node, service_snapshot(listen, {"backend": port_a}, cluster_extra=limits)
        )
        assert update.changed_types == (CLUSTER, ENDPOINT)
        # Without the CDS→EDS fold, Envoy keeps the changed cluster warming until its 15 s EDS
        # fetch timeout; with it, both are ACKed long before that.
        status = await env.server.wait_in_sync(node, update.snapshot.version, timeout=5)
        assert status.types[CLUSTER].acked_version == update.snapshot.type_version(CLUSTER)
        warming = await envoy.config_dump("dynamic_warming_clusters")
        assert warming.get("configs", []) == []
        active = await envoy.config_dump("dynamic_active_clusters")
        backend = next(c["cluster"] for c in active["configs"] if c["cluster"]["name"] == "backend")
        assert backend["circuit_breakers"]["thresholds"][0]["max_connections"] == 7
        assert (await env.get(listen, "/backend/ok")).status_code == 200


@PROTOCOLS
async def test_rejected_config_is_nacked_and_the_last_good_one_keeps_serving(env: Env, delta: bool) -> None:
    node = "default.web"
    with upstream("A") as port_a:
        listen = free_port()
        env.cache.set_snapshot(node, service_snapshot(listen, {"backend": port_a}))
        envoy = await env.envoy(node, delta=delta)
        good = await env.server.wait_in_sync(node)

        bad = service_snapshot(
            listen, {"backend": port_a}, routes=[route("/backend", "backend", timeout="0.1s")]
        )
        vhosts = bad[LISTENER][0]["filterChains"][0]["filters"][0]["typedConfig"]["routeConfig"][
            "virtualHosts"
        ]
        vhosts.append({"name": "second", "domains": ["*"], "routes": [route("/", "backend")]})
        update = env.cache.set_snapshot(node, bad)
        status = await env.server.wait_for_status(
            node, lambda s: LISTENER in s.types and s.types[LISTENER].nacks >= 1
        )
        lds = status.types[LISTENER]
        assert lds.nacked_version == update.snapshot.type_version(LISTENER)
        assert lds.nack_error is not None and "Only a single wildcard domain is permitted" in lds.nack_error
        assert lds.acked_version == good.types[LISTENER].acked_version
        assert not status.in_sync
        rejected = await envoy.stats("listener_manager.lds.update_rejected")
        assert int(rejected["listener_manager.lds.update_rejected"]) >= 1

        # The old listener (15 s route timeout) still serves: a 300 ms request succeeds.
        response = await env.get(listen, "/backend/slow?ms=300")
        assert (response.status_code, response.text) == (200, "upstream=A path=/backend/slow\n")

        # After the backoff the server tries again (and is refused again).
        await env.server.wait_for_status(node, lambda s: s.types[LISTENER].nacks >= 2, timeout=5)

        fixed = service_snapshot(
            listen, {"backend": port_a}, routes=[route("/backend", "backend", timeout="0.1s")]
        )
        update = env.cache.set_snapshot(node, fixed)
        await env.server.wait_in_sync(node, update.snapshot.version, timeout=5)
        assert (await env.get(listen, "/backend/slow?ms=500")).status_code == 504


async def test_two_proxies_side_by_side(env: Env) -> None:
    with upstream("A") as port_a, upstream("B") as port_b:
        listen_a, listen_b = free_port(), free_port()
        env.cache.set_snapshot("default.a", service_snapshot(listen_a, {"svc": port_a}))
        env.cache.set_snapshot("default.b", service_snapshot(listen_b, {"svc": port_b}))
        await env.envoy("default.a")
        await env.envoy("default.b", delta=False)
        await env.server.wait_in_sync("default.a")
        await env.server.wait_in_sync("default.b")
        assert (await env.get(listen_a, "/svc")).text == "upstream=A path=/svc\n"
        assert (await env.get(listen_b, "/svc")).text == "upstream=B path=/svc\n"
        # A change for one proxy leaves the other alone.
        update = env.cache.set_snapshot("default.b", service_snapshot(listen_b, {"svc": port_a}))
        await env.server.wait_in_sync("default.b", update.snapshot.version)
        assert (await env.get(listen_b, "/svc")).text == "upstream=A path=/svc\n"
        a = env.server.proxy_status("default.a")
        assert a is not None and a.types[ENDPOINT].acks == 1


async def test_envoy_waits_for_its_first_snapshot(env: Env) -> None:
    with upstream("A") as port_a:
        listen = free_port()
        envoy = await env.envoy("default.late", wait_live=False)
        await env.server.wait_for_status("default.late", lambda s: s.connected)
        await asyncio.sleep(0.5)
        ready = await env.http.get(f"{envoy.admin_url}/ready")
        assert ready.status_code == 503  # still initializing: nothing was sent
        env.cache.set_snapshot("default.late", service_snapshot(listen, {"svc": port_a}))
        await envoy.wait_live(10)
        assert (await env.get(listen, "/svc")).status_code == 200


async def test_connect_and_deregistration_hooks(tmp_path: Path) -> None:
    connected: list[ProxyConnection] = []
    deregistered: asyncio.Queue[ProxyConnection] = asyncio.Queue()
    dataplane = {
        "type": "Dataplane",
        "mesh": "default",
        "name": "web",
        "networking": {"address": "127.0.0.1"},
    }

    async def authenticate(connection: ProxyConnection) -> None:
        if connection.token != "secret":
            raise XdsStreamRejected("authentication failed")

    environment = await make_env(
        tmp_path,
        authenticate=authenticate,
        on_connect=connected.append,
        on_disconnect=deregistered.put_nowait,
        deregistration_delay=0.5,
    )
    try:
        with upstream("A") as port_a:
            environment.cache.set_snapshot("default.web", service_snapshot(free_port(), {"svc": port_a}))
            envoy = await environment.envoy("default.web", token="secret", dataplane=json.dumps(dataplane))
            assert [c.dataplane for c in connected] == [dataplane]
            assert connected[0].token == "secret"
            await envoy.stop()
            await environment.server.wait_for_status("default.web", lambda s: not s.connected)
            assert deregistered.empty()
            gone = await asyncio.wait_for(deregistered.get(), 5)
            assert gone.node_id == "default.web" and gone.dataplane == dataplane
    finally:
        await close_env(environment)


async def test_dp_run_end_to_end(tmp_path: Path) -> None:
    tokens = {"default.dp-1": "token-dp-1"}
    listen = free_port()
    admin_port = free_port()
    connected: list[ProxyConnection] = []
    deregistered: asyncio.Queue[ProxyConnection] = asyncio.Queue()

    def check_token(token: str, proxy_id: ProxyId, dataplane: Any) -> None:
        if tokens.get(str(proxy_id)) != token:
            raise BootstrapRejected("invalid dataplane token")

    def authenticate(connection: ProxyConnection) -> None:
        if tokens.get(connection.node_id) != connection.token:
            raise XdsStreamRejected("authentication failed")

    with upstream("A") as port_a:

        def on_connect(connection: ProxyConnection) -> None:
            # Stands in for the generator: a snapshot for the proxy that just registered.
            connected.append(connection)
            cache.set_snapshot(connection.node_id, service_snapshot(listen, {"backend": port_a}))

        server = XdsServer(
            SnapshotCache(),
            authenticate=authenticate,
            on_connect=on_connect,
            on_disconnect=deregistered.put_nowait,
            deregistration_delay=0.3,
        )
        cache = server.cache
        await server.start()
        app = Starlette(
            routes=bootstrap_routes(
                xds_address=lambda: ("127.0.0.1", server.port or 0), check_token=check_token
            )
        )
        template = tmp_path / "dp.yaml"
        template.write_text(
            "type: Dataplane\nmesh: default\nname: {{ name }}\nnetworking:\n"
            "  address: {{ address }}\n  inbound:\n  - port: {{ port }}\n"
        )
        token_file = tmp_path / "token"
        token_file.write_text("token-dp-1\n")
        process: asyncio.subprocess.Process | None = None
        try:
            async with serve_in_loop(app) as url, httpx.AsyncClient(timeout=10) as http:
                process = await asyncio.create_subprocess_exec(
                    sys.executable,
                    "-m",
                    "pulumi_kuma",
                    "dp",
                    "run",
                    "--cp-address",
                    url,
                    "--dataplane-file",
                    str(template),
                    "-v",
                    "name=dp-1",
                    "-v",
                    "address=127.0.0.1,port=8080",
                    "--dataplane-token-file",
                    str(token_file),
                    "--admin-port",
                    str(admin_port),
                    "--workdir",
                    str(tmp_path / "work"),
                    "--concurrency",
                    "1",
                    "--envoy-log-level",
                    "warning",
                    stderr=asyncio.subprocess.PIPE,
                )
                status = await server.wait_in_sync("default.dp-1", timeout=30)
                assert status.protocol == "delta"  # what the generated bootstrap asks for
                assert connected[0].dataplane is not None
                assert connected[0].dataplane["networking"] == {
                    "address": "127.0.0.1",
                    "inbound": [{"port": 8080}],
                }
                ready = await http.get(f"http://127.0.0.1:{admin_port}/ready")
                assert ready.text.strip() == "LIVE"
                response = await http.get(f"http://127.0.0.1:{listen}/backend/through-dp")
                assert response.text == "upstream=A path=/backend/through-dp\n"
                written = (tmp_path / "work" / "bootstrap.yaml").read_text()
                assert "default.dp-1" in written and "DELTA_GRPC" in written

                process.send_signal(signal.SIGTERM)
                code = await asyncio.wait_for(process.wait(), 20)
                stderr = (await process.stderr.read()).decode() if process.stderr else ""
                assert code == 0, stderr
                assert "Envoy exited with status 0" in stderr
                gone = await asyncio.wait_for(deregistered.get(), 10)
                assert gone.node_id == "default.dp-1"
        finally:
            if process is not None and process.returncode is None:
                process.kill()
                await process.wait()
            await server.stop(1.0)


async def test_xds_over_tls(tmp_path: Path) -> None:
    material = server_tls("127.0.0.1")
    server = XdsServer(SnapshotCache())
    port = await server.start(tls=(material.cert_pem, material.key_pem))
    envoys: list[Envoy] = []
    try:
        with upstream("A") as port_a:
            listen = free_port()
            server.cache.set_snapshot("default.tls", service_snapshot(listen, {"svc": port_a}))
            envoy = Envoy(
                make_bootstrap("default", "tls", port, ca_cert_pem=material.ca_pem.decode()), tmp_path
            )
            envoys.append(envoy)
            await envoy.start()
            await server.wait_in_sync("default.tls")
            async with httpx.AsyncClient() as http:
                assert (await http.get(f"http://127.0.0.1:{listen}/svc")).text == "upstream=A path=/svc\n"
            ssl = await envoy.stats(r"cluster\.system_ads\.ssl\.handshake")
            assert int(ssl["cluster.system_ads.ssl.handshake"]) >= 1
            # Envoy trusting another CA never gets a config.
            other = server_tls("127.0.0.1")
            stranger = Envoy(
                make_bootstrap("default", "stranger", port, ca_cert_pem=other.ca_pem.decode()),
                tmp_path,
                "stranger",
            )
            envoys.append(stranger)
            await stranger.start(wait_live=False)
            await asyncio.sleep(1.0)
            assert server.proxy_status("default.stranger") is None
            failures = await stranger.stats(r"cluster\.system_ads\.ssl\.fail_verify")
            assert any(int(v) >= 1 for v in failures.values()), failures
    finally:
        for envoy in envoys:
            await envoy.stop()
        await server.stop(1.0)
