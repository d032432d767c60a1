"""open_store / store_from_url: which URLs open which backend, and the errors for the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from pulumi_kuma.controlplane.store import StoreError
from pulumi_kuma.controlplane.store.factory import open_store, redact_url, store_from_url
from pulumi_kuma.controlplane.store.sqlite import SqliteStore


def test_sqlite_url_with_absolute_path(tmp_path: Path) -> None:
    store = store_from_url(f"sqlite://{tmp_path}/cp.db")

    assert isinstance(store, SqliteStore)
    assert store.path == tmp_path / "cp.db"
    assert store.synchronous == "NORMAL"


def test_sqlite_url_with_relative_path_and_synchronous_option() -> None:
    store = store_from_url("sqlite:data/cp.db?synchronous=full")

    assert isinstance(store, SqliteStore)
    assert store.path == Path("data/cp.db")
    assert store.synchronous == "FULL"


async def test_open_store_starts_it(tmp_path: Path) -> None:
    store = await open_store(f"sqlite://{tmp_path}/cp.db")
    try:
        assert await store.list() == []
    finally:
        await store.close()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "mysql://root@localhost/kuma",
            "store URL scheme 'mysql' in 'mysql://root@localhost/kuma' is not supported",
        ),
        ("/var/lib/kuma.db", "has no scheme"),
        ("sqlite://host/cp.db", "names a host ('host')"),
        ("sqlite:///", "names no file"),
        ("sqlite:///tmp/cp.db?journal=delete", "unknown option(s) journal"),
        (
            "sqlite:///tmp/cp.db?synchronous=off",
            "synchronous mode 'off' is not supported; use one of NORMAL, FULL",
        ),
    ],
)
def test_unusable_urls_say_what_is_wrong(url: str, message: str) -> None:
    with pytest.raises(StoreError) as raised:
        store_from_url(url)

    assert message in str(raised.value)
    assert "sqlite:///path/to/file.db" in str(raised.value) or "synchronous" in str(raised.value)


def test_errors_do_not_show_passwords() -> None:
    with pytest.raises(StoreError) as raised:
        store_from_url("mysql://kuma:s3cret@db:3306/kuma")

    assert "s3cret" not in str(raised.value)
    assert redact_url("postgresql://kuma:s3cret@db:5432/kuma") == "postgresql://kuma:***@db:5432/kuma"


async def test_a_second_process_cannot_open_an_sqlite_file_in_use(tmp_path: Path) -> None:
    import subprocess
    import sys

    store = await open_store(f"sqlite://{tmp_path}/cp.db")
    try:
        probe = subprocess.run(
            [
                sys.executable,
                "-c",
                "import asyncio,sys; from pulumi_kuma.controlplane.store.factory import open_store; "
                "asyncio.run(open_store(sys.argv[1]))",
                f"sqlite://{tmp_path}/cp.db",
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        await store.close()

    assert probe.returncode != 0
    assert "is in use by another process" in probe.stderr


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_postgresql_url_opens_the_postgres_store(scheme: str) -> None:
    from pulumi_kuma.controlplane.store.postgres import PostgresStore

    store = store_from_url(f"{scheme}://kuma@db.internal:5433/kuma?sslmode=require")

    assert isinstance(store, PostgresStore)
    assert store.conninfo == f"{scheme}://kuma@db.internal:5433/kuma?sslmode=require"


def test_a_malformed_postgresql_url_is_rejected_without_its_password() -> None:
    with pytest.raises(StoreError) as raised:
        store_from_url("postgresql://kuma:s3cret@db/kuma?pool=3")

    message = str(raised.value)
    assert "PostgreSQL store URL 'postgresql://kuma:***@db/kuma?pool=3' is not valid" in message
    assert 'invalid URI query parameter: "pool"' in message
    assert "s3cret" not in message
