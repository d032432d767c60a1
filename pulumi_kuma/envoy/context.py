"""What a policy translation knows about the proxy it configures: :class:`ProxyContext`.

The generator builds one context per proxy from the store's state: the Dataplane, its inbounds
(with the listener key the resolver uses), its outbounds resolved to destination ports, every
policy kind's resolved rules, and a :class:`DestinationLookup` for destinations a policy names
(a MeshHTTPRoute's backendRefs) together with their endpoints.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from typing import Protocol as TypingProtocol

from pulumi_kuma.envoy.names import route_keys
from pulumi_kuma.envoy.types import Protocol
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.model.registry import Registry
from pulumi_kuma.model.rules import EMPTY_OUTBOUND, DataplaneRules, InboundListener, KindRules

if TYPE_CHECKING:
    from pulumi_kuma.envoy.identity import PeerIdentities, ProxyIdentity


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One place a destination port's traffic can go: a Dataplane inbound (address and port)."""

    address: str
    port: int
    tags: Mapping[str, str] = field(default_factory=dict)
    """The Dataplane's labels and the inbound's ``kuma.io/protocol`` (endpoint metadata)."""
    zone: str = ""
    weight: int = 1


@dataclass(frozen=True, slots=True)
class DestinationPort:
    """A port of a destination (MeshService, ...) and the ``sectionName`` that names it."""

    port: int
    section_name: str
    protocol: Protocol
    target: Any = None
    """Where the port lands on the Dataplanes (a MeshService ``targetPort``: number or inbound name)."""
    upstream: Protocol | None = None
    """The protocol towards the endpoints when it differs from the application's: Kuma speaks
    HTTP/2 between two proxies whatever the application speaks. None: the port's own protocol."""

    @property
    def upstream_protocol(self) -> Protocol:
        """The protocol of the cluster's connections to the endpoints."""
        return self.upstream if self.upstream is not None else self.protocol


@dataclass(frozen=True, slots=True)
class Destination:
    """One destination port a proxy can send traffic to, with its endpoints."""

    kind: str
    """The destination's kind (``MeshService``, ``MeshExternalService``, ...)."""
    resource: ResourceObject
    port: DestinationPort
    kri: str
    """The port's KRI: the name of the outbound listener, cluster and load assignment."""
    base_kri: str
    """The resource's KRI without a section."""
    endpoints: tuple[Endpoint, ...] = ()

    @property
    def protocol(self) -> Protocol:
        """The application protocol of the destination port."""
        return self.port.protocol

    @property
    def cluster_name(self) -> str:
        """Kuma names the cluster of a destination port after its KRI."""
        return self.kri

    @property
    def rule_keys(self) -> tuple[str, str]:
        """The outbound rule lookup stack for this destination: the port, then the whole resource."""
        return (self.kri, self.base_kri)


@dataclass(frozen=True, slots=True)
class InboundView:
    """One inbound of the proxy: where Envoy listens and where the workload is."""

    name: str
    """The contextual name (``self_inbound_dp_<section>``) of its listener, cluster and routes."""
    section_name: str
    """The inbound's ``name``, or its port as a string (what policies' ``sectionName`` uses)."""
    listener: InboundListener
    """The resolver's key for the inbound's rules (address and port)."""
    workload_address: str
    workload_port: int
    protocol: Protocol
    kri: str
    spec: Mapping[str, Any] = field(default_factory=dict)
    """The inbound's JSON from the Dataplane."""

    @property
    def address(self) -> str:
        """Where the inbound listener binds."""
        return self.listener.address

    @property
    def port(self) -> int:
        """The inbound listener's port."""
        return self.listener.port


@dataclass(frozen=True, slots=True)
class OutboundView:
    """One ``networking.outbound[]`` of the proxy, resolved to a destination port (or not)."""

    address: str
    port: int
    destination: Destination | None
    """None when the backendRef names nothing that exists (then no listener is generated)."""
    spec: Mapping[str, Any] = field(default_factory=dict)


class DestinationLookup(TypingProtocol):
    """Destinations of the proxy's mesh, for policies that name other destinations (routes)."""

    def resolve(self, kind: str, labels: Mapping[str, str], section: str = "") -> Destination | None:
        """The destination port a backendRef names: the oldest resource of ``kind`` whose labels
        include ``labels``, at the port ``section`` names (a port name or number; with no section,
        the resource's only port). None when nothing matches."""
        ...

    def by_kri(self, kri: str) -> Destination | None:
        """The destination port with this KRI (section included), if it exists."""
        ...

    def referenced(self, kind: str, labels: Mapping[str, str]) -> ResourceObject | None:
        """A resource a policy names by labels (``backendRef`` to a MeshOpenTelemetryBackend): of
        the mesh's resources of ``kind`` whose labels include ``labels``, the oldest; None when
        none does. Only kinds registered with ``envoy.POLICY_REFERENCE`` are kept."""
        ...


class NoDestinations:
    """A lookup that finds nothing (tests, proxies without a mesh)."""

    def resolve(self, kind: str, labels: Mapping[str, str], section: str = "") -> Destination | None:
        """Nothing."""
        return None

    def by_kri(self, kri: str) -> Destination | None:
        """Nothing."""
        return None

    def referenced(self, kind: str, labels: Mapping[str, str]) -> ResourceObject | None:
        return None


@dataclass(frozen=True, slots=True)
class ProxyContext:
    """Everything a policy translation may read about the proxy it configures (read only)."""

    dataplane: ResourceObject
    mesh: ResourceObject | None
    zone: str
    inbounds: tuple[InboundView, ...]
    outbounds: tuple[OutboundView, ...]
    rules: DataplaneRules
    registry: Registry
    destinations: DestinationLookup = field(default_factory=NoDestinations)
    features: frozenset[str] = frozenset()
    """Features the data plane agent announced (node metadata ``features``)."""
    ipv6: bool = False
    mesh_kri: str = ""
    """The Mesh's KRI: the last key of every outbound rule lookup (``to: Mesh`` entries)."""
    workdir: str = ""
    """The data plane agent's work directory (node metadata ``workdir``): where the sockets it
    shares with Envoy live (access log pipe, metrics). Empty: ``/tmp``, as Kuma."""
    identity: ProxyIdentity | None = None
    """The proxy's workload identity; None: no ready MeshIdentity selects it (no mTLS)."""
    peers: PeerIdentities | None = None
    """The SPIFFE IDs of each destination's endpoints (None: no destination speaks mTLS)."""

    def peer_identities(self, destination: Destination) -> tuple[str, ...] | None:
        """The SPIFFE IDs ``destination``'s endpoints present, or None when traffic to it is plain
        text (the proxy or an endpoint has no identity)."""
        if self.identity is None or self.peers is None:
            return None
        return self.peers.of(destination)

    @property
    def name(self) -> str:
        """The Dataplane's name."""
        return self.dataplane.name

    @property
    def mesh_name(self) -> str:
        """The Dataplane's mesh."""
        return self.dataplane.mesh or ""

    @property
    def labels(self) -> Mapping[str, str]:
        """The Dataplane's labels (computed ones included)."""
        return self.dataplane.labels

    def kind_rules(self, kind: str) -> KindRules:
        """The resolved rules of one policy kind (empty when the kind contributes nothing)."""
        rules = self.rules.kinds.get(kind)
        if rules is None:
            return KindRules(kind, (), {}, EMPTY_OUTBOUND, None)
        return rules

    def outbound_conf(self, rules: KindRules, keys: Sequence[str]) -> Any:
        """Kuma's ``ResourceContext.Conf()``: the outbound conf of the first of ``keys`` (most
        specific first, e.g. ``[route, route w/o section, port, service]``) that has a rule, else
        the mesh's; None when no ``to`` entry applies."""
        stack = [*keys, self.mesh_kri] if self.mesh_kri else list(keys)
        return rules.outbound.conf_for(stack)

    def route_conf(self, rules: KindRules, route_name: str, destination: Destination) -> Any:
        """The outbound conf of one route of a destination's listener: a route named by a KRI (a
        MeshHTTPRoute rule) looks up the route, then the route without section, then the
        destination port, the destination and the mesh; other routes only the destination's keys."""
        return self.outbound_conf(rules, [*route_keys(route_name), *destination.rule_keys])

    def inbound(self, listener: InboundListener) -> InboundView | None:
        """The inbound listening at ``listener``, if any."""
        return next((i for i in self.inbounds if i.listener == listener), None)

    def destinations_in_use(self) -> Sequence[Destination]:
        """The destinations of the proxy's outbounds, in outbound order, each once."""
        seen: dict[str, Destination] = {}
        for outbound in self.outbounds:
            if outbound.destination is not None:
                seen.setdefault(outbound.destination.kri, outbound.destination)
        return list(seen.values())
