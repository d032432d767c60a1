"""MeshAccessLog: where proxies write access logs, outbound (``to``) or inbound (``rules``)."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import Field

from pulumi_kuma.model.addresses import is_url
from pulumi_kuma.model.base import REQUIRED, Default, JsonValue, KumaModel, Length, OneOf, Pattern
from pulumi_kuma.model.common import (
    OUTBOUND_KINDS,
    TOP_LEVEL_KINDS,
    BackendResourceRef,
    Match,
    TopLevelTargetRef,
    validate_match,
    validate_open_telemetry_backend,
)
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.formats import is_file_path, is_json
from pulumi_kuma.model.path import SPEC, FieldPath
from pulumi_kuma.model.policy import To, rules_path, validate_to, validate_top_level
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext
from pulumi_kuma.model.violations import Violations

BACKEND_TYPES = ("Tcp", "File", "OpenTelemetry")
FORMAT_TYPES = ("Plain", "Json")
OTEL_ATTRIBUTE_KEY_PATTERN = r"^[a-z]([a-z0-9]|[._][a-z0-9])*$"


class MeshAccessLogJsonField(KumaModel):
    """One key of a JSON log line and the value (usually an Envoy command operator) written under it."""

    key: Annotated[str, REQUIRED] = ""
    value: Annotated[str, REQUIRED] = ""


class MeshAccessLogFormat(KumaModel):
    """The shape of a log line: a ``Plain`` template, or ``Json`` key/value pairs."""

    type: Annotated[str, REQUIRED, OneOf(*FORMAT_TYPES)] = ""
    plain: str | None = None
    json_fields: Annotated[list[MeshAccessLogJsonField] | None, Field(alias="json")] = None
    omit_empty_values: Annotated[bool | None, Default(False)] = None


class MeshAccessLogTcpBackend(KumaModel):
    """Send log lines to a TCP collector (``host:port`` or a URL)."""

    format: MeshAccessLogFormat | None = None
    address: Annotated[str, REQUIRED, Length(1)] = ""


class MeshAccessLogFileBackend(KumaModel):
    """Append log lines to a file on the proxy's host."""

    format: MeshAccessLogFormat | None = None
    path: Annotated[str, REQUIRED, Length(1)] = ""


class MeshAccessLogOtelAttribute(KumaModel):
    """An OpenTelemetry log attribute: a static name and a value that may hold placeholders."""

    key: Annotated[str, REQUIRED, Pattern(OTEL_ATTRIBUTE_KEY_PATTERN)] = ""
    value: Annotated[str, REQUIRED] = ""


class MeshAccessLogOtelBackend(KumaModel):
    """Export log records to the collector of a MeshOpenTelemetryBackend."""

    attributes: list[MeshAccessLogOtelAttribute] | None = None
    body: JsonValue = None
    backend_ref: BackendResourceRef | None = None


class MeshAccessLogBackend(KumaModel):
    """One log destination; ``type`` says which of ``tcp``, ``file``, ``openTelemetry`` is used."""

    type: Annotated[str, REQUIRED, OneOf(*BACKEND_TYPES)] = ""
    tcp: MeshAccessLogTcpBackend | None = None
    file: MeshAccessLogFileBackend | None = None
    open_telemetry: MeshAccessLogOtelBackend | None = None


class MeshAccessLogConf(KumaModel):
    """The log destinations for the selected traffic (an empty list turns logging off)."""

    backends: list[MeshAccessLogBackend] | None = None


class MeshAccessLogTo(To[MeshAccessLogConf]):
    """An outbound entry: destinations and where their traffic is logged."""

    default: Annotated[MeshAccessLogConf | None, REQUIRED] = None


class MeshAccessLogRule(KumaModel):
    """An inbound rule: log incoming traffic, optionally only from matching peers."""

    matches: list[Match] | None = None
    default: Annotated[MeshAccessLogConf | None, REQUIRED] = None


class MeshAccessLogSpec(KumaModel):
    """The MeshAccessLog spec: which proxies (``targetRef``), outbound ``to`` or inbound ``rules``."""

    target_ref: TopLevelTargetRef | None = None
    to: list[MeshAccessLogTo] | None = None
    rules: list[MeshAccessLogRule] | None = None


_OTEL_ATTRIBUTE_KEY = re.compile(OTEL_ATTRIBUTE_KEY_PATTERN.removeprefix("^").removesuffix("$"))


def _validate_otel_attribute_key(v: Violations, path: FieldPath, key: str) -> None:
    # Only the first failing rule is reported, as in Kuma.
    if not key:
        v.add(path, "must be defined")
    elif "%" in key:
        v.add(
            path, "must be a static OpenTelemetry attribute name; placeholders are only supported in values"
        )
    elif key.startswith("otel."):
        v.add(path, "must not use the reserved OpenTelemetry prefix 'otel.'")
    elif not _OTEL_ATTRIBUTE_KEY.fullmatch(key):
        v.add(
            path,
            "must start with a lowercase letter, use only lowercase letters, digits, '.' or '_', "
            "avoid consecutive delimiters, and end with a letter or digit",
        )


def _validate_format(v: Violations, path: FieldPath, fmt: MeshAccessLogFormat) -> None:
    if fmt.type == "Plain":
        if fmt.plain is None:
            v.add(path.field("plain"), "must be defined")
        elif not fmt.plain:
            v.add(path.field("plain"), "must not be empty")
    elif fmt.type == "Json":
        json_path = path.field("json")
        if fmt.json_fields is None:
            v.add(json_path, "must be defined")
            return
        if not fmt.json_fields:
            v.add(json_path, "must not be empty")
        for k, item in enumerate(fmt.json_fields):
            if not item.key:
                v.add(json_path.index(k).field("key"), "key cannot be empty")
            if not item.value:
                v.add(json_path.index(k).field("value"), "value cannot be empty")
            # Kuma pastes key and value into a JSON object as they are, without escaping.
            if not is_json(f'{{"{item.key}": "{item.value}"}}'):
                v.add(json_path.index(k), "is not a valid JSON object")
    else:  # Kuma's validator panics here; on the REST path the schema enum rejects it first
        v.add(path.field("type"), f"must be one of: {', '.join(FORMAT_TYPES)}")


def _validate_backend(v: Violations, path: FieldPath, backend: MeshAccessLogBackend) -> None:
    if backend.type == "File":
        file_path = path.field("file")
        if backend.file is None:
            v.add(file_path, "must be defined")
            return
        if backend.file.format is not None:
            _validate_format(v, file_path.field("format"), backend.file.format)
        if not is_file_path(backend.file.path):
            v.add(file_path.field("path"), "file backend requires a valid path")
    elif backend.type == "Tcp":
        tcp_path = path.field("tcp")
        if backend.tcp is None:
            v.add(tcp_path, "must be defined")
            return
        if backend.tcp.format is not None:
            _validate_format(v, tcp_path.field("format"), backend.tcp.format)
        if not is_url(backend.tcp.address):
            v.add(tcp_path.field("address"), "tcp backend requires valid address")
    elif backend.type == "OpenTelemetry":
        otel_path = path.field("openTelemetry")
        otel = backend.open_telemetry
        validate_open_telemetry_backend(v, otel_path, otel)
        for j, attribute in enumerate((otel.attributes if otel is not None else None) or []):
            _validate_otel_attribute_key(
                v, otel_path.field("attributes").index(j).field("key"), attribute.key
            )
    else:  # Kuma's validator panics here; on the REST path the schema enum rejects it first
        v.add(path.field("type"), f"must be one of: {', '.join(BACKEND_TYPES)}")


def _validate_conf(v: Violations, path: FieldPath, conf: MeshAccessLogConf | None) -> None:
    backends = conf.backends if conf is not None else None
    if backends is None:
        v.add(path.field("backends"), "must be defined")
        return
    for k, backend in enumerate(backends):
        _validate_backend(v, path.field("backends").index(k), backend)


def validate(spec: MeshAccessLogSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshAccessLog validator."""
    v = Violations()
    validate_top_level(v, spec.target_ref, allowed=TOP_LEVEL_KINDS, inbound_policy=bool(spec.rules))
    if spec.rules and spec.to:
        v.add(SPEC, "'to' must be empty when 'rules' is defined")
    if not spec.rules and not spec.to:
        v.add(SPEC, "at least one of 'to' or 'rules' has to be defined")
    validate_to(v, spec.to, OUTBOUND_KINDS, _validate_conf)
    for i, rule in enumerate(spec.rules or []):
        for j, match in enumerate(rule.matches or []):
            validate_match(v, rules_path(i).field("matches").index(j), match, require_one=False)
        _validate_conf(v, rules_path(i).field("default"), rule.default)
    return v.items


EXAMPLE: dict[str, Any] = {
    "targetRef": {"kind": "Mesh"},
    "to": [
        {
            "targetRef": {"kind": "MeshService", "labels": {"kuma.io/display-name": "backend"}},
            "default": {
                "backends": [
                    {
                        "type": "File",
                        "file": {
                            "path": "/var/log/kuma/backend-access.log",
                            "format": {
                                "type": "Json",
                                "json": [
                                    {"key": "start_time", "value": "%START_TIME%"},
                                    {"key": "source", "value": "%KUMA_SOURCE_SERVICE%"},
                                    {"key": "status", "value": "%RESPONSE_CODE%"},
                                ],
                            },
                        },
                    },
                    {"type": "Tcp", "tcp": {"address": "log-collector.internal:5000"}},
                ]
            },
        }
    ],
}

KIND = KindDescriptor(
    name="MeshAccessLog",
    plural="meshaccesslogs",
    short_name="mal",
    scope=Scope.MESH,
    spec_model=MeshAccessLogSpec,
    validate=validate,
    description=(
        "Writes an access log of the traffic proxies handle to a file, a TCP collector or an "
        "OpenTelemetry backend: outbound per destination (`to`) or inbound per listener (`rules`)."
    ),
    policy=PolicyTraits(
        sections=frozenset({Section.TARGET_REF, Section.TO, Section.RULES}), order=600, inbound_merge=False
    ),
    example=EXAMPLE,
    has_status=True,
)
