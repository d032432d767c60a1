"""Resolved policy rules: what the resolver (``controlplane/resolve``) takes (a mesh snapshot) and
what it produces (rules per Dataplane and kind), read by each policy's Envoy translation.

The output mirrors Kuma's ``TypedMatchingPolicies`` (``notes/kuma-policy-spec.md`` §3.1): for one
Dataplane and one policy kind, the matched policies in priority order, the inbound rules per
listener (§3.7), the outbound rules keyed by destination KRI (§3.6) and the proxy-wide conf (§3.8).

Everything here is immutable by convention: conf values are JSON (dicts, lists, scalars) that may be
shared between Dataplanes and with the policies' specs, so callers must not mutate them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from pulumi_kuma.model.envelope import ResourceObject

Json = Any
"""A JSON value: dict, list, str, int, float, bool or None."""

MESH_KIND = "Mesh"
"""The targetRef kind that names the whole mesh (the snapshot's Mesh object)."""


class InboundListener(NamedTuple):
    """An inbound listener of a Dataplane: an inbound or an embedded zone-proxy listener."""

    address: str
    port: int

    def __str__(self) -> str:
        return f"{self.address}:{self.port}"


@dataclass(frozen=True, slots=True, eq=True)
class Origin:
    """The policy (and the index of its ``to[]`` or ``rules[]`` item) a conf came from."""

    policy: ResourceObject
    rule_index: int


@dataclass(frozen=True, slots=True)
class InboundRule:
    """One inbound rule: its match (None = all incoming traffic), its conf and where it came from."""

    match: Json
    conf: Json
    origin: Origin


@dataclass(frozen=True, slots=True)
class ResourceRule:
    """The merged outbound conf for one destination (or one of its sections, or the whole mesh)."""

    kri: str
    """The rule's key: the destination's KRI, with the section when the rule is for one port."""
    resource: ResourceObject
    """The destination resource (a MeshService, MeshHTTPRoute, ... or the Mesh)."""
    section_name: str
    conf: tuple[Json, ...]
    """The merged conf; one element, except for kinds that group by ``merge_values``."""
    origin: tuple[Origin, ...]
    """The contributing ``to[]`` items in merge order (lowest priority first), each once."""
    origin_by_matches: Mapping[str, Origin] = field(default_factory=dict)
    """For route kinds: the hash of a rule's matches -> the route that contributed that rule."""


class OutboundRules(Mapping[str, ResourceRule]):
    """Outbound rules keyed by destination KRI, with Kuma's fallback lookup (:meth:`compute`)."""

    __slots__ = ("_fallbacks", "_mesh_kri", "_rules")

    def __init__(
        self, rules: Mapping[str, ResourceRule], mesh_kri: str | None, fallbacks: frozenset[str]
    ) -> None:
        self._rules = dict(rules)
        self._mesh_kri = mesh_kri
        self._fallbacks = fallbacks

    def __getitem__(self, key: str) -> ResourceRule:
        return self._rules[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, OutboundRules):
            return self._rules == other._rules
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"OutboundRules({sorted(self._rules)!r})"

    def compute(self, kri: str) -> ResourceRule | None:
        """The rule that applies to ``kri``: the exact key; for a destination kind the key without
        its section, then the mesh; else nothing (Kuma's ``ResourceRules.Compute``)."""
        rule = self._rules.get(kri)
        if rule is not None:
            return rule
        # kri_<short>_<mesh>_<zone>_<namespace>_<name>_<section>: short names, display names and
        # sections have no '_' (mesh names may), so the short name is the 2nd part, the section the last.
        parts = kri.split("_", 2)
        if len(parts) != 3 or parts[1] not in self._fallbacks:
            return None
        base, _, section = kri.rpartition("_")
        if section:
            return self.compute(base + "_")
        if self._mesh_kri is None:
            return None
        return self._rules.get(self._mesh_kri)

    def conf_for(self, kris: Sequence[str]) -> Json | None:
        """Kuma's ``ResourceContext.Conf()``: the conf of the first key present with a non-empty conf.

        ``kris`` is the lookup stack, most specific first (``[route, service#port, service, mesh]``).
        """
        for kri in kris:
            rule = self._rules.get(kri)
            if rule is not None and rule.conf:
                return rule.conf[0]
        return None


EMPTY_OUTBOUND = OutboundRules({}, None, frozenset())


@dataclass(frozen=True, slots=True)
class ProxyRule:
    """The merged ``spec.default`` of a proxy-wide kind and the policies it came from."""

    conf: Json
    origin: tuple[ResourceObject, ...]


@dataclass(frozen=True, slots=True)
class KindRules:
    """Everything one policy kind contributes to one Dataplane."""

    kind: str
    policies: tuple[ResourceObject, ...]
    """The matched policies, lowest priority first."""
    inbound: Mapping[InboundListener, tuple[InboundRule, ...]]
    """For each listener some policy selected: its inbound rules, sorted (§3.7), not merged."""
    outbound: OutboundRules
    proxy: ProxyRule | None
    warnings: tuple[str, ...] = ()
    listeners_selected: bool = False
    """Whether some matched policy selected a listener (not only a delegated gateway); kinds without
    ``rules`` keep no per-listener data, and Kuma's inspect API shows a kind's warnings only then."""

    @property
    def empty(self) -> bool:
        """True when the kind contributes nothing (Kuma's inspect API leaves such kinds out)."""
        return (
            not self.outbound and not any(self.inbound.values()) and self.proxy is None and not self.warnings
        )


@dataclass(frozen=True, slots=True)
class DataplaneRules:
    """The resolved rules of one Dataplane: one :class:`KindRules` per policy kind, in plugin order."""

    dataplane: ResourceObject
    kinds: Mapping[str, KindRules]

    def __getitem__(self, kind: str) -> KindRules:
        return self.kinds[kind]

    def non_empty(self) -> Iterator[KindRules]:
        """The kinds that contribute something, in plugin order."""
        return (rules for rules in self.kinds.values() if not rules.empty)


@dataclass(frozen=True, slots=True)
class MeshSnapshot:
    """One mesh's resources, as the store holds them (specs are REST-normalised JSON)."""

    name: str
    mesh: ResourceObject | None
    """The Mesh object; without it ``to: Mesh`` entries resolve to nothing (as in Kuma)."""
    resources: Mapping[str, tuple[ResourceObject, ...]]
    """Every other resource of the mesh by kind name: Dataplanes, destinations, policies."""

    @classmethod
    def from_objects(cls, name: str, objects: Iterable[ResourceObject]) -> MeshSnapshot:
        """Group objects by kind; the ``Mesh`` named ``name`` becomes :attr:`mesh`."""
        mesh: ResourceObject | None = None
        grouped: dict[str, list[ResourceObject]] = {}
        for obj in objects:
            if obj.type == MESH_KIND:
                if obj.name == name:
                    mesh = obj
                continue
            if obj.mesh != name:
                continue
            grouped.setdefault(obj.type, []).append(obj)
        return cls(name, mesh, {kind: tuple(items) for kind, items in grouped.items()})

    def of_kind(self, kind: str) -> tuple[ResourceObject, ...]:
        """The snapshot's resources of one kind."""
        return self.resources.get(kind, ())
