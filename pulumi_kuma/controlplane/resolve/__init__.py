"""Policy resolution: which policies apply to each Dataplane, and their merged rules (Kuma 3.0).

Pure functions of a mesh's resources (no I/O). Start with :class:`MeshIndex` (or
:func:`resolve_mesh`); :mod:`.inspect` renders the results as Kuma's inspect API does, and
:mod:`.engine` keeps them up to date as resources change.
"""

from pulumi_kuma.controlplane.resolve.merge import MergeSpec, merge_catch_all, merge_confs, merge_patch
from pulumi_kuma.controlplane.resolve.resolver import MeshIndex, resolve_mesh
from pulumi_kuma.controlplane.resolve.types import (
    DataplaneRules,
    InboundListener,
    InboundRule,
    KindRules,
    MeshSnapshot,
    Origin,
    OutboundRules,
    ProxyRule,
    ResourceRule,
)

__all__ = [
    "DataplaneRules",
    "InboundListener",
    "InboundRule",
    "KindRules",
    "MergeSpec",
    "MeshIndex",
    "MeshSnapshot",
    "Origin",
    "OutboundRules",
    "ProxyRule",
    "ResourceRule",
    "merge_catch_all",
    "merge_confs",
    "merge_patch",
    "resolve_mesh",
]
