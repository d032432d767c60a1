"""MeshMultiZoneService: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, Scope, ValidationContext


class MeshMultiZoneServiceSpec(KumaModel):
    """The MeshMultiZoneService spec."""


def validate(spec: MeshMultiZoneServiceSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshMultiZoneService validator."""
    return []


def port_sections(spec: Mapping[str, Any]) -> list[tuple[int, str]]:
    """Each port with its SNI section: the port's name, or its number when unnamed."""
    out = []
    for port in spec.get("ports") or []:
        if isinstance(port, dict) and isinstance(port.get("port"), int):
            out.append((port["port"], str(port.get("name") or port["port"])))
    return out


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
    sni_sections=port_sections,
    zone_provided=False,
)
