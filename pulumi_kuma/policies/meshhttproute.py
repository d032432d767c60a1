"""MeshHTTPRoute: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext


class MeshHTTPRouteSpec(KumaModel):
    """The MeshHTTPRoute spec."""


def validate(spec: MeshHTTPRouteSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshHTTPRoute validator."""
    return []


KIND = KindDescriptor(
    name="MeshHTTPRoute",
    plural="meshhttproutes",
    short_name="mhttpr",
    scope=Scope.MESH,
    spec_model=MeshHTTPRouteSpec,
    validate=validate,
    description="MeshHTTPRoute.",
    policy=PolicyTraits(sections=frozenset({Section.TARGET_REF, Section.TO}), order=100),
)
