"""MeshMultiZoneService: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, Scope, ValidationContext


class MeshMultiZoneServiceSpec(KumaModel):
    """The MeshMultiZoneService spec."""


def validate(spec: MeshMultiZoneServiceSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshMultiZoneService validator."""
    return []


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
)
