"""``pulumi-kuma cp run``: the bundled Kuma-compatible control plane.

Exit codes: 0 after a clean shutdown (SIGTERM or SIGINT), 1 when it cannot start (port in use,
store unreachable, bad store URL).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from pathlib import Path
from typing import Any

from pulumi_kuma.controlplane.distribution import (
    DP_AUTH_NONE,
    DP_AUTH_TOKEN,
    ConfigDistribution,
    DistributionOptions,
    install,
)
from pulumi_kuma.controlplane.inspect_api import install_inspect
from pulumi_kuma.controlplane.runtime import ControlPlane, Settings
from pulumi_kuma.controlplane.store.factory import redact_url
from pulumi_kuma.model.duration import InvalidDuration, parse_duration
from pulumi_kuma.model.errors import KumaError
from pulumi_kuma.registry import REGISTRY

log = logging.getLogger("pulumi_kuma.controlplane")


def default_data_dir() -> Path:
    """``$XDG_DATA_HOME/pulumi-kuma``, else ``~/.local/share/pulumi-kuma``."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "pulumi-kuma"


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (0-65535; 0 picks a free port)")
    return port


def register(subparsers: Any) -> None:
    cp = subparsers.add_parser(
        "cp", help="run the bundled control plane", description="The bundled control plane."
    )
    cp_commands = cp.add_subparsers(dest="cp_command", metavar="COMMAND", required=True)
    run_parser = cp_commands.add_parser(
        "run",
        help="serve Kuma's REST API and xDS until SIGTERM/SIGINT",
        description=(
            "Run a Kuma-compatible zone control plane (Universal, not federated): Kuma's REST API for "
            "every kind, backed by SQLite (default) or PostgreSQL. Requests over loopback are admin "
            "unless --no-localhost-admin; others authenticate with user tokens (pulumi-kuma token user). "
            "Data plane proxies (pulumi-kuma dp run) bootstrap from the API's /bootstrap and get their "
            "Envoy config over delta xDS on --xds-port, pushed as soon as a change affects them."
        ),
    )
    run_parser.add_argument(
        "--api-port", type=_port, default=5681, help="REST API port (default 5681; 0 = any)"
    )
    run_parser.add_argument(
        "--xds-port", type=_port, default=5678, help="xDS and bootstrap port (default 5678)"
    )
    run_parser.add_argument("--address", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    run_parser.add_argument(
        "--store",
        metavar="URL",
        help="sqlite:///path/file.db or postgresql://user@host:port/db (default: SQLite in the data directory)",
    )
    run_parser.add_argument(
        "--data-dir",
        type=Path,
        help=f"directory for the default SQLite store (default {default_data_dir()})",
    )
    run_parser.add_argument("--zone", default="default", help="this zone's name (default 'default')")
    run_parser.add_argument(
        "--no-localhost-admin",
        action="store_true",
        help="do not treat direct loopback requests as admin (require a token)",
    )
    run_parser.add_argument("--read-only", action="store_true", help="answer every write with 405")
    run_parser.add_argument(
        "--skip-default-mesh",
        action="store_true",
        help="do not create the mesh 'default' on start (kuma-cp's KUMA_DEFAULTS_SKIP_MESH_CREATION)",
    )
    run_parser.add_argument(
        "--dp-auth",
        choices=(DP_AUTH_TOKEN, DP_AUTH_NONE),
        default=DP_AUTH_TOKEN,
        help="how proxies authenticate on /bootstrap and xDS: dataplane tokens (default) or none",
    )
    run_parser.add_argument(
        "--dataplane-deregistration-delay",
        type=_seconds,
        default=10.0,
        metavar="DURATION",
        help="remove a Dataplane a proxy registered this long after it disconnected (Go duration, default 10s)",
    )
    run_parser.add_argument(
        "--resync-interval",
        type=_seconds,
        default=60.0,
        metavar="DURATION",
        help="this often, compare the store with what config was generated from and apply any change an event missed (default 60s)",
    )
    run_parser.add_argument(
        "--log-level", default="info", choices=("debug", "info", "warning", "error"), help="log verbosity"
    )
    run_parser.set_defaults(handler=run)


def _seconds(text: str) -> float:
    try:
        nanoseconds = parse_duration(text)
    except InvalidDuration as exc:
        raise argparse.ArgumentTypeError(f"{text!r}: {exc} (use a Go duration such as 10s or 1m)") from None
    if nanoseconds < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must not be negative")
    return nanoseconds / 1e9


def distribution_from_args(args: argparse.Namespace, settings: Settings) -> DistributionOptions:
    """How the control plane distributes config to proxies."""
    return DistributionOptions(
        address=settings.address,
        xds_port=settings.xds_port,
        zone=settings.zone,
        dp_auth=args.dp_auth,
        deregistration_delay=args.dataplane_deregistration_delay,
        resync_interval=args.resync_interval or 60.0,
        localhost_admin=settings.localhost_admin,
    )


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Settings for the control plane; creates the data directory when the default store is used."""
    store = args.store
    if not store:
        data_dir = (args.data_dir or default_data_dir()).expanduser().resolve()
        data_dir.mkdir(parents=True, exist_ok=True)
        store = f"sqlite://{data_dir / 'cp.db'}"
    return Settings(
        store_url=store,
        address=args.address,
        api_port=args.api_port,
        xds_port=args.xds_port,
        zone=args.zone,
        localhost_admin=not args.no_localhost_admin,
        read_only=args.read_only,
        default_mesh=not args.skip_default_mesh,
    )


def _ready(cp: ControlPlane) -> None:
    assert cp.api is not None
    distribution = next((c for c in cp.components if isinstance(c, ConfigDistribution)), None)
    settings = cp.settings
    flags = []
    if settings.read_only:
        flags.append("read-only")
    if not settings.localhost_admin:
        flags.append("no localhost admin")
    extra = f", {', '.join(flags)}" if flags else ""
    xds = ""
    if distribution is not None:
        xds = f", xDS at {settings.address}:{distribution.xds_port} (dp auth {distribution.options.dp_auth})"
    log.info(
        "control plane ready: API at %s (zone %s, store %s%s)%s",
        cp.api.url,
        settings.zone,
        redact_url(settings.store_url),
        extra,
        xds,
    )


async def serve(settings: Settings, distribution: DistributionOptions | None = None) -> None:
    """Run until SIGTERM or SIGINT."""
    cp = ControlPlane(settings, REGISTRY)
    installed = install(
        cp,
        distribution
        or DistributionOptions(address=settings.address, xds_port=settings.xds_port, zone=settings.zone),
    )
    install_inspect(cp, installed)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, cp.request_stop)
    try:
        await cp.run(on_ready=_ready)
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)
    log.info("control plane stopped")


def run(args: argparse.Namespace) -> int:
    """``cp run``: the exit code."""
    logging.basicConfig(
        level=args.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        settings = settings_from_args(args)
        asyncio.run(serve(settings, distribution_from_args(args, settings)))
    except (KumaError, OSError) as exc:
        print(f"error: the control plane could not start: {exc}", file=sys.stderr)
        return 1
    return 0
