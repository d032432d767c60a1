"""The plugin interface between the generator and the kind modules.

A **policy kind** translates its resolved rules into Envoy config with a function registered on
its descriptor::

    def configure_envoy(ctx: ProxyContext, rules: KindRules, resources: ProxyResources) -> None:
        ...

    KIND = KindDescriptor(..., extras={ENVOY_CONFIGURER: configure_envoy})

The generator builds the base resources, then calls every policy kind's configurer in plugin order
(``PolicyTraits.order``), **also when no policy of the kind matched** (``rules`` is then empty), as
Kuma's plugins apply their defaults. A configurer changes ``resources`` in place and must be a pure
function of its arguments.

A kind that policies **reference** by labels (MeshOpenTelemetryBackend) sets
``extras={POLICY_REFERENCE: True}``; translations find its resources with
``ctx.destinations.referenced(kind, labels)``.

A **destination kind** (MeshService, ...) tells the generator its ports and which Dataplane inbounds
serve them::

    KIND = KindDescriptor(..., extras={DESTINATION_PORTS: ports, DESTINATION_ENDPOINTS: EndpointSource(...)})
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from pulumi_kuma.envoy.context import DestinationPort, Endpoint, ProxyContext
from pulumi_kuma.envoy.resources import ProxyResources
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.model.registry import KindDescriptor
from pulumi_kuma.model.rules import KindRules

ENVOY_CONFIGURER = "configure_envoy"
"""``KindDescriptor.extras`` key of a policy kind's :class:`EnvoyConfigurer`."""

DESTINATION_PORTS = "envoy_ports"
"""``KindDescriptor.extras`` key of a destination kind's ports: ``(spec JSON) -> [DestinationPort]``."""

DESTINATION_ENDPOINTS = "envoy_endpoints"
"""``KindDescriptor.extras`` key of a destination kind's :class:`EndpointSource`."""

POLICY_REFERENCE = "policy_reference"
"""``KindDescriptor.extras`` key (value ``True``) of a kind that policies name by labels, such as an
observability backend: the generator keeps its resources for ``DestinationLookup.referenced``."""


class EnvoyConfigurer(Protocol):
    """A policy kind's Envoy translation (Kuma's ``PolicyPlugin.Apply``)."""

    def __call__(self, ctx: ProxyContext, rules: KindRules, resources: ProxyResources) -> None: ...


PortsOf = Callable[[Mapping[str, Any]], Sequence[DestinationPort]]


@dataclass(frozen=True, slots=True)
class EndpointSource:
    """How a destination kind finds its endpoints among the mesh's Dataplanes."""

    selects: Callable[[ResourceObject, ResourceObject], bool]
    """``selects(destination, dataplane)``: whether the Dataplane implements the destination."""
    endpoints: Callable[
        [ResourceObject, Sequence[DestinationPort], Sequence[ResourceObject]],
        Mapping[str, Sequence[Endpoint]],
    ]
    """``endpoints(destination, ports, dataplanes it selects)``: endpoints by port section name."""


def envoy_configurer(kind: KindDescriptor) -> EnvoyConfigurer | None:
    """The kind's Envoy translation, if it has one."""
    hook = kind.extras.get(ENVOY_CONFIGURER)
    return hook if callable(hook) else None


def destination_ports(kind: KindDescriptor) -> PortsOf | None:
    """The kind's port reader, if it is a destination kind the generator can route to."""
    hook = kind.extras.get(DESTINATION_PORTS)
    return hook if callable(hook) else None


def policy_reference(kind: KindDescriptor) -> bool:
    """Whether policies name resources of this kind by labels (the generator keeps them)."""
    return kind.extras.get(POLICY_REFERENCE) is True


def endpoint_source(kind: KindDescriptor) -> EndpointSource | None:
    """How the kind's endpoints are found, if they come from Dataplanes."""
    hook = kind.extras.get(DESTINATION_ENDPOINTS)
    return hook if isinstance(hook, EndpointSource) else None
