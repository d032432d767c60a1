"""MeshTrace: distributed tracing of HTTP traffic (Zipkin, Datadog or OpenTelemetry), sampling, tags."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import SplitResult, urlsplit

from pydantic import Field

from pulumi_kuma.envoy import (
    CLUSTER,
    Direction,
    ProxyContext,
    ProxyResources,
    ResourceEntry,
    http_connection_managers,
)
from pulumi_kuma.envoy.hooks import ENVOY_CONFIGURER
from pulumi_kuma.envoy.names import NAMESPACE_LABEL, clean_name, system_name
from pulumi_kuma.envoy.system import collector_cluster
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
from pulumi_kuma.model.rules import KindRules
from pulumi_kuma.model.violations import Violations
from pulumi_kuma.policies import otel_backends
from pulumi_kuma.policies.otel_backends import OtelBackend

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


# --- Envoy translation ------------------------------------------------------------------------------
#
# Kuma's MeshTrace plugin (``pkg/plugins/policies/meshtrace/plugin``): with a backend in the merged
# proxy conf, every HTTP connection manager of the inbound listeners and of the outbound listeners to
# mesh destinations (not MeshExternalServices) gets ``tracing``: sampling, the custom tags plus
# ``kuma.mesh``/``kuma.zone``/``kuma.workload`` literals (a user tag of the same name wins), no
# upstream span, and the provider; the collector gets a cluster named after the backend. An
# OpenTelemetry reference to no MeshOpenTelemetryBackend leaves tracing without a provider.

ZIPKIN_TYPE = "type.googleapis.com/envoy.config.trace.v3.ZipkinConfig"
DATADOG_TYPE = "type.googleapis.com/envoy.config.trace.v3.DatadogConfig"
OTEL_TYPE = "type.googleapis.com/envoy.config.trace.v3.OpenTelemetryConfig"
ORIGIN = "mesh-trace"
"""Kuma's origin of the collector cluster (what a MeshProxyPatch ``match.origin`` names)."""
EXTERNAL_SERVICE_KIND = "MeshExternalService"
WORKLOAD_LABEL = "kuma.io/workload"
UNKNOWN_SERVICE = "unknown"
OTEL_HTTP_TIMEOUT = "10s"


@dataclass(frozen=True, slots=True)
class _Collector:
    cluster: str
    address: str
    port: int
    tls: bool = False
    http2: bool = False
    otel: OtelBackend | None = None


def _backend(conf: Mapping[str, Any]) -> Mapping[str, Any] | None:
    backends = conf.get("backends")
    if isinstance(backends, list) and backends and isinstance(backends[0], Mapping):
        return backends[0]
    return None


def _url_host_port(url: str) -> tuple[str, int, SplitResult]:
    parts = urlsplit(url)
    try:
        port = parts.port or 0
    except ValueError:
        port = 0
    return parts.hostname or "", port, parts


def _collector(ctx: ProxyContext, backend: Mapping[str, Any]) -> _Collector | None:
    zipkin, datadog, otel = (backend.get(k) for k in ("zipkin", "datadog", "openTelemetry"))
    if isinstance(zipkin, Mapping):
        url = str(zipkin.get("url") or "")
        host, port, parts = _url_host_port(url)
        return _Collector(
            system_name("meshtrace_zipkin", clean_name(url)), host, port, tls=parts.scheme == "https"
        )
    if isinstance(datadog, Mapping):
        url = str(datadog.get("url") or "")
        host, port, _ = _url_host_port(url)
        return _Collector(system_name("meshtrace_datadog", clean_name(url)), host, port)
    if isinstance(otel, Mapping):
        resolved = otel_backends.resolve(ctx, otel.get("backendRef"))
        if resolved is None:
            return None
        name = system_name("meshtrace_otel", clean_name(resolved.name))
        return _Collector(
            name, resolved.address, resolved.port, tls=resolved.https, http2=not resolved.http, otel=resolved
        )
    return None


def _service_name(ctx: ProxyContext) -> str:
    return ctx.labels.get(WORKLOAD_LABEL) or UNKNOWN_SERVICE


def _workload_kri(ctx: ProxyContext) -> str:
    workload = ctx.labels.get(WORKLOAD_LABEL)
    if not workload:
        return ""
    return f"kri_wl_{ctx.mesh_name}_{ctx.zone}_{ctx.labels.get(NAMESPACE_LABEL, '')}_{workload}_"


def _custom_tags(ctx: ProxyContext, conf: Mapping[str, Any]) -> list[dict[str, Any]]:
    tags: list[dict[str, Any]] = []
    for tag in conf.get("tags") or []:
        if not isinstance(tag, Mapping):
            continue
        header = tag.get("header")
        if isinstance(header, Mapping):
            request_header: dict[str, Any] = {"name": header.get("name", "")}
            if header.get("default"):
                request_header["defaultValue"] = header["default"]
            tags.append({"tag": tag.get("name", ""), "requestHeader": request_header})
        else:
            tags.append({"tag": tag.get("name", ""), "literal": {"value": tag.get("literal") or ""}})
    for key, value in (
        ("kuma.mesh", ctx.mesh_name),
        ("kuma.zone", ctx.zone),
        ("kuma.workload", _workload_kri(ctx)),
    ):
        if value and not any(t["tag"] == key for t in tags):
            tags.append({"tag": key, "literal": {"value": value}})
    return tags


def _provider(
    ctx: ProxyContext,
    backend: Mapping[str, Any],
    collector: _Collector | None,
    direction: Direction,
    destination: str,
) -> dict[str, Any] | None:
    zipkin, datadog = backend.get("zipkin"), backend.get("datadog")
    if isinstance(zipkin, Mapping) and collector is not None:
        _, _, parts = _url_host_port(str(zipkin.get("url") or ""))
        config: dict[str, Any] = {
            "@type": ZIPKIN_TYPE,
            "collectorCluster": collector.cluster,
            "collectorEndpoint": parts.path,
            "collectorEndpointVersion": "HTTP_PROTO"
            if zipkin.get("apiVersion") == "httpProto"
            else "HTTP_JSON",
            "sharedSpanContext": zipkin.get("sharedSpanContext") is True,
            "collectorHostname": parts.netloc.rpartition("@")[2],
        }
        if zipkin.get("traceId128bit") is True:
            config["traceId128bit"] = True
        return {"name": "envoy.tracers.zipkin", "typedConfig": config}
    if isinstance(datadog, Mapping) and collector is not None:
        service = _service_name(ctx)
        if datadog.get("splitService") is True:
            if direction is Direction.INBOUND:
                service = f"{service}_INBOUND"
            elif direction is Direction.OUTBOUND:
                service = f"{service}_OUTBOUND_{destination}"
        return {
            "name": "envoy.tracers.datadog",
            "typedConfig": {
                "@type": DATADOG_TYPE,
                "collectorCluster": collector.cluster,
                "serviceName": service,
            },
        }
    if collector is not None and collector.otel is not None:
        otel: dict[str, Any] = {"@type": OTEL_TYPE, "serviceName": _service_name(ctx)}
        if collector.otel.http:
            otel["httpService"] = {
                "httpUri": {
                    "uri": collector.otel.url(otel_backends.TRACES_PATH),
                    "cluster": collector.cluster,
                    "timeout": OTEL_HTTP_TIMEOUT,
                }
            }
        else:
            otel["grpcService"] = {"envoyGrpc": {"clusterName": collector.cluster}}
        return {"name": "envoy.tracers.opentelemetry", "typedConfig": otel}
    return None


def tracing(
    ctx: ProxyContext,
    conf: Mapping[str, Any],
    collector: _Collector | None,
    direction: Direction,
    destination: str = "",
) -> dict[str, Any] | None:
    """The HCM ``tracing`` of a conf (None when it has no backend)."""
    backend = _backend(conf)
    if backend is None:
        return None
    out: dict[str, Any] = {"spawnUpstreamSpan": False}
    sampling = conf.get("sampling")
    if isinstance(sampling, Mapping):
        for key, field in (
            ("overall", "overallSampling"),
            ("client", "clientSampling"),
            ("random", "randomSampling"),
        ):
            value = parse_decimal(sampling.get(key)) if sampling.get(key) is not None else None
            if value is not None:
                out[field] = {"value": float(value)}
    tags = _custom_tags(ctx, conf)
    if tags:
        out["customTags"] = tags
    provider = _provider(ctx, backend, collector, direction, destination)
    if provider is not None:
        out["provider"] = provider
    return out


def configure_envoy(ctx: ProxyContext, rules: KindRules, resources: ProxyResources) -> None:
    """MeshTrace's Envoy translation (registered on :data:`KIND`)."""
    if rules.proxy is None or not isinstance(rules.proxy.conf, Mapping):
        return
    conf = rules.proxy.conf
    backend = _backend(conf)
    if backend is None:
        return
    collector = _collector(ctx, backend)
    targets: list[tuple[ResourceEntry, Direction, str]] = []
    for inbound in ctx.inbounds:
        listener = resources.inbound_listener(inbound)
        if listener is not None:
            targets.append((listener, Direction.INBOUND, ""))
    for entry in resources.outbound_listeners():
        destination = entry.destination
        if destination is not None and destination.kind != EXTERNAL_SERVICE_KIND:
            targets.append((entry, Direction.OUTBOUND, destination.kri))
    for entry, direction, destination_name in targets:
        config = tracing(ctx, conf, collector, direction, destination_name)
        for hcm in http_connection_managers(entry.resource):
            hcm["tracing"] = copy.deepcopy(config)
    if collector is not None:
        cluster = collector_cluster(
            collector.cluster,
            address=collector.address,
            port=collector.port,
            ipv6=ctx.ipv6,
            http2=collector.http2,
            tls=collector.tls,
        )
        resources.add_resource(CLUSTER, cluster, origin=ORIGIN)


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
    extras={ENVOY_CONFIGURER: configure_envoy},
)
