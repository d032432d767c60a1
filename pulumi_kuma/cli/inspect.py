"""``pulumi-kuma inspect``: what the control plane knows about a Dataplane or a policy.

* ``inspect dataplane NAME --mesh M``: the proxy's connection status (``_overview``) and the
  policies and rules that apply to it (``_rules``), per policy kind: inbound rules per listener,
  outbound rules per destination, the proxy-wide conf, each with the policies it came from.
  ``--overview`` prints only the status, ``--config`` the Envoy config the control plane generates
  for it (``_config``); ``-o json`` prints the API's answer of the view as it is.
* ``inspect policy KIND NAME --mesh M``: the Dataplanes the policy selects
  (``_resources/dataplanes``) and, for each, the rules it contributes to (from their ``_rules``).

Views of a Dataplane are listed in :data:`DATAPLANE_VIEWS`; another view is one more
:class:`DataplaneView` with its flag, endpoint and renderer.

Exit codes: 0 printed, 1 the mesh, Dataplane or policy does not exist, 2 bad arguments (an unknown
policy kind), 3 the control plane could not be asked (unreachable, refused the token, failed).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pulumi_kuma.cli.online import (
    Unreachable,
    add_connection_arguments,
    answer,
    call,
    error_text,
)
from pulumi_kuma.model.registry import KindDescriptor
from pulumi_kuma.registry import REGISTRY

EXIT_OK, EXIT_NOT_FOUND, EXIT_USAGE, EXIT_UNREACHABLE = 0, 1, 2, 3


class CommandError(Exception):
    """A failure to report on stderr, with the exit code it means."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


# --- text helpers (also used by ``impact``) ---------------------------------------------------------


def show(value: Any) -> str:
    """A JSON value in one line: plain strings without quotes, everything else as compact JSON."""
    if isinstance(value, str) and value and value.strip() == value and not value.startswith(("{", "[", '"')):
        return value
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _step(path: str, key: str) -> str:
    if key.replace("_", "a").isalnum() and not key[:1].isdigit():
        return f"{path}.{key}" if path else key
    return f"{path}[{json.dumps(key)}]"


def leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """``(path, value)`` for every leaf of a conf; lists of scalars and empty containers are leaves."""
    if isinstance(value, dict) and value:
        for key, item in value.items():
            yield from leaves(item, _step(path, str(key)))
    elif isinstance(value, list) and value and any(isinstance(item, dict | list) for item in value):
        for i, item in enumerate(value):
            yield from leaves(item, f"{path}[{i}]")
    else:
        yield path, value


def conf_lines(conf: Any, indent: str) -> list[str]:
    """A conf as ``path  value`` lines, paths aligned."""
    pairs = list(leaves(conf))
    if not pairs or pairs == [("", {})]:
        return [f"{indent}(empty)"]
    width = max(len(path) for path, _ in pairs)
    return [f"{indent}{path or '(conf)':<{width}}  {show(value)}" for path, value in pairs]


def meta_name(meta: Mapping[str, Any]) -> str:
    """``name`` of a short meta (``mesh/name`` when the mesh is needed to tell it apart)."""
    return str(meta.get("name", "?"))


def origin_label(origin: Mapping[str, Any], section: str) -> str:
    """``policy to[2]`` for an outbound origin, ``policy rules[0]`` for an inbound one."""
    meta = origin.get("resourceMeta") or {}
    index = origin.get("ruleIndex")
    return f"{meta_name(meta)} {section}[{index}]" if index is not None else meta_name(meta)


def match_label(match: Any) -> str:
    """An inbound rule's match in words (``all traffic`` without one)."""
    if not match:
        return "all traffic"
    if isinstance(match, dict) and isinstance(match.get("spiffeID"), dict):
        spiffe = match["spiffeID"]
        return f"spiffeID {spiffe.get('type', '')} {spiffe.get('value', '')}".strip()
    return ", ".join(f"{path} {show(value)}" for path, value in leaves(match))


def listener_label(inbound: Mapping[str, Any]) -> str:
    """``:8080 (http)`` for an inbound listener."""
    name = inbound.get("name")
    return f":{inbound.get('port')}" + (f" ({name})" if name else "")


def destination_label(rule: Mapping[str, Any]) -> str:
    """``backend:http (MeshService)`` for an outbound rule's destination."""
    meta = rule.get("resourceMeta") or {}
    section = rule.get("resourceSectionName") or ""
    return f"{meta_name(meta)}{':' + section if section else ''} ({meta.get('type', '?')})"


# --- Dataplane views ----------------------------------------------------------------------------------


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
    mtls = (body.get("dataplaneInsight") or {}).get("mTLS")
    if isinstance(mtls, dict):
        lines.append(
            f"  mTLS  {mtls.get('spiffeID', '-')} from MeshIdentity {mtls.get('issuedBackend', '-')}; "
            f"certificate expires {mtls.get('certificateExpirationTime', '-')} "
            f"({mtls.get('certificateRegenerations', 0)} issued)"
        )
    else:
        lines.append("  mTLS  off (no MeshIdentity selects this proxy)")
    return "\n".join(lines)


def _from(origins: Sequence[Mapping[str, Any]], section: str) -> str:
    return "from " + ", ".join(origin_label(o, section) for o in origins) if origins else ""


def _kind_lines(entry: Mapping[str, Any]) -> list[str]:
    lines = [str(entry.get("type"))]
    for listener in entry.get("inboundRules") or []:
        lines.append(f"  inbound {listener_label(listener.get('inbound') or {})}")
        for rule in listener.get("rules") or []:
            lines.append(f"    {match_label(rule.get('match'))}  {_from(rule.get('origin') or [], 'rules')}")
            for conf in rule.get("conf") or []:
                lines += conf_lines(conf, "      ")
    for rule in entry.get("toResourceRules") or []:
        lines.append(f"  outbound {destination_label(rule)}  {_from(rule.get('origin') or [], 'to')}")
        confs = rule.get("conf") or []
        for i, conf in enumerate(confs):
            if len(confs) > 1:
                lines.append(f"      [{i}]")
            lines += conf_lines(conf, "      ")
    proxy = entry.get("proxyRule")
    if proxy is not None:
        origin = ", ".join(meta_name(m) for m in proxy.get("origin") or [])
        lines.append(f"  proxy-wide  from {origin}")
        lines += conf_lines(proxy.get("conf"), "      ")
    lines += [f"  ! {warning}" for warning in entry.get("warnings") or []]
    return lines


def render_rules(body: Any) -> str:
    """The ``_rules`` document, per kind, readable at a glance."""
    entries = body.get("rules") or []
    if not entries:
        return "No policy applies to this Dataplane."
    lines: list[str] = []
    for entry in entries:
        lines += _kind_lines(entry)
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class DataplaneView:
    """One way to look at a Dataplane: a flag, the endpoint under ``/meshes/{mesh}/dataplanes/{name}``,
    and how to print its answer (``-o json`` prints the answer as it is)."""

    flag: str
    help: str
    endpoint: str
    render: Callable[[Any], str] = lambda body: json.dumps(body, indent=2)


RULES = DataplaneView("", "status, policies and rules (the default)", "_rules", render_rules)
DATAPLANE_VIEWS: list[DataplaneView] = [
    DataplaneView("--overview", "only the connection and xDS status", "_overview", render_overview),
    DataplaneView("--config", "the Envoy config the control plane generates for it", "_config"),
]
"""Views besides the default, in ``--help`` order; add one to add a flag."""


def _get(args: argparse.Namespace, path: str, missing: str) -> Any:
    """GET a JSON answer; 404 raises ``missing`` (exit 1), other failures exit 3."""
    try:
        response = call(args, "GET", path)
    except Unreachable as exc:
        raise CommandError(str(exc), EXIT_UNREACHABLE) from None
    if response.status_code == 404:
        body = answer(response)
        title = body.get("title") if isinstance(body, dict) else None
        raise CommandError(f"{missing} ({title or 'not found'})", EXIT_NOT_FOUND)
    if response.status_code != 200:
        raise CommandError(
            f"{args.cp_address} answered {response.status_code}: {error_text(response)}", EXIT_UNREACHABLE
        )
    return answer(response)


def _dataplane(args: argparse.Namespace) -> str:
    view: DataplaneView = args.view
    base = f"/meshes/{args.mesh}/dataplanes/{args.name}"
    missing = f"mesh {args.mesh!r} has no Dataplane {args.name!r}"
    body = _get(args, f"{base}/{view.endpoint}", missing)
    if args.output == "json":
        return json.dumps(body, indent=2)
    if view is not RULES:
        return view.render(body)
    overview = _get(args, f"{base}/_overview", missing)
    return f"{render_overview(overview)}\n\n{render_rules(body)}"


# --- policies -----------------------------------------------------------------------------------------


def policy_kind(text: str) -> KindDescriptor:
    """A policy kind by name or plural, any case (``MeshTimeout``, ``meshtimeouts``, ``meshtimeout``)."""
    wanted = text.lower()
    for kind in REGISTRY.policies():
        if wanted in (kind.name.lower(), kind.plural.lower()):
            return kind
    known = ", ".join(k.name for k in REGISTRY.policies())
    raise CommandError(f"{text!r} is not a policy kind (one of: {known})", EXIT_USAGE)


def _is(origin_meta: Mapping[str, Any], kind: str, name: str) -> bool:
    return origin_meta.get("type") == kind and origin_meta.get("name") == name


def contributions(rules: Any, kind: str, name: str) -> dict[str, Any]:
    """The parts of a ``_rules`` document the policy contributes to: ``inbound`` (listeners with
    the policy's rules), ``outbound`` (destinations whose merged conf it is part of), ``proxy``."""
    entry = next((e for e in rules.get("rules") or [] if e.get("type") == kind), None) or {}
    inbound = []
    for listener in entry.get("inboundRules") or []:
        own = [
            rule
            for rule in listener.get("rules") or []
            if any(_is(o.get("resourceMeta") or {}, kind, name) for o in rule.get("origin") or [])
        ]
        if own:
            inbound.append({"inbound": listener.get("inbound"), "rules": own})
    outbound = [
        rule
        for rule in entry.get("toResourceRules") or []
        if any(_is(o.get("resourceMeta") or {}, kind, name) for o in rule.get("origin") or [])
    ]
    proxy = entry.get("proxyRule")
    if proxy is not None and not any(_is(m, kind, name) for m in proxy.get("origin") or []):
        proxy = None
    return {"inbound": inbound, "outbound": outbound, "proxy": proxy}


def _contribution_lines(part: Mapping[str, Any], kind: str, name: str) -> list[str]:
    lines = []
    for listener in part["inbound"]:
        lines.append(f"  inbound {listener_label(listener.get('inbound') or {})}")
        for rule in listener["rules"]:
            mine = [o for o in rule.get("origin") or [] if _is(o.get("resourceMeta") or {}, kind, name)]
            lines.append(f"    {match_label(rule.get('match'))}  {_from(mine, 'rules')}")
            for conf in rule.get("conf") or []:
                lines += conf_lines(conf, "      ")
    for rule in part["outbound"]:
        origins = rule.get("origin") or []
        mine = [o for o in origins if _is(o.get("resourceMeta") or {}, kind, name)]
        others = sorted({meta_name(o.get("resourceMeta") or {}) for o in origins if o not in mine})
        merged = f"  merged with {', '.join(others)}" if others else ""
        lines.append(f"  outbound {destination_label(rule)}  {_from(mine, 'to')}{merged}")
        for conf in rule.get("conf") or []:
            lines += conf_lines(conf, "      ")
    proxy = part["proxy"]
    if proxy is not None:
        others = [meta_name(m) for m in proxy.get("origin") or [] if not _is(m, kind, name)]
        lines.append("  proxy-wide" + (f"  merged with {', '.join(others)}" if others else ""))
        lines += conf_lines(proxy.get("conf"), "      ")
    return lines


def _selected(args: argparse.Namespace, kind: KindDescriptor) -> list[dict[str, Any]]:
    """Every Dataplane the policy selects, following ``next`` links."""
    path: str | None = f"/meshes/{args.mesh}/{kind.plural}/{args.name}/_resources/dataplanes?size=1000"
    missing = f"mesh {args.mesh!r} has no {kind.name} {args.name!r}"
    items: list[dict[str, Any]] = []
    while path:
        page = _get(args, path, missing)
        items += page.get("items") or []
        path = page.get("next")
    return items


def _policy(args: argparse.Namespace) -> str:
    kind = policy_kind(args.kind)
    policy = _get(
        args,
        f"/meshes/{args.mesh}/{kind.plural}/{args.name}",
        f"mesh {args.mesh!r} has no {kind.name} {args.name!r}",
    )
    selected = _selected(args, kind)
    items = []
    for dataplane in selected:
        rules = _get(
            args, f"/meshes/{args.mesh}/dataplanes/{dataplane['name']}/_rules", "the Dataplane is gone"
        )
        items.append({"dataplane": dataplane, "contributes": contributions(rules, kind.name, args.name)})
    if args.output == "json":
        meta = {key: policy.get(key) for key in ("type", "mesh", "name", "labels")}
        return json.dumps({"policy": meta, "total": len(items), "items": items}, indent=2)
    shadow = (policy.get("labels") or {}).get("kuma.io/effect") == "shadow"
    title = f"{kind.name} {args.mesh}/{args.name} selects {len(items)} Dataplane(s)"
    lines = [title + ("  (shadow: not applied to any config)" if shadow else "")]
    for item in items:
        lines.append("")
        lines.append(str(item["dataplane"].get("name")))
        part = _contribution_lines(item["contributes"], kind.name, args.name)
        lines += part or [
            "  contributes to no rule (its targets resolve to nothing, or it is a shadow policy)"
        ]
    return "\n".join(lines)


# --- the command ------------------------------------------------------------------------------------


def _output_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", choices=("text", "json"), default="text", help="output format")
    parser.add_argument(
        "--json", dest="output", action="store_const", const="json", help="the same as -o json"
    )


def register(subparsers: Any) -> None:
    """Add ``inspect`` and its ``dataplane`` and ``policy`` subcommands."""
    inspect = subparsers.add_parser("inspect", help="inspect what the control plane knows about a resource")
    targets = inspect.add_subparsers(dest="inspect_target", metavar="KIND")
    inspect.set_defaults(handler=lambda _args: inspect.print_help() or EXIT_USAGE)
    dataplane = targets.add_parser(
        "dataplane",
        help="a data plane proxy: status, the policies and rules that apply, its Envoy config",
        description=(
            "Show a data plane proxy as the control plane sees it: its connection status and the "
            "policies and rules that apply to it, per policy kind (inbound per listener, outbound per "
            "destination, proxy-wide), each with the policies it came from."
        ),
    )
    dataplane.add_argument("name", help="the Dataplane's name")
    dataplane.add_argument("--mesh", default="default", help="its mesh (default 'default')")
    views = dataplane.add_mutually_exclusive_group()
    for view in DATAPLANE_VIEWS:
        views.add_argument(view.flag, action="store_const", const=view, dest="view", help=view.help)
    dataplane.set_defaults(view=RULES, handler=lambda args: _run(_dataplane, args))
    _output_arguments(dataplane)
    add_connection_arguments(dataplane)

    policy = targets.add_parser(
        "policy",
        help="a policy: the Dataplanes it selects and what it contributes to each",
        description=(
            "Show the Dataplanes a policy's targetRef selects and, for each, the rules it takes part "
            "in: its inbound rules, the destinations whose merged conf it contributes to (with the "
            "policies it is merged with), the proxy-wide conf."
        ),
    )
    policy.add_argument("kind", metavar="KIND", help="the policy kind (MeshTimeout, meshtimeouts, ...)")
    policy.add_argument("name", help="the policy's name")
    policy.add_argument("--mesh", default="default", help="its mesh (default 'default')")
    policy.set_defaults(handler=lambda args: _run(_policy, args))
    _output_arguments(policy)
    add_connection_arguments(policy)


def _run(view: Callable[[argparse.Namespace], str], args: argparse.Namespace) -> int:
    try:
        text = view(args)
    except CommandError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    print(text)
    return EXIT_OK
