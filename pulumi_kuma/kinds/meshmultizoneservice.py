"""MeshMultiZoneService: one destination made of the MeshServices of several zones.

Created on the global control plane; it selects MeshServices by labels and exposes the listed
ports. The display name must be an RFC 1035 label.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pulumi_kuma.envoy import DESTINATION_PORTS, DestinationPort, Protocol, parse_protocol
from pulumi_kuma.kinds.meshservice import SUPPORTED_PROTOCOLS, PortSection
from pulumi_kuma.model.base import REQUIRED, Default, Doc, Items, KumaModel
from pulumi_kuma.model.common import LabelSelector
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.messages import MUST_NOT_BE_EMPTY, must_be_one_of
from pulumi_kuma.model.path import SPEC
from pulumi_kuma.model.registry import DestinationTraits, KindDescriptor, Scope, ValidationContext
from pulumi_kuma.model.violations import Violations


class MeshMultiZoneServicePort(KumaModel):
    """A port of the multi-zone service (the same port of the selected MeshServices)."""

    name: Annotated[str | None, Doc("Name of the port; policies may use it as `sectionName`.")] = None
    port: Annotated[int, REQUIRED] = 0
    app_protocol: Annotated[str | None, Default("tcp"), Doc("tcp, http, http2 or grpc.")] = None


class MeshMultiZoneServiceSelector(KumaModel):
    """Which MeshServices (from any zone) make up this service."""

    mesh_service: Annotated[LabelSelector | None, REQUIRED] = None


class MeshMultiZoneServiceSpec(KumaModel):
    """The MeshMultiZoneService spec."""

    selector: Annotated[MeshMultiZoneServiceSelector | None, REQUIRED] = None
    ports: Annotated[
        list[MeshMultiZoneServicePort] | None,
        REQUIRED,
        Items(min_items=1),
        Doc("Ports of the selected services."),
    ] = None


def port_sections(spec: MeshMultiZoneServiceSpec) -> list[PortSection]:
    """The service's ports with their section names (name, or the number as text), in order."""
    return [
        PortSection(
            port.port, port.name if port.name is not None else str(port.port), port.app_protocol or "tcp"
        )
        for port in spec.ports or []
    ]


def validate(spec: MeshMultiZoneServiceSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshMultiZoneService validator (the RFC 1035 name rule is part of the meta checks)."""
    v = Violations()
    selector = spec.selector.mesh_service if spec.selector is not None else None
    if selector is None or not selector.match_labels:
        v.add(SPEC.field("selector").field("meshService").field("matchLabels"), "cannot be empty")
    if not spec.ports:
        v.add(SPEC.field("ports"), "cannot be empty")
    for i, port in enumerate(spec.ports or []):
        path = SPEC.field("ports").index(i)
        if port.name is not None and port.name == "":
            v.add(path.field("name"), MUST_NOT_BE_EMPTY)
        # Unlike MeshService, Kuma compares the raw value here: exact lower case, and it must be set.
        if port.app_protocol not in SUPPORTED_PROTOCOLS:
            v.add(path.field("appProtocol"), must_be_one_of("appProtocol", SUPPORTED_PROTOCOLS))
    return v.items


def section_names(spec: Mapping[str, Any]) -> list[str]:
    """The ``sectionName``s a policy's targetRef can pick, from the spec JSON (resolver hook)."""
    return [p.section_name for p in port_sections(MeshMultiZoneServiceSpec.model_validate(spec))]


def sni_sections(spec: Mapping[str, Any]) -> list[tuple[int, str]]:
    """(port, section name) of each port, from the spec's JSON: the REST API shows one SNI each."""
    return [(s.port, s.section_name) for s in port_sections(MeshMultiZoneServiceSpec.model_validate(spec))]


def envoy_ports(spec: Mapping[str, Any]) -> list[DestinationPort]:
    """The ports for the generator (endpoints are other zones' proxies, reached over HTTP/2)."""
    return [
        DestinationPort(s.port, s.section_name, parse_protocol(s.app_protocol), upstream=Protocol.HTTP2)
        for s in port_sections(MeshMultiZoneServiceSpec.model_validate(spec))
    ]


EXAMPLE: dict[str, Any] = {
    "selector": {"meshService": {"matchLabels": {"kuma.io/display-name": "redis"}}},
    "ports": [{"port": 6379, "appProtocol": "tcp"}],
}

KIND = KindDescriptor(
    name="MeshMultiZoneService",
    plural="meshmultizoneservices",
    short_name="mzsvc",
    scope=Scope.MESH,
    spec_model=MeshMultiZoneServiceSpec,
    validate=validate,
    description=(
        "One destination spanning zones: the MeshServices selected by labels in every zone, "
        "load-balanced together behind the listed ports. Created on the global control plane."
    ),
    has_status=True,
    dns1035_name=True,
    example=EXAMPLE,
    extras={"port_sections": port_sections, DESTINATION_PORTS: envoy_ports},
    destination=DestinationTraits(section_names=section_names, whole_applies_to_sections=True),
    sni_sections=sni_sections,
    zone_provided=False,
)
