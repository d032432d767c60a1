"""Helpers for the kind tests: load Kuma's REST fixtures and run documents through validation."""

from __future__ import annotations

import json
from typing import Any

import yaml

from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.validation import DocumentResult, ingest_spec, validate_document
from pulumi_kuma.registry import REGISTRY
from tests.conftest import CONFORMANCE

CRUD = CONFORMANCE / "api-server" / "testdata" / "resources" / "crud"


def crud_json(name: str) -> Any:
    """One JSON file of Kuma's REST CRUD scenarios (``api-server/testdata/resources/crud``)."""
    return json.loads((CRUD / name).read_text())


def rest(doc: dict[str, Any]) -> DocumentResult:
    """Validate a universal document the way the REST API ingests it."""
    return validate_document(doc, REGISTRY)


def decode(kind: str, text: str) -> list[Violation]:
    """Kuma's validator alone (no schema defaults or enum checks) on a YAML spec."""
    raw = yaml.safe_load(text) or {}
    return ingest_spec(REGISTRY.by_name(kind), raw, mode="decode").violations


def pairs(violations: list[Violation]) -> list[tuple[str, str]]:
    """Violations as (field, message) tuples, for readable assertions."""
    return [(v.field, v.message) for v in violations]
