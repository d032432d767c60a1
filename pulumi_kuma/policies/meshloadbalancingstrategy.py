"""MeshLoadBalancingStrategy: load balancer, hash policies and zone locality for outbound traffic."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from pulumi_kuma.model.base import REQUIRED, Duration, IntOrString, KumaModel, Length, OneOf, Range
from pulumi_kuma.model.common import (
    OUTBOUND_KINDS,
    TOP_LEVEL_KINDS,
    TargetRef,
    TopLevelTargetRef,
    check_greater_than_zero,
    check_percentage,
    validate_target_ref,
)
from pulumi_kuma.model.decimal import parse_decimal
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.path import FieldPath
from pulumi_kuma.model.policy import To, to_path, validate_top_level
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext
from pulumi_kuma.model.violations import Violations

LOAD_BALANCER_TYPES = ("RoundRobin", "LeastRequest", "RingHash", "Random", "Maglev")
HASH_POLICY_TYPES = ("Header", "Cookie", "Connection", "QueryParameter", "FilterState")
FAILOVER_TYPES = ("None", "Only", "Any", "AnyExcept")
_ROUTE_ONLY_HASH = "field is not allowed when targetRef.kind is MeshHTTPRoute, only hashPolicies is supported"


class MeshLoadBalancingStrategyAffinityTag(KumaModel):
    """A Dataplane tag whose equal value marks an endpoint as "closer"; ``weight`` sets its share."""

    key: Annotated[str, REQUIRED] = ""
    weight: int | None = None


class MeshLoadBalancingStrategyLocalZone(KumaModel):
    """Preference for endpoints in the proxy's own zone, refined by affinity tags in order."""

    affinity_tags: list[MeshLoadBalancingStrategyAffinityTag] | None = None


class MeshLoadBalancingStrategyFromZone(KumaModel):
    """The zones whose proxies a failover rule applies to."""

    zones: Annotated[list[str] | None, REQUIRED] = None


class MeshLoadBalancingStrategyToZone(KumaModel):
    """Where traffic fails over to: ``Any`` zone, ``Only`` or ``AnyExcept`` the listed ones, or ``None``."""

    type: Annotated[str, REQUIRED, OneOf(*FAILOVER_TYPES)] = ""
    zones: list[str] | None = None


class MeshLoadBalancingStrategyFailover(KumaModel):
    """One failover rule, tried in list order."""

    from_: Annotated[MeshLoadBalancingStrategyFromZone | None, Field(alias="from")] = None
    to: Annotated[MeshLoadBalancingStrategyToZone | None, REQUIRED] = None


class MeshLoadBalancingStrategyFailoverThreshold(KumaModel):
    """Fail over once the share of healthy local endpoints drops below ``percentage``."""

    percentage: Annotated[IntOrString | None, REQUIRED] = None


class MeshLoadBalancingStrategyCrossZone(KumaModel):
    """Rules for sending traffic to other zones when the local one is unhealthy."""

    failover: list[MeshLoadBalancingStrategyFailover] | None = None
    failover_threshold: MeshLoadBalancingStrategyFailoverThreshold | None = None


class MeshLoadBalancingStrategyLocalityAwareness(KumaModel):
    """Zone-aware load balancing: stay local first, fail over across zones when needed."""

    disabled: bool | None = None
    local_zone: MeshLoadBalancingStrategyLocalZone | None = None
    cross_zone: MeshLoadBalancingStrategyCrossZone | None = None


class MeshLoadBalancingStrategyRoundRobin(KumaModel):
    """Round robin; it has no settings."""


class MeshLoadBalancingStrategyLeastRequest(KumaModel):
    """Pick the host with the fewest active requests among ``choiceCount`` random ones."""

    choice_count: Annotated[int | None, Range(2)] = None
    active_request_bias: IntOrString | None = None


class MeshLoadBalancingStrategyRingHash(KumaModel):
    """Consistent hashing on a ring of ``minRingSize``..``maxRingSize`` entries."""

    hash_function: Annotated[str | None, OneOf("XXHash", "MurmurHash2")] = None
    min_ring_size: Annotated[int | None, Range(1, 8000000)] = None
    max_ring_size: Annotated[int | None, Range(1, 8000000)] = None


class MeshLoadBalancingStrategyRandom(KumaModel):
    """Random choice; it has no settings."""


class MeshLoadBalancingStrategyMaglev(KumaModel):
    """Maglev consistent hashing with a lookup table of ``tableSize`` (a prime) entries."""

    table_size: Annotated[int | None, Range(1, 5000011)] = None


class MeshLoadBalancingStrategyLoadBalancer(KumaModel):
    """The load balancing algorithm (``type``) and its settings."""

    type: Annotated[str, REQUIRED, OneOf(*LOAD_BALANCER_TYPES)] = ""
    round_robin: MeshLoadBalancingStrategyRoundRobin | None = None
    least_request: MeshLoadBalancingStrategyLeastRequest | None = None
    ring_hash: MeshLoadBalancingStrategyRingHash | None = None
    random: MeshLoadBalancingStrategyRandom | None = None
    maglev: MeshLoadBalancingStrategyMaglev | None = None


class MeshLoadBalancingStrategyHeader(KumaModel):
    """Hash on the value of a request header."""

    name: Annotated[str, REQUIRED, Length(1)] = ""


class MeshLoadBalancingStrategyCookie(KumaModel):
    """Hash on a cookie; with ``ttl`` Envoy creates the cookie when it is missing."""

    name: Annotated[str, REQUIRED, Length(1)] = ""
    ttl: Duration | None = None
    path: str | None = None


class MeshLoadBalancingStrategyConnection(KumaModel):
    """Hash on the connection, i.e. the client's source IP."""

    source_ip: Annotated[bool | None, Field(alias="sourceIP")] = None


class MeshLoadBalancingStrategyQueryParameter(KumaModel):
    """Hash on a query parameter."""

    name: Annotated[str, REQUIRED, Length(1)] = ""


class MeshLoadBalancingStrategyFilterState(KumaModel):
    """Hash on an Envoy filter state object."""

    key: Annotated[str, REQUIRED, Length(1)] = ""


class MeshLoadBalancingStrategyHashPolicy(KumaModel):
    """One input of the request hash (for RingHash and Maglev); ``terminal`` stops at the first match."""

    type: Annotated[str, REQUIRED, OneOf(*HASH_POLICY_TYPES)] = ""
    terminal: bool | None = None
    header: MeshLoadBalancingStrategyHeader | None = None
    cookie: MeshLoadBalancingStrategyCookie | None = None
    connection: MeshLoadBalancingStrategyConnection | None = None
    query_parameter: MeshLoadBalancingStrategyQueryParameter | None = None
    filter_state: MeshLoadBalancingStrategyFilterState | None = None


class MeshLoadBalancingStrategyConf(KumaModel):
    """Load balancing for a group of destinations (only ``hashPolicies`` for a MeshHTTPRoute)."""

    locality_awareness: MeshLoadBalancingStrategyLocalityAwareness | None = None
    load_balancer: MeshLoadBalancingStrategyLoadBalancer | None = None
    hash_policies: list[MeshLoadBalancingStrategyHashPolicy] | None = None


class MeshLoadBalancingStrategySpec(KumaModel):
    """The MeshLoadBalancingStrategy spec: which proxies (``targetRef``) and destinations (``to``)."""

    target_ref: TopLevelTargetRef | None = None
    to: list[To[MeshLoadBalancingStrategyConf]] | None = None


def _validate_hash_policies(
    v: Violations, path: FieldPath, policies: list[MeshLoadBalancingStrategyHashPolicy] | None
) -> None:
    for k, policy in enumerate(policies or []):
        item = path.index(k)
        if policy.type == "Header":
            if policy.header is None:
                v.add(item.field("header"), "must be defined")
        elif policy.type == "Cookie":
            if policy.cookie is None:
                v.add(item.field("cookie"), "must be defined")
            elif policy.cookie.path is not None and not policy.cookie.path.startswith("/"):
                v.add(item.field("cookie").field("path"), "must be an absolute path")
        elif policy.type == "QueryParameter":
            if policy.query_parameter is None:
                v.add(item.field("queryParameter"), "must be defined")
        elif policy.type == "FilterState":
            if policy.filter_state is None:
                v.add(item.field("filterState"), "must be defined")
        elif policy.type == "Connection":
            if policy.connection is None:
                v.add(item.field("connection"), "must be defined")
        else:
            v.add(item.field("type"), "unrecognized type")


def _validate_load_balancer(
    v: Violations, path: FieldPath, balancer: MeshLoadBalancingStrategyLoadBalancer | None
) -> None:
    if balancer is None or balancer.type != "LeastRequest" or balancer.least_request is None:
        return
    bias = balancer.least_request.active_request_bias
    if bias is None:
        return
    bias_path = path.field("leastRequest").field("activeRequestBias")
    number = parse_decimal(bias)
    if number is None:
        v.add(bias_path, "string must be a valid number")
    elif number < 0:
        v.add(bias_path, "must be greater or equal then: 0")


def _validate_local_zone(
    v: Violations, path: FieldPath, local_zone: MeshLoadBalancingStrategyLocalZone | None
) -> None:
    if local_zone is None:
        return
    tags = local_zone.affinity_tags or []
    weighted = 0
    for k, tag in enumerate(tags):
        tag_path = path.field("affinityTags").index(k)
        if not tag.key:
            v.add(tag_path.field("key"), "must not be empty")
        if tag.weight is not None:
            check_greater_than_zero(v, tag_path.field("weight"), tag.weight)
            weighted += 1
    if weighted and weighted != len(tags):
        v.add(path.field("affinityTags"), "all or none affinity tags should have weight")


def _validate_cross_zone(
    v: Violations,
    path: FieldPath,
    cross_zone: MeshLoadBalancingStrategyCrossZone | None,
    ref: TargetRef | None,
) -> None:
    if cross_zone is None:
        return
    if ref is not None and ref.kind == "MeshService" and (ref.section_name or ref.labels):
        v.add(path, "must not be set: MeshService traffic is local")
    for k, failover in enumerate(cross_zone.failover or []):
        failover_path = path.field("failover").index(k)
        if failover.from_ is not None:
            zones_path = failover_path.field("from").field("zones")
            zones = failover.from_.zones or []
            if not zones:
                v.add(zones_path, "must not be empty")
            for z, zone in enumerate(zones):
                if not zone:
                    v.add(zones_path.index(z), "must not be empty")
        target = failover.to
        kind = target.type if target is not None else ""
        to_zones = target.zones if target is not None else None
        if kind in ("Any", "None"):
            if to_zones:
                v.add(failover_path.field("to").field("zones"), f"must be empty when type is {kind}")
        elif kind in ("AnyExcept", "Only"):
            if not to_zones:
                v.add(failover_path.field("to").field("zones"), f"must not be empty when type is {kind}")
        else:
            v.add(failover_path.field("to").field("type"), "unrecognized type")
    threshold = cross_zone.failover_threshold
    if threshold is not None:
        # An absent percentage decodes as 0 in Kuma, which this rule rejects.
        percentage = threshold.percentage if threshold.percentage is not None else 0
        check_percentage(v, path.field("failoverThreshold").field("percentage"), percentage, allow_zero=False)


def _validate_conf(
    v: Violations, path: FieldPath, conf: MeshLoadBalancingStrategyConf, ref: TargetRef | None
) -> None:
    if ref is not None and ref.kind == "MeshHTTPRoute":
        _validate_hash_policies(v, path.field("hashPolicies"), conf.hash_policies)
        if conf.load_balancer is not None:
            v.add(path.field("loadBalancer"), _ROUTE_ONLY_HASH)
        if conf.locality_awareness is not None:
            v.add(path.field("localityAwareness"), _ROUTE_ONLY_HASH)
        return
    _validate_load_balancer(v, path.field("loadBalancer"), conf.load_balancer)
    locality = conf.locality_awareness
    if locality is not None:
        locality_path = path.field("localityAwareness")
        _validate_local_zone(v, locality_path.field("localZone"), locality.local_zone)
        _validate_cross_zone(v, locality_path.field("crossZone"), locality.cross_zone, ref)
    _validate_hash_policies(v, path.field("hashPolicies"), conf.hash_policies)


def validate(spec: MeshLoadBalancingStrategySpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshLoadBalancingStrategy validator (an empty ``to`` is allowed)."""
    v = Violations()
    validate_top_level(v, spec.target_ref, allowed=TOP_LEVEL_KINDS, inbound_policy=False)
    for i, item in enumerate(spec.to or []):
        validate_target_ref(v, to_path(i).field("targetRef"), item.target_ref, OUTBOUND_KINDS)
        conf = item.default or MeshLoadBalancingStrategyConf()
        _validate_conf(v, to_path(i).field("default"), conf, item.target_ref)
    return v.items


EXAMPLE: dict[str, Any] = {
    "targetRef": {"kind": "Mesh"},
    "to": [
        {
            "targetRef": {"kind": "MeshService", "labels": {"kuma.io/display-name": "cart"}},
            "default": {
                "loadBalancer": {
                    "type": "RingHash",
                    "ringHash": {"hashFunction": "XXHash", "minRingSize": 1024},
                },
                "hashPolicies": [
                    {"type": "Cookie", "cookie": {"name": "session", "ttl": "1h", "path": "/"}},
                    {"type": "Connection", "connection": {"sourceIP": True}, "terminal": True},
                ],
                "localityAwareness": {
                    "localZone": {
                        "affinityTags": [{"key": "k8s.io/node"}, {"key": "topology.kubernetes.io/zone"}]
                    }
                },
            },
        },
        {
            "targetRef": {"kind": "MeshMultiZoneService", "labels": {"kuma.io/display-name": "payments"}},
            "default": {
                "localityAwareness": {
                    "crossZone": {
                        "failover": [
                            {"from": {"zones": ["eu-west"]}, "to": {"type": "Only", "zones": ["eu-central"]}},
                            {"to": {"type": "Any"}},
                        ],
                        "failoverThreshold": {"percentage": 70},
                    }
                }
            },
        },
    ],
}

KIND = KindDescriptor(
    name="MeshLoadBalancingStrategy",
    plural="meshloadbalancingstrategies",
    short_name="mlbs",
    scope=Scope.MESH,
    spec_model=MeshLoadBalancingStrategySpec,
    validate=validate,
    description=(
        "Chooses how proxies spread requests over a destination's endpoints: the algorithm, the "
        "request hash for sticky sessions, and zone-local routing with cross-zone failover."
    ),
    policy=PolicyTraits(sections=frozenset({Section.TARGET_REF, Section.TO}), order=400),
    example=EXAMPLE,
)
