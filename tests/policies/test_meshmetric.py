"""MeshMetric beyond Kuma's validator cases: REST defaults and enums, RE2 regexes, the example."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_kuma.model.validation import DocumentResult, ingest_spec, validate_document
from pulumi_kuma.policies.meshmetric import KIND, go_regexp_compiles
from pulumi_kuma.registry import REGISTRY


def rest(spec: dict[str, Any]) -> DocumentResult:
    return validate_document(
        {"type": "MeshMetric", "name": "metrics", "mesh": "default", "spec": spec}, REGISTRY
    )


def problems(result: DocumentResult) -> list[tuple[str, str]]:
    return [(v.field, v.message) for v in result.violations]


def test_example_is_valid_over_rest() -> None:
    result = rest(dict(KIND.example or {}))
    assert result.valid, result.violations


def test_rest_fills_prometheus_and_application_defaults() -> None:
    result = rest(
        {
            "targetRef": {"kind": "Mesh"},
            "default": {
                "applications": [{"port": 8080}],
                "backends": [{"type": "Prometheus", "prometheus": {"tls": {}}}],
            },
        }
    )
    assert result.valid, result.violations
    assert result.spec["default"]["applications"] == [{"path": "/metrics", "port": 8080}]
    assert result.spec["default"]["backends"][0]["prometheus"] == {
        "port": 5670,
        "path": "/metrics",
        "tls": {"mode": "Disabled"},
    }


def test_rest_enum_and_required_messages() -> None:
    result = rest(
        {
            "default": {
                "sidecar": {
                    "profiles": {"appendProfiles": [{"name": "Most"}], "include": [{"type": "Glob"}]}
                },
                "applications": [{"name": "no-port"}],
                "backends": [{"type": "Statsd"}],
            }
        }
    )
    assert problems(result) == [
        ("spec.default.sidecar.profiles.appendProfiles[0].name", "in body should be one of [All Basic None]"),
        (
            "spec.default.sidecar.profiles.include[0].type",
            "in body should be one of [Prefix Regex Exact Contains]",
        ),
        ("spec.default.sidecar.profiles.include[0].match", "in body is required"),
        ("spec.default.applications[0].port", "in body is required"),
        ("spec.default.backends[0].type", "in body should be one of [Prometheus OpenTelemetry]"),
    ]


def test_dataplane_section_name_is_refused_for_a_proxy_wide_policy() -> None:
    result = rest({"targetRef": {"kind": "Dataplane", "sectionName": "http"}, "default": {}})
    assert problems(result) == [("spec.targetRef.sectionName", "can only be used with inbound policies")]


def test_prometheus_port_zero_and_contains_selector() -> None:
    spec = {
        "default": {
            "sidecar": {"profiles": {"exclude": [{"type": "Contains", "match": "(unbalanced"}]}},
            "backends": [{"type": "Prometheus", "prometheus": {"port": 0}}],
        }
    }
    result = ingest_spec(KIND, spec, mode="decode")
    # Contains matches are plain substrings: not compiled, so "(unbalanced" is fine.
    assert [(v.field, v.message) for v in result.violations] == [
        ("spec.default.backends.backend[0].port", "port must be a valid (1-65535)")
    ]


@pytest.mark.parametrize(
    ("pattern", "compiles"),
    [
        ("envoy_cluster_.*", True),
        (r"^envoy_(http|tcp)_\d+$", True),
        (r"\pL+", True),  # RE2 Unicode classes
        (r"(?<name>x)", True),  # RE2 named group spelling
        (r"\z", True),
        ("(?=look)ahead", False),  # no look-arounds in RE2
        ("(?<!x)y", False),
        (r"(a)\1", False),  # no back-references
        ("a++", False),  # no possessive quantifiers
        ("x{1001}", False),  # RE2's repeat limit
        ("())(!(", False),
        ("[a-", False),
    ],
)
def test_regex_selectors_follow_re2(pattern: str, compiles: bool) -> None:
    assert go_regexp_compiles(pattern) is compiles
    spec = {"default": {"sidecar": {"profiles": {"include": [{"type": "Regex", "match": pattern}]}}}}
    violations = ingest_spec(KIND, spec, mode="decode").violations
    assert bool(violations) is not compiles
