"""MeshExternalService: a destination outside the mesh (a database, a SaaS API) reached through the
mesh, with its endpoints, optional TLS origination and a hostname from a HostnameGenerator.

The display name must be an RFC 1035 label. With an ``extension`` the extension owns endpoints and
TLS; the TLS data sources are still checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import Field

from pulumi_kuma.envoy import DESTINATION_PORTS, DestinationPort, parse_protocol
from pulumi_kuma.kinds.meshservice import PortSection
from pulumi_kuma.model.addresses import is_dns_name, is_ip, is_ip_or_dns_name
from pulumi_kuma.model.base import REQUIRED, Default, Doc, JsonValue, KumaModel, Length, OneOf, Range
from pulumi_kuma.model.datasource import SecureDataSource, validate_secure_data_source
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.messages import (
    MUST_BE_DEFINED,
    MUST_NOT_BE_EMPTY,
    PORT_MESSAGE,
    field_must_be_one_of,
    must_be_one_of,
)
from pulumi_kuma.model.path import SPEC, FieldPath
from pulumi_kuma.model.registry import DestinationTraits, KindDescriptor, Scope, ValidationContext
from pulumi_kuma.model.tls import TlsVersion, validate_tls_version
from pulumi_kuma.model.violations import Violations

MATCH_PROTOCOLS = ("tcp", "grpc", "http", "http2")
VERIFICATION_MODES = ("SkipSAN", "SkipCA", "SkipAll", "Secured")
SAN_MATCH_TYPES = ("Prefix", "Exact")


class MeshExternalServiceMatch(KumaModel):
    """The port (and protocol) clients use for the service's generated hostname."""

    type: Annotated[str | None, Default("HostnameGenerator"), OneOf("HostnameGenerator")] = None
    port: Annotated[int, REQUIRED, Range(1, 65535)] = 0
    protocol: Annotated[str | None, Default("tcp"), OneOf(*MATCH_PROTOCOLS)] = None


class MeshExternalServiceExtension(KumaModel):
    """A plugin that handles the service's endpoints and TLS."""

    type: Annotated[str, REQUIRED] = ""
    config: JsonValue | None = None


class MeshExternalServiceEndpoint(KumaModel):
    """One address of the external service."""

    address: Annotated[str, REQUIRED, Length(min_length=1), Doc("IP address or hostname.")] = ""
    port: Annotated[int, REQUIRED, Range(1, 65535)] = 0
    priority: Annotated[
        int | None, Range(0, 128), Doc("Lower values are preferred; higher ones are used on failover.")
    ] = None


class SanMatch(KumaModel):
    """An expected Subject Alternative Name of the server certificate."""

    type: Annotated[str | None, Default("Exact"), OneOf("Exact", "Prefix")] = None
    value: Annotated[str, REQUIRED] = ""


class TlsVerification(KumaModel):
    """How the server certificate is verified, and the client certificate to present."""

    mode: Annotated[str | None, Default("Secured"), OneOf("SkipSAN", "SkipCA", "Secured", "SkipAll")] = None
    server_name: Annotated[str | None, Doc("SNI sent to the server; defaults to the endpoint address.")] = (
        None
    )
    subject_alt_names: list[SanMatch] | None = None
    ca_cert: SecureDataSource | None = None
    client_cert: SecureDataSource | None = None
    client_key: SecureDataSource | None = None


class MeshExternalServiceTls(KumaModel):
    """TLS originated by the proxy towards the external service."""

    enabled: Annotated[bool | None, Default(False)] = None
    version: TlsVersion | None = None
    allow_renegotiation: Annotated[bool | None, Default(False)] = None
    verification: TlsVerification | None = None


class MeshExternalServiceSpec(KumaModel):
    """The MeshExternalService spec."""

    match: Annotated[MeshExternalServiceMatch | None, REQUIRED] = None
    extension: MeshExternalServiceExtension | None = None
    endpoints: list[MeshExternalServiceEndpoint] | None = None
    tls: MeshExternalServiceTls | None = None


class MeshExternalServiceVIP(KumaModel):
    """The virtual IP allocated for the service."""

    ip: str | None = None


class MeshExternalServiceStatus(KumaModel):
    """The status the control plane maintains; ``vip`` is always written."""

    vip: MeshExternalServiceVIP = Field(default_factory=MeshExternalServiceVIP)
    addresses: list[JsonValue] | None = None
    hostname_generators: list[JsonValue] | None = None


def _bad_port(port: int) -> bool:
    # Kuma's check on these int32 ports: zero or above 65535 (the schema rejects negatives).
    return port == 0 or port > 65535


def port_sections(spec: MeshExternalServiceSpec) -> list[PortSection]:
    """The single port of an external service; its section name is the port number as text."""
    match = spec.match or MeshExternalServiceMatch()
    return [PortSection(match.port, str(match.port), match.protocol or "tcp")]


def _validate_match(v: Violations, path: FieldPath, match: MeshExternalServiceMatch) -> None:
    if match.type not in (None, "", "HostnameGenerator"):
        v.add(path.field("type"), f"unrecognized type '{match.type}' - only 'HostnameGenerator' is supported")
    if _bad_port(match.port):
        v.add(path.field("port"), PORT_MESSAGE)
    if match.protocol not in MATCH_PROTOCOLS:
        v.add(path.field("protocol"), field_must_be_one_of("protocol", MATCH_PROTOCOLS))


def _validate_endpoints(v: Violations, path: FieldPath, endpoints: list[MeshExternalServiceEndpoint]) -> None:
    for i, endpoint in enumerate(endpoints):
        item = path.index(i)
        # Kuma checks the port once for an IP and once for a DNS name; an address is never both.
        if is_ip_or_dns_name(endpoint.address):
            if _bad_port(endpoint.port):
                v.add(item.field("port"), PORT_MESSAGE)
        else:
            v.add(item.field("address"), "address has to be a valid IP or hostname")


def _validate_data_source(v: Violations, path: FieldPath, source: SecureDataSource | None) -> None:
    # The control plane must not read its own files or environment on behalf of a resource author.
    if source is None:
        return
    if source.type in ("File", "EnvVar"):
        v.add(path.field("type"), must_be_one_of(source.type, ["Secret", "InsecureInline"]))
        return
    validate_secure_data_source(v, path, source)


def _validate_data_sources(v: Violations, path: FieldPath, verification: TlsVerification) -> None:
    _validate_data_source(v, path.field("caCert"), verification.ca_cert)
    _validate_data_source(v, path.field("clientCert"), verification.client_cert)
    _validate_data_source(v, path.field("clientKey"), verification.client_key)


def _validate_tls(v: Violations, path: FieldPath, tls: MeshExternalServiceTls) -> None:
    validate_tls_version(v, path.field("version"), tls.version)
    verification = tls.verification
    if verification is None:
        return
    vpath = path.field("verification")
    if verification.server_name is not None and not is_dns_name(verification.server_name):
        v.add(vpath.field("serverName"), "must be a valid DNS name")
    if verification.mode not in (None, "", *VERIFICATION_MODES):
        v.add(vpath.field("mode"), field_must_be_one_of("mode", VERIFICATION_MODES))
    for i, san in enumerate(verification.subject_alt_names or []):
        if san.type not in SAN_MATCH_TYPES:
            v.add(
                vpath.field("subjectAltNames").index(i).field("type"),
                field_must_be_one_of("type", SAN_MATCH_TYPES),
            )
    if verification.client_cert is not None and verification.client_key is None:
        v.add(vpath.field("clientKey"), f"{MUST_BE_DEFINED} when clientCert is defined")
    if verification.client_cert is None and verification.client_key is not None:
        v.add(vpath.field("clientCert"), f"{MUST_BE_DEFINED} when clientKey is defined")
    _validate_data_sources(v, vpath, verification)


def validate(spec: MeshExternalServiceSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshExternalService validator (the RFC 1035 name rule is part of the meta checks)."""
    v = Violations()
    _validate_match(v, SPEC.field("match"), spec.match or MeshExternalServiceMatch())
    if spec.extension is None:
        if spec.endpoints is not None:
            _validate_endpoints(v, SPEC.field("endpoints"), spec.endpoints)
        if spec.tls is not None:
            _validate_tls(v, SPEC.field("tls"), spec.tls)
    elif spec.tls is not None and spec.tls.verification is not None:
        _validate_data_sources(v, SPEC.field("tls").field("verification"), spec.tls.verification)
    if spec.extension is not None and not spec.extension.type:
        v.add(SPEC.field("extension").field("type"), MUST_NOT_BE_EMPTY)
    return v.items


def endpoint_is_ip(endpoint: MeshExternalServiceEndpoint) -> bool:
    """Whether an endpoint's address is an IP (else a hostname Envoy resolves)."""
    return is_ip(endpoint.address)


def section_names(spec: Mapping[str, Any]) -> list[str]:
    """The ``sectionName``s a policy's targetRef can pick, from the spec JSON (resolver hook)."""
    return [p.section_name for p in port_sections(MeshExternalServiceSpec.model_validate(spec))]


def sni_sections(spec: Mapping[str, Any]) -> list[tuple[int, str]]:
    """(port, section name) of each port, from the spec's JSON: the REST API shows one SNI each."""
    return [(s.port, s.section_name) for s in port_sections(MeshExternalServiceSpec.model_validate(spec))]


def envoy_ports(spec: Mapping[str, Any]) -> list[DestinationPort]:
    """The ports for the generator: section name and protocol (endpoints come from zone proxies)."""
    return [
        DestinationPort(s.port, s.section_name, parse_protocol(s.app_protocol))
        for s in port_sections(MeshExternalServiceSpec.model_validate(spec))
    ]


EXAMPLE: dict[str, Any] = {
    "match": {"type": "HostnameGenerator", "port": 443, "protocol": "http"},
    "endpoints": [{"address": "httpbin.org", "port": 443}],
    "tls": {"enabled": True, "verification": {"serverName": "httpbin.org"}},
}

KIND = KindDescriptor(
    name="MeshExternalService",
    plural="meshexternalservices",
    short_name="extsvc",
    scope=Scope.MESH,
    spec_model=MeshExternalServiceSpec,
    validate=validate,
    description=(
        "A service outside the mesh that workloads reach through their proxies: its endpoints, the "
        "port and protocol of its generated hostname, and optional TLS origination (server "
        "verification, client certificate)."
    ),
    has_status=True,
    dns1035_name=True,
    example=EXAMPLE,
    extras={"port_sections": port_sections, DESTINATION_PORTS: envoy_ports},
    destination=DestinationTraits(section_names=section_names),
    sni_sections=sni_sections,
    status_model=MeshExternalServiceStatus,
)
