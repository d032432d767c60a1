"""Resources the observability policies add for themselves (Kuma's ``system_*`` resources).

* :func:`collector_cluster`: a cluster to a collector given by address or Unix socket (Kuma's
  ``ProvidedEndpointCluster`` with the default connect timeout, optional HTTP/2 and TLS);
* :func:`static_route_listener`: a listener that serves some paths from clusters, with a path
  rewrite (Kuma's ``StaticEndpoints``: the Prometheus endpoint);
* :func:`pipe_listener` and :func:`direct_response_hcm`: a listener on a Unix socket answering
  from inline routes (Kuma's dynamic configuration listener read by the data plane agent).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence
from typing import Any

from pulumi_kuma.envoy import builders
from pulumi_kuma.envoy.types import (
    HCM_FILTER,
    HCM_TYPE,
    ROUTER_FILTER,
    ROUTER_TYPE,
    TYPE_PREFIX,
    Direction,
    Protocol,
)

DEFAULT_CONNECT_TIMEOUT = "5s"
UPSTREAM_TLS_TYPE = TYPE_PREFIX + "envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext"
_ILLEGAL_STAT_CHARS = re.compile(r"[^a-zA-Z_\-0-9]")


def is_ip(text: str) -> bool:
    """Whether ``text`` is an IPv4 or IPv6 address (not a hostname)."""
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def internal_address_config(ipv6: bool) -> dict[str, Any]:
    """The HCM's internal addresses: loopback (``::1`` too with IPv6)."""
    cidrs = builders.LOCALHOST_CIDRS_IPV6 if ipv6 else builders.LOCALHOST_CIDRS
    return {"cidrRanges": [{"addressPrefix": prefix, "prefixLen": length} for prefix, length in cidrs]}


def collector_cluster(
    name: str,
    *,
    address: str = "",
    port: int = 0,
    pipe: str = "",
    ipv6: bool = False,
    http2: bool = False,
    tls: bool = False,
) -> dict[str, Any]:
    """A cluster with one endpoint: ``address:port`` (STRICT_DNS for a hostname, STATIC for an IP)
    or the Unix socket ``pipe`` (STATIC); ``tls`` wraps connections to a hostname in TLS with SNI."""
    endpoint_address: dict[str, Any] = (
        {"pipe": {"path": pipe}} if pipe else builders.socket_address(address, port)
    )
    cluster: dict[str, Any] = {"name": name}
    if pipe or is_ip(address):
        cluster["type"] = "STATIC"
    else:
        cluster["type"] = "STRICT_DNS"
        cluster["dnsLookupFamily"] = "AUTO" if ipv6 else "V4_ONLY"
    cluster["loadAssignment"] = {
        "clusterName": name,
        "endpoints": [{"lbEndpoints": [{"endpoint": {"address": endpoint_address}}]}],
    }
    sanitized = _ILLEGAL_STAT_CHARS.sub("_", name)
    if sanitized != name:
        cluster["altStatName"] = sanitized
    if tls and not pipe:
        context: dict[str, Any] = {"@type": UPSTREAM_TLS_TYPE, "allowRenegotiation": True}
        if not is_ip(address):
            context["sni"] = address
        cluster["transportSocketMatches"] = [
            {
                "name": address,
                "match": {},
                "transportSocket": {"name": "envoy.transport_sockets.tls", "typedConfig": context},
            }
        ]
    cluster["connectTimeout"] = DEFAULT_CONNECT_TIMEOUT
    if http2:
        cluster["typedExtensionProtocolOptions"] = builders.http_protocol_options(Protocol.HTTP2)
    return cluster


def _hcm(stat_prefix: str, route_config: dict[str, Any], ipv6: bool) -> dict[str, Any]:
    return builders.typed_filter(
        HCM_FILTER,
        {
            "@type": HCM_TYPE,
            "statPrefix": stat_prefix,
            "httpFilters": [builders.typed_filter(ROUTER_FILTER, {"@type": ROUTER_TYPE})],
            "internalAddressConfig": internal_address_config(ipv6),
            "routeConfig": route_config,
        },
    )


def static_route_listener(
    name: str,
    address: str,
    port: int,
    paths: Sequence[tuple[str, str, str]],
    *,
    reuse_port: bool = False,
    ipv6: bool = False,
) -> dict[str, Any]:
    """An inbound listener on ``address:port`` routing each ``(path prefix, cluster, rewrite)``."""
    routes = [
        {"match": {"prefix": prefix}, "route": {"cluster": cluster, "prefixRewrite": rewrite}}
        for prefix, cluster, rewrite in paths
    ]
    route_config = {
        "validateClusters": False,
        "virtualHosts": [{"name": name, "domains": ["*"], "routes": routes}],
    }
    listener = builders.listener(
        name,
        address,
        port,
        Direction.INBOUND,
        [builders.filter_chain(_hcm(name, route_config, ipv6))],
        stat_prefix=name,
        reuse_port=reuse_port,
    )
    return listener


def direct_response_hcm(name: str, ipv6: bool = False) -> dict[str, Any]:
    """An HCM whose inline routes answer directly (routes are added by the caller)."""
    return _hcm(name, {"virtualHosts": [{"name": name, "domains": ["*"], "routes": []}]}, ipv6)


def pipe_listener(name: str, path: str, filter_chains: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """A listener on the Unix socket ``path``."""
    return {
        "name": name,
        "address": {"pipe": {"path": path}},
        "statPrefix": name,
        "filterChains": list(filter_chains),
    }
