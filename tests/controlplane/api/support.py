"""Helpers for API tests: a ``pulumi-kuma cp run`` subprocess, PostgreSQL databases, preloading."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import psycopg
import yaml
from psycopg import sql

from pulumi_kuma.controlplane.store.base import AlreadyExists, NotFound, Store
from pulumi_kuma.controlplane.store.factory import open_store
from pulumi_kuma.model.envelope import ResourceObject, now, split_document
from pulumi_kuma.model.validation import ingest_spec
from pulumi_kuma.registry import REGISTRY

REPO = Path(__file__).resolve().parents[3]
PG_SERVER = os.environ.get("PULUMI_KUMA_TEST_PG", "postgresql://postgres@127.0.0.1:5432")
PG_MAINTENANCE_DB = "test"
_READY = re.compile(r"control plane ready: API at (http://\S+)")


@contextlib.contextmanager
def pg_database(prefix: str = "pk_api") -> Iterator[str]:
    """A fresh, uniquely named PostgreSQL database (its URL), dropped afterwards."""
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{PG_SERVER}/{PG_MAINTENANCE_DB}", autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield f"{PG_SERVER}/{name}"
    finally:
        with psycopg.connect(f"{PG_SERVER}/{PG_MAINTENANCE_DB}", autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def free_port() -> int:
    """A port that was free a moment ago (for tests that need to know it in advance)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ControlPlaneProcess:
    """``python -m pulumi_kuma cp run`` on a free port; ``url`` once it logged that it is ready."""

    def __init__(self, store_url: str, *extra: str, ready_timeout: float = 60.0) -> None:
        self.args = [
            sys.executable,
            "-m",
            "pulumi_kuma",
            "cp",
            "run",
            "--api-port",
            "0",
            "--xds-port",
            "0",
            "--store",
            store_url,
            # Kuma's API scenarios start from an empty store; tests that want Kuma's default mesh
            # start cp run themselves.
            "--skip-default-mesh",
            *extra,
        ]
        self.ready_timeout = ready_timeout
        self.process: subprocess.Popen[str] | None = None
        self.url = ""
        self.log_lines: list[str] = []
        self._reader: threading.Thread | None = None

    @property
    def address(self) -> str:
        """``host:port`` (what Kuma's goldens call ``{{address}}``)."""
        return self.url.removeprefix("http://")

    def start(self) -> ControlPlaneProcess:
        self.process = subprocess.Popen(
            self.args,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        ready = threading.Event()
        assert self.process.stderr is not None
        stream = self.process.stderr

        def read() -> None:
            for line in stream:
                self.log_lines.append(line.rstrip("\n"))
                match = _READY.search(line)
                if match and not ready.is_set():
                    self.url = match.group(1)
                    ready.set()
            ready.set()

        self._reader = threading.Thread(target=read, daemon=True)
        self._reader.start()
        if not ready.wait(self.ready_timeout) or not self.url:
            self.kill()
            raise RuntimeError("control plane did not become ready:\n" + "\n".join(self.log_lines))
        return self

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30.0) -> int:
        """Send ``sig`` and wait; the exit code."""
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(sig)
        code = self.process.wait(timeout)
        if self._reader is not None:
            self._reader.join(timeout)
        return code

    def kill(self) -> None:
        """SIGKILL (a crash), and wait."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def client(self, **kwargs: Any) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30, **kwargs)

    def __enter__(self) -> ControlPlaneProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            try:
                self.stop()
            except subprocess.TimeoutExpired:
                self.kill()


def wait_until(predicate: Any, timeout: float = 10.0, interval: float = 0.05) -> bool:
    """Poll ``predicate`` until it is true or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return bool(predicate())


def stored_object(doc: dict[str, Any]) -> ResourceObject | None:
    """What Kuma's test loader stores for a universal YAML document: the spec with its schema
    defaults, the status and labels as given, no computed labels. None for an unknown kind."""
    kind = REGISTRY.get(doc.get("type", ""))
    if kind is None:
        return None
    spec = ingest_spec(kind, split_document(kind, doc), mode="rest").spec
    status = doc.get("status") if kind.has_status else None
    timestamp = now()
    return ResourceObject(
        type=kind.name,
        name=doc["name"],
        mesh=doc.get("mesh") if kind.mesh_scoped else None,
        labels=dict(doc.get("labels") or {}),
        spec=spec,
        status=status,
        creation_time=timestamp,
        modification_time=timestamp,
    )


async def preload(store: Store, yaml_text: str) -> list[str]:
    """Store every document of ``yaml_text``; returns the types that are not registered kinds."""
    skipped = []
    for doc in yaml.safe_load_all(yaml_text):
        if not doc:
            continue
        obj = stored_object(doc)
        if obj is None:
            skipped.append(str(doc.get("type")))
            continue
        try:
            await store.create(obj)
        except AlreadyExists:
            current = await store.get(obj.type, obj.mesh or "", obj.name)
            assert current is not None
            await store.update(obj, current.version)
    return skipped


async def clear(store: Store) -> None:
    """Delete every row (Meshes last is not needed: deleting a Mesh cascades)."""
    for obj in await store.list():
        with contextlib.suppress(NotFound):  # a Mesh deleted before took it along
            await store.delete(obj.type, obj.mesh or "", obj.name)


async def preload_url(url: str, yaml_text: str, *, clear_first: bool = False) -> list[str]:
    """:func:`preload` into the store at ``url`` (opened and closed here)."""
    store = await open_store(url)
    try:
        if clear_first:
            await clear(store)
        return await preload(store, yaml_text)
    finally:
        await store.close()
