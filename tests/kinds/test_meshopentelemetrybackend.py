"""MeshOpenTelemetryBackend: defaults applied by resolve() and by REST ingestion."""

from __future__ import annotations

from pulumi_kuma.kinds.meshopentelemetrybackend import MeshOpenTelemetryBackendSpec, ResolvedBackend, resolve
from tests.kinds.support import rest


def test_otel_backend_defaults() -> None:
    assert resolve(MeshOpenTelemetryBackendSpec()) == ResolvedBackend(
        "", 4317, "", "grpc", "Optional", "EnvFirst", True
    )
    spec = MeshOpenTelemetryBackendSpec.model_validate(
        {
            "endpoint": {"address": "otel", "port": 4318, "path": "/otlp"},
            "protocol": "http",
            "env": {"mode": "Disabled", "precedence": "ExplicitFirst", "allowSignalOverrides": False},
        }
    )
    assert resolve(spec) == ResolvedBackend("otel", 4318, "/otlp", "http", "Disabled", "ExplicitFirst", False)


def test_otel_backend_rest_applies_env_defaults() -> None:
    doc = {"type": "MeshOpenTelemetryBackend", "mesh": "default", "name": "otel", "spec": {"env": {}}}
    result = rest(doc)
    assert result.valid, result.violations
    assert result.spec == {"env": {"mode": "Optional", "precedence": "EnvFirst"}}
