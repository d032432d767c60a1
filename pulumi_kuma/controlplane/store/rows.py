"""Conversions between :class:`ResourceObject` and the column values both SQL backends store."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from pulumi_kuma.model.envelope import ResourceObject


def dump_json(value: Any) -> str:
    """Compact JSON that keeps key order (the REST API shows a spec in the order it was given)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def load_json(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def stored_mesh(mesh: str | None) -> str:
    """The ``mesh`` column: global kinds store ``""``."""
    return mesh or ""


def loaded_mesh(mesh: str) -> str | None:
    """Global kinds read back with ``mesh=None``."""
    return mesh or None


def make_object(
    type: str,
    mesh: str,
    name: str,
    version: int,
    labels: str,
    spec: str,
    status: str | None,
    creation_time: datetime,
    modification_time: datetime,
) -> ResourceObject:
    """A :class:`ResourceObject` from one row's columns (JSON columns as text)."""
    return ResourceObject(
        type=type,
        mesh=loaded_mesh(mesh),
        name=name,
        version=version,
        labels=json.loads(labels),
        spec=json.loads(spec),
        status=load_json(status),
        creation_time=creation_time,
        modification_time=modification_time,
    )
