"""MeshFaultInjection, MeshRateLimit, MeshAccessLog, MeshTrace, MeshMetric and MeshProxyPatch end to end.

One control plane (``cp run``) and two proxies (``dp run``, real Envoy) around an HTTP app: the client
calls the backend through its outbound listener. Each test PUTs a policy over the REST API, watches
its effect on real traffic (or, where traffic cannot show it, in Envoy's ``/config_dump``), deletes
it and watches the old behaviour come back. MeshPassthrough has no end-to-end test: it rewrites the
transparent proxy's passthrough listeners, and these proxies run without transparent proxying.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.e2e.support import (
    ControlPlane,
    Proxy,
    call,
    dataplane_yaml,
    eventually,
    free_port,
    in_sync,
    settled,
)
from tests.support.upstream import upstream

pytestmark = pytest.mark.slow

CLIENT = {"kind": "Dataplane", "labels": {"kuma.io/workload": "client"}}
BACKEND = {"kind": "Dataplane", "labels": {"kuma.io/workload": "backend"}}
TO_BACKEND = {"kind": "MeshService", "labels": {"kuma.io/display-name": "backend"}}


@dataclass
class Mesh:
    """The control plane, a backend proxy in front of the app, and a client proxy calling it."""

    cp: ControlPlane
    backend: Proxy
    client: Proxy
    outbound_port: int
    app_port: int
    tmp: Path

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.outbound_port}{path}"

    def get(self, path: str = "/", **kwargs: Any) -> httpx.Response:
        return httpx.get(self.url(path), timeout=30, **kwargs)

    def apply(self, kind: str, plural: str, name: str, spec: dict[str, Any]) -> None:
        self.cp.put(
            f"/meshes/default/{plural}/{name}", {"type": kind, "mesh": "default", "name": name, "spec": spec}
        )

    def delete(self, plural: str, name: str) -> None:
        with self.cp.client() as api:
            response = api.delete(f"/meshes/default/{plural}/{name}")
        assert response.status_code in (200, 404), response.text

    def config_dump(self, proxy: Proxy, resource: str) -> dict[str, Any]:
        dump: dict[str, Any] = httpx.get(
            f"{proxy.admin_url}/config_dump?resource={resource}", timeout=10
        ).json()
        return dump


@pytest.fixture(scope="module")
def mesh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Mesh]:
    tmp = tmp_path_factory.mktemp("obs")
    with ExitStack() as stack:
        cp = stack.enter_context(ControlPlane(f"sqlite:///{tmp / 'cp.db'}"))
        app_port = stack.enter_context(upstream("backend"))
        cp.put("/meshes/default", {"type": "Mesh", "name": "default"})
        backend_in, client_in, client_out = free_port(), free_port(), free_port()
        backend_dp = dataplane_yaml(
            "backend-1", workload="backend", inbound_port=backend_in, service_port=app_port
        )
        client_dp = dataplane_yaml(
            "client-1",
            workload="client",
            inbound_port=client_in,
            service_port=free_port(),
            outbounds=[
                {
                    "port": client_out,
                    "backendRef": {"kind": "MeshService", "name": "backend", "port": backend_in},
                }
            ],
        )
        backend = stack.enter_context(
            Proxy(cp, tmp, backend_dp, token=cp.token("default", workload="backend"), name="backend")
        )
        client = stack.enter_context(
            Proxy(cp, tmp, client_dp, token=cp.token("default", name="client-1"), name="client")
        )
        backend.wait_live()
        client.wait_live()
        eventually(lambda: call(client_out)[0] == 200, 30, what="200 through the mesh")
        yield Mesh(cp, backend, client, client_out, app_port, tmp)


@contextmanager
def policy(mesh: Mesh, kind: str, plural: str, name: str, spec: dict[str, Any]) -> Iterator[None]:
    """The policy exists while the block runs (deleted even when the block fails)."""
    mesh.apply(kind, plural, name, spec)
    try:
        yield
    finally:
        mesh.delete(plural, name)


# --- MeshFaultInjection ---------------------------------------------------------------------------


def test_fault_injection_aborts_and_delays(mesh: Mesh) -> None:
    abort = {
        "targetRef": BACKEND,
        "rules": [{"default": {"http": [{"abort": {"httpStatus": 418, "percentage": 100}}]}}],
    }
    with policy(mesh, "MeshFaultInjection", "meshfaultinjections", "faults", abort):
        eventually(lambda: mesh.get().status_code == 418, 20, what="418 from the injected abort")
        delay = {
            "targetRef": BACKEND,
            "rules": [{"default": {"http": [{"delay": {"value": "1s", "percentage": "100.0"}}]}}],
        }
        mesh.apply("MeshFaultInjection", "meshfaultinjections", "faults", delay)
        eventually(lambda: mesh.get().status_code == 200, 20, what="the abort to be replaced by the delay")
        started = time.monotonic()
        assert mesh.get().status_code == 200
        assert time.monotonic() - started >= 0.95
    eventually(
        lambda: call(mesh.outbound_port)[1] < 0.5 and call(mesh.outbound_port)[0] == 200, 20, what="no delay"
    )


# --- MeshRateLimit --------------------------------------------------------------------------------


def test_rate_limit_answers_429_once_the_bucket_is_empty(mesh: Mesh) -> None:
    spec = {
        "targetRef": BACKEND,
        "rules": [
            {
                "default": {
                    "local": {
                        "http": {
                            "requestRate": {"num": 3, "interval": "30s"},
                            "onRateLimit": {
                                "status": 429,
                                "headers": {"add": [{"name": "x-limited", "value": "yes"}]},
                            },
                        }
                    }
                }
            }
        ],
    }
    with policy(mesh, "MeshRateLimit", "meshratelimits", "limit", spec):
        limited = eventually(
            lambda: (r := mesh.get()).status_code == 429 and r, 20, what="429 from the rate limit"
        )
        assert limited.headers["x-limited"] == "yes"
        # The bucket refills only after 30 s: every request now is limited.
        assert [mesh.get().status_code for _ in range(3)] == [429, 429, 429]
    eventually(lambda: mesh.get().status_code == 200, 20, what="200 after deleting the limit")
    assert [mesh.get().status_code for _ in range(5)] == [200] * 5


# --- MeshAccessLog --------------------------------------------------------------------------------


@contextmanager
def tcp_collector() -> Iterator[tuple[int, list[bytes]]]:
    """A TCP listener recording what it receives (a log collector)."""
    server = socket.create_server(("127.0.0.1", 0))
    received: list[bytes] = []

    def serve() -> None:
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            threading.Thread(target=read, args=(connection,), daemon=True).start()

    def read(connection: socket.socket) -> None:
        with connection:
            while data := connection.recv(65536):
                received.append(data)

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield server.getsockname()[1], received
    finally:
        server.close()


def test_access_logs_go_to_a_file_and_a_tcp_collector(mesh: Mesh) -> None:
    plain_log = mesh.tmp / "access.log"
    json_log = mesh.tmp / "access.json.log"
    with tcp_collector() as (port, received):
        spec = {
            "targetRef": CLIENT,
            "to": [
                {
                    "targetRef": TO_BACKEND,
                    "default": {
                        "backends": [
                            {"type": "File", "file": {"path": str(plain_log)}},
                            {
                                "type": "File",
                                "file": {
                                    "path": str(json_log),
                                    "format": {
                                        "type": "Json",
                                        "json": [
                                            {"key": "path", "value": "%REQ(:PATH)%"},
                                            {"key": "status", "value": "%RESPONSE_CODE%"},
                                            {"key": "source", "value": "%KUMA_SOURCE_SERVICE%"},
                                            {"key": "direction", "value": "%KUMA_TRAFFIC_DIRECTION%"},
                                        ],
                                    },
                                },
                            },
                            {"type": "Tcp", "tcp": {"address": f"127.0.0.1:{port}"}},
                        ]
                    },
                }
            ],
        }
        with policy(mesh, "MeshAccessLog", "meshaccesslogs", "logs", spec):

            def logged() -> None:
                # each file and the collector get their lines on their own flush: wait for all three
                mesh.get("/logged")
                assert plain_log.exists() and "/logged" in plain_log.read_text()
                assert json_log.exists() and "/logged" in json_log.read_text()
                assert b'"GET /logged HTTP/1.1" 200' in b"".join(received)

            settled(logged, 30, what="a log line in both files and at the collector")
            line = plain_log.read_text().splitlines()[-1]
            # Kuma's default HTTP format with the placeholders filled in.
            assert ' default "GET /logged HTTP/1.1" 200 ' in line
            assert '"client" "backend" "127.0.0.1"' in line
            entry = json.loads(json_log.read_text().splitlines()[-1])
            assert entry == {"path": "/logged", "status": 200, "source": "client", "direction": "OUTBOUND"}
            assert b'"GET /logged HTTP/1.1" 200' in b"".join(received)
        # Once the policy is gone (no listener names a log destination), requests are no longer logged.
        destinations = (str(plain_log), str(json_log), f"127.0.0.1:{port}")

        def logging() -> bool:
            listeners = json.dumps(mesh.config_dump(mesh.client, "dynamic_listeners"))
            return any(destination in listeners for destination in destinations)

        eventually(lambda: not logging(), 20, what="the access logs gone from the client's listeners")
        mesh.get("/after")
        time.sleep(1.5)  # Envoy flushes access logs every second
        assert "/after" not in plain_log.read_text()
        assert b"/after" not in b"".join(received)


# --- MeshTrace ------------------------------------------------------------------------------------


class _Collector(BaseHTTPRequestHandler):
    """A Zipkin collector: ``POST /api/v2/spans`` with JSON spans."""

    protocol_version = "HTTP/1.1"
    spans: list[Any] = []

    def _body(self) -> bytes:
        if self.headers.get("transfer-encoding", "").lower() != "chunked":
            return self.rfile.read(int(self.headers.get("content-length") or 0))
        body = b""
        while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
            body += self.rfile.read(size)
            self.rfile.readline()
        self.rfile.readline()
        return body

    def do_POST(self) -> None:
        body = self._body()
        if self.path == "/api/v2/spans":
            self.spans.extend(json.loads(body))
        self.send_response(202)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_trace_spans_reach_a_zipkin_collector(mesh: Mesh) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Collector)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/api/v2/spans"
    spec = {
        "targetRef": {"kind": "Mesh"},
        "default": {
            "backends": [{"type": "Zipkin", "zipkin": {"url": url}}],
            "sampling": {"overall": 100},
            "tags": [{"name": "team", "literal": "observability"}],
        },
    }
    try:
        with policy(mesh, "MeshTrace", "meshtraces", "trace", spec):
            eventually(
                lambda: (
                    "envoy.tracers.zipkin" in json.dumps(mesh.config_dump(mesh.client, "dynamic_listeners"))
                ),
                20,
                what="the Zipkin provider in the client's config",
            )

            def span_arrived() -> bool:
                mesh.get("/traced")
                return any(s.get("tags", {}).get("team") == "observability" for s in _Collector.spans)

            # Envoy's Zipkin reporter flushes every 5 s.
            eventually(span_arrived, 30, interval=1, what="a span at the Zipkin collector")
            span = next(s for s in _Collector.spans if s.get("tags", {}).get("team") == "observability")
            assert span["tags"]["kuma.mesh"] == "default"
            assert any("/traced" in json.dumps(s) for s in _Collector.spans)
        eventually(
            lambda: "tracing" not in json.dumps(mesh.config_dump(mesh.client, "dynamic_listeners")), 20
        )
    finally:
        server.shutdown()
        server.server_close()


# --- MeshMetric -----------------------------------------------------------------------------------


def test_metric_prometheus_endpoint_serves_envoy_and_application_metrics(mesh: Mesh) -> None:
    port = free_port()
    spec = {
        "targetRef": BACKEND,
        "default": {
            "sidecar": {"profiles": {"appendProfiles": [{"name": "All"}]}},
            "applications": [{"port": mesh.app_port, "path": "/app-metrics"}],
            "backends": [{"type": "Prometheus", "prometheus": {"port": port, "path": "/metrics"}}],
        },
    }

    def scrape() -> httpx.Response | None:
        try:
            return httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=10)
        except httpx.HTTPError:
            return None

    with policy(mesh, "MeshMetric", "meshmetrics", "metrics", spec):
        mesh.get()
        response = eventually(
            lambda: (r := scrape()) is not None and r.status_code == 200 and r, 20, what="metrics"
        )
        assert "# TYPE envoy_" in response.text
        assert "envoy_cluster_upstream_rq" in response.text
        # The application's answer is appended (the test app echoes the path it was asked for).
        assert "upstream=backend path=/app-metrics" in response.text
    eventually(lambda: scrape() is None, 20, what="the endpoint to close with the policy gone")


# --- MeshProxyPatch -------------------------------------------------------------------------------


def test_proxy_patch_adds_a_response_header(mesh: Mesh) -> None:
    spec = {
        "targetRef": CLIENT,
        "default": {
            "appendModifications": [
                {
                    "virtualHost": {
                        "operation": "Patch",
                        "match": {"origin": "outbound"},
                        "value": "responseHeadersToAdd:\n- header: {key: x-patched, value: 'yes'}\n",
                    }
                }
            ]
        },
    }
    with policy(mesh, "MeshProxyPatch", "meshproxypatches", "header", spec):
        eventually(lambda: mesh.get().headers.get("x-patched") == "yes", 20, what="the patched header")
        assert "x-patched" in json.dumps(mesh.config_dump(mesh.client, "dynamic_listeners"))
    eventually(lambda: "x-patched" not in mesh.get().headers, 20, what="the header gone with the patch")


def _cds_status(mesh: Mesh) -> dict[str, Any]:
    with mesh.cp.client() as api:
        body = api.get("/meshes/default/dataplanes/client-1/_overview").json()
    status: dict[str, Any] = body["dataplaneInsight"]["subscriptions"][-1]["status"].get("cds", {})
    return status


def _cluster_names(mesh: Mesh) -> set[str]:
    dump = mesh.config_dump(mesh.client, "dynamic_active_clusters")
    return {c["cluster"]["name"] for c in dump.get("configs", [])}


def _connect_timeouts(mesh: Mesh) -> list[str]:
    dump = mesh.config_dump(mesh.client, "dynamic_active_clusters")
    return [c["cluster"].get("connect_timeout", "") for c in dump.get("configs", [])]


def test_proxy_patch_envoy_rejects_is_reported_and_the_proxy_keeps_serving(mesh: Mesh) -> None:
    # the clusters as the client holds them once settled (an earlier test's cleanup may still be on its way)
    eventually(lambda: in_sync(mesh.cp, "client-1"), 30, what="the client in sync")
    before = _connect_timeouts(mesh)
    spec = {
        "targetRef": CLIENT,
        # Valid for the API (a partial Cluster), but Envoy requires a positive connect timeout.
        "default": {
            "appendModifications": [
                {
                    "cluster": {
                        "operation": "Patch",
                        "match": {"origin": "outbound"},
                        "value": "connectTimeout: 0s",
                    }
                }
            ]
        },
    }
    with policy(mesh, "MeshProxyPatch", "meshproxypatches", "broken", spec):
        status = eventually(lambda: (s := _cds_status(mesh)).get("lastNackError") and s, 30, what="a NACK")
        assert "connect_timeout" in status["lastNackError"] or "ConnectTimeout" in status["lastNackError"]
        assert int(status.get("responsesRejected", "0")) >= 1
        # Envoy keeps its last good clusters and traffic still flows.
        assert _connect_timeouts(mesh) == before
        assert [mesh.get().status_code for _ in range(3)] == [200, 200, 200]
    # Without the patch the config is accepted again.

    eventually(lambda: in_sync(mesh.cp, "client-1"), 30, what="the client in sync again")
    assert mesh.get().status_code == 200


# --- OpenTelemetry backends: generated and accepted by Envoy ----------------------------------------


def test_opentelemetry_backends_are_accepted_by_envoy(mesh: Mesh) -> None:
    """No collector runs: Envoy must accept the config (ACK) and hold the loggers, tracer and clusters."""
    collector_port = free_port()
    mesh.cp.put(
        "/meshes/default/meshopentelemetrybackends/collector",
        {
            "type": "MeshOpenTelemetryBackend",
            "mesh": "default",
            "name": "collector",
            "spec": {"endpoint": {"address": "127.0.0.1", "port": collector_port}},
        },
    )
    ref = {"kind": "MeshOpenTelemetryBackend", "labels": {"kuma.io/display-name": "collector"}}
    log_spec = {
        "targetRef": CLIENT,
        "to": [
            {
                "targetRef": TO_BACKEND,
                "default": {
                    "backends": [
                        {
                            "type": "OpenTelemetry",
                            "openTelemetry": {
                                "backendRef": ref,
                                "attributes": [{"key": "mesh", "value": "%KUMA_MESH%"}],
                            },
                        }
                    ]
                },
            }
        ],
    }
    trace_spec = {
        "targetRef": CLIENT,
        "default": {"backends": [{"type": "OpenTelemetry", "openTelemetry": {"backendRef": ref}}]},
    }
    metric_spec = {
        "targetRef": CLIENT,
        "default": {"backends": [{"type": "OpenTelemetry", "openTelemetry": {"backendRef": ref}}]},
    }
    collector_clusters = (
        f"system_meshaccesslog_127-0-0-1-{collector_port}",
        "system_meshtrace_otel_collector",
        "system_meshmetric_otel_collector",
    )
    try:
        with (
            policy(mesh, "MeshAccessLog", "meshaccesslogs", "otel-logs", log_spec),
            policy(mesh, "MeshTrace", "meshtraces", "otel-trace", trace_spec),
            policy(mesh, "MeshMetric", "meshmetrics", "otel-metrics", metric_spec),
        ):

            def applied() -> None:
                # listeners and clusters become active on their own: wait for every one of them
                listeners = mesh.config_dump(mesh.client, "dynamic_listeners")
                text = json.dumps(listeners)
                assert "envoy.access_loggers.open_telemetry" in text and "envoy.tracers.opentelemetry" in text
                names = {
                    c["active_state"]["listener"]["name"] for c in listeners["configs"] if "active_state" in c
                }
                assert {"system_meshmetric_otel_collector", "system_dynamicconfig"} <= names
                assert set(collector_clusters) <= _cluster_names(mesh)

            settled(applied, 20, what="the OpenTelemetry logger, tracer and clusters in the client's config")
            # Envoy accepted it all: the control plane records the ACK a moment after Envoy applied it
            eventually(lambda: in_sync(mesh.cp, "client-1"), 20, what="the client to ACK its config")
            assert mesh.get().status_code == 200
    finally:
        with mesh.cp.client() as api:
            api.delete("/meshes/default/meshopentelemetrybackends/collector")
    eventually(
        lambda: not set(collector_clusters) & _cluster_names(mesh), 20, what="the collector clusters gone"
    )
