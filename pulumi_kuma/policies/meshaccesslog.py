"""MeshAccessLog: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext


class MeshAccessLogSpec(KumaModel):
    """The MeshAccessLog spec."""


def validate(spec: MeshAccessLogSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshAccessLog validator."""
    return []


KIND = KindDescriptor(
    name="MeshAccessLog",
    plural="meshaccesslogs",
    short_name="mal",
    scope=Scope.MESH,
    spec_model=MeshAccessLogSpec,
    validate=validate,
    description="MeshAccessLog.",
    policy=PolicyTraits(
        sections=frozenset({Section.TARGET_REF, Section.TO, Section.RULES}), order=600, inbound_merge=False
    ),
    has_status=True,
)
