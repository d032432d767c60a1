"""MeshHealthCheck behaviour beyond Kuma's validator cases."""

from __future__ import annotations

from typing import Any

from tests.policies.helpers import ingest, problems

KIND = "MeshHealthCheck"


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


def test_header_names_are_checked_by_the_schema() -> None:
    headers = {
        "set": [{"name": "X-Upper", "value": "1"}],
        "add": [{"name": "", "value": "2"}, {"name": "ok"}],
    }
    spec = _to_service({"http": {"path": "/health", "requestHeadersToAdd": headers}})
    base = "spec.to[0].default.http.requestHeadersToAdd"
    assert problems(KIND, spec) == [
        (f"{base}.set[0].name", "in body should match '^[a-z0-9!#$%&'*+\\-.^_\\x60|~]+$'"),
        (f"{base}.add[0].name", "in body should be at least 1 chars long"),
        (f"{base}.add[1].value", "in body is required"),
    ]


def test_at_most_sixteen_headers() -> None:
    many = [{"name": f"x-{i}", "value": "v"} for i in range(17)]
    spec = _to_service({"http": {"requestHeadersToAdd": {"add": many}}})
    assert problems(KIND, spec) == [
        ("spec.to[0].default.http.requestHeadersToAdd.add", "in body should have at most 16 items")
    ]


def test_full_conf_is_accepted_and_unknown_fields_dropped() -> None:
    default = {
        "interval": "10s",
        "timeout": "2s",
        "unhealthyThreshold": 3,
        "healthyThreshold": 1,
        "initialJitter": "1s",
        "intervalJitter": "500ms",
        "intervalJitterPercent": 10,
        "failTrafficOnPanic": True,
        "eventLogPath": "/tmp/health.log",
        "alwaysLogHealthCheckFailures": True,
        "noTrafficInterval": "1m",
        "tcp": {"disabled": False, "send": "ping", "receive": ["pong"]},
        "http": {"path": "/ready", "expectedStatuses": [200, 503]},
        "grpc": {"serviceName": "health", "authority": "backend"},
        "reuseConnection": False,
        "healthyPanicThreshold": 50,  # removed from Kuma: dropped like any unknown field
    }
    result = ingest(KIND, _to_service(default))
    assert result.violations == []
    expected = dict(default)
    del expected["healthyPanicThreshold"]
    assert result.spec["to"][0]["default"] == expected


def test_event_log_path_must_be_absolute_and_http_path_not_empty() -> None:
    spec = _to_service({"eventLogPath": "health.log", "http": {"path": ""}})
    assert problems(KIND, spec) == [
        ("spec.to[0].default.eventLogPath", "must be a valid path when defined"),
        ("spec.to[0].default.http.path", "must be defined"),
    ]


def test_no_inbound_section_name_and_no_meshhttproute_destinations() -> None:
    spec = {
        "targetRef": {"kind": "Dataplane", "sectionName": "http"},
        "to": [
            {
                "targetRef": {"kind": "MeshHTTPRoute", "labels": {"kuma.io/display-name": "r"}},
                "default": {"tcp": {}},
            }
        ],
    }
    assert problems(KIND, spec) == [
        ("spec.targetRef.sectionName", "can only be used with inbound policies"),
        ("spec.to[0].targetRef.kind", "value 'MeshHTTPRoute' is not supported"),
    ]


def test_missing_default_needs_a_protocol() -> None:
    spec = {"to": [{"targetRef": {"kind": "Mesh"}}]}
    assert problems(KIND, spec) == [("spec.to[0].default", "must have at least one defined: http, tcp, grpc")]


def test_an_empty_to_list_is_allowed() -> None:
    assert problems(KIND, {"targetRef": {"kind": "Mesh"}, "to": []}) == []
