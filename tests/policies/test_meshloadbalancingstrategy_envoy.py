"""MeshLoadBalancingStrategy's Envoy translation against Kuma's plugin goldens
(``plugins/meshloadbalancingstrategy/plugin/v1alpha1/testdata``).

Kuma's sidecar test gives the plugin an EDS cluster ``backend`` with its load assignment, STATIC
clusters ``payment`` (and ``frontend``) holding their endpoints, and the two outbound listeners.
Here the clusters and listeners are the golden ones with every field the plugin sets removed, and
the load assignments are rebuilt from the test's endpoint lists (zone, address, extra tags); after
the translation, listeners, clusters and load assignments must equal the goldens field by field.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import pytest

from pulumi_kuma.envoy import (
    CLUSTER,
    ENDPOINT,
    ENVOY_CONFIGURER,
    LISTENER,
    ProxyContext,
    ProxyResources,
    builders,
)
from pulumi_kuma.envoy.types import HCM_FILTER
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.model.rules import DataplaneRules
from pulumi_kuma.policies import meshloadbalancingstrategy as mlbs
from pulumi_kuma.registry import REGISTRY
from tests.policies.envoy_support import DATAPLANE, add, destination, kind_rules
from tests.policies.golden import assert_like_golden, golden_resources

TESTDATA = "meshloadbalancingstrategy/plugin/v1alpha1/testdata/"
BACKEND = "kri_msvc_default_zone-1_ns-1_backend_"
PAYMENT = "kri_msvc_default_zone-1_ns-1_payment_"
FRONTEND = "kri_msvc_default_zone-1_ns-1_frontend_"
LB_CLUSTER_FIELDS = (
    "lbPolicy",
    "leastRequestLbConfig",
    "ringHashLbConfig",
    "maglevLbConfig",
    "commonLbConfig",
)

Endpoints = list[tuple[str, str, dict[str, str]]]
"""(zone, address, extra tags) as Kuma's ``createEndpointWith``."""

AFFINITY = {
    "localZone": {
        "affinityTags": [
            {"key": "k8s.io/node", "weight": 9000},
            {"key": "k8s.io/az", "weight": 900},
            {"key": "k8s.io/region", "weight": 90},
        ]
    }
}
FAILOVER = [
    {"to": {"type": "AnyExcept", "zones": ["zone-3", "zone-4", "zone-5"]}},
    {"from": {"zones": ["zone-1"]}, "to": {"type": "Only", "zones": ["zone-3"]}},
    {"to": {"type": "Only", "zones": ["zone-4"]}},
]
PAYMENT_HASHING = {
    "hashPolicies": [
        {"type": "QueryParameter", "queryParameter": {"name": "queryparam"}, "terminal": True},
        {"type": "Connection", "connection": {"sourceIP": True}, "terminal": False},
    ],
    "loadBalancer": {
        "type": "RingHash",
        "ringHash": {"minRingSize": 100, "maxRingSize": 1000, "hashFunction": "MurmurHash2"},
    },
}
LOCAL_BACKENDS: Endpoints = [
    ("zone-1", "192.168.1.1", {"k8s.io/node": "node1"}),
    ("zone-1", "192.168.1.2", {"k8s.io/node": "node2"}),
    ("zone-1", "192.168.1.3", {"k8s.io/az": "test"}),
    ("zone-1", "192.168.1.4", {"k8s.io/region": "test"}),
]
ALL_BACKENDS: Endpoints = [
    *LOCAL_BACKENDS,
    ("zone-2", "192.168.1.5", {}),
    ("zone-3", "192.168.1.6", {}),
    ("zone-4", "192.168.1.7", {}),
    ("zone-5", "192.168.1.8", {}),
]
NODE_PAYMENTS: Endpoints = [
    ("zone-1", "192.168.0.1", {"k8s.io/node": "node1"}),
    ("zone-1", "192.168.0.2", {"k8s.io/node": "node2"}),
    ("zone-2", "192.168.0.3", {}),
]
NODE_LABELS = {"k8s.io/node": "node1", "k8s.io/az": "test", "k8s.io/region": "test"}


@dataclass
class Case:
    id: str
    confs: dict[str, Any]
    backends: Endpoints
    payments: Endpoints
    frontends: Endpoints | None = None
    labels: dict[str, str] = field(default_factory=dict)


CASES = [
    Case(
        "basic",
        {
            BACKEND: {"loadBalancer": {"type": "Random"}},
            FRONTEND: {
                "loadBalancer": {"type": "LeastRequest", "leastRequest": {"activeRequestBias": "10.1"}}
            },
            PAYMENT: PAYMENT_HASHING,
        },
        [("zone-1", "192.168.1.1", {}), ("zone-2", "192.168.1.2", {})],
        [("zone-1", "192.168.0.1", {}), ("zone-2", "192.168.0.2", {})],
        frontends=[("zone-1", "192.168.2.1", {}), ("zone-2", "192.168.2.2", {})],
    ),
    Case(
        "locality_aware_basic",
        {
            BACKEND: {
                "loadBalancer": {"type": "Random"},
                "localityAwareness": {
                    **AFFINITY,
                    "crossZone": {"failoverThreshold": {"percentage": "99"}, "failover": FAILOVER},
                },
            },
            PAYMENT: {
                **PAYMENT_HASHING,
                "localityAwareness": {
                    **AFFINITY,
                    "crossZone": {"failover": [{"to": {"type": "Only", "zones": ["zone-2"]}}]},
                },
            },
        },
        ALL_BACKENDS,
        NODE_PAYMENTS,
    ),
    Case(
        "locality_aware_no_cross_zone",
        {
            BACKEND: {"loadBalancer": {"type": "Random"}, "localityAwareness": AFFINITY},
            PAYMENT: PAYMENT_HASHING,
        },
        ALL_BACKENDS,
        [("zone-1", "192.168.0.1", {}), ("zone-2", "192.168.0.2", {})],
    ),
    Case(
        "locality_aware_cross_zone",
        {
            BACKEND: {
                "loadBalancer": {"type": "Random"},
                "localityAwareness": {"crossZone": {"failover": FAILOVER}},
            },
            PAYMENT: PAYMENT_HASHING,
        },
        ALL_BACKENDS,
        [("zone-1", "192.168.0.1", {}), ("zone-2", "192.168.0.2", {})],
    ),
    Case(
        "locality_aware_tag_free_endpoints",
        {
            BACKEND: {
                "loadBalancer": {"type": "Random"},
                "localityAwareness": {
                    **AFFINITY,
                    "crossZone": {"failoverThreshold": {"percentage": "99"}, "failover": FAILOVER},
                },
            },
            PAYMENT: {
                **PAYMENT_HASHING,
                "localityAwareness": {
                    **AFFINITY,
                    "crossZone": {"failover": [{"to": {"type": "Only", "zones": ["zone-2"]}}]},
                },
            },
        },
        ALL_BACKENDS,
        NODE_PAYMENTS,
        labels=NODE_LABELS,
    ),
]


def lb_endpoints(cluster: str, endpoints: Endpoints) -> dict[str, Any]:
    """Kuma's ``CreateClusterLoadAssignment`` of ``createEndpointWith`` endpoints (port 8080)."""
    by_zone: dict[str, list[dict[str, Any]]] = {}
    for zone, address, extra in sorted(endpoints, key=lambda e: e[1]):
        tags = {"kuma.io/protocol": "http", "kuma.io/zone": zone, **extra}
        by_zone.setdefault(zone, []).append(builders.lb_endpoint(address, 8080, tags))
    return builders.cluster_load_assignment(cluster, sorted(by_zone.items()))


def strip_cluster(cluster: dict[str, Any], endpoints: Endpoints | None) -> dict[str, Any]:
    out = {k: v for k, v in cluster.items() if k not in LB_CLUSTER_FIELDS}
    if endpoints is not None:
        out["loadAssignment"] = lb_endpoints(cluster["name"], endpoints)
    return out


def strip_listener(listener: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(listener)
    for chain in out["filterChains"]:
        for item in chain["filters"]:
            if item["name"] == HCM_FILTER:
                for host in item["typedConfig"]["routeConfig"]["virtualHosts"]:
                    for route in host["routes"]:
                        route.get("route", {}).pop("hashPolicy", None)
    return out


def proxy_context(labels: dict[str, str]) -> ProxyContext:
    dataplane = ResourceObject(
        type="Dataplane", name="dp", mesh="default", labels=labels, spec=DATAPLANE.spec
    )
    return ProxyContext(dataplane, None, "zone-1", (), (), DataplaneRules(dataplane, {}), REGISTRY)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_matches_kumas_golden(case: Case) -> None:
    clusters = golden_resources(f"{TESTDATA}{case.id}.clusters.golden.yaml")
    endpoints = golden_resources(f"{TESTDATA}{case.id}.endpoints.golden.yaml")
    listeners = golden_resources(f"{TESTDATA}{case.id}.listeners.golden.yaml")
    resources = ProxyResources()
    backend, payment, frontend = destination(BACKEND), destination(PAYMENT), destination(FRONTEND)
    add(resources, CLUSTER, strip_cluster(clusters["backend"], None), destination=backend)
    add(resources, ENDPOINT, lb_endpoints("backend", case.backends), destination=backend)
    add(resources, CLUSTER, strip_cluster(clusters["payment"], case.payments), destination=payment)
    if case.frontends is not None:
        add(resources, CLUSTER, strip_cluster(clusters["frontend"], case.frontends), destination=frontend)
    add(resources, LISTENER, strip_listener(listeners["backend"]), destination=backend)
    add(resources, LISTENER, strip_listener(listeners["payments"]), destination=payment)

    rules = kind_rules("MeshLoadBalancingStrategy", outbound=case.confs)
    mlbs.configure_envoy(proxy_context(case.labels), rules, resources)

    for type_url, expected in ((CLUSTER, clusters), (ENDPOINT, endpoints), (LISTENER, listeners)):
        entries = resources.entries(type_url)
        actual = {
            e.name
            if type_url != LISTENER
            else ("backend" if e.destination is backend else "payments"): e.view
            for e in entries
        }
        assert_like_golden(actual, expected, f"{case.id} {type_url.rsplit('.', 1)[-1]}")


def test_hash_policies_per_meshhttproute_route() -> None:
    """``route``: routes named by a MeshHTTPRoute's KRI take that route's hash policies, the others
    the destination's."""
    [expected] = golden_resources(f"{TESTDATA}route.listeners.golden.yaml").values()
    resources = ProxyResources()
    dest = destination("kri_msvc_default_zone-1_ns-1_ms-1_27777")
    add(resources, LISTENER, strip_listener(expected), destination=dest)
    confs = {
        "kri_msvc_default_zone-1_ns-1_ms-1_": {
            "hashPolicies": [{"type": "Header", "header": {"name": "x-per-meshservice-header"}}]
        },
        "kri_mhttpr_default_zone-1_ns-1_route-3_": {
            "hashPolicies": [{"type": "Header", "header": {"name": "x-per-meshhttproute-route-3"}}]
        },
    }
    mlbs.configure_envoy(
        proxy_context({}), kind_rules("MeshLoadBalancingStrategy", outbound=confs), resources
    )
    assert_like_golden(resources.entries(LISTENER)[0].view, expected, "route listener")


def test_endpoints_without_a_zone_count_as_local() -> None:
    """Affinity groups regroup endpoints that carry no zone tag (nor locality) with the local ones
    instead of dropping them as belonging to no zone."""
    resources = ProxyResources()
    backend = destination(BACKEND)
    endpoint = builders.lb_endpoint("192.168.1.1", 8080, {"k8s.io/node": "node1"})
    add(
        resources,
        ENDPOINT,
        builders.cluster_load_assignment("backend", [("", [endpoint])]),
        destination=backend,
    )
    conf = {BACKEND: {"localityAwareness": AFFINITY}}
    mlbs.configure_envoy(
        proxy_context(NODE_LABELS), kind_rules("MeshLoadBalancingStrategy", outbound=conf), resources
    )
    [group] = resources.entries(ENDPOINT)[0].view["endpoints"]
    assert group["locality"] == {"zone": "zone-1", "subZone": "k8s.io/node=node1"}
    assert group["loadBalancingWeight"] == 9000


def test_disabled_locality_awareness_puts_every_zone_first() -> None:
    resources = ProxyResources()
    backend = destination(BACKEND)
    add(resources, ENDPOINT, lb_endpoints("backend", ALL_BACKENDS[3:6]), destination=backend)
    conf = {BACKEND: {"localityAwareness": {"disabled": True}}}
    mlbs.configure_envoy(proxy_context({}), kind_rules("MeshLoadBalancingStrategy", outbound=conf), resources)
    groups = resources.entries(ENDPOINT)[0].view["endpoints"]
    assert [g.get("priority", 0) for g in groups] == [0, 0, 0]


@pytest.mark.parametrize(
    ("balancer", "expected"),
    [
        (
            {"type": "Maglev", "maglev": {"tableSize": 1021}},
            {"lbPolicy": "MAGLEV", "maglevLbConfig": {"tableSize": "1021"}},
        ),
        ({"type": "RoundRobin"}, {}),
        (
            {"type": "LeastRequest", "leastRequest": {"choiceCount": 3}},
            {"lbPolicy": "LEAST_REQUEST", "leastRequestLbConfig": {"choiceCount": 3}},
        ),
        ({"type": "RingHash"}, {"lbPolicy": "RING_HASH"}),
    ],
)
def test_load_balancer_types(balancer: dict[str, Any], expected: dict[str, Any]) -> None:
    cluster: dict[str, Any] = {}
    mlbs.configure_cluster(cluster, {"loadBalancer": balancer})
    assert cluster == expected


def test_cookie_and_filter_state_hash_policies() -> None:
    assert mlbs.hash_policy({"type": "Cookie", "cookie": {"name": "session", "ttl": "1m", "path": "/"}}) == {
        "cookie": {"name": "session", "ttl": "60s", "path": "/"}
    }
    assert mlbs.hash_policy({"type": "FilterState", "filterState": {"key": "k"}, "terminal": True}) == {
        "terminal": True,
        "filterState": {"key": "k"},
    }


def test_registered_on_the_kind_descriptor() -> None:
    assert REGISTRY.by_name("MeshLoadBalancingStrategy").extras[ENVOY_CONFIGURER] is mlbs.configure_envoy
