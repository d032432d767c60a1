"""Everything generation needs, kept current as resources change: :class:`GenerationState`.

It combines the incremental resolution engine (each Dataplane's rules) with one
:class:`MeshTopology` per mesh (destinations and endpoints) and the Mesh objects. Each change
returns a :class:`Change`: the Dataplanes whose rules changed and the dependency keys it touched,
which the caller matches against what each proxy's last generation read. No I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pulumi_kuma.controlplane.generate.generator import SharedLoadAssignments, build_context, generate
from pulumi_kuma.controlplane.generate.topology import (
    MESH_DEPENDENCY,
    Dependency,
    MeshTopology,
    Recorder,
    dataplane_dependency,
)
from pulumi_kuma.controlplane.resolve.engine import DataplaneKey, ResolutionEngine
from pulumi_kuma.envoy import PeerIdentities, ProxyContext, ProxyIdentity, ProxyResources
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.model.registry import Registry

MESH_TYPE = "Mesh"


@dataclass(frozen=True, slots=True)
class Change:
    """What one or more store changes did to generation inputs."""

    rules_changed: frozenset[DataplaneKey] = frozenset()
    """Dataplanes whose resolved rules changed (added and removed ones included)."""
    dependencies: frozenset[tuple[str, Dependency]] = frozenset()
    """``(mesh, dependency)`` keys whose inputs changed."""

    def __or__(self, other: Change) -> Change:
        return Change(self.rules_changed | other.rules_changed, self.dependencies | other.dependencies)


@dataclass(frozen=True, slots=True)
class Generated:
    """One proxy's generated resources and what its generation read."""

    context: ProxyContext
    resources: ProxyResources
    dependencies: frozenset[Dependency] = field(default_factory=frozenset)


class GenerationState:
    """Resolved rules and topology of every mesh; generates any Dataplane's resources on demand."""

    def __init__(
        self, registry: Registry, *, zone: str = "default", shared: SharedLoadAssignments | None = None
    ) -> None:
        self.registry = registry
        self.zone = zone
        self.shared = shared
        self.engine = ResolutionEngine(registry)
        self._topologies: dict[str, MeshTopology] = {}
        self._meshes: dict[str, ResourceObject] = {}
        probe = MeshTopology("", registry)
        self._relevant = frozenset(
            {MESH_TYPE}
            | {
                k.name
                for k in registry
                if k.policy is not None or k.destination is not None or probe.handles(k.name)
            }
        )

    # --- changes ----------------------------------------------------------------------------------

    def _topology(self, mesh: str) -> MeshTopology:
        topology = self._topologies.get(mesh)
        if topology is None:
            topology = self._topologies[mesh] = MeshTopology(mesh, self.registry)
        return topology

    def load(self, objects: Iterable[ResourceObject]) -> Change:
        """Replace everything with these resources."""
        items = list(objects)
        before = {(m, n) for m, t in self._topologies.items() for n in t.dataplanes}
        self._topologies = {}
        self._meshes = {}
        update = self.engine.load(items)
        for obj in items:
            if obj.type == MESH_TYPE:
                self._meshes[obj.name] = obj
            elif obj.mesh and self._topology(obj.mesh).handles(obj.type):
                self._topology(obj.mesh).put(obj)
        after = {(m, n) for m, t in self._topologies.items() for n in t.dataplanes}
        meshes = set(self._topologies) | set(self._meshes)
        return Change(update.changed | before | after, frozenset((m, MESH_DEPENDENCY) for m in meshes))

    def upsert(self, obj: ResourceObject) -> Change:
        """Apply a created or updated resource."""
        update = self.engine.upsert(obj)
        if obj.type == MESH_TYPE:
            self._meshes[obj.name] = obj
            return Change(update.changed, frozenset({(obj.name, MESH_DEPENDENCY)}))
        dependencies: set[tuple[str, Dependency]] = set()
        if obj.mesh and self._topology(obj.mesh).handles(obj.type):
            dependencies = {(obj.mesh, d) for d in self._topology(obj.mesh).put(obj)}
        return Change(update.changed, frozenset(dependencies))

    def delete(self, type_name: str, mesh: str, name: str) -> Change:
        """Apply a deleted resource (``mesh`` is ``""`` for global kinds; a Mesh takes its contents)."""
        update = self.engine.delete(type_name, mesh, name)
        if type_name == MESH_TYPE:
            self._meshes.pop(name, None)
            topology = self._topologies.pop(name, None)
            gone = {(name, dp) for dp in topology.dataplanes} if topology is not None else set()
            return Change(update.changed | gone, frozenset({(name, MESH_DEPENDENCY)}))
        topology = self._topologies.get(mesh)
        if topology is None:
            return Change(update.changed)
        return Change(update.changed, frozenset((mesh, d) for d in topology.remove(type_name, name)))

    def relevant(self, type_name: str) -> bool:
        """Whether resources of this type can change any proxy's config (others need no reading)."""
        return type_name in self._relevant

    # --- reading ----------------------------------------------------------------------------------

    def dataplane(self, mesh: str, name: str) -> ResourceObject | None:
        """A Dataplane as generation sees it, or None."""
        topology = self._topologies.get(mesh)
        return topology.dataplanes.get(name) if topology is not None else None

    def dataplanes(self, mesh: str) -> list[ResourceObject]:
        """A mesh's Dataplanes, by name."""
        topology = self._topologies.get(mesh)
        return sorted(topology.dataplanes.values(), key=lambda d: d.name) if topology is not None else []

    def meshes(self) -> list[str]:
        """The meshes known, by name."""
        return sorted(set(self._topologies) | set(self._meshes))

    def mesh(self, name: str) -> ResourceObject | None:
        """A Mesh object, or None."""
        return self._meshes.get(name)

    def topology(self, mesh: str) -> MeshTopology:
        """A mesh's topology (created empty when unknown)."""
        return self._topology(mesh)

    def generate(
        self,
        mesh: str,
        name: str,
        *,
        features: frozenset[str] = frozenset(),
        ipv6: bool = False,
        include_shadow: bool = False,
        workdir: str = "",
        identity: ProxyIdentity | None = None,
        peers: PeerIdentities | None = None,
    ) -> Generated | None:
        """Generate one Dataplane's resources (None when it does not exist); ``include_shadow``
        applies ``kuma.io/effect: shadow`` policies too (what the config would be with them);
        ``identity`` and ``peers`` are the proxy's workload identity and its mesh's peer SPIFFE IDs."""
        dataplane = self.dataplane(mesh, name)
        rules = self.engine.rules(mesh, name)
        if dataplane is None or rules is None:
            return None
        if include_shadow:
            index = self.engine.index(mesh)
            if index is not None and name in index.dataplanes:
                rules = index.resolve(name, include_shadow=True)
        recorder = Recorder({dataplane_dependency(name), MESH_DEPENDENCY})
        ctx = build_context(
            dataplane,
            rules,
            self.registry,
            mesh=self._meshes.get(mesh),
            zone=self.zone,
            lookup=self._topology(mesh).lookup(recorder),
            features=features,
            ipv6=ipv6,
            workdir=workdir,
            identity=identity,
            peers=peers,
        )
        resources = generate(ctx, self.registry, shared=self.shared)
        return Generated(ctx, resources, frozenset(recorder.dependencies))
