"""Inbound rules matched on the peer (SPIFFE ID, SNI), the way Kuma turns them into routes.

Policies whose inbound ``rules`` may match the client (MeshTimeout, MeshRateLimit) copy each route
of an inbound listener in front of itself, once per distinct match, with that match's conf; the
copies match on filter state that a ``set_filter_state`` network filter fills at the TLS handshake
(the peer's URI SAN and the requested server name). This module holds the pieces they share: match
helpers (specificity, one match covering another) and the filter state, under each policy's own keys.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pulumi_kuma.envoy.resources import network_filters

SET_FILTER_STATE = "envoy.filters.network.set_filter_state"
SET_FILTER_STATE_TYPE = "type.googleapis.com/envoy.extensions.filters.network.set_filter_state.v3.Config"


def spiffe_of(match: Any) -> Mapping[str, Any] | None:
    """A rule match's ``spiffeID`` (``{type, value}``), or None."""
    value = match.get("spiffeID") if isinstance(match, Mapping) else None
    return value if isinstance(value, Mapping) else None


def sni_of(match: Any) -> Mapping[str, Any] | None:
    """A rule match's ``sni`` (``{type, value}``), or None."""
    value = match.get("sni") if isinstance(match, Mapping) else None
    return value if isinstance(value, Mapping) else None


def specificity(match: Any) -> tuple[int, int, int]:
    """Kuma's ``CompareByMatch``, then the SPIFFE prefix length: higher is more specific."""
    spiffe = spiffe_of(match)
    score = {"Exact": 2, "Prefix": 1}.get(str(spiffe.get("type")), 0) if spiffe else -1
    prefix = len(str(spiffe.get("value", ""))) if spiffe and spiffe.get("type") == "Prefix" else 0
    return (score, 1 if sni_of(match) is not None else 0, prefix)


def same_match(a: Any, b: Any) -> bool:
    """Whether two matches select the same peers (same SPIFFE ID and SNI conditions)."""

    def key(match: Any) -> tuple[Any, ...]:
        spiffe, sni = spiffe_of(match), sni_of(match)
        return (
            (spiffe.get("type"), spiffe.get("value")) if spiffe else None,
            (sni.get("type"), sni.get("value")) if sni else None,
        )

    return key(a) == key(b)


def subsumes(candidate: Any, target: Any) -> bool:
    """Whether every peer ``target`` matches is matched by ``candidate`` too."""
    a, b = spiffe_of(candidate), spiffe_of(target)
    if a is None or b is None:
        return False
    if a.get("type") == "Exact":
        spiffe_ok = b.get("type") == "Exact" and a.get("value") == b.get("value")
    elif a.get("type") == "Prefix":
        spiffe_ok = str(b.get("value", "")).startswith(str(a.get("value", "")))
    else:
        spiffe_ok = False
    sni_a, sni_b = sni_of(candidate), sni_of(target)
    if sni_a is None:
        return spiffe_ok
    if sni_b is None:
        return False
    return spiffe_ok and sni_a.get("type") == sni_b.get("type") and sni_a.get("value") == sni_b.get("value")


def routes_to_a_cluster(action: Mapping[str, Any] | None) -> bool:
    """Whether a route action forwards to clusters (only such routes get per-peer copies)."""
    if action is None:
        return False
    if action.get("cluster") or action.get("clusterHeader"):
        return True
    weighted = action.get("weightedClusters")
    clusters = weighted.get("clusters") if isinstance(weighted, Mapping) else None
    if not isinstance(clusters, list) or not clusters:
        return False
    return all(c.get("name") or c.get("clusterHeader") for c in clusters)


def _state_value(key: str, format_string: str) -> dict[str, Any]:
    return {
        "objectKey": key,
        "factoryKey": "envoy.string",
        "formatString": {"textFormatSource": {"inlineString": format_string}},
        "readOnly": True,
        "skipIfEmpty": True,
    }


@dataclass(frozen=True, slots=True)
class PeerStateKeys:
    """The filter state keys one policy kind matches its route copies on."""

    spiffe_id: str
    sni: str

    def matchers(self, match: Any) -> list[dict[str, Any]]:
        """The route ``match.filterState`` entries for a rule match."""
        out = []
        spiffe = spiffe_of(match)
        if spiffe is not None:
            kind = "prefix" if spiffe.get("type") == "Prefix" else "exact"
            out.append({"key": self.spiffe_id, "stringMatch": {kind: spiffe.get("value", "")}})
        sni = sni_of(match)
        if sni is not None:
            out.append({"key": self.sni, "stringMatch": {"exact": sni.get("value", "")}})
        return out

    def ensure_filter_state(self, chain: dict[str, Any], matches: Iterable[Any]) -> None:
        """Have the chain's ``set_filter_state`` filter (first, added if missing) record what
        ``matches`` need at the TLS handshake, under these keys."""
        listed = list(matches)
        required = []
        if any(spiffe_of(match) is not None for match in listed):
            required.append(_state_value(self.spiffe_id, "%DOWNSTREAM_PEER_URI_SAN%"))
        if any(sni_of(match) is not None for match in listed):
            required.append(_state_value(self.sni, "%REQUESTED_SERVER_NAME%"))
        if not required:
            return
        for item in network_filters(chain, SET_FILTER_STATE):
            config = item.setdefault("typedConfig", {"@type": SET_FILTER_STATE_TYPE})
            values = config.setdefault("onDownstreamTlsHandshake", [])
            present = {v.get("objectKey") for v in values}
            values.extend(v for v in required if v["objectKey"] not in present)
            return
        config = {"@type": SET_FILTER_STATE_TYPE, "onDownstreamTlsHandshake": required}
        chain["filters"] = [{"name": SET_FILTER_STATE, "typedConfig": config}, *network_filters(chain)]
