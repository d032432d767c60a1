"""Label rules of Kuma's REST API on a non-federated zone control plane (Universal).

The request's labels are checked (origin value, zone and mesh labels, policy role, Kubernetes
key/value syntax), then the control plane computes its own labels on top: display name, mesh,
origin ``zone``, and for kinds a zone may create, zone and environment.
"""

from __future__ import annotations

from collections.abc import Mapping

from pulumi_kuma.model.envelope import (
    DISPLAY_NAME,
    ENV_LABEL,
    MESH_LABEL,
    ORIGIN_LABEL,
    ROLE_LABEL,
    ZONE_LABEL,
)
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.names import label_value_errors, qualified_name_errors
from pulumi_kuma.model.path import FieldPath
from pulumi_kuma.model.registry import KindDescriptor

ZONE_ORIGIN = "zone"
GLOBAL_ORIGIN = "global"
SYSTEM_ROLE = "system"
UNIVERSAL = "universal"

_LABELS = FieldPath("labels")


def _at(key: str) -> str:
    return str(_LABELS.key(key))


def request_label_violations(
    kind: KindDescriptor, labels: Mapping[str, str], body_mesh: str, zone: str
) -> list[Violation]:
    """What is wrong with the labels a client sent (before the computed ones are added)."""
    out: list[Violation] = []
    origin = labels.get(ORIGIN_LABEL)
    if origin is not None and origin not in (ZONE_ORIGIN, GLOBAL_ORIGIN):
        out.append(Violation(_at(ORIGIN_LABEL), f'unknown resource origin "{origin}"'))
    if origin != GLOBAL_ORIGIN:
        zone_label = labels.get(ZONE_LABEL)
        if zone_label is not None and zone_label != zone:
            out.append(Violation(_at(ZONE_LABEL), f"{ZONE_LABEL} label should have {zone} value"))
        mesh_label = labels.get(MESH_LABEL)
        if mesh_label is not None and mesh_label != body_mesh:
            out.append(
                Violation(_at(MESH_LABEL), f"{MESH_LABEL} label must not differ from mesh set on resource")
            )
    if kind.is_policy:
        role = labels.get(ROLE_LABEL) or SYSTEM_ROLE
        if role != SYSTEM_ROLE:
            out.append(
                Violation(_at(ROLE_LABEL), f"{ROLE_LABEL} label should have {SYSTEM_ROLE} value, got {role}")
            )
    for key in sorted(labels):
        out.extend(Violation(_at(key), message) for message in qualified_name_errors(key))
        out.extend(Violation(_at(key), message) for message in label_value_errors(labels[key]))
    return out


def compute_labels(
    kind: KindDescriptor, labels: Mapping[str, str], mesh: str, name: str, zone: str
) -> dict[str, str]:
    """The labels stored with a resource: the client's plus the computed ones (Kuma's ``Compute``)."""
    out = dict(labels)
    out[DISPLAY_NAME] = name
    if kind.mesh_scoped:
        out.setdefault(MESH_LABEL, mesh or "default")
    out[ORIGIN_LABEL] = ZONE_ORIGIN
    if kind.zone_provided:
        out.setdefault(ZONE_LABEL, zone)
        out.setdefault(ENV_LABEL, UNIVERSAL)
    return out


def immutable_label_violations(current: Mapping[str, str], new: Mapping[str, str]) -> list[Violation]:
    """``kuma.io/zone`` never changes once computed."""
    if ZONE_LABEL not in current:
        return []
    before = current[ZONE_LABEL]
    if ZONE_LABEL not in new:
        return [Violation(_at(ZONE_LABEL), f'is immutable, cannot be removed (was "{before}")')]
    if new[ZONE_LABEL] != before:
        return [
            Violation(
                _at(ZONE_LABEL), f'is immutable, cannot be changed from "{before}" to "{new[ZONE_LABEL]}"'
            )
        ]
    return []
