"""MeshTimeout's Envoy translation against Kuma's plugin goldens (``plugins/meshtimeout/plugin/testdata``).

Each case rebuilds the input of one of Kuma's ``plugin_test.go`` entries: the golden's resources
with every field MeshTimeout sets removed (timeouts, durations, matched route copies and the
filter-state filter), the same rules; the translation must put back exactly what Kuma's does.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import pytest

from pulumi_kuma.envoy import CLUSTER, LISTENER, Protocol, ProxyResources
from pulumi_kuma.envoy.peer_routes import SET_FILTER_STATE
from pulumi_kuma.envoy.types import HCM_FILTER, TCP_PROXY_FILTER
from pulumi_kuma.model.rules import InboundListener
from pulumi_kuma.policies import meshtimeout
from tests.policies.envoy_support import (
    add,
    clusters,
    context,
    destination,
    golden,
    http_inbound,
    kind_rules,
    listeners,
)
from tests.policies.rules_support import assert_converts

TESTDATA = "meshtimeout/plugin/testdata/"
INBOUND = InboundListener("127.0.0.1", 80)
OTHER = "kri_msvc_default___other-service_10001"
SECOND = "kri_msvc_default___second-service_10002"
REAL_MS = "kri_msvc_default_zone-1_backend-ns_backend_10001"
REAL_MES = "kri_extsvc_default_zone-1_backend-ns_backend_10001"
ROUTE = "kri_mhttpr_mesh-1___test-route-1_"
ROUTE_SERVICE = "kri_msvc_mesh-1___test-service-1_"

FULL = {
    "connectionTimeout": "10s",
    "idleTimeout": "1h",
    "http": {
        "requestTimeout": "5s",
        "streamIdleTimeout": "1s",
        "maxStreamDuration": "10m",
        "maxConnectionDuration": "10m",
    },
}
CONNECT_AND_IDLE = {"connectionTimeout": "10s", "idleTimeout": "1h"}


def spiffe(kind: str, value: str) -> dict[str, Any]:
    return {"spiffeID": {"type": kind, "value": value}}


def strip_listener(listener: dict[str, Any]) -> dict[str, Any]:
    """The listener as it was before MeshTimeout (Kuma's test input)."""
    out = copy.deepcopy(listener)
    for chain in out["filterChains"]:
        chain["filters"] = [f for f in chain["filters"] if f["name"] != SET_FILTER_STATE]
        for item in chain["filters"]:
            config = item["typedConfig"]
            if item["name"] == TCP_PROXY_FILTER:
                config.pop("idleTimeout", None)
            if item["name"] != HCM_FILTER:
                continue
            config.pop("requestHeadersTimeout", None)
            config.pop("commonHttpProtocolOptions", None)
            for host in config["routeConfig"]["virtualHosts"]:
                host["routes"] = [r for r in host["routes"] if "filterState" not in r["match"]]
                for route in host["routes"]:
                    route["route"].pop("idleTimeout", None)
                    route["route"]["timeout"] = "0s"
    return out


def strip_cluster(cluster: dict[str, Any]) -> dict[str, Any]:
    """Kuma's tests start from a cluster with only a name."""
    return {"name": cluster["name"]}


@dataclass
class Case:
    id: str
    inbound_listener: str | None = None
    inbound_cluster: str | None = None
    outbound_listener: str | None = None
    outbound_clusters: list[str] = field(default_factory=list)
    outbound_kri: str = OTHER
    protocol: Protocol = Protocol.HTTP
    inbound_rules: list[tuple[Any, Any]] | None = None
    outbound_rules: dict[str, Any] = field(default_factory=dict)


CASES = [
    Case(
        "http outbound route",
        outbound_listener="http_outbound_listener.golden.yaml",
        outbound_clusters=["http_outbound_cluster.golden.yaml", "http_outbound_split_cluster.golden.yaml"],
        outbound_rules={OTHER: FULL},
    ),
    Case(
        "tcp outbound route",
        outbound_listener="basic_tcp_listener.golden.yaml",
        outbound_clusters=["basic_tcp_cluster.golden.yaml"],
        outbound_kri=SECOND,
        protocol=Protocol.TCP,
        outbound_rules={SECOND: {"connectionTimeout": "10s", "idleTimeout": "30s"}},
    ),
    Case(
        "basic inbound route",
        inbound_listener="basic_inbound_listener.golden.yaml",
        inbound_cluster="basic_inbound_cluster_resource_name.golden.yaml",
        inbound_rules=[(None, FULL)],
    ),
    Case(
        "basic inbound route without defaults",
        inbound_listener="basic_without_defaults_inbound_listener.golden.yaml",
        inbound_cluster="basic_without_defaults_inbound_cluster.golden.yaml",
    ),
    Case(
        "outbound with defaults when http conf missing",
        outbound_listener="outbound_with_defaults_listener.golden.yaml",
        outbound_clusters=["outbound_with_defaults_cluster.golden.yaml"],
        outbound_rules={OTHER: CONNECT_AND_IDLE},
    ),
    Case(
        "default inbound conf when no rules",
        inbound_listener="default_inbound_listener.golden.yaml",
        inbound_cluster="default_inbound_cluster.golden.yaml",
        outbound_listener="modified_outbound_listener.golden.yaml",
        outbound_clusters=["modified_outbound_cluster.golden.yaml"],
        outbound_rules={OTHER: CONNECT_AND_IDLE},
    ),
    Case(
        "default outbound conf when no to",
        inbound_listener="modified_inbound_listener.golden.yaml",
        inbound_cluster="modified_inbound_cluster.golden.yaml",
        outbound_listener="default_outbound_listener.golden.yaml",
        outbound_clusters=["default_outbound_cluster.golden.yaml"],
        inbound_rules=[(None, FULL)],
    ),
    Case(
        "no policy at all: Kuma's defaults",
        inbound_listener="original_inbound_listener.golden.yaml",
        inbound_cluster="original_inbound_cluster.golden.yaml",
        outbound_listener="original_outbound_listener.golden.yaml",
        outbound_clusters=["original_outbound_cluster.golden.yaml"],
    ),
    Case(
        "timeouts per real MeshHTTPRoute",
        outbound_listener="outbound_listener_with_different_timeouts_per_real_meshhttproute.yaml",
        outbound_kri=ROUTE_SERVICE,
        outbound_rules={
            ROUTE: {"http": {"requestTimeout": "88s", "streamIdleTimeout": "888s"}},
            ROUTE_SERVICE: {"http": {"requestTimeout": "99s", "streamIdleTimeout": "999s"}},
        },
    ),
    Case(
        "targeting a real MeshService",
        outbound_listener="real_mesh_service.listener.golden.yaml",
        outbound_clusters=["real_mesh_service.cluster.golden.yaml"],
        outbound_kri=REAL_MS,
        outbound_rules={REAL_MS: FULL},
    ),
    Case(
        "targeting a real MeshExternalService",
        outbound_listener="real_mesh_external_service.listener.golden.yaml",
        outbound_clusters=["real_mesh_external_service.cluster.golden.yaml"],
        outbound_kri=REAL_MES,
        outbound_rules={
            REAL_MES: {
                "connectionTimeout": "10s",
                "idleTimeout": "1h",
                "http": {
                    "requestTimeout": "99s",
                    "streamIdleTimeout": "9s",
                    "maxStreamDuration": "7m",
                    "maxConnectionDuration": "18m",
                },
            }
        },
    ),
    Case(
        "spiffeID matches duplicate inbound routes",
        inbound_listener="matched_spiffe_inbound.listener.golden.yaml",
        inbound_rules=[
            (None, FULL),
            (
                spiffe("Exact", "spiffe://default/client"),
                {"http": {"requestTimeout": "2s", "streamIdleTimeout": "3s"}},
            ),
            (spiffe("Exact", "spiffe://default/client-stream"), {"http": {"streamIdleTimeout": "4s"}}),
        ],
    ),
    Case(
        "overlapping spiffeID matches merge before routes are duplicated",
        inbound_listener="matched_spiffe_precedence.listener.golden.yaml",
        inbound_rules=[
            (
                spiffe("Prefix", "spiffe://default/"),
                {"http": {"requestTimeout": "5s", "streamIdleTimeout": "10s"}},
            ),
            (spiffe("Exact", "spiffe://default/client"), {"http": {"streamIdleTimeout": "3s"}}),
        ],
    ),
    Case(
        "matched-only spiffeID rules leave the common defaults alone",
        inbound_listener="matched_only_spiffe_inbound.listener.golden.yaml",
        inbound_cluster="matched_only_spiffe_inbound.cluster.golden.yaml",
        inbound_rules=[
            (
                spiffe("Exact", "spiffe://default/client"),
                {"http": {"requestTimeout": "2s", "streamIdleTimeout": "3s"}},
            ),
            (spiffe("Exact", "spiffe://default/client-stream"), {"http": {"streamIdleTimeout": "4s"}}),
        ],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_matches_kumas_golden(case: Case) -> None:
    resources = ProxyResources()
    inbound = http_inbound()
    expected_listeners: list[dict[str, Any]] = []
    expected_clusters: list[dict[str, Any]] = []
    if case.inbound_listener:
        [listener] = golden(TESTDATA + case.inbound_listener)
        add(resources, LISTENER, strip_listener(listener), inbound=inbound)
        expected_listeners.append(listener)
        cluster_golden = case.inbound_cluster or "original_inbound_cluster.golden.yaml"
        [cluster] = golden(TESTDATA + cluster_golden)
        add(resources, CLUSTER, strip_cluster(cluster), inbound=inbound)
        if case.inbound_cluster:
            expected_clusters.append(cluster)
    dest = destination(case.outbound_kri, case.protocol)
    if case.outbound_listener:
        [listener] = golden(TESTDATA + case.outbound_listener)
        add(resources, LISTENER, strip_listener(listener), destination=dest)
        expected_listeners.append(listener)
    for name in case.outbound_clusters:
        [cluster] = golden(TESTDATA + name)
        add(resources, CLUSTER, strip_cluster(cluster), destination=dest)
        expected_clusters.append(cluster)
    rules = kind_rules(
        "MeshTimeout",
        inbound={INBOUND: case.inbound_rules} if case.inbound_rules is not None else None,
        outbound=case.outbound_rules,
    )

    meshtimeout.configure_envoy(context([inbound]), rules, resources)

    assert listeners(resources) == expected_listeners
    # SPIFFE-matched rules included (``onDownstreamTlsHandshake``: ``controlplane/xds/compat.py``).
    assert_converts(resources)
    got_clusters = clusters(resources)
    if not case.inbound_cluster and case.inbound_listener:
        got_clusters = got_clusters[1:]
    assert got_clusters == expected_clusters


def test_registered_on_the_kind_descriptor() -> None:
    from pulumi_kuma.envoy import envoy_configurer
    from pulumi_kuma.registry import REGISTRY

    assert envoy_configurer(REGISTRY.by_name("MeshTimeout")) is meshtimeout.configure_envoy


def test_grpc_clusters_get_only_the_connect_timeout() -> None:
    """Kuma's cluster configurer sets HTTP options for http and http2 only, not grpc."""
    resources = ProxyResources()
    dest = destination(OTHER, Protocol.GRPC)
    add(resources, CLUSTER, {"name": OTHER}, destination=dest)
    meshtimeout.configure_envoy(context(), kind_rules("MeshTimeout", outbound={OTHER: FULL}), resources)
    assert clusters(resources) == [{"name": OTHER, "connectTimeout": "10s"}]


def test_to_mesh_applies_through_the_mesh_key() -> None:
    mesh_kri = "kri_m____default_"
    resources = ProxyResources()
    dest = destination(SECOND, Protocol.TCP)
    add(resources, CLUSTER, {"name": SECOND}, destination=dest)
    rules = kind_rules("MeshTimeout", outbound={mesh_kri: {"connectionTimeout": "3s"}})
    meshtimeout.configure_envoy(context(mesh_kri=mesh_kri), rules, resources)
    assert clusters(resources) == [{"name": SECOND, "connectTimeout": "3s"}]
