"""HTTP filters and peer matchers the inbound policies share (fault injection, rate limits, logs).

* :func:`insert_before_router` / :func:`upsert_http_filter`: place HTTP filters in an HTTP
  connection manager ahead of the router, as Kuma's ``InsertHTTPFiltersBeforeRouter``;
* :func:`skip_unless_matched`: an ``ExtensionWithMatcher`` xDS matcher that skips a filter unless
  the peer matches one of Kuma's inbound ``Match`` items (SPIFFE ID on the peer's URI SAN, SNI);
  :func:`matches_predicate`: the predicate of such a list (RBAC matchers use it too);
* :func:`fractional_percent`: Kuma's ``ConvertPercentage`` (a percentage as a ``FractionalPercent``);
* :func:`match_cel`: the CEL expression of a ``Match`` (access log filters).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

from pulumi_kuma.envoy.peer_routes import sni_of, spiffe_of
from pulumi_kuma.envoy.types import ROUTER_FILTER, TYPE_PREFIX

EXTENSION_WITH_MATCHER_TYPE = TYPE_PREFIX + "envoy.extensions.common.matching.v3.ExtensionWithMatcher"
SKIP_FILTER_TYPE = TYPE_PREFIX + "envoy.extensions.filters.common.matcher.action.v3.SkipFilter"
URI_SAN_INPUT = "envoy.matching.inputs.uri_san"
URI_SAN_INPUT_TYPE = TYPE_PREFIX + "envoy.extensions.matching.common_inputs.ssl.v3.UriSanInput"
SERVER_NAME_INPUT = "envoy.matching.inputs.server_name"
SERVER_NAME_INPUT_TYPE = TYPE_PREFIX + "envoy.extensions.matching.common_inputs.network.v3.ServerNameInput"


def insert_before_router(hcm: dict[str, Any], filters: Sequence[dict[str, Any]]) -> None:
    """Put ``filters`` in front of the router (at the end when the HCM has no router)."""
    http_filters: list[dict[str, Any]] = hcm.setdefault("httpFilters", [])
    for index, existing in enumerate(http_filters):
        if existing.get("name") == ROUTER_FILTER:
            http_filters[index:index] = list(filters)
            return
    http_filters.extend(filters)


def upsert_http_filter(hcm: dict[str, Any], http_filter: dict[str, Any]) -> None:
    """Replace the HTTP filter of the same name, or insert it before the router."""
    http_filters: list[dict[str, Any]] = hcm.setdefault("httpFilters", [])
    for index, existing in enumerate(http_filters):
        if existing.get("name") == http_filter.get("name"):
            http_filters[index] = http_filter
            return
    insert_before_router(hcm, [http_filter])


# --- peer matching --------------------------------------------------------------------------------


def _single_predicate(name: str, type_url: str, value_match: dict[str, Any]) -> dict[str, Any]:
    return {
        "singlePredicate": {
            "input": {"name": name, "typedConfig": {"@type": type_url}},
            "valueMatch": value_match,
        }
    }


def _match_predicate(match: Mapping[str, Any]) -> dict[str, Any] | None:
    """One ``Match`` as a predicate: its SPIFFE ID and SNI conditions, all of them (``and``)."""
    parts = []
    spiffe = spiffe_of(match)
    if spiffe is not None:
        kind = {"Exact": "exact", "Prefix": "prefix"}.get(str(spiffe.get("type")))
        value_match = {kind: str(spiffe.get("value", ""))} if kind else {}
        parts.append(_single_predicate(URI_SAN_INPUT, URI_SAN_INPUT_TYPE, value_match))
    sni = sni_of(match)
    if sni is not None:
        parts.append(
            _single_predicate(SERVER_NAME_INPUT, SERVER_NAME_INPUT_TYPE, {"exact": str(sni.get("value", ""))})
        )
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else {"andMatcher": {"predicate": parts}}


def matches_predicate(matches: Sequence[Mapping[str, Any]]) -> dict[str, Any] | None:
    """Kuma's predicate of a list of ``Match`` items: true when the peer satisfies any of them (an
    ``orMatcher`` of several); None when no item names a SPIFFE ID or an SNI."""
    predicates = [p for p in (_match_predicate(m) for m in matches) if p is not None]
    if not predicates:
        return None
    return predicates[0] if len(predicates) == 1 else {"orMatcher": {"predicate": predicates}}


def skip_unless_matched(matches: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Kuma's ``NotMatches(matches, SkipFilter)`` xDS matcher: the filter is skipped for peers that
    match none of ``matches``; with no matches (a catch-all rule) the matcher is empty and the
    filter always runs."""
    combined = matches_predicate(matches)
    if combined is None:
        return {}
    return {
        "matcherList": {
            "matchers": [
                {
                    "predicate": {"notMatcher": combined},
                    "onMatch": {"action": {"name": "skip", "typedConfig": {"@type": SKIP_FILTER_TYPE}}},
                }
            ]
        }
    }


def match_cel(match: Mapping[str, Any] | None) -> str:
    """Kuma's ``MatchToCEL``: a CEL expression true when the connection satisfies ``match``
    (empty for a catch-all rule)."""
    if not match:
        return ""
    parts = []
    spiffe = spiffe_of(match)
    if spiffe is not None:
        value = json.dumps(str(spiffe.get("value", "")))
        if spiffe.get("type") == "Exact":
            parts.append(f"connection.uri_san_peer_certificate == {value}")
        elif spiffe.get("type") == "Prefix":
            parts.append(f"connection.uri_san_peer_certificate.startsWith({value})")
    sni = sni_of(match)
    if sni is not None and sni.get("type", "Exact") == "Exact":
        parts.append(f"connection.requested_server_name == {json.dumps(str(sni.get('value', '')))}")
    return " && ".join(parts)


# --- numbers --------------------------------------------------------------------------------------


def fractional_percent(value: float) -> dict[str, Any]:
    """Kuma's ``ConvertPercentage``: whole percentages over a hundred, two decimals over ten
    thousand, anything finer over a million (HUNDRED, the default denominator, is left out)."""
    if math.floor(value) == value:
        return {"numerator": int(value)}
    hundredth = 100 * value
    if math.floor(hundredth) == hundredth:
        return {"denominator": "TEN_THOUSAND", "numerator": int(hundredth)}
    return {"denominator": "MILLION", "numerator": round(10_000 * value)}
