"""MeshProxyPatch: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext


class MeshProxyPatchSpec(KumaModel):
    """The MeshProxyPatch spec."""


def validate(spec: MeshProxyPatchSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshProxyPatch validator."""
    return []


KIND = KindDescriptor(
    name="MeshProxyPatch",
    plural="meshproxypatches",
    short_name="mpp",
    scope=Scope.MESH,
    spec_model=MeshProxyPatchSpec,
    validate=validate,
    description="MeshProxyPatch.",
    policy=PolicyTraits(
        sections=frozenset({Section.TARGET_REF, Section.DEFAULT}),
        order=9999,
        append_fields=(("appendModifications",),),
    ),
)
