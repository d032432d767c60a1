"""The Store contract, run against every backend: CRUD, versions, errors, lists, cascade, change events."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from pulumi_kuma.controlplane.store import (
    MESH_TYPE,
    AlreadyExists,
    ChangeAction,
    ChangeEvent,
    ChangeSubscription,
    Conflict,
    NotFound,
    Store,
)
from pulumi_kuma.model.envelope import ResourceObject
from tests.controlplane.store.conftest import Backend

# Change events travel through PostgreSQL's NOTIFY on that backend; give them time on a busy machine.
EVENT_TIMEOUT = 5.0

SPEC: dict[str, Any] = {
    "targetRef": {"kind": "Mesh"},
    "to": [
        {"targetRef": {"kind": "Mesh"}, "default": {"idleTimeout": "20s", "http": {"requestTimeout": "2s"}}}
    ],
}


def timeout(mesh: str, name: str, **fields: Any) -> ResourceObject:
    return ResourceObject(type="MeshTimeout", mesh=mesh, name=name, spec=dict(SPEC), **fields)


def mesh(name: str) -> ResourceObject:
    return ResourceObject(type=MESH_TYPE, mesh=None, name=name, spec={"mtls": {"enabledBackend": ""}})


async def next_event(subscription: ChangeSubscription) -> ChangeEvent:
    return await asyncio.wait_for(anext(subscription), EVENT_TIMEOUT)


async def events(subscription: ChangeSubscription, count: int) -> list[ChangeEvent]:
    return [await next_event(subscription) for _ in range(count)]


def event(action: ChangeAction, type: str, mesh: str, name: str, version: int) -> ChangeEvent:
    return ChangeEvent(action, type, mesh, name, version)


# -- create and get ---------------------------------------------------------------------------


async def test_create_stores_version_one_and_get_returns_it(store: Store) -> None:
    before = datetime.now(UTC) - timedelta(seconds=1)
    obj = timeout("default", "t1", labels={"team": "a", "kuma.io/origin": "zone"}, status={"x": 1})

    created = await store.create(obj)

    assert created.version == 1
    assert created.creation_time is not None and created.creation_time >= before
    assert created.modification_time == created.creation_time
    got = await store.get("MeshTimeout", "default", "t1")
    assert got is not None
    assert (got.type, got.mesh, got.name, got.version) == ("MeshTimeout", "default", "t1", 1)
    assert got.labels == {"team": "a", "kuma.io/origin": "zone"}
    assert got.spec == SPEC
    assert got.status == {"x": 1}
    assert got.creation_time == created.creation_time
    assert got.modification_time == created.modification_time


async def test_spec_key_order_survives_a_round_trip(store: Store) -> None:
    spec = {"z": 1, "a": {"y": [3, 2, {"c": None, "b": True}], "x": "é"}, "m": 1.5}
    await store.create(ResourceObject(type="MeshTimeout", mesh="default", name="t", spec=spec))

    got = await store.get("MeshTimeout", "default", "t")

    assert got is not None
    assert list(got.spec) == ["z", "a", "m"]
    assert list(got.spec["a"]) == ["y", "x"]
    assert got.spec == spec


async def test_explicit_creation_time_is_kept(store: Store) -> None:
    when = datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=UTC)
    await store.create(timeout("default", "t", creation_time=when))

    got = await store.get("MeshTimeout", "default", "t")

    assert got is not None and got.creation_time == when and got.modification_time == when


async def test_global_kind_uses_empty_mesh(store: Store) -> None:
    await store.create(mesh("default"))

    got = await store.get(MESH_TYPE, "", "default")

    assert got is not None and got.mesh is None and got.key == (MESH_TYPE, "", "default")


async def test_get_missing_returns_none(store: Store) -> None:
    await store.create(timeout("default", "t"))

    assert await store.get("MeshTimeout", "default", "other") is None
    assert await store.get("MeshTimeout", "other", "t") is None
    assert await store.get("MeshRetry", "default", "t") is None


async def test_create_existing_key_raises_already_exists(store: Store) -> None:
    await store.create(timeout("default", "t", labels={"v": "1"}))

    with pytest.raises(AlreadyExists):
        await store.create(timeout("default", "t", labels={"v": "2"}))

    got = await store.get("MeshTimeout", "default", "t")
    assert got is not None and got.labels == {"v": "1"} and got.version == 1


async def test_same_name_in_another_mesh_or_type_is_another_resource(store: Store) -> None:
    await store.create(timeout("a", "t"))
    await store.create(timeout("b", "t"))
    await store.create(ResourceObject(type="MeshRetry", mesh="a", name="t", spec={"r": 1}))

    assert len(await store.list()) == 3


# -- update and versions ------------------------------------------------------------------------


async def test_update_with_current_version_increments_it(store: Store) -> None:
    created = await store.create(timeout("default", "t", labels={"v": "1"}))
    await asyncio.sleep(0.002)

    updated = await store.update(
        created.evolve(labels={"v": "2"}, spec={"new": True}, status={"s": 2}), expected_version=1
    )

    assert updated.version == 2
    assert updated.creation_time == created.creation_time
    assert updated.modification_time is not None and created.modification_time is not None
    assert updated.modification_time > created.modification_time
    got = await store.get("MeshTimeout", "default", "t")
    assert got is not None
    assert (got.version, got.labels, got.spec, got.status) == (2, {"v": "2"}, {"new": True}, {"s": 2})
    assert got.creation_time == created.creation_time
    assert got.modification_time == updated.modification_time

    again = await store.update(got.evolve(spec={"third": 3}), expected_version=2)
    assert again.version == 3


async def test_update_with_stale_version_raises_conflict_and_changes_nothing(store: Store) -> None:
    created = await store.create(timeout("default", "t"))
    await store.update(created.evolve(spec={"first": 1}), expected_version=1)

    with pytest.raises(Conflict):
        await store.update(created.evolve(spec={"lost": 1}), expected_version=1)
    with pytest.raises(Conflict):
        await store.update(created.evolve(spec={"future": 1}), expected_version=3)

    got = await store.get("MeshTimeout", "default", "t")
    assert got is not None and got.version == 2 and got.spec == {"first": 1}


async def test_update_missing_raises_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        await store.update(timeout("default", "t"), expected_version=1)
    assert await store.get("MeshTimeout", "default", "t") is None


async def test_update_can_clear_status(store: Store) -> None:
    created = await store.create(timeout("default", "t", status={"s": 1}))

    await store.update(created.evolve(status=None), expected_version=1)

    got = await store.get("MeshTimeout", "default", "t")
    assert got is not None and got.status is None


# -- delete -------------------------------------------------------------------------------------


async def test_delete_removes_and_a_new_create_starts_at_version_one(store: Store) -> None:
    created = await store.create(timeout("default", "t"))
    await store.update(created, expected_version=1)

    await store.delete("MeshTimeout", "default", "t")

    assert await store.get("MeshTimeout", "default", "t") is None
    with pytest.raises(NotFound):
        await store.delete("MeshTimeout", "default", "t")
    recreated = await store.create(timeout("default", "t"))
    assert recreated.version == 1


async def test_delete_missing_raises_not_found(store: Store) -> None:
    await store.create(timeout("default", "t"))

    with pytest.raises(NotFound):
        await store.delete("MeshTimeout", "other", "t")
    with pytest.raises(NotFound):
        await store.delete(MESH_TYPE, "", "default")

    assert await store.get("MeshTimeout", "default", "t") is not None


async def test_deleting_a_mesh_deletes_everything_in_it_and_nothing_else(store: Store) -> None:
    for name in ("a", "b"):
        await store.create(mesh(name))
        await store.create(timeout(name, "t1"))
        await store.create(timeout(name, "t2"))
        await store.create(ResourceObject(type="Dataplane", mesh=name, name="dp", spec={"networking": {}}))
    await store.create(ResourceObject(type="GlobalSecret", mesh=None, name="a", spec={"data": "x"}))

    await store.delete(MESH_TYPE, "", "a")

    remaining = {obj.key for obj in await store.list()}
    assert remaining == {
        (MESH_TYPE, "", "b"),
        ("MeshTimeout", "b", "t1"),
        ("MeshTimeout", "b", "t2"),
        ("Dataplane", "b", "dp"),
        ("GlobalSecret", "", "a"),
    }


async def test_deleting_a_resource_named_like_a_mesh_does_not_cascade(store: Store) -> None:
    await store.create(mesh("a"))
    await store.create(timeout("a", "t"))
    await store.create(ResourceObject(type="GlobalSecret", mesh=None, name="a", spec={}))

    await store.delete("GlobalSecret", "", "a")

    assert await store.get("MeshTimeout", "a", "t") is not None
    assert await store.get(MESH_TYPE, "", "a") is not None


# -- list ---------------------------------------------------------------------------------------


async def _populate_for_listing(store: Store) -> None:
    for mesh_name, name in [("b", "x"), ("a", "y"), ("a", "x"), ("c", "a"), ("b", "z")]:
        await store.create(timeout(mesh_name, name))
    await store.create(ResourceObject(type="MeshRetry", mesh="a", name="m", spec={}))
    await store.create(mesh("b"))
    await store.create(mesh("a"))


async def test_list_orders_by_name_then_mesh(store: Store) -> None:
    await _populate_for_listing(store)

    listed = [(o.name, o.mesh) for o in await store.list("MeshTimeout")]

    assert listed == [("a", "c"), ("x", "a"), ("x", "b"), ("y", "a"), ("z", "b")]


async def test_list_filters_by_type_and_mesh(store: Store) -> None:
    await _populate_for_listing(store)

    in_a = [(o.type, o.name) for o in await store.list(mesh="a")]
    timeouts_in_b = [o.name for o in await store.list("MeshTimeout", "b")]
    meshes = [(o.name, o.mesh) for o in await store.list(MESH_TYPE)]
    everything = await store.list()

    assert in_a == [("MeshRetry", "m"), ("MeshTimeout", "x"), ("MeshTimeout", "y")]
    assert timeouts_in_b == ["x", "z"]
    assert meshes == [("a", None), ("b", None)]
    assert [(o.name, o.mesh or "") for o in everything] == sorted((o.name, o.mesh or "") for o in everything)
    assert len(everything) == 8
    assert await store.list("MeshTimeout", "nowhere") == []
    assert await store.list("Nothing") == []
    assert [o.name for o in await store.list(mesh="")] == ["a", "b"]


async def test_listed_objects_carry_their_versions(store: Store) -> None:
    created = await store.create(timeout("a", "t"))
    await store.update(created, expected_version=1)

    (listed,) = await store.list("MeshTimeout")

    assert listed.version == 2 and listed.spec == SPEC


# -- change events -------------------------------------------------------------------------------


async def test_writes_emit_change_events_in_order(store: Store) -> None:
    subscription = store.changes()
    assert isinstance(subscription, ChangeSubscription)

    created = await store.create(timeout("default", "t"))
    await store.update(created, expected_version=1)
    await store.create(mesh("m"))
    await store.delete("MeshTimeout", "default", "t")

    assert await events(subscription, 4) == [
        event(ChangeAction.CREATE, "MeshTimeout", "default", "t", 1),
        event(ChangeAction.UPDATE, "MeshTimeout", "default", "t", 2),
        event(ChangeAction.CREATE, MESH_TYPE, "", "m", 1),
        event(ChangeAction.DELETE, "MeshTimeout", "default", "t", 2),
    ]


async def test_failed_writes_emit_nothing(store: Store) -> None:
    subscription = store.changes()
    created = await store.create(timeout("default", "t"))
    assert (await next_event(subscription)).name == "t"

    with pytest.raises(AlreadyExists):
        await store.create(timeout("default", "t"))
    with pytest.raises(Conflict):
        await store.update(created, expected_version=7)
    with pytest.raises(NotFound):
        await store.delete("MeshTimeout", "default", "missing")
    await store.create(timeout("default", "marker"))

    # The marker is the first event: nothing was emitted for the failures before it.
    assert await next_event(subscription) == event(ChangeAction.CREATE, "MeshTimeout", "default", "marker", 1)


async def test_mesh_cascade_emits_a_delete_per_resource(store: Store) -> None:
    subscription = store.changes()
    await store.create(mesh("a"))
    await store.create(timeout("a", "t1"))
    created = await store.create(timeout("a", "t2"))
    await store.update(created, expected_version=1)
    await events(subscription, 4)

    await store.delete(MESH_TYPE, "", "a")

    received = await events(subscription, 3)
    assert sorted(received, key=lambda e: (e.type, e.name)) == [
        event(ChangeAction.DELETE, MESH_TYPE, "", "a", 1),
        event(ChangeAction.DELETE, "MeshTimeout", "a", "t1", 1),
        event(ChangeAction.DELETE, "MeshTimeout", "a", "t2", 2),
    ]


async def test_every_subscriber_gets_every_event(store: Store) -> None:
    first, second = store.changes(), store.changes()

    await store.create(timeout("default", "t"))

    expected = event(ChangeAction.CREATE, "MeshTimeout", "default", "t", 1)
    assert await next_event(first) == expected
    assert await next_event(second) == expected


async def test_closed_subscription_stops_receiving(store: Store) -> None:
    kept, closed = store.changes(), store.changes()
    assert isinstance(closed, ChangeSubscription)
    await closed.aclose()

    await store.create(timeout("default", "t"))

    assert (await next_event(kept)).name == "t"
    assert [e async for e in closed] == []


async def test_commit_listeners_hear_every_write_before_it_returns_or_are_not_offered(
    store: Store, backend: Backend
) -> None:
    heard: list[ChangeEvent] = []
    remove = store.add_commit_listener(heard.append)
    if backend.name == "postgres":
        # Other replicas write the same database: nothing hears their writes before they return.
        assert remove is None
        return
    assert remove is not None

    await store.create(mesh("a"))
    assert heard == [event(ChangeAction.CREATE, MESH_TYPE, "", "a", 1)]
    created = await store.create(timeout("a", "t1"))
    await store.update(created, expected_version=1)
    assert heard[-1] == event(ChangeAction.UPDATE, "MeshTimeout", "a", "t1", 2)
    with pytest.raises(Conflict):
        await store.update(created, expected_version=1)
    assert len(heard) == 3
    await store.delete(MESH_TYPE, "", "a")
    assert heard[3:] == [
        event(ChangeAction.DELETE, MESH_TYPE, "", "a", 1),
        event(ChangeAction.DELETE, "MeshTimeout", "a", "t1", 2),
    ]

    remove()
    await store.create(mesh("b"))
    assert len(heard) == 5


async def test_a_failing_commit_listener_keeps_the_others_and_the_subscribers(
    store: Store, backend: Backend
) -> None:
    def fail(event: ChangeEvent) -> None:
        raise RuntimeError("listener bug")

    heard: list[ChangeEvent] = []
    if store.add_commit_listener(fail) is None:
        # PostgreSQL offers none on purpose (other replicas write too; see the test above).
        assert backend.name == "postgres"
        return
    store.add_commit_listener(heard.append)
    subscription = store.changes()

    await store.create(mesh("a"))

    assert heard == [event(ChangeAction.CREATE, MESH_TYPE, "", "a", 1)]
    assert await next_event(subscription) == heard[0]


async def test_closing_the_store_ends_subscriptions(backend: Backend) -> None:
    opened = backend.new_store()
    await opened.start()
    subscription = opened.changes()
    waiting = asyncio.ensure_future(anext(subscription))
    await asyncio.sleep(0.05)

    await opened.close()

    with pytest.raises(StopAsyncIteration):
        await asyncio.wait_for(waiting, EVENT_TIMEOUT)


# -- persistence and leadership -------------------------------------------------------------------


async def test_data_survives_reopening(backend: Backend) -> None:
    first = backend.new_store()
    await first.start()
    created = await first.create(timeout("default", "t", labels={"k": "v"}))
    await first.update(created.evolve(spec={"kept": True}), expected_version=1)
    await first.close()

    second = backend.new_store()
    await second.start()
    try:
        got = await second.get("MeshTimeout", "default", "t")
        assert got is not None
        assert (got.version, got.labels, got.spec) == (2, {"k": "v"}, {"kept": True})
    finally:
        await second.close()


async def test_a_single_replica_becomes_leader(store: Store) -> None:
    states: list[bool] = []
    remove = store.add_leadership_callback(states.append)

    async def leading() -> None:
        while not await store.is_leader():
            await asyncio.sleep(0.05)

    await asyncio.wait_for(leading(), 15)
    assert states[-1] is True
    remove()
