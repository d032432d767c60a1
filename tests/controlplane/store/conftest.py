"""Fixtures for the store tests: a backend per test (an SQLite file, or a PostgreSQL database of its own)."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from pulumi_kuma.controlplane.store.base import Store
from pulumi_kuma.controlplane.store.factory import store_from_url

# The server every PostgreSQL test creates its own database on (trust auth, user postgres).
PG_SERVER = os.environ.get("PULUMI_KUMA_TEST_PG", "postgresql://postgres@127.0.0.1:5432")
PG_MAINTENANCE_DB = "test"


@dataclass
class Backend:
    """One test's storage: ``url`` opens it, ``new_store`` builds another (unstarted) store on it."""

    name: str
    url: str

    def new_store(self) -> Store:
        return store_from_url(self.url)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, uniquely named PostgreSQL database, dropped after the test."""
    name = f"pk_store_{os.getpid()}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{PG_SERVER}/{PG_MAINTENANCE_DB}", autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield f"{PG_SERVER}/{name}"
    finally:
        with psycopg.connect(f"{PG_SERVER}/{PG_MAINTENANCE_DB}", autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite://{tmp_path / 'store.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.slow)])
def backend(request: pytest.FixtureRequest) -> Backend:
    """Each backend in turn (the PostgreSQL one is slow: it creates a database)."""
    if request.param == "sqlite":
        return Backend("sqlite", request.getfixturevalue("sqlite_url"))
    return Backend("postgres", request.getfixturevalue("pg_url"))


@pytest.fixture
async def store(backend: Backend) -> AsyncIterator[Store]:
    """A started store on the test's backend, closed afterwards."""
    opened = backend.new_store()
    await opened.start()
    try:
        yield opened
    finally:
        await opened.close()
