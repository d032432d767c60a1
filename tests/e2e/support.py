"""End-to-end harness: ``pulumi-kuma cp run`` and ``pulumi-kuma dp run`` (real Envoy) as subprocesses.

* :class:`ControlPlane` — ``cp run`` on free ports; knows its API URL and xDS port;
* :class:`Proxy` — ``dp run`` for one Dataplane template, with its Envoy admin API found through
  the work directory;
* :func:`call` — an HTTP request through a proxy's outbound listener;
* :func:`eventually` and :func:`settled` — wait for a condition, or for assertions to pass;
* :func:`latest_subscription` and :func:`in_sync` — what the control plane knows of a proxy's xDS.

Policy translations add their own end-to-end cases next to ``test_distribution.py``: start a
control plane, two proxies around an upstream from ``tests.support.upstream``, PUT the policy
over the REST API and watch the traffic change.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import yaml

from tests.controlplane.api.support import REPO, ControlPlaneProcess, free_port

_XDS = re.compile(r"xDS at \S+:(\d+)")


class ControlPlane(ControlPlaneProcess):
    """``cp run`` with config distribution; ``xds_port`` once ready."""

    def __init__(self, store_url: str, *extra: str) -> None:
        super().__init__(store_url, "--dataplane-deregistration-delay", "1s", *extra)

    @property
    def xds_port(self) -> int:
        for line in self.log_lines:
            match = _XDS.search(line)
            if match:
                return int(match.group(1))
        raise AssertionError("cp run did not log its xDS port:\n" + "\n".join(self.log_lines))

    def api(self) -> httpx.Client:
        return self.client()

    def put(self, path: str, body: dict[str, Any]) -> httpx.Response:
        with self.client() as client:
            response = client.put(path, json=body)
        assert response.status_code in (200, 201), response.text
        return response

    def token(self, mesh: str, name: str = "", workload: str = "") -> str:
        """A dataplane token issued by ``pulumi-kuma token dataplane`` (the CLI, online)."""
        args = ["token", "dataplane", "--mesh", mesh, "--cp-address", self.url]
        if name:
            args += ["--name", name]
        if workload:
            args += ["--workload", workload]
        result = run_cli(*args)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pulumi_kuma", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def dataplane_yaml(
    name: str,
    *,
    mesh: str = "default",
    workload: str,
    inbound_port: int,
    service_port: int,
    protocol: str = "http",
    outbounds: list[dict[str, Any]] | None = None,
) -> str:
    """A universal Dataplane on 127.0.0.1: one inbound (proxy port → workload port), some outbounds."""
    doc: dict[str, Any] = {
        "type": "Dataplane",
        "mesh": mesh,
        "name": name,
        "labels": {"kuma.io/workload": workload},
        "networking": {
            "address": "127.0.0.1",
            "inbound": [
                {"port": inbound_port, "servicePort": service_port, "name": "main", "protocol": protocol}
            ],
        },
    }
    if outbounds:
        doc["networking"]["outbound"] = outbounds
    return yaml.safe_dump(doc)


class Proxy:
    """``pulumi-kuma dp run`` for one Dataplane; Envoy's admin API comes from its work directory."""

    def __init__(
        self, cp: ControlPlane, workdir: Path, dataplane: str, *, token: str | None, name: str
    ) -> None:
        self.cp = cp
        self.name = name
        self.workdir = workdir / name
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.dataplane_path = self.workdir / "dataplane.yaml"
        self.dataplane_path.write_text(dataplane)
        self.token = token
        self.process: subprocess.Popen[str] | None = None
        self.log_lines: list[str] = []
        self._reader: threading.Thread | None = None

    def command(self) -> list[str]:
        args = [
            sys.executable, "-m", "pulumi_kuma", "dp", "run",
            "--cp-address", self.cp.url,
            "-d", str(self.dataplane_path),
            "--admin-port", "0",
            "--workdir", str(self.workdir),
            "--concurrency", "1",
            "--envoy-log-level", "warning",
        ]  # fmt: skip
        if self.token is not None:
            token_file = self.workdir / "token"
            token_file.write_text(self.token)
            args += ["--dataplane-token-file", str(token_file)]
        return args

    def start(self) -> Proxy:
        self.process = subprocess.Popen(
            self.command(), cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )  # fmt: skip
        stream = self.process.stderr
        assert stream is not None

        def read() -> None:
            for line in stream:
                self.log_lines.append(line.rstrip("\n"))

        self._reader = threading.Thread(target=read, daemon=True)
        self._reader.start()
        return self

    def wait_exit(self, timeout: float = 60) -> int:
        assert self.process is not None
        code = self.process.wait(timeout)
        if self._reader is not None:
            self._reader.join(5)
        return code

    @property
    def admin_url(self) -> str:
        text = (self.workdir / "admin-address").read_text().strip()
        return f"http://{text}"

    def wait_live(self, timeout: float = 30) -> None:
        """Until Envoy's ``/ready`` says LIVE (it has its clusters and listeners)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise AssertionError(f"dp run {self.name} exited {self.process.returncode}:\n" + self.log())
            try:
                if httpx.get(f"{self.admin_url}/ready", timeout=2).text.strip() == "LIVE":
                    return
            except (OSError, httpx.HTTPError):
                pass
            time.sleep(0.1)
        raise AssertionError(f"Envoy of {self.name} did not become LIVE:\n" + self.log())

    def log(self) -> str:
        return "\n".join(self.log_lines[-60:])

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> Proxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def call(port: int, path: str = "/", timeout: float = 30) -> tuple[int, float]:
    """GET ``http://127.0.0.1:<port><path>`` (an outbound listener): status and seconds taken."""
    started = time.monotonic()
    try:
        response = httpx.get(f"http://127.0.0.1:{port}{path}", timeout=timeout)
    except httpx.HTTPError:
        return 0, time.monotonic() - started
    return response.status_code, time.monotonic() - started


def eventually(check: Callable[[], Any], timeout: float = 30, interval: float = 0.1, what: str = "") -> Any:
    """Retry ``check`` until it returns something truthy; the last value otherwise fails the test."""
    deadline = time.monotonic() + timeout
    value = None
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what or check}: last value {value!r}")


def settled(check: Callable[[], None], timeout: float = 30, interval: float = 0.1, what: str = "") -> None:
    """Retry ``check`` until it returns without an ``AssertionError``; its last failure fails the test.

    For configuration that reaches Envoy piece by piece, assert every expected field inside
    ``check``: Envoy makes each updated cluster active on its own once it is warm (endpoints, and
    with active health checking a first round of checks), so one change showing in ``/config_dump``
    says nothing about another one sent at the same time or earlier.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            check()
            return
        except AssertionError as exc:
            if time.monotonic() >= deadline:
                raise AssertionError(f"timed out waiting for {what or check}: {exc}") from exc
        time.sleep(interval)


def latest_subscription(cp: ControlPlane, name: str, mesh: str = "default") -> dict[str, Any]:
    """The proxy's latest xDS subscription as ``_overview`` shows it (Kuma's DiscoverySubscription;
    ``{}`` before any is known)."""
    with cp.client() as api:
        response = api.get(f"/meshes/{mesh}/dataplanes/{name}/_overview")
    assert response.status_code == 200, response.text
    subscriptions = (response.json().get("dataplaneInsight") or {}).get("subscriptions") or [{}]
    subscription: dict[str, Any] = subscriptions[-1]
    return subscription


def in_sync(cp: ControlPlane, name: str, mesh: str = "default") -> dict[str, Any] | None:
    """The latest subscription once Envoy has ACKed the proxy's current snapshot, else ``None``.

    An ACK is recorded after Envoy applied a response, so traffic or ``/config_dump`` can show the
    new config a moment before the control plane does: wait for this before asserting on it.
    """
    subscription = latest_subscription(cp, name, mesh)
    synced = subscription.get("inSync") and subscription.get("ackedConfigVersion") == subscription.get(
        "configVersion"
    )
    return subscription if synced else None


__all__ = [
    "ControlPlane",
    "Proxy",
    "call",
    "dataplane_yaml",
    "eventually",
    "free_port",
    "in_sync",
    "latest_subscription",
    "run_cli",
    "settled",
]
