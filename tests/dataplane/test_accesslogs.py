"""The TCP access log forwarder: a real named pipe in, a real TCP collector out."""

from __future__ import annotations

import io
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from pulumi_kuma.dataplane.accesslogs import AccessLogForwarder, split_address


@contextmanager
def collector() -> Iterator[tuple[int, list[bytes]]]:
    """A TCP listener on 127.0.0.1 that records what it receives."""
    server = socket.create_server(("127.0.0.1", 0))
    received: list[bytes] = []

    def serve() -> None:
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            with connection:
                while data := connection.recv(65536):
                    received.append(data)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1], received
    finally:
        server.close()


def wait_for(check: object, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(check) and check():
            return
        time.sleep(0.02)
    raise AssertionError("timed out")


def test_lines_reach_their_collector(tmp_path: Path) -> None:
    pipe = tmp_path / "kuma-al-web-default.sock"
    with collector() as (port, received), AccessLogForwarder(pipe) as forwarder:
        assert pipe.is_fifo()
        with open(pipe, "wb", buffering=0) as envoy:  # what Envoy's file access logger does
            envoy.write(
                json.dumps({"address": f"127.0.0.1:{port}", "message": "GET / 200\n"}).encode() + b"\n"
            )
            envoy.write(
                json.dumps({"address": f"127.0.0.1:{port}", "message": {"status": 200}}).encode() + b"\n"
            )
        wait_for(lambda: b"".join(received).count(b"\n") == 2)
        assert b"".join(received) == b'GET / 200\n{"status":200}\n'
        assert forwarder.forwarded == 2
    assert not pipe.exists()


def test_an_unreachable_collector_drops_lines_and_the_next_one_connects(tmp_path: Path) -> None:
    dead = socket.create_server(("127.0.0.1", 0))
    dead_port = dead.getsockname()[1]
    dead.close()
    pipe = tmp_path / "al.sock"
    with collector() as (port, received), AccessLogForwarder(pipe, log=io.StringIO()) as forwarder:
        with open(pipe, "wb", buffering=0) as envoy:
            envoy.write(
                json.dumps({"address": f"127.0.0.1:{dead_port}", "message": "lost\n"}).encode() + b"\n"
            )
            envoy.write(f"127.0.0.1:{port};legacy line".encode() + b"\n")
        wait_for(lambda: received)
        assert b"".join(received) == b"legacy line\n"
        assert forwarder.dropped == 1


def test_a_stale_file_at_the_path_is_replaced_by_a_pipe(tmp_path: Path) -> None:
    pipe = tmp_path / "al.sock"
    pipe.write_text("left over")
    with AccessLogForwarder(pipe):
        assert pipe.is_fifo()


@pytest.mark.parametrize(
    ("address", "parsed"),
    [("logs:5000", ("logs", 5000)), ("tcp://logs:5000/x", ("logs", 5000)), ("[::1]:9", ("::1", 9))],
)
def test_split_address(address: str, parsed: tuple[str, int]) -> None:
    assert split_address(address) == parsed


def test_split_address_needs_a_port() -> None:
    with pytest.raises(ValueError, match="host:port"):
        split_address("logs")
