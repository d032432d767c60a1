"""MeshPassthrough's Envoy translation against Kuma's plugin goldens
(``plugins/meshpassthrough/plugin/v1alpha1/testdata`` and the match order of ``plugin/xds/testdata``).

Our generator builds no transparent-proxy listeners (proxies run without iptables redirection), so
the policy has nothing to rewrite in a running mesh; these tests give the translation the
passthrough listeners Kuma's transparent proxy generator makes and compare with Kuma's output."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

import pytest
import yaml

from pulumi_kuma.envoy import CLUSTER, LISTENER, Origin, ProxyResources, envoy_configurer
from pulumi_kuma.policies import meshpassthrough
from pulumi_kuma.registry import REGISTRY
from tests.policies.envoy_support import PLUGINS, golden
from tests.policies.observability_support import proxy
from tests.policies.rules_support import assert_converts, policy, proxy_rules

TESTDATA = "meshpassthrough/plugin/v1alpha1/testdata/"
IPV4 = meshpassthrough.PASSTHROUGH_LISTENERS[4]
IPV6 = meshpassthrough.PASSTHROUGH_LISTENERS[6]


def passthrough_listener(version: int) -> dict[str, Any]:
    name = meshpassthrough.PASSTHROUGH_LISTENERS[version]
    proxy_config = {
        "@type": meshpassthrough.TCP_PROXY_TYPE,
        "statPrefix": f"outbound_passthrough_ipv{version}",
        "cluster": name,
    }
    return {
        "name": name,
        "address": {"socketAddress": {"address": "0.0.0.0" if version == 4 else "::", "portValue": 15001}},
        "filterChains": [
            {"filters": [{"name": "envoy.filters.network.tcp_proxy", "typedConfig": proxy_config}]}
        ],
        "trafficDirection": "OUTBOUND",
    }


def transparent_proxy() -> Any:
    ctx = proxy(name="test", address="127.0.0.1")
    networking = {
        **ctx.dataplane.spec["networking"],
        "transparentProxying": {"redirectPortInbound": 15006, "redirectPortOutbound": 15001},
    }
    dataplane = dataclasses.replace(ctx.dataplane, spec={**ctx.dataplane.spec, "networking": networking})
    return dataclasses.replace(ctx, dataplane=dataplane)


def match(kind: str, value: str, protocol: str, port: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"type": kind, "value": value, "protocol": protocol}
    if port is not None:
        out["port"] = port
    return out


BASIC = [
    match("Domain", "api.example.com", "tls", 443),
    match("Domain", "example.com", "tls", 443),
    match("Domain", "*.example.com", "tls", 443),
    match("Domain", "example.com", "http", 8080),
    match("Domain", "other.com", "http", 8080),
    match("CIDR", "192.168.0.0/16", "http", 8126),
    match("CIDR", "240.0.0.0/4", "http", 8126),
    match("Domain", "www.google.com", "http", 80),
    match("IP", "10.42.0.8", "http"),
    match("IP", "b6e5:a45e:70ae:e77f:d24e:5023:375d:20a6", "tls"),
    match("IP", "9942:9abf:d0e0:f2da:2290:333b:e590:f497", "tcp", 9091),
]
CASES: dict[str, tuple[str, dict[str, Any]]] = {
    "basic": ("basic.listener", {"passthroughMode": "Matched", "appendMatch": BASIC}),
    "only ipv4 rules": ("only-ipv4-rules.listener", {"appendMatch": [match("IP", "192.168.0.0", "tcp", 80)]}),
    "simple": (
        "simple.listener",
        {
            "appendMatch": [
                match("Domain", "api.example.com", "http", 80),
                match("IP", "192.168.0.0", "tcp", 80),
            ]
        },
    ),
    "cidr and http": (
        "cidr-http.listener",
        {
            "appendMatch": [
                match("CIDR", "10.10.0.0/16", "http", 80),
                match("CIDR", "192.168.0.0/24", "http", 80),
                match("IP", "192.168.0.0", "http"),
            ]
        },
    ),
    "http domains aggregated": (
        "http-domains-aggregated.listener",
        {
            "appendMatch": [
                match("Domain", "example1.com", "http", 80),
                match("Domain", "anotherexample.com", "http"),
                match("Domain", "example2.com", "http", 80),
                match("Domain", "*.example.com", "http"),
            ]
        },
    ),
    "http domains": (
        "http-domains.listener",
        {
            "appendMatch": [
                match("Domain", "www.example.com", "http", 80),
                match("Domain", "www.anotherexample.com", "http"),
            ]
        },
    ),
    "same protocol, different match types": (
        "same-protocol.listener",
        {"appendMatch": [match("Domain", "www.gmail.com", "http", 80), match("IP", "10.42.0.8", "http")]},
    ),
    "mysql": (
        "mysql-protocol.listener",
        {
            "appendMatch": [
                match("IP", "172.12.2.2", "mysql", 3306),
                match("CIDR", "172.12.2.2/24", "mysql", 3307),
            ]
        },
    ),
}


def golden_or_empty(name: str) -> list[dict[str, Any]]:
    return [] if (PLUGINS / TESTDATA / name).read_text().strip() == "{}" else golden(TESTDATA + name)


def by_name(resources: ProxyResources, type_url: str) -> list[dict[str, Any]]:
    return sorted((dict(e.view) for e in resources.entries(type_url)), key=lambda r: r["name"])


@pytest.mark.parametrize("case", list(CASES))
def test_matched_mode_matches_kumas_golden(case: str) -> None:
    prefix, conf = CASES[case]
    resources = ProxyResources()
    for version in (4, 6):
        resources.add_resource(LISTENER, passthrough_listener(version), origin="transparent")
    meshpassthrough.configure_envoy(
        transparent_proxy(), proxy_rules("MeshPassthrough", conf, policy("MeshPassthrough", "p")), resources
    )
    assert_converts(resources)
    assert by_name(resources, LISTENER) == golden(TESTDATA + f"{prefix}.golden.yaml")
    assert by_name(resources, CLUSTER) == golden_or_empty(
        prefix.replace(".listener", ".clusters") + ".golden.yaml"
    )


@pytest.mark.parametrize(
    ("mode", "prefix"), [("None", "disabled_on_policy"), ("All", "enabled_on_policy_and_mesh")]
)
def test_none_removes_the_passthrough_cluster_all_keeps_it(mode: str, prefix: str) -> None:
    resources = ProxyResources()
    resources.add_resource(LISTENER, passthrough_listener(4), origin="transparent")
    resources.add_resource(CLUSTER, {"name": IPV4}, origin="transparent")
    conf = {"passthroughMode": mode, "appendMatch": [match("Domain", "api.example.com", "tls", 443)]}
    meshpassthrough.configure_envoy(transparent_proxy(), proxy_rules("MeshPassthrough", conf), resources)
    assert_converts(resources)
    assert by_name(resources, LISTENER) == golden(TESTDATA + f"{prefix}.listeners.golden.yaml")
    assert by_name(resources, CLUSTER) == golden_or_empty(f"{prefix}.clusters.golden.yaml")


def test_order_of_many_protocols_matches_kumas_golden() -> None:
    """Kuma's ``order_test`` ``many different protocols`` case against ``xds/testdata/ordered.golden.yaml``."""
    conf = {
        "appendMatch": [
            match("Domain", "api.example.com", "tls", 443),
            match("Domain", "api.example.com", "tls"),
            match("Domain", "example.com", "tls", 443),
            match("Domain", "*.example.com", "tls", 443),
            match("Domain", "example.com", "http", 8080),
            match("Domain", "other.com", "http", 8080),
            match("Domain", "anotherhttp.com", "http", 8080),
            match("Domain", "http2.com", "http2", 9000),
            match("Domain", "grpc.com", "grpc", 9001),
            match("Domain", "*.example.com", "http"),
            match("Domain", "*.example.com", "tls"),
            match("IP", "10.42.0.8", "http"),
            match("IP", "192.168.19.1", "tls"),
            match("IP", "192.168.0.1", "tcp", 9091),
            match("Domain", "otherexample.com", "http"),
            match("CIDR", "192.168.0.1/24", "tcp"),
            match("CIDR", "192.168.1.1/30", "tcp"),
            match("CIDR", "192.168.2.1/30", "tcp"),
            match("CIDR", "192.168.0.1/30", "tcp"),
            match("CIDR", "240.0.0.0/4", "http"),
            match("CIDR", "172.18.0.0/16", "http"),
            match("IP", "b6e5:a45e:70ae:e77f:d24e:5023:375d:20a6", "tls"),
            match("IP", "9942:9abf:d0e0:f2da:2290:333b:e590:f497", "tcp", 9091),
            *ORDER_TAIL,
        ]
    }
    expected = yaml.safe_load(
        (PLUGINS / "meshpassthrough/plugin/xds/testdata/ordered.golden.yaml").read_text()
    )
    assert ordered(conf) == expected


ORDER_TAIL = [
    match("CIDR", "b0ce:f616:4e74:28f7:427c:b969:8016:6344/64", "tcp"),
    match("CIDR", "b0ce:f616:4e74:28f7:427c:b969:8016:6344/96", "tcp"),
]


def test_order_of_protocols_sharing_ports_matches_kumas_golden() -> None:
    conf = {
        "appendMatch": [
            match("Domain", "api.example.com", "tls", 443),
            match("Domain", "api.example.com", "http", 443),
            match("IP", "127.0.0.1", "tcp", 443),
            match("Domain", "api.example.com", "tls", 9090),
            match("Domain", "api.example.com", "http2", 9090),
            match("IP", "127.0.0.1", "tcp", 9090),
            match("Domain", "api.example.com", "tls", 9091),
            match("Domain", "api.example.com", "grpc", 9091),
            match("IP", "127.0.0.1", "tcp", 9091),
            match("IP", "127.0.0.1", "tcp"),
            match("Domain", "httpbin.com", "http", 80),
            match("IP", "10.22.22.1", "http"),
        ]
    }
    assert ordered(conf) == yaml.safe_load(
        (PLUGINS / "meshpassthrough/plugin/xds/testdata/ordered-diff-protocols.golden.yaml").read_text()
    )


def ordered(conf: dict[str, Any]) -> list[dict[str, Any]]:
    """The ordered matchers as Kuma's test marshals them."""
    return [
        {
            "MatchType": int(m.match_type),
            "Port": m.port,
            "Protocol": m.protocol,
            "Routes": [{"MatchType": int(r.match_type), "Value": r.value} for r in m.routes],
            "Value": m.value,
        }
        for m in meshpassthrough.ordered_matchers(conf)
    ]


def test_without_transparent_proxying_nothing_changes() -> None:
    resources = ProxyResources()
    resources.add_resource(LISTENER, passthrough_listener(4), origin=Origin.OUTBOUND)
    before = copy.deepcopy(by_name(resources, LISTENER))
    conf = {"appendMatch": [match("Domain", "api.example.com", "tls", 443)]}
    meshpassthrough.configure_envoy(proxy(), proxy_rules("MeshPassthrough", conf), resources)
    assert_converts(resources)
    assert by_name(resources, LISTENER) == before


def test_registered() -> None:
    assert envoy_configurer(REGISTRY.by_name("MeshPassthrough")) is meshpassthrough.configure_envoy
