"""MeshFaultInjection behaviour beyond Kuma's validator cases."""

from __future__ import annotations

from typing import Any

from tests.policies.helpers import ingest, problems

KIND = "MeshFaultInjection"


def _inbound(*faults: dict[str, Any]) -> dict[str, Any]:
    return {
        "targetRef": {"kind": "Dataplane", "labels": {"app": "web"}},
        "rules": [{"default": {"http": list(faults)}}],
    }


def test_rest_ingestion_requires_each_faults_fields() -> None:
    spec = _inbound({"abort": {"httpStatus": 500}}, {"delay": {"percentage": 5}}, {"responseBandwidth": {}})
    assert problems(KIND, spec) == [
        ("spec.rules[0].default.http[0].abort.percentage", "in body is required"),
        ("spec.rules[0].default.http[1].delay.value", "in body is required"),
        ("spec.rules[0].default.http[2].responseBandwidth.limit", "in body is required"),
        ("spec.rules[0].default.http[2].responseBandwidth.percentage", "in body is required"),
    ]


def test_rules_need_a_default_in_rest_mode() -> None:
    assert problems(KIND, {"rules": [{"matches": [{"sni": {"type": "Exact", "value": "a.b"}}]}]}) == [
        ("spec.rules[0].default", "in body is required")
    ]


def test_valid_faults_keep_their_wire_shape() -> None:
    spec = _inbound(
        {"abort": {"httpStatus": 503, "percentage": "0.5"}, "delay": {"value": "150ms", "percentage": 100}},
        {"responseBandwidth": {"limit": "10 Mbps", "percentage": 1}, "jitter": "1s"},
    )
    result = ingest(KIND, spec)
    assert result.violations == []
    assert result.spec["rules"][0]["default"]["http"][1] == {
        "responseBandwidth": {"limit": "10 Mbps", "percentage": 1}
    }


def test_bandwidth_units() -> None:
    def limit_problems(limit: str) -> list[tuple[str, str]]:
        return problems(KIND, _inbound({"responseBandwidth": {"limit": limit, "percentage": 5}}))

    for good in ("1kbps", "250Mbps", "1 Gbps", "kbps"):
        assert limit_problems(good) == [], good
    field = "spec.rules[0].default.http.responseBandwidth[0].limit"  # Kuma puts the index after the name
    for bad in ("10mbps", "10 MB", "10Mbps\n", "1.5Mbps"):
        assert limit_problems(bad) == [(field, "must be in kbps/Mbps/Gbps units")], bad
    assert limit_problems("") == [(field, "must be defined")]


def test_to_is_only_for_mesh_wide_policies_and_only_towards_mesh() -> None:
    to = [
        {
            "targetRef": {"kind": "MeshService", "labels": {"kuma.io/display-name": "b"}},
            "default": {"http": []},
        }
    ]
    assert problems(KIND, {"targetRef": {"kind": "Mesh"}, "to": to}) == [
        ("spec.to[0].targetRef.kind", "value 'MeshService' is not supported")
    ]
    assert problems(KIND, {"to": to}) == [
        ("spec.to[0].targetRef.kind", "value 'MeshService' is not supported")
    ]
    assert problems(KIND, {"targetRef": {"kind": "Dataplane"}, "to": to}) == [
        ("spec.to", "must not be defined")
    ]


def test_percentages_allow_zero_and_reject_out_of_range_decimals() -> None:
    spec = _inbound(
        {"abort": {"httpStatus": 418, "percentage": 0}}, {"delay": {"value": "1s", "percentage": "-0.1"}}
    )
    assert problems(KIND, spec) == [
        ("spec.rules[0].default.http.delay[1].percentage", "must be in inclusive range [0.0, 100.0]")
    ]


def test_decode_mode_reads_a_yaml_number_limit_as_text() -> None:
    assert problems(
        KIND, _inbound({"responseBandwidth": {"limit": 1000, "percentage": 5}}), mode="decode"
    ) == [("spec.rules[0].default.http.responseBandwidth[0].limit", "must be in kbps/Mbps/Gbps units")]
    assert problems(KIND, _inbound({"responseBandwidth": {"limit": 1000, "percentage": 5}})) == [
        ("spec.rules[0].default.http[0].responseBandwidth.limit", 'in body must be of type string: "number"')
    ]
