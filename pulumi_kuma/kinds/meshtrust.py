"""MeshTrust: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, Scope, ValidationContext


class MeshTrustSpec(KumaModel):
    """The MeshTrust spec."""


def validate(spec: MeshTrustSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshTrust validator."""
    return []


KIND = KindDescriptor(
    name="MeshTrust",
    plural="meshtrusts",
    short_name="mtrust",
    scope=Scope.MESH,
    spec_model=MeshTrustSpec,
    validate=validate,
    description="MeshTrust.",
    has_status=True,
)
