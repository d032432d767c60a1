"""MeshAccessLog behaviour beyond Kuma's validator cases: REST ingestion, formats, addresses."""

from __future__ import annotations

from typing import Any

from pulumi_kuma.policies.meshaccesslog import MeshAccessLogSpec
from tests.policies.helpers import ingest, problems

KIND = "MeshAccessLog"


def _to_mesh(*backends: dict[str, Any]) -> dict[str, Any]:
    return {
        "targetRef": {"kind": "Mesh"},
        "to": [{"targetRef": {"kind": "Mesh"}, "default": {"backends": list(backends)}}],
    }


def test_rest_ingestion_injects_omit_empty_values_and_drops_unknown_fields() -> None:
    spec = _to_mesh(
        {
            "type": "File",
            "file": {
                "path": "/tmp/access.log",
                "format": {"type": "Plain", "plain": "%START_TIME%"},
                "mode": 1,
            },
            "color": "blue",
        }
    )
    result = ingest(KIND, spec)
    assert result.violations == []
    backend = result.spec["to"][0]["default"]["backends"][0]
    assert backend == {
        "type": "File",
        "file": {
            "format": {"type": "Plain", "plain": "%START_TIME%", "omitEmptyValues": False},
            "path": "/tmp/access.log",
        },
    }
    assert isinstance(result.model, MeshAccessLogSpec)


def test_decode_mode_injects_no_defaults() -> None:
    spec = _to_mesh(
        {
            "type": "Tcp",
            "tcp": {
                "address": "127.0.0.1:5000",
                "format": {"type": "Json", "json": [{"key": "a", "value": "b"}]},
            },
        }
    )
    result = ingest(KIND, spec, mode="decode")
    assert result.violations == []
    assert "omitEmptyValues" not in result.spec["to"][0]["default"]["backends"][0]["tcp"]["format"]


def test_json_format_round_trips_under_its_wire_name() -> None:
    fields = [{"key": "start_time", "value": "%START_TIME%"}]
    spec = _to_mesh(
        {"type": "Tcp", "tcp": {"address": "logs.internal:514", "format": {"type": "Json", "json": fields}}}
    )
    result = ingest(KIND, spec)
    assert result.violations == []
    assert result.model is not None
    assert result.model.to_wire()["to"][0]["default"]["backends"][0]["tcp"]["format"]["json"] == fields


def test_schema_rejects_unknown_types_and_missing_required_fields() -> None:
    spec = {
        "targetRef": {"kind": "Mesh"},
        "to": [{"targetRef": {"kind": "Mesh"}}],
        "rules": [{"default": {"backends": [{"type": "Syslog"}, {"type": "File", "file": {"path": ""}}]}}],
    }
    assert problems(KIND, spec) == [
        ("spec.to[0].default", "in body is required"),
        ("spec.rules[0].default.backends[0].type", "in body should be one of [Tcp File OpenTelemetry]"),
        ("spec.rules[0].default.backends[1].file.path", "in body should be at least 1 chars long"),
    ]


def test_schema_pattern_guards_otel_attribute_keys_before_the_validator() -> None:
    spec = {
        "rules": [
            {
                "default": {
                    "backends": [
                        {
                            "type": "OpenTelemetry",
                            "openTelemetry": {
                                "backendRef": {"kind": "MeshOpenTelemetryBackend", "labels": {"app": "otel"}},
                                "attributes": [{"key": "Bad Key", "value": "x"}],
                                "body": {
                                    "kvlistValue": {
                                        "values": [{"key": "mesh", "value": {"stringValue": "%KUMA_MESH%"}}]
                                    }
                                },
                            },
                        }
                    ]
                }
            }
        ]
    }
    assert problems(KIND, spec) == [
        (
            "spec.rules[0].default.backends[0].openTelemetry.attributes[0].key",
            "in body should match '^[a-z]([a-z0-9]|[._][a-z0-9])*$'",
        )
    ]
    spec["rules"][0]["default"]["backends"][0]["openTelemetry"]["attributes"][0]["key"] = "service.version"
    result = ingest(KIND, spec)
    assert result.violations == []
    body = result.spec["rules"][0]["default"]["backends"][0]["openTelemetry"]["body"]
    assert body == {"kvlistValue": {"values": [{"key": "mesh", "value": {"stringValue": "%KUMA_MESH%"}}]}}


def test_otel_backend_ref_must_name_a_mesh_opentelemetry_backend_in_decode_mode() -> None:
    spec = {
        "rules": [
            {
                "default": {
                    "backends": [
                        {"type": "OpenTelemetry", "openTelemetry": {"backendRef": {"kind": "MeshService"}}}
                    ]
                }
            }
        ]
    }
    path = "spec.rules[0].default.backends[0].openTelemetry.backendRef"
    assert problems(KIND, spec, mode="decode") == [
        (f"{path}.kind", '"kind" must be one of ["MeshOpenTelemetryBackend"]'),
        (path, "backendRef must have exactly one defined: labels"),
    ]


def test_tcp_addresses_follow_govalidators_url_rules() -> None:
    def address_problems(address: str) -> list[tuple[str, str]]:
        return problems(KIND, _to_mesh({"type": "Tcp", "tcp": {"address": address}}))

    for good in ("127.0.0.1:5000", "logs.example.com:514", "tcp://10.1.2.3:9000", "[::1]:514"):
        assert address_problems(good) == [], good
    for bad in ("localhost", "logs host:514", "logs.example.com:999999", "[10.0.0.1]:514"):
        assert address_problems(bad) == [
            ("spec.to[0].default.backends[0].tcp.address", "tcp backend requires valid address")
        ], bad


def test_json_keys_and_values_are_pasted_raw_into_an_object() -> None:
    spec = _to_mesh(
        {
            "type": "File",
            "file": {
                "path": "/tmp/a.log",
                "format": {
                    "type": "Json",
                    "json": [{"key": "ok", "value": "%BYTES_SENT%"}, {"key": "a", "value": 'x"y'}],
                },
            },
        }
    )
    assert problems(KIND, spec) == [
        ("spec.to[0].default.backends[0].file.format.json[1]", "is not a valid JSON object")
    ]


def test_rules_matches_are_checked_and_sectionname_is_allowed_for_inbound_rules() -> None:
    spec = {
        "targetRef": {"kind": "Dataplane", "labels": {"app": "web"}, "sectionName": "http"},
        "rules": [
            {
                "matches": [
                    {"spiffeID": {"type": "Exact", "value": "spiffe://default/ns/web"}},
                    {"sni": {"type": "Exact", "value": "Not_A_Host"}},
                ],
                "default": {"backends": []},
            }
        ],
    }
    violations = problems(KIND, spec)
    assert [field for field, _ in violations] == ["spec.rules[0].matches[1].sni.value"]
    assert violations[0][1].startswith(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters"
    )


def test_unknown_backend_type_in_decode_mode_is_a_violation_not_a_crash() -> None:
    spec = _to_mesh(
        {"type": "Syslog"}, {"type": "File", "file": {"path": "/tmp/a.log", "format": {"type": "Xml"}}}
    )
    assert problems(KIND, spec, mode="decode") == [
        ("spec.to[0].default.backends[0].type", "must be one of: Tcp, File, OpenTelemetry"),
        ("spec.to[0].default.backends[1].file.format.type", "must be one of: Plain, Json"),
    ]


def test_to_kinds_follow_the_outbound_list() -> None:
    spec = {
        "targetRef": {"kind": "Mesh"},
        "to": [
            {
                "targetRef": {"kind": "MeshHTTPRoute", "labels": {"kuma.io/display-name": "route"}},
                "default": {"backends": []},
            },
            {
                "targetRef": {"kind": "MeshExternalService", "labels": {"x": "y"}, "sectionName": "p"},
                "default": {"backends": []},
            },
        ],
    }
    assert problems(KIND, spec) == [
        ("spec.to[1].targetRef.sectionName", "must not be set with kind MeshExternalService")
    ]
