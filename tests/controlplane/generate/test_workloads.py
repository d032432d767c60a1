"""Workloads generated from Dataplanes' ``kuma.io/workload``, and their proxy counts, as Kuma 3.0
does on Universal (``workload/generate`` and ``workload/status``)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from pulumi_kuma.controlplane.generate.workloads import (
    MANAGED_BY,
    MANAGED_BY_LABEL,
    ProxyCounts,
    WorkloadGenerator,
    count_proxies,
    is_healthy,
    is_online,
    plan,
)
from pulumi_kuma.controlplane.store.base import Store
from pulumi_kuma.controlplane.store.factory import open_store
from pulumi_kuma.model.envelope import ResourceObject, now
from tests.controlplane.generate.support import dataplane

AT = datetime(2026, 3, 1, tzinfo=UTC)
GENERATED = {
    "kuma.io/mesh": "default",
    MANAGED_BY_LABEL: MANAGED_BY,
    "kuma.io/env": "universal",
    "kuma.io/zone": "default",
}


def member(name: str, workload: str = "web", **inbound: Any) -> ResourceObject:
    return dataplane(name, inbound=[{"port": 8080, **inbound}], labels={"kuma.io/workload": workload})


def insight(name: str, *subscriptions: dict[str, Any]) -> ResourceObject:
    return ResourceObject("DataplaneInsight", name, "default", {}, {"subscriptions": list(subscriptions)})


CONNECTED = {"id": "b", "connectTime": "2026-03-01T00:00:01Z"}
DISCONNECTED = {"id": "a", "connectTime": "2026-03-01T00:00:00Z", "disconnectTime": "2026-03-01T00:00:01Z"}


def workload(
    name: str = "web", labels: dict[str, str] | None = None, counts: ProxyCounts | None = None
) -> ResourceObject:
    status = counts.status() if counts is not None else None
    return ResourceObject(
        "Workload", name, "default", dict(GENERATED if labels is None else labels), {}, status, AT, AT, 4
    )


def test_one_workload_per_label_value_with_kumas_labels_and_counts() -> None:
    dps = [member("web-1"), member("web-2"), member("db-1", "db"), dataplane("plain", inbound=[{"port": 1}])]
    actions = plan("default", dps, [], [insight("web-1", CONNECTED)], zone="default")
    assert [(a.verb, a.name) for a in actions] == [("create", "db"), ("create", "web")]
    db, web = actions
    assert web.labels == GENERATED and db.labels == GENERATED
    assert web.status == {"dataplaneProxies": {"connected": 1, "healthy": 2, "total": 2}}
    assert db.status == {"dataplaneProxies": {"connected": 0, "healthy": 1, "total": 1}}


def test_the_zone_label_is_the_control_planes_zone() -> None:
    [action] = plan("other", [member("web-1")], [], zone="east")
    assert action.labels is not None
    assert action.labels["kuma.io/zone"] == "east" and action.labels["kuma.io/mesh"] == "other"


def test_labels_that_are_not_dns_1035_labels_generate_nothing() -> None:
    # The REST API rejects them, but a Dataplane can reach the store by other paths (a proxy's metadata).
    assert plan("default", [member("x", "Not_DNS"), member("y", "1abc")], [], zone="default") == []


def test_connected_means_a_subscription_without_disconnect_time() -> None:
    assert is_online(insight("a", CONNECTED))
    assert is_online(insight("a", DISCONNECTED, CONNECTED))
    assert not is_online(insight("a", DISCONNECTED))
    assert not is_online(insight("a"))
    assert not is_online(insight("a", {"id": "never-connected"}))
    assert not is_online(None)


@pytest.mark.parametrize(
    ("inbound", "healthy"),
    [
        ({}, True),
        ({"state": "Ready"}, True),
        ({"health": {"ready": True}}, True),
        ({"state": "NotReady"}, False),
        ({"state": "Ignored"}, False),
        ({"health": {"ready": False}}, False),
        ({"health": {}}, False),  # proto3: a health message without ready is not ready
    ],
)
def test_healthy_means_a_ready_inbound(inbound: dict[str, Any], healthy: bool) -> None:
    assert is_healthy(member("a", **inbound)) is healthy


def test_one_healthy_inbound_is_enough_and_gateways_are_never_healthy() -> None:
    mixed = dataplane("m", inbound=[{"port": 1, "state": "NotReady"}, {"port": 2}])
    assert is_healthy(mixed)
    gateway = dataplane("g", labels={"kuma.io/workload": "gw"})
    assert not is_healthy(gateway)
    assert count_proxies([mixed, gateway], {"g": insight("g", CONNECTED)}) == ProxyCounts(2, 1, 1)


def test_counts_are_written_only_when_they_change() -> None:
    dps = [member("web-1"), member("web-2", state="NotReady")]
    insights = [insight("web-2", CONNECTED)]
    current = workload(counts=ProxyCounts(total=2, connected=1, healthy=1))
    assert plan("default", dps, [current], insights, zone="default") == []
    stale = workload(counts=ProxyCounts(total=1))
    [action] = plan("default", dps, [stale], insights, zone="default")
    assert action.verb == "update" and action.existing is stale
    assert action.status == {"dataplaneProxies": {"connected": 1, "healthy": 1, "total": 2}}
    # A Workload nobody counted yet (no status) gets its counts.
    [first] = plan("default", dps, [workload()], insights, zone="default")
    assert first.verb == "update"


def test_a_generated_workload_no_dataplane_names_is_deleted_at_once() -> None:
    [action] = plan(
        "default",
        [member("db-1", "db")],
        [workload(), workload("db", counts=ProxyCounts(1, 0, 1))],
        zone="default",
    )
    assert (action.verb, action.name) == ("delete", "web")


def test_workloads_the_generator_did_not_create_are_never_touched() -> None:
    user_made = workload(labels={"kuma.io/origin": "zone", "kuma.io/display-name": "web"})
    assert plan("default", [], [user_made], zone="default") == []  # Kuma would delete it
    assert plan("default", [member("web-1")], [user_made], zone="default") == []  # nor counted, nor created
    from_global = workload(labels={**GENERATED, "kuma.io/origin": "global"})
    assert plan("default", [], [from_global], zone="default") == []


def test_counts_follow_the_display_name() -> None:
    # Kuma creates and deletes by name but counts the Dataplanes labelled with the display name.
    renamed = workload("web-x", labels={**GENERATED, "kuma.io/display-name": "web"})
    dps = [member("web-1"), member("web-2"), member("web-x-1", "web-x")]
    update, create = plan("default", dps, [renamed], zone="default")
    assert (update.verb, update.name, update.status) == ("update", "web-x", ProxyCounts(2, 0, 2).status())
    assert (create.verb, create.name, create.status) == ("create", "web", ProxyCounts(2, 0, 2).status())


async def _store(tmp_path: Path) -> Store:
    store = await open_store(f"sqlite:///{tmp_path / 'cp.db'}")
    timestamp = now()
    await store.create(ResourceObject("Mesh", "default", None, {}, {}, None, timestamp, timestamp))
    return store


async def test_reconcile_writes_the_plan_to_the_store(tmp_path: Path) -> None:
    store = await _store(tmp_path)
    try:
        await store.create(member("web-1"))
        generator = WorkloadGenerator(store)
        assert await generator.reconcile() == 1
        created = await store.get("Workload", "default", "web")
        assert created is not None and created.labels == GENERATED and created.spec == {}
        assert created.status == ProxyCounts(1, 0, 1).status()
        assert await generator.reconcile() == 0

        timestamp = now()
        await store.create(
            ResourceObject("DataplaneInsight", "web-1", "default", {}, {"subscriptions": [CONNECTED]},
                           None, timestamp, timestamp)
        )  # fmt: skip
        assert await generator.reconcile() == 1
        counted = await store.get("Workload", "default", "web")
        assert counted is not None and counted.status == ProxyCounts(1, 1, 1).status()

        await store.delete("Dataplane", "default", "web-1")
        assert await generator.reconcile() == 1
        assert await store.get("Workload", "default", "web") is None
    finally:
        await store.close()


async def test_the_component_follows_changes_while_leading(tmp_path: Path) -> None:
    store = await _store(tmp_path)
    generator = WorkloadGenerator(store, interval=60)
    try:
        await generator.start()
        await store.create(member("web-1"))

        async def appears() -> ResourceObject:
            while (found := await store.get("Workload", "default", "web")) is None:
                await asyncio.sleep(0.02)
            return found

        created = await asyncio.wait_for(appears(), 10)
        assert created.labels[MANAGED_BY_LABEL] == MANAGED_BY

        await store.delete("Dataplane", "default", "web-1")

        async def gone() -> None:
            while await store.get("Workload", "default", "web") is not None:
                await asyncio.sleep(0.02)

        await asyncio.wait_for(gone(), 10)
    finally:
        await generator.stop()
        await store.close()
