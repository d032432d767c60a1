"""The store interface every backend implements, and the change events it emits.

A store keeps :class:`ResourceObject` rows keyed by (type, mesh, name), global kinds with mesh
``""``. Each row has a ``version`` that grows by one on every update: writes carry the version they
read, and a write against a newer version fails with :class:`Conflict` (optimistic concurrency, so a
lost update is impossible). Every committed write produces a :class:`ChangeEvent` on
:meth:`Store.changes`, on every replica that shares the database, which is how the resolver and the
xDS server learn what to recompute.
"""

from __future__ import annotations

import abc
import enum
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.model.errors import KumaError

MESH_TYPE = "Mesh"
"""The type whose rows own every mesh-scoped row: deleting a Mesh deletes the rows with that ``mesh``."""


class StoreError(KumaError):
    """Base class of store failures."""


class NotFound(StoreError):
    """No resource with that key."""


class AlreadyExists(StoreError):
    """A create hit an existing key."""


class Conflict(StoreError):
    """The resource changed since it was read (version mismatch)."""


class Unavailable(StoreError):
    """The database could not be reached; the operation may be retried."""


class ChangeAction(enum.StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


@dataclass(frozen=True, slots=True)
class ChangeEvent:
    """One committed write: what changed, and its version after the write."""

    action: ChangeAction
    type: str
    mesh: str
    name: str
    version: int


class Store(abc.ABC):
    """Persistent resource storage with optimistic concurrency and a change stream."""

    @abc.abstractmethod
    async def start(self) -> None:
        """Open connections and run schema migrations (idempotent)."""

    @abc.abstractmethod
    async def close(self) -> None:
        """Release connections; pending change subscribers end."""

    @abc.abstractmethod
    async def get(self, type: str, mesh: str, name: str) -> ResourceObject | None:
        """One resource, or None."""

    @abc.abstractmethod
    async def list(self, type: str | None = None, mesh: str | None = None) -> list[ResourceObject]:
        """Resources of a type (all types when None), in one mesh (all when None), by (name, mesh)."""

    @abc.abstractmethod
    async def create(self, obj: ResourceObject) -> ResourceObject:
        """Insert a new resource at version 1; raises :class:`AlreadyExists`."""

    @abc.abstractmethod
    async def update(self, obj: ResourceObject, expected_version: int) -> ResourceObject:
        """Replace a resource if its stored version is ``expected_version``; raises
        :class:`NotFound` or :class:`Conflict`. Returns the row with its new version."""

    @abc.abstractmethod
    async def delete(self, type: str, mesh: str, name: str) -> None:
        """Delete a resource (and, for a Mesh, everything in it); raises :class:`NotFound`."""

    @abc.abstractmethod
    def changes(self) -> AsyncIterator[ChangeEvent]:
        """Subscribe to committed writes from this and every other replica on the same database.

        Events come in commit order. The subscription exists as soon as this returns: every write
        committed later is delivered. With replicas, events travel through the database and arrive
        shortly after the write returns, so a write committed just before subscribing may still be
        delivered."""

    def add_commit_listener(self, listener: Callable[[ChangeEvent], None]) -> Callable[[], None] | None:
        """Call ``listener`` with every committed write to this store's data *before that write
        returns*, so that a cache the listener maintains is never staler than a read from the store.

        Only a store that sees every write to its data can promise this (one process owns the data);
        it returns a function that removes the listener. A store shared with other writers (replicas
        on one database) returns None: their writes reach it only later, through :meth:`changes`."""
        return None

    @abc.abstractmethod
    async def is_leader(self) -> bool:
        """Whether this replica currently holds leadership for work that must run once."""

    @abc.abstractmethod
    def add_leadership_callback(self, callback: Callable[[bool], None]) -> Callable[[], None]:
        """Call ``callback(is_leader)`` now and on every leadership change, in the event loop;
        returns a function that removes the callback. Leader-only components start and stop here."""
