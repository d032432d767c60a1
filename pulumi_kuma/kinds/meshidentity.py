"""MeshIdentity: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, Scope, ValidationContext


class MeshIdentitySpec(KumaModel):
    """The MeshIdentity spec."""


def validate(spec: MeshIdentitySpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshIdentity validator."""
    return []


KIND = KindDescriptor(
    name="MeshIdentity",
    plural="meshidentities",
    short_name="mid",
    scope=Scope.MESH,
    spec_model=MeshIdentitySpec,
    validate=validate,
    description="MeshIdentity.",
    has_status=True,
)
