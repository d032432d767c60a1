"""What a change does to one Dataplane: a structured diff of its rules before and after.

The diff compares *rendered* rules (the ``_rules`` document of :func:`.inspect.render_rules`) plus
each kind's matched policies, so it sees exactly what the inspect API shows and ignores what a
client cannot observe (store versions, timestamps, object identity). Re-applying an identical
policy therefore changes nothing, and the same function can diff two ``_rules`` answers fetched
over HTTP.

Shapes (all JSON):

* a **field change** ``{path, op, before?, after?}``: ``op`` is ``add`` (no ``before``), ``remove``
  (no ``after``) or ``replace``; ``path`` is rendered as Kuma renders field paths
  (``http.requestTimeout``, ``backends[0].file.path``, ``headers["x-id"]``; ``""`` is the conf
  itself). Objects are compared key by key, lists of the same length item by item, anything else
  as a whole;
* a **kind diff** ``{type, matched: {added, removed}, inbound: [...], outbound: [...], proxy,
  warnings: {added, removed}}``: ``inbound`` has one entry per listener whose rules differ (each
  rule identified by its origin policy, rule index and match), ``outbound`` one per destination
  KRI whose merged conf or origins differ, ``proxy`` the proxy-wide conf's diff (or null);
* a **Dataplane diff** ``{dataplane, change: added|removed|modified, kinds: [...]}``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pulumi_kuma.model.path import ROOT, FieldPath
from pulumi_kuma.model.registry import Registry

Json = Any
Meta = Mapping[str, Any]

ADDED, REMOVED, MODIFIED = "added", "removed", "modified"
ADD, REMOVE, REPLACE = "add", "remove", "replace"
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


# --- field level ----------------------------------------------------------------------------------


def _step(path: FieldPath, key: str) -> FieldPath:
    return path.field(key) if _IDENTIFIER.fullmatch(key) else path.key(key)


def field_changes(before: Json, after: Json, path: FieldPath = ROOT) -> list[dict[str, Any]]:
    """Every field that differs between two JSON values, in document order."""
    out: list[dict[str, Any]] = []
    _walk(before, after, path, out)
    return out


def _walk(before: Json, after: Json, path: FieldPath, out: list[dict[str, Any]]) -> None:
    if before == after and type(before) is type(after):
        return
    if isinstance(before, dict) and isinstance(after, dict):
        for key in [*before, *(k for k in after if k not in before)]:
            where = _step(path, str(key))
            if key not in after:
                out.append({"path": str(where), "op": REMOVE, "before": before[key]})
            elif key not in before:
                out.append({"path": str(where), "op": ADD, "after": after[key]})
            else:
                _walk(before[key], after[key], where, out)
        return
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        for i, (old, new) in enumerate(zip(before, after, strict=True)):
            _walk(old, new, path.index(i), out)
        return
    out.append({"path": str(path), "op": REPLACE, "before": before, "after": after})


def conf_changes(before: Sequence[Json] | None, after: Sequence[Json] | None) -> list[dict[str, Any]]:
    """The diff of two rule confs as ``_rules`` lists them (one conf, or several for route kinds).

    A missing conf counts as ``{}``, so a new rule shows each of its fields as added."""
    old = list(before or [])
    new = list(after or [])
    if len(old) <= 1 and len(new) <= 1:
        return field_changes(old[0] if old else {}, new[0] if new else {})
    return field_changes(old, new)


# --- per kind -------------------------------------------------------------------------------------


class DiffMemo:
    """Answers already computed for pairs of rendered parts, by identity.

    Dataplanes that matched the same policies share their rule objects, and a renderer that
    memoizes by rule object hands out the same rendered dicts, so a change that touches many
    Dataplanes diffs each distinct pair once. The rendered parts are kept so that their ids stay
    theirs.
    """

    __slots__ = ("inbound", "matched", "outbound", "proxy")

    def __init__(self) -> None:
        self.outbound: dict[tuple[int, int], tuple[Any, Any, dict[str, Any] | None]] = {}
        self.inbound: dict[tuple[int, int], tuple[Any, Any, tuple[list[dict[str, Any]], bool]]] = {}
        self.matched: dict[tuple[int, int], tuple[Any, Any, dict[str, list[Json]]]] = {}
        self.proxy: dict[tuple[int, int], tuple[Any, Any, dict[str, Any] | None]] = {}


def meta_key(meta: Meta) -> tuple[str, str, str]:
    """(type, mesh, name) of a short resource meta."""
    return (str(meta.get("type", "")), str(meta.get("mesh", "")), str(meta.get("name", "")))


def _added_removed(before: Iterable[Json], after: Iterable[Json], key: Any) -> dict[str, list[Json]]:
    old = {key(item): item for item in before}
    new = {key(item): item for item in after}
    return {
        ADDED: [item for k, item in new.items() if k not in old],
        REMOVED: [item for k, item in old.items() if k not in new],
    }


def _listener_key(entry: Mapping[str, Any]) -> tuple[int, str]:
    inbound = entry.get("inbound") or {}
    return (int(inbound.get("port") or 0), str(inbound.get("name") or ""))


def _rule_keys(rules: Sequence[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    """An identity per inbound rule: its origin policy, rule index and match (with a counter for
    the rare rule that lists one match twice)."""
    seen: dict[tuple[Any, ...], int] = {}
    keys = []
    for rule in rules:
        origin = (rule.get("origin") or [{}])[0]
        base = (
            meta_key(origin.get("resourceMeta") or {}),
            origin.get("ruleIndex"),
            json.dumps(rule.get("match"), sort_keys=True),
        )
        seen[base] = seen.get(base, 0) + 1
        keys.append((*base, seen[base]))
    return keys


def _rule_changes(
    old_rules: Sequence[Mapping[str, Any]], new_rules: Sequence[Mapping[str, Any]]
) -> tuple[list[dict[str, Any]], bool]:
    """One listener's rule changes, and whether the rules kept apply in a new order."""
    old_keys, new_keys = _rule_keys(old_rules), _rule_keys(new_rules)
    old_by = dict(zip(old_keys, old_rules, strict=True))
    new_by = dict(zip(new_keys, new_rules, strict=True))
    rules = []
    for rule_key in [*old_keys, *(k for k in new_keys if k not in old_by)]:
        previous, current = old_by.get(rule_key), new_by.get(rule_key)
        if previous is not None and current is not None:
            changes = conf_changes(previous.get("conf"), current.get("conf"))
            if not changes:
                continue
            change = MODIFIED
        else:
            changes = conf_changes(
                previous.get("conf") if previous else None, current.get("conf") if current else None
            )
            change = REMOVED if current is None else ADDED
        rule = current if current is not None else previous
        assert rule is not None
        entry: dict[str, Any] = {"change": change, "origin": (rule.get("origin") or [None])[0]}
        if rule.get("match") is not None:
            entry["match"] = rule["match"]
        entry["conf"] = changes
        rules.append(entry)
    reordered = [k for k in old_keys if k in new_by] != [k for k in new_keys if k in old_by]
    return rules, reordered


def _inbound_changes(
    before: Sequence[Json], after: Sequence[Json], memo: DiffMemo | None = None
) -> list[dict[str, Any]]:
    old = {_listener_key(e): e for e in before}
    new = {_listener_key(e): e for e in after}
    out = []
    for key in sorted(set(old) | set(new)):
        old_rules = (old.get(key) or {}).get("rules") or []
        new_rules = (new.get(key) or {}).get("rules") or []
        if memo is not None:
            pair = (id(old_rules), id(new_rules))
            known = memo.inbound.get(pair)
            if known is None:
                known = memo.inbound[pair] = (old_rules, new_rules, _rule_changes(old_rules, new_rules))
            rules, reordered = known[2]
        else:
            rules, reordered = _rule_changes(old_rules, new_rules)
        if not rules and not reordered:
            continue
        listener = (new.get(key) or old.get(key) or {}).get("inbound") or {}
        shown = {k: v for k, v in listener.items() if v is not None}
        change = ADDED if key not in old else REMOVED if key not in new else MODIFIED
        item: dict[str, Any] = {"inbound": shown, "change": change, "rules": rules}
        if reordered:
            item["reordered"] = True
        out.append(item)
    return out


def _outbound_key(rule: Mapping[str, Any]) -> tuple[tuple[str, str, str], str]:
    return (meta_key(rule.get("resourceMeta") or {}), str(rule.get("resourceSectionName") or ""))


def destination_kri(meta: Meta, section: str, registry: Registry) -> str:
    """The KRI that keys an outbound rule, from its destination's meta (``""`` for unknown kinds)."""
    kind = registry.get(str(meta.get("type", "")))
    if kind is None:
        return ""
    mesh = str(meta.get("mesh") or "") if kind.mesh_scoped else None
    return kind.kri(mesh, meta.get("labels") or {}, str(meta.get("name", "")), section) or ""


def _outbound_entry(
    previous: Mapping[str, Any] | None, current: Mapping[str, Any] | None, registry: Registry
) -> dict[str, Any] | None:
    changes = conf_changes(
        previous.get("conf") if previous else None, current.get("conf") if current else None
    )
    origin_before = list(previous.get("origin") or []) if previous else []
    origin_after = list(current.get("origin") or []) if current else []
    if previous is not None and current is not None and not changes and origin_before == origin_after:
        return None
    rule = current if current is not None else previous
    assert rule is not None
    meta = rule.get("resourceMeta") or {}
    section = str(rule.get("resourceSectionName") or "")
    entry: dict[str, Any] = {
        "kri": destination_kri(meta, section, registry),
        "resourceMeta": meta,
        "resourceSectionName": section,
        "change": ADDED if previous is None else REMOVED if current is None else MODIFIED,
        "conf": changes,
    }
    if origin_before != origin_after:
        entry["origin"] = {"before": origin_before, "after": origin_after}
    return entry


def _outbound_changes(
    before: Sequence[Json], after: Sequence[Json], registry: Registry, memo: DiffMemo | None = None
) -> list[dict[str, Any]]:
    old = {_outbound_key(r): r for r in before}
    new = {_outbound_key(r): r for r in after}
    out = []
    for key in set(old) | set(new):
        previous, current = old.get(key), new.get(key)
        if memo is not None:
            pair = (id(previous), id(current))
            known = memo.outbound.get(pair)
            if known is None:
                known = memo.outbound[pair] = (
                    previous,
                    current,
                    _outbound_entry(previous, current, registry),
                )
            entry = known[2]
        else:
            entry = _outbound_entry(previous, current, registry)
        if entry is not None:
            out.append(entry)
    out.sort(key=lambda e: (e["kri"], e["resourceMeta"].get("name", ""), e["resourceSectionName"]))
    return out


def _proxy_changes(before: Json, after: Json) -> dict[str, Any] | None:
    if before == after:
        return None
    changes = field_changes((before or {}).get("conf") or {}, (after or {}).get("conf") or {})
    origin_before = list((before or {}).get("origin") or [])
    origin_after = list((after or {}).get("origin") or [])
    if not changes and origin_before == origin_after:
        return None
    entry: dict[str, Any] = {
        "change": ADDED if before is None else REMOVED if after is None else MODIFIED,
        "conf": changes,
    }
    if origin_before != origin_after:
        entry["origin"] = {"before": origin_before, "after": origin_after}
    return entry


def kind_changes(
    kind: str,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    matched_before: Sequence[Meta],
    matched_after: Sequence[Meta],
    registry: Registry,
    memo: DiffMemo | None = None,
) -> dict[str, Any] | None:
    """The diff of one kind's ``_rules`` entry (None: absent) and matched policies; None if equal.

    The entries may leave out rules that are equal on both sides (they add nothing to the diff)."""
    old, new = before or {}, after or {}
    if memo is not None:
        pair = (id(matched_before), id(matched_after))
        known_matched = memo.matched.get(pair)
        if known_matched is None:
            result = _added_removed(matched_before, matched_after, meta_key)
            known_matched = memo.matched[pair] = (matched_before, matched_after, result)
        matched = known_matched[2]
    else:
        matched = _added_removed(matched_before, matched_after, meta_key)
    inbound = _inbound_changes(old.get("inboundRules") or [], new.get("inboundRules") or [], memo)
    outbound = _outbound_changes(
        old.get("toResourceRules") or [], new.get("toResourceRules") or [], registry, memo
    )
    old_proxy, new_proxy = old.get("proxyRule"), new.get("proxyRule")
    if memo is not None:
        pair = (id(old_proxy), id(new_proxy))
        known_proxy = memo.proxy.get(pair)
        if known_proxy is None:
            known_proxy = memo.proxy[pair] = (old_proxy, new_proxy, _proxy_changes(old_proxy, new_proxy))
        proxy = known_proxy[2]
    else:
        proxy = _proxy_changes(old_proxy, new_proxy)
    warnings = _added_removed(old.get("warnings") or [], new.get("warnings") or [], lambda w: w)
    if not (any(matched.values()) or inbound or outbound or proxy or any(warnings.values())):
        return None
    return {
        "type": kind,
        "matched": matched,
        "inbound": inbound,
        "outbound": outbound,
        "proxy": proxy,
        "warnings": warnings,
    }


def dataplane_changes(
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    matched_before: Mapping[str, Sequence[Meta]],
    matched_after: Mapping[str, Sequence[Meta]],
    registry: Registry,
) -> dict[str, Any] | None:
    """The diff of one Dataplane's ``_rules`` documents (None: the Dataplane does not exist) and
    matched policies by kind; None when nothing a client can see changed."""
    if before is None and after is None:
        return None
    old_entries = {e["type"]: e for e in (before or {}).get("rules") or []}
    new_entries = {e["type"]: e for e in (after or {}).get("rules") or []}
    order = [k.name for k in registry.policies()]
    seen = set(old_entries) | set(new_entries) | set(matched_before) | set(matched_after)
    kinds = []
    for kind in [*(k for k in order if k in seen), *sorted(seen - set(order))]:
        diff = kind_changes(
            kind,
            old_entries.get(kind),
            new_entries.get(kind),
            matched_before.get(kind, ()),
            matched_after.get(kind, ()),
            registry,
        )
        if diff is not None:
            kinds.append(diff)
    resource = (after if after is not None else before or {}).get("resource")
    return assemble(resource, before is not None, after is not None, kinds)


def assemble(
    resource: Meta | None, existed: bool, exists: bool, kinds: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """A Dataplane diff from its kinds' diffs; None when it existed, exists, and nothing changed."""
    if existed and exists and not kinds:
        return None
    change = ADDED if not existed else REMOVED if not exists else MODIFIED
    return {"dataplane": resource, "change": change, "kinds": kinds}
