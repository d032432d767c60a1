"""SQLite-only behaviour: WAL on disk, one owner per file, schema versions, unreadable files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pulumi_kuma.controlplane.store import StoreError
from pulumi_kuma.controlplane.store.sqlite import SqliteStore
from pulumi_kuma.model.envelope import ResourceObject


async def test_the_file_is_in_wal_mode_and_holds_one_row_per_resource(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "cp.db")
    await store.start()
    try:
        await store.create(
            ResourceObject(type="MeshTimeout", mesh="m", name="t", labels={"a": "b"}, spec={"x": 1})
        )
        raw = sqlite3.connect(tmp_path / "cp.db")
        try:
            assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            rows = raw.execute(
                "SELECT type, mesh, name, version, labels, spec, status FROM resources"
            ).fetchall()
        finally:
            raw.close()
    finally:
        await store.close()

    assert rows == [("MeshTimeout", "m", "t", 1, '{"a":"b"}', '{"x":1}', None)]


async def test_a_second_store_on_the_same_file_is_refused_until_the_first_closes(tmp_path: Path) -> None:
    first = SqliteStore(tmp_path / "cp.db")
    await first.start()
    try:
        with pytest.raises(StoreError, match="is in use by another process"):
            await SqliteStore(tmp_path / "cp.db").start()
    finally:
        await first.close()

    second = SqliteStore(tmp_path / "cp.db")
    await second.start()
    await second.close()


async def test_a_schema_newer_than_the_program_is_refused(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "cp.db")
    await store.start()
    await store.close()
    raw = sqlite3.connect(tmp_path / "cp.db")
    raw.execute("PRAGMA user_version = 99")
    raw.close()

    with pytest.raises(StoreError, match="schema version 99 is newer than this program knows"):
        await SqliteStore(tmp_path / "cp.db").start()
    # The failed start let go of the file.
    reopened = SqliteStore(tmp_path / "cp.db")
    with pytest.raises(StoreError, match="schema version 99"):
        await reopened.start()


async def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "cp.db").write_bytes(b"this is not an sqlite database, just some bytes" * 100)

    with pytest.raises(StoreError, match=r"cannot open sqlite store .*cp\.db: file is not a database"):
        await SqliteStore(tmp_path / "cp.db").start()


async def test_synchronous_full_stores_and_reads_back(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "cp.db", synchronous="full")
    await store.start()
    try:
        await store.create(ResourceObject(type="MeshTimeout", mesh="m", name="t"))
        assert [o.name for o in await store.list()] == ["t"]
    finally:
        await store.close()


async def test_using_a_store_before_start_says_so(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "cp.db")

    with pytest.raises(StoreError, match=r"not started \(call start\(\) first\)"):
        await store.get("MeshTimeout", "m", "t")
    with pytest.raises(StoreError, match="not started"):
        await store.list()


async def test_acknowledged_writes_are_committed_for_other_connections_at_once(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "cp.db")
    await store.start()
    raw = sqlite3.connect(tmp_path / "cp.db")

    def stored_version() -> int | None:
        row = raw.execute("SELECT version FROM resources WHERE name = 't'").fetchone()
        return None if row is None else int(row[0])

    try:
        created = await store.create(ResourceObject(type="MeshTimeout", mesh="m", name="t"))
        assert stored_version() == 1
        updated = await store.update(created, expected_version=1)
        assert stored_version() == 2
        await store.update(updated, expected_version=2)
        assert stored_version() == 3
        await store.delete("MeshTimeout", "m", "t")
        assert stored_version() is None
    finally:
        raw.close()
        await store.close()
