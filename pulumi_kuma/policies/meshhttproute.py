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
import hashlib
import ipaddress
import json
import re
from typing import Annotated, Any

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
)
