"""Types and validator rules shared by many kinds: TargetRef, Match, BackendRef, selectors.

Messages follow Kuma's validators word for word (see ``notes/kuma-policy-spec.md`` §2 and
Appendix A), so a violation we report reads like the one kuma-cp would return.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from decimal import Decimal
from typing import Annotated, Protocol

from pydantic import Field

from pulumi_kuma.model.base import (
    REQUIRED,
    Default,
    Duration,
    IntOrString,
    KumaModel,
    Length,
    OneOf,
    Pattern,
    Range,
)
from pulumi_kuma.model.decimal import parse_decimal
from pulumi_kuma.model.duration import InvalidDuration, parse_duration
from pulumi_kuma.model.names import dns1123_subdomain_errors
from pulumi_kuma.model.path import FieldPath
from pulumi_kuma.model.violations import Violations

# Specificity ranks of targetRef kinds (higher = more specific, applied later, wins).
KIND_RANK: dict[str, int] = {
    "Mesh": 1,
    "Dataplane": 2,
    "MeshSubset": 3,
    "MeshGateway": 4,
    "MeshService": 5,
    "MeshExternalService": 6,
    "MeshMultiZoneService": 7,
    "MeshServiceSubset": 8,
    "MeshHTTPRoute": 9,
}

TOP_LEVEL_KINDS = ("Mesh", "Dataplane")
OUTBOUND_KINDS = ("Mesh", "MeshService", "MeshExternalService", "MeshMultiZoneService", "MeshHTTPRoute")
GENERIC_KINDS = (*OUTBOUND_KINDS, "Dataplane")
BACKEND_KINDS = ("MeshService", "MeshExternalService", "MeshMultiZoneService")


class TargetRef(KumaModel):
    """A reference to what a policy (or one of its sections) applies to, selected by labels."""

    kind: Annotated[str, REQUIRED, OneOf(*GENERIC_KINDS)] = ""
    labels: dict[str, str] | None = None
    section_name: str | None = None


class TopLevelTargetRef(TargetRef):
    """The policy's top-level ``targetRef``: the whole mesh, or Dataplanes selected by labels."""

    kind: Annotated[str, REQUIRED, OneOf(*TOP_LEVEL_KINDS)] = ""


class OutboundTargetRef(TargetRef):
    """A ``to[].targetRef``: the destinations a conf applies to."""

    kind: Annotated[str, REQUIRED, OneOf(*OUTBOUND_KINDS)] = ""


def validate_target_ref(
    v: Violations,
    path: FieldPath,
    ref: TargetRef | None,
    allowed: Collection[str],
    *,
    inbound_policy: bool = False,
) -> None:
    """Kuma's ``ValidateTargetRef``: kind set and allowed, then the per-kind field rules."""
    if ref is None or not ref.kind:
        v.add(path.field("kind"), "must be defined")
        return
    if ref.kind not in allowed:
        v.add(path.field("kind"), f"value '{ref.kind}' is not supported")
        return
    kind = ref.kind
    if kind == "Mesh":
        if ref.labels:
            v.add(path.field("labels"), "must not be set with kind Mesh")
        if ref.section_name:
            v.add(path.field("sectionName"), "must not be set with kind Mesh")
    elif kind == "Dataplane":
        if ref.section_name and not inbound_policy:
            v.add(path.field("sectionName"), "can only be used with inbound policies")
    elif kind in ("MeshService", "MeshMultiZoneService"):
        if not ref.labels:
            v.add(path.field("labels"), f"must be set when kind is {kind}")
    elif kind in ("MeshExternalService", "MeshHTTPRoute"):
        if not ref.labels:
            v.add(path.field("labels"), f"must be set when kind is {kind}")
        if ref.section_name:
            v.add(path.field("sectionName"), f"must not be set with kind {kind}")


def top_level_ref(ref: TargetRef | None) -> TargetRef:
    """A missing top-level targetRef means the whole mesh."""
    return ref if ref is not None else TargetRef(kind="Mesh")


# --- Matches on the peer (inbound rules, MeshTrafficPermission) -----------------------------------


class SpiffeIdMatch(KumaModel):
    """Match the client certificate's SPIFFE ID exactly or by prefix."""

    type: Annotated[str, REQUIRED, OneOf("Exact", "Prefix")] = ""
    value: Annotated[str, REQUIRED] = ""


class SniMatch(KumaModel):
    """Match the TLS server name the client asked for."""

    type: Annotated[str, REQUIRED, OneOf("Exact")] = ""
    value: Annotated[str, REQUIRED] = ""


class Match(KumaModel):
    """Selects incoming traffic by the peer's SPIFFE ID and/or the SNI."""

    spiffe_id: Annotated[SpiffeIdMatch | None, Field(alias="spiffeID")] = None
    sni: SniMatch | None = None


_TRUST_DOMAIN_CHARS = re.compile(r"[a-z0-9._-]+")
_PATH_SEGMENT_CHARS = re.compile(r"[A-Za-z0-9._-]+")


def spiffe_id_error(value: str) -> str | None:
    """Why ``value`` is not a SPIFFE ID (go-spiffe's wording), or None when it is one."""
    if not value:
        return "cannot be empty"
    if not value.startswith("spiffe://"):
        return "scheme is missing or invalid"
    rest = value[len("spiffe://") :]
    trust_domain, slash, path = rest.partition("/")
    if not trust_domain:
        return "trust domain is missing"
    if not _TRUST_DOMAIN_CHARS.fullmatch(trust_domain):
        return (
            "trust domain characters are limited to lowercase letters, numbers, dots, dashes, and underscores"
        )
    if slash:
        segments = path.split("/")
        for i, segment in enumerate(segments):
            if segment == "":
                if i == len(segments) - 1:
                    return "path cannot have a trailing slash"
                return "path cannot contain empty segments"
            if segment in (".", ".."):
                return "path cannot contain dot segments"
            if not _PATH_SEGMENT_CHARS.fullmatch(segment):
                return (
                    "path segment characters are limited to letters, numbers, dots, dashes, and underscores"
                )
    return None


def validate_match(v: Violations, path: FieldPath, match: Match, *, require_one: bool = True) -> None:
    """Kuma's ``ValidateMatch`` for one ``matches[]`` / allow / deny entry."""
    if match.spiffe_id is None and match.sni is None:
        if require_one:
            v.add(path, "must specify at least one of 'spiffeID' or 'sni'")
        return
    if match.spiffe_id is not None:
        spiffe = match.spiffe_id
        if spiffe.type not in ("Exact", "Prefix"):
            if not spiffe.type:
                v.add(path.field("spiffeID").field("type"), "must be set")
            else:
                v.add(
                    path.field("spiffeID").field("type"),
                    f'unrecognized type "{spiffe.type}", supported values are: Exact, Prefix',
                )
        error = spiffe_id_error(spiffe.value)
        if error is not None and not (spiffe.type == "Prefix" and _is_valid_spiffe_prefix(spiffe.value)):
            v.add(path.field("spiffeID"), f"must be a valid Spiffe ID: {error}")
    if match.sni is not None:
        sni = match.sni
        if not sni.type:
            v.add(path.field("sni").field("type"), "must be set")
        elif sni.type != "Exact":
            v.add(
                path.field("sni").field("type"),
                f'unrecognized type "{sni.type}", supported values are: Exact',
            )
        if not sni.value:
            v.add(path.field("sni").field("value"), "must be set")
        else:
            for message in dns1123_subdomain_errors(sni.value):
                v.add(path.field("sni").field("value"), message)


def _is_valid_spiffe_prefix(value: str) -> bool:
    # A prefix may end with '/' (``spiffe://td/ns/``); it is valid when the ID without it is.
    return value.endswith("/") and spiffe_id_error(value.rstrip("/")) is None


# --- Backend references ---------------------------------------------------------------------------


class BackendRef(TargetRef):
    """A destination of a route or mirror: a service selected by labels, a weight and a port."""

    kind: Annotated[str, REQUIRED, OneOf(*GENERIC_KINDS)] = ""
    weight: Annotated[int | None, Default(1), Range(0, 4294967295)] = None
    port: int | None = None


def validate_backend_ref(v: Violations, path: FieldPath, ref: BackendRef | None) -> None:
    """BackendRef rules: service kinds only, MeshMultiZoneService needs a port, weight is uint32."""
    validate_target_ref(v, path, ref, BACKEND_KINDS)
    if ref is None:
        return
    if ref.kind == "MeshMultiZoneService" and ref.port is None:
        v.add(path.field("port"), "must be defined with kind MeshMultiZoneService")
    if ref.weight is not None and not 0 <= ref.weight <= 4294967295:
        v.add(path.field("weight"), "must be in inclusive range [0, 4294967295]")


class BackendResourceRef(KumaModel):
    """A reference to a MeshOpenTelemetryBackend by labels (observability backends)."""

    kind: Annotated[str, REQUIRED, OneOf("MeshOpenTelemetryBackend")] = ""
    labels: dict[str, str] | None = None


def validate_backend_resource_ref(v: Violations, path: FieldPath, ref: BackendResourceRef | None) -> None:
    """A backendRef must name kind MeshOpenTelemetryBackend and select it by labels."""
    if ref is None:
        v.add(path, "must be defined")
        return
    if ref.kind != "MeshOpenTelemetryBackend":
        v.add(path.field("kind"), '"kind" must be one of ["MeshOpenTelemetryBackend"]')
    if not ref.labels:
        v.add(path, "backendRef must have exactly one defined: labels")


class OpenTelemetryExport(Protocol):
    """A backend section that exports to a MeshOpenTelemetryBackend (MeshAccessLog, MeshMetric, MeshTrace)."""

    backend_ref: BackendResourceRef | None


def validate_open_telemetry_backend(v: Violations, path: FieldPath, otel: OpenTelemetryExport | None) -> None:
    """An ``openTelemetry`` backend must be defined and refer to its collector by ``backendRef``."""
    if otel is None:
        v.add(path, "must be defined")
    else:
        validate_backend_resource_ref(v, path.field("backendRef"), otel.backend_ref)


class LabelSelector(KumaModel):
    """Selects resources whose labels include every pair in ``matchLabels`` (empty = all)."""

    match_labels: dict[str, str] | None = None


def labels_match(selector: dict[str, str] | None, labels: dict[str, str]) -> bool:
    """True when every selector pair is present in ``labels``."""
    return all(labels.get(k) == val for k, val in (selector or {}).items())


# --- Headers --------------------------------------------------------------------------------------

HEADER_NAME_PATTERN = r"^[a-z0-9!#$%&'*+\-.^_\x60|~]+$"
HeaderName = Annotated[str, Length(1, 256), Pattern(HEADER_NAME_PATTERN)]
"""Kuma's ``HeaderName``: a lower-case RFC 7230 token of 1-256 characters."""


class HeaderKeyValue(KumaModel):
    """A header name and value (header modifiers)."""

    name: Annotated[HeaderName, REQUIRED] = ""
    value: Annotated[str, REQUIRED] = ""


HEADER_MATCH_TYPES = ("Exact", "Present", "RegularExpression", "Absent", "Prefix")


# Kuma's common HeaderMatch: MeshRetry's retriable headers and MeshHTTPRoute's header matches.
class HeaderMatch(KumaModel):
    """A header condition: ``Exact``, ``Prefix``, ``RegularExpression``, ``Present`` or ``Absent``."""

    type: Annotated[str | None, OneOf(*HEADER_MATCH_TYPES), Default("Exact")] = None
    name: Annotated[HeaderName, REQUIRED] = ""
    value: str | None = None


# --- Scalar rules used across kinds ---------------------------------------------------------------


def duration_ns(value: Duration | None) -> int | None:
    """A duration's nanoseconds, or None when absent or not parseable (the decoder reports that)."""
    if value is None:
        return None
    try:
        return parse_duration(value)
    except InvalidDuration:
        return None


def check_duration_positive(v: Violations, path: FieldPath, value: Duration | None) -> None:
    """Optional duration that, when set, must be > 0."""
    ns = duration_ns(value)
    if value is not None and (ns is None or ns <= 0):
        v.add(path, "must be greater than zero when defined")


def check_duration_not_negative(v: Violations, path: FieldPath, value: Duration | None) -> None:
    """Optional duration that, when set, must be >= 0."""
    ns = duration_ns(value)
    if value is not None and ns is not None and ns < 0:
        v.add(path, "must not be negative when defined")


def check_percentage(
    v: Violations, path: FieldPath, value: IntOrString | None, *, allow_zero: bool = True
) -> Decimal | None:
    """An int-or-decimal-string percentage in [0, 100] (exact arithmetic)."""
    if value is None:
        return None
    number = parse_decimal(value)
    if number is None:
        v.add(path, "string must be a valid number")
        return None
    if not allow_zero and number == 0:
        v.add(path, "must be greater than 0")
    elif number < 0 or number > 100:
        v.add(path, "must be in inclusive range [0.0, 100.0]")
    return number


def check_greater_than_zero(v: Violations, path: FieldPath, value: int | None) -> None:
    """Optional integer that, when set, must be > 0."""
    if value is not None and value <= 0:
        v.add(path, "must be greater than 0")


def check_port(v: Violations, path: FieldPath, value: int | None) -> None:
    """A port number must be 1..65535."""
    if value is None or not 1 <= value <= 65535:
        v.add(path, "port must be a valid (1-65535)")


def check_status_code(v: Violations, path: FieldPath, value: int | None) -> None:
    """An HTTP status code must be 100..599 (an absent one reads as 0, as in Go)."""
    if not 100 <= (value or 0) <= 599:
        v.add(path, "must be in inclusive range [100, 599]")
