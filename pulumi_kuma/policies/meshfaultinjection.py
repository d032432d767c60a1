"""MeshFaultInjection: inject HTTP aborts, delays and bandwidth limits, inbound (``rules``) or at gateways (``to``)."""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from typing import Annotated, Any

from pulumi_kuma.envoy import ProxyContext, ProxyResources, http_connection_managers
from pulumi_kuma.envoy.builders import go_duration
from pulumi_kuma.envoy.filters import (
    EXTENSION_WITH_MATCHER_TYPE,
    fractional_percent,
    insert_before_router,
    skip_unless_matched,
)
from pulumi_kuma.envoy.hooks import ENVOY_CONFIGURER
from pulumi_kuma.envoy.names import policy_kri
from pulumi_kuma.model.base import REQUIRED, Duration, IntOrString, KumaModel
from pulumi_kuma.model.common import (
    TOP_LEVEL_KINDS,
    Match,
    TopLevelTargetRef,
    check_duration_not_negative,
    check_percentage,
    check_status_code,
    top_level_ref,
    validate_match,
)
from pulumi_kuma.model.decimal import parse_decimal
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.path import SPEC, FieldPath
from pulumi_kuma.model.policy import To, rules_path, validate_to, validate_top_level
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext
from pulumi_kuma.model.rules import InboundRule, KindRules
from pulumi_kuma.model.violations import Violations

# Top-level kinds whose policies also configure gateways, the only place ``to`` applies.
GATEWAY_KINDS = ("Mesh", "MeshHTTPRoute")
_BANDWIDTH = re.compile(r"[0-9]*[\t\n\f\r ]?[GMk]+bps")


class MeshFaultInjectionAbort(KumaModel):
    """Answer a share of requests with ``httpStatus`` instead of forwarding them."""

    http_status: Annotated[int | None, REQUIRED] = None
    percentage: Annotated[IntOrString | None, REQUIRED] = None


class MeshFaultInjectionDelay(KumaModel):
    """Hold a share of requests for ``value`` before forwarding them."""

    value: Annotated[Duration | None, REQUIRED] = None
    percentage: Annotated[IntOrString | None, REQUIRED] = None


class MeshFaultInjectionResponseBandwidth(KumaModel):
    """Throttle the response body of a share of requests to ``limit`` (e.g. ``100kbps``)."""

    limit: Annotated[str, REQUIRED] = ""
    percentage: Annotated[IntOrString | None, REQUIRED] = None


class MeshFaultInjectionHttpFault(KumaModel):
    """One fault; each of its parts applies to its own percentage of requests."""

    abort: MeshFaultInjectionAbort | None = None
    delay: MeshFaultInjectionDelay | None = None
    response_bandwidth: MeshFaultInjectionResponseBandwidth | None = None


class MeshFaultInjectionConf(KumaModel):
    """The HTTP faults to inject."""

    http: list[MeshFaultInjectionHttpFault] | None = None


class MeshFaultInjectionRule(KumaModel):
    """An inbound rule: faults for incoming requests, optionally only from matching peers."""

    matches: list[Match] | None = None
    default: Annotated[MeshFaultInjectionConf | None, REQUIRED] = None


class MeshFaultInjectionSpec(KumaModel):
    """The MeshFaultInjection spec: which proxies (``targetRef``), inbound ``rules`` or gateway ``to``."""

    target_ref: TopLevelTargetRef | None = None
    to: list[To[MeshFaultInjectionConf]] | None = None
    rules: list[MeshFaultInjectionRule] | None = None


def _validate_conf(v: Violations, path: FieldPath, conf: MeshFaultInjectionConf | None) -> None:
    http_path = path.field("http")
    for k, fault in enumerate((conf.http if conf is not None else None) or []):
        # Kuma puts the fault's index after the fault's name: ``http.abort[0].httpStatus``.
        if fault.abort is not None:
            abort_path = http_path.field("abort").index(k)
            check_status_code(v, abort_path.field("httpStatus"), fault.abort.http_status)
            check_percentage(v, abort_path.field("percentage"), fault.abort.percentage)
        if fault.delay is not None:
            delay_path = http_path.field("delay").index(k)
            check_duration_not_negative(v, delay_path.field("value"), fault.delay.value)
            check_percentage(v, delay_path.field("percentage"), fault.delay.percentage)
        if fault.response_bandwidth is not None:
            bandwidth_path = http_path.field("responseBandwidth").index(k)
            limit = fault.response_bandwidth.limit
            if not limit:
                v.add(bandwidth_path.field("limit"), "must be defined")
            elif not _BANDWIDTH.fullmatch(limit):
                v.add(bandwidth_path.field("limit"), "must be in kbps/Mbps/Gbps units")
            check_percentage(v, bandwidth_path.field("percentage"), fault.response_bandwidth.percentage)


def validate(spec: MeshFaultInjectionSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshFaultInjection validator."""
    v = Violations()
    validate_top_level(v, spec.target_ref, allowed=TOP_LEVEL_KINDS, inbound_policy=bool(spec.rules))
    for i, rule in enumerate(spec.rules or []):
        for j, match in enumerate(rule.matches or []):
            validate_match(v, rules_path(i).field("matches").index(j), match, require_one=False)
        _validate_conf(v, rules_path(i).field("default"), rule.default)
    if spec.to and top_level_ref(spec.target_ref).kind not in GATEWAY_KINDS:
        v.add(SPEC.field("to"), "must not be defined")
        return v.items
    validate_to(v, spec.to, ("Mesh",), _validate_conf)
    return v.items


# --- Envoy translation ------------------------------------------------------------------------------
#
# Kuma's MeshFaultInjection plugin (``pkg/plugins/policies/meshfaultinjection/plugin``): inbound rules
# are not merged; every fault of every rule (lowest priority first) becomes its own HTTP filter in
# front of the router of an HTTP inbound, named after the policy's KRI: an ``ExtensionWithMatcher``
# around ``envoy.filters.http.fault`` whose xDS matcher skips the filter unless the peer matches
# the rule (a catch-all rule has an empty matcher, so its faults always apply). TCP inbounds get
# nothing. ``to`` (Mesh-wide policies) is for gateways, which Kuma 3.0 sidecars do not have: it
# configures nothing here, as in Kuma, whose plugin reads inbound rules only.

FAULT_FILTER = "envoy.filters.http.fault"
FAULT_TYPE = "type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault"
_BANDWIDTH_FACTORS = {"kbps": 1, "Mbps": 1000, "Gbps": 1_000_000}
_BANDWIDTH_PARTS = re.compile(r"(\d*)\s?([GMk]+bps)")


def _percent(value: Any) -> dict[str, Any]:
    number = parse_decimal(value)
    return fractional_percent(float(number) if number is not None else 0.0)


def bandwidth_kbps(limit: str) -> int:
    """Kuma's ``ConvertBandwidthToKbps``: ``100kbps``, ``2Mbps``, ``1Gbps`` in kbps."""
    found = _BANDWIDTH_PARTS.fullmatch(limit)
    if found is None or found.group(2) not in _BANDWIDTH_FACTORS:
        raise ValueError(f"bandwidth {limit!r}: must be a number followed by kbps, Mbps or Gbps")
    return int(found.group(1) or 0) * _BANDWIDTH_FACTORS[found.group(2)]


def http_fault(fault: Mapping[str, Any]) -> dict[str, Any]:
    """One ``http[]`` item as an ``HTTPFault``: its delay, abort and response bandwidth limit."""
    config: dict[str, Any] = {"@type": FAULT_TYPE}
    delay = fault.get("delay")
    if isinstance(delay, Mapping):
        config["delay"] = {
            "fixedDelay": go_duration(str(delay.get("value") or "0s")),
            "percentage": _percent(delay.get("percentage")),
        }
    abort = fault.get("abort")
    if isinstance(abort, Mapping):
        config["abort"] = {
            "httpStatus": int(abort.get("httpStatus") or 0),
            "percentage": _percent(abort.get("percentage")),
        }
    bandwidth = fault.get("responseBandwidth")
    if isinstance(bandwidth, Mapping):
        config["responseRateLimit"] = {
            # uint64 in proto3 JSON is a string.
            "fixedLimit": {"limitKbps": str(bandwidth_kbps(str(bandwidth.get("limit") or "")))},
            "percentage": _percent(bandwidth.get("percentage")),
        }
    return config


def fault_filters(rules: Sequence[InboundRule]) -> list[dict[str, Any]]:
    """The fault filters of an inbound's rules, in rule order."""
    filters = []
    for rule in rules:
        conf = rule.conf if isinstance(rule.conf, Mapping) else {}
        matcher = skip_unless_matched([rule.match] if isinstance(rule.match, Mapping) else [])
        name = policy_kri(KIND, rule.origin.policy)
        for fault in conf.get("http") or []:
            if not isinstance(fault, Mapping):
                continue
            extension = {
                "@type": EXTENSION_WITH_MATCHER_TYPE,
                "xdsMatcher": matcher,
                "extensionConfig": {"name": FAULT_FILTER, "typedConfig": http_fault(fault)},
            }
            filters.append({"name": name, "typedConfig": extension})
    return filters


def configure_envoy(ctx: ProxyContext, rules: KindRules, resources: ProxyResources) -> None:
    """MeshFaultInjection's Envoy translation (registered on :data:`KIND`)."""
    for inbound in ctx.inbounds:
        inbound_rules = rules.inbound.get(inbound.listener, ())
        listener = resources.inbound_listener(inbound)
        if not inbound_rules or listener is None or not inbound.protocol.is_http:
            continue
        filters = fault_filters(inbound_rules)
        if not filters:
            continue
        for hcm in http_connection_managers(listener.resource):
            insert_before_router(hcm, copy.deepcopy(filters))


EXAMPLE: dict[str, Any] = {
    "targetRef": {"kind": "Dataplane", "labels": {"app": "backend"}},
    "rules": [
        {
            "default": {
                "http": [
                    {"abort": {"httpStatus": 503, "percentage": "2.5"}},
                    {"delay": {"value": "2s", "percentage": 10}},
                    {"responseBandwidth": {"limit": "100kbps", "percentage": 5}},
                ]
            }
        }
    ],
}

KIND = KindDescriptor(
    name="MeshFaultInjection",
    plural="meshfaultinjections",
    short_name="mfi",
    scope=Scope.MESH,
    spec_model=MeshFaultInjectionSpec,
    validate=validate,
    description=(
        "Injects HTTP faults (aborts with a status code, delays, response bandwidth limits) into a "
        "share of incoming requests, to test how clients cope with a failing service."
    ),
    policy=PolicyTraits(
        sections=frozenset({Section.TARGET_REF, Section.TO, Section.RULES}), order=800, inbound_merge=False
    ),
    example=EXAMPLE,
    extras={ENVOY_CONFIGURER: configure_envoy},
)
