"""MeshTrace: distributed tracing of HTTP traffic (Zipkin, Datadog or OpenTelemetry), sampling, tags."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from pulumi_kuma.model.addresses import URLError, is_url, parse_request_uri
from pulumi_kuma.model.base import REQUIRED, Default, IntOrString, Items, KumaModel, OneOf
from pulumi_kuma.model.common import (
    TOP_LEVEL_KINDS,
    BackendResourceRef,
    TopLevelTargetRef,
    validate_open_telemetry_backend,
)
from pulumi_kuma.model.decimal import parse_decimal
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.path import SPEC, FieldPath
from pulumi_kuma.model.policy import validate_top_level
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext
from pulumi_kuma.model.violations import Violations

BACKEND_TYPES = ("Zipkin", "Datadog", "OpenTelemetry")


class MeshTraceZipkinBackend(KumaModel):
    """Send spans to a Zipkin-compatible collector."""

    url: Annotated[str, REQUIRED] = ""
    trace_id128bit: Annotated[bool | None, Default(False), Field(alias="traceId128bit")] = None
    api_version: Annotated[str | None, OneOf("httpJson", "httpProto"), Default("httpJson")] = None
    shared_span_context: Annotated[bool | None, Default(True)] = None


class MeshTraceDatadogBackend(KumaModel):
    """Send spans to a Datadog agent (``http://host:port``)."""

    url: Annotated[str, REQUIRED] = ""
    split_service: Annotated[bool | None, Default(False)] = None


class MeshTraceOpenTelemetryBackend(KumaModel):
    """Send spans to an OpenTelemetry collector (a MeshOpenTelemetryBackend)."""

    backend_ref: BackendResourceRef | None = None


class MeshTraceBackend(KumaModel):
    """Where spans go: exactly one of the typed backends."""

    type: Annotated[str, REQUIRED, OneOf(*BACKEND_TYPES)] = ""
    zipkin: MeshTraceZipkinBackend | None = None
    datadog: MeshTraceDatadogBackend | None = None
    open_telemetry: MeshTraceOpenTelemetryBackend | None = None


class MeshTraceSampling(KumaModel):
    """Percentages of requests traced: overall, when the client forces it, and at random."""

    overall: IntOrString | None = None
    client: IntOrString | None = None
    random: IntOrString | None = None


class MeshTraceHeaderTag(KumaModel):
    """Tag a span with a request header's value (or ``default`` when it is missing)."""

    name: Annotated[str, REQUIRED] = ""
    default: str | None = None


class MeshTraceTag(KumaModel):
    """A custom span tag: a literal value or one taken from a request header."""

    name: Annotated[str, REQUIRED] = ""
    literal: str | None = None
    header: MeshTraceHeaderTag | None = None


class MeshTraceConf(KumaModel):
    """The tracing configuration of a proxy; an empty ``backends`` list turns tracing off."""

    backends: Annotated[list[MeshTraceBackend] | None, Items(max_items=1)] = None
    sampling: MeshTraceSampling | None = None
    tags: list[MeshTraceTag] | None = None


class MeshTraceSpec(KumaModel):
    """The MeshTrace spec: which proxies (``targetRef``) and their tracing conf (``default``)."""

    target_ref: TopLevelTargetRef | None = None
    default: MeshTraceConf | None = None


def _validate_datadog_url(v: Violations, path: FieldPath, url: str) -> None:
    try:
        parsed = parse_request_uri(url)
    except URLError:
        v.add(path, "must be a valid url")
        return
    if parsed.scheme != "http":
        v.add(path, "scheme must be http")
    port = parsed.port
    if port == "":
        v.add(path, "port must be defined")
    elif not 1 <= int(port) <= 65535:
        v.add(path, "port must be a valid (1-65535)")
    # Kuma walks a Go map here, so its order varies; ours is fixed.
    for part, present in (
        ("opaque", parsed.opaque != ""),
        ("user", parsed.user is not None),
        ("path", parsed.path != ""),
        ("query", parsed.raw_query != ""),
        ("fragment", parsed.fragment != ""),
    ):
        if present:
            v.add(path, f"{part} must not be defined")


def _validate_backend(v: Violations, path: FieldPath, backend: MeshTraceBackend) -> None:
    if backend.type == "Datadog":
        if backend.datadog is None:
            v.add(path.field("datadog"), "must be defined")
        else:
            _validate_datadog_url(v, path.field("datadog").field("url"), backend.datadog.url)
    elif backend.type == "Zipkin":
        if backend.zipkin is None:
            v.add(path.field("zipkin"), "must be defined")
        elif not backend.zipkin.url:
            v.add(path.field("zipkin").field("url"), "must not be empty")
        elif not is_url(backend.zipkin.url):
            v.add(path.field("zipkin").field("url"), "must be a valid url")
    elif backend.type == "OpenTelemetry":
        validate_open_telemetry_backend(v, path.field("openTelemetry"), backend.open_telemetry)
    else:
        # Kuma's validator panics on an unknown type (its REST schema rejects it first).
        v.add(path.field("type"), '"type" must be one of ["Zipkin", "Datadog", "OpenTelemetry"]')


def _validate_sampling(v: Violations, path: FieldPath, value: IntOrString | None) -> None:
    if value is None:
        return
    number = parse_decimal(value)
    if number is None:
        v.add(path, "string is not a number")
    elif not 0 <= number <= 100:
        v.add(path, "must be between 0 and 100")


def validate(spec: MeshTraceSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshTrace validator."""
    v = Violations()
    validate_top_level(v, spec.target_ref, allowed=TOP_LEVEL_KINDS, inbound_policy=False)
    conf = spec.default or MeshTraceConf()
    path = SPEC.field("default")
    backends = conf.backends
    if backends is None:
        v.add(path.field("backends"), "must be defined")
    elif len(backends) == 1:
        _validate_backend(v, path.field("backends").index(0), backends[0])
    elif len(backends) > 1:
        v.add(path.field("backends"), "must have zero or one backend defined")
    for i, tag in enumerate(conf.tags or []):
        tpath = path.field("tags").index(i)
        if not tag.name:
            v.add(tpath.field("name"), "must not be empty")
        if (tag.header is None) == (tag.literal is None):
            v.add(tpath, "tag must have only one type defined: header, literal")
    if conf.sampling is not None:
        spath = path.field("sampling")
        _validate_sampling(v, spath.field("client"), conf.sampling.client)
        _validate_sampling(v, spath.field("random"), conf.sampling.random)
        _validate_sampling(v, spath.field("overall"), conf.sampling.overall)
    return v.items


EXAMPLE: dict[str, Any] = {
    "targetRef": {"kind": "Mesh"},
    "default": {
        "backends": [
            {
                "type": "Zipkin",
                "zipkin": {"url": "http://jaeger-collector.observability:9411/api/v2/spans"},
            }
        ],
        "sampling": {"overall": 50, "client": 100, "random": "12.5"},
        "tags": [
            {"name": "team", "literal": "payments"},
            {"name": "env", "header": {"name": "x-env", "default": "prod"}},
        ],
    },
}

KIND = KindDescriptor(
    name="MeshTrace",
    plural="meshtraces",
    short_name="mtr",
    scope=Scope.MESH,
    spec_model=MeshTraceSpec,
    validate=validate,
    description=(
        "Turns on distributed tracing in the selected proxies: where spans go (Zipkin, Datadog or "
        "OpenTelemetry), which share of requests is sampled, and custom span tags."
    ),
    policy=PolicyTraits(sections=frozenset({Section.TARGET_REF, Section.DEFAULT}), order=700),
    example=EXAMPLE,
    has_status=True,
)
