"""MeshTrace beyond Kuma's validator cases: REST defaults, enums and maxItems, URL rules."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_kuma.model.validation import DocumentResult, ingest_spec, validate_document
from pulumi_kuma.policies.meshtrace import KIND
from pulumi_kuma.registry import REGISTRY


def rest(spec: dict[str, Any]) -> DocumentResult:
    return validate_document(
        {"type": "MeshTrace", "name": "trace", "mesh": "default", "spec": spec}, REGISTRY
    )


def problems(violations: Any) -> list[tuple[str, str]]:
    return [(v.field, v.message) for v in violations]


def datadog(url: str) -> list[tuple[str, str]]:
    spec = {"default": {"backends": [{"type": "Datadog", "datadog": {"url": url}}]}}
    return problems(ingest_spec(KIND, spec, mode="decode").violations)


def test_example_is_valid_over_rest() -> None:
    result = rest(dict(KIND.example or {}))
    assert result.valid, result.violations


def test_rest_fills_zipkin_and_datadog_defaults() -> None:
    zipkin = rest(
        {"default": {"backends": [{"type": "Zipkin", "zipkin": {"url": "http://zipkin:9411/api/v2/spans"}}]}}
    )
    assert zipkin.valid, zipkin.violations
    assert zipkin.spec["default"]["backends"][0]["zipkin"] == {
        "url": "http://zipkin:9411/api/v2/spans",
        "traceId128bit": False,
        "apiVersion": "httpJson",
        "sharedSpanContext": True,
    }
    dd = rest({"default": {"backends": [{"type": "Datadog", "datadog": {"url": "http://agent:8126"}}]}})
    assert dd.valid, dd.violations
    assert dd.spec["default"]["backends"][0]["datadog"] == {"url": "http://agent:8126", "splitService": False}


def test_explicit_false_and_trace_id_alias_survive_ingestion() -> None:
    zipkin = {
        "url": "http://zipkin:9411",
        "traceId128bit": True,
        "sharedSpanContext": False,
        "apiVersion": "httpProto",
    }
    result = rest({"default": {"backends": [{"type": "Zipkin", "zipkin": zipkin}]}})
    assert result.valid, result.violations
    assert result.spec["default"]["backends"][0]["zipkin"] == zipkin
    assert result.model is not None and result.model.to_wire() == result.spec


def test_rest_enum_required_and_max_items() -> None:
    result = rest(
        {
            "default": {
                "backends": [{"type": "Jaeger", "zipkin": {"apiVersion": "grpc"}}, {"type": "Zipkin"}],
                "tags": [{"header": {}}],
            }
        }
    )
    assert problems(result.violations) == [
        ("spec.default.backends", "in body should have at most 1 items"),
        ("spec.default.backends[0].type", "in body should be one of [Zipkin Datadog OpenTelemetry]"),
        ("spec.default.backends[0].zipkin.url", "in body is required"),
        ("spec.default.backends[0].zipkin.apiVersion", "in body should be one of [httpJson httpProto]"),
        ("spec.default.tags[0].name", "in body is required"),
        ("spec.default.tags[0].header.name", "in body is required"),
    ]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://agent:8126", []),
        ("http://user@agent:8126", [("user must not be defined")]),
        ("http://agent:8126?x=1", ["query must not be defined"]),
        ("http:agent", ["port must be defined", "opaque must not be defined"]),
        ("https://agent:8126", ["scheme must be http"]),
        ("http://agent:0", ["port must be a valid (1-65535)"]),
        ("http://agent:port", ["must be a valid url"]),
        ("", ["must be a valid url"]),
    ],
)
def test_datadog_url_parts(url: str, expected: list[str]) -> None:
    assert datadog(url) == [("spec.default.backends[0].datadog.url", message) for message in expected]


def test_sampling_accepts_decimal_strings_and_bounds() -> None:
    spec = {"default": {"backends": [], "sampling": {"overall": "100.0", "client": "-0.5", "random": 100.01}}}
    # 100.01 as a JSON number is not an int-or-string in Kuma's schema.
    assert problems(rest(spec).violations) == [
        ("spec.default.sampling.random", 'in body must be of type int-or-string: "number"')
    ]
    spec["default"]["sampling"] = {"overall": "100.0", "client": "-0.5", "random": "99.99"}
    assert problems(ingest_spec(KIND, spec, mode="decode").violations) == [
        ("spec.default.sampling.client", "must be between 0 and 100")
    ]


def test_unknown_backend_type_in_decode_mode_is_a_violation_not_a_crash() -> None:
    spec = {"default": {"backends": [{"type": "Jaeger"}]}}
    assert problems(ingest_spec(KIND, spec, mode="decode").violations) == [
        ("spec.default.backends[0].type", '"type" must be one of ["Zipkin", "Datadog", "OpenTelemetry"]')
    ]
