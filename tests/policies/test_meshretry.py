"""MeshRetry behaviour beyond Kuma's validator cases."""

from __future__ import annotations

from typing import Any

from tests.policies.helpers import ingest, problems

KIND = "MeshRetry"


def _to_mesh(default: dict[str, Any], top: str = "Mesh") -> dict[str, Any]:
    return {"targetRef": {"kind": top}, "to": [{"targetRef": {"kind": "Mesh"}, "default": default}]}


def test_rest_ingestion_injects_schema_defaults() -> None:
    http = {
        "hostSelection": [{"predicate": "OmitPreviousPriorities"}],
        "retriableRequestHeaders": [{"name": "x-idempotent"}],
        "retriableResponseHeaders": [{"name": "x-retry", "type": "Present"}],
    }
    result = ingest(KIND, _to_mesh({"http": http}))
    assert result.violations == []
    stored = result.spec["to"][0]["default"]["http"]
    assert stored["hostSelection"] == [{"predicate": "OmitPreviousPriorities", "updateFrequency": 2}]
    assert stored["retriableRequestHeaders"] == [{"type": "Exact", "name": "x-idempotent"}]
    assert stored["retriableResponseHeaders"] == [{"type": "Present", "name": "x-retry"}]


def test_decode_mode_has_no_update_frequency_default() -> None:
    http = {"hostSelection": [{"predicate": "OmitPreviousPriorities"}]}
    assert problems(KIND, _to_mesh({"http": http}), mode="decode") == [
        (
            "spec.to[0].default.conf.http.hostSelection[0].updateFrequency",
            "must be defined and greater than zero",
        )
    ]


def test_http_retry_on_takes_names_and_status_codes_known_to_go() -> None:
    def retry_on_problems(*items: str) -> list[tuple[str, str]]:
        return problems(KIND, _to_mesh({"http": {"retryOn": list(items)}}))

    assert retry_on_problems("5xx", "GatewayError", "HttpMethodPost", "503", "429", "+418", "0200") == []
    field = "spec.to[0].default.conf.http.retryOn"
    assert retry_on_problems("306", "599", "5 03", "gateway-error") == [
        (f"{field}[0]", "unknown item '306'"),
        (f"{field}[1]", "unknown item '599'"),
        (f"{field}[2]", "unknown item '5 03'"),
        (f"{field}[3]", "unknown item 'gateway-error'"),
    ]


def test_grpc_retry_on_is_an_enum_in_rest_mode() -> None:
    assert problems(KIND, _to_mesh({"grpc": {"retryOn": ["Unavailable", "Aborted"]}})) == [
        (
            "spec.to[0].default.grpc.retryOn[1]",
            "in body should be one of [Canceled DeadlineExceeded Internal ResourceExhausted Unavailable]",
        )
    ]


def test_reset_headers_are_required_and_checked() -> None:
    limited = {"rateLimitedBackOff": {"resetHeaders": [{"name": "Retry-After", "format": "Seconds"}]}}
    assert problems(KIND, _to_mesh({"http": limited})) == [
        (
            "spec.to[0].default.http.rateLimitedBackOff.resetHeaders[0].name",
            "in body should match '^[a-z0-9!#$%&'*+\\-.^_\\x60|~]+$'",
        )
    ]
    zero = {"rateLimitedBackOff": {"maxInterval": "0s"}}
    assert problems(KIND, _to_mesh({"grpc": zero})) == [
        (
            "spec.to[0].default.conf.grpc.rateLimitedBackOff.maxInterval",
            "must be defined and greater than zero",
        ),
        ("spec.to[0].default.conf.grpc.rateLimitedBackOff.resetHeaders", "must be defined"),
    ]


def test_meshhttproute_top_level_narrows_destinations() -> None:
    default = {"tcp": {"maxConnectAttempt": 2}}
    spec = {
        "targetRef": {"kind": "MeshHTTPRoute", "labels": {"kuma.io/display-name": "r"}},
        "to": [
            {
                "targetRef": {"kind": "MeshExternalService", "labels": {"kuma.io/display-name": "ext"}},
                "default": default,
            },
            {
                "targetRef": {"kind": "MeshMultiZoneService", "labels": {"kuma.io/display-name": "mz"}},
                "default": default,
            },
        ],
    }
    assert problems(KIND, spec, mode="decode") == [
        ("spec.targetRef.kind", "value 'MeshHTTPRoute' is not supported"),
        ("spec.to[1].targetRef.kind", "value 'MeshMultiZoneService' is not supported"),
    ]


def test_empty_retry_on_list_counts_as_configured() -> None:
    assert problems(KIND, _to_mesh({"http": {"retryOn": []}})) == []
    assert problems(KIND, _to_mesh({"http": {"hostSelectionMaxAttempts": 3}})) == [
        ("spec.to[0].default.conf.http", "must not be empty")
    ]


def test_missing_default_is_reported_under_conf() -> None:
    spec = {"to": [{"targetRef": {"kind": "MeshService", "labels": {"kuma.io/display-name": "b"}}}]}
    assert problems(KIND, spec) == [
        ("spec.to[0].default.conf", "at least one of the 'tcp', 'http', 'grpc' must be specified")
    ]
