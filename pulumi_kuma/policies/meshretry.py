"""MeshRetry: how proxies retry failed TCP connections, HTTP requests and gRPC calls to destinations."""

from __future__ import annotations

import re
from typing import Annotated, Any

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
)
