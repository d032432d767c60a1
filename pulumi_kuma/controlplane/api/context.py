"""What every API handler needs: the store, the registry, the control plane's settings, auth."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from pulumi_kuma.controlplane.api.errors import ApiError
from pulumi_kuma.controlplane.auth import ADMIN, ANONYMOUS, InvalidToken, User, UserTokens, is_direct_loopback
from pulumi_kuma.controlplane.store.base import Store
from pulumi_kuma.model.registry import Registry

MAX_BODY_BYTES = 1024 * 1024
_BEARER = "Bearer "


@dataclass(slots=True)
class ApiContext:
    """Shared state of the API handlers (one per control plane process)."""

    store: Store
    registry: Registry
    tokens: UserTokens
    zone: str = "default"
    read_only: bool = False
    localhost_admin: bool = True
    hostname: str = ""
    instance_id: str = ""
    cluster_id: str = ""
    config: Mapping[str, Any] = field(default_factory=dict)
    """The control plane's settings as ``GET /config`` shows them to an admin."""

    async def authenticate(self, request: Request) -> User:
        """Admin over direct loopback, the bearer token's user, or anonymous; 401 for a bad token."""
        headers = request.headers
        if self.localhost_admin:
            client = request.client
            if is_direct_loopback(client.host if client else None, headers):
                return ADMIN
        authorization = headers.get("authorization")
        if authorization and authorization.startswith(_BEARER):
            try:
                return await self.tokens.validate(authorization[len(_BEARER) :].strip())
            except InvalidToken:
                raise ApiError(401, "Invalid authentication data", "Unauthenticated") from None
        return ANONYMOUS


def json_bytes(data: Any) -> bytes:
    """Compact JSON, UTF-8."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def json_response(data: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    """An ``application/json`` response."""
    return Response(json_bytes(data), status, headers=headers, media_type="application/json")


def error_response(error: ApiError) -> Response:
    """Kuma's error document with the error's status."""
    return json_response(error.document(), error.status)


async def read_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The request body, refused with 413 beyond ``limit`` bytes (before reading it all)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, "Request Entity Too Large", f"the request body is larger than {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "Request Entity Too Large", f"the request body is larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
