"""MeshMetric: which Envoy and application metrics a proxy collects, and where they go."""

from __future__ import annotations

import hashlib
import json
import re
import warnings
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Annotated, Any

from pulumi_kuma.envoy import CLUSTER, LISTENER, ProxyContext, ProxyResources, builders
from pulumi_kuma.envoy.hooks import ENVOY_CONFIGURER
from pulumi_kuma.envoy.names import (
    ZONE_LABEL,
    clean_name,
    dynamic_config_socket,
    metrics_hijacker_socket,
    otel_socket,
    system_name,
)
from pulumi_kuma.envoy.system import (
    collector_cluster,
    direct_response_hcm,
    is_ip,
    pipe_listener,
    static_route_listener,
)
from pulumi_kuma.model.base import REQUIRED, Default, Duration, KumaModel, OneOf
from pulumi_kuma.model.common import (
    TOP_LEVEL_KINDS,
    BackendResourceRef,
    TopLevelTargetRef,
    check_port,
    validate_open_telemetry_backend,
)
from pulumi_kuma.model.duration import format_duration, parse_duration
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.path import SPEC, FieldPath
from pulumi_kuma.model.policy import validate_top_level
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext
from pulumi_kuma.model.rules import KindRules
from pulumi_kuma.model.violations import Violations
from pulumi_kuma.policies import otel_backends
from pulumi_kuma.policies.otel_backends import OtelBackend

PROFILE_NAMES = ("All", "Basic", "None")
SELECTOR_TYPES = ("Prefix", "Regex", "Exact", "Contains")
BACKEND_TYPES = ("Prometheus", "OpenTelemetry")
TLS_MODES = ("Disabled", "ProvidedTLS", "ActiveMTLSBackend")


class MeshMetricProfile(KumaModel):
    """A predefined set of Envoy metrics: ``All``, ``Basic`` or ``None``."""

    name: Annotated[str, REQUIRED, OneOf(*PROFILE_NAMES)] = ""


class MeshMetricSelector(KumaModel):
    """Selects Envoy metrics by name: exact, prefix, substring or regular expression."""

    type: Annotated[str, REQUIRED, OneOf(*SELECTOR_TYPES)] = ""
    match: Annotated[str, REQUIRED] = ""


class MeshMetricProfiles(KumaModel):
    """Profiles to start from, then metrics to exclude and (re-)include by name."""

    append_profiles: list[MeshMetricProfile] | None = None
    exclude: list[MeshMetricSelector] | None = None
    include: list[MeshMetricSelector] | None = None


class MeshMetricSidecar(KumaModel):
    """Which of the sidecar's own (Envoy) metrics are exposed."""

    profiles: MeshMetricProfiles | None = None
    include_unused: bool | None = None


class MeshMetricApplication(KumaModel):
    """An application endpoint next to the proxy whose metrics are scraped and merged in."""

    name: str | None = None
    path: Annotated[str | None, Default("/metrics")] = None
    address: str | None = None
    port: Annotated[int | None, REQUIRED] = None


class MeshMetricPrometheusTls(KumaModel):
    """How the Prometheus endpoint is secured."""

    mode: Annotated[str | None, OneOf(*TLS_MODES), Default("Disabled")] = None


class MeshMetricPrometheusBackend(KumaModel):
    """Expose metrics on an endpoint of the proxy for Prometheus to scrape."""

    client_id: str | None = None
    port: Annotated[int | None, Default(5670)] = None
    path: Annotated[str | None, Default("/metrics")] = None
    tls: MeshMetricPrometheusTls | None = None


class MeshMetricOpenTelemetryBackend(KumaModel):
    """Push metrics to an OpenTelemetry collector (a MeshOpenTelemetryBackend)."""

    backend_ref: BackendResourceRef | None = None
    refresh_interval: Duration | None = None


class MeshMetricBackend(KumaModel):
    """One destination for the collected metrics."""

    type: Annotated[str, REQUIRED, OneOf(*BACKEND_TYPES)] = ""
    prometheus: MeshMetricPrometheusBackend | None = None
    open_telemetry: MeshMetricOpenTelemetryBackend | None = None


class MeshMetricConf(KumaModel):
    """The metrics configuration of a proxy."""

    sidecar: MeshMetricSidecar | None = None
    applications: list[MeshMetricApplication] | None = None
    backends: list[MeshMetricBackend] | None = None


class MeshMetricSpec(KumaModel):
    """The MeshMetric spec: which proxies (``targetRef``) and their metrics conf (``default``)."""

    target_ref: TopLevelTargetRef | None = None
    default: MeshMetricConf | None = None


@lru_cache(maxsize=1024)
def go_regexp_compiles(pattern: str) -> bool:
    """Whether Go's ``regexp.Compile`` (RE2 syntax) accepts ``pattern``, as near as Python can tell.

    Python's ``re`` accepts look-arounds, back-references, conditionals, atomic groups and
    possessive quantifiers, which RE2 rejects; RE2 spells ``\\z``, ``\\pL`` and ``(?<name>``
    where Python has other spellings. The pattern is scanned once to settle both, then compiled.
    The answer depends on the pattern alone; recent answers are kept.
    """
    out: list[str] = []
    i, n, in_class = 0, len(pattern), False
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            nxt = pattern[i + 1 : i + 2]
            if not in_class and nxt and nxt in "123456789":
                return False  # back-reference
            if nxt == "z":
                out.append("\\Z")
                i += 2
            elif nxt in ("p", "P"):
                end = pattern.find("}", i) + 1 if pattern[i + 2 : i + 3] == "{" else i + 3
                out.append("\\w")  # a Unicode class; any valid class will do for compiling
                i = end if end > i else n
            else:
                out.append(pattern[i : i + 2])
                i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            out.append(ch)
            i += 1
            for literal in ("^", "]"):
                if pattern[i : i + 1] == literal:
                    out.append(literal)
                    i += 1
            continue
        elif ch == "(" and pattern[i + 1 : i + 2] == "?":
            rest = pattern[i + 2 : i + 4]
            if rest[:1] in ("=", "!", ">", "(") or rest in ("<=", "<!", "P="):
                return False
            if rest[:1] == "<":
                out.append("(?P<")
                i += 3
                continue
        elif ch in "*+?}" and pattern[i + 1 : i + 2] == "+":
            return False  # possessive quantifier
        out.append(ch)
        i += 1
    translated = "".join(out)
    for low, high in re.findall(r"\{(\d+)(?:,(\d*))?\}", translated):
        if int(low) > 1000 or (high and int(high) > 1000):
            return False  # RE2's repeat limit
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            re.compile(translated)
    except (re.error, OverflowError, RecursionError):
        return False
    return True


def _validate_selectors(v: Violations, path: FieldPath, selectors: list[MeshMetricSelector]) -> None:
    for i, selector in enumerate(selectors):
        item = path.index(i)
        if selector.type == "Regex":
            if not go_regexp_compiles(selector.match):
                v.add(item.field("match"), "invalid regex")
        elif selector.type not in SELECTOR_TYPES:
            v.add(
                item.field("type"),
                f"unrecognized type '{selector.type}' - 'Regex', 'Prefix', 'Exact' are supported",
            )


def _validate_sidecar(v: Violations, path: FieldPath, sidecar: MeshMetricSidecar | None) -> None:
    if sidecar is None or sidecar.profiles is None:
        return
    profiles = sidecar.profiles
    ppath = path.field("profiles")
    if profiles.exclude is not None:
        _validate_selectors(v, ppath.field("exclude"), profiles.exclude)
    if profiles.include is not None:
        _validate_selectors(v, ppath.field("include"), profiles.include)
    for i, profile in enumerate(profiles.append_profiles or []):
        if profile.name not in PROFILE_NAMES:
            v.add(
                ppath.field("appendProfiles").index(i).field("name"),
                f"unrecognized profile name '{profile.name}' - 'All', 'None', 'Basic' are supported",
            )


def _validate_backend(v: Violations, path: FieldPath, backend: MeshMetricBackend) -> None:
    if backend.type == "Prometheus":
        if backend.prometheus is None:
            v.add(path.field("prometheus"), "must be defined")
        else:
            # Go reads an absent port as 0; the schema default (5670) applies only over REST.
            check_port(v, path.field("port"), backend.prometheus.port or 0)
    elif backend.type == "OpenTelemetry":
        validate_open_telemetry_backend(v, path.field("openTelemetry"), backend.open_telemetry)
    else:
        v.add(path, "unrecognized type")


def validate(spec: MeshMetricSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshMetric validator (note Kuma's singular ``application``/``backend`` path steps)."""
    v = Violations()
    validate_top_level(v, spec.target_ref, allowed=TOP_LEVEL_KINDS, inbound_policy=False)
    conf = spec.default or MeshMetricConf()
    path = SPEC.field("default")
    _validate_sidecar(v, path.field("sidecar"), conf.sidecar)
    for i, application in enumerate(conf.applications or []):
        check_port(v, path.field("applications").field("application").index(i), application.port or 0)
    for i, backend in enumerate(conf.backends or []):
        _validate_backend(v, path.field("backends").field("backend").index(i), backend)
    return v.items


# --- Envoy translation ------------------------------------------------------------------------------
#
# Kuma's MeshMetric plugin (``pkg/plugins/policies/meshmetric/plugin``). Metrics are collected by the
# data plane agent, so the plugin gives Envoy only the plumbing (with at least one backend):
#
# * Prometheus backend: a listener on ``<dataplane address>:<port>`` whose ``<path>`` is rewritten to
#   ``/meshmetric`` and sent to a cluster on the agent's metrics socket
#   (``kuma-mh-<name>-<mesh>.sock``); the agent answers with Envoy's stats in Prometheus format
#   (from its admin API) merged with the applications' metrics;
# * OpenTelemetry backend: a listener on ``kuma-otel-<backend>.sock`` forwarding the agent's OTLP
#   gRPC export to a cluster on the collector;
# * the dynamic configuration listener ``system_dynamicconfig`` on ``kuma-mesh-metric-config.sock``:
#   ``GET /meshmetric`` answers the agent's config (applications, backends, sidecar profiles, extra
#   labels) as JSON with an ETag (304 when unchanged), which the agent polls.
#
# Provided TLS for the Prometheus endpoint needs certificate paths from the data plane agent, which
# ours does not send: like Kuma without them, the endpoint is plain HTTP.

PROMETHEUS_ORIGIN = "prometheus"
OTEL_ORIGIN = "open-telemetry"
DYNAMIC_CONFIG_ORIGIN = "dynamic-config"
DYNAMIC_CONFIG_LISTENER = "system_dynamicconfig"
DYNAMIC_CONFIG_PATH = "/meshmetric"
DEFAULT_BACKEND_NAME = "default-backend"
DEFAULT_REFRESH_INTERVAL = "1m"
REUSE_PORT_FEATURE = "feature-reuse-port"
"""The data plane agent feature that lets listeners reuse ports (as the generator's inbounds)."""
WORKLOAD_LABEL = "kuma.io/workload"
GRPC_STATS_FILTER = "envoy.filters.http.grpc_stats"
GRPC_STATS_TYPE = "type.googleapis.com/envoy.extensions.filters.http.grpc_stats.v3.FilterConfig"
_GO_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def go_json(value: Any) -> str:
    """JSON as Go's ``json.Marshal`` writes it: compact, HTML characters escaped."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    for char, escaped in _GO_JSON_ESCAPES.items():
        text = text.replace(char, escaped)
    return text


def _backends(conf: Mapping[str, Any], kind: str, field: str) -> list[Mapping[str, Any]]:
    out = []
    for backend in conf.get("backends") or []:
        if (
            isinstance(backend, Mapping)
            and backend.get("type") == kind
            and isinstance(backend.get(field), Mapping)
        ):
            out.append(backend[field])
    return out


def _address(ctx: ProxyContext) -> str:
    networking = ctx.dataplane.spec.get("networking") or {}
    return str(networking.get("address") or "")


def _selectors(items: Any) -> list[dict[str, Any]]:
    return [{"type": s.get("type", ""), "match": s.get("match", "")} for s in items if isinstance(s, Mapping)]


def _sidecar_json(sidecar: Mapping[str, Any]) -> dict[str, Any]:
    """``Sidecar`` in the field order and with the ``omitempty`` of Kuma's Go type."""
    out: dict[str, Any] = {}
    profiles = sidecar.get("profiles")
    if isinstance(profiles, Mapping):
        rendered: dict[str, Any] = {}
        if isinstance(profiles.get("appendProfiles"), list):
            rendered["appendProfiles"] = [
                {"name": p.get("name", "")} for p in profiles["appendProfiles"] if isinstance(p, Mapping)
            ]
        for key in ("exclude", "include"):
            if isinstance(profiles.get(key), list):
                rendered[key] = _selectors(profiles[key])
        out["profiles"] = rendered
    if isinstance(sidecar.get("includeUnused"), bool):
        out["includeUnused"] = sidecar["includeUnused"]
    return out


def agent_config(
    ctx: ProxyContext,
    conf: Mapping[str, Any],
    prometheus: bool,
    otel: Sequence[tuple[OtelBackend, Mapping[str, Any]]],
) -> dict[str, Any]:
    """The configuration the data plane agent reads (Kuma's ``dpapi.MeshMetricDpConfig``)."""
    applications: list[dict[str, Any]] | None = None
    if isinstance(conf.get("applications"), list):
        applications = []
        for app in conf["applications"]:
            if not isinstance(app, Mapping):
                continue
            item: dict[str, Any] = {}
            if app.get("name") is not None:
                item["name"] = app["name"]
            item["path"] = app.get("path") or ""
            item["port"] = int(app.get("port") or 0)
            item["address"] = app.get("address") or ""
            applications.append(item)
    backends: list[dict[str, Any]] = []
    if prometheus:
        backends.append({"type": "Prometheus", "name": None})
    for resolved, backend in otel:
        interval = str(backend.get("refreshInterval") or DEFAULT_REFRESH_INTERVAL)
        backends.append(
            {
                "type": "OpenTelemetry",
                "name": resolved.name,
                "openTelemetry": {
                    "endpoint": otel_socket(ctx.workdir, resolved.name),
                    "refreshInterval": format_duration(parse_duration(interval)),
                },
            }
        )
    labels = {"mesh": ctx.mesh_name, "kuma.proxy_role": "sidecar"}
    if ctx.labels.get(ZONE_LABEL):
        labels["zone"] = ctx.labels[ZONE_LABEL]
    if ctx.labels.get(WORKLOAD_LABEL):
        labels["kuma.workload"] = ctx.labels[WORKLOAD_LABEL]
    metrics: dict[str, Any] = {"applications": applications, "backends": backends or None}
    if isinstance(conf.get("sidecar"), Mapping):
        metrics["sidecar"] = _sidecar_json(conf["sidecar"])
    metrics["extraLabels"] = dict(sorted(labels.items()))
    return {"observability": {"metrics": metrics}}


def dynamic_config_listener(ctx: ProxyContext, name: str, path: str, body: str) -> dict[str, Any]:
    """Kuma's ``dynconf`` listener with one route answering ``body`` on ``path`` (ETag, 304)."""
    digest = hashlib.sha256(body.encode()).hexdigest()
    hcm = direct_response_hcm(DYNAMIC_CONFIG_LISTENER, ctx.ipv6)
    route_config = hcm["typedConfig"]["routeConfig"]
    route_config["virtualHosts"][0]["routes"] = [
        {
            "name": f"{DYNAMIC_CONFIG_LISTENER}_{name}_not_modified",
            "match": {"path": path, "headers": [{"name": "If-None-Match", "stringMatch": {"exact": digest}}]},
            "directResponse": {"status": 304},
        },
        {
            "name": f"{DYNAMIC_CONFIG_LISTENER}_{name}",
            "match": {"path": path},
            "responseHeadersToAdd": [{"header": {"key": "Etag", "value": digest}}],
            "directResponse": {"status": 200, "body": {"inlineString": body}},
        },
    ]
    route_config["maxDirectResponseBodySizeBytes"] = len(body.encode())
    socket = dynamic_config_socket(ctx.workdir)
    return pipe_listener(DYNAMIC_CONFIG_LISTENER, socket, [builders.filter_chain(hcm)])


def _otel_listener(ctx: ProxyContext, name: str, socket: str) -> dict[str, Any]:
    listener = pipe_listener(name, socket, [])
    route_config = {
        "validateClusters": False,
        "virtualHosts": [
            {
                "name": name,
                "domains": ["*"],
                "routes": [{"match": {"prefix": "/"}, "route": {"cluster": name}}],
            }
        ],
    }
    hcm = direct_response_hcm(name, ctx.ipv6)
    config = hcm["typedConfig"]
    config["routeConfig"] = route_config
    config["httpFilters"].insert(
        0, {"name": GRPC_STATS_FILTER, "typedConfig": {"@type": GRPC_STATS_TYPE, "emitFilterState": True}}
    )
    listener["filterChains"] = [builders.filter_chain(hcm)]
    return listener


def configure_envoy(ctx: ProxyContext, rules: KindRules, resources: ProxyResources) -> None:
    """MeshMetric's Envoy translation (registered on :data:`KIND`)."""
    if rules.proxy is None or not isinstance(rules.proxy.conf, Mapping):
        return
    conf = rules.proxy.conf
    if not conf.get("backends"):
        return
    prometheus = _backends(conf, "Prometheus", "prometheus")
    hijacker = metrics_hijacker_socket(ctx.workdir, ctx.name, ctx.mesh_name)
    for backend in prometheus:
        name = system_name(
            "meshmetric_prometheus", clean_name(str(backend.get("clientId") or DEFAULT_BACKEND_NAME))
        )
        resources.add_resource(CLUSTER, collector_cluster(name, pipe=hijacker), origin=PROMETHEUS_ORIGIN)
        listener = static_route_listener(
            name,
            _address(ctx),
            int(backend.get("port") or 0),
            [(str(backend.get("path") or "/metrics"), name, DYNAMIC_CONFIG_PATH)],
            reuse_port=REUSE_PORT_FEATURE in ctx.features,
            ipv6=ctx.ipv6,
        )
        resources.add_resource(LISTENER, listener, origin=PROMETHEUS_ORIGIN)
    otel: list[tuple[OtelBackend, Mapping[str, Any]]] = []
    for backend in _backends(conf, "OpenTelemetry", "openTelemetry"):
        resolved = otel_backends.resolve(ctx, backend.get("backendRef"))
        if resolved is None:
            continue
        otel.append((resolved, backend))
        name = system_name("meshmetric_otel", clean_name(resolved.name))
        cluster = collector_cluster(
            name,
            address=resolved.address,
            port=resolved.port,
            ipv6=is_ip(_address(ctx)) and ":" in _address(ctx),
            http2=True,
            tls=resolved.https,
        )
        resources.add_resource(CLUSTER, cluster, origin=OTEL_ORIGIN)
        socket = otel_socket(ctx.workdir, resolved.name)
        resources.add_resource(LISTENER, _otel_listener(ctx, name, socket), origin=OTEL_ORIGIN)
    body = go_json(agent_config(ctx, conf, bool(prometheus), otel))
    listener = dynamic_config_listener(ctx, "meshmetric", DYNAMIC_CONFIG_PATH, body)
    resources.add_resource(LISTENER, listener, origin=DYNAMIC_CONFIG_ORIGIN)


EXAMPLE: dict[str, Any] = {
    "targetRef": {"kind": "Mesh"},
    "default": {
        "sidecar": {
            "includeUnused": False,
            "profiles": {
                "appendProfiles": [{"name": "Basic"}],
                "exclude": [{"type": "Regex", "match": "envoy_cluster_.*_upstream_cx_.*"}],
            },
        },
        "applications": [{"name": "backend", "path": "/metrics", "port": 8080}],
        "backends": [{"type": "Prometheus", "prometheus": {"port": 5670, "path": "/metrics"}}],
    },
}

KIND = KindDescriptor(
    name="MeshMetric",
    plural="meshmetrics",
    short_name="mm",
    scope=Scope.MESH,
    spec_model=MeshMetricSpec,
    validate=validate,
    description=(
        "Collects Envoy and application metrics on each selected proxy and exposes them for "
        "Prometheus or pushes them to an OpenTelemetry collector."
    ),
    policy=PolicyTraits(
        sections=frozenset({Section.TARGET_REF, Section.DEFAULT}),
        order=1500,
        append_fields=(("sidecar", "profiles", "appendProfiles"),),
    ),
    example=EXAMPLE,
    has_status=True,
    extras={ENVOY_CONFIGURER: configure_envoy},
)
