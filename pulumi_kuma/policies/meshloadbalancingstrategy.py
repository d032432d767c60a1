"""MeshLoadBalancingStrategy: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext


class MeshLoadBalancingStrategySpec(KumaModel):
    """The MeshLoadBalancingStrategy spec."""


def validate(spec: MeshLoadBalancingStrategySpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshLoadBalancingStrategy validator."""
    return []


KIND = KindDescriptor(
    name="MeshLoadBalancingStrategy",
    plural="meshloadbalancingstrategies",
    short_name="mlbs",
    scope=Scope.MESH,
    spec_model=MeshLoadBalancingStrategySpec,
    validate=validate,
    description="MeshLoadBalancingStrategy.",
    policy=PolicyTraits(sections=frozenset({Section.TARGET_REF, Section.TO}), order=400),
)
