"""PostgreSQL with several replicas on one database: events, concurrency, leadership, reconnects, migrations."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import psycopg
import pytest

from pulumi_kuma.controlplane.store import (
    AlreadyExists,
    ChangeAction,
    ChangeEvent,
    ChangeSubscription,
    Conflict,
    StoreError,
    Unavailable,
    postgres,
)
from pulumi_kuma.controlplane.store.factory import store_from_url
from pulumi_kuma.controlplane.store.postgres import LATEST_SCHEMA, PostgresStore
from pulumi_kuma.model.envelope import ResourceObject

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[3]
# The task's bounds: another replica sees a change within 1 s and takes over leadership within 10 s.
REPLICA_EVENT_BOUND = 1.0
TAKEOVER_BOUND = 10.0

OpenReplicas = Callable[[int], Awaitable[list[PostgresStore]]]


@pytest.fixture
async def open_replicas(pg_url: str) -> AsyncIterator[OpenReplicas]:
    """Start ``n`` stores (replicas) on the test's database; all are closed afterwards."""
    opened: list[PostgresStore] = []

    async def start(count: int) -> list[PostgresStore]:
        stores = [PostgresStore(pg_url) for _ in range(count)]
        await asyncio.gather(*(store.start() for store in stores))
        opened.extend(stores)
        return stores

    yield start
    for store in opened:
        await store.close()


def resource(name: str, spec: dict[str, object] | None = None) -> ResourceObject:
    return ResourceObject(type="MeshTimeout", mesh="default", name=name, spec=spec or {})


async def wait_until(condition: Callable[[], Awaitable[bool]], timeout: float) -> float:
    """Poll ``condition`` until it holds; returns the seconds it took (fails after ``timeout``)."""
    started = time.monotonic()
    while not await condition():
        if time.monotonic() - started > timeout:
            pytest.fail(f"condition not met within {timeout} s")
        await asyncio.sleep(0.05)
    return time.monotonic() - started


async def drain_until(subscription: ChangeSubscription, wanted: set[ChangeEvent], timeout: float) -> None:
    """Read events until every one of ``wanted`` has been seen."""
    missing = set(wanted)

    async def read() -> None:
        while missing:
            missing.discard(await anext(subscription))

    try:
        await asyncio.wait_for(read(), timeout)
    except TimeoutError:
        pytest.fail(f"events not received within {timeout} s: {sorted(map(str, missing))}")


# -- replicas see each other's writes -----------------------------------------------------------


async def test_a_write_on_one_replica_is_read_and_announced_on_the_other(open_replicas: OpenReplicas) -> None:
    writer, reader = await open_replicas(2)
    subscription, back = reader.changes(), writer.changes()

    started = time.monotonic()
    await writer.create(resource("t", {"a": 1}))
    received = await asyncio.wait_for(anext(subscription), REPLICA_EVENT_BOUND)
    elapsed = time.monotonic() - started

    assert received == ChangeEvent(ChangeAction.CREATE, "MeshTimeout", "default", "t", 1)
    assert elapsed < REPLICA_EVENT_BOUND
    got = await reader.get("MeshTimeout", "default", "t")
    assert got is not None and got.spec == {"a": 1}

    await reader.update(got.evolve(spec={"a": 2}), expected_version=1)
    await reader.delete("MeshTimeout", "default", "t")
    assert [await asyncio.wait_for(anext(back), REPLICA_EVENT_BOUND) for _ in range(3)] == [
        received,
        ChangeEvent(ChangeAction.UPDATE, "MeshTimeout", "default", "t", 2),
        ChangeEvent(ChangeAction.DELETE, "MeshTimeout", "default", "t", 2),
    ]


async def test_writes_on_both_replicas_reach_both_in_the_same_order(open_replicas: OpenReplicas) -> None:
    first, second = await open_replicas(2)
    on_first, on_second = first.changes(), second.changes()

    for i in range(10):
        await (first if i % 2 else second).create(resource(f"r{i}"))

    seen_first = [await asyncio.wait_for(anext(on_first), 5) for _ in range(10)]
    seen_second = [await asyncio.wait_for(anext(on_second), 5) for _ in range(10)]
    assert seen_first == seen_second
    assert [e.name for e in seen_first] == [f"r{i}" for i in range(10)]


# -- optimistic concurrency ----------------------------------------------------------------------


async def test_twenty_concurrent_writers_lose_no_update(open_replicas: OpenReplicas) -> None:
    replicas = await open_replicas(2)
    await replicas[0].create(resource("shared", {"appended": []}))
    appends_per_writer = 5
    acknowledged: list[str] = []
    conflicts = 0

    async def writer(index: int) -> None:
        nonlocal conflicts
        store = replicas[index % 2]
        for n in range(appends_per_writer):
            entry = f"w{index}-{n}"
            while True:
                current = await store.get("MeshTimeout", "default", "shared")
                assert current is not None
                spec = {"appended": [*current.spec["appended"], entry]}
                try:
                    await store.update(current.evolve(spec=spec), expected_version=current.version)
                except Conflict:
                    conflicts += 1
                    continue
                acknowledged.append(entry)
                break

    await asyncio.gather(*(writer(i) for i in range(20)))

    final = await replicas[1].get("MeshTimeout", "default", "shared")
    assert final is not None
    assert len(acknowledged) == 20 * appends_per_writer
    assert sorted(final.spec["appended"]) == sorted(acknowledged)
    assert len(set(final.spec["appended"])) == len(final.spec["appended"])
    assert final.version == 1 + len(acknowledged)
    # The writers really raced: some read-modify-writes hit a newer version and retried.
    assert conflicts > 0


async def test_a_write_blocked_on_a_locked_row_rechecks_the_version(
    pg_url: str, open_replicas: OpenReplicas
) -> None:
    first, second = await open_replicas(2)
    created = await first.create(resource("t", {"v": 0}))
    # Hold the row lock so both updates wait on it; when it is released the first to get the row
    # updates it, and the other must see the new version instead of overwriting it.
    async with await psycopg.AsyncConnection.connect(pg_url) as blocker:
        await blocker.execute(
            "UPDATE pulumi_kuma.resources SET spec = spec WHERE type = 'MeshTimeout' AND name = 't'"
        )
        attempts = [
            asyncio.ensure_future(store.update(created.evolve(spec={"v": i}), expected_version=1))
            for i, store in ((1, first), (2, second))
        ]
        await asyncio.sleep(0.3)
        assert not any(attempt.done() for attempt in attempts)
        await blocker.commit()
    outcomes = await asyncio.gather(*attempts, return_exceptions=True)

    winners = [o for o in outcomes if isinstance(o, ResourceObject)]
    assert len(winners) == 1 and sum(isinstance(o, Conflict) for o in outcomes) == 1
    stored = await first.get("MeshTimeout", "default", "t")
    assert stored is not None and stored.version == 2 and stored.spec == winners[0].spec


async def test_concurrent_creates_of_one_key_make_one_resource(open_replicas: OpenReplicas) -> None:
    replicas = await open_replicas(2)

    outcomes = await asyncio.gather(
        *(replicas[i % 2].create(resource("t", {"by": i})) for i in range(8)), return_exceptions=True
    )

    assert sum(isinstance(o, ResourceObject) for o in outcomes) == 1
    assert sum(isinstance(o, AlreadyExists) for o in outcomes) == 7


# -- leadership ----------------------------------------------------------------------------------


async def test_exactly_one_replica_leads_and_another_takes_over_when_it_closes(
    open_replicas: OpenReplicas,
) -> None:
    replicas = await open_replicas(3)
    states: dict[int, list[bool]] = {i: [] for i in range(3)}
    for i, store in enumerate(replicas):
        store.add_leadership_callback(states[i].append)

    leaders = [i for i, store in enumerate(replicas) if await store.is_leader()]
    assert len(leaders) == 1
    await asyncio.sleep(2.5)  # a few heartbeats: still exactly one
    assert [i for i, store in enumerate(replicas) if await store.is_leader()] == leaders

    old = leaders[0]
    await replicas[old].close()
    assert states[old][-1] is False
    others = [store for i, store in enumerate(replicas) if i != old]

    async def one_leader() -> bool:
        return sum([await s.is_leader() for s in others]) == 1

    await wait_until(one_leader, TAKEOVER_BOUND)
    (new,) = [i for i, store in enumerate(replicas) if i != old and await store.is_leader()]
    assert states[new] == [False, True]


async def test_when_the_leader_process_is_killed_another_replica_takes_over(
    pg_url: str, open_replicas: OpenReplicas
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-m", "tests.controlplane.store.leader_holder", pg_url],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "leader"
        (replica,) = await open_replicas(1)
        changes: list[bool] = []
        replica.add_leadership_callback(changes.append)
        assert changes == [False]

        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=10)
        took = await wait_until(replica.is_leader, TAKEOVER_BOUND)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()

    assert changes == [False, True]
    assert took < TAKEOVER_BOUND


# -- dropped connections -------------------------------------------------------------------------


async def _terminate_connections(pg_url: str) -> int:
    """Terminate every other server session on the test database; returns how many."""
    async with await psycopg.AsyncConnection.connect(pg_url, autocommit=True) as admin:
        query = (
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        cursor = await admin.execute(query)
        row = await cursor.fetchone()
        assert row is not None
        return int(row[0])


async def test_replicas_recover_after_every_connection_is_dropped(
    pg_url: str,
    open_replicas: OpenReplicas,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.INFO, logger="pulumi_kuma.controlplane.store.postgres")
    # Listeners wait this long before reconnecting: time for the writes below to land unheard.
    monkeypatch.setattr(postgres, "RECONNECT_DELAY", 3.0)
    writer, watcher = await open_replicas(2)
    subscription = watcher.changes()
    for name in ("kept", "changed", "removed"):
        await writer.create(resource(name))
    await drain_until(
        subscription,
        {
            ChangeEvent(ChangeAction.CREATE, "MeshTimeout", "default", n, 1)
            for n in ("kept", "changed", "removed")
        },
        5,
    )

    assert await _terminate_connections(pg_url) >= 6  # pools, listeners and leader sessions
    # Written at once, while the watcher's listener is reconnecting: NOTIFY cannot deliver these.
    changed = await writer.get("MeshTimeout", "default", "changed")
    assert changed is not None
    await writer.update(changed.evolve(spec={"x": 1}), expected_version=1)
    await writer.delete("MeshTimeout", "default", "removed")
    await writer.create(resource("added"))

    await drain_until(
        subscription,
        {
            ChangeEvent(ChangeAction.UPDATE, "MeshTimeout", "default", "changed", 2),
            ChangeEvent(ChangeAction.DELETE, "MeshTimeout", "default", "removed", 1),
            ChangeEvent(ChangeAction.CREATE, "MeshTimeout", "default", "added", 1),
        },
        10,
    )
    assert any("made while the listener was disconnected" in r.getMessage() for r in caplog.records)
    # Reads and writes work on both, and exactly one replica leads again.
    assert [o.name for o in await watcher.list("MeshTimeout")] == ["added", "changed", "kept"]
    await watcher.create(resource("after"))

    async def one_leader() -> bool:
        return sum([await writer.is_leader(), await watcher.is_leader()]) == 1

    await wait_until(one_leader, TAKEOVER_BOUND)
    # New writes are announced live again.
    await writer.create(resource("live"))
    await drain_until(
        subscription, {ChangeEvent(ChangeAction.CREATE, "MeshTimeout", "default", "live", 1)}, 5
    )


async def test_an_unreachable_database_is_a_clear_error() -> None:
    store = store_from_url("postgresql://postgres@127.0.0.1:1/nothing")

    with pytest.raises(Unavailable) as raised:
        await store.start()

    assert "cannot connect to PostgreSQL at postgresql://postgres@127.0.0.1:1/nothing" in str(raised.value)


# -- migrations ----------------------------------------------------------------------------------


async def test_replicas_starting_together_migrate_once(pg_url: str, open_replicas: OpenReplicas) -> None:
    await open_replicas(4)
    await open_replicas(1)  # a later start finds everything applied

    async with await psycopg.AsyncConnection.connect(pg_url) as conn:
        cursor = await conn.execute("SELECT version FROM pulumi_kuma.migrations ORDER BY version")
        versions = [row[0] for row in await cursor.fetchall()]
    assert versions == list(range(1, LATEST_SCHEMA + 1))


async def test_a_schema_newer_than_the_program_is_refused(pg_url: str, open_replicas: OpenReplicas) -> None:
    await open_replicas(1)
    async with await psycopg.AsyncConnection.connect(pg_url, autocommit=True) as conn:
        await conn.execute(
            "INSERT INTO pulumi_kuma.migrations (version, description) VALUES (%s, 'from the future')",
            (LATEST_SCHEMA + 1,),
        )

    with pytest.raises(StoreError) as raised:
        await PostgresStore(pg_url).start()

    assert f"has schema version {LATEST_SCHEMA + 1}, newer than this program knows ({LATEST_SCHEMA})" in str(
        raised.value
    )
