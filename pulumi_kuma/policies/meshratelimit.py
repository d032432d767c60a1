"""MeshRateLimit: local HTTP request and TCP connection rate limits, inbound (``rules``) or at gateways (``to``)."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Annotated, Any

from pulumi_kuma.envoy import (
    ProxyContext,
    ProxyResources,
    filter_chains,
    network_filters,
    route_action,
    routes,
    virtual_hosts,
)
from pulumi_kuma.envoy.builders import go_duration
from pulumi_kuma.envoy.filters import upsert_http_filter
from pulumi_kuma.envoy.hooks import ENVOY_CONFIGURER
from pulumi_kuma.envoy.peer_routes import (
    PeerStateKeys,
    routes_to_a_cluster,
    same_match,
    specificity,
    spiffe_of,
    subsumes,
)
from pulumi_kuma.envoy.types import HCM_FILTER
from pulumi_kuma.model.base import REQUIRED, Duration, Items, KumaModel
from pulumi_kuma.model.common import (
    TOP_LEVEL_KINDS,
    HeaderKeyValue,
    Match,
    TopLevelTargetRef,
    check_greater_than_zero,
    duration_ns,
    top_level_ref,
    validate_match,
)
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.merge import MergeSpec, catch_all_conf, merge_confs
from pulumi_kuma.model.path import SPEC, FieldPath
from pulumi_kuma.model.policy import To, rules_path, validate_to, validate_top_level
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext
from pulumi_kuma.model.rules import InboundRule, KindRules
from pulumi_kuma.model.violations import Violations

# Top-level kinds whose policies also configure gateways, the only place ``to`` applies.
GATEWAY_KINDS = ("Mesh", "MeshHTTPRoute")
MIN_INTERVAL_NS = 50_000_000
_SPIFFE_FORBIDDEN = "can't be specified when matches contain spiffeID because this field cannot be conditioned on source identity"


class MeshRateLimitRate(KumaModel):
    """At most ``num`` requests or connections per ``interval`` (a token bucket)."""

    num: Annotated[int | None, REQUIRED] = None
    interval: Annotated[Duration | None, REQUIRED] = None


class MeshRateLimitHeaderModifier(KumaModel):
    """Headers added to (``add``) or replaced in (``set``) the rate-limited response."""

    set: Annotated[list[HeaderKeyValue] | None, Items(max_items=16)] = None
    add: Annotated[list[HeaderKeyValue] | None, Items(max_items=16)] = None


class MeshRateLimitOnRateLimit(KumaModel):
    """The response sent when a request is over the limit."""

    status: int | None = None
    headers: MeshRateLimitHeaderModifier | None = None


class MeshRateLimitLocalHttp(KumaModel):
    """HTTP request rate limiting, per proxy."""

    disabled: bool | None = None
    request_rate: MeshRateLimitRate | None = None
    on_rate_limit: MeshRateLimitOnRateLimit | None = None


class MeshRateLimitLocalTcp(KumaModel):
    """TCP connection rate limiting, per proxy."""

    disabled: bool | None = None
    connection_rate: MeshRateLimitRate | None = None


class MeshRateLimitLocal(KumaModel):
    """Limits each proxy enforces on its own (no shared rate limit service)."""

    http: MeshRateLimitLocalHttp | None = None
    tcp: MeshRateLimitLocalTcp | None = None


class MeshRateLimitConf(KumaModel):
    """Rate limits for incoming traffic."""

    local: MeshRateLimitLocal | None = None


class MeshRateLimitRule(KumaModel):
    """An inbound rule: limits for incoming traffic, optionally only from matching peers."""

    matches: list[Match] | None = None
    default: MeshRateLimitConf | None = None


class MeshRateLimitSpec(KumaModel):
    """The MeshRateLimit spec: which proxies (``targetRef``), inbound ``rules`` or gateway ``to``."""

    target_ref: TopLevelTargetRef | None = None
    to: list[To[MeshRateLimitConf]] | None = None
    rules: list[MeshRateLimitRule] | None = None


def _validate_rate(v: Violations, path: FieldPath, rate: MeshRateLimitRate) -> None:
    if (rate.num or 0) <= 0:
        v.add(path.field("num"), "must be greater than 0")
    if (duration_ns(rate.interval) or 0) <= MIN_INTERVAL_NS:
        v.add(path.field("interval"), "must be greater than: 50ms")


def _validate_conf(v: Violations, path: FieldPath, conf: MeshRateLimitConf | None) -> None:
    local_path = path.field("local")
    local = conf.local if conf is not None else None
    if local is None:
        v.add(local_path, "must be defined")
        return
    if local.tcp is None and local.http is None:
        v.add(local_path, "must have at least one defined: tcp, http")
    http = local.http
    if http is not None:
        http_path = local_path.field("http")
        if http.disabled is None and http.request_rate is None and http.on_rate_limit is None:
            v.add(http_path, "must have at least one defined: disabled, requestRate, onRateLimit")
        else:
            if http.request_rate is not None:
                _validate_rate(v, http_path.field("requestRate"), http.request_rate)
            if http.on_rate_limit is not None:
                status_path = http_path.field("onRateLimit").field("status")
                check_greater_than_zero(v, status_path, http.on_rate_limit.status)
    tcp = local.tcp
    if tcp is not None:
        tcp_path = local_path.field("tcp")
        if tcp.disabled is None and tcp.connection_rate is None:
            v.add(tcp_path, "must have at least one defined: disabled, connectionRate")
        elif tcp.connection_rate is not None:
            _validate_rate(v, tcp_path.field("connectionRate"), tcp.connection_rate)


def _validate_rule(v: Violations, path: FieldPath, rule: MeshRateLimitRule) -> None:
    has_spiffe = False
    for j, match in enumerate(rule.matches or []):
        validate_match(v, path.field("matches").index(j), match)
        has_spiffe = has_spiffe or match.spiffe_id is not None
    local = rule.default.local if rule.default is not None else None
    if has_spiffe and local is not None and local.tcp is not None:
        v.add(path.field("default").field("local").field("tcp"), _SPIFFE_FORBIDDEN)
    _validate_conf(v, path.field("default"), rule.default)


def validate(spec: MeshRateLimitSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshRateLimit validator."""
    v = Violations()
    if spec.rules and spec.to:
        v.add(SPEC, "field 'to' must be empty when 'rules' is defined")
    if not spec.rules and not spec.to:
        v.add(SPEC, "at least one of 'to' or 'rules' has to be defined")
    validate_top_level(v, spec.target_ref, allowed=TOP_LEVEL_KINDS, inbound_policy=bool(spec.rules))
    # Mesh-wide policies limit gateways through ``to``; Dataplane ones limit inbounds through ``rules``.
    for_gateways = top_level_ref(spec.target_ref).kind in GATEWAY_KINDS
    if spec.rules and for_gateways:
        v.add(SPEC.field("rules"), "must not be defined")
    else:
        for i, rule in enumerate(spec.rules or []):
            _validate_rule(v, rules_path(i), rule)
    if spec.to and not for_gateways:
        v.add(SPEC.field("to"), "must not be defined")
    else:
        validate_to(v, spec.to, ("Mesh",), _validate_conf)
    return v.items


# --- Envoy translation ------------------------------------------------------------------------------
#
# Kuma's MeshRateLimit plugin (``pkg/plugins/policies/meshratelimit/plugin``), for each inbound:
#
# * the catch-all rules, merged, apply to the whole listener (when there is a catch-all rule or no
#   rule at all): HTTP gets the ``local_ratelimit`` HTTP filter (an empty config with
#   ``statPrefix: rate_limit``) and the token bucket on every route (``typedPerFilterConfig``);
#   TCP gets the ``local_ratelimit`` network filter in front of the chain;
# * rules matching a peer's SPIFFE ID with HTTP limits copy each route in front of itself, matched
#   on the peer identity (a ``set_filter_state`` network filter puts it into filter state on the TLS
#   handshake), with the merge of the catch-all conf and every rule covering that peer.
#
# ``to`` (Mesh-wide policies) is for gateways, which Kuma 3.0 sidecars do not have: as in Kuma's
# plugin, only inbound rules configure a sidecar.

HTTP_FILTER = "envoy.filters.http.local_ratelimit"
HTTP_TYPE = "type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit"
TCP_FILTER = "envoy.extensions.filters.network.local_ratelimit.v3.LocalRateLimit"
TCP_TYPE = "type.googleapis.com/envoy.extensions.filters.network.local_ratelimit.v3.LocalRateLimit"
PEER_STATE = PeerStateKeys(
    spiffe_id="kuma.mesh_rate_limit.match.spiffe_id", sni="kuma.mesh_rate_limit.match.sni"
)


def _get(conf: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(conf, Mapping):
            return None
        conf = conf.get(key)
    return conf


def _status_code(code: int) -> int | str:
    """An HTTP status as Envoy's ``StatusCode`` enum (its name when the enum has one, as proto3 JSON)."""
    from envoy.type.v3.http_status_pb2 import StatusCode

    return StatusCode.Name(code) if code in StatusCode.values() else code


def route_rate_limit(http: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """Kuma's ``NewRateLimitConfiguration``: a route's ``LocalRateLimit`` from ``local.http``; None
    when it is disabled or has no request rate."""
    if not isinstance(http, Mapping) or http.get("disabled") is True:
        return None
    rate = http.get("requestRate")
    if not isinstance(rate, Mapping):
        return None
    requests = int(rate.get("num") or 0)
    config: dict[str, Any] = {"@type": HTTP_TYPE, "statPrefix": "rate_limit"}
    on_rate_limit = http.get("onRateLimit")
    headers: list[dict[str, Any]] = []
    if isinstance(on_rate_limit, Mapping):
        status = int(on_rate_limit.get("status") or 0)
        if status:
            config["status"] = {"code": _status_code(status)}
        found = on_rate_limit.get("headers")
        modifier: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
        for header in modifier.get("add") or []:
            # APPEND_IF_EXISTS_OR_ADD is the default append action (left out in proto3 JSON).
            headers.append({"header": {"key": header.get("name", ""), "value": header.get("value", "")}})
        for header in modifier.get("set") or []:
            for value in str(header.get("value", "")).split(","):
                headers.append(
                    {
                        "header": {"key": header.get("name", ""), "value": value},
                        "appendAction": "OVERWRITE_IF_EXISTS_OR_ADD",
                    }
                )
    config["tokenBucket"] = {
        "maxTokens": requests,
        "tokensPerFill": requests,
        "fillInterval": go_duration(str(rate.get("interval") or "0s")),
    }
    enabled = {"defaultValue": {"numerator": 100}, "runtimeKey": "local_rate_limit_enabled"}
    enforced = {"defaultValue": {"numerator": 100}, "runtimeKey": "local_rate_limit_enforced"}
    config["filterEnabled"] = enabled
    config["filterEnforced"] = enforced
    if headers:
        config["responseHeadersToAdd"] = headers
    return config


def _http_filter() -> dict[str, Any]:
    return {"name": HTTP_FILTER, "typedConfig": {"@type": HTTP_TYPE, "statPrefix": "rate_limit"}}


def _tcp_filter(tcp: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not isinstance(tcp, Mapping) or tcp.get("disabled") is True:
        return None
    rate = tcp.get("connectionRate")
    if not isinstance(rate, Mapping):
        return None
    connections = int(rate.get("num") or 0)
    return {
        "name": TCP_FILTER,
        "typedConfig": {
            "@type": TCP_TYPE,
            "statPrefix": "tcp_rate_limit",
            "tokenBucket": {
                "maxTokens": connections,
                "tokensPerFill": connections,
                "fillInterval": go_duration(str(rate.get("interval") or "0s")),
            },
        },
    }


def configure_filter_chain(chain: dict[str, Any], conf: Mapping[str, Any]) -> None:
    """The listener-wide limits of a merged conf on one filter chain."""
    limit = route_rate_limit(_get(conf, "local", "http"))
    if limit is not None:
        for item in network_filters(chain, HCM_FILTER):
            hcm = item.get("typedConfig")
            if not isinstance(hcm, dict) or not isinstance(hcm.get("routeConfig"), dict):
                continue
            for route in routes(hcm):
                per_filter = route.setdefault("typedPerFilterConfig", {})
                per_filter.setdefault(HTTP_FILTER, copy.deepcopy(limit))
            upsert_http_filter(hcm, _http_filter())
    tcp = _tcp_filter(_get(conf, "local", "tcp"))
    if tcp is not None:
        filters = chain.setdefault("filters", [])
        for index, existing in enumerate(filters):
            if existing.get("name") == TCP_FILTER:
                filters[index] = tcp
                break
        else:
            filters.insert(0, tcp)


# --- inbound rules matching a peer ----------------------------------------------------------------


def _matched_rules(rules: Sequence[InboundRule]) -> list[InboundRule]:
    """Rules matching a SPIFFE ID with HTTP limits, most specific first."""
    matched = [
        r for r in rules if spiffe_of(r.match) is not None and _get(r.conf, "local", "http") is not None
    ]
    return sorted(matched, key=lambda r: specificity(r.match), reverse=True)


def _effective_rules(
    base: Mapping[str, Any], matched: list[InboundRule]
) -> list[tuple[Any, dict[str, Any] | None]]:
    """One ``(match, route rate limit)`` per distinct match: the merge of the catch-all conf (when it
    limits HTTP) and of every rule covering that match, the more specific ones applied last."""
    base_has_http = _get(base, "local", "http") is not None
    out: list[tuple[Any, dict[str, Any] | None]] = []
    for rule in matched:
        if any(same_match(match, rule.match) for match, _ in out):
            continue
        applicable = sorted(
            (r for r in matched if subsumes(r.match, rule.match)), key=lambda r: specificity(r.match)
        )
        if not applicable and not base_has_http:
            continue
        confs = ([base] if base_has_http else []) + [r.conf for r in applicable]
        merged = merge_confs(confs, MergeSpec.of(KIND.policy))
        if merged:
            out.append((rule.match, route_rate_limit(_get(merged[0], "local", "http"))))
    return out


def configure_matched_routes(
    chain: dict[str, Any], base: Mapping[str, Any], rules: Sequence[InboundRule]
) -> None:
    """Copy each route in front of itself once per peer-matched rule, with that peer's limit."""
    matched = _matched_rules(rules)
    if not matched:
        return
    effective = _effective_rules(base, matched)
    if not effective:
        return
    has_limit = any(limit is not None for _, limit in effective)
    if route_rate_limit(_get(base, "local", "http")) is None and not has_limit:
        return
    PEER_STATE.ensure_filter_state(chain, (match for match, _ in effective))
    for item in network_filters(chain, HCM_FILTER):
        hcm = item.get("typedConfig")
        if not isinstance(hcm, dict):
            continue
        if has_limit:
            upsert_http_filter(hcm, _http_filter())
        for host in virtual_hosts(hcm):
            expanded: list[dict[str, Any]] = []
            for route in host.get("routes") or []:
                for match, limit in effective:
                    if "match" not in route or not routes_to_a_cluster(route_action(route)):
                        continue
                    clone = copy.deepcopy(route)
                    clone["match"].setdefault("filterState", []).extend(PEER_STATE.matchers(match))
                    per_filter = clone.get("typedPerFilterConfig")
                    if limit is not None:
                        clone.setdefault("typedPerFilterConfig", {})[HTTP_FILTER] = copy.deepcopy(limit)
                    elif isinstance(per_filter, dict):
                        per_filter.pop(HTTP_FILTER, None)
                    expanded.append(clone)
                expanded.append(route)
            host["routes"] = expanded


def configure_envoy(ctx: ProxyContext, rules: KindRules, resources: ProxyResources) -> None:
    """MeshRateLimit's Envoy translation (registered on :data:`KIND`)."""
    for inbound in ctx.inbounds:
        listener = resources.inbound_listener(inbound)
        if listener is None:
            continue
        inbound_rules = rules.inbound.get(inbound.listener, ())
        if not inbound_rules:
            continue
        conf = catch_all_conf(KIND, inbound_rules) or {}
        apply_common = any(rule.match is None for rule in inbound_rules)
        for chain in filter_chains(listener.resource):
            if apply_common:
                configure_filter_chain(chain, conf)
            configure_matched_routes(chain, conf, inbound_rules)


EXAMPLE: dict[str, Any] = {
    "targetRef": {"kind": "Dataplane", "labels": {"app": "backend"}},
    "rules": [
        {
            "default": {
                "local": {
                    "http": {
                        "requestRate": {"num": 100, "interval": "1s"},
                        "onRateLimit": {
                            "status": 429,
                            "headers": {"set": [{"name": "x-rate-limited", "value": "true"}]},
                        },
                    },
                    "tcp": {"connectionRate": {"num": 50, "interval": "1s"}},
                }
            }
        }
    ],
}

KIND = KindDescriptor(
    name="MeshRateLimit",
    plural="meshratelimits",
    short_name="mrl",
    scope=Scope.MESH,
    spec_model=MeshRateLimitSpec,
    validate=validate,
    description=(
        "Caps the rate of HTTP requests and TCP connections each proxy accepts, answering excess "
        "requests with a configurable status and headers."
    ),
    policy=PolicyTraits(sections=frozenset({Section.TARGET_REF, Section.TO, Section.RULES}), order=900),
    example=EXAMPLE,
    extras={ENVOY_CONFIGURER: configure_envoy},
)
