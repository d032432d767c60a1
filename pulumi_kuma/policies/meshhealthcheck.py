"""MeshHealthCheck: active health checks (HTTP, TCP, gRPC) that proxies run against their destinations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pulumi_kuma.envoy import Protocol, ProxyContext, ProxyResources
from pulumi_kuma.envoy.builders import go_duration
from pulumi_kuma.envoy.hooks import ENVOY_CONFIGURER
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
from pulumi_kuma.model.rules import KindRules
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


# --- Envoy translation ----------------------------------------------------------------------------
#
# Kuma's MeshHealthCheck plugin (``pkg/plugins/policies/meshhealthcheck/plugin``). Every outbound
# cluster whose destination has a conf gets one active health check: HTTP for http/http2
# destinations, gRPC for grpc ones, TCP for tcp ones (and for http/grpc ones whose own check is
# disabled while a TCP check is given). The check reaches the endpoints the way traffic does (the
# destination's sidecar inbound) and carries the proxy's labels in ``x-kuma-tags``.
# ``failTrafficOnPanic`` goes to the cluster's zone-aware LB config.

DEFAULT_INTERVAL = "1m"
DEFAULT_TIMEOUT = "15s"
DEFAULT_UNHEALTHY_THRESHOLD = 5
DEFAULT_HEALTHY_THRESHOLD = 1
DEFAULT_HTTP_PATH = "/"
KUMA_TAGS_HEADER = "x-kuma-tags"
EVENT_SINK = "envoy.health_check.event_sinks.file"
EVENT_SINK_TYPE = (
    "type.googleapis.com/envoy.extensions.health_check.event_sinks.file.v3.HealthCheckEventFileSink"
)


def serialize_tags(labels: Mapping[str, str]) -> str:
    """Kuma's ``tags.Serialize``: ``&key=value&`` per label, by key."""
    return "".join(f"&{key}={labels[key]}&" for key in sorted(labels))


def _enabled(section: Any) -> bool:
    return isinstance(section, dict) and section.get("disabled") is not True


def _disabled(section: Any) -> bool:
    return isinstance(section, dict) and section.get("disabled") is True


def check_type(protocol: Protocol | None, conf: Mapping[str, Any]) -> str | None:
    """Kuma's ``selectHealthCheckType``: ``http``, ``grpc``, ``tcp`` or None."""
    http, grpc, tcp = conf.get("http"), conf.get("grpc"), conf.get("tcp")
    http_like = protocol in (Protocol.HTTP, Protocol.HTTP2)
    if http_like and _enabled(http):
        return "http"
    if protocol is Protocol.GRPC and _enabled(grpc):
        return "grpc"
    if protocol is Protocol.TCP and _enabled(tcp):
        return "tcp"
    if http_like and _disabled(http) and _enabled(tcp):
        return "tcp"
    if protocol is Protocol.GRPC and _disabled(grpc) and _enabled(tcp):
        return "tcp"
    return None


def _header_options(modifier: Any, labels: Mapping[str, str]) -> list[dict[str, Any]]:
    options: list[dict[str, Any]] = []
    if labels:
        options.append({"header": {"key": KUMA_TAGS_HEADER, "value": serialize_tags(labels)}})
    modifier = modifier if isinstance(modifier, dict) else {}
    for action, items in (
        ("APPEND_IF_EXISTS_OR_ADD", modifier.get("add")),
        ("OVERWRITE_IF_EXISTS_OR_ADD", modifier.get("set")),
    ):
        for item in items or []:
            for value in str(item.get("value", "")).split(","):
                option: dict[str, Any] = {"header": {"key": str(item.get("name", "")), "value": value}}
                if action != "APPEND_IF_EXISTS_OR_ADD":  # the zero value, left out
                    option["appendAction"] = action
                options.append(option)
    return options


def _http_check(
    conf: Mapping[str, Any], protocol: Protocol | None, labels: Mapping[str, str]
) -> dict[str, Any]:
    out: dict[str, Any] = {"path": str(conf.get("path") or DEFAULT_HTTP_PATH)}
    headers = _header_options(conf.get("requestHeadersToAdd"), labels)
    if headers:
        out["requestHeadersToAdd"] = headers
    statuses = conf.get("expectedStatuses")
    if statuses:
        # Int64Range [start, end): int64 is a string in proto3 JSON
        out["expectedStatuses"] = [{"start": str(int(s)), "end": str(int(s) + 1)} for s in statuses]
    if protocol is Protocol.HTTP2:
        out["codecClientType"] = "HTTP2"
    return out


def _tcp_check(conf: Mapping[str, Any]) -> dict[str, Any]:
    # Kuma sends the configured text's bytes, hex-encoded (Envoy's text payload is hex)
    out: dict[str, Any] = {}
    if conf.get("send") is not None:
        out["send"] = {"text": str(conf["send"]).encode().hex()}
    if conf.get("receive") is not None:
        out["receive"] = [{"text": str(r).encode().hex()} for r in conf["receive"]]
    return out


def _grpc_check(conf: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if conf.get("serviceName"):
        out["serviceName"] = str(conf["serviceName"])
    if conf.get("authority"):
        out["authority"] = str(conf["authority"])
    return out


def health_check(
    conf: Mapping[str, Any], kind: str, protocol: Protocol | None, labels: Mapping[str, str]
) -> dict[str, Any]:
    """One Envoy ``HealthCheck`` of the given kind (Kuma's ``buildHealthCheck`` + checker)."""
    check: dict[str, Any] = {
        "interval": go_duration(str(conf.get("interval") or DEFAULT_INTERVAL)),
        "timeout": go_duration(str(conf.get("timeout") or DEFAULT_TIMEOUT)),
        "unhealthyThreshold": int(conf.get("unhealthyThreshold") or DEFAULT_UNHEALTHY_THRESHOLD),
        "healthyThreshold": int(conf.get("healthyThreshold") or DEFAULT_HEALTHY_THRESHOLD),
    }
    for key in ("initialJitter", "intervalJitter", "noTrafficInterval"):
        if conf.get(key):
            check[key] = go_duration(str(conf[key]))
    if isinstance(conf.get("intervalJitterPercent"), int) and conf["intervalJitterPercent"]:
        check["intervalJitterPercent"] = conf["intervalJitterPercent"]
    if conf.get("eventLogPath"):
        config = {"@type": EVENT_SINK_TYPE, "eventLogPath": str(conf["eventLogPath"])}
        check["eventLogger"] = [{"name": EVENT_SINK, "typedConfig": config}]
    if conf.get("alwaysLogHealthCheckFailures") is True:
        check["alwaysLogHealthCheckFailures"] = True
    if isinstance(conf.get("reuseConnection"), bool):
        check["reuseConnection"] = conf["reuseConnection"]
    found = conf.get(kind)
    section: Mapping[str, Any] = found if isinstance(found, dict) else {}
    if kind == "http":
        check["httpHealthCheck"] = _http_check(section, protocol, labels)
    elif kind == "grpc":
        check["grpcHealthCheck"] = _grpc_check(section)
    else:
        check["tcpHealthCheck"] = _tcp_check(section)
    return check


def _fail_traffic_on_panic(cluster: dict[str, Any], value: bool) -> None:
    common = cluster.setdefault("commonLbConfig", {})
    if "localityWeightedLbConfig" in common:
        return  # Envoy has no fail-traffic-on-panic for locality-weighted LB (Kuma ignores it too)
    zone_aware = common.setdefault("zoneAwareLbConfig", {})
    if value:
        zone_aware["failTrafficOnPanic"] = True
    else:
        zone_aware.pop("failTrafficOnPanic", None)


def configure_cluster(
    cluster: dict[str, Any], conf: Mapping[str, Any], protocol: Protocol | None, labels: Mapping[str, str]
) -> None:
    """A conf's health check (and panic mode) on one outbound cluster."""
    if isinstance(conf.get("failTrafficOnPanic"), bool):
        _fail_traffic_on_panic(cluster, conf["failTrafficOnPanic"])
    kind = check_type(protocol, conf)
    if kind is not None:
        cluster.setdefault("healthChecks", []).append(health_check(conf, kind, protocol, labels))


def configure_envoy(ctx: ProxyContext, rules: KindRules, resources: ProxyResources) -> None:
    """MeshHealthCheck's Envoy translation (registered on :data:`KIND`)."""
    for entry in resources.outbound_clusters():
        destination = entry.destination
        assert destination is not None
        rule = rules.outbound.compute(destination.kri)
        if rule is not None and rule.conf and isinstance(rule.conf[0], dict):
            configure_cluster(entry.resource, rule.conf[0], entry.protocol, ctx.labels)


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
    extras={ENVOY_CONFIGURER: configure_envoy},
)
