"""Who is on the other end of a stream: Kuma's proxy id and the node metadata Envoy sends."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import yaml
from google.protobuf import json_format
from google.protobuf.struct_pb2 import Struct

# Node metadata keys Kuma's bootstrap writes (pkg/core/xds/metadata.go).
METADATA_DATAPLANE_RESOURCE = "dataplane.resource"
METADATA_PROXY_TYPE = "dataplane.proxyType"
METADATA_ADMIN_PORT = "dataplane.admin.port"
METADATA_ADMIN_ADDRESS = "dataplane.admin.address"
METADATA_VERSION = "version"


class ProxyIdError(ValueError):
    """A node id that is not ``<mesh>.<name>``; the message is Kuma's."""


@dataclass(frozen=True, slots=True)
class ProxyId:
    """A data plane proxy's identity: Envoy's ``node.id`` is ``<mesh>.<name>``."""

    mesh: str
    name: str

    def __str__(self) -> str:
        return f"{self.mesh}.{self.name}"

    @classmethod
    def parse(cls, node_id: str) -> ProxyId:
        """Split on the first dot, as Kuma does (so a mesh name cannot contain a dot)."""
        if not node_id:
            raise ProxyIdError("Envoy ID must not be nil")
        mesh, dot, name = node_id.partition(".")
        if not dot:
            raise ProxyIdError("the name should be provided after the dot")
        if not name:
            raise ProxyIdError("name must not be empty")
        return cls(mesh, name)


def metadata_dict(metadata: Struct) -> dict[str, Any]:
    """Envoy's ``node.metadata`` as plain JSON."""
    result: dict[str, Any] = json_format.MessageToDict(metadata)
    return result


def dataplane_from_metadata(metadata: dict[str, Any]) -> dict[str, Any] | None:
    """The Dataplane resource ``kuma-dp`` put into ``dataplane.resource`` (a JSON or YAML string).

    Raises ``ValueError`` when the value is present but is not a resource object.
    """
    raw = metadata.get(METADATA_DATAPLANE_RESOURCE)
    if raw is None or raw == "":
        return None
    if isinstance(raw, dict):
        return raw
    if not isinstance(raw, str):
        raise ValueError(
            f"node metadata {METADATA_DATAPLANE_RESOURCE!r} must be a string holding a Dataplane"
        )
    try:
        parsed = json.loads(raw)
    except json.JSONDecodeError:
        try:
            parsed = yaml.safe_load(raw)
        except yaml.YAMLError as exc:
            raise ValueError(
                f"node metadata {METADATA_DATAPLANE_RESOURCE!r} is neither JSON nor YAML: {exc}"
            ) from exc
    if not isinstance(parsed, dict):
        raise ValueError(f"node metadata {METADATA_DATAPLANE_RESOURCE!r} must hold a Dataplane object")
    return parsed
