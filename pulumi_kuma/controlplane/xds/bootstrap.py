"""Envoy's bootstrap for a data plane proxy, with Kuma's fields (``pkg/xds/bootstrap/template_v3.go``).

Pure functions: :func:`build_bootstrap` turns :class:`BootstrapParams` into the bootstrap as
proto3 JSON (camelCase, the shape of Kuma's golden file); :func:`bootstrap_for_request` derives
the parameters from a ``POST /bootstrap`` request and the proxy's Dataplane.

What Envoy gets: ``node.id`` ``<mesh>.<name>``, ``node.cluster`` the workload, node metadata
(``dataplane.resource``, ``dataplane.admin.port``, versions, ...), the admin API on
``127.0.0.1:<admin port>``, aggregated **delta** xDS over the static ``system_ads`` cluster (HTTP/2,
TCP keepalive, TLS when a CA is given), the dataplane token as ``authorization`` initial metadata,
and ``initialFetchTimeout: 0s`` on CDS and LDS so Envoy waits for the control plane for ever.
"""

from __future__ import annotations

import base64
import ipaddress
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml
from google.protobuf import json_format

from pulumi_kuma.controlplane.xds.node import (
    METADATA_ADMIN_ADDRESS,
    METADATA_ADMIN_PORT,
    METADATA_DATAPLANE_RESOURCE,
    METADATA_PROXY_TYPE,
    METADATA_VERSION,
    ProxyId,
)
from pulumi_kuma.controlplane.xds.resource_types import ensure_message_types, message_class
from pulumi_kuma.dataplane.protocol import BootstrapRequest, KumaSidecarConfiguration, NetworkingConfiguration

ADS_CLUSTER = "system_ads"
ACCESS_LOG_SINK_CLUSTER = "system_access_log_sink"
CP_VALIDATION_CONTEXT = "cp_validation_ctx"
DEFAULT_ADMIN_PORT = 9901
DEFAULT_ADMIN_ADDRESS = "127.0.0.1"
WORKLOAD_LABEL = "kuma.io/workload"
SERVICE_UNKNOWN = "unknown"
BOOTSTRAP_TYPE = "type.googleapis.com/envoy.config.bootstrap.v3.Bootstrap"

_HTTP_PROTOCOL_OPTIONS = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions"
_UNIX_SOCKET_MAX = 98  # Kuma trims socket paths to fit the 104-byte sun_path limit


@dataclass(frozen=True, slots=True)
class BootstrapParams:
    """Everything that varies between two proxies' bootstraps."""

    proxy_id: ProxyId
    xds_host: str
    xds_port: int
    admin_port: int = DEFAULT_ADMIN_PORT
    admin_address: str = DEFAULT_ADMIN_ADDRESS
    service: str = SERVICE_UNKNOWN
    proxy_type: str = "dataplane"
    token: str = ""
    """The dataplane token; sent as ``authorization`` gRPC metadata on the ADS stream."""
    dataplane_resource: str = ""
    """The Dataplane as a JSON string, for node metadata ``dataplane.resource``."""
    version: Mapping[str, Any] = field(default_factory=dict)
    features: Sequence[str] = ()
    workdir: str = ""
    metrics_cert_path: str = ""
    metrics_key_path: str = ""
    system_ca_path: str = ""
    ipv6_enabled: bool = False
    spire_socket_path: str = ""
    dns_port: int = 0
    readiness_port: int = 0
    app_probe_proxy_enabled: bool = False
    dynamic_metadata: Mapping[str, str] = field(default_factory=dict)
    ca_cert_pem: str = ""
    """PEM of the CA that signed the xDS server certificate; empty means plaintext xDS."""
    xds_connect_timeout: str = "1s"
    hds: bool = False


def _socket_path(workdir: str, stem: str) -> str:
    path = os.path.join(workdir or "/tmp", stem)
    return path[:_UNIX_SOCKET_MAX] + ".sock"


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _http2_options() -> dict[str, Any]:
    return {
        _HTTP_PROTOCOL_OPTIONS: {
            "@type": f"type.googleapis.com/{_HTTP_PROTOCOL_OPTIONS}",
            "explicitHttpConfig": {"http2ProtocolOptions": {}},
        }
    }


def _keepalive() -> dict[str, Any]:
    return {"tcpKeepalive": {"keepaliveProbes": 3, "keepaliveTime": 10, "keepaliveInterval": 10}}


def _grpc_service(params: BootstrapParams) -> dict[str, Any]:
    service: dict[str, Any] = {"envoyGrpc": {"clusterName": ADS_CLUSTER}}
    if params.token:
        service["initialMetadata"] = [{"key": "authorization", "value": params.token}]
    return service


def _ads_cluster(params: BootstrapParams) -> dict[str, Any]:
    cluster: dict[str, Any] = {
        "name": ADS_CLUSTER,
        "connectTimeout": params.xds_connect_timeout,
        "type": "STATIC" if _is_ip(params.xds_host) else "STRICT_DNS",
        "loadAssignment": {
            "clusterName": ADS_CLUSTER,
            "endpoints": [
                {
                    "lbEndpoints": [
                        {
                            "endpoint": {
                                "address": {
                                    "socketAddress": {
                                        "address": params.xds_host,
                                        "portValue": params.xds_port,
                                    }
                                }
                            }
                        }
                    ]
                }
            ],
        },
        "typedExtensionProtocolOptions": _http2_options(),
        "upstreamConnectionOptions": _keepalive(),
    }
    if not _is_ip(params.xds_host):
        # Envoy's AUTO family tries IPv6 first; "localhost" would then miss a server on 127.0.0.1.
        cluster["dnsLookupFamily"] = "V4_PREFERRED"
    if params.ca_cert_pem:
        cluster["transportSocket"] = {
            "name": "envoy.transport_sockets.tls",
            "typedConfig": {
                "@type": "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext",
                "sni": params.xds_host,
                "commonTlsContext": {
                    "tlsParams": {"tlsMinimumProtocolVersion": "TLSv1_2"},
                    "validationContextSdsSecretConfig": {"name": CP_VALIDATION_CONTEXT},
                },
            },
        }
    return cluster


def _access_log_sink(params: BootstrapParams) -> dict[str, Any]:
    path = _socket_path(params.workdir, f"kuma-al-{params.proxy_id.name}-{params.proxy_id.mesh}")
    return {
        "name": ACCESS_LOG_SINK_CLUSTER,
        "connectTimeout": params.xds_connect_timeout,
        "type": "STATIC",
        "loadAssignment": {
            "clusterName": ACCESS_LOG_SINK_CLUSTER,
            "endpoints": [{"lbEndpoints": [{"endpoint": {"address": {"pipe": {"path": path}}}}]}],
        },
        "typedExtensionProtocolOptions": _http2_options(),
        "upstreamConnectionOptions": _keepalive(),
    }


def _node_metadata(params: BootstrapParams) -> dict[str, Any]:
    metadata: dict[str, Any] = {
        METADATA_VERSION: dict(params.version),
        "features": list(params.features),
        "workdir": params.workdir,
        "metricsCertPath": params.metrics_cert_path,
        "metricsKeyPath": params.metrics_key_path,
        "systemCaPath": params.system_ca_path,
        "ipv6Enabled": params.ipv6_enabled,
        "spireAgent.socketPath": params.spire_socket_path,
    }
    if params.dataplane_resource:
        metadata[METADATA_DATAPLANE_RESOURCE] = params.dataplane_resource
    if params.admin_port:
        metadata[METADATA_ADMIN_PORT] = str(params.admin_port)
        metadata[METADATA_ADMIN_ADDRESS] = params.admin_address
    if params.dns_port:
        metadata["dataplane.dns.port"] = str(params.dns_port)
    if params.readiness_port:
        metadata["dataplane.readinessReporter.port"] = str(params.readiness_port)
    if params.app_probe_proxy_enabled:
        metadata["dataplane.appProbeProxy.enabled"] = "true"
    if params.proxy_type:
        metadata[METADATA_PROXY_TYPE] = params.proxy_type
    if params.dynamic_metadata:
        metadata["dynamicMetadata"] = dict(params.dynamic_metadata)
    return metadata


def build_bootstrap(params: BootstrapParams) -> dict[str, Any]:
    """Envoy's bootstrap for one proxy as proto3 JSON (``envoy.config.bootstrap.v3.Bootstrap``)."""
    ads_config_source = {"ads": {}, "resourceApiVersion": "V3", "initialFetchTimeout": "0s"}
    ads: dict[str, Any] = {
        "apiType": "DELTA_GRPC",
        "transportApiVersion": "V3",
        "setNodeOnFirstMessageOnly": True,
        "grpcServices": [_grpc_service(params)],
    }
    bootstrap: dict[str, Any] = {
        "node": {
            "id": str(params.proxy_id),
            "cluster": params.service,
            "metadata": _node_metadata(params),
        },
        "admin": {
            "address": {
                "socketAddress": {
                    "address": params.admin_address,
                    "portValue": params.admin_port,
                    "protocol": "TCP",
                }
            }
        },
        "dynamicResources": {
            "adsConfig": ads,
            "cdsConfig": dict(ads_config_source),
            "ldsConfig": dict(ads_config_source),
        },
        "staticResources": {"clusters": [_access_log_sink(params), _ads_cluster(params)]},
        "layeredRuntime": {
            "layers": [
                {
                    "name": "kuma",
                    "staticLayer": {
                        "re2.max_program_size.error_level": 4294967295,
                        "re2.max_program_size.warn_level": 1000,
                    },
                }
            ]
        },
        "statsConfig": {
            "statsTags": [
                {"tagName": "name", "regex": r"^grpc\.((.+)\.)"},
                {"tagName": "status", "regex": r"^grpc.*streams_closed(_([0-9]+))"},
                {"tagName": "worker", "regex": r"(worker_([0-9]+)\.)"},
                # Kuma's regex is ((.+?)\.)rbac\. ; Envoy runs it (std::regex, unanchored) on every
                # new stat name, and every listener update makes ~100 new names: 10-30 ms of CPU
                # per update. Anchored behind a lookahead it matches the same names with the same
                # groups (a match must start at the name's start) and costs next to nothing.
                {"tagName": "listener", "regex": r"^(?=.*\.rbac\.)((.+?)\.)rbac\."},
            ]
        },
        "defaultRegexEngine": {
            "name": "envoy.regex_engines.google_re2",
            "typedConfig": {"@type": "type.googleapis.com/envoy.extensions.regex_engines.v3.GoogleRE2"},
        },
    }
    if params.hds:
        bootstrap["hdsConfig"] = {
            "apiType": "GRPC",
            "transportApiVersion": "V3",
            "setNodeOnFirstMessageOnly": True,
            "grpcServices": [_grpc_service(params)],
        }
    if params.ca_cert_pem:
        bootstrap["staticResources"]["secrets"] = [
            {
                "name": CP_VALIDATION_CONTEXT,
                "validationContext": {
                    "matchTypedSubjectAltNames": [
                        {"sanType": "DNS", "matcher": {"exact": params.xds_host}},
                        {"sanType": "IP_ADDRESS", "matcher": {"exact": params.xds_host}},
                    ],
                    "trustedCa": {"inlineBytes": base64.b64encode(params.ca_cert_pem.encode()).decode()},
                },
            }
        ]
    return bootstrap


def validate_bootstrap(bootstrap: Mapping[str, Any]) -> None:
    """Parse the bootstrap into Envoy's protobuf; raises ``json_format.ParseError`` if it does not fit."""
    ensure_message_types(bootstrap)
    json_format.ParseDict(dict(bootstrap), message_class(BOOTSTRAP_TYPE)())


def bootstrap_yaml(bootstrap: Mapping[str, Any]) -> str:
    """The bootstrap as YAML, keys sorted (what ``POST /bootstrap`` returns and ``dp run`` writes)."""
    return yaml.safe_dump(dict(bootstrap), sort_keys=True, default_flow_style=False)


def _admin_port(dataplane: Mapping[str, Any], default: int) -> int:
    networking = dataplane.get("networking")
    admin = networking.get("admin") if isinstance(networking, Mapping) else None
    port = admin.get("port") if isinstance(admin, Mapping) else None
    return port if isinstance(port, int) and port > 0 else default


def _service(dataplane: Mapping[str, Any]) -> str:
    labels = dataplane.get("labels")
    workload = labels.get(WORKLOAD_LABEL) if isinstance(labels, Mapping) else None
    return workload if isinstance(workload, str) and workload else SERVICE_UNKNOWN


def dataplane_address(dataplane: Mapping[str, Any]) -> str:
    """``networking.address`` of a universal Dataplane (``""`` if absent)."""
    networking = dataplane.get("networking")
    address = networking.get("address") if isinstance(networking, Mapping) else None
    return address if isinstance(address, str) else ""


def bootstrap_for_request(
    request: BootstrapRequest,
    dataplane: Mapping[str, Any],
    *,
    xds_host: str,
    xds_port: int,
    default_admin_port: int = DEFAULT_ADMIN_PORT,
    ca_cert_pem: str = "",
    hds: bool = False,
) -> tuple[dict[str, Any], KumaSidecarConfiguration]:
    """The bootstrap and sidecar configuration for a ``POST /bootstrap`` request.

    ``ca_cert_pem`` (the CA of a TLS xDS server) turns on TLS to ``system_ads``; empty means the
    xDS server is plaintext. ``dataplane`` is the proxy's Dataplane in universal JSON (from the request or the store); the
    admin port comes from its ``networking.admin.port``, else ``default_admin_port``.
    """
    mesh = dataplane.get("mesh") if isinstance(dataplane.get("mesh"), str) else request.mesh
    name = dataplane.get("name") if isinstance(dataplane.get("name"), str) else request.name
    params = BootstrapParams(
        proxy_id=ProxyId(str(mesh), str(name)),
        xds_host=xds_host,
        xds_port=xds_port,
        admin_port=_admin_port(dataplane, default_admin_port),
        service=_service(dataplane),
        proxy_type=request.proxy_type or "dataplane",
        token=request.dataplane_token,
        dataplane_resource=request.dataplane_resource,
        version=request.version.model_dump(mode="json", by_alias=True),
        features=tuple(request.features),
        workdir=request.workdir,
        metrics_cert_path=request.metrics_resources.cert_path,
        metrics_key_path=request.metrics_resources.key_path,
        system_ca_path=request.system_ca_path,
        ipv6_enabled=request.ipv6_enabled,
        spire_socket_path=request.spire_resources.socket_path,
        dns_port=request.dns_port,
        readiness_port=request.readiness_port,
        app_probe_proxy_enabled=request.app_probe_proxy_enabled,
        dynamic_metadata=request.dynamic_metadata or {},
        # TLS is the server's choice (it has a certificate or not); the agent may name the CA to trust.
        ca_cert_pem=(request.ca_cert or ca_cert_pem) if ca_cert_pem else "",
        hds=hds,
    )
    sidecar = KumaSidecarConfiguration(
        networking=NetworkingConfiguration(address=dataplane_address(dataplane))
    )
    return build_bootstrap(params), sidecar
