"""Resolved rules with chosen origins, for translations that name things after the policy (KRIs)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pulumi_kuma.controlplane.xds.cache import ResourceConversionError, ResourceConverter
from pulumi_kuma.envoy import ProxyResources
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.model.rules import EMPTY_OUTBOUND, InboundListener, InboundRule, KindRules, Origin, ProxyRule


def policy(
    kind: str, name: str, labels: Mapping[str, str] | None = None, mesh: str = "default"
) -> ResourceObject:
    """A policy object (only its identity matters to the translations)."""
    return ResourceObject(type=kind, name=name, mesh=mesh, labels=dict(labels or {}))


def inbound_rules(
    kind: str, rules: Mapping[InboundListener, Iterable[tuple[Any, Any, ResourceObject]]]
) -> KindRules:
    """Inbound ``(match, conf, policy)`` lists per listener, in the order given."""
    inbound = {
        listener: tuple(
            InboundRule(match, conf, Origin(origin, i)) for i, (match, conf, origin) in enumerate(items)
        )
        for listener, items in rules.items()
    }
    policies = tuple({id(r.origin.policy): r.origin.policy for rs in inbound.values() for r in rs}.values())
    return KindRules(kind, policies, inbound, EMPTY_OUTBOUND, None)


def proxy_rules(kind: str, conf: Any, *origins: ResourceObject) -> KindRules:
    """A proxy-wide kind's merged conf."""
    return KindRules(kind, tuple(origins), {}, EMPTY_OUTBOUND, ProxyRule(conf, tuple(origins)))


def assert_converts(resources: ProxyResources) -> None:
    """Every resource converts to its Envoy proto as the snapshot cache converts it (no field our
    Envoy protos do not know, every ``@type`` resolvable)."""
    converter = ResourceConverter()
    for type_url, entries in resources.by_type().items():
        for entry in entries:
            try:
                converter.convert(type_url, entry.view)
            except ResourceConversionError as exc:
                raise AssertionError(f"{entry.name}: {exc}") from exc
