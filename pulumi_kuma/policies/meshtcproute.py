"""MeshTCPRoute: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext


class MeshTCPRouteSpec(KumaModel):
    """The MeshTCPRoute spec."""


def validate(spec: MeshTCPRouteSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshTCPRoute validator."""
    return []


KIND = KindDescriptor(
    name="MeshTCPRoute",
    plural="meshtcproutes",
    short_name="mtcpr",
    scope=Scope.MESH,
    spec_model=MeshTCPRouteSpec,
    validate=validate,
    description="MeshTCPRoute.",
    policy=PolicyTraits(sections=frozenset({Section.TARGET_REF, Section.TO}), order=200),
)
