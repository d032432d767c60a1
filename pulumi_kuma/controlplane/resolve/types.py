"""The resolver's input and output types; they live in :mod:`pulumi_kuma.model.rules` so that the
layers below the control plane (the Envoy translation of each policy) can read resolved rules."""

from pulumi_kuma.model.rules import (
    EMPTY_OUTBOUND,
    MESH_KIND,
    DataplaneRules,
    InboundListener,
    InboundRule,
    Json,
    KindRules,
    MeshSnapshot,
    Origin,
    OutboundRules,
    ProxyRule,
    ResourceRule,
)

__all__ = [
    "EMPTY_OUTBOUND",
    "MESH_KIND",
    "DataplaneRules",
    "InboundListener",
    "InboundRule",
    "Json",
    "KindRules",
    "MeshSnapshot",
    "Origin",
    "OutboundRules",
    "ProxyRule",
    "ResourceRule",
]
