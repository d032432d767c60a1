"""Envoy configuration as data: builders, Kuma 3.0 names, and the interface policy translations use.

This layer sits below the policies (which import it) and above the model; it knows nothing of
the control plane. The generator (``controlplane/generate``) fills a :class:`ProxyResources` with
the base resources, then calls each policy kind's :class:`EnvoyConfigurer` (see :mod:`.hooks`)
with the proxy's :class:`ProxyContext`.
"""

from pulumi_kuma.envoy import builders, names
from pulumi_kuma.envoy.context import (
    Destination,
    DestinationLookup,
    DestinationPort,
    Endpoint,
    InboundView,
    NoDestinations,
    OutboundView,
    ProxyContext,
)
from pulumi_kuma.envoy.hooks import (
    DESTINATION_ENDPOINTS,
    DESTINATION_PORTS,
    ENVOY_CONFIGURER,
    POLICY_REFERENCE,
    EndpointSource,
    EnvoyConfigurer,
    destination_ports,
    endpoint_source,
    envoy_configurer,
    policy_reference,
)
from pulumi_kuma.envoy.resources import (
    ProxyResources,
    ResourceEntry,
    cluster_references,
    common_http_protocol_options,
    filter_chains,
    http_connection_managers,
    http_protocol_options,
    network_filters,
    route_action,
    routes,
    tcp_proxies,
    typed_configs,
    virtual_hosts,
)
from pulumi_kuma.envoy.types import (
    CLUSTER,
    ENDPOINT,
    LISTENER,
    ROUTE,
    SECRET,
    Direction,
    Json,
    Origin,
    Protocol,
    parse_protocol,
)

__all__ = [
    "CLUSTER",
    "DESTINATION_ENDPOINTS",
    "DESTINATION_PORTS",
    "ENDPOINT",
    "ENVOY_CONFIGURER",
    "LISTENER",
    "POLICY_REFERENCE",
    "ROUTE",
    "SECRET",
    "Destination",
    "DestinationLookup",
    "DestinationPort",
    "Direction",
    "Endpoint",
    "EndpointSource",
    "EnvoyConfigurer",
    "InboundView",
    "Json",
    "NoDestinations",
    "Origin",
    "OutboundView",
    "Protocol",
    "ProxyContext",
    "ProxyResources",
    "ResourceEntry",
    "builders",
    "cluster_references",
    "common_http_protocol_options",
    "destination_ports",
    "endpoint_source",
    "envoy_configurer",
    "filter_chains",
    "http_connection_managers",
    "http_protocol_options",
    "names",
    "network_filters",
    "parse_protocol",
    "policy_reference",
    "route_action",
    "routes",
    "tcp_proxies",
    "typed_configs",
    "virtual_hosts",
]
