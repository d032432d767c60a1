"""MeshPassthrough: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext


class MeshPassthroughSpec(KumaModel):
    """The MeshPassthrough spec."""


def validate(spec: MeshPassthroughSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshPassthrough validator."""
    return []


KIND = KindDescriptor(
    name="MeshPassthrough",
    plural="meshpassthroughs",
    short_name="mp",
    scope=Scope.MESH,
    spec_model=MeshPassthroughSpec,
    validate=validate,
    description="MeshPassthrough.",
    policy=PolicyTraits(
        sections=frozenset({Section.TARGET_REF, Section.DEFAULT}),
        order=500,
        append_fields=(("appendMatch",),),
    ),
)
