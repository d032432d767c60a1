"""Snapshot cache: conversion, content-hash versions, the CDS→EDS fold, no-op detection, listeners."""

from __future__ import annotations

import copy
import re
import threading
from typing import Any

import pytest
from envoy.config.cluster.v3 import cluster_pb2

from pulumi_kuma.controlplane.xds import (
    CLUSTER,
    ENDPOINT,
    LISTENER,
    ROUTE,
    ResourceConversionError,
    SnapshotCache,
)
from pulumi_kuma.controlplane.xds.cache import CLEARED_VERSION, ResourceConverter, build_snapshot
from tests.support.resources import eds_cluster, endpoints, listener, route, service_snapshot

HEX16 = re.compile(r"[0-9a-f]{16}")


def resources() -> dict[str, list[dict[str, Any]]]:
    return service_snapshot(10001, {"backend": 8080, "web": 8081})


def test_converts_proto3_json_into_packed_protobuf() -> None:
    converter = ResourceConverter()
    resource = converter.convert(CLUSTER, eds_cluster("backend", connectTimeout="2s"))
    assert resource.name == "backend"
    assert resource.packed.type_url == CLUSTER
    cluster = cluster_pb2.Cluster()
    assert resource.packed.Unpack(cluster)
    assert cluster.connect_timeout.seconds == 2
    assert cluster.type == cluster_pb2.Cluster.EDS
    assert HEX16.fullmatch(resource.version)


def test_endpoints_are_named_by_cluster_name_in_either_spelling() -> None:
    converter = ResourceConverter()
    camel = converter.convert(ENDPOINT, endpoints("backend", 8080))
    snake = dict(endpoints("backend", 8080))
    snake["cluster_name"] = snake.pop("clusterName")
    assert camel.name == "backend"
    assert converter.convert(ENDPOINT, snake).version == camel.version


def test_nested_typed_configs_are_resolved() -> None:
    resource = ResourceConverter().convert(LISTENER, listener("out", 10001, [route("/", "backend")]))
    filters = resource.message.filter_chains[0].filters  # type: ignore[attr-defined]
    assert filters[0].typed_config.type_url.endswith("HttpConnectionManager")


def test_identical_content_is_converted_once_and_shared() -> None:
    converter = ResourceConverter()
    first = converter.convert(CLUSTER, eds_cluster("backend"))
    # Same content, a different dict with keys in another order.
    reordered = dict(reversed(list(copy.deepcopy(eds_cluster("backend")).items())))
    second = converter.convert(CLUSTER, reordered)
    assert second is first
    assert (converter.hits, converter.misses) == (1, 1)


def test_conversion_cache_is_bounded() -> None:
    converter = ResourceConverter(max_entries=2)
    for index in range(5):
        converter.convert(CLUSTER, eds_cluster(f"c{index}"))
    assert len(converter) == 2


def test_invalid_field_is_reported_with_type_and_name() -> None:
    bad = eds_cluster("backend", connectTimeout="soon")
    with pytest.raises(ResourceConversionError) as caught:
        ResourceConverter().convert(CLUSTER, bad)
    message = str(caught.value)
    assert "envoy.config.cluster.v3.Cluster 'backend'" in message
    assert "connectTimeout" in message


def test_unknown_field_is_rejected() -> None:
    with pytest.raises(ResourceConversionError, match='no field named "bogus"'):
        ResourceConverter().convert(CLUSTER, {"name": "x", "bogus": 1})


def test_unknown_nested_type_is_rejected() -> None:
    bad = listener("out", 10001, [])
    bad["filterChains"][0]["filters"][0]["typedConfig"]["@type"] = "type.googleapis.com/no.such.Filter"
    with pytest.raises(ResourceConversionError, match=r"no\.such\.Filter"):
        ResourceConverter().convert(LISTENER, bad)


def test_top_level_type_must_match() -> None:
    converter = ResourceConverter()
    ok = converter.convert(CLUSTER, {"@type": CLUSTER, **eds_cluster("backend")})
    assert ok.name == "backend"
    with pytest.raises(ResourceConversionError, match="'@type' is"):
        converter.convert(CLUSTER, {"@type": LISTENER, **eds_cluster("backend")})


def test_resource_without_name_is_rejected() -> None:
    with pytest.raises(ResourceConversionError, match="no name"):
        ResourceConverter().convert(CLUSTER, {"type": "EDS"})


def test_duplicate_names_are_rejected() -> None:
    with pytest.raises(ResourceConversionError, match="two resources have this name"):
        build_snapshot(
            {CLUSTER: [eds_cluster("a"), eds_cluster("a", connectTimeout="3s")]}, ResourceConverter()
        )


def test_versions_are_content_hashes_shared_across_proxies() -> None:
    cache = SnapshotCache()
    one = cache.set_snapshot("default.one", resources()).snapshot
    two = cache.set_snapshot("default.two", resources()).snapshot
    assert one.version == two.version
    for type_url in (CLUSTER, ENDPOINT, LISTENER):
        assert HEX16.fullmatch(one.type_version(type_url))
        assert one.type_version(type_url) == two.type_version(type_url)
    assert one.resources(CLUSTER)["backend"] is two.resources(CLUSTER)["backend"]


def test_first_snapshot_lists_its_non_empty_types_in_push_order() -> None:
    update = SnapshotCache().set_snapshot("default.web", {LISTENER: resources()[LISTENER], **resources()})
    assert update.changed_types == (CLUSTER, ENDPOINT, LISTENER)
    assert update.snapshot.type_urls() == [CLUSTER, ENDPOINT, LISTENER]


def test_setting_the_same_resources_changes_nothing() -> None:
    cache = SnapshotCache()
    first = cache.set_snapshot("default.web", resources())
    calls: list[object] = []
    cache.watch("default.web", calls.append)
    again = cache.set_snapshot("default.web", copy.deepcopy(resources()))
    assert not again.changed
    assert again.changed_types == ()
    assert again.snapshot is first.snapshot
    assert calls == []


def test_a_listener_change_changes_only_lds() -> None:
    cache = SnapshotCache()
    before = cache.set_snapshot("default.web", resources()).snapshot
    changed = resources()
    changed[LISTENER] = [listener("outbound", 10001, [route("/backend", "backend", timeout="1s")])]
    update = cache.set_snapshot("default.web", changed)
    assert update.changed_types == (LISTENER,)
    assert update.snapshot.type_version(CLUSTER) == before.type_version(CLUSTER)
    assert update.snapshot.type_version(ENDPOINT) == before.type_version(ENDPOINT)
    assert update.snapshot.version != before.version


def test_an_endpoint_change_changes_only_that_endpoint() -> None:
    cache = SnapshotCache()
    before = cache.set_snapshot("default.web", resources()).snapshot
    changed = resources()
    changed[ENDPOINT] = [endpoints("backend", 9090), endpoints("web", 8081)]
    after = cache.set_snapshot("default.web", changed)
    assert after.changed_types == (ENDPOINT,)
    assert after.snapshot.versions(ENDPOINT)["web"] == before.versions(ENDPOINT)["web"]
    assert after.snapshot.versions(ENDPOINT)["backend"] != before.versions(ENDPOINT)["backend"]


def test_a_cluster_change_is_folded_into_every_endpoint_version() -> None:
    cache = SnapshotCache()
    before = cache.set_snapshot("default.web", resources()).snapshot
    changed = service_snapshot(
        10001, {"backend": 8080, "web": 8081}, cluster_extra={"backend": {"connectTimeout": "3s"}}
    )
    after = cache.set_snapshot("default.web", changed)
    # The CLAs are byte-identical, yet EDS changes with CDS so Envoy gets them right behind CDS.
    assert after.changed_types == (CLUSTER, ENDPOINT)
    assert after.snapshot.resources(ENDPOINT)["web"] is before.resources(ENDPOINT)["web"]
    for name in ("backend", "web"):
        assert after.snapshot.versions(ENDPOINT)[name] != before.versions(ENDPOINT)[name]
    assert after.snapshot.versions(CLUSTER)["web"] == before.versions(CLUSTER)["web"]


def test_no_fold_without_endpoints() -> None:
    snapshot = build_snapshot({CLUSTER: [eds_cluster("a")]}, ResourceConverter())
    assert snapshot.type_version(ENDPOINT) == ""
    assert ENDPOINT not in snapshot.types


def test_emptied_type_gets_the_cleared_version_and_left_out_types_are_emptied() -> None:
    cache = SnapshotCache()
    cache.set_snapshot("default.web", resources())
    without_listeners = {k: v for k, v in resources().items() if k != LISTENER}
    update = cache.set_snapshot("default.web", without_listeners)
    assert update.changed_types == (LISTENER,)
    assert update.snapshot.type_version(LISTENER) == CLEARED_VERSION
    assert dict(update.snapshot.resources(LISTENER)) == {}
    # Still empty: no further change.
    assert not cache.set_snapshot("default.web", without_listeners).changed


def test_never_populated_type_has_an_empty_version() -> None:
    snapshot = SnapshotCache().set_snapshot("default.web", {ROUTE: []}).snapshot
    assert snapshot.type_version(ROUTE) == ""
    assert snapshot.type_version(CLUSTER) == ""


def test_failed_conversion_keeps_the_stored_snapshot() -> None:
    cache = SnapshotCache()
    good = cache.set_snapshot("default.web", resources()).snapshot
    bad = resources()
    bad[CLUSTER] = [eds_cluster("backend", type="NOT_A_TYPE")]
    with pytest.raises(ResourceConversionError):
        cache.set_snapshot("default.web", bad)
    assert cache.get_snapshot("default.web") is good


def test_preconverted_resources_are_accepted_and_checked() -> None:
    cache = SnapshotCache()
    shared = cache.resource(CLUSTER, eds_cluster("backend"))
    snapshot = cache.set_snapshot("default.web", {CLUSTER: [shared]}).snapshot
    assert snapshot.resources(CLUSTER)["backend"] is shared
    with pytest.raises(ResourceConversionError, match="given under"):
        cache.set_snapshot("default.web", {LISTENER: [shared]})


def test_watch_unwatch_and_clear() -> None:
    cache = SnapshotCache()
    seen: list[str] = []
    unwatch = cache.watch("default.web", lambda snapshot: seen.append(snapshot.version))
    first = cache.set_snapshot("default.web", resources())
    assert seen == [first.snapshot.version]
    unwatch()
    cache.set_snapshot("default.web", {CLUSTER: [eds_cluster("other")]})
    assert seen == [first.snapshot.version]
    assert cache.node_ids() == ["default.web"]
    assert cache.clear_snapshot("default.web")
    assert cache.get_snapshot("default.web") is None
    assert not cache.clear_snapshot("default.web")


def test_set_snapshot_from_threads() -> None:
    cache = SnapshotCache()
    errors: list[BaseException] = []

    def work(index: int) -> None:
        try:
            for round_ in range(20):
                cache.set_snapshot(f"default.p{index}", service_snapshot(10001, {"svc": 8000 + round_ % 3}))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert cache.node_ids() == [f"default.p{i}" for i in range(4)]
