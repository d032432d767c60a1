"""MeshHTTPRoute behaviour beyond Kuma's validator cases: REST ingestion, merge hooks, match hashes."""

from __future__ import annotations

from pulumi_kuma.controlplane.resolve.merge import MergeSpec, merge_confs
from pulumi_kuma.policies.meshhttproute import KIND, hash_matches, to_conf
from tests.policies.helpers import ingest, problems


def _route(rule: dict[str, object]) -> dict[str, object]:
    target = {"kind": "MeshService", "labels": {"kuma.io/display-name": "backend"}}
    return {"targetRef": {"kind": "Mesh"}, "to": [{"targetRef": target, "rules": [rule]}]}


def test_rest_ingestion_injects_defaults_and_checks_the_schema() -> None:
    rule = {
        "matches": [{"headers": [{"name": "x-version", "value": "2"}]}],
        "default": {
            "filters": [{"type": "RequestRedirect", "requestRedirect": {"scheme": "https"}}],
            "backendRefs": [{"kind": "MeshService", "labels": {"kuma.io/display-name": "v2"}}],
        },
    }
    result = ingest(KIND.name, _route(rule))
    assert result.violations == []
    stored = result.spec["to"][0]["rules"][0]
    assert stored["matches"][0]["headers"] == [{"type": "Exact", "name": "x-version", "value": "2"}]
    assert stored["default"]["filters"][0]["requestRedirect"] == {"scheme": "https", "statusCode": 302}
    assert stored["default"]["backendRefs"][0]["weight"] == 1


def test_rest_ingestion_rejects_what_the_schema_forbids() -> None:
    rule = {
        "matches": [{"path": {"type": "Exact", "value": "/"}, "method": "FETCH"}],
        "default": {"filters": [{"type": "RequestRedirect", "requestRedirect": {"statusCode": 304}}]},
    }
    assert problems(KIND.name, _route(rule)) == [
        (
            "spec.to[0].rules[0].matches[0].method",
            "in body should be one of [CONNECT DELETE GET HEAD OPTIONS PATCH POST PUT TRACE]",
        ),
        (
            "spec.to[0].rules[0].default.filters[0].requestRedirect.statusCode",
            "in body should be one of [301 302 303 307 308]",
        ),
    ]
    assert problems(KIND.name, _route({"matches": [], "default": {}})) == [
        ("spec.to[0].rules[0].matches", "in body should have at least 1 items")
    ]


def test_hash_matches_is_kumas_hash() -> None:
    # From Kuma's inspect golden meshhttproute_mzms_exclusive.golden.json
    assert (
        hash_matches([{"path": {"type": "Exact", "value": "/"}}])
        == "JNNc6//C3P17nUsOJm5f4kqG+U3v8pXhS0od9C3+oss="
    )
    # Field order does not matter (the hash follows Go's struct order), values do.
    a = hash_matches([{"method": "GET", "path": {"value": "/a", "type": "PathPrefix"}}])
    b = hash_matches([{"path": {"type": "PathPrefix", "value": "/a"}, "method": "GET"}])
    assert a == b != hash_matches([{"path": {"type": "PathPrefix", "value": "/b"}, "method": "GET"}])


def test_to_conf_reverses_rules_and_keeps_hostnames() -> None:
    first = {"matches": [{"path": {"type": "PathPrefix", "value": "/a"}}], "default": {}}
    second = {"matches": [{"path": {"type": "PathPrefix", "value": "/b"}}]}
    conf = to_conf({"targetRef": {}, "rules": [first, second], "hostnames": ["a.com"]})
    assert conf == {"rules": [{**second, "default": {}}, first], "hostnames": ["a.com"]}
    assert to_conf({"targetRef": {}}) == {}


def test_rules_with_equal_matches_merge_and_the_higher_priority_route_comes_first() -> None:
    # notes §3.12 E: r-low then r-high; equal matches merge, r-high's fields win, then rule order.
    a = [{"path": {"type": "PathPrefix", "value": "/a"}}]
    b = [{"path": {"type": "PathPrefix", "value": "/b"}}]
    low = to_conf(
        {
            "rules": [
                {"matches": a, "default": {"backendRefs": [{"kind": "MeshService", "weight": 1}]}},
                {"matches": b, "default": {"filters": [{"type": "X"}]}},
            ]
        }
    )
    high = to_conf({"rules": [{"matches": a, "default": {"filters": [{"type": "F"}]}}]})
    assert KIND.policy is not None
    merged = merge_confs([low, high], MergeSpec.of(KIND.policy))
    assert merged == [
        {
            "rules": [
                {
                    "matches": a,
                    "default": {
                        "backendRefs": [{"kind": "MeshService", "weight": 1}],
                        "filters": [{"type": "F"}],
                    },
                },
                {"matches": b, "default": {"filters": [{"type": "X"}]}},
            ]
        }
    ]
