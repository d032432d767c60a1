"""One mesh's Dataplanes and destinations, indexed for generation: which destination a backendRef
names, and the endpoints of every destination port.

Destination kinds are the registry's kinds with a ports hook (``envoy.DESTINATION_PORTS``); their
endpoints come from the kind's :class:`~pulumi_kuma.envoy.EndpointSource` (MeshService: the
Dataplane inbounds it selects). Results are cached and dropped precisely on change; every change
reports :class:`Dependency` keys, which the distribution layer matches against what each proxy's
generation read (a :class:`Recorder`), to regenerate only the proxies a change can affect.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pulumi_kuma.envoy import Destination, DestinationPort, Endpoint, destination_ports, endpoint_source
from pulumi_kuma.envoy.names import kri as make_kri
from pulumi_kuma.model.envelope import DISPLAY_NAME, ResourceObject
from pulumi_kuma.model.registry import KindDescriptor, Registry

DATAPLANE = "Dataplane"

Dependency = tuple[str, ...]
"""What a proxy's configuration read: ``("dataplane", name)``, ``("destination", kind, name)`` (its
spec and endpoints), ``("selection", kind)`` (which resources of a kind labels select), ``("mesh",)``."""

MESH_DEPENDENCY: Dependency = ("mesh",)
_EPOCH = datetime.min.replace(tzinfo=UTC)


def dataplane_dependency(name: str) -> Dependency:
    """Reading a Dataplane."""
    return ("dataplane", name)


def destination_dependency(kind: str, name: str) -> Dependency:
    """Reading a destination (its spec and endpoints)."""
    return ("destination", kind, name)


def selection_dependency(kind: str) -> Dependency:
    """Selecting resources of a kind by labels."""
    return ("selection", kind)


@dataclass(slots=True)
class Recorder:
    """Collects the dependencies of one proxy's generation."""

    dependencies: set[Dependency] = field(default_factory=set)

    def add(self, dependency: Dependency) -> None:
        """Record one dependency."""
        self.dependencies.add(dependency)


class _Kind:
    """The resources of one destination kind and what is cached about them."""

    __slots__ = ("descriptor", "endpoints", "objects", "ports", "ports_of", "source")

    def __init__(self, descriptor: KindDescriptor) -> None:
        self.descriptor = descriptor
        ports_of = destination_ports(descriptor)
        assert ports_of is not None
        self.ports_of = ports_of
        self.source = endpoint_source(descriptor)
        self.objects: dict[str, ResourceObject] = {}
        self.ports: dict[str, tuple[DestinationPort, ...]] = {}
        self.endpoints: dict[str, Mapping[str, tuple[Endpoint, ...]]] = {}


class MeshTopology:
    """A mesh's Dataplanes and destinations; answers the generator's destination lookups."""

    def __init__(self, mesh: str, registry: Registry) -> None:
        self.mesh = mesh
        self.registry = registry
        self.dataplanes: dict[str, ResourceObject] = {}
        self._kinds = {k.name: _Kind(k) for k in registry if destination_ports(k) is not None}
        self._destinations: dict[str, Destination | None] = {}
        """Destination ports by ``kind/name/section`` as asked (None: no such port)."""

    # --- changes ----------------------------------------------------------------------------------

    def handles(self, type_name: str) -> bool:
        """Whether resources of this type are part of the topology."""
        return type_name == DATAPLANE or type_name in self._kinds

    def put(self, obj: ResourceObject) -> set[Dependency]:
        """Insert or replace a Dataplane or destination; returns the dependencies it changes."""
        if obj.type == DATAPLANE:
            old = self.dataplanes.get(obj.name)
            self.dataplanes[obj.name] = obj
            return {dataplane_dependency(obj.name), *self._endpoints_changed([o for o in (old, obj) if o])}
        kind = self._kinds.get(obj.type)
        if kind is None:
            return set()
        old = kind.objects.get(obj.name)
        kind.objects[obj.name] = obj
        self._forget(kind, obj.name)
        changed = {destination_dependency(obj.type, obj.name)}
        if old is None or old.labels != obj.labels or old.creation_time != obj.creation_time:
            changed.add(selection_dependency(obj.type))
        return changed

    def remove(self, type_name: str, name: str) -> set[Dependency]:
        """Delete a Dataplane or destination (no-op when absent); returns the dependencies it changes."""
        if type_name == DATAPLANE:
            old = self.dataplanes.pop(name, None)
            if old is None:
                return set()
            return {dataplane_dependency(name), *self._endpoints_changed([old])}
        kind = self._kinds.get(type_name)
        if kind is None or kind.objects.pop(name, None) is None:
            return set()
        self._forget(kind, name)
        return {destination_dependency(type_name, name), selection_dependency(type_name)}

    def _forget(self, kind: _Kind, name: str) -> None:
        kind.ports.pop(name, None)
        kind.endpoints.pop(name, None)
        prefix = f"{kind.descriptor.name}/{name}/"
        for key in [k for k in self._destinations if k.startswith(prefix)]:
            del self._destinations[key]

    def _endpoints_changed(self, dataplanes: list[ResourceObject]) -> set[Dependency]:
        """Forget the endpoints of every destination that selects one of these Dataplanes."""
        changed: set[Dependency] = set()
        for kind in self._kinds.values():
            if kind.source is None:
                continue
            for name, obj in kind.objects.items():
                if any(kind.source.selects(obj, dp) for dp in dataplanes):
                    self._forget(kind, name)
                    changed.add(destination_dependency(kind.descriptor.name, name))
        return changed

    # --- lookups ----------------------------------------------------------------------------------

    def destination_kinds(self) -> list[str]:
        """The destination kinds the topology indexes."""
        return sorted(self._kinds)

    def objects(self, kind: str) -> Iterable[ResourceObject]:
        """The destinations of one kind."""
        found = self._kinds.get(kind)
        return found.objects.values() if found is not None else ()

    def ports(self, kind_name: str, name: str) -> tuple[DestinationPort, ...]:
        """A destination's ports (cached; empty for an unknown destination or an invalid spec)."""
        kind = self._kinds.get(kind_name)
        if kind is None or name not in kind.objects:
            return ()
        ports = kind.ports.get(name)
        if ports is None:
            try:
                ports = tuple(kind.ports_of(kind.objects[name].spec))
            except ValueError:
                ports = ()
            kind.ports[name] = ports
        return ports

    def endpoints(self, kind_name: str, name: str) -> Mapping[str, tuple[Endpoint, ...]]:
        """A destination's endpoints by port section (cached)."""
        kind = self._kinds.get(kind_name)
        if kind is None or kind.source is None or name not in kind.objects:
            return {}
        found = kind.endpoints.get(name)
        if found is None:
            obj = kind.objects[name]
            selected = [dp for dp in self.dataplanes.values() if kind.source.selects(obj, dp)]
            raw = kind.source.endpoints(obj, self.ports(kind_name, name), selected)
            found = {section: tuple(items) for section, items in raw.items()}
            kind.endpoints[name] = found
        return found

    def destination(self, kind_name: str, name: str, section: str) -> Destination | None:
        """The destination port ``section`` (a port name or number; empty: the only port) of a resource."""
        key = f"{kind_name}/{name}/{section}"
        if key in self._destinations:
            return self._destinations[key]
        found = self._build(kind_name, name, section)
        self._destinations[key] = found
        return found

    def _build(self, kind_name: str, name: str, section: str) -> Destination | None:
        kind = self._kinds.get(kind_name)
        obj = kind.objects.get(name) if kind is not None else None
        if kind is None or obj is None or kind.descriptor.short_name is None:
            return None
        ports = self.ports(kind_name, name)
        port = _find_port(ports, section)
        if port is None:
            return None
        short = kind.descriptor.short_name
        mesh = obj.mesh or self.mesh
        endpoints = self.endpoints(kind_name, name).get(port.section_name, ())
        return Destination(
            kind=kind_name,
            resource=obj,
            port=port,
            kri=make_kri(short, mesh, obj.labels, obj.name, port.section_name),
            base_kri=make_kri(short, mesh, obj.labels, obj.name),
            endpoints=tuple(endpoints),
        )

    def select(self, kind_name: str, labels: Mapping[str, str]) -> ResourceObject | None:
        """Kuma's ``ResolveResourceIdentifier``: of the resources whose labels include ``labels``
        (``kuma.io/display-name`` compares with the display name), the oldest one."""
        kind = self._kinds.get(kind_name)
        if kind is None or not labels:
            return None
        best: ResourceObject | None = None
        best_key: tuple[datetime, str] | None = None
        for obj in kind.objects.values():
            if not _labels_match(obj, labels):
                continue
            key = (obj.creation_time or _EPOCH, obj.name)
            if best_key is None or key < best_key:
                best, best_key = obj, key
        return best

    def lookup(self, recorder: Recorder | None = None) -> TopologyLookup:
        """A :class:`~pulumi_kuma.envoy.DestinationLookup` over this mesh that records what it reads."""
        return TopologyLookup(self, recorder)


def _labels_match(obj: ResourceObject, labels: Mapping[str, str]) -> bool:
    for key, value in labels.items():
        actual = (obj.labels.get(DISPLAY_NAME) or obj.name) if key == DISPLAY_NAME else obj.labels.get(key)
        if actual != value:
            return False
    return True


def _find_port(ports: tuple[DestinationPort, ...], section: str) -> DestinationPort | None:
    """Kuma's ``FindPortByName``: a port whose name or number is ``section``; without a section, the
    only port (a destination with several ports needs one)."""
    if not section:
        return ports[0] if len(ports) == 1 else None
    for port in ports:
        if port.section_name == section or str(port.port) == section:
            return port
    return None


class TopologyLookup:
    """The generator's view of a :class:`MeshTopology`: lookups that record their dependencies."""

    __slots__ = ("_recorder", "_topology")

    def __init__(self, topology: MeshTopology, recorder: Recorder | None) -> None:
        self._topology = topology
        self._recorder = recorder

    def _record(self, dependency: Dependency) -> None:
        if self._recorder is not None:
            self._recorder.add(dependency)

    def resolve(self, kind: str, labels: Mapping[str, str], section: str = "") -> Destination | None:
        """The destination port a backendRef (kind, labels, port or section) names, if any."""
        self._record(selection_dependency(kind))
        obj = self._topology.select(kind, labels)
        if obj is None:
            return None
        self._record(destination_dependency(kind, obj.name))
        return self._topology.destination(kind, obj.name, section)

    def by_kri(self, kri: str) -> Destination | None:
        """The destination port with this KRI (``kri_<short>_<mesh>_<zone>_<ns>_<name>_<section>``)."""
        parts = kri.split("_")
        if len(parts) < 7 or parts[0] != "kri":
            return None
        descriptor = self._topology.registry.by_short_name(parts[1])
        if descriptor is None:
            return None
        section = parts[-1]
        display = parts[-2]
        zone, namespace = parts[-4], parts[-3]
        labels = {DISPLAY_NAME: display}
        if zone:
            labels["kuma.io/zone"] = zone
        if namespace:
            labels["k8s.kuma.io/namespace"] = namespace
        return self.resolve(descriptor.name, labels, section)

    def destinations(self, kind: str) -> list[Any]:
        """Every resource of a destination kind (recorded as reading the kind's selection)."""
        self._record(selection_dependency(kind))
        return sorted(self._topology.objects(kind), key=lambda o: o.name)
