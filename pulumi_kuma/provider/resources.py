"""Resource classes and typed arguments for every Kuma kind.

Generated from ``pulumi_kuma.registry.REGISTRY`` by ``python -m pulumi_kuma.provider.codegen``;
do not edit by hand.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import pulumi

from pulumi_kuma.provider.config import ControlPlane
from pulumi_kuma.provider.resource import KumaArgs, KumaResource


@dataclass(kw_only=True)
class MeshSpecArgs(KumaArgs):
    """The Mesh spec (fields beside the meta on the wire)."""

    _wire_names: ClassVar[dict[str, str]] = {"skip_creating_initial_policies": "skipCreatingInitialPolicies"}

    skip_creating_initial_policies: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None
    """Policy kinds (e.g. `MeshRetry`) whose default policies are not created with the mesh; `"*"` skips them all.
    """


@dataclass(kw_only=True)
class GatewayArgs(KumaArgs):
    """A delegated gateway: a third-party proxy whose outbound traffic enters the mesh here."""

    _wire_names: ClassVar[dict[str, str]] = {"tags": "tags", "type": "type"}

    tags: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None
    """Kuma field ``tags``."""

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. One of: ``DELEGATED``."""


@dataclass(kw_only=True)
class InboundHealthArgs(KumaArgs):
    """Whether the workload behind an inbound is ready (absent means healthy)."""

    _wire_names: ClassVar[dict[str, str]] = {"ready": "ready"}

    ready: pulumi.Input[bool] | None = None
    """Kuma field ``ready``."""


@dataclass(kw_only=True)
class ServiceProbeTcpArgs(KumaArgs):
    """Probe by opening a TCP connection to the workload."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class ServiceProbeArgs(KumaArgs):
    """Envoy health-checks the workload next to it and reports the result to the control plane."""

    _wire_names: ClassVar[dict[str, str]] = {
        "interval": "interval",
        "timeout": "timeout",
        "unhealthy_threshold": "unhealthyThreshold",
        "healthy_threshold": "healthyThreshold",
        "tcp": "tcp",
    }

    interval: pulumi.Input[str] | None = None
    """Kuma field ``interval``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""

    timeout: pulumi.Input[str] | None = None
    """Kuma field ``timeout``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""

    unhealthy_threshold: pulumi.Input[int] | None = None
    """Kuma field ``unhealthyThreshold``."""

    healthy_threshold: pulumi.Input[int] | None = None
    """Kuma field ``healthyThreshold``."""

    tcp: pulumi.Input[ServiceProbeTcpArgs | Mapping[str, Any]] | None = None
    """Kuma field ``tcp``."""


@dataclass(kw_only=True)
class InboundArgs(KumaArgs):
    """A port of the workload that the proxy exposes to the mesh (one Envoy inbound listener)."""

    _wire_names: ClassVar[dict[str, str]] = {
        "port": "port",
        "service_port": "servicePort",
        "service_address": "serviceAddress",
        "address": "address",
        "health": "health",
        "service_probe": "serviceProbe",
        "state": "state",
        "name": "name",
        "protocol": "protocol",
    }

    port: pulumi.Input[int] | None = None
    """Port the proxy listens on for this inbound."""

    service_port: pulumi.Input[int] | None = None
    """Port of the workload that traffic is forwarded to; defaults to `port`."""

    service_address: pulumi.Input[str] | None = None
    """Address of the workload; defaults to the inbound's `address`."""

    address: pulumi.Input[str] | None = None
    """Address the inbound listener binds to; defaults to `networking.address`."""

    health: pulumi.Input[InboundHealthArgs | Mapping[str, Any]] | None = None
    """Kuma field ``health``."""

    service_probe: pulumi.Input[ServiceProbeArgs | Mapping[str, Any]] | None = None
    """Kuma field ``serviceProbe``."""

    state: pulumi.Input[str] | None = None
    """Ready (default), NotReady, or Ignored (no listener, but the identity is still issued). One of: ``Ready``, ``NotReady``, ``Ignored``.
    """

    name: pulumi.Input[str] | None = None
    """Name of the port, usable as a policy `sectionName` and by MeshService ports."""

    protocol: pulumi.Input[str] | None = None
    """Protocol of the workload: tcp, http, http2 or grpc."""


@dataclass(kw_only=True)
class OutboundBackendRefArgs(KumaArgs):
    """What an outbound points at: a MeshService port (by name or by labels)."""

    _wire_names: ClassVar[dict[str, str]] = {
        "kind": "kind",
        "name": "name",
        "port": "port",
        "labels": "labels",
    }

    kind: pulumi.Input[str] | None = None
    """MeshService, MeshExternalService or MeshMultiZoneService."""

    name: pulumi.Input[str] | None = None
    """Kuma field ``name``."""

    port: pulumi.Input[int] | None = None
    """Port of the service; required unless kind is MeshExternalService."""

    labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None
    """Select the service by labels; the oldest match wins."""


@dataclass(kw_only=True)
class OutboundArgs(KumaArgs):
    """A destination the workload reaches through a local port (when not using a transparent proxy)."""

    _wire_names: ClassVar[dict[str, str]] = {
        "address": "address",
        "port": "port",
        "backend_ref": "backendRef",
    }

    address: pulumi.Input[str] | None = None
    """Local address of the outbound listener; defaults to 127.0.0.1."""

    port: pulumi.Input[int] | None = None
    """Local port of the outbound listener."""

    backend_ref: pulumi.Input[OutboundBackendRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``backendRef``."""


@dataclass(kw_only=True)
class ReachableBackendRefArgs(KumaArgs):
    """One backend a transparently proxied workload may reach."""

    _wire_names: ClassVar[dict[str, str]] = {
        "kind": "kind",
        "name": "name",
        "namespace": "namespace",
        "port": "port",
        "labels": "labels",
    }

    kind: pulumi.Input[str] | None = None
    """Kuma field ``kind``."""

    name: pulumi.Input[str] | None = None
    """Kuma field ``name``."""

    namespace: pulumi.Input[str] | None = None
    """Kuma field ``namespace``."""

    port: pulumi.Input[int] | None = None
    """Kuma field ``port``."""

    labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None
    """Kuma field ``labels``."""


@dataclass(kw_only=True)
class ReachableBackendsArgs(KumaArgs):
    """An explicit list of reachable backends (everything in the mesh when absent)."""

    _wire_names: ClassVar[dict[str, str]] = {"refs": "refs"}

    refs: pulumi.Input[Sequence[pulumi.Input[ReachableBackendRefArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``refs``."""


@dataclass(kw_only=True)
class TransparentProxyingArgs(KumaArgs):
    """Transparent proxy settings: traffic is redirected to Envoy by iptables rules."""

    _wire_names: ClassVar[dict[str, str]] = {
        "redirect_port_inbound": "redirectPortInbound",
        "redirect_port_outbound": "redirectPortOutbound",
        "direct_access_services": "directAccessServices",
        "ip_family_mode": "ipFamilyMode",
        "reachable_backends": "reachableBackends",
    }

    redirect_port_inbound: pulumi.Input[int] | None = None
    """Kuma field ``redirectPortInbound``."""

    redirect_port_outbound: pulumi.Input[int] | None = None
    """Kuma field ``redirectPortOutbound``."""

    direct_access_services: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None
    """Kuma field ``directAccessServices``."""

    ip_family_mode: pulumi.Input[str] | None = None
    """Kuma field ``ipFamilyMode``. One of: ``UnSpecified``, ``DualStack``, ``IPv4``, ``IPv6``."""

    reachable_backends: pulumi.Input[ReachableBackendsArgs | Mapping[str, Any]] | None = None
    """Kuma field ``reachableBackends``."""


@dataclass(kw_only=True)
class EnvoyAdminArgs(KumaArgs):
    """Envoy's admin API (bound to localhost)."""

    _wire_names: ClassVar[dict[str, str]] = {"port": "port"}

    port: pulumi.Input[int] | None = None
    """Kuma field ``port``."""


@dataclass(kw_only=True)
class ListenerArgs(KumaArgs):
    """A zone proxy listener (zone ingress or egress) embedded in a Dataplane."""

    _wire_names: ClassVar[dict[str, str]] = {
        "type": "type",
        "address": "address",
        "port": "port",
        "name": "name",
        "state": "state",
    }

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. One of: ``Unspecified``, ``ZoneIngress``, ``ZoneEgress``."""

    address: pulumi.Input[str] | None = None
    """Kuma field ``address``."""

    port: pulumi.Input[int] | None = None
    """Kuma field ``port``."""

    name: pulumi.Input[str] | None = None
    """Kuma field ``name``."""

    state: pulumi.Input[str] | None = None
    """Kuma field ``state``. One of: ``Ready``, ``NotReady``."""


@dataclass(kw_only=True)
class NetworkingArgs(KumaArgs):
    """Where the proxy is reachable and which inbound and outbound listeners it has."""

    _wire_names: ClassVar[dict[str, str]] = {
        "address": "address",
        "gateway": "gateway",
        "inbound": "inbound",
        "outbound": "outbound",
        "transparent_proxying": "transparentProxying",
        "admin": "admin",
        "listeners": "listeners",
    }

    address: pulumi.Input[str] | None = None
    """IP (or hostname) other proxies and the control plane reach this proxy at."""

    gateway: pulumi.Input[GatewayArgs | Mapping[str, Any]] | None = None
    """Kuma field ``gateway``."""

    inbound: pulumi.Input[Sequence[pulumi.Input[InboundArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``inbound``."""

    outbound: pulumi.Input[Sequence[pulumi.Input[OutboundArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``outbound``."""

    transparent_proxying: pulumi.Input[TransparentProxyingArgs | Mapping[str, Any]] | None = None
    """Kuma field ``transparentProxying``."""

    admin: pulumi.Input[EnvoyAdminArgs | Mapping[str, Any]] | None = None
    """Kuma field ``admin``."""

    listeners: pulumi.Input[Sequence[pulumi.Input[ListenerArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``listeners``."""


@dataclass(kw_only=True)
class DataplaneSpecArgs(KumaArgs):
    """The Dataplane spec (fields beside the meta on the wire)."""

    _wire_names: ClassVar[dict[str, str]] = {"networking": "networking"}

    networking: pulumi.Input[NetworkingArgs | Mapping[str, Any]] | None = None
    """Kuma field ``networking``."""


@dataclass(kw_only=True)
class MeshServiceSpecArgs(KumaArgs):
    """The MeshService spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshExternalServiceSpecArgs(KumaArgs):
    """The MeshExternalService spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshMultiZoneServiceSpecArgs(KumaArgs):
    """The MeshMultiZoneService spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshIdentitySpecArgs(KumaArgs):
    """The MeshIdentity spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshTrustSpecArgs(KumaArgs):
    """The MeshTrust spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshOpenTelemetryBackendSpecArgs(KumaArgs):
    """The MeshOpenTelemetryBackend spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class HostnameGeneratorSpecArgs(KumaArgs):
    """The HostnameGenerator spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class SecretSpecArgs(KumaArgs):
    """The Secret spec (fields beside the meta on the wire)."""

    _wire_names: ClassVar[dict[str, str]] = {"data": "data"}

    data: pulumi.Input[str] | None = None
    """The secret's bytes, base64-encoded (standard alphabet, padded)."""


@dataclass(kw_only=True)
class GlobalSecretSpecArgs(KumaArgs):
    """The GlobalSecret spec (fields beside the meta on the wire)."""

    _wire_names: ClassVar[dict[str, str]] = {"data": "data"}

    data: pulumi.Input[str] | None = None
    """The secret's bytes, base64-encoded (standard alphabet, padded)."""


@dataclass(kw_only=True)
class MeshAccessLogSpecArgs(KumaArgs):
    """The MeshAccessLog spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshCircuitBreakerSpecArgs(KumaArgs):
    """The MeshCircuitBreaker spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshFaultInjectionSpecArgs(KumaArgs):
    """The MeshFaultInjection spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshHealthCheckSpecArgs(KumaArgs):
    """The MeshHealthCheck spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshHTTPRouteSpecArgs(KumaArgs):
    """The MeshHTTPRoute spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshLoadBalancingStrategySpecArgs(KumaArgs):
    """The MeshLoadBalancingStrategy spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class TopLevelTargetRefArgs(KumaArgs):
    """The policy's top-level ``targetRef``: the whole mesh, or Dataplanes selected by labels."""

    _wire_names: ClassVar[dict[str, str]] = {
        "kind": "kind",
        "labels": "labels",
        "section_name": "sectionName",
    }

    kind: pulumi.Input[str] | None = None
    """Kuma field ``kind``. Required. One of: ``Mesh``, ``Dataplane``."""

    labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None
    """Kuma field ``labels``."""

    section_name: pulumi.Input[str] | None = None
    """Kuma field ``sectionName``."""


@dataclass(kw_only=True)
class MeshMetricProfileArgs(KumaArgs):
    """A predefined set of Envoy metrics: ``All``, ``Basic`` or ``None``."""

    _wire_names: ClassVar[dict[str, str]] = {"name": "name"}

    name: pulumi.Input[str] | None = None
    """Kuma field ``name``. Required. One of: ``All``, ``Basic``, ``None``."""


@dataclass(kw_only=True)
class MeshMetricSelectorArgs(KumaArgs):
    """Selects Envoy metrics by name: exact, prefix, substring or regular expression."""

    _wire_names: ClassVar[dict[str, str]] = {"type": "type", "match": "match"}

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. Required. One of: ``Prefix``, ``Regex``, ``Exact``, ``Contains``."""

    match: pulumi.Input[str] | None = None
    """Kuma field ``match``. Required."""


@dataclass(kw_only=True)
class MeshMetricProfilesArgs(KumaArgs):
    """Profiles to start from, then metrics to exclude and (re-)include by name."""

    _wire_names: ClassVar[dict[str, str]] = {
        "append_profiles": "appendProfiles",
        "exclude": "exclude",
        "include": "include",
    }

    append_profiles: (
        pulumi.Input[Sequence[pulumi.Input[MeshMetricProfileArgs | Mapping[str, Any]]]] | None
    ) = None
    """Kuma field ``appendProfiles``."""

    exclude: pulumi.Input[Sequence[pulumi.Input[MeshMetricSelectorArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``exclude``."""

    include: pulumi.Input[Sequence[pulumi.Input[MeshMetricSelectorArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``include``."""


@dataclass(kw_only=True)
class MeshMetricSidecarArgs(KumaArgs):
    """Which of the sidecar's own (Envoy) metrics are exposed."""

    _wire_names: ClassVar[dict[str, str]] = {"profiles": "profiles", "include_unused": "includeUnused"}

    profiles: pulumi.Input[MeshMetricProfilesArgs | Mapping[str, Any]] | None = None
    """Kuma field ``profiles``."""

    include_unused: pulumi.Input[bool] | None = None
    """Kuma field ``includeUnused``."""


@dataclass(kw_only=True)
class MeshMetricApplicationArgs(KumaArgs):
    """An application endpoint next to the proxy whose metrics are scraped and merged in."""

    _wire_names: ClassVar[dict[str, str]] = {
        "name": "name",
        "path": "path",
        "address": "address",
        "port": "port",
    }

    name: pulumi.Input[str] | None = None
    """Kuma field ``name``."""

    path: pulumi.Input[str] | None = None
    """Kuma field ``path``. Default: ``'/metrics'``."""

    address: pulumi.Input[str] | None = None
    """Kuma field ``address``."""

    port: pulumi.Input[int] | None = None
    """Kuma field ``port``. Required."""


@dataclass(kw_only=True)
class MeshMetricPrometheusTlsArgs(KumaArgs):
    """How the Prometheus endpoint is secured."""

    _wire_names: ClassVar[dict[str, str]] = {"mode": "mode"}

    mode: pulumi.Input[str] | None = None
    """Kuma field ``mode``. One of: ``Disabled``, ``ProvidedTLS``, ``ActiveMTLSBackend``. Default: ``'Disabled'``.
    """


@dataclass(kw_only=True)
class MeshMetricPrometheusBackendArgs(KumaArgs):
    """Expose metrics on an endpoint of the proxy for Prometheus to scrape."""

    _wire_names: ClassVar[dict[str, str]] = {
        "client_id": "clientId",
        "port": "port",
        "path": "path",
        "tls": "tls",
    }

    client_id: pulumi.Input[str] | None = None
    """Kuma field ``clientId``."""

    port: pulumi.Input[int] | None = None
    """Kuma field ``port``. Default: ``5670``."""

    path: pulumi.Input[str] | None = None
    """Kuma field ``path``. Default: ``'/metrics'``."""

    tls: pulumi.Input[MeshMetricPrometheusTlsArgs | Mapping[str, Any]] | None = None
    """Kuma field ``tls``."""


@dataclass(kw_only=True)
class BackendResourceRefArgs(KumaArgs):
    """A reference to a MeshOpenTelemetryBackend by labels (observability backends)."""

    _wire_names: ClassVar[dict[str, str]] = {"kind": "kind", "labels": "labels"}

    kind: pulumi.Input[str] | None = None
    """Kuma field ``kind``. Required. One of: ``MeshOpenTelemetryBackend``."""

    labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None
    """Kuma field ``labels``."""


@dataclass(kw_only=True)
class MeshMetricOpenTelemetryBackendArgs(KumaArgs):
    """Push metrics to an OpenTelemetry collector (a MeshOpenTelemetryBackend)."""

    _wire_names: ClassVar[dict[str, str]] = {
        "backend_ref": "backendRef",
        "refresh_interval": "refreshInterval",
    }

    backend_ref: pulumi.Input[BackendResourceRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``backendRef``."""

    refresh_interval: pulumi.Input[str] | None = None
    """Kuma field ``refreshInterval``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""


@dataclass(kw_only=True)
class MeshMetricBackendArgs(KumaArgs):
    """One destination for the collected metrics."""

    _wire_names: ClassVar[dict[str, str]] = {
        "type": "type",
        "prometheus": "prometheus",
        "open_telemetry": "openTelemetry",
    }

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. Required. One of: ``Prometheus``, ``OpenTelemetry``."""

    prometheus: pulumi.Input[MeshMetricPrometheusBackendArgs | Mapping[str, Any]] | None = None
    """Kuma field ``prometheus``."""

    open_telemetry: pulumi.Input[MeshMetricOpenTelemetryBackendArgs | Mapping[str, Any]] | None = None
    """Kuma field ``openTelemetry``."""


@dataclass(kw_only=True)
class MeshMetricConfArgs(KumaArgs):
    """The metrics configuration of a proxy."""

    _wire_names: ClassVar[dict[str, str]] = {
        "sidecar": "sidecar",
        "applications": "applications",
        "backends": "backends",
    }

    sidecar: pulumi.Input[MeshMetricSidecarArgs | Mapping[str, Any]] | None = None
    """Kuma field ``sidecar``."""

    applications: (
        pulumi.Input[Sequence[pulumi.Input[MeshMetricApplicationArgs | Mapping[str, Any]]]] | None
    ) = None
    """Kuma field ``applications``."""

    backends: pulumi.Input[Sequence[pulumi.Input[MeshMetricBackendArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``backends``."""


@dataclass(kw_only=True)
class MeshMetricSpecArgs(KumaArgs):
    """The MeshMetric spec: which proxies (``targetRef``) and their metrics conf (``default``)."""

    _wire_names: ClassVar[dict[str, str]] = {"target_ref": "targetRef", "default": "default"}

    target_ref: pulumi.Input[TopLevelTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``."""

    default: pulumi.Input[MeshMetricConfArgs | Mapping[str, Any]] | None = None
    """Kuma field ``default``."""


@dataclass(kw_only=True)
class MeshPassthroughMatchArgs(KumaArgs):
    """One destination allowed through: a domain (``*.`` wildcards allowed), an IP or a CIDR."""

    _wire_names: ClassVar[dict[str, str]] = {
        "type": "type",
        "value": "value",
        "port": "port",
        "protocol": "protocol",
    }

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. Required. One of: ``Domain``, ``IP``, ``CIDR``."""

    value: pulumi.Input[str] | None = None
    """Kuma field ``value``. Required."""

    port: pulumi.Input[int] | None = None
    """Kuma field ``port``."""

    protocol: pulumi.Input[str] | None = None
    """Kuma field ``protocol``. One of: ``tcp``, ``tls``, ``grpc``, ``http``, ``http2``, ``mysql``. Default: ``'tcp'``.
    """


@dataclass(kw_only=True)
class MeshPassthroughConfArgs(KumaArgs):
    """Passthrough mode and the destinations let through in ``Matched`` mode."""

    _wire_names: ClassVar[dict[str, str]] = {
        "passthrough_mode": "passthroughMode",
        "append_match": "appendMatch",
    }

    passthrough_mode: pulumi.Input[str] | None = None
    """Kuma field ``passthroughMode``. One of: ``All``, ``Matched``, ``None``."""

    append_match: (
        pulumi.Input[Sequence[pulumi.Input[MeshPassthroughMatchArgs | Mapping[str, Any]]]] | None
    ) = None
    """Kuma field ``appendMatch``."""


@dataclass(kw_only=True)
class MeshPassthroughSpecArgs(KumaArgs):
    """The MeshPassthrough spec: which proxies (``targetRef``) and their passthrough conf."""

    _wire_names: ClassVar[dict[str, str]] = {"target_ref": "targetRef", "default": "default"}

    target_ref: pulumi.Input[TopLevelTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``."""

    default: pulumi.Input[MeshPassthroughConfArgs | Mapping[str, Any]] | None = None
    """Kuma field ``default``."""


@dataclass(kw_only=True)
class MeshProxyPatchSpecArgs(KumaArgs):
    """The MeshProxyPatch spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshRateLimitSpecArgs(KumaArgs):
    """The MeshRateLimit spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshRetrySpecArgs(KumaArgs):
    """The MeshRetry spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshTCPRouteSpecArgs(KumaArgs):
    """The MeshTCPRoute spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class OutboundTargetRefArgs(KumaArgs):
    """A ``to[].targetRef``: the destinations a conf applies to."""

    _wire_names: ClassVar[dict[str, str]] = {
        "kind": "kind",
        "labels": "labels",
        "section_name": "sectionName",
    }

    kind: pulumi.Input[str] | None = None
    """Kuma field ``kind``. Required. One of: ``Mesh``, ``MeshService``, ``MeshExternalService``, ``MeshMultiZoneService``, ``MeshHTTPRoute``.
    """

    labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None
    """Kuma field ``labels``."""

    section_name: pulumi.Input[str] | None = None
    """Kuma field ``sectionName``."""


@dataclass(kw_only=True)
class MeshTimeoutHttpArgs(KumaArgs):
    """HTTP-specific timeouts. ``0`` disables a timeout."""

    _wire_names: ClassVar[dict[str, str]] = {
        "request_timeout": "requestTimeout",
        "stream_idle_timeout": "streamIdleTimeout",
        "max_stream_duration": "maxStreamDuration",
        "max_connection_duration": "maxConnectionDuration",
        "request_headers_timeout": "requestHeadersTimeout",
    }

    request_timeout: pulumi.Input[str] | None = None
    """Kuma field ``requestTimeout``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""

    stream_idle_timeout: pulumi.Input[str] | None = None
    """Kuma field ``streamIdleTimeout``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""

    max_stream_duration: pulumi.Input[str] | None = None
    """Kuma field ``maxStreamDuration``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""

    max_connection_duration: pulumi.Input[str] | None = None
    """Kuma field ``maxConnectionDuration``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""

    request_headers_timeout: pulumi.Input[str] | None = None
    """Kuma field ``requestHeadersTimeout``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""


@dataclass(kw_only=True)
class MeshTimeoutConfArgs(KumaArgs):
    """Timeouts for a group of destinations or for incoming traffic."""

    _wire_names: ClassVar[dict[str, str]] = {
        "connection_timeout": "connectionTimeout",
        "idle_timeout": "idleTimeout",
        "http": "http",
    }

    connection_timeout: pulumi.Input[str] | None = None
    """Kuma field ``connectionTimeout``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""

    idle_timeout: pulumi.Input[str] | None = None
    """Kuma field ``idleTimeout``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""

    http: pulumi.Input[MeshTimeoutHttpArgs | Mapping[str, Any]] | None = None
    """Kuma field ``http``."""


@dataclass(kw_only=True)
class MeshTimeoutToArgs(KumaArgs):
    """One outbound entry: the destinations (``targetRef``) and the conf applied to them."""

    _wire_names: ClassVar[dict[str, str]] = {"target_ref": "targetRef", "default": "default"}

    target_ref: pulumi.Input[OutboundTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``. Required."""

    default: pulumi.Input[MeshTimeoutConfArgs | Mapping[str, Any]] | None = None
    """Kuma field ``default``."""


@dataclass(kw_only=True)
class SpiffeIdMatchArgs(KumaArgs):
    """Match the client certificate's SPIFFE ID exactly or by prefix."""

    _wire_names: ClassVar[dict[str, str]] = {"type": "type", "value": "value"}

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. Required. One of: ``Exact``, ``Prefix``."""

    value: pulumi.Input[str] | None = None
    """Kuma field ``value``. Required."""


@dataclass(kw_only=True)
class SniMatchArgs(KumaArgs):
    """Match the TLS server name the client asked for."""

    _wire_names: ClassVar[dict[str, str]] = {"type": "type", "value": "value"}

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. Required. One of: ``Exact``."""

    value: pulumi.Input[str] | None = None
    """Kuma field ``value``. Required."""


@dataclass(kw_only=True)
class MatchArgs(KumaArgs):
    """Selects incoming traffic by the peer's SPIFFE ID and/or the SNI."""

    _wire_names: ClassVar[dict[str, str]] = {"spiffe_id": "spiffeID", "sni": "sni"}

    spiffe_id: pulumi.Input[SpiffeIdMatchArgs | Mapping[str, Any]] | None = None
    """Kuma field ``spiffeID``."""

    sni: pulumi.Input[SniMatchArgs | Mapping[str, Any]] | None = None
    """Kuma field ``sni``."""


@dataclass(kw_only=True)
class MeshTimeoutRuleArgs(KumaArgs):
    """An inbound rule: timeouts for incoming traffic, optionally only for matching peers."""

    _wire_names: ClassVar[dict[str, str]] = {"matches": "matches", "default": "default"}

    matches: pulumi.Input[Sequence[pulumi.Input[MatchArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``matches``."""

    default: pulumi.Input[MeshTimeoutConfArgs | Mapping[str, Any]] | None = None
    """Kuma field ``default``."""


@dataclass(kw_only=True)
class MeshTimeoutSpecArgs(KumaArgs):
    """The MeshTimeout spec: which proxies (``targetRef``), outbound ``to`` or inbound ``rules``."""

    _wire_names: ClassVar[dict[str, str]] = {"target_ref": "targetRef", "to": "to", "rules": "rules"}

    target_ref: pulumi.Input[TopLevelTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``."""

    to: pulumi.Input[Sequence[pulumi.Input[MeshTimeoutToArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``to``."""

    rules: pulumi.Input[Sequence[pulumi.Input[MeshTimeoutRuleArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``rules``."""


@dataclass(kw_only=True)
class TlsVersionArgs(KumaArgs):
    """The range of TLS versions a proxy negotiates; ``TLSAuto`` leaves Envoy's default."""

    _wire_names: ClassVar[dict[str, str]] = {"min": "min", "max": "max"}

    min: pulumi.Input[str] | None = None
    """Kuma field ``min``. One of: ``TLSAuto``, ``TLS10``, ``TLS11``, ``TLS12``, ``TLS13``. Default: ``'TLSAuto'``.
    """

    max: pulumi.Input[str] | None = None
    """Kuma field ``max``. One of: ``TLSAuto``, ``TLS10``, ``TLS11``, ``TLS12``, ``TLS13``. Default: ``'TLSAuto'``.
    """


@dataclass(kw_only=True)
class MeshTLSConfArgs(KumaArgs):
    """Inbound TLS settings: mTLS mode, TLS versions and cipher suites."""

    _wire_names: ClassVar[dict[str, str]] = {
        "tls_version": "tlsVersion",
        "tls_ciphers": "tlsCiphers",
        "mode": "mode",
    }

    tls_version: pulumi.Input[TlsVersionArgs | Mapping[str, Any]] | None = None
    """Kuma field ``tlsVersion``."""

    tls_ciphers: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None
    """Kuma field ``tlsCiphers``. One of: ``ECDHE-ECDSA-AES128-GCM-SHA256``, ``ECDHE-ECDSA-AES256-GCM-SHA384``, ``ECDHE-ECDSA-CHACHA20-POLY1305``, ``ECDHE-RSA-AES128-GCM-SHA256``, ``ECDHE-RSA-AES256-GCM-SHA384``, ``ECDHE-RSA-CHACHA20-POLY1305``.
    """

    mode: pulumi.Input[str] | None = None
    """Kuma field ``mode``. One of: ``Permissive``, ``Strict``."""


@dataclass(kw_only=True)
class MeshTLSRuleArgs(KumaArgs):
    """One inbound rule without matches: the conf applied to all incoming traffic."""

    _wire_names: ClassVar[dict[str, str]] = {"default": "default"}

    default: pulumi.Input[MeshTLSConfArgs | Mapping[str, Any]] | None = None
    """Kuma field ``default``."""


@dataclass(kw_only=True)
class MeshTLSSpecArgs(KumaArgs):
    """The MeshTLS spec: which proxies (``targetRef``) and inbound ``rules``."""

    _wire_names: ClassVar[dict[str, str]] = {"target_ref": "targetRef", "rules": "rules"}

    target_ref: pulumi.Input[TopLevelTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``."""

    rules: pulumi.Input[Sequence[pulumi.Input[MeshTLSRuleArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``rules``."""


@dataclass(kw_only=True)
class MeshTraceZipkinBackendArgs(KumaArgs):
    """Send spans to a Zipkin-compatible collector."""

    _wire_names: ClassVar[dict[str, str]] = {
        "url": "url",
        "trace_id128bit": "traceId128bit",
        "api_version": "apiVersion",
        "shared_span_context": "sharedSpanContext",
    }

    url: pulumi.Input[str] | None = None
    """Kuma field ``url``. Required."""

    trace_id128bit: pulumi.Input[bool] | None = None
    """Kuma field ``traceId128bit``. Default: ``False``."""

    api_version: pulumi.Input[str] | None = None
    """Kuma field ``apiVersion``. One of: ``httpJson``, ``httpProto``. Default: ``'httpJson'``."""

    shared_span_context: pulumi.Input[bool] | None = None
    """Kuma field ``sharedSpanContext``. Default: ``True``."""


@dataclass(kw_only=True)
class MeshTraceDatadogBackendArgs(KumaArgs):
    """Send spans to a Datadog agent (``http://host:port``)."""

    _wire_names: ClassVar[dict[str, str]] = {"url": "url", "split_service": "splitService"}

    url: pulumi.Input[str] | None = None
    """Kuma field ``url``. Required."""

    split_service: pulumi.Input[bool] | None = None
    """Kuma field ``splitService``. Default: ``False``."""


@dataclass(kw_only=True)
class MeshTraceOpenTelemetryBackendArgs(KumaArgs):
    """Send spans to an OpenTelemetry collector (a MeshOpenTelemetryBackend)."""

    _wire_names: ClassVar[dict[str, str]] = {"backend_ref": "backendRef"}

    backend_ref: pulumi.Input[BackendResourceRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``backendRef``."""


@dataclass(kw_only=True)
class MeshTraceBackendArgs(KumaArgs):
    """Where spans go: exactly one of the typed backends."""

    _wire_names: ClassVar[dict[str, str]] = {
        "type": "type",
        "zipkin": "zipkin",
        "datadog": "datadog",
        "open_telemetry": "openTelemetry",
    }

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. Required. One of: ``Zipkin``, ``Datadog``, ``OpenTelemetry``."""

    zipkin: pulumi.Input[MeshTraceZipkinBackendArgs | Mapping[str, Any]] | None = None
    """Kuma field ``zipkin``."""

    datadog: pulumi.Input[MeshTraceDatadogBackendArgs | Mapping[str, Any]] | None = None
    """Kuma field ``datadog``."""

    open_telemetry: pulumi.Input[MeshTraceOpenTelemetryBackendArgs | Mapping[str, Any]] | None = None
    """Kuma field ``openTelemetry``."""


@dataclass(kw_only=True)
class MeshTraceSamplingArgs(KumaArgs):
    """Percentages of requests traced: overall, when the client forces it, and at random."""

    _wire_names: ClassVar[dict[str, str]] = {"overall": "overall", "client": "client", "random": "random"}

    overall: pulumi.Input[int | str] | None = None
    """Kuma field ``overall``."""

    client: pulumi.Input[int | str] | None = None
    """Kuma field ``client``."""

    random: pulumi.Input[int | str] | None = None
    """Kuma field ``random``."""


@dataclass(kw_only=True)
class MeshTraceHeaderTagArgs(KumaArgs):
    """Tag a span with a request header's value (or ``default`` when it is missing)."""

    _wire_names: ClassVar[dict[str, str]] = {"name": "name", "default": "default"}

    name: pulumi.Input[str] | None = None
    """Kuma field ``name``. Required."""

    default: pulumi.Input[str] | None = None
    """Kuma field ``default``."""


@dataclass(kw_only=True)
class MeshTraceTagArgs(KumaArgs):
    """A custom span tag: a literal value or one taken from a request header."""

    _wire_names: ClassVar[dict[str, str]] = {"name": "name", "literal": "literal", "header": "header"}

    name: pulumi.Input[str] | None = None
    """Kuma field ``name``. Required."""

    literal: pulumi.Input[str] | None = None
    """Kuma field ``literal``."""

    header: pulumi.Input[MeshTraceHeaderTagArgs | Mapping[str, Any]] | None = None
    """Kuma field ``header``."""


@dataclass(kw_only=True)
class MeshTraceConfArgs(KumaArgs):
    """The tracing configuration of a proxy; an empty ``backends`` list turns tracing off."""

    _wire_names: ClassVar[dict[str, str]] = {"backends": "backends", "sampling": "sampling", "tags": "tags"}

    backends: pulumi.Input[Sequence[pulumi.Input[MeshTraceBackendArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``backends``."""

    sampling: pulumi.Input[MeshTraceSamplingArgs | Mapping[str, Any]] | None = None
    """Kuma field ``sampling``."""

    tags: pulumi.Input[Sequence[pulumi.Input[MeshTraceTagArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``tags``."""


@dataclass(kw_only=True)
class MeshTraceSpecArgs(KumaArgs):
    """The MeshTrace spec: which proxies (``targetRef``) and their tracing conf (``default``)."""

    _wire_names: ClassVar[dict[str, str]] = {"target_ref": "targetRef", "default": "default"}

    target_ref: pulumi.Input[TopLevelTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``."""

    default: pulumi.Input[MeshTraceConfArgs | Mapping[str, Any]] | None = None
    """Kuma field ``default``."""


@dataclass(kw_only=True)
class MeshTrafficPermissionConfArgs(KumaArgs):
    """Clients to deny, to allow, and to allow while logging what a deny would have blocked."""

    _wire_names: ClassVar[dict[str, str]] = {
        "deny": "deny",
        "allow_with_shadow_deny": "allowWithShadowDeny",
        "allow": "allow",
    }

    deny: pulumi.Input[Sequence[pulumi.Input[MatchArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``deny``."""

    allow_with_shadow_deny: pulumi.Input[Sequence[pulumi.Input[MatchArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``allowWithShadowDeny``."""

    allow: pulumi.Input[Sequence[pulumi.Input[MatchArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``allow``."""


@dataclass(kw_only=True)
class MeshTrafficPermissionRuleArgs(KumaArgs):
    """An inbound rule: the allow and deny lists for incoming connections."""

    _wire_names: ClassVar[dict[str, str]] = {"default": "default"}

    default: pulumi.Input[MeshTrafficPermissionConfArgs | Mapping[str, Any]] | None = None
    """Kuma field ``default``. Required."""


@dataclass(kw_only=True)
class MeshTrafficPermissionSpecArgs(KumaArgs):
    """The MeshTrafficPermission spec: which proxies (``targetRef``) and inbound ``rules``."""

    _wire_names: ClassVar[dict[str, str]] = {"target_ref": "targetRef", "rules": "rules"}

    target_ref: pulumi.Input[TopLevelTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``."""

    rules: pulumi.Input[Sequence[pulumi.Input[MeshTrafficPermissionRuleArgs | Mapping[str, Any]]]] | None = (
        None
    )
    """Kuma field ``rules``."""


class Mesh(KumaResource, module="kuma", name="Mesh"):
    """A service mesh: the isolated group of data plane proxies, services and policies that every mesh-scoped resource belongs to. Creating one also creates its default policies (timeouts, circuit breaker, retries) unless `skipCreatingInitialPolicies` lists them.

    Global: REST path ``/meshes/{name}``.

    On the wire the spec's fields sit beside the resource's meta (an old-style kind); ``spec`` here still holds just those fields.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.Mesh(
            "example",
            spec={
                "skipCreatingInitialPolicies": [
                    "MeshRetry",
                ],
            },
        )

    ## Outputs

    ``name``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "Mesh"

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshSpecArgs | Mapping[str, Any]] | None = None,
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a Mesh.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class Dataplane(KumaResource, module="kuma", name="Dataplane"):
    """A data plane proxy: the Envoy next to one workload. Its labels (`kuma.io/workload`, `app`, ...) are what policies and MeshServices select; `networking` says where it is reachable, which ports of the workload it exposes (`inbound`) and which services it reaches through local ports (`outbound`).

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/dataplanes/{name}``.

    On the wire the spec's fields sit beside the resource's meta (an old-style kind); ``spec`` here still holds just those fields.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.Dataplane(
            "example",
            mesh="default",
            spec={
                "networking": {
                    "address": "10.0.0.5",
                    "inbound": [
                        {
                            "port": 8080,
                            "servicePort": 18080,
                            "name": "http",
                            "protocol": "http",
                        },
                    ],
                    "outbound": [
                        {
                            "port": 10001,
                            "backendRef": {
                                "kind": "MeshService",
                                "name": "backend",
                                "port": 8080,
                            },
                        },
                    ],
                    "admin": {
                        "port": 9901,
                    },
                },
            },
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "Dataplane"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[DataplaneSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a Dataplane.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``DataplaneSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshService(KumaResource, module="kuma", name="MeshService"):
    """MeshService.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshservices/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshService(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshService"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshServiceSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshService.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshServiceSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshExternalService(KumaResource, module="kuma", name="MeshExternalService"):
    """MeshExternalService.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshexternalservices/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshExternalService(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshExternalService"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshExternalServiceSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshExternalService.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshExternalServiceSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshMultiZoneService(KumaResource, module="kuma", name="MeshMultiZoneService"):
    """MeshMultiZoneService.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshmultizoneservices/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshMultiZoneService(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshMultiZoneService"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshMultiZoneServiceSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshMultiZoneService.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshMultiZoneServiceSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshIdentity(KumaResource, module="kuma", name="MeshIdentity"):
    """MeshIdentity.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshidentities/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshIdentity(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshIdentity"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshIdentitySpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshIdentity.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshIdentitySpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshTrust(KumaResource, module="kuma", name="MeshTrust"):
    """MeshTrust.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshtrusts/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshTrust(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshTrust"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshTrustSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshTrust.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshTrustSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshOpenTelemetryBackend(KumaResource, module="kuma", name="MeshOpenTelemetryBackend"):
    """MeshOpenTelemetryBackend.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshopentelemetrybackends/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshOpenTelemetryBackend(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshOpenTelemetryBackend"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshOpenTelemetryBackendSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshOpenTelemetryBackend.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshOpenTelemetryBackendSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class HostnameGenerator(KumaResource, module="kuma", name="HostnameGenerator"):
    """HostnameGenerator.

    Global: REST path ``/hostnamegenerators/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.HostnameGenerator(
            "example",
            spec={},
        )

    ## Outputs

    ``name``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "HostnameGenerator"

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[HostnameGeneratorSpecArgs | Mapping[str, Any]] | None = None,
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a HostnameGenerator.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``HostnameGeneratorSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class Secret(KumaResource, module="kuma", name="Secret"):
    """Opaque bytes kept in a mesh (certificates, private keys, tokens) that other resources refer to by name, such as a MeshIdentity's CA or a MeshExternalService's client certificate. `data` is the base64 of the value; only admins can read or write secrets.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/secrets/{name}``.

    On the wire the spec's fields sit beside the resource's meta (an old-style kind); ``spec`` here still holds just those fields.

    The spec holds secret data: it is stored as a Pulumi secret (inputs and outputs).

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.Secret(
            "example",
            mesh="default",
            spec={
                "data": "czNjcjN0LXZhbHVl",
            },
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "Secret"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[SecretSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a Secret.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``SecretSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class GlobalSecret(KumaResource, module="kuma", name="GlobalSecret"):
    """Opaque bytes kept outside any mesh, for control-plane-wide material such as signing keys. `data` is the base64 of the value; only admins can read or write global secrets.

    Global: REST path ``/globalsecrets/{name}``.

    On the wire the spec's fields sit beside the resource's meta (an old-style kind); ``spec`` here still holds just those fields.

    The spec holds secret data: it is stored as a Pulumi secret (inputs and outputs).

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.GlobalSecret(
            "example",
            spec={
                "data": "Z2xvYmFsLXMzY3IzdA==",
            },
        )

    ## Outputs

    ``name``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "GlobalSecret"

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[GlobalSecretSpecArgs | Mapping[str, Any]] | None = None,
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a GlobalSecret.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``GlobalSecretSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshAccessLog(KumaResource, module="kuma", name="MeshAccessLog"):
    """MeshAccessLog.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshaccesslogs/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshAccessLog(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshAccessLog"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshAccessLogSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshAccessLog.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshAccessLogSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshCircuitBreaker(KumaResource, module="kuma", name="MeshCircuitBreaker"):
    """MeshCircuitBreaker.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshcircuitbreakers/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshCircuitBreaker(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshCircuitBreaker"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshCircuitBreakerSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshCircuitBreaker.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshCircuitBreakerSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshFaultInjection(KumaResource, module="kuma", name="MeshFaultInjection"):
    """MeshFaultInjection.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshfaultinjections/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshFaultInjection(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshFaultInjection"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshFaultInjectionSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshFaultInjection.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshFaultInjectionSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshHealthCheck(KumaResource, module="kuma", name="MeshHealthCheck"):
    """MeshHealthCheck.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshhealthchecks/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshHealthCheck(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshHealthCheck"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshHealthCheckSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshHealthCheck.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshHealthCheckSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshHTTPRoute(KumaResource, module="kuma", name="MeshHTTPRoute"):
    """MeshHTTPRoute.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshhttproutes/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshHTTPRoute(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshHTTPRoute"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshHTTPRouteSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshHTTPRoute.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshHTTPRouteSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshLoadBalancingStrategy(KumaResource, module="kuma", name="MeshLoadBalancingStrategy"):
    """MeshLoadBalancingStrategy.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshloadbalancingstrategies/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshLoadBalancingStrategy(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshLoadBalancingStrategy"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshLoadBalancingStrategySpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshLoadBalancingStrategy.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshLoadBalancingStrategySpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshMetric(KumaResource, module="kuma", name="MeshMetric"):
    """Collects Envoy and application metrics on each selected proxy and exposes them for Prometheus or pushes them to an OpenTelemetry collector.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshmetrics/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshMetric(
            "example",
            mesh="default",
            spec={
                "targetRef": {
                    "kind": "Mesh",
                },
                "default": {
                    "sidecar": {
                        "includeUnused": False,
                        "profiles": {
                            "appendProfiles": [
                                {
                                    "name": "Basic",
                                },
                            ],
                            "exclude": [
                                {
                                    "type": "Regex",
                                    "match": "envoy_cluster_.*_upstream_cx_.*",
                                },
                            ],
                        },
                    },
                    "applications": [
                        {
                            "name": "backend",
                            "path": "/metrics",
                            "port": 8080,
                        },
                    ],
                    "backends": [
                        {
                            "type": "Prometheus",
                            "prometheus": {
                                "port": 5670,
                                "path": "/metrics",
                            },
                        },
                    ],
                },
            },
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshMetric"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshMetricSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshMetric.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshMetricSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshPassthrough(KumaResource, module="kuma", name="MeshPassthrough"):
    """Controls which traffic to destinations outside the mesh the selected proxies pass through: everything, nothing, or only the listed domains, IPs and CIDRs.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshpassthroughs/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshPassthrough(
            "example",
            mesh="default",
            spec={
                "targetRef": {
                    "kind": "Mesh",
                },
                "default": {
                    "passthroughMode": "Matched",
                    "appendMatch": [
                        {
                            "type": "Domain",
                            "value": "api.github.com",
                            "port": 443,
                            "protocol": "tls",
                        },
                        {
                            "type": "Domain",
                            "value": "*.s3.amazonaws.com",
                            "port": 443,
                            "protocol": "tls",
                        },
                        {
                            "type": "CIDR",
                            "value": "10.20.0.0/16",
                            "port": 5432,
                            "protocol": "tcp",
                        },
                    ],
                },
            },
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshPassthrough"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshPassthroughSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshPassthrough.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshPassthroughSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshProxyPatch(KumaResource, module="kuma", name="MeshProxyPatch"):
    """MeshProxyPatch.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshproxypatches/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshProxyPatch(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshProxyPatch"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshProxyPatchSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshProxyPatch.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshProxyPatchSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshRateLimit(KumaResource, module="kuma", name="MeshRateLimit"):
    """MeshRateLimit.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshratelimits/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshRateLimit(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshRateLimit"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshRateLimitSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshRateLimit.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshRateLimitSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshRetry(KumaResource, module="kuma", name="MeshRetry"):
    """MeshRetry.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshretries/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshRetry(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshRetry"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshRetrySpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshRetry.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshRetrySpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshTCPRoute(KumaResource, module="kuma", name="MeshTCPRoute"):
    """MeshTCPRoute.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshtcproutes/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshTCPRoute(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshTCPRoute"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshTCPRouteSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshTCPRoute.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshTCPRouteSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshTimeout(KumaResource, module="kuma", name="MeshTimeout"):
    """Sets connection, idle and HTTP timeouts so that requests fail fast instead of hanging: outbound per destination (`to`) or inbound per listener (`rules`).

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshtimeouts/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshTimeout(
            "example",
            mesh="default",
            spec={
                "targetRef": {
                    "kind": "Mesh",
                },
                "to": [
                    {
                        "targetRef": {
                            "kind": "MeshService",
                            "labels": {
                                "kuma.io/display-name": "backend",
                            },
                        },
                        "default": {
                            "connectionTimeout": "2s",
                            "idleTimeout": "20s",
                            "http": {
                                "requestTimeout": "5s",
                            },
                        },
                    },
                ],
            },
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshTimeout"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshTimeoutSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshTimeout.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshTimeoutSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshTLS(KumaResource, module="kuma", name="MeshTLS"):
    """Sets whether inbound traffic must be mutual TLS (Strict) or may also be plaintext (Permissive), and which TLS versions and cipher suites proxies with a workload identity accept.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshtlses/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshTLS(
            "example",
            mesh="default",
            spec={
                "targetRef": {
                    "kind": "Mesh",
                },
                "rules": [
                    {
                        "default": {
                            "mode": "Strict",
                            "tlsVersion": {
                                "min": "TLS12",
                                "max": "TLS13",
                            },
                            "tlsCiphers": [
                                "ECDHE-ECDSA-AES256-GCM-SHA384",
                                "ECDHE-RSA-AES256-GCM-SHA384",
                            ],
                        },
                    },
                ],
            },
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshTLS"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshTLSSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshTLS.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshTLSSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshTrace(KumaResource, module="kuma", name="MeshTrace"):
    """Turns on distributed tracing in the selected proxies: where spans go (Zipkin, Datadog or OpenTelemetry), which share of requests is sampled, and custom span tags.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshtraces/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshTrace(
            "example",
            mesh="default",
            spec={
                "targetRef": {
                    "kind": "Mesh",
                },
                "default": {
                    "backends": [
                        {
                            "type": "Zipkin",
                            "zipkin": {
                                "url": "http://jaeger-collector.observability:9411/api/v2/spans",
                            },
                        },
                    ],
                    "sampling": {
                        "overall": 50,
                        "client": 100,
                        "random": "12.5",
                    },
                    "tags": [
                        {
                            "name": "team",
                            "literal": "payments",
                        },
                        {
                            "name": "env",
                            "header": {
                                "name": "x-env",
                                "default": "prod",
                            },
                        },
                    ],
                },
            },
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshTrace"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshTraceSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshTrace.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshTraceSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshTrafficPermission(KumaResource, module="kuma", name="MeshTrafficPermission"):
    """Allows or denies incoming connections to the selected proxies by the client's SPIFFE ID or the requested SNI; deny wins, and shadow-deny only logs what it would block.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshtrafficpermissions/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshTrafficPermission(
            "example",
            mesh="default",
            spec={
                "targetRef": {
                    "kind": "Dataplane",
                    "labels": {
                        "app": "backend",
                    },
                },
                "rules": [
                    {
                        "default": {
                            "allow": [
                                {
                                    "spiffeID": {
                                        "type": "Exact",
                                        "value": "spiffe://default/ns/shop/sa/frontend",
                                    },
                                },
                            ],
                            "deny": [
                                {
                                    "spiffeID": {
                                        "type": "Prefix",
                                        "value": "spiffe://default/ns/untrusted",
                                    },
                                },
                            ],
                        },
                    },
                ],
            },
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshTrafficPermission"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshTrafficPermissionSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshTrafficPermission.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshTrafficPermissionSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


__all__ = [
    "BackendResourceRefArgs",
    "Dataplane",
    "DataplaneSpecArgs",
    "EnvoyAdminArgs",
    "GatewayArgs",
    "GlobalSecret",
    "GlobalSecretSpecArgs",
    "HostnameGenerator",
    "HostnameGeneratorSpecArgs",
    "InboundArgs",
    "InboundHealthArgs",
    "ListenerArgs",
    "MatchArgs",
    "Mesh",
    "MeshAccessLog",
    "MeshAccessLogSpecArgs",
    "MeshCircuitBreaker",
    "MeshCircuitBreakerSpecArgs",
    "MeshExternalService",
    "MeshExternalServiceSpecArgs",
    "MeshFaultInjection",
    "MeshFaultInjectionSpecArgs",
    "MeshHTTPRoute",
    "MeshHTTPRouteSpecArgs",
    "MeshHealthCheck",
    "MeshHealthCheckSpecArgs",
    "MeshIdentity",
    "MeshIdentitySpecArgs",
    "MeshLoadBalancingStrategy",
    "MeshLoadBalancingStrategySpecArgs",
    "MeshMetric",
    "MeshMetricApplicationArgs",
    "MeshMetricBackendArgs",
    "MeshMetricConfArgs",
    "MeshMetricOpenTelemetryBackendArgs",
    "MeshMetricProfileArgs",
    "MeshMetricProfilesArgs",
    "MeshMetricPrometheusBackendArgs",
    "MeshMetricPrometheusTlsArgs",
    "MeshMetricSelectorArgs",
    "MeshMetricSidecarArgs",
    "MeshMetricSpecArgs",
    "MeshMultiZoneService",
    "MeshMultiZoneServiceSpecArgs",
    "MeshOpenTelemetryBackend",
    "MeshOpenTelemetryBackendSpecArgs",
    "MeshPassthrough",
    "MeshPassthroughConfArgs",
    "MeshPassthroughMatchArgs",
    "MeshPassthroughSpecArgs",
    "MeshProxyPatch",
    "MeshProxyPatchSpecArgs",
    "MeshRateLimit",
    "MeshRateLimitSpecArgs",
    "MeshRetry",
    "MeshRetrySpecArgs",
    "MeshService",
    "MeshServiceSpecArgs",
    "MeshSpecArgs",
    "MeshTCPRoute",
    "MeshTCPRouteSpecArgs",
    "MeshTLS",
    "MeshTLSConfArgs",
    "MeshTLSRuleArgs",
    "MeshTLSSpecArgs",
    "MeshTimeout",
    "MeshTimeoutConfArgs",
    "MeshTimeoutHttpArgs",
    "MeshTimeoutRuleArgs",
    "MeshTimeoutSpecArgs",
    "MeshTimeoutToArgs",
    "MeshTrace",
    "MeshTraceBackendArgs",
    "MeshTraceConfArgs",
    "MeshTraceDatadogBackendArgs",
    "MeshTraceHeaderTagArgs",
    "MeshTraceOpenTelemetryBackendArgs",
    "MeshTraceSamplingArgs",
    "MeshTraceSpecArgs",
    "MeshTraceTagArgs",
    "MeshTraceZipkinBackendArgs",
    "MeshTrafficPermission",
    "MeshTrafficPermissionConfArgs",
    "MeshTrafficPermissionRuleArgs",
    "MeshTrafficPermissionSpecArgs",
    "MeshTrust",
    "MeshTrustSpecArgs",
    "NetworkingArgs",
    "OutboundArgs",
    "OutboundBackendRefArgs",
    "OutboundTargetRefArgs",
    "ReachableBackendRefArgs",
    "ReachableBackendsArgs",
    "Secret",
    "SecretSpecArgs",
    "ServiceProbeArgs",
    "ServiceProbeTcpArgs",
    "SniMatchArgs",
    "SpiffeIdMatchArgs",
    "TlsVersionArgs",
    "TopLevelTargetRefArgs",
    "TransparentProxyingArgs",
]
