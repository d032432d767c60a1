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


def _selector(ref: Mapping[str, Any], namespace: str) -> tuple[str, dict[str, str], str] | None:
    """``(kind, labels, section)`` a backendRef selects by, or None when it cannot name a destination."""
    kind = ref.get("kind")
    labels = ref.get("labels")
    if kind not in BACKEND_KINDS or not isinstance(labels, dict) or not labels:
        return None
    selector = {str(k): str(v) for k, v in labels.items()}
    if namespace and selector.get(DISPLAY_NAME) and not selector.get(NAMESPACE_LABEL):
        selector[NAMESPACE_LABEL] = namespace
    section = str(ref.get("sectionName") or "")
    port = ref.get("port")
    if not section and isinstance(port, int) and not isinstance(port, bool) and port > 0:
        section = str(port)
    return str(kind), selector, section


def _destination(ctx: ProxyContext, kind: str, selector: dict[str, str], section: str) -> Destination | None:
    destination = ctx.destinations.resolve(kind, selector, section)
    if destination is not None and section and destination.kri != destination.base_kri + section:
        destination = dataclasses.replace(destination, kri=destination.base_kri + section)
    return destination


def resolve_backend(ctx: ProxyContext, ref: Mapping[str, Any], *, namespace: str = "") -> Backend | None:
    """The destination port a backendRef names, or None when it names nothing that exists.

    ``namespace`` is the namespace of the policy holding the ref: a ref by display name without a
    namespace label means that namespace (Kuma's ``RealResourceSelector``)."""
    selected = _selector(ref, namespace)
    if selected is None:
        return None
    destination = _destination(ctx, *selected)
    return Backend(destination, ref_weight(ref)) if destination is not None else None


class BackendResolver:
    """:func:`resolve_backend` for one proxy's generation, each distinct selector looked up once
    (routes name the same backends again and again)."""

    __slots__ = ("_cache", "_ctx")

    def __init__(self, ctx: ProxyContext) -> None:
        self._ctx = ctx
        self._cache: dict[tuple[str, tuple[tuple[str, str], ...], str], Destination | None] = {}

    def resolve(self, ref: Mapping[str, Any], *, namespace: str = "") -> Backend | None:
        """The destination port a backendRef names (see :func:`resolve_backend`)."""
        selected = _selector(ref, namespace)
        if selected is None:
            return None
        kind, selector, section = selected
        key = (kind, tuple(sorted(selector.items())), section)
        if key not in self._cache:
            self._cache[key] = _destination(self._ctx, kind, selector, section)
        destination = self._cache[key]
        return Backend(destination, ref_weight(ref)) if destination is not None else None
