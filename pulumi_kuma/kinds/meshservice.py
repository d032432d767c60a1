"""MeshService: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import DestinationTraits, KindDescriptor, Scope, ValidationContext


class MeshServiceSpec(KumaModel):
    """The MeshService spec."""


def validate(spec: MeshServiceSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshService validator."""
    return []


def section_names(spec: Mapping[str, Any]) -> list[str]:
    """The sections a targetRef can name: each port's ``name``, or its number as a string."""
    return [str(p["name"]) if "name" in p else str(p.get("port", "")) for p in spec.get("ports") or []]


KIND = KindDescriptor(
    name="MeshService",
    plural="meshservices",
    short_name="msvc",
    scope=Scope.MESH,
    spec_model=MeshServiceSpec,
    validate=validate,
    description="MeshService.",
    has_status=True,
    dns1035_name=True,
    destination=DestinationTraits(
        section_names=section_names, whole_applies_to_sections=True, section_entries_sort_later=True
    ),
)
