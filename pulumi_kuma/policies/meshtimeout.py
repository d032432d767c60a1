"""MeshTimeout: connection, idle and HTTP timeouts, outbound (``to``) and inbound (``rules``)."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

from pulumi_kuma.envoy import (
    CLUSTER,
    Protocol,
    ProxyContext,
    ProxyResources,
    common_http_protocol_options,
    filter_chains,
    http_connection_managers,
    network_filters,
    route_action,
    routes,
    virtual_hosts,
)
from pulumi_kuma.envoy.builders import go_duration
from pulumi_kuma.envoy.hooks import ENVOY_CONFIGURER
from pulumi_kuma.envoy.names import is_kri
from pulumi_kuma.envoy.peer_routes import (
    PeerStateKeys,
    routes_to_a_cluster,
    same_match,
    specificity,
    spiffe_of,
    subsumes,
)
from pulumi_kuma.envoy.types import HCM_FILTER, TCP_PROXY_FILTER
from pulumi_kuma.model.base import Duration, KumaModel
from pulumi_kuma.model.common import (
    OUTBOUND_KINDS,
    TOP_LEVEL_KINDS,
    Match,
    TopLevelTargetRef,
    check_duration_not_negative,
    check_duration_positive,
    validate_match,
    validate_target_ref,
)
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.merge import MergeSpec, catch_all_conf, merge_confs
from pulumi_kuma.model.path import SPEC, FieldPath
from pulumi_kuma.model.policy import To, rules_path, to_path, validate_top_level
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext
from pulumi_kuma.model.rules import InboundRule, KindRules
from pulumi_kuma.model.violations import Violations


class MeshTimeoutHttp(KumaModel):
    """HTTP-specific timeouts. ``0`` disables a timeout."""

    request_timeout: Duration | None = None
    stream_idle_timeout: Duration | None = None
    max_stream_duration: Duration | None = None
    max_connection_duration: Duration | None = None
    request_headers_timeout: Duration | None = None


class MeshTimeoutConf(KumaModel):
    """Timeouts for a group of destinations or for incoming traffic."""

    connection_timeout: Duration | None = None
    idle_timeout: Duration | None = None
    http: MeshTimeoutHttp | None = None


class MeshTimeoutRule(KumaModel):
    """An inbound rule: timeouts for incoming traffic, optionally only for matching peers."""

    matches: list[Match] | None = None
    default: MeshTimeoutConf | None = None


class MeshTimeoutSpec(KumaModel):
    """The MeshTimeout spec: which proxies (``targetRef``), outbound ``to`` or inbound ``rules``."""

    target_ref: TopLevelTargetRef | None = None
    to: list[To[MeshTimeoutConf]] | None = None
    rules: list[MeshTimeoutRule] | None = None


_SPIFFE_FORBIDDEN = "can't be specified when matches contain spiffeID because this field cannot be conditioned on source identity"
_ROUTE_FORBIDDEN = "can't be specified when top-level TargetRef is referencing MeshHTTPRoute"


def _validate_conf(v: Violations, path: FieldPath, conf: MeshTimeoutConf | None, *, top_kind: str) -> None:
    if conf is None or (conf.connection_timeout is None and conf.idle_timeout is None and conf.http is None):
        v.add(path, "at least one timeout should be configured")
        return
    check_duration_positive(v, path.field("connectionTimeout"), conf.connection_timeout)
    check_duration_not_negative(v, path.field("idleTimeout"), conf.idle_timeout)
    http = conf.http
    if http is not None:
        hpath = path.field("http")
        if (
            http.request_timeout is None
            and http.stream_idle_timeout is None
            and http.max_stream_duration is None
            and http.max_connection_duration is None
        ):
            v.add(hpath, "at least one timeout in this section should be configured")
        check_duration_not_negative(v, hpath.field("requestTimeout"), http.request_timeout)
        check_duration_not_negative(v, hpath.field("streamIdleTimeout"), http.stream_idle_timeout)
        check_duration_not_negative(v, hpath.field("maxStreamDuration"), http.max_stream_duration)
        check_duration_not_negative(v, hpath.field("maxConnectionDuration"), http.max_connection_duration)
        check_duration_not_negative(v, hpath.field("requestHeadersTimeout"), http.request_headers_timeout)
    if top_kind == "MeshHTTPRoute":
        for field, value in (
            (path.field("connectionTimeout"), conf.connection_timeout),
            (path.field("idleTimeout"), conf.idle_timeout),
            (path.field("http").field("maxStreamDuration"), http.max_stream_duration if http else None),
            (
                path.field("http").field("maxConnectionDuration"),
                http.max_connection_duration if http else None,
            ),
        ):
            if value is not None:
                v.add(field, _ROUTE_FORBIDDEN)


def _validate_spiffe_conditioned(v: Violations, path: FieldPath, conf: MeshTimeoutConf | None) -> None:
    if conf is None:
        return
    http = conf.http
    for field, value in (
        (path.field("connectionTimeout"), conf.connection_timeout),
        (path.field("idleTimeout"), conf.idle_timeout),
        (path.field("http").field("requestHeadersTimeout"), http.request_headers_timeout if http else None),
        (path.field("http").field("maxStreamDuration"), http.max_stream_duration if http else None),
        (path.field("http").field("maxConnectionDuration"), http.max_connection_duration if http else None),
    ):
        if value is not None:
            v.add(field, _SPIFFE_FORBIDDEN)


def validate(spec: MeshTimeoutSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshTimeout validator."""
    v = Violations()
    top_kind = spec.target_ref.kind if spec.target_ref is not None else "Mesh"
    validate_top_level(v, spec.target_ref, allowed=TOP_LEVEL_KINDS, inbound_policy=bool(spec.rules))
    if spec.to and spec.rules:
        v.add(SPEC, "fields 'to' must be empty when 'rules' is defined")
    elif not spec.to and not spec.rules:
        v.add(SPEC, "at least one of 'to' or 'rules' has to be defined")
    allowed_to = ("Mesh", "MeshExternalService") if top_kind == "MeshHTTPRoute" else OUTBOUND_KINDS
    for i, item in enumerate(spec.to or []):
        validate_target_ref(v, to_path(i).field("targetRef"), item.target_ref, allowed_to)
        _validate_conf(v, to_path(i).field("default"), item.default, top_kind=top_kind)
    for i, rule in enumerate(spec.rules or []):
        path = rules_path(i)
        has_spiffe = False
        for j, match in enumerate(rule.matches or []):
            validate_match(v, path.field("matches").index(j), match)
            has_spiffe = has_spiffe or match.spiffe_id is not None
        _validate_conf(v, path.field("default"), rule.default, top_kind=top_kind)
        if has_spiffe:
            _validate_spiffe_conditioned(v, path.field("default"), rule.default)
    return v.items


# --- Envoy translation ------------------------------------------------------------------------------
#
# Kuma's MeshTimeout plugin (``pkg/plugins/policies/meshtimeout/plugin``). Every listener and cluster
# gets timeouts, from the matching rule or from Kuma's defaults (``policies/core/defaults``):
#
# * clusters: ``connectTimeout``; HTTP(/2) ones also ``commonHttpProtocolOptions`` idle timeout,
#   max stream and max connection duration;
# * HTTP connection managers: ``requestHeadersTimeout``, and ``commonHttpProtocolOptions.idleTimeout``
#   0s (the cluster carries the idle timeout); every route ``timeout`` (request) and ``idleTimeout``
#   (stream idle); TCP proxies: ``idleTimeout``;
# * inbound: the catch-all ``rules`` merged; rules matching a SPIFFE ID with HTTP timeouts copy each
#   route in front of it, matched on the peer's URI SAN (a ``set_filter_state`` network filter);
# * outbound: the ``to`` conf of the destination port (then the service, then the mesh); routes
#   named by a MeshHTTPRoute rule's KRI look up that route first.

DEFAULT_CONNECT_TIMEOUT = "5s"
DEFAULT_IDLE_TIMEOUT = "1h"
DEFAULT_STREAM_IDLE_TIMEOUT = "30m"
DEFAULT_REQUEST_TIMEOUT = "15s"
DEFAULT_REQUEST_HEADERS_TIMEOUT = "0s"
DEFAULT_MAX_STREAM_DURATION = "0s"
DEFAULT_MAX_CONNECTION_DURATION = "0s"

PEER_STATE = PeerStateKeys(spiffe_id="kuma.mesh_timeout.match.spiffe_id", sni="kuma.mesh_timeout.match.sni")


def _duration(value: Any, default: str) -> str:
    """The proto3-JSON duration of a conf value (a Go duration string), or of the default."""
    return go_duration(value if isinstance(value, str) else default)


def _http(conf: Mapping[str, Any]) -> Mapping[str, Any]:
    http = conf.get("http")
    return http if isinstance(http, dict) else {}


def configure_cluster(cluster: dict[str, Any], conf: Mapping[str, Any], protocol: Protocol | None) -> None:
    """Connect timeout; for HTTP and HTTP/2 (not gRPC, as Kuma) the upstream HTTP idle timeout and
    the max stream and connection durations."""
    cluster["connectTimeout"] = _duration(conf.get("connectionTimeout"), DEFAULT_CONNECT_TIMEOUT)
    if protocol in (Protocol.HTTP, Protocol.HTTP2):
        http = _http(conf)
        common = common_http_protocol_options(cluster)
        common["idleTimeout"] = _duration(conf.get("idleTimeout"), DEFAULT_IDLE_TIMEOUT)
        common["maxStreamDuration"] = _duration(http.get("maxStreamDuration"), DEFAULT_MAX_STREAM_DURATION)
        common["maxConnectionDuration"] = _duration(
            http.get("maxConnectionDuration"), DEFAULT_MAX_CONNECTION_DURATION
        )


def configure_route(route: dict[str, Any], http: Mapping[str, Any]) -> None:
    """A route's request timeout (default 15s) and stream idle timeout (default 30m, only when the
    route has none yet)."""
    action = route_action(route)
    if action is None:
        return
    action["timeout"] = _duration(http.get("requestTimeout"), DEFAULT_REQUEST_TIMEOUT)
    if http.get("streamIdleTimeout") is not None:
        action["idleTimeout"] = _duration(http["streamIdleTimeout"], DEFAULT_STREAM_IDLE_TIMEOUT)
    elif "idleTimeout" not in action:
        action["idleTimeout"] = go_duration(DEFAULT_STREAM_IDLE_TIMEOUT)


def configure_filter_chain(chain: dict[str, Any], conf: Mapping[str, Any]) -> None:
    """The conf's timeouts on a filter chain's HTTP connection manager and TCP proxy."""
    http = _http(conf)
    for item in network_filters(chain, HCM_FILTER):
        hcm = item.get("typedConfig")
        if not isinstance(hcm, dict):
            continue
        for route in routes(hcm):
            configure_route(route, http)
        hcm["requestHeadersTimeout"] = _duration(
            http.get("requestHeadersTimeout"), DEFAULT_REQUEST_HEADERS_TIMEOUT
        )
        # The cluster carries the idle timeout; the old Timeout policy set it here.
        hcm.setdefault("commonHttpProtocolOptions", {})["idleTimeout"] = "0s"
    for item in network_filters(chain, TCP_PROXY_FILTER):
        proxy = item.get("typedConfig")
        if isinstance(proxy, dict):
            proxy["idleTimeout"] = _duration(conf.get("idleTimeout"), DEFAULT_IDLE_TIMEOUT)


# --- inbound rules matching a SPIFFE ID -----------------------------------------------------------


def _route_rules(rules: Sequence[InboundRule]) -> list[InboundRule]:
    """Rules with a SPIFFE ID match and an HTTP request or stream idle timeout, most specific first."""
    matched = []
    for rule in rules:
        if spiffe_of(rule.match) is None or not isinstance(rule.conf, dict):
            continue
        http = _http(rule.conf)
        if http.get("requestTimeout") is None and http.get("streamIdleTimeout") is None:
            continue
        matched.append(rule)
    return sorted(matched, key=lambda r: specificity(r.match), reverse=True)


def _effective_route_rules(matched: list[InboundRule]) -> list[tuple[Any, Mapping[str, Any]]]:
    """One (match, conf) per distinct match: the merge of every rule that covers it, the more
    specific ones applied last."""
    out: list[tuple[Any, Mapping[str, Any]]] = []
    for rule in matched:
        if any(same_match(match, rule.match) for match, _ in out):
            continue
        covering = [r for r in matched if subsumes(r.match, rule.match)]
        if not covering:
            continue
        covering.sort(key=lambda r: specificity(r.match))
        merged = merge_confs([r.conf for r in covering], MergeSpec.of(KIND.policy))
        if merged:
            out.append((rule.match, merged[0]))
    return out


def configure_matched_routes(chain: dict[str, Any], rules: Sequence[InboundRule]) -> None:
    """Copy each route in front of itself once per SPIFFE-matched rule, with that rule's timeouts."""
    matched = _route_rules(rules)
    if not matched:
        return
    PEER_STATE.ensure_filter_state(chain, (rule.match for rule in matched))
    effective = _effective_route_rules(matched)
    for item in network_filters(chain, HCM_FILTER):
        hcm = item.get("typedConfig")
        if not isinstance(hcm, dict):
            continue
        for host in virtual_hosts(hcm):
            expanded: list[dict[str, Any]] = []
            for route in host.get("routes") or []:
                for match, conf in effective:
                    if "match" not in route or not routes_to_a_cluster(route_action(route)):
                        continue
                    clone = copy.deepcopy(route)
                    clone["match"].setdefault("filterState", []).extend(PEER_STATE.matchers(match))
                    action = clone["route"]
                    http = _http(conf)
                    if http.get("requestTimeout") is not None:
                        action["timeout"] = go_duration(http["requestTimeout"])
                    if http.get("streamIdleTimeout") is not None:
                        action["idleTimeout"] = go_duration(http["streamIdleTimeout"])
                    expanded.append(clone)
                expanded.append(route)
            host["routes"] = expanded


# --- the hook -------------------------------------------------------------------------------------


def configure_envoy(ctx: ProxyContext, rules: KindRules, resources: ProxyResources) -> None:
    """MeshTimeout's Envoy translation (registered on :data:`KIND`)."""
    for inbound in ctx.inbounds:
        listener = resources.inbound_listener(inbound)
        if listener is None:
            continue
        inbound_rules = rules.inbound.get(inbound.listener, ())
        conf = catch_all_conf(KIND, inbound_rules) or {}
        apply_common = not inbound_rules or any(rule.match is None for rule in inbound_rules)
        for chain in filter_chains(listener.resource):
            if apply_common:
                configure_filter_chain(chain, conf)
            configure_matched_routes(chain, inbound_rules)
        cluster = resources.inbound_cluster(inbound)
        if cluster is not None and apply_common:
            configure_cluster(cluster.resource, conf, inbound.protocol)

    for entry in [*resources.outbound_listeners(), *resources.outbound_clusters()]:
        destination = entry.destination
        assert destination is not None
        service_keys = [destination.kri, destination.base_kri]
        conf = ctx.outbound_conf(rules, service_keys) or {}
        if entry.type_url == CLUSTER:
            configure_cluster(entry.resource, conf, entry.protocol)
            continue
        body = entry.resource
        for chain in filter_chains(body):
            configure_filter_chain(chain, conf)
        for hcm in http_connection_managers(body):
            for route in routes(hcm):
                name = route.get("name")
                if isinstance(name, str) and is_kri(name):
                    route_conf = ctx.route_conf(rules, name, destination) or {}
                    configure_route(route, _http(route_conf))


EXAMPLE: dict[str, Any] = {
    "targetRef": {"kind": "Mesh"},
    "to": [
        {
            "targetRef": {"kind": "MeshService", "labels": {"kuma.io/display-name": "backend"}},
            "default": {"connectionTimeout": "2s", "idleTimeout": "20s", "http": {"requestTimeout": "5s"}},
        }
    ],
}

KIND = KindDescriptor(
    name="MeshTimeout",
    plural="meshtimeouts",
    short_name="mt",
    scope=Scope.MESH,
    spec_model=MeshTimeoutSpec,
    validate=validate,
    description=(
        "Sets connection, idle and HTTP timeouts so that requests fail fast instead of hanging: "
        "outbound per destination (`to`) or inbound per listener (`rules`)."
    ),
    policy=PolicyTraits(sections=frozenset({Section.TARGET_REF, Section.TO, Section.RULES}), order=1000),
    example=EXAMPLE,
    extras={ENVOY_CONFIGURER: configure_envoy},
)
