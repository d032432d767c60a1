"""The API server as a control-plane component: uvicorn on a socket bound before it starts."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import Generator

import uvicorn
from starlette.types import ASGIApp

log = logging.getLogger("pulumi_kuma.controlplane.api")


class _Server(uvicorn.Server):
    """uvicorn without its own signal handling: the control plane owns SIGTERM/SIGINT."""

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


def bind(address: str, port: int) -> socket.socket:
    """A listening TCP socket (``port`` 0 picks a free one)."""
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit this: a response's head and body are two writes, and without
    # it the body waits for the client's delayed ACK (40 ms on Linux).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((address, port))
    except OSError:
        sock.close()
        raise
    sock.listen(2048)
    sock.setblocking(False)
    return sock


def _http_protocol() -> str:
    """httptools parses HTTP several times faster than h11; h11 is the fallback."""
    try:
        import httptools  # noqa: F401
    except ImportError:
        return "h11"
    return "httptools"


class ApiServer:
    """Serves an ASGI app on ``address:port`` inside the control plane's event loop."""

    name = "api-server"

    def __init__(self, app: ASGIApp, address: str, port: int) -> None:
        self._app = app
        self._address = address
        self._port = port
        self._socket: socket.socket | None = None
        self._server: _Server | None = None
        self._task: asyncio.Task[None] | None = None

    @property
    def port(self) -> int:
        """The bound port (known once started)."""
        if self._socket is None:
            return self._port
        return int(self._socket.getsockname()[1])

    @property
    def url(self) -> str:
        host = f"[{self._address}]" if ":" in self._address else self._address
        return f"http://{host}:{self.port}"

    async def start(self) -> None:
        """Bind, then serve in a task; returns once uvicorn accepts connections."""
        self._socket = bind(self._address, self._port)
        config = uvicorn.Config(
            self._app,
            http=_http_protocol(),
            lifespan="off",
            access_log=False,
            log_config=None,  # our logging setup applies (cli/cp.py)
            log_level="warning",
            server_header=False,
            proxy_headers=False,  # the peer stays the real peer: auth decides what proxy headers mean
            timeout_graceful_shutdown=5,
            backlog=2048,
        )
        self._server = _Server(config)
        self._task = asyncio.create_task(self._server.serve(sockets=[self._socket]), name=self.name)
        while not self._server.started:
            if self._task.done():
                self._task.result()  # re-raise why it stopped
                raise RuntimeError("the API server stopped while starting")
            await asyncio.sleep(0.01)

    async def stop(self) -> None:
        """Stop accepting, let requests in flight finish (bounded), close the socket."""
        if self._server is not None:
            self._server.should_exit = True
        if self._task is not None:
            await self._task
        self._task = None
        self._server = None
        if self._socket is not None:
            self._socket.close()
            self._socket = None
