"""Validation of whole resources, exactly as Kuma's REST ingestion does it.

:func:`ingest_spec` runs schema defaults and checks, decoding, and the kind's own validator;
:func:`validate_document` adds the meta rules (type, name, mesh, labels). Neither raises for any
JSON input: they return violations with Kuma's field paths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pydantic

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.envelope import ResourceObject, split_document
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.names import DNS1123_SUBDOMAIN_RE, dns1035_label_errors, validate_labels
from pulumi_kuma.model.path import FieldPath
from pulumi_kuma.model.registry import KindDescriptor, Registry, ValidationContext
from pulumi_kuma.model.schema import Mode, ingest

NAME_MESSAGE = (
    "invalid characters. A lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
    "characters, '-' or '.', and must start and end with an alphanumeric character"
)
MESH_NAME_MESSAGE = (
    "invalid characters. Valid characters are numbers, lowercase latin letters and '-', '_', '.' symbols."
)
VALIDATOR_CRASH_PREFIX = "could not be validated: "
"""How a violation starts when a kind's validator raised (a bug: tests look for it)."""
_MESH_NAME = re.compile(r"[0-9a-z\-_.]*")


@dataclass(slots=True)
class SpecResult:
    """A spec after ingestion: normalised JSON, the decoded model, and what was wrong."""

    spec: dict[str, Any]
    model: KumaModel | None
    violations: list[Violation]


@dataclass(slots=True)
class DocumentResult:
    """A whole document after validation."""

    kind: KindDescriptor | None
    type: Any
    name: Any
    mesh: Any
    labels: dict[str, str] = field(default_factory=dict)
    spec: dict[str, Any] = field(default_factory=dict)
    model: KumaModel | None = None
    violations: list[Violation] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.violations

    def to_object(self) -> ResourceObject:
        """The resource this document describes (call only when valid)."""
        assert self.kind is not None
        return ResourceObject(
            type=self.kind.name,
            name=self.name,
            mesh=self.mesh if self.kind.mesh_scoped else None,
            labels=dict(self.labels),
            spec=self.spec,
        )


def spec_root(kind: KindDescriptor) -> str:
    """Kuma reports spec fields under ``spec`` for new kinds and at the root for old ones."""
    return "" if kind.legacy_layout else "spec"


def ingest_spec(
    kind: KindDescriptor,
    raw: Any,
    *,
    mode: Mode = "rest",
    name: str = "",
    mesh: str | None = None,
    labels: dict[str, str] | None = None,
) -> SpecResult:
    """Default, check, decode and validate one spec. Never raises."""
    root = spec_root(kind)
    if raw is None:
        raw = {}
    normalised, violations = ingest(kind.spec_model, raw, root, mode)
    if violations or normalised is None:
        return SpecResult(normalised or {}, None, violations)
    try:
        model = kind.spec_model.model_validate(normalised)
    except pydantic.ValidationError as exc:  # the schema walk should have caught these already
        return SpecResult(normalised, None, [_from_pydantic(root, e) for e in exc.errors()])
    ctx = ValidationContext(name=name, mesh=mesh, labels=labels or {})
    try:
        semantic = kind.validate(model, ctx)
    except Exception as exc:  # a validator bug must not turn bad input into a crash
        semantic = [Violation(root, f"{VALIDATOR_CRASH_PREFIX}{exc.__class__.__name__}: {exc}")]
    return SpecResult(normalised, model, semantic)


def _from_pydantic(root: str, error: Any) -> Violation:
    path = FieldPath(root)
    for part in error.get("loc", ()):
        path = path.index(part) if isinstance(part, int) else path.field(str(part))
    return Violation(str(path), error.get("msg", "is not valid"))


def validate_name(kind: KindDescriptor, name: Any) -> list[Violation]:
    """Resource names: RFC 1123 subdomains (RFC 1035 labels for Mesh and destination kinds)."""
    if not isinstance(name, str) or not name:
        return [Violation("name", "must be set")]
    if kind.dns1035_name:
        # Kuma reports all RFC 1035 problems of a name as one violation, joined by ", ".
        errors = dns1035_label_errors(name)
        return [Violation("name", ", ".join(errors))] if errors else []
    out = []
    if len(name) > 253:
        out.append(Violation("name", "must be no more than 253 characters"))
    if not DNS1123_SUBDOMAIN_RE.fullmatch(name):
        out.append(Violation("name", NAME_MESSAGE))
    return out


def validate_mesh_name(mesh: Any) -> list[Violation]:
    """Mesh names in a resource's meta."""
    if not isinstance(mesh, str) or not mesh:
        return [Violation("mesh", "must be set")]
    if not _MESH_NAME.fullmatch(mesh):
        return [Violation("mesh", MESH_NAME_MESSAGE)]
    return []


def validate_document(doc: Any, registry: Registry, *, mode: Mode = "rest") -> DocumentResult:
    """Validate one universal-format document (``type``, ``name``, ``mesh``, ``labels``, spec)."""
    if not isinstance(doc, dict):
        return DocumentResult(None, None, None, None, violations=[Violation("", "must be an object")])
    kind_name = doc.get("type")
    result = DocumentResult(None, kind_name, doc.get("name"), doc.get("mesh"))
    kind = registry.get(kind_name) if isinstance(kind_name, str) else None
    if kind is None:
        known = ", ".join(registry.names())
        message = "must be set" if not kind_name else f"unknown type {kind_name!r}; must be one of: {known}"
        result.violations.append(Violation("type", message))
        return result
    result.kind = kind
    violations = result.violations
    violations.extend(validate_name(kind, result.name))
    if kind.mesh_scoped:
        violations.extend(validate_mesh_name(result.mesh))
    elif doc.get("mesh"):
        violations.append(Violation("mesh", f"must not be set: {kind.name} is not mesh-scoped"))
    labels = doc.get("labels")
    if labels is None:
        labels = {}
    if not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values()):
        violations.append(Violation("labels", "must be a map of strings"))
        labels = {}
    violations.extend(validate_labels(labels, FieldPath("labels")))
    result.labels = labels
    spec = ingest_spec(
        kind,
        split_document(kind, doc),
        mode=mode,
        name=result.name if isinstance(result.name, str) else "",
        mesh=result.mesh if isinstance(result.mesh, str) else None,
        labels=labels,
    )
    result.spec = spec.spec
    result.model = spec.model
    violations.extend(spec.violations)
    return result
