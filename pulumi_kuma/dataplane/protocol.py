"""The ``POST /bootstrap`` wire format shared by ``dp run`` and the control plane (Kuma's JSON).

Field names and quirks follow ``pkg/xds/bootstrap/types`` in Kuma, so ``kuma-dp`` can bootstrap
from our control plane and ``pulumi-kuma dp run`` from a real ``kuma-cp``.
"""

from __future__ import annotations

import base64
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_serializer, field_validator
from pydantic.alias_generators import to_camel

BOOTSTRAP_PATH = "/bootstrap"
PROXY_TYPE_DATAPLANE = "dataplane"


class _Wire(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="ignore")


class KumaDpVersion(_Wire):
    """The data plane agent's version."""

    version: str = ""
    git_tag: str = ""
    git_commit: str = ""
    build_date: str = ""


class EnvoyVersion(_Wire):
    """The Envoy version the agent runs."""

    version: str = ""
    build: str = ""
    kuma_dp_compatible: bool = False


class Version(_Wire):
    """Versions reported in the request and copied into Envoy's node metadata."""

    kuma_dp: KumaDpVersion = Field(default_factory=KumaDpVersion)
    envoy: EnvoyVersion = Field(default_factory=EnvoyVersion)


class ProxyResources(_Wire):
    """Resources available to the proxy."""

    max_heap_size_bytes: int = 0


class MetricsResources(_Wire):
    """Where the agent keeps metrics TLS material."""

    cert_path: str = ""
    key_path: str = ""


class SpireResources(_Wire):
    """The SPIRE agent socket, if any."""

    socket_path: str = ""


class BootstrapRequest(_Wire):
    """Kuma's ``BootstrapRequest``: who the proxy is and how it runs."""

    mesh: str = ""
    name: str = ""
    proxy_type: str = PROXY_TYPE_DATAPLANE
    dataplane_token: str = ""
    dataplane_token_path: str = ""
    dataplane_resource: str = ""
    """The rendered Dataplane (universal JSON or YAML) when ``dp run`` was given one."""
    version: Version = Field(default_factory=Version)
    ca_cert: str = ""
    dynamic_metadata: dict[str, str] | None = None
    dns_port: int = 0
    readiness_port: int = 0
    # Kuma's wire key says "Disabled" but carries "enabled" (kept for compatibility; never invert).
    app_probe_proxy_enabled: bool = Field(default=False, alias="appProbeProxyDisabled")
    operating_system: str = ""
    features: list[str] = Field(default_factory=list)
    resources: ProxyResources = Field(default_factory=ProxyResources)
    workdir: str = ""
    metrics_resources: MetricsResources = Field(default_factory=MetricsResources)
    system_ca_path: str = ""
    dataplane_config: dict[str, Any] | None = None
    ipv6_enabled: bool = False
    spire_resources: SpireResources = Field(default_factory=SpireResources)

    @field_validator("features", mode="before")
    @classmethod
    def _null_features(cls, value: Any) -> Any:
        return [] if value is None else value

    def to_json(self) -> dict[str, Any]:
        """The request body as Kuma's data plane sends it."""
        return self.model_dump(mode="json", by_alias=True)


class NetworkingConfiguration(_Wire):
    """Where the proxy's Dataplane says it lives."""

    address: str = ""


class MetricsConfiguration(_Wire):
    """Applications whose metrics the agent merges (not used by pulumi-kuma)."""

    aggregate: list[dict[str, Any]] | None = None


class KumaSidecarConfiguration(_Wire):
    """What the agent needs besides Envoy's bootstrap."""

    networking: NetworkingConfiguration = Field(default_factory=NetworkingConfiguration)
    metrics: MetricsConfiguration = Field(default_factory=MetricsConfiguration)


class BootstrapResponse(_Wire):
    """The JSON reply (``Accept: application/json``): Envoy's bootstrap YAML, base64 in JSON as Go
    encodes ``[]byte``, and the sidecar configuration."""

    bootstrap: bytes = b""
    kuma_sidecar_configuration: KumaSidecarConfiguration = Field(default_factory=KumaSidecarConfiguration)

    @field_validator("bootstrap", mode="before")
    @classmethod
    def _decode_bootstrap(cls, value: Any) -> Any:
        if isinstance(value, str):
            return base64.b64decode(value, validate=True)
        return value

    @field_serializer("bootstrap")
    def _encode_bootstrap(self, value: bytes) -> str:
        return base64.b64encode(value).decode()

    def to_json(self) -> dict[str, Any]:
        """The response body."""
        return self.model_dump(mode="json", by_alias=True)
