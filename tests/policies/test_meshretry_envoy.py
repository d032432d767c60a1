"""MeshRetry's Envoy translation against Kuma's plugin goldens (``plugins/meshretry/plugin/v1alpha1/testdata``).

Each case rebuilds one ``plugin_test.go`` entry: the golden listener with every field MeshRetry
sets removed (route ``retryPolicy``, TCP proxy ``maxConnectAttempts``) and the same outbound
rules; the translation must put back exactly what Kuma's does.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import pytest

from pulumi_kuma.envoy import ENVOY_CONFIGURER, LISTENER, Protocol, ProxyResources
from pulumi_kuma.envoy.types import HCM_FILTER, TCP_PROXY_FILTER
from pulumi_kuma.policies import meshretry
from pulumi_kuma.registry import REGISTRY
from tests.policies.envoy_support import add, context, destination, golden, kind_rules, listeners
from tests.policies.golden import assert_like_golden

TESTDATA = "meshretry/plugin/v1alpha1/testdata/"
HTTP_SERVICE = "kri_msvc_default___http-service_10001"
GRPC_SERVICE = "kri_msvc_default___grpc-service_10002"
TCP_SERVICE = "kri_msvc_default___tcp-service_10003"
REAL_MS = "kri_msvc_default_zone-1_backend-ns_backend_10001"
REAL_MES = "kri_extsvc_default_zone-1_kuma-system_backend_10001"
ROUTE = "kri_mhttpr_mesh-1___test-route-1_"
ROUTE_SERVICE = "kri_msvc_mesh-1___test-service-1_"


FIRST_HTTP = {
    "http": {
        "numRetries": 1,
        "perTryTimeout": "2s",
        "backOff": {"baseInterval": "3s", "maxInterval": "4s"},
        "rateLimitedBackOff": {
            "maxInterval": "5s",
            "resetHeaders": [
                {"name": "retry-after-http", "format": "Seconds"},
                {"name": "x-retry-after-http", "format": "UnixTimestamp"},
            ],
        },
        "retryOn": [
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
            "429",
        ],
        "retriableResponseHeaders": [
            {"type": "RegularExpression", "name": "x-retry-regex", "value": ".*"},
            {"type": "Exact", "name": "x-retry-exact", "value": "exact-value"},
        ],
        "retriableRequestHeaders": [{"type": "Prefix", "name": "x-retry-prefix", "value": "prefix-"}],
        "hostSelection": [
            {"predicate": "OmitPreviousHosts"},
            {"predicate": "OmitPreviousPriorities", "updateFrequency": 2},
            {"predicate": "OmitHostsWithTags", "tags": {"test": "test"}},
        ],
        "hostSelectionMaxAttempts": 2,
    }
}
SECOND_HTTP = {
    "http": {
        "numRetries": 6,
        "perTryTimeout": "77s",
        "backOff": {"baseInterval": "88s", "maxInterval": "999s"},
        "rateLimitedBackOff": {
            "maxInterval": "11s",
            "resetHeaders": [{"name": "x-retry-after-http", "format": "UnixTimestamp"}],
        },
        "retryOn": ["499"],
        "retriableResponseHeaders": [{"type": "RegularExpression", "name": "x-retry-regex", "value": ".*"}],
        "retriableRequestHeaders": [{"type": "Prefix", "name": "x-retry-prefix", "value": "prefix-another"}],
        "hostSelection": [
            {"predicate": "OmitPreviousHosts"},
            {"predicate": "OmitPreviousPriorities", "updateFrequency": 5},
            {"predicate": "OmitHostsWithTags", "tags": {"another-test": "another-test"}},
        ],
        "hostSelectionMaxAttempts": 99,
    }
}
GRPC = {
    "grpc": {
        "numRetries": 11,
        "perTryTimeout": "12s",
        "backOff": {"baseInterval": "13s", "maxInterval": "14s"},
        "rateLimitedBackOff": {
            "maxInterval": "15s",
            "resetHeaders": [
                {"name": "retry-after-grpc", "format": "Seconds"},
                {"name": "x-retry-after-grpc", "format": "UnixTimestamp"},
            ],
        },
        "retryOn": ["Canceled", "DeadlineExceeded", "Internal", "ResourceExhausted", "Unavailable"],
    }
}


@dataclass
class Case:
    id: str
    kri: str
    protocol: Protocol
    rules: dict[str, Any]


CASES = [
    Case("http", HTTP_SERVICE, Protocol.HTTP, {HTTP_SERVICE: FIRST_HTTP}),
    Case(
        "http_0_numretries",
        HTTP_SERVICE,
        Protocol.HTTP,
        {HTTP_SERVICE: {"http": {"numRetries": 0, "perTryTimeout": "2s"}}},
    ),
    Case("grpc", GRPC_SERVICE, Protocol.GRPC, {GRPC_SERVICE: GRPC}),
    Case(
        "grpc_0_numretries",
        GRPC_SERVICE,
        Protocol.GRPC,
        {GRPC_SERVICE: {"grpc": {"numRetries": 0, "perTryTimeout": "12s"}}},
    ),
    Case("tcp", TCP_SERVICE, Protocol.TCP, {TCP_SERVICE: {"tcp": {"maxConnectAttempt": 21}}}),
    Case(
        "http-real-meshhttproute",
        ROUTE_SERVICE,
        Protocol.HTTP,
        {ROUTE: FIRST_HTTP, ROUTE_SERVICE: SECOND_HTTP},
    ),
    Case("http-real-mesh-service", REAL_MS, Protocol.HTTP, {REAL_MS: FIRST_HTTP}),
    Case("http-real-mesh-external-service", REAL_MES, Protocol.HTTP, {REAL_MES: FIRST_HTTP}),
]


def strip(listener: dict[str, Any]) -> dict[str, Any]:
    """The listener as it was before MeshRetry (Kuma's test input)."""
    out = copy.deepcopy(listener)
    for chain in out["filterChains"]:
        for item in chain["filters"]:
            config = item["typedConfig"]
            if item["name"] == TCP_PROXY_FILTER:
                config.pop("maxConnectAttempts", None)
            if item["name"] == HCM_FILTER:
                for host in config["routeConfig"]["virtualHosts"]:
                    for route in host["routes"]:
                        route.get("route", {}).pop("retryPolicy", None)
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_matches_kumas_golden(case: Case) -> None:
    [expected] = golden(f"{TESTDATA}{case.id}.listeners.golden.yaml")
    resources = ProxyResources()
    add(resources, LISTENER, strip(expected), destination=destination(case.kri, case.protocol))

    meshretry.configure_envoy(context(), kind_rules("MeshRetry", outbound=case.rules), resources)

    [actual] = listeners(resources)
    assert_like_golden(actual, expected, case.id)


def test_route_without_a_policy_of_its_own_keeps_the_destinations() -> None:
    """A MeshHTTPRoute route whose own conf turns retries off (``numRetries: 0``) keeps the
    destination's retry policy, as in Kuma (the route's conf only replaces a policy)."""
    [golden_listener] = golden(f"{TESTDATA}http-real-meshhttproute.listeners.golden.yaml")
    resources = ProxyResources()
    add(resources, LISTENER, strip(golden_listener), destination=destination(ROUTE_SERVICE))
    rules = kind_rules("MeshRetry", outbound={ROUTE: {"http": {"numRetries": 0}}, ROUTE_SERVICE: SECOND_HTTP})

    meshretry.configure_envoy(context(), rules, resources)

    [listener] = listeners(resources)
    chosen = [r["route"]["retryPolicy"]["numRetries"] for r in _routes(listener)]
    assert chosen == [6, 6]


def test_http2_destinations_get_no_retry_policy() -> None:
    """Kuma configures route retries for ``http`` and ``grpc`` only."""
    [golden_listener] = golden(f"{TESTDATA}http.listeners.golden.yaml")
    resources = ProxyResources()
    add(resources, LISTENER, strip(golden_listener), destination=destination(HTTP_SERVICE, Protocol.HTTP2))
    meshretry.configure_envoy(
        context(), kind_rules("MeshRetry", outbound={HTTP_SERVICE: FIRST_HTTP}), resources
    )
    assert all("retryPolicy" not in r["route"] for r in _routes(listeners(resources)[0]))


def test_to_mesh_applies_through_the_mesh_key() -> None:
    mesh_kri = "kri_m____default_"
    [golden_listener] = golden(f"{TESTDATA}tcp.listeners.golden.yaml")
    resources = ProxyResources()
    add(resources, LISTENER, strip(golden_listener), destination=destination(TCP_SERVICE, Protocol.TCP))
    rules = kind_rules("MeshRetry", outbound={mesh_kri: {"tcp": {"maxConnectAttempt": 3}}})
    meshretry.configure_envoy(context(mesh_kri=mesh_kri), rules, resources)
    proxy = listeners(resources)[0]["filterChains"][0]["filters"][0]["typedConfig"]
    assert proxy["maxConnectAttempts"] == 3


def _routes(listener: dict[str, Any]) -> list[dict[str, Any]]:
    hcm = listener["filterChains"][0]["filters"][0]["typedConfig"]
    routes: list[dict[str, Any]] = hcm["routeConfig"]["virtualHosts"][0]["routes"]
    return routes


def test_registered_on_the_kind_descriptor() -> None:
    assert REGISTRY.by_name("MeshRetry").extras[ENVOY_CONFIGURER] is meshretry.configure_envoy
