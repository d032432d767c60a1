"""The generator: base resources of Kuma 3.0 sidecars, the policy hooks in plugin order, and the
dependency keys that decide which proxies a change regenerates."""

from __future__ import annotations

import dataclasses
from typing import Any

from pulumi_kuma.controlplane.generate import GenerationState, SharedLoadAssignments, snapshot_resources
from pulumi_kuma.controlplane.xds.cache import SnapshotCache
from pulumi_kuma.envoy import (
    CLUSTER,
    ENDPOINT,
    ENVOY_CONFIGURER,
    LISTENER,
    ProxyResources,
    http_connection_managers,
    routes,
    tcp_proxies,
)
from pulumi_kuma.envoy.names import DEFAULT_ROUTE_NAME
from pulumi_kuma.model.registry import Registry
from pulumi_kuma.registry import REGISTRY
from tests.controlplane.generate.support import backend_and_client, dataplane, mesh, mesh_service, policy

BACKEND_KRI = "kri_msvc_default_default__backend_http"


def generated(objects: list[Any], name: str, registry: Registry = REGISTRY) -> ProxyResources:
    state = GenerationState(registry)
    state.load(objects)
    result = state.generate("default", name)
    assert result is not None
    return result.resources


def body(resources: ProxyResources, type_url: str, name: str) -> dict[str, Any]:
    entry = resources.get(type_url, name)
    assert entry is not None, f"no {type_url} {name}; have {[e.name for e in resources.entries(type_url)]}"
    return dict(entry.view)


def test_inbound_listener_and_cluster() -> None:
    resources = generated(backend_and_client(), "backend-1")
    cluster = body(resources, CLUSTER, "self_inbound_dp_http")
    endpoint = cluster["loadAssignment"]["endpoints"][0]["lbEndpoints"][0]["endpoint"]
    assert endpoint["address"]["socketAddress"] == {"address": "10.0.0.2", "portValue": 18080}
    assert cluster["type"] == "STATIC" and cluster["connectTimeout"] == "5s"  # MeshTimeout's default
    listener = body(resources, LISTENER, "self_inbound_dp_http")
    assert listener["address"]["socketAddress"] == {"address": "10.0.0.2", "portValue": 8080}
    assert listener["trafficDirection"] == "INBOUND"
    [hcm] = http_connection_managers(listener)
    assert hcm["forwardClientCertDetails"] == "SANITIZE_SET"
    assert hcm["routeConfig"]["requestHeadersToRemove"] == ["x-kuma-tags"]
    [route] = routes(hcm)
    assert route["route"]["cluster"] == "self_inbound_dp_http"
    assert route["route"]["timeout"] == "15s" and route["route"]["idleTimeout"] == "1800s"
    assert listener["metadata"]["filterMetadata"]["io.kuma.tags"]["kuma.io/workload"] == "backend"


def test_tcp_inbound_gets_a_tcp_proxy() -> None:
    resources = generated(backend_and_client(), "client")
    [proxy] = tcp_proxies(body(resources, LISTENER, "self_inbound_dp_9000"))
    assert proxy["cluster"] == "self_inbound_dp_9000" and proxy["idleTimeout"] == "3600s"


def test_outbound_listener_cluster_and_endpoints() -> None:
    resources = generated(backend_and_client(), "client")
    listener = body(resources, LISTENER, BACKEND_KRI)
    assert listener["address"]["socketAddress"] == {"address": "127.0.0.1", "portValue": 10001}
    assert listener["trafficDirection"] == "OUTBOUND"
    [hcm] = http_connection_managers(listener)
    [route] = routes(hcm)
    assert route["name"] == DEFAULT_ROUTE_NAME
    assert route["route"]["cluster"] == BACKEND_KRI
    cluster = body(resources, CLUSTER, BACKEND_KRI)
    assert cluster["type"] == "EDS"
    options = cluster["typedExtensionProtocolOptions"][
        "envoy.extensions.upstreams.http.v3.HttpProtocolOptions"
    ]
    assert options["explicitHttpConfig"] == {"http2ProtocolOptions": {}}  # proxy to proxy is HTTP/2
    cla = body(resources, ENDPOINT, BACKEND_KRI)
    [group] = cla["endpoints"]
    assert group["locality"] == {"zone": "default"}
    [lb] = group["lbEndpoints"]
    assert lb["endpoint"]["address"]["socketAddress"] == {"address": "10.0.0.2", "portValue": 8080}
    assert lb["metadata"]["filterMetadata"]["envoy.lb"]["kuma.io/protocol"] == "http"


def test_outbound_by_labels_picks_the_oldest_match_and_tcp_gets_a_tcp_proxy() -> None:
    objects = [
        mesh(),
        dataplane("db-1", inbound=[{"port": 5432}], labels={"app": "db"}),
        mesh_service(
            "db-new",
            [{"port": 5432, "targetPort": 5432}],
            selector={"dataplaneRef": {"name": "db-1"}},
            age=10,
        ),
        mesh_service(
            "db-old", [{"port": 5432, "targetPort": 5432}], selector={"dataplaneRef": {"name": "db-1"}}, age=1
        ),
        dataplane(
            "client",
            inbound=[{"port": 9000}],
            outbound=[
                {
                    "port": 15432,
                    "backendRef": {
                        "kind": "MeshService",
                        "labels": {"kuma.io/env": "universal"},
                        "port": 5432,
                    },
                }
            ],
        ),
    ]
    resources = generated(objects, "client")
    name = "kri_msvc_default_default__db-old_5432"
    [proxy] = tcp_proxies(body(resources, LISTENER, name))
    assert proxy["cluster"] == name
    [group] = body(resources, ENDPOINT, name)["endpoints"]
    assert [e["endpoint"]["address"]["socketAddress"]["portValue"] for e in group["lbEndpoints"]] == [5432]


def test_unresolved_outbounds_and_unhealthy_inbounds_generate_nothing() -> None:
    objects = [
        mesh(),
        dataplane(
            "backend-1",
            address="10.0.0.2",
            inbound=[{"port": 8080, "name": "http", "protocol": "http", "health": {"ready": False}}],
            labels={"app": "backend"},
        ),
        mesh_service(
            "backend",
            [{"name": "http", "port": 8080, "targetPort": 8080, "appProtocol": "http"}],
            selector={"dataplaneLabels": {"matchLabels": {"app": "backend"}}},
        ),
        dataplane(
            "client",
            outbound=[
                {"port": 10001, "backendRef": {"kind": "MeshService", "name": "backend", "port": 8080}},
                {"port": 10002, "backendRef": {"kind": "MeshService", "name": "missing", "port": 80}},
                {"port": 10003, "backendRef": {"kind": "MeshService", "name": "backend", "port": 9999}},
            ],
        ),
    ]
    resources = generated(objects, "client")
    assert [e.name for e in resources.listeners()] == [BACKEND_KRI]
    assert body(resources, ENDPOINT, BACKEND_KRI) == {"clusterName": BACKEND_KRI}


def test_meshtimeout_reaches_only_the_proxies_it_selects() -> None:
    timeout = policy(
        "MeshTimeout",
        "slow",
        {
            "targetRef": {"kind": "Dataplane", "labels": {"kuma.io/workload": "client"}},
            "to": [
                {
                    "targetRef": {"kind": "MeshService", "labels": {"kuma.io/display-name": "backend"}},
                    "default": {"connectionTimeout": "2s", "http": {"requestTimeout": "300ms"}},
                }
            ],
        },
    )
    objects = [*backend_and_client(), timeout]
    client = generated(objects, "client")
    [hcm] = http_connection_managers(body(client, LISTENER, BACKEND_KRI))
    assert routes(hcm)[0]["route"]["timeout"] == "0.300s"
    assert body(client, CLUSTER, BACKEND_KRI)["connectTimeout"] == "2s"
    backend = generated(objects, "backend-1")
    assert body(backend, CLUSTER, "self_inbound_dp_http")["connectTimeout"] == "5s"


def test_resources_convert_and_load_assignments_are_shared() -> None:
    cache = SnapshotCache()
    shared = SharedLoadAssignments(cache.resource)
    state = GenerationState(REGISTRY, shared=shared)
    objects = backend_and_client()
    second = dataplane(
        "client-2",
        outbound=[{"port": 10001, "backendRef": {"kind": "MeshService", "name": "backend", "port": 8080}}],
    )
    state.load([*objects, second])
    snapshots = {}
    for name in ("client", "client-2", "backend-1"):
        result = state.generate("default", name)
        assert result is not None
        update = cache.set_snapshot(f"default.{name}", snapshot_resources(result.resources))
        snapshots[name] = update.snapshot
    first = snapshots["client"].resources(ENDPOINT)[BACKEND_KRI]
    assert snapshots["client-2"].resources(ENDPOINT)[BACKEND_KRI] is first


def test_changes_report_what_they_touch() -> None:
    state = GenerationState(REGISTRY)
    state.load(backend_and_client())
    result = state.generate("default", "client")
    assert result is not None
    assert {
        ("destination", "MeshService", "backend"),
        ("selection", "MeshService"),
        ("dataplane", "client"),
    } <= result.dependencies
    # A second backend instance changes the MeshService's endpoints.
    change = state.upsert(
        dataplane(
            "backend-2",
            address="10.0.0.3",
            inbound=[{"port": 8080, "name": "http", "protocol": "http"}],
            labels={"app": "backend"},
        )
    )
    assert ("default", ("destination", "MeshService", "backend")) in change.dependencies
    regenerated = state.generate("default", "client")
    assert regenerated is not None
    [group] = body(regenerated.resources, ENDPOINT, BACKEND_KRI)["endpoints"]
    assert len(group["lbEndpoints"]) == 2
    # A Dataplane no MeshService selects touches only itself.
    change = state.upsert(dataplane("loner", inbound=[{"port": 1234}], labels={"app": "other"}))
    assert {d for _, d in change.dependencies} == {("dataplane", "loner")}


def test_policy_hooks_run_in_plugin_order_even_without_policies() -> None:
    calls: list[str] = []

    def hook(label: str) -> Any:
        def configure(ctx: Any, rules: Any, resources: Any) -> None:
            calls.append(f"{label}:{len(rules.policies)}")

        return configure

    kinds = []
    for kind in REGISTRY:
        if kind.policy is not None:
            kind = dataclasses.replace(kind, extras={**kind.extras, ENVOY_CONFIGURER: hook(kind.name)})
        kinds.append(kind)
    registry = Registry(kinds)
    generated(backend_and_client(), "client", registry)
    assert calls == [f"{k.name}:0" for k in registry.policies()]
    assert calls[0].startswith("MeshHTTPRoute") and calls[-1].startswith("MeshProxyPatch")


def test_a_workload_identity_adds_its_sds_secrets_and_reaches_the_translations() -> None:
    from pulumi_kuma.controlplane.ca import Identity, IdentityEntry, ProxyIdentityManager, generate_root_ca
    from pulumi_kuma.controlplane.ca.proxies import MeshPeerIdentities, proxy_identity
    from pulumi_kuma.controlplane.ca.workload import context_from_parts
    from pulumi_kuma.envoy import SECRET, TRUST_BUNDLE_SECRET
    from tests.controlplane.ca.helpers import READY_STATUS, autogenerated_spec, identity_object

    ca = generate_root_ca("default.default.mesh.local")
    entry = IdentityEntry(
        Identity.from_object(identity_object("identity", autogenerated_spec(), status=READY_STATUS)), ca
    )
    context = context_from_parts("default", "default", [entry], {"default.default.mesh.local": ["CA"]})
    state = GenerationState(REGISTRY)
    state.load(backend_and_client())
    client = state.dataplane("default", "client")
    assert client is not None
    labels = {**client.labels, "kuma.io/workload": "client"}
    identity = proxy_identity(ProxyIdentityManager("default", "client").resources(context, labels))
    assert identity is not None
    peers = MeshPeerIdentities(context, frozenset({"MeshService"}))
    result = state.generate("default", "client", identity=identity, peers=peers)
    assert result is not None
    secrets = {e.name for e in result.resources.entries(SECRET)}
    assert secrets == {identity.certificate_secret, TRUST_BUNDLE_SECRET}
    assert result.context.identity is identity
    backend = result.context.outbounds[0].destination
    assert backend is not None and result.context.peer_identities(backend) is not None
    converted = snapshot_resources(result.resources)[SECRET]
    cache = SnapshotCache()
    assert cache.set_snapshot("default.client", {SECRET: converted}).changed
    # Without an identity, nothing of the kind.
    plain = state.generate("default", "client")
    assert plain is not None and plain.resources.entries(SECRET) == []
    assert plain.context.peer_identities(backend) is None
