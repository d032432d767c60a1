"""HTTP filter placement, peer matchers and percentages shared by the inbound policies."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_kuma.envoy import filters

ROUTER = {"name": "envoy.filters.http.router"}


def test_filters_go_before_the_router_and_upsert_replaces() -> None:
    hcm: dict[str, Any] = {"httpFilters": [{"name": "a"}, ROUTER]}
    filters.insert_before_router(hcm, [{"name": "b"}, {"name": "c"}])
    assert [f["name"] for f in hcm["httpFilters"]] == ["a", "b", "c", ROUTER["name"]]
    filters.upsert_http_filter(hcm, {"name": "b", "typedConfig": {"x": 1}})
    assert hcm["httpFilters"][1] == {"name": "b", "typedConfig": {"x": 1}}
    filters.upsert_http_filter(hcm, {"name": "d"})
    assert [f["name"] for f in hcm["httpFilters"]] == ["a", "b", "c", "d", ROUTER["name"]]


def test_skip_matcher_for_several_matches_ors_them_and_ands_spiffe_with_sni() -> None:
    matcher = filters.skip_unless_matched(
        [
            {"spiffeID": {"type": "Exact", "value": "spiffe://a"}},
            {"spiffeID": {"type": "Prefix", "value": "spiffe://b/"}, "sni": {"type": "Exact", "value": "x"}},
        ]
    )
    [entry] = matcher["matcherList"]["matchers"]
    assert entry["onMatch"]["action"]["name"] == "skip"
    first, second = entry["predicate"]["notMatcher"]["orMatcher"]["predicate"]
    assert first["singlePredicate"]["valueMatch"] == {"exact": "spiffe://a"}
    spiffe, sni = second["andMatcher"]["predicate"]
    assert spiffe["singlePredicate"]["input"]["name"] == filters.URI_SAN_INPUT
    assert sni["singlePredicate"]["input"]["name"] == filters.SERVER_NAME_INPUT
    assert filters.skip_unless_matched([]) == {}


@pytest.mark.parametrize(
    ("value", "fraction"),
    [
        (12, {"numerator": 12}),
        (62.9, {"denominator": "TEN_THOUSAND", "numerator": 6290}),
        (0.125, {"denominator": "MILLION", "numerator": 1250}),
        (0, {"numerator": 0}),
    ],
)
def test_fractional_percent(value: float, fraction: dict[str, Any]) -> None:
    assert filters.fractional_percent(value) == fraction


def test_match_cel() -> None:
    assert filters.match_cel(None) == ""
    assert (
        filters.match_cel(
            {"spiffeID": {"type": "Prefix", "value": "spiffe://a/"}, "sni": {"type": "Exact", "value": "s"}}
        )
        == 'connection.uri_san_peer_certificate.startsWith("spiffe://a/") && connection.requested_server_name == "s"'
    )
