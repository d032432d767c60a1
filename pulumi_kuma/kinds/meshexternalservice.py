"""MeshExternalService: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import Field

from pulumi_kuma.model.base import JsonValue, KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, Scope, ValidationContext


class MeshExternalServiceSpec(KumaModel):
    """The MeshExternalService spec."""


class MeshExternalServiceVIP(KumaModel):
    """The virtual IP allocated for the service."""

    ip: str | None = None


class MeshExternalServiceStatus(KumaModel):
    """The status the control plane maintains; ``vip`` is always written."""

    vip: MeshExternalServiceVIP = Field(default_factory=MeshExternalServiceVIP)
    addresses: list[JsonValue] | None = None
    hostname_generators: list[JsonValue] | None = None


def validate(spec: MeshExternalServiceSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshExternalService validator."""
    return []


def match_section(spec: Mapping[str, Any]) -> list[tuple[int, str]]:
    """The one matched port with its SNI section: its name, or its number when unnamed."""
    match = spec.get("match")
    if not isinstance(match, dict) or not isinstance(match.get("port"), int):
        return []
    return [(match["port"], str(match.get("name") or match["port"]))]


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
    sni_sections=match_section,
    status_model=MeshExternalServiceStatus,
)
