"""MeshRateLimit: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext


class MeshRateLimitSpec(KumaModel):
    """The MeshRateLimit spec."""


def validate(spec: MeshRateLimitSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshRateLimit validator."""
    return []


KIND = KindDescriptor(
    name="MeshRateLimit",
    plural="meshratelimits",
    short_name="mrl",
    scope=Scope.MESH,
    spec_model=MeshRateLimitSpec,
    validate=validate,
    description="MeshRateLimit.",
    policy=PolicyTraits(sections=frozenset({Section.TARGET_REF, Section.TO, Section.RULES}), order=900),
)
