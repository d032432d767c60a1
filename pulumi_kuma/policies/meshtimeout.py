"""MeshTimeout: connection, idle and HTTP timeouts, outbound (``to``) and inbound (``rules``)."""

from __future__ import annotations

from typing import Any

from pulumi_kuma.model.base import Duration, KumaModel
from pulumi_kuma.model.common import (
    OUTBOUND_KINDS,
    TOP_LEVEL_KINDS,
    Match,
    TopLevelTargetRef,
    check_duration_not_negative,
    check_duration_positive,
    validate_match,
    validate_target_ref,
)
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.path import SPEC, FieldPath
from pulumi_kuma.model.policy import To, rules_path, to_path, validate_top_level
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext
from pulumi_kuma.model.violations import Violations


class MeshTimeoutHttp(KumaModel):
    """HTTP-specific timeouts. ``0`` disables a timeout."""

    request_timeout: Duration | None = None
    stream_idle_timeout: Duration | None = None
    max_stream_duration: Duration | None = None
    max_connection_duration: Duration | None = None
    request_headers_timeout: Duration | None = None


class MeshTimeoutConf(KumaModel):
    """Timeouts for a group of destinations or for incoming traffic."""

    connection_timeout: Duration | None = None
    idle_timeout: Duration | None = None
    http: MeshTimeoutHttp | None = None


class MeshTimeoutRule(KumaModel):
    """An inbound rule: timeouts for incoming traffic, optionally only for matching peers."""

    matches: list[Match] | None = None
    default: MeshTimeoutConf | None = None


class MeshTimeoutSpec(KumaModel):
    """The MeshTimeout spec: which proxies (``targetRef``), outbound ``to`` or inbound ``rules``."""

    target_ref: TopLevelTargetRef | None = None
    to: list[To[MeshTimeoutConf]] | None = None
    rules: list[MeshTimeoutRule] | None = None


_SPIFFE_FORBIDDEN = "can't be specified when matches contain spiffeID because this field cannot be conditioned on source identity"
_ROUTE_FORBIDDEN = "can't be specified when top-level TargetRef is referencing MeshHTTPRoute"


def _validate_conf(v: Violations, path: FieldPath, conf: MeshTimeoutConf | None, *, top_kind: str) -> None:
    if conf is None or (conf.connection_timeout is None and conf.idle_timeout is None and conf.http is None):
        v.add(path, "at least one timeout should be configured")
        return
    check_duration_positive(v, path.field("connectionTimeout"), conf.connection_timeout)
    check_duration_not_negative(v, path.field("idleTimeout"), conf.idle_timeout)
    http = conf.http
    if http is not None:
        hpath = path.field("http")
        if (
            http.request_timeout is None
            and http.stream_idle_timeout is None
            and http.max_stream_duration is None
            and http.max_connection_duration is None
        ):
            v.add(hpath, "at least one timeout in this section should be configured")
        check_duration_not_negative(v, hpath.field("requestTimeout"), http.request_timeout)
        check_duration_not_negative(v, hpath.field("streamIdleTimeout"), http.stream_idle_timeout)
        check_duration_not_negative(v, hpath.field("maxStreamDuration"), http.max_stream_duration)
        check_duration_not_negative(v, hpath.field("maxConnectionDuration"), http.max_connection_duration)
        check_duration_not_negative(v, hpath.field("requestHeadersTimeout"), http.request_headers_timeout)
    if top_kind == "MeshHTTPRoute":
        for field, value in (
            (path.field("connectionTimeout"), conf.connection_timeout),
            (path.field("idleTimeout"), conf.idle_timeout),
            (path.field("http").field("maxStreamDuration"), http.max_stream_duration if http else None),
            (
                path.field("http").field("maxConnectionDuration"),
                http.max_connection_duration if http else None,
            ),
        ):
            if value is not None:
                v.add(field, _ROUTE_FORBIDDEN)


def _validate_spiffe_conditioned(v: Violations, path: FieldPath, conf: MeshTimeoutConf | None) -> None:
    if conf is None:
        return
    http = conf.http
    for field, value in (
        (path.field("connectionTimeout"), conf.connection_timeout),
        (path.field("idleTimeout"), conf.idle_timeout),
        (path.field("http").field("requestHeadersTimeout"), http.request_headers_timeout if http else None),
        (path.field("http").field("maxStreamDuration"), http.max_stream_duration if http else None),
        (path.field("http").field("maxConnectionDuration"), http.max_connection_duration if http else None),
    ):
        if value is not None:
            v.add(field, _SPIFFE_FORBIDDEN)


def validate(spec: MeshTimeoutSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshTimeout validator."""
    v = Violations()
    top_kind = spec.target_ref.kind if spec.target_ref is not None else "Mesh"
    validate_top_level(v, spec.target_ref, allowed=TOP_LEVEL_KINDS, inbound_policy=bool(spec.rules))
    if spec.to and spec.rules:
        v.add(SPEC, "fields 'to' must be empty when 'rules' is defined")
    elif not spec.to and not spec.rules:
        v.add(SPEC, "at least one of 'to' or 'rules' has to be defined")
    allowed_to = ("Mesh", "MeshExternalService") if top_kind == "MeshHTTPRoute" else OUTBOUND_KINDS
    for i, item in enumerate(spec.to or []):
        validate_target_ref(v, to_path(i).field("targetRef"), item.target_ref, allowed_to)
        _validate_conf(v, to_path(i).field("default"), item.default, top_kind=top_kind)
    for i, rule in enumerate(spec.rules or []):
        path = rules_path(i)
        has_spiffe = False
        for j, match in enumerate(rule.matches or []):
            validate_match(v, path.field("matches").index(j), match)
            has_spiffe = has_spiffe or match.spiffe_id is not None
        _validate_conf(v, path.field("default"), rule.default, top_kind=top_kind)
        if has_spiffe:
            _validate_spiffe_conditioned(v, path.field("default"), rule.default)
    return v.items


EXAMPLE: dict[str, Any] = {
    "targetRef": {"kind": "Mesh"},
    "to": [
        {
            "targetRef": {"kind": "MeshService", "labels": {"kuma.io/display-name": "backend"}},
            "default": {"connectionTimeout": "2s", "idleTimeout": "20s", "http": {"requestTimeout": "5s"}},
        }
    ],
}

KIND = KindDescriptor(
    name="MeshTimeout",
    plural="meshtimeouts",
    short_name="mt",
    scope=Scope.MESH,
    spec_model=MeshTimeoutSpec,
    validate=validate,
    description=(
        "Sets connection, idle and HTTP timeouts so that requests fail fast instead of hanging: "
        "outbound per destination (`to`) or inbound per listener (`rules`)."
    ),
    policy=PolicyTraits(sections=frozenset({Section.TARGET_REF, Section.TO, Section.RULES}), order=1000),
    example=EXAMPLE,
)
