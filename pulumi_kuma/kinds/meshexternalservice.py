"""MeshExternalService: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import DestinationTraits, KindDescriptor, Scope, ValidationContext


class MeshExternalServiceSpec(KumaModel):
    """The MeshExternalService spec."""


def validate(spec: MeshExternalServiceSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshExternalService validator."""
    return []


def section_names(spec: Mapping[str, Any]) -> list[str]:
    """The single section a targetRef can name: ``match.port`` as a string."""
    match = spec.get("match") or {}
    return [str(match["port"])] if "port" in match else []


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
    destination=DestinationTraits(section_names=section_names),
)
