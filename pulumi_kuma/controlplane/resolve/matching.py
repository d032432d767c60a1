"""Which policies select a Dataplane, and in which order they apply (§3.2, §3.3).

A policy's top-level targetRef selects *inbound listeners* of a Dataplane (its inbounds and its
embedded zone-proxy listeners); the policy matches the Dataplane when it selects at least one, or
when the Dataplane is a delegated gateway the targetRef covers. Two gates run first: the zone gate
(policies made on a zone act only on that zone's Dataplanes, unless they are producer policies)
and the namespace gate (consumer and workload-owner policies act only in their own namespace).

Priority ("later wins"): top-level kind rank, then Dataplane targetRefs with a ``sectionName``
after those without, then origin (global < unset < zone), then role (system < producer < consumer <
workload-owner), then display name *descending* (so ``aaa`` beats ``bbb``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from pulumi_kuma.controlplane.resolve.types import MESH_KIND, InboundListener
from pulumi_kuma.model.common import KIND_RANK
from pulumi_kuma.model.envelope import (
    DISPLAY_NAME,
    EFFECT_LABEL,
    NAMESPACE_LABEL,
    ORIGIN_LABEL,
    ROLE_LABEL,
    ZONE_LABEL,
    ResourceObject,
)

DATAPLANE_KIND = "Dataplane"
"""The top-level targetRef kind that selects Dataplanes by labels (and inbounds by section)."""

SYSTEM, PRODUCER, CONSUMER, WORKLOAD_OWNER = "system", "producer", "consumer", "workload-owner"
_ORIGIN_ORDER = {"global": 1, "": 2, "zone": 3}
_ROLE_ORDER = {SYSTEM: 1, PRODUCER: 2, CONSUMER: 3, WORKLOAD_OWNER: 4}

T = TypeVar("T")


def display_name(obj: ResourceObject) -> str:
    """The name used for ordering and matching: the display-name label, else the store name."""
    return obj.labels.get(DISPLAY_NAME) or obj.name


def policy_role(labels: Mapping[str, str]) -> str:
    """``kuma.io/policy-role``; unset (Universal) means ``system``."""
    return labels.get(ROLE_LABEL) or SYSTEM


def is_shadow(obj: ResourceObject) -> bool:
    """``kuma.io/effect: shadow`` policies are invisible to config generation."""
    return obj.labels.get(EFFECT_LABEL) == "shadow"


def top_level_ref(spec: Mapping[str, Any]) -> dict[str, Any]:
    """The policy's top-level targetRef; absent means the whole mesh."""
    ref = spec.get("targetRef")
    return ref if isinstance(ref, dict) and ref.get("kind") else {"kind": MESH_KIND}


def attribute_key(top: Mapping[str, Any], labels: Mapping[str, str]) -> tuple[int, int, int, int]:
    """Steps 1-4 of the priority order, as an ascending sort key."""
    kind = top.get("kind", MESH_KIND)
    section = 1 if kind == DATAPLANE_KIND and top.get("sectionName") else 0
    origin = _ORIGIN_ORDER.get(labels.get(ORIGIN_LABEL, ""), 0)
    role = _ROLE_ORDER.get(policy_role(labels), 0)
    return (KIND_RANK.get(kind, 0), section, origin, role)


def sort_by_priority(items: Iterable[T], key: Callable[[T], Any], name: Callable[[T], str]) -> list[T]:
    """Stable sort: ascending by ``key``, ties by ``name`` descending (lowest priority first).

    Python's sort is stable, also with ``reverse=True``, so full ties keep their input order.
    """
    ordered = sorted(items, key=name, reverse=True)
    ordered.sort(key=key)
    return ordered


# --- Dataplanes -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Inbound:
    """One Dataplane inbound (or embedded listener): where it listens and the name policies use."""

    listener: InboundListener
    section_name: str
    """The inbound's ``name``, or its port as a string."""
    name: str | None


@dataclass(frozen=True, slots=True)
class DataplaneView:
    """What matching needs from a Dataplane, read once from its REST JSON."""

    obj: ResourceObject
    inbounds: tuple[Inbound, ...]
    listeners: tuple[Inbound, ...]
    """Embedded zone-proxy listeners (``networking.listeners``)."""
    delegated_gateway: bool
    gateway_tags: Mapping[str, str] | None

    @classmethod
    def of(cls, obj: ResourceObject) -> DataplaneView:
        networking = obj.spec.get("networking") or {}
        address = networking.get("address") or ""
        inbounds = tuple(
            Inbound(
                InboundListener(item.get("address") or address, int(item.get("port") or 0)),
                item.get("name") or str(int(item.get("port") or 0)),
                item.get("name") or None,
            )
            for item in networking.get("inbound") or []
        )
        listeners = tuple(
            Inbound(
                InboundListener(item.get("address") or address, int(item.get("port") or 0)),
                item.get("name") or str(int(item.get("port") or 0)),
                item.get("name") or None,
            )
            for item in networking.get("listeners") or []
        )
        gateway = networking.get("gateway")
        delegated = isinstance(gateway, dict) and gateway.get("type", "DELEGATED") == "DELEGATED"
        tags = gateway.get("tags") if delegated and isinstance(gateway, dict) else None
        return cls(obj, inbounds, listeners, delegated, tags)

    def inbound_for_port(self, port: int) -> Inbound | None:
        """The first inbound listening on ``port`` (Kuma's ``GetInboundForPort``)."""
        return next((i for i in self.inbounds if i.listener.port == port), None)


# --- Policies -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Selection:
    """What a policy's top-level targetRef selects on one Dataplane."""

    listeners: tuple[InboundListener, ...]
    delegated_gateway: bool
    warning: str | None = None

    @property
    def matched(self) -> bool:
        return bool(self.listeners) or self.delegated_gateway


NOT_SELECTED = Selection((), False)


@dataclass(frozen=True, slots=True)
class PolicyView:
    """A policy with what matching and sorting need precomputed."""

    obj: ResourceObject
    top: dict[str, Any]
    role: str
    attributes: tuple[int, int, int, int]
    display_name: str

    @classmethod
    def of(cls, obj: ResourceObject) -> PolicyView:
        top = top_level_ref(obj.spec)
        return cls(obj, top, policy_role(obj.labels), attribute_key(top, obj.labels), display_name(obj))

    @property
    def top_kind(self) -> str:
        return str(self.top.get("kind", MESH_KIND))

    def selects(self, dp: DataplaneView) -> Selection:
        """Kuma's ``DppSelectedByPolicy``: the Dataplane's listeners this policy's targetRef selects."""
        if not self._zone_gate(dp.obj.labels) or not self._namespace_gate(dp.obj.labels):
            return NOT_SELECTED
        kind = self.top_kind
        if kind == MESH_KIND:
            listeners = tuple(i.listener for i in dp.inbounds) + tuple(i.listener for i in dp.listeners)
            return Selection(listeners, dp.delegated_gateway)
        if kind == DATAPLANE_KIND:
            labels = self.top.get("labels")
            if labels is not None and not _labels_select(labels, dp.obj):
                return NOT_SELECTED
            section = self.top.get("sectionName") or ""
            chosen = [i.listener for i in dp.inbounds if not section or i.section_name == section]
            chosen += [i.listener for i in dp.listeners if not section or i.section_name == section]
            return Selection(tuple(chosen), dp.delegated_gateway)
        return Selection((), False, f"unsupported targetRef kind '{kind}'")

    def _zone_gate(self, dp_labels: Mapping[str, str]) -> bool:
        if self.role == PRODUCER:
            return True
        dp_origin = dp_labels.get(ORIGIN_LABEL)
        if dp_origin is None or dp_origin == "global":
            return True
        labels = self.obj.labels
        if labels.get(ORIGIN_LABEL) == "zone" and ZONE_LABEL in labels:
            return is_local_zone_resource(dp_labels, labels[ZONE_LABEL])
        return True

    def _namespace_gate(self, dp_labels: Mapping[str, str]) -> bool:
        if self.role not in (CONSUMER, WORKLOAD_OWNER):
            return True
        namespace = self.obj.labels.get(NAMESPACE_LABEL)
        return namespace is not None and namespace == dp_labels.get(NAMESPACE_LABEL, "")


def is_local_zone_resource(labels: Mapping[str, str], zone: str) -> bool:
    """A zone-originated resource of ``zone`` (no zone label counts as local, for 2.7 compatibility)."""
    if labels.get(ORIGIN_LABEL) != "zone":
        return False
    return labels.get(ZONE_LABEL, zone) == zone


def _labels_select(selector: Mapping[str, str], obj: ResourceObject) -> bool:
    for key, value in selector.items():
        actual = display_name(obj) if key == DISPLAY_NAME else obj.labels.get(key)
        if actual != value:
            return False
    return True


def sort_policies(policies: Iterable[PolicyView]) -> list[PolicyView]:
    """Kuma's ``SortByTargetRef``: lowest priority first."""
    return sort_by_priority(policies, lambda p: p.attributes, lambda p: p.display_name)
