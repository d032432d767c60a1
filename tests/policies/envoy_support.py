"""Helpers for tests of policy translations (``configure_envoy``) against Kuma's plugin goldens.

Kuma's plugin tests apply one plugin to hand-built resources and compare the result with
``plugins/<kind>/**/testdata/*.golden.yaml``. These helpers build the same situation here: a
:class:`ProxyContext` for one Dataplane, a :class:`ProxyResources` holding inbound/outbound
resources (often taken from a golden with the plugin's fields removed), and resolved rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from pulumi_kuma.envoy import (
    CLUSTER,
    LISTENER,
    Destination,
    DestinationPort,
    InboundView,
    Origin,
    Protocol,
    ProxyContext,
    ProxyResources,
    ResourceEntry,
)
from pulumi_kuma.envoy.names import inbound_name, without_section
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.model.rules import (
    EMPTY_OUTBOUND,
    DataplaneRules,
    InboundListener,
    InboundRule,
    KindRules,
    OutboundRules,
    ResourceRule,
)
from pulumi_kuma.model.rules import (
    Origin as RuleOrigin,
)
from pulumi_kuma.registry import REGISTRY
from tests.conftest import CONFORMANCE

PLUGINS = CONFORMANCE / "plugins"
DESTINATION_SHORT_NAMES = frozenset({"msvc", "extsvc", "mzsvc", "mhttpr"})
DATAPLANE = ResourceObject(
    type="Dataplane",
    name="backend",
    mesh="default",
    spec={"networking": {"address": "127.0.0.1", "inbound": [{"port": 80, "protocol": "http"}]}},
)
POLICY = ResourceObject(type="Policy", name="test", mesh="default")


def golden(path: str | Path) -> list[dict[str, Any]]:
    """The resources of a golden file (a single resource, or Kuma's ``resources: [{name, resource}]``)."""
    data = yaml.safe_load((PLUGINS / path).read_text())
    if isinstance(data, dict) and isinstance(data.get("resources"), list):
        out = []
        for item in data["resources"]:
            resource = dict(item["resource"])
            resource.pop("@type", None)
            out.append(resource)
        return out
    return [data]


def http_inbound(
    port: int = 80, address: str = "127.0.0.1", protocol: Protocol = Protocol.HTTP
) -> InboundView:
    """An inbound like Kuma's test Dataplane's (``127.0.0.1:80``, named by its port)."""
    return InboundView(
        name=inbound_name(str(port)),
        section_name=str(port),
        listener=InboundListener(address, port),
        workload_address=address,
        workload_port=port,
        protocol=protocol,
        kri=f"kri_dp_default___backend_{port}",
    )


def destination(kri: str, protocol: Protocol = Protocol.HTTP) -> Destination:
    """A destination port known only by its KRI (what Kuma's tests give as ``ResourceOrigin``)."""
    parts = kri.split("_")
    section = parts[-1]
    return Destination(
        kind="MeshService",
        resource=ResourceObject(type="MeshService", name=parts[-2], mesh=parts[2]),
        port=DestinationPort(int(section) if section.isdigit() else 0, section, protocol),
        kri=kri,
        base_kri=without_section(kri),
    )


def context(
    inbounds: Sequence[InboundView] = (), dataplane: ResourceObject = DATAPLANE, mesh_kri: str = ""
) -> ProxyContext:
    """A proxy context for policy tests (no rules of other kinds; destinations come from entries)."""
    return ProxyContext(
        dataplane=dataplane,
        mesh=None,
        zone="default",
        inbounds=tuple(inbounds),
        outbounds=(),
        rules=DataplaneRules(dataplane, {}),
        registry=REGISTRY,
        mesh_kri=mesh_kri,
    )


def kind_rules(
    kind: str,
    inbound: Mapping[InboundListener, Iterable[tuple[Any, Any]]] | None = None,
    outbound: Mapping[str, Any] | None = None,
) -> KindRules:
    """Resolved rules: inbound ``(match, conf)`` lists per listener, outbound confs by KRI."""
    inbound_rules = {
        listener: tuple(
            InboundRule(match, conf, RuleOrigin(POLICY, i)) for i, (match, conf) in enumerate(items)
        )
        for listener, items in (inbound or {}).items()
    }
    outbound_rules = EMPTY_OUTBOUND
    if outbound:
        rules = {
            kri: ResourceRule(
                kri, ResourceObject(type="MeshService", name=kri, mesh="default"), "", (conf,), ()
            )
            for kri, conf in outbound.items()
        }
        outbound_rules = OutboundRules(rules, None, DESTINATION_SHORT_NAMES)
    return KindRules(kind, (POLICY,), inbound_rules, outbound_rules, None)


def add(
    resources: ProxyResources,
    type_url: str,
    body: dict[str, Any],
    *,
    inbound: InboundView | None = None,
    destination: Destination | None = None,
    protocol: Protocol | None = None,
) -> ResourceEntry:
    """Add a resource the way the generator would (inbound or outbound origin)."""
    origin = Origin.INBOUND if inbound is not None else Origin.OUTBOUND
    if protocol is None:
        protocol = inbound.protocol if inbound is not None else destination.protocol if destination else None
    return resources.add_resource(
        type_url, body, origin=origin, inbound=inbound, destination=destination, protocol=protocol
    )


def listeners(resources: ProxyResources) -> list[dict[str, Any]]:
    return [dict(e.view) for e in resources.entries(LISTENER)]


def clusters(resources: ProxyResources) -> list[dict[str, Any]]:
    return [dict(e.view) for e in resources.entries(CLUSTER)]
