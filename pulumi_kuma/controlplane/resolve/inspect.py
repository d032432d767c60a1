"""Kuma's inspect API bodies, rendered from resolved rules (no I/O; the REST layer serves them).

* :func:`render_rules`: ``GET /meshes/{mesh}/dataplanes/{name}/_rules``;
* :func:`policy_dataplanes`: ``GET /meshes/{mesh}/{policies}/{name}/_resources/dataplanes``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pulumi_kuma.controlplane.resolve.matching import DataplaneView, PolicyView
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.model.registry import Registry
from pulumi_kuma.model.rules import (
    DataplaneRules,
    InboundListener,
    InboundRule,
    KindRules,
    Origin,
    ProxyRule,
    ResourceRule,
)


def meta_json(obj: ResourceObject) -> dict[str, Any]:
    """Kuma's short resource meta: ``{type, mesh, name, labels}``."""
    return {
        "type": obj.type,
        "mesh": obj.mesh or "",
        "name": obj.name,
        "labels": dict(sorted(obj.labels.items())),
    }


def _origin_json(origin: Origin) -> dict[str, Any]:
    return {"resourceMeta": meta_json(origin.policy), "ruleIndex": origin.rule_index}


def resource_rule_json(rule: ResourceRule) -> dict[str, Any]:
    """One ``toResourceRules`` entry."""
    return {
        "conf": list(rule.conf),
        "origin": [_origin_json(o) for o in rule.origin],
        "resourceMeta": meta_json(rule.resource),
        "resourceSectionName": rule.section_name,
    }


def inbound_rule_json(rule: InboundRule) -> dict[str, Any]:
    """One rule of an ``inboundRules`` entry."""
    out: dict[str, Any] = {"conf": [rule.conf]}
    if rule.match is not None:
        out["match"] = rule.match
    out["origin"] = [_origin_json(rule.origin)]
    return out


def inbound_json(listener: InboundListener, dp: DataplaneView) -> dict[str, Any]:
    """The ``inbound`` of an ``inboundRules`` entry: port, gateway tags, the inbound's name."""
    entry: dict[str, Any] = {
        "port": listener.port,
        "tags": dict(dp.gateway_tags) if dp.gateway_tags else None,
    }
    named = dp.inbound_for_port(listener.port)
    if named is not None and named.name:
        entry["name"] = named.name
    return entry


def inbound_rules_json(
    listener: InboundListener, rules: Sequence[InboundRule], dp: DataplaneView
) -> dict[str, Any]:
    """One ``inboundRules`` entry: the listener and its rules."""
    return {"inbound": inbound_json(listener, dp), "rules": [inbound_rule_json(r) for r in rules]}


def proxy_rule_json(proxy: ProxyRule) -> dict[str, Any]:
    """The ``proxyRule`` entry."""
    return {"conf": proxy.conf, "origin": [meta_json(o) for o in proxy.origin]}


def kind_shown(rules: KindRules) -> bool:
    """Whether ``_rules`` lists the kind: Kuma skips a kind with no outbound rules, no listeners and
    no proxy conf, and one whose rule lists are all empty and that has no warnings."""
    if not rules.outbound and not rules.listeners_selected and rules.proxy is None:
        return False
    return bool(rules.proxy is not None or rules.outbound or any(rules.inbound.values()) or rules.warnings)


def _kind_json(rules: KindRules, dp: DataplaneView) -> dict[str, Any] | None:
    if not kind_shown(rules):
        return None
    inbound = [
        inbound_rules_json(listener, listener_rules, dp)
        for listener, listener_rules in rules.inbound.items()
        if listener_rules
    ]
    inbound.sort(key=lambda item: item["inbound"]["port"])
    outbound = sorted(
        (resource_rule_json(rule) for rule in rules.outbound.values()),
        key=lambda item: (item["resourceMeta"]["name"], item["resourceSectionName"]),
    )
    out: dict[str, Any] = {"type": rules.kind, "toResourceRules": outbound, "inboundRules": inbound}
    if rules.proxy is not None:
        out["proxyRule"] = proxy_rule_json(rules.proxy)
    out["warnings"] = list(rules.warnings)
    return out


def http_matches(rules: DataplaneRules, registry: Registry) -> list[dict[str, Any]]:
    """The ``httpMatches`` index: every route rule's matches by the hash that keys their origins."""
    by_hash: dict[str, Any] = {}
    for kind_rules in rules.kinds.values():
        traits = registry.by_name(kind_rules.kind).policy
        if traits is None or traits.matches_hash is None or traits.merge_by_key is None:
            continue
        list_field, key_field, _ = traits.merge_by_key
        for rule in kind_rules.outbound.values():
            for conf in rule.conf:
                items = (conf.get(list_field) or []) if isinstance(conf, dict) else []
                for item in items:
                    by_hash[traits.matches_hash(item.get(key_field))] = item.get(key_field)
    return [{"hash": h, "match": by_hash[h]} for h in sorted(by_hash)]


def render_rules(rules: DataplaneRules, registry: Registry) -> dict[str, Any]:
    """The body of ``GET /meshes/{mesh}/dataplanes/{name}/_rules`` for resolved rules."""
    dp = DataplaneView.of(rules.dataplane)
    rendered = [_kind_json(kind_rules, dp) for kind_rules in rules.kinds.values()]
    return {
        "httpMatches": http_matches(rules, registry),
        "resource": meta_json(rules.dataplane),
        "rules": [r for r in rendered if r is not None],
    }


@dataclass(frozen=True, slots=True)
class DataplanesPage:
    """One page of the Dataplanes a policy selects."""

    total: int
    items: tuple[ResourceObject, ...]
    next_offset: int | None
    """Where the next page starts, or None on the last page."""

    def to_json(self, next_url: str | None = None) -> dict[str, Any]:
        """Kuma's body: ``{total, items, next?}`` (the REST layer turns the offset into ``next_url``)."""
        out: dict[str, Any] = {"total": self.total, "items": [meta_json(o) for o in self.items]}
        if next_url is not None:
            out["next"] = next_url
        return out


def policy_dataplanes(
    policy: ResourceObject,
    dataplanes: Iterable[ResourceObject],
    *,
    name_contains: str = "",
    offset: int = 0,
    size: int = 100,
) -> DataplanesPage:
    """The Dataplanes a policy's top-level targetRef selects, by name, one page of them.

    Like Kuma, this looks at the targetRef only (shadow policies select Dataplanes too).
    """
    view = PolicyView.of(policy)
    selected = sorted(
        (dp for dp in dataplanes if name_contains in dp.name and view.selects(DataplaneView.of(dp)).matched),
        key=lambda o: o.name,
    )
    page = tuple(selected[offset : offset + size])
    following = offset + size
    return DataplanesPage(len(selected), page, following if following < len(selected) else None)
