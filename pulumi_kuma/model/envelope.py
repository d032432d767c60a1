"""The resource envelope: meta (type, mesh, name, labels, times) around a spec.

New-style kinds wrap their fields in ``spec``; old proto kinds (Mesh, Dataplane, Secret) keep them
beside the meta, exactly as Kuma's REST API does. :class:`ResourceObject` holds either form with the
fields in ``spec``; :func:`to_rest` and :func:`split_document` translate to and from the wire.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from pulumi_kuma.model.registry import KindDescriptor

META_KEYS = frozenset({"type", "mesh", "name", "creationTime", "modificationTime", "labels", "kri"})
READ_ONLY_KEYS = frozenset({"creationTime", "modificationTime", "kri", "status"})

DISPLAY_NAME = "kuma.io/display-name"
MESH_LABEL = "kuma.io/mesh"
ORIGIN_LABEL = "kuma.io/origin"
ZONE_LABEL = "kuma.io/zone"
ENV_LABEL = "kuma.io/env"
NAMESPACE_LABEL = "k8s.kuma.io/namespace"
EFFECT_LABEL = "kuma.io/effect"
ROLE_LABEL = "kuma.io/policy-role"
COMPUTED_LABELS = frozenset({DISPLAY_NAME, MESH_LABEL, ORIGIN_LABEL, ZONE_LABEL, ENV_LABEL})


@dataclass(slots=True)
class ResourceObject:
    """One stored resource: identity, labels, spec JSON, status and bookkeeping."""

    type: str
    name: str
    mesh: str | None
    labels: dict[str, str] = field(default_factory=dict)
    spec: dict[str, Any] = field(default_factory=dict)
    status: dict[str, Any] | None = None
    creation_time: datetime | None = None
    modification_time: datetime | None = None
    version: int = 0

    @property
    def key(self) -> tuple[str, str, str]:
        """(type, mesh, name): unique in a store (global kinds use mesh ``""``)."""
        return (self.type, self.mesh or "", self.name)

    @property
    def display_name(self) -> str:
        return self.labels.get(DISPLAY_NAME) or self.name

    def evolve(self, **changes: Any) -> ResourceObject:
        return replace(self, **changes)


def format_time(value: datetime | None) -> str:
    """RFC 3339 with a ``Z``, as Go renders ``time.Time`` in JSON."""
    if value is None:
        return "0001-01-01T00:00:00Z"
    text = value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return text


def now() -> datetime:
    return datetime.now(UTC)


def to_rest(kind: KindDescriptor, obj: ResourceObject) -> dict[str, Any]:
    """Kuma's JSON for a resource, keys in Kuma's order (old kinds carry a ``kri`` too)."""
    doc: dict[str, Any] = {"type": obj.type}
    if kind.mesh_scoped:
        doc["mesh"] = obj.mesh
    doc["name"] = obj.name
    doc["creationTime"] = format_time(obj.creation_time)
    doc["modificationTime"] = format_time(obj.modification_time)
    if obj.labels:
        doc["labels"] = dict(sorted(obj.labels.items()))
    kri = kind.kri(obj.mesh, obj.labels, obj.name)
    if kri is not None:
        doc["kri"] = kri
    if kind.legacy_layout:
        doc.update(obj.spec)
        return doc
    if kind.sni_sections is not None:
        snis = sni_entries(kind, obj)
        if snis:
            doc["snis"] = snis
    doc["spec"] = obj.spec
    if kind.has_status:
        doc["status"] = render_status(kind, obj.status)
    return doc


def render_status(kind: KindDescriptor, status: dict[str, Any] | None) -> dict[str, Any]:
    """The status as Kuma writes it: through the kind's status model when it has one."""
    if kind.status_model is None:
        return status or {}
    return kind.status_model.model_validate(status or {}).model_dump(
        mode="json", by_alias=True, exclude_none=True
    )


def sni(kind: KindDescriptor, mesh: str | None, labels: dict[str, str], name: str, section: str) -> str:
    """The SNI of one destination port: ``sni.<short>.<mesh>[.<zone>[.<namespace>]].<name>.<section>``."""
    parts = ["sni", kind.short_name or "", mesh or ""]
    zone = labels.get(ZONE_LABEL, "")
    if zone:
        parts.append(zone)
        namespace = labels.get(NAMESPACE_LABEL, "")
        if namespace:
            parts.append(namespace)
    parts.append(labels.get(DISPLAY_NAME) or name)
    parts.append(section)
    return ".".join(parts)


def sni_entries(kind: KindDescriptor, obj: ResourceObject) -> list[dict[str, Any]]:
    """``[{port, sni}]`` of a destination resource, by port (empty for other kinds)."""
    if kind.sni_sections is None:
        return []
    sections = sorted(kind.sni_sections(obj.spec), key=lambda item: item[0])
    return [{"port": port, "sni": sni(kind, obj.mesh, obj.labels, obj.name, sec)} for port, sec in sections]


def split_document(kind: KindDescriptor, doc: dict[str, Any]) -> Any:
    """The raw spec of a REST document: ``doc["spec"]``, or the non-meta keys for old kinds."""
    if kind.legacy_layout:
        return {k: v for k, v in doc.items() if k not in META_KEYS and k not in READ_ONLY_KEYS}
    return doc.get("spec", {})
