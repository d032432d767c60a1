"""MeshLoadBalancingStrategy: load balancer, hash policies and zone locality for outbound traffic."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Annotated, Any

from pydantic import Field

from pulumi_kuma.envoy import (
    ENDPOINT,
    ProxyContext,
    ProxyResources,
    ResourceEntry,
    http_connection_managers,
    route_action,
    routes,
)
from pulumi_kuma.envoy.builders import go_duration
from pulumi_kuma.envoy.hooks import ENVOY_CONFIGURER
from pulumi_kuma.envoy.names import is_kri
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
from pulumi_kuma.model.rules import KindRules
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


# --- Envoy translation ----------------------------------------------------------------------------
#
# Kuma's MeshLoadBalancingStrategy plugin (``pkg/plugins/policies/meshloadbalancingstrategy/plugin``),
# applied to every outbound resource with the conf of its destination (route: the MeshHTTPRoute
# rule's conf first):
#
# * listeners: each route's ``hashPolicy`` (header, cookie, source IP, query parameter, filter state);
# * clusters: ``lbPolicy`` and its config (least request, ring hash, maglev), and the
#   locality-weighted LB when affinity tags are configured;
# * load assignments: endpoints outside the proxy's zone get priority 1 (also without a policy);
#   with ``localityAwareness`` the endpoints are regrouped: in the local zone by the first affinity
#   tag whose value equals the proxy's (a sub-zone with that tag's weight), other zones by the first
#   ``crossZone.failover`` entry that admits them (priority = entry index + 1; zones no entry admits
#   are dropped), and ``overprovisioningFactor`` follows the failover threshold.
#
# One zone makes cross-zone failover moot here: all endpoints carry the control plane's zone, so only
# affinity tags and the LB settings change what Envoy does.

ENVOY_LB = "envoy.lb"
ZONE_TAG = "kuma.io/zone"
DEFAULT_OVERPROVISIONING_FACTOR = 200
_LB_POLICIES = {
    "RoundRobin": "ROUND_ROBIN",
    "LeastRequest": "LEAST_REQUEST",
    "Random": "RANDOM",
    "RingHash": "RING_HASH",
    "Maglev": "MAGLEV",
}


def _conf_dict(conf: Any) -> Mapping[str, Any]:
    return conf if isinstance(conf, dict) else {}


def hash_policy(policy: Mapping[str, Any]) -> dict[str, Any]:
    """One route ``hashPolicy`` entry (Kuma's ``hashPolicy`` builder)."""
    out: dict[str, Any] = {}
    if policy.get("terminal") is True:
        out["terminal"] = True
    kind = policy.get("type")
    header, cookie = policy.get("header"), policy.get("cookie")
    connection, query, state = (
        policy.get("connection"),
        policy.get("queryParameter"),
        policy.get("filterState"),
    )
    if kind == "Header" and isinstance(header, dict):
        out["header"] = {"headerName": str(header.get("name", ""))}
    elif kind == "Cookie" and isinstance(cookie, dict):
        spec: dict[str, Any] = {"name": str(cookie.get("name", ""))}
        if cookie.get("ttl"):
            spec["ttl"] = go_duration(str(cookie["ttl"]))
        if cookie.get("path"):
            spec["path"] = str(cookie["path"])
        out["cookie"] = spec
    elif kind == "Connection" and isinstance(connection, dict):
        out["connectionProperties"] = {"sourceIp": True} if connection.get("sourceIP") is True else {}
    elif kind == "QueryParameter" and isinstance(query, dict):
        out["queryParameter"] = {"name": str(query.get("name", ""))}
    elif kind == "FilterState" and isinstance(state, dict):
        out["filterState"] = {"key": str(state.get("key", ""))}
    return out


def _local_affinity(conf: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    awareness = _conf_dict(conf.get("localityAwareness"))
    local = _conf_dict(awareness.get("localZone"))
    tags = local.get("affinityTags")
    return [t for t in tags if isinstance(t, dict)] if isinstance(tags, list) else []


def configure_cluster(cluster: dict[str, Any], conf: Mapping[str, Any]) -> None:
    """The conf's LB policy and config, and the locality-weighted LB for affinity tags."""
    if _local_affinity(conf):
        cluster.setdefault("commonLbConfig", {})["localityWeightedLbConfig"] = {}
    balancer = conf.get("loadBalancer")
    if not isinstance(balancer, dict):
        return
    kind = balancer.get("type")
    policy = _LB_POLICIES.get(str(kind))
    if policy is None:
        return
    if policy == "ROUND_ROBIN":
        cluster.pop("lbPolicy", None)  # the zero value
    else:
        cluster["lbPolicy"] = policy
    least, ring, maglev = balancer.get("leastRequest"), balancer.get("ringHash"), balancer.get("maglev")
    if kind == "LeastRequest" and isinstance(least, dict):
        config: dict[str, Any] = {}
        bias = parse_decimal(least.get("activeRequestBias"))
        if bias is not None:
            config["activeRequestBias"] = {"defaultValue": float(bias)}
        if isinstance(least.get("choiceCount"), int):
            config["choiceCount"] = least["choiceCount"]
        cluster["leastRequestLbConfig"] = config
    elif kind == "RingHash" and isinstance(ring, dict):
        config = {}
        # uint64 sizes are strings in proto3 JSON; XX_HASH is the zero value
        if isinstance(ring.get("minRingSize"), int):
            config["minimumRingSize"] = str(ring["minRingSize"])
        if isinstance(ring.get("maxRingSize"), int):
            config["maximumRingSize"] = str(ring["maxRingSize"])
        if ring.get("hashFunction") == "MurmurHash2":
            config["hashFunction"] = "MURMUR_HASH_2"
        cluster["ringHashLbConfig"] = config
    elif kind == "Maglev" and isinstance(maglev, dict):
        cluster["maglevLbConfig"] = (
            {"tableSize": str(maglev["tableSize"])} if isinstance(maglev.get("tableSize"), int) else {}
        )


# --- locality awareness (load assignments) --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Locality:
    zone: str
    sub_zone: str = ""
    weight: int = 0
    priority: int = 0


def affinity_groups(conf: Mapping[str, Any], labels: Mapping[str, str]) -> list[tuple[str, str, int]]:
    """``(key, the proxy's value, weight)`` of each affinity tag the proxy's labels have (Kuma 3.0
    Dataplanes have no inbound tags); weights default to 9, 0.9, 0.09 ... times a power of ten by
    list order, so the first tag gets 90 % (Kuma's ``getLocalLbGroups``)."""
    tags = _local_affinity(conf)
    groups = []
    for index, tag in enumerate(tags):
        key = str(tag.get("key", ""))
        weight = tag.get("weight")
        if not isinstance(weight, int):
            weight = 9 * 10 ** (len(tags) - index - 1)
        value = labels.get(key)
        if value is not None:
            groups.append((key, value, weight))
    return groups


def failover_groups(conf: Mapping[str, Any], local_zone: str) -> list[tuple[str, frozenset[str], int]]:
    """``(type, zones, priority)`` of each failover entry that applies from the local zone."""
    awareness = _conf_dict(conf.get("localityAwareness"))
    cross = _conf_dict(awareness.get("crossZone"))
    groups = []
    for index, rule in enumerate(cross.get("failover") or []):
        source = rule.get("from")
        if isinstance(source, dict) and local_zone not in (source.get("zones") or []):
            continue
        target = _conf_dict(rule.get("to"))
        kind = str(target.get("type", ""))
        if kind not in ("Any", "AnyExcept", "Only"):
            kind = "None"
        groups.append((kind, frozenset(str(z) for z in target.get("zones") or []), index + 1))
    return groups


def _cross_zone_locality(groups: list[tuple[str, frozenset[str], int]], zone: str) -> _Locality | None:
    for kind, zones, priority in groups:
        if kind == "Any" or (kind == "AnyExcept" and zone not in zones) or (kind == "Only" and zone in zones):
            return _Locality(zone, priority=priority)
    return None


def overprovisioning_factor(conf: Mapping[str, Any]) -> int:
    """Envoy's overprovisioning factor for a failover threshold (Kuma: ``int(100 / pct) * 100``)."""
    awareness = _conf_dict(conf.get("localityAwareness"))
    threshold = _conf_dict(_conf_dict(awareness.get("crossZone")).get("failoverThreshold"))
    value = parse_decimal(threshold.get("percentage"))
    if value is None or value == 0:
        return DEFAULT_OVERPROVISIONING_FACTOR
    return int(100 / float(value)) * 100


def _endpoint_sort_key(endpoint: Mapping[str, Any]) -> tuple[str, int]:
    address = _conf_dict(_conf_dict(_conf_dict(endpoint.get("endpoint")).get("address")).get("socketAddress"))
    return (str(address.get("address", "")), int(address.get("portValue") or 0))


def regroup_endpoints(
    cla: Mapping[str, Any], conf: Mapping[str, Any], ctx: ProxyContext
) -> list[dict[str, Any]]:
    """The load assignment's endpoints regrouped by locality (Kuma's ``NewEndpoints``)."""
    local_zone = ctx.zone
    local_groups = affinity_groups(conf, ctx.labels)
    cross_groups = failover_groups(conf, local_zone)
    grouped: dict[_Locality, list[dict[str, Any]]] = {}
    for group in cla.get("endpoints") or []:
        group_zone = str(_conf_dict(group.get("locality")).get("zone") or local_zone)
        for endpoint in group.get("lbEndpoints") or []:
            tags = _conf_dict(
                _conf_dict(_conf_dict(endpoint.get("metadata")).get("filterMetadata")).get(ENVOY_LB)
            )
            # Kuma's endpoints always carry their zone; one without (nor a locality) is local here
            # rather than dropped as belonging to no zone
            zone = str(tags.get(ZONE_TAG) or group_zone)
            if zone == local_zone:
                locality = _Locality(local_zone, weight=1)
                for key, value, weight in local_groups:
                    if tags.get(key) == value:
                        locality = _Locality(local_zone, f"{key}={value}", weight)
                        break
            else:
                found = _cross_zone_locality(cross_groups, zone)
                if found is None:
                    continue  # no failover entry admits this zone
                locality = found
            grouped.setdefault(locality, []).append(copy.deepcopy(endpoint))
    out = []
    for locality, endpoints in sorted(grouped.items(), key=lambda item: item[0].zone + item[0].sub_zone):
        entry: dict[str, Any] = {"lbEndpoints": sorted(endpoints, key=_endpoint_sort_key)}
        entry["locality"] = {
            "zone": locality.zone,
            **({"subZone": locality.sub_zone} if locality.sub_zone else {}),
        }
        if locality.weight:
            entry["loadBalancingWeight"] = locality.weight
        if locality.priority:
            entry["priority"] = locality.priority
        out.append(entry)
    return out


def _non_local_priorities(cla: Mapping[str, Any], priority: int, local_zone: str) -> list[tuple[int, int]]:
    """``(group index, new priority)`` of the groups outside the local zone whose priority changes."""
    changes = []
    for index, group in enumerate(cla.get("endpoints") or []):
        locality = group.get("locality")
        if (
            isinstance(locality, dict)
            and locality.get("zone", "") != local_zone
            and group.get("priority", 0) != priority
        ):
            changes.append((index, priority))
    return changes


def configure_load_assignment(
    view: Mapping[str, Any], mutable: Callable[[], dict[str, Any]], conf: Mapping[str, Any], ctx: ProxyContext
) -> None:
    """Priorities and locality groups of one load assignment (``view`` to read; ``mutable()`` gives
    the dict to change, called only when something changes, as load assignments may be shared)."""
    awareness = conf.get("localityAwareness")
    aware = not (isinstance(awareness, dict) and awareness.get("disabled") is True)
    changes = _non_local_priorities(view, 1 if aware else 0, ctx.zone)
    regroup = isinstance(awareness, dict) and (
        isinstance(awareness.get("localZone"), dict) or isinstance(awareness.get("crossZone"), dict)
    )
    if not changes and not regroup:
        return
    cla = mutable()
    for index, priority in changes:
        group = cla["endpoints"][index]
        if priority:
            group["priority"] = priority
        else:
            group.pop("priority", None)
    if regroup:
        cla["endpoints"] = regroup_endpoints(cla, conf, ctx)
        cla.setdefault("policy", {})["overprovisioningFactor"] = overprovisioning_factor(conf)


def _body(entry: ResourceEntry) -> dict[str, Any]:
    return entry.resource


def _static_load_assignment(entry: ResourceEntry) -> dict[str, Any]:
    assignment: dict[str, Any] = entry.resource["loadAssignment"]
    return assignment


def configure_envoy(ctx: ProxyContext, rules: KindRules, resources: ProxyResources) -> None:
    """MeshLoadBalancingStrategy's Envoy translation (registered on :data:`KIND`)."""
    for entry in resources.listeners():
        destination = entry.destination
        if destination is None:
            continue
        service_conf = ctx.outbound_conf(rules, destination.rule_keys)
        for hcm in http_connection_managers(entry.resource):
            for route in routes(hcm):
                name = str(route.get("name", ""))
                conf = _conf_dict(ctx.route_conf(rules, name, destination) if is_kri(name) else service_conf)
                policies = conf.get("hashPolicies")
                action = route_action(route)
                if isinstance(policies, list) and policies and action is not None:
                    hashes = [hash_policy(p) for p in policies if isinstance(p, dict)]
                    action.setdefault("hashPolicy", []).extend(hashes)
    for entry in resources.outbound_clusters():
        destination = entry.destination
        assert destination is not None
        conf = _conf_dict(ctx.outbound_conf(rules, destination.rule_keys))
        if conf:
            configure_cluster(entry.resource, conf)
        static = entry.view.get("loadAssignment")
        if isinstance(static, dict):
            configure_load_assignment(static, partial(_static_load_assignment, entry), conf, ctx)
    for entry in resources.entries(ENDPOINT):
        destination = entry.destination
        if destination is not None:
            conf = _conf_dict(ctx.outbound_conf(rules, destination.rule_keys))
            configure_load_assignment(entry.view, partial(_body, entry), conf, ctx)


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
    extras={ENVOY_CONFIGURER: configure_envoy},
)
