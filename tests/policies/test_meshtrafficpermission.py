"""MeshTrafficPermission beyond Kuma's validator cases: REST schema rules and match checks."""

from __future__ import annotations

from typing import Any

from pulumi_kuma.model.validation import DocumentResult, ingest_spec, validate_document
from pulumi_kuma.policies.meshtrafficpermission import KIND
from pulumi_kuma.registry import REGISTRY


def rest(spec: dict[str, Any]) -> DocumentResult:
    return validate_document(
        {"type": "MeshTrafficPermission", "name": "mtp", "mesh": "default", "spec": spec}, REGISTRY
    )


def problems(violations: Any) -> list[tuple[str, str]]:
    return [(v.field, v.message) for v in violations]


def test_example_is_valid_over_rest() -> None:
    result = rest(dict(KIND.example or {}))
    assert result.valid, result.violations


def test_rest_requires_rule_default_and_match_fields() -> None:
    result = rest({"rules": [{}, {"default": {"allow": [{"spiffeID": {"type": "Regex"}}, {"sni": {}}]}}]})
    assert problems(result.violations) == [
        ("spec.rules[0].default", "in body is required"),
        ("spec.rules[1].default.allow[0].spiffeID.type", "in body should be one of [Exact Prefix]"),
        ("spec.rules[1].default.allow[0].spiffeID.value", "in body is required"),
        ("spec.rules[1].default.allow[1].sni.type", "in body is required"),
        ("spec.rules[1].default.allow[1].sni.value", "in body is required"),
    ]


def test_spiffe_id_errors_and_sni_length() -> None:
    spec = {
        "rules": [
            {
                "default": {
                    "deny": [{"spiffeID": {"type": "Exact", "value": "spiffe://Upper.Case/x"}}],
                    "allow": [{"sni": {"type": "Exact", "value": "a" * 254}}],
                }
            }
        ]
    }
    assert problems(ingest_spec(KIND, spec, mode="decode").violations) == [
        ("spec.rules[0].allow[0].sni.value", "must be no more than 253 characters"),
        (
            "spec.rules[0].deny[0].spiffeID",
            "must be a valid Spiffe ID: trust domain characters are limited to lowercase letters, numbers, "
            "dots, dashes, and underscores",
        ),
    ]


def test_empty_match_is_accepted_as_kuma_does() -> None:
    # Kuma's plain match validation has no "at least one of spiffeID or sni" rule for permissions.
    spec = {"targetRef": {"kind": "Mesh"}, "rules": [{"default": {"deny": [{}]}}]}
    assert ingest_spec(KIND, spec, mode="decode").violations == []
