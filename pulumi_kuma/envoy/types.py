"""Envoy type URLs, filter names and the application protocols Kuma distinguishes."""

from __future__ import annotations

import enum
from typing import Any

Json = Any
"""A proto3-JSON value: dict, list, str, int, float, bool or None."""

TYPE_PREFIX = "type.googleapis.com/"

CLUSTER = TYPE_PREFIX + "envoy.config.cluster.v3.Cluster"
ENDPOINT = TYPE_PREFIX + "envoy.config.endpoint.v3.ClusterLoadAssignment"
LISTENER = TYPE_PREFIX + "envoy.config.listener.v3.Listener"
ROUTE = TYPE_PREFIX + "envoy.config.route.v3.RouteConfiguration"
SECRET = TYPE_PREFIX + "envoy.extensions.transport_sockets.tls.v3.Secret"

RESOURCE_TYPES: tuple[str, ...] = (CLUSTER, ENDPOINT, LISTENER, ROUTE, SECRET)
"""The xDS types a proxy's resources are grouped by, in push order."""

HCM_FILTER = "envoy.filters.network.http_connection_manager"
TCP_PROXY_FILTER = "envoy.filters.network.tcp_proxy"
ROUTER_FILTER = "envoy.filters.http.router"
GRPC_STATS_FILTER = "envoy.filters.http.grpc_stats"

HCM_TYPE = TYPE_PREFIX + "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager"
TCP_PROXY_TYPE = TYPE_PREFIX + "envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy"
ROUTER_TYPE = TYPE_PREFIX + "envoy.extensions.filters.http.router.v3.Router"
GRPC_STATS_TYPE = TYPE_PREFIX + "envoy.extensions.filters.http.grpc_stats.v3.FilterConfig"
HTTP_PROTOCOL_OPTIONS = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions"
HTTP_PROTOCOL_OPTIONS_TYPE = TYPE_PREFIX + HTTP_PROTOCOL_OPTIONS

TAGS_METADATA = "io.kuma.tags"
"""Listener metadata namespace holding Kuma's tags (``kuma.io/unified-name``, or the Dataplane's labels)."""
UNIFIED_NAME_TAG = "kuma.io/unified-name"
PROTOCOL_TAG = "kuma.io/protocol"
ZONE_TAG = "kuma.io/zone"


class Protocol(enum.StrEnum):
    """The application protocols Kuma generates different Envoy config for."""

    TCP = "tcp"
    HTTP = "http"
    HTTP2 = "http2"
    GRPC = "grpc"

    @property
    def is_http(self) -> bool:
        """HTTP-based protocols get an HTTP connection manager; TCP gets a TCP proxy."""
        return self is not Protocol.TCP


def parse_protocol(text: object) -> Protocol:
    """Kuma's ``ParseProtocol``: the protocol named by ``text`` (any case); TCP when empty or unknown."""
    if isinstance(text, str):
        try:
            return Protocol(text.lower())
        except ValueError:
            pass
    return Protocol.TCP


class Direction(enum.StrEnum):
    """Envoy's listener ``trafficDirection``."""

    INBOUND = "INBOUND"
    OUTBOUND = "OUTBOUND"


class Origin(enum.StrEnum):
    """Which generator made a resource (Kuma's ``metadata.Origin*``)."""

    INBOUND = "inbound"
    OUTBOUND = "outbound"
    SYSTEM = "system"
