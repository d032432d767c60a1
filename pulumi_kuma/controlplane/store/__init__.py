"""Resource stores: one interface (:class:`Store`), SQLite (embedded default) and PostgreSQL."""

from pulumi_kuma.controlplane.store.base import (
    MESH_TYPE,
    AlreadyExists,
    ChangeAction,
    ChangeEvent,
    Conflict,
    NotFound,
    Store,
    StoreError,
    Unavailable,
)
from pulumi_kuma.controlplane.store.factory import open_store, store_from_url
from pulumi_kuma.controlplane.store.feed import ChangeSubscription

__all__ = [
    "MESH_TYPE",
    "AlreadyExists",
    "ChangeAction",
    "ChangeEvent",
    "ChangeSubscription",
    "Conflict",
    "NotFound",
    "Store",
    "StoreError",
    "Unavailable",
    "open_store",
    "store_from_url",
]
