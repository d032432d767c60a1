"""MeshZoneAddress: schema bounds at REST ingestion and the validator."""

from __future__ import annotations

from tests.kinds.support import pairs, rest


def test_mesh_zone_address_schema_and_validator() -> None:
    doc = {"type": "MeshZoneAddress", "mesh": "default", "name": "mza", "spec": {"address": "", "port": 0}}
    assert pairs(rest(doc).violations) == [
        ("spec.address", "in body should be at least 1 chars long"),
        ("spec.port", "in body should be greater than or equal to 1"),
    ]
    doc["spec"] = {"address": "::", "port": 10001}
    assert pairs(rest(doc).violations) == [("spec.address", "must not be 0.0.0.0 or ::")]
