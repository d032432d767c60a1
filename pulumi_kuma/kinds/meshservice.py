"""MeshService: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import Field

from pulumi_kuma.model.base import JsonValue, KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, Scope, ValidationContext


class MeshServiceSpec(KumaModel):
    """The MeshService spec."""


class MeshServiceTLSStatus(KumaModel):
    """Whether the service's proxies are ready to serve mTLS."""

    status: str | None = None


class MeshServiceDataplaneProxies(KumaModel):
    """Counts of the data plane proxies the service selects (zero counts are omitted)."""

    connected: int | None = None
    healthy: int | None = None
    total: int | None = None


class MeshServiceStatus(KumaModel):
    """The status the control plane maintains; ``tls`` and ``dataplaneProxies`` are always written."""

    addresses: list[JsonValue] | None = None
    vips: list[JsonValue] | None = None
    tls: MeshServiceTLSStatus = Field(default_factory=MeshServiceTLSStatus)
    hostname_generators: list[JsonValue] | None = None
    dataplane_proxies: MeshServiceDataplaneProxies = Field(default_factory=MeshServiceDataplaneProxies)


def validate(spec: MeshServiceSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshService validator."""
    return []


def port_sections(spec: Mapping[str, Any]) -> list[tuple[int, str]]:
    """Each port with its SNI section: the port's name, or its number when unnamed."""
    out = []
    for port in spec.get("ports") or []:
        if isinstance(port, dict) and isinstance(port.get("port"), int):
            out.append((port["port"], str(port.get("name") or port["port"])))
    return out


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
    sni_sections=port_sections,
    global_provided=False,
    status_model=MeshServiceStatus,
)
