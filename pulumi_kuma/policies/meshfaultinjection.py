"""MeshFaultInjection: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext


class MeshFaultInjectionSpec(KumaModel):
    """The MeshFaultInjection spec."""


def validate(spec: MeshFaultInjectionSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshFaultInjection validator."""
    return []


KIND = KindDescriptor(
    name="MeshFaultInjection",
    plural="meshfaultinjections",
    short_name="mfi",
    scope=Scope.MESH,
    spec_model=MeshFaultInjectionSpec,
    validate=validate,
    description="MeshFaultInjection.",
    policy=PolicyTraits(
        sections=frozenset({Section.TARGET_REF, Section.TO, Section.RULES}), order=800, inbound_merge=False
    ),
)
