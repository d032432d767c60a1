"""MeshRateLimit: local HTTP request and TCP connection rate limits, inbound (``rules``) or at gateways (``to``)."""

from __future__ import annotations

from typing import Annotated, Any

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
from pulumi_kuma.model.path import SPEC, FieldPath
from pulumi_kuma.model.policy import To, rules_path, validate_to, validate_top_level
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext
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
)
