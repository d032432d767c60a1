"""MeshOpenTelemetryBackend: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, Scope, ValidationContext


class MeshOpenTelemetryBackendSpec(KumaModel):
    """The MeshOpenTelemetryBackend spec."""


def validate(spec: MeshOpenTelemetryBackendSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshOpenTelemetryBackend validator."""
    return []


KIND = KindDescriptor(
    name="MeshOpenTelemetryBackend",
    plural="meshopentelemetrybackends",
    short_name="motb",
    scope=Scope.MESH,
    spec_model=MeshOpenTelemetryBackendSpec,
    validate=validate,
    description="MeshOpenTelemetryBackend.",
    has_status=True,
)
