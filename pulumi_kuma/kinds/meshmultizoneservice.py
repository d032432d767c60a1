"""MeshMultiZoneService: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import DestinationTraits, KindDescriptor, Scope, ValidationContext


class MeshMultiZoneServiceSpec(KumaModel):
    """The MeshMultiZoneService spec."""


def validate(spec: MeshMultiZoneServiceSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshMultiZoneService validator."""
    return []


def section_names(spec: Mapping[str, Any]) -> list[str]:
    """The sections a targetRef can name: each port's ``name``, or its number as a string."""
    return [str(p["name"]) if "name" in p else str(p.get("port", "")) for p in spec.get("ports") or []]


KIND = KindDescriptor(
    name="MeshMultiZoneService",
    plural="meshmultizoneservices",
    short_name="mzsvc",
    scope=Scope.MESH,
    spec_model=MeshMultiZoneServiceSpec,
    validate=validate,
    description="MeshMultiZoneService.",
    has_status=True,
    dns1035_name=True,
    destination=DestinationTraits(section_names=section_names, whole_applies_to_sections=True),
)
