"""The cluster and load assignment of a destination port, as Kuma 3.0 builds them."""

from __future__ import annotations

from typing import Any

from pulumi_kuma.envoy import builders
from pulumi_kuma.envoy.context import Destination


def outbound_cluster(destination: Destination) -> dict[str, Any]:
    """The EDS cluster of a destination port (HTTP/2 between two proxies, as Kuma)."""
    cluster = builders.eds_cluster(destination.cluster_name)
    upstream = destination.port.upstream_protocol
    if upstream.is_http:
        cluster["typedExtensionProtocolOptions"] = builders.http_protocol_options(upstream)
    return cluster


def load_assignment(destination: Destination) -> dict[str, Any]:
    """The ``ClusterLoadAssignment`` of a destination port: its endpoints, one locality per zone."""
    by_zone: dict[str, list[dict[str, Any]]] = {}
    for endpoint in destination.endpoints:
        by_zone.setdefault(endpoint.zone, []).append(
            builders.lb_endpoint(endpoint.address, endpoint.port, endpoint.tags, endpoint.weight)
        )
    return builders.cluster_load_assignment(destination.cluster_name, sorted(by_zone.items()))
