"""MeshPassthrough: which traffic to destinations outside the mesh a proxy lets through."""

from __future__ import annotations

import enum
import ipaddress
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cmp_to_key
from typing import Annotated, Any

from pulumi_kuma.envoy import CLUSTER, LISTENER, Protocol, ProxyContext, ProxyResources, builders
from pulumi_kuma.envoy.hooks import ENVOY_CONFIGURER
from pulumi_kuma.envoy.system import DEFAULT_CONNECT_TIMEOUT, internal_address_config
from pulumi_kuma.envoy.types import HCM_FILTER, HCM_TYPE, ROUTER_FILTER, ROUTER_TYPE, TCP_PROXY_FILTER
from pulumi_kuma.model.addresses import is_cidr, is_dns_name, is_ip
from pulumi_kuma.model.base import REQUIRED, Default, KumaModel, OneOf
from pulumi_kuma.model.common import TOP_LEVEL_KINDS, TopLevelTargetRef
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.path import SPEC
from pulumi_kuma.model.policy import validate_top_level
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext
from pulumi_kuma.model.rules import KindRules
from pulumi_kuma.model.violations import Violations

MATCH_TYPES = ("Domain", "IP", "CIDR")
PROTOCOLS = ("tcp", "tls", "grpc", "http", "http2", "mysql")
PASSTHROUGH_MODES = ("All", "Matched", "None")
# Protocols that cannot share a port with a different protocol (one HTTP connection manager per port).
_EXCLUSIVE_PORT_PROTOCOLS = ("grpc", "http", "http2")
_PARTIAL_WILDCARD = re.compile(r"\*[^.]+")


class MeshPassthroughMatch(KumaModel):
    """One destination allowed through: a domain (``*.`` wildcards allowed), an IP or a CIDR."""

    type: Annotated[str, REQUIRED, OneOf(*MATCH_TYPES)] = ""
    value: Annotated[str, REQUIRED] = ""
    port: int | None = None
    protocol: Annotated[str | None, OneOf(*PROTOCOLS), Default("tcp")] = None


class MeshPassthroughConf(KumaModel):
    """Passthrough mode and the destinations let through in ``Matched`` mode."""

    passthrough_mode: Annotated[str | None, OneOf(*PASSTHROUGH_MODES)] = None
    append_match: list[MeshPassthroughMatch] | None = None


class MeshPassthroughSpec(KumaModel):
    """The MeshPassthrough spec: which proxies (``targetRef``) and their passthrough conf."""

    target_ref: TopLevelTargetRef | None = None
    default: MeshPassthroughConf | None = None


def _one_of(field: str, values: tuple[str, ...]) -> str:
    """Kuma's ``MakeFieldMustBeOneOfErr`` wording."""
    return f'"{field}" must be one of [{", ".join(json.dumps(x) for x in values)}]'


def validate(spec: MeshPassthroughSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshPassthrough validator."""
    v = Violations()
    validate_top_level(v, spec.target_ref, allowed=TOP_LEVEL_KINDS, inbound_policy=False)
    conf = spec.default or MeshPassthroughConf()
    protocol_on_port: dict[int, str] = {}
    values_on_port: dict[tuple[int, str], set[str]] = {}
    for i, match in enumerate(conf.append_match or []):
        path = SPEC.field("default").field("appendMatch").index(i)
        protocol = match.protocol or ""
        if protocol == "mysql" and match.port is None:
            v.add(path.field("port"), "port must be defined for Mysql protocol")
        if match.port is not None and not 1 <= match.port <= 65535:
            v.add(path.field("port"), "port must be a valid (1-65535)")
        if match.port is not None:
            seen = protocol_on_port.get(match.port)
            if seen is not None and seen != protocol and protocol in _EXCLUSIVE_PORT_PROTOCOLS:
                v.add(
                    path.field("port"),
                    "using the same port in multiple matches requires the same protocol for the "
                    "following protocols: [grpc http http2]",
                )
            else:
                protocol_on_port[match.port] = protocol
            values = values_on_port.setdefault((match.port, protocol), set())
            if match.value in values:
                v.add(
                    path.field("value"), f"value {match.value} is already defiend for this port and protocol"
                )
            values.add(match.value)
        if protocol not in PROTOCOLS:
            v.add(path.field("protocol"), _one_of("protocol", PROTOCOLS))
        if match.type == "CIDR":
            if not is_cidr(match.value):
                v.add(path.field("value"), "provided CIDR has incorrect value")
        elif match.type == "IP":
            if not is_ip(match.value):
                v.add(path.field("value"), "provided IP has incorrect value")
        elif match.type == "Domain":
            if protocol in ("tcp", "mysql"):
                v.add(path.field("protocol"), f"protocol {protocol} is not supported for a domain")
            if _PARTIAL_WILDCARD.match(match.value):
                v.add(
                    path.field("value"),
                    "provided DNS has incorrect value, partial wildcard is currently not supported",
                )
            if match.port is None and match.value.startswith("*") and protocol in _EXCLUSIVE_PORT_PROTOCOLS:
                v.add(path.field("port"), "wildcard domains doesn't work for all ports and layer 7 protocol")
            name = match.value[2:] if match.value.startswith("*.") else match.value
            if not name.startswith("*") and not is_dns_name(name):
                v.add(path.field("value"), "provided DNS has incorrect value")
        else:
            v.add(
                path.field("type"),
                f"provided type {match.type} is not supported, one of Domain, IP, or CIDR is supported",
            )
    return v.items


# --- Envoy translation ------------------------------------------------------------------------------
#
# Kuma's MeshPassthrough plugin (``pkg/plugins/policies/meshpassthrough/plugin``). It rewrites the
# transparent proxy's outbound passthrough listeners (``self_transparentproxy_passthrough_outbound_
# ipv4``/``ipv6``, original destination on port 15001), so it applies only to Dataplanes with
# ``networking.transparentProxying`` whose resources hold those listeners:
#
# * ``All``: nothing changes (everything passes through the passthrough clusters);
# * ``None``: the passthrough clusters are removed, so unknown destinations have no upstream;
# * ``Matched`` (the default): the passthrough clusters are removed and each allowed destination
#   gets its own filter chain (TLS by SNI, TCP by address, HTTP by address or by a virtual host per
#   domain with a 503 ``no_match`` host) and its own ORIGINAL_DST cluster, in Kuma's order: by
#   protocol, match type, port, then value; a match without a port also gets a chain per port other
#   matches use, so Envoy's port-first chain selection still finds it.

PASSTHROUGH_LISTENERS = {
    4: "self_transparentproxy_passthrough_outbound_ipv4",
    6: "self_transparentproxy_passthrough_outbound_ipv6",
}
ORIGIN = "meshpassthrough"
BIND_OUTBOUNDS_FEATURE = "feature-bind-outbounds"
NO_MATCH_MESSAGE = (
    "This response comes from Kuma Sidecar. No routes matched this domain - check configuration of "
    "your MeshPassthrough policy.\n"
)
TCP_PROXY_TYPE = "type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy"
ORIGINAL_DST_FILTER = "envoy.filters.listener.original_dst"
ORIGINAL_DST_TYPE = "type.googleapis.com/envoy.extensions.filters.listener.original_dst.v3.OriginalDst"
TLS_INSPECTOR_FILTER = "envoy.filters.listener.tls_inspector"
TLS_INSPECTOR_TYPE = "type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector"
HTTP_INSPECTOR_FILTER = "envoy.filters.listener.http_inspector"
HTTP_INSPECTOR_TYPE = "type.googleapis.com/envoy.extensions.filters.listener.http_inspector.v3.HttpInspector"
_L7 = ("http", "http2", "grpc")
_PROTOCOL_ORDER = {"tls": 0, "tcp": 1, "http": 2, "http2": 3, "grpc": 4}
_ILLEGAL_STAT_CHARS = re.compile(r"[^a-zA-Z_\-0-9]")


class MatchType(enum.IntEnum):
    """Kuma's match types; higher values are matched first."""

    WILDCARD_DOMAIN = 1
    DOMAIN = 2
    CIDR = 3
    CIDR_V6 = 4
    IP = 5
    IP_V6 = 6


@dataclass(frozen=True, slots=True)
class Route:
    """A domain served by an HTTP filter chain (its own virtual host)."""

    value: str
    match_type: MatchType


@dataclass(frozen=True, slots=True)
class FilterChainMatch:
    """One passthrough filter chain: protocol, port (0: any), what it matches, its HTTP domains."""

    protocol: str
    port: int
    match_type: MatchType
    value: str
    routes: tuple[Route, ...] = ()


def _sanitize(name: str) -> str:
    return _ILLEGAL_STAT_CHARS.sub("_", name)


def _is_ipv6(text: str) -> bool:
    try:
        return ipaddress.ip_address(text).version == 6
    except ValueError:
        return False


def _match_type(match: Mapping[str, Any], protocol: str) -> tuple[MatchType, bool]:
    kind, value = match.get("type"), str(match.get("value", ""))
    if kind == "Domain":
        if value.startswith("*"):
            # L7 wildcard domains share one chain per port (their virtual hosts differ).
            return (MatchType.DOMAIN, True) if protocol in _L7 else (MatchType.WILDCARD_DOMAIN, False)
        return MatchType.DOMAIN, False
    if kind == "IP":
        return (MatchType.IP_V6 if _is_ipv6(value) else MatchType.IP), False
    return (MatchType.CIDR_V6 if _is_ipv6(value.split("/")[0]) else MatchType.CIDR), False


def _domain_before(a: str, b: str) -> bool:
    """Kuma's ``sortDomains``: more labels first, then alphabetical."""
    parts_a, parts_b = len(a.split(".")), len(b.split("."))
    return parts_a > parts_b if parts_a != parts_b else a < b


def _network(cidr: str) -> tuple[str, int]:
    try:
        network = ipaddress.ip_network(cidr, strict=False)
    except ValueError:
        return "", 0
    return str(network.network_address), network.prefixlen


def _route_before(a: Route, b: Route) -> bool:
    if a.match_type != b.match_type:
        return a.match_type > b.match_type
    if a.match_type in (MatchType.DOMAIN, MatchType.WILDCARD_DOMAIN):
        return _domain_before(a.value, b.value)
    return False


def _matcher_before(a: FilterChainMatch, b: FilterChainMatch) -> bool:
    """Kuma's ``orderMatchers`` comparison."""
    order_a, order_b = _PROTOCOL_ORDER.get(a.protocol, 0), _PROTOCOL_ORDER.get(b.protocol, 0)
    if order_a != order_b:
        return order_a < order_b
    if a.match_type != b.match_type:
        return a.match_type > b.match_type
    if a.port != b.port:
        return a.port > b.port
    if a.match_type in (MatchType.DOMAIN, MatchType.WILDCARD_DOMAIN):
        return _domain_before(a.value, b.value)
    if a.match_type in (MatchType.CIDR, MatchType.CIDR_V6):
        ip_a, prefix_a = _network(a.value)
        ip_b, prefix_b = _network(b.value)
        return ip_a > ip_b if prefix_a == prefix_b else prefix_a > prefix_b
    if a.match_type in (MatchType.IP, MatchType.IP_V6):
        return a.value > b.value
    return len(a.routes) > len(b.routes)


def _sorted(items: Sequence[Any], before: Callable[[Any, Any], bool]) -> list[Any]:
    return sorted(items, key=cmp_to_key(lambda a, b: -1 if before(a, b) else (1 if before(b, a) else 0)))


def ordered_matchers(conf: Mapping[str, Any]) -> list[FilterChainMatch]:
    """Kuma's ``GetOrderedMatchers``: the filter chains of a conf's ``appendMatch``, in match order."""
    routes_by_key: dict[tuple[str, int, MatchType, str], dict[Route, None]] = {}
    ports: dict[int, set[str]] = {}
    for match in conf.get("appendMatch") or []:
        if not isinstance(match, Mapping):
            continue
        port = int(match.get("port") or 0)
        protocol = str(match.get("protocol") or "tcp").lower()
        match_type, wildcard = _match_type(match, protocol)
        ports.setdefault(port, set()).add(protocol)
        value = str(match.get("value", ""))
        if protocol in _L7 and match_type is MatchType.DOMAIN:
            route = Route(value, MatchType.WILDCARD_DOMAIN if wildcard else MatchType.DOMAIN)
            routes_by_key.setdefault((protocol, port, match_type, ""), {})[route] = None
        else:
            routes_by_key[(protocol, port, match_type, value)] = {}
    expanded: dict[tuple[str, int, MatchType, str], dict[Route, None]] = {}
    for key, routes in routes_by_key.items():
        expanded.setdefault(key, {}).update(routes)
        protocol, port, match_type, value = key
        if port == 0:
            for other in ports:
                if other:
                    expanded.setdefault((protocol, other, match_type, value), {}).update(routes)
    matchers = [
        FilterChainMatch(protocol, port, match_type, value, tuple(_sorted(list(routes), _route_before)))
        for (protocol, port, match_type, value), routes in expanded.items()
    ]
    return _sorted(matchers, _matcher_before)


def _port_name(port: int) -> str:
    return str(port) if port else "*"


def cluster_name(value: str, protocol: str, port: int) -> str:
    """``meshpassthrough_<protocol>_<value>_<port or *>``."""
    return f"meshpassthrough_{protocol}_{value}_{_port_name(port)}"


def filter_chain_name(name: str, protocol: str, port: int) -> str:
    """A passthrough filter chain's name (HTTP domain chains are named after the protocol only)."""
    if name == protocol:
        return f"meshpassthrough_{name}_{_port_name(port)}"
    return f"meshpassthrough_{protocol}_{name}_{_port_name(port)}"


def _address_match(matcher: FilterChainMatch, ipv6: bool) -> list[dict[str, Any]]:
    if matcher.match_type in (MatchType.CIDR, MatchType.CIDR_V6):
        ip, prefix = _network(matcher.value)
        return [{"addressPrefix": ip, "prefixLen": prefix}]
    if matcher.match_type in (MatchType.IP, MatchType.IP_V6):
        return [{"addressPrefix": matcher.value, "prefixLen": 128 if ipv6 else 32}]
    return []


def _skipped(matcher: FilterChainMatch, ipv6: bool) -> bool:
    """IPv4 addresses have no chain on the IPv6 listener, and the other way round."""
    if ipv6:
        return matcher.match_type in (MatchType.IP, MatchType.CIDR)
    return matcher.match_type in (MatchType.IP_V6, MatchType.CIDR_V6)


def _chain_match(matcher: FilterChainMatch, transport: str, ipv6: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"transportProtocol": transport}
    ranges = _address_match(matcher, ipv6)
    if ranges:
        out["prefixRanges"] = ranges
    if matcher.port:
        out["destinationPort"] = matcher.port
    return out


def _tcp_chain(matcher: FilterChainMatch, ipv6: bool, clusters: dict[str, str]) -> dict[str, Any] | None:
    if _skipped(matcher, ipv6):
        return None
    tls = matcher.protocol == "tls"
    protocol = "tls" if tls else "tcp"
    name = filter_chain_name(matcher.value, protocol, matcher.port)
    cluster = cluster_name(matcher.value, protocol, matcher.port)
    chain_match = _chain_match(matcher, "tls" if tls else "raw_buffer", ipv6)
    if tls and matcher.match_type in (MatchType.DOMAIN, MatchType.WILDCARD_DOMAIN):
        chain_match["serverNames"] = [matcher.value]
    clusters[cluster] = matcher.protocol
    proxy = {"@type": TCP_PROXY_TYPE, "statPrefix": _sanitize(cluster), "cluster": cluster}
    return {
        "name": name,
        "filterChainMatch": chain_match,
        "filters": [{"name": TCP_PROXY_FILTER, "typedConfig": proxy}],
    }


def _domains(route: Route, port: int) -> list[str]:
    domains = [route.value]
    if port and route.match_type in (MatchType.IP, MatchType.DOMAIN, MatchType.WILDCARD_DOMAIN):
        domains.append(f"{route.value}:{port}")
    if port and route.match_type is MatchType.IP_V6:
        domains += [f"[{route.value}]", f"[{route.value}]:{port}"]
    if not port and route.match_type is MatchType.DOMAIN:
        domains.append(f"{route.value}:*")
    return domains


def _http_chain(
    ctx: ProxyContext, matcher: FilterChainMatch, ipv6: bool, clusters: dict[str, str]
) -> dict[str, Any] | None:
    if _skipped(matcher, ipv6):
        return None
    hosts = []
    if matcher.match_type in (MatchType.DOMAIN, MatchType.WILDCARD_DOMAIN):
        name = filter_chain_name(matcher.protocol, matcher.protocol, matcher.port)
        for route in matcher.routes:
            cluster = cluster_name(route.value, matcher.protocol, matcher.port)
            hosts.append(_virtual_host(route.value, _domains(route, matcher.port), cluster))
            clusters[cluster] = matcher.protocol
        no_match = {"prefix": "/"}
        hosts.append(
            {
                "name": "no_match",
                "domains": ["*"],
                "routes": [
                    {
                        "match": no_match,
                        "directResponse": {"status": 503, "body": {"inlineString": NO_MATCH_MESSAGE}},
                    }
                ],
            }
        )
    else:
        name = filter_chain_name(matcher.value, matcher.protocol, matcher.port)
        cluster = cluster_name(matcher.value, matcher.protocol, matcher.port)
        hosts.append(_virtual_host(matcher.value, ["*"], cluster))
        clusters[cluster] = matcher.protocol
    hcm = {
        "@type": HCM_TYPE,
        "statPrefix": _sanitize(name),
        "httpFilters": [{"name": ROUTER_FILTER, "typedConfig": {"@type": ROUTER_TYPE}}],
        "internalAddressConfig": internal_address_config(ctx.ipv6),
        "routeConfig": {"name": name, "virtualHosts": hosts},
    }
    chain_match = _chain_match(matcher, "raw_buffer", ipv6)
    chain_match["applicationProtocols"] = ["http/1.1", "h2c"]
    return {
        "name": name,
        "filterChainMatch": chain_match,
        "filters": [{"name": HCM_FILTER, "typedConfig": hcm}],
    }


def _virtual_host(name: str, domains: list[str], cluster: str) -> dict[str, Any]:
    return {
        "name": name,
        "domains": domains,
        "routes": [{"match": {"prefix": "/"}, "route": {"cluster": cluster}}],
    }


def _listener_filter(name: str, type_url: str, disabled_ports: Sequence[int]) -> dict[str, Any]:
    out: dict[str, Any] = {"name": name, "typedConfig": {"@type": type_url}}
    if disabled_ports:
        rules = [{"destinationPortRange": {"start": p, "end": p + 1}} for p in disabled_ports]
        out["filterDisabled"] = rules[0] if len(rules) == 1 else {"orMatch": {"rules": rules}}
    return out


def _configure_listener(
    ctx: ProxyContext,
    listener: dict[str, Any],
    matchers: Sequence[FilterChainMatch],
    ipv6: bool,
    clusters: dict[str, str],
) -> None:
    chains = []
    mysql_ports = []
    for matcher in matchers:
        if matcher.protocol == "mysql":
            mysql_ports.append(matcher.port)
        if matcher.protocol in _L7:
            chain = _http_chain(ctx, matcher, ipv6, clusters)
        else:
            chain = _tcp_chain(matcher, ipv6, clusters)
        if chain is not None:
            chains.append(chain)
    listener["filterChains"] = chains
    filters: list[dict[str, Any]] = listener.setdefault("listenerFilters", [])
    names = {f.get("name") for f in filters}
    filters.append(_listener_filter(ORIGINAL_DST_FILTER, ORIGINAL_DST_TYPE, ()))
    if TLS_INSPECTOR_FILTER not in names:
        filters.append(_listener_filter(TLS_INSPECTOR_FILTER, TLS_INSPECTOR_TYPE, mysql_ports))
    if HTTP_INSPECTOR_FILTER not in names:
        filters.append(_listener_filter(HTTP_INSPECTOR_FILTER, HTTP_INSPECTOR_TYPE, mysql_ports))


def passthrough_cluster(name: str, protocol: str) -> dict[str, Any]:
    """An ORIGINAL_DST cluster (HTTP/2 towards gRPC and HTTP/2 destinations)."""
    cluster: dict[str, Any] = {"name": name, "type": "ORIGINAL_DST", "lbPolicy": "CLUSTER_PROVIDED"}
    if _sanitize(name) != name:
        cluster["altStatName"] = _sanitize(name)
    cluster["connectTimeout"] = DEFAULT_CONNECT_TIMEOUT
    if protocol in ("grpc", "http2"):
        cluster["typedExtensionProtocolOptions"] = builders.http_protocol_options(Protocol.HTTP2)
    return cluster


def _transparent_proxying(ctx: ProxyContext) -> bool:
    networking = ctx.dataplane.spec.get("networking") or {}
    return isinstance(networking.get("transparentProxying"), Mapping) and bool(
        networking["transparentProxying"]
    )


def configure_envoy(ctx: ProxyContext, rules: KindRules, resources: ProxyResources) -> None:
    """MeshPassthrough's Envoy translation (registered on :data:`KIND`)."""
    if rules.proxy is None or not isinstance(rules.proxy.conf, Mapping):
        return
    if not _transparent_proxying(ctx) or BIND_OUTBOUNDS_FEATURE in ctx.features:
        return  # Kuma: "policy doesn't support proxy running without transparent-proxy"
    conf = rules.proxy.conf
    mode = conf.get("passthroughMode") or "Matched"
    if mode == "All":
        return
    for name in PASSTHROUGH_LISTENERS.values():
        resources.remove(CLUSTER, name)
    if mode == "None" or not conf.get("appendMatch"):
        return
    matchers = ordered_matchers(conf)
    clusters: dict[str, str] = {}
    any_domain = any(m.match_type in (MatchType.DOMAIN, MatchType.WILDCARD_DOMAIN) for m in matchers)
    for version, types in ((4, (MatchType.CIDR, MatchType.IP)), (6, (MatchType.CIDR_V6, MatchType.IP_V6))):
        listener = resources.get(LISTENER, PASSTHROUGH_LISTENERS[version])
        if listener is None or not (any_domain or any(m.match_type in types for m in matchers)):
            continue
        _configure_listener(ctx, listener.resource, matchers, version == 6, clusters)
    for name, protocol in clusters.items():
        resources.add_resource(CLUSTER, passthrough_cluster(name, protocol), origin=ORIGIN)


EXAMPLE: dict[str, Any] = {
    "targetRef": {"kind": "Mesh"},
    "default": {
        "passthroughMode": "Matched",
        "appendMatch": [
            {"type": "Domain", "value": "api.github.com", "port": 443, "protocol": "tls"},
            {"type": "Domain", "value": "*.s3.amazonaws.com", "port": 443, "protocol": "tls"},
            {"type": "CIDR", "value": "10.20.0.0/16", "port": 5432, "protocol": "tcp"},
        ],
    },
}

KIND = KindDescriptor(
    name="MeshPassthrough",
    plural="meshpassthroughs",
    short_name="mp",
    scope=Scope.MESH,
    spec_model=MeshPassthroughSpec,
    validate=validate,
    description=(
        "Controls which traffic to destinations outside the mesh the selected proxies pass through: "
        "everything, nothing, or only the listed domains, IPs and CIDRs."
    ),
    policy=PolicyTraits(
        sections=frozenset({Section.TARGET_REF, Section.DEFAULT}),
        order=500,
        append_fields=(("appendMatch",),),
    ),
    example=EXAMPLE,
    extras={ENVOY_CONFIGURER: configure_envoy},
)
