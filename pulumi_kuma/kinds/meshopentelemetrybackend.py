"""MeshOpenTelemetryBackend: an OpenTelemetry collector that MeshTrace, MeshMetric and MeshAccessLog
send to (referenced by ``backendRef`` with labels).

Without an endpoint the data plane uses port 4317 and resolves the address itself (``HOST_IP`` or
127.0.0.1); the standard ``OTEL_EXPORTER_OTLP_*`` environment variables can fill in or override
fields according to ``env``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pulumi_kuma.envoy.hooks import POLICY_REFERENCE
from pulumi_kuma.model.addresses import is_ip_or_dns_name
from pulumi_kuma.model.base import Default, Doc, KumaModel, OneOf
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.messages import MUST_NOT_BE_EMPTY, PORT_MESSAGE, field_must_be_one_of, valid_port
from pulumi_kuma.model.path import SPEC, FieldPath
from pulumi_kuma.model.registry import KindDescriptor, Scope, ValidationContext
from pulumi_kuma.model.violations import Violations

PROTOCOLS = ("grpc", "http")
ENV_MODES = ("Disabled", "Optional", "Required")
ENV_PRECEDENCES = ("ExplicitFirst", "EnvFirst")
DEFAULT_PORT = 4317
DEFAULT_PROTOCOL = "grpc"


class OtelEndpoint(KumaModel):
    """Where the collector listens."""

    address: Annotated[str | None, Doc("Hostname or IP; when absent the data plane resolves it.")] = None
    port: Annotated[int | None, Doc("Port of the collector (4317 when absent).")] = None
    path: Annotated[
        str | None, Doc("Base path for HTTP (signal suffixes such as /v1/traces are appended).")
    ] = None


class OtelEnvPolicy(KumaModel):
    """Whether and how the standard OTEL exporter environment variables take part."""

    mode: Annotated[str | None, Default("Optional"), OneOf(*ENV_MODES)] = None
    precedence: Annotated[str | None, Default("EnvFirst"), OneOf(*ENV_PRECEDENCES)] = None
    allow_signal_overrides: Annotated[
        bool | None, Doc("Whether per-signal OTEL variables may differ from the shared ones (default true).")
    ] = None


class MeshOpenTelemetryBackendSpec(KumaModel):
    """The MeshOpenTelemetryBackend spec."""

    endpoint: OtelEndpoint | None = None
    protocol: Annotated[str | None, OneOf(*PROTOCOLS), Doc("grpc (default) or http.")] = None
    env: OtelEnvPolicy | None = None


@dataclass(frozen=True, slots=True)
class ResolvedBackend:
    """A backend with Kuma's defaults applied (address may stay empty: the data plane decides)."""

    address: str
    port: int
    path: str
    protocol: str
    env_mode: str
    env_precedence: str
    allow_signal_overrides: bool


def resolve(spec: MeshOpenTelemetryBackendSpec) -> ResolvedBackend:
    """The backend with defaults: port 4317, protocol grpc, env Optional / EnvFirst / overrides on."""
    endpoint = spec.endpoint or OtelEndpoint()
    env = spec.env or OtelEnvPolicy()
    return ResolvedBackend(
        address=endpoint.address or "",
        port=endpoint.port or DEFAULT_PORT,
        path=endpoint.path or "",
        protocol=spec.protocol or DEFAULT_PROTOCOL,
        env_mode=env.mode or "Optional",
        env_precedence=env.precedence or "EnvFirst",
        allow_signal_overrides=True if env.allow_signal_overrides is None else env.allow_signal_overrides,
    )


def _validate_endpoint(v: Violations, path: FieldPath, endpoint: OtelEndpoint, protocol: str) -> None:
    if endpoint.address is not None:
        if endpoint.address == "":
            v.add(path.field("address"), MUST_NOT_BE_EMPTY)
        elif not is_ip_or_dns_name(endpoint.address):
            v.add(path.field("address"), "address has to be a valid IP or hostname")
    if endpoint.port is not None and not valid_port(endpoint.port):
        v.add(path.field("port"), PORT_MESSAGE)
    if endpoint.path:
        if protocol in ("grpc", ""):
            v.add(path.field("path"), "must not be set when protocol is grpc")
            return
        if not endpoint.path.startswith("/"):
            v.add(path.field("path"), "must start with /")
        if "?" in endpoint.path or "#" in endpoint.path:
            v.add(path.field("path"), "must not contain query or fragment")


def validate(spec: MeshOpenTelemetryBackendSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshOpenTelemetryBackend validator."""
    v = Violations()
    protocol = spec.protocol if spec.protocol is not None else DEFAULT_PROTOCOL
    if spec.endpoint is not None:
        _validate_endpoint(v, SPEC.field("endpoint"), spec.endpoint, protocol)
    if protocol and protocol not in PROTOCOLS:
        v.add(SPEC.field("protocol"), field_must_be_one_of("protocol", PROTOCOLS))
    env = spec.env
    if env is not None:
        if env.mode and env.mode not in ENV_MODES:
            v.add(SPEC.field("env").field("mode"), field_must_be_one_of("mode", ENV_MODES))
        if env.precedence and env.precedence not in ENV_PRECEDENCES:
            v.add(SPEC.field("env").field("precedence"), field_must_be_one_of("precedence", ENV_PRECEDENCES))
    return v.items


EXAMPLE: dict[str, Any] = {
    "endpoint": {"address": "otel-collector.observability", "port": 4317},
    "protocol": "grpc",
}

KIND = KindDescriptor(
    name="MeshOpenTelemetryBackend",
    plural="meshopentelemetrybackends",
    short_name="motb",
    scope=Scope.MESH,
    spec_model=MeshOpenTelemetryBackendSpec,
    validate=validate,
    description=(
        "An OpenTelemetry collector (address, port, gRPC or HTTP) that MeshTrace, MeshMetric and "
        "MeshAccessLog export to by referring to it with `backendRef`."
    ),
    has_status=True,
    example=EXAMPLE,
    extras={POLICY_REFERENCE: True},
)
