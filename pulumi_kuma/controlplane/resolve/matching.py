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
from pulumi_kuma.model.rules import MESH_KIND, InboundListener

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


def sort_by_priority(items: Iterable[T], key: Callable[[T], Any], name: Callable[[T], Any]) -> list[T]:
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
    display_name: str
    label_pairs: frozenset[tuple[str, str]]
    """The labels a targetRef can match, with ``kuma.io/display-name`` as the display name."""
    everything: Selection
    """What a mesh-wide targetRef selects: every inbound and listener (and the gateway flag)."""

    @classmethod
    def of(cls, obj: ResourceObject) -> DataplaneView:
        """Read a Dataplane's inbounds, listeners, gateway and labels from its JSON."""
        networking = obj.spec.get("networking") or {}
        address = networking.get("address") or ""
        inbounds = tuple(_inbound(item, address) for item in networking.get("inbound") or [])
        listeners = tuple(_inbound(item, address) for item in networking.get("listeners") or [])
        gateway = networking.get("gateway")
        delegated = isinstance(gateway, dict) and gateway.get("type", "DELEGATED") == "DELEGATED"
        tags = gateway.get("tags") if delegated and isinstance(gateway, dict) else None
        name = display_name(obj)
        pairs = frozenset((k, v) for k, v in obj.labels.items() if k != DISPLAY_NAME) | {(DISPLAY_NAME, name)}
        everything = Selection(tuple(i.listener for i in (*inbounds, *listeners)), delegated)
        return cls(obj, inbounds, listeners, delegated, tags, name, pairs, everything)

    def inbound_for_port(self, port: int) -> Inbound | None:
        """The first inbound listening on ``port`` (Kuma's ``GetInboundForPort``)."""
        return next((i for i in self.inbounds if i.listener.port == port), None)


def _inbound(item: Mapping[str, Any], address: str) -> Inbound:
    port = int(item.get("port") or 0)
    name = item.get("name") or None
    return Inbound(InboundListener(item.get("address") or address, port), name or str(port), name)


# --- Policies -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Selection:
    """What a policy's top-level targetRef selects on one Dataplane."""

    listeners: tuple[InboundListener, ...]
    delegated_gateway: bool
    warning: str | None = None

    @property
    def matched(self) -> bool:
        """Whether the policy matches the Dataplane at all."""
        return bool(self.listeners) or self.delegated_gateway


NOT_SELECTED = Selection((), False)


@dataclass(frozen=True, slots=True)
class PolicyView:
    """A policy with what matching and sorting need precomputed."""

    obj: ResourceObject
    top: dict[str, Any]
    top_kind: str
    role: str
    attributes: tuple[int, int, int, int]
    display_name: str
    shadow: bool
    selector: dict[str, str] | None
    """The top-level ``Dataplane`` targetRef's labels (None: every Dataplane)."""
    section: str
    zone: str | None
    """Set when the zone gate applies: the policy was made on this zone (and is not a producer's)."""
    namespace: str | None
    """Set when the namespace gate applies: consumer and workload-owner policies."""

    @classmethod
    def of(cls, obj: ResourceObject) -> PolicyView:
        """Precompute a policy's targetRef, role, gates and priority."""
        top = top_level_ref(obj.spec)
        kind = str(top.get("kind", MESH_KIND))
        role = policy_role(obj.labels)
        labels = obj.labels
        zone = None
        if role != PRODUCER and labels.get(ORIGIN_LABEL) == "zone" and ZONE_LABEL in labels:
            zone = labels[ZONE_LABEL]
        namespace = None
        if role in (CONSUMER, WORKLOAD_OWNER):
            # Without a namespace label nothing passes the gate: an impossible value says so.
            namespace = labels.get(NAMESPACE_LABEL, "\0no-namespace")
        selector = top.get("labels") if kind == DATAPLANE_KIND else None
        return cls(
            obj,
            top,
            kind,
            role,
            attribute_key(top, labels),
            display_name(obj),
            is_shadow(obj),
            dict(selector) if isinstance(selector, dict) else None,
            str(top.get("sectionName") or ""),
            zone,
            namespace,
        )

    @property
    def anchor(self) -> tuple[str, str] | None:
        """One label pair every Dataplane this policy selects has (None: no such pair)."""
        if self.top_kind != DATAPLANE_KIND or not self.selector:
            return None
        return next(iter(self.selector.items()))

    def selects(self, dp: DataplaneView) -> Selection:
        """Kuma's ``DppSelectedByPolicy``: the Dataplane's listeners this policy's targetRef selects."""
        labels = dp.obj.labels
        if self.zone is not None:
            origin = labels.get(ORIGIN_LABEL)
            if origin is not None and origin != "global" and not is_local_zone_resource(labels, self.zone):
                return NOT_SELECTED
        if self.namespace is not None and self.namespace != labels.get(NAMESPACE_LABEL, ""):
            return NOT_SELECTED
        kind = self.top_kind
        if kind == MESH_KIND:
            return dp.everything
        if kind == DATAPLANE_KIND:
            if self.selector is not None and not all(
                pair in dp.label_pairs for pair in self.selector.items()
            ):
                return NOT_SELECTED
            section = self.section
            if not section:
                return dp.everything
            chosen = [i.listener for i in (*dp.inbounds, *dp.listeners) if i.section_name == section]
            return Selection(tuple(chosen), dp.delegated_gateway)
        return Selection((), False, f"unsupported targetRef kind '{kind}'")


def is_local_zone_resource(labels: Mapping[str, str], zone: str) -> bool:
    """A zone-originated resource of ``zone`` (no zone label counts as local, for 2.7 compatibility)."""
    if labels.get(ORIGIN_LABEL) != "zone":
        return False
    return labels.get(ZONE_LABEL, zone) == zone


def sort_policies(policies: Iterable[PolicyView]) -> list[PolicyView]:
    """Kuma's ``SortByTargetRef``: lowest priority first.

    Kuma leaves the order of full ties (same display name, e.g. in two namespaces) unspecified; we
    break them by store name, descending like the display name, so results never depend on the
    order in which policies arrived.
    """
    return sort_by_priority(policies, lambda p: p.attributes, lambda p: (p.display_name, p.obj.name))
