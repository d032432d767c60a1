"""MeshTCPRoute's Envoy translation against Kuma's plugin goldens
(``plugins/meshtcproute/plugin/v1alpha1/testdata``).

As for MeshHTTPRoute, each case rebuilds a ``plugin_test.go`` entry from real resources (the rule
Kuma's test hands the plugin becomes a MeshTCPRoute ``test-origin`` for the destination) and runs
the real resolver and generator with the route kinds only. The outbound listeners' filter chains
must equal the golden's field by field, the outbound clusters must be the golden's.
"""

from __future__ import annotations

from typing import Any

from pulumi_kuma.envoy import CLUSTER, ENVOY_CONFIGURER, LISTENER, http_connection_managers
from pulumi_kuma.policies import meshtcproute
from pulumi_kuma.registry import REGISTRY
from tests.policies.golden import (
    MeshFixture,
    assert_like_golden,
    golden_resources,
    listener,
    names,
    ref,
)

TESTDATA = "meshtcproute/plugin/v1alpha1/testdata/"


def tcp_route(target: str, backends: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "targetRef": {"kind": "Mesh"},
        "to": [{"targetRef": ref(target), "rules": [{"default": {"backendRefs": backends}}]}],
    }


def assert_filter_chains(resources: Any, golden: str, name: str) -> None:
    expected = golden_resources(f"{TESTDATA}{golden}.listeners.golden.yaml")[name]["filterChains"]
    assert_like_golden(listener(resources, name)["filterChains"], expected, f"{golden} {name}")


def test_split_traffic() -> None:
    """``split-traffic``: weighted clusters to TCP and HTTP MeshService ports, each a cluster. Kuma's
    case also splits to a MeshExternalService (reached through a zone egress, which this control
    plane does not run); that backend is left out here and from the expected weighted clusters."""
    mesh = MeshFixture()
    mesh.service("backend", 80, protocol="tcp", port_name="tcp-port", target_port=8004)
    mesh.service("other-backend", 80, port_name="http-port", target_port=8006, endpoints=("192.168.0.6",))
    mesh.service(
        "backend-eu", 80, protocol="tcp", port_name="tcp-port", target_port=8004, endpoints=("192.168.0.4",)
    )
    mesh.service("backend-us", 80, port_name="http-port", target_port=8005, endpoints=("192.168.0.5",))
    mesh.client([(10001, "backend", 80), (10002, "other-backend", 80)])
    backends = [
        ref("backend-eu", "tcp-port", weight=40),
        ref("backend-us", "http-port", weight=15),
        ref("other-backend", "http-port", weight=15),
    ]
    mesh.policy("MeshTCPRoute", "test-origin", tcp_route("backend", backends))

    resources = mesh.generate("MeshTCPRoute")

    name = "kri_msvc_default___backend_tcp-port"
    expected = golden_resources(f"{TESTDATA}split-traffic.listeners.golden.yaml")[name]["filterChains"]
    weighted = expected[0]["filters"][0]["typedConfig"]["weightedClusters"]["clusters"]
    weighted[:] = [c for c in weighted if not c["name"].startswith("kri_extsvc_")]
    assert_like_golden(listener(resources, name)["filterChains"], expected, "split-traffic")
    golden_clusters = golden_resources(f"{TESTDATA}split-traffic.clusters.golden.yaml")
    # other-backend's own outbound keeps its listener and cluster here; Kuma's test ran only the
    # TCP route plugin, which builds no listener for an HTTP destination without a TCP route.
    assert names(resources, CLUSTER) == sorted(c for c in golden_clusters if not c.startswith("kri_extsvc_"))
    assert "kri_msvc_default___backend_tcp-port" not in names(resources, CLUSTER)


def test_redirect_http_destination_to_a_tcp_backend() -> None:
    """``redirect-traffic``: an HTTP destination with a TCP route and no HTTP route gets a TCP proxy."""
    mesh = MeshFixture()
    mesh.service("backend", 80, port_name="http-port", target_port=8004)
    mesh.service(
        "tcp-backend", 80, protocol="tcp", port_name="tcp-port", target_port=8005, endpoints=("192.168.0.5",)
    )
    mesh.client([(10001, "backend", 80), (10002, "tcp-backend", 80)])
    mesh.policy(
        "MeshTCPRoute", "test-origin", tcp_route("backend", [ref("tcp-backend", "tcp-port", weight=1)])
    )

    resources = mesh.generate("MeshHTTPRoute", "MeshTCPRoute")

    for name in ("kri_msvc_default___backend_http-port", "kri_msvc_default___tcp-backend_tcp-port"):
        assert_filter_chains(resources, "redirect-traffic", name)
    assert names(resources, CLUSTER) == sorted(
        golden_resources(f"{TESTDATA}redirect-traffic.clusters.golden.yaml")
    )


def test_backend_by_port_number() -> None:
    """``basic-real-meshservice``: a backendRef by port number gets a cluster named by that number."""
    mesh = MeshFixture()
    mesh.service("backend", 80, port_name="test-port", endpoints=("192.168.0.4",))
    mesh.client([(10001, "backend", 80)])
    mesh.policy("MeshTCPRoute", "test-origin", tcp_route("backend", [ref("backend", weight=100, port=80)]))

    resources = mesh.generate("MeshHTTPRoute", "MeshTCPRoute")

    assert_filter_chains(resources, "basic-real-meshservice", "kri_msvc_default___backend_test-port")
    assert names(resources, CLUSTER) == sorted(
        golden_resources(f"{TESTDATA}basic-real-meshservice.clusters.golden.yaml")
    )


def _clash_mesh(backend_protocol: str) -> MeshFixture:
    mesh = MeshFixture()
    port_name = "http-port" if backend_protocol == "http" else "tcp-port"
    mesh.service("backend", 80, protocol=backend_protocol, port_name=port_name, target_port=8004)
    mesh.service(
        "tcp-backend", 80, protocol="tcp", port_name="tcp-port", target_port=8005, endpoints=("192.168.0.5",)
    )
    mesh.service("http-backend", 80, port_name="http-port", target_port=8006, endpoints=("192.168.0.6",))
    mesh.client([(10001, "backend", 80), (10002, "tcp-backend", 80), (10003, "http-backend", 80)])
    mesh.policy("MeshTCPRoute", "tcp-route", tcp_route("backend", [ref("tcp-backend", "tcp-port", weight=1)]))
    http_rule = {
        "matches": [{"path": {"type": "PathPrefix", "value": "/"}}],
        "default": {"backendRefs": [ref("http-backend", "http-port", weight=1)]},
    }
    mesh.policy(
        "MeshHTTPRoute",
        "http-route",
        {"targetRef": {"kind": "Mesh"}, "to": [{"targetRef": ref("backend"), "rules": [http_rule]}]},
    )
    return mesh


def test_http_route_wins_for_an_http_destination() -> None:
    """``meshhttproute-clash-http-destination``: the HTTP destination keeps its HTTP routes (to
    http-backend); Kuma's TCP plugin generates nothing for it."""
    resources = _clash_mesh("http").generate("MeshHTTPRoute", "MeshTCPRoute")

    assert_filter_chains(
        resources, "meshhttproute-clash-http-destination", "kri_msvc_default___tcp-backend_tcp-port"
    )
    [hcm] = http_connection_managers(listener(resources, "kri_msvc_default___backend_http-port"))
    clusters = [r["route"]["cluster"] for r in hcm["routeConfig"]["virtualHosts"][0]["routes"]]
    assert clusters == ["kri_msvc_default___http-backend_http-port"]


def test_tcp_route_wins_for_a_tcp_destination() -> None:
    """``meshhttproute-clash-tcp-destination``: for a TCP destination the TCP route decides."""
    resources = _clash_mesh("tcp").generate("MeshHTTPRoute", "MeshTCPRoute")

    for name in ("kri_msvc_default___backend_tcp-port", "kri_msvc_default___tcp-backend_tcp-port"):
        assert_filter_chains(resources, "meshhttproute-clash-tcp-destination", name)


def test_no_resolvable_backend_leaves_no_listener() -> None:
    mesh = MeshFixture()
    mesh.service("backend", 80, protocol="tcp", port_name="tcp-port")
    mesh.client([(10001, "backend", 80)])
    mesh.policy("MeshTCPRoute", "test-origin", tcp_route("backend", [ref("nothing", weight=1)]))

    resources = mesh.generate("MeshTCPRoute")

    assert resources.get(LISTENER, "kri_msvc_default___backend_tcp-port") is None
    assert resources.get(CLUSTER, "kri_msvc_default___backend_tcp-port") is None


def test_registered_on_the_kind_descriptor() -> None:
    assert REGISTRY.by_name("MeshTCPRoute").extras[ENVOY_CONFIGURER] is meshtcproute.configure_envoy
