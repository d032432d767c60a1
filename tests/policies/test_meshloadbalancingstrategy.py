"""MeshLoadBalancingStrategy behaviour beyond Kuma's validator cases."""

from __future__ import annotations

from typing import Any

from tests.policies.helpers import ingest, problems

KIND = "MeshLoadBalancingStrategy"


def _to(kind: str, default: dict[str, Any]) -> dict[str, Any]:
    return {
        "to": [{"targetRef": {"kind": kind, "labels": {"kuma.io/display-name": "svc"}}, "default": default}]
    }


def test_schema_bounds_and_enums() -> None:
    default = {
        "loadBalancer": {
            "type": "LeastRequest",
            "leastRequest": {"choiceCount": 1},
            "ringHash": {"hashFunction": "CityHash", "minRingSize": 0, "maxRingSize": 8000001},
            "maglev": {"tableSize": 5000012},
        },
        "hashPolicies": [{"type": "SourceIP"}, {"type": "Header", "header": {"name": ""}}],
    }
    base = "spec.to[0].default"
    assert problems(KIND, _to("MeshService", default)) == [
        (f"{base}.loadBalancer.leastRequest.choiceCount", "in body should be greater than or equal to 2"),
        (f"{base}.loadBalancer.ringHash.hashFunction", "in body should be one of [XXHash MurmurHash2]"),
        (f"{base}.loadBalancer.ringHash.minRingSize", "in body should be greater than or equal to 1"),
        (f"{base}.loadBalancer.ringHash.maxRingSize", "in body should be less than or equal to 8000000"),
        (f"{base}.loadBalancer.maglev.tableSize", "in body should be less than or equal to 5000011"),
        (
            f"{base}.hashPolicies[0].type",
            "in body should be one of [Header Cookie Connection QueryParameter FilterState]",
        ),
        (f"{base}.hashPolicies[1].header.name", "in body should be at least 1 chars long"),
    ]


def test_camel_case_exceptions_round_trip_source_ip_and_from() -> None:
    default = {
        "hashPolicies": [{"type": "Connection", "connection": {"sourceIP": True}}],
        "localityAwareness": {
            "crossZone": {
                "failover": [{"from": {"zones": ["east"]}, "to": {"type": "Only", "zones": ["west"]}}]
            }
        },
    }
    result = ingest(KIND, _to("MeshMultiZoneService", default))
    assert result.violations == []
    assert result.model is not None
    assert result.model.to_wire()["to"][0]["default"] == default


def test_empty_algorithm_objects_accept_any_object_and_drop_its_keys() -> None:
    result = ingest(
        KIND, _to("MeshService", {"loadBalancer": {"type": "RoundRobin", "roundRobin": {"weights": 1}}})
    )
    assert result.violations == []
    assert result.spec["to"][0]["default"]["loadBalancer"] == {"type": "RoundRobin", "roundRobin": {}}
    assert problems(KIND, _to("MeshService", {"loadBalancer": {"type": "Random", "random": "yes"}})) == [
        ("spec.to[0].default.loadBalancer.random", 'in body must be of type object: "string"')
    ]


def test_cross_zone_failover_is_for_multizone_and_external_services_only() -> None:
    cross = {"localityAwareness": {"crossZone": {"failover": [{"to": {"type": "Any"}}]}}}
    assert problems(KIND, _to("MeshMultiZoneService", cross)) == []
    assert problems(KIND, {"to": [{"targetRef": {"kind": "Mesh"}, "default": cross}]}) == []
    assert problems(KIND, _to("MeshService", cross)) == [
        ("spec.to[0].default.localityAwareness.crossZone", "must not be set: MeshService traffic is local")
    ]


def test_failover_threshold_is_a_nonzero_percentage() -> None:
    def threshold_problems(percentage: Any) -> list[tuple[str, str]]:
        default = {"localityAwareness": {"crossZone": {"failoverThreshold": {"percentage": percentage}}}}
        return problems(KIND, _to("MeshMultiZoneService", default))

    field = "spec.to[0].default.localityAwareness.crossZone.failoverThreshold.percentage"
    assert threshold_problems("0.01") == []
    assert threshold_problems(100) == []
    assert threshold_problems("0.0") == [(field, "must be greater than 0")]
    assert threshold_problems(101) == [(field, "must be in inclusive range [0.0, 100.0]")]


def test_least_request_bias_accepts_decimals_from_zero() -> None:
    def bias_problems(bias: Any) -> list[tuple[str, str]]:
        default = {"loadBalancer": {"type": "LeastRequest", "leastRequest": {"activeRequestBias": bias}}}
        return problems(KIND, _to("MeshService", default))

    field = "spec.to[0].default.loadBalancer.leastRequest.activeRequestBias"
    assert bias_problems(0) == []
    assert bias_problems("2.5") == []
    assert bias_problems("-0.5") == [(field, "must be greater or equal then: 0")]
    assert bias_problems("lots") == [(field, "string must be a valid number")]


def test_meshhttproute_takes_hash_policies_only_and_they_are_still_checked() -> None:
    default = {
        "hashPolicies": [{"type": "Cookie", "cookie": {"name": "s", "path": "relative"}}],
        "loadBalancer": {"type": "Maglev"},
    }
    assert problems(KIND, _to("MeshHTTPRoute", default)) == [
        ("spec.to[0].default.hashPolicies[0].cookie.path", "must be an absolute path"),
        (
            "spec.to[0].default.loadBalancer",
            "field is not allowed when targetRef.kind is MeshHTTPRoute, only hashPolicies is supported",
        ),
    ]


def test_top_level_section_name_is_rejected() -> None:
    spec = {"targetRef": {"kind": "Dataplane", "sectionName": "http"}, "to": []}
    assert problems(KIND, spec) == [("spec.targetRef.sectionName", "can only be used with inbound policies")]
