"""MeshAccessLog: where proxies write access logs, outbound (``to``) or inbound (``rules``)."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import Field

from pulumi_kuma.envoy import (
    CLUSTER,
    Protocol,
    ProxyContext,
    ProxyResources,
    ResourceEntry,
    http_connection_managers,
    routes,
    tcp_proxies,
)
from pulumi_kuma.envoy.filters import match_cel
from pulumi_kuma.envoy.hooks import ENVOY_CONFIGURER
from pulumi_kuma.envoy.names import (
    NAMESPACE_LABEL,
    ZONE_LABEL,
    access_log_socket,
    clean_name,
    is_kri,
    system_name,
    without_section,
)
from pulumi_kuma.envoy.system import collector_cluster
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
from pulumi_kuma.model.envelope import DISPLAY_NAME
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.formats import is_file_path, is_json
from pulumi_kuma.model.path import SPEC, FieldPath
from pulumi_kuma.model.policy import To, rules_path, validate_to, validate_top_level
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext
from pulumi_kuma.model.rules import KindRules
from pulumi_kuma.model.violations import Violations
from pulumi_kuma.policies import otel_backends
from pulumi_kuma.policies.otel_backends import OtelBackend

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


# --- Envoy translation ------------------------------------------------------------------------------
#
# Kuma's MeshAccessLog plugin (``pkg/plugins/policies/meshaccesslog/plugin``): access loggers on the
# HTTP connection managers and TCP proxies of
#
# * inbound listeners: every backend of every rule (rules are not merged; a rule matching a peer
#   logs only that peer's connections, through a CEL filter);
# * outbound listeners: the ``to`` conf of the destination port (then the service, then the mesh);
#   on HTTP listeners whose routes come from MeshHTTPRoutes, a route with a conf of its own logs to
#   its own backends instead: the route carries its KRI in metadata, a Lua filter copies it into
#   dynamic metadata, and the loggers filter on it.
#
# Backends: ``File`` writes to a path; ``Tcp`` writes ``{"address", "message"}`` JSON lines to the
# data plane agent's access log pipe (``kuma-al-<name>-<mesh>.sock`` in its work directory), which
# ``pulumi-kuma dp run`` forwards to the address, as kuma-dp does; ``OpenTelemetry`` exports to the
# collector of a MeshOpenTelemetryBackend through a ``system_meshaccesslog_<address>-<port>`` cluster.
# Formats default to Kuma's; ``%KUMA_*%`` placeholders are filled in from the proxy and the traffic.

FILE_LOGGER = "envoy.access_loggers.file"
FILE_TYPE = "type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog"
OTEL_LOGGER = "envoy.access_loggers.open_telemetry"
OTEL_TYPE = (
    "type.googleapis.com/envoy.extensions.access_loggers.open_telemetry.v3.OpenTelemetryAccessLogConfig"
)
CEL_FILTER = "envoy.access_loggers.extension_filters.cel"
CEL_TYPE = "type.googleapis.com/envoy.extensions.access_loggers.filters.cel.v3.ExpressionFilter"
LUA_FILTER = "envoy.filters.http.lua"
LUA_TYPE = "type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua"
ROUTE_NAMESPACE = "kuma.routes"
ROUTE_KEY = "route_kri"
ORIGIN = "meshaccesslog"
"""Kuma's origin of the collector clusters (what a MeshProxyPatch ``match.origin`` names)."""
UNKNOWN_SERVICE = "unknown"
WORKLOAD_LABEL = "kuma.io/workload"

DEFAULT_TCP_FORMAT = (
    "[%START_TIME%] %RESPONSE_FLAGS% %KUMA_MESH% %KUMA_SOURCE_ADDRESS_WITHOUT_PORT%(%KUMA_SOURCE_SERVICE%)"
    "->%UPSTREAM_HOST%(%KUMA_DESTINATION_SERVICE%) took %DURATION%ms, sent %BYTES_SENT% bytes, "
    "received: %BYTES_RECEIVED% bytes"
)
DEFAULT_HTTP_FORMAT = (
    '[%START_TIME%] %KUMA_MESH% "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" '
    "%RESPONSE_CODE% %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION% "
    '%RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" '
    '"%REQ(X-B3-TRACEID?X-DATADOG-TRACEID)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" '
    '"%KUMA_SOURCE_SERVICE%" "%KUMA_DESTINATION_SERVICE%" "%KUMA_SOURCE_ADDRESS_WITHOUT_PORT%" '
    '"%UPSTREAM_HOST%"'
)

LUA_ROUTE_TO_DYNAMIC_METADATA = f"""function envoy_on_request(handle)
  local meta = handle:metadata():get("{ROUTE_KEY}")
  if meta ~= nil then
    handle:streamInfo():dynamicMetadata():set("{ROUTE_NAMESPACE}", "{ROUTE_KEY}", meta)
  end
end
"""

_ANY_VALUE_SCALARS = frozenset({"stringValue", "boolValue", "intValue", "doubleValue", "bytesValue"})


def default_format(protocol: Protocol | None) -> str:
    """Kuma's default line for HTTP-based listeners, or for TCP ones."""
    return DEFAULT_HTTP_FORMAT if protocol is not None and protocol.is_http else DEFAULT_TCP_FORMAT


@dataclass(frozen=True, slots=True)
class KumaValues:
    """What the ``%KUMA_*%`` placeholders stand for on one listener."""

    source_service: str
    source_ip: str
    destination_service: str
    mesh: str
    zone: str
    workload: str
    direction: str

    def interpolate(self, text: str) -> str:
        """Kuma's ``InterpolateKumaValues``."""
        host = f"[{self.source_ip}]" if ":" in self.source_ip else self.source_ip
        for placeholder, value in (
            ("%KUMA_SOURCE_ADDRESS%", f"{host}:0"),
            ("%KUMA_SOURCE_ADDRESS_WITHOUT_PORT%", self.source_ip),
            ("%KUMA_SOURCE_SERVICE%", self.source_service),
            ("%KUMA_DESTINATION_SERVICE%", self.destination_service),
            ("%KUMA_MESH%", self.mesh),
            ("%KUMA_TRAFFIC_DIRECTION%", self.direction),
            ("%KUMA_ZONE%", self.zone),
            ("%KUMA_WORKLOAD%", self.workload),
        ):
            text = text.replace(placeholder, value)
        return text


def _workload(ctx: ProxyContext) -> tuple[str, str]:
    """The Dataplane's zone label and its workload's KRI (empty without a ``kuma.io/workload`` label)."""
    zone = ctx.labels.get(ZONE_LABEL, "")
    workload = ctx.labels.get(WORKLOAD_LABEL, "")
    kri = (
        f"kri_wl_{ctx.mesh_name}_{zone}_{ctx.labels.get(NAMESPACE_LABEL, '')}_{workload}_" if workload else ""
    )
    return zone, kri


def _address(ctx: ProxyContext) -> str:
    networking = ctx.dataplane.spec.get("networking") or {}
    return str(networking.get("address") or "")


class _Collectors:
    """The OpenTelemetry collectors the loggers of one proxy use, each with one cluster."""

    def __init__(self, ctx: ProxyContext) -> None:
        self.ctx = ctx
        self.clusters: dict[str, OtelBackend] = {}

    def cluster_for(self, backend_ref: Any) -> str | None:
        resolved = otel_backends.resolve(self.ctx, backend_ref)
        if resolved is None:
            return None
        name = system_name("meshaccesslog", clean_name(f"{resolved.address}-{resolved.port}"))
        self.clusters[name] = resolved
        return name

    def add_clusters(self, resources: ProxyResources) -> None:
        for name in sorted(self.clusters):
            backend = self.clusters[name]
            cluster = collector_cluster(
                name,
                address=backend.address,
                port=backend.port,
                ipv6=self.ctx.ipv6,
                http2=not backend.http,
                tls=backend.https,
            )
            resources.add_resource(CLUSTER, cluster, origin=ORIGIN)


def _log_format(fmt: Mapping[str, Any] | None, default: str, values: KumaValues) -> dict[str, Any]:
    """A ``SubstitutionFormatString``: plain text (a line) or JSON fields, placeholders filled in."""
    omit_empty = isinstance(fmt, Mapping) and fmt.get("omitEmptyValues") is True
    out: dict[str, Any]
    if isinstance(fmt, Mapping) and isinstance(fmt.get("json"), list):
        out = {"jsonFormat": _json_fields(fmt["json"], values)}
    else:
        plain = (
            fmt.get("plain") if isinstance(fmt, Mapping) and isinstance(fmt.get("plain"), str) else default
        )
        out = {"textFormatSource": {"inlineString": values.interpolate(f"{plain}\n")}}
    if omit_empty:
        out["omitEmptyValues"] = True
    return out


def _json_fields(fields: Sequence[Any], values: KumaValues) -> dict[str, Any]:
    return {
        str(item.get("key", "")): values.interpolate(str(item.get("value", "")))
        for item in fields
        if isinstance(item, Mapping)
    }


def _tcp_format(tcp: Mapping[str, Any], default: str, values: KumaValues) -> dict[str, Any]:
    """The JSON line the data plane agent reads from the access log pipe: ``{address, message}``."""
    fmt = tcp.get("format")
    omit_empty = isinstance(fmt, Mapping) and fmt.get("omitEmptyValues") is True
    message: Any
    if isinstance(fmt, Mapping) and isinstance(fmt.get("json"), list):
        message = _json_fields(fmt["json"], values)
    else:
        plain = (
            fmt.get("plain") if isinstance(fmt, Mapping) and isinstance(fmt.get("plain"), str) else default
        )
        message = values.interpolate(f"{plain}\n")
    out: dict[str, Any] = {"jsonFormat": {"address": str(tcp.get("address", "")), "message": message}}
    if omit_empty:
        out["omitEmptyValues"] = True
    return out


def _is_any_value(value: Any) -> bool:
    """Whether ``value`` is an OTLP ``AnyValue`` in proto3 JSON (one kind of value)."""
    if not isinstance(value, Mapping) or len(value) != 1:
        return False
    ((key, inner),) = value.items()
    if key in _ANY_VALUE_SCALARS:
        return True
    if key == "arrayValue":
        items = inner.get("values", []) if isinstance(inner, Mapping) else None
        return isinstance(items, list) and all(_is_any_value(v) for v in items)
    if key == "kvlistValue":
        items = inner.get("values", []) if isinstance(inner, Mapping) else None
        return isinstance(items, list) and all(
            isinstance(kv, Mapping)
            and set(kv) <= {"key", "value"}
            and _is_any_value(kv.get("value", {"stringValue": ""}))
            for kv in items
        )
    return False


def _interpolate_any_value(value: Any, values: KumaValues) -> Any:
    if isinstance(value, str):
        return values.interpolate(value)
    if isinstance(value, list):
        return [_interpolate_any_value(v, values) for v in value]
    if isinstance(value, Mapping):
        return {
            k: values.interpolate(v)
            if k == "key" and isinstance(v, str)
            else _interpolate_any_value(v, values)
            for k, v in value.items()
        }
    return value


def _otel_body(body: Any, default: str, values: KumaValues) -> dict[str, Any]:
    """Kuma's ``OtelBody``: the default line; an OTLP value (placeholders filled in); any other
    text as a string value. (A JSON string counts as raw text, as the field's documentation says.)"""
    if body is None:
        return {"stringValue": values.interpolate(default)}
    if _is_any_value(body):
        interpolated: dict[str, Any] = _interpolate_any_value(body, values)
        return interpolated
    raw = body if isinstance(body, str) else json.dumps(body, separators=(",", ":"))
    return {"stringValue": values.interpolate(raw)}


def _string_kv(key: str, value: str) -> dict[str, Any]:
    return {"key": key, "value": {"stringValue": value}}


def _otel_config(otel: Mapping[str, Any], cluster: str, default: str, values: KumaValues) -> dict[str, Any]:
    attributes = [
        _string_kv(values.interpolate(str(a.get("key", ""))), values.interpolate(str(a.get("value", ""))))
        for a in otel.get("attributes") or []
        if isinstance(a, Mapping)
    ]
    resource_attributes = [_string_kv("kuma.mesh", values.mesh)]
    if values.zone:
        resource_attributes.append(_string_kv("kuma.zone", values.zone))
    if values.workload:
        resource_attributes.append(_string_kv("kuma.workload", values.workload))
    return {
        "@type": OTEL_TYPE,
        "body": _otel_body(otel.get("body"), default, values),
        "attributes": {"values": attributes} if attributes else {},
        "resourceAttributes": {"values": resource_attributes},
        # Kuma 3.0 sets ``logName`` and ``grpcService`` at the top level (a newer Envoy API than the
        # protos we validate against have); ``commonConfig`` carries the same for Envoy 1.40.
        "commonConfig": {
            "logName": "MeshAccessLog",
            "grpcService": {"envoyGrpc": {"clusterName": cluster}},
            "transportApiVersion": "V3",
        },
    }


def access_logs(
    ctx: ProxyContext, backends: Any, default: str, values: KumaValues, collectors: _Collectors
) -> list[dict[str, Any]]:
    """The access loggers of a conf's ``backends`` (unresolvable OpenTelemetry backends left out)."""
    out = []
    socket = access_log_socket(ctx.workdir, ctx.name, ctx.mesh_name)
    for backend in backends if isinstance(backends, list) else []:
        if not isinstance(backend, Mapping):
            continue
        kind = backend.get("type")
        tcp, file, otel = backend.get("tcp"), backend.get("file"), backend.get("openTelemetry")
        if kind == "Tcp" and isinstance(tcp, Mapping):
            config = {"@type": FILE_TYPE, "path": socket, "logFormat": _tcp_format(tcp, default, values)}
            out.append({"name": FILE_LOGGER, "typedConfig": config})
        elif kind == "File" and isinstance(file, Mapping):
            fmt = file.get("format")
            config = {
                "@type": FILE_TYPE,
                "path": str(file.get("path", "")),
                "logFormat": _log_format(fmt if isinstance(fmt, Mapping) else None, default, values),
            }
            out.append({"name": FILE_LOGGER, "typedConfig": config})
        elif kind == "OpenTelemetry" and isinstance(otel, Mapping):
            cluster = collectors.cluster_for(otel.get("backendRef"))
            if cluster is not None:
                out.append({"name": OTEL_LOGGER, "typedConfig": _otel_config(otel, cluster, default, values)})
    return out


def _with_cel(log: dict[str, Any], expression: str) -> dict[str, Any]:
    extension = {"name": CEL_FILTER, "typedConfig": {"@type": CEL_TYPE, "expression": expression}}
    return {**log, "filter": {"extensionFilter": extension}}


def _with_route_filter(log: dict[str, Any], route: str | None) -> dict[str, Any]:
    """Log only requests of the route ``route`` (None: of routes without a logging conf of their own)."""
    value = {"nullMatch": {}} if route is None else {"stringMatch": {"exact": route}}
    matcher = {"filter": ROUTE_NAMESPACE, "path": [{"key": ROUTE_KEY}], "value": value}
    return {**log, "filter": {"metadataFilter": {"matchIfKeyNotFound": route is None, "matcher": matcher}}}


def _append_logs(listener: Mapping[str, Any], logs: Sequence[dict[str, Any]]) -> None:
    if not logs:
        return
    for config in [*http_connection_managers(listener), *tcp_proxies(listener)]:
        config.setdefault("accessLog", []).extend(copy.deepcopy(list(logs)))


def _route_kri(name: str) -> str:
    """Kuma's ``kri.FromString(...).String()``: a route's KRI with its section parts joined."""
    parts = name.split("_")
    return "_".join(parts[:6]) + "_" + "".join(parts[6:])


def _configure_inbounds(
    ctx: ProxyContext, rules: KindRules, resources: ProxyResources, collectors: _Collectors
) -> None:
    zone, workload = _workload(ctx)
    done: set[Any] = set()
    for inbound in ctx.inbounds:
        if inbound.listener in done:
            continue
        listener = resources.inbound_listener(inbound)
        inbound_rules = rules.inbound.get(inbound.listener, ())
        if listener is None or not inbound_rules:
            continue
        done.add(inbound.listener)
        values = KumaValues(
            source_service=UNKNOWN_SERVICE,
            source_ip=_address(ctx),
            destination_service=inbound.kri if inbound.spec.get("name") else _identifying_name(ctx),
            mesh=ctx.mesh_name,
            zone=zone,
            workload=workload,
            direction="INBOUND",
        )
        default = default_format(inbound.protocol)
        logs = []
        for rule in inbound_rules:
            conf = rule.conf if isinstance(rule.conf, Mapping) else {}
            expression = match_cel(rule.match if isinstance(rule.match, Mapping) else None)
            for log in access_logs(ctx, conf.get("backends"), default, values, collectors):
                logs.append(_with_cel(log, expression) if expression else log)
        _append_logs(listener.resource, logs)


def _identifying_name(ctx: ProxyContext) -> str:
    return ctx.labels.get(WORKLOAD_LABEL) or UNKNOWN_SERVICE


def _route_confs(ctx: ProxyContext, rules: KindRules, listener: Mapping[str, Any]) -> dict[str, Any]:
    """The confs of MeshAccessLogs that name a route of this listener (its rule, or the whole route)."""
    out: dict[str, Any] = {}
    for hcm in http_connection_managers(listener):
        for route in routes(hcm):
            name = route.get("name")
            if not isinstance(name, str) or not is_kri(name):
                continue
            route_id = _route_kri(name)
            for key in (route_id, without_section(route_id)):
                rule = rules.outbound.get(key)
                if rule is not None and rule.conf:
                    out[route_id] = rule.conf[0]
                    break
    return out


def _configure_outbound(
    ctx: ProxyContext, rules: KindRules, entry: ResourceEntry, collectors: _Collectors
) -> None:
    destination = entry.destination
    assert destination is not None
    zone, workload = _workload(ctx)
    values = KumaValues(
        source_service=_identifying_name(ctx),
        source_ip=_address(ctx),
        destination_service=destination.resource.labels.get(DISPLAY_NAME) or destination.resource.name,
        mesh=ctx.mesh_name,
        zone=zone,
        workload=workload,
        direction="OUTBOUND",
    )
    default = default_format(entry.protocol)
    conf = ctx.outbound_conf(rules, [destination.kri, destination.base_kri]) or {}
    shared = access_logs(ctx, conf.get("backends"), default, values, collectors)
    http = entry.protocol is not None and entry.protocol.is_http
    if http:
        shared = [_with_route_filter(log, None) for log in shared]
    route_confs = _route_confs(ctx, rules, entry.view) if http else {}
    per_route: list[dict[str, Any]] = []
    for route_id in sorted(route_confs):
        backends = (
            route_confs[route_id].get("backends") if isinstance(route_confs[route_id], Mapping) else None
        )
        logs = access_logs(ctx, backends, default, values, collectors)
        per_route.extend(_with_route_filter(log, route_id) for log in logs)
    if not shared and not route_confs:
        return
    listener = entry.resource
    _append_logs(listener, shared)
    for hcm in http_connection_managers(listener):
        for route in routes(hcm):
            name = route.get("name")
            if isinstance(name, str) and is_kri(name) and _route_kri(name) in route_confs:
                metadata = route.setdefault("metadata", {}).setdefault("filterMetadata", {})
                metadata[LUA_FILTER] = {ROUTE_KEY: _route_kri(name)}
    _append_logs(listener, per_route)
    if per_route:
        lua = {
            "name": LUA_FILTER,
            "typedConfig": {
                "@type": LUA_TYPE,
                "defaultSourceCode": {"inlineString": LUA_ROUTE_TO_DYNAMIC_METADATA},
            },
        }
        for hcm in http_connection_managers(listener):
            hcm["httpFilters"] = [copy.deepcopy(lua), *hcm.get("httpFilters", [])]


def configure_envoy(ctx: ProxyContext, rules: KindRules, resources: ProxyResources) -> None:
    """MeshAccessLog's Envoy translation (registered on :data:`KIND`)."""
    if rules.empty:
        return
    collectors = _Collectors(ctx)
    _configure_inbounds(ctx, rules, resources, collectors)
    for entry in resources.outbound_listeners():
        _configure_outbound(ctx, rules, entry, collectors)
    collectors.add_clusters(resources)


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
    extras={ENVOY_CONFIGURER: configure_envoy},
)
