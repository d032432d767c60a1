"""Workloads generated from Dataplanes, as Kuma 3.0's zone control plane does on Universal
(``pkg/core/resources/apis/workload/generate`` and ``.../workload/status``).

Every distinct ``kuma.io/workload`` label value (a DNS-1035 label) of a mesh's Dataplanes gets a
Workload of that name, with an empty spec and Kuma's labels ``kuma.io/mesh``, ``kuma.io/managed-by:
workload-generator``, ``kuma.io/env: universal`` and ``kuma.io/zone``. A generated Workload that no
Dataplane names any more is deleted on the next pass (Kuma has no grace period for Workloads).

The status counts the Dataplanes of the mesh whose label equals the Workload's display name, as
Kuma's status updater does:

* ``total``: every such Dataplane;
* ``connected``: those whose ``DataplaneInsight`` has a subscription with a connect time and no
  disconnect time (Kuma's ``DataplaneInsight.IsOnline``; the insight is what the replica serving
  the proxy writes, so a replica that died without closing its streams leaves its proxies
  "connected" until they reconnect elsewhere, as in Kuma);
* ``healthy``: those with at least one inbound whose ``state`` is Ready (the default) and whose
  ``health`` is absent or ``ready: true`` (Kuma's ``GetHealthyInbounds``). Gateways, which have no
  inbounds, are never healthy.

Where this departs from Kuma, on purpose: Kuma's generator deletes *every* Workload of a mesh that
no Dataplane names (user-created ones too) and its status updater writes the counts of every
local Workload. Here a Workload without the generator's ``kuma.io/managed-by`` label is never
written or deleted: it may belong to a Pulumi stack, and its status stays what it was.

:func:`plan` is pure; :class:`WorkloadGenerator` (leader only) applies the plan to the store.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pulumi_kuma.controlplane.generate.leader import LeaderReconciler
from pulumi_kuma.controlplane.store.base import AlreadyExists, ChangeEvent, Conflict, NotFound, Store
from pulumi_kuma.model.envelope import (
    ENV_LABEL,
    MESH_LABEL,
    ORIGIN_LABEL,
    ZONE_LABEL,
    ResourceObject,
    now,
)
from pulumi_kuma.model.names import dns1035_label_errors

log = logging.getLogger("pulumi_kuma.controlplane.workloads")

DATAPLANE = "Dataplane"
INSIGHT = "DataplaneInsight"
WORKLOAD = "Workload"
WORKLOAD_LABEL = "kuma.io/workload"
MANAGED_BY_LABEL = "kuma.io/managed-by"
MANAGED_BY = "workload-generator"
DEFAULT_INTERVAL = 5.0
"""Seconds between passes without any change (Kuma's status updater runs every 5 s)."""
DEFAULT_SETTLE = 0.05
"""Seconds to wait after a Dataplane or Workload change, so that a burst lands in one pass."""
DEFAULT_INSIGHT_DELAY = 1.0
"""Seconds to wait after a DataplaneInsight change: insights are rewritten often (every flush of
every proxy's xDS counters), and only a connect or disconnect changes a count."""


@dataclass(frozen=True, slots=True)
class ProxyCounts:
    """A Workload's ``status.dataplaneProxies``."""

    total: int = 0
    connected: int = 0
    healthy: int = 0

    def status(self) -> dict[str, Any]:
        """The status document, with every count (Kuma writes zeros too)."""
        return {
            "dataplaneProxies": {"connected": self.connected, "healthy": self.healthy, "total": self.total}
        }

    @classmethod
    def of(cls, status: Mapping[str, Any] | None) -> ProxyCounts:
        """The counts a stored status holds (missing ones are zero)."""
        proxies = (status or {}).get("dataplaneProxies")
        if not isinstance(proxies, dict):
            return cls()
        return cls(
            total=_int(proxies.get("total")),
            connected=_int(proxies.get("connected")),
            healthy=_int(proxies.get("healthy")),
        )


def _int(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def workload_name(dataplane: ResourceObject) -> str | None:
    """The Workload a Dataplane makes the generator create: its ``kuma.io/workload`` label, when
    set and a DNS-1035 label (Kuma logs and skips other values)."""
    value = dataplane.labels.get(WORKLOAD_LABEL)
    if not value or dns1035_label_errors(value):
        return None
    return value


def is_online(insight: ResourceObject | None) -> bool:
    """Kuma's ``DataplaneInsight.IsOnline``: some subscription connected and not disconnected."""
    if insight is None:
        return False
    subscriptions = insight.spec.get("subscriptions")
    if not isinstance(subscriptions, list):
        return False
    return any(
        isinstance(s, dict) and s.get("connectTime") and not s.get("disconnectTime") for s in subscriptions
    )


def is_healthy(dataplane: ResourceObject) -> bool:
    """Kuma's definition: at least one inbound is Ready and not reported unhealthy."""
    networking = dataplane.spec.get("networking")
    inbounds = networking.get("inbound") if isinstance(networking, dict) else None
    for inbound in inbounds or []:
        if not isinstance(inbound, dict):
            continue
        if (inbound.get("state") or "Ready") != "Ready":
            continue
        health = inbound.get("health")
        # A health entry without ``ready: true`` is not ready (proto3's false default).
        if isinstance(health, dict) and health.get("ready") is not True:
            continue
        return True
    return False


def count_proxies(
    dataplanes: Iterable[ResourceObject], insights: Mapping[str, ResourceObject]
) -> ProxyCounts:
    """The counts of a group of Dataplanes, with the mesh's insights by Dataplane name."""
    total = connected = healthy = 0
    for dataplane in dataplanes:
        total += 1
        connected += is_online(insights.get(dataplane.name))
        healthy += is_healthy(dataplane)
    return ProxyCounts(total, connected, healthy)


def generated_labels(mesh: str, zone: str) -> dict[str, str]:
    """The labels Kuma's generator gives a Workload it creates."""
    return {MESH_LABEL: mesh, MANAGED_BY_LABEL: MANAGED_BY, ENV_LABEL: "universal", ZONE_LABEL: zone}


def is_generated(workload: ResourceObject) -> bool:
    """Whether the generator owns a Workload: its managed-by label, created in this zone."""
    labels = workload.labels
    return labels.get(MANAGED_BY_LABEL) == MANAGED_BY and labels.get(ORIGIN_LABEL, "zone") == "zone"


@dataclass(frozen=True, slots=True)
class Action:
    """One write the generator wants: ``create`` a Workload (with its counts), ``update`` the
    counts of one, or ``delete`` one."""

    verb: str
    name: str
    status: dict[str, Any] | None = None
    labels: dict[str, str] | None = None
    existing: ResourceObject | None = None


def plan(
    mesh: str,
    dataplanes: Iterable[ResourceObject],
    workloads: Iterable[ResourceObject],
    insights: Iterable[ResourceObject] = (),
    *,
    zone: str,
) -> list[Action]:
    """What to write so that a mesh's generated Workloads match its Dataplanes (all of one mesh)."""
    by_label: dict[str, list[ResourceObject]] = {}
    wanted: set[str] = set()
    for dataplane in sorted(dataplanes, key=lambda d: d.name):
        label = dataplane.labels.get(WORKLOAD_LABEL)
        if label:
            by_label.setdefault(label, []).append(dataplane)
        name = workload_name(dataplane)
        if name is not None:
            wanted.add(name)
    insight_by_name = {insight.name: insight for insight in insights}

    actions: list[Action] = []
    existing_names: set[str] = set()
    for workload in sorted(workloads, key=lambda w: w.name):
        existing_names.add(workload.name)
        if not is_generated(workload):
            continue
        if workload.name not in wanted:
            actions.append(Action("delete", workload.name, existing=workload))
            continue
        # Kuma matches the Workload's display name against the label values.
        counts = count_proxies(by_label.get(workload.display_name, []), insight_by_name)
        if counts != ProxyCounts.of(workload.status):
            actions.append(Action("update", workload.name, counts.status(), existing=workload))
    for name in sorted(wanted - existing_names):
        counts = count_proxies(by_label.get(name, []), insight_by_name)
        actions.append(Action("create", name, counts.status(), generated_labels(mesh, zone)))
    return actions


class WorkloadGenerator(LeaderReconciler):
    """Keeps generated Workloads and their counts in step with Dataplanes; leader only.

    It reconciles every mesh when it becomes leader, shortly after a Dataplane or Workload
    change, a little later after a DataplaneInsight change, and every ``interval`` seconds."""

    name = "workload-generator"

    def __init__(
        self,
        store: Store,
        *,
        zone: str = "default",
        interval: float = DEFAULT_INTERVAL,
        settle: float = DEFAULT_SETTLE,
        insight_delay: float = DEFAULT_INSIGHT_DELAY,
    ) -> None:
        super().__init__(store, interval=interval, settle=settle)
        self._zone = zone
        self._insight_delay = insight_delay
        self._insight_timer: asyncio.TimerHandle | None = None

    def on_change(self, event: ChangeEvent) -> None:
        """Dataplane and Workload changes wake the reconciler; DataplaneInsights (rewritten often)
        do so once per ``insight_delay``."""
        if event.type in (DATAPLANE, WORKLOAD):
            self.wake()
        elif event.type == INSIGHT and self._insight_timer is None:
            self._insight_timer = asyncio.get_running_loop().call_later(
                self._insight_delay, self._insight_wake
            )

    def _insight_wake(self) -> None:
        self._insight_timer = None
        self.wake()

    async def stop(self) -> None:
        """Stop watching and reconciling."""
        if self._insight_timer is not None:
            self._insight_timer.cancel()
            self._insight_timer = None
        await super().stop()

    async def reconcile(self) -> int:
        """One pass over every mesh; returns how many writes it made."""
        # Workloads first: a Dataplane written after they were read is in the list below, so no
        # pass deletes a Workload that a Dataplane registered meanwhile names. (A Dataplane deleted
        # meanwhile leaves its Workload to the next pass, which its change wakes.)
        workloads = await self._store.list(WORKLOAD)
        dataplanes = await self._store.list(DATAPLANE)
        insights = await self._store.list(INSIGHT)
        meshes = {d.mesh or "" for d in dataplanes} | {w.mesh or "" for w in workloads}
        writes = 0
        for mesh in sorted(meshes):
            actions = plan(
                mesh,
                [d for d in dataplanes if d.mesh == mesh],
                [w for w in workloads if w.mesh == mesh],
                [i for i in insights if i.mesh == mesh],
                zone=self._zone,
            )
            for action in actions:
                if await self._apply(mesh, action):
                    writes += 1
        self.writes += writes
        return writes

    async def _apply(self, mesh: str, action: Action) -> bool:
        try:
            if action.verb == "delete":
                await self._store.delete(WORKLOAD, mesh, action.name)
                log.info("deleted Workload %s/%s (no Dataplane names it)", mesh, action.name)
                return True
            timestamp = now()
            if action.verb == "create":
                assert action.labels is not None
                obj = ResourceObject(
                    type=WORKLOAD,
                    name=action.name,
                    mesh=mesh,
                    labels=action.labels,
                    spec={},
                    status=action.status,
                    creation_time=timestamp,
                    modification_time=timestamp,
                )
                await self._store.create(obj)
                log.info("created Workload %s/%s", mesh, action.name)
                return True
            existing = action.existing
            assert existing is not None
            # Kuma's status updater writes through the resource manager, which sets the time.
            updated = existing.evolve(status=action.status, modification_time=timestamp)
            await self._store.update(updated, existing.version)
            log.debug("updated the proxy counts of Workload %s/%s", mesh, action.name)
            return True
        except (AlreadyExists, Conflict, NotFound):
            self.wake()  # somebody else wrote meanwhile: look again
            return False
