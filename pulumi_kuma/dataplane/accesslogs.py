"""Forward TCP access logs from Envoy to their collectors, as kuma-dp does.

A MeshAccessLog ``Tcp`` backend makes Envoy write one JSON line per log entry,
``{"address": "<host:port>", "message": <line or JSON object>}``, to a named pipe in the data plane
agent's work directory (``kuma-al-<name>-<mesh>.sock``). :class:`AccessLogForwarder` creates that
pipe before Envoy starts, reads it, and sends each message over a TCP connection to its address
(one connection per address, reopened after a failure; a message that cannot be sent is dropped,
as in kuma-dp, so a dead collector never blocks Envoy).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import stat
import sys
import threading
from pathlib import Path
from typing import TextIO

CONNECT_TIMEOUT = 5.0


def split_address(address: str) -> tuple[str, int]:
    """``host:port`` (a URL's scheme and path are ignored; IPv6 in brackets) as ``(host, port)``."""
    text = address.split("://", 1)[-1].split("/", 1)[0]
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit():
        raise ValueError(f"access log address {address!r}: expected host:port")
    return host.strip("[]"), int(port)


class AccessLogForwarder:
    """Reads Envoy's access log pipe and forwards each line to its TCP collector."""

    def __init__(self, path: str | Path, *, log: TextIO = sys.stderr) -> None:
        self.path = Path(path)
        self._log = log
        self._connections: dict[str, socket.socket] = {}
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._fd: int | None = None
        self.forwarded = 0
        self.dropped = 0

    def start(self) -> AccessLogForwarder:
        """Create the pipe (replacing whatever is at the path) and start forwarding in a thread."""
        with contextlib.suppress(FileNotFoundError):
            if not stat.S_ISFIFO(self.path.lstat().st_mode):
                self.path.unlink()
        if not self.path.exists():
            os.mkfifo(self.path, 0o666)
        # Read and write: opening does not wait for Envoy, and Envoy closing its end is no EOF.
        self._fd = os.open(self.path, os.O_RDWR)
        self._thread = threading.Thread(target=self._run, name="access-log-forwarder", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        assert self._fd is not None
        with os.fdopen(self._fd, "rb", buffering=0, closefd=False) as pipe:
            buffer = b""
            while not self._stopping.is_set():
                chunk = pipe.read(65536)
                if not chunk:
                    break
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                for line in lines:
                    if line.strip():
                        self._forward(line)

    def _forward(self, line: bytes) -> None:
        try:
            entry = json.loads(line)
            address = str(entry["address"])
            message = entry["message"]
        except (ValueError, KeyError, TypeError):
            # kuma-dp's older ``address;message`` format.
            address_bytes, separator, rest = line.partition(b";")
            if not separator:
                self._note(f"access log line is neither JSON nor address;message: {line[:80]!r}")
                return
            address, payload = address_bytes.decode(errors="replace"), rest + b"\n"
        else:
            if isinstance(message, str):
                payload = message.encode()
            else:
                payload = json.dumps(message, separators=(",", ":")).encode() + b"\n"
        self._send(address, payload)

    def _send(self, address: str, payload: bytes) -> None:
        connection = self._connections.get(address)
        try:
            if connection is None:
                host, port = split_address(address)
                connection = socket.create_connection((host, port), timeout=CONNECT_TIMEOUT)
                self._connections[address] = connection
            connection.sendall(payload)
            self.forwarded += 1
        except (OSError, ValueError) as exc:
            self.dropped += 1
            self._note(f"could not send an access log line to {address}, dropped: {exc}")
            if connection is not None:
                connection.close()
            self._connections.pop(address, None)

    def _note(self, text: str) -> None:
        print(f"pulumi-kuma dp: {text}", file=self._log, flush=True)

    def stop(self) -> None:
        """Stop forwarding, close the collectors' connections and remove the pipe."""
        self._stopping.set()
        if self._fd is not None:
            # Wake the reader blocked on the pipe.
            with contextlib.suppress(OSError):
                os.write(self._fd, b"\n")
        if self._thread is not None:
            self._thread.join(5)
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None
        for connection in self._connections.values():
            connection.close()
        self._connections.clear()
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def __enter__(self) -> AccessLogForwarder:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
