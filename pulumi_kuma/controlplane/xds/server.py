"""The ADS server: serves snapshots to Envoy over gRPC and records every ACK and NACK.

This is the "serving" half of the go-control-plane split: it knows streams, nonces and versions,
never policies. Both aggregated protocols are served on one ``grpc.aio`` server:

* ``DeltaAggregatedResources`` (incremental; what Kuma 3.0 bootstraps use), and
* ``StreamAggregatedResources`` (state of the world).

Behaviour that Envoy depends on (see ``kuma-api-and-xds.md`` §6):

* responses go out in push order CDS → EDS → LDS → RDS → SDS, and a listener change is held back
  while a cluster change is still waiting to be sent, so a listener never routes to a cluster
  Envoy has not been sent yet;
* the first request of every type is answered, even with nothing, once the proxy has a snapshot
  (Envoy would otherwise wait for its initial fetch timeout); so is every (re)subscription;
* at most one response per type is in flight; a state-of-the-world request whose nonce is not the
  latest one is stale and ignored, and the name set on the next current request decides whether
  to resend;
* after a NACK the proxy keeps its last good config, the server records Envoy's error, waits
  ``nack_backoff`` (Kuma: 5 s) and sends the type again (current snapshot);
* setting a snapshot wakes the proxy's stream at once (no polling).

Streams identify proxies by ``node.id`` = ``<mesh>.<name>``. Hooks let the control plane
authenticate a stream (the ``authorization`` metadata carries the dataplane token), register the
Dataplane from node metadata on connect, and deregister it ``deregistration_delay`` after the last
stream of a proxy closed (Kuma's DataplaneLifecycle; not when the server itself shuts down).
"""

from __future__ import annotations

import asyncio
import inspect
import itertools
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import grpc
from envoy.config.core.v3 import base_pb2
from envoy.service.discovery.v3 import ads_pb2_grpc, discovery_pb2

from pulumi_kuma.controlplane.xds.cache import Snapshot, SnapshotCache
from pulumi_kuma.controlplane.xds.node import ProxyId, ProxyIdError, dataplane_from_metadata, metadata_dict
from pulumi_kuma.controlplane.xds.resource_types import (
    CLUSTER,
    LISTENER,
    WILDCARD_TYPES,
    push_rank,
    short_name,
)
from pulumi_kuma.controlplane.xds.status import ProxyStatus, StatusPredicate, StatusRegistry

log = logging.getLogger("pulumi_kuma.xds")

DELTA = "delta"
SOTW = "sotw"

DEFAULT_NACK_BACKOFF = 5.0
DEFAULT_DEREGISTRATION_DELAY = 10.0
DEFAULT_CONTROL_PLANE_ID = "pulumi-kuma"

# gRPC cancels new calls once about 1,000 wait for the application; a control plane restart makes
# every proxy reconnect at once, so let the burst queue instead (measured: 2,000 simulated proxies
# connecting together lost ~8% of their streams with gRPC's defaults).
DEFAULT_GRPC_OPTIONS: tuple[tuple[str, Any], ...] = (
    ("grpc.server.max_pending_requests", 20_000),
    ("grpc.server.max_pending_requests_hard_limit", 40_000),
)


class XdsStreamRejected(Exception):
    """Raised by a hook to end a stream with a gRPC status (default ``UNAUTHENTICATED``)."""

    def __init__(self, message: str, code: grpc.StatusCode = grpc.StatusCode.UNAUTHENTICATED) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True, slots=True)
class ProxyConnection:
    """What a hook learns about a stream: who, with which token, and which Dataplane."""

    proxy_id: ProxyId
    protocol: str
    """``"delta"`` or ``"sotw"``."""
    token: str | None
    """The ``authorization`` gRPC metadata (the dataplane token), if sent."""
    dataplane: dict[str, Any] | None
    """The Dataplane from node metadata ``dataplane.resource`` (universal JSON), if sent."""
    metadata: dict[str, Any]
    """Envoy's whole ``node.metadata``."""
    peer: str
    stream_id: int

    @property
    def node_id(self) -> str:
        """``<mesh>.<name>``."""
        return str(self.proxy_id)


Hook = Callable[[ProxyConnection], Awaitable[None] | None]
"""A hook may be a plain function or a coroutine function; raising :class:`XdsStreamRejected`
from ``authenticate`` or ``on_connect`` ends the stream with that status."""


async def _call_hook(hook: Hook, connection: ProxyConnection) -> None:
    result = hook(connection)
    if inspect.isawaitable(result):
        await result


@dataclass(slots=True)
class _InFlight:
    nonce: str
    version: str
    previous_known: dict[str, str | None] = field(default_factory=dict)


class _TypeState:
    """One type on one stream: subscription, what Envoy holds, and the response in flight."""

    __slots__ = (
        "dirty",
        "first_request_pending",
        "in_flight",
        "known",
        "last_nonce",
        "names",
        "requested",
        "resend",
        "retry_at",
        "sent_names",
        "sent_version",
        "type_url",
        "wildcard",
    )

    def __init__(self, type_url: str) -> None:
        self.type_url = type_url
        self.requested = False
        self.first_request_pending = False
        self.dirty = True
        self.wildcard = False
        self.names: set[str] = set()
        # Delta: name -> version Envoy holds; "" means Envoy was told the resource does not exist.
        self.known: dict[str, str] = {}
        # State of the world: the last response sent.
        self.sent_version: str | None = None
        self.sent_names: frozenset[str] | None = None
        self.resend = False
        self.last_nonce = ""
        self.in_flight: _InFlight | None = None
        self.retry_at: float | None = None


class _StreamClosed(Exception):
    def __init__(self, code: grpc.StatusCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class _Stream:
    """One ADS stream: a reader task applies requests, the handler coroutine writes responses."""

    protocol = ""

    def __init__(
        self, server: XdsServer, context: grpc.aio.ServicerContext[Any, Any], stream_id: int
    ) -> None:
        self.server = server
        self.context = context
        self.stream_id = stream_id
        self.loop = asyncio.get_running_loop()
        self.wake = asyncio.Event()
        self.proxy_id: ProxyId | None = None
        self.node_id = ""
        self.connection: ProxyConnection | None = None
        self.snapshot: Snapshot | None = None
        self.types: dict[str, _TypeState] = {}
        self.failure: _StreamClosed | None = None
        self.nonces = itertools.count(1)
        self._unwatch: Callable[[], None] | None = None
        self._recorded_delivery: str | None = None
        self._in_sync = False

    # -- lifecycle -----------------------------------------------------------------------------
    async def run(self, requests: AsyncIterator[Any]) -> None:
        reader = asyncio.create_task(self._read(requests))
        try:
            while True:
                await self.wake.wait()
                self.wake.clear()
                if self.failure is not None:
                    await self.context.abort(self.failure.code, self.failure.message)
                for response in self._responses():
                    await self.context.write(response)
                self._report_sync()
                if reader.done():
                    return
        finally:
            reader.cancel()
            if self._unwatch is not None:
                self._unwatch()
            if self.connection is not None:
                self.server._stream_closed(self)

    async def _read(self, requests: AsyncIterator[Any]) -> None:
        try:
            async for request in requests:
                if self.proxy_id is None:
                    await self._start(request)
                elif request.node.id and request.node.id != self.node_id:
                    raise _StreamClosed(
                        grpc.StatusCode.INVALID_ARGUMENT,
                        f"stream was authenticated for ID {self.node_id}. Received request is for node with "
                        f"ID {request.node.id}. Node ID cannot be changed after stream is initialized",
                    )
                self._apply(request)
                self.wake.set()
        except _StreamClosed as exc:
            self.failure = exc
        except XdsStreamRejected as exc:
            self.failure = _StreamClosed(exc.code, exc.message)
        except asyncio.CancelledError:
            raise
        except grpc.RpcError:
            pass  # the client went away; the handler returns below
        except Exception as exc:
            log.exception("xDS stream %s (%s) failed", self.stream_id, self.node_id or "unknown node")
            self.failure = _StreamClosed(grpc.StatusCode.INTERNAL, f"internal error: {exc}")
        finally:
            self.wake.set()

    async def _start(self, request: Any) -> None:
        if not request.HasField("node") or not request.node.id:
            raise _StreamClosed(grpc.StatusCode.INVALID_ARGUMENT, "the first request must carry node.id")
        try:
            proxy_id = ProxyId.parse(request.node.id)
        except ProxyIdError as exc:
            raise _StreamClosed(
                grpc.StatusCode.INVALID_ARGUMENT, f"request must have a valid Proxy ID: {exc}"
            ) from exc
        metadata = metadata_dict(request.node.metadata)
        try:
            dataplane = dataplane_from_metadata(metadata)
        except ValueError as exc:
            raise _StreamClosed(grpc.StatusCode.INVALID_ARGUMENT, str(exc)) from exc
        token = None
        for key, value in self.context.invocation_metadata() or ():
            if key == "authorization":
                token = value if isinstance(value, str) else value.decode()
        connection = ProxyConnection(
            proxy_id=proxy_id,
            protocol=self.protocol,
            token=token,
            dataplane=dataplane,
            metadata=metadata,
            peer=self.context.peer(),
            stream_id=self.stream_id,
        )
        await self.server._stream_starting(connection)
        self.proxy_id = proxy_id
        self.node_id = str(proxy_id)
        self.connection = connection
        self._unwatch = self.server.cache.watch(self.node_id, self._on_snapshot)
        self.snapshot = self.server.cache.get_snapshot(self.node_id)

    def _on_snapshot(self, snapshot: Snapshot) -> None:
        """Cache listener; may run on any thread."""
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is self.loop:
            self._set_snapshot(snapshot)
        else:
            self.loop.call_soon_threadsafe(self._set_snapshot, snapshot)

    def _set_snapshot(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        for state in self.types.values():
            state.dirty = True
        self.wake.set()

    def _state(self, type_url: str) -> _TypeState:
        state = self.types.get(type_url)
        if state is None:
            state = self.types[type_url] = _TypeState(type_url)
        return state

    # -- requests ------------------------------------------------------------------------------
    def _apply(self, request: Any) -> None:
        raise NotImplementedError

    def _acknowledge(self, state: _TypeState, request: Any) -> None:
        """Apply the ACK or NACK in ``request`` to the response in flight."""
        in_flight = state.in_flight
        assert in_flight is not None and self.proxy_id is not None
        state.in_flight = None
        if request.HasField("error_detail"):
            message = request.error_detail.message
            log.warning(
                "%s NACKed %s version %s: %s",
                self.node_id,
                short_name(state.type_url),
                in_flight.version,
                message,
            )
            self.server.status.nacked(self.proxy_id, state.type_url, in_flight.version, message)
            self._undo(state, in_flight)
            state.dirty = True
            state.retry_at = time.monotonic() + self.server.nack_backoff
            self.loop.call_later(self.server.nack_backoff, self.wake.set)
        else:
            self.server.status.acked(self.proxy_id, state.type_url, in_flight.version)

    def _undo(self, state: _TypeState, in_flight: _InFlight) -> None:
        """After a NACK: forget that Envoy holds what it rejected, so it is sent again."""
        raise NotImplementedError

    # -- responses -----------------------------------------------------------------------------
    def _responses(self) -> list[Any]:
        snapshot = self.snapshot
        if snapshot is None or self.proxy_id is None:
            return []
        now = time.monotonic()
        responses: list[Any] = []
        clusters_waiting = False
        for type_url in sorted(self.types, key=push_rank):
            state = self.types[type_url]
            if not state.requested:
                continue
            if state.retry_at is not None and now >= state.retry_at:
                state.retry_at = None
            if not state.dirty:
                continue
            blocked = state.in_flight is not None or state.retry_at is not None
            if type_url == LISTENER and clusters_waiting:
                continue
            if blocked:
                if type_url == CLUSTER and self._has_changes(state, snapshot):
                    clusters_waiting = True
                continue
            response = self._respond(state, snapshot)
            state.dirty = False
            if response is not None:
                responses.append(response)
        return responses

    def _has_changes(self, state: _TypeState, snapshot: Snapshot) -> bool:
        raise NotImplementedError

    def _respond(self, state: _TypeState, snapshot: Snapshot) -> Any | None:
        raise NotImplementedError

    def _next_nonce(self) -> str:
        return str(next(self.nonces))

    def _control_plane(self) -> base_pb2.ControlPlane:
        return self.server._control_plane

    def _report_sync(self) -> None:
        snapshot = self.snapshot
        if snapshot is None or self.proxy_id is None:
            return
        in_sync = (
            CLUSTER in self.types
            and LISTENER in self.types
            and all(
                s.in_flight is None and s.retry_at is None and not s.dirty
                for s in self.types.values()
                if s.requested
            )
        )
        if in_sync == self._in_sync and (not in_sync or self._recorded_delivery == snapshot.version):
            return
        self._in_sync = in_sync
        delivery = None
        if in_sync and self._recorded_delivery != snapshot.version:
            delivery = time.monotonic() - snapshot.created_at
            self._recorded_delivery = snapshot.version
        self.server.status.synced(self.proxy_id, in_sync, snapshot.version, delivery)


class _DeltaStream(_Stream):
    protocol = DELTA

    def _apply(self, request: Any) -> None:
        state = self._state(request.type_url)
        first = not state.requested
        subscribe = list(request.resource_names_subscribe)
        if first:
            state.requested = True
            state.first_request_pending = True
            # An empty first subscription is the legacy wildcard (LDS and CDS use it).
            state.wildcard = not subscribe
            state.known.update(request.initial_resource_versions)
        for name in subscribe:
            if name == "*":
                state.wildcard = True
                continue
            state.names.add(name)
            if not first or name not in request.initial_resource_versions:
                # A (re)subscription is answered even if Envoy had the resource already.
                state.known.pop(name, None)
        for name in request.resource_names_unsubscribe:
            if name == "*":
                state.wildcard = False
                continue
            state.names.discard(name)
            state.known.pop(name, None)
        if subscribe or request.resource_names_unsubscribe or first:
            state.dirty = True
        nonce = request.response_nonce
        if nonce and state.in_flight is not None and nonce == state.in_flight.nonce:
            self._acknowledge(state, request)

    def _undo(self, state: _TypeState, in_flight: _InFlight) -> None:
        for name, previous in in_flight.previous_known.items():
            if previous is None:
                state.known.pop(name, None)
            else:
                state.known[name] = previous

    def _diff(self, state: _TypeState, snapshot: Snapshot) -> tuple[list[str], list[str]]:
        versions = snapshot.versions(state.type_url)
        known = state.known
        changed: list[str] = []
        removed: list[str] = []
        if state.wildcard:
            changed.extend(name for name, version in versions.items() if known.get(name) != version)
            removed.extend(
                n for n, v in known.items() if v != "" and n not in versions and n not in state.names
            )
        for name in state.names:
            version = versions.get(name)
            if version is None:
                if known.get(name) != "":
                    removed.append(name)  # tell Envoy it does not exist, so nothing waits for it
            elif not state.wildcard and known.get(name) != version:
                changed.append(name)
        return changed, removed

    def _has_changes(self, state: _TypeState, snapshot: Snapshot) -> bool:
        changed, removed = self._diff(state, snapshot)
        return bool(changed or removed)

    def _respond(self, state: _TypeState, snapshot: Snapshot) -> Any | None:
        changed, removed = self._diff(state, snapshot)
        if not changed and not removed and not state.first_request_pending:
            return None
        assert self.proxy_id is not None
        type_snapshot = snapshot.types.get(state.type_url)
        version = type_snapshot.version if type_snapshot is not None else ""
        resources = snapshot.resources(state.type_url)
        versions = snapshot.versions(state.type_url)
        previous: dict[str, str | None] = {}
        items = []
        for name in sorted(changed):
            previous[name] = state.known.get(name)
            items.append(
                discovery_pb2.Resource(name=name, version=versions[name], resource=resources[name].packed)
            )
            state.known[name] = versions[name]
        for name in removed:
            previous[name] = state.known.get(name)
            if name in state.names:
                state.known[name] = ""
            else:
                state.known.pop(name, None)
        nonce = self._next_nonce()
        response = discovery_pb2.DeltaDiscoveryResponse(
            system_version_info=version,
            resources=items,
            type_url=state.type_url,
            removed_resources=sorted(removed),
            nonce=nonce,
            control_plane=self._control_plane(),
        )
        state.first_request_pending = False
        state.last_nonce = nonce
        state.in_flight = _InFlight(nonce, version, previous)
        self.server.status.sent(self.proxy_id, state.type_url, version)
        return response


class _SotwStream(_Stream):
    protocol = SOTW

    def _apply(self, request: Any) -> None:
        state = self._state(request.type_url)
        nonce = request.response_nonce
        if nonce and nonce != state.last_nonce:
            return  # stale: answers an older response; the next current request carries the names
        if not state.requested:
            state.requested = True
            state.first_request_pending = True
        elif not nonce:
            state.first_request_pending = True  # Envoy started this type over (re-subscription)
        names = set(request.resource_names)
        if names != state.names or state.first_request_pending:
            state.names = names
            state.wildcard = request.type_url in WILDCARD_TYPES and (not names or "*" in names)
            state.dirty = True
        if nonce and state.in_flight is not None and nonce == state.in_flight.nonce:
            self._acknowledge(state, request)

    def _undo(self, state: _TypeState, in_flight: _InFlight) -> None:
        state.resend = True

    def _selection(self, state: _TypeState, snapshot: Snapshot) -> tuple[str, frozenset[str] | None]:
        version = snapshot.type_version(state.type_url)
        return version, None if state.wildcard else frozenset(state.names)

    def _has_changes(self, state: _TypeState, snapshot: Snapshot) -> bool:
        version, names = self._selection(state, snapshot)
        return state.resend or version != state.sent_version or names != state.sent_names

    def _respond(self, state: _TypeState, snapshot: Snapshot) -> Any | None:
        if not state.first_request_pending and not self._has_changes(state, snapshot):
            return None
        assert self.proxy_id is not None
        version, names = self._selection(state, snapshot)
        resources = snapshot.resources(state.type_url)
        if names is None:
            packed = [resources[name].packed for name in sorted(resources)]
        else:
            packed = [resources[name].packed for name in sorted(names) if name in resources]
        nonce = self._next_nonce()
        response = discovery_pb2.DiscoveryResponse(
            version_info=version,
            resources=packed,
            type_url=state.type_url,
            nonce=nonce,
            control_plane=self._control_plane(),
        )
        state.first_request_pending = False
        state.resend = False
        state.sent_version = version
        state.sent_names = names
        state.last_nonce = nonce
        state.in_flight = _InFlight(nonce, version)
        self.server.status.sent(self.proxy_id, state.type_url, version)
        return response


class _AdsServicer:
    """The gRPC service object (duck-typed for ``add_AggregatedDiscoveryServiceServicer_to_server``)."""

    def __init__(self, server: XdsServer) -> None:
        self._server = server

    async def StreamAggregatedResources(
        self, request_iterator: AsyncIterator[Any], context: grpc.aio.ServicerContext[Any, Any]
    ) -> None:
        await self._server._serve(_SotwStream, request_iterator, context)

    async def DeltaAggregatedResources(
        self, request_iterator: AsyncIterator[Any], context: grpc.aio.ServicerContext[Any, Any]
    ) -> None:
        await self._server._serve(_DeltaStream, request_iterator, context)


class XdsServer:
    """Aggregated xDS (delta and state of the world) over ``grpc.aio``, fed by a :class:`SnapshotCache`.

    Start and stop it from the event loop that runs it: ``port = await server.start()``, then
    ``await server.stop()``.
    """

    def __init__(
        self,
        cache: SnapshotCache,
        *,
        control_plane_id: str = DEFAULT_CONTROL_PLANE_ID,
        nack_backoff: float = DEFAULT_NACK_BACKOFF,
        deregistration_delay: float = DEFAULT_DEREGISTRATION_DELAY,
        authenticate: Hook | None = None,
        on_connect: Hook | None = None,
        on_disconnect: Hook | None = None,
        grpc_options: Sequence[tuple[str, Any]] = (),
    ) -> None:
        """Configure the server.

        ``authenticate(connection)`` runs on a stream's first request and may raise
        :class:`XdsStreamRejected`; ``on_connect(connection)`` runs next (register the Dataplane);
        ``on_disconnect(connection)`` runs ``deregistration_delay`` seconds after a proxy's last
        stream closed, unless it reconnected meanwhile or the server is stopping.
        """
        self.cache = cache
        self.status = StatusRegistry()
        self.control_plane_id = control_plane_id
        self.nack_backoff = nack_backoff
        self.deregistration_delay = deregistration_delay
        self.authenticate = authenticate
        self.on_connect = on_connect
        self.on_disconnect = on_disconnect
        overridden = {name for name, _ in grpc_options}
        self._grpc_options = [*(o for o in DEFAULT_GRPC_OPTIONS if o[0] not in overridden), *grpc_options]
        self._control_plane = base_pb2.ControlPlane(identifier=control_plane_id)
        self._stream_ids = itertools.count(1)
        self._streams: set[_Stream] = set()
        self._deregistrations: dict[str, asyncio.TimerHandle] = {}
        self._hook_tasks: set[asyncio.Task[None]] = set()
        self._grpc: grpc.aio.Server | None = None
        self._stopping = False
        self.port: int | None = None

    # -- serving -------------------------------------------------------------------------------
    def add_to(self, grpc_server: grpc.aio.Server) -> None:
        """Register the ADS service on an existing ``grpc.aio`` server."""
        ads_pb2_grpc.add_AggregatedDiscoveryServiceServicer_to_server(_AdsServicer(self), grpc_server)

    async def start(self, address: str = "127.0.0.1:0", *, tls: tuple[bytes, bytes] | None = None) -> int:
        """Listen on ``address`` (``host:port``; port 0 picks one) and return the port.

        ``tls`` is ``(certificate chain PEM, private key PEM)``; without it the server is plaintext.
        Bootstraps for a TLS server carry the CA (``bootstrap_routes(ca_cert_pem=...)``).
        """
        server = grpc.aio.server(options=self._grpc_options)
        self.add_to(server)
        if tls is not None:
            chain, key = tls
            credentials = grpc.ssl_server_credentials([(key, chain)])
            port = int(server.add_secure_port(address, credentials))
        else:
            port = int(server.add_insecure_port(address))
        if port == 0:
            raise OSError(f"cannot listen on {address} for xDS")
        await server.start()
        self._grpc = server
        self.port = port
        log.info("xDS server listening on %s (port %d)", address, port)
        return port

    async def stop(self, grace: float | None = 1.0) -> None:
        """Close every stream and stop listening, without deregistering connected proxies."""
        self._stopping = True
        for handle in self._deregistrations.values():
            handle.cancel()
        self._deregistrations.clear()
        if self._grpc is not None:
            await self._grpc.stop(grace)
            self._grpc = None
        for task in list(self._hook_tasks):
            task.cancel()
        if self._hook_tasks:
            await asyncio.gather(*self._hook_tasks, return_exceptions=True)

    async def _serve(
        self,
        stream_class: type[_Stream],
        request_iterator: AsyncIterator[Any],
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> None:
        stream = stream_class(self, context, next(self._stream_ids))
        self._streams.add(stream)
        try:
            await stream.run(request_iterator)
        finally:
            self._streams.discard(stream)

    async def _stream_starting(self, connection: ProxyConnection) -> None:
        if self.authenticate is not None:
            await _call_hook(self.authenticate, connection)
        if self.on_connect is not None:
            try:
                await _call_hook(self.on_connect, connection)
            except XdsStreamRejected:
                raise
            except Exception as exc:
                log.exception("connect hook failed for %s", connection.node_id)
                raise XdsStreamRejected(
                    f"could not register {connection.node_id}: {exc}", grpc.StatusCode.INTERNAL
                ) from exc
        pending = self._deregistrations.pop(connection.node_id, None)
        if pending is not None:
            pending.cancel()
        version = connection.metadata.get("version")
        self.status.stream_opened(
            connection.proxy_id,
            connection.protocol,
            connection.peer,
            stream_id=connection.stream_id,
            control_plane_id=self.control_plane_id,
            version=version if isinstance(version, dict) else None,
        )
        log.info(
            "%s connected (%s, stream %d)", connection.node_id, connection.protocol, connection.stream_id
        )

    def _stream_closed(self, stream: _Stream) -> None:
        connection = stream.connection
        assert connection is not None
        remaining = self.status.stream_closed(connection.proxy_id)
        log.info("%s disconnected (stream %d)", connection.node_id, connection.stream_id)
        if remaining or self._stopping or self.on_disconnect is None:
            return
        loop = asyncio.get_running_loop()
        previous = self._deregistrations.pop(connection.node_id, None)
        if previous is not None:
            previous.cancel()
        self._deregistrations[connection.node_id] = loop.call_later(
            self.deregistration_delay, self._deregister, connection
        )

    def _deregister(self, connection: ProxyConnection) -> None:
        self._deregistrations.pop(connection.node_id, None)
        status = self.status.get(connection.node_id)
        if self._stopping or self.on_disconnect is None or (status is not None and status.connected):
            return
        task = asyncio.get_running_loop().create_task(self._run_disconnect_hook(connection))
        self._hook_tasks.add(task)
        task.add_done_callback(self._hook_tasks.discard)

    async def _run_disconnect_hook(self, connection: ProxyConnection) -> None:
        assert self.on_disconnect is not None
        try:
            await _call_hook(self.on_disconnect, connection)
        except Exception:
            log.exception("disconnect hook failed for %s", connection.node_id)

    # -- reading status ------------------------------------------------------------------------
    def proxy_status(self, node_id: str) -> ProxyStatus | None:
        """One proxy's xDS status (see :class:`ProxyStatus`), or ``None`` if it never connected."""
        return self.status.get(node_id)

    def proxy_statuses(self) -> list[ProxyStatus]:
        """Every proxy's xDS status."""
        return self.status.all()

    async def wait_for_status(
        self, node_id: str, predicate: StatusPredicate, timeout: float = 10.0
    ) -> ProxyStatus:
        """Wait until a proxy's status satisfies ``predicate``; raises ``TimeoutError``."""
        return await self.status.wait_for(node_id, predicate, timeout)

    async def wait_in_sync(
        self, node_id: str, snapshot_version: str | None = None, timeout: float = 10.0
    ) -> ProxyStatus:
        """Wait until a proxy has ACKed its whole snapshot (``snapshot_version``, or the current one)."""

        def synced(status: ProxyStatus) -> bool:
            if not status.in_sync:
                return False
            wanted = snapshot_version
            if wanted is None:
                current = self.cache.get_snapshot(node_id)
                wanted = current.version if current is not None else None
            return wanted is None or status.acked_snapshot_version == wanted

        return await self.status.wait_for(node_id, synced, timeout)
