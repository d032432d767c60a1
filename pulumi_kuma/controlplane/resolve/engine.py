"""The incremental resolution engine: every Dataplane's rules, kept current as resources change.

It holds one :class:`MeshIndex` per mesh and the resolved :class:`DataplaneRules` of every
Dataplane. A change recomputes only the (Dataplane, policy kind) pairs it can affect:

* a policy: the Dataplanes its old or new top-level targetRef selects (or warns about), for its kind;
* a destination (MeshService, MeshExternalService, MeshMultiZoneService, MeshHTTPRoute as a
  ``to`` target): for each kind, the Dataplanes that matched a policy with a ``to[]`` entry whose
  targetRef selects the old or the new resource;
* the Mesh: the Dataplanes that matched a policy with a ``to: Mesh`` entry;
* a Dataplane: itself, every kind.

Each update reports which Dataplanes' rules actually changed (compared by value), so the xDS layer
regenerates exactly those.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pulumi_kuma.controlplane.resolve.matching import DataplaneView, PolicyView
from pulumi_kuma.controlplane.resolve.resolver import DATAPLANE, MeshIndex
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.model.registry import KindDescriptor, Registry
from pulumi_kuma.model.rules import MESH_KIND, DataplaneRules, KindRules, MeshSnapshot
from pulumi_kuma.registry import REGISTRY

DataplaneKey = tuple[str, str]
"""(mesh, Dataplane name)."""


@dataclass(frozen=True, slots=True)
class EngineUpdate:
    """What one change did."""

    changed: frozenset[DataplaneKey]
    """Dataplanes whose rules differ now (including added and removed Dataplanes)."""
    removed: frozenset[DataplaneKey] = frozenset()
    """Dataplanes that no longer exist (also in :attr:`changed`)."""
    recomputed: int = 0
    """How many (Dataplane, policy kind) pairs were recomputed."""


@dataclass(slots=True)
class _Mesh:
    index: MeshIndex
    rules: dict[str, DataplaneRules] = field(default_factory=dict)


class ResolutionEngine:
    """Resolved rules for every Dataplane of every mesh, updated incrementally."""

    def __init__(self, registry: Registry = REGISTRY) -> None:
        self.registry = registry
        self._meshes: dict[str, _Mesh] = {}

    # --- reading ----------------------------------------------------------------------------------

    def rules(self, mesh: str, dataplane: str) -> DataplaneRules | None:
        """A Dataplane's current rules, or None when it does not exist."""
        state = self._meshes.get(mesh)
        return state.rules.get(dataplane) if state is not None else None

    def dataplanes(self, mesh: str) -> Mapping[str, DataplaneRules]:
        """Every Dataplane of a mesh with its rules."""
        state = self._meshes.get(mesh)
        return dict(state.rules) if state is not None else {}

    def index(self, mesh: str) -> MeshIndex | None:
        """The mesh's index (for inspect endpoints that resolve on demand)."""
        state = self._meshes.get(mesh)
        return state.index if state is not None else None

    def meshes(self) -> list[str]:
        """The meshes the engine holds, by name."""
        return sorted(self._meshes)

    # --- what-if ----------------------------------------------------------------------------------

    def overlay(self, mesh: str) -> ResolutionEngine:
        """An engine that starts from this one's state of ``mesh`` and then changes on its own.

        Apply what-if changes to it with :meth:`upsert` and :meth:`delete` (their updates name the
        Dataplanes to compare) and read its :meth:`rules`; this engine is never changed. The mesh's
        index is forked copy-on-write (:meth:`MeshIndex.fork`) and the rules map is copied flat (no
        rules are recomputed), so a preview costs what the same changes cost for real. The overlay
        holds no other mesh, and is valid while this engine does not change.
        """
        clone = ResolutionEngine(self.registry)
        state = self._meshes.get(mesh)
        if state is not None:
            clone._meshes[mesh] = _Mesh(state.index.fork(), dict(state.rules))
        return clone

    # --- loading ----------------------------------------------------------------------------------

    def load(self, objects: Iterable[ResourceObject]) -> EngineUpdate:
        """Replace everything with these resources and resolve every Dataplane from scratch."""
        by_mesh: dict[str, list[ResourceObject]] = {}
        mesh_objects: dict[str, ResourceObject] = {}
        for obj in objects:
            if obj.type == MESH_KIND:
                mesh_objects[obj.name] = obj
            elif obj.mesh:
                by_mesh.setdefault(obj.mesh, []).append(obj)
        before = {(m, n) for m, state in self._meshes.items() for n in state.rules}
        self._meshes = {}
        for name in sorted(set(by_mesh) | set(mesh_objects)):
            snapshot = MeshSnapshot.from_objects(name, [*by_mesh.get(name, []), *mesh_objects.values()])
            index = MeshIndex(snapshot, self.registry)
            self._meshes[name] = _Mesh(index, index.resolve_all())
        after = {(m, n) for m, state in self._meshes.items() for n in state.rules}
        recomputed = len(after) * len(self.registry.policies())
        return EngineUpdate(frozenset(before | after), frozenset(before - after), recomputed)

    # --- changes ----------------------------------------------------------------------------------

    def upsert(self, obj: ResourceObject) -> EngineUpdate:
        """Apply a created or updated resource."""
        if obj.type == MESH_KIND:
            state = self._state(obj.name)
            state.index.put(obj)
            return self._recompute(obj.name, state, self._mesh_entry_pairs(state))
        if not obj.mesh:
            return EngineUpdate(frozenset())
        state = self._state(obj.mesh)
        kind = self.registry.get(obj.type)
        if obj.type == DATAPLANE:
            state.index.put(obj)
            return self._recompute_dataplane(obj.mesh, state, obj.name)
        if kind is None or (kind.policy is None and kind.destination is None):
            return EngineUpdate(frozenset())
        old = self._current(state, kind, obj.name)
        pairs = self._affected(state, kind, old, obj)
        state.index.put(obj)
        return self._recompute(obj.mesh, state, pairs)

    def delete(self, type: str, mesh: str, name: str) -> EngineUpdate:
        """Apply a deleted resource (``mesh`` is ``""`` for global kinds; deleting a Mesh drops it all)."""
        if type == MESH_KIND:
            state = self._meshes.pop(name, None)
            if state is None:
                return EngineUpdate(frozenset())
            gone = frozenset((name, dp) for dp in state.rules)
            return EngineUpdate(gone, gone, 0)
        state = self._meshes.get(mesh)
        if state is None:
            return EngineUpdate(frozenset())
        if type == DATAPLANE:
            state.index.remove(DATAPLANE, name)
            if state.rules.pop(name, None) is None:
                return EngineUpdate(frozenset())
            key = frozenset({(mesh, name)})
            return EngineUpdate(key, key, 0)
        kind = self.registry.get(type)
        if kind is None or (kind.policy is None and kind.destination is None):
            return EngineUpdate(frozenset())
        old = self._current(state, kind, name)
        if old is None:
            return EngineUpdate(frozenset())
        pairs = self._affected(state, kind, old, None)
        state.index.remove(type, name)
        return self._recompute(mesh, state, pairs)

    # --- what a change can affect -----------------------------------------------------------------

    def _state(self, mesh: str) -> _Mesh:
        state = self._meshes.get(mesh)
        if state is None:
            state = self._meshes[mesh] = _Mesh(MeshIndex(MeshSnapshot(mesh, None, {}), self.registry))
        return state

    def _current(self, state: _Mesh, kind: KindDescriptor, name: str) -> ResourceObject | None:
        if kind.policy is not None:
            view = state.index.policy(kind.name, name)
            if view is not None:
                return view.obj
        return state.index.destination(kind.name, name)

    def _affected(
        self, state: _Mesh, kind: KindDescriptor, old: ResourceObject | None, new: ResourceObject | None
    ) -> set[tuple[str, str]]:
        pairs: set[tuple[str, str]] = set()
        if kind.policy is not None:
            views = [PolicyView.of(o) for o in (old, new) if o is not None]
            for name, dp in state.index.dataplanes.items():
                for view in views:
                    selection = view.selects(dp)
                    if selection.matched or selection.warning is not None:
                        pairs.add((name, kind.name))
                        break
        if kind.destination is not None:
            changed = [o for o in (old, new) if o is not None]
            pairs |= self._referencing_pairs(state, lambda target: _selects_any(target, kind.name, changed))
        return pairs

    def _mesh_entry_pairs(self, state: _Mesh) -> set[tuple[str, str]]:
        return self._referencing_pairs(state, lambda target: target.get("kind") == MESH_KIND)

    def _referencing_pairs(self, state: _Mesh, refers: Any) -> set[tuple[str, str]]:
        """(Dataplane, kind) pairs whose matched policies have a ``to[]`` entry ``refers`` accepts."""
        referencing: dict[str, set[tuple[str, str, str]]] = {}
        for kind in state.index.policy_kinds:
            keys = set()
            for view in state.index.policies(kind.name):
                items = view.obj.spec.get("to")
                if isinstance(items, list) and any(
                    isinstance(item, dict) and refers(item.get("targetRef") or {}) for item in items
                ):
                    keys.add(view.obj.key)
            if keys:
                referencing[kind.name] = keys
        pairs: set[tuple[str, str]] = set()
        for name, rules in state.rules.items():
            for kind_name, keys in referencing.items():
                if any(p.key in keys for p in rules.kinds[kind_name].policies):
                    pairs.add((name, kind_name))
        return pairs

    # --- recomputation ----------------------------------------------------------------------------

    def _recompute_dataplane(self, mesh: str, state: _Mesh, name: str) -> EngineUpdate:
        view = state.index.dataplanes[name]
        new = state.index.resolve(view)
        old = state.rules.get(name)
        state.rules[name] = new
        kinds = len(state.index.policy_kinds)
        if old is not None and _same_rules(old, new, {}):
            return EngineUpdate(frozenset(), recomputed=kinds)
        return EngineUpdate(frozenset({(mesh, name)}), recomputed=kinds)

    def _recompute(self, mesh: str, state: _Mesh, pairs: set[tuple[str, str]]) -> EngineUpdate:
        by_kind = {k.name: k for k in state.index.policy_kinds}
        changed: set[DataplaneKey] = set()
        memo: Memo = {}
        by_dataplane: dict[str, list[str]] = {}
        for name, kind_name in pairs:
            by_dataplane.setdefault(name, []).append(kind_name)
        for name, kind_names in by_dataplane.items():
            view: DataplaneView | None = state.index.dataplanes.get(name)
            old = state.rules.get(name)
            if view is None or old is None:
                continue
            kinds: dict[str, KindRules] | None = None
            for kind_name in kind_names:
                fresh = state.index.resolve_kind(by_kind[kind_name], view)
                if _same_kind_rules(old.kinds[kind_name], fresh, memo):
                    continue  # keep the old object: equal, and possibly shared with other Dataplanes
                if kinds is None:
                    kinds = dict(old.kinds)
                kinds[kind_name] = fresh
            if kinds is not None:
                state.rules[name] = DataplaneRules(view.obj, kinds)
                changed.add((mesh, name))
        return EngineUpdate(frozenset(changed), recomputed=len(pairs))


def _selects_any(target: Mapping[str, Any], kind: str, objects: list[ResourceObject]) -> bool:
    """Whether a ``to[].targetRef`` of ``kind`` selects one of ``objects`` by labels."""
    if target.get("kind") != kind:
        return False
    labels = target.get("labels")
    if not isinstance(labels, dict):
        return False
    return any(all(obj.labels.get(k) == v for k, v in labels.items()) for obj in objects)


Memo = dict[tuple[int, int], tuple[Any, Any, bool]]
"""Answers of :func:`_same` by object ids; the objects are kept so that their ids stay theirs."""


def _same(a: Any, b: Any, memo: Memo) -> bool:
    """Value equality with identity shortcuts, remembering answers for shared sub-results."""
    if a is b:
        return True
    key = (id(a), id(b))
    known = memo.get(key)
    if known is None:
        known = memo[key] = (a, b, bool(a == b))
    return known[2]


def _same_kind_rules(a: KindRules, b: KindRules, memo: Memo) -> bool:
    if a is b:
        return True
    return (
        a.kind == b.kind
        and a.warnings == b.warnings
        and a.listeners_selected == b.listeners_selected
        and len(a.policies) == len(b.policies)
        and all(x is y or x == y for x, y in zip(a.policies, b.policies, strict=True))
        and a.inbound.keys() == b.inbound.keys()
        and all(_same(a.inbound[k], b.inbound[k], memo) for k in a.inbound)
        and _same(a.outbound, b.outbound, memo)
        and _same(a.proxy, b.proxy, memo)
    )


def _same_rules(a: DataplaneRules, b: DataplaneRules, memo: Memo) -> bool:
    return (
        a.dataplane == b.dataplane
        and a.kinds.keys() == b.kinds.keys()
        and all(_same_kind_rules(a.kinds[k], b.kinds[k], memo) for k in a.kinds)
    )
