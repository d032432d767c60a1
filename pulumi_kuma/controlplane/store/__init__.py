"""Resource stores: one interface (:class:`Store`), SQLite (embedded default) and PostgreSQL."""

from pulumi_kuma.controlplane.store.base import (
    AlreadyExists,
    ChangeEvent,
    Conflict,
    NotFound,
    Store,
    StoreError,
)

__all__ = ["AlreadyExists", "ChangeEvent", "Conflict", "NotFound", "Store", "StoreError"]
