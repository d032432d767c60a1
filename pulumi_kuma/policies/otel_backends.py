"""The OpenTelemetry collector a MeshTrace, MeshAccessLog or MeshMetric ``backendRef`` names.

Kuma's ``ResolveOtelBackend`` for the direct export path (Envoy talks to the collector itself):
the oldest MeshOpenTelemetryBackend whose labels include the reference's, with its defaults
(port 4317, gRPC); an address left empty is the node's (``127.0.0.1`` in universal mode).
A reference to nothing resolves to None and the backend is left out, as in Kuma.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from pulumi_kuma.envoy import ProxyContext
from pulumi_kuma.kinds import meshopentelemetrybackend as motb
from pulumi_kuma.model.envelope import DISPLAY_NAME

BACKEND_KIND = motb.KIND.name
LOCAL_ADDRESS = "127.0.0.1"
TRACES_PATH = "v1/traces"
METRICS_PATH = "v1/metrics"
LOGS_PATH = "v1/logs"


@dataclass(frozen=True, slots=True)
class OtelBackend:
    """A resolved collector: where Envoy sends, and how."""

    name: str
    """The backend's display name (Kuma names clusters and sockets after it)."""
    address: str
    port: int
    http: bool
    """OTLP over HTTP (else gRPC)."""
    path: str = ""

    @property
    def https(self) -> bool:
        """Kuma's heuristic: OTLP/HTTP to port 443 uses TLS."""
        return self.http and self.port == 443

    def url(self, signal: str) -> str:
        """The OTLP/HTTP URL of one signal (``v1/traces`` ...) under the backend's base path."""
        scheme = "https" if self.https else "http"
        host = f"[{self.address}]" if ":" in self.address else self.address
        return f"{scheme}://{host}:{self.port}{posixpath.join(self.path or '/', signal)}"


def resolve(ctx: ProxyContext, backend_ref: Any) -> OtelBackend | None:
    """The collector a ``backendRef`` (``{kind, labels}``) names, or None."""
    if not isinstance(backend_ref, Mapping):
        return None
    labels = backend_ref.get("labels")
    if not isinstance(labels, Mapping) or not labels:
        return None
    found = ctx.destinations.referenced(BACKEND_KIND, {str(k): str(v) for k, v in labels.items()})
    if found is None:
        return None
    try:
        spec = motb.MeshOpenTelemetryBackendSpec.model_validate(found.spec)
    except ValidationError:
        return None
    resolved = motb.resolve(spec)
    return OtelBackend(
        name=found.labels.get(DISPLAY_NAME) or found.name,
        address=resolved.address or LOCAL_ADDRESS,
        port=resolved.port,
        http=resolved.protocol == "http",
        path=resolved.path,
    )
