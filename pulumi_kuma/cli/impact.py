"""``pulumi-kuma impact -f FILE... [--delete KIND/NAME]...``: preview what changes would do.

The files hold Kuma resources in universal YAML or JSON (as ``pulumi-kuma validate`` reads them:
several documents per file, directories, ``-`` for stdin); each is an upsert, each ``--delete`` a
deletion. The control plane (``POST /meshes/{mesh}/_impact``) validates them exactly as PUT would,
stores nothing, and answers which Dataplanes' rules would change; this prints, per Dataplane, a
compact diff: ``+`` added, ``-`` removed, ``~`` changed.

Exit codes: 0 no Dataplane's rules change, 1 some Dataplanes' rules change, 2 invalid input (a file
that cannot be read, a bad argument, or a change the control plane rejects, with each field), 3 the
control plane could not be asked (unreachable, refused the token, failed).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from pulumi_kuma.cli.inspect import leaves, listener_label, match_label, meta_name, origin_label, show
from pulumi_kuma.cli.online import Unreachable, add_connection_arguments, answer, call, error_text
from pulumi_kuma.cli.validate import InputError, expand_inputs, read_documents
from pulumi_kuma.registry import REGISTRY

EXIT_NO_CHANGE, EXIT_CHANGES, EXIT_INVALID, EXIT_UNREACHABLE = 0, 1, 2, 3
MARK = {"added": "+", "removed": "-", "modified": "~", "add": "+", "remove": "-", "replace": "~"}


class InvalidInput(Exception):
    """Input that cannot become a preview request; the message says what and where."""


def register(subparsers: Any) -> None:
    """Add the ``impact`` command."""
    parser = subparsers.add_parser(
        "impact",
        help="preview which Dataplanes' rules a change would change, and how (stores nothing)",
        description=(
            "Preview changes against a running control plane: upserts from files (universal YAML or "
            "JSON, as pulumi-kuma validate reads them) and --delete KIND/NAME. The control plane "
            "validates them exactly as it validates a PUT and stores nothing. Prints, per Dataplane "
            "whose rules change, the matched policies and the inbound, outbound and proxy-wide rules "
            "that change: + added, - removed, ~ changed. Exit 0: no Dataplane changes; 1: some do; "
            "2: invalid input; 3: the control plane could not be asked."
        ),
    )
    parser.add_argument(
        "-f",
        "--file",
        dest="files",
        action="append",
        default=[],
        metavar="FILE",
        help="a file, a directory or - for stdin with resources to create or update (repeatable)",
    )
    parser.add_argument(
        "--delete",
        action="append",
        default=[],
        metavar="KIND/NAME",
        help="a resource to delete, e.g. MeshTimeout/web-timeouts or meshtimeouts/web-timeouts (repeatable)",
    )
    parser.add_argument("--mesh", help="the mesh (default: the documents' mesh, else 'default')")
    parser.add_argument("-o", "--output", choices=("text", "json"), default="text", help="output format")
    add_connection_arguments(parser)
    parser.set_defaults(handler=run)


# --- the request ----------------------------------------------------------------------------------


def _kind_name(text: str) -> str:
    wanted = text.lower()
    for kind in REGISTRY:
        if wanted in (kind.name.lower(), kind.plural.lower()):
            return kind.name
    raise InvalidInput(f"--delete {text}: unknown kind (one of: {', '.join(k.name for k in REGISTRY)})")


def _deletes(items: Sequence[str]) -> list[dict[str, str]]:
    out = []
    for item in items:
        kind, slash, name = item.partition("/")
        if not slash or not kind or not name:
            raise InvalidInput(f"--delete {item}: expected KIND/NAME, e.g. MeshTimeout/web-timeouts")
        out.append({"type": _kind_name(kind), "name": name})
    return out


def build_request(
    files: Sequence[str], deletes: Sequence[str], mesh: str | None
) -> tuple[str, dict[str, Any]]:
    """The mesh and the ``_impact`` body; raises :class:`InvalidInput`."""
    upserts: list[dict[str, Any]] = []
    for source in expand_inputs(list(files)):
        try:
            documents = read_documents(source, sys.stdin)
        except InputError as exc:
            raise InvalidInput(str(exc)) from None
        for document in documents:
            if not isinstance(document.content, dict):
                raise InvalidInput(f"{document.source} (document {document.index}): not a resource object")
            upserts.append(dict(document.content))
    meshes = set()
    for doc in upserts:
        kind = REGISTRY.get(str(doc.get("type")))
        if kind is not None and kind.mesh_scoped and isinstance(doc.get("mesh"), str):
            meshes.add(doc["mesh"])
    if mesh is None:
        if len(meshes) > 1:
            raise InvalidInput(
                f"the documents are in meshes {', '.join(sorted(meshes))}: preview one mesh at a time"
            )
        mesh = meshes.pop() if meshes else "default"
    for doc in upserts:
        kind = REGISTRY.get(str(doc.get("type")))
        if kind is not None and kind.mesh_scoped and "mesh" not in doc:
            doc["mesh"] = mesh  # kumactl's default, made explicit
    if not upserts and not deletes:
        raise InvalidInput("nothing to preview: give -f FILE and/or --delete KIND/NAME")
    return mesh, {"upsert": upserts, "delete": _deletes(deletes)}


# --- the answer as text -----------------------------------------------------------------------------


def _field_lines(changes: Sequence[Mapping[str, Any]], indent: str) -> list[str]:
    lines = []
    for change in changes:
        path = str(change.get("path") or "")
        op = change.get("op")
        if op in ("add", "remove"):
            mark, value = ("+", change.get("after")) if op == "add" else ("-", change.get("before"))
            for leaf, item in leaves(value, path):
                lines.append(f"{indent}{mark} {leaf or '(conf)'}: {show(item)}")
        else:
            where = path or "(conf)"
            lines.append(f"{indent}~ {where}: {show(change.get('before'))} -> {show(change.get('after'))}")
    return lines


def _origins(origins: Sequence[Mapping[str, Any]], section: str) -> str:
    return ", ".join(origin_label(o, section) for o in origins) or "nothing"


def _kind_lines(kind: Mapping[str, Any]) -> list[str]:
    lines = [f"    {kind.get('type')}"]
    matched = kind.get("matched") or {}
    lines += [f"      + matches {meta_name(m)}" for m in matched.get("added") or []]
    lines += [f"      - matches {meta_name(m)}" for m in matched.get("removed") or []]
    for listener in kind.get("inbound") or []:
        reordered = "  (rules reordered)" if listener.get("reordered") else ""
        lines.append(
            f"      {MARK[listener['change']]} inbound {listener_label(listener.get('inbound') or {})}{reordered}"
        )
        for rule in listener.get("rules") or []:
            source = origin_label(rule.get("origin") or {}, "rules")
            lines.append(f"          {MARK[rule['change']]} {match_label(rule.get('match'))}  from {source}")
            lines += _field_lines(rule.get("conf") or [], "              ")
    for rule in kind.get("outbound") or []:
        meta = rule.get("resourceMeta") or {}
        section = rule.get("resourceSectionName") or ""
        where = f"{meta_name(meta)}{':' + section if section else ''} ({meta.get('type')})"
        origin = rule.get("origin") or {}
        change = rule["change"]
        source = ""
        if change != "modified":
            side = origin.get("after") if change == "added" else origin.get("before")
            source = f"  from {_origins(side or [], 'to')}"
        lines.append(f"      {MARK[change]} outbound {where}  {rule.get('kri', '')}{source}")
        lines += _field_lines(rule.get("conf") or [], "          ")
        if change == "modified" and origin:
            before, after = (
                _origins(origin.get("before") or [], "to"),
                _origins(origin.get("after") or [], "to"),
            )
            lines.append(f"          origin: {before} -> {after}")
    proxy = kind.get("proxy")
    if proxy is not None:
        origin = proxy.get("origin") or {}
        before = ", ".join(meta_name(m) for m in origin.get("before") or []) or "nothing"
        after = ", ".join(meta_name(m) for m in origin.get("after") or []) or "nothing"
        source = {"added": f"  from {after}", "removed": f"  from {before}"}.get(proxy["change"], "")
        lines.append(f"      {MARK[proxy['change']]} proxy-wide{source}")
        lines += _field_lines(proxy.get("conf") or [], "          ")
        if proxy["change"] == "modified" and origin:
            lines.append(f"          origin: {before} -> {after}")
    warnings = kind.get("warnings") or {}
    lines += [f"      + ! {w}" for w in warnings.get("added") or []]
    lines += [f"      - ! {w}" for w in warnings.get("removed") or []]
    return lines


def render(body: Mapping[str, Any]) -> str:
    """The ``_impact`` answer as a compact text diff."""
    lines = ["Changes:"]
    for change in body.get("changes") or []:
        effect = str(change.get("effect"))
        mark = {"create": "+", "update": "~", "delete": "-"}.get(effect, "=")
        lines.append(f"  {mark} {effect:<9} {change.get('type')} {change.get('name')}")
    total, count = body.get("total", 0), body.get("dataplanes", 0)
    lines.append("")
    if not total:
        lines.append(f"No Dataplane's rules change (mesh {body.get('mesh')}, {count} Dataplane(s)).")
        return "\n".join(lines)
    lines.append(f"{total} of {count} Dataplane(s) in mesh {body.get('mesh')} change:")
    for item in body.get("items") or []:
        dataplane = item.get("dataplane") or {}
        suffix = {"added": "  (new)", "removed": "  (deleted)"}.get(item.get("change", ""), "")
        lines.append("")
        lines.append(f"{MARK[item['change']]} Dataplane {meta_name(dataplane)}{suffix}")
        for kind in item.get("kinds") or []:
            lines += _kind_lines(kind)
    return "\n".join(lines)


# --- the command ------------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    """Preview the changes; print the diff; the exit code."""
    try:
        mesh, body = build_request(args.files, args.delete, args.mesh)
    except InvalidInput as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    try:
        response = call(args, "POST", f"/meshes/{mesh}/_impact", body)
    except Unreachable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_UNREACHABLE
    if response.status_code in (400, 404, 413):
        print(f"error: the control plane rejected the changes: {error_text(response)}", file=sys.stderr)
        return EXIT_INVALID
    result = answer(response)
    if response.status_code != 200 or not isinstance(result, dict):
        print(
            f"error: {args.cp_address} answered {response.status_code}: {error_text(response)}",
            file=sys.stderr,
        )
        return EXIT_UNREACHABLE
    print(json.dumps(result, indent=2) if args.output == "json" else render(result))
    return EXIT_CHANGES if result.get("total") else EXIT_NO_CHANGE
