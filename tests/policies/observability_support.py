"""A proxy context with observability backends and the listeners of Kuma's observability plugin tests."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from pulumi_kuma.envoy import Destination, InboundView, ProxyContext
from pulumi_kuma.model.envelope import ResourceObject
from tests.policies.envoy_support import DATAPLANE, context

BACKEND_KIND = "MeshOpenTelemetryBackend"


class Backends:
    """A destination lookup that knows only the observability backends it is given."""

    def __init__(self, *backends: ResourceObject) -> None:
        self.backends = backends

    def resolve(self, kind: str, labels: Mapping[str, str], section: str = "") -> Destination | None:
        return None

    def by_kri(self, kri: str) -> Destination | None:
        return None

    def referenced(self, kind: str, labels: Mapping[str, str]) -> ResourceObject | None:
        for backend in self.backends:
            if backend.type == kind and all(backend.labels.get(k) == v for k, v in labels.items()):
                return backend
        return None


def otel_backend(
    name: str, address: str = "", port: int | None = 4317, protocol: str = "grpc"
) -> ResourceObject:
    """A MeshOpenTelemetryBackend labelled with its display name, as Kuma's tests build them."""
    endpoint: dict[str, Any] = {}
    if address:
        endpoint["address"] = address
    if port is not None:
        endpoint["port"] = port
    return ResourceObject(
        type=BACKEND_KIND,
        name=name,
        mesh="default",
        labels={"kuma.io/display-name": name},
        spec={"endpoint": endpoint, "protocol": protocol},
    )


def proxy(
    inbounds: Sequence[InboundView] = (),
    *,
    backends: Sequence[ResourceObject] = (),
    labels: Mapping[str, str] | None = None,
    zone: str = "default",
    name: str = "backend",
    address: str = "127.0.0.1",
    workdir: str = "",
    ipv6: bool = False,
) -> ProxyContext:
    """A proxy context for Kuma's test Dataplane ``backend`` in mesh ``default``."""
    dataplane = ResourceObject(
        type="Dataplane",
        name=name,
        mesh="default",
        labels=dict(labels or {}),
        spec={**DATAPLANE.spec, "networking": {**DATAPLANE.spec["networking"], "address": address}},
    )
    return dataclasses.replace(
        context(inbounds, dataplane=dataplane),
        destinations=Backends(*backends),
        zone=zone,
        workdir=workdir,
        ipv6=ipv6,
    )
