"""MeshMetric: which Envoy and application metrics a proxy collects, and where they go."""

from __future__ import annotations

import re
import warnings
from functools import lru_cache
from typing import Annotated, Any

from pulumi_kuma.model.base import REQUIRED, Default, Duration, KumaModel, OneOf
from pulumi_kuma.model.common import (
    TOP_LEVEL_KINDS,
    BackendResourceRef,
    TopLevelTargetRef,
    check_port,
    validate_open_telemetry_backend,
)
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.path import SPEC, FieldPath
from pulumi_kuma.model.policy import validate_top_level
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext
from pulumi_kuma.model.violations import Violations

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
)
