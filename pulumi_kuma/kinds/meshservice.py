"""MeshService: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, Scope, ValidationContext


class MeshServiceSpec(KumaModel):
    """The MeshService spec."""


def validate(spec: MeshServiceSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshService validator."""
    return []


KIND = KindDescriptor(
    name="MeshService",
    plural="meshservices",
    short_name="msvc",
    scope=Scope.MESH,
    spec_model=MeshServiceSpec,
    validate=validate,
    description="MeshService.",
    has_status=True,
    dns1035_name=True,
)
