"""BackendRefs of routes and mirrors, resolved to destination ports (Kuma's ``resolve.BackendRef``).

A backendRef selects a destination by ``kind`` and ``labels`` (the oldest match wins) and a port by
``sectionName``, else by ``port`` number, else the destination's only port. The cluster of the
backend is named after the destination's KRI with the section *as written* in the ref, so a ref by
port number (``port: 80``) gets a cluster of its own (``..._backend_80``), as in Kuma.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pulumi_kuma.envoy.context import Destination, ProxyContext
from pulumi_kuma.envoy.names import DISPLAY_NAME, NAMESPACE_LABEL
from pulumi_kuma.model.common import BACKEND_KINDS


@dataclass(frozen=True, slots=True)
class Backend:
    """A resolved backendRef: the destination port (named as its cluster will be) and its weight."""

    destination: Destination
    weight: int

    @property
    def cluster_name(self) -> str:
        return self.destination.cluster_name


def ref_weight(ref: Mapping[str, Any]) -> int:
    """A backendRef's weight (1 when not given)."""
    weight = ref.get("weight")
    return int(weight) if isinstance(weight, int) and not isinstance(weight, bool) else 1


def resolve_backend(ctx: ProxyContext, ref: Mapping[str, Any], *, namespace: str = "") -> Backend | None:
    """The destination port a backendRef names, or None when it names nothing that exists.

    ``namespace`` is the namespace of the policy holding the ref: a ref by display name without a
    namespace label means that namespace (Kuma's ``RealResourceSelector``)."""
    kind = ref.get("kind")
    labels = ref.get("labels")
    if kind not in BACKEND_KINDS or not isinstance(labels, dict) or not labels:
        return None
    selector = {str(k): str(v) for k, v in labels.items()}
    if namespace and selector.get(DISPLAY_NAME) and not selector.get(NAMESPACE_LABEL):
        selector[NAMESPACE_LABEL] = namespace
    section = str(ref.get("sectionName") or "")
    port = ref.get("port")
    if not section and isinstance(port, int) and port > 0:
        section = str(port)
    destination = ctx.destinations.resolve(str(kind), selector, section)
    if destination is None:
        return None
    if section and destination.kri != destination.base_kri + section:
        destination = dataclasses.replace(destination, kri=destination.base_kri + section)
    return Backend(destination, ref_weight(ref))
