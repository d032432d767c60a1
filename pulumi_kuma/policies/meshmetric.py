"""MeshMetric: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext


class MeshMetricSpec(KumaModel):
    """The MeshMetric spec."""


def validate(spec: MeshMetricSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshMetric validator."""
    return []


KIND = KindDescriptor(
    name="MeshMetric",
    plural="meshmetrics",
    short_name="mm",
    scope=Scope.MESH,
    spec_model=MeshMetricSpec,
    validate=validate,
    description="MeshMetric.",
    policy=PolicyTraits(
        sections=frozenset({Section.TARGET_REF, Section.DEFAULT}),
        order=1500,
        append_fields=(("sidecar", "profiles", "appendProfiles"),),
    ),
    has_status=True,
)
