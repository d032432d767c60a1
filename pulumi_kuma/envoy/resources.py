"""A proxy's Envoy resources while they are being generated: :class:`ProxyResources`.

The generator fills it with the base resources (inbound and outbound listeners, clusters, load
assignments); each policy translation then finds what it configures (``inbound_listener``,
``outbound_listeners``, ``clusters_for`` ...) and changes the proto3-JSON dicts in place, using the
navigation helpers below (``http_connection_managers``, ``routes``, ``http_protocol_options``, ...).

Resources several proxies share unchanged (load assignments) can be added *shared*: a policy
that asks for :attr:`ResourceEntry.resource` gets its own copy, and untouched entries keep the
object the generator prepared once (``prepared``), so nothing is converted twice.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from pulumi_kuma.envoy.context import Destination, InboundView
from pulumi_kuma.envoy.outbound import load_assignment, outbound_cluster
from pulumi_kuma.envoy.types import (
    CLUSTER,
    ENDPOINT,
    HCM_FILTER,
    HTTP_PROTOCOL_OPTIONS,
    HTTP_PROTOCOL_OPTIONS_TYPE,
    LISTENER,
    RESOURCE_TYPES,
    TCP_PROXY_FILTER,
    Origin,
    Protocol,
)


class ResourceEntry:
    """One generated resource with what it was generated for."""

    __slots__ = (
        "_body",
        "_owned",
        "destination",
        "inbound",
        "name",
        "origin",
        "prepared",
        "protocol",
        "type_url",
    )

    def __init__(
        self,
        type_url: str,
        name: str,
        body: dict[str, Any],
        *,
        origin: str,
        protocol: Protocol | None = None,
        destination: Destination | None = None,
        inbound: InboundView | None = None,
        shared: bool = False,
        prepared: object | None = None,
    ) -> None:
        self.type_url = type_url
        self.name = name
        self.origin = origin
        self.protocol = protocol
        self.destination = destination
        """For outbound resources: the destination port they carry traffic to (Kuma's ``ResourceOrigin``)."""
        self.inbound = inbound
        """For inbound resources: the inbound they serve."""
        self._body = body
        self._owned = not shared
        """False while ``body`` is shared with other proxies (it is copied before any change)."""
        self.prepared = prepared
        """A converted form of ``body`` shared with other proxies; dropped once the body changes."""

    @property
    def resource(self) -> dict[str, Any]:
        """The resource as a proto3-JSON dict to change in place (copied first if it is shared)."""
        if not self._owned:
            self._body = copy.deepcopy(self._body)
            self._owned = True
            self.prepared = None
        return self._body

    @property
    def view(self) -> Mapping[str, Any]:
        """The resource for reading only (never copies; do not change it)."""
        return self._body

    def __repr__(self) -> str:
        return f"ResourceEntry({self.type_url.rsplit('.', 1)[-1]} {self.name!r}, origin={self.origin})"


LoadAssignments = Callable[[Destination], ResourceEntry]
"""Makes the (possibly shared) load assignment entry of a destination port."""


def _own_load_assignment(destination: Destination) -> ResourceEntry:
    return ResourceEntry(
        ENDPOINT,
        destination.cluster_name,
        load_assignment(destination),
        origin=Origin.OUTBOUND,
        protocol=destination.protocol,
        destination=destination,
    )


class ProxyResources:
    """The resources of one proxy by type and name, in the order they were added."""

    def __init__(self, load_assignments: LoadAssignments | None = None) -> None:
        self._entries: dict[str, dict[str, ResourceEntry]] = {t: {} for t in RESOURCE_TYPES}
        self._load_assignments = load_assignments or _own_load_assignment

    # --- adding and removing ----------------------------------------------------------------------

    def add(self, entry: ResourceEntry) -> ResourceEntry:
        """Add (or replace, by type and name) a resource."""
        self._entries.setdefault(entry.type_url, {})[entry.name] = entry
        return entry

    def add_resource(
        self,
        type_url: str,
        body: dict[str, Any],
        *,
        origin: str,
        name: str | None = None,
        protocol: Protocol | None = None,
        destination: Destination | None = None,
        inbound: InboundView | None = None,
    ) -> ResourceEntry:
        """Add a resource dict (named by its ``name``, or ``clusterName`` for load assignments)."""
        resolved = name or str(body.get("name") or body.get("clusterName") or "")
        if not resolved:
            raise ValueError(f"a {type_url} resource needs a name")
        entry = ResourceEntry(
            type_url,
            resolved,
            body,
            origin=origin,
            protocol=protocol,
            destination=destination,
            inbound=inbound,
        )
        return self.add(entry)

    def add_destination(self, destination: Destination) -> ResourceEntry:
        """Add the EDS cluster and the load assignment of a destination port (once); returns the
        cluster. Route translations call this for the backends they route to."""
        existing = self.get(CLUSTER, destination.cluster_name)
        if existing is not None:
            return existing
        cluster = self.add_resource(
            CLUSTER,
            outbound_cluster(destination),
            origin=Origin.OUTBOUND,
            protocol=destination.protocol,
            destination=destination,
        )
        self.add(self._load_assignments(destination))
        return cluster

    def remove(self, type_url: str, name: str) -> ResourceEntry | None:
        """Remove a resource; returns it, or None when there was none."""
        return self._entries.get(type_url, {}).pop(name, None)

    # --- finding ----------------------------------------------------------------------------------

    def get(self, type_url: str, name: str) -> ResourceEntry | None:
        """A resource by type and name."""
        return self._entries.get(type_url, {}).get(name)

    def entries(self, type_url: str, *, origin: str | None = None) -> list[ResourceEntry]:
        """Resources of one type (optionally of one origin), in the order they were added."""
        found = self._entries.get(type_url, {}).values()
        return [e for e in found if origin is None or e.origin == origin]

    def listeners(self, *, origin: str | None = None) -> list[ResourceEntry]:
        """Every listener (optionally of one origin), in the order added."""
        return self.entries(LISTENER, origin=origin)

    def clusters(self, *, origin: str | None = None) -> list[ResourceEntry]:
        """Every cluster (optionally of one origin), in the order added."""
        return self.entries(CLUSTER, origin=origin)

    def inbound_listener(self, inbound: InboundView) -> ResourceEntry | None:
        """The listener generated for an inbound."""
        return self.get(LISTENER, inbound.name)

    def inbound_cluster(self, inbound: InboundView) -> ResourceEntry | None:
        """The cluster that forwards an inbound's traffic to the workload."""
        return self.get(CLUSTER, inbound.name)

    def outbound_listeners(self) -> list[ResourceEntry]:
        """Listeners that carry traffic to a destination (``destination`` is set)."""
        return [e for e in self.listeners() if e.destination is not None]

    def outbound_clusters(self) -> list[ResourceEntry]:
        """Clusters that carry traffic to a destination (``destination`` is set)."""
        return [e for e in self.clusters() if e.destination is not None]

    def clusters_for(self, destination: Destination) -> list[ResourceEntry]:
        """The clusters of one destination port."""
        return [
            e
            for e in self.outbound_clusters()
            if e.destination is not None and e.destination.kri == destination.kri
        ]

    # --- output -----------------------------------------------------------------------------------

    def types(self) -> Iterator[str]:
        """The type URLs that hold resources."""
        return (t for t, named in self._entries.items() if named)

    def by_type(self) -> dict[str, list[ResourceEntry]]:
        """Every resource grouped by type URL (types without resources left out)."""
        return {t: list(named.values()) for t, named in self._entries.items() if named}

    def to_json(self) -> dict[str, dict[str, Any]]:
        """``{type URL: {name: resource}}`` (the shape of Kuma's ``_config`` ``xds`` field)."""
        return {t: {n: e.view for n, e in named.items()} for t, named in self._entries.items() if named}

    def __len__(self) -> int:
        return sum(len(named) for named in self._entries.values())


# --- navigation inside resources ------------------------------------------------------------------


def filter_chains(listener: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A listener's filter chains."""
    chains = listener.get("filterChains")
    return chains if isinstance(chains, list) else []


def network_filters(chain: Mapping[str, Any], name: str | None = None) -> list[dict[str, Any]]:
    """A filter chain's network filters (only those called ``name`` when given)."""
    filters = chain.get("filters")
    if not isinstance(filters, list):
        return []
    return [f for f in filters if name is None or f.get("name") == name]


def typed_configs(listener: Mapping[str, Any], filter_name: str) -> list[dict[str, Any]]:
    """The ``typedConfig`` of every network filter called ``filter_name`` in a listener."""
    out = []
    for chain in filter_chains(listener):
        for item in network_filters(chain, filter_name):
            config = item.get("typedConfig")
            if isinstance(config, dict):
                out.append(config)
    return out


def http_connection_managers(listener: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every HTTP connection manager config of a listener (one per HTTP filter chain)."""
    return typed_configs(listener, HCM_FILTER)


def tcp_proxies(listener: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every TCP proxy config of a listener."""
    return typed_configs(listener, TCP_PROXY_FILTER)


def virtual_hosts(hcm: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The virtual hosts of an HCM's inline route configuration."""
    config = hcm.get("routeConfig")
    if not isinstance(config, dict):
        return []
    hosts = config.get("virtualHosts")
    return hosts if isinstance(hosts, list) else []


def routes(hcm: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every route of an HCM's inline route configuration, virtual host by virtual host."""
    out: list[dict[str, Any]] = []
    for host in virtual_hosts(hcm):
        found = host.get("routes")
        if isinstance(found, list):
            out.extend(found)
    return out


def route_action(route: Mapping[str, Any]) -> dict[str, Any] | None:
    """A route's ``route`` action (None for redirects and direct responses)."""
    action = route.get("route")
    return action if isinstance(action, dict) else None


def http_protocol_options(cluster: dict[str, Any]) -> dict[str, Any]:
    """A cluster's ``HttpProtocolOptions`` extension config, created empty if missing."""
    extensions: dict[str, Any] = cluster.setdefault("typedExtensionProtocolOptions", {})
    options = extensions.get(HTTP_PROTOCOL_OPTIONS)
    if isinstance(options, dict):
        return options
    created: dict[str, Any] = {"@type": HTTP_PROTOCOL_OPTIONS_TYPE}
    extensions[HTTP_PROTOCOL_OPTIONS] = created
    return created


def common_http_protocol_options(cluster: dict[str, Any]) -> dict[str, Any]:
    """A cluster's ``commonHttpProtocolOptions`` (inside ``HttpProtocolOptions``), created if missing."""
    options = http_protocol_options(cluster)
    common = options.get("commonHttpProtocolOptions")
    if not isinstance(common, dict):
        common = options["commonHttpProtocolOptions"] = {}
    return common
