"""MeshTrafficPermission's Envoy translation against Kuma's plugin goldens
(``plugins/meshtrafficpermission/plugin/v1alpha1/testdata``).

Each case rebuilds the input of one of Kuma's ``plugin_test.go`` entries: the golden's listeners
with the RBAC filters removed (Kuma builds them with a ``DownstreamTlsContext`` that requires a
client certificate, as MeshTLS does), the same rules and a proxy with a workload identity; the
translation must put back exactly what Kuma's does.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

import pytest

from pulumi_kuma.envoy import (
    LISTENER,
    Origin,
    Protocol,
    ProxyContext,
    ProxyIdentity,
    ProxyResources,
    envoy_configurer,
    filter_chains,
    http_connection_managers,
)
from pulumi_kuma.envoy.types import HCM_FILTER, TCP_PROXY_FILTER
from pulumi_kuma.model.rules import InboundListener, KindRules
from pulumi_kuma.policies import meshtrafficpermission as mtp
from pulumi_kuma.registry import REGISTRY
from tests.policies.envoy_support import add, context, golden, http_inbound, listeners
from tests.policies.rules_support import assert_converts, inbound_rules, policy

TESTDATA = "meshtrafficpermission/plugin/v1alpha1/testdata/"
LISTENER_1 = InboundListener("192.168.0.1", 8080)
ZE_LISTENER = InboundListener("192.168.0.1", 10002)
IDENTITY = ProxyIdentity(
    spiffe_id="spiffe://default.zone-1.mesh.local/ns/default/sa/backend",
    trust_domain="default.zone-1.mesh.local",
    certificate_secret="kri_mid_default___identity_",
)
MTP_1 = policy("MeshTrafficPermission", "mtp-1", {"kuma.io/zone": "zone-1", "k8s.kuma.io/namespace": "ns-1"})
MTP_1_KRI = "kri_mtp_default_zone-1_ns-1_mtp-1_"


def spiffe(kind: str, value: str) -> dict[str, Any]:
    return {"spiffeID": {"type": kind, "value": value}}


def sni(value: str) -> dict[str, Any]:
    return {"sni": {"type": "Exact", "value": value}}


def stripped(listener: dict[str, Any]) -> dict[str, Any]:
    """The listener as Kuma's test builds it: no RBAC filters, no listener filters."""
    out = copy.deepcopy(listener)
    out.pop("listenerFilters", None)
    for chain in filter_chains(out):
        chain["filters"] = [f for f in chain["filters"] if f["name"] != mtp.RBAC_NETWORK_FILTER]
    for hcm in http_connection_managers(out):
        hcm["httpFilters"] = [f for f in hcm["httpFilters"] if f["name"] != mtp.RBAC_HTTP_FILTER]
    return out


def with_identity(ctx: ProxyContext) -> ProxyContext:
    return dataclasses.replace(ctx, identity=IDENTITY)


def run_golden(
    name: str, rules: KindRules, *, origins: dict[str, str] | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], ProxyResources]:
    """Apply the translation to a golden's stripped listeners (each of inbound origin unless
    ``origins`` says otherwise); returns what came out, the golden, and the resources."""
    resources = ProxyResources()
    expected = golden(TESTDATA + name)
    for body in expected:
        origin = (origins or {}).get(body["name"], Origin.INBOUND)
        resources.add_resource(LISTENER, stripped(body), origin=origin, protocol=Protocol.HTTP)
    mtp.configure_envoy(with_identity(context()), rules, resources)
    return listeners(resources), expected, resources


def no_rules() -> KindRules:
    """A permission selects the proxy, but no rule of it covers any inbound (Kuma's goldens)."""
    return dataclasses.replace(inbound_rules("MeshTrafficPermission", {}), policies=(MTP_1,))


def test_a_proxy_no_permission_selects_accepts_every_peer() -> None:
    resources, inbound = generated_inbound(Protocol.HTTP, 9002)
    before = copy.deepcopy(listeners(resources))
    mtp.configure_envoy(
        with_identity(context([inbound])), inbound_rules("MeshTrafficPermission", {}), resources
    )
    assert listeners(resources) == before


def test_registered_on_the_kind_descriptor() -> None:
    assert envoy_configurer(REGISTRY.by_name("MeshTrafficPermission")) is mtp.configure_envoy


def test_mtls_inbounds_without_rules_deny_everything() -> None:
    """``apply.golden.yaml``: listeners 1 and 2 (mTLS, inbound) get a deny-all RBAC filter; 3 (not
    of inbound origin) and 4 (no TLS) are left alone."""
    got, expected, _ = run_golden(
        "apply.golden.yaml", no_rules(), origins={"test_listener3": "not-inbound-origin"}
    )
    assert got == expected


def test_workload_identity_default_deny() -> None:
    got, expected, _ = run_golden("apply-workload-identity-ignores-from.golden.yaml", no_rules())
    assert got == expected


def matching_api_rules() -> KindRules:
    conf = {
        "deny": [spiffe("Exact", "spiffe://trust-domain.mesh/ns/backend/v1")],
        "allowWithShadowDeny": [spiffe("Exact", "spiffe://trust-domain.mesh/ns/backend/v2")],
        "allow": [spiffe("Prefix", "spiffe://trust-domain.mesh/ns/backend/")],
    }
    return inbound_rules("MeshTrafficPermission", {LISTENER_1: [(None, conf, MTP_1)]})


def test_matching_api() -> None:
    """``matching-api.golden.yaml``: deny first, then allow and allowWithShadowDeny (one
    ``orMatcher``), actions named by the policy's KRI; allowWithShadowDeny also in the shadow
    matcher as DENY. The other listeners as in ``apply.golden.yaml``."""
    got, expected, resources = run_golden(
        "matching-api.golden.yaml", matching_api_rules(), origins={"test_listener3": "not-inbound-origin"}
    )
    assert got == expected
    assert_converts(resources)


def test_no_workload_identity_no_rbac() -> None:
    """Without a workload identity the proxy has no mTLS: MeshTrafficPermission does nothing."""
    resources = ProxyResources()
    [body] = golden(TESTDATA + "apply-workload-identity-ignores-from.golden.yaml")
    before = stripped(body)
    resources.add_resource(LISTENER, copy.deepcopy(before), origin=Origin.INBOUND)
    mtp.configure_envoy(context(), matching_api_rules(), resources)
    assert listeners(resources) == [before]


def ze_rules() -> KindRules:
    conf = {"allow": [sni("sni.mes-1.default.zone-1.aws.8443")]}
    return inbound_rules(
        "MeshTrafficPermission",
        {ZE_LISTENER: [(None, conf, policy("MeshTrafficPermission", "mtp-1", mesh="mesh-1"))]},
    )


@pytest.mark.parametrize(
    ("name", "rules"),
    [
        ("apply-ze-listener-no-mtp.golden.yaml", no_rules),
        ("apply-ze-listener-with-mtp.golden.yaml", ze_rules),
    ],
)
def test_zone_egress_filter_chains(name: str, rules: Any) -> None:
    """The zone egress goldens through the chain configurer, as Kuma's egress pass uses it: a TCP
    chain gets the network RBAC filter (stat prefix ``<listener>.``), an HTTP one the HTTP filter.
    We generate no zone egress, so the listener is configured chain by chain here."""
    [expected] = golden(TESTDATA + name)
    listener = stripped(expected)
    matcher, shadow = mtp.rbac_matchers(rules().inbound.get(ZE_LISTENER, ()))
    for chain in filter_chains(listener):
        mtp.configure_filter_chain(chain, listener["name"], matcher, shadow)
    assert listener == expected


def sni_listener() -> ProxyResources:
    resources = ProxyResources()
    [body] = golden(TESTDATA + "apply-workload-identity-ignores-from.golden.yaml")
    resources.add_resource(LISTENER, stripped(body), origin=Origin.INBOUND)
    return resources


def test_sni_match_adds_the_tls_inspector() -> None:
    resources = sni_listener()
    rules = inbound_rules(
        "MeshTrafficPermission", {LISTENER_1: [(None, {"allow": [sni("sni.example")]}, MTP_1)]}
    )
    mtp.configure_envoy(with_identity(context()), rules, resources)
    [listener] = listeners(resources)
    assert listener["listenerFilters"] == [
        {"name": mtp.TLS_INSPECTOR_FILTER, "typedConfig": {"@type": mtp.TLS_INSPECTOR_TYPE}}
    ]
    assert_converts(resources)


def test_spiffe_match_adds_no_tls_inspector() -> None:
    resources = sni_listener()
    rules = inbound_rules(
        "MeshTrafficPermission",
        {LISTENER_1: [(None, {"allow": [spiffe("Exact", "spiffe://mesh-1/svc")]}, MTP_1)]},
    )
    mtp.configure_envoy(with_identity(context()), rules, resources)
    [listener] = listeners(resources)
    assert "listenerFilters" not in listener


# --- beyond Kuma's goldens ----------------------------------------------------------------------


def action(name: str, deny: bool) -> dict[str, Any]:
    config: dict[str, Any] = {"@type": mtp.RBAC_ACTION_TYPE, "name": name}
    if deny:
        config["action"] = "DENY"
    return {"action": {"name": mtp.RBAC_ACTION, "typedConfig": config}}


def uri_san(kind: str, value: str) -> dict[str, Any]:
    return {
        "singlePredicate": {
            "input": {
                "name": "envoy.matching.inputs.uri_san",
                "typedConfig": {
                    "@type": "type.googleapis.com/envoy.extensions.matching.common_inputs.ssl.v3.UriSanInput"
                },
            },
            "valueMatch": {kind: value},
        }
    }


def test_deny_beats_allow_across_policies() -> None:
    """Every rule's deny comes before any rule's allow, whatever the policies' order, and rules
    without deny (or allow) leave no entry."""
    low = policy("MeshTrafficPermission", "mesh-wide")
    high = policy("MeshTrafficPermission", "backend")
    rules = inbound_rules(
        "MeshTrafficPermission",
        {
            LISTENER_1: [
                (None, {"allow": [spiffe("Prefix", "spiffe://default/")]}, low),
                (None, {"deny": [spiffe("Exact", "spiffe://default/evil")]}, high),
            ]
        },
    )
    matcher, shadow = mtp.rbac_matchers(rules.inbound[LISTENER_1])
    assert shadow is None
    assert matcher == {
        "matcherList": {
            "matchers": [
                {
                    "onMatch": action("kri_mtp_default___backend_", True),
                    "predicate": uri_san("exact", "spiffe://default/evil"),
                },
                {
                    "onMatch": action("kri_mtp_default___mesh-wide_", False),
                    "predicate": uri_san("prefix", "spiffe://default/"),
                },
            ]
        },
        "onNoMatch": action("default", True),
    }


def test_spiffe_and_sni_in_one_match_are_both_required() -> None:
    rules = inbound_rules(
        "MeshTrafficPermission",
        {
            LISTENER_1: [
                (None, {"allow": [{**spiffe("Exact", "spiffe://default/a"), **sni("a.example")}]}, MTP_1)
            ]
        },
    )
    matcher, _ = mtp.rbac_matchers(rules.inbound[LISTENER_1])
    predicate = matcher["matcherList"]["matchers"][0]["predicate"]
    assert [p["singlePredicate"]["input"]["name"] for p in predicate["andMatcher"]["predicate"]] == [
        "envoy.matching.inputs.uri_san",
        "envoy.matching.inputs.server_name",
    ]


def test_empty_allow_with_shadow_deny_still_makes_a_shadow_matcher() -> None:
    """Kuma tests the field for nil, not for emptiness."""
    rules = inbound_rules(
        "MeshTrafficPermission",
        {
            LISTENER_1: [
                (None, {"allow": [spiffe("Exact", "spiffe://default/a")], "allowWithShadowDeny": []}, MTP_1)
            ]
        },
    )
    _, shadow = mtp.rbac_matchers(rules.inbound[LISTENER_1])
    assert shadow == {"onNoMatch": action("default", True)}


def tls_socket() -> dict[str, Any]:
    return {
        "name": "envoy.transport_sockets.tls",
        "typedConfig": {
            "@type": "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext",
            "commonTlsContext": {},
            "requireClientCertificate": True,
        },
    }


def generated_inbound(protocol: Protocol, port: int) -> tuple[ProxyResources, Any]:
    """An inbound listener as the generator makes it, with a plain and an mTLS filter chain (the
    shape of a Permissive inbound)."""
    inbound = http_inbound(port, protocol=protocol)
    if protocol.is_http:
        network_filter = {
            "name": HCM_FILTER,
            "typedConfig": {
                "@type": "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
                "statPrefix": inbound.name,
                "httpFilters": [
                    {
                        "name": "envoy.filters.http.router",
                        "typedConfig": {
                            "@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router"
                        },
                    }
                ],
            },
        }
    else:
        network_filter = {
            "name": TCP_PROXY_FILTER,
            "typedConfig": {
                "@type": "type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy",
                "statPrefix": inbound.name,
                "cluster": inbound.name,
            },
        }
    listener = {
        "name": inbound.name,
        "address": {"socketAddress": {"address": inbound.address, "portValue": port}},
        "trafficDirection": "INBOUND",
        "filterChains": [
            {"filters": [copy.deepcopy(network_filter)], "transportSocket": tls_socket()},
            {"filters": [copy.deepcopy(network_filter)]},
        ],
    }
    resources = ProxyResources()
    add(resources, LISTENER, listener, inbound=inbound)
    return resources, inbound


def test_tcp_inbound_gets_the_network_filter_on_its_mtls_chain_only() -> None:
    resources, inbound = generated_inbound(Protocol.TCP, 9000)
    rules = inbound_rules(
        "MeshTrafficPermission",
        {inbound.listener: [(None, {"allow": [spiffe("Exact", "spiffe://default/a")]}, MTP_1)]},
    )
    mtp.configure_envoy(with_identity(context([inbound])), rules, resources)
    [listener] = listeners(resources)
    tls_chain, plain_chain = listener["filterChains"]
    assert [f["name"] for f in tls_chain["filters"]] == [mtp.RBAC_NETWORK_FILTER, TCP_PROXY_FILTER]
    rbac = tls_chain["filters"][0]["typedConfig"]
    assert rbac["statPrefix"] == "self_inbound_dp_9000."
    assert rbac["matcher"]["matcherList"]["matchers"][0]["onMatch"] == action(MTP_1_KRI, False)
    assert [f["name"] for f in plain_chain["filters"]] == [TCP_PROXY_FILTER]
    assert_converts(resources)


def test_http_inbound_rbac_runs_before_every_other_http_filter() -> None:
    resources, inbound = generated_inbound(Protocol.HTTP, 9001)
    hcm = http_connection_managers(resources.listeners()[0].resource)[0]
    hcm["httpFilters"].insert(0, {"name": "envoy.filters.http.fault", "typedConfig": {"@type": "x"}})
    mtp.configure_envoy(with_identity(context([inbound])), no_rules(), resources)
    [listener] = listeners(resources)
    tls_hcm, plain_hcm = http_connection_managers(listener)
    assert [f["name"] for f in tls_hcm["httpFilters"]] == [
        mtp.RBAC_HTTP_FILTER,
        "envoy.filters.http.fault",
        "envoy.filters.http.router",
    ]
    assert tls_hcm["httpFilters"][0]["typedConfig"] == {
        "@type": mtp.RBAC_HTTP_TYPE,
        "matcher": {"onNoMatch": action("default", True)},
    }
    assert [f["name"] for f in plain_hcm["httpFilters"]] == ["envoy.filters.http.router"]


def test_rules_of_another_inbound_do_not_apply() -> None:
    resources, inbound = generated_inbound(Protocol.HTTP, 9002)
    rules = inbound_rules(
        "MeshTrafficPermission",
        {
            InboundListener("127.0.0.1", 1): [
                (None, {"allow": [spiffe("Exact", "spiffe://default/a")]}, MTP_1)
            ]
        },
    )
    mtp.configure_envoy(with_identity(context([inbound])), rules, resources)
    rbac = http_connection_managers(listeners(resources)[0])[0]["httpFilters"][0]
    assert rbac["typedConfig"]["matcher"] == {"onNoMatch": action("default", True)}
