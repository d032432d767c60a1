"""In-process API fixtures: the real app on a real SQLite store, called through httpx's ASGI transport.

The transport sets the peer address, so "a request from another machine" is simply a client whose
peer is not loopback: the same code path a remote caller takes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from pulumi_kuma.controlplane.api.app import build_app
from pulumi_kuma.controlplane.api.context import ApiContext
from pulumi_kuma.controlplane.auth import UserTokens
from pulumi_kuma.controlplane.store.base import Store
from pulumi_kuma.controlplane.store.factory import open_store
from pulumi_kuma.registry import REGISTRY

LOCAL = ("127.0.0.1", 50123)
REMOTE = ("10.1.2.3", 50123)
BASE = "http://127.0.0.1:5681"


@dataclass
class Api:
    """A store and token issuer; :meth:`client` builds clients of an app over them."""

    store: Store
    tokens: UserTokens
    _clients: list[httpx.AsyncClient] = field(default_factory=list)

    def client(
        self,
        *,
        peer: tuple[str, int] = LOCAL,
        read_only: bool = False,
        localhost_admin: bool = True,
        token: str | None = None,
        base_url: str = BASE,
        store: Store | None = None,
    ) -> httpx.AsyncClient:
        ctx = ApiContext(
            store=store or self.store,
            registry=REGISTRY,
            tokens=self.tokens,
            read_only=read_only,
            localhost_admin=localhost_admin,
            config={"zone": "default"},
        )
        headers = {"authorization": f"Bearer {token}"} if token else {}
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=build_app(ctx), client=peer),
            base_url=base_url,
            headers=headers,
        )
        self._clients.append(client)
        return client


@pytest.fixture
async def api(tmp_path: Path) -> AsyncIterator[Api]:
    store = await open_store(f"sqlite://{tmp_path / 'api.db'}")
    tokens = UserTokens(store)
    await tokens.ensure_signing_key()
    harness = Api(store, tokens)
    try:
        yield harness
    finally:
        for client in harness._clients:
            await client.aclose()
        await store.close()


@pytest.fixture
async def admin(api: Api) -> httpx.AsyncClient:
    """A loopback client (admin) with the mesh ``default`` created."""
    client = api.client()
    response = await client.put("/meshes/default", json={"type": "Mesh", "name": "default"})
    assert response.status_code == 201, response.text
    return client


def timeout_policy(name: str, mesh: str = "default", idle: str = "10s", **meta: Any) -> dict[str, Any]:
    """A valid MeshTimeout document."""
    return {
        "type": "MeshTimeout",
        "mesh": mesh,
        "name": name,
        **meta,
        "spec": {
            "targetRef": {"kind": "Mesh"},
            "to": [{"targetRef": {"kind": "Mesh"}, "default": {"idleTimeout": idle}}],
        },
    }


Factory = Callable[..., httpx.AsyncClient]
