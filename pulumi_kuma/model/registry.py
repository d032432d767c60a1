"""Kind descriptors: everything the rest of the system needs to know about a kind, in one place.

A kind module (``pulumi_kuma/policies/<kind>.py`` or ``pulumi_kuma/kinds/<kind>.py``) declares one
:class:`KindDescriptor`; :mod:`pulumi_kuma.registry` lists them. Core code (REST routes, stores,
resolver, provider classes, docs, conformance tests) iterates the registry and never names a kind.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import UnknownKind, Violation
from pulumi_kuma.model.secrecy import holds_inline_source, holds_secure_data


class Scope(enum.StrEnum):
    """Where a kind lives: inside a mesh (``/meshes/{mesh}/...``) or globally."""

    MESH = "Mesh"
    GLOBAL = "Global"


class Section(enum.StrEnum):
    """The sections a policy spec can have."""

    TARGET_REF = "targetRef"
    TO = "to"
    RULES = "rules"
    DEFAULT = "default"


@dataclass(frozen=True, slots=True)
class ValidationContext:
    """What a kind's validator may know besides the spec: the resource's meta."""

    name: str
    mesh: str | None
    labels: Mapping[str, str]


SemanticValidator = Callable[[Any, ValidationContext], list[Violation]]
"""A kind's own validator: the decoded spec model in, violations out (never raises)."""

SniSections = Callable[[Mapping[str, Any]], list[tuple[int, str]]]
"""A destination kind's (port, section name) pairs, read from its spec JSON: one SNI each."""

ToConf = Callable[[dict[str, Any]], dict[str, Any]]
"""Turns one ``to[]`` item into the conf the outbound merge folds (MeshHTTPRoute, MeshTCPRoute)."""

MatchesHash = Callable[[Any], str]
"""Kuma's hash of a merge-by-key key (a MeshHTTPRoute rule's ``matches``)."""

SectionNames = Callable[[Mapping[str, Any]], Sequence[str]]
"""The section names (ports) of a destination, read from its spec JSON."""


@dataclass(frozen=True, slots=True)
class PolicyTraits:
    """What the resolver and the xDS generator need to know about a policy kind."""

    sections: frozenset[Section]
    order: int
    """Plugin order: lower runs first when generating Envoy config."""
    append_fields: tuple[tuple[str, ...], ...] = ()
    """Conf fields (paths of keys) whose lists concatenate across merged confs instead of replacing."""
    to_conf: ToConf | None = None
    """Hook for kinds whose ``to[]`` items are not ``{targetRef, default}`` (routes)."""
    merge_by_key: tuple[str, str, str] | None = None
    """(list field, key field, conf field): list entries with equal keys merge (MeshHTTPRoute rules)."""
    merge_values: str | None = None
    """Conf field whose values split the merge into groups (MeshHTTPRoute ``hostnames``)."""
    reverse_after_merge: str | None = None
    """Conf list field reversed after merging (MeshHTTPRoute rules)."""
    inbound_merge: bool = True
    """Whether catch-all inbound rules are merged into one conf (False: rules fan out)."""
    matches_hash: MatchesHash | None = None
    """Hash of a ``merge_by_key`` key: keys the rules' origins (Kuma's ``OriginByMatches``) and the
    inspect API's ``httpMatches`` (MeshHTTPRoute)."""


@dataclass(frozen=True, slots=True)
class DestinationTraits:
    """How a kind behaves when a policy's ``to[].targetRef`` names it (MeshService, MeshHTTPRoute, ...).

    Outbound rules are keyed by the KRI of each destination (plus the section, when one is named);
    a lookup that finds no rule for a destination retries without the section, then the mesh.
    """

    section_names: SectionNames | None = None
    """The names a ``sectionName`` can pick (ports: ``name``, else the number as a string).
    None: the kind has no sections and ``sectionName`` is ignored."""
    whole_applies_to_sections: bool = False
    """Whether a ``to[]`` entry for the whole resource also counts for a rule keyed by one of its
    sections (MeshService, MeshMultiZoneService). Otherwise entries count only for the same resource."""
    section_entries_sort_later: bool = False
    """Whether ``to[]`` entries naming a section apply after (win over) entries naming the whole
    resource when everything else ties (MeshService only, as in Kuma's to-entry order)."""


@dataclass(frozen=True, slots=True)
class KindDescriptor:
    """One Kuma resource kind, described once."""

    name: str
    plural: str
    short_name: str | None
    scope: Scope
    spec_model: type[KumaModel]
    validate: SemanticValidator
    description: str
    has_status: bool = False
    legacy_layout: bool = False
    """Old proto kinds (Mesh, Dataplane, Secret): spec fields sit beside the meta on the wire."""
    admin_only: bool = False
    """Secrets: reading or writing needs an admin."""
    dns1035_name: bool = False
    """Names must be RFC 1035 labels (Mesh and the destination kinds)."""
    policy: PolicyTraits | None = None
    destination: DestinationTraits | None = None
    """Set for kinds a ``to[].targetRef`` may select as a destination."""
    example: Mapping[str, Any] | None = None
    """An example spec in Kuma's JSON shape, for docs and the SDK."""
    read_only: bool = False
    """Served but not writable over the API (computed kinds)."""
    zone_provided: bool = True
    """A zone control plane may create it (Kuma's ProvidedByZone flag); only such kinds get the
    ``kuma.io/zone`` and ``kuma.io/env`` labels. False for Mesh and MeshMultiZoneService."""
    global_provided: bool = True
    """The global control plane may create it and syncs it to zones (Kuma's GlobalToZones flag)."""
    status_model: type[KumaModel] | None = None
    """The status as Kuma renders it: fields Go always writes have non-None defaults."""
    sni_sections: SniSections | None = None
    """Destination kinds (MeshService, ...): the spec's ports, each advertised under its own SNI."""
    path_aliases: tuple[str, ...] = ()
    """Extra REST plurals the kind is also served at (Kuma keeps ``global-secrets``)."""
    extras: Mapping[str, Any] = field(default_factory=dict)
    """Hooks owned by later layers (Envoy translation, ...), keyed by name."""

    @property
    def is_policy(self) -> bool:
        return self.policy is not None

    @property
    def mesh_scoped(self) -> bool:
        return self.scope is Scope.MESH

    @property
    def holds_secure_data(self) -> bool:
        """Whether the spec model has a SecureDataSource anywhere: a spec may then carry private
        material inline (``InsecureInline``), such as a CA's private key."""
        return holds_secure_data(self.spec_model)

    def spec_is_secret(self, spec: Any) -> bool:
        """Whether this spec JSON must be kept secret: always for secret kinds (``admin_only``);
        for kinds holding SecureDataSources, when one of them is given inline."""
        return self.admin_only or (self.holds_secure_data and holds_inline_source(self.spec_model, spec))

    def has_section(self, section: Section) -> bool:
        return self.policy is not None and section in self.policy.sections

    def kri(self, mesh: str | None, labels: Mapping[str, str], name: str, section: str = "") -> str | None:
        """The resource's KRI: ``kri_<short>_<mesh>_<zone>_<namespace>_<displayName>_<section>``."""
        if self.short_name is None:
            return None
        display = labels.get("kuma.io/display-name") or name
        zone = labels.get("kuma.io/zone", "")
        namespace = labels.get("k8s.kuma.io/namespace", "")
        if self.scope is Scope.GLOBAL:
            return f"kri_{self.short_name}_{''}_{zone}_{namespace}_{display}_{section}"
        return f"kri_{self.short_name}_{mesh or ''}_{zone}_{namespace}_{display}_{section}"


class Registry:
    """All kinds, looked up by name, REST plural or KRI short name."""

    def __init__(self, kinds: Iterable[KindDescriptor]) -> None:
        self._kinds: tuple[KindDescriptor, ...] = tuple(kinds)
        self._by_name = {k.name: k for k in self._kinds}
        self._by_plural = {k.plural: k for k in self._kinds}
        self._by_short = {k.short_name: k for k in self._kinds if k.short_name}
        if len(self._by_name) != len(self._kinds) or len(self._by_plural) != len(self._kinds):
            raise ValueError("kind names and plurals must be unique")
        for kind in self._kinds:
            for alias in kind.path_aliases:
                if self._by_plural.setdefault(alias, kind) is not kind:
                    raise ValueError(f"path alias {alias!r} of {kind.name} is already a plural")

    def __iter__(self) -> Iterator[KindDescriptor]:
        return iter(self._kinds)

    def __len__(self) -> int:
        return len(self._kinds)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def get(self, name: str) -> KindDescriptor | None:
        return self._by_name.get(name)

    def by_name(self, name: object) -> KindDescriptor:
        kind = self._by_name.get(name) if isinstance(name, str) else None
        if kind is None:
            raise UnknownKind(name, list(self._by_name))
        return kind

    def by_plural(self, plural: str) -> KindDescriptor | None:
        """The kind served at this REST plural (or one of its path aliases)."""
        return self._by_plural.get(plural)

    def by_short_name(self, short_name: str) -> KindDescriptor | None:
        return self._by_short.get(short_name)

    def names(self) -> list[str]:
        return [k.name for k in self._kinds]

    def policies(self) -> list[KindDescriptor]:
        """Policy kinds in plugin order."""
        return sorted((k for k in self._kinds if k.policy is not None), key=lambda k: k.policy.order)  # type: ignore[union-attr]
