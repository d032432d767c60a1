"""MeshRetry: how proxies retry failed TCP connections, HTTP requests and gRPC calls to destinations."""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from typing import Annotated, Any

from pulumi_kuma.envoy import (
    Protocol,
    ProxyContext,
    ProxyResources,
    http_connection_managers,
    route_action,
    routes,
    tcp_proxies,
)
from pulumi_kuma.envoy.builders import go_duration
from pulumi_kuma.envoy.hooks import ENVOY_CONFIGURER
from pulumi_kuma.envoy.names import is_kri
from pulumi_kuma.model.base import REQUIRED, Default, Duration, KumaModel, OneOf
from pulumi_kuma.model.common import (
    OUTBOUND_KINDS,
    TOP_LEVEL_KINDS,
    HeaderMatch,
    HeaderName,
    TopLevelTargetRef,
    duration_ns,
    top_level_ref,
    validate_target_ref,
)
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.path import FieldPath
from pulumi_kuma.model.policy import To, to_path, validate_top_level
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext
from pulumi_kuma.model.rules import KindRules
from pulumi_kuma.model.violations import Violations

HTTP_RETRY_ON = (
    "5xx",
    "GatewayError",
    "Reset",
    "Retriable4xx",
    "ConnectFailure",
    "EnvoyRatelimited",
    "RefusedStream",
    "Http3PostConnectFailure",
    "HttpMethodConnect",
    "HttpMethodDelete",
    "HttpMethodGet",
    "HttpMethodHead",
    "HttpMethodOptions",
    "HttpMethodPatch",
    "HttpMethodPost",
    "HttpMethodPut",
    "HttpMethodTrace",
)
GRPC_RETRY_ON = ("Canceled", "DeadlineExceeded", "Internal", "ResourceExhausted", "Unavailable")
HOST_PREDICATES = ("OmitPreviousHosts", "OmitHostsWithTags", "OmitPreviousPriorities")

# Status codes Go's net/http has a text for: ``retryOn`` accepts these as decimal strings.
KNOWN_STATUS_CODES = frozenset(
    [
        *range(100, 104),
        *range(200, 209),
        226,
        *range(300, 306),
        307,
        308,
        *range(400, 419),
        *range(421, 427),
        428,
        429,
        431,
        451,
        *range(500, 509),
        510,
        511,
    ]
)
_GO_ATOI = re.compile(r"[+-]?[0-9]+")


class MeshRetryTcp(KumaModel):
    """TCP retries: how many times a connection is attempted."""

    max_connect_attempt: int | None = None


class MeshRetryBackOff(KumaModel):
    """Exponential back-off between retries, from ``baseInterval`` up to ``maxInterval``."""

    base_interval: Duration | None = None
    max_interval: Duration | None = None


class MeshRetryResetHeader(KumaModel):
    """A response header that tells when to retry (e.g. ``Retry-After``), and how to read it."""

    name: Annotated[HeaderName, REQUIRED] = ""
    format: Annotated[str, REQUIRED, OneOf("Seconds", "UnixTimestamp")] = ""


class MeshRetryRateLimitedBackOff(KumaModel):
    """Back-off driven by the upstream's rate limit headers."""

    reset_headers: list[MeshRetryResetHeader] | None = None
    max_interval: Duration | None = None


class MeshRetryHostPredicate(KumaModel):
    """Which hosts a retry avoids: previous hosts, hosts with ``tags``, or previous priorities."""

    predicate: Annotated[str, REQUIRED, OneOf(*HOST_PREDICATES)] = ""
    tags: dict[str, str] | None = None
    update_frequency: Annotated[int | None, Default(2)] = None


class MeshRetryHttp(KumaModel):
    """HTTP retries: how often, on which failures and with what back-off."""

    num_retries: int | None = None
    per_try_timeout: Duration | None = None
    back_off: MeshRetryBackOff | None = None
    rate_limited_back_off: MeshRetryRateLimitedBackOff | None = None
    retry_on: list[str] | None = None
    retriable_response_headers: list[HeaderMatch] | None = None
    retriable_request_headers: list[HeaderMatch] | None = None
    host_selection: list[MeshRetryHostPredicate] | None = None
    host_selection_max_attempts: int | None = None


class MeshRetryGrpc(KumaModel):
    """gRPC retries: how often, on which status codes and with what back-off."""

    num_retries: int | None = None
    per_try_timeout: Duration | None = None
    back_off: MeshRetryBackOff | None = None
    rate_limited_back_off: MeshRetryRateLimitedBackOff | None = None
    retry_on: Annotated[list[str] | None, OneOf(*GRPC_RETRY_ON)] = None


class MeshRetryConf(KumaModel):
    """Retry settings per protocol for a group of destinations."""

    tcp: MeshRetryTcp | None = None
    http: MeshRetryHttp | None = None
    grpc: MeshRetryGrpc | None = None


class MeshRetrySpec(KumaModel):
    """The MeshRetry spec: which proxies (``targetRef``) retry to which destinations (``to``)."""

    target_ref: TopLevelTargetRef | None = None
    to: list[To[MeshRetryConf]] | None = None


def _is_http_retry_on(item: str) -> bool:
    if item in HTTP_RETRY_ON:
        return True
    return bool(_GO_ATOI.fullmatch(item)) and int(item) in KNOWN_STATUS_CODES


def _validate_back_offs(
    v: Violations,
    path: FieldPath,
    back_off: MeshRetryBackOff | None,
    limited: MeshRetryRateLimitedBackOff | None,
) -> None:
    if back_off is not None and back_off.base_interval is None and back_off.max_interval is None:
        v.add(path.field("backOff"), "must not be empty")
    if limited is not None:
        limited_path = path.field("rateLimitedBackOff")
        if limited.max_interval is not None and (duration_ns(limited.max_interval) or 0) <= 0:
            v.add(limited_path.field("maxInterval"), "must be defined and greater than zero")
        if limited.reset_headers is None:
            v.add(limited_path.field("resetHeaders"), "must be defined")
        for k, header in enumerate(limited.reset_headers or []):
            if not header.name:
                v.add(limited_path.field("resetHeaders").index(k).field("name"), "must be defined")


def _validate_host_selection(
    v: Violations, path: FieldPath, predicates: list[MeshRetryHostPredicate]
) -> None:
    priorities_seen = False
    for k, predicate in enumerate(predicates):
        item = path.index(k)
        if predicate.predicate == "OmitHostsWithTags":
            if predicate.tags is None:
                v.add(item.field("tags"), "must be defined")
        elif predicate.predicate == "OmitPreviousPriorities":
            if priorities_seen:
                v.add(item.field("predicate"), "OmitPreviousPriorities must only be specified once")
            if (predicate.update_frequency or 0) <= 0:
                v.add(item.field("updateFrequency"), "must be defined and greater than zero")
            priorities_seen = True
        elif predicate.predicate != "OmitPreviousHosts":
            v.add(item.field("predicate"), f"unknown predicate type '{predicate.predicate}'")


def _validate_http(v: Violations, path: FieldPath, http: MeshRetryHttp) -> None:
    if (
        http.num_retries is None
        and http.per_try_timeout is None
        and http.back_off is None
        and http.retry_on is None
        and http.retriable_request_headers is None
        and http.retriable_response_headers is None
        and http.rate_limited_back_off is None
        and http.host_selection is None
    ):
        v.add(path, "must not be empty")
    _validate_back_offs(v, path, http.back_off, http.rate_limited_back_off)
    for k, item in enumerate(http.retry_on or []):
        if not _is_http_retry_on(item):
            v.add(path.field("retryOn").index(k), f"unknown item '{item}'")
    if http.host_selection is not None:
        _validate_host_selection(v, path.field("hostSelection"), http.host_selection)


def _validate_grpc(v: Violations, path: FieldPath, grpc: MeshRetryGrpc) -> None:
    if (
        grpc.num_retries is None
        and grpc.per_try_timeout is None
        and grpc.back_off is None
        and grpc.retry_on is None
        and grpc.rate_limited_back_off is None
    ):
        v.add(path, "must not be empty")
    _validate_back_offs(v, path, grpc.back_off, grpc.rate_limited_back_off)
    for k, item in enumerate(grpc.retry_on or []):
        if item not in GRPC_RETRY_ON:
            v.add(path.field("retryOn").index(k), f"unknown item '{item}'")


def _validate_conf(v: Violations, path: FieldPath, conf: MeshRetryConf) -> None:
    if conf.tcp is None and conf.http is None and conf.grpc is None:
        v.add(path, "at least one of the 'tcp', 'http', 'grpc' must be specified")
    if conf.tcp is not None:
        attempts = conf.tcp.max_connect_attempt
        if attempts is None:
            v.add(path.field("tcp"), "must not be empty")
        elif attempts <= 0:
            v.add(path.field("tcp").field("maxConnectAttempt"), "must be greater than 0")
    if conf.http is not None:
        _validate_http(v, path.field("http"), conf.http)
    if conf.grpc is not None:
        _validate_grpc(v, path.field("grpc"), conf.grpc)


def validate(spec: MeshRetrySpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshRetry validator (an empty ``to`` is allowed)."""
    v = Violations()
    validate_top_level(v, spec.target_ref, allowed=TOP_LEVEL_KINDS, inbound_policy=False)
    if top_level_ref(spec.target_ref).kind == "MeshHTTPRoute":
        allowed_to: tuple[str, ...] = ("Mesh", "MeshExternalService")
    else:
        allowed_to = OUTBOUND_KINDS
    for i, item in enumerate(spec.to or []):
        validate_target_ref(v, to_path(i).field("targetRef"), item.target_ref, allowed_to)
        # Kuma reports conf errors one level deeper, under ``default.conf``.
        _validate_conf(v, to_path(i).field("default").field("conf"), item.default or MeshRetryConf())
    return v.items


# --- Envoy translation ----------------------------------------------------------------------------
#
# Kuma's MeshRetry plugin (``pkg/plugins/policies/meshretry/plugin``). Outbound listeners only:
#
# * HTTP destinations (protocol ``http``; Kuma leaves ``http2`` alone) and gRPC ones get a route
#   ``retryPolicy`` on every route, from the destination's conf; a route named by a MeshHTTPRoute
#   rule's KRI uses that route's conf first (``ProxyContext.route_conf``);
# * TCP destinations get the TCP proxy's ``maxConnectAttempts``.
# ``numRetries: 0`` means no retry policy at all.

HTTP_RETRY_ON_DEFAULT = "gateway-error,connect-failure,refused-stream"
GRPC_RETRY_ON_DEFAULT = (
    "cancelled,connect-failure,gateway-error,refused-stream,reset,resource-exhausted,unavailable"
)
RETRIABLE_STATUS_CODES = "retriable-status-codes"
DEFAULT_BASE_INTERVAL = "25ms"
"""gRPC back-off without ``baseInterval`` (Kuma's default MeshRetry)."""
_HTTP_METHOD_PREFIX = "HttpMethod"
_HTTP_RETRY_ON_ENVOY = {
    "5xx": "5xx",
    "GatewayError": "gateway-error",
    "Reset": "reset",
    "Retriable4xx": "retriable-4xx",
    "ConnectFailure": "connect-failure",
    "EnvoyRatelimited": "envoy-ratelimited",
    "RefusedStream": "refused-stream",
    "Http3PostConnectFailure": "http3-post-connect-failure",
}
_GRPC_RETRY_ON_ENVOY = {
    "Canceled": "canceled",
    "DeadlineExceeded": "deadline-exceeded",
    "Internal": "internal",
    "ResourceExhausted": "resource-exhausted",
    "Unavailable": "unavailable",
}
_PREVIOUS_HOSTS = "envoy.retry_host_predicates.previous_hosts"
_PREVIOUS_HOSTS_TYPE = (
    "type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate"
)
_OMIT_HOST_METADATA = "envoy.retry_host_predicates.omit_host_metadata"
_OMIT_HOST_METADATA_TYPE = (
    "type.googleapis.com/envoy.extensions.retry.host.omit_host_metadata.v3.OmitHostMetadataConfig"
)
_PREVIOUS_PRIORITIES = "envoy.retry_priorities.previous_priorities"
_PREVIOUS_PRIORITIES_TYPE = (
    "type.googleapis.com/envoy.extensions.retry.priority.previous_priorities.v3.PreviousPrioritiesConfig"
)


def _section(conf: Any, key: str) -> Mapping[str, Any] | None:
    value = conf.get(key) if isinstance(conf, dict) else None
    return value if isinstance(value, dict) else None


def _back_off(back_off: Mapping[str, Any], default_base: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    base = back_off.get("baseInterval") or default_base
    if base:
        out["baseInterval"] = go_duration(str(base))
    if back_off.get("maxInterval"):
        out["maxInterval"] = go_duration(str(back_off["maxInterval"]))
    return out


def _rate_limited_back_off(conf: Mapping[str, Any]) -> dict[str, Any]:
    headers = []
    for header in conf.get("resetHeaders") or []:
        item: dict[str, Any] = {"name": str(header.get("name", ""))}
        if header.get("format") == "UnixTimestamp":
            item["format"] = "UNIX_TIMESTAMP"  # SECONDS is the zero value, left out
        headers.append(item)
    out: dict[str, Any] = {"resetHeaders": headers}
    if conf.get("maxInterval"):
        out["maxInterval"] = go_duration(str(conf["maxInterval"]))
    return out


def header_matcher(header: Mapping[str, Any]) -> dict[str, Any]:
    """A retriable request or response header as Envoy's ``HeaderMatcher``."""
    name = str(header.get("name", ""))
    kind = header.get("type") or "Exact"
    value = str(header.get("value") or "")
    if kind == "Present":
        return {"name": name, "presentMatch": True}
    if kind == "Absent":
        return {"name": name, "presentMatch": False}
    if kind == "RegularExpression":
        return {"name": name, "stringMatch": {"safeRegex": {"regex": value}}}
    if kind == "Prefix":
        return {"name": name, "stringMatch": {"prefix": value}}
    return {"name": name, "stringMatch": {"exact": value}}


def _split_retry_on(items: list[str]) -> tuple[str, list[int], list[str]]:
    """``retryOn`` split into Envoy's conditions, status codes and HTTP methods (Kuma's
    ``splitRetryOn``: a code without a Go status text is no code, and maps to an empty condition)."""
    conditions: list[str] = []
    codes: list[int] = []
    methods: list[str] = []
    for item in items:
        if item.isdigit() and int(item) in KNOWN_STATUS_CODES:
            codes.append(int(item))
        elif item.startswith(_HTTP_METHOD_PREFIX):
            methods.append(item[len(_HTTP_METHOD_PREFIX) :].upper())
        else:
            conditions.append(_HTTP_RETRY_ON_ENVOY.get(item, ""))
    return ",".join(conditions), codes, methods


def _host_selection(predicates: list[Any], policy: dict[str, Any]) -> None:
    host_predicates: list[dict[str, Any]] = []
    for predicate in predicates:
        if not isinstance(predicate, dict):
            continue
        kind = predicate.get("predicate")
        if kind == "OmitPreviousHosts":
            host_predicates.append({"name": _PREVIOUS_HOSTS, "typedConfig": {"@type": _PREVIOUS_HOSTS_TYPE}})
        elif kind == "OmitHostsWithTags":
            config: dict[str, Any] = {"@type": _OMIT_HOST_METADATA_TYPE}
            tags = predicate.get("tags") or {}
            if tags:
                config["metadataMatch"] = {"filterMetadata": {"envoy.lb": dict(tags)}}
            host_predicates.append({"name": _OMIT_HOST_METADATA, "typedConfig": config})
        elif kind == "OmitPreviousPriorities":
            priorities: dict[str, Any] = {"@type": _PREVIOUS_PRIORITIES_TYPE}
            if predicate.get("updateFrequency"):
                priorities["updateFrequency"] = int(predicate["updateFrequency"])
            policy["retryPriority"] = {"name": _PREVIOUS_PRIORITIES, "typedConfig": priorities}
    if host_predicates:
        policy["retryHostPredicate"] = host_predicates


def _common(conf: Mapping[str, Any], default_retry_on: str) -> dict[str, Any] | None:
    """What HTTP and gRPC policies share; None when ``numRetries`` is 0 (no retries)."""
    policy: dict[str, Any] = {"retryOn": default_retry_on}
    if conf.get("perTryTimeout"):
        policy["perTryTimeout"] = go_duration(str(conf["perTryTimeout"]))
    retries = conf.get("numRetries")
    if isinstance(retries, int):
        if retries == 0:
            return None
        policy["numRetries"] = retries
    return policy


def http_retry_policy(conf: Mapping[str, Any]) -> dict[str, Any] | None:
    """Envoy's route ``retryPolicy`` for an HTTP destination (Kuma's ``genHttpRetryPolicy``)."""
    policy = _common(conf, HTTP_RETRY_ON_DEFAULT)
    if policy is None:
        return None
    back_off = conf.get("backOff")
    if isinstance(back_off, dict):
        policy["retryBackOff"] = _back_off(back_off, None)
    rate_limited = conf.get("rateLimitedBackOff")
    if isinstance(rate_limited, dict):
        policy["rateLimitedRetryBackOff"] = _rate_limited_back_off(rate_limited)
    conditions, codes, methods = _split_retry_on([str(i) for i in conf.get("retryOn") or []])
    if conditions:
        policy["retryOn"] = conditions
    if codes:
        policy["retriableStatusCodes"] = codes
        if RETRIABLE_STATUS_CODES not in policy["retryOn"].split(","):
            policy["retryOn"] += "," + RETRIABLE_STATUS_CODES
    request_headers = [{"name": ":method", "stringMatch": {"exact": m}} for m in methods]
    request_headers += [header_matcher(h) for h in conf.get("retriableRequestHeaders") or []]
    if request_headers:
        policy["retriableRequestHeaders"] = request_headers
    response_headers = [header_matcher(h) for h in conf.get("retriableResponseHeaders") or []]
    if response_headers:
        policy["retriableHeaders"] = response_headers
    if isinstance(conf.get("hostSelection"), list):
        _host_selection(conf["hostSelection"], policy)
    attempts = conf.get("hostSelectionMaxAttempts")
    if isinstance(attempts, int) and attempts:
        policy["hostSelectionRetryMaxAttempts"] = str(attempts)  # int64: a string in proto3 JSON
    return policy


def grpc_retry_policy(conf: Mapping[str, Any]) -> dict[str, Any] | None:
    """Envoy's route ``retryPolicy`` for a gRPC destination (Kuma's ``genGrpcRetryPolicy``)."""
    policy = _common(conf, GRPC_RETRY_ON_DEFAULT)
    if policy is None:
        return None
    conditions = [_GRPC_RETRY_ON_ENVOY.get(str(i), "") for i in conf.get("retryOn") or []]
    if ",".join(conditions):
        policy["retryOn"] = ",".join(conditions)
    back_off = conf.get("backOff")
    if isinstance(back_off, dict):
        policy["retryBackOff"] = _back_off(back_off, DEFAULT_BASE_INTERVAL)
    rate_limited = conf.get("rateLimitedBackOff")
    if isinstance(rate_limited, dict):
        policy["rateLimitedRetryBackOff"] = _rate_limited_back_off(rate_limited)
    return policy


def retry_policy(conf: Any, protocol: Protocol | None) -> dict[str, Any] | None:
    """The route retry policy of a conf for a destination's protocol (only ``http`` and ``grpc``)."""
    if protocol is Protocol.HTTP:
        http = _section(conf, "http")
        return http_retry_policy(http) if http is not None else None
    if protocol is Protocol.GRPC:
        grpc = _section(conf, "grpc")
        return grpc_retry_policy(grpc) if grpc is not None else None
    return None


def configure_envoy(ctx: ProxyContext, rules: KindRules, resources: ProxyResources) -> None:
    """MeshRetry's Envoy translation (registered on :data:`KIND`)."""
    for entry in resources.outbound_listeners():
        destination = entry.destination
        assert destination is not None
        conf = ctx.outbound_conf(rules, destination.rule_keys)
        if entry.protocol is Protocol.TCP:
            tcp = _section(conf, "tcp")
            if tcp is not None and isinstance(tcp.get("maxConnectAttempt"), int):
                for proxy in tcp_proxies(entry.resource):
                    proxy["maxConnectAttempts"] = tcp["maxConnectAttempt"]
            continue
        service_policy = retry_policy(conf, entry.protocol)
        for hcm in http_connection_managers(entry.view):
            for route in routes(hcm):
                name = str(route.get("name", ""))
                # every route gets the destination's policy; a MeshHTTPRoute rule's route its own
                # when it has one
                policy = (
                    retry_policy(ctx.route_conf(rules, name, destination), entry.protocol)
                    if is_kri(name)
                    else None
                )
                policy = policy or service_policy
                action = route_action(route)
                if policy is not None and action is not None:
                    action["retryPolicy"] = copy.deepcopy(policy)


EXAMPLE: dict[str, Any] = {
    "targetRef": {"kind": "Mesh"},
    "to": [
        {
            "targetRef": {"kind": "MeshService", "labels": {"kuma.io/display-name": "backend"}},
            "default": {
                "tcp": {"maxConnectAttempt": 3},
                "http": {
                    "numRetries": 3,
                    "perTryTimeout": "2s",
                    "backOff": {"baseInterval": "25ms", "maxInterval": "250ms"},
                    "retryOn": ["5xx", "Reset", "ConnectFailure", "503"],
                    "hostSelection": [{"predicate": "OmitPreviousHosts"}],
                },
                "grpc": {"numRetries": 3, "retryOn": ["Unavailable", "DeadlineExceeded"]},
            },
        }
    ],
}

KIND = KindDescriptor(
    name="MeshRetry",
    plural="meshretries",
    short_name="mr",
    scope=Scope.MESH,
    spec_model=MeshRetrySpec,
    validate=validate,
    description=(
        "Retries failed TCP connections, HTTP requests and gRPC calls to a destination, with "
        "back-off, per-try timeouts and host selection so that transient failures stay invisible."
    ),
    policy=PolicyTraits(sections=frozenset({Section.TARGET_REF, Section.TO}), order=1400),
    example=EXAMPLE,
    extras={ENVOY_CONFIGURER: configure_envoy},
)
