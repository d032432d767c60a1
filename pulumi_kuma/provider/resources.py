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
class DataplaneRefArgs(KumaArgs):
    """Select exactly one Dataplane by name."""

    _wire_names: ClassVar[dict[str, str]] = {"name": "name"}

    name: pulumi.Input[str] | None = None
    """Kuma field ``name``."""


@dataclass(kw_only=True)
class LabelSelectorArgs(KumaArgs):
    """Selects resources whose labels include every pair in ``matchLabels`` (empty = all)."""

    _wire_names: ClassVar[dict[str, str]] = {"match_labels": "matchLabels"}

    match_labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None
    """Kuma field ``matchLabels``."""


@dataclass(kw_only=True)
class MeshServiceSelectorArgs(KumaArgs):
    """Which Dataplanes implement the service: by labels or one by name (not both)."""

    _wire_names: ClassVar[dict[str, str]] = {
        "dataplane_ref": "dataplaneRef",
        "dataplane_labels": "dataplaneLabels",
    }

    dataplane_ref: pulumi.Input[DataplaneRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``dataplaneRef``."""

    dataplane_labels: pulumi.Input[LabelSelectorArgs | Mapping[str, Any]] | None = None
    """Kuma field ``dataplaneLabels``."""


@dataclass(kw_only=True)
class MeshServicePortArgs(KumaArgs):
    """A port of the service and where it lands on the Dataplanes (``targetPort``)."""

    _wire_names: ClassVar[dict[str, str]] = {
        "name": "name",
        "port": "port",
        "target_port": "targetPort",
        "app_protocol": "appProtocol",
    }

    name: pulumi.Input[str] | None = None
    """Name of the port; policies may use it as `sectionName`."""

    port: pulumi.Input[int] | None = None
    """The port clients connect to. Required."""

    target_port: pulumi.Input[int | str] | None = None
    """The Dataplane inbound: its port number or its name."""

    app_protocol: pulumi.Input[str] | None = None
    """Protocol of the port: tcp, http, http2 or grpc. Default: ``'tcp'``."""


@dataclass(kw_only=True)
class MeshServiceIdentityArgs(KumaArgs):
    """An identity the service's proxies present (a SPIFFE ID)."""

    _wire_names: ClassVar[dict[str, str]] = {"type": "type", "value": "value"}

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. Required. One of: ``SpiffeID``."""

    value: pulumi.Input[str] | None = None
    """Kuma field ``value``. Required."""


@dataclass(kw_only=True)
class MeshServiceSpecArgs(KumaArgs):
    """The MeshService spec."""

    _wire_names: ClassVar[dict[str, str]] = {
        "state": "state",
        "selector": "selector",
        "ports": "ports",
        "identities": "identities",
    }

    state: pulumi.Input[str] | None = None
    """Available when at least one endpoint is healthy. Default: ``'Unavailable'``. One of: ``Available``, ``Unavailable``.
    """

    selector: pulumi.Input[MeshServiceSelectorArgs | Mapping[str, Any]] | None = None
    """Kuma field ``selector``."""

    ports: pulumi.Input[Sequence[pulumi.Input[MeshServicePortArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``ports``."""

    identities: pulumi.Input[Sequence[pulumi.Input[MeshServiceIdentityArgs | Mapping[str, Any]]]] | None = (
        None
    )
    """Kuma field ``identities``."""


@dataclass(kw_only=True)
class MeshExternalServiceMatchArgs(KumaArgs):
    """The port (and protocol) clients use for the service's generated hostname."""

    _wire_names: ClassVar[dict[str, str]] = {"type": "type", "port": "port", "protocol": "protocol"}

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. Default: ``'HostnameGenerator'``. One of: ``HostnameGenerator``."""

    port: pulumi.Input[int] | None = None
    """Kuma field ``port``. Required. Must be >= 1 and <= 65535."""

    protocol: pulumi.Input[str] | None = None
    """Kuma field ``protocol``. Default: ``'tcp'``. One of: ``tcp``, ``grpc``, ``http``, ``http2``."""


@dataclass(kw_only=True)
class MeshExternalServiceExtensionArgs(KumaArgs):
    """A plugin that handles the service's endpoints and TLS."""

    _wire_names: ClassVar[dict[str, str]] = {"type": "type", "config": "config"}

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. Required."""

    config: Any | None = None
    """Kuma field ``config``."""


@dataclass(kw_only=True)
class MeshExternalServiceEndpointArgs(KumaArgs):
    """One address of the external service."""

    _wire_names: ClassVar[dict[str, str]] = {"address": "address", "port": "port", "priority": "priority"}

    address: pulumi.Input[str] | None = None
    """IP address or hostname. Required."""

    port: pulumi.Input[int] | None = None
    """Kuma field ``port``. Required. Must be >= 1 and <= 65535."""

    priority: pulumi.Input[int] | None = None
    """Lower values are preferred; higher ones are used on failover. Must be >= 0 and <= 128."""


@dataclass(kw_only=True)
class TlsVersionArgs(KumaArgs):
    """The allowed TLS protocol versions (``TLSAuto`` lets Envoy choose)."""

    _wire_names: ClassVar[dict[str, str]] = {"min": "min", "max": "max"}

    min: pulumi.Input[str] | None = None
    """Kuma field ``min``. Default: ``'TLSAuto'``. One of: ``TLSAuto``, ``TLS10``, ``TLS11``, ``TLS12``, ``TLS13``.
    """

    max: pulumi.Input[str] | None = None
    """Kuma field ``max``. Default: ``'TLSAuto'``. One of: ``TLSAuto``, ``TLS10``, ``TLS11``, ``TLS12``, ``TLS13``.
    """


@dataclass(kw_only=True)
class SanMatchArgs(KumaArgs):
    """An expected Subject Alternative Name of the server certificate."""

    _wire_names: ClassVar[dict[str, str]] = {"type": "type", "value": "value"}

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. Default: ``'Exact'``. One of: ``Exact``, ``Prefix``."""

    value: pulumi.Input[str] | None = None
    """Kuma field ``value``. Required."""


@dataclass(kw_only=True)
class DataSourceFileArgs(KumaArgs):
    """A file on the control plane's host (absolute path, no ``..``)."""

    _wire_names: ClassVar[dict[str, str]] = {"path": "path"}

    path: pulumi.Input[str] | None = None
    """Kuma field ``path``. Required."""


@dataclass(kw_only=True)
class DataSourceEnvVarArgs(KumaArgs):
    """An environment variable of the control plane process."""

    _wire_names: ClassVar[dict[str, str]] = {"name": "name"}

    name: pulumi.Input[str] | None = None
    """Kuma field ``name``. Required."""


@dataclass(kw_only=True)
class DataSourceInlineArgs(KumaArgs):
    """The value itself, stored in the resource (not secret)."""

    _wire_names: ClassVar[dict[str, str]] = {"value": "value"}

    value: pulumi.Input[str] | None = None
    """Kuma field ``value``. Required."""


@dataclass(kw_only=True)
class SecretRefArgs(KumaArgs):
    """A Secret in the same mesh, by name."""

    _wire_names: ClassVar[dict[str, str]] = {"kind": "kind", "name": "name"}

    kind: pulumi.Input[str] | None = None
    """Kuma field ``kind``. Required. One of: ``Secret``."""

    name: pulumi.Input[str] | None = None
    """Kuma field ``name``. Required."""


@dataclass(kw_only=True)
class SecureDataSourceArgs(KumaArgs):
    """Where a sensitive value comes from: exactly the sub-object named by ``type``."""

    _wire_names: ClassVar[dict[str, str]] = {
        "type": "type",
        "file": "file",
        "env_var": "envVar",
        "insecure_inline": "insecureInline",
        "secret_ref": "secretRef",
    }

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. Required. One of: ``File``, ``Secret``, ``EnvVar``, ``InsecureInline``."""

    file: pulumi.Input[DataSourceFileArgs | Mapping[str, Any]] | None = None
    """Kuma field ``file``."""

    env_var: pulumi.Input[DataSourceEnvVarArgs | Mapping[str, Any]] | None = None
    """Kuma field ``envVar``."""

    insecure_inline: pulumi.Input[DataSourceInlineArgs | Mapping[str, Any]] | None = None
    """Kuma field ``insecureInline``."""

    secret_ref: pulumi.Input[SecretRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``secretRef``."""


@dataclass(kw_only=True)
class TlsVerificationArgs(KumaArgs):
    """How the server certificate is verified, and the client certificate to present."""

    _wire_names: ClassVar[dict[str, str]] = {
        "mode": "mode",
        "server_name": "serverName",
        "subject_alt_names": "subjectAltNames",
        "ca_cert": "caCert",
        "client_cert": "clientCert",
        "client_key": "clientKey",
    }

    mode: pulumi.Input[str] | None = None
    """Kuma field ``mode``. Default: ``'Secured'``. One of: ``SkipSAN``, ``SkipCA``, ``Secured``, ``SkipAll``.
    """

    server_name: pulumi.Input[str] | None = None
    """SNI sent to the server; defaults to the endpoint address."""

    subject_alt_names: pulumi.Input[Sequence[pulumi.Input[SanMatchArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``subjectAltNames``."""

    ca_cert: pulumi.Input[SecureDataSourceArgs | Mapping[str, Any]] | None = None
    """Kuma field ``caCert``."""

    client_cert: pulumi.Input[SecureDataSourceArgs | Mapping[str, Any]] | None = None
    """Kuma field ``clientCert``."""

    client_key: pulumi.Input[SecureDataSourceArgs | Mapping[str, Any]] | None = None
    """Kuma field ``clientKey``."""


@dataclass(kw_only=True)
class MeshExternalServiceTlsArgs(KumaArgs):
    """TLS originated by the proxy towards the external service."""

    _wire_names: ClassVar[dict[str, str]] = {
        "enabled": "enabled",
        "version": "version",
        "allow_renegotiation": "allowRenegotiation",
        "verification": "verification",
    }

    enabled: pulumi.Input[bool] | None = None
    """Kuma field ``enabled``. Default: ``False``."""

    version: pulumi.Input[TlsVersionArgs | Mapping[str, Any]] | None = None
    """Kuma field ``version``."""

    allow_renegotiation: pulumi.Input[bool] | None = None
    """Kuma field ``allowRenegotiation``. Default: ``False``."""

    verification: pulumi.Input[TlsVerificationArgs | Mapping[str, Any]] | None = None
    """Kuma field ``verification``."""


@dataclass(kw_only=True)
class MeshExternalServiceSpecArgs(KumaArgs):
    """The MeshExternalService spec."""

    _wire_names: ClassVar[dict[str, str]] = {
        "match": "match",
        "extension": "extension",
        "endpoints": "endpoints",
        "tls": "tls",
    }

    match: pulumi.Input[MeshExternalServiceMatchArgs | Mapping[str, Any]] | None = None
    """Kuma field ``match``. Required."""

    extension: pulumi.Input[MeshExternalServiceExtensionArgs | Mapping[str, Any]] | None = None
    """Kuma field ``extension``."""

    endpoints: (
        pulumi.Input[Sequence[pulumi.Input[MeshExternalServiceEndpointArgs | Mapping[str, Any]]]] | None
    ) = None
    """Kuma field ``endpoints``."""

    tls: pulumi.Input[MeshExternalServiceTlsArgs | Mapping[str, Any]] | None = None
    """Kuma field ``tls``."""


@dataclass(kw_only=True)
class MeshMultiZoneServiceSelectorArgs(KumaArgs):
    """Which MeshServices (from any zone) make up this service."""

    _wire_names: ClassVar[dict[str, str]] = {"mesh_service": "meshService"}

    mesh_service: pulumi.Input[LabelSelectorArgs | Mapping[str, Any]] | None = None
    """Kuma field ``meshService``. Required."""


@dataclass(kw_only=True)
class MeshMultiZoneServicePortArgs(KumaArgs):
    """A port of the multi-zone service (the same port of the selected MeshServices)."""

    _wire_names: ClassVar[dict[str, str]] = {"name": "name", "port": "port", "app_protocol": "appProtocol"}

    name: pulumi.Input[str] | None = None
    """Name of the port; policies may use it as `sectionName`."""

    port: pulumi.Input[int] | None = None
    """Kuma field ``port``. Required."""

    app_protocol: pulumi.Input[str] | None = None
    """tcp, http, http2 or grpc. Default: ``'tcp'``."""


@dataclass(kw_only=True)
class MeshMultiZoneServiceSpecArgs(KumaArgs):
    """The MeshMultiZoneService spec."""

    _wire_names: ClassVar[dict[str, str]] = {"selector": "selector", "ports": "ports"}

    selector: pulumi.Input[MeshMultiZoneServiceSelectorArgs | Mapping[str, Any]] | None = None
    """Kuma field ``selector``. Required."""

    ports: pulumi.Input[Sequence[pulumi.Input[MeshMultiZoneServicePortArgs | Mapping[str, Any]]]] | None = (
        None
    )
    """Ports of the selected services. Required. At least 1 item(s)."""


@dataclass(kw_only=True)
class MeshIdentitySelectorArgs(KumaArgs):
    """Which Dataplanes the identity is for (none without a ``dataplane`` selector)."""

    _wire_names: ClassVar[dict[str, str]] = {"dataplane": "dataplane"}

    dataplane: pulumi.Input[LabelSelectorArgs | Mapping[str, Any]] | None = None
    """Dataplanes whose labels include all of matchLabels."""


@dataclass(kw_only=True)
class SpiffeIdTemplateArgs(KumaArgs):
    """Go templates of the SPIFFE ID: ``spiffe://<trustDomain><path>``."""

    _wire_names: ClassVar[dict[str, str]] = {"trust_domain": "trustDomain", "path": "path"}

    trust_domain: pulumi.Input[str] | None = None
    """Default `{{ .Mesh }}.{{ .Zone }}.mesh.local`."""

    path: pulumi.Input[str] | None = None
    """Default `/workload/{{ .Workload }}` on Universal."""


@dataclass(kw_only=True)
class AutogenerateArgs(KumaArgs):
    """Let the control plane generate the CA."""

    _wire_names: ClassVar[dict[str, str]] = {"enabled": "enabled"}

    enabled: pulumi.Input[bool] | None = None
    """Kuma field ``enabled``."""


@dataclass(kw_only=True)
class BundledCAArgs(KumaArgs):
    """A CA supplied by the user."""

    _wire_names: ClassVar[dict[str, str]] = {"certificate": "certificate", "private_key": "privateKey"}

    certificate: pulumi.Input[SecureDataSourceArgs | Mapping[str, Any]] | None = None
    """Kuma field ``certificate``."""

    private_key: pulumi.Input[SecureDataSourceArgs | Mapping[str, Any]] | None = None
    """Kuma field ``privateKey``."""


@dataclass(kw_only=True)
class CertificateParametersArgs(KumaArgs):
    """Parameters of the workload certificates."""

    _wire_names: ClassVar[dict[str, str]] = {"expiry": "expiry"}

    expiry: pulumi.Input[str] | None = None
    """Validity of workload certificates (5 days when absent). A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``.
    """


@dataclass(kw_only=True)
class BundledProviderArgs(KumaArgs):
    """Certificates issued by the control plane."""

    _wire_names: ClassVar[dict[str, str]] = {
        "mesh_trust_creation": "meshTrustCreation",
        "insecure_allow_self_signed": "insecureAllowSelfSigned",
        "autogenerate": "autogenerate",
        "ca": "ca",
        "certificate_parameters": "certificateParameters",
    }

    mesh_trust_creation: pulumi.Input[str] | None = None
    """Whether a MeshTrust with the CA is created automatically (Enabled by default). One of: ``Enabled``, ``Disabled``.
    """

    insecure_allow_self_signed: pulumi.Input[bool] | None = None
    """Kuma field ``insecureAllowSelfSigned``."""

    autogenerate: pulumi.Input[AutogenerateArgs | Mapping[str, Any]] | None = None
    """Kuma field ``autogenerate``."""

    ca: pulumi.Input[BundledCAArgs | Mapping[str, Any]] | None = None
    """Kuma field ``ca``."""

    certificate_parameters: pulumi.Input[CertificateParametersArgs | Mapping[str, Any]] | None = None
    """Kuma field ``certificateParameters``."""


@dataclass(kw_only=True)
class SpireAgentArgs(KumaArgs):
    """How to reach the SPIRE agent."""

    _wire_names: ClassVar[dict[str, str]] = {"timeout": "timeout"}

    timeout: pulumi.Input[str] | None = None
    """Connection timeout to the agent's socket (default 1s). A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``.
    """


@dataclass(kw_only=True)
class SpireProviderArgs(KumaArgs):
    """Certificates issued by SPIRE."""

    _wire_names: ClassVar[dict[str, str]] = {"agent": "agent"}

    agent: pulumi.Input[SpireAgentArgs | Mapping[str, Any]] | None = None
    """Kuma field ``agent``."""


@dataclass(kw_only=True)
class ExtensionProviderArgs(KumaArgs):
    """Certificates issued by a plugin."""

    _wire_names: ClassVar[dict[str, str]] = {"name": "name", "config": "config"}

    name: pulumi.Input[str] | None = None
    """Kuma field ``name``. Required."""

    config: Any | None = None
    """Kuma field ``config``."""


@dataclass(kw_only=True)
class IdentityProviderArgs(KumaArgs):
    """Who issues the certificates."""

    _wire_names: ClassVar[dict[str, str]] = {
        "type": "type",
        "bundled": "bundled",
        "spire": "spire",
        "extension": "extension",
    }

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. Required. One of: ``Bundled``, ``Spire``, ``Extension``."""

    bundled: pulumi.Input[BundledProviderArgs | Mapping[str, Any]] | None = None
    """Kuma field ``bundled``."""

    spire: pulumi.Input[SpireProviderArgs | Mapping[str, Any]] | None = None
    """Kuma field ``spire``."""

    extension: pulumi.Input[ExtensionProviderArgs | Mapping[str, Any]] | None = None
    """Kuma field ``extension``."""


@dataclass(kw_only=True)
class MeshIdentitySpecArgs(KumaArgs):
    """The MeshIdentity spec."""

    _wire_names: ClassVar[dict[str, str]] = {
        "selector": "selector",
        "spiffe_id": "spiffeID",
        "provider": "provider",
    }

    selector: pulumi.Input[MeshIdentitySelectorArgs | Mapping[str, Any]] | None = None
    """Kuma field ``selector``."""

    spiffe_id: pulumi.Input[SpiffeIdTemplateArgs | Mapping[str, Any]] | None = None
    """Kuma field ``spiffeID``."""

    provider: pulumi.Input[IdentityProviderArgs | Mapping[str, Any]] | None = None
    """Kuma field ``provider``."""


@dataclass(kw_only=True)
class PemBundleArgs(KumaArgs):
    """PEM-encoded CA certificates."""

    _wire_names: ClassVar[dict[str, str]] = {"value": "value"}

    value: pulumi.Input[str] | None = None
    """One or more PEM certificates. Required."""


@dataclass(kw_only=True)
class CABundleArgs(KumaArgs):
    """A bundle of trusted CA certificates."""

    _wire_names: ClassVar[dict[str, str]] = {"type": "type", "pem": "pem"}

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. Required. One of: ``Pem``."""

    pem: pulumi.Input[PemBundleArgs | Mapping[str, Any]] | None = None
    """Kuma field ``pem``."""


@dataclass(kw_only=True)
class MeshTrustSpecArgs(KumaArgs):
    """The MeshTrust spec."""

    _wire_names: ClassVar[dict[str, str]] = {"trust_domain": "trustDomain", "ca_bundles": "caBundles"}

    trust_domain: pulumi.Input[str] | None = None
    """The SPIFFE trust domain these CAs sign for. Required."""

    ca_bundles: pulumi.Input[Sequence[pulumi.Input[CABundleArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``caBundles``. Required. At least 1 item(s)."""


@dataclass(kw_only=True)
class OtelEndpointArgs(KumaArgs):
    """Where the collector listens."""

    _wire_names: ClassVar[dict[str, str]] = {"address": "address", "port": "port", "path": "path"}

    address: pulumi.Input[str] | None = None
    """Hostname or IP; when absent the data plane resolves it."""

    port: pulumi.Input[int] | None = None
    """Port of the collector (4317 when absent)."""

    path: pulumi.Input[str] | None = None
    """Base path for HTTP (signal suffixes such as /v1/traces are appended)."""


@dataclass(kw_only=True)
class OtelEnvPolicyArgs(KumaArgs):
    """Whether and how the standard OTEL exporter environment variables take part."""

    _wire_names: ClassVar[dict[str, str]] = {
        "mode": "mode",
        "precedence": "precedence",
        "allow_signal_overrides": "allowSignalOverrides",
    }

    mode: pulumi.Input[str] | None = None
    """Kuma field ``mode``. Default: ``'Optional'``. One of: ``Disabled``, ``Optional``, ``Required``."""

    precedence: pulumi.Input[str] | None = None
    """Kuma field ``precedence``. Default: ``'EnvFirst'``. One of: ``ExplicitFirst``, ``EnvFirst``."""

    allow_signal_overrides: pulumi.Input[bool] | None = None
    """Whether per-signal OTEL variables may differ from the shared ones (default true)."""


@dataclass(kw_only=True)
class MeshOpenTelemetryBackendSpecArgs(KumaArgs):
    """The MeshOpenTelemetryBackend spec."""

    _wire_names: ClassVar[dict[str, str]] = {"endpoint": "endpoint", "protocol": "protocol", "env": "env"}

    endpoint: pulumi.Input[OtelEndpointArgs | Mapping[str, Any]] | None = None
    """Kuma field ``endpoint``."""

    protocol: pulumi.Input[str] | None = None
    """grpc (default) or http. One of: ``grpc``, ``http``."""

    env: pulumi.Input[OtelEnvPolicyArgs | Mapping[str, Any]] | None = None
    """Kuma field ``env``."""


@dataclass(kw_only=True)
class HostnameGeneratorSelectorArgs(KumaArgs):
    """Which destinations get hostnames from this generator (exactly one kind)."""

    _wire_names: ClassVar[dict[str, str]] = {
        "mesh_service": "meshService",
        "mesh_external_service": "meshExternalService",
        "mesh_multi_zone_service": "meshMultiZoneService",
    }

    mesh_service: pulumi.Input[LabelSelectorArgs | Mapping[str, Any]] | None = None
    """Kuma field ``meshService``."""

    mesh_external_service: pulumi.Input[LabelSelectorArgs | Mapping[str, Any]] | None = None
    """Kuma field ``meshExternalService``."""

    mesh_multi_zone_service: pulumi.Input[LabelSelectorArgs | Mapping[str, Any]] | None = None
    """Kuma field ``meshMultiZoneService``."""


@dataclass(kw_only=True)
class HostnameGeneratorExtensionArgs(KumaArgs):
    """A plugin that generates hostnames instead of the template."""

    _wire_names: ClassVar[dict[str, str]] = {"type": "type", "config": "config"}

    type: pulumi.Input[str] | None = None
    """Type of the extension. Required."""

    config: Any | None = None
    """Free-form configuration for the extension."""


@dataclass(kw_only=True)
class HostnameGeneratorSpecArgs(KumaArgs):
    """The HostnameGenerator spec."""

    _wire_names: ClassVar[dict[str, str]] = {
        "selector": "selector",
        "template": "template",
        "extension": "extension",
    }

    selector: pulumi.Input[HostnameGeneratorSelectorArgs | Mapping[str, Any]] | None = None
    """Kuma field ``selector``."""

    template: pulumi.Input[str] | None = None
    """Go template of the hostname, e.g. `{{ .DisplayName }}.{{ .Zone }}.mesh` or `{{ label "app" }}.svc`. Required.
    """

    extension: pulumi.Input[HostnameGeneratorExtensionArgs | Mapping[str, Any]] | None = None
    """Kuma field ``extension``."""


@dataclass(kw_only=True)
class MeshZoneAddressSpecArgs(KumaArgs):
    """The MeshZoneAddress spec."""

    _wire_names: ClassVar[dict[str, str]] = {"address": "address", "port": "port"}

    address: pulumi.Input[str] | None = None
    """Publicly reachable address (IP or hostname) of the zone ingress. Required."""

    port: pulumi.Input[int] | None = None
    """Publicly reachable port of the zone ingress. Required. Must be >= 1 and <= 65535."""


@dataclass(kw_only=True)
class WorkloadSpecArgs(KumaArgs):
    """The Workload spec: empty (the Workload is identified by its name alone)."""

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
class MeshAccessLogJsonFieldArgs(KumaArgs):
    """One key of a JSON log line and the value (usually an Envoy command operator) written under it."""

    _wire_names: ClassVar[dict[str, str]] = {"key": "key", "value": "value"}

    key: pulumi.Input[str] | None = None
    """Kuma field ``key``. Required."""

    value: pulumi.Input[str] | None = None
    """Kuma field ``value``. Required."""


@dataclass(kw_only=True)
class MeshAccessLogFormatArgs(KumaArgs):
    """The shape of a log line: a ``Plain`` template, or ``Json`` key/value pairs."""

    _wire_names: ClassVar[dict[str, str]] = {
        "type": "type",
        "plain": "plain",
        "json_fields": "json",
        "omit_empty_values": "omitEmptyValues",
    }

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. Required. One of: ``Plain``, ``Json``."""

    plain: pulumi.Input[str] | None = None
    """Kuma field ``plain``."""

    json_fields: (
        pulumi.Input[Sequence[pulumi.Input[MeshAccessLogJsonFieldArgs | Mapping[str, Any]]]] | None
    ) = None
    """Kuma field ``json``."""

    omit_empty_values: pulumi.Input[bool] | None = None
    """Kuma field ``omitEmptyValues``. Default: ``False``."""


@dataclass(kw_only=True)
class MeshAccessLogTcpBackendArgs(KumaArgs):
    """Send log lines to a TCP collector (``host:port`` or a URL)."""

    _wire_names: ClassVar[dict[str, str]] = {"format": "format", "address": "address"}

    format: pulumi.Input[MeshAccessLogFormatArgs | Mapping[str, Any]] | None = None
    """Kuma field ``format``."""

    address: pulumi.Input[str] | None = None
    """Kuma field ``address``. Required."""


@dataclass(kw_only=True)
class MeshAccessLogFileBackendArgs(KumaArgs):
    """Append log lines to a file on the proxy's host."""

    _wire_names: ClassVar[dict[str, str]] = {"format": "format", "path": "path"}

    format: pulumi.Input[MeshAccessLogFormatArgs | Mapping[str, Any]] | None = None
    """Kuma field ``format``."""

    path: pulumi.Input[str] | None = None
    """Kuma field ``path``. Required."""


@dataclass(kw_only=True)
class MeshAccessLogOtelAttributeArgs(KumaArgs):
    """An OpenTelemetry log attribute: a static name and a value that may hold placeholders."""

    _wire_names: ClassVar[dict[str, str]] = {"key": "key", "value": "value"}

    key: pulumi.Input[str] | None = None
    """Kuma field ``key``. Required. Must match ``^[a-z]([a-z0-9]|[._][a-z0-9])*$``."""

    value: pulumi.Input[str] | None = None
    """Kuma field ``value``. Required."""


@dataclass(kw_only=True)
class BackendResourceRefArgs(KumaArgs):
    """A reference to a MeshOpenTelemetryBackend by labels (observability backends)."""

    _wire_names: ClassVar[dict[str, str]] = {"kind": "kind", "labels": "labels"}

    kind: pulumi.Input[str] | None = None
    """Kuma field ``kind``. Required. One of: ``MeshOpenTelemetryBackend``."""

    labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None
    """Kuma field ``labels``."""


@dataclass(kw_only=True)
class MeshAccessLogOtelBackendArgs(KumaArgs):
    """Export log records to the collector of a MeshOpenTelemetryBackend."""

    _wire_names: ClassVar[dict[str, str]] = {
        "attributes": "attributes",
        "body": "body",
        "backend_ref": "backendRef",
    }

    attributes: (
        pulumi.Input[Sequence[pulumi.Input[MeshAccessLogOtelAttributeArgs | Mapping[str, Any]]]] | None
    ) = None
    """Kuma field ``attributes``."""

    body: Any | None = None
    """Kuma field ``body``."""

    backend_ref: pulumi.Input[BackendResourceRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``backendRef``."""


@dataclass(kw_only=True)
class MeshAccessLogBackendArgs(KumaArgs):
    """One log destination; ``type`` says which of ``tcp``, ``file``, ``openTelemetry`` is used."""

    _wire_names: ClassVar[dict[str, str]] = {
        "type": "type",
        "tcp": "tcp",
        "file": "file",
        "open_telemetry": "openTelemetry",
    }

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. Required. One of: ``Tcp``, ``File``, ``OpenTelemetry``."""

    tcp: pulumi.Input[MeshAccessLogTcpBackendArgs | Mapping[str, Any]] | None = None
    """Kuma field ``tcp``."""

    file: pulumi.Input[MeshAccessLogFileBackendArgs | Mapping[str, Any]] | None = None
    """Kuma field ``file``."""

    open_telemetry: pulumi.Input[MeshAccessLogOtelBackendArgs | Mapping[str, Any]] | None = None
    """Kuma field ``openTelemetry``."""


@dataclass(kw_only=True)
class MeshAccessLogConfArgs(KumaArgs):
    """The log destinations for the selected traffic (an empty list turns logging off)."""

    _wire_names: ClassVar[dict[str, str]] = {"backends": "backends"}

    backends: pulumi.Input[Sequence[pulumi.Input[MeshAccessLogBackendArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``backends``."""


@dataclass(kw_only=True)
class MeshAccessLogToArgs(KumaArgs):
    """An outbound entry: destinations and where their traffic is logged."""

    _wire_names: ClassVar[dict[str, str]] = {"target_ref": "targetRef", "default": "default"}

    target_ref: pulumi.Input[OutboundTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``. Required."""

    default: pulumi.Input[MeshAccessLogConfArgs | Mapping[str, Any]] | None = None
    """Kuma field ``default``. Required."""


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
class MeshAccessLogRuleArgs(KumaArgs):
    """An inbound rule: log incoming traffic, optionally only from matching peers."""

    _wire_names: ClassVar[dict[str, str]] = {"matches": "matches", "default": "default"}

    matches: pulumi.Input[Sequence[pulumi.Input[MatchArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``matches``."""

    default: pulumi.Input[MeshAccessLogConfArgs | Mapping[str, Any]] | None = None
    """Kuma field ``default``. Required."""


@dataclass(kw_only=True)
class MeshAccessLogSpecArgs(KumaArgs):
    """The MeshAccessLog spec: which proxies (``targetRef``), outbound ``to`` or inbound ``rules``."""

    _wire_names: ClassVar[dict[str, str]] = {"target_ref": "targetRef", "to": "to", "rules": "rules"}

    target_ref: pulumi.Input[TopLevelTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``."""

    to: pulumi.Input[Sequence[pulumi.Input[MeshAccessLogToArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``to``."""

    rules: pulumi.Input[Sequence[pulumi.Input[MeshAccessLogRuleArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``rules``."""


@dataclass(kw_only=True)
class MeshCircuitBreakerConnectionLimitsArgs(KumaArgs):
    """Caps on connections and requests a proxy opens to (or accepts from) one destination."""

    _wire_names: ClassVar[dict[str, str]] = {
        "max_connections": "maxConnections",
        "max_connection_pools": "maxConnectionPools",
        "max_pending_requests": "maxPendingRequests",
        "max_retries": "maxRetries",
        "max_requests": "maxRequests",
    }

    max_connections: pulumi.Input[int] | None = None
    """Kuma field ``maxConnections``."""

    max_connection_pools: pulumi.Input[int] | None = None
    """Kuma field ``maxConnectionPools``."""

    max_pending_requests: pulumi.Input[int] | None = None
    """Kuma field ``maxPendingRequests``."""

    max_retries: pulumi.Input[int] | None = None
    """Kuma field ``maxRetries``."""

    max_requests: pulumi.Input[int] | None = None
    """Kuma field ``maxRequests``."""


@dataclass(kw_only=True)
class MeshCircuitBreakerConsecutiveFailuresArgs(KumaArgs):
    """Eject a host after this many consecutive failures of one sort."""

    _wire_names: ClassVar[dict[str, str]] = {"consecutive": "consecutive"}

    consecutive: pulumi.Input[int] | None = None
    """Kuma field ``consecutive``."""


@dataclass(kw_only=True)
class MeshCircuitBreakerSuccessRateArgs(KumaArgs):
    """Eject hosts whose success rate falls this many standard deviations below the cluster's mean."""

    _wire_names: ClassVar[dict[str, str]] = {
        "minimum_hosts": "minimumHosts",
        "request_volume": "requestVolume",
        "standard_deviation_factor": "standardDeviationFactor",
    }

    minimum_hosts: pulumi.Input[int] | None = None
    """Kuma field ``minimumHosts``."""

    request_volume: pulumi.Input[int] | None = None
    """Kuma field ``requestVolume``."""

    standard_deviation_factor: pulumi.Input[int | str] | None = None
    """Kuma field ``standardDeviationFactor``."""


@dataclass(kw_only=True)
class MeshCircuitBreakerFailurePercentageArgs(KumaArgs):
    """Eject hosts whose failure percentage reaches ``threshold``."""

    _wire_names: ClassVar[dict[str, str]] = {
        "minimum_hosts": "minimumHosts",
        "request_volume": "requestVolume",
        "threshold": "threshold",
    }

    minimum_hosts: pulumi.Input[int] | None = None
    """Kuma field ``minimumHosts``."""

    request_volume: pulumi.Input[int] | None = None
    """Kuma field ``requestVolume``."""

    threshold: pulumi.Input[int] | None = None
    """Kuma field ``threshold``."""


@dataclass(kw_only=True)
class MeshCircuitBreakerDetectorsArgs(KumaArgs):
    """The outlier detectors to run; at least one must be set."""

    _wire_names: ClassVar[dict[str, str]] = {
        "total_failures": "totalFailures",
        "gateway_failures": "gatewayFailures",
        "local_origin_failures": "localOriginFailures",
        "success_rate": "successRate",
        "failure_percentage": "failurePercentage",
    }

    total_failures: pulumi.Input[MeshCircuitBreakerConsecutiveFailuresArgs | Mapping[str, Any]] | None = None
    """Kuma field ``totalFailures``."""

    gateway_failures: pulumi.Input[MeshCircuitBreakerConsecutiveFailuresArgs | Mapping[str, Any]] | None = (
        None
    )
    """Kuma field ``gatewayFailures``."""

    local_origin_failures: (
        pulumi.Input[MeshCircuitBreakerConsecutiveFailuresArgs | Mapping[str, Any]] | None
    ) = None
    """Kuma field ``localOriginFailures``."""

    success_rate: pulumi.Input[MeshCircuitBreakerSuccessRateArgs | Mapping[str, Any]] | None = None
    """Kuma field ``successRate``."""

    failure_percentage: pulumi.Input[MeshCircuitBreakerFailurePercentageArgs | Mapping[str, Any]] | None = (
        None
    )
    """Kuma field ``failurePercentage``."""


@dataclass(kw_only=True)
class MeshCircuitBreakerOutlierDetectionArgs(KumaArgs):
    """Passive health checking: eject misbehaving hosts from load balancing for a while."""

    _wire_names: ClassVar[dict[str, str]] = {
        "disabled": "disabled",
        "interval": "interval",
        "base_ejection_time": "baseEjectionTime",
        "max_ejection_percent": "maxEjectionPercent",
        "split_external_and_local_errors": "splitExternalAndLocalErrors",
        "detectors": "detectors",
        "healthy_panic_threshold": "healthyPanicThreshold",
    }

    disabled: pulumi.Input[bool] | None = None
    """Kuma field ``disabled``."""

    interval: pulumi.Input[str] | None = None
    """Kuma field ``interval``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""

    base_ejection_time: pulumi.Input[str] | None = None
    """Kuma field ``baseEjectionTime``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""

    max_ejection_percent: pulumi.Input[int] | None = None
    """Kuma field ``maxEjectionPercent``."""

    split_external_and_local_errors: pulumi.Input[bool] | None = None
    """Kuma field ``splitExternalAndLocalErrors``."""

    detectors: pulumi.Input[MeshCircuitBreakerDetectorsArgs | Mapping[str, Any]] | None = None
    """Kuma field ``detectors``."""

    healthy_panic_threshold: pulumi.Input[int | str] | None = None
    """Kuma field ``healthyPanicThreshold``."""


@dataclass(kw_only=True)
class MeshCircuitBreakerConfArgs(KumaArgs):
    """Circuit breaking for a group of destinations or for incoming traffic."""

    _wire_names: ClassVar[dict[str, str]] = {
        "connection_limits": "connectionLimits",
        "outlier_detection": "outlierDetection",
    }

    connection_limits: pulumi.Input[MeshCircuitBreakerConnectionLimitsArgs | Mapping[str, Any]] | None = None
    """Kuma field ``connectionLimits``."""

    outlier_detection: pulumi.Input[MeshCircuitBreakerOutlierDetectionArgs | Mapping[str, Any]] | None = None
    """Kuma field ``outlierDetection``."""


@dataclass(kw_only=True)
class MeshCircuitBreakerToArgs(KumaArgs):
    """One outbound entry: the destinations (``targetRef``) and the conf applied to them."""

    _wire_names: ClassVar[dict[str, str]] = {"target_ref": "targetRef", "default": "default"}

    target_ref: pulumi.Input[OutboundTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``. Required."""

    default: pulumi.Input[MeshCircuitBreakerConfArgs | Mapping[str, Any]] | None = None
    """Kuma field ``default``."""


@dataclass(kw_only=True)
class MeshCircuitBreakerRuleArgs(KumaArgs):
    """One inbound rule without matches: the conf applied to all incoming traffic."""

    _wire_names: ClassVar[dict[str, str]] = {"default": "default"}

    default: pulumi.Input[MeshCircuitBreakerConfArgs | Mapping[str, Any]] | None = None
    """Kuma field ``default``."""


@dataclass(kw_only=True)
class MeshCircuitBreakerSpecArgs(KumaArgs):
    """The MeshCircuitBreaker spec: which proxies (``targetRef``), outbound ``to`` and inbound ``rules``."""

    _wire_names: ClassVar[dict[str, str]] = {"target_ref": "targetRef", "to": "to", "rules": "rules"}

    target_ref: pulumi.Input[TopLevelTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``."""

    to: pulumi.Input[Sequence[pulumi.Input[MeshCircuitBreakerToArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``to``."""

    rules: pulumi.Input[Sequence[pulumi.Input[MeshCircuitBreakerRuleArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``rules``."""


@dataclass(kw_only=True)
class MeshFaultInjectionAbortArgs(KumaArgs):
    """Answer a share of requests with ``httpStatus`` instead of forwarding them."""

    _wire_names: ClassVar[dict[str, str]] = {"http_status": "httpStatus", "percentage": "percentage"}

    http_status: pulumi.Input[int] | None = None
    """Kuma field ``httpStatus``. Required."""

    percentage: pulumi.Input[int | str] | None = None
    """Kuma field ``percentage``. Required."""


@dataclass(kw_only=True)
class MeshFaultInjectionDelayArgs(KumaArgs):
    """Hold a share of requests for ``value`` before forwarding them."""

    _wire_names: ClassVar[dict[str, str]] = {"value": "value", "percentage": "percentage"}

    value: pulumi.Input[str] | None = None
    """Kuma field ``value``. Required. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""

    percentage: pulumi.Input[int | str] | None = None
    """Kuma field ``percentage``. Required."""


@dataclass(kw_only=True)
class MeshFaultInjectionResponseBandwidthArgs(KumaArgs):
    """Throttle the response body of a share of requests to ``limit`` (e.g. ``100kbps``)."""

    _wire_names: ClassVar[dict[str, str]] = {"limit": "limit", "percentage": "percentage"}

    limit: pulumi.Input[str] | None = None
    """Kuma field ``limit``. Required."""

    percentage: pulumi.Input[int | str] | None = None
    """Kuma field ``percentage``. Required."""


@dataclass(kw_only=True)
class MeshFaultInjectionHttpFaultArgs(KumaArgs):
    """One fault; each of its parts applies to its own percentage of requests."""

    _wire_names: ClassVar[dict[str, str]] = {
        "abort": "abort",
        "delay": "delay",
        "response_bandwidth": "responseBandwidth",
    }

    abort: pulumi.Input[MeshFaultInjectionAbortArgs | Mapping[str, Any]] | None = None
    """Kuma field ``abort``."""

    delay: pulumi.Input[MeshFaultInjectionDelayArgs | Mapping[str, Any]] | None = None
    """Kuma field ``delay``."""

    response_bandwidth: pulumi.Input[MeshFaultInjectionResponseBandwidthArgs | Mapping[str, Any]] | None = (
        None
    )
    """Kuma field ``responseBandwidth``."""


@dataclass(kw_only=True)
class MeshFaultInjectionConfArgs(KumaArgs):
    """The HTTP faults to inject."""

    _wire_names: ClassVar[dict[str, str]] = {"http": "http"}

    http: pulumi.Input[Sequence[pulumi.Input[MeshFaultInjectionHttpFaultArgs | Mapping[str, Any]]]] | None = (
        None
    )
    """Kuma field ``http``."""


@dataclass(kw_only=True)
class MeshFaultInjectionToArgs(KumaArgs):
    """One outbound entry: the destinations (``targetRef``) and the conf applied to them."""

    _wire_names: ClassVar[dict[str, str]] = {"target_ref": "targetRef", "default": "default"}

    target_ref: pulumi.Input[OutboundTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``. Required."""

    default: pulumi.Input[MeshFaultInjectionConfArgs | Mapping[str, Any]] | None = None
    """Kuma field ``default``."""


@dataclass(kw_only=True)
class MeshFaultInjectionRuleArgs(KumaArgs):
    """An inbound rule: faults for incoming requests, optionally only from matching peers."""

    _wire_names: ClassVar[dict[str, str]] = {"matches": "matches", "default": "default"}

    matches: pulumi.Input[Sequence[pulumi.Input[MatchArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``matches``."""

    default: pulumi.Input[MeshFaultInjectionConfArgs | Mapping[str, Any]] | None = None
    """Kuma field ``default``. Required."""


@dataclass(kw_only=True)
class MeshFaultInjectionSpecArgs(KumaArgs):
    """The MeshFaultInjection spec: which proxies (``targetRef``), inbound ``rules`` or gateway ``to``."""

    _wire_names: ClassVar[dict[str, str]] = {"target_ref": "targetRef", "to": "to", "rules": "rules"}

    target_ref: pulumi.Input[TopLevelTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``."""

    to: pulumi.Input[Sequence[pulumi.Input[MeshFaultInjectionToArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``to``."""

    rules: pulumi.Input[Sequence[pulumi.Input[MeshFaultInjectionRuleArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``rules``."""


@dataclass(kw_only=True)
class MeshHealthCheckTcpArgs(KumaArgs):
    """A TCP check: connect, optionally send ``send`` and expect every ``receive`` block back."""

    _wire_names: ClassVar[dict[str, str]] = {"disabled": "disabled", "send": "send", "receive": "receive"}

    disabled: pulumi.Input[bool] | None = None
    """Kuma field ``disabled``."""

    send: pulumi.Input[str] | None = None
    """Kuma field ``send``."""

    receive: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None
    """Kuma field ``receive``."""


@dataclass(kw_only=True)
class HeaderKeyValueArgs(KumaArgs):
    """A header name and value (header modifiers)."""

    _wire_names: ClassVar[dict[str, str]] = {"name": "name", "value": "value"}

    name: pulumi.Input[str] | None = None
    """Kuma field ``name``. Must match ``^[a-z0-9!#$%&'*+\\-.^_\\x60|~]+$``. Required."""

    value: pulumi.Input[str] | None = None
    """Kuma field ``value``. Required."""


@dataclass(kw_only=True)
class MeshHealthCheckHeaderModifierArgs(KumaArgs):
    """Headers added to (``add``) or replaced in (``set``) each health check request."""

    _wire_names: ClassVar[dict[str, str]] = {"set": "set", "add": "add"}

    set: pulumi.Input[Sequence[pulumi.Input[HeaderKeyValueArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``set``."""

    add: pulumi.Input[Sequence[pulumi.Input[HeaderKeyValueArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``add``."""


@dataclass(kw_only=True)
class MeshHealthCheckHttpArgs(KumaArgs):
    """An HTTP check: request ``path`` and expect one of ``expectedStatuses``."""

    _wire_names: ClassVar[dict[str, str]] = {
        "disabled": "disabled",
        "path": "path",
        "request_headers_to_add": "requestHeadersToAdd",
        "expected_statuses": "expectedStatuses",
    }

    disabled: pulumi.Input[bool] | None = None
    """Kuma field ``disabled``."""

    path: pulumi.Input[str] | None = None
    """Kuma field ``path``."""

    request_headers_to_add: pulumi.Input[MeshHealthCheckHeaderModifierArgs | Mapping[str, Any]] | None = None
    """Kuma field ``requestHeadersToAdd``."""

    expected_statuses: pulumi.Input[Sequence[pulumi.Input[int]]] | None = None
    """Kuma field ``expectedStatuses``."""


@dataclass(kw_only=True)
class MeshHealthCheckGrpcArgs(KumaArgs):
    """A check with the gRPC health checking protocol."""

    _wire_names: ClassVar[dict[str, str]] = {
        "disabled": "disabled",
        "service_name": "serviceName",
        "authority": "authority",
    }

    disabled: pulumi.Input[bool] | None = None
    """Kuma field ``disabled``."""

    service_name: pulumi.Input[str] | None = None
    """Kuma field ``serviceName``."""

    authority: pulumi.Input[str] | None = None
    """Kuma field ``authority``."""


@dataclass(kw_only=True)
class MeshHealthCheckConfArgs(KumaArgs):
    """How often and how destinations are checked, and when a host counts as (un)healthy."""

    _wire_names: ClassVar[dict[str, str]] = {
        "interval": "interval",
        "timeout": "timeout",
        "unhealthy_threshold": "unhealthyThreshold",
        "healthy_threshold": "healthyThreshold",
        "initial_jitter": "initialJitter",
        "interval_jitter": "intervalJitter",
        "interval_jitter_percent": "intervalJitterPercent",
        "fail_traffic_on_panic": "failTrafficOnPanic",
        "event_log_path": "eventLogPath",
        "always_log_health_check_failures": "alwaysLogHealthCheckFailures",
        "no_traffic_interval": "noTrafficInterval",
        "tcp": "tcp",
        "http": "http",
        "grpc": "grpc",
        "reuse_connection": "reuseConnection",
    }

    interval: pulumi.Input[str] | None = None
    """Kuma field ``interval``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""

    timeout: pulumi.Input[str] | None = None
    """Kuma field ``timeout``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""

    unhealthy_threshold: pulumi.Input[int] | None = None
    """Kuma field ``unhealthyThreshold``."""

    healthy_threshold: pulumi.Input[int] | None = None
    """Kuma field ``healthyThreshold``."""

    initial_jitter: pulumi.Input[str] | None = None
    """Kuma field ``initialJitter``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""

    interval_jitter: pulumi.Input[str] | None = None
    """Kuma field ``intervalJitter``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""

    interval_jitter_percent: pulumi.Input[int] | None = None
    """Kuma field ``intervalJitterPercent``."""

    fail_traffic_on_panic: pulumi.Input[bool] | None = None
    """Kuma field ``failTrafficOnPanic``."""

    event_log_path: pulumi.Input[str] | None = None
    """Kuma field ``eventLogPath``."""

    always_log_health_check_failures: pulumi.Input[bool] | None = None
    """Kuma field ``alwaysLogHealthCheckFailures``."""

    no_traffic_interval: pulumi.Input[str] | None = None
    """Kuma field ``noTrafficInterval``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""

    tcp: pulumi.Input[MeshHealthCheckTcpArgs | Mapping[str, Any]] | None = None
    """Kuma field ``tcp``."""

    http: pulumi.Input[MeshHealthCheckHttpArgs | Mapping[str, Any]] | None = None
    """Kuma field ``http``."""

    grpc: pulumi.Input[MeshHealthCheckGrpcArgs | Mapping[str, Any]] | None = None
    """Kuma field ``grpc``."""

    reuse_connection: pulumi.Input[bool] | None = None
    """Kuma field ``reuseConnection``."""


@dataclass(kw_only=True)
class MeshHealthCheckToArgs(KumaArgs):
    """One outbound entry: the destinations (``targetRef``) and the conf applied to them."""

    _wire_names: ClassVar[dict[str, str]] = {"target_ref": "targetRef", "default": "default"}

    target_ref: pulumi.Input[OutboundTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``. Required."""

    default: pulumi.Input[MeshHealthCheckConfArgs | Mapping[str, Any]] | None = None
    """Kuma field ``default``."""


@dataclass(kw_only=True)
class MeshHealthCheckSpecArgs(KumaArgs):
    """The MeshHealthCheck spec: which proxies (``targetRef``) check which destinations (``to``)."""

    _wire_names: ClassVar[dict[str, str]] = {"target_ref": "targetRef", "to": "to"}

    target_ref: pulumi.Input[TopLevelTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``."""

    to: pulumi.Input[Sequence[pulumi.Input[MeshHealthCheckToArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``to``."""


@dataclass(kw_only=True)
class PathMatchArgs(KumaArgs):
    """Match the request path exactly, by ``/``-separated prefix, or by regular expression."""

    _wire_names: ClassVar[dict[str, str]] = {"value": "value", "type": "type"}

    value: pulumi.Input[str] | None = None
    """Kuma field ``value``. Required."""

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. Required. One of: ``Exact``, ``PathPrefix``, ``RegularExpression``."""


@dataclass(kw_only=True)
class QueryParamsMatchArgs(KumaArgs):
    """Match one URL query parameter exactly or by regular expression."""

    _wire_names: ClassVar[dict[str, str]] = {"type": "type", "name": "name", "value": "value"}

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. Required. One of: ``Exact``, ``RegularExpression``."""

    name: pulumi.Input[str] | None = None
    """Kuma field ``name``. Required."""

    value: pulumi.Input[str] | None = None
    """Kuma field ``value``. Required."""


@dataclass(kw_only=True)
class HeaderMatchArgs(KumaArgs):
    """Match one request header (names are lower case)."""

    _wire_names: ClassVar[dict[str, str]] = {"type": "type", "name": "name", "value": "value"}

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. Default: ``'Exact'``. One of: ``Exact``, ``Present``, ``RegularExpression``, ``Absent``, ``Prefix``.
    """

    name: pulumi.Input[str] | None = None
    """Kuma field ``name``. Required. Must match ``^[a-z0-9!#$%&'*+\\-.^_\\x60|~]+$``."""

    value: pulumi.Input[str] | None = None
    """Kuma field ``value``."""


@dataclass(kw_only=True)
class HttpRouteMatchArgs(KumaArgs):
    """One way a request can match a rule; all given conditions must hold."""

    _wire_names: ClassVar[dict[str, str]] = {
        "path": "path",
        "method": "method",
        "query_params": "queryParams",
        "headers": "headers",
    }

    path: pulumi.Input[PathMatchArgs | Mapping[str, Any]] | None = None
    """Kuma field ``path``."""

    method: pulumi.Input[str] | None = None
    """Kuma field ``method``. One of: ``CONNECT``, ``DELETE``, ``GET``, ``HEAD``, ``OPTIONS``, ``PATCH``, ``POST``, ``PUT``, ``TRACE``.
    """

    query_params: pulumi.Input[Sequence[pulumi.Input[QueryParamsMatchArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``queryParams``."""

    headers: pulumi.Input[Sequence[pulumi.Input[HeaderMatchArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``headers``."""


@dataclass(kw_only=True)
class HttpHeaderKeyValueArgs(KumaArgs):
    """A header name and value set or added by a header modifier."""

    _wire_names: ClassVar[dict[str, str]] = {"name": "name", "value": "value"}

    name: pulumi.Input[str] | None = None
    """Kuma field ``name``. Required. Must match ``^[a-z0-9!#$%&'*+\\-.^_\\x60|~]+$``."""

    value: pulumi.Input[str] | None = None
    """Kuma field ``value``. Required."""


@dataclass(kw_only=True)
class HeaderModifierArgs(KumaArgs):
    """Set, add or remove request or response headers (one action per header name)."""

    _wire_names: ClassVar[dict[str, str]] = {"set": "set", "add": "add", "remove": "remove"}

    set: pulumi.Input[Sequence[pulumi.Input[HttpHeaderKeyValueArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``set``."""

    add: pulumi.Input[Sequence[pulumi.Input[HttpHeaderKeyValueArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``add``."""

    remove: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None
    """Kuma field ``remove``."""


@dataclass(kw_only=True)
class PathRewriteArgs(KumaArgs):
    """Replace the whole path or the matched prefix."""

    _wire_names: ClassVar[dict[str, str]] = {
        "type": "type",
        "replace_full_path": "replaceFullPath",
        "replace_prefix_match": "replacePrefixMatch",
    }

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. Required. One of: ``ReplaceFullPath``, ``ReplacePrefixMatch``."""

    replace_full_path: pulumi.Input[str] | None = None
    """Kuma field ``replaceFullPath``."""

    replace_prefix_match: pulumi.Input[str] | None = None
    """Kuma field ``replacePrefixMatch``."""


@dataclass(kw_only=True)
class RequestRedirectArgs(KumaArgs):
    """Answer with a redirect instead of forwarding the request."""

    _wire_names: ClassVar[dict[str, str]] = {
        "scheme": "scheme",
        "hostname": "hostname",
        "path": "path",
        "port": "port",
        "status_code": "statusCode",
    }

    scheme: pulumi.Input[str] | None = None
    """Kuma field ``scheme``. One of: ``http``, ``https``."""

    hostname: pulumi.Input[str] | None = None
    """Kuma field ``hostname``. Must match ``^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$``.
    """

    path: pulumi.Input[PathRewriteArgs | Mapping[str, Any]] | None = None
    """Kuma field ``path``."""

    port: pulumi.Input[int] | None = None
    """Kuma field ``port``. Must be >= 1 and <= 65535."""

    status_code: pulumi.Input[int] | None = None
    """Kuma field ``statusCode``. Default: ``302``. One of: ``301``, ``302``, ``303``, ``307``, ``308``."""


@dataclass(kw_only=True)
class UrlRewriteArgs(KumaArgs):
    """Rewrite the host header and/or the path before forwarding."""

    _wire_names: ClassVar[dict[str, str]] = {
        "hostname": "hostname",
        "path": "path",
        "host_to_backend_hostname": "hostToBackendHostname",
    }

    hostname: pulumi.Input[str] | None = None
    """Kuma field ``hostname``. Must match ``^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$``.
    """

    path: pulumi.Input[PathRewriteArgs | Mapping[str, Any]] | None = None
    """Kuma field ``path``."""

    host_to_backend_hostname: pulumi.Input[bool] | None = None
    """Kuma field ``hostToBackendHostname``."""


@dataclass(kw_only=True)
class BackendRefArgs(KumaArgs):
    """A destination of a route or mirror: a service selected by labels, a weight and a port."""

    _wire_names: ClassVar[dict[str, str]] = {
        "kind": "kind",
        "labels": "labels",
        "section_name": "sectionName",
        "weight": "weight",
        "port": "port",
    }

    kind: pulumi.Input[str] | None = None
    """Kuma field ``kind``. Required. One of: ``Mesh``, ``MeshService``, ``MeshExternalService``, ``MeshMultiZoneService``, ``MeshHTTPRoute``, ``Dataplane``.
    """

    labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None
    """Kuma field ``labels``."""

    section_name: pulumi.Input[str] | None = None
    """Kuma field ``sectionName``."""

    weight: pulumi.Input[int] | None = None
    """Kuma field ``weight``. Default: ``1``. Must be >= 0 and <= 4294967295."""

    port: pulumi.Input[int] | None = None
    """Kuma field ``port``."""


@dataclass(kw_only=True)
class RequestMirrorArgs(KumaArgs):
    """Send a copy of (a percentage of) the requests to another backend."""

    _wire_names: ClassVar[dict[str, str]] = {"percentage": "percentage", "backend_ref": "backendRef"}

    percentage: pulumi.Input[int | str] | None = None
    """Kuma field ``percentage``."""

    backend_ref: pulumi.Input[BackendRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``backendRef``. Required."""


@dataclass(kw_only=True)
class HttpFilterArgs(KumaArgs):
    """One filter; ``type`` says which of the sub-objects is used."""

    _wire_names: ClassVar[dict[str, str]] = {
        "type": "type",
        "request_header_modifier": "requestHeaderModifier",
        "response_header_modifier": "responseHeaderModifier",
        "request_redirect": "requestRedirect",
        "url_rewrite": "urlRewrite",
        "request_mirror": "requestMirror",
    }

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. Required. One of: ``RequestHeaderModifier``, ``ResponseHeaderModifier``, ``RequestRedirect``, ``URLRewrite``, ``RequestMirror``.
    """

    request_header_modifier: pulumi.Input[HeaderModifierArgs | Mapping[str, Any]] | None = None
    """Kuma field ``requestHeaderModifier``."""

    response_header_modifier: pulumi.Input[HeaderModifierArgs | Mapping[str, Any]] | None = None
    """Kuma field ``responseHeaderModifier``."""

    request_redirect: pulumi.Input[RequestRedirectArgs | Mapping[str, Any]] | None = None
    """Kuma field ``requestRedirect``."""

    url_rewrite: pulumi.Input[UrlRewriteArgs | Mapping[str, Any]] | None = None
    """Kuma field ``urlRewrite``."""

    request_mirror: pulumi.Input[RequestMirrorArgs | Mapping[str, Any]] | None = None
    """Kuma field ``requestMirror``."""


@dataclass(kw_only=True)
class RuleConfArgs(KumaArgs):
    """What happens to matched requests: filters, then the weighted backends (default: the destination)."""

    _wire_names: ClassVar[dict[str, str]] = {"filters": "filters", "backend_refs": "backendRefs"}

    filters: pulumi.Input[Sequence[pulumi.Input[HttpFilterArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``filters``."""

    backend_refs: pulumi.Input[Sequence[pulumi.Input[BackendRefArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``backendRefs``."""


@dataclass(kw_only=True)
class HttpRouteRuleArgs(KumaArgs):
    """A routing rule: the requests it matches and what happens to them."""

    _wire_names: ClassVar[dict[str, str]] = {"matches": "matches", "default": "default"}

    matches: pulumi.Input[Sequence[pulumi.Input[HttpRouteMatchArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``matches``. Required. At least 1 item(s)."""

    default: pulumi.Input[RuleConfArgs | Mapping[str, Any]] | None = None
    """Kuma field ``default``. Required."""


@dataclass(kw_only=True)
class HttpRouteToArgs(KumaArgs):
    """The rules for traffic to one destination."""

    _wire_names: ClassVar[dict[str, str]] = {
        "hostnames": "hostnames",
        "target_ref": "targetRef",
        "rules": "rules",
    }

    hostnames: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None
    """Kuma field ``hostnames``."""

    target_ref: pulumi.Input[OutboundTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``. Required."""

    rules: pulumi.Input[Sequence[pulumi.Input[HttpRouteRuleArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``rules``. Required."""


@dataclass(kw_only=True)
class MeshHTTPRouteSpecArgs(KumaArgs):
    """The MeshHTTPRoute spec: which proxies route (``targetRef``) and the rules per destination (``to``)."""

    _wire_names: ClassVar[dict[str, str]] = {"target_ref": "targetRef", "to": "to"}

    target_ref: pulumi.Input[TopLevelTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``."""

    to: pulumi.Input[Sequence[pulumi.Input[HttpRouteToArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``to``."""


@dataclass(kw_only=True)
class MeshLoadBalancingStrategyAffinityTagArgs(KumaArgs):
    """A Dataplane tag whose equal value marks an endpoint as "closer"; ``weight`` sets its share."""

    _wire_names: ClassVar[dict[str, str]] = {"key": "key", "weight": "weight"}

    key: pulumi.Input[str] | None = None
    """Kuma field ``key``. Required."""

    weight: pulumi.Input[int] | None = None
    """Kuma field ``weight``."""


@dataclass(kw_only=True)
class MeshLoadBalancingStrategyLocalZoneArgs(KumaArgs):
    """Preference for endpoints in the proxy's own zone, refined by affinity tags in order."""

    _wire_names: ClassVar[dict[str, str]] = {"affinity_tags": "affinityTags"}

    affinity_tags: (
        pulumi.Input[Sequence[pulumi.Input[MeshLoadBalancingStrategyAffinityTagArgs | Mapping[str, Any]]]]
        | None
    ) = None
    """Kuma field ``affinityTags``."""


@dataclass(kw_only=True)
class MeshLoadBalancingStrategyFromZoneArgs(KumaArgs):
    """The zones whose proxies a failover rule applies to."""

    _wire_names: ClassVar[dict[str, str]] = {"zones": "zones"}

    zones: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None
    """Kuma field ``zones``. Required."""


@dataclass(kw_only=True)
class MeshLoadBalancingStrategyToZoneArgs(KumaArgs):
    """Where traffic fails over to: ``Any`` zone, ``Only`` or ``AnyExcept`` the listed ones, or ``None``."""

    _wire_names: ClassVar[dict[str, str]] = {"type": "type", "zones": "zones"}

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. Required. One of: ``None``, ``Only``, ``Any``, ``AnyExcept``."""

    zones: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None
    """Kuma field ``zones``."""


@dataclass(kw_only=True)
class MeshLoadBalancingStrategyFailoverArgs(KumaArgs):
    """One failover rule, tried in list order."""

    _wire_names: ClassVar[dict[str, str]] = {"from_": "from", "to": "to"}

    from_: pulumi.Input[MeshLoadBalancingStrategyFromZoneArgs | Mapping[str, Any]] | None = None
    """Kuma field ``from``."""

    to: pulumi.Input[MeshLoadBalancingStrategyToZoneArgs | Mapping[str, Any]] | None = None
    """Kuma field ``to``. Required."""


@dataclass(kw_only=True)
class MeshLoadBalancingStrategyFailoverThresholdArgs(KumaArgs):
    """Fail over once the share of healthy local endpoints drops below ``percentage``."""

    _wire_names: ClassVar[dict[str, str]] = {"percentage": "percentage"}

    percentage: pulumi.Input[int | str] | None = None
    """Kuma field ``percentage``. Required."""


@dataclass(kw_only=True)
class MeshLoadBalancingStrategyCrossZoneArgs(KumaArgs):
    """Rules for sending traffic to other zones when the local one is unhealthy."""

    _wire_names: ClassVar[dict[str, str]] = {
        "failover": "failover",
        "failover_threshold": "failoverThreshold",
    }

    failover: (
        pulumi.Input[Sequence[pulumi.Input[MeshLoadBalancingStrategyFailoverArgs | Mapping[str, Any]]]] | None
    ) = None
    """Kuma field ``failover``."""

    failover_threshold: (
        pulumi.Input[MeshLoadBalancingStrategyFailoverThresholdArgs | Mapping[str, Any]] | None
    ) = None
    """Kuma field ``failoverThreshold``."""


@dataclass(kw_only=True)
class MeshLoadBalancingStrategyLocalityAwarenessArgs(KumaArgs):
    """Zone-aware load balancing: stay local first, fail over across zones when needed."""

    _wire_names: ClassVar[dict[str, str]] = {
        "disabled": "disabled",
        "local_zone": "localZone",
        "cross_zone": "crossZone",
    }

    disabled: pulumi.Input[bool] | None = None
    """Kuma field ``disabled``."""

    local_zone: pulumi.Input[MeshLoadBalancingStrategyLocalZoneArgs | Mapping[str, Any]] | None = None
    """Kuma field ``localZone``."""

    cross_zone: pulumi.Input[MeshLoadBalancingStrategyCrossZoneArgs | Mapping[str, Any]] | None = None
    """Kuma field ``crossZone``."""


@dataclass(kw_only=True)
class MeshLoadBalancingStrategyRoundRobinArgs(KumaArgs):
    """Round robin; it has no settings."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshLoadBalancingStrategyLeastRequestArgs(KumaArgs):
    """Pick the host with the fewest active requests among ``choiceCount`` random ones."""

    _wire_names: ClassVar[dict[str, str]] = {
        "choice_count": "choiceCount",
        "active_request_bias": "activeRequestBias",
    }

    choice_count: pulumi.Input[int] | None = None
    """Kuma field ``choiceCount``. Must be >= 2."""

    active_request_bias: pulumi.Input[int | str] | None = None
    """Kuma field ``activeRequestBias``."""


@dataclass(kw_only=True)
class MeshLoadBalancingStrategyRingHashArgs(KumaArgs):
    """Consistent hashing on a ring of ``minRingSize``..``maxRingSize`` entries."""

    _wire_names: ClassVar[dict[str, str]] = {
        "hash_function": "hashFunction",
        "min_ring_size": "minRingSize",
        "max_ring_size": "maxRingSize",
    }

    hash_function: pulumi.Input[str] | None = None
    """Kuma field ``hashFunction``. One of: ``XXHash``, ``MurmurHash2``."""

    min_ring_size: pulumi.Input[int] | None = None
    """Kuma field ``minRingSize``. Must be >= 1 and <= 8000000."""

    max_ring_size: pulumi.Input[int] | None = None
    """Kuma field ``maxRingSize``. Must be >= 1 and <= 8000000."""


@dataclass(kw_only=True)
class MeshLoadBalancingStrategyRandomArgs(KumaArgs):
    """Random choice; it has no settings."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshLoadBalancingStrategyMaglevArgs(KumaArgs):
    """Maglev consistent hashing with a lookup table of ``tableSize`` (a prime) entries."""

    _wire_names: ClassVar[dict[str, str]] = {"table_size": "tableSize"}

    table_size: pulumi.Input[int] | None = None
    """Kuma field ``tableSize``. Must be >= 1 and <= 5000011."""


@dataclass(kw_only=True)
class MeshLoadBalancingStrategyLoadBalancerArgs(KumaArgs):
    """The load balancing algorithm (``type``) and its settings."""

    _wire_names: ClassVar[dict[str, str]] = {
        "type": "type",
        "round_robin": "roundRobin",
        "least_request": "leastRequest",
        "ring_hash": "ringHash",
        "random": "random",
        "maglev": "maglev",
    }

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. Required. One of: ``RoundRobin``, ``LeastRequest``, ``RingHash``, ``Random``, ``Maglev``.
    """

    round_robin: pulumi.Input[MeshLoadBalancingStrategyRoundRobinArgs | Mapping[str, Any]] | None = None
    """Kuma field ``roundRobin``."""

    least_request: pulumi.Input[MeshLoadBalancingStrategyLeastRequestArgs | Mapping[str, Any]] | None = None
    """Kuma field ``leastRequest``."""

    ring_hash: pulumi.Input[MeshLoadBalancingStrategyRingHashArgs | Mapping[str, Any]] | None = None
    """Kuma field ``ringHash``."""

    random: pulumi.Input[MeshLoadBalancingStrategyRandomArgs | Mapping[str, Any]] | None = None
    """Kuma field ``random``."""

    maglev: pulumi.Input[MeshLoadBalancingStrategyMaglevArgs | Mapping[str, Any]] | None = None
    """Kuma field ``maglev``."""


@dataclass(kw_only=True)
class MeshLoadBalancingStrategyHeaderArgs(KumaArgs):
    """Hash on the value of a request header."""

    _wire_names: ClassVar[dict[str, str]] = {"name": "name"}

    name: pulumi.Input[str] | None = None
    """Kuma field ``name``. Required."""


@dataclass(kw_only=True)
class MeshLoadBalancingStrategyCookieArgs(KumaArgs):
    """Hash on a cookie; with ``ttl`` Envoy creates the cookie when it is missing."""

    _wire_names: ClassVar[dict[str, str]] = {"name": "name", "ttl": "ttl", "path": "path"}

    name: pulumi.Input[str] | None = None
    """Kuma field ``name``. Required."""

    ttl: pulumi.Input[str] | None = None
    """Kuma field ``ttl``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""

    path: pulumi.Input[str] | None = None
    """Kuma field ``path``."""


@dataclass(kw_only=True)
class MeshLoadBalancingStrategyConnectionArgs(KumaArgs):
    """Hash on the connection, i.e. the client's source IP."""

    _wire_names: ClassVar[dict[str, str]] = {"source_ip": "sourceIP"}

    source_ip: pulumi.Input[bool] | None = None
    """Kuma field ``sourceIP``."""


@dataclass(kw_only=True)
class MeshLoadBalancingStrategyQueryParameterArgs(KumaArgs):
    """Hash on a query parameter."""

    _wire_names: ClassVar[dict[str, str]] = {"name": "name"}

    name: pulumi.Input[str] | None = None
    """Kuma field ``name``. Required."""


@dataclass(kw_only=True)
class MeshLoadBalancingStrategyFilterStateArgs(KumaArgs):
    """Hash on an Envoy filter state object."""

    _wire_names: ClassVar[dict[str, str]] = {"key": "key"}

    key: pulumi.Input[str] | None = None
    """Kuma field ``key``. Required."""


@dataclass(kw_only=True)
class MeshLoadBalancingStrategyHashPolicyArgs(KumaArgs):
    """One input of the request hash (for RingHash and Maglev); ``terminal`` stops at the first match."""

    _wire_names: ClassVar[dict[str, str]] = {
        "type": "type",
        "terminal": "terminal",
        "header": "header",
        "cookie": "cookie",
        "connection": "connection",
        "query_parameter": "queryParameter",
        "filter_state": "filterState",
    }

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. Required. One of: ``Header``, ``Cookie``, ``Connection``, ``QueryParameter``, ``FilterState``.
    """

    terminal: pulumi.Input[bool] | None = None
    """Kuma field ``terminal``."""

    header: pulumi.Input[MeshLoadBalancingStrategyHeaderArgs | Mapping[str, Any]] | None = None
    """Kuma field ``header``."""

    cookie: pulumi.Input[MeshLoadBalancingStrategyCookieArgs | Mapping[str, Any]] | None = None
    """Kuma field ``cookie``."""

    connection: pulumi.Input[MeshLoadBalancingStrategyConnectionArgs | Mapping[str, Any]] | None = None
    """Kuma field ``connection``."""

    query_parameter: pulumi.Input[MeshLoadBalancingStrategyQueryParameterArgs | Mapping[str, Any]] | None = (
        None
    )
    """Kuma field ``queryParameter``."""

    filter_state: pulumi.Input[MeshLoadBalancingStrategyFilterStateArgs | Mapping[str, Any]] | None = None
    """Kuma field ``filterState``."""


@dataclass(kw_only=True)
class MeshLoadBalancingStrategyConfArgs(KumaArgs):
    """Load balancing for a group of destinations (only ``hashPolicies`` for a MeshHTTPRoute)."""

    _wire_names: ClassVar[dict[str, str]] = {
        "locality_awareness": "localityAwareness",
        "load_balancer": "loadBalancer",
        "hash_policies": "hashPolicies",
    }

    locality_awareness: (
        pulumi.Input[MeshLoadBalancingStrategyLocalityAwarenessArgs | Mapping[str, Any]] | None
    ) = None
    """Kuma field ``localityAwareness``."""

    load_balancer: pulumi.Input[MeshLoadBalancingStrategyLoadBalancerArgs | Mapping[str, Any]] | None = None
    """Kuma field ``loadBalancer``."""

    hash_policies: (
        pulumi.Input[Sequence[pulumi.Input[MeshLoadBalancingStrategyHashPolicyArgs | Mapping[str, Any]]]]
        | None
    ) = None
    """Kuma field ``hashPolicies``."""


@dataclass(kw_only=True)
class MeshLoadBalancingStrategyToArgs(KumaArgs):
    """One outbound entry: the destinations (``targetRef``) and the conf applied to them."""

    _wire_names: ClassVar[dict[str, str]] = {"target_ref": "targetRef", "default": "default"}

    target_ref: pulumi.Input[OutboundTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``. Required."""

    default: pulumi.Input[MeshLoadBalancingStrategyConfArgs | Mapping[str, Any]] | None = None
    """Kuma field ``default``."""


@dataclass(kw_only=True)
class MeshLoadBalancingStrategySpecArgs(KumaArgs):
    """The MeshLoadBalancingStrategy spec: which proxies (``targetRef``) and destinations (``to``)."""

    _wire_names: ClassVar[dict[str, str]] = {"target_ref": "targetRef", "to": "to"}

    target_ref: pulumi.Input[TopLevelTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``."""

    to: pulumi.Input[Sequence[pulumi.Input[MeshLoadBalancingStrategyToArgs | Mapping[str, Any]]]] | None = (
        None
    )
    """Kuma field ``to``."""


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
class ClusterMatchArgs(KumaArgs):
    """Selects clusters by name and/or by the Kuma origin that generated them."""

    _wire_names: ClassVar[dict[str, str]] = {"origin": "origin", "name": "name"}

    origin: pulumi.Input[str] | None = None
    """Kuma field ``origin``."""

    name: pulumi.Input[str] | None = None
    """Kuma field ``name``."""


@dataclass(kw_only=True)
class JsonPatchBlockArgs(KumaArgs):
    """One RFC 6902 JSON Patch operation applied to the matched resource's JSON form."""

    _wire_names: ClassVar[dict[str, str]] = {"op": "op", "path": "path", "value": "value", "from_": "from"}

    op: pulumi.Input[str] | None = None
    """Kuma field ``op``. Required. One of: ``add``, ``remove``, ``replace``, ``move``, ``copy``."""

    path: pulumi.Input[str] | None = None
    """Kuma field ``path``. Required."""

    value: Any | None = None
    """Kuma field ``value``."""

    from_: pulumi.Input[str] | None = None
    """Kuma field ``from``."""


@dataclass(kw_only=True)
class ClusterModArgs(KumaArgs):
    """Add, remove or patch Envoy clusters."""

    _wire_names: ClassVar[dict[str, str]] = {
        "match": "match",
        "operation": "operation",
        "value": "value",
        "json_patches": "jsonPatches",
    }

    match: pulumi.Input[ClusterMatchArgs | Mapping[str, Any]] | None = None
    """Kuma field ``match``."""

    operation: pulumi.Input[str] | None = None
    """Kuma field ``operation``. Required. One of: ``Add``, ``Remove``, ``Patch``."""

    value: pulumi.Input[str] | None = None
    """Kuma field ``value``."""

    json_patches: pulumi.Input[Sequence[pulumi.Input[JsonPatchBlockArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``jsonPatches``."""


@dataclass(kw_only=True)
class ListenerMatchArgs(KumaArgs):
    """Selects listeners by name, origin and/or the tags of their inbound."""

    _wire_names: ClassVar[dict[str, str]] = {"origin": "origin", "name": "name", "tags": "tags"}

    origin: pulumi.Input[str] | None = None
    """Kuma field ``origin``."""

    name: pulumi.Input[str] | None = None
    """Kuma field ``name``."""

    tags: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None
    """Kuma field ``tags``."""


@dataclass(kw_only=True)
class ListenerModArgs(KumaArgs):
    """Add, remove or patch Envoy listeners."""

    _wire_names: ClassVar[dict[str, str]] = {
        "match": "match",
        "operation": "operation",
        "value": "value",
        "json_patches": "jsonPatches",
    }

    match: pulumi.Input[ListenerMatchArgs | Mapping[str, Any]] | None = None
    """Kuma field ``match``."""

    operation: pulumi.Input[str] | None = None
    """Kuma field ``operation``. Required. One of: ``Add``, ``Remove``, ``Patch``."""

    value: pulumi.Input[str] | None = None
    """Kuma field ``value``."""

    json_patches: pulumi.Input[Sequence[pulumi.Input[JsonPatchBlockArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``jsonPatches``."""


@dataclass(kw_only=True)
class NetworkFilterMatchArgs(KumaArgs):
    """Selects network filters by name and the listener (name, origin, tags) they sit in."""

    _wire_names: ClassVar[dict[str, str]] = {
        "origin": "origin",
        "name": "name",
        "listener_name": "listenerName",
        "listener_tags": "listenerTags",
    }

    origin: pulumi.Input[str] | None = None
    """Kuma field ``origin``."""

    name: pulumi.Input[str] | None = None
    """Kuma field ``name``."""

    listener_name: pulumi.Input[str] | None = None
    """Kuma field ``listenerName``."""

    listener_tags: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None
    """Kuma field ``listenerTags``."""


@dataclass(kw_only=True)
class NetworkFilterModArgs(KumaArgs):
    """Add (first, last, before or after a named filter), remove or patch network filters."""

    _wire_names: ClassVar[dict[str, str]] = {
        "match": "match",
        "operation": "operation",
        "value": "value",
        "json_patches": "jsonPatches",
    }

    match: pulumi.Input[NetworkFilterMatchArgs | Mapping[str, Any]] | None = None
    """Kuma field ``match``."""

    operation: pulumi.Input[str] | None = None
    """Kuma field ``operation``. Required. One of: ``Remove``, ``Patch``, ``AddFirst``, ``AddBefore``, ``AddAfter``, ``AddLast``.
    """

    value: pulumi.Input[str] | None = None
    """Kuma field ``value``."""

    json_patches: pulumi.Input[Sequence[pulumi.Input[JsonPatchBlockArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``jsonPatches``."""


@dataclass(kw_only=True)
class HttpFilterMatchArgs(KumaArgs):
    """Selects HTTP filters by name and the listener (name, origin, tags) they sit in."""

    _wire_names: ClassVar[dict[str, str]] = {
        "origin": "origin",
        "name": "name",
        "listener_name": "listenerName",
        "listener_tags": "listenerTags",
    }

    origin: pulumi.Input[str] | None = None
    """Kuma field ``origin``."""

    name: pulumi.Input[str] | None = None
    """Kuma field ``name``."""

    listener_name: pulumi.Input[str] | None = None
    """Kuma field ``listenerName``."""

    listener_tags: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None
    """Kuma field ``listenerTags``."""


@dataclass(kw_only=True)
class HttpFilterModArgs(KumaArgs):
    """Add (first, last, before or after a named filter), remove or patch HTTP filters."""

    _wire_names: ClassVar[dict[str, str]] = {
        "match": "match",
        "operation": "operation",
        "value": "value",
        "json_patches": "jsonPatches",
    }

    match: pulumi.Input[HttpFilterMatchArgs | Mapping[str, Any]] | None = None
    """Kuma field ``match``."""

    operation: pulumi.Input[str] | None = None
    """Kuma field ``operation``. Required. One of: ``Remove``, ``Patch``, ``AddFirst``, ``AddBefore``, ``AddAfter``, ``AddLast``.
    """

    value: pulumi.Input[str] | None = None
    """Kuma field ``value``."""

    json_patches: pulumi.Input[Sequence[pulumi.Input[JsonPatchBlockArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``jsonPatches``."""


@dataclass(kw_only=True)
class VirtualHostMatchArgs(KumaArgs):
    """Selects virtual hosts by name, origin and/or route configuration name."""

    _wire_names: ClassVar[dict[str, str]] = {
        "origin": "origin",
        "name": "name",
        "route_configuration_name": "routeConfigurationName",
    }

    origin: pulumi.Input[str] | None = None
    """Kuma field ``origin``."""

    name: pulumi.Input[str] | None = None
    """Kuma field ``name``."""

    route_configuration_name: pulumi.Input[str] | None = None
    """Kuma field ``routeConfigurationName``."""


@dataclass(kw_only=True)
class VirtualHostModArgs(KumaArgs):
    """Add, remove or patch virtual hosts of route configurations."""

    _wire_names: ClassVar[dict[str, str]] = {
        "match": "match",
        "operation": "operation",
        "value": "value",
        "json_patches": "jsonPatches",
    }

    match: pulumi.Input[VirtualHostMatchArgs | Mapping[str, Any]] | None = None
    """Kuma field ``match``. Required."""

    operation: pulumi.Input[str] | None = None
    """Kuma field ``operation``. Required. One of: ``Add``, ``Remove``, ``Patch``."""

    value: pulumi.Input[str] | None = None
    """Kuma field ``value``."""

    json_patches: pulumi.Input[Sequence[pulumi.Input[JsonPatchBlockArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``jsonPatches``."""


@dataclass(kw_only=True)
class ModificationArgs(KumaArgs):
    """One modification: exactly one of the resource kinds is set."""

    _wire_names: ClassVar[dict[str, str]] = {
        "cluster": "cluster",
        "listener": "listener",
        "network_filter": "networkFilter",
        "http_filter": "httpFilter",
        "virtual_host": "virtualHost",
    }

    cluster: pulumi.Input[ClusterModArgs | Mapping[str, Any]] | None = None
    """Kuma field ``cluster``."""

    listener: pulumi.Input[ListenerModArgs | Mapping[str, Any]] | None = None
    """Kuma field ``listener``."""

    network_filter: pulumi.Input[NetworkFilterModArgs | Mapping[str, Any]] | None = None
    """Kuma field ``networkFilter``."""

    http_filter: pulumi.Input[HttpFilterModArgs | Mapping[str, Any]] | None = None
    """Kuma field ``httpFilter``."""

    virtual_host: pulumi.Input[VirtualHostModArgs | Mapping[str, Any]] | None = None
    """Kuma field ``virtualHost``."""


@dataclass(kw_only=True)
class MeshProxyPatchConfArgs(KumaArgs):
    """The modifications, applied in order after Kuma generated the proxy's config."""

    _wire_names: ClassVar[dict[str, str]] = {"append_modifications": "appendModifications"}

    append_modifications: (
        pulumi.Input[Sequence[pulumi.Input[ModificationArgs | Mapping[str, Any]]]] | None
    ) = None
    """Kuma field ``appendModifications``."""


@dataclass(kw_only=True)
class MeshProxyPatchSpecArgs(KumaArgs):
    """The MeshProxyPatch spec: which proxies (``targetRef``) and the modifications (``default``)."""

    _wire_names: ClassVar[dict[str, str]] = {"target_ref": "targetRef", "default": "default"}

    target_ref: pulumi.Input[TopLevelTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``."""

    default: pulumi.Input[MeshProxyPatchConfArgs | Mapping[str, Any]] | None = None
    """Kuma field ``default``. Required."""


@dataclass(kw_only=True)
class MeshRateLimitRateArgs(KumaArgs):
    """At most ``num`` requests or connections per ``interval`` (a token bucket)."""

    _wire_names: ClassVar[dict[str, str]] = {"num": "num", "interval": "interval"}

    num: pulumi.Input[int] | None = None
    """Kuma field ``num``. Required."""

    interval: pulumi.Input[str] | None = None
    """Kuma field ``interval``. Required. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""


@dataclass(kw_only=True)
class MeshRateLimitHeaderModifierArgs(KumaArgs):
    """Headers added to (``add``) or replaced in (``set``) the rate-limited response."""

    _wire_names: ClassVar[dict[str, str]] = {"set": "set", "add": "add"}

    set: pulumi.Input[Sequence[pulumi.Input[HeaderKeyValueArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``set``."""

    add: pulumi.Input[Sequence[pulumi.Input[HeaderKeyValueArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``add``."""


@dataclass(kw_only=True)
class MeshRateLimitOnRateLimitArgs(KumaArgs):
    """The response sent when a request is over the limit."""

    _wire_names: ClassVar[dict[str, str]] = {"status": "status", "headers": "headers"}

    status: pulumi.Input[int] | None = None
    """Kuma field ``status``."""

    headers: pulumi.Input[MeshRateLimitHeaderModifierArgs | Mapping[str, Any]] | None = None
    """Kuma field ``headers``."""


@dataclass(kw_only=True)
class MeshRateLimitLocalHttpArgs(KumaArgs):
    """HTTP request rate limiting, per proxy."""

    _wire_names: ClassVar[dict[str, str]] = {
        "disabled": "disabled",
        "request_rate": "requestRate",
        "on_rate_limit": "onRateLimit",
    }

    disabled: pulumi.Input[bool] | None = None
    """Kuma field ``disabled``."""

    request_rate: pulumi.Input[MeshRateLimitRateArgs | Mapping[str, Any]] | None = None
    """Kuma field ``requestRate``."""

    on_rate_limit: pulumi.Input[MeshRateLimitOnRateLimitArgs | Mapping[str, Any]] | None = None
    """Kuma field ``onRateLimit``."""


@dataclass(kw_only=True)
class MeshRateLimitLocalTcpArgs(KumaArgs):
    """TCP connection rate limiting, per proxy."""

    _wire_names: ClassVar[dict[str, str]] = {"disabled": "disabled", "connection_rate": "connectionRate"}

    disabled: pulumi.Input[bool] | None = None
    """Kuma field ``disabled``."""

    connection_rate: pulumi.Input[MeshRateLimitRateArgs | Mapping[str, Any]] | None = None
    """Kuma field ``connectionRate``."""


@dataclass(kw_only=True)
class MeshRateLimitLocalArgs(KumaArgs):
    """Limits each proxy enforces on its own (no shared rate limit service)."""

    _wire_names: ClassVar[dict[str, str]] = {"http": "http", "tcp": "tcp"}

    http: pulumi.Input[MeshRateLimitLocalHttpArgs | Mapping[str, Any]] | None = None
    """Kuma field ``http``."""

    tcp: pulumi.Input[MeshRateLimitLocalTcpArgs | Mapping[str, Any]] | None = None
    """Kuma field ``tcp``."""


@dataclass(kw_only=True)
class MeshRateLimitConfArgs(KumaArgs):
    """Rate limits for incoming traffic."""

    _wire_names: ClassVar[dict[str, str]] = {"local": "local"}

    local: pulumi.Input[MeshRateLimitLocalArgs | Mapping[str, Any]] | None = None
    """Kuma field ``local``."""


@dataclass(kw_only=True)
class MeshRateLimitToArgs(KumaArgs):
    """One outbound entry: the destinations (``targetRef``) and the conf applied to them."""

    _wire_names: ClassVar[dict[str, str]] = {"target_ref": "targetRef", "default": "default"}

    target_ref: pulumi.Input[OutboundTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``. Required."""

    default: pulumi.Input[MeshRateLimitConfArgs | Mapping[str, Any]] | None = None
    """Kuma field ``default``."""


@dataclass(kw_only=True)
class MeshRateLimitRuleArgs(KumaArgs):
    """An inbound rule: limits for incoming traffic, optionally only from matching peers."""

    _wire_names: ClassVar[dict[str, str]] = {"matches": "matches", "default": "default"}

    matches: pulumi.Input[Sequence[pulumi.Input[MatchArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``matches``."""

    default: pulumi.Input[MeshRateLimitConfArgs | Mapping[str, Any]] | None = None
    """Kuma field ``default``."""


@dataclass(kw_only=True)
class MeshRateLimitSpecArgs(KumaArgs):
    """The MeshRateLimit spec: which proxies (``targetRef``), inbound ``rules`` or gateway ``to``."""

    _wire_names: ClassVar[dict[str, str]] = {"target_ref": "targetRef", "to": "to", "rules": "rules"}

    target_ref: pulumi.Input[TopLevelTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``."""

    to: pulumi.Input[Sequence[pulumi.Input[MeshRateLimitToArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``to``."""

    rules: pulumi.Input[Sequence[pulumi.Input[MeshRateLimitRuleArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``rules``."""


@dataclass(kw_only=True)
class MeshRetryTcpArgs(KumaArgs):
    """TCP retries: how many times a connection is attempted."""

    _wire_names: ClassVar[dict[str, str]] = {"max_connect_attempt": "maxConnectAttempt"}

    max_connect_attempt: pulumi.Input[int] | None = None
    """Kuma field ``maxConnectAttempt``."""


@dataclass(kw_only=True)
class MeshRetryBackOffArgs(KumaArgs):
    """Exponential back-off between retries, from ``baseInterval`` up to ``maxInterval``."""

    _wire_names: ClassVar[dict[str, str]] = {"base_interval": "baseInterval", "max_interval": "maxInterval"}

    base_interval: pulumi.Input[str] | None = None
    """Kuma field ``baseInterval``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""

    max_interval: pulumi.Input[str] | None = None
    """Kuma field ``maxInterval``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""


@dataclass(kw_only=True)
class MeshRetryResetHeaderArgs(KumaArgs):
    """A response header that tells when to retry (e.g. ``Retry-After``), and how to read it."""

    _wire_names: ClassVar[dict[str, str]] = {"name": "name", "format": "format"}

    name: pulumi.Input[str] | None = None
    """Kuma field ``name``. Must match ``^[a-z0-9!#$%&'*+\\-.^_\\x60|~]+$``. Required."""

    format: pulumi.Input[str] | None = None
    """Kuma field ``format``. Required. One of: ``Seconds``, ``UnixTimestamp``."""


@dataclass(kw_only=True)
class MeshRetryRateLimitedBackOffArgs(KumaArgs):
    """Back-off driven by the upstream's rate limit headers."""

    _wire_names: ClassVar[dict[str, str]] = {"reset_headers": "resetHeaders", "max_interval": "maxInterval"}

    reset_headers: (
        pulumi.Input[Sequence[pulumi.Input[MeshRetryResetHeaderArgs | Mapping[str, Any]]]] | None
    ) = None
    """Kuma field ``resetHeaders``."""

    max_interval: pulumi.Input[str] | None = None
    """Kuma field ``maxInterval``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""


@dataclass(kw_only=True)
class MeshRetryHeaderMatchArgs(KumaArgs):
    """A header condition: ``Exact``, ``Prefix``, ``RegularExpression``, ``Present`` or ``Absent``."""

    _wire_names: ClassVar[dict[str, str]] = {"type": "type", "name": "name", "value": "value"}

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. One of: ``Exact``, ``Present``, ``RegularExpression``, ``Absent``, ``Prefix``. Default: ``'Exact'``.
    """

    name: pulumi.Input[str] | None = None
    """Kuma field ``name``. Must match ``^[a-z0-9!#$%&'*+\\-.^_\\x60|~]+$``. Required."""

    value: pulumi.Input[str] | None = None
    """Kuma field ``value``."""


@dataclass(kw_only=True)
class MeshRetryHostPredicateArgs(KumaArgs):
    """Which hosts a retry avoids: previous hosts, hosts with ``tags``, or previous priorities."""

    _wire_names: ClassVar[dict[str, str]] = {
        "predicate": "predicate",
        "tags": "tags",
        "update_frequency": "updateFrequency",
    }

    predicate: pulumi.Input[str] | None = None
    """Kuma field ``predicate``. Required. One of: ``OmitPreviousHosts``, ``OmitHostsWithTags``, ``OmitPreviousPriorities``.
    """

    tags: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None
    """Kuma field ``tags``."""

    update_frequency: pulumi.Input[int] | None = None
    """Kuma field ``updateFrequency``. Default: ``2``."""


@dataclass(kw_only=True)
class MeshRetryHttpArgs(KumaArgs):
    """HTTP retries: how often, on which failures and with what back-off."""

    _wire_names: ClassVar[dict[str, str]] = {
        "num_retries": "numRetries",
        "per_try_timeout": "perTryTimeout",
        "back_off": "backOff",
        "rate_limited_back_off": "rateLimitedBackOff",
        "retry_on": "retryOn",
        "retriable_response_headers": "retriableResponseHeaders",
        "retriable_request_headers": "retriableRequestHeaders",
        "host_selection": "hostSelection",
        "host_selection_max_attempts": "hostSelectionMaxAttempts",
    }

    num_retries: pulumi.Input[int] | None = None
    """Kuma field ``numRetries``."""

    per_try_timeout: pulumi.Input[str] | None = None
    """Kuma field ``perTryTimeout``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""

    back_off: pulumi.Input[MeshRetryBackOffArgs | Mapping[str, Any]] | None = None
    """Kuma field ``backOff``."""

    rate_limited_back_off: pulumi.Input[MeshRetryRateLimitedBackOffArgs | Mapping[str, Any]] | None = None
    """Kuma field ``rateLimitedBackOff``."""

    retry_on: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None
    """Kuma field ``retryOn``."""

    retriable_response_headers: (
        pulumi.Input[Sequence[pulumi.Input[MeshRetryHeaderMatchArgs | Mapping[str, Any]]]] | None
    ) = None
    """Kuma field ``retriableResponseHeaders``."""

    retriable_request_headers: (
        pulumi.Input[Sequence[pulumi.Input[MeshRetryHeaderMatchArgs | Mapping[str, Any]]]] | None
    ) = None
    """Kuma field ``retriableRequestHeaders``."""

    host_selection: (
        pulumi.Input[Sequence[pulumi.Input[MeshRetryHostPredicateArgs | Mapping[str, Any]]]] | None
    ) = None
    """Kuma field ``hostSelection``."""

    host_selection_max_attempts: pulumi.Input[int] | None = None
    """Kuma field ``hostSelectionMaxAttempts``."""


@dataclass(kw_only=True)
class MeshRetryGrpcArgs(KumaArgs):
    """gRPC retries: how often, on which status codes and with what back-off."""

    _wire_names: ClassVar[dict[str, str]] = {
        "num_retries": "numRetries",
        "per_try_timeout": "perTryTimeout",
        "back_off": "backOff",
        "rate_limited_back_off": "rateLimitedBackOff",
        "retry_on": "retryOn",
    }

    num_retries: pulumi.Input[int] | None = None
    """Kuma field ``numRetries``."""

    per_try_timeout: pulumi.Input[str] | None = None
    """Kuma field ``perTryTimeout``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""

    back_off: pulumi.Input[MeshRetryBackOffArgs | Mapping[str, Any]] | None = None
    """Kuma field ``backOff``."""

    rate_limited_back_off: pulumi.Input[MeshRetryRateLimitedBackOffArgs | Mapping[str, Any]] | None = None
    """Kuma field ``rateLimitedBackOff``."""

    retry_on: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None
    """Kuma field ``retryOn``. One of: ``Canceled``, ``DeadlineExceeded``, ``Internal``, ``ResourceExhausted``, ``Unavailable``.
    """


@dataclass(kw_only=True)
class MeshRetryConfArgs(KumaArgs):
    """Retry settings per protocol for a group of destinations."""

    _wire_names: ClassVar[dict[str, str]] = {"tcp": "tcp", "http": "http", "grpc": "grpc"}

    tcp: pulumi.Input[MeshRetryTcpArgs | Mapping[str, Any]] | None = None
    """Kuma field ``tcp``."""

    http: pulumi.Input[MeshRetryHttpArgs | Mapping[str, Any]] | None = None
    """Kuma field ``http``."""

    grpc: pulumi.Input[MeshRetryGrpcArgs | Mapping[str, Any]] | None = None
    """Kuma field ``grpc``."""


@dataclass(kw_only=True)
class MeshRetryToArgs(KumaArgs):
    """One outbound entry: the destinations (``targetRef``) and the conf applied to them."""

    _wire_names: ClassVar[dict[str, str]] = {"target_ref": "targetRef", "default": "default"}

    target_ref: pulumi.Input[OutboundTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``. Required."""

    default: pulumi.Input[MeshRetryConfArgs | Mapping[str, Any]] | None = None
    """Kuma field ``default``."""


@dataclass(kw_only=True)
class MeshRetrySpecArgs(KumaArgs):
    """The MeshRetry spec: which proxies (``targetRef``) retry to which destinations (``to``)."""

    _wire_names: ClassVar[dict[str, str]] = {"target_ref": "targetRef", "to": "to"}

    target_ref: pulumi.Input[TopLevelTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``."""

    to: pulumi.Input[Sequence[pulumi.Input[MeshRetryToArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``to``."""


@dataclass(kw_only=True)
class TcpRuleConfArgs(KumaArgs):
    """The weighted backends that receive the connections."""

    _wire_names: ClassVar[dict[str, str]] = {"backend_refs": "backendRefs"}

    backend_refs: pulumi.Input[Sequence[pulumi.Input[BackendRefArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``backendRefs``."""


@dataclass(kw_only=True)
class TcpRouteRuleArgs(KumaArgs):
    """The routing rule of one destination."""

    _wire_names: ClassVar[dict[str, str]] = {"default": "default"}

    default: pulumi.Input[TcpRuleConfArgs | Mapping[str, Any]] | None = None
    """Kuma field ``default``. Required."""


@dataclass(kw_only=True)
class TcpRouteToArgs(KumaArgs):
    """The routing for connections to one destination."""

    _wire_names: ClassVar[dict[str, str]] = {"target_ref": "targetRef", "rules": "rules"}

    target_ref: pulumi.Input[OutboundTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``. Required."""

    rules: pulumi.Input[Sequence[pulumi.Input[TcpRouteRuleArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``rules``. Required."""


@dataclass(kw_only=True)
class MeshTCPRouteSpecArgs(KumaArgs):
    """The MeshTCPRoute spec: which proxies route (``targetRef``) and the backends per destination (``to``)."""

    _wire_names: ClassVar[dict[str, str]] = {"target_ref": "targetRef", "to": "to"}

    target_ref: pulumi.Input[TopLevelTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``."""

    to: pulumi.Input[Sequence[pulumi.Input[TcpRouteToArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``to``. At least 1 item(s)."""


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
class MeshTLSTlsVersionArgs(KumaArgs):
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

    tls_version: pulumi.Input[MeshTLSTlsVersionArgs | Mapping[str, Any]] | None = None
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
    """A service in one zone: the Dataplanes selected by labels (or one by name) and the ports they serve. Usually generated from Dataplanes; policies and outbounds target it by labels and a port by `sectionName`.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshservices/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshService(
            "example",
            mesh="default",
            spec={
                "selector": {
                    "dataplaneLabels": {
                        "matchLabels": {
                            "app": "redis",
                        },
                    },
                },
                "ports": [
                    {
                        "name": "tcp",
                        "port": 6379,
                        "targetPort": 6379,
                        "appProtocol": "tcp",
                    },
                ],
            },
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
    """A service outside the mesh that workloads reach through their proxies: its endpoints, the port and protocol of its generated hostname, and optional TLS origination (server verification, client certificate).

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshexternalservices/{name}``.

    Secure data sources (``spec.tls.verification.caCert``, ``spec.tls.verification.clientCert``, ``spec.tls.verification.clientKey``) may carry a value inline (``InsecureInline``, such as a private key): a spec that does is stored as a Pulumi secret (inputs and outputs) and previews show ``[secret]``; one that only references Secrets, files or environment variables stays readable.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshExternalService(
            "example",
            mesh="default",
            spec={
                "match": {
                    "type": "HostnameGenerator",
                    "port": 443,
                    "protocol": "http",
                },
                "endpoints": [
                    {
                        "address": "httpbin.org",
                        "port": 443,
                    },
                ],
                "tls": {
                    "enabled": True,
                    "verification": {
                        "serverName": "httpbin.org",
                    },
                },
            },
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
    """One destination spanning zones: the MeshServices selected by labels in every zone, load-balanced together behind the listed ports. Created on the global control plane.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshmultizoneservices/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshMultiZoneService(
            "example",
            mesh="default",
            spec={
                "selector": {
                    "meshService": {
                        "matchLabels": {
                            "kuma.io/display-name": "redis",
                        },
                    },
                },
                "ports": [
                    {
                        "port": 6379,
                        "appProtocol": "tcp",
                    },
                ],
            },
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
    """Gives the selected Dataplanes a SPIFFE identity (built from Go templates such as `spiffe://{{ .Mesh }}.{{ .Zone }}.mesh.local/workload/{{ .Workload }}`) and names who issues their certificates: the control plane's own CA (Bundled), SPIRE, or an extension. This is what turns on mTLS between proxies.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshidentities/{name}``.

    Secure data sources (``spec.provider.bundled.ca.certificate``, ``spec.provider.bundled.ca.privateKey``) may carry a value inline (``InsecureInline``, such as a private key): a spec that does is stored as a Pulumi secret (inputs and outputs) and previews show ``[secret]``; one that only references Secrets, files or environment variables stays readable.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshIdentity(
            "example",
            mesh="default",
            spec={
                "selector": {
                    "dataplane": {
                        "matchLabels": {},
                    },
                },
                "spiffeID": {
                    "trustDomain": "{{ .Mesh }}.{{ .Zone }}.mesh.local",
                    "path": "/workload/{{ .Workload }}",
                },
                "provider": {
                    "type": "Bundled",
                    "bundled": {
                        "meshTrustCreation": "Enabled",
                        "insecureAllowSelfSigned": True,
                        "autogenerate": {
                            "enabled": True,
                        },
                    },
                },
            },
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
    """CA certificates the mesh trusts for one SPIFFE trust domain: proxies accept peers whose certificates chain to them. Bundled MeshIdentities create one automatically.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshtrusts/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshTrust(
            "example",
            mesh="default",
            spec={
                "trustDomain": "default.zone-1.mesh.local",
                "caBundles": [
                    {
                        "type": "Pem",
                        "pem": {
                            "value": "-----BEGIN CERTIFICATE-----
        MIIBnjCCAUOgAwIBAgIBATAKBggqhkjOPQQDAjA2MRAwDgYDVQQKDAdFeGFtcGxl
        MSIwIAYDVQQDDBlkZWZhdWx0LnpvbmUtMS5tZXNoLmxvY2FsMB4XDTI1MDEwMTAw
        MDAwMFoXDTM0MTIzMDAwMDAwMFowNjEQMA4GA1UECgwHRXhhbXBsZTEiMCAGA1UE
        AwwZZGVmYXVsdC56b25lLTEubWVzaC5sb2NhbDBZMBMGByqGSM49AgEGCCqGSM49
        AwEHA0IABH9uhzDq53voZZCmOb++mtjkxAvl/w1oEzgKkZ+7RgjR8GYyPs8FkECy
        ZFXPFIkq4LSZW5GqYNon4KETOfM19XOjQjBAMA8GA1UdEwEB/wQFMAMBAf8wLQYD
        VR0RBCYwJIYic3BpZmZlOi8vZGVmYXVsdC56b25lLTEubWVzaC5sb2NhbDAKBggq
        hkjOPQQDAgNJADBGAiEApYaQCkclglPkwuy7Lb7ioCrn7MN4Vi3QV0WYMiWvQ1QC
        IQDB8n4yBXi8Crpg8azglxIgsig3v/qnNikCdmMr0nyo7w==
        -----END CERTIFICATE-----
        ",
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
    """An OpenTelemetry collector (address, port, gRPC or HTTP) that MeshTrace, MeshMetric and MeshAccessLog export to by referring to it with `backendRef`.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshopentelemetrybackends/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshOpenTelemetryBackend(
            "example",
            mesh="default",
            spec={
                "endpoint": {
                    "address": "otel-collector.observability",
                    "port": 4317,
                },
                "protocol": "grpc",
            },
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
    """Generates DNS names for the selected MeshServices, MeshExternalServices or MeshMultiZoneServices from a Go template (`{{ .DisplayName }}`, `{{ .Zone }}`, `{{ label "app" }}`, ...), so that workloads can reach them by name.

    Global: REST path ``/hostnamegenerators/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.HostnameGenerator(
            "example",
            spec={
                "selector": {
                    "meshService": {
                        "matchLabels": {
                            "kuma.io/origin": "zone",
                        },
                    },
                },
                "template": "{{ .DisplayName }}.svc.mesh.local",
            },
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


class MeshZoneAddress(KumaResource, module="kuma", name="MeshZoneAddress"):
    """The public address and port at which a zone's ingress for this mesh is reachable from other zones.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshzoneaddresses/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshZoneAddress(
            "example",
            mesh="default",
            spec={
                "address": "ingress.zone-east.example.com",
                "port": 10001,
            },
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshZoneAddress"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshZoneAddressSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshZoneAddress.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshZoneAddressSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
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


class Workload(KumaResource, module="kuma", name="Workload"):
    """A logical group of data plane proxies: the Dataplanes labelled `kuma.io/workload` with its name. Its status counts their proxies (total, connected, healthy); metrics, traces and identities group proxies by it.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/workloads/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.Workload(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "Workload"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[WorkloadSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a Workload.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``WorkloadSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
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
    """Writes an access log of the traffic proxies handle to a file, a TCP collector or an OpenTelemetry backend: outbound per destination (`to`) or inbound per listener (`rules`).

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshaccesslogs/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshAccessLog(
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
                            "backends": [
                                {
                                    "type": "File",
                                    "file": {
                                        "path": "/var/log/kuma/backend-access.log",
                                        "format": {
                                            "type": "Json",
                                            "json": [
                                                {
                                                    "key": "start_time",
                                                    "value": "%START_TIME%",
                                                },
                                                {
                                                    "key": "source",
                                                    "value": "%KUMA_SOURCE_SERVICE%",
                                                },
                                                {
                                                    "key": "status",
                                                    "value": "%RESPONSE_CODE%",
                                                },
                                            ],
                                        },
                                    },
                                },
                                {
                                    "type": "Tcp",
                                    "tcp": {
                                        "address": "log-collector.internal:5000",
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
    """Limits connections and pending requests and ejects failing hosts (outlier detection), so that one bad instance or a traffic spike does not take a whole service down.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshcircuitbreakers/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshCircuitBreaker(
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
                            "connectionLimits": {
                                "maxConnections": 1024,
                                "maxPendingRequests": 128,
                                "maxRequests": 1024,
                            },
                            "outlierDetection": {
                                "interval": "10s",
                                "baseEjectionTime": "30s",
                                "maxEjectionPercent": 20,
                                "detectors": {
                                    "totalFailures": {
                                        "consecutive": 5,
                                    },
                                    "gatewayFailures": {
                                        "consecutive": 3,
                                    },
                                },
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
    """Injects HTTP faults (aborts with a status code, delays, response bandwidth limits) into a share of incoming requests, to test how clients cope with a failing service.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshfaultinjections/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshFaultInjection(
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
                            "http": [
                                {
                                    "abort": {
                                        "httpStatus": 503,
                                        "percentage": "2.5",
                                    },
                                },
                                {
                                    "delay": {
                                        "value": "2s",
                                        "percentage": 10,
                                    },
                                },
                                {
                                    "responseBandwidth": {
                                        "limit": "100kbps",
                                        "percentage": 5,
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
    """Makes proxies actively probe their destinations over HTTP, TCP or gRPC and stop sending traffic to hosts that fail the checks.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshhealthchecks/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshHealthCheck(
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
                            "interval": "10s",
                            "timeout": "2s",
                            "unhealthyThreshold": 3,
                            "healthyThreshold": 1,
                            "http": {
                                "path": "/healthz",
                                "expectedStatuses": [
                                    200,
                                    204,
                                ],
                                "requestHeadersToAdd": {
                                    "set": [
                                        {
                                            "name": "x-health-check",
                                            "value": "kuma",
                                        },
                                    ],
                                },
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
    """Routes HTTP requests to a destination by path, method, headers and query parameters: weighted backends for canaries and splits, header changes, redirects, rewrites and mirroring.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshhttproutes/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshHTTPRoute(
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
                        "rules": [
                            {
                                "matches": [
                                    {
                                        "path": {
                                            "type": "PathPrefix",
                                            "value": "/v2",
                                        },
                                    },
                                ],
                                "default": {
                                    "backendRefs": [
                                        {
                                            "kind": "MeshService",
                                            "labels": {
                                                "kuma.io/display-name": "backend-v2",
                                            },
                                            "weight": 90,
                                        },
                                        {
                                            "kind": "MeshService",
                                            "labels": {
                                                "kuma.io/display-name": "backend",
                                            },
                                            "weight": 10,
                                        },
                                    ],
                                },
                            },
                        ],
                    },
                ],
            },
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
    """Chooses how proxies spread requests over a destination's endpoints: the algorithm, the request hash for sticky sessions, and zone-local routing with cross-zone failover.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshloadbalancingstrategies/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshLoadBalancingStrategy(
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
                                "kuma.io/display-name": "cart",
                            },
                        },
                        "default": {
                            "loadBalancer": {
                                "type": "RingHash",
                                "ringHash": {
                                    "hashFunction": "XXHash",
                                    "minRingSize": 1024,
                                },
                            },
                            "hashPolicies": [
                                {
                                    "type": "Cookie",
                                    "cookie": {
                                        "name": "session",
                                        "ttl": "1h",
                                        "path": "/",
                                    },
                                },
                                {
                                    "type": "Connection",
                                    "connection": {
                                        "sourceIP": True,
                                    },
                                    "terminal": True,
                                },
                            ],
                            "localityAwareness": {
                                "localZone": {
                                    "affinityTags": [
                                        {
                                            "key": "k8s.io/node",
                                        },
                                        {
                                            "key": "topology.kubernetes.io/zone",
                                        },
                                    ],
                                },
                            },
                        },
                    },
                    {
                        "targetRef": {
                            "kind": "MeshMultiZoneService",
                            "labels": {
                                "kuma.io/display-name": "payments",
                            },
                        },
                        "default": {
                            "localityAwareness": {
                                "crossZone": {
                                    "failover": [
                                        {
                                            "from": {
                                                "zones": [
                                                    "eu-west",
                                                ],
                                            },
                                            "to": {
                                                "type": "Only",
                                                "zones": [
                                                    "eu-central",
                                                ],
                                            },
                                        },
                                        {
                                            "to": {
                                                "type": "Any",
                                            },
                                        },
                                    ],
                                    "failoverThreshold": {
                                        "percentage": 70,
                                    },
                                },
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
    """Adds, removes or patches Envoy clusters, listeners, network and HTTP filters and virtual hosts in the config Kuma generates, for what no other policy covers.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshproxypatches/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshProxyPatch(
            "example",
            mesh="default",
            spec={
                "targetRef": {
                    "kind": "Dataplane",
                    "labels": {
                        "app": "backend",
                    },
                },
                "default": {
                    "appendModifications": [
                        {
                            "cluster": {
                                "operation": "Patch",
                                "match": {
                                    "origin": "outbound",
                                },
                                "jsonPatches": [
                                    {
                                        "op": "replace",
                                        "path": "/connectTimeout",
                                        "value": "2s",
                                    },
                                ],
                            },
                        },
                        {
                            "httpFilter": {
                                "operation": "AddBefore",
                                "match": {
                                    "name": "envoy.filters.http.router",
                                    "origin": "inbound",
                                },
                                "value": "name: envoy.filters.http.buffer
        typedConfig:
          '@type': type.googleapis.com/envoy.extensions.filters.http.buffer.v3.Buffer
          maxRequestBytes: 1048576
        ",
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
    """Caps the rate of HTTP requests and TCP connections each proxy accepts, answering excess requests with a configurable status and headers.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshratelimits/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshRateLimit(
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
                            "local": {
                                "http": {
                                    "requestRate": {
                                        "num": 100,
                                        "interval": "1s",
                                    },
                                    "onRateLimit": {
                                        "status": 429,
                                        "headers": {
                                            "set": [
                                                {
                                                    "name": "x-rate-limited",
                                                    "value": "true",
                                                },
                                            ],
                                        },
                                    },
                                },
                                "tcp": {
                                    "connectionRate": {
                                        "num": 50,
                                        "interval": "1s",
                                    },
                                },
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
    """Retries failed TCP connections, HTTP requests and gRPC calls to a destination, with back-off, per-try timeouts and host selection so that transient failures stay invisible.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshretries/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshRetry(
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
                            "tcp": {
                                "maxConnectAttempt": 3,
                            },
                            "http": {
                                "numRetries": 3,
                                "perTryTimeout": "2s",
                                "backOff": {
                                    "baseInterval": "25ms",
                                    "maxInterval": "250ms",
                                },
                                "retryOn": [
                                    "5xx",
                                    "Reset",
                                    "ConnectFailure",
                                    "503",
                                ],
                                "hostSelection": [
                                    {
                                        "predicate": "OmitPreviousHosts",
                                    },
                                ],
                            },
                            "grpc": {
                                "numRetries": 3,
                                "retryOn": [
                                    "Unavailable",
                                    "DeadlineExceeded",
                                ],
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
    """Routes TCP connections to a destination across weighted backends: canary, blue-green and gradual migrations for services that do not speak HTTP.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshtcproutes/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshTCPRoute(
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
                                "kuma.io/display-name": "postgres",
                            },
                        },
                        "rules": [
                            {
                                "default": {
                                    "backendRefs": [
                                        {
                                            "kind": "MeshService",
                                            "labels": {
                                                "kuma.io/display-name": "postgres-v2",
                                            },
                                            "weight": 20,
                                        },
                                        {
                                            "kind": "MeshService",
                                            "labels": {
                                                "kuma.io/display-name": "postgres",
                                            },
                                            "weight": 80,
                                        },
                                    ],
                                },
                            },
                        ],
                    },
                ],
            },
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
    "AutogenerateArgs",
    "BackendRefArgs",
    "BackendResourceRefArgs",
    "BundledCAArgs",
    "BundledProviderArgs",
    "CABundleArgs",
    "CertificateParametersArgs",
    "ClusterMatchArgs",
    "ClusterModArgs",
    "DataSourceEnvVarArgs",
    "DataSourceFileArgs",
    "DataSourceInlineArgs",
    "Dataplane",
    "DataplaneRefArgs",
    "DataplaneSpecArgs",
    "EnvoyAdminArgs",
    "ExtensionProviderArgs",
    "GatewayArgs",
    "GlobalSecret",
    "GlobalSecretSpecArgs",
    "HeaderKeyValueArgs",
    "HeaderMatchArgs",
    "HeaderModifierArgs",
    "HostnameGenerator",
    "HostnameGeneratorExtensionArgs",
    "HostnameGeneratorSelectorArgs",
    "HostnameGeneratorSpecArgs",
    "HttpFilterArgs",
    "HttpFilterMatchArgs",
    "HttpFilterModArgs",
    "HttpHeaderKeyValueArgs",
    "HttpRouteMatchArgs",
    "HttpRouteRuleArgs",
    "HttpRouteToArgs",
    "IdentityProviderArgs",
    "InboundArgs",
    "InboundHealthArgs",
    "JsonPatchBlockArgs",
    "LabelSelectorArgs",
    "ListenerArgs",
    "ListenerMatchArgs",
    "ListenerModArgs",
    "MatchArgs",
    "Mesh",
    "MeshAccessLog",
    "MeshAccessLogBackendArgs",
    "MeshAccessLogConfArgs",
    "MeshAccessLogFileBackendArgs",
    "MeshAccessLogFormatArgs",
    "MeshAccessLogJsonFieldArgs",
    "MeshAccessLogOtelAttributeArgs",
    "MeshAccessLogOtelBackendArgs",
    "MeshAccessLogRuleArgs",
    "MeshAccessLogSpecArgs",
    "MeshAccessLogTcpBackendArgs",
    "MeshAccessLogToArgs",
    "MeshCircuitBreaker",
    "MeshCircuitBreakerConfArgs",
    "MeshCircuitBreakerConnectionLimitsArgs",
    "MeshCircuitBreakerConsecutiveFailuresArgs",
    "MeshCircuitBreakerDetectorsArgs",
    "MeshCircuitBreakerFailurePercentageArgs",
    "MeshCircuitBreakerOutlierDetectionArgs",
    "MeshCircuitBreakerRuleArgs",
    "MeshCircuitBreakerSpecArgs",
    "MeshCircuitBreakerSuccessRateArgs",
    "MeshCircuitBreakerToArgs",
    "MeshExternalService",
    "MeshExternalServiceEndpointArgs",
    "MeshExternalServiceExtensionArgs",
    "MeshExternalServiceMatchArgs",
    "MeshExternalServiceSpecArgs",
    "MeshExternalServiceTlsArgs",
    "MeshFaultInjection",
    "MeshFaultInjectionAbortArgs",
    "MeshFaultInjectionConfArgs",
    "MeshFaultInjectionDelayArgs",
    "MeshFaultInjectionHttpFaultArgs",
    "MeshFaultInjectionResponseBandwidthArgs",
    "MeshFaultInjectionRuleArgs",
    "MeshFaultInjectionSpecArgs",
    "MeshFaultInjectionToArgs",
    "MeshHTTPRoute",
    "MeshHTTPRouteSpecArgs",
    "MeshHealthCheck",
    "MeshHealthCheckConfArgs",
    "MeshHealthCheckGrpcArgs",
    "MeshHealthCheckHeaderModifierArgs",
    "MeshHealthCheckHttpArgs",
    "MeshHealthCheckSpecArgs",
    "MeshHealthCheckTcpArgs",
    "MeshHealthCheckToArgs",
    "MeshIdentity",
    "MeshIdentitySelectorArgs",
    "MeshIdentitySpecArgs",
    "MeshLoadBalancingStrategy",
    "MeshLoadBalancingStrategyAffinityTagArgs",
    "MeshLoadBalancingStrategyConfArgs",
    "MeshLoadBalancingStrategyConnectionArgs",
    "MeshLoadBalancingStrategyCookieArgs",
    "MeshLoadBalancingStrategyCrossZoneArgs",
    "MeshLoadBalancingStrategyFailoverArgs",
    "MeshLoadBalancingStrategyFailoverThresholdArgs",
    "MeshLoadBalancingStrategyFilterStateArgs",
    "MeshLoadBalancingStrategyFromZoneArgs",
    "MeshLoadBalancingStrategyHashPolicyArgs",
    "MeshLoadBalancingStrategyHeaderArgs",
    "MeshLoadBalancingStrategyLeastRequestArgs",
    "MeshLoadBalancingStrategyLoadBalancerArgs",
    "MeshLoadBalancingStrategyLocalZoneArgs",
    "MeshLoadBalancingStrategyLocalityAwarenessArgs",
    "MeshLoadBalancingStrategyMaglevArgs",
    "MeshLoadBalancingStrategyQueryParameterArgs",
    "MeshLoadBalancingStrategyRandomArgs",
    "MeshLoadBalancingStrategyRingHashArgs",
    "MeshLoadBalancingStrategyRoundRobinArgs",
    "MeshLoadBalancingStrategySpecArgs",
    "MeshLoadBalancingStrategyToArgs",
    "MeshLoadBalancingStrategyToZoneArgs",
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
    "MeshMultiZoneServicePortArgs",
    "MeshMultiZoneServiceSelectorArgs",
    "MeshMultiZoneServiceSpecArgs",
    "MeshOpenTelemetryBackend",
    "MeshOpenTelemetryBackendSpecArgs",
    "MeshPassthrough",
    "MeshPassthroughConfArgs",
    "MeshPassthroughMatchArgs",
    "MeshPassthroughSpecArgs",
    "MeshProxyPatch",
    "MeshProxyPatchConfArgs",
    "MeshProxyPatchSpecArgs",
    "MeshRateLimit",
    "MeshRateLimitConfArgs",
    "MeshRateLimitHeaderModifierArgs",
    "MeshRateLimitLocalArgs",
    "MeshRateLimitLocalHttpArgs",
    "MeshRateLimitLocalTcpArgs",
    "MeshRateLimitOnRateLimitArgs",
    "MeshRateLimitRateArgs",
    "MeshRateLimitRuleArgs",
    "MeshRateLimitSpecArgs",
    "MeshRateLimitToArgs",
    "MeshRetry",
    "MeshRetryBackOffArgs",
    "MeshRetryConfArgs",
    "MeshRetryGrpcArgs",
    "MeshRetryHeaderMatchArgs",
    "MeshRetryHostPredicateArgs",
    "MeshRetryHttpArgs",
    "MeshRetryRateLimitedBackOffArgs",
    "MeshRetryResetHeaderArgs",
    "MeshRetrySpecArgs",
    "MeshRetryTcpArgs",
    "MeshRetryToArgs",
    "MeshService",
    "MeshServiceIdentityArgs",
    "MeshServicePortArgs",
    "MeshServiceSelectorArgs",
    "MeshServiceSpecArgs",
    "MeshSpecArgs",
    "MeshTCPRoute",
    "MeshTCPRouteSpecArgs",
    "MeshTLS",
    "MeshTLSConfArgs",
    "MeshTLSRuleArgs",
    "MeshTLSSpecArgs",
    "MeshTLSTlsVersionArgs",
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
    "MeshZoneAddress",
    "MeshZoneAddressSpecArgs",
    "ModificationArgs",
    "NetworkFilterMatchArgs",
    "NetworkFilterModArgs",
    "NetworkingArgs",
    "OtelEndpointArgs",
    "OtelEnvPolicyArgs",
    "OutboundArgs",
    "OutboundBackendRefArgs",
    "OutboundTargetRefArgs",
    "PathMatchArgs",
    "PathRewriteArgs",
    "PemBundleArgs",
    "QueryParamsMatchArgs",
    "ReachableBackendRefArgs",
    "ReachableBackendsArgs",
    "RequestMirrorArgs",
    "RequestRedirectArgs",
    "RuleConfArgs",
    "SanMatchArgs",
    "Secret",
    "SecretRefArgs",
    "SecretSpecArgs",
    "SecureDataSourceArgs",
    "ServiceProbeArgs",
    "ServiceProbeTcpArgs",
    "SniMatchArgs",
    "SpiffeIdMatchArgs",
    "SpiffeIdTemplateArgs",
    "SpireAgentArgs",
    "SpireProviderArgs",
    "TcpRouteRuleArgs",
    "TcpRouteToArgs",
    "TcpRuleConfArgs",
    "TlsVerificationArgs",
    "TlsVersionArgs",
    "TopLevelTargetRefArgs",
    "TransparentProxyingArgs",
    "UrlRewriteArgs",
    "VirtualHostMatchArgs",
    "VirtualHostModArgs",
    "Workload",
    "WorkloadSpecArgs",
]
