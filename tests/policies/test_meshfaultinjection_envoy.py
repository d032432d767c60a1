"""MeshFaultInjection's Envoy translation against Kuma's plugin goldens
(``plugins/meshfaultinjection/plugin/v1alpha1/testdata``)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from pulumi_kuma.envoy import LISTENER, Protocol, ProxyResources, envoy_configurer, http_connection_managers
from pulumi_kuma.model.rules import InboundListener
from pulumi_kuma.policies import meshfaultinjection
from pulumi_kuma.registry import REGISTRY
from tests.policies.envoy_support import add, context, golden, http_inbound, listeners
from tests.policies.rules_support import assert_converts, inbound_rules, policy

TESTDATA = "meshfaultinjection/plugin/v1alpha1/testdata/"
HTTP = InboundListener("127.0.0.1", 17777)
TCP = InboundListener("127.0.0.1", 17778)
MFI_1 = policy("MeshFaultInjection", "mfi-1", {"kuma.io/zone": "zone-1", "k8s.kuma.io/namespace": "ns-1"})
SPIFFE_PREFIX = {"spiffeID": {"type": "Prefix", "value": "spiffe://trust-domain.mesh/"}}


def without_faults(listener: dict[str, Any]) -> dict[str, Any]:
    """The listener as Kuma's test builds it: no fault filters."""
    out = copy.deepcopy(listener)
    for hcm in http_connection_managers(out):
        hcm["httpFilters"] = [f for f in hcm["httpFilters"] if not f["name"].startswith("kri_mfi")]
    return out


def test_two_inbounds_http_gets_one_filter_per_fault_tcp_nothing() -> None:
    [http_golden] = golden(TESTDATA + "basic_listener_1_rules.golden.yaml")
    [tcp_golden] = golden(TESTDATA + "basic_listener_2_rules.golden.yaml")
    http = http_inbound(17777)
    tcp = http_inbound(17778, protocol=Protocol.TCP)
    resources = ProxyResources()
    add(resources, LISTENER, without_faults(http_golden), inbound=http)
    add(resources, LISTENER, copy.deepcopy(tcp_golden), inbound=tcp)
    rules = inbound_rules(
        "MeshFaultInjection",
        {
            HTTP: [
                (
                    SPIFFE_PREFIX,
                    {
                        "http": [
                            {"abort": {"httpStatus": 444, "percentage": "12"}},
                            {
                                "delay": {"value": "55s", "percentage": "55"},
                                "responseBandwidth": {"limit": "111Mbps", "percentage": "62.9"},
                            },
                        ]
                    },
                    MFI_1,
                )
            ],
            TCP: [
                (
                    SPIFFE_PREFIX,
                    {
                        "http": [
                            {
                                "abort": {"httpStatus": 444, "percentage": "12"},
                                "delay": {"value": "55s", "percentage": "55"},
                                "responseBandwidth": {"limit": "111Mbps", "percentage": "62.9"},
                            }
                        ]
                    },
                    MFI_1,
                )
            ],
        },
    )

    meshfaultinjection.configure_envoy(context([http, tcp]), rules, resources)
    assert_converts(resources)

    assert listeners(resources) == [http_golden, tcp_golden]


def test_catch_all_rule_has_an_empty_matcher_and_keeps_rule_order() -> None:
    [http_golden] = golden(TESTDATA + "basic_listener_1_rules.golden.yaml")
    http = http_inbound(17777)
    resources = ProxyResources()
    add(resources, LISTENER, without_faults(http_golden), inbound=http)
    low = policy("MeshFaultInjection", "low")
    high = policy("MeshFaultInjection", "high")
    rules = inbound_rules(
        "MeshFaultInjection",
        {
            HTTP: [
                (None, {"http": [{"abort": {"httpStatus": 503, "percentage": 100}}]}, low),
                (None, {"http": [{"delay": {"value": "1.5s", "percentage": "0.125"}}]}, high),
            ]
        },
    )

    meshfaultinjection.configure_envoy(context([http]), rules, resources)
    assert_converts(resources)

    [hcm] = http_connection_managers(listeners(resources)[0])
    names = [f["name"] for f in hcm["httpFilters"]]
    assert names == ["kri_mfi_default___low_", "kri_mfi_default___high_", "envoy.filters.http.router"]
    abort, delay = (f["typedConfig"] for f in hcm["httpFilters"][:2])
    assert abort["xdsMatcher"] == {} and delay["xdsMatcher"] == {}
    assert abort["extensionConfig"]["typedConfig"]["abort"] == {
        "httpStatus": 503,
        "percentage": {"numerator": 100},
    }
    assert delay["extensionConfig"]["typedConfig"]["delay"] == {
        "fixedDelay": "1.500s",
        "percentage": {"denominator": "MILLION", "numerator": 1250},
    }


def test_no_rules_leave_the_listener_alone() -> None:
    [http_golden] = golden(TESTDATA + "basic_listener_1_rules.golden.yaml")
    http = http_inbound(17777)
    resources = ProxyResources()
    original = without_faults(http_golden)
    add(resources, LISTENER, copy.deepcopy(original), inbound=http)
    meshfaultinjection.configure_envoy(context([http]), inbound_rules("MeshFaultInjection", {}), resources)
    assert_converts(resources)
    assert listeners(resources) == [original]


@pytest.mark.parametrize(
    ("limit", "kbps"), [("100kbps", 100), ("111Mbps", 111_000), ("2Gbps", 2_000_000), ("5 kbps", 5)]
)
def test_bandwidth(limit: str, kbps: int) -> None:
    assert meshfaultinjection.bandwidth_kbps(limit) == kbps


def test_registered() -> None:
    assert envoy_configurer(REGISTRY.by_name("MeshFaultInjection")) is meshfaultinjection.configure_envoy
