"""Workload: Kuma's validator cases (display name length) and the status as the API renders it."""

from __future__ import annotations

from pulumi_kuma.model.envelope import render_status
from pulumi_kuma.model.validation import ingest_spec
from pulumi_kuma.registry import REGISTRY
from tests.kinds.support import crud_json, pairs, rest

KIND = REGISTRY.by_name("Workload")


def test_display_name_is_at_most_63_characters() -> None:
    # Kuma's validator_test.go: "workload-" and 63 more characters is too long; 63 is fine
    too_long = ingest_spec(KIND, {}, mode="decode", name="workload-" + "x" * 63)
    assert pairs(too_long.violations) == [("name", "must not be longer than 63 characters")]
    assert ingest_spec(KIND, {}, mode="decode", name="x" * 63).violations == []
    # the display name counts, not the stored name (synced resources carry a hashed one)
    labelled = ingest_spec(KIND, {}, mode="decode", name="short", labels={"kuma.io/display-name": "y" * 64})
    assert pairs(labelled.violations) == [("name", "must not be longer than 63 characters")]


def test_rest_document_with_a_long_name_is_rejected() -> None:
    doc = {"type": "Workload", "mesh": "default", "name": "w" * 64, "spec": {}}
    assert pairs(rest(doc).violations) == [("name", "must not be longer than 63 characters")]
    doc["name"] = "web"
    assert rest(doc).valid


def test_status_always_shows_the_three_counts() -> None:
    # Kuma writes every count, zeros included; a Workload nobody counted yet shows zeros
    zeros = {"dataplaneProxies": {"connected": 0, "healthy": 0, "total": 0}}
    assert render_status(KIND, None) == zeros
    assert render_status(KIND, {}) == zeros
    counted = {"dataplaneProxies": {"total": 3, "connected": 2, "healthy": 2}}
    assert render_status(KIND, counted) == {"dataplaneProxies": {"connected": 2, "healthy": 2, "total": 3}}
    assert crud_json("put_workload_with_status_01.golden.json")["status"] == zeros
