"""MeshService: a service in one zone, i.e. a set of Dataplane inbounds behind named ports.

The control plane usually generates MeshServices from Dataplanes; they can also be written by
hand. Policies and outbounds address a port through ``sectionName`` (the port's name, or its number
as a string). The display name must be an RFC 1035 label: it becomes part of hostnames.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import Field

from pulumi_kuma.envoy import (
    DESTINATION_ENDPOINTS,
    DESTINATION_PORTS,
    DestinationPort,
    Endpoint,
    EndpointSource,
    Protocol,
    parse_protocol,
)
from pulumi_kuma.envoy.types import PROTOCOL_TAG, ZONE_TAG
from pulumi_kuma.model.base import REQUIRED, Default, Doc, IntOrString, JsonValue, KumaModel, OneOf
from pulumi_kuma.model.common import LabelSelector
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.messages import must_be_one_of
from pulumi_kuma.model.path import SPEC
from pulumi_kuma.model.registry import DestinationTraits, KindDescriptor, Scope, ValidationContext
from pulumi_kuma.model.violations import Violations

SUPPORTED_PROTOCOLS = ("grpc", "http", "http2", "tcp")
"""Application protocols a destination port may declare (Kuma's ``SupportedProtocols``)."""


class DataplaneRef(KumaModel):
    """Select exactly one Dataplane by name."""

    name: str | None = None


class MeshServiceSelector(KumaModel):
    """Which Dataplanes implement the service: by labels or one by name (not both)."""

    dataplane_ref: DataplaneRef | None = None
    dataplane_labels: LabelSelector | None = None


class MeshServicePort(KumaModel):
    """A port of the service and where it lands on the Dataplanes (``targetPort``)."""

    name: Annotated[str | None, Doc("Name of the port; policies may use it as `sectionName`.")] = None
    port: Annotated[int, REQUIRED, Doc("The port clients connect to.")] = 0
    target_port: Annotated[IntOrString | None, Doc("The Dataplane inbound: its port number or its name.")] = (
        None
    )
    app_protocol: Annotated[
        str | None, Default("tcp"), Doc("Protocol of the port: tcp, http, http2 or grpc.")
    ] = None


class MeshServiceIdentity(KumaModel):
    """An identity the service's proxies present (a SPIFFE ID)."""

    type: Annotated[str, REQUIRED, OneOf("SpiffeID")] = ""
    value: Annotated[str, REQUIRED] = ""


class MeshServiceSpec(KumaModel):
    """The MeshService spec."""

    state: Annotated[
        str | None,
        Default("Unavailable"),
        OneOf("Available", "Unavailable"),
        Doc("Available when at least one endpoint is healthy."),
    ] = None
    selector: MeshServiceSelector | None = None
    ports: list[MeshServicePort] | None = None
    identities: list[MeshServiceIdentity] | None = None


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


# --- Helpers other layers use ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PortSection:
    """One port of a destination and the ``sectionName`` that addresses it."""

    port: int
    section_name: str
    app_protocol: str


def port_section_name(port: MeshServicePort) -> str:
    """The ``sectionName`` of a port: its name, or its number as a string."""
    return port.name if port.name is not None else str(port.port)


def port_sections(spec: MeshServiceSpec) -> list[PortSection]:
    """The service's ports with their section names and protocols (``tcp`` when unset), in order."""
    return [
        PortSection(port.port, port_section_name(port), port.app_protocol or "tcp")
        for port in spec.ports or []
    ]


def find_port(spec: MeshServiceSpec, section_name: str) -> MeshServicePort | None:
    """The port a ``sectionName`` (a port name or a port number as text) refers to."""
    for port in spec.ports or []:
        if port.name == section_name or str(port.port) == section_name:
            return port
    return None


def protocol_supported(protocol: str) -> bool:
    """Whether Kuma accepts ``protocol`` as a port's appProtocol (case-insensitive)."""
    return protocol.lower() in SUPPORTED_PROTOCOLS


# --- Validation -----------------------------------------------------------------------------------


def validate(spec: MeshServiceSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshService validator (the RFC 1035 name rule is part of the meta checks)."""
    v = Violations()
    for i, port in enumerate(spec.ports or []):
        if port.app_protocol and not protocol_supported(port.app_protocol):
            v.add(
                SPEC.field("ports").index(i).field("appProtocol"),
                must_be_one_of("appProtocol", SUPPORTED_PROTOCOLS),
            )
    selector = spec.selector
    if selector is not None and selector.dataplane_ref is not None and selector.dataplane_labels is not None:
        v.add(SPEC.field("selector"), "must specify only one of: dataplaneRef or dataplaneLabels")
    return v.items


def section_names(spec: Mapping[str, Any]) -> list[str]:
    """The ``sectionName``s a policy's targetRef can pick, from the spec JSON (resolver hook)."""
    return [p.section_name for p in port_sections(MeshServiceSpec.model_validate(spec))]


def sni_sections(spec: Mapping[str, Any]) -> list[tuple[int, str]]:
    """(port, section name) of each port, from the spec's JSON: the REST API shows one SNI each."""
    return [(s.port, s.section_name) for s in port_sections(MeshServiceSpec.model_validate(spec))]


# --- Envoy: ports and endpoints (the generator's destination hooks) ------------------------------


def envoy_ports(spec: Mapping[str, Any]) -> list[DestinationPort]:
    """The service's ports for the generator: section name, protocol and ``targetPort``."""
    model = MeshServiceSpec.model_validate(spec)
    return [
        DestinationPort(
            port.port,
            port_section_name(port),
            parse_protocol(port.app_protocol),
            port.target_port,
            upstream=Protocol.HTTP2,  # the hop between two proxies is HTTP/2 (Kuma)
        )
        for port in model.ports or []
    ]


def selects_dataplane(service: ResourceObject, dataplane: ResourceObject) -> bool:
    """Kuma's ``MatchesDataplane``: by ``dataplaneRef`` name, or every ``matchLabels`` pair (an empty
    selector matches every Dataplane); a service without a selector selects none."""
    selector = service.spec.get("selector")
    if not isinstance(selector, dict):
        return False
    ref = selector.get("dataplaneRef")
    if isinstance(ref, dict):
        return bool(ref.get("name")) and ref.get("name") == dataplane.name
    labels = selector.get("dataplaneLabels")
    if isinstance(labels, dict):
        match = labels.get("matchLabels") or {}
        return all(dataplane.labels.get(key) == value for key, value in match.items())
    return False


def _healthy_inbounds(dataplane: ResourceObject) -> list[Mapping[str, Any]]:
    """Inbounds whose state is Ready (the default) and whose health, if reported, is ready."""
    networking = dataplane.spec.get("networking") or {}
    out: list[Mapping[str, Any]] = []
    for inbound in networking.get("inbound") or []:
        if not isinstance(inbound, dict) or inbound.get("state", "Ready") != "Ready":
            continue
        health = inbound.get("health")
        if isinstance(health, dict) and not health.get("ready", False):
            continue
        out.append(inbound)
    return out


def _serves(inbound: Mapping[str, Any], target: Any) -> bool:
    """Kuma's ``MatchInboundWithMeshServicePort``: a numeric targetPort names the inbound's port, a
    text one its name."""
    if isinstance(target, int):
        return target == inbound.get("port")
    if isinstance(target, str):
        return target == inbound.get("name")
    return False


def envoy_endpoints(
    service: ResourceObject, ports: Sequence[DestinationPort], dataplanes: Sequence[ResourceObject]
) -> dict[str, list[Endpoint]]:
    """Kuma's ``fillLocalMeshServices``: one endpoint per healthy inbound serving a port, pointing at
    the Dataplane's inbound listener (its proxy), with the Dataplane's labels as tags."""
    out: dict[str, list[Endpoint]] = {port.section_name: [] for port in ports}
    for dataplane in sorted(dataplanes, key=lambda d: d.name):
        networking = dataplane.spec.get("networking") or {}
        for inbound in _healthy_inbounds(dataplane):
            for port in ports:
                if not _serves(inbound, port.target):
                    continue
                tags = dict(dataplane.labels)
                if inbound.get("protocol"):
                    tags[PROTOCOL_TAG] = str(inbound["protocol"])
                address = inbound.get("address") or networking.get("address") or ""
                out[port.section_name].append(
                    Endpoint(str(address), int(inbound.get("port") or 0), tags, tags.get(ZONE_TAG, ""))
                )
    return out


EXAMPLE: dict[str, Any] = {
    "selector": {"dataplaneLabels": {"matchLabels": {"app": "redis"}}},
    "ports": [{"name": "tcp", "port": 6379, "targetPort": 6379, "appProtocol": "tcp"}],
}

KIND = KindDescriptor(
    name="MeshService",
    plural="meshservices",
    short_name="msvc",
    scope=Scope.MESH,
    spec_model=MeshServiceSpec,
    validate=validate,
    description=(
        "A service in one zone: the Dataplanes selected by labels (or one by name) and the ports "
        "they serve. Usually generated from Dataplanes; policies and outbounds target it by labels "
        "and a port by `sectionName`."
    ),
    has_status=True,
    dns1035_name=True,
    example=EXAMPLE,
    extras={
        "port_sections": port_sections,
        DESTINATION_PORTS: envoy_ports,
        DESTINATION_ENDPOINTS: EndpointSource(selects=selects_dataplane, endpoints=envoy_endpoints),
    },
    destination=DestinationTraits(
        section_names=section_names, whole_applies_to_sections=True, section_entries_sort_later=True
    ),
    sni_sections=sni_sections,
    global_provided=False,
    status_model=MeshServiceStatus,
)
