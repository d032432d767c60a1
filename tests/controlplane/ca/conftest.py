"""Fixtures for the identity tests: a started SQLite store per test, and a fresh PostgreSQL database."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from pulumi_kuma.controlplane.store.base import Store
from pulumi_kuma.controlplane.store.sqlite import SqliteStore

from .helpers import FakeClock

PG_SERVER = os.environ.get("PULUMI_KUMA_TEST_PG", "postgresql://postgres@127.0.0.1:5432")
PG_MAINTENANCE_DB = "test"


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    """A started SQLite store in the test's temporary directory."""
    opened = SqliteStore(tmp_path / "store.db")
    await opened.start()
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, uniquely named PostgreSQL database, dropped after the test."""
    name = f"pk_ca_{os.getpid()}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{PG_SERVER}/{PG_MAINTENANCE_DB}", autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield f"{PG_SERVER}/{name}"
    finally:
        with psycopg.connect(f"{PG_SERVER}/{PG_MAINTENANCE_DB}", autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
