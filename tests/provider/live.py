"""A real control plane (``pulumi-kuma cp run``) as a subprocess on a free loopback port."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

READY = re.compile(r"control plane ready: API at (http://\S+)")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def cp_python() -> str:
    """The interpreter that runs the control plane (this one unless PULUMI_KUMA_CP_PYTHON says)."""
    return os.environ.get("PULUMI_KUMA_CP_PYTHON", sys.executable)


class LiveControlPlane:
    """``pulumi-kuma cp run`` with its own SQLite store; stop() ends it."""

    def __init__(self, data_dir: Path, *extra: str, api_port: int = 0) -> None:
        self.data_dir = data_dir
        self.extra = extra
        self.api_port = api_port
        self.address = ""
        self.output: list[str] = []
        self._process: subprocess.Popen[str] | None = None

    def start(self, timeout: float = 60.0) -> LiveControlPlane:
        command = [
            cp_python(),
            "-m",
            "pulumi_kuma",
            "cp",
            "run",
            "--api-port",
            str(self.api_port),
            "--xds-port",
            "0",
            "--data-dir",
            str(self.data_dir),
            *self.extra,
        ]
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1"}
        self._process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=self.data_dir
        )
        ready = threading.Event()

        def pump() -> None:
            assert self._process is not None and self._process.stdout is not None
            for line in self._process.stdout:
                self.output.append(line.rstrip())
                match = READY.search(line)
                if match:
                    self.address = match.group(1)
                    ready.set()
            ready.set()

        threading.Thread(target=pump, daemon=True).start()
        if not ready.wait(timeout) or not self.address:
            self.stop()
            raise RuntimeError("the control plane did not start:\n" + "\n".join(self.output[-30:]))
        self.api_port = int(self.address.rsplit(":", 1)[1])
        return self

    def stop(self) -> None:
        process = self._process
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.address, headers=headers, timeout=10)

    def wait_gone(self) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                httpx.get(self.address, timeout=0.5)
            except httpx.TransportError:
                return
            time.sleep(0.05)


def issue_admin_token(data_dir: Path) -> str:
    """An admin user token, signed offline with the key in the control plane's store."""
    result = subprocess.run(
        [
            cp_python(),
            "-m",
            "pulumi_kuma",
            "token",
            "user",
            "--name",
            "pulumi",
            "--group",
            "mesh-system:admin",
            "--store",
            f"sqlite:///{data_dir / 'cp.db'}",
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    if result.returncode != 0:
        raise RuntimeError(f"could not issue a token: {result.stderr}")
    return result.stdout.strip()
