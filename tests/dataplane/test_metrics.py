"""MeshMetric's agent endpoint: profile filtering, and a scrape through real sockets."""

from __future__ import annotations

import json
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx

from pulumi_kuma.dataplane.metrics import MetricsHijacker, family_filter, filter_families

STATS = """# TYPE envoy_cluster_upstream_rq_total counter
envoy_cluster_upstream_rq_total{envoy_cluster_name="backend"} 7
# TYPE envoy_cluster_lb_zone_cluster_too_small counter
envoy_cluster_lb_zone_cluster_too_small{envoy_cluster_name="backend"} 0
# TYPE envoy_cluster_upstream_rq_time histogram
envoy_cluster_upstream_rq_time_bucket{le="0.5"} 1
envoy_cluster_upstream_rq_time_sum 3
"""


def families(text: str) -> list[str]:
    return [line.split()[2] for line in text.splitlines() if line.startswith("# TYPE")]


def test_basic_profile_is_the_default_and_include_exclude_adjust_it() -> None:
    assert families(filter_families(STATS, family_filter(None))) == [
        "envoy_cluster_upstream_rq_total",
        "envoy_cluster_upstream_rq_time",
    ]
    everything = family_filter(
        {"profiles": {"appendProfiles": [{"name": "All"}], "exclude": [{"type": "Regex", "match": "_time$"}]}}
    )
    assert families(filter_families(STATS, everything)) == [
        "envoy_cluster_upstream_rq_total",
        "envoy_cluster_lb_zone_cluster_too_small",
    ]
    nothing = family_filter(
        {
            "profiles": {
                "appendProfiles": [{"name": "None"}],
                "include": [{"type": "Exact", "match": "envoy_cluster_lb_zone_cluster_too_small"}],
            }
        }
    )
    filtered = filter_families(STATS, nothing)
    assert families(filtered) == ["envoy_cluster_lb_zone_cluster_too_small"]
    assert 'envoy_cluster_lb_zone_cluster_too_small{envoy_cluster_name="backend"} 0' in filtered


class _Answer(BaseHTTPRequestHandler):
    answers: dict[str, tuple[int, dict[str, str], str]] = {}
    seen: list[tuple[str, dict[str, str]]] = []

    def do_GET(self) -> None:
        self.seen.append((self.path, dict(self.headers)))
        status, headers, body = self.answers.get(self.path.split("?")[0], (404, {}, ""))
        data = body.encode()
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def address_string(self) -> str:
        return "test"

    def log_message(self, format: str, *args: object) -> None:
        pass


class _UnixServer(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True


@contextmanager
def serving(server: socketserver.BaseServer) -> Iterator[None]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()


def test_a_scrape_merges_envoy_and_the_applications(tmp_path: Path) -> None:
    app = ThreadingHTTPServer(("127.0.0.1", 0), _Answer)
    admin = ThreadingHTTPServer(("127.0.0.1", 0), _Answer)
    config_socket = tmp_path / "config.sock"
    config_server = _UnixServer(str(config_socket), _Answer)
    config: dict[str, Any] = {
        "observability": {
            "metrics": {
                "applications": [{"path": "/app-metrics", "port": app.server_address[1], "address": ""}],
                "backends": [{"type": "Prometheus", "name": None}],
                "sidecar": {"includeUnused": True},
            }
        }
    }
    _Answer.answers = {
        "/stats": (200, {}, STATS),
        "/app-metrics": (200, {}, "app_requests_total 3"),
        "/meshmetric": (200, {"Etag": "v1"}, json.dumps(config)),
    }
    hijacker = MetricsHijacker(
        tmp_path / "mh.sock", config_socket, lambda: f"http://127.0.0.1:{admin.server_address[1]}"
    )
    with serving(app), serving(admin), serving(config_server), hijacker:
        transport = httpx.HTTPTransport(uds=str(tmp_path / "mh.sock"))
        with httpx.Client(transport=transport) as client:
            response = client.get("http://envoy/meshmetric")
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("text/plain")
            assert "envoy_cluster_upstream_rq_total" in response.text
            assert response.text.endswith("app_requests_total 3\n")
            stats_requests = [path for path, _ in _Answer.seen if path.startswith("/stats")]
            assert stats_requests == ["/stats?format=prometheus"]  # includeUnused: no usedonly
            # The second scrape revalidates the configuration by its ETag.
            _Answer.answers["/meshmetric"] = (304, {}, "")
            assert client.get("http://envoy/meshmetric").status_code == 200
            assert [h.get("If-None-Match") for p, h in _Answer.seen if p == "/meshmetric"] == [None, "v1"]
