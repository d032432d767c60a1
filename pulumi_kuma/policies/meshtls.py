"""MeshTLS: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext


class MeshTLSSpec(KumaModel):
    """The MeshTLS spec."""


def validate(spec: MeshTLSSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshTLS validator."""
    return []


KIND = KindDescriptor(
    name="MeshTLS",
    plural="meshtlses",
    short_name="mtls",
    scope=Scope.MESH,
    spec_model=MeshTLSSpec,
    validate=validate,
    description="MeshTLS.",
    policy=PolicyTraits(sections=frozenset({Section.TARGET_REF, Section.RULES}), order=300),
)
