"""Mesh: REST ingestion of the old proto layout, the RFC 1035 name rule, initial-policy skipping."""

from __future__ import annotations

from pulumi_kuma.kinds import mesh
from pulumi_kuma.kinds.mesh import MeshSpec, skips_initial_policy
from pulumi_kuma.model.validation import ingest_spec
from pulumi_kuma.registry import REGISTRY
from tests.kinds.support import crud_json, pairs, rest


def test_removed_sections_are_accepted_and_dropped() -> None:
    # Kuma 3.0 accepts a Mesh that still carries mtls (put_meshes_03 -> 200) and forgets it.
    request = crud_json("put_meshes_03.request.json")
    assert "mtls" in request
    result = rest(request)
    assert result.valid, result.violations
    assert result.spec == {}
    assert result.mesh is None


def test_skip_list_sits_beside_the_meta() -> None:
    result = rest({"type": "Mesh", "name": "m1", "skipCreatingInitialPolicies": ["MeshRetry", "*"]})
    assert result.valid, result.violations
    assert result.spec == {"skipCreatingInitialPolicies": ["MeshRetry", "*"]}


def test_skip_list_must_hold_strings() -> None:
    result = rest({"type": "Mesh", "name": "m1", "skipCreatingInitialPolicies": [3]})
    assert pairs(result.violations) == [
        ("skipCreatingInitialPolicies[0]", 'in body must be of type string: "number"')
    ]


def test_name_must_be_an_rfc1035_label_as_in_kumas_golden() -> None:
    golden = crud_json("put_meshes_04.golden.json")
    result = rest(crud_json("put_meshes_04.request.json"))
    assert [v.to_json() for v in result.violations] == golden["causes"]


def test_name_problems_are_one_violation() -> None:
    result = rest({"type": "Mesh", "name": "M" * 64})
    assert len(result.violations) == 1
    assert result.violations[0].message.startswith(
        "must be no more than 63 characters, a DNS-1035 label must"
    )


def test_mesh_is_not_mesh_scoped() -> None:
    result = rest({"type": "Mesh", "name": "m1", "mesh": "other"})
    assert pairs(result.violations) == [("mesh", "must not be set: Mesh is not mesh-scoped")]


def test_skips_initial_policy() -> None:
    assert not skips_initial_policy(MeshSpec(), "MeshRetry")
    spec = MeshSpec(skip_creating_initial_policies=["MeshRetry"])
    assert skips_initial_policy(spec, "MeshRetry")
    assert not skips_initial_policy(spec, "MeshTimeout")
    assert skips_initial_policy(MeshSpec(skip_creating_initial_policies=["*"]), "MeshTimeout")


def test_example_is_valid() -> None:
    assert ingest_spec(REGISTRY.by_name("Mesh"), dict(mesh.EXAMPLE)).violations == []
