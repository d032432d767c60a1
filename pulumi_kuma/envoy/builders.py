"""Builders of Envoy resources as proto3-JSON dicts (the shapes Kuma 3.0 generates).

Every builder returns a fresh dict that the caller (and later the policy translations) may
change. Durations are proto3-JSON strings (``"5s"``, ``"0.250s"``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pulumi_kuma.envoy.types import (
    GRPC_STATS_FILTER,
    GRPC_STATS_TYPE,
    HCM_FILTER,
    HCM_TYPE,
    HTTP_PROTOCOL_OPTIONS,
    HTTP_PROTOCOL_OPTIONS_TYPE,
    ROUTER_FILTER,
    ROUTER_TYPE,
    TAGS_METADATA,
    TCP_PROXY_FILTER,
    TCP_PROXY_TYPE,
    Direction,
    Protocol,
)
from pulumi_kuma.model.duration import parse_duration

NANOS = 1_000_000_000

LOCALHOST_CIDRS: tuple[tuple[str, int], ...] = (("127.0.0.1", 32),)
LOCALHOST_CIDRS_IPV6: tuple[tuple[str, int], ...] = (("127.0.0.1", 32), ("::1", 128))
"""Kuma's internal addresses when none are configured (``::1`` only with IPv6 on)."""

KUMA_TAGS_HEADER = "x-kuma-tags"


# --- scalars --------------------------------------------------------------------------------------


def duration(nanoseconds: int) -> str:
    """A proto3-JSON ``google.protobuf.Duration``: whole seconds, or 3/6/9 fractional digits."""
    sign = "-" if nanoseconds < 0 else ""
    whole, fraction = divmod(abs(nanoseconds), NANOS)
    if fraction == 0:
        return f"{sign}{whole}s"
    if fraction % 1_000_000 == 0:
        return f"{sign}{whole}.{fraction // 1_000_000:03d}s"
    if fraction % 1_000 == 0:
        return f"{sign}{whole}.{fraction // 1_000:06d}s"
    return f"{sign}{whole}.{fraction:09d}s"


@functools.lru_cache(maxsize=4096)
def go_duration(text: str) -> str:
    """A Go duration string (``"1m30s"``, as policies hold them) as a proto3-JSON duration."""
    return duration(parse_duration(text))


def seconds(value: float) -> str:
    """A number of seconds as a proto3-JSON duration."""
    return duration(round(value * NANOS))


def socket_address(address: str, port: int) -> dict[str, Any]:
    """``{socketAddress: {address, portValue}}``."""
    return {"socketAddress": {"address": address, "portValue": port}}


# --- listeners ------------------------------------------------------------------------------------


def listener(
    name: str,
    address: str,
    port: int,
    direction: Direction,
    filter_chains: Sequence[dict[str, Any]],
    *,
    stat_prefix: str | None = None,
    tags: Mapping[str, str] | None = None,
    reuse_port: bool | None = None,
) -> dict[str, Any]:
    """A listener on ``address:port`` with Kuma's tags metadata."""
    out: dict[str, Any] = {"name": name, "address": socket_address(address, port)}
    if stat_prefix:
        out["statPrefix"] = stat_prefix
    out["filterChains"] = list(filter_chains)
    if tags:
        out["metadata"] = {"filterMetadata": {TAGS_METADATA: dict(tags)}}
    out["trafficDirection"] = direction.value
    if reuse_port is not None:
        out["enableReusePort"] = reuse_port
    return out


def filter_chain(*filters: dict[str, Any]) -> dict[str, Any]:
    """A filter chain with these network filters, in order."""
    return {"filters": list(filters)}


def typed_filter(name: str, typed_config: dict[str, Any]) -> dict[str, Any]:
    """A network or HTTP filter ``{name, typedConfig}``."""
    return {"name": name, "typedConfig": typed_config}


def http_connection_manager(
    stat_prefix: str,
    route_config: dict[str, Any],
    *,
    protocol: Protocol = Protocol.HTTP,
    forward_client_cert: bool = False,
    normalize_path: bool = False,
    ipv6: bool = False,
) -> dict[str, Any]:
    """The HTTP connection manager filter with an inline route configuration (Kuma uses no RDS)."""
    http_filters = []
    if protocol is Protocol.GRPC:
        http_filters.append(
            typed_filter(
                GRPC_STATS_FILTER,
                {"@type": GRPC_STATS_TYPE, "emitFilterState": True, "statsForAllMethods": True},
            )
        )
    http_filters.append(typed_filter(ROUTER_FILTER, {"@type": ROUTER_TYPE}))
    config: dict[str, Any] = {
        "@type": HCM_TYPE,
        "statPrefix": stat_prefix,
        "codecType": "AUTO",
        "httpFilters": http_filters,
        "routeConfig": route_config,
        "internalAddressConfig": {
            "cidrRanges": [
                {"addressPrefix": prefix, "prefixLen": length}
                for prefix, length in (LOCALHOST_CIDRS_IPV6 if ipv6 else LOCALHOST_CIDRS)
            ]
        },
    }
    if forward_client_cert:
        config["forwardClientCertDetails"] = "SANITIZE_SET"
        config["setCurrentClientCertDetails"] = {"uri": True}
    if normalize_path:
        config["normalizePath"] = True
    return typed_filter(HCM_FILTER, config)


def tcp_proxy(stat_prefix: str, cluster: str) -> dict[str, Any]:
    """The TCP proxy filter to one cluster."""
    return typed_filter(
        TCP_PROXY_FILTER, {"@type": TCP_PROXY_TYPE, "statPrefix": stat_prefix, "cluster": cluster}
    )


def route_config(
    name: str,
    virtual_host: str,
    routes: Sequence[dict[str, Any]],
    *,
    headers_to_remove: Sequence[str] = (),
) -> dict[str, Any]:
    """An inline route configuration with one catch-all (``*``) virtual host."""
    out: dict[str, Any] = {"name": name, "validateClusters": False}
    if headers_to_remove:
        out["requestHeadersToRemove"] = list(headers_to_remove)
    out["virtualHosts"] = [{"name": virtual_host, "domains": ["*"], "routes": list(routes)}]
    return out


def catch_all_route(cluster: str, *, name: str | None = None, timeout: str | None = None) -> dict[str, Any]:
    """A route for every path (prefix ``/``) to one cluster."""
    route: dict[str, Any] = {"match": {"prefix": "/"}}
    if name:
        route["name"] = name
    action: dict[str, Any] = {"cluster": cluster}
    if timeout is not None:
        action["timeout"] = timeout
    route["route"] = action
    return route


# --- clusters and endpoints -----------------------------------------------------------------------


def http_protocol_options(protocol: Protocol) -> dict[str, Any]:
    """``typedExtensionProtocolOptions`` selecting HTTP/1.1 or HTTP/2 towards the upstream."""
    explicit: dict[str, Any] = (
        {"http2ProtocolOptions": {}}
        if protocol in (Protocol.HTTP2, Protocol.GRPC)
        else {"httpProtocolOptions": {}}
    )
    return {HTTP_PROTOCOL_OPTIONS: {"@type": HTTP_PROTOCOL_OPTIONS_TYPE, "explicitHttpConfig": explicit}}


def static_cluster(name: str, address: str, port: int, *, connect_timeout: str) -> dict[str, Any]:
    """A STATIC cluster with one endpoint (an inbound's workload)."""
    return {
        "name": name,
        "type": "STATIC",
        "connectTimeout": connect_timeout,
        "loadAssignment": {
            "clusterName": name,
            "endpoints": [{"lbEndpoints": [{"endpoint": {"address": socket_address(address, port)}}]}],
        },
        "circuitBreakers": {"thresholds": [{"trackRemaining": True}]},
    }


def eds_cluster(name: str) -> dict[str, Any]:
    """A cluster whose endpoints come over ADS (EDS), as every outbound cluster is."""
    return {
        "name": name,
        "type": "EDS",
        "edsClusterConfig": {"edsConfig": {"ads": {}, "resourceApiVersion": "V3"}},
    }


def lb_endpoint(address: str, port: int, tags: Mapping[str, str], weight: int = 1) -> dict[str, Any]:
    """One endpoint with Kuma's ``envoy.lb`` and ``envoy.transport_socket_match`` metadata."""
    out: dict[str, Any] = {"endpoint": {"address": socket_address(address, port)}}
    if tags:
        out["metadata"] = {
            "filterMetadata": {"envoy.lb": dict(tags), "envoy.transport_socket_match": dict(tags)}
        }
    if weight != 1:
        out["loadBalancingWeight"] = weight
    return out


def cluster_load_assignment(
    cluster: str, localities: Iterable[tuple[str, list[dict[str, Any]]]]
) -> dict[str, Any]:
    """A ``ClusterLoadAssignment``: ``(zone, lb endpoints)`` groups, one locality each."""
    endpoints = []
    for zone, lb_endpoints in localities:
        group: dict[str, Any] = {"lbEndpoints": lb_endpoints}
        if zone:
            group["locality"] = {"zone": zone}
        endpoints.append(group)
    out: dict[str, Any] = {"clusterName": cluster}
    if endpoints:
        out["endpoints"] = endpoints
    return out
