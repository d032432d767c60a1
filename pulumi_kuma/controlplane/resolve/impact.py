"""Impact preview: which Dataplanes' rules a set of changes would change, and how (no I/O).

:func:`preview` applies the changes to an overlay of the engine (:meth:`ResolutionEngine.overlay`),
so only the (Dataplane, kind) pairs the changes can affect are recomputed, exactly as for real
changes, and the engine itself is untouched. Each candidate Dataplane's rules before and after are
compared as :func:`.diff.dataplane_changes` compares their ``_rules`` documents, rendering only the
kinds and rules that differ, each shared rule object once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pulumi_kuma.controlplane.resolve.diff import DiffMemo, assemble, kind_changes
from pulumi_kuma.controlplane.resolve.engine import ResolutionEngine
from pulumi_kuma.controlplane.resolve.inspect import (
    inbound_json,
    inbound_rule_json,
    kind_shown,
    meta_json,
    proxy_rule_json,
    resource_rule_json,
)
from pulumi_kuma.controlplane.resolve.matching import DataplaneView
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.model.registry import Registry
from pulumi_kuma.model.rules import (
    EMPTY_OUTBOUND,
    MESH_KIND,
    DataplaneRules,
    InboundListener,
    InboundRule,
    KindRules,
    ProxyRule,
    ResourceRule,
)


@dataclass(frozen=True, slots=True)
class Upsert:
    """Create or replace a resource (as the store would hold it after the PUT)."""

    obj: ResourceObject


@dataclass(frozen=True, slots=True)
class Delete:
    """Delete a resource of ``type`` named ``name`` (in the previewed mesh, or global)."""

    type: str
    name: str


Change = Upsert | Delete


@dataclass(frozen=True, slots=True)
class Impact:
    """What the changes do: one diff per Dataplane whose rules change, by name."""

    mesh: str
    dataplanes: int
    """How many Dataplanes the mesh has before the changes."""
    items: list[dict[str, Any]] = field(default_factory=list)
    recomputed: int = 0
    """How many (Dataplane, policy kind) pairs the preview resolved."""


def matched_policies(rules: DataplaneRules | None) -> dict[str, list[dict[str, Any]]]:
    """Each kind's matched policies as short metas (kinds that matched none are left out)."""
    if rules is None:
        return {}
    return {kind: [meta_json(p) for p in r.policies] for kind, r in rules.kinds.items() if r.policies}


class _Renderer:
    """Renders rule objects as ``_rules`` does, once per object (Dataplanes share them)."""

    def __init__(self) -> None:
        self._outbound: dict[int, tuple[ResourceRule, dict[str, Any]]] = {}
        self._inbound: dict[int, tuple[tuple[InboundRule, ...], list[dict[str, Any]]]] = {}
        self._proxy: dict[int, tuple[ProxyRule, dict[str, Any]]] = {}
        self._matched: dict[int, tuple[tuple[ResourceObject, ...], list[dict[str, Any]]]] = {}

    def proxy(self, proxy: ProxyRule) -> dict[str, Any]:
        known = self._proxy.get(id(proxy))
        if known is None:
            known = self._proxy[id(proxy)] = (proxy, proxy_rule_json(proxy))
        return known[1]

    def matched(self, rules: KindRules | None) -> list[dict[str, Any]]:
        if rules is None:
            return []
        known = self._matched.get(id(rules.policies))
        if known is None:
            known = self._matched[id(rules.policies)] = (
                rules.policies,
                [meta_json(p) for p in rules.policies],
            )
        return known[1]

    def outbound(self, rule: ResourceRule) -> dict[str, Any]:
        known = self._outbound.get(id(rule))
        if known is None:
            known = self._outbound[id(rule)] = (rule, resource_rule_json(rule))
        return known[1]

    def inbound(
        self, listener: InboundListener, rules: tuple[InboundRule, ...], dp: DataplaneView
    ) -> dict[str, Any]:
        known = self._inbound.get(id(rules))
        if known is None:
            known = self._inbound[id(rules)] = (rules, [inbound_rule_json(r) for r in rules])
        return {"inbound": inbound_json(listener, dp), "rules": known[1]}


def _entries(
    before: KindRules | None,
    after: KindRules | None,
    views: tuple[DataplaneView | None, DataplaneView | None],
    same_dataplane: bool,
    render: _Renderer,
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The two sides' ``_rules`` entries of a kind, without the rules that are equal on both sides
    (they add nothing to the diff); None for a side where the Dataplane does not exist."""
    sides = (before, after)
    entries: list[dict[str, Any] | None] = []
    for side in sides:
        if side is None:
            entries.append(None)
            continue
        entries.append(
            {
                "type": side.kind,
                "toResourceRules": [],
                "inboundRules": [],
                "warnings": list(side.warnings) if kind_shown(side) else [],
            }
        )
    empty = EMPTY_OUTBOUND
    outbounds = [r.outbound if r is not None else empty for r in sides]
    for key in dict.fromkeys([*outbounds[0], *outbounds[1]]):
        old, new = outbounds[0].get(key), outbounds[1].get(key)
        if old is new or (old is not None and new is not None and old == new):
            continue
        for entry, rule in zip(entries, (old, new), strict=True):
            if entry is not None and rule is not None:
                entry["toResourceRules"].append(render.outbound(rule))
    inbounds = [dict(r.inbound) if r is not None else {} for r in sides]
    for listener in dict.fromkeys([*inbounds[0], *inbounds[1]]):
        old_rules, new_rules = inbounds[0].get(listener, ()), inbounds[1].get(listener, ())
        # A changed Dataplane may name its listeners differently: then every listener is compared.
        if same_dataplane and (old_rules is new_rules or old_rules == new_rules):
            continue
        for entry, listener_rules, view in zip(entries, (old_rules, new_rules), views, strict=True):
            if entry is not None and listener_rules and view is not None:
                entry["inboundRules"].append(render.inbound(listener, listener_rules, view))
    proxies = [r.proxy if r is not None else None for r in sides]
    if not (proxies[0] is proxies[1] or proxies[0] == proxies[1]):
        for entry, proxy in zip(entries, proxies, strict=True):
            if entry is not None and proxy is not None:
                entry["proxyRule"] = render.proxy(proxy)
    return entries[0], entries[1]


def dataplane_impact(
    before: DataplaneRules | None,
    after: DataplaneRules | None,
    registry: Registry,
    *,
    views: tuple[DataplaneView | None, DataplaneView | None] | None = None,
    render: _Renderer | None = None,
    memo: DiffMemo | None = None,
) -> dict[str, Any] | None:
    """What :func:`.diff.dataplane_changes` says of the two resolutions' ``_rules`` documents, computed
    from the kinds and rules that differ only; None when nothing a client can see changed.

    ``views`` are the two sides' Dataplane views when the caller has them; ``render`` and ``memo``
    share work between the Dataplanes of one preview."""
    if before is None and after is None:
        return None
    render = render or _Renderer()
    same_dataplane = before is not None and after is not None and before.dataplane is after.dataplane
    if views is None:
        views = (
            DataplaneView.of(before.dataplane) if before is not None else None,
            DataplaneView.of(after.dataplane) if after is not None else None,
        )
    kinds = []
    for kind in registry.policies():
        old = before.kinds.get(kind.name) if before is not None else None
        new = after.kinds.get(kind.name) if after is not None else None
        if old is new or (old is not None and new is not None and old == new and same_dataplane):
            continue
        old_entry, new_entry = _entries(old, new, views, same_dataplane, render)
        diff = kind_changes(
            kind.name, old_entry, new_entry, render.matched(old), render.matched(new), registry, memo
        )
        if diff is not None:
            kinds.append(diff)
    current = after if after is not None else before
    assert current is not None
    return assemble(meta_json(current.dataplane), before is not None, after is not None, kinds)


def preview(engine: ResolutionEngine, mesh: str, changes: Sequence[Change]) -> Impact:
    """Apply ``changes`` to an overlay of ``mesh`` and diff every Dataplane they may affect."""
    overlay = engine.overlay(mesh)
    candidates: set[str] = set()
    recomputed = 0
    for change in changes:
        if isinstance(change, Upsert):
            update = overlay.upsert(change.obj)
        else:
            scope = "" if change.type == MESH_KIND else mesh
            update = overlay.delete(change.type, scope, change.name)
        recomputed += update.recomputed
        candidates |= {name for m, name in update.changed if m == mesh}
    render, memo = _Renderer(), DiffMemo()
    index, changed = engine.index(mesh), overlay.index(mesh)
    items = []
    for name in sorted(candidates):
        views = (
            index.dataplanes.get(name) if index is not None else None,
            changed.dataplanes.get(name) if changed is not None else None,
        )
        diff = dataplane_impact(
            engine.rules(mesh, name),
            overlay.rules(mesh, name),
            engine.registry,
            views=views,
            render=render,
            memo=memo,
        )
        if diff is not None:
            items.append(diff)
    return Impact(mesh, len(index.dataplanes) if index is not None else 0, items, recomputed)
