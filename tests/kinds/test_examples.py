"""Every non-policy kind documents itself: a valid example, a description, its registry entry."""

from __future__ import annotations

import pytest

from pulumi_kuma.model.registry import KindDescriptor
from pulumi_kuma.model.validation import validate_document
from pulumi_kuma.registry import REGISTRY

NON_POLICY = [kind for kind in REGISTRY if not kind.is_policy]


def test_all_non_policy_kinds_are_registered() -> None:
    assert {kind.name for kind in NON_POLICY} == {
        "Mesh",
        "Dataplane",
        "Secret",
        "GlobalSecret",
        "MeshService",
        "MeshExternalService",
        "MeshMultiZoneService",
        "MeshIdentity",
        "MeshTrust",
        "MeshOpenTelemetryBackend",
        "HostnameGenerator",
        "MeshZoneAddress",
        "Workload",
    }


@pytest.mark.parametrize("kind", NON_POLICY, ids=lambda k: k.name)
def test_example_is_a_valid_document(kind: KindDescriptor) -> None:
    assert kind.example is not None
    doc: dict[str, object] = {"type": kind.name, "name": "example"}
    if kind.mesh_scoped:
        doc["mesh"] = "default"
    if kind.legacy_layout:
        doc.update(kind.example)
    else:
        doc["spec"] = dict(kind.example)
    result = validate_document(doc, REGISTRY)
    assert result.violations == []
    assert len(kind.description) > 60  # a sentence for the docs, not the placeholder
