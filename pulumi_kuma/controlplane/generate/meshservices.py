"""MeshServices generated from Dataplanes, as Kuma 3.0 does on Universal
(``pkg/core/resources/apis/meshservice/generate``).

Every Dataplane with a ``kuma.io/workload`` label (a DNS-1035 label) describes one MeshService
named after the workload: a port per inbound (name = the inbound's name or port, ``targetPort`` =
the inbound's port, ``appProtocol`` = its protocol or tcp), selecting ``kuma.io/workload: <name>``.
Dataplanes of one workload must agree on the ports; the existing service's ports win, else the first
Dataplane's (by name). Generated services carry ``kuma.io/managed-by: meshservice-generator`` and
Kuma's zone labels; only such services are updated or deleted. A service whose Dataplanes are all
gone is labelled ``kuma.io/deletion-grace-period-started-at`` and deleted once the grace period
(Kuma: 1 h) has passed; a Dataplane coming back cancels that.

:func:`plan` is pure; :class:`MeshServiceGenerator` (leader only) applies the plan to the store.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from pulumi_kuma.controlplane.generate.leader import LeaderReconciler
from pulumi_kuma.controlplane.store.base import AlreadyExists, ChangeEvent, Conflict, NotFound, Store
from pulumi_kuma.model.envelope import (
    DISPLAY_NAME,
    ENV_LABEL,
    MESH_LABEL,
    ORIGIN_LABEL,
    ZONE_LABEL,
    ResourceObject,
    now,
)
from pulumi_kuma.model.names import dns1035_label_errors
from pulumi_kuma.model.registry import Registry
from pulumi_kuma.model.validation import ingest_spec

log = logging.getLogger("pulumi_kuma.controlplane.meshservices")

DATAPLANE = "Dataplane"
MESH_SERVICE = "MeshService"
WORKLOAD_LABEL = "kuma.io/workload"
MANAGED_BY_LABEL = "kuma.io/managed-by"
MANAGED_BY = "meshservice-generator"
GRACE_LABEL = "kuma.io/deletion-grace-period-started-at"
DEFAULT_GRACE_PERIOD = timedelta(hours=1)
DEFAULT_INTERVAL = 2.0


KNOWN_PROTOCOLS = frozenset({"tcp", "tls", "http", "http2", "grpc", "mysql"})
"""Kuma's ``ParseProtocol``: an inbound's protocol the generated port keeps (else tcp)."""


def _app_protocol(value: Any) -> str:
    text = str(value or "").lower()
    return text if text in KNOWN_PROTOCOLS else "tcp"


def _ports(dataplane: ResourceObject) -> list[dict[str, Any]]:
    networking = dataplane.spec.get("networking") or {}
    ports = []
    for inbound in networking.get("inbound") or []:
        if not isinstance(inbound, dict):
            continue
        port = int(inbound.get("port") or 0)
        ports.append(
            {
                "name": str(inbound.get("name") or port),
                "port": port,
                "targetPort": port,
                "appProtocol": _app_protocol(inbound.get("protocol")),
            }
        )
    return ports


def desired_spec(dataplane: ResourceObject) -> tuple[str, dict[str, Any]] | None:
    """The (name, spec) of the MeshService a Dataplane describes, or None (no usable workload, no ports)."""
    workload = dataplane.labels.get(WORKLOAD_LABEL)
    if not workload or dns1035_label_errors(workload):
        return None
    ports = _ports(dataplane)
    if not ports:
        return None
    return workload, {
        "selector": {"dataplaneLabels": {"matchLabels": {WORKLOAD_LABEL: workload}}},
        "ports": ports,
    }


def desired_labels(mesh: str, name: str, zone: str, existing: dict[str, str] | None = None) -> dict[str, str]:
    """The generator's labels, over the existing ones it does not manage (grace label dropped)."""
    out = {k: v for k, v in (existing or {}).items() if k != GRACE_LABEL}
    out.update(
        {
            MESH_LABEL: mesh,
            DISPLAY_NAME: name,
            MANAGED_BY_LABEL: MANAGED_BY,
            ENV_LABEL: "universal",
            ZONE_LABEL: zone,
            ORIGIN_LABEL: "zone",
        }
    )
    return out


@dataclass(frozen=True, slots=True)
class Action:
    """One write the generator wants: ``create``, ``update`` or ``delete`` a MeshService."""

    verb: str
    name: str
    spec: dict[str, Any] | None = None
    labels: dict[str, str] | None = None
    existing: ResourceObject | None = None


def _ports_of(spec: dict[str, Any]) -> list[Any]:
    return list(spec.get("ports") or [])


def _comparable(ports: list[Any]) -> list[tuple[Any, ...]]:
    return [
        (p.get("name"), p.get("port"), p.get("targetPort"), p.get("appProtocol") or "tcp")
        for p in ports
        if isinstance(p, dict)
    ]


def plan(
    mesh: str,
    dataplanes: Iterable[ResourceObject],
    services: Iterable[ResourceObject],
    *,
    zone: str,
    at: datetime,
    grace_period: timedelta = DEFAULT_GRACE_PERIOD,
) -> list[Action]:
    """What to write so that the mesh's generated MeshServices match its Dataplanes."""
    wanted: dict[str, list[dict[str, Any]]] = {}
    for dataplane in sorted(dataplanes, key=lambda d: d.name):
        described = desired_spec(dataplane)
        if described is not None:
            wanted.setdefault(described[0], []).append(described[1])
    actions: list[Action] = []
    existing_names = set()
    for service in sorted(services, key=lambda s: s.name):
        existing_names.add(service.name)
        labels = service.labels
        if labels.get(ORIGIN_LABEL, "zone") != "zone" or labels.get(MANAGED_BY_LABEL) != MANAGED_BY:
            continue
        specs = wanted.get(service.name)
        if specs:
            current = _comparable(_ports_of(service.spec))
            chosen = next((s for s in specs if _comparable(s["ports"]) == current), specs[0])
            conflicting = sum(1 for s in specs if _comparable(s["ports"]) != _comparable(chosen["ports"]))
            if conflicting:
                log.info(
                    "MeshService %s/%s: ports must be identical across the Dataplanes of one workload; "
                    "%d Dataplane(s) disagree",
                    mesh,
                    service.name,
                    conflicting,
                )
            new_labels = desired_labels(mesh, service.name, zone, labels)
            if _comparable(chosen["ports"]) != current or new_labels != labels:
                actions.append(Action("update", service.name, chosen, new_labels, service))
            continue
        started = labels.get(GRACE_LABEL)
        started_at = _parse_time(started) if started else None
        if started_at is None:
            grace_labels = {**labels, GRACE_LABEL: at.astimezone(UTC).isoformat().replace("+00:00", "Z")}
            actions.append(Action("update", service.name, dict(service.spec), grace_labels, service))
        elif at - started_at > grace_period:
            actions.append(Action("delete", service.name, existing=service))
    for name in sorted(set(wanted) - existing_names):
        actions.append(Action("create", name, wanted[name][0], desired_labels(mesh, name, zone)))
    return actions


def _parse_time(text: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


class MeshServiceGenerator(LeaderReconciler):
    """Keeps generated MeshServices in step with Dataplanes; runs on the leader only.

    It reconciles every mesh when it becomes leader, shortly after any Dataplane or MeshService
    change, and every ``interval`` seconds (grace periods expire without a change)."""

    name = "meshservice-generator"

    def __init__(
        self,
        store: Store,
        registry: Registry,
        *,
        zone: str = "default",
        interval: float = DEFAULT_INTERVAL,
        grace_period: timedelta = DEFAULT_GRACE_PERIOD,
        clock: Callable[[], datetime] = now,
    ) -> None:
        super().__init__(store, interval=interval)
        self._kind = registry.by_name(MESH_SERVICE)
        self._zone = zone
        self._grace_period = grace_period
        self._clock = clock

    def on_change(self, event: ChangeEvent) -> None:
        """Dataplane and MeshService changes wake the reconciler."""
        if event.type in (DATAPLANE, MESH_SERVICE):
            self.wake()

    async def reconcile(self) -> int:
        """One pass over every mesh; returns how many writes it made."""
        dataplanes = await self._store.list(DATAPLANE)
        services = await self._store.list(MESH_SERVICE)
        meshes = {d.mesh or "" for d in dataplanes} | {s.mesh or "" for s in services}
        writes = 0
        for mesh in sorted(meshes):
            actions = plan(
                mesh,
                [d for d in dataplanes if d.mesh == mesh],
                [s for s in services if s.mesh == mesh],
                zone=self._zone,
                at=self._clock(),
                grace_period=self._grace_period,
            )
            for action in actions:
                if await self._apply(mesh, action):
                    writes += 1
        self.writes += writes
        return writes

    async def _apply(self, mesh: str, action: Action) -> bool:
        try:
            if action.verb == "delete":
                await self._store.delete(MESH_SERVICE, mesh, action.name)
                log.info(
                    "deleted MeshService %s/%s (no Dataplane left after the grace period)", mesh, action.name
                )
                return True
            assert action.spec is not None and action.labels is not None
            spec = self._normalised(action.spec)
            timestamp = now()
            if action.verb == "create":
                obj = ResourceObject(
                    type=MESH_SERVICE,
                    name=action.name,
                    mesh=mesh,
                    labels=action.labels,
                    spec=spec,
                    creation_time=timestamp,
                    modification_time=timestamp,
                )
                await self._store.create(obj)
                log.info("created MeshService %s/%s", mesh, action.name)
                return True
            existing = action.existing
            assert existing is not None
            updated = existing.evolve(labels=action.labels, spec=spec, modification_time=timestamp)
            await self._store.update(updated, existing.version)
            log.info("updated MeshService %s/%s", mesh, action.name)
            return True
        except (AlreadyExists, Conflict, NotFound):
            self.wake()  # somebody else wrote meanwhile: look again
            return False

    def _normalised(self, spec: dict[str, Any]) -> dict[str, Any]:
        """The spec with the REST API's defaults, so generated services read like written ones."""
        result = ingest_spec(self._kind, spec)
        return result.spec if not result.violations else spec
