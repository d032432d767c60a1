"""MeshHealthCheck's Envoy translation against Kuma's plugin goldens
(``plugins/meshhealthcheck/plugin/v1alpha1/testdata``).

Kuma's test starts from clusters with only a name, a Dataplane labelled
``kuma.io/workload: backend`` (it shows in the ``x-kuma-tags`` header) and the rules below.
"""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_kuma.envoy import CLUSTER, ENVOY_CONFIGURER, Protocol, ProxyResources
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.policies import meshhealthcheck
from pulumi_kuma.registry import REGISTRY
from tests.policies.envoy_support import DATAPLANE, add, clusters, context, destination, golden, kind_rules
from tests.policies.golden import assert_like_golden

TESTDATA = "meshhealthcheck/plugin/v1alpha1/testdata/"
HTTP = "kri_msvc_default___echo-http_80"
TCP = "kri_msvc_default___echo-tcp_80"
GRPC = "kri_msvc_default___echo-grpc_80"
BACKEND = "kri_msvc_default___backend_80"
WORKLOAD = ResourceObject(
    type="Dataplane",
    name="backend",
    mesh="default",
    labels={"kuma.io/workload": "backend"},
    spec=DATAPLANE.spec,
)
COMMON = {"interval": "10s", "timeout": "2s", "unhealthyThreshold": 3, "healthyThreshold": 1}
HTTP_CONF = {
    **COMMON,
    "initialJitter": "13s",
    "intervalJitter": "15s",
    "intervalJitterPercent": 10,
    "failTrafficOnPanic": True,
    "eventLogPath": "/tmp/log.txt",
    "alwaysLogHealthCheckFailures": False,
    "noTrafficInterval": "16s",
    "http": {
        "disabled": False,
        "path": "/health",
        "requestHeadersToAdd": {
            "add": [{"name": "x-some-header", "value": "value"}],
            "set": [{"name": "x-some-other-header", "value": "value"}],
        },
        "expectedStatuses": [200, 201],
    },
    "reuseConnection": True,
}
TCP_CONF = {**COMMON, "tcp": {"disabled": False, "send": "cGluZwo=", "receive": ["cG9uZwo="]}}
GRPC_CONF = {
    **COMMON,
    "grpc": {"serviceName": "grpc-client", "authority": "grpc-client.default.svc.cluster.local"},
}

CASES: list[tuple[str, str, Protocol, dict[str, Any], list[str]]] = [
    (
        "http",
        HTTP,
        Protocol.HTTP,
        HTTP_CONF,
        ["basic_http_health_check_cluster", "basic_http_health_check_split_cluster"],
    ),
    ("tcp", TCP, Protocol.TCP, TCP_CONF, ["basic_tcp_health_check_cluster"]),
    ("grpc", GRPC, Protocol.GRPC, GRPC_CONF, ["basic_grpc_health_check_cluster"]),
    ("tcp real MeshService", BACKEND, Protocol.TCP, TCP_CONF, ["basic_tcp_health_check_cluster_real_ms"]),
]


@pytest.mark.parametrize(
    ("kri", "protocol", "conf", "goldens"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_matches_kumas_golden(kri: str, protocol: Protocol, conf: dict[str, Any], goldens: list[str]) -> None:
    expected = [golden(f"{TESTDATA}{name}.golden.yaml")[0] for name in goldens]
    resources = ProxyResources()
    dest = destination(kri, protocol)
    for cluster in expected:
        add(resources, CLUSTER, {"name": cluster["name"]}, destination=dest)

    meshhealthcheck.configure_envoy(
        context(dataplane=WORKLOAD), kind_rules("MeshHealthCheck", outbound={kri: conf}), resources
    )

    assert_like_golden(clusters(resources), expected, ", ".join(goldens))


@pytest.mark.parametrize(
    ("protocol", "conf", "expected"),
    [
        (Protocol.HTTP, {"http": {"disabled": True}, "tcp": {}}, "tcpHealthCheck"),
        (Protocol.GRPC, {"grpc": {"disabled": True}, "tcp": {}}, "tcpHealthCheck"),
        (Protocol.HTTP2, {"http": {}}, "httpHealthCheck"),
        (Protocol.TCP, {"http": {}}, None),
        (Protocol.HTTP, {"http": {"disabled": True}}, None),
    ],
)
def test_check_follows_the_destination_protocol(
    protocol: Protocol, conf: dict[str, Any], expected: str | None
) -> None:
    resources = ProxyResources()
    add(resources, CLUSTER, {"name": HTTP}, destination=destination(HTTP, protocol))
    meshhealthcheck.configure_envoy(
        context(), kind_rules("MeshHealthCheck", outbound={HTTP: conf}), resources
    )
    checks = clusters(resources)[0].get("healthChecks", [])
    assert [k for c in checks for k in c if k.endswith("HealthCheck")] == ([expected] if expected else [])
    if protocol is Protocol.HTTP2 and expected:
        assert checks[0]["httpHealthCheck"]["codecClientType"] == "HTTP2"


def test_registered_on_the_kind_descriptor() -> None:
    assert REGISTRY.by_name("MeshHealthCheck").extras[ENVOY_CONFIGURER] is meshhealthcheck.configure_envoy
