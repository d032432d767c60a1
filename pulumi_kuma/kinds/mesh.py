"""Mesh: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, Scope, ValidationContext


class MeshSpec(KumaModel):
    """The Mesh spec."""


def validate(spec: MeshSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's Mesh validator."""
    return []


KIND = KindDescriptor(
    name="Mesh",
    plural="meshes",
    short_name="m",
    scope=Scope.GLOBAL,
    spec_model=MeshSpec,
    validate=validate,
    description="Mesh.",
    legacy_layout=True,
    dns1035_name=True,
    zone_provided=False,
)
