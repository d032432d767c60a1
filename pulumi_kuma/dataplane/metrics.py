"""Serve a proxy's metrics for MeshMetric's Prometheus backend, as kuma-dp's metrics hijacker does.

The control plane gives Envoy a listener on ``<dataplane address>:<port><path>`` (default
``:5670/metrics``) that forwards to this agent's Unix socket (``kuma-mh-<name>-<mesh>.sock`` in the
work directory), and a pipe listener (``kuma-mesh-metric-config.sock``) that answers
``GET /meshmetric`` with the agent's configuration. :class:`MetricsHijacker` answers each scrape:

1. it reads the configuration from Envoy (cached by ETag);
2. it fetches Envoy's stats in Prometheus text format from the admin API (``/stats?format=
   prometheus``, ``usedonly`` unless ``sidecar.includeUnused``), keeping the metric families the
   profiles select (``Basic`` by default, ``All``, ``None``; then ``exclude`` and ``include``);
3. it appends the metrics of each configured application (``http://<address>:<port><path>``);

and answers the concatenation as ``text/plain; version=0.0.4``. OpenTelemetry backends (which
kuma-dp pushes to through ``kuma-otel-<backend>.sock``) are not exported by this agent.
"""

from __future__ import annotations

import contextlib
import json
import re
import socketserver
import threading
from collections.abc import Callable, Mapping, Sequence
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import httpx

CONFIG_PATH = "/meshmetric"
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
SCRAPE_TIMEOUT = 10.0

# Kuma's ``Basic`` profile: the golden signals and its dashboards' metrics, by metric family name.
_BASIC_CONTAINS = (
    "rq_time", "cx_length_ms", "cx_count", "_rq", "bytes", "timeout", "health_check", "lb_healthy_panic",
    "cx_destroy", "error", "fail", "reset", "eject", "overflow", "cancelled", "max_duration_reached",
    "no_cluster", "no_route", "no_filter_chain", "reject", "denied", "days_until_first_cert_expiring",
    "rbac", "cx_active", "cx_connect", "circuit_breakers", "cx_total", "ssl_handshake",
    "ssl_context_update_by_sds",
)  # fmt: skip
_BASIC_EXACT = (
    "envoy_cluster_membership_degraded",
    "envoy_cluster_membership_healthy",
    "envoy_cluster_ssl_handshake",
    "envoy_cluster_membership_total",
)
_BASIC_PREFIX = ("envoy_server", "envoy_control_plane", "envoy_dns_filter", "envoy_dns_cares", "kuma_dp_dns")
_FAMILY = re.compile(r"^# (?:TYPE|HELP) (\S+)")
_SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)")

Selector = Callable[[str], bool]


def _selector(spec: Mapping[str, Any]) -> Selector:
    kind, match = spec.get("type"), str(spec.get("match", ""))
    if kind == "Prefix":
        return lambda name: name.startswith(match)
    if kind == "Exact":
        return lambda name: name == match
    if kind == "Contains":
        return lambda name: match in name
    if kind == "Regex":
        try:
            pattern = re.compile(match)
        except re.error:
            return lambda name: False
        return lambda name: pattern.search(name) is not None
    return lambda name: False


def _basic(name: str) -> bool:
    return name in _BASIC_EXACT or name.startswith(_BASIC_PREFIX) or any(p in name for p in _BASIC_CONTAINS)


def family_filter(sidecar: Mapping[str, Any] | None) -> Selector:
    """Which Envoy metric families the sidecar's profiles keep (Kuma's profile mutator)."""
    profiles = (sidecar or {}).get("profiles") or {}
    names = {str(p.get("name")) for p in profiles.get("appendProfiles") or [] if isinstance(p, Mapping)}
    if not names:
        base: Selector = _basic
    elif "All" in names:
        base = lambda name: True  # noqa: E731
    elif "Basic" in names:
        base = _basic
    else:
        base = lambda name: False  # noqa: E731
    excludes = [_selector(s) for s in profiles.get("exclude") or [] if isinstance(s, Mapping)]
    includes = [_selector(s) for s in profiles.get("include") or [] if isinstance(s, Mapping)]

    def keep(name: str) -> bool:
        kept = base(name)
        if any(s(name) for s in excludes):
            kept = False
        if any(s(name) for s in includes):
            kept = True
        return kept

    return keep


def filter_families(text: str, keep: Selector) -> str:
    """The Prometheus text with only the families ``keep`` selects (by family name)."""
    out: list[str] = []
    family = ""
    for line in text.splitlines():
        header = _FAMILY.match(line)
        if header is not None:
            family = header.group(1)
        elif line and not line.startswith("#"):
            sample = _SAMPLE.match(line)
            if sample is not None and not sample.group(1).startswith(family or "\0"):
                family = sample.group(1)
        if family and keep(family):
            out.append(line)
    return "\n".join(out) + ("\n" if out else "")


class _UnixHTTPServer(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True
    hijacker: MetricsHijacker


class _Handler(BaseHTTPRequestHandler):
    server: _UnixHTTPServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        try:
            body = self.server.hijacker.scrape().encode()
            status = 200
        except Exception as exc:  # a scrape that fails answers 503 with the reason
            body = f"scraping failed: {exc}\n".encode()
            status = 503
        self.send_response(status)
        self.send_header("content-type", CONTENT_TYPE)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def address_string(self) -> str:
        return "envoy"

    def log_message(self, format: str, *args: object) -> None:
        pass


class MetricsHijacker:
    """The agent's metrics endpoint on a Unix socket (see the module docstring)."""

    def __init__(
        self, socket_path: str | Path, config_socket: str | Path, admin_url: Callable[[], str]
    ) -> None:
        self.socket_path = Path(socket_path)
        self.config_socket = Path(config_socket)
        self._admin_url = admin_url
        self._config: dict[str, Any] = {}
        self._etag = ""
        self._server: _UnixHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def config(self) -> dict[str, Any]:
        """The agent configuration Envoy serves (the last one seen when Envoy has none or is away)."""
        headers = {"If-None-Match": self._etag} if self._etag else {}
        try:
            transport = httpx.HTTPTransport(uds=str(self.config_socket))
            with httpx.Client(transport=transport, timeout=SCRAPE_TIMEOUT) as client:
                response = client.get(f"http://localhost{CONFIG_PATH}", headers=headers)
        except httpx.HTTPError:
            return self._config
        if response.status_code == 200:
            with contextlib.suppress(ValueError):
                self._config = json.loads(response.text)
                self._etag = response.headers.get("etag", "")
        elif response.status_code != 304:
            self._config, self._etag = {}, ""
        return self._config

    def scrape(self) -> str:
        """Envoy's selected metrics followed by the applications' metrics."""
        metrics = self.config().get("observability", {}).get("metrics", {})
        sidecar = metrics.get("sidecar") if isinstance(metrics.get("sidecar"), Mapping) else None
        params = {"format": "prometheus"}
        if not (sidecar or {}).get("includeUnused"):
            params["usedonly"] = ""
        stats = httpx.get(f"{self._admin_url()}/stats", params=params, timeout=SCRAPE_TIMEOUT)
        stats.raise_for_status()
        parts = [filter_families(stats.text, family_filter(sidecar))]
        parts.extend(_scrape_applications(metrics.get("applications") or []))
        return "".join(parts)

    def start(self) -> MetricsHijacker:
        """Listen on the socket (replacing a stale one) and serve in a thread."""
        with contextlib.suppress(FileNotFoundError):
            self.socket_path.unlink()
        server = _UnixHTTPServer(str(self.socket_path), _Handler)
        server.hijacker = self
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name="metrics-hijacker", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(5)
        with contextlib.suppress(FileNotFoundError):
            self.socket_path.unlink()

    def __enter__(self) -> MetricsHijacker:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _scrape_applications(applications: Sequence[Any]) -> list[str]:
    out = []
    for app in applications:
        if not isinstance(app, Mapping):
            continue
        host = app.get("address") or "127.0.0.1"
        url = f"http://{host}:{app.get('port')}{app.get('path') or '/metrics'}"
        try:
            response = httpx.get(url, timeout=SCRAPE_TIMEOUT)
        except httpx.HTTPError:
            continue  # an application that does not answer contributes nothing, as in kuma-dp
        if response.status_code == 200:
            text = response.text
            out.append(text if text.endswith("\n") else text + "\n")
    return out
