"""Rendered ``GET`` answers of single resources, kept exact by the store's commit listener.

A resource's JSON is a pure function of the stored row and its kind, so the API can render it once
per version and answer later reads with the same bytes. That is only safe when the cache hears of
every write before the write returns: :meth:`Store.add_commit_listener` promises exactly that, and
only a store that owns its data offers it (SQLite). With replicas on PostgreSQL another replica's
write is visible to a read at once but reaches this process later, so no cache is made there and
every read goes to the database, as before.

A fill must not race a write: the listener counts writes, and an answer rendered from a read that
began before a write committed is dropped instead of stored (SQLite reads do not suspend, so in
practice every fill is kept; the check makes the cache exact whatever the store's reads do).
"""

from __future__ import annotations

from collections.abc import Callable

from pulumi_kuma.controlplane.api.context import json_bytes
from pulumi_kuma.controlplane.store.base import ChangeEvent, Store
from pulumi_kuma.model.envelope import ResourceObject, to_rest
from pulumi_kuma.model.registry import KindDescriptor

Key = tuple[str, str, str]
"""(type, mesh, name) as the store keys rows (global kinds: mesh ``""``)."""

MAX_BYTES = 32 * 1024 * 1024
"""Bodies kept at most; the oldest entries make room for new ones."""

_CONTENT_TYPE = (b"content-type", b"application/json")


class Rendered:
    """One resource's ``200`` answer: the JSON body and the headers Starlette would send with it."""

    __slots__ = ("body", "headers", "version")

    def __init__(self, body: bytes, version: int) -> None:
        self.body = body
        self.version = version
        # The order and spelling of starlette.responses.Response(body, headers={"etag": ...},
        # media_type="application/json"): etag, content-length, content-type.
        self.headers: tuple[tuple[bytes, bytes], ...] = (
            (b"etag", f'"{version}"'.encode("latin-1")),
            (b"content-length", str(len(body)).encode("latin-1")),
            _CONTENT_TYPE,
        )


def render(kind: KindDescriptor, obj: ResourceObject) -> Rendered:
    """The answer to ``GET`` of ``obj``."""
    return Rendered(json_bytes(to_rest(kind, obj)), obj.version)


class ResponseCache:
    """Rendered answers by store key; every committed write drops its key's entry before it returns."""

    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self._entries: dict[Key, Rendered] = {}
        self._bytes = 0
        self._max_bytes = max_bytes
        self._writes = 0
        self._remove_listener: Callable[[], None] | None = None

    @classmethod
    def for_store(cls, store: Store, max_bytes: int = MAX_BYTES) -> ResponseCache | None:
        """A cache kept exact by ``store``, or None when the store cannot promise to report every
        write before it returns (PostgreSQL shared by replicas)."""
        cache = cls(max_bytes)
        remove = store.add_commit_listener(cache.forget)
        if remove is None:
            return None
        cache._remove_listener = remove
        return cache

    def close(self) -> None:
        """Stop listening and drop every entry."""
        if self._remove_listener is not None:
            self._remove_listener()
            self._remove_listener = None
        self._entries.clear()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Key) -> Rendered | None:
        """The answer for ``key`` as of the last committed write, if rendered since."""
        return self._entries.get(key)

    def mark(self) -> int:
        """Call before reading the row to render: :meth:`put` keeps the answer only if no write
        committed in between."""
        return self._writes

    def put(self, key: Key, rendered: Rendered, mark: int) -> None:
        """Keep ``rendered`` for ``key`` unless a write committed since ``mark``."""
        if mark != self._writes or self._remove_listener is None:
            return
        size = len(rendered.body)
        if size > self._max_bytes:
            return
        old = self._entries.pop(key, None)
        if old is not None:
            self._bytes -= len(old.body)
        while self._entries and self._bytes + size > self._max_bytes:
            oldest = next(iter(self._entries))
            self._bytes -= len(self._entries.pop(oldest).body)
        self._entries[key] = rendered
        self._bytes += size

    def forget(self, event: ChangeEvent) -> None:
        """The store's commit listener: the key's answer is no longer the stored one."""
        self._writes += 1
        old = self._entries.pop((event.type, event.mesh, event.name), None)
        if old is not None:
            self._bytes -= len(old.body)
