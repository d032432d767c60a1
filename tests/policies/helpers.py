"""Helpers for policy tests: ingest a spec the way the REST API does and read the outcome."""

from __future__ import annotations

from typing import Any

from pulumi_kuma.model.schema import Mode
from pulumi_kuma.model.validation import DocumentResult, validate_document
from pulumi_kuma.registry import REGISTRY


def ingest(kind: str, spec: Any, mode: Mode = "rest") -> DocumentResult:
    """Validate ``spec`` as the spec of a resource of ``kind`` named ``example`` in mesh ``default``."""
    return validate_document(
        {"type": kind, "name": "example", "mesh": "default", "spec": spec}, REGISTRY, mode=mode
    )


def problems(kind: str, spec: Any, mode: Mode = "rest") -> list[tuple[str, str]]:
    """The violations of ``spec`` as ``(field, message)`` pairs, in the order they were found."""
    return [(v.field, v.message) for v in ingest(kind, spec, mode).violations]
