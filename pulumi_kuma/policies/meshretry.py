"""MeshRetry: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext


class MeshRetrySpec(KumaModel):
    """The MeshRetry spec."""


def validate(spec: MeshRetrySpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshRetry validator."""
    return []


KIND = KindDescriptor(
    name="MeshRetry",
    plural="meshretries",
    short_name="mr",
    scope=Scope.MESH,
    spec_model=MeshRetrySpec,
    validate=validate,
    description="MeshRetry.",
    policy=PolicyTraits(sections=frozenset({Section.TARGET_REF, Section.TO}), order=1400),
)
