"""MeshTCPRoute behaviour beyond Kuma's validator cases: REST ingestion and the merge hook."""

from __future__ import annotations

from pulumi_kuma.controlplane.resolve.merge import MergeSpec, merge_confs
from pulumi_kuma.policies.meshtcproute import KIND, to_conf
from tests.policies.helpers import ingest, problems

BACKEND = {"kind": "MeshService", "labels": {"kuma.io/display-name": "backend"}}


def test_rest_ingestion_requires_rules_and_defaults_weights() -> None:
    assert problems(KIND.name, {"to": [{"targetRef": BACKEND}]}) == [
        ("spec.to[0].rules", "in body is required")
    ]
    result = ingest(
        KIND.name, {"to": [{"targetRef": BACKEND, "rules": [{"default": {"backendRefs": [BACKEND]}}]}]}
    )
    assert result.violations == []
    assert result.spec["to"][0]["rules"][0]["default"]["backendRefs"][0]["weight"] == 1
    two_rules = {"default": {"backendRefs": [BACKEND]}}
    assert problems(KIND.name, {"to": [{"targetRef": BACKEND, "rules": [two_rules, two_rules]}]}) == [
        ("spec.to[0].rules", "in body should have at most 1 items")
    ]


def test_to_conf_is_the_rule_or_the_destination_itself() -> None:
    rule = {"default": {"backendRefs": [{**BACKEND, "weight": 3}]}}
    assert to_conf({"targetRef": BACKEND, "rules": [rule]}) == rule
    assert to_conf({"targetRef": BACKEND}) == {"default": {"backendRefs": [{**BACKEND, "weight": 1}]}}


def test_the_highest_priority_backend_list_wins() -> None:
    low = to_conf({"targetRef": BACKEND})
    high = to_conf({"targetRef": BACKEND, "rules": [{"default": {"backendRefs": [{"kind": "MeshService"}]}}]})
    assert merge_confs([low, high], MergeSpec.of(KIND.policy)) == [
        {"default": {"backendRefs": [{"kind": "MeshService"}]}}
    ]
