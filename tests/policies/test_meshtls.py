"""MeshTLS beyond Kuma's validator cases: REST defaults and enums, version order, Dataplane rules."""

from __future__ import annotations

from typing import Any

from pulumi_kuma.model.validation import DocumentResult, ingest_spec, validate_document
from pulumi_kuma.policies.meshtls import KIND
from pulumi_kuma.registry import REGISTRY


def rest(spec: dict[str, Any]) -> DocumentResult:
    return validate_document({"type": "MeshTLS", "name": "tls", "mesh": "default", "spec": spec}, REGISTRY)


def problems(violations: Any) -> list[tuple[str, str]]:
    return [(v.field, v.message) for v in violations]


def test_example_is_valid_over_rest() -> None:
    result = rest(dict(KIND.example or {}))
    assert result.valid, result.violations


def test_rest_fills_tls_version_defaults() -> None:
    result = rest({"targetRef": {"kind": "Mesh"}, "rules": [{"default": {"tlsVersion": {"min": "TLS12"}}}]})
    assert result.valid, result.violations
    assert result.spec["rules"][0]["default"]["tlsVersion"] == {"min": "TLS12", "max": "TLSAuto"}


def test_rest_enum_messages_for_mode_ciphers_and_versions() -> None:
    result = rest(
        {"rules": [{"default": {"mode": "Optional", "tlsCiphers": ["RC4"], "tlsVersion": {"max": "TLS14"}}}]}
    )
    assert problems(result.violations) == [
        (
            "spec.rules[0].default.tlsVersion.max",
            "in body should be one of [TLSAuto TLS10 TLS11 TLS12 TLS13]",
        ),
        (
            "spec.rules[0].default.tlsCiphers[0]",
            "in body should be one of [ECDHE-ECDSA-AES128-GCM-SHA256 ECDHE-ECDSA-AES256-GCM-SHA384 "
            "ECDHE-ECDSA-CHACHA20-POLY1305 ECDHE-RSA-AES128-GCM-SHA256 ECDHE-RSA-AES256-GCM-SHA384 "
            "ECDHE-RSA-CHACHA20-POLY1305]",
        ),
        ("spec.rules[0].default.mode", "in body should be one of [Permissive Strict]"),
    ]


def test_min_version_above_max() -> None:
    spec = {"rules": [{"default": {"tlsVersion": {"min": "TLS13", "max": "TLS12"}}}]}
    assert problems(ingest_spec(KIND, spec, mode="decode").violations) == [
        ("spec.rules[0].default.tlsVersion.min", "min version must be lower than max")
    ]
    # TLSAuto on either side is never out of order.
    spec = {"rules": [{"default": {"tlsVersion": {"min": "TLS13", "max": "TLSAuto"}}}]}
    assert ingest_spec(KIND, spec, mode="decode").violations == []


def test_dataplane_with_section_name_may_set_the_mode_only() -> None:
    ok = {
        "targetRef": {"kind": "Dataplane", "sectionName": "http"},
        "rules": [{"default": {"mode": "Permissive"}}],
    }
    assert rest(ok).valid
    refused = {
        "targetRef": {"kind": "Dataplane", "labels": {"app": "x"}},
        "rules": [{"default": {"tlsVersion": {}}}],
    }
    assert problems(rest(refused).violations) == [
        (
            "spec.rules[0].default.tlsVersion",
            "tlsVersion can only be defined with top level targetRef kind: Mesh",
        )
    ]
