"""The route lookups and cluster references the envoy layer offers to policy translations."""

from __future__ import annotations

from typing import Any

from pulumi_kuma.envoy import (
    CLUSTER,
    ENDPOINT,
    LISTENER,
    Destination,
    DestinationPort,
    Direction,
    Origin,
    Protocol,
    ProxyContext,
    ProxyResources,
    builders,
    cluster_references,
)
from pulumi_kuma.envoy.names import route_keys, rule_section, without_section
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.model.rules import DataplaneRules, KindRules, OutboundRules, ResourceRule
from pulumi_kuma.registry import REGISTRY

BACKEND = "kri_msvc_default___backend_http"
OTHER = "kri_msvc_default___other_http"
ROUTE = "kri_mhttpr_default___route_"


def test_without_section_drops_port_and_rule_sections() -> None:
    assert without_section("kri_msvc_default___backend_80") == "kri_msvc_default___backend_"
    assert without_section("kri_msvc_default___backend_") == "kri_msvc_default___backend_"
    assert without_section(f"kri_mhttpr_default___route_{rule_section(3)}") == ROUTE
    # a service called "rule" keeps its name: "rule_80" is its name and port, not a rule section
    assert without_section("kri_msvc_default___rule_80") == "kri_msvc_default___rule_"


def test_route_keys_only_for_kri_names() -> None:
    assert route_keys("kri_mhttpr_default___route_rule_0") == ("kri_mhttpr_default___route_rule_0", ROUTE)
    assert route_keys("9Zuf5Tg79OuZcQITwBbQykxAk2u4fRKrwYn3//AL4Yo=") == ()


def _destination(kri: str) -> Destination:
    name = kri.split("_")[-2]
    return Destination(
        kind="MeshService",
        resource=ResourceObject(type="MeshService", name=name, mesh="default"),
        port=DestinationPort(80, "http", Protocol.HTTP),
        kri=kri,
        base_kri=without_section(kri),
    )


def _rules(confs: dict[str, Any]) -> KindRules:
    obj = ResourceObject(type="MeshService", name="x", mesh="default")
    outbound = OutboundRules(
        {k: ResourceRule(k, obj, "", (v,), ()) for k, v in confs.items()}, None, frozenset({"msvc", "mhttpr"})
    )
    return KindRules("MeshRetry", (), {}, outbound, None)


def test_route_conf_prefers_the_route_then_the_destination() -> None:
    dataplane = ResourceObject(type="Dataplane", name="dp", mesh="default")
    ctx = ProxyContext(dataplane, None, "default", (), (), DataplaneRules(dataplane, {}), REGISTRY)
    dest = _destination(BACKEND)
    rules = _rules({ROUTE: {"n": "route"}, without_section(BACKEND): {"n": "service"}})
    assert ctx.route_conf(rules, "kri_mhttpr_default___route_rule_0", dest) == {"n": "route"}
    assert ctx.route_conf(rules, "kri_mhttpr_default___other-route_rule_0", dest) == {"n": "service"}
    assert ctx.route_conf(rules, "hash-named-default-route", dest) == {"n": "service"}


def _http_listener(routes: list[dict[str, Any]]) -> dict[str, Any]:
    hcm = builders.http_connection_manager("l", builders.route_config("l", "l", routes))
    return builders.listener("l", "127.0.0.1", 1, Direction.OUTBOUND, [builders.filter_chain(hcm)])


def test_cluster_references_cover_routes_mirrors_and_tcp_proxies() -> None:
    listener = _http_listener(
        [
            {
                "match": {"prefix": "/a"},
                "route": {"cluster": "a", "requestMirrorPolicies": [{"cluster": "m"}]},
            },
            {
                "match": {"prefix": "/w"},
                "route": {"weightedClusters": {"clusters": [{"name": "w1"}, {"name": "w2"}]}},
            },
            {"match": {"prefix": "/r"}, "redirect": {"schemeRedirect": "https"}},
        ]
    )
    assert cluster_references(listener) == {"a", "m", "w1", "w2"}
    tcp = builders.listener(
        "t", "127.0.0.1", 2, Direction.OUTBOUND, [builders.filter_chain(builders.tcp_proxy("t", "c"))]
    )
    assert cluster_references(tcp) == {"c"}


def test_unreferenced_destination_clusters_are_removed_with_their_endpoints() -> None:
    resources = ProxyResources()
    backend, other = _destination(BACKEND), _destination(OTHER)
    resources.add_resource(
        LISTENER,
        _http_listener([{"match": {"prefix": "/"}, "route": {"cluster": OTHER}}]),
        origin=Origin.OUTBOUND,
        destination=backend,
    )
    resources.add_destination(backend)
    resources.add_destination(other)
    resources.add_resource(CLUSTER, {"name": "system_cluster"}, origin=Origin.SYSTEM)

    assert resources.remove_unreferenced_destinations() == [BACKEND]
    assert [e.name for e in resources.clusters()] == [OTHER, "system_cluster"]
    assert [e.name for e in resources.entries(ENDPOINT)] == [OTHER]
