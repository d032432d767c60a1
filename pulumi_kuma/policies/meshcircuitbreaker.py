"""MeshCircuitBreaker: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext


class MeshCircuitBreakerSpec(KumaModel):
    """The MeshCircuitBreaker spec."""


def validate(spec: MeshCircuitBreakerSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshCircuitBreaker validator."""
    return []


KIND = KindDescriptor(
    name="MeshCircuitBreaker",
    plural="meshcircuitbreakers",
    short_name="mcb",
    scope=Scope.MESH,
    spec_model=MeshCircuitBreakerSpec,
    validate=validate,
    description="MeshCircuitBreaker.",
    policy=PolicyTraits(sections=frozenset({Section.TARGET_REF, Section.TO, Section.RULES}), order=1300),
)
