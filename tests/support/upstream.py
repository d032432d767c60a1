"""A local HTTP upstream for tests that send traffic through Envoy."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, Envoy's delayed ACK adds ~40 ms.
    disable_nagle_algorithm = True
    server: _Server

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        if "ms" in query:
            time.sleep(int(query["ms"][0]) / 1000)
        text = f"upstream={self.server.label} path={parts.path}\n"
        # The client identity the inbound Envoy forwarded (mTLS): the test reads the SPIFFE ID.
        client_cert = self.headers.get("x-forwarded-client-cert")
        if client_cert:
            text += f"xfcc={client_cert}\n"
        body = text.encode()
        self.send_response(200)
        self.send_header("content-type", "text/plain")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    label = ""

    def handle_error(self, request: object, client_address: object) -> None:
        # Envoy hangs up on a request it timed out; the late write is expected, not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def upstream(label: str) -> Iterator[int]:
    """Serve ``upstream=<label> path=<path>`` (and ``xfcc=<x-forwarded-client-cert>`` when the inbound
    proxy forwarded a client certificate) on 127.0.0.1; yields the port. ``?ms=N`` delays N ms."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.label = label
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
