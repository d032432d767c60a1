"""``pulumi-kuma inspect dataplane NAME --mesh M``: what the control plane knows about a proxy.

By default a summary of ``_overview``: connected or not, the config version it runs and, per xDS
type, what was sent, ACKed and NACKed (with Envoy's message). ``--config`` prints the Envoy config
the control plane generates for it (``_config``), ``--json`` any view as the API returns it.

Views are listed in :data:`DATAPLANE_VIEWS`; another view (``_rules``, ``_layout`` ...) is one more
:class:`DataplaneView` with its flag, endpoint and renderer.

Exit codes: 0 printed, 1 the control plane is unreachable or does not know the Dataplane, 2 bad
arguments.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

DEFAULT_CP_ADDRESS = "http://127.0.0.1:5681"
TOKEN_ENV = "PULUMI_KUMA_TOKEN"


def _json(body: Any) -> str:
    return json.dumps(body, indent=2, sort_keys=False)


def render_overview(body: Any) -> str:
    """A human summary of ``DataplaneOverview``."""
    lines = [f"Dataplane {body.get('mesh')}/{body.get('name')}  ({body.get('kri', '')})"]
    subscriptions = (body.get("dataplaneInsight") or {}).get("subscriptions") or []
    if not subscriptions:
        lines.append("  never connected")
        return "\n".join(lines)
    latest = subscriptions[-1]
    if "disconnectTime" in latest:
        lines.append(
            f"  disconnected since {latest['disconnectTime']} (control plane {latest.get('controlPlaneInstanceId')})"
        )
    else:
        lines.append(
            f"  connected since {latest.get('connectTime')} to {latest.get('controlPlaneInstanceId')} "
            f"(stream {latest.get('id')})"
        )
    version, acked = latest.get("configVersion"), latest.get("ackedConfigVersion")
    if version is not None:
        state = "in sync" if latest.get("inSync") else "not in sync"
        lines.append(f"  config version {version}, ACKed {acked or '-'} ({state})")
    status = latest.get("status") or {}
    for key in ("cds", "eds", "lds", "rds"):
        entry = status.get(key)
        if not entry:
            continue
        line = (
            f"  {key.upper()}  sent {entry.get('responsesSent', '0')}  acked {entry.get('responsesAcknowledged', '0')}"
            f"  rejected {entry.get('responsesRejected', '0')}"
        )
        if entry.get("lastAckedVersion"):
            line += f"  last ACK {entry['lastAckedVersion']}"
        if entry.get("lastNackedVersion"):
            line += f"  last NACK {entry['lastNackedVersion']}: {entry.get('lastNackError', '')}"
        lines.append(line)
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class DataplaneView:
    """One way to look at a Dataplane: a flag, the endpoint under ``/meshes/{mesh}/dataplanes/{name}``,
    and how to print its answer (``--json`` prints the answer as it is)."""

    flag: str
    help: str
    endpoint: str
    render: Callable[[Any], str] = _json


OVERVIEW = DataplaneView("", "connection and xDS status (the default)", "_overview", render_overview)
DATAPLANE_VIEWS: list[DataplaneView] = [
    DataplaneView("--config", "the Envoy config the control plane generates for it", "_config"),
]
"""Views besides the overview, in ``--help`` order; add one to add a flag."""


def register(subparsers: Any) -> None:
    """Add ``inspect`` and its ``dataplane`` subcommand."""
    inspect = subparsers.add_parser("inspect", help="inspect what the control plane knows about a resource")
    targets = inspect.add_subparsers(dest="inspect_target", metavar="KIND")
    inspect.set_defaults(handler=lambda _args: inspect.print_help() or 2)
    dataplane = targets.add_parser(
        "dataplane",
        help="a data plane proxy: connection, config versions, ACKs and NACKs, its Envoy config",
        description="Show a data plane proxy as the control plane sees it.",
    )
    dataplane.add_argument("name", help="the Dataplane's name")
    dataplane.add_argument("--mesh", default="default", help="its mesh (default 'default')")
    views = dataplane.add_mutually_exclusive_group()
    for view in DATAPLANE_VIEWS:
        views.add_argument(view.flag, action="store_const", const=view, dest="view", help=view.help)
    dataplane.set_defaults(view=OVERVIEW)
    dataplane.add_argument("--json", action="store_true", help="print the API's JSON answer")
    dataplane.add_argument(
        "--cp-address",
        default=DEFAULT_CP_ADDRESS,
        metavar="URL",
        help=f"the control plane's API (default {DEFAULT_CP_ADDRESS})",
    )
    dataplane.add_argument("--auth-token", help=f"a user token (default ${TOKEN_ENV})")
    dataplane.set_defaults(handler=run_dataplane)


def run_dataplane(args: argparse.Namespace) -> int:
    """Fetch the view and print it; the exit code."""
    view: DataplaneView = args.view
    token = args.auth_token or os.environ.get(TOKEN_ENV)
    headers = {"authorization": f"Bearer {token}"} if token else {}
    url = f"{args.cp_address.rstrip('/')}/meshes/{args.mesh}/dataplanes/{args.name}/{view.endpoint}"
    try:
        response = httpx.get(url, headers=headers, timeout=30)
    except httpx.HTTPError as exc:
        print(f"error: cannot reach the control plane at {args.cp_address}: {exc}", file=sys.stderr)
        return 1
    try:
        body = response.json()
    except ValueError:
        body = None
    if response.status_code != 200:
        detail = body.get("detail") if isinstance(body, dict) else response.text
        if response.status_code == 404:
            detail = f"mesh {args.mesh!r} has no Dataplane {args.name!r} ({detail})"
        print(f"error: {detail}", file=sys.stderr)
        return 1
    print(_json(body) if args.json else view.render(body))
    return 0
