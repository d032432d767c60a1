"""The xDS generator: a proxy's Envoy resources as a pure function of the store's state.

:func:`build_context` reads a Dataplane (inbounds, outbounds resolved to destination ports) into a
:class:`~pulumi_kuma.envoy.ProxyContext`; :func:`generate` builds the base resources Kuma 3.0
generates without any policy, then lets every policy kind's Envoy configurer change them, in
plugin order (``PolicyTraits.order``). This module never names a kind: destinations and policies
come from the registry's hooks (:mod:`pulumi_kuma.envoy.hooks`).

Base resources (names as Kuma 3.0, ``notes/kuma-api-and-xds.md`` §2.5):

* per inbound: a STATIC cluster ``self_inbound_dp_<section>`` to the workload, and a listener of
  the same name on the inbound's address and port: an HTTP connection manager with an inline
  route to that cluster (http, http2, grpc), or a TCP proxy (tcp);
* per outbound: a listener named after the destination port's KRI on the outbound's address and
  port, with an inline catch-all route (HTTP) or a TCP proxy, an EDS cluster and a load assignment
  of the same name holding the destination's endpoints.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pulumi_kuma.envoy import (
    CLUSTER,
    ENDPOINT,
    LISTENER,
    SECRET,
    Destination,
    DestinationLookup,
    Direction,
    InboundView,
    NoDestinations,
    Origin,
    OutboundView,
    PeerIdentities,
    ProxyContext,
    ProxyIdentity,
    ProxyResources,
    ResourceEntry,
    builders,
    envoy_configurer,
    parse_protocol,
)
from pulumi_kuma.envoy.names import DEFAULT_ROUTE_NAME, NAMESPACE_LABEL, inbound_name, kri
from pulumi_kuma.envoy.outbound import load_assignment
from pulumi_kuma.envoy.types import HTTP_PROTOCOL_OPTIONS, UNIFIED_NAME_TAG
from pulumi_kuma.model.envelope import DISPLAY_NAME, ResourceObject
from pulumi_kuma.model.registry import Registry
from pulumi_kuma.model.rules import DataplaneRules, InboundListener

LOOPBACK = "127.0.0.1"
SERVICELESS_PORT = 49151
"""Kuma's reserved inbound port of a Dataplane without services: no listener is generated for it."""
REUSE_PORT_FEATURE = "feature-reuse-port"

# Kuma's timeouts for the inbound side before MeshTimeout applies (defaults/mesh DefaultInboundTimeout).
INBOUND_CONNECT_TIMEOUT = "10s"
INBOUND_IDLE_TIMEOUT = "7200s"
INBOUND_STREAM_IDLE_TIMEOUT = "3600s"

Prepare = Callable[[str, dict[str, Any]], object]
"""Converts a resource shared by many proxies once (the snapshot cache's ``resource``)."""


# --- context --------------------------------------------------------------------------------------


def _inbound_views(dataplane: ResourceObject) -> tuple[InboundView, ...]:
    networking = dataplane.spec.get("networking") or {}
    address = str(networking.get("address") or "")
    short = "dp"
    mesh = dataplane.mesh or ""
    views = []
    for item in networking.get("inbound") or []:
        if not isinstance(item, dict):
            continue
        port = int(item.get("port") or 0)
        if port == SERVICELESS_PORT or item.get("state") == "Ignored":
            continue
        section = str(item.get("name") or port)
        listen_address = str(item.get("address") or address)
        views.append(
            InboundView(
                name=inbound_name(section),
                section_name=section,
                listener=InboundListener(listen_address, port),
                workload_address=str(item.get("serviceAddress") or listen_address),
                workload_port=int(item.get("servicePort") or port),
                protocol=parse_protocol(item.get("protocol")),
                kri=kri(short, mesh, dataplane.labels, dataplane.name, section),
                spec=item,
            )
        )
    return tuple(views)


def _outbound_views(dataplane: ResourceObject, lookup: DestinationLookup) -> tuple[OutboundView, ...]:
    """Kuma's ``asOutbounds``: each ``backendRef`` (by labels, or by name = display name) resolved to
    a destination port (``port`` selects it by number or name; none: the only port)."""
    networking = dataplane.spec.get("networking") or {}
    views = []
    for item in networking.get("outbound") or []:
        if not isinstance(item, dict):
            continue
        ref = item.get("backendRef")
        destination = None
        if isinstance(ref, dict) and ref.get("kind"):
            labels = ref.get("labels")
            if not labels and ref.get("name"):
                labels = {DISPLAY_NAME: str(ref["name"])}
                namespace = dataplane.labels.get(NAMESPACE_LABEL)
                if namespace:
                    labels[NAMESPACE_LABEL] = namespace
            port = int(ref.get("port") or 0)
            if isinstance(labels, dict) and labels:
                destination = lookup.resolve(str(ref["kind"]), labels, str(port) if port > 0 else "")
        views.append(
            OutboundView(str(item.get("address") or LOOPBACK), int(item.get("port") or 0), destination, item)
        )
    return tuple(views)


def build_context(
    dataplane: ResourceObject,
    rules: DataplaneRules,
    registry: Registry,
    *,
    mesh: ResourceObject | None = None,
    zone: str = "default",
    lookup: DestinationLookup | None = None,
    features: frozenset[str] = frozenset(),
    ipv6: bool = False,
    workdir: str = "",
    identity: ProxyIdentity | None = None,
    peers: PeerIdentities | None = None,
) -> ProxyContext:
    """The :class:`ProxyContext` of one Dataplane (outbounds resolved through ``lookup``; ``workdir``
    is the data plane agent's, from node metadata; ``identity`` its workload identity and ``peers``
    the SPIFFE IDs of the mesh's destinations, for mTLS)."""
    destinations = lookup if lookup is not None else NoDestinations()
    mesh_kri = ""
    if mesh is not None:
        descriptor = registry.get(mesh.type)
        mesh_kri = (descriptor.kri(None, mesh.labels, mesh.name) if descriptor is not None else None) or ""
    return ProxyContext(
        dataplane=dataplane,
        mesh=mesh,
        zone=zone,
        inbounds=_inbound_views(dataplane),
        outbounds=_outbound_views(dataplane, destinations),
        rules=rules,
        registry=registry,
        destinations=destinations,
        features=features,
        ipv6=ipv6,
        mesh_kri=mesh_kri,
        workdir=workdir,
        identity=identity,
        peers=peers,
    )


# --- base resources -------------------------------------------------------------------------------


def _inbound_resources(ctx: ProxyContext, resources: ProxyResources) -> None:
    tags = dict(ctx.labels) if ctx.labels else None
    reuse_port = REUSE_PORT_FEATURE in ctx.features
    for inbound in ctx.inbounds:
        name = inbound.name
        protocol = inbound.protocol
        cluster = builders.static_cluster(
            name, inbound.workload_address, inbound.workload_port, connect_timeout=INBOUND_CONNECT_TIMEOUT
        )
        if protocol.is_http:
            cluster["typedExtensionProtocolOptions"] = builders.http_protocol_options(protocol)
            common = cluster["typedExtensionProtocolOptions"][HTTP_PROTOCOL_OPTIONS]
            common["commonHttpProtocolOptions"] = {"idleTimeout": INBOUND_IDLE_TIMEOUT}
        resources.add_resource(CLUSTER, cluster, origin=Origin.INBOUND, protocol=protocol, inbound=inbound)
        if protocol.is_http:
            route = builders.route_config(
                name,
                name,
                [builders.catch_all_route(name, timeout="0s")],
                headers_to_remove=[builders.KUMA_TAGS_HEADER],
            )
            network_filter = builders.http_connection_manager(
                name, route, protocol=protocol, forward_client_cert=True, ipv6=ctx.ipv6
            )
            config = network_filter["typedConfig"]
            config["streamIdleTimeout"] = INBOUND_STREAM_IDLE_TIMEOUT
            config["commonHttpProtocolOptions"] = {"idleTimeout": INBOUND_IDLE_TIMEOUT}
        else:
            network_filter = builders.tcp_proxy(name, name)
            network_filter["typedConfig"]["idleTimeout"] = INBOUND_IDLE_TIMEOUT
        listener = builders.listener(
            name,
            inbound.address,
            inbound.port,
            Direction.INBOUND,
            [builders.filter_chain(network_filter)],
            stat_prefix=name,
            tags=tags or {UNIFIED_NAME_TAG: name},
            reuse_port=reuse_port,
        )
        resources.add_resource(LISTENER, listener, origin=Origin.INBOUND, protocol=protocol, inbound=inbound)


def outbound_listener(ctx: ProxyContext, outbound: OutboundView, destination: Destination) -> dict[str, Any]:
    """The listener of one outbound: an inline catch-all route (HTTP) or a TCP proxy to its cluster."""
    name = destination.kri
    if destination.protocol.is_http:
        route = builders.route_config(
            name,
            name,
            [builders.catch_all_route(destination.cluster_name, name=DEFAULT_ROUTE_NAME, timeout="0s")],
        )
        network_filter = builders.http_connection_manager(
            name, route, protocol=destination.protocol, normalize_path=True, ipv6=ctx.ipv6
        )
    else:
        network_filter = builders.tcp_proxy(name, destination.cluster_name)
    return builders.listener(
        name,
        outbound.address,
        outbound.port,
        Direction.OUTBOUND,
        [builders.filter_chain(network_filter)],
        stat_prefix=name,
        tags={UNIFIED_NAME_TAG: name},
    )


class SharedLoadAssignments:
    """Load assignments shared by every proxy that routes to a destination port: built once per
    version of the destination (and converted once, with ``prepare``); a policy that changes one
    gets its own copy (:attr:`ResourceEntry.resource`)."""

    def __init__(self, prepare: Prepare | None = None, max_entries: int = 50_000) -> None:
        self._prepare = prepare
        self._max_entries = max_entries
        self._entries: dict[str, tuple[Destination, dict[str, Any], object | None]] = {}

    def __call__(self, destination: Destination) -> ResourceEntry:
        """The shared :class:`ResourceEntry` of the destination's load assignment."""
        cached = self._entries.get(destination.kri)
        if cached is None or cached[0] is not destination:
            body = load_assignment(destination)
            prepared = self._prepare(ENDPOINT, body) if self._prepare is not None else None
            if len(self._entries) >= self._max_entries:
                self._entries.clear()
            cached = self._entries[destination.kri] = (destination, body, prepared)
        _, body, prepared = cached
        return ResourceEntry(
            ENDPOINT,
            destination.cluster_name,
            body,
            origin=Origin.OUTBOUND,
            protocol=destination.protocol,
            destination=destination,
            shared=True,
            prepared=prepared,
        )


def _outbound_resources(ctx: ProxyContext, resources: ProxyResources) -> None:
    for outbound in ctx.outbounds:
        destination = outbound.destination
        if destination is None:
            continue
        listener = outbound_listener(ctx, outbound, destination)
        resources.add_resource(
            LISTENER, listener, origin=Origin.OUTBOUND, protocol=destination.protocol, destination=destination
        )
        resources.add_destination(destination)


def generate(
    ctx: ProxyContext, registry: Registry, *, shared: SharedLoadAssignments | None = None
) -> ProxyResources:
    """The proxy's Envoy resources: the base resources (and, with a workload identity, its SDS
    secrets), then every policy kind's translation."""
    resources = ProxyResources(shared)
    if ctx.identity is not None:
        for secret in ctx.identity.secrets:
            # Shared read-only dicts: the entry copies one before any change.
            resources.add(
                ResourceEntry(SECRET, str(secret["name"]), dict(secret), origin=Origin.SYSTEM, shared=True)
            )
    _inbound_resources(ctx, resources)
    _outbound_resources(ctx, resources)
    for kind in registry.policies():
        configure = envoy_configurer(kind)
        if configure is not None:
            configure(ctx, ctx.kind_rules(kind.name), resources)
    return resources


def snapshot_resources(resources: ProxyResources) -> dict[str, list[Any]]:
    """``{type URL: [resource]}`` for the snapshot cache: dicts, or the shared converted objects of
    entries no policy changed."""
    out: dict[str, list[Any]] = {}
    for type_url, entries in resources.by_type().items():
        items: list[Any] = []
        for entry in entries:
            prepared = entry.prepared
            items.append(prepared if prepared is not None else entry.view)
        out[type_url] = items
    return out
