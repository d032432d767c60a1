"""The resolver: a mesh's resources in, each Dataplane's rules per policy kind out (§3.1).

:class:`MeshIndex` holds one mesh's resources indexed for resolution (policies pre-sorted by
priority, destinations by label) and caches what Dataplanes share: the outbound rules, inbound
rules and proxy conf of a kind depend only on the policies that matched, so Dataplanes that matched
the same policies get the same (immutable) objects. :meth:`MeshIndex.put` and
:meth:`MeshIndex.remove` apply one change and drop exactly the caches it can invalidate; the
incremental engine builds on that.

Policy kinds come from the registry; Kuma's special cases are hooks on the kind descriptors
(:class:`PolicyTraits`, :class:`DestinationTraits`). Nothing here does I/O.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from pulumi_kuma.controlplane.resolve.matching import DataplaneView, PolicyView, sort_policies
from pulumi_kuma.controlplane.resolve.rules import (
    Destination,
    build_inbound_rules,
    build_outbound_rules,
    build_proxy_rule,
    mesh_destination,
)
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.model.registry import KindDescriptor, Registry, Section
from pulumi_kuma.model.rules import (
    EMPTY_OUTBOUND,
    MESH_KIND,
    DataplaneRules,
    InboundListener,
    InboundRule,
    KindRules,
    MeshSnapshot,
    OutboundRules,
    ProxyRule,
)
from pulumi_kuma.registry import REGISTRY

DATAPLANE = "Dataplane"


_Shared = tuple[tuple[ResourceObject, ...], OutboundRules, ProxyRule | None]
"""What Dataplanes that matched the same policies share: the policies, outbound rules, proxy conf."""


class DestinationIndex:
    """The resources of one destination kind, selectable by label subset."""

    __slots__ = ("_objects", "_postings")

    def __init__(self) -> None:
        self._objects: dict[str, ResourceObject] = {}
        self._postings: dict[tuple[str, str], dict[str, None]] = {}

    def put(self, obj: ResourceObject) -> None:
        """Insert or replace a resource."""
        self.remove(obj.name)
        self._objects[obj.name] = obj
        for pair in obj.labels.items():
            self._postings.setdefault(pair, {})[obj.name] = None

    def remove(self, name: str) -> None:
        """Delete a resource (no-op when absent)."""
        old = self._objects.pop(name, None)
        if old is None:
            return
        for pair in old.labels.items():
            posting = self._postings.get(pair)
            if posting is not None:
                posting.pop(name, None)
                if not posting:
                    del self._postings[pair]

    def select(self, labels: Mapping[str, str]) -> list[ResourceObject]:
        """Resources whose labels include every pair of ``labels`` (all of them for ``{}``), by name.

        The order is the store's listing order, so that results never depend on the order in which
        resources arrived (it decides which resource keys a rule when two share a KRI).
        """
        if not labels:
            return sorted(self._objects.values(), key=lambda o: o.name)
        postings: list[dict[str, None]] = []
        for pair in labels.items():
            posting = self._postings.get(pair)
            if posting is None:
                return []
            postings.append(posting)
        smallest = min(postings, key=len)
        out = []
        for name in sorted(smallest):
            obj = self._objects[name]
            if all(obj.labels.get(k) == v for k, v in labels.items()):
                out.append(obj)
        return out

    def get(self, name: str) -> ResourceObject | None:
        """A resource by name, or None."""
        return self._objects.get(name)

    def copy(self) -> DestinationIndex:
        """An independent copy (the resources themselves are shared: they are immutable)."""
        clone = DestinationIndex()
        clone._objects = dict(self._objects)
        clone._postings = {pair: dict(names) for pair, names in self._postings.items()}
        return clone

    def __iter__(self) -> Iterator[ResourceObject]:
        return iter(self._objects.values())


class KindPolicies:
    """One kind's policies, lowest priority first, indexed by the labels their targetRefs need."""

    __slots__ = ("anchored", "everywhere", "views")

    def __init__(self, views: Iterable[PolicyView]) -> None:
        self.views: tuple[PolicyView, ...] = tuple(sort_policies(views))
        everywhere: list[int] = []
        anchored: dict[tuple[str, str], list[int]] = {}
        for rank, view in enumerate(self.views):
            anchor = view.anchor
            if anchor is None:
                everywhere.append(rank)
            else:
                anchored.setdefault(anchor, []).append(rank)
        self.everywhere = tuple(everywhere)
        self.anchored = {pair: tuple(ranks) for pair, ranks in anchored.items()}

    def candidates(self, dp: DataplaneView) -> list[PolicyView]:
        """The policies that may select ``dp`` (a superset), in priority order."""
        ranks = list(self.everywhere)
        extra = False
        if self.anchored:
            for pair in dp.label_pairs:
                found = self.anchored.get(pair)
                if found:
                    ranks.extend(found)
                    extra = True
        if extra:
            ranks.sort()
        views = self.views
        return [views[r] for r in ranks]


EMPTY_KIND = KindPolicies(())


class MeshIndex:
    """One mesh's resources, indexed for resolution, with the caches Dataplanes share."""

    def __init__(self, snapshot: MeshSnapshot, registry: Registry = REGISTRY) -> None:
        self.name = snapshot.name
        self.registry = registry
        self.policy_kinds: tuple[KindDescriptor, ...] = tuple(registry.policies())
        self.mesh: ResourceObject | None = None
        self.mesh_kri: str | None = None
        self.dataplanes: dict[str, DataplaneView] = {}
        self._policies: dict[str, dict[str, PolicyView]] = {k.name: {} for k in self.policy_kinds}
        self._sorted: dict[str, KindPolicies] = {k.name: EMPTY_KIND for k in self.policy_kinds}
        self._destinations: dict[str, DestinationIndex] = {
            k.name: DestinationIndex() for k in registry if k.destination is not None
        }
        self._targets: dict[tuple[str, tuple[tuple[str, str], ...], str], tuple[Destination, ...]] = {}
        # Caches, by kind, keyed by the ids of the policies that matched (all of them alive in this
        # index: a change to a kind's policies drops that kind's caches, a destination change the
        # outbound ones).
        self._outbound: dict[str, dict[tuple[int, ...], _Shared]] = {k.name: {} for k in self.policy_kinds}
        self._inbound: dict[str, dict[tuple[int, ...], tuple[InboundRule, ...]]] = {
            k.name: {} for k in self.policy_kinds
        }
        self._shared: dict[str, dict[tuple[tuple[int, ...], tuple[str, ...], bool], KindRules]] = {
            k.name: {} for k in self.policy_kinds
        }
        self._empty = {k.name: KindRules(k.name, (), {}, EMPTY_OUTBOUND, None) for k in self.policy_kinds}
        self._borrowed: set[tuple[str, str]] = set()
        """Containers a fork still shares with the index it was forked from (copied on first write)."""
        if snapshot.mesh is not None:
            self._set_mesh(snapshot.mesh)
        for objects in snapshot.resources.values():
            for obj in objects:
                self._put(obj)
        for kind in self._sorted:
            self._sort(kind)

    # --- reading ----------------------------------------------------------------------------------

    def policies(self, kind: str) -> tuple[PolicyView, ...]:
        """The kind's policies, lowest priority first (shadow ones included)."""
        return self._sorted.get(kind, EMPTY_KIND).views

    def policy(self, kind: str, name: str) -> PolicyView | None:
        """A policy of the kind by name, or None."""
        return self._policies.get(kind, {}).get(name)

    def destination(self, kind: str, name: str) -> ResourceObject | None:
        """A destination of the kind by name, or None."""
        index = self._destinations.get(kind)
        return index.get(name) if index is not None else None

    def destinations(self, kind: str) -> Iterable[ResourceObject]:
        """Every destination of the kind."""
        index = self._destinations.get(kind)
        return iter(index) if index is not None else iter(())

    # --- forks ------------------------------------------------------------------------------------

    def fork(self) -> MeshIndex:
        """An index that starts equal to this one and then changes on its own (what-if resolution).

        Forking costs O(kinds): the Dataplanes, each kind's policies and each destination kind's
        index stay shared until the fork first writes to them, and then only that container is
        copied. The fork starts with empty caches (theirs are keyed by object ids that are only
        meaningful in one index). A fork is valid while this index does not change; it never
        changes this index.
        """
        clone = MeshIndex.__new__(MeshIndex)
        clone.name = self.name
        clone.registry = self.registry
        clone.policy_kinds = self.policy_kinds
        clone.mesh = self.mesh
        clone.mesh_kri = self.mesh_kri
        clone.dataplanes = self.dataplanes
        clone._policies = dict(self._policies)
        clone._sorted = dict(self._sorted)
        clone._destinations = dict(self._destinations)
        clone._targets = {}
        clone._outbound = {k.name: {} for k in self.policy_kinds}
        clone._inbound = {k.name: {} for k in self.policy_kinds}
        clone._shared = {k.name: {} for k in self.policy_kinds}
        clone._empty = self._empty
        clone._borrowed = (
            {("dataplanes", "")}
            | {("policies", kind) for kind in self._policies}
            | {("destinations", kind) for kind in self._destinations}
        )
        return clone

    def _own(self, container: str, kind: str = "") -> None:
        """Copy a container still shared with the index this one was forked from."""
        key = (container, kind)
        if key not in self._borrowed:
            return
        self._borrowed.discard(key)
        if container == "dataplanes":
            self.dataplanes = dict(self.dataplanes)
        elif container == "policies":
            self._policies[kind] = dict(self._policies[kind])
        else:
            self._destinations[kind] = self._destinations[kind].copy()

    # --- changes ----------------------------------------------------------------------------------

    def put(self, obj: ResourceObject) -> None:
        """Insert or replace one resource of this mesh and drop the caches it can invalidate."""
        if obj.type == MESH_KIND:
            if obj.name == self.name:
                self._set_mesh(obj)
                self._drop_outbound()
            return
        self._put(obj)
        if obj.type in self._policies:
            self._sort(obj.type)

    def remove(self, kind: str, name: str) -> None:
        """Delete one resource (no-op when absent) and drop the caches it can invalidate."""
        if kind == MESH_KIND:
            if name == self.name and self.mesh is not None:
                self.mesh = None
                self.mesh_kri = None
                self._drop_outbound()
            return
        if kind == DATAPLANE and name in self.dataplanes:
            self._own("dataplanes")
            self.dataplanes.pop(name, None)
        if kind in self._destinations:
            if self._destinations[kind].get(name) is not None:
                self._own("destinations", kind)
                self._destinations[kind].remove(name)
            self._drop_outbound()
        if kind in self._policies and name in self._policies[kind]:
            self._own("policies", kind)
            del self._policies[kind][name]
            self._drop_kind(kind)
            self._sort(kind)

    def _put(self, obj: ResourceObject) -> None:
        if obj.type == DATAPLANE:
            self._own("dataplanes")
            self.dataplanes[obj.name] = DataplaneView.of(obj)
        if obj.type in self._destinations:
            self._own("destinations", obj.type)
            self._destinations[obj.type].put(obj)
            self._drop_outbound()
        if obj.type in self._policies:
            self._own("policies", obj.type)
            self._policies[obj.type][obj.name] = PolicyView.of(obj)
            self._drop_kind(obj.type)

    def _set_mesh(self, mesh: ResourceObject) -> None:
        self.mesh = mesh
        descriptor = self.registry.by_name(MESH_KIND)
        self.mesh_kri = descriptor.kri(None, mesh.labels, mesh.name)

    def _sort(self, kind: str) -> None:
        self._sorted[kind] = KindPolicies(self._policies[kind].values())

    def _drop_outbound(self) -> None:
        self._targets.clear()
        for outbound in self._outbound.values():
            outbound.clear()
        for shared in self._shared.values():
            shared.clear()

    def _drop_kind(self, kind: str) -> None:
        self._outbound[kind].clear()
        self._inbound[kind].clear()
        self._shared[kind].clear()

    # --- resolution -------------------------------------------------------------------------------

    def resolve_target(self, target: Mapping[str, Any], policy: PolicyView) -> Sequence[Destination]:
        """Kuma's ``resolve.TargetRef``: the destinations a ``to[].targetRef`` names."""
        kind_name = target.get("kind")
        if kind_name == MESH_KIND:
            if self.mesh is None or self.mesh_kri is None:
                return ()
            return (mesh_destination(self.mesh, self.mesh_kri),)
        if not isinstance(kind_name, str) or kind_name not in self._destinations:
            return ()
        labels = target.get("labels")
        if not isinstance(labels, dict):
            return ()
        section = str(target.get("sectionName") or "")
        key = (kind_name, tuple(sorted(labels.items())), section)
        cached = self._targets.get(key)
        if cached is not None:
            return cached
        descriptor = self.registry.by_name(kind_name)
        traits = descriptor.destination
        assert traits is not None
        out: list[Destination] = []
        for obj in self._destinations[kind_name].select(labels):
            base = descriptor.kri(obj.mesh, obj.labels, obj.name) or ""
            if section and traits.section_names is not None:
                if section not in traits.section_names(obj.spec):
                    continue
                kri = descriptor.kri(obj.mesh, obj.labels, obj.name, section) or ""
                out.append(Destination(obj, section, kri, base, traits))
            else:
                out.append(Destination(obj, "", base, base, traits))
        result = tuple(out)
        self._targets[key] = result
        return result

    def resolve_kind(
        self, kind: KindDescriptor, dp: DataplaneView, *, include_shadow: bool = False
    ) -> KindRules:
        """What one policy kind contributes to one Dataplane (Kuma's ``MatchedPolicies``)."""
        matched: list[PolicyView] = []
        selections: list[tuple[InboundListener, ...]] = []
        warnings: list[str] = []
        for policy in self._sorted[kind.name].candidates(dp):
            if policy.shadow and not include_shadow:
                continue
            selection = policy.selects(dp)
            if selection.warning is not None:
                warnings.append(
                    f"unable to resolve TargetRef on policy: mesh:{policy.obj.mesh} "
                    f"name:{policy.obj.name} error:{json.dumps(selection.warning)}"
                )
            if selection.listeners or selection.delegated_gateway:
                matched.append(policy)
                selections.append(selection.listeners)
        if not matched and not warnings:
            return self._empty[kind.name]
        listeners_selected = any(selections)
        signature = (tuple(map(id, matched)), tuple(warnings), listeners_selected)
        if not kind.has_section(Section.RULES):
            # Without inbound rules nothing depends on the Dataplane itself: share the whole result.
            shared = self._shared[kind.name].get(signature)
            if shared is None:
                shared = self._kind_rules(kind, matched, {}, warnings, listeners_selected)
                self._shared[kind.name][signature] = shared
            return shared
        cache = self._inbound[kind.name]
        inbound: dict[InboundListener, tuple[InboundRule, ...]] = {}
        first = selections[0] if selections else ()
        if all(listeners is first for listeners in selections):
            # Common case: every policy selected the same listeners (usually all of them).
            key = signature[0]
            rules = cache.get(key)
            if rules is None:
                rules = cache[key] = build_inbound_rules(matched)
            inbound = dict.fromkeys(first, rules)
        else:
            for listener in dict.fromkeys(listener for listeners in selections for listener in listeners):
                policies = [p for p, ls in zip(matched, selections, strict=True) if listener in ls]
                key = tuple(map(id, policies))
                rules = cache.get(key)
                if rules is None:
                    rules = cache[key] = build_inbound_rules(policies)
                inbound[listener] = rules
        return self._kind_rules(kind, matched, inbound, warnings, listeners_selected)

    def _kind_rules(
        self,
        kind: KindDescriptor,
        matched: list[PolicyView],
        inbound: dict[InboundListener, tuple[InboundRule, ...]],
        warnings: list[str],
        listeners_selected: bool,
    ) -> KindRules:
        signature = tuple(map(id, matched))
        cached = self._outbound[kind.name].get(signature)
        if cached is None:
            outbound = build_outbound_rules(kind, matched, self.resolve_target, self.registry, self.mesh_kri)
            cached = (tuple(p.obj for p in matched), outbound, build_proxy_rule(kind, matched))
            self._outbound[kind.name][signature] = cached
        policies, outbound, proxy = cached
        return KindRules(kind.name, policies, inbound, outbound, proxy, tuple(warnings), listeners_selected)

    def resolve(self, dp: DataplaneView | str, *, include_shadow: bool = False) -> DataplaneRules:
        """Every policy kind's rules for one Dataplane (by view or by name)."""
        view = self.dataplanes[dp] if isinstance(dp, str) else dp
        kinds = {k.name: self.resolve_kind(k, view, include_shadow=include_shadow) for k in self.policy_kinds}
        return DataplaneRules(view.obj, kinds)

    def resolve_all(self, *, include_shadow: bool = False) -> dict[str, DataplaneRules]:
        """Every Dataplane's rules, by Dataplane name."""
        return {
            name: self.resolve(view, include_shadow=include_shadow) for name, view in self.dataplanes.items()
        }

    def selected_dataplanes(self, policy: ResourceObject) -> list[ResourceObject]:
        """The Dataplanes a policy's top-level targetRef selects (shadow or not), by name."""
        view = PolicyView.of(policy)
        out = [dp.obj for dp in self.dataplanes.values() if view.selects(dp).matched]
        return sorted(out, key=lambda o: o.name)


def resolve_mesh(snapshot: MeshSnapshot, registry: Registry = REGISTRY) -> dict[str, DataplaneRules]:
    """Resolve every Dataplane of a mesh snapshot (a one-shot :class:`MeshIndex`)."""
    return MeshIndex(snapshot, registry).resolve_all()
