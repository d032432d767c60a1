"""MeshExternalService: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, Scope, ValidationContext


class MeshExternalServiceSpec(KumaModel):
    """The MeshExternalService spec."""


def validate(spec: MeshExternalServiceSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshExternalService validator."""
    return []


KIND = KindDescriptor(
    name="MeshExternalService",
    plural="meshexternalservices",
    short_name="extsvc",
    scope=Scope.MESH,
    spec_model=MeshExternalServiceSpec,
    validate=validate,
    description="MeshExternalService.",
    has_status=True,
    dns1035_name=True,
)
