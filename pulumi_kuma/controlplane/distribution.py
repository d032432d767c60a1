"""Config distribution: store changes in, Envoy config out to the proxies connected to this replica.

:class:`ConfigDistribution` is the control plane component that ties the pieces together, all on
the control plane's event loop:

* the **store's change stream** (every replica sees every write) feeds a
  :class:`~pulumi_kuma.controlplane.generate.GenerationState` (the incremental resolver and the
  mesh topologies); a burst of changes is applied as one batch;
* each change says which Dataplanes' rules changed and which inputs (destinations, endpoints,
  Dataplanes, the Mesh) it touched; only the **proxies connected to this replica** whose last
  generation read one of those are regenerated, and only a proxy whose resources really changed
  gets a new snapshot version, which the ADS server **pushes** at once (no polling). A periodic
  comparison of the store with what was applied (by version) is the safety net;
* the **ADS server** (``--xds-port``) serves the snapshots. Its hooks check the dataplane token
  (``--dp-auth``), **register** the Dataplane a proxy brings in its node metadata (Kuma's
  DataplaneLifecycle) and **deregister** it ``--dataplane-deregistration-delay`` after the proxy's
  last stream closed, unless the proxy is back (on this or another replica);
* **insights**: each proxy's subscription (Kuma's ``DiscoverySubscription``, plus the ACKed and
  NACKed versions and Envoy's NACK message) is kept in the store as a ``DataplaneInsight``, so any
  replica can answer ``_overview``;
* **workload identity** (:class:`~pulumi_kuma.controlplane.ca.WorkloadIdentities`): each proxy a
  ready MeshIdentity selects gets its certificate and the mesh's trust bundle as SDS secrets on
  the same stream, renewed at 4/5 of its lifetime; MeshIdentity, MeshTrust and Secret changes
  reload the mesh's identities and regenerate its proxies;
* REST routes: ``POST /bootstrap``, ``POST /tokens/dataplane``,
  ``GET /meshes/{mesh}/dataplanes/{name}/_overview`` and ``.../_config``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import grpc
from google.protobuf import json_format
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from pulumi_kuma.controlplane.api.context import ApiContext, error_response, json_response, read_body
from pulumi_kuma.controlplane.api.decode import BodyError, parse_json
from pulumi_kuma.controlplane.api.errors import ApiError, bad_request, invalid, not_found
from pulumi_kuma.controlplane.api.labels import compute_labels, request_label_violations
from pulumi_kuma.controlplane.auth import AccessDenied, UserTokens
from pulumi_kuma.controlplane.ca.authority import utc_now
from pulumi_kuma.controlplane.ca.proxies import WorkloadIdentities
from pulumi_kuma.controlplane.dptokens import (
    DataplaneIdentity,
    DataplaneTokens,
    InvalidDataplaneToken,
    authorize,
)
from pulumi_kuma.controlplane.events import wait_event
from pulumi_kuma.controlplane.generate import (
    Dependency,
    GenerationState,
    SharedLoadAssignments,
    snapshot_resources,
)
from pulumi_kuma.controlplane.store.base import AlreadyExists, ChangeEvent, Conflict, NotFound, Store
from pulumi_kuma.controlplane.store.feed import ChangeSubscription
from pulumi_kuma.controlplane.xds import (
    DP_TOKEN_REQUIRED,
    BootstrapRejected,
    ProxyConnection,
    ProxyId,
    ProxyStatus,
    Resource,
    SnapshotCache,
    XdsServer,
    XdsStreamRejected,
    bootstrap_routes,
)
from pulumi_kuma.controlplane.xds.resource_types import short_name
from pulumi_kuma.envoy import SECRET, ProxyResources, endpoint_source
from pulumi_kuma.model.duration import InvalidDuration, parse_duration
from pulumi_kuma.model.envelope import ResourceObject, format_time, now, to_rest
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import Registry
from pulumi_kuma.model.validation import validate_document

if TYPE_CHECKING:
    from pulumi_kuma.controlplane.runtime import ControlPlane

log = logging.getLogger("pulumi_kuma.controlplane.distribution")

DATAPLANE = "Dataplane"
MESH = "Mesh"
INSIGHT = "DataplaneInsight"
"""Stored per Dataplane (not served as a kind): its latest xDS subscriptions."""
DP_AUTH_TOKEN = "dpToken"
DP_AUTH_NONE = "none"
MAX_SUBSCRIPTIONS = 5
TOKEN_TITLE = "Could not issue a token"


@dataclass(frozen=True, slots=True)
class DistributionOptions:
    """How ``cp run`` distributes config (its ``--xds-port``, ``--dp-auth`` ... flags)."""

    address: str = "127.0.0.1"
    xds_port: int = 5678
    zone: str = "default"
    dp_auth: str = DP_AUTH_TOKEN
    deregistration_delay: float = 10.0
    resync_interval: float = 60.0
    insight_flush_interval: float = 10.0
    nack_backoff: float = 5.0
    localhost_admin: bool = True


@dataclass(slots=True)
class _Proxy:
    """A proxy with a stream on this replica, and what its last generation read."""

    proxy_id: ProxyId
    features: frozenset[str] = frozenset()
    ipv6: bool = False
    workdir: str = ""
    """The data plane agent's work directory (node metadata ``workdir``), where its sockets live."""
    dependencies: frozenset[Dependency] = frozenset()
    registered: bool = False
    """This replica created or updated its Dataplane from the node metadata (and removes it)."""


@dataclass(slots=True)
class DistributionStats:
    """Counters for benchmarks and logs."""

    generations: int = 0
    generation_seconds: float = 0.0
    pushes: int = 0
    batches: int = 0
    events: int = 0
    last_batch_proxies: int = 0
    per_proxy_seconds: list[float] = field(default_factory=list)


class ConfigDistribution:
    """The control plane component that generates and serves every local proxy's config."""

    name = "config-distribution"

    def __init__(
        self, store: Store, registry: Registry, options: DistributionOptions, *, instance_id: str
    ) -> None:
        self.store = store
        self.registry = registry
        self.options = options
        self.instance_id = instance_id
        self.cache = SnapshotCache()
        self.state = GenerationState(
            registry, zone=options.zone, shared=SharedLoadAssignments(self.cache.resource)
        )
        self.tokens = DataplaneTokens(store)
        self.identities = WorkloadIdentities(
            store,
            zone=options.zone,
            endpoint_kinds=frozenset(k.name for k in registry if endpoint_source(k) is not None),
        )
        self._identity_wakeup = asyncio.Event()
        self.server = XdsServer(
            self.cache,
            control_plane_id=instance_id,
            nack_backoff=options.nack_backoff,
            deregistration_delay=options.deregistration_delay,
            authenticate=self._authenticate,
            on_connect=self._on_connect,
            on_disconnect=self._on_disconnect,
        )
        self.stats = DistributionStats()
        self._proxies: dict[str, _Proxy] = {}
        self._index: dict[tuple[str, Dependency], set[str]] = {}
        self._subscription: ChangeSubscription | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._flush_now = asyncio.Event()
        self._written_insights: dict[str, Any] = {}
        self._api_auth: ApiContext | None = None
        self._known: dict[tuple[str, str, str], int] = {}
        """The version of every relevant resource applied to :attr:`state`."""
        self._applying = False

    # --- lifecycle --------------------------------------------------------------------------------

    @property
    def xds_port(self) -> int | None:
        """The ADS server's port once started."""
        return self.server.port

    async def start(self) -> None:
        """Subscribe to changes, load the store, start serving xDS."""
        subscription = self.store.changes()
        assert isinstance(subscription, ChangeSubscription)
        self._subscription = subscription
        objects = [o for o in await self.store.list() if self.state.relevant(o.type)]
        self.state.load(objects)
        self._known = {o.key: o.version for o in objects}
        await self.identities.refresh(self.state.meshes())
        await self.server.start(f"{self.options.address}:{self.options.xds_port}")
        self._tasks = [
            asyncio.create_task(self._consume(subscription), name="distribution-changes"),
            asyncio.create_task(self._resync_loop(), name="distribution-resync"),
            asyncio.create_task(self._insight_loop(), name="distribution-insights"),
            asyncio.create_task(self._rotation_loop(), name="distribution-identity-rotation"),
        ]

    async def stop(self) -> None:
        """Stop serving (connected proxies keep their Dataplanes: they reconnect elsewhere)."""
        await self.server.stop()
        if self._subscription is not None:
            await self._subscription.aclose()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []

    # --- change stream ----------------------------------------------------------------------------

    async def _consume(self, subscription: ChangeSubscription) -> None:
        async for first in subscription:
            self._applying = True
            batch = [first]
            for _ in range(subscription.pending()):
                batch.append(await subscription.__anext__())
            try:
                await self._apply_batch(batch)
            except Exception:
                log.exception("applying %d store change(s) failed; a full resync follows", len(batch))
                await self.resync()
            finally:
                self._applying = False

    async def settled(self, timeout: float = 5.0) -> None:
        """Return once every change event delivered so far is applied to :attr:`state` (or after
        ``timeout``): a write this replica committed is then visible to readers of the state."""
        deadline = asyncio.get_running_loop().time() + timeout
        subscription = self._subscription
        while self._applying or (subscription is not None and subscription.pending() > 0):
            if asyncio.get_running_loop().time() >= deadline:
                log.warning("config distribution is still applying changes after %.1f s", timeout)
                return
            await asyncio.sleep(0.002)

    async def _apply_batch(self, batch: list[ChangeEvent]) -> None:
        latest: dict[tuple[str, str, str], ChangeEvent] = {}
        identity_meshes: set[str] = set()
        for event in batch:
            if self.state.relevant(event.type):
                latest[(event.type, event.mesh, event.name)] = event
            if self.identities.relevant(event.type):
                identity_meshes.add(event.mesh or (event.name if event.type == MESH else ""))
        identity_meshes.discard("")
        self.stats.events += len(batch)
        if not latest and not identity_meshes:
            return
        affected: set[str] = set()
        for key in latest:
            obj = await self.store.get(*key)
            affected |= self._apply(key, obj)
        if identity_meshes:
            await self.identities.refresh(identity_meshes)
            affected |= {n for n, p in self._proxies.items() if p.proxy_id.mesh in identity_meshes}
        self.stats.batches += 1
        await self._regenerate(affected)

    def _affected(
        self, rules_changed: Iterable[tuple[str, str]], dependencies: Iterable[tuple[str, Dependency]]
    ) -> set[str]:
        nodes = {f"{mesh}.{name}" for mesh, name in rules_changed}
        out = {node for node in nodes if node in self._proxies}
        for key in dependencies:
            out |= self._index.get(key, set())
        return out

    async def _resync_loop(self) -> None:
        while True:
            await asyncio.sleep(self.options.resync_interval)
            try:
                await self.resync()
            except Exception:
                log.exception("periodic resync failed")

    def _apply(self, key: tuple[str, str, str], obj: ResourceObject | None) -> set[str]:
        """Apply one resource's current state (None: deleted); the local proxies it affects."""
        if obj is None:
            self._known.pop(key, None)
            change = self.state.delete(*key)
        else:
            self._known[key] = obj.version
            change = self.state.upsert(obj)
        return self._affected(change.rules_changed, change.dependencies)

    async def resync(self) -> int:
        """The safety net: compare the store with what was applied (by version) and apply what an
        event did not bring; returns how many resources differed."""
        current = {o.key: o for o in await self.store.list() if self.state.relevant(o.type)}
        affected: set[str] = set()
        drift = 0
        for key, obj in current.items():
            if self._known.get(key) != obj.version:
                drift += 1
                affected |= self._apply(key, obj)
        for key in set(self._known) - set(current):
            drift += 1
            affected |= self._apply(key, None)
        # Identities: CAs behind files or environment variables change without events.
        await self.identities.refresh({p.proxy_id.mesh for p in self._proxies.values()})
        affected |= {n for n in self._proxies if self._identity_outdated(n)}
        if drift:
            log.warning(
                "resync found %d change(s) no event had brought; regenerating %d proxies",
                drift,
                len(affected),
            )
        if affected:
            await self._regenerate(affected)
        return drift

    # --- generation -------------------------------------------------------------------------------

    async def _regenerate(self, node_ids: set[str]) -> None:
        self.stats.last_batch_proxies = len(node_ids)
        await self._refresh_identities(node_ids)
        for node_id in sorted(node_ids):
            self._generate_and_set(node_id)
            await asyncio.sleep(0)  # let the streams push what is ready while the rest generate

    def _identity_outdated(self, node_id: str) -> bool:
        proxy = self._proxies.get(node_id)
        if proxy is None:
            return False
        mesh, name = proxy.proxy_id.mesh, proxy.proxy_id.name
        dataplane = self.state.dataplane(mesh, name)
        return dataplane is not None and self.identities.needs_update(node_id, mesh, dataplane.labels)

    async def _refresh_identities(self, node_ids: Iterable[str]) -> None:
        """Bring the workload identity of these proxies up to date (issuing keys on worker threads,
        a few at a time) before their config is generated."""
        outdated = [n for n in node_ids if self._identity_outdated(n)]
        if not outdated:
            return
        limit = asyncio.Semaphore(max(2, os.cpu_count() or 2))

        async def refresh(node_id: str) -> None:
            async with limit:
                proxy = self._proxies.get(node_id)
                if proxy is None:
                    return
                mesh, name = proxy.proxy_id.mesh, proxy.proxy_id.name
                dataplane = self.state.dataplane(mesh, name)
                if dataplane is not None:
                    await self.identities.update(node_id, mesh, name, dataplane.labels)

        await asyncio.gather(*(refresh(n) for n in outdated))
        self._identity_wakeup.set()

    async def _rotation_loop(self) -> None:
        """Regenerate proxies whose certificate reached 4/5 of its lifetime (Kuma's ExpiringSoon)."""
        while True:
            upcoming = self.identities.next_rotation()
            delay = 30.0
            if upcoming is not None:
                delay = min(delay, max(0.2, (upcoming - utc_now()).total_seconds() + 0.05))
            await wait_event(self._identity_wakeup, delay)
            self._identity_wakeup.clear()
            due = {n for n in self.identities.rotation_due() if n in self._proxies}
            if due:
                log.info("rotating the workload certificates of %d proxies", len(due))
                try:
                    await self._regenerate(due)
                except Exception:
                    log.exception("rotating workload certificates failed")

    def _index_dependencies(self, node_id: str, mesh: str, new: frozenset[Dependency]) -> None:
        proxy = self._proxies[node_id]
        for dependency in proxy.dependencies - new:
            holders = self._index.get((mesh, dependency))
            if holders is not None:
                holders.discard(node_id)
                if not holders:
                    del self._index[(mesh, dependency)]
        for dependency in new - proxy.dependencies:
            self._index.setdefault((mesh, dependency), set()).add(node_id)
        proxy.dependencies = new

    def _generate_and_set(self, node_id: str) -> bool:
        """Generate one local proxy's resources and hand them to the cache; whether they changed."""
        proxy = self._proxies.get(node_id)
        if proxy is None:
            return False
        mesh, name = proxy.proxy_id.mesh, proxy.proxy_id.name
        started = time.perf_counter()
        try:
            result = self.state.generate(
                mesh,
                name,
                features=proxy.features,
                ipv6=proxy.ipv6,
                workdir=proxy.workdir,
                identity=self.identities.current(node_id),
                peers=self.identities.peers(mesh),
            )
            if result is None:
                return False  # the Dataplane is gone: the proxy keeps what it runs
            self._index_dependencies(node_id, mesh, result.dependencies)
            update = self.cache.set_snapshot(node_id, snapshot_resources(result.resources))
        except Exception:
            log.exception("generating the config of %s failed; it keeps its previous config", node_id)
            return False
        elapsed = time.perf_counter() - started
        self.stats.generations += 1
        self.stats.generation_seconds += elapsed
        if len(self.stats.per_proxy_seconds) < 100_000:
            self.stats.per_proxy_seconds.append(elapsed)
        if update.changed:
            self.stats.pushes += 1
            log.debug("%s: new config (%s)", node_id, ", ".join(short_name(t) for t in update.changed_types))
        return update.changed

    def generate_resources(
        self, mesh: str, name: str, *, include_shadow: bool = False
    ) -> ProxyResources | None:
        """A Dataplane's resources as the generator makes them now (None when it does not exist)."""
        proxy = self._proxies.get(f"{mesh}.{name}")
        features = proxy.features if proxy is not None else frozenset()
        ipv6 = proxy.ipv6 if proxy is not None else False
        workdir = proxy.workdir if proxy is not None else ""
        result = self.state.generate(
            mesh,
            name,
            features=features,
            ipv6=ipv6,
            include_shadow=include_shadow,
            workdir=workdir,
            identity=self.identities.current(f"{mesh}.{name}"),
            peers=self.identities.peers(mesh),
        )
        return result.resources if result is not None else None

    # --- xDS hooks: authentication, registration, deregistration ---------------------------------

    async def _dataplane_labels(self, connection: ProxyConnection) -> dict[str, str]:
        if connection.dataplane is not None:
            labels = connection.dataplane.get("labels")
            return dict(labels) if isinstance(labels, dict) else {}
        stored = await self.store.get(DATAPLANE, connection.proxy_id.mesh, connection.proxy_id.name)
        return dict(stored.labels) if stored is not None else {}

    async def _check_token(
        self, token: str, mesh: str, name: str, labels: Mapping[str, str]
    ) -> DataplaneIdentity:
        identity = await self.tokens.validate(token, mesh)
        authorize(identity, mesh, name, labels)
        return identity

    async def _authenticate(self, connection: ProxyConnection) -> None:
        if self.options.dp_auth == DP_AUTH_NONE:
            return
        token = (connection.token or "").removeprefix("Bearer ").strip()
        if not token:
            raise XdsStreamRejected("authentication failed: the stream carries no dataplane token")
        mesh, name = connection.proxy_id.mesh, connection.proxy_id.name
        try:
            await self._check_token(token, mesh, name, await self._dataplane_labels(connection))
            existing = await self.store.get(DATAPLANE, mesh, name)
            if existing is not None and connection.dataplane is not None:
                # Replacing a registered Dataplane needs a token that could register that one too.
                await self._check_token(token, mesh, name, existing.labels)
        except InvalidDataplaneToken as exc:
            raise XdsStreamRejected(f"authentication failed: {exc}") from exc

    async def _on_connect(self, connection: ProxyConnection) -> None:
        proxy_type = connection.metadata.get("dataplane.proxyType", DATAPLANE.lower())
        if proxy_type != "dataplane":
            raise XdsStreamRejected(
                f'unsupported proxy type "{proxy_type}", only "dataplane" is supported',
                grpc.StatusCode.INVALID_ARGUMENT,
            )
        proxy_id = connection.proxy_id
        registered = False
        if connection.dataplane is not None:
            stored = await self._register(connection.proxy_id, connection.dataplane)
            self._apply_local(stored)
            registered = True
        elif self.state.dataplane(proxy_id.mesh, proxy_id.name) is None:
            stored_dp = await self.store.get(DATAPLANE, proxy_id.mesh, proxy_id.name)
            if stored_dp is None:
                raise XdsStreamRejected(
                    f"Dataplane {proxy_id.name!r} in mesh {proxy_id.mesh!r} does not exist; create it "
                    "first or start the proxy with its Dataplane (dp run --dataplane-file)",
                    grpc.StatusCode.NOT_FOUND,
                )
            self._apply_local(stored_dp)
        features = connection.metadata.get("features")
        proxy = self._proxies.get(connection.node_id)
        if proxy is None:
            proxy = self._proxies[connection.node_id] = _Proxy(proxy_id)
        proxy.features = frozenset(str(f) for f in features) if isinstance(features, list) else frozenset()
        proxy.ipv6 = connection.metadata.get("ipv6Enabled") is True
        proxy.workdir = str(connection.metadata.get("workdir") or "")
        proxy.registered = proxy.registered or registered
        await self._refresh_identities([connection.node_id])
        self._generate_and_set(connection.node_id)
        asyncio.get_running_loop().call_later(0.2, self._flush_now.set)

    def _apply_local(self, obj: ResourceObject) -> None:
        """Apply our own write at once (its change event follows and is a no-op for generation)."""
        affected = self._apply(obj.key, obj)
        if affected:
            task = asyncio.get_running_loop().create_task(self._regenerate(affected))
            self._tasks.append(task)
            task.add_done_callback(lambda t: self._tasks.remove(t) if t in self._tasks else None)

    async def _register(self, proxy_id: ProxyId, document: Mapping[str, Any]) -> ResourceObject:
        """Create or update the Dataplane a proxy brought (Kuma's DataplaneLifecycle.register)."""
        doc = dict(document)
        doc.setdefault("type", DATAPLANE)
        result = validate_document(doc, self.registry)
        if result.violations:
            details = "; ".join(f"{v.field}: {v.message}" for v in result.violations)
            raise XdsStreamRejected(f"invalid Dataplane: {details}", grpc.StatusCode.INVALID_ARGUMENT)
        mesh, name = str(doc.get("mesh") or ""), str(doc.get("name") or "")
        if (mesh, name) != (proxy_id.mesh, proxy_id.name):
            raise XdsStreamRejected(
                f"proxyId {proxy_id} does not match proxy resource {mesh}.{name}",
                grpc.StatusCode.INVALID_ARGUMENT,
            )
        kind = self.registry.by_name(DATAPLANE)
        labels = dict(doc.get("labels") or {})
        problems = request_label_violations(kind, labels, mesh, self.options.zone)
        if problems:
            details = "; ".join(f"{v.field}: {v.message}" for v in problems)
            raise XdsStreamRejected(f"invalid Dataplane labels: {details}", grpc.StatusCode.INVALID_ARGUMENT)
        if await self.store.get(MESH, "", mesh) is None:
            raise XdsStreamRejected(f'mesh "{mesh}" does not exist', grpc.StatusCode.NOT_FOUND)
        labels = compute_labels(kind, labels, mesh, name, self.options.zone)
        spec = result.to_object().spec
        for _ in range(5):
            existing = await self.store.get(DATAPLANE, mesh, name)
            timestamp = now()
            try:
                if existing is None:
                    obj = ResourceObject(DATAPLANE, name, mesh, labels, spec, None, timestamp, timestamp)
                    stored = await self.store.create(obj)
                elif existing.spec == spec and existing.labels == labels:
                    stored = existing
                else:
                    updated = existing.evolve(labels=labels, spec=spec, modification_time=timestamp)
                    stored = await self.store.update(updated, existing.version)
            except (AlreadyExists, Conflict, NotFound):
                continue
            log.info("registered Dataplane %s/%s", mesh, name)
            return stored
        raise XdsStreamRejected(f"could not register {proxy_id}: it keeps changing", grpc.StatusCode.ABORTED)

    async def _on_disconnect(self, connection: ProxyConnection) -> None:
        """``deregistration_delay`` after the proxy's last stream here closed."""
        node_id = connection.node_id
        proxy = self._proxies.pop(node_id, None)
        if proxy is not None:
            self._index_dependencies_clear(node_id, proxy)
        self.identities.forget(node_id)
        self.cache.clear_snapshot(node_id)
        mesh, name = connection.proxy_id.mesh, connection.proxy_id.name
        elsewhere = await self._connected_elsewhere(mesh, name)
        if proxy is not None and proxy.registered and not elsewhere:
            with contextlib.suppress(NotFound):
                await self.store.delete(DATAPLANE, mesh, name)
                log.info("deregistered Dataplane %s/%s", mesh, name)
            with contextlib.suppress(NotFound):
                await self.store.delete(INSIGHT, mesh, name)
            self._written_insights.pop(node_id, None)
            self.server.status.forget(node_id)
            return
        if not elsewhere:
            await self._write_insight(node_id)
        self.server.status.forget(node_id)

    def _index_dependencies_clear(self, node_id: str, proxy: _Proxy) -> None:
        for dependency in proxy.dependencies:
            holders = self._index.get((proxy.proxy_id.mesh, dependency))
            if holders is not None:
                holders.discard(node_id)
                if not holders:
                    del self._index[(proxy.proxy_id.mesh, dependency)]

    async def _connected_elsewhere(self, mesh: str, name: str) -> bool:
        """Whether the proxy's latest stream is open on another replica (from the stored insight)."""
        insight = await self.store.get(INSIGHT, mesh, name)
        subscriptions = insight.spec.get("subscriptions") if insight is not None else None
        if not isinstance(subscriptions, list) or not subscriptions:
            return False
        latest = subscriptions[-1]
        return (
            isinstance(latest, dict)
            and latest.get("controlPlaneInstanceId") != self.instance_id
            and "disconnectTime" not in latest
        )

    # --- insights ---------------------------------------------------------------------------------

    def subscription(self, status: ProxyStatus) -> dict[str, Any]:
        """Kuma's ``DiscoverySubscription`` of a proxy's latest stream here, with the ACKed and
        NACKed version and Envoy's NACK message of every type (extension fields)."""
        subscription = status.discovery_subscription()
        subscription_status = subscription.setdefault("status", {})
        for key, type_url in (
            ("cds", "Cluster"),
            ("eds", "ClusterLoadAssignment"),
            ("lds", "Listener"),
            ("rds", "RouteConfiguration"),
        ):
            entry = next((t for u, t in status.types.items() if u.endswith("." + type_url)), None)
            if entry is None:
                continue
            extra = subscription_status.setdefault(key, {})
            if entry.acked_version is not None:
                extra["lastAckedVersion"] = entry.acked_version
            if entry.nacked_version is not None:
                extra["lastNackedVersion"] = entry.nacked_version
                extra["lastNackError"] = entry.nack_error or ""
        snapshot = self.cache.get_snapshot(status.node_id)
        if snapshot is not None:
            subscription["configVersion"] = snapshot.version
        if status.acked_snapshot_version is not None:
            subscription["ackedConfigVersion"] = status.acked_snapshot_version
        subscription["inSync"] = status.in_sync
        return subscription

    async def _insight_loop(self) -> None:
        while True:
            await wait_event(self._flush_now, self.options.insight_flush_interval)
            self._flush_now.clear()
            for node_id in list(self._proxies):
                try:
                    await self._write_insight(node_id)
                except Exception:
                    log.exception("writing the insight of %s failed", node_id)

    async def _write_insight(self, node_id: str) -> None:
        status = self.server.proxy_status(node_id)
        if status is None:
            return
        subscription = self.subscription(status)
        mtls = self.identities.insight(node_id)
        written = (subscription, mtls)
        if self._written_insights.get(node_id) == written:
            return
        mesh, name = status.mesh, status.name
        for _ in range(5):
            existing = await self.store.get(INSIGHT, mesh, name)
            subscriptions = list(existing.spec.get("subscriptions") or []) if existing is not None else []
            subscriptions = [
                s
                for s in subscriptions
                if not (
                    s.get("id") == subscription["id"] and s.get("controlPlaneInstanceId") == self.instance_id
                )
            ]
            subscriptions = [*subscriptions, subscription][-MAX_SUBSCRIPTIONS:]
            spec: dict[str, Any] = {"subscriptions": subscriptions}
            if mtls is not None:
                spec["mTLS"] = mtls
            timestamp = now()
            try:
                if existing is None:
                    if await self.store.get(MESH, "", mesh) is None:
                        return
                    await self.store.create(
                        ResourceObject(
                            INSIGHT,
                            name,
                            mesh,
                            {},
                            spec,
                            None,
                            timestamp,
                            timestamp,
                        )
                    )
                else:
                    await self.store.update(
                        existing.evolve(spec=spec, modification_time=timestamp),
                        existing.version,
                    )
            except (AlreadyExists, Conflict, NotFound):
                continue
            self._written_insights[node_id] = written
            return

    async def insight(self, mesh: str, name: str) -> dict[str, Any]:
        """``dataplaneInsight``: this replica's live view of a connected proxy, else the stored one."""
        status = self.server.proxy_status(f"{mesh}.{name}")
        stored = await self.store.get(INSIGHT, mesh, name)
        subscriptions: list[Any] = list(stored.spec.get("subscriptions") or []) if stored is not None else []
        if status is not None:
            live = self.subscription(status)
            subscriptions = [
                s
                for s in subscriptions
                if not (s.get("id") == live["id"] and s.get("controlPlaneInstanceId") == self.instance_id)
            ]
            subscriptions.append(live)
            subscriptions.sort(key=lambda s: str(s.get("connectTime", "")))
        insight: dict[str, Any] = {"subscriptions": subscriptions[-MAX_SUBSCRIPTIONS:]}
        mtls = self.identities.insight(f"{mesh}.{name}") if status is not None else None
        if mtls is None and stored is not None and isinstance(stored.spec.get("mTLS"), dict):
            mtls = stored.spec["mTLS"]
        if mtls is not None:
            insight["mTLS"] = mtls
        return insight

    # --- REST routes ------------------------------------------------------------------------------

    def routes(self) -> list[BaseRoute]:
        """The routes to mount in the API app (bootstrap, dataplane tokens, overview, config)."""
        return [
            *bootstrap_routes(
                xds_address=lambda: (None, self.server.port or self.options.xds_port),
                check_token=self._check_bootstrap_token,
                find_dataplane=self._find_dataplane,
                mesh_exists=self._mesh_exists,
            ),
            Route("/tokens/dataplane", _guarded(self._issue_token), methods=["POST"]),
            Route("/meshes/{mesh}/dataplanes/{name}/_overview", _guarded(self._overview), methods=["GET"]),
            Route("/meshes/{mesh}/dataplanes/{name}/_config", _guarded(self._config), methods=["GET"]),
        ]

    def set_api_auth(self, api_context: ApiContext) -> None:
        """Authenticate REST callers as the API does (loopback admin, user tokens)."""
        self._api_auth = api_context

    async def _check_bootstrap_token(
        self, token: str, proxy_id: ProxyId, dataplane: Mapping[str, Any] | None
    ) -> None:
        if self.options.dp_auth == DP_AUTH_NONE:
            return
        if not token:
            raise BootstrapRejected(DP_TOKEN_REQUIRED, 422)
        if dataplane is not None:
            labels = dataplane.get("labels")
            dp_labels = dict(labels) if isinstance(labels, dict) else {}
        else:
            stored = await self.store.get(DATAPLANE, proxy_id.mesh, proxy_id.name)
            dp_labels = dict(stored.labels) if stored is not None else {}
        try:
            await self._check_token(token.strip(), proxy_id.mesh, proxy_id.name, dp_labels)
        except InvalidDataplaneToken as exc:
            raise BootstrapRejected(f"invalid dataplane token: {exc}", 401) from exc

    async def _find_dataplane(self, mesh: str, name: str) -> Mapping[str, Any] | None:
        stored = await self.store.get(DATAPLANE, mesh, name)
        return to_rest(self.registry.by_name(DATAPLANE), stored) if stored is not None else None

    async def _mesh_exists(self, mesh: str) -> bool:
        return await self.store.get(MESH, "", mesh) is not None

    async def _require_admin(self, request: Request) -> None:
        auth = self._api_auth or ApiContext(
            store=self.store,
            registry=self.registry,
            tokens=UserTokens(self.store),
            localhost_admin=self.options.localhost_admin,
        )
        self._api_auth = auth
        user = await auth.authenticate(request)
        if not user.is_admin:
            raise AccessDenied("action not allowed")

    async def _issue_token(self, request: Request) -> Response:
        """``POST /tokens/dataplane`` (admin): ``{name, mesh, tags, type, workload, validFor}`` → JWT."""
        await self._require_admin(request)
        try:
            body = parse_json(await read_body(request))
        except BodyError as exc:
            raise bad_request(f"invalid dataplane token request: {exc}") from None
        if not isinstance(body, dict):
            raise bad_request("invalid dataplane token request: the body must be a JSON object")
        violations: list[Violation] = []
        mesh = body.get("mesh")
        if not isinstance(mesh, str) or not mesh:
            violations.append(Violation("mesh", "cannot be empty"))
        valid_for = DEFAULT_TOKEN_VALIDITY
        text = body.get("validFor")
        if text:
            try:
                nanoseconds = parse_duration(str(text))
            except InvalidDuration as exc:
                violations.append(Violation("validFor", f"is invalid: {exc}"))
            else:
                if nanoseconds <= 0:
                    violations.append(Violation("validFor", "must be longer than zero"))
                valid_for = timedelta(microseconds=nanoseconds // 1000)
        proxy_type = body.get("type") or ""
        if proxy_type not in ("", "dataplane"):
            violations.append(Violation("type", f"{proxy_type} is not a valid proxy type"))
        tags = body.get("tags") or {}
        if not isinstance(tags, dict) or not all(isinstance(v, list) for v in tags.values()):
            violations.append(Violation("tags", "must map tag names to lists of values"))
        if violations:
            raise invalid("Invalid request", violations)
        assert isinstance(mesh, str)
        if await self.store.get(MESH, "", mesh) is None:
            raise ApiError(
                400, TOKEN_TITLE, "Mesh is not found", [Violation("mesh", f'mesh "{mesh}" does not exist')]
            )
        identity = DataplaneIdentity(
            mesh=mesh,
            name=str(body.get("name") or ""),
            workload=str(body.get("workload") or ""),
            tags={str(k): tuple(str(x) for x in v) for k, v in tags.items()},
            type=str(proxy_type),
        )
        token = await self.tokens.issue(identity, valid_for)
        return Response(token, media_type="text/plain")

    async def _dataplane(self, request: Request) -> ResourceObject:
        mesh, name = request.path_params["mesh"], request.path_params["name"]
        if await self.store.get(MESH, "", mesh) is None:
            raise not_found("Failed to retrieve Mesh")
        stored = await self.store.get(DATAPLANE, mesh, name)
        if stored is None:
            raise not_found("Could not retrieve a resource")
        return stored

    async def _overview(self, request: Request) -> Response:
        """``GET .../dataplanes/{name}/_overview``: Kuma's DataplaneOverview."""
        stored = await self._dataplane(request)
        rest = to_rest(self.registry.by_name(DATAPLANE), stored)
        body: dict[str, Any] = {
            "type": "DataplaneOverview",
            "mesh": stored.mesh,
            "name": stored.name,
            "creationTime": format_time(stored.creation_time),
            "modificationTime": format_time(stored.modification_time),
        }
        if stored.labels:
            body["labels"] = dict(sorted(stored.labels.items()))
        if "kri" in rest:
            body["kri"] = rest["kri"]
        body["dataplane"] = {"networking": stored.spec.get("networking") or {}}
        body["dataplaneInsight"] = await self.insight(stored.mesh or "", stored.name)
        return json_response(body)

    async def _config(self, request: Request) -> Response:
        """``GET .../dataplanes/{name}/_config[?shadow=true&include=diff]``: ``{xds: {type URL: {name:
        resource}}}`` generated now; with ``shadow=true`` shadow policies apply, and ``include=diff``
        adds the JSON patch from the config the proxy runs to that one."""
        shadow = _flag(request, "shadow", ("true", "false"))
        include = _flag(request, "include", ("diff",))
        stored = await self._dataplane(request)
        mesh = stored.mesh or ""
        if self.state.dataplane(mesh, stored.name) is None:
            self._apply(stored.key, stored)
        resources = self.generate_resources(mesh, stored.name, include_shadow=shadow == "true")
        if resources is None:
            raise not_found("Could not retrieve a resource")
        xds = self._render(resources)
        if include != "diff":
            return json_response({"xds": xds})
        current = self.generate_resources(mesh, stored.name)
        assert current is not None
        return json_response({"diff": json_diff(self._render(current), xds), "xds": xds})

    def _render(self, resources: ProxyResources) -> dict[str, dict[str, Any]]:
        xds: dict[str, dict[str, Any]] = {}
        for type_url, entries in resources.by_type().items():
            rendered: dict[str, Any] = {}
            for entry in entries:
                prepared = entry.prepared
                converted = (
                    prepared if isinstance(prepared, Resource) else self.cache.resource(type_url, entry.view)
                )
                body = json_format.MessageToDict(converted.message)
                rendered[entry.name] = _redact_secret(body) if type_url == SECRET else body
            xds[type_url] = rendered
        return xds


REDACTED = "[redacted]"


def _redact_secret(secret: dict[str, Any]) -> dict[str, Any]:
    """An SDS secret without its private key: config views show which certificate, never the key."""
    certificate = secret.get("tlsCertificate")
    if isinstance(certificate, dict) and "privateKey" in certificate:
        certificate["privateKey"] = {"inlineString": REDACTED}
    return secret


def _flag(request: Request, name: str, allowed: tuple[str, ...]) -> str | None:
    value = request.query_params.get(name)
    if value is not None and value not in allowed:
        raise ApiError(400, "Bad Request", f"bad request: unsupported value for query parameter '{name}'")
    return value


def _pointer(path: tuple[str, ...]) -> str:
    return "".join("/" + part.replace("~", "~0").replace("/", "~1") for part in path)


def json_diff(old: Any, new: Any, path: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """An invertible JSON patch from ``old`` to ``new``: a changed value is tested, removed and
    added again (as Kuma's ``include=diff`` shows it)."""
    if isinstance(old, dict) and isinstance(new, dict):
        ops: list[dict[str, Any]] = []
        for key, value in old.items():
            if key not in new:
                where = _pointer((*path, key))
                ops += [
                    {"op": "test", "path": where, "value": value},
                    {"op": "remove", "path": where, "value": value},
                ]
        for key, value in new.items():
            if key in old:
                ops += json_diff(old[key], value, (*path, key))
            else:
                ops.append({"op": "add", "path": _pointer((*path, key)), "value": value})
        return ops
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [
            op
            for i, (a, b) in enumerate(zip(old, new, strict=True))
            for op in json_diff(a, b, (*path, str(i)))
        ]
    if old == new:
        return []
    where = _pointer(path)
    return [
        {"op": "test", "path": where, "value": old},
        {"op": "remove", "path": where, "value": old},
        {"op": "add", "path": where, "value": new},
    ]


DEFAULT_TOKEN_VALIDITY = timedelta(days=365 * 10)


def _guarded(handler: Any) -> Any:
    """Every failure as Kuma's error document (the API app's routes do the same)."""

    async def guarded(request: Request) -> Response:
        """The handler's response, or Kuma's error document."""
        try:
            response: Response = await handler(request)
            return response
        except ApiError as exc:
            return error_response(exc)
        except AccessDenied as exc:
            return error_response(ApiError(403, "Access Denied", exc.reason))
        except Exception:
            log.exception("%s %s failed", request.method, request.url.path)
            return error_response(ApiError(500, "Internal Server Error", "Internal Server Error"))

    return guarded


def install(cp: ControlPlane, options: DistributionOptions) -> ConfigDistribution:
    """Add config distribution, its routes and the MeshService and Workload generators to a control plane."""
    from pulumi_kuma.controlplane.ca.reconcile import IdentityReconciler
    from pulumi_kuma.controlplane.generate.meshservices import MeshServiceGenerator
    from pulumi_kuma.controlplane.generate.workloads import WorkloadGenerator

    instance_id = f"{socket.gethostname()}-{os.getpid()}"
    distribution = ConfigDistribution(cp.store, cp.registry, options, instance_id=instance_id)
    distribution.set_api_auth(
        ApiContext(
            store=cp.store, registry=cp.registry, tokens=cp.tokens, localhost_admin=options.localhost_admin
        )
    )
    cp.add_component(distribution)
    cp.add_component(MeshServiceGenerator(cp.store, cp.registry, zone=options.zone))
    cp.add_component(WorkloadGenerator(cp.store, zone=options.zone))
    cp.add_component(IdentityReconciler(cp.store, zone=options.zone))
    cp.api_routes.extend(distribution.routes())
    return distribution
