"""MeshRateLimit's Envoy translation against Kuma's plugin goldens
(``plugins/meshratelimit/plugin/v1alpha1/testdata``)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from pulumi_kuma.envoy import LISTENER, Protocol, ProxyResources, envoy_configurer, http_connection_managers
from pulumi_kuma.envoy.peer_routes import SET_FILTER_STATE
from pulumi_kuma.model.rules import InboundListener
from pulumi_kuma.policies import meshratelimit
from pulumi_kuma.registry import REGISTRY
from tests.policies.envoy_support import add, context, golden, http_inbound, listeners
from tests.policies.rules_support import assert_converts, inbound_rules, policy

TESTDATA = "meshratelimit/plugin/v1alpha1/testdata/"
HTTP = InboundListener("127.0.0.1", 17777)
TCP = InboundListener("127.0.0.1", 17778)
POLICY = policy("MeshRateLimit", "mrl")
RATE_100_10S = {"num": 100, "interval": "10s"}


def stripped(listener: dict[str, Any]) -> dict[str, Any]:
    """The listener as Kuma's test builds it: no rate limit filters, route configs or copies."""
    out = copy.deepcopy(listener)
    for chain in out["filterChains"]:
        chain["filters"] = [
            f for f in chain["filters"] if f["name"] not in (meshratelimit.TCP_FILTER, SET_FILTER_STATE)
        ]
    for hcm in http_connection_managers(out):
        hcm["httpFilters"] = [f for f in hcm["httpFilters"] if f["name"] != meshratelimit.HTTP_FILTER]
        for host in hcm["routeConfig"]["virtualHosts"]:
            host["routes"] = [r for r in host["routes"] if "filterState" not in r["match"]]
            for route in host["routes"]:
                route.pop("typedPerFilterConfig", None)
    return out


def run(goldens: list[tuple[str, InboundListener, Protocol]], rules: dict[InboundListener, Any]) -> list[Any]:
    resources = ProxyResources()
    inbounds = []
    expected = []
    for name, listener, protocol in goldens:
        [body] = golden(TESTDATA + name)
        inbound = http_inbound(listener.port, protocol=protocol)
        inbounds.append(inbound)
        add(resources, LISTENER, stripped(body), inbound=inbound)
        expected.append(body)
    resolved = inbound_rules(
        "MeshRateLimit", {k: [(match, conf, POLICY) for match, conf in v] for k, v in rules.items()}
    )
    meshratelimit.configure_envoy(context(inbounds), resolved, resources)
    # Listeners with SPIFFE-matched rules fill the peer identity in on the TLS handshake
    # (``onDownstreamTlsHandshake``, newer than our protos: ``controlplane/xds/compat.py``).
    assert_converts(resources)
    return [listeners(resources), expected]


def test_http_and_tcp_inbounds() -> None:
    got, expected = run(
        [
            ("basic_listener_1.golden.yaml", HTTP, Protocol.HTTP),
            ("basic_listener_2.golden.yaml", TCP, Protocol.TCP),
        ],
        {
            HTTP: [
                (
                    None,
                    {
                        "local": {
                            "http": {
                                "requestRate": RATE_100_10S,
                                "onRateLimit": {
                                    "status": 444,
                                    "headers": {
                                        "add": [
                                            {"name": "x-kuma-rate-limit-header", "value": "test-value"},
                                            {"name": "x-kuma-rate-limit", "value": "other-value"},
                                        ],
                                        "set": [
                                            {"name": "x-kuma-rate-limit-header-set", "value": "test-value"}
                                        ],
                                    },
                                },
                            }
                        }
                    },
                )
            ],
            TCP: [
                (
                    None,
                    {
                        "local": {
                            "http": {"requestRate": RATE_100_10S},
                            "tcp": {"connectionRate": RATE_100_10S},
                        }
                    },
                )
            ],
        },
    )
    assert got == expected


@pytest.mark.parametrize(
    ("name", "listener", "protocol", "conf"),
    [
        (
            "tcp_disabled.golden.yaml",
            TCP,
            Protocol.TCP,
            {"tcp": {"disabled": True, "connectionRate": RATE_100_10S}},
        ),
        (
            "http_disabled.golden.yaml",
            HTTP,
            Protocol.HTTP,
            {"http": {"disabled": True, "requestRate": RATE_100_10S}},
        ),
        ("tcp_disabled.golden.yaml", TCP, Protocol.TCP, {"tcp": {}}),
        ("http_disabled.golden.yaml", HTTP, Protocol.HTTP, {"http": {}}),
    ],
)
def test_disabled_or_unconfigured_limits_add_nothing(
    name: str, listener: InboundListener, protocol: Protocol, conf: dict[str, Any]
) -> None:
    got, expected = run([(name, listener, protocol)], {listener: [(None, {"local": conf})]})
    assert got == expected


def test_spiffe_matched_rule_copies_routes_ahead_of_the_catch_all() -> None:
    got, expected = run(
        [("inbound_matches_spiffeid_and_catchall.listener.golden.yaml", HTTP, Protocol.HTTP)],
        rules={
            HTTP: [
                (
                    {"spiffeID": {"type": "Prefix", "value": "spiffe://default/ns/clients/"}},
                    {
                        "local": {
                            "http": {
                                "requestRate": {"num": 5, "interval": "1s"},
                                "onRateLimit": {"status": 429},
                            }
                        }
                    },
                ),
                (None, {"local": {"http": {"requestRate": RATE_100_10S}}}),
            ]
        },
    )
    assert got == expected


def test_set_header_values_split_on_commas() -> None:
    limit = meshratelimit.route_rate_limit(
        {
            "requestRate": {"num": 1, "interval": "1s"},
            "onRateLimit": {"headers": {"set": [{"name": "x", "value": "a,b"}]}},
        }
    )
    assert limit is not None
    assert limit["responseHeadersToAdd"] == [
        {"header": {"key": "x", "value": "a"}, "appendAction": "OVERWRITE_IF_EXISTS_OR_ADD"},
        {"header": {"key": "x", "value": "b"}, "appendAction": "OVERWRITE_IF_EXISTS_OR_ADD"},
    ]


def test_registered() -> None:
    assert envoy_configurer(REGISTRY.by_name("MeshRateLimit")) is meshratelimit.configure_envoy
