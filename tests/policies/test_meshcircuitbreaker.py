"""MeshCircuitBreaker behaviour beyond Kuma's validator cases."""

from __future__ import annotations

from typing import Any

from tests.policies.helpers import ingest, problems

KIND = "MeshCircuitBreaker"


def _to_service(default: dict[str, Any]) -> dict[str, Any]:
    return {
        "targetRef": {"kind": "Mesh"},
        "to": [
            {
                "targetRef": {"kind": "MeshService", "labels": {"kuma.io/display-name": "backend"}},
                "default": default,
            }
        ],
    }


def test_rest_ingestion_keeps_known_fields_in_order_and_drops_unknown_ones() -> None:
    spec = _to_service(
        {
            "outlierDetection": {
                "detectors": {"totalFailures": {"consecutive": 5, "window": "1m"}},
                "interval": "5s",
            },
            "connectionLimits": {"maxRequests": 10},
            "priority": "high",
        }
    )
    result = ingest(KIND, spec)
    assert result.violations == []
    assert result.spec["to"][0]["default"] == {
        "connectionLimits": {"maxRequests": 10},
        "outlierDetection": {"interval": "5s", "detectors": {"totalFailures": {"consecutive": 5}}},
    }


def test_rule_errors_are_reported_under_spec_from_as_kuma_does() -> None:
    spec = {
        "targetRef": {"kind": "Dataplane", "sectionName": "http"},
        "rules": [{"default": {}}, {"default": {"connectionLimits": {"maxConnections": 0}}}],
    }
    assert problems(KIND, spec) == [
        (
            "spec.from[0].default",
            "at least one of: 'connectionLimits' or 'outlierDetection' should be configured",
        ),
        ("spec.from[1].default.connectionLimits.maxConnections", "must be greater than 0"),
    ]


def test_healthy_panic_threshold_is_an_exact_decimal_percentage() -> None:
    def threshold_problems(value: Any) -> list[tuple[str, str]]:
        return problems(
            KIND,
            _to_service(
                {"outlierDetection": {"healthyPanicThreshold": value, "detectors": {"gatewayFailures": {}}}}
            ),
        )

    field = "spec.to[0].default.outlierDetection.healthyPanicThreshold"
    assert threshold_problems("99.99") == []
    assert threshold_problems(0) == []
    assert threshold_problems("100.0000001") == [(field, "must be in inclusive range [0.0, 100.0]")]
    assert threshold_problems("half") == [(field, "string must be a valid number")]
    assert problems(KIND, _to_service({"outlierDetection": {"healthyPanicThreshold": True}})) == [
        (field, 'in body must be of type int-or-string: "boolean"')
    ]


def test_detectors_are_required_even_when_outlier_detection_is_disabled() -> None:
    spec = _to_service({"outlierDetection": {"disabled": True}})
    assert problems(KIND, spec) == [("spec.to[0].default.outlierDetection.detectors", "must be defined")]


def test_to_kinds_exclude_meshhttproute_although_the_schema_allows_it() -> None:
    spec = {
        "to": [
            {
                "targetRef": {"kind": "MeshHTTPRoute", "labels": {"kuma.io/display-name": "r"}},
                "default": {"connectionLimits": {}},
            },
            {"targetRef": {"kind": "MeshService"}, "default": {"connectionLimits": {}}},
        ]
    }
    assert problems(KIND, spec) == [
        ("spec.to[0].targetRef.kind", "value 'MeshHTTPRoute' is not supported"),
        ("spec.to[1].targetRef.labels", "must be set when kind is MeshService"),
    ]


def test_wrong_json_types_are_schema_errors() -> None:
    spec = _to_service(
        {"connectionLimits": {"maxConnections": "many"}, "outlierDetection": {"interval": "often"}}
    )
    assert problems(KIND, spec) == [
        ("spec.to[0].default.connectionLimits.maxConnections", 'in body must be of type integer: "string"'),
        ("spec.to[0].default.outlierDetection.interval", 'time: invalid duration "often"'),
    ]
