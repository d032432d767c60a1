"""Hand-built Envoy resources (proto3 JSON, Kuma's shapes) for xDS tests and benchmarks."""

from __future__ import annotations

import socket
from typing import Any

from pulumi_kuma.controlplane.xds import CLUSTER, ENDPOINT, LISTENER

HCM = "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager"
ROUTER = "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def route(prefix: str, cluster: str, *, timeout: str = "15s", name: str | None = None) -> dict[str, Any]:
    """One route sending ``prefix`` to ``cluster``."""
    return {
        "name": name or f"route{prefix.replace('/', '_')}",
        "match": {"prefix": prefix},
        "route": {"cluster": cluster, "timeout": timeout},
    }


def listener(
    name: str, port: int, routes: list[dict[str, Any]], *, domains: list[str] | None = None
) -> dict[str, Any]:
    """An outbound HTTP listener with an HCM and an inline route configuration (Kuma 3.0 style)."""
    return {
        "name": name,
        "address": {"socketAddress": {"address": "127.0.0.1", "portValue": port}},
        "trafficDirection": "OUTBOUND",
        "filterChains": [
            {
                "filters": [
                    {
                        "name": "envoy.filters.network.http_connection_manager",
                        "typedConfig": {
                            "@type": HCM,
                            "statPrefix": name,
                            "httpFilters": [
                                {"name": "envoy.filters.http.router", "typedConfig": {"@type": ROUTER}}
                            ],
                            "routeConfig": {
                                "name": name,
                                "validateClusters": False,
                                "virtualHosts": [
                                    {"name": name, "domains": domains or ["*"], "routes": routes}
                                ],
                            },
                        },
                    }
                ]
            }
        ],
    }


def eds_cluster(name: str, **extra: Any) -> dict[str, Any]:
    """An EDS cluster fed over ADS."""
    return {
        "name": name,
        "type": "EDS",
        "connectTimeout": "1s",
        "edsClusterConfig": {"edsConfig": {"ads": {}, "resourceApiVersion": "V3"}},
        **extra,
    }


def endpoints(cluster: str, *ports: int) -> dict[str, Any]:
    """A ClusterLoadAssignment with 127.0.0.1:<port> endpoints."""
    return {
        "clusterName": cluster,
        "endpoints": [
            {
                "lbEndpoints": [
                    {"endpoint": {"address": {"socketAddress": {"address": "127.0.0.1", "portValue": port}}}}
                    for port in ports
                ]
            }
        ],
    }


def service_snapshot(
    listener_port: int,
    services: dict[str, int],
    *,
    routes: list[dict[str, Any]] | None = None,
    cluster_extra: dict[str, dict[str, Any]] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """One listener on ``listener_port`` routing ``/<service>`` prefixes (default) to one EDS
    cluster per service, each with one endpoint on the given upstream port."""
    extra = cluster_extra or {}
    if routes is None:
        routes = [route(f"/{svc}", svc) for svc in sorted(services)]
    return {
        CLUSTER: [eds_cluster(svc, **extra.get(svc, {})) for svc in sorted(services)],
        ENDPOINT: [endpoints(svc, port) for svc, port in sorted(services.items())],
        LISTENER: [listener("outbound", listener_port, routes)],
    }
