"""MeshTrafficPermission: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext


class MeshTrafficPermissionSpec(KumaModel):
    """The MeshTrafficPermission spec."""


def validate(spec: MeshTrafficPermissionSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshTrafficPermission validator."""
    return []


KIND = KindDescriptor(
    name="MeshTrafficPermission",
    plural="meshtrafficpermissions",
    short_name="mtp",
    scope=Scope.MESH,
    spec_model=MeshTrafficPermissionSpec,
    validate=validate,
    description="MeshTrafficPermission.",
    policy=PolicyTraits(
        sections=frozenset({Section.TARGET_REF, Section.RULES}), order=1100, inbound_merge=False
    ),
)
