"""Rules from sorted policies: inbound (``rules[]``, §3.7), outbound (``to[]``, §3.6), proxy-wide (§3.8).

These builders take the policies of one kind that matched a Dataplane (or one of its listeners),
lowest priority first, and never look at the Dataplane itself: Dataplanes that matched the same
policies share the result.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pulumi_kuma.controlplane.resolve.matching import PolicyView, sort_by_priority
from pulumi_kuma.model.common import KIND_RANK
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.model.merge import MergeSpec, merge_confs
from pulumi_kuma.model.registry import DestinationTraits, KindDescriptor, PolicyTraits, Registry, Section
from pulumi_kuma.model.rules import (
    InboundRule,
    Json,
    Origin,
    OutboundRules,
    ProxyRule,
    ResourceRule,
)

# --- Inbound --------------------------------------------------------------------------------------


def _match_order(rule: InboundRule) -> tuple[bool, int, bool]:
    """Specific matches first: SPIFFE ID (Exact before Prefix), then SNI, then catch-all."""
    match = rule.match if isinstance(rule.match, dict) else {}
    spiffe = match.get("spiffeID")
    score = {"Exact": 2, "Prefix": 1}.get(spiffe.get("type", ""), 0) if isinstance(spiffe, dict) else 0
    return (spiffe is None, -score, match.get("sni") is None)


def build_inbound_rules(policies: Sequence[PolicyView]) -> tuple[InboundRule, ...]:
    """Kuma's ``inbound.BuildRules``: one rule per match (or one catch-all), sorted, not merged."""
    entries = [
        (policy, index, item) for policy in policies for index, item in enumerate(_rules_of(policy.obj))
    ]
    entries = sort_by_priority(entries, lambda e: e[0].attributes, lambda e: e[0].display_name)
    rules: list[InboundRule] = []
    for policy, index, item in entries:
        origin = Origin(policy.obj, index)
        conf = item.get("default", {}) if isinstance(item, dict) else {}
        matches = item.get("matches") if isinstance(item, dict) else None
        if not matches:
            rules.append(InboundRule(None, conf, origin))
        else:
            rules.extend(InboundRule(match, conf, origin) for match in matches)
    rules.sort(key=_match_order)
    return tuple(rules)


def _rules_of(obj: ResourceObject) -> list[Any]:
    rules = obj.spec.get("rules")
    return rules if isinstance(rules, list) else []


# --- Proxy-wide -----------------------------------------------------------------------------------


def build_proxy_rule(kind: KindDescriptor, policies: Sequence[PolicyView]) -> ProxyRule | None:
    """Kuma's ``BuildProxyConf``: the merged ``spec.default`` of every matched policy, or None."""
    if not policies or not kind.has_section(Section.DEFAULT):
        return None
    confs = [p.obj.spec.get("default", {}) for p in policies]
    merged = merge_confs(confs, MergeSpec.of(kind.policy))
    if not merged:
        return None
    seen: set[tuple[str, str, str]] = set()
    origin: list[ResourceObject] = []
    for policy in policies:
        if policy.obj.key not in seen:
            seen.add(policy.obj.key)
            origin.append(policy.obj)
    return ProxyRule(merged[0], tuple(origin))


# --- Outbound -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Destination:
    """A resource a ``to[].targetRef`` resolved to, with the section it named."""

    resource: ResourceObject
    section: str
    kri: str
    """The rule key: the resource's KRI with the section."""
    base_kri: str
    """The resource's KRI without a section."""
    traits: DestinationTraits | None
    """None for the Mesh."""


TargetResolver = Callable[[Mapping[str, Any], PolicyView], Sequence[Destination]]
"""Resolves a ``to[].targetRef`` of a policy to the destinations it names (``resolve.TargetRef``)."""


@dataclass(frozen=True, slots=True)
class ToEntry:
    """One ``to[]`` item of a matched policy, with the conf the merge folds."""

    policy: PolicyView
    rule_index: int
    target: Mapping[str, Any]
    conf: Json
    order: tuple[tuple[int, int, int, int], int, int]
    """Priority: policy attributes, then the to-kind's rank, then (some kinds) section over whole."""


def to_entries(kind: KindDescriptor, policies: Sequence[PolicyView], registry: Registry) -> list[ToEntry]:
    """Every ``to[]`` item of the policies, sorted (policy attributes, to-kind, section, name)."""
    traits = kind.policy
    if traits is None or Section.TO not in traits.sections:
        return []
    entries: list[ToEntry] = []
    for policy in policies:
        items = policy.obj.spec.get("to")
        for index, item in enumerate(items if isinstance(items, list) else []):
            if not isinstance(item, dict):
                continue
            conf = traits.to_conf(item) if traits.to_conf is not None else item.get("default", {})
            target = item.get("targetRef") or {}
            target_kind = str(target.get("kind", ""))
            destination = registry.get(target_kind)
            later = destination is not None and destination.destination is not None
            later = later and destination.destination.section_entries_sort_later  # type: ignore[union-attr]
            section = 1 if later and target.get("sectionName") else 0
            order = (policy.attributes, KIND_RANK.get(target_kind, 0), section)
            entries.append(ToEntry(policy, index, target, conf, order))
    return sort_by_priority(entries, lambda e: e.order, lambda e: e.policy.display_name)


def _relevant(entry_dest: Destination, key: Destination) -> bool:
    """Whether an entry that resolved to ``entry_dest`` contributes to the rule keyed by ``key``."""
    traits = entry_dest.traits
    if traits is None:  # the Mesh: relevant to every key of its mesh
        return True
    if entry_dest.base_kri != key.base_kri:
        return False
    if not traits.whole_applies_to_sections:
        return True
    return entry_dest.section == key.section or (entry_dest.section == "" and key.section != "")


def build_outbound_rules(
    kind: KindDescriptor,
    policies: Sequence[PolicyView],
    resolve: TargetResolver,
    registry: Registry,
    mesh_kri: str | None,
) -> OutboundRules:
    """Kuma's ``outbound.BuildRules``: one merged rule per destination that some entry names."""
    fallback_kinds = destination_short_names(registry)
    entries = to_entries(kind, policies, registry)
    if not entries:
        return OutboundRules({}, mesh_kri, fallback_kinds)
    spec = MergeSpec.of(kind.policy)
    traits = kind.policy

    # Resolve every entry; remember, per resource, which entries named it (in order).
    resolved: list[tuple[int, ToEntry, Destination]] = []
    for entry in entries:
        for destination in resolve(entry.target, entry.policy):
            resolved.append((len(resolved), entry, destination))
    mesh_items = [r for r in resolved if r[2].traits is None]
    by_resource: dict[str, list[tuple[int, ToEntry, Destination]]] = {}
    keys: dict[str, Destination] = {}
    for item in resolved:
        destination = item[2]
        keys[destination.kri] = destination  # resources sharing a KRI: the last one keys the rule, as in Kuma
        if destination.traits is not None:
            by_resource.setdefault(destination.base_kri, []).append(item)

    merged_by_entries: dict[tuple[int, ...], tuple[Json, ...]] = {}
    rules: dict[str, ResourceRule] = {}
    for kri, key in keys.items():
        candidates = mesh_items if key.traits is None else mesh_items + by_resource.get(key.base_kri, [])
        relevant = sorted((c for c in candidates if _relevant(c[2], key)), key=lambda c: c[0])
        if not relevant:
            continue
        relevant_entries = [c[1] for c in relevant]
        signature = tuple(id(e) for e in relevant_entries)
        conf = merged_by_entries.get(signature)
        if conf is None:
            conf = tuple(merge_confs([e.conf for e in relevant_entries], spec))
            merged_by_entries[signature] = conf
        origin, by_matches = _origins(relevant_entries, traits)
        rules[kri] = ResourceRule(kri, key.resource, key.section, conf, origin, by_matches)
    return OutboundRules(rules, mesh_kri if mesh_kri in rules else None, fallback_kinds)


def _origins(
    entries: Sequence[ToEntry], traits: PolicyTraits | None
) -> tuple[tuple[Origin, ...], dict[str, Origin]]:
    """Kuma's ``Origins`` (each policy and item once, in merge order) and ``OriginByMatches``."""
    seen: set[tuple[str, str, int]] = set()
    origins: list[Origin] = []
    by_matches: dict[str, Origin] = {}
    hash_key = traits.matches_hash if traits is not None else None
    merge_by_key = traits.merge_by_key if traits is not None else None
    for entry in entries:
        ident = (entry.policy.obj.mesh or "", entry.policy.obj.name, entry.rule_index)
        if ident in seen:
            continue
        seen.add(ident)
        origin = Origin(entry.policy.obj, entry.rule_index)
        origins.append(origin)
        if hash_key is not None and merge_by_key is not None and isinstance(entry.conf, dict):
            list_field, key_field, _ = merge_by_key
            for rule in entry.conf.get(list_field) or []:
                by_matches[hash_key(rule.get(key_field))] = origin
    return tuple(origins), by_matches


def destination_short_names(registry: Registry) -> frozenset[str]:
    """KRI short names of the destination kinds (their lookups fall back to the whole resource, then the mesh)."""
    return frozenset(k.short_name for k in registry if k.destination is not None and k.short_name)


def mesh_destination(mesh: ResourceObject, kri: str) -> Destination:
    """The Mesh as the destination of ``to: Mesh`` entries."""
    return Destination(mesh, "", kri, kri, None)
