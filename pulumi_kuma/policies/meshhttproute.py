"""MeshHTTPRoute: HTTP routing to mesh destinations: matches, filters, weighted backends.

A route's ``to[]`` item names the destination it routes for (a MeshService, MeshExternalService or
MeshMultiZoneService) and holds ``rules``: each rule matches requests (path, method, headers, query
parameters) and says where they go (``backendRefs``) and how they are changed (``filters``).

Merging (``notes/kuma-policy-spec.md`` §3.10): a ``to[]`` item's conf is its rules reversed; rules
of several routes with equal ``matches`` merge into one rule (higher priority wins field by field),
and the merged list is reversed back so the highest-priority route's rules come first.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import ipaddress
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cmp_to_key
from typing import Annotated, Any

from pulumi_kuma.envoy import (
    Destination,
    ProxyContext,
    ProxyResources,
    http_connection_managers,
    route_action,
    virtual_hosts,
)
from pulumi_kuma.envoy.backends import Backend, BackendResolver, ref_weight
from pulumi_kuma.envoy.hooks import ENVOY_CONFIGURER
from pulumi_kuma.envoy.names import DEFAULT_ROUTE_NAME, NAMESPACE_LABEL, rule_section
from pulumi_kuma.envoy.names import kri as make_kri
from pulumi_kuma.model.base import (
    REQUIRED,
    Default,
    IntOrString,
    Items,
    KumaModel,
    Length,
    OneOf,
    Pattern,
    Range,
)
from pulumi_kuma.model.common import (
    BACKEND_KINDS,
    HEADER_NAME_PATTERN,
    TOP_LEVEL_KINDS,
    BackendRef,
    OutboundTargetRef,
    TopLevelTargetRef,
    validate_backend_ref,
    validate_target_ref,
)
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.names import dns1123_subdomain_errors
from pulumi_kuma.model.path import FieldPath
from pulumi_kuma.model.policy import to_path, validate_top_level
from pulumi_kuma.model.registry import (
    DestinationTraits,
    KindDescriptor,
    PolicyTraits,
    Scope,
    Section,
    ValidationContext,
)
from pulumi_kuma.model.rules import KindRules, ResourceRule
from pulumi_kuma.model.rules import Origin as RuleOrigin
from pulumi_kuma.model.violations import Violations

_PRECISE_HOSTNAME_PATTERN = r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"
_HTTP_METHODS = ("CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE")
_FILTER_TYPES = (
    "RequestHeaderModifier",
    "ResponseHeaderModifier",
    "RequestRedirect",
    "URLRewrite",
    "RequestMirror",
)

HttpHeaderName = Annotated[str, REQUIRED, Length(1, 256), Pattern(HEADER_NAME_PATTERN)]
PreciseHostname = Annotated[str | None, Length(1, 253), Pattern(_PRECISE_HOSTNAME_PATTERN)]


# --- Matches --------------------------------------------------------------------------------------
# Field order follows Kuma's Go structs: the rule-origin hash is taken over their JSON.


class PathMatch(KumaModel):
    """Match the request path exactly, by ``/``-separated prefix, or by regular expression."""

    value: Annotated[str, REQUIRED, Length(1)] = ""
    type: Annotated[str, REQUIRED, OneOf("Exact", "PathPrefix", "RegularExpression")] = ""


class QueryParamsMatch(KumaModel):
    """Match one URL query parameter exactly or by regular expression."""

    type: Annotated[str, REQUIRED, OneOf("Exact", "RegularExpression")] = ""
    name: Annotated[str, REQUIRED, Length(1)] = ""
    value: Annotated[str, REQUIRED] = ""


class HeaderMatch(KumaModel):
    """Match one request header (names are lower case)."""

    type: Annotated[
        str | None, Default("Exact"), OneOf("Exact", "Present", "RegularExpression", "Absent", "Prefix")
    ] = None
    name: HttpHeaderName = ""
    value: str | None = None


class HttpRouteMatch(KumaModel):
    """One way a request can match a rule; all given conditions must hold."""

    path: PathMatch | None = None
    method: Annotated[str | None, OneOf(*_HTTP_METHODS)] = None
    query_params: list[QueryParamsMatch] | None = None
    headers: list[HeaderMatch] | None = None


# --- Filters --------------------------------------------------------------------------------------


class HttpHeaderKeyValue(KumaModel):
    """A header name and value set or added by a header modifier."""

    name: HttpHeaderName = ""
    value: Annotated[str, REQUIRED] = ""


class HeaderModifier(KumaModel):
    """Set, add or remove request or response headers (one action per header name)."""

    set: Annotated[list[HttpHeaderKeyValue] | None, Items(max_items=16)] = None
    add: Annotated[list[HttpHeaderKeyValue] | None, Items(max_items=16)] = None
    remove: Annotated[list[str] | None, Items(max_items=16)] = None


class PathRewrite(KumaModel):
    """Replace the whole path or the matched prefix."""

    type: Annotated[str, REQUIRED, OneOf("ReplaceFullPath", "ReplacePrefixMatch")] = ""
    replace_full_path: str | None = None
    replace_prefix_match: str | None = None


class RequestRedirect(KumaModel):
    """Answer with a redirect instead of forwarding the request."""

    scheme: Annotated[str | None, OneOf("http", "https")] = None
    hostname: PreciseHostname = None
    path: PathRewrite | None = None
    port: Annotated[int | None, Range(1, 65535)] = None
    status_code: Annotated[int | None, Default(302), OneOf(301, 302, 303, 307, 308)] = None


class UrlRewrite(KumaModel):
    """Rewrite the host header and/or the path before forwarding."""

    hostname: PreciseHostname = None
    path: PathRewrite | None = None
    host_to_backend_hostname: bool | None = None


class RequestMirror(KumaModel):
    """Send a copy of (a percentage of) the requests to another backend."""

    percentage: IntOrString | None = None
    backend_ref: Annotated[BackendRef | None, REQUIRED] = None


class HttpFilter(KumaModel):
    """One filter; ``type`` says which of the sub-objects is used."""

    type: Annotated[str, REQUIRED, OneOf(*_FILTER_TYPES)] = ""
    request_header_modifier: HeaderModifier | None = None
    response_header_modifier: HeaderModifier | None = None
    request_redirect: RequestRedirect | None = None
    url_rewrite: UrlRewrite | None = None
    request_mirror: RequestMirror | None = None


# --- Rules and spec -------------------------------------------------------------------------------


class RuleConf(KumaModel):
    """What happens to matched requests: filters, then the weighted backends (default: the destination)."""

    filters: list[HttpFilter] | None = None
    backend_refs: list[BackendRef] | None = None


class HttpRouteRule(KumaModel):
    """A routing rule: the requests it matches and what happens to them."""

    matches: Annotated[list[HttpRouteMatch] | None, REQUIRED, Items(min_items=1)] = None
    default: Annotated[RuleConf | None, REQUIRED] = None


class HttpRouteTo(KumaModel):
    """The rules for traffic to one destination."""

    hostnames: list[str] | None = None
    target_ref: Annotated[OutboundTargetRef | None, REQUIRED] = None
    rules: Annotated[list[HttpRouteRule] | None, REQUIRED] = None


class MeshHTTPRouteSpec(KumaModel):
    """The MeshHTTPRoute spec: which proxies route (``targetRef``) and the rules per destination (``to``)."""

    target_ref: TopLevelTargetRef | None = None
    to: list[HttpRouteTo] | None = None


# --- Validation -----------------------------------------------------------------------------------

_IPV4_SLOPPY = re.compile(r"(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})")


def _is_ip(value: str) -> bool:
    """Go's ``ParseIPSloppy``: IPv6, or IPv4 whose octets may have leading zeros."""
    match = _IPV4_SLOPPY.fullmatch(value)
    if match is not None:
        return all(int(octet) <= 255 for octet in match.groups())
    try:
        ipaddress.IPv6Address(value)
    except ValueError:
        return False
    return True


def _validate_hostname(v: Violations, path: FieldPath, hostname: str | None) -> None:
    if hostname is None:
        return
    if _is_ip(hostname):
        v.add(path, "cannot be an IP address")
        return
    for message in dns1123_subdomain_errors(hostname):
        v.add(path, message)


def _validate_path_match(v: Violations, path: FieldPath, match: PathMatch | None) -> None:
    if match is None:
        return
    value_path = path.field("value")
    if match.type == "PathPrefix":
        if match.value == "/":
            return
        if match.value.endswith("/"):
            v.add(
                value_path,
                "does not need a trailing slash because only a `/`-separated prefix or an entire path is matched",
            )
        if not match.value.startswith("/"):
            v.add(value_path, "must be an absolute path")
    elif match.type == "Exact" and not match.value.startswith("/"):
        v.add(value_path, "must be an absolute path")


def _validate_matches(v: Violations, path: FieldPath, matches: list[HttpRouteMatch]) -> None:
    for k, match in enumerate(matches):
        mpath = path.index(k)
        _validate_path_match(v, mpath.field("path"), match.path)
        seen: set[str] = set()
        for n, param in enumerate(match.query_params or []):
            if param.name in seen:
                v.add(
                    mpath.field("queryParams").index(n).field("name"),
                    f"multiple entries for name {param.name}",
                )
            seen.add(param.name)
        for n, header in enumerate(match.headers or []):
            if header.type in ("Present", "Absent") and header.value:
                v.add(mpath.field("headers").index(n).field("value"), "must not be defined")


def _validate_header_modifier(v: Violations, path: FieldPath, modifier: HeaderModifier) -> None:
    if modifier.set is None and modifier.add is None and modifier.remove is None:
        v.add(path, "must have at least one defined: set, add, remove")
        return
    seen: set[str] = set()

    def add(entry_path: FieldPath, name: str) -> None:
        """Record a header name; a repeat is a violation at the entry's ``name``."""
        if name in seen:
            v.add(entry_path.field("name"), "duplicate header name")
        seen.add(name)

    for n, header in enumerate(modifier.set or []):
        add(path.field("set").index(n), header.name)
    for n, header in enumerate(modifier.add or []):
        add(path.field("add").index(n), header.name)
    for n, name in enumerate(modifier.remove or []):
        add(path.field("remove").index(n), name)


def _all_matches_are_prefixes(matches: list[HttpRouteMatch]) -> bool:
    return all(m.path is not None and m.path.type == "PathPrefix" for m in matches)


def _validate_filters(
    v: Violations, path: FieldPath, filters: list[HttpFilter], matches: list[HttpRouteMatch]
) -> None:
    prefix_only = "can only appear if all matches match a path prefix"
    for n, item in enumerate(filters):
        fpath = path.index(n)
        if item.type == "RequestHeaderModifier":
            if item.request_header_modifier is None:
                v.add(fpath.field("requestHeaderModifier"), "must be defined")
            else:
                _validate_header_modifier(
                    v, fpath.field("requestHeaderModifier"), item.request_header_modifier
                )
        elif item.type == "ResponseHeaderModifier":
            if item.response_header_modifier is None:
                v.add(fpath.field("responseHeaderModifier"), "must be defined")
            else:
                _validate_header_modifier(
                    v, fpath.field("responseHeaderModifier"), item.response_header_modifier
                )
        elif item.type == "RequestRedirect":
            redirect = item.request_redirect
            rpath = fpath.field("requestRedirect")
            if redirect is None:
                v.add(rpath, "must be defined")
                continue
            if (
                redirect.path is not None
                and redirect.path.replace_prefix_match is not None
                and not _all_matches_are_prefixes(matches)
            ):
                v.add(rpath.field("path").field("replacePrefixMatch"), prefix_only)
            _validate_hostname(v, rpath.field("hostname"), redirect.hostname)
        elif item.type == "URLRewrite":
            rewrite = item.url_rewrite
            upath = fpath.field("urlRewrite")
            if rewrite is None:
                v.add(upath, "must be defined")
                continue
            if (
                rewrite.path is not None
                and rewrite.path.replace_prefix_match is not None
                and not _all_matches_are_prefixes(matches)
            ):
                v.add(upath.field("path").field("replacePrefixMatch"), prefix_only)
            _validate_hostname(v, upath.field("hostname"), rewrite.hostname)
            if rewrite.host_to_backend_hostname:
                v.add(upath.field("hostToBackendHostname"), "must not be set")
                if rewrite.hostname is not None:
                    v.add(upath.field("hostToBackendHostname"), "cannot be set together with hostname")
        elif item.type == "RequestMirror":
            mirror = item.request_mirror
            if mirror is None:
                v.add(fpath.field("requestMirror"), "must be defined")
                continue
            validate_backend_ref(v, fpath.field("requestMirror").field("backendRef"), mirror.backend_ref)


def validate(spec: MeshHTTPRouteSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshHTTPRoute validator."""
    v = Violations()
    validate_top_level(v, spec.target_ref, allowed=TOP_LEVEL_KINDS, inbound_policy=False)
    for i, item in enumerate(spec.to or []):
        path = to_path(i)
        validate_target_ref(v, path.field("targetRef"), item.target_ref, BACKEND_KINDS)
        for j, rule in enumerate(item.rules or []):
            rpath = path.field("rules").index(j)
            matches = rule.matches or []
            _validate_matches(v, rpath.field("matches"), matches)
            conf = rule.default or RuleConf()
            _validate_filters(v, rpath.field("default").field("filters"), conf.filters or [], matches)
            for n, ref in enumerate(conf.backend_refs or []):
                validate_backend_ref(v, rpath.field("default").field("backendRefs").index(n), ref)
        if item.hostnames:
            v.add(path.field("hostnames"), "must not be defined")
    return v.items


# --- Merge hooks ----------------------------------------------------------------------------------


def to_conf(item: dict[str, Any]) -> dict[str, Any]:
    """A ``to[]`` item's conf for the outbound merge: its rules reversed, and its hostnames.

    Reversing makes "later wins" (the merge order) agree with Gateway API's "first rule wins" once
    the merged list is reversed back (``reverse_after_merge``).
    """
    rules = [
        {"matches": rule.get("matches"), "default": rule.get("default", {})}
        for rule in item.get("rules") or []
    ]
    rules.reverse()
    conf: dict[str, Any] = {}
    if rules:
        conf["rules"] = rules
    if item.get("hostnames"):
        conf["hostnames"] = list(item["hostnames"])
    return conf


def _go_json(value: Any) -> str:
    """JSON as Go's ``encoding/json`` writes it: compact, UTF-8, HTML characters escaped."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _go_match(match: dict[str, Any]) -> dict[str, Any]:
    """One match in Go's field order with Go's ``omitempty`` rules."""
    out: dict[str, Any] = {}
    path = match.get("path")
    if path is not None:
        out["path"] = {"value": path.get("value", ""), "type": path.get("type", "")}
    if match.get("method") is not None:
        out["method"] = match["method"]
    if match.get("queryParams") is not None:
        out["queryParams"] = [
            {"type": q.get("type", ""), "name": q.get("name", ""), "value": q.get("value", "")}
            for q in match["queryParams"]
        ]
    if match.get("headers") is not None:
        headers = []
        for header in match["headers"]:
            entry: dict[str, Any] = {}
            if header.get("type") is not None:
                entry["type"] = header["type"]
            entry["name"] = header.get("name", "")
            if header.get("value"):
                entry["value"] = header["value"]
            headers.append(entry)
        out["headers"] = headers
    return out


def hash_matches(matches: Any) -> str:
    """Kuma's ``HashMatches``: base64 of the SHA-256 of the matches' Go JSON."""
    canonical = None if matches is None else [_go_match(m) for m in matches]
    digest = hashlib.sha256(_go_json(canonical).encode()).digest()
    return base64.b64encode(digest).decode()


# --- Envoy translation ----------------------------------------------------------------------------
#
# Kuma's MeshHTTPRoute plugin (``pkg/plugins/policies/meshhttproute/plugin``). For every outbound
# listener of an HTTP-like destination (http, http2, grpc) the virtual host's routes are rebuilt
# from the destination's merged rules:
#
# * every rule gives one route per match, stable-sorted by Gateway API precedence (path Exact >
#   PathPrefix > RegularExpression > none, longer first; then method; then more headers; then more
#   query parameters); a catch-all ``PathPrefix /`` route to the destination itself comes last unless
#   a rule has exactly that match;
# * a ``PathPrefix`` other than ``/`` becomes two Envoy matches (``path: /p`` and ``prefix: /p/``);
# * backends are the rule's backendRefs resolved to destination ports (each gets its EDS cluster and
#   load assignment), else the destination itself; a rule whose backendRefs all fail to resolve
#   answers 500, one where some fail answers 500 for their share of the weight;
# * routes are named after the rule's origin: ``kri_mhttpr_<mesh>_<zone>_<ns>_<route>_rule_<i>``,
#   which other policies' ``to: MeshHTTPRoute`` look up (``ProxyContext.route_conf``).
# Clusters no route sends traffic to any more are removed (Kuma builds only the named backends').

CATCH_ALL_MATCH: dict[str, Any] = {"path": {"value": "/", "type": "PathPrefix"}}
UNRESOLVED_STATUS = 500
DEFAULT_BACKEND_WEIGHT = 100
EXTERNAL_KIND = "MeshExternalService"
_REDIRECT_CODES = {
    301: "MOVED_PERMANENTLY",
    302: "FOUND",
    303: "SEE_OTHER",
    307: "TEMPORARY_REDIRECT",
    308: "PERMANENT_REDIRECT",
}
_DEFAULT_ENUMS = frozenset({"MOVED_PERMANENTLY", "HUNDRED"})
"""Enum values proto3 JSON leaves out (the zero value)."""


@dataclass
class _Route:
    """One rule match on its way to Envoy routes (Kuma's ``api.Route``)."""

    name: str
    match: dict[str, Any]
    filters: list[dict[str, Any]]
    backends: list[Backend]
    unresolved_weight: int = 0
    all_unresolved: bool = False
    mirrors: dict[int, Backend] = field(default_factory=dict)


def _compare_path(a: Any, b: Any) -> int:
    if a is not None and b is None:
        return -1
    if a is None and b is not None:
        return 1
    if a is None or b is None:
        return 0
    ta, tb = a.get("type"), b.get("type")
    if ta == tb:
        if ta in ("PathPrefix", "RegularExpression"):
            # a longer value is the more specific match
            return _cmp(len(str(b.get("value", ""))), len(str(a.get("value", ""))))
        return 0
    for kind in ("Exact", "PathPrefix", "RegularExpression"):
        if ta == kind:
            return -1
        if tb == kind:
            return 1
    return 0


def _cmp(a: int, b: int) -> int:
    return (a > b) - (a < b)


def compare_matches(a: Mapping[str, Any], b: Mapping[str, Any]) -> int:
    """Kuma's ``CompareMatch`` (Gateway API precedence): negative when ``a`` goes first."""
    result = _compare_path(a.get("path"), b.get("path"))
    if result:
        return result
    method_a, method_b = a.get("method") is not None, b.get("method") is not None
    if method_a != method_b:
        return -1 if method_a else 1
    result = _cmp(len(b.get("headers") or []), len(a.get("headers") or []))
    if result:
        return result
    return _cmp(len(b.get("queryParams") or []), len(a.get("queryParams") or []))


def _is_catch_all(match: Mapping[str, Any]) -> bool:
    present = {k: v for k, v in match.items() if v is not None}
    path = present.get("path")
    return (
        set(present) == {"path"}
        and isinstance(path, dict)
        and path.get("type") == "PathPrefix"
        and path.get("value") == "/"
    )


def _string_match(kind: str, value: str) -> dict[str, Any]:
    if kind == "RegularExpression":
        return {"safeRegex": {"regex": value}}
    if kind == "Prefix":
        return {"prefix": value}
    return {"exact": value}


def _header_matcher(header: Mapping[str, Any]) -> dict[str, Any]:
    """A header match as Envoy's ``HeaderMatcher`` (Kuma's ``routeHeadersMatch``)."""
    name = str(header.get("name", ""))
    kind = header.get("type") or "Exact"
    value = str(header.get("value") or "")
    if kind == "Present" or (kind == "Prefix" and not value):
        return {"name": name, "presentMatch": True}
    if kind == "Absent":
        return {"name": name, "presentMatch": False}
    return {"name": name, "stringMatch": _string_match(str(kind), value)}


def _path_matches(path: Mapping[str, Any]) -> list[dict[str, Any]]:
    value = str(path.get("value", ""))
    kind = path.get("type")
    if kind == "Exact":
        return [{"path": value}]
    if kind == "RegularExpression":
        return [{"safeRegex": {"regex": value}}]
    if value == "/":
        return [{"prefix": "/"}]
    # "/p" must match "/p" and "/p/..." but not "/pq": two matches (Envoy's path_separated_prefix
    # would rewrite "/p/x" with prefix_rewrite "/" to "//x").
    trimmed = value.rstrip("/")
    return [{"path": trimmed}, {"prefix": trimmed + "/"}]


def envoy_matches(match: Mapping[str, Any]) -> list[tuple[dict[str, Any], bool]]:
    """The Envoy route matches of one rule match, each with whether it came from a path prefix."""
    path = match.get("path")
    out = []
    for envoy_match in _path_matches(path) if isinstance(path, dict) else [{}]:
        headers: list[dict[str, Any]] = []
        if match.get("method") is not None:
            headers.append({"name": ":method", "stringMatch": {"exact": str(match["method"])}})
        seen_params: set[str] = set()
        params = []
        for param in match.get("queryParams") or []:
            name = str(param.get("name", ""))
            if name in seen_params:
                continue
            seen_params.add(name)
            params.append(
                {
                    "name": name,
                    "stringMatch": _string_match(str(param.get("type")), str(param.get("value", ""))),
                }
            )
        if params:
            envoy_match["queryParameters"] = params
        seen_headers: set[str] = set()
        for header in match.get("headers") or []:
            name = str(header.get("name", ""))
            if name in seen_headers:
                continue
            seen_headers.add(name)
            headers.append(_header_matcher(header))
        if headers:
            envoy_match["headers"] = headers
        prefix = isinstance(path, dict) and path.get("type") == "PathPrefix"
        out.append((envoy_match, prefix))
    return out


def convert_percentage(value: float) -> dict[str, Any]:
    """Kuma's ``ConvertPercentage``: a percentage as Envoy's ``FractionalPercent`` (per hundred, ten
    thousand or million; proto3 JSON leaves out the default denominator HUNDRED and zeros)."""
    if math.floor(value) == value:
        return _fractional(int(value), "HUNDRED")
    hundred_times = 100 * value
    if math.floor(hundred_times) == hundred_times:
        return _fractional(int(hundred_times), "TEN_THOUSAND")
    return _fractional(round(10_000 * value), "MILLION")


def _fractional(numerator: int, denominator: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if numerator:
        out["numerator"] = numerator
    if denominator not in _DEFAULT_ENUMS:
        out["denominator"] = denominator
    return out


def _unresolved_fraction(unresolved: int, backends: list[Backend]) -> dict[str, Any]:
    """The share of requests answered 500 for backendRefs that did not resolve."""
    total = unresolved + sum(b.weight for b in backends)
    for scale, denominator in ((100, "HUNDRED"), (10_000, "TEN_THOUSAND"), (1_000_000, "MILLION")):
        if (unresolved * scale) % total == 0:
            return _fractional(unresolved * scale // total, denominator)
    return convert_percentage(round(unresolved * 100 / total * 10_000) / 10_000)


def _decimal(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _header_options(modifier: Mapping[str, Any]) -> tuple[list[dict[str, Any]], list[str]]:
    options: list[dict[str, Any]] = []
    for action, items in (("OVERWRITE_IF_EXISTS_OR_ADD", modifier.get("set")), (None, modifier.get("add"))):
        for item in items or []:
            header = {"key": str(item.get("name", ""))}
            if item.get("value"):
                header["value"] = str(item["value"])
            option: dict[str, Any] = {"header": header}
            if action is not None:
                option["appendAction"] = action
            options.append(option)
    return options, [str(name) for name in modifier.get("remove") or []]


def _regex_rewrite(substitution: str) -> dict[str, Any]:
    return {"pattern": {"regex": ".*"}, "substitution": substitution}


def _path_rewrite(
    path: Mapping[str, Any], match: Mapping[str, Any], prefix_match: bool
) -> tuple[str, Any] | None:
    """The ``(field, value)`` a path rewrite or redirect sets: a full path is a regex rewrite; a
    prefix replacement rewrites the prefix of the ``prefix: /p/`` match and the whole ``path: /p``."""
    if path.get("type") == "ReplaceFullPath":
        return "regexRewrite", _regex_rewrite(str(path.get("replaceFullPath") or ""))
    if path.get("type") == "ReplacePrefixMatch" and prefix_match:
        replacement = str(path.get("replacePrefixMatch") or "")
        if match.get("path"):
            return "regexRewrite", _regex_rewrite(replacement)
        if match.get("prefix"):
            return "prefixRewrite", replacement
    return None


def _redirect(redirect: Mapping[str, Any], match: Mapping[str, Any], prefix_match: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if redirect.get("hostname"):
        out["hostRedirect"] = str(redirect["hostname"])
    if redirect.get("port"):
        out["portRedirect"] = int(redirect["port"])
    if redirect.get("scheme"):
        out["schemeRedirect"] = str(redirect["scheme"])
    path = redirect.get("path")
    if isinstance(path, dict):
        rewrite = _path_rewrite(path, match, prefix_match)
        if rewrite is not None:
            out[rewrite[0]] = rewrite[1]
    code = _REDIRECT_CODES.get(int(redirect.get("statusCode") or 302), "FOUND")
    if code not in _DEFAULT_ENUMS:
        out["responseCode"] = code
    return out


def _apply_filters(envoy_route: dict[str, Any], route: _Route, prefix_match: bool) -> None:
    """The rule's filters, in order, on one Envoy route (Kuma's filter configurers)."""
    match = envoy_route["match"]
    for index, item in enumerate(route.filters):
        kind = item.get("type")
        action = route_action(envoy_route)
        if kind in ("RequestHeaderModifier", "ResponseHeaderModifier"):
            key = "request" if kind == "RequestHeaderModifier" else "response"
            modifier = item.get(f"{key}HeaderModifier")
            if not isinstance(modifier, dict):
                continue
            options, removes = _header_options(modifier)
            if options:
                envoy_route.setdefault(f"{key}HeadersToAdd", []).extend(options)
            if removes:
                envoy_route.setdefault(f"{key}HeadersToRemove", []).extend(removes)
        elif kind == "RequestRedirect" and isinstance(item.get("requestRedirect"), dict):
            envoy_route.pop("route", None)
            envoy_route["redirect"] = _redirect(item["requestRedirect"], match, prefix_match)
        elif kind == "URLRewrite" and isinstance(item.get("urlRewrite"), dict) and action is not None:
            rewrite = item["urlRewrite"]
            if rewrite.get("hostname"):
                action.pop("autoHostRewrite", None)
                action["hostRewriteLiteral"] = str(rewrite["hostname"])
            path = rewrite.get("path")
            if isinstance(path, dict):
                found = _path_rewrite(path, match, prefix_match)
                if found is not None:
                    action[found[0]] = found[1]
        elif kind == "RequestMirror" and action is not None and index in route.mirrors:
            mirror = item.get("requestMirror") or {}
            policy: dict[str, Any] = {"cluster": route.mirrors[index].cluster_name}
            percentage = _decimal(mirror.get("percentage")) if mirror.get("percentage") is not None else None
            if percentage is not None:
                policy["runtimeFraction"] = {"defaultValue": convert_percentage(percentage)}
            action.setdefault("requestMirrorPolicies", []).append(policy)


def _route_action(backends: list[Backend]) -> dict[str, Any]:
    action: dict[str, Any] = {"timeout": "0s"}  # MeshTimeout sets the real one
    if len(backends) == 1:
        action["cluster"] = backends[0].cluster_name
    else:
        action["weightedClusters"] = {
            "clusters": [{"name": b.cluster_name, "weight": b.weight} for b in backends]
        }
    if any(b.destination.kind == EXTERNAL_KIND for b in backends):
        action["autoHostRewrite"] = True
    return action


def _direct_response(envoy_route: dict[str, Any]) -> dict[str, Any]:
    envoy_route.pop("route", None)
    envoy_route["directResponse"] = {"status": UNRESOLVED_STATUS, "body": {"inlineString": ""}}
    return envoy_route


def _envoy_route(route: _Route, match: dict[str, Any], prefix_match: bool) -> dict[str, Any]:
    envoy_route = {"match": match, "name": route.name, "route": _route_action(route.backends)}
    _apply_filters(envoy_route, route, prefix_match)
    return envoy_route


def envoy_routes(route: _Route) -> list[dict[str, Any]]:
    """The Envoy routes of one rule match (Kuma's ``RoutesConfigurer``)."""
    terminal = any(f.get("type") == "RequestRedirect" for f in route.filters)
    out = []
    for match, prefix_match in envoy_matches(route.match):
        if route.all_unresolved and not terminal:
            out.append(_direct_response(_envoy_route(route, match, prefix_match)))
            continue
        if route.unresolved_weight > 0 and not terminal:
            partial = copy.deepcopy(match)
            fraction = _unresolved_fraction(route.unresolved_weight, route.backends)
            partial["runtimeFraction"] = {"defaultValue": fraction}
            out.append(_direct_response(_envoy_route(route, partial, prefix_match)))
        out.append(_envoy_route(route, match, prefix_match))
    return out


def _namespace(policy: ResourceObject) -> str:
    return policy.labels.get(NAMESPACE_LABEL, "")


def _route_name(origin: RuleOrigin | None, rule_hash: str) -> str:
    if origin is None:
        return rule_hash
    policy = origin.policy
    return make_kri(
        KIND.short_name or "", policy.mesh or "", policy.labels, policy.name, rule_section(origin.rule_index)
    )


def _http_backend(resolver: BackendResolver, ref: Mapping[str, Any], namespace: str) -> Backend | None:
    """A backendRef that can carry the route's HTTP traffic (an HTTP-like port, weight > 0)."""
    backend = resolver.resolve(ref, namespace=namespace)
    if backend is None or backend.weight == 0 or not backend.destination.protocol.is_http:
        return None
    return backend


def prepare_routes(
    resolver: BackendResolver, rule: ResourceRule | None, destination: Destination
) -> list[_Route]:
    """The destination's routes in Envoy order (Kuma's ``prepareRoutes``)."""
    conf = rule.conf[0] if rule is not None and rule.conf else None
    api_rules = conf.get("rules") if isinstance(conf, dict) else None
    origins = rule.origin_by_matches if rule is not None else {}
    routes: list[_Route] = []
    for api_rule in api_rules or []:
        default = api_rule.get("default") or {}
        filters = [f for f in default.get("filters") or [] if isinstance(f, dict)]
        refs = [r for r in default.get("backendRefs") or [] if isinstance(r, dict)]
        rule_hash = hash_matches(api_rule.get("matches"))
        origin = origins.get(rule_hash)
        namespace = _namespace(origin.policy) if origin is not None else ""
        name = _route_name(origin, rule_hash)
        mirrors = {}
        for index, item in enumerate(filters):
            mirror = item.get("requestMirror") if item.get("type") == "RequestMirror" else None
            if isinstance(mirror, dict) and isinstance(mirror.get("backendRef"), dict):
                backend = _http_backend(resolver, mirror["backendRef"], namespace)
                if backend is not None:
                    mirrors[index] = backend
        for match in api_rule.get("matches") or []:
            backends: list[Backend] = []
            unresolved = 0
            for ref in refs:
                backend = _http_backend(resolver, ref, namespace)
                if backend is None:
                    unresolved += ref_weight(ref)
                else:
                    backends.append(backend)
            routes.append(
                _Route(name, dict(match), filters, backends, unresolved, bool(refs) and not backends, mirrors)
            )
    routes.sort(key=cmp_to_key(lambda a, b: compare_matches(a.match, b.match)))
    if not any(_is_catch_all(r.match) for r in routes):
        routes.append(_Route(DEFAULT_ROUTE_NAME, copy.deepcopy(CATCH_ALL_MATCH), [], []))
    default_backend = Backend(destination, DEFAULT_BACKEND_WEIGHT)
    for route in routes:
        if route.match.get("path") is None:
            route.match["path"] = copy.deepcopy(CATCH_ALL_MATCH["path"])
        if not route.backends and not route.all_unresolved:
            route.backends = [default_backend]
    return routes


def configure_envoy(ctx: ProxyContext, rules: KindRules, resources: ProxyResources) -> None:
    """MeshHTTPRoute's Envoy translation (registered on :data:`KIND`)."""
    changed = False
    resolver = BackendResolver(ctx)
    for entry in resources.outbound_listeners():
        destination = entry.destination
        assert destination is not None
        if not destination.protocol.is_http:
            continue
        rule = rules.outbound.compute(destination.kri)
        if rule is None or not rule.conf:
            continue
        envoy_route_list: list[dict[str, Any]] = []
        for route in prepare_routes(resolver, rule, destination):
            for backend in [*route.backends, *route.mirrors.values()]:
                resources.add_destination(backend.destination)
            envoy_route_list.extend(envoy_routes(route))
        for hcm in http_connection_managers(entry.resource):
            hosts = virtual_hosts(hcm)
            if hosts:
                hosts[0]["routes"] = envoy_route_list
        changed = True
    if changed:
        resources.remove_unreferenced_destinations()


EXAMPLE: dict[str, Any] = {
    "targetRef": {"kind": "Mesh"},
    "to": [
        {
            "targetRef": {"kind": "MeshService", "labels": {"kuma.io/display-name": "backend"}},
            "rules": [
                {
                    "matches": [{"path": {"type": "PathPrefix", "value": "/v2"}}],
                    "default": {
                        "backendRefs": [
                            {
                                "kind": "MeshService",
                                "labels": {"kuma.io/display-name": "backend-v2"},
                                "weight": 90,
                            },
                            {
                                "kind": "MeshService",
                                "labels": {"kuma.io/display-name": "backend"},
                                "weight": 10,
                            },
                        ]
                    },
                }
            ],
        }
    ],
}

KIND = KindDescriptor(
    name="MeshHTTPRoute",
    plural="meshhttproutes",
    short_name="mhttpr",
    scope=Scope.MESH,
    spec_model=MeshHTTPRouteSpec,
    validate=validate,
    description=(
        "Routes HTTP requests to a destination by path, method, headers and query parameters: "
        "weighted backends for canaries and splits, header changes, redirects, rewrites and mirroring."
    ),
    policy=PolicyTraits(
        sections=frozenset({Section.TARGET_REF, Section.TO}),
        order=100,
        to_conf=to_conf,
        merge_by_key=("rules", "matches", "default"),
        merge_values="hostnames",
        reverse_after_merge="rules",
        matches_hash=hash_matches,
    ),
    destination=DestinationTraits(),
    example=EXAMPLE,
    extras={ENVOY_CONFIGURER: configure_envoy},
)
