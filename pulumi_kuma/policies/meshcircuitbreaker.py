"""MeshCircuitBreaker: connection limits and outlier detection, outbound (``to``) and inbound (``rules``)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pulumi_kuma.envoy import ProxyContext, ProxyResources
from pulumi_kuma.envoy.builders import go_duration
from pulumi_kuma.envoy.hooks import ENVOY_CONFIGURER
from pulumi_kuma.model.base import Duration, IntOrString, KumaModel
from pulumi_kuma.model.common import (
    BACKEND_KINDS,
    TOP_LEVEL_KINDS,
    TopLevelTargetRef,
    check_duration_positive,
    check_greater_than_zero,
    check_percentage,
)
from pulumi_kuma.model.decimal import parse_decimal
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.merge import catch_all_conf
from pulumi_kuma.model.path import SPEC, FieldPath
from pulumi_kuma.model.policy import Rule, To, validate_to, validate_top_level
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext
from pulumi_kuma.model.rules import KindRules
from pulumi_kuma.model.violations import Violations

TO_KINDS = ("Mesh", *BACKEND_KINDS)


class MeshCircuitBreakerConnectionLimits(KumaModel):
    """Caps on connections and requests a proxy opens to (or accepts from) one destination."""

    max_connections: int | None = None
    max_connection_pools: int | None = None
    max_pending_requests: int | None = None
    max_retries: int | None = None
    max_requests: int | None = None


class MeshCircuitBreakerConsecutiveFailures(KumaModel):
    """Eject a host after this many consecutive failures of one sort."""

    consecutive: int | None = None


class MeshCircuitBreakerSuccessRate(KumaModel):
    """Eject hosts whose success rate falls this many standard deviations below the cluster's mean."""

    minimum_hosts: int | None = None
    request_volume: int | None = None
    standard_deviation_factor: IntOrString | None = None


class MeshCircuitBreakerFailurePercentage(KumaModel):
    """Eject hosts whose failure percentage reaches ``threshold``."""

    minimum_hosts: int | None = None
    request_volume: int | None = None
    threshold: int | None = None


class MeshCircuitBreakerDetectors(KumaModel):
    """The outlier detectors to run; at least one must be set."""

    total_failures: MeshCircuitBreakerConsecutiveFailures | None = None
    gateway_failures: MeshCircuitBreakerConsecutiveFailures | None = None
    local_origin_failures: MeshCircuitBreakerConsecutiveFailures | None = None
    success_rate: MeshCircuitBreakerSuccessRate | None = None
    failure_percentage: MeshCircuitBreakerFailurePercentage | None = None


class MeshCircuitBreakerOutlierDetection(KumaModel):
    """Passive health checking: eject misbehaving hosts from load balancing for a while."""

    disabled: bool | None = None
    interval: Duration | None = None
    base_ejection_time: Duration | None = None
    max_ejection_percent: int | None = None
    split_external_and_local_errors: bool | None = None
    detectors: MeshCircuitBreakerDetectors | None = None
    healthy_panic_threshold: IntOrString | None = None


class MeshCircuitBreakerConf(KumaModel):
    """Circuit breaking for a group of destinations or for incoming traffic."""

    connection_limits: MeshCircuitBreakerConnectionLimits | None = None
    outlier_detection: MeshCircuitBreakerOutlierDetection | None = None


class MeshCircuitBreakerSpec(KumaModel):
    """The MeshCircuitBreaker spec: which proxies (``targetRef``), outbound ``to`` and inbound ``rules``."""

    target_ref: TopLevelTargetRef | None = None
    to: list[To[MeshCircuitBreakerConf]] | None = None
    rules: list[Rule[MeshCircuitBreakerConf]] | None = None


def _check_uint_percentage(v: Violations, path: FieldPath, value: int | None) -> None:
    if value is not None and not 0 <= value <= 100:
        v.add(path, "must be in inclusive range [0, 100]")


def _validate_detectors(
    v: Violations, path: FieldPath, detectors: MeshCircuitBreakerDetectors | None
) -> None:
    if detectors is None:
        v.add(path, "must be defined")
        return
    if (
        detectors.total_failures is None
        and detectors.gateway_failures is None
        and detectors.local_origin_failures is None
        and detectors.success_rate is None
        and detectors.failure_percentage is None
    ):
        v.add(
            path,
            "must have at least one defined: totalFailures, gatewayFailures, localOriginFailures, "
            "successRate, failurePercentage",
        )
        return
    for name, consecutive in (
        ("totalFailures", detectors.total_failures),
        ("gatewayFailures", detectors.gateway_failures),
        ("localOriginFailures", detectors.local_origin_failures),
    ):
        if consecutive is not None:
            check_greater_than_zero(v, path.field(name).field("consecutive"), consecutive.consecutive)
    rate = detectors.success_rate
    if rate is not None:
        rate_path = path.field("successRate")
        check_greater_than_zero(v, rate_path.field("minimumHosts"), rate.minimum_hosts)
        check_greater_than_zero(v, rate_path.field("requestVolume"), rate.request_volume)
        if rate.standard_deviation_factor is not None:
            factor = parse_decimal(rate.standard_deviation_factor)
            if factor is None:
                v.add(rate_path.field("standardDeviationFactor"), "invalid number")
            elif factor <= 0:
                v.add(rate_path.field("standardDeviationFactor"), "must be greater than 0")
    failures = detectors.failure_percentage
    if failures is not None:
        failures_path = path.field("failurePercentage")
        check_greater_than_zero(v, failures_path.field("minimumHosts"), failures.minimum_hosts)
        check_greater_than_zero(v, failures_path.field("requestVolume"), failures.request_volume)
        _check_uint_percentage(v, failures_path.field("threshold"), failures.threshold)


def _validate_conf(v: Violations, path: FieldPath, conf: MeshCircuitBreakerConf | None) -> None:
    if conf is None or (conf.connection_limits is None and conf.outlier_detection is None):
        v.add(path, "at least one of: 'connectionLimits' or 'outlierDetection' should be configured")
        return
    limits = conf.connection_limits
    if limits is not None:
        limits_path = path.field("connectionLimits")
        check_greater_than_zero(v, limits_path.field("maxConnections"), limits.max_connections)
        check_greater_than_zero(v, limits_path.field("maxConnectionPools"), limits.max_connection_pools)
        check_greater_than_zero(v, limits_path.field("maxPendingRequests"), limits.max_pending_requests)
        check_greater_than_zero(v, limits_path.field("maxRetries"), limits.max_retries)
        check_greater_than_zero(v, limits_path.field("maxRequests"), limits.max_requests)
    outlier = conf.outlier_detection
    if outlier is not None:
        outlier_path = path.field("outlierDetection")
        check_duration_positive(v, outlier_path.field("interval"), outlier.interval)
        check_duration_positive(v, outlier_path.field("baseEjectionTime"), outlier.base_ejection_time)
        _check_uint_percentage(v, outlier_path.field("maxEjectionPercent"), outlier.max_ejection_percent)
        check_percentage(v, outlier_path.field("healthyPanicThreshold"), outlier.healthy_panic_threshold)
        _validate_detectors(v, outlier_path.field("detectors"), outlier.detectors)


def validate(spec: MeshCircuitBreakerSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshCircuitBreaker validator."""
    v = Violations()
    validate_top_level(v, spec.target_ref, allowed=TOP_LEVEL_KINDS, inbound_policy=bool(spec.rules))
    if not spec.to and not spec.rules:
        v.add(SPEC, "at least one of 'to' or 'rules' has to be defined")
    for i, rule in enumerate(spec.rules or []):
        # Kuma reports rule errors under ``spec.from[i]`` (a leftover of the removed ``from`` section).
        _validate_conf(v, SPEC.field("from").index(i).field("default"), rule.default)
    validate_to(v, spec.to, TO_KINDS, _validate_conf)
    return v.items


# --- Envoy translation ----------------------------------------------------------------------------
#
# Kuma's MeshCircuitBreaker plugin (``pkg/plugins/policies/meshcircuitbreaker/plugin``):
#
# * every cluster tracks remaining resources (``circuitBreakers`` default threshold, also without a
#   policy);
# * connection limits become the default threshold's maxima; outlier detection (unless
#   ``disabled``) the cluster's ``outlierDetection``: each detector given is enforced at 100 %,
#   each one missing at 0 %; ``healthyPanicThreshold`` goes to ``commonLbConfig``;
# * inbound clusters take the merged catch-all ``rules``; outbound clusters the conf of the
#   destination port they carry traffic to (then the destination, then the mesh).


def _default_threshold(cluster: dict[str, Any]) -> dict[str, Any]:
    """The cluster's DEFAULT-priority threshold, created when missing (Kuma's ``ensureDefaultThreshold``)."""
    breakers = cluster.setdefault("circuitBreakers", {})
    thresholds = breakers.setdefault("thresholds", [])
    for threshold in thresholds:
        if isinstance(threshold, dict) and threshold.get("priority", "DEFAULT") == "DEFAULT":
            return threshold
    created: dict[str, Any] = {}
    thresholds.append(created)
    return created


def _tracks_remaining(cluster: Mapping[str, Any]) -> bool:
    breakers = cluster.get("circuitBreakers")
    thresholds = breakers.get("thresholds") if isinstance(breakers, dict) else None
    return any(
        isinstance(t, dict) and t.get("priority", "DEFAULT") == "DEFAULT" and t.get("trackRemaining") is True
        for t in thresholds or []
    )


def _number(value: Decimal) -> int | float:
    """A decimal as proto3 JSON writes a double: integral values without a fraction."""
    return int(value) if value == value.to_integral_value() else float(value)


_LIMITS = (
    ("maxConnectionPools", "maxConnectionPools"),
    ("maxConnections", "maxConnections"),
    ("maxPendingRequests", "maxPendingRequests"),
    ("maxRetries", "maxRetries"),
    ("maxRequests", "maxRequests"),
)


def _consecutive(detectors: Mapping[str, Any], name: str) -> int | None:
    detector = detectors.get(name)
    value = detector.get("consecutive") if isinstance(detector, dict) else None
    return value if isinstance(value, int) else None


def _detectors(outlier: dict[str, Any], given: Mapping[str, Any] | None) -> None:
    """Kuma's ``configureDetectors``: a detector enforced at 100 % when given, else at 0 % (without
    ``detectors`` at all, only the consecutive-failure ones are set)."""
    detectors = given or {}
    for name, enforcing, field in (
        ("totalFailures", "enforcingConsecutive5xx", "consecutive5xx"),
        ("localOriginFailures", "enforcingConsecutiveLocalOriginFailure", "consecutiveLocalOriginFailure"),
        ("gatewayFailures", "enforcingConsecutiveGatewayFailure", "consecutiveGatewayFailure"),
    ):
        consecutive = _consecutive(detectors, name)
        outlier[enforcing] = 0 if consecutive is None else 100
        if consecutive is not None:
            outlier[field] = consecutive
    success = detectors.get("successRate")
    if isinstance(success, dict):
        outlier["enforcingSuccessRate"] = 100
        outlier["enforcingLocalOriginSuccessRate"] = 100
        for key, field in (
            ("minimumHosts", "successRateMinimumHosts"),
            ("requestVolume", "successRateRequestVolume"),
        ):
            if isinstance(success.get(key), int):
                outlier[field] = success[key]
        factor = parse_decimal(success.get("standardDeviationFactor"))
        if factor is not None:
            outlier["successRateStdevFactor"] = int(factor * 1000)  # Envoy divides by 1000
    elif given is not None:
        outlier["enforcingSuccessRate"] = 0
        outlier["enforcingLocalOriginSuccessRate"] = 0
    failure = detectors.get("failurePercentage")
    if isinstance(failure, dict):
        outlier["enforcingFailurePercentage"] = 100
        outlier["enforcingFailurePercentageLocalOrigin"] = 100
        for key, field in (
            ("minimumHosts", "failurePercentageMinimumHosts"),
            ("requestVolume", "failurePercentageRequestVolume"),
            ("threshold", "failurePercentageThreshold"),
        ):
            if isinstance(failure.get(key), int):
                outlier[field] = failure[key]
    elif given is not None:
        outlier["enforcingFailurePercentage"] = 0
        outlier["enforcingFailurePercentageLocalOrigin"] = 0


def configure_cluster(cluster: dict[str, Any], conf: Mapping[str, Any]) -> None:
    """A conf's connection limits and outlier detection on one cluster (Kuma's ``Configurer``)."""
    threshold = _default_threshold(cluster)
    threshold["trackRemaining"] = True
    limits = conf.get("connectionLimits")
    if isinstance(limits, dict):
        for key, field in _LIMITS:
            if isinstance(limits.get(key), int):
                threshold[field] = limits[key]
    detection = conf.get("outlierDetection")
    if not isinstance(detection, dict) or detection.get("disabled") is True:
        return
    outlier: dict[str, Any] = {}
    if detection.get("interval"):
        outlier["interval"] = go_duration(str(detection["interval"]))
    if detection.get("baseEjectionTime"):
        outlier["baseEjectionTime"] = go_duration(str(detection["baseEjectionTime"]))
    if detection.get("splitExternalAndLocalErrors") is True:
        outlier["splitExternalLocalOriginErrors"] = True
    if isinstance(detection.get("maxEjectionPercent"), int):
        outlier["maxEjectionPercent"] = detection["maxEjectionPercent"]
    detectors = detection.get("detectors")
    _detectors(outlier, detectors if isinstance(detectors, dict) else None)
    cluster["outlierDetection"] = outlier
    panic = parse_decimal(detection.get("healthyPanicThreshold"))
    if panic is not None:
        cluster.setdefault("commonLbConfig", {})["healthyPanicThreshold"] = {"value": _number(panic)}


def configure_envoy(ctx: ProxyContext, rules: KindRules, resources: ProxyResources) -> None:
    """MeshCircuitBreaker's Envoy translation (registered on :data:`KIND`)."""
    for entry in resources.clusters():
        if not _tracks_remaining(entry.view):
            _default_threshold(entry.resource)["trackRemaining"] = True
    for inbound in ctx.inbounds:
        cluster = resources.inbound_cluster(inbound)
        conf = catch_all_conf(KIND, rules.inbound.get(inbound.listener, ()))
        if cluster is not None and isinstance(conf, dict):
            configure_cluster(cluster.resource, conf)
    for entry in resources.outbound_clusters():
        destination = entry.destination
        assert destination is not None
        rule = rules.outbound.compute(destination.kri)
        if rule is not None and rule.conf and isinstance(rule.conf[0], dict):
            configure_cluster(entry.resource, rule.conf[0])


EXAMPLE: dict[str, Any] = {
    "targetRef": {"kind": "Mesh"},
    "to": [
        {
            "targetRef": {"kind": "MeshService", "labels": {"kuma.io/display-name": "backend"}},
            "default": {
                "connectionLimits": {"maxConnections": 1024, "maxPendingRequests": 128, "maxRequests": 1024},
                "outlierDetection": {
                    "interval": "10s",
                    "baseEjectionTime": "30s",
                    "maxEjectionPercent": 20,
                    "detectors": {"totalFailures": {"consecutive": 5}, "gatewayFailures": {"consecutive": 3}},
                },
            },
        }
    ],
}

KIND = KindDescriptor(
    name="MeshCircuitBreaker",
    plural="meshcircuitbreakers",
    short_name="mcb",
    scope=Scope.MESH,
    spec_model=MeshCircuitBreakerSpec,
    validate=validate,
    description=(
        "Limits connections and pending requests and ejects failing hosts (outlier detection), so "
        "that one bad instance or a traffic spike does not take a whole service down."
    ),
    policy=PolicyTraits(sections=frozenset({Section.TARGET_REF, Section.TO, Section.RULES}), order=1300),
    example=EXAMPLE,
    extras={ENVOY_CONFIGURER: configure_envoy},
)
