"""MeshTrace: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext


class MeshTraceSpec(KumaModel):
    """The MeshTrace spec."""


def validate(spec: MeshTraceSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshTrace validator."""
    return []


KIND = KindDescriptor(
    name="MeshTrace",
    plural="meshtraces",
    short_name="mtr",
    scope=Scope.MESH,
    spec_model=MeshTraceSpec,
    validate=validate,
    description="MeshTrace.",
    policy=PolicyTraits(sections=frozenset({Section.TARGET_REF, Section.DEFAULT}), order=700),
    has_status=True,
)
