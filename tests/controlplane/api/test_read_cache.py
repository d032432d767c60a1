"""Cached ``GET`` answers: the same bytes as the handlers', never older than the store, and only for
requests whose answer cannot depend on who asks."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import timedelta

import httpx
import pytest

from pulumi_kuma.controlplane.api.app import build_app
from pulumi_kuma.controlplane.api.cache import Rendered, ResponseCache
from pulumi_kuma.controlplane.api.context import ApiContext
from pulumi_kuma.controlplane.api.resources import ResourceEndpoints
from pulumi_kuma.controlplane.store.base import ChangeAction, ChangeEvent, Store
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.registry import REGISTRY
from tests.controlplane.api.conftest import BASE, LOCAL, REMOTE, Api, timeout_policy

ITEM = "/meshes/default/meshtimeouts/t1"


class Served:
    """A client of a fresh app that counts the requests its GET handler answered."""

    def __init__(self, api: Api, monkeypatch: pytest.MonkeyPatch, store: Store | None = None) -> None:
        self.handled = 0
        original = ResourceEndpoints.get

        async def counting(endpoints: ResourceEndpoints, *args: object) -> object:
            self.handled += 1
            return await original(endpoints, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(ResourceEndpoints, "get", counting)
        self.ctx = ApiContext(store=store or api.store, registry=REGISTRY, tokens=api.tokens)
        self.app = build_app(self.ctx)

    def client(self, peer: tuple[str, int] = LOCAL, token: str | None = None) -> httpx.AsyncClient:
        headers = {"authorization": f"Bearer {token}"} if token else {}
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app, client=peer), base_url=BASE, headers=headers
        )


@pytest.fixture
async def served(api: Api, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Served]:
    async with api.client() as setup:
        assert (
            await setup.put("/meshes/default", json={"type": "Mesh", "name": "default"})
        ).status_code == 201
        assert (await setup.put(ITEM, json=timeout_policy("t1"))).status_code == 201
    yield Served(api, monkeypatch)


async def test_a_repeated_get_is_answered_from_the_cache_with_the_same_bytes(served: Served) -> None:
    async with served.client() as client:
        first = await client.get(ITEM)
        second = await client.get(ITEM)
        mesh_first = await client.get("/meshes/default")
        mesh_second = await client.get("/meshes/default")

    assert served.handled == 2  # the first read of each; the second ones took the shortcut
    for a, b in [(first, second), (mesh_first, mesh_second)]:
        assert a.status_code == b.status_code == 200
        assert a.content == b.content
        assert a.headers.raw == b.headers.raw
    assert [name for name, _ in first.headers.raw] == [b"etag", b"content-length", b"content-type"]
    assert first.headers["etag"] == '"1"' and first.headers["content-type"] == "application/json"


async def test_writes_through_the_api_or_the_store_show_in_the_next_get(api: Api, served: Served) -> None:
    async with served.client() as client:
        assert (await client.get(ITEM)).json()["spec"]["to"][0]["default"]["idleTimeout"] == "10s"
        assert (await client.put(ITEM, json=timeout_policy("t1", idle="11s"))).status_code == 200
        updated = await client.get(ITEM)
        assert updated.headers["etag"] == '"2"'
        assert updated.json()["spec"]["to"][0]["default"]["idleTimeout"] == "11s"

        stored = await api.store.get("MeshTimeout", "default", "t1")
        assert stored is not None
        await api.store.update(stored.evolve(labels={**stored.labels, "team": "b"}), stored.version)
        direct = await client.get(ITEM)
        assert direct.headers["etag"] == '"3"' and direct.json()["labels"]["team"] == "b"

        assert (await client.delete(ITEM)).status_code == 200
        assert (await client.get(ITEM)).status_code == 404
        assert (await client.put(ITEM, json=timeout_policy("t1", idle="12s"))).status_code == 201
        again = await client.get(ITEM)
        assert again.headers["etag"] == '"1"'
        assert again.json()["spec"]["to"][0]["default"]["idleTimeout"] == "12s"


async def test_deleting_the_mesh_drops_what_was_cached_in_it(served: Served) -> None:
    async with served.client() as client:
        assert (await client.get(ITEM)).status_code == 200
        assert (await client.delete("/meshes/default")).status_code == 200
        gone = await client.get(ITEM)
        assert gone.status_code == 404
        assert gone.json()["title"] == "Failed to retrieve Mesh"
        assert (await client.get("/meshes/default")).status_code == 404


async def test_the_shortcut_leaves_auth_queries_and_admin_only_kinds_to_the_handlers(
    api: Api, served: Served
) -> None:
    secret = {"type": "Secret", "mesh": "default", "name": "s1", "data": "dGVzdAo="}
    async with served.client() as admin:
        assert (await admin.put("/meshes/default/secrets/s1", json=secret)).status_code == 201
        assert (await admin.get("/meshes/default/secrets/s1")).status_code == 200
        assert (await admin.get(ITEM)).status_code == 200
        # Cached now; each of these must still get the handlers' answer.
        assert (await admin.get(ITEM, params={"format": "k8s"})).status_code == 400
        assert (await admin.get("/meshes/default/secrets/s1")).status_code == 200
    handled = served.handled
    async with served.client(peer=REMOTE) as anonymous:
        denied = await anonymous.get("/meshes/default/secrets/s1")
        assert denied.status_code == 403
        assert (await anonymous.get(ITEM)).status_code == 200
    async with served.client(peer=REMOTE, token="garbage") as bad_token:
        assert (await bad_token.get(ITEM)).status_code == 401
    alice = await api.tokens.issue("alice", ["dev"], timedelta(hours=1))
    async with served.client(peer=REMOTE, token=alice) as user:
        assert (await user.get(ITEM)).status_code == 200
        assert (await user.get("/meshes/default/secrets/s1")).status_code == 403
    # Only the anonymous read of the policy took the shortcut.
    assert served.handled == handled + 4


async def test_a_mesh_not_seen_lately_is_checked_again(
    served: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with served.client() as client:
        assert (await client.get(ITEM)).status_code == 200
        assert (await client.get(ITEM)).status_code == 200
        assert served.handled == 1
        now = [1e9]
        monkeypatch.setattr("pulumi_kuma.controlplane.api.resources.time.monotonic", lambda: now[0])
        assert (await client.get(ITEM)).status_code == 200  # the mesh is checked in the store again
        assert (await client.get(ITEM)).status_code == 200
        assert served.handled == 2


async def test_a_read_that_a_write_overtakes_is_not_cached(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _PausingStore(api.store)
    served = Served(api, monkeypatch, store)
    async with served.client() as client:
        assert (
            await client.put("/meshes/default", json={"type": "Mesh", "name": "default"})
        ).status_code == 201
        assert (await client.put(ITEM, json=timeout_policy("t1"))).status_code == 201
        assert (await client.get("/meshes/default")).status_code == 200  # the mesh is known

        store.pause = asyncio.Event()
        reading = asyncio.create_task(client.get(ITEM))
        await store.reading.wait()
        stored = await api.store.get("MeshTimeout", "default", "t1")
        assert stored is not None
        await api.store.update(stored.evolve(labels={**stored.labels, "team": "b"}), stored.version)
        store.pause.set()
        assert (await reading).headers["etag"] == '"1"'  # read before the write, answered as read

        store.pause = None
        after = await client.get(ITEM)
        assert after.headers["etag"] == '"2"' and after.json()["labels"]["team"] == "b"


class _PausingStore:
    """Delegates to a store; while ``pause`` is set, a get reads the row and then waits for it."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.pause: asyncio.Event | None = None
        self.reading = asyncio.Event()

    def add_commit_listener(self, listener: Callable[[ChangeEvent], None]) -> Callable[[], None] | None:
        return self._store.add_commit_listener(listener)

    async def get(self, type: str, mesh: str, name: str) -> ResourceObject | None:
        obj = await self._store.get(type, mesh, name)
        if self.pause is not None and type != "Mesh":
            self.reading.set()
            await self.pause.wait()
        return obj

    def __getattr__(self, name: str) -> object:
        return getattr(self._store, name)


def test_the_cache_keeps_a_fill_only_when_no_write_came_between() -> None:
    cache = ResponseCache()
    cache._remove_listener = lambda: None  # as if a store listened
    key = ("MeshTimeout", "default", "t1")
    mark = cache.mark()
    cache.forget(ChangeEvent(ChangeAction.UPDATE, "MeshTimeout", "other", "x", 2))
    cache.put(key, Rendered(b"{}", 1), mark)
    assert cache.get(key) is None
    cache.put(key, Rendered(b"{}", 2), cache.mark())
    assert cache.get(key) is not None
    cache.forget(ChangeEvent(ChangeAction.DELETE, *key, 2))
    assert cache.get(key) is None


def test_the_cache_drops_the_oldest_entries_beyond_its_size() -> None:
    cache = ResponseCache(max_bytes=10)
    cache._remove_listener = lambda: None
    for name in "abc":
        cache.put(("Mesh", "", name), Rendered(b"1234", 1), cache.mark())
    assert [cache.get(("Mesh", "", name)) is not None for name in "abc"] == [False, True, True]
    cache.put(("Mesh", "", "big"), Rendered(b"x" * 11, 1), cache.mark())
    assert cache.get(("Mesh", "", "big")) is None and len(cache) == 2
    cache.close()
    assert len(cache) == 0


def test_no_cache_in_front_of_a_store_shared_with_other_writers() -> None:
    class Shared:
        def add_commit_listener(self, listener: object) -> None:
            return None

    assert ResponseCache.for_store(Shared()) is None  # type: ignore[arg-type]
