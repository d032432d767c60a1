"""MeshPassthrough beyond Kuma's validator cases: REST defaults (protocol tcp) and enum messages."""

from __future__ import annotations

from typing import Any

from pulumi_kuma.model.validation import DocumentResult, ingest_spec, validate_document
from pulumi_kuma.policies.meshpassthrough import KIND
from pulumi_kuma.registry import REGISTRY


def rest(spec: dict[str, Any]) -> DocumentResult:
    return validate_document(
        {"type": "MeshPassthrough", "name": "pass", "mesh": "default", "spec": spec}, REGISTRY
    )


def problems(violations: Any) -> list[tuple[str, str]]:
    return [(v.field, v.message) for v in violations]


def test_example_is_valid_over_rest() -> None:
    result = rest(dict(KIND.example or {}))
    assert result.valid, result.violations


def test_rest_defaults_protocol_to_tcp() -> None:
    result = rest({"default": {"appendMatch": [{"type": "IP", "value": "10.0.0.1", "port": 5432}]}})
    assert result.valid, result.violations
    assert result.spec["default"]["appendMatch"] == [
        {"type": "IP", "value": "10.0.0.1", "port": 5432, "protocol": "tcp"}
    ]


def test_domain_without_protocol_gets_tcp_over_rest_and_is_refused() -> None:
    # The schema default (tcp) is injected before the validator runs, and tcp cannot match a domain.
    result = rest({"default": {"appendMatch": [{"type": "Domain", "value": "example.com", "port": 443}]}})
    assert problems(result.violations) == [
        ("spec.default.appendMatch[0].protocol", "protocol tcp is not supported for a domain")
    ]


def test_rest_enum_and_required_messages() -> None:
    result = rest(
        {"default": {"passthroughMode": "Some", "appendMatch": [{"type": "Host", "protocol": "udp"}]}}
    )
    assert problems(result.violations) == [
        ("spec.default.passthroughMode", "in body should be one of [All Matched None]"),
        ("spec.default.appendMatch[0].type", "in body should be one of [Domain IP CIDR]"),
        ("spec.default.appendMatch[0].value", "in body is required"),
        ("spec.default.appendMatch[0].protocol", "in body should be one of [tcp tls grpc http http2 mysql]"),
    ]


def test_ports_shared_between_l7_protocols_and_ipv6() -> None:
    spec = {
        "default": {
            "appendMatch": [
                {"type": "IP", "value": "2001:db8::1", "port": 8080, "protocol": "tcp"},
                {"type": "CIDR", "value": "2001:db8::/32", "port": 8080, "protocol": "tls"},
                {"type": "Domain", "value": "api.example.com", "port": 8080, "protocol": "grpc"},
                {"type": "Domain", "value": "*.example.com", "port": 9000, "protocol": "tls"},
                {"type": "Domain", "value": "*.example.com", "protocol": "tls"},
            ]
        }
    }
    assert problems(ingest_spec(KIND, spec, mode="decode").violations) == [
        (
            "spec.default.appendMatch[2].port",
            "using the same port in multiple matches requires the same protocol for the following protocols: "
            "[grpc http http2]",
        )
    ]
