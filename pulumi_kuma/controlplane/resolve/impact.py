"""Impact preview: which Dataplanes' rules a set of changes would change, and how (no I/O).

:func:`preview` applies the changes to an overlay of the engine (:meth:`ResolutionEngine.overlay`),
so only the (Dataplane, kind) pairs the changes can affect are recomputed, exactly as for real
changes, and the engine itself is untouched. Each candidate Dataplane's rules before and after are
rendered as the inspect API renders them and compared with :func:`.diff.dataplane_changes`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pulumi_kuma.controlplane.resolve.diff import dataplane_changes
from pulumi_kuma.controlplane.resolve.engine import ResolutionEngine
from pulumi_kuma.controlplane.resolve.inspect import meta_json, render_rules
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.model.rules import MESH_KIND, DataplaneRules


@dataclass(frozen=True, slots=True)
class Upsert:
    """Create or replace a resource (as the store would hold it after the PUT)."""

    obj: ResourceObject


@dataclass(frozen=True, slots=True)
class Delete:
    """Delete a resource of ``type`` named ``name`` (in the previewed mesh, or global)."""

    type: str
    name: str


Change = Upsert | Delete


@dataclass(frozen=True, slots=True)
class Impact:
    """What the changes do: one diff per Dataplane whose rules change, by name."""

    mesh: str
    dataplanes: int
    """How many Dataplanes the mesh has before the changes."""
    items: list[dict[str, Any]] = field(default_factory=list)
    recomputed: int = 0
    """How many (Dataplane, policy kind) pairs the preview resolved."""


def matched_policies(rules: DataplaneRules | None) -> dict[str, list[dict[str, Any]]]:
    """Each kind's matched policies as short metas (kinds that matched none are left out)."""
    if rules is None:
        return {}
    return {kind: [meta_json(p) for p in r.policies] for kind, r in rules.kinds.items() if r.policies}


def preview(engine: ResolutionEngine, mesh: str, changes: Sequence[Change]) -> Impact:
    """Apply ``changes`` to an overlay of ``mesh`` and diff every Dataplane they may affect."""
    overlay = engine.overlay(mesh)
    candidates: set[str] = set()
    recomputed = 0
    for change in changes:
        if isinstance(change, Upsert):
            update = overlay.upsert(change.obj)
        else:
            scope = "" if change.type == MESH_KIND else mesh
            update = overlay.delete(change.type, scope, change.name)
        recomputed += update.recomputed
        candidates |= {name for m, name in update.changed if m == mesh}
    registry = engine.registry
    items = []
    for name in sorted(candidates):
        before, after = engine.rules(mesh, name), overlay.rules(mesh, name)
        diff = dataplane_changes(
            render_rules(before, registry) if before is not None else None,
            render_rules(after, registry) if after is not None else None,
            matched_policies(before),
            matched_policies(after),
            registry,
        )
        if diff is not None:
            items.append(diff)
    index = engine.index(mesh)
    return Impact(mesh, len(index.dataplanes) if index is not None else 0, items, recomputed)
