"""Workloads for traffic-policy tests: HTTP apps whose behaviour a test switches, and TCP apps.

An :class:`HttpApp` answers ``upstream=<label>`` and can be told to fail every request (500), to
fail only its ``/health`` check (503) or to answer it late; ``/fail-first?key=K&n=N`` fails the
first ``N`` attempts of ``K``, counted across every app sharing one :class:`Attempts` (retries may
land on any backend). A TCP app writes ``<label>`` to each connection and closes it.
"""

from __future__ import annotations

import socketserver
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Attempts:
    """Requests seen per ``key`` (thread-safe), shared by the apps of one test."""

    counts: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, key: str) -> int:
        with self.lock:
            self.counts[key] += 1
            return self.counts[key]

    def __getitem__(self, key: str) -> int:
        with self.lock:
            return self.counts[key]


@dataclass
class HttpApp:
    """One HTTP workload; ``failing``, ``healthy`` and ``health_delay`` may change while it runs."""

    label: str
    attempts: Attempts
    failing: bool = False
    healthy: bool = True
    health_delay: float = 0.0
    """Seconds ``/health`` waits before answering (a slow active health check)."""
    port: int = 0


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are two writes; Nagle would add ~40 ms
    server: _Server

    def _answer(self, status: int, text: str) -> None:
        body = f"upstream={self.server.app.label} {text}\n".encode()
        self.send_response(status)
        self.send_header("content-type", "text/plain")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        app = self.server.app
        parts = urlsplit(self.path)
        if parts.path == "/health":
            time.sleep(app.health_delay)
            self._answer(200 if app.healthy else 503, "health")
            return
        if app.failing:
            self._answer(500, "failing")
            return
        if parts.path == "/fail-first":
            query = parse_qs(parts.query)
            attempt = app.attempts.add(query["key"][0])
            self._answer(503 if attempt <= int(query["n"][0]) else 200, f"attempt={attempt}")
            return
        self._answer(200, f"path={parts.path}")

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    app: HttpApp

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def http_app(app: HttpApp) -> Iterator[HttpApp]:
    """Serve ``app`` on a free 127.0.0.1 port (``app.port``) until the block ends."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.app = app
    app.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield app
    finally:
        server.shutdown()
        server.server_close()


class _TcpHandler(socketserver.BaseRequestHandler):
    server: _TcpServer

    def handle(self) -> None:
        self.request.sendall(f"{self.server.label}\n".encode())


class _TcpServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    label = ""


@contextmanager
def tcp_app(label: str) -> Iterator[int]:
    """A TCP workload writing ``<label>`` to every connection; yields its port."""
    server = _TcpServer(("127.0.0.1", 0), _TcpHandler)
    server.label = label
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
