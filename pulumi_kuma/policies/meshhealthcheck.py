"""MeshHealthCheck: active health checks (HTTP, TCP, gRPC) that proxies run against their destinations."""

from __future__ import annotations

from typing import Annotated, Any

from pulumi_kuma.model.base import Duration, Items, KumaModel
from pulumi_kuma.model.common import (
    BACKEND_KINDS,
    TOP_LEVEL_KINDS,
    HeaderKeyValue,
    TopLevelTargetRef,
    check_duration_positive,
    check_status_code,
)
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.formats import is_file_path
from pulumi_kuma.model.path import FieldPath
from pulumi_kuma.model.policy import To, validate_to, validate_top_level
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext
from pulumi_kuma.model.violations import Violations

TO_KINDS = ("Mesh", *BACKEND_KINDS)


class MeshHealthCheckHeaderModifier(KumaModel):
    """Headers added to (``add``) or replaced in (``set``) each health check request."""

    set: Annotated[list[HeaderKeyValue] | None, Items(max_items=16)] = None
    add: Annotated[list[HeaderKeyValue] | None, Items(max_items=16)] = None


class MeshHealthCheckTcp(KumaModel):
    """A TCP check: connect, optionally send ``send`` and expect every ``receive`` block back."""

    disabled: bool | None = None
    send: str | None = None
    receive: list[str] | None = None


class MeshHealthCheckHttp(KumaModel):
    """An HTTP check: request ``path`` and expect one of ``expectedStatuses``."""

    disabled: bool | None = None
    path: str | None = None
    request_headers_to_add: MeshHealthCheckHeaderModifier | None = None
    expected_statuses: list[int] | None = None


class MeshHealthCheckGrpc(KumaModel):
    """A check with the gRPC health checking protocol."""

    disabled: bool | None = None
    service_name: str | None = None
    authority: str | None = None


class MeshHealthCheckConf(KumaModel):
    """How often and how destinations are checked, and when a host counts as (un)healthy."""

    interval: Duration | None = None
    timeout: Duration | None = None
    unhealthy_threshold: int | None = None
    healthy_threshold: int | None = None
    initial_jitter: Duration | None = None
    interval_jitter: Duration | None = None
    interval_jitter_percent: int | None = None
    fail_traffic_on_panic: bool | None = None
    event_log_path: str | None = None
    always_log_health_check_failures: bool | None = None
    no_traffic_interval: Duration | None = None
    tcp: MeshHealthCheckTcp | None = None
    http: MeshHealthCheckHttp | None = None
    grpc: MeshHealthCheckGrpc | None = None
    reuse_connection: bool | None = None


class MeshHealthCheckSpec(KumaModel):
    """The MeshHealthCheck spec: which proxies (``targetRef``) check which destinations (``to``)."""

    target_ref: TopLevelTargetRef | None = None
    to: list[To[MeshHealthCheckConf]] | None = None


def _check_positive_when_defined(v: Violations, path: FieldPath, value: int | None) -> None:
    if value is not None and value <= 0:
        v.add(path, "must be greater than zero when defined")


def _validate_conf(v: Violations, path: FieldPath, conf: MeshHealthCheckConf | None) -> None:
    conf = conf or MeshHealthCheckConf()
    check_duration_positive(v, path.field("interval"), conf.interval)
    check_duration_positive(v, path.field("timeout"), conf.timeout)
    _check_positive_when_defined(v, path.field("unhealthyThreshold"), conf.unhealthy_threshold)
    _check_positive_when_defined(v, path.field("healthyThreshold"), conf.healthy_threshold)
    check_duration_positive(v, path.field("initialJitter"), conf.initial_jitter)
    check_duration_positive(v, path.field("intervalJitter"), conf.interval_jitter)
    if conf.interval_jitter_percent is not None and not 0 <= conf.interval_jitter_percent <= 100:
        v.add(path.field("intervalJitterPercent"), "must be in inclusive range [0, 100]")
    check_duration_positive(v, path.field("noTrafficInterval"), conf.no_traffic_interval)
    if conf.event_log_path is not None and not is_file_path(conf.event_log_path):
        v.add(path.field("eventLogPath"), "must be a valid path when defined")
    if conf.http is not None:
        http_path = path.field("http")
        if conf.http.path is not None and not conf.http.path:
            v.add(http_path.field("path"), "must be defined")
        for k, status in enumerate(conf.http.expected_statuses or []):
            check_status_code(v, http_path.field("expectedStatuses").index(k), status)
    if conf.http is None and conf.tcp is None and conf.grpc is None:
        v.add(path, "must have at least one defined: http, tcp, grpc")


def validate(spec: MeshHealthCheckSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshHealthCheck validator (an empty ``to`` is allowed)."""
    v = Violations()
    validate_top_level(v, spec.target_ref, allowed=TOP_LEVEL_KINDS, inbound_policy=False)
    validate_to(v, spec.to, TO_KINDS, _validate_conf)
    return v.items


EXAMPLE: dict[str, Any] = {
    "targetRef": {"kind": "Mesh"},
    "to": [
        {
            "targetRef": {"kind": "MeshService", "labels": {"kuma.io/display-name": "backend"}},
            "default": {
                "interval": "10s",
                "timeout": "2s",
                "unhealthyThreshold": 3,
                "healthyThreshold": 1,
                "http": {
                    "path": "/healthz",
                    "expectedStatuses": [200, 204],
                    "requestHeadersToAdd": {"set": [{"name": "x-health-check", "value": "kuma"}]},
                },
            },
        }
    ],
}

KIND = KindDescriptor(
    name="MeshHealthCheck",
    plural="meshhealthchecks",
    short_name="mhc",
    scope=Scope.MESH,
    spec_model=MeshHealthCheckSpec,
    validate=validate,
    description=(
        "Makes proxies actively probe their destinations over HTTP, TCP or gRPC and stop sending "
        "traffic to hosts that fail the checks."
    ),
    policy=PolicyTraits(sections=frozenset({Section.TARGET_REF, Section.TO}), order=1200),
    example=EXAMPLE,
)
