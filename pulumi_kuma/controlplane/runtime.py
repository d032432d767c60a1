"""The control plane process: one store, and components (API server, later xDS, resolver) on one
asyncio loop, started in order and stopped in reverse."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from starlette.routing import BaseRoute

from pulumi_kuma.controlplane.api.app import build_app
from pulumi_kuma.controlplane.api.context import ApiContext
from pulumi_kuma.controlplane.api.labels import compute_labels
from pulumi_kuma.controlplane.api.server import ApiServer
from pulumi_kuma.controlplane.auth import UserTokens
from pulumi_kuma.controlplane.store.base import AlreadyExists, Store
from pulumi_kuma.controlplane.store.factory import redact_url, store_from_url
from pulumi_kuma.model.envelope import now
from pulumi_kuma.model.registry import Registry
from pulumi_kuma.model.validation import validate_document

log = logging.getLogger("pulumi_kuma.controlplane")

DEFAULT_MESH = "default"
DEFAULT_MESH_KIND = "Mesh"


class Component(Protocol):
    """Something the control plane runs: started after the store, stopped before it closes."""

    name: str

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Settings:
    """What ``pulumi-kuma cp run`` was asked to do."""

    store_url: str
    address: str = "127.0.0.1"
    api_port: int = 5681
    xds_port: int = 5678
    zone: str = "default"
    localhost_admin: bool = True
    read_only: bool = False
    default_mesh: bool = True
    """Create the mesh ``default`` on start when it does not exist (Kuma's ``skipMeshCreation: false``)."""

    def public(self) -> dict[str, object]:
        """The settings as ``GET /config`` shows them (no secrets in the store URL)."""
        shown = asdict(self)
        shown["store_url"] = redact_url(self.store_url)
        return shown


class ControlPlane:
    """Owns the store and the components; ``run`` serves until ``stop`` is requested.

    Components (the xDS server, the resolver, ...) are added with :meth:`add_component` before
    :meth:`start`; they start in order after the store and before the API server, so that the API
    answering means the whole control plane is up. Extra API routes (inspect endpoints) go in
    :attr:`api_routes`, their OpenAPI paths and schemas in :attr:`api_openapi`.
    """

    def __init__(self, settings: Settings, registry: Registry, store: Store | None = None) -> None:
        self.settings = settings
        self.registry = registry
        self.store = store if store is not None else store_from_url(settings.store_url)
        self.tokens = UserTokens(self.store)
        self.components: list[Component] = []
        self.api_routes: list[BaseRoute] = []
        self.api_openapi: dict[str, dict[str, Any]] = {"paths": {}, "schemas": {}}
        self.api: ApiServer | None = None
        self._started: list[Component] = []
        self._store_started = False
        self._stop_requested = asyncio.Event()

    def add_component(self, component: Component) -> None:
        """Run ``component`` with the control plane (call before :meth:`start`)."""
        self.components.append(component)

    async def start(self) -> None:
        """Open the store, create first-start state (signing key), start components, then the API."""
        await self.store.start()
        self._store_started = True
        await self.tokens.ensure_signing_key()
        if self.settings.default_mesh and not self.settings.read_only:
            await self._ensure_default_mesh()
        cluster_id = await self._cluster_id()
        ctx = ApiContext(
            store=self.store,
            registry=self.registry,
            tokens=self.tokens,
            zone=self.settings.zone,
            read_only=self.settings.read_only,
            localhost_admin=self.settings.localhost_admin,
            hostname=socket.gethostname(),
            instance_id=f"{socket.gethostname()}-{os.getpid()}",
            cluster_id=cluster_id,
            config=self.settings.public(),
        )
        self.api = ApiServer(
            build_app(ctx, self.api_routes, self.api_openapi), self.settings.address, self.settings.api_port
        )
        for component in [*self.components, self.api]:
            await component.start()
            self._started.append(component)

    async def _ensure_default_mesh(self) -> None:
        """Create the mesh ``default`` unless it exists, as kuma-cp does on start; a replica that
        loses the race to create it finds it created."""
        kind = self.registry.by_name(DEFAULT_MESH_KIND)
        if await self.store.get(kind.name, "", DEFAULT_MESH) is not None:
            return
        result = validate_document({"type": kind.name, "name": DEFAULT_MESH}, self.registry)
        obj = result.to_object()
        timestamp = now()
        mesh = obj.evolve(
            labels=compute_labels(kind, {}, DEFAULT_MESH, DEFAULT_MESH, self.settings.zone),
            creation_time=timestamp,
            modification_time=timestamp,
        )
        with contextlib.suppress(AlreadyExists):
            await self.store.create(mesh)
            log.info('created the mesh "%s"', DEFAULT_MESH)

    async def _cluster_id(self) -> str:
        """A UUID derived from the signing key: the same for every replica on one database."""
        fingerprint = await self.tokens.key_fingerprint()
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"pulumi-kuma:{fingerprint}"))

    async def stop(self) -> None:
        """Stop components in reverse order, then close the store."""
        while self._started:
            component = self._started.pop()
            try:
                await component.stop()
            except Exception:
                log.exception("stopping %s failed", component.name)
        if self._store_started:
            self._store_started = False
            await self.store.close()

    def request_stop(self) -> None:
        """Ask :meth:`run` to return (safe to call from a signal handler)."""
        self._stop_requested.set()

    async def run(self, on_ready: Callable[[ControlPlane], None] | None = None) -> None:
        """Start, call ``on_ready``, serve until :meth:`request_stop`, then stop."""
        try:
            await self.start()
            if on_ready is not None:
                on_ready(self)
            await self._stop_requested.wait()
        finally:
            await self.stop()
