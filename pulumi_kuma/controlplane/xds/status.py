"""Per-proxy xDS status: connection, what was sent, ACKed and NACKed per type.

The server writes it from its event loop; the REST API reads immutable :class:`ProxyStatus`
views (safe from any thread). Status outlives the stream, so an offline proxy still shows the
config it last ACKed, until :meth:`StatusRegistry.forget`.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any

from pulumi_kuma.controlplane.xds.node import ProxyId
from pulumi_kuma.controlplane.xds.resource_types import CLUSTER, ENDPOINT, LISTENER, ROUTE, push_rank


@dataclass(frozen=True, slots=True)
class TypeStatus:
    """What happened to one resource type of one proxy."""

    type_url: str
    sent_version: str | None = None
    sent_at: datetime | None = None
    acked_version: str | None = None
    acked_at: datetime | None = None
    nacked_version: str | None = None
    nacked_at: datetime | None = None
    nack_error: str | None = None
    """Envoy's ``error_detail.message`` of the last NACK."""
    responses_sent: int = 0
    acks: int = 0
    nacks: int = 0


@dataclass(frozen=True, slots=True)
class ProxyStatus:
    """A read-only view of one proxy's xDS status."""

    node_id: str
    mesh: str
    name: str
    connected: bool
    protocol: str | None
    """``"delta"`` or ``"sotw"`` for the latest stream."""
    connected_at: datetime | None
    disconnected_at: datetime | None
    active_streams: int
    types: Mapping[str, TypeStatus]
    in_sync: bool
    """The proxy has asked for clusters and listeners, and every type it subscribed to is ACKed
    at its current snapshot with nothing in flight or waiting to be retried."""
    acked_snapshot_version: str | None
    """The snapshot version the proxy last ACKed completely."""
    last_delivery_seconds: float | None
    """From a snapshot being set to its complete ACK (Kuma's ``xds_delivery``)."""
    peer: str | None = None
    stream_id: int | None = None
    """The id of the latest stream (Kuma's subscription id)."""
    control_plane_id: str | None = None
    version: Mapping[str, Any] | None = None
    """Node metadata ``version`` (``kumaDp``, ``envoy``), as the agent reported it."""
    last_update_at: datetime | None = None
    """The last send, ACK or NACK."""

    def discovery_subscription(self) -> dict[str, Any]:
        """Kuma's ``DiscoverySubscription`` JSON for this proxy's latest stream (the item the
        REST API lists under ``dataplaneInsight.subscriptions``): protojson, so counters are
        strings and zero values are left out."""

        def stats(entries: list[TypeStatus]) -> dict[str, str]:
            totals = {
                "responsesSent": sum(e.responses_sent for e in entries),
                "responsesAcknowledged": sum(e.acks for e in entries),
                "responsesRejected": sum(e.nacks for e in entries),
            }
            return {key: str(value) for key, value in totals.items() if value}

        status: dict[str, Any] = {}
        if self.last_update_at is not None:
            status["lastUpdateTime"] = _timestamp(self.last_update_at)
        total = stats(list(self.types.values()))
        if total:
            status["total"] = total
        for key, type_url in _SUBSCRIPTION_TYPES:
            entry = self.types.get(type_url)
            counted = stats([entry]) if entry is not None else {}
            if counted:
                status[key] = counted
        subscription: dict[str, Any] = {
            "id": str(self.stream_id or ""),
            "controlPlaneInstanceId": self.control_plane_id or "",
        }
        if self.connected_at is not None:
            subscription["connectTime"] = _timestamp(self.connected_at)
        if self.disconnected_at is not None:
            subscription["disconnectTime"] = _timestamp(self.disconnected_at)
        subscription["status"] = status
        if self.version:
            subscription["version"] = dict(self.version)
        return subscription


_SUBSCRIPTION_TYPES = (("cds", CLUSTER), ("eds", ENDPOINT), ("lds", LISTENER), ("rds", ROUTE))


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class _TypeRecord:
    type_url: str
    sent_version: str | None = None
    sent_at: datetime | None = None
    acked_version: str | None = None
    acked_at: datetime | None = None
    nacked_version: str | None = None
    nacked_at: datetime | None = None
    nack_error: str | None = None
    responses_sent: int = 0
    acks: int = 0
    nacks: int = 0

    def view(self) -> TypeStatus:
        return TypeStatus(
            self.type_url,
            self.sent_version,
            self.sent_at,
            self.acked_version,
            self.acked_at,
            self.nacked_version,
            self.nacked_at,
            self.nack_error,
            self.responses_sent,
            self.acks,
            self.nacks,
        )


@dataclass(slots=True)
class _ProxyRecord:
    proxy_id: ProxyId
    protocol: str | None = None
    connected_at: datetime | None = None
    disconnected_at: datetime | None = None
    active_streams: int = 0
    types: dict[str, _TypeRecord] = field(default_factory=dict)
    in_sync: bool = False
    acked_snapshot_version: str | None = None
    last_delivery_seconds: float | None = None
    peer: str | None = None
    stream_id: int | None = None
    control_plane_id: str | None = None
    version: dict[str, Any] | None = None
    last_update_at: datetime | None = None

    def type(self, type_url: str) -> _TypeRecord:
        record = self.types.get(type_url)
        if record is None:
            record = self.types[type_url] = _TypeRecord(type_url)
        return record

    def view(self) -> ProxyStatus:
        types = {t: self.types[t].view() for t in sorted(self.types, key=push_rank)}
        return ProxyStatus(
            node_id=str(self.proxy_id),
            mesh=self.proxy_id.mesh,
            name=self.proxy_id.name,
            connected=self.active_streams > 0,
            protocol=self.protocol,
            connected_at=self.connected_at,
            disconnected_at=self.disconnected_at,
            active_streams=self.active_streams,
            types=MappingProxyType(types),
            in_sync=self.in_sync,
            acked_snapshot_version=self.acked_snapshot_version,
            last_delivery_seconds=self.last_delivery_seconds,
            peer=self.peer,
            stream_id=self.stream_id,
            control_plane_id=self.control_plane_id,
            version=MappingProxyType(self.version) if self.version is not None else None,
            last_update_at=self.last_update_at,
        )


StatusPredicate = Callable[[ProxyStatus], bool]


class StatusRegistry:
    """Mutable per-proxy records behind a lock, plus waiters for status conditions."""

    def __init__(self) -> None:
        self._records: dict[str, _ProxyRecord] = {}
        self._lock = threading.Lock()
        self._waiters: dict[str, list[tuple[StatusPredicate, asyncio.Future[ProxyStatus]]]] = {}

    # -- reading -------------------------------------------------------------------------------
    def get(self, node_id: str) -> ProxyStatus | None:
        """The status of one proxy (connected or not), if it ever connected."""
        with self._lock:
            record = self._records.get(node_id)
            return record.view() if record is not None else None

    def all(self) -> list[ProxyStatus]:
        """Every known proxy's status, by node id."""
        with self._lock:
            return [self._records[n].view() for n in sorted(self._records)]

    def forget(self, node_id: str) -> bool:
        """Drop a disconnected proxy's status (e.g. once its Dataplane is deregistered)."""
        with self._lock:
            record = self._records.get(node_id)
            if record is None or record.active_streams > 0:
                return False
            del self._records[node_id]
            return True

    async def wait_for(self, node_id: str, predicate: StatusPredicate, timeout: float) -> ProxyStatus:
        """Wait (on the server's loop) until ``predicate(status)`` holds; ``TimeoutError`` if not."""
        current = self.get(node_id)
        if current is not None and predicate(current):
            return current
        future: asyncio.Future[ProxyStatus] = asyncio.get_running_loop().create_future()
        entry = (predicate, future)
        self._waiters.setdefault(node_id, []).append(entry)
        try:
            return await asyncio.wait_for(future, timeout)
        finally:
            waiters = self._waiters.get(node_id)
            if waiters and entry in waiters:
                waiters.remove(entry)
                if not waiters:
                    del self._waiters[node_id]

    # -- writing (server's event loop) ---------------------------------------------------------
    def _changed(self, node_id: str, record: _ProxyRecord) -> None:
        waiters = self._waiters.get(node_id)
        if not waiters:
            return
        view = record.view()
        for predicate, future in list(waiters):
            if not future.done() and predicate(view):
                future.set_result(view)

    def stream_opened(
        self,
        proxy_id: ProxyId,
        protocol: str,
        peer: str | None,
        *,
        stream_id: int | None = None,
        control_plane_id: str | None = None,
        version: dict[str, Any] | None = None,
    ) -> None:
        """A stream for the proxy passed authentication."""
        node_id = str(proxy_id)
        with self._lock:
            record = self._records.get(node_id)
            if record is None:
                record = self._records[node_id] = _ProxyRecord(proxy_id)
            if record.active_streams == 0:
                # A new connection: the previous stream's per-type state does not carry over.
                record.types.clear()
                record.in_sync = False
            record.active_streams += 1
            record.protocol = protocol
            record.peer = peer
            record.stream_id = stream_id
            record.control_plane_id = control_plane_id
            record.version = version
            record.connected_at = _now()
            record.disconnected_at = None
        self._changed(node_id, record)

    def stream_closed(self, proxy_id: ProxyId) -> int:
        """A stream ended; returns how many streams the proxy still has."""
        node_id = str(proxy_id)
        with self._lock:
            record = self._records[node_id]
            record.active_streams -= 1
            if record.active_streams == 0:
                record.disconnected_at = _now()
                record.in_sync = False
            remaining = record.active_streams
        self._changed(node_id, record)
        return remaining

    def sent(self, proxy_id: ProxyId, type_url: str, version: str) -> None:
        """A response of ``type_url`` at ``version`` went out."""
        with self._lock:
            record = self._records[str(proxy_id)]
            entry = record.type(type_url)
            entry.sent_version = version
            entry.sent_at = record.last_update_at = _now()
            entry.responses_sent += 1
            record.in_sync = False
        self._changed(str(proxy_id), record)

    def acked(self, proxy_id: ProxyId, type_url: str, version: str) -> None:
        """Envoy accepted the response of ``type_url`` at ``version``."""
        node_id = str(proxy_id)
        with self._lock:
            record = self._records[node_id]
            entry = record.type(type_url)
            entry.acked_version = version
            entry.acked_at = record.last_update_at = _now()
            entry.acks += 1
        self._changed(node_id, record)

    def nacked(self, proxy_id: ProxyId, type_url: str, version: str, error: str) -> None:
        """Envoy rejected the response of ``type_url`` at ``version`` with ``error``."""
        node_id = str(proxy_id)
        with self._lock:
            record = self._records[node_id]
            entry = record.type(type_url)
            entry.nacked_version = version
            entry.nacked_at = record.last_update_at = _now()
            entry.nack_error = error
            entry.nacks += 1
        self._changed(node_id, record)

    def synced(
        self, proxy_id: ProxyId, in_sync: bool, snapshot_version: str | None, delivery: float | None
    ) -> None:
        """The stream finished a round: whether everything is ACKed, and at which snapshot."""
        node_id = str(proxy_id)
        with self._lock:
            record = self._records[node_id]
            if record.in_sync == in_sync and (
                not in_sync or record.acked_snapshot_version == snapshot_version
            ):
                return
            record.in_sync = in_sync
            if in_sync:
                record.acked_snapshot_version = snapshot_version
                if delivery is not None:
                    record.last_delivery_seconds = delivery
        self._changed(node_id, record)
