"""MeshRateLimit behaviour beyond Kuma's validator cases."""

from __future__ import annotations

from typing import Any

from tests.policies.helpers import ingest, problems

KIND = "MeshRateLimit"


def _inbound(local: dict[str, Any], **rule: Any) -> dict[str, Any]:
    return {
        "targetRef": {"kind": "Dataplane", "labels": {"app": "web"}},
        "rules": [{**rule, "default": {"local": local}}],
    }


def test_mesh_wide_policies_limit_gateways_through_to() -> None:
    spec = {
        "targetRef": {"kind": "Mesh"},
        "to": [
            {
                "targetRef": {"kind": "Mesh"},
                "default": {"local": {"http": {"requestRate": {"num": 5, "interval": "1s"}}}},
            }
        ],
    }
    assert problems(KIND, spec) == []
    spec["to"][0]["targetRef"] = {"kind": "MeshService", "labels": {"kuma.io/display-name": "b"}}
    assert problems(KIND, spec) == [("spec.to[0].targetRef.kind", "value 'MeshService' is not supported")]


def test_a_policy_without_top_level_target_ref_is_mesh_wide() -> None:
    spec = {"rules": [{"default": {"local": {"tcp": {"disabled": True}}}}]}
    assert problems(KIND, spec) == [("spec.rules", "must not be defined")]


def test_interval_must_exceed_fifty_milliseconds() -> None:
    def interval_problems(interval: str) -> list[tuple[str, str]]:
        return problems(KIND, _inbound({"tcp": {"connectionRate": {"num": 1, "interval": interval}}}))

    assert interval_problems("51ms") == []
    assert interval_problems("0.05s") == [
        ("spec.rules[0].default.local.tcp.connectionRate.interval", "must be greater than: 50ms")
    ]


def test_rest_requires_rate_fields_and_limits_response_headers() -> None:
    headers = {"add": [{"name": f"x-{i}", "value": "v"} for i in range(17)]}
    local = {"http": {"requestRate": {"num": 10}, "onRateLimit": {"status": 429, "headers": headers}}}
    assert problems(KIND, _inbound(local)) == [
        ("spec.rules[0].default.local.http.requestRate.interval", "in body is required"),
        ("spec.rules[0].default.local.http.onRateLimit.headers.add", "in body should have at most 16 items"),
    ]


def test_on_rate_limit_status_must_be_positive() -> None:
    local = {"http": {"onRateLimit": {"status": 0}}}
    assert problems(KIND, _inbound(local)) == [
        ("spec.rules[0].default.local.http.onRateLimit.status", "must be greater than 0")
    ]


def test_sni_matches_may_limit_tcp_but_spiffe_matches_may_not() -> None:
    tcp = {"tcp": {"connectionRate": {"num": 1, "interval": "1s"}}}
    sni = [{"sni": {"type": "Exact", "value": "backend.mesh"}}]
    assert problems(KIND, _inbound(tcp, matches=sni)) == []
    spiffe = [{"spiffeID": {"type": "Prefix", "value": "spiffe://default/ns/web"}}]
    assert problems(KIND, _inbound(tcp, matches=spiffe)) == [
        (
            "spec.rules[0].default.local.tcp",
            "can't be specified when matches contain spiffeID because this field cannot be conditioned on source identity",
        )
    ]


def test_matches_need_a_condition_in_decode_mode() -> None:
    local = {"http": {"disabled": True}}
    assert problems(KIND, _inbound(local, matches=[{}]), mode="decode") == [
        ("spec.rules[0].matches[0]", "must specify at least one of 'spiffeID' or 'sni'")
    ]


def test_rest_ingestion_normalises_the_spec() -> None:
    spec = _inbound({"http": {"requestRate": {"interval": "1s", "num": 10, "burst": 5}}, "global": {}})
    result = ingest(KIND, spec)
    assert result.violations == []
    assert result.spec["rules"][0] == {
        "default": {"local": {"http": {"requestRate": {"num": 10, "interval": "1s"}}}}
    }
