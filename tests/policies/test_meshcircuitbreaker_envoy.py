"""MeshCircuitBreaker's Envoy translation against Kuma's plugin goldens
(``plugins/meshcircuitbreaker/plugin/v1alpha1/testdata``).

Kuma's test starts each case from a cluster with only a name (once with an existing threshold)
and the rules below; the translation must produce the golden cluster.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from pulumi_kuma.envoy import CLUSTER, ENVOY_CONFIGURER, ProxyResources
from pulumi_kuma.model.rules import InboundListener
from pulumi_kuma.policies import meshcircuitbreaker
from pulumi_kuma.registry import REGISTRY
from tests.policies.envoy_support import add, clusters, context, destination, golden, http_inbound, kind_rules
from tests.policies.golden import assert_like_golden

TESTDATA = "meshcircuitbreaker/plugin/v1alpha1/testdata/"
OTHER = "kri_msvc_default___other-service_80"
SECOND = "kri_msvc_default___second-service_80"
BACKEND = "kri_msvc_default___backend_80"
INBOUND = InboundListener("127.0.0.1", 80)

LIMITS = {
    "maxConnectionPools": 1111,
    "maxConnections": 2222,
    "maxPendingRequests": 3333,
    "maxRequests": 4444,
    "maxRetries": 5555,
}


def outlier(disabled: bool) -> dict[str, Any]:
    return {
        "disabled": disabled,
        "interval": "10s",
        "baseEjectionTime": "8s",
        "maxEjectionPercent": 88,
        "splitExternalAndLocalErrors": True,
        "detectors": {
            "totalFailures": {"consecutive": 12},
            "gatewayFailures": {"consecutive": 91},
            "localOriginFailures": {"consecutive": 3},
            "successRate": {"minimumHosts": 33, "requestVolume": 99, "standardDeviationFactor": "1.9"},
            "failurePercentage": {"minimumHosts": 32, "requestVolume": 182, "threshold": 80},
        },
        "healthyPanicThreshold": "30.2",
    }


@dataclass
class Case:
    golden: str
    conf: dict[str, Any] | None
    kri: str = SECOND
    inbound: bool = False
    existing: dict[str, Any] = field(default_factory=dict)


CASES = [
    Case("outbound_cluster_connection_limits", {"connectionLimits": LIMITS}, OTHER),
    Case("outbound_cluster_track_remaining_only", None, OTHER),
    Case(
        "outbound_cluster_existing_circuit_breakers",
        None,
        OTHER,
        existing={"circuitBreakers": {"thresholds": [{"maxConnections": 66}]}},
    ),
    Case("outbound_cluster_outlier_detection", {"outlierDetection": outlier(False)}),
    Case("outbound_cluster_outlier_detection_disabled", {"outlierDetection": outlier(True)}),
    Case(
        "outbound_cluster_connection_limits_outlier_detection",
        {"connectionLimits": LIMITS, "outlierDetection": outlier(False)},
    ),
    Case(
        "outbound_cluster_connection_limits_outlier_detection_disabled",
        {"connectionLimits": LIMITS, "outlierDetection": outlier(True)},
    ),
    Case("inbound_cluster_connection_limits_resource_name", {"connectionLimits": LIMITS}, inbound=True),
    Case("inbound_cluster_outlier_detection", {"outlierDetection": outlier(False)}, inbound=True),
    Case("inbound_cluster_outlier_detection_disabled", {"outlierDetection": outlier(True)}, inbound=True),
    Case(
        "inbound_cluster_connection_limits_outlier_detection",
        {"connectionLimits": LIMITS, "outlierDetection": outlier(False)},
        inbound=True,
    ),
    Case(
        "inbound_cluster_connection_limits_outlier_detection_disabled",
        {"connectionLimits": LIMITS, "outlierDetection": outlier(True)},
        inbound=True,
    ),
    Case(
        "outbound_cluster_connection_limits_real_resource",
        {"connectionLimits": LIMITS, "outlierDetection": outlier(False)},
        BACKEND,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.golden for c in CASES])
def test_matches_kumas_golden(case: Case) -> None:
    [expected] = golden(f"{TESTDATA}{case.golden}.golden.yaml")
    resources = ProxyResources()
    inbound = http_inbound()
    body = {"name": expected["name"], **case.existing}
    if case.inbound:
        add(resources, CLUSTER, body, inbound=inbound)
        rules = kind_rules("MeshCircuitBreaker", inbound={INBOUND: [(None, case.conf)]})
    else:
        add(resources, CLUSTER, body, destination=destination(case.kri))
        rules = kind_rules("MeshCircuitBreaker", outbound={case.kri: case.conf} if case.conf else None)

    meshcircuitbreaker.configure_envoy(context([inbound]), rules, resources)

    [actual] = clusters(resources)
    assert_like_golden(actual, expected, case.golden)


def test_split_clusters_of_one_destination_get_the_same_conf() -> None:
    """``outbound_split_cluster_*``: every cluster that carries a destination's traffic."""
    conf = {"connectionLimits": LIMITS, "outlierDetection": outlier(False)}
    resources = ProxyResources()
    dest = destination(OTHER)
    for name in (OTHER, OTHER + "-5ab6003f460fabce"):
        add(resources, CLUSTER, {"name": name}, destination=dest)

    meshcircuitbreaker.configure_envoy(
        context(), kind_rules("MeshCircuitBreaker", outbound={OTHER: conf}), resources
    )

    expected = [
        golden(f"{TESTDATA}outbound_split_cluster_connection_limits_outlier_detection.golden.yaml")[0],
        golden(f"{TESTDATA}outbound_split_cluster_0_connection_limits_outlier_detection.golden.yaml")[0],
    ]
    assert_like_golden(clusters(resources), expected, "split clusters")


def test_missing_detectors_are_not_enforced() -> None:
    resources = ProxyResources()
    add(resources, CLUSTER, {"name": OTHER}, destination=destination(OTHER))
    conf = {"outlierDetection": {"detectors": {"totalFailures": {"consecutive": 2}}}}
    meshcircuitbreaker.configure_envoy(
        context(), kind_rules("MeshCircuitBreaker", outbound={OTHER: conf}), resources
    )
    assert clusters(resources)[0]["outlierDetection"] == {
        "enforcingConsecutive5xx": 100,
        "consecutive5xx": 2,
        "enforcingConsecutiveLocalOriginFailure": 0,
        "enforcingConsecutiveGatewayFailure": 0,
        "enforcingSuccessRate": 0,
        "enforcingLocalOriginSuccessRate": 0,
        "enforcingFailurePercentage": 0,
        "enforcingFailurePercentageLocalOrigin": 0,
    }


def test_registered_on_the_kind_descriptor() -> None:
    assert (
        REGISTRY.by_name("MeshCircuitBreaker").extras[ENVOY_CONFIGURER] is meshcircuitbreaker.configure_envoy
    )
