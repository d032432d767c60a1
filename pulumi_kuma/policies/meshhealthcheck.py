"""MeshHealthCheck: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext


class MeshHealthCheckSpec(KumaModel):
    """The MeshHealthCheck spec."""


def validate(spec: MeshHealthCheckSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshHealthCheck validator."""
    return []


KIND = KindDescriptor(
    name="MeshHealthCheck",
    plural="meshhealthchecks",
    short_name="mhc",
    scope=Scope.MESH,
    spec_model=MeshHealthCheckSpec,
    validate=validate,
    description="MeshHealthCheck.",
    policy=PolicyTraits(sections=frozenset({Section.TARGET_REF, Section.TO}), order=1200),
)
