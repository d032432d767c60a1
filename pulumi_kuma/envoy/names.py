"""Kuma 3.0's names for Envoy resources (``notes/kuma-api-and-xds.md`` §2.5).

Inbound listeners and clusters are named after the inbound (``self_inbound_dp_<section>``);
outbound listeners, clusters and load assignments after the destination port's KRI
(``kri_msvc_<mesh>_<zone>_<namespace>_<name>_<section>``).
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Mapping

from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.model.registry import KindDescriptor

INBOUND_PREFIX = "self_inbound_dp_"
DISPLAY_NAME = "kuma.io/display-name"
ZONE_LABEL = "kuma.io/zone"
NAMESPACE_LABEL = "k8s.kuma.io/namespace"


def inbound_name(section_name: str) -> str:
    """The listener, cluster and route name of an inbound: its name, or its port, after the prefix."""
    return f"{INBOUND_PREFIX}{section_name}"


def kri(short_name: str, mesh: str, labels: Mapping[str, str], name: str, section: str = "") -> str:
    """``kri_<short>_<mesh>_<zone>_<namespace>_<displayName>_<section>`` of a mesh-scoped resource."""
    display = labels.get(DISPLAY_NAME) or name
    zone = labels.get(ZONE_LABEL, "")
    namespace = labels.get(NAMESPACE_LABEL, "")
    return f"kri_{short_name}_{mesh}_{zone}_{namespace}_{display}_{section}"


RULE_SECTION = "rule"
"""Sections of route KRIs name a rule of the route (``..._<route>_rule_<i>``): the only sections with a ``_``."""


def rule_section(index: int) -> str:
    """The section of a route rule's KRI: ``rule_<index in the policy's to[]>``."""
    return f"{RULE_SECTION}_{index}"


def without_section(kri_text: str) -> str:
    """A KRI with its section name dropped (``..._backend_80`` → ``..._backend_``,
    ``..._route_rule_0`` → ``..._route_``).

    Short names, display names and port sections hold no ``_``, so the section is the last part,
    except a route rule's ``rule_<i>`` (taken as one section only when a display name precedes it)."""
    base, _, last = kri_text.rpartition("_")
    if last.isdigit() and base.endswith("_" + RULE_SECTION):
        candidate = base[: -len(RULE_SECTION)]
        parts = candidate.split("_")
        if len(parts) >= 7 and parts[-2]:
            return candidate
    return base + "_"


def route_keys(route_name: str) -> tuple[str, ...]:
    """The outbound rule keys of a route, most specific first: a route named by a KRI (a
    MeshHTTPRoute rule's) looks up its conf under that KRI, then the KRI without its section; other
    routes (the default catch-all route) have no keys of their own (Kuma's route ``ResourceContext``)."""
    if not is_kri(route_name):
        return ()
    return (route_name, without_section(route_name))


def is_kri(text: str) -> bool:
    """Whether ``text`` looks like a KRI (Kuma names routes after the MeshHTTPRoute rule's KRI)."""
    return text.startswith("kri_") and text.count("_") >= 6


def _matches_hash(go_json: str) -> str:
    return base64.b64encode(hashlib.sha256(go_json.encode()).digest()).decode()


DEFAULT_ROUTE_NAME = _matches_hash('[{"path":{"value":"/","type":"PathPrefix"}}]')
"""The name of an outbound's catch-all route: Kuma's hash of the match ``PathPrefix /``."""


# --- system resources and the data plane agent's sockets ------------------------------------------

SYSTEM_PREFIX = "system_"
_CLEAN_NAME = re.compile(r"([a-z0-9-]*_?)+")
UNIX_SOCKET_MAX = 98
"""Kuma trims socket paths to this length (plus ``.sock``) to fit the 104-byte ``sun_path``."""
DEFAULT_WORKDIR = "/tmp"


def clean_name(name: str) -> str:
    """Kuma's ``CleanName``: the runs of ``[a-z0-9-_]`` in ``name`` joined with ``-``.

    Go's ``FindAllString`` also yields the empty matches that do not directly follow a match, so
    ``http://host:1`` becomes ``http---host-1`` (one ``-`` per skipped character after the first)."""
    parts: list[str] = []
    position, previous_end = 0, -1
    while position <= len(name):
        found = _CLEAN_NAME.match(name, position)
        end = found.end() if found is not None else position
        if end == position:
            if position != previous_end:
                parts.append("")
            position += 1
        else:
            parts.append(name[position:end])
            position = end
        previous_end = end
    return "-".join(parts)


def system_name(*sections: str) -> str:
    """``system_<section>_<section>...``: the name of a resource the control plane adds for itself."""
    return SYSTEM_PREFIX + "_".join(sections)


def socket_name(workdir: str, stem: str) -> str:
    """A Unix socket path in the data plane's work directory (``/tmp`` when unknown), trimmed as Kuma does."""
    path = os.path.join(workdir or DEFAULT_WORKDIR, stem)
    return path[:UNIX_SOCKET_MAX] + ".sock"


def access_log_socket(workdir: str, name: str, mesh: str) -> str:
    """The pipe Envoy writes TCP access log lines to; the data plane agent forwards them."""
    return socket_name(workdir, f"kuma-al-{name}-{mesh}")


def metrics_hijacker_socket(workdir: str, name: str, mesh: str) -> str:
    """The socket where the data plane agent serves merged Envoy and application metrics."""
    return socket_name(workdir, f"kuma-mh-{name}-{mesh}")


def dynamic_config_socket(workdir: str) -> str:
    """The pipe listener where Envoy serves the data plane agent its dynamic config (MeshMetric)."""
    return socket_name(workdir, "kuma-mesh-metric-config")


def otel_socket(workdir: str, backend: str) -> str:
    """The socket where the data plane agent receives OpenTelemetry data for one backend."""
    return socket_name(workdir, f"kuma-otel-{backend}")


def policy_kri(kind: KindDescriptor, policy: ResourceObject) -> str:
    """A policy's KRI without a section (``kri_mfi_<mesh>_<zone>_<namespace>_<name>_``): the name
    Kuma gives to the filters and log entries a policy produces."""
    return kri(kind.short_name or kind.name.lower(), policy.mesh or "", policy.labels, policy.name)
