"""Dataplane: one data plane proxy (Envoy next to a workload), its inbounds and outbounds.

An old proto kind: on the wire ``networking`` sits beside ``type``, ``mesh``, ``name`` and
``labels`` (no ``spec``). This is Kuma 3.0's universal form: the proxy is identified by its labels
(``kuma.io/workload``, ``app``, ...), inbounds are named ports, and outbounds point at a
MeshService (or MeshExternalService / MeshMultiZoneService) through ``backendRef``.

Kuma 3.0 removed ``networking.advertisedAddress``, ``inbound[].tags`` and ``outbound[].tags``; like
Kuma's decoder we accept documents that still carry them and drop those fields.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from pulumi_kuma.model.base import Doc, Duration, KumaModel, OneOf
from pulumi_kuma.model.common import duration_ns
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.names import dns1035_label_errors, is_ip, is_ip_or_domain_name
from pulumi_kuma.model.path import FieldPath
from pulumi_kuma.model.registry import KindDescriptor, Scope, ValidationContext
from pulumi_kuma.model.violations import Violations

WORKLOAD_LABEL = "kuma.io/workload"
SERVICE_TAG = "kuma.io/service"
PROTOCOL_TAG = "kuma.io/protocol"
LOOPBACK = "127.0.0.1"
"""Where Envoy's admin API listens, and an outbound's address when none is given."""

BACKEND_KINDS = ("MeshExternalService", "MeshMultiZoneService", "MeshService")
"""Kinds an outbound or a reachable backend may point at (sorted, as Kuma lists them)."""

SUPPORTED_PROTOCOLS = ("grpc", "http", "http2", "tcp")
"""Protocols Kuma names in its "Allowed values" hint."""

_KNOWN_PROTOCOLS = frozenset({"http", "http2", "tcp", "tls", "grpc", "mysql"})
_TAG_NAME_CHARS = re.compile(r"[a-zA-Z0-9.\-_:/]*")
_TAG_VALUE_CHARS = re.compile(r"[a-zA-Z0-9.\-_:]*")
_RFC1123_SUBDOMAIN = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")
_IDENTIFIER_MESSAGE = (
    "invalid characters. A lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
    "characters, '-' or '.', and must start and end with an alphanumeric character"
)
_PORT_MESSAGE = "port must be in the range [1, 65535]"
_SERVICE_OVERLAP_MESSAGE = "serviceAddress and servicePort has to differ from address and port"
_KIND_MESSAGE = "invalid value. Available values are: " + ",".join(BACKEND_KINDS)


class InboundHealth(KumaModel):
    """Whether the workload behind an inbound is ready (absent means healthy)."""

    ready: bool | None = None


class ServiceProbeTcp(KumaModel):
    """Probe by opening a TCP connection to the workload."""


class ServiceProbe(KumaModel):
    """Envoy health-checks the workload next to it and reports the result to the control plane."""

    interval: Duration | None = None
    timeout: Duration | None = None
    unhealthy_threshold: int | None = None
    healthy_threshold: int | None = None
    tcp: ServiceProbeTcp | None = None


class Inbound(KumaModel):
    """A port of the workload that the proxy exposes to the mesh (one Envoy inbound listener)."""

    port: Annotated[int | None, Doc("Port the proxy listens on for this inbound.")] = None
    service_port: Annotated[
        int | None, Doc("Port of the workload that traffic is forwarded to; defaults to `port`.")
    ] = None
    service_address: Annotated[
        str | None, Doc("Address of the workload; defaults to the inbound's `address`.")
    ] = None
    address: Annotated[
        str | None, Doc("Address the inbound listener binds to; defaults to `networking.address`.")
    ] = None
    health: InboundHealth | None = None
    service_probe: ServiceProbe | None = None
    state: Annotated[
        str | None,
        OneOf("Ready", "NotReady", "Ignored"),
        Doc("Ready (default), NotReady, or Ignored (no listener, but the identity is still issued)."),
    ] = None
    name: Annotated[
        str | None, Doc("Name of the port, usable as a policy `sectionName` and by MeshService ports.")
    ] = None
    protocol: Annotated[str | None, Doc("Protocol of the workload: tcp, http, http2 or grpc.")] = None


class OutboundBackendRef(KumaModel):
    """What an outbound points at: a MeshService port (by name or by labels)."""

    kind: Annotated[str | None, Doc("MeshService, MeshExternalService or MeshMultiZoneService.")] = None
    name: str | None = None
    port: Annotated[int | None, Doc("Port of the service; required unless kind is MeshExternalService.")] = (
        None
    )
    labels: Annotated[dict[str, str] | None, Doc("Select the service by labels; the oldest match wins.")] = (
        None
    )


class Outbound(KumaModel):
    """A destination the workload reaches through a local port (when not using a transparent proxy)."""

    address: Annotated[str | None, Doc("Local address of the outbound listener; defaults to 127.0.0.1.")] = (
        None
    )
    port: Annotated[int | None, Doc("Local port of the outbound listener.")] = None
    backend_ref: OutboundBackendRef | None = None


class Gateway(KumaModel):
    """A delegated gateway: a third-party proxy whose outbound traffic enters the mesh here."""

    tags: dict[str, str] | None = None
    type: Annotated[str | None, OneOf("DELEGATED")] = None


class ReachableBackendRef(KumaModel):
    """One backend a transparently proxied workload may reach."""

    kind: str | None = None
    name: str | None = None
    namespace: str | None = None
    port: int | None = None
    labels: dict[str, str] | None = None


class ReachableBackends(KumaModel):
    """An explicit list of reachable backends (everything in the mesh when absent)."""

    refs: list[ReachableBackendRef] | None = None


class TransparentProxying(KumaModel):
    """Transparent proxy settings: traffic is redirected to Envoy by iptables rules."""

    redirect_port_inbound: int | None = None
    redirect_port_outbound: int | None = None
    direct_access_services: list[str] | None = None
    ip_family_mode: Annotated[str | None, OneOf("UnSpecified", "DualStack", "IPv4", "IPv6")] = None
    reachable_backends: ReachableBackends | None = None


class EnvoyAdmin(KumaModel):
    """Envoy's admin API (bound to localhost)."""

    port: int | None = None


class Listener(KumaModel):
    """A zone proxy listener (zone ingress or egress) embedded in a Dataplane."""

    type: Annotated[str | None, OneOf("Unspecified", "ZoneIngress", "ZoneEgress")] = None
    address: str | None = None
    port: int | None = None
    name: str | None = None
    state: Annotated[str | None, OneOf("Ready", "NotReady")] = None


class Networking(KumaModel):
    """Where the proxy is reachable and which inbound and outbound listeners it has."""

    address: Annotated[
        str | None, Doc("IP (or hostname) other proxies and the control plane reach this proxy at.")
    ] = None
    gateway: Gateway | None = None
    inbound: list[Inbound] | None = None
    outbound: list[Outbound] | None = None
    transparent_proxying: TransparentProxying | None = None
    admin: EnvoyAdmin | None = None
    listeners: list[Listener] | None = None


class DataplaneSpec(KumaModel):
    """The Dataplane spec (fields beside the meta on the wire)."""

    networking: Networking | None = None


# --- Helpers other layers use ---------------------------------------------------------------------


def inbound_section_name(inbound: Inbound) -> str:
    """How policies address an inbound (``sectionName``): its name, or its port as a string."""
    return inbound.name or str(inbound.port or 0)


@dataclass(frozen=True, slots=True)
class InboundInterface:
    """An inbound with its defaults resolved: where Envoy listens and where the workload is."""

    dataplane_ip: str
    dataplane_port: int
    workload_ip: str
    workload_port: int
    section_name: str


def inbound_interface(networking: Networking, inbound: Inbound) -> InboundInterface:
    """Resolve an inbound's defaults (address → ``networking.address``, service* → the inbound's)."""
    dataplane_ip = inbound.address or networking.address or ""
    port = inbound.port or 0
    return InboundInterface(
        dataplane_ip=dataplane_ip,
        dataplane_port=port,
        workload_ip=inbound.service_address or dataplane_ip,
        workload_port=inbound.service_port or port,
        section_name=inbound_section_name(inbound),
    )


def inbound_interfaces(networking: Networking) -> list[InboundInterface]:
    """Every inbound of ``networking`` with its defaults resolved, in order."""
    return [inbound_interface(networking, inbound) for inbound in networking.inbound or []]


def outbound_address(outbound: Outbound) -> str:
    """The local address of an outbound listener (127.0.0.1 unless given)."""
    return outbound.address or LOOPBACK


def workload_label_error(labels: Mapping[str, str], *, global_cp: bool = False) -> str | None:
    """Kuma's REST check of a universal Dataplane's ``kuma.io/workload`` label (a bad request).

    Kuma answers this with a plain 400 "bad request" (not a validation error list), so it is not part
    of :func:`validate`; the REST layer calls it (``KIND.extras["rest_label_check"]``).
    """
    workload = labels.get(WORKLOAD_LABEL)
    if not workload:
        return None
    if global_cp:
        return 'labels["kuma.io/workload"]: not allowed on Global control plane'
    errors = dns1035_label_errors(workload)
    if not errors:
        return None
    return (
        'labels["kuma.io/workload"]: must be a valid DNS-1035 label (at most 63 characters, matching '
        "regex [a-z]([-a-z0-9]*[a-z0-9])?): " + "; ".join(errors)
    )


# --- Validation -----------------------------------------------------------------------------------


def _ip(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    if not is_ip(value):
        return None
    address = ipaddress.ip_address(value)
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _overlap(first: str, second: str) -> bool:
    # Go's net.IP semantics: a wildcard address overlaps everything; an unparsable one nothing.
    a, b = _ip(first), _ip(second)
    if (a is not None and a.is_unspecified) or (b is not None and b.is_unspecified):
        return True
    return a is not None and a == b


def _uses_inbound(networking: Networking, address: str, port: int) -> bool:
    return any(
        (port == iface.dataplane_port and _overlap(address, iface.dataplane_ip))
        or (port == iface.workload_port and _overlap(address, iface.workload_ip))
        for iface in inbound_interfaces(networking)
    )


def _uses_outbound(networking: Networking, address: str, port: int) -> bool:
    return any(
        port == (outbound.port or 0) and _overlap(address, outbound_address(outbound))
        for outbound in networking.outbound or []
    )


def _check_port(v: Violations, path: FieldPath, port: int | None) -> None:
    if port is None or not 1 <= port <= 65535:
        v.add(path, _PORT_MESSAGE)


def _check_address(v: Violations, path: FieldPath, address: str | None) -> None:
    if not address:
        v.add(path, "address can't be empty")
        return
    if address in ("0.0.0.0", "::"):
        v.add(path, "must not be 0.0.0.0 or ::")
    if not is_ip_or_domain_name(address):
        v.add(path, "address has to be valid IP address or domain name")


def _parse_protocol(value: str) -> str | None:
    lowered = value.lower()
    return lowered if lowered in _KNOWN_PROTOCOLS else None


def _validate_service_probe(v: Violations, path: FieldPath, probe: ServiceProbe | None) -> None:
    if probe is None:
        return
    for name, duration in (("interval", probe.interval), ("timeout", probe.timeout)):
        if duration is not None and duration_ns(duration) == 0:
            v.add(path.field(name), "must have a positive value")
    for name, threshold in (
        ("unhealthyThreshold", probe.unhealthy_threshold),
        ("healthyThreshold", probe.healthy_threshold),
    ):
        if threshold is not None and threshold == 0:
            v.add(path.field(name), "must have a positive value")


def _validate_inbound(v: Violations, path: FieldPath, inbound: Inbound, dataplane_address: str) -> None:
    port = inbound.port or 0
    service_port = inbound.service_port or 0
    service_address = inbound.service_address or ""
    address = inbound.address or ""
    _check_port(v, path.field("port"), port)
    if service_port != 0:
        _check_port(v, path.field("servicePort"), service_port)
    same_port = service_port in (0, port)
    if service_address:
        if not is_ip(service_address):
            v.add(path.field("serviceAddress"), "serviceAddress has to be valid IP address")
        if service_address == dataplane_address and same_port:
            v.add(path.field("serviceAddress"), _SERVICE_OVERLAP_MESSAGE)
    if address:
        if not is_ip(address):
            v.add(path.field("address"), "address has to be valid IP address")
        if address == service_address and same_port:
            v.add(path.field("serviceAddress"), _SERVICE_OVERLAP_MESSAGE)
    if inbound.protocol and _parse_protocol(inbound.protocol) is None:
        v.add(
            path.field("protocol"),
            f'has an invalid value "{inbound.protocol}". Allowed values: {", ".join(SUPPORTED_PROTOCOLS)}',
        )
    _validate_service_probe(v, path.field("serviceProbe"), inbound.service_probe)


def _validate_outbound(v: Violations, path: FieldPath, outbound: Outbound) -> None:
    _check_port(v, path.field("port"), outbound.port)
    if outbound.address and not is_ip(outbound.address):
        v.add(path.field("address"), "address has to be valid IP address")
    ref = outbound.backend_ref
    ref_path = path.field("backendRef")
    if ref is None:
        v.add(ref_path, "must be defined")
        return
    if ref.kind not in BACKEND_KINDS:
        v.add(ref_path.field("kind"), _KIND_MESSAGE)
    if not ref.name and not ref.labels:
        v.add(ref_path, "either 'name' or 'labels' should be specified")
    # A MeshExternalService's port comes from its endpoints, so the ref needs none.
    if ref.kind != "MeshExternalService":
        _check_port(v, ref_path.field("port"), ref.port)


def _validate_transparent_proxying(v: Violations, path: FieldPath, tp: TransparentProxying | None) -> None:
    if tp is None or tp.reachable_backends is None:
        return
    refs_path = path.field("reachableBackends").field("refs")
    for i, ref in enumerate(tp.reachable_backends.refs or []):
        ref_path = refs_path.index(i)
        name, namespace = ref.name or "", ref.namespace or ""
        if ref.kind not in BACKEND_KINDS:
            v.add(ref_path.field("kind"), _KIND_MESSAGE)
        if name:
            if len(name) > 253:
                v.add(ref_path.field("name"), "value length must less or equal 253")
            elif not _RFC1123_SUBDOMAIN.fullmatch(name):
                v.add(ref_path.field("name"), _IDENTIFIER_MESSAGE)
        if not name and not namespace and not ref.labels:
            v.add(ref_path.field("name"), "name or labels are required")
        if not name and namespace:
            v.add(ref_path.field("name"), "name is required, when namespace is defined")
        if (name or namespace) and ref.labels:
            v.add(ref_path.field("labels"), "labels cannot be defined when name is specified")


def _validate_networking(v: Violations, path: FieldPath, networking: Networking) -> None:
    address = networking.address or ""
    _check_address(v, path.field("address"), address)
    for i, inbound in enumerate(networking.inbound or []):
        _validate_inbound(v, path.field("inbound").index(i), inbound, address)
    for i, outbound in enumerate(networking.outbound or []):
        _validate_outbound(v, path.field("outbound").index(i), outbound)
    # Kuma's path really reads "transparentProxing" (sic); kept so that messages match.
    _validate_transparent_proxying(v, path.field("transparentProxing"), networking.transparent_proxying)


def _validate_listeners(v: Violations, path: FieldPath, networking: Networking) -> None:
    names = {inbound_section_name(inbound) for inbound in networking.inbound or []}
    types_by_address: dict[str, str] = {}
    for i, listener in enumerate(networking.listeners or []):
        item = path.index(i)
        kind = listener.type or "Unspecified"
        if kind == "Unspecified":
            v.add(item.field("type"), "type must be ZoneIngress or ZoneEgress")
        _check_address(v, item.field("address"), listener.address)
        _check_port(v, item.field("port"), listener.port)
        if listener.name:
            if listener.name in names:
                v.add(
                    item.field("name"), f'name "{listener.name}" must be unique across inbounds and listeners'
                )
            names.add(listener.name)
        key = f"{listener.address or ''}:{listener.port or 0}"
        if key in types_by_address:
            if types_by_address[key] == kind:
                v.add(item, f"address:port {key} is already used by another listener")
            else:
                v.add(item, f"address:port {key} is used by listeners of different types")
        else:
            types_by_address[key] = kind
        for inbound in networking.inbound or []:
            if f"{inbound.address or networking.address or ''}:{inbound.port or 0}" == key:
                v.add(item, f"address:port {key} collides with an inbound listener")
                break


def _validate_gateway(v: Violations, path: FieldPath, gateway: Gateway) -> None:
    if gateway.type not in (None, "DELEGATED"):
        v.add(path.field("type"), f'unknown gateway type "{gateway.type}"; the only type is DELEGATED')
    tags = gateway.tags or {}
    tags_path = path.field("tags")
    protocol = tags.get(PROTOCOL_TAG)
    if protocol is not None and _parse_protocol(protocol) != "tcp":
        v.add(
            tags_path.key(PROTOCOL_TAG), f'other values than tcp are not allowed, provided value "{protocol}"'
        )
    for key in sorted(tags):
        value = tags[key]
        if key == "":
            v.add(tags_path, "tag name must be non-empty")
        if not _TAG_NAME_CHARS.fullmatch(key):
            v.add(
                tags_path.key(key),
                "tag name must consist of alphanumeric characters, dots, dashes, slashes and underscores",
            )
        if value == "":
            v.add(tags_path.key(key), "tag value must be non-empty")
        if not _TAG_VALUE_CHARS.fullmatch(value):
            v.add(
                tags_path.key(key),
                "tag value must consist of alphanumeric characters, dots, dashes and underscores",
            )
    # Tag-free gateways are allowed; once there are tags, kuma.io/service must be one of them.
    if tags and SERVICE_TAG not in tags:
        v.add(tags_path, f'mandatory tag "{SERVICE_TAG}" is missing')


def validate(spec: DataplaneSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's Dataplane validator (paths at the root: ``networking.inbound[0].port``)."""
    v = Violations()
    path = FieldPath("networking")
    networking = spec.networking
    if networking is None:
        v.add(path, "must be defined")
        return v.items
    if networking.admin is not None:
        admin_port = networking.admin.port or 0
        if _uses_inbound(networking, LOOPBACK, admin_port):
            v.add(path.field("admin").field("port"), "must differ from inbound")
        if _uses_outbound(networking, LOOPBACK, admin_port):
            v.add(path.field("admin").field("port"), "must differ from outbound")
    if networking.gateway is not None:  # every gateway is a delegated one at Kuma 3.0
        if networking.inbound:
            v.add(path.field("inbound"), "inbound cannot be defined for delegated gateways")
        if networking.listeners:
            v.add(path.field("listeners"), "listeners cannot be defined for delegated gateways")
        _validate_gateway(v, path.field("gateway"), networking.gateway)
        _validate_networking(v, path, networking)
    else:
        _validate_networking(v, path, networking)
        _validate_listeners(v, path.field("listeners"), networking)
    return v.items


EXAMPLE: dict[str, Any] = {
    "networking": {
        "address": "10.0.0.5",
        "inbound": [{"port": 8080, "servicePort": 18080, "name": "http", "protocol": "http"}],
        "outbound": [
            {
                "port": 10001,
                "backendRef": {"kind": "MeshService", "name": "backend", "port": 8080},
            }
        ],
        "admin": {"port": 9901},
    }
}

KIND = KindDescriptor(
    name="Dataplane",
    plural="dataplanes",
    short_name="dp",
    scope=Scope.MESH,
    spec_model=DataplaneSpec,
    validate=validate,
    description=(
        "A data plane proxy: the Envoy next to one workload. Its labels (`kuma.io/workload`, `app`, "
        "...) are what policies and MeshServices select; `networking` says where it is reachable, "
        "which ports of the workload it exposes (`inbound`) and which services it reaches through "
        "local ports (`outbound`)."
    ),
    legacy_layout=True,
    example=EXAMPLE,
    extras={"rest_label_check": workload_label_error},
    global_provided=False,
)
