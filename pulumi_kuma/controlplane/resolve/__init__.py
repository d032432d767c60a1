"""Policy resolution: which policies apply to each Dataplane, and their merged rules (Kuma 3.0).

Pure functions of a mesh's resources (no I/O). Start with :class:`MeshIndex` (or
:func:`resolve_mesh`); :mod:`.inspect` renders the results as Kuma's inspect API does, and
:mod:`.engine` keeps them up to date as resources change.
"""

from pulumi_kuma.controlplane.resolve.engine import EngineUpdate, ResolutionEngine
from pulumi_kuma.controlplane.resolve.inspect import policy_dataplanes, render_rules
from pulumi_kuma.controlplane.resolve.resolver import MeshIndex, resolve_mesh
from pulumi_kuma.model.merge import MergeSpec, catch_all_conf, merge_catch_all, merge_confs, merge_patch
from pulumi_kuma.model.rules import (
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
    "EngineUpdate",
    "InboundListener",
    "InboundRule",
    "KindRules",
    "MergeSpec",
    "MeshIndex",
    "MeshSnapshot",
    "Origin",
    "OutboundRules",
    "ProxyRule",
    "ResolutionEngine",
    "ResourceRule",
    "catch_all_conf",
    "merge_catch_all",
    "merge_confs",
    "merge_patch",
    "policy_dataplanes",
    "render_rules",
    "resolve_mesh",
]
