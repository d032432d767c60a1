"""MeshProxyPatch's Envoy translation against Kuma's plugin goldens and the cases of Kuma's
modification tests (``cluster_mod_test``, ``network_filter_mod_test``, ``http_filter_mod_test``,
``virtual_host_test``): resources in, modifications applied, resources out, compared as protos."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from pulumi_kuma.envoy import CLUSTER, LISTENER, Origin, ProxyResources, envoy_configurer
from pulumi_kuma.policies import meshproxypatch
from pulumi_kuma.policies.meshproxypatch import ProxyPatchError, apply_modifications
from pulumi_kuma.registry import REGISTRY
from tests.policies.envoy_support import golden
from tests.policies.rules_support import assert_converts, policy, proxy_rules

TESTDATA = "meshproxypatch/plugin/v1alpha1/testdata/"
HCM = "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager"


def resource(text: str, kind: str) -> dict[str, Any]:
    """A resource in YAML read as Kuma's tests read it (through the proto; unknown fields dropped)."""
    message = meshproxypatch._envoy_message(kind)
    assert meshproxypatch.parse_envoy_resource(text, message, check_rules=False) is None
    return meshproxypatch._to_dict(message)


def listener_set(*texts: str, origin: str = Origin.INBOUND) -> ProxyResources:
    resources = ProxyResources()
    for text in texts:
        resources.add_resource(LISTENER, resource(text, "listener"), origin=origin)
    return resources


def mods(*texts: str) -> list[Any]:
    return [yaml.safe_load(t) for t in texts]


def listeners_out(resources: ProxyResources) -> list[dict[str, Any]]:
    return [dict(e.view) for e in resources.entries(LISTENER)]


def test_mixed_patch_both_golden() -> None:
    """Kuma's ``mixed-patch-both``: patch two listeners by name, add a cluster."""
    expected_listeners = golden(TESTDATA + "mixed-patch-both.listeners.golden.yaml")
    expected_clusters = golden(TESTDATA + "mixed-patch-both.clusters.golden.yaml")
    resources = ProxyResources()
    for body in expected_listeners:
        unpatched = copy.deepcopy(body)
        unpatched.pop("statPrefix")
        resources.add_resource(LISTENER, unpatched, origin=Origin.INBOUND)
    conf = {
        "appendModifications": [
            {
                "listener": {
                    "operation": "Patch",
                    "match": {"name": "inbound:192.168.0.1:17777"},
                    "value": "statPrefix: patched_inbound\n",
                }
            },
            {
                "listener": {
                    "operation": "Patch",
                    "match": {"name": "self_zoneegress_dp_ze-port"},
                    "value": "statPrefix: patched_egress\n",
                }
            },
            {"cluster": {"operation": "Add", "value": "name: extra-cluster\nconnectTimeout: 7s\n"}},
        ]
    }
    meshproxypatch.configure_envoy(
        None, proxy_rules("MeshProxyPatch", conf, policy("MeshProxyPatch", "patch-both")), resources
    )  # type: ignore[arg-type]
    assert_converts(resources)
    assert listeners_out(resources) == [resource(yaml.safe_dump(b), "listener") for b in expected_listeners]
    assert [dict(e.view) for e in resources.entries(CLUSTER)] == expected_clusters
    assert resources.get(CLUSTER, "extra-cluster").origin == meshproxypatch.CLUSTER_ADD_ORIGIN  # type: ignore[union-attr]


def test_add_and_patch_a_cluster() -> None:
    resources = ProxyResources()
    resources.add_resource(CLUSTER, {"name": "echo-http"}, origin=Origin.OUTBOUND)
    apply_modifications(
        resources,
        [
            {"cluster": {"operation": "Add", "value": "name: new-cluster\nconnectTimeout: 5s"}},
            {
                "cluster": {
                    "operation": "Patch",
                    "match": {"name": "echo-http"},
                    "value": "connectTimeout: 100s",
                }
            },
        ],
    )
    assert [dict(e.view) for e in resources.entries(CLUSTER)] == [
        {"name": "echo-http", "connectTimeout": "100s"},
        {"name": "new-cluster", "connectTimeout": "5s"},
    ]


def test_cluster_patch_merges_messages_and_replaces_durations() -> None:
    resources = ProxyResources()
    original = """
lbPolicy: CLUSTER_PROVIDED
name: test:cluster
connectTimeout: 1.5s
outlierDetection:
  enforcingConsecutive5xx: 100
  enforcingConsecutiveGatewayFailure: 0
type: ORIGINAL_DST
"""
    resources.add_resource(CLUSTER, resource(original, "cluster"), origin=Origin.INBOUND)
    apply_modifications(
        resources,
        mods("""
cluster:
  operation: Patch
  match: {name: "test:cluster"}
  value: |
    connectTimeout: 5s
    httpProtocolOptions: {acceptHttp10: true}
    outlierDetection: {enforcingSuccessRate: 100}
"""),
    )
    [cluster] = [dict(e.view) for e in resources.entries(CLUSTER)]
    assert cluster == resource(
        """
connectTimeout: 5s
httpProtocolOptions: {acceptHttp10: true}
lbPolicy: CLUSTER_PROVIDED
name: test:cluster
outlierDetection:
  enforcingConsecutive5xx: 100
  enforcingConsecutiveGatewayFailure: 0
  enforcingSuccessRate: 100
type: ORIGINAL_DST
""",
        "cluster",
    )


def test_cluster_json_patches_by_origin_reach_into_typed_configs() -> None:
    resources = ProxyResources()
    tls = "transportSocket: {name: envoy.transport_sockets.tls, typedConfig: {'@type': type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext, sni: %s}}"
    resources.add_resource(
        CLUSTER, resource(f"name: foo\nconnectTimeout: 5s\n{tls % 'foo'}", "cluster"), origin=Origin.OUTBOUND
    )
    resources.add_resource(
        CLUSTER, resource(f"name: bar\nconnectTimeout: 15s\n{tls % 'bar'}", "cluster"), origin=Origin.INBOUND
    )
    apply_modifications(
        resources,
        mods("""
cluster:
  operation: Patch
  match: {origin: outbound}
  jsonPatches:
  - {op: add, path: /transportSocket/typedConfig/commonTlsContext/tlsParams, value: {tlsMinimumProtocolVersion: TLSv1_2}}
  - {op: add, path: /transportSocket/typedConfig/commonTlsContext/tlsParams/tlsMaximumProtocolVersion, value: TLSv1_2}
  - {op: replace, path: /connectTimeout, value: 77s}
"""),
    )
    foo, bar = (dict(e.view) for e in resources.entries(CLUSTER))
    assert foo["connectTimeout"] == "77s"
    assert foo["transportSocket"]["typedConfig"]["commonTlsContext"]["tlsParams"] == {
        "tlsMinimumProtocolVersion": "TLSv1_2",
        "tlsMaximumProtocolVersion": "TLSv1_2",
    }
    assert bar == resource(f"name: bar\nconnectTimeout: 15s\n{tls % 'bar'}", "cluster")


def test_remove_clusters_by_origin_and_replace_by_add() -> None:
    resources = ProxyResources()
    resources.add_resource(CLUSTER, {"name": "a", "connectTimeout": "1s"}, origin=Origin.INBOUND)
    resources.add_resource(CLUSTER, {"name": "b"}, origin=Origin.OUTBOUND)
    apply_modifications(
        resources,
        [
            {"cluster": {"operation": "Remove", "match": {"origin": "inbound"}}},
            {"cluster": {"operation": "Add", "value": "name: b\ntype: EDS"}},
        ],
    )
    assert [dict(e.view) for e in resources.entries(CLUSTER)] == [{"name": "b", "type": "EDS"}]


HTTP_LISTENER = f"""
name: inbound:192.168.0.1:8080
metadata: {{filterMetadata: {{io.kuma.tags: {{app: backend}}}}}}
filterChains:
- filters:
  - name: envoy.filters.network.http_connection_manager
    typedConfig:
      '@type': {HCM}
      stat_prefix: backend
      requestTimeout: 2s
      rds: {{configSource: {{ads: {{}}}}, routeConfigName: 'outbound:backend'}}
      httpFilters:
      - name: router
"""


def hcm_of(resources: ProxyResources) -> dict[str, Any]:
    config: dict[str, Any] = listeners_out(resources)[0]["filterChains"][0]["filters"][0]["typedConfig"]
    return config


def test_network_filter_patch_with_a_value_merges_its_typed_config() -> None:
    resources = listener_set(HTTP_LISTENER)
    apply_modifications(
        resources,
        mods(f"""
networkFilter:
  operation: Patch
  match: {{name: envoy.filters.network.http_connection_manager, listenerTags: {{app: backend}}}}
  value: |
    name: envoy.filters.network.http_connection_manager
    typedConfig: {{'@type': {HCM}, streamIdleTimeout: 5s, requestTimeout: 3s}}
"""),
    )
    hcm = hcm_of(resources)
    assert (hcm["statPrefix"], hcm["streamIdleTimeout"], hcm["requestTimeout"]) == ("backend", "5s", "3s")
    assert hcm["rds"]["routeConfigName"] == "outbound:backend"


def test_network_filter_json_patch_and_non_matching_tags() -> None:
    resources = listener_set(HTTP_LISTENER)
    untouched = copy.deepcopy(listeners_out(resources))
    apply_modifications(
        resources,
        mods(
            """
networkFilter:
  operation: Patch
  match: {name: envoy.filters.network.http_connection_manager, listenerTags: {app: other}}
  jsonPatches: [{op: replace, path: /statPrefix, value: nope}]
"""
        ),
    )
    assert listeners_out(resources) == untouched
    apply_modifications(
        resources,
        mods(
            """
networkFilter:
  operation: Patch
  match: {name: envoy.filters.network.http_connection_manager}
  jsonPatches:
  - {op: add, path: /streamIdleTimeout, value: 55s}
  - {op: replace, path: /statPrefix, value: foo}
  - {op: remove, path: /requestTimeout}
"""
        ),
    )
    hcm = hcm_of(resources)
    assert (hcm["statPrefix"], hcm["streamIdleTimeout"], "requestTimeout" in hcm) == ("foo", "55s", False)


@pytest.mark.parametrize(
    ("operation", "names"),
    [
        ("AddFirst", ["new", "a", "b"]),
        ("AddLast", ["a", "b", "new"]),
        ("AddBefore", ["a", "new", "b"]),
        ("AddAfter", ["a", "b", "new"]),
    ],
)
def test_network_filter_placement(operation: str, names: list[str]) -> None:
    resources = listener_set("name: l\nfilterChains: [{filters: [{name: a}, {name: b}]}]")
    match = {"name": "b"} if operation in ("AddBefore", "AddAfter") else None
    mod = {
        "networkFilter": {"operation": operation, "value": "name: new", **({"match": match} if match else {})}
    }
    apply_modifications(resources, [mod])
    assert [f["name"] for f in listeners_out(resources)[0]["filterChains"][0]["filters"]] == names


def test_network_filter_remove_by_name_and_listener_name_equivalents() -> None:
    resources = listener_set(
        "name: self_transparentproxy_passthrough_outbound_ipv4\nfilterChains: [{filters: [{name: a}, {name: b}]}]",
        "name: other\nfilterChains: [{filters: [{name: a}]}]",
    )
    apply_modifications(
        resources,
        mods(
            "networkFilter: {operation: Remove, match: {name: a, listenerName: 'outbound:passthrough:ipv4'}}"
        ),
    )
    first, second = listeners_out(resources)
    assert [f["name"] for f in first["filterChains"][0]["filters"]] == ["b"]
    assert [f["name"] for f in second["filterChains"][0]["filters"]] == ["a"]


def test_http_filters_add_first_last_and_remove_all() -> None:
    resources = listener_set(HTTP_LISTENER)
    apply_modifications(
        resources,
        mods(
            "httpFilter: {operation: AddLast, value: 'name: envoy.filters.http.cors'}",
            "httpFilter: {operation: AddFirst, value: 'name: first'}",
        ),
    )
    assert [f["name"] for f in hcm_of(resources)["httpFilters"]] == [
        "first",
        "router",
        "envoy.filters.http.cors",
    ]
    apply_modifications(resources, mods("httpFilter: {operation: Remove, match: {origin: inbound}}"))
    assert "httpFilters" not in hcm_of(resources)


ROUTE_LISTENER = f"""
name: outbound:192.168.0.1:8080
filterChains:
- filters:
  - name: envoy.filters.network.http_connection_manager
    typedConfig:
      '@type': {HCM}
      statPrefix: x
      httpFilters: [{{name: envoy.filters.http.router}}]
      routeConfig:
        name: outbound:backend
        virtualHosts:
        - domains: [backend.com]
          name: backend
          requestHeadersToRemove: [foo, bar]
          routes: [{{match: {{prefix: /}}, route: {{cluster: backend}}}}]
"""


def virtual_hosts_of(resources: ProxyResources) -> list[dict[str, Any]]:
    hosts: list[dict[str, Any]] = hcm_of(resources)["routeConfig"]["virtualHosts"]
    return hosts


def test_virtual_host_patch_value_appends_routes_and_json_patch() -> None:
    resources = listener_set(ROUTE_LISTENER, origin=Origin.OUTBOUND)
    apply_modifications(
        resources,
        mods(
            """
virtualHost:
  operation: Patch
  match: {routeConfigurationName: 'outbound:backend'}
  value: |
    routes: [{match: {prefix: /web}, route: {cluster: web}}]
""",
            """
virtualHost:
  operation: Patch
  match: {origin: outbound}
  jsonPatches:
  - {op: remove, path: /requestHeadersToRemove/1}
  - {op: replace, path: /requestHeadersToRemove/0, value: baz}
  - {op: add, path: /retryPolicy, value: {retryOn: 5xx, numRetries: 3}}
""",
        ),
    )
    [host] = virtual_hosts_of(resources)
    assert [r["route"]["cluster"] for r in host["routes"]] == ["backend", "web"]
    assert host["requestHeadersToRemove"] == ["baz"]
    assert host["retryPolicy"] == {"retryOn": "5xx", "numRetries": 3}


def test_virtual_host_add_and_remove() -> None:
    resources = listener_set(ROUTE_LISTENER, origin=Origin.OUTBOUND)
    add = {
        "virtualHost": {
            "operation": "Add",
            "match": {"origin": "outbound"},
            "value": "name: extra\ndomains: [x]",
        }
    }
    apply_modifications(resources, [add])
    assert [h["name"] for h in virtual_hosts_of(resources)] == ["backend", "extra"]
    apply_modifications(resources, mods("virtualHost: {operation: Remove, match: {name: backend}}"))
    assert [h["name"] for h in virtual_hosts_of(resources)] == ["extra"]


def test_listener_remove_by_tags_and_patch_by_name() -> None:
    resources = listener_set(HTTP_LISTENER, "name: other\nstatPrefix: a")
    apply_modifications(
        resources,
        mods(
            "listener: {operation: Remove, match: {tags: {app: '*'}}}",
            "listener: {operation: Patch, match: {name: other}, value: 'statPrefix: b'}",
        ),
    )
    assert listeners_out(resources) == [{"name": "other", "statPrefix": "b"}]


def test_a_patch_that_does_not_fit_the_proto_fails_with_the_modification_index() -> None:
    resources = ProxyResources()
    resources.add_resource(CLUSTER, {"name": "a"}, origin=Origin.OUTBOUND)
    with pytest.raises(ProxyPatchError, match=r"modification 1.*replace"):
        apply_modifications(
            resources,
            mods(
                "cluster: {operation: Patch, jsonPatches: [{op: add, path: /connectTimeout, value: 1s}]}",
                "cluster: {operation: Patch, jsonPatches: [{op: replace, path: /missing/field, value: 1}]}",
            ),
        )


def test_patch_of_filters_of_another_type_is_refused() -> None:
    resources = listener_set(HTTP_LISTENER)
    with pytest.raises(ProxyPatchError, match="different"):
        apply_modifications(
            resources,
            mods(
                """
networkFilter:
  operation: Patch
  match: {name: envoy.filters.network.http_connection_manager}
  value: |
    name: x
    typedConfig: {'@type': type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy, statPrefix: y}
"""
            ),
        )


def test_registered() -> None:
    assert envoy_configurer(REGISTRY.by_name("MeshProxyPatch")) is meshproxypatch.configure_envoy
