"""The Starlette application: a handful of routes that dispatch on the kind's REST plural.

``/meshes/{mesh}/{plural}/{name}``, ``/meshes/{mesh}/{plural}``, ``/{plural}/{name}`` and
``/{plural}`` serve every kind in the registry (Mesh is the global kind at ``/meshes``); a
plural the registry does not know answers 404. Every error leaves as Kuma's error document.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route
from starlette.types import Receive, Scope, Send

from pulumi_kuma.controlplane.api.cache import Rendered, ResponseCache
from pulumi_kuma.controlplane.api.context import ApiContext, error_response, json_bytes
from pulumi_kuma.controlplane.api.errors import ApiError
from pulumi_kuma.controlplane.api.index import IndexEndpoints
from pulumi_kuma.controlplane.api.openapi import openapi_document
from pulumi_kuma.controlplane.api.resources import ResourceEndpoints
from pulumi_kuma.controlplane.auth import AccessDenied
from pulumi_kuma.controlplane.store.base import Unavailable

log = logging.getLogger("pulumi_kuma.controlplane.api")

Handler = Callable[[Request], Awaitable[Response]]


def guard(handler: Handler) -> Handler:
    """Turn every failure into Kuma's error document; nothing escapes as a bare 500."""

    async def guarded(request: Request) -> Response:
        try:
            return await handler(request)
        except ApiError as exc:
            return error_response(exc)
        except AccessDenied as exc:
            return error_response(ApiError(403, "Access Denied", exc.reason))
        except Unavailable as exc:
            log.warning("%s %s: store unavailable: %s", request.method, request.url.path, exc)
            return error_response(ApiError(503, "Service unavailable", str(exc)))
        except Exception:
            log.exception("%s %s failed", request.method, request.url.path)
            return error_response(ApiError(500, "Internal Server Error", "Internal Server Error"))

    return guarded


class ApiApp(Starlette):
    """Starlette with a shortcut for the busiest request: ``GET`` of one resource whose answer is
    cached (:meth:`ResourceEndpoints.cached_get`) goes out without routing, middleware or handler.

    Everything else, and every request the shortcut is not sure about, takes the routes."""

    def __init__(self, resources: ResourceEndpoints, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._resources = resources if resources.cache is not None else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        resources = self._resources
        if (
            resources is not None
            and scope["type"] == "http"
            and scope["method"] == "GET"
            and not scope.get("query_string")
            and not scope.get("root_path")
        ):
            rendered = _cached_item(resources, scope)
            if rendered is not None:
                await send({"type": "http.response.start", "status": 200, "headers": list(rendered.headers)})
                await send({"type": "http.response.body", "body": rendered.body})
                return
        await super().__call__(scope, receive, send)


def _cached_item(resources: ResourceEndpoints, scope: Scope) -> Rendered | None:
    """The cached answer of an item path, as the routes below would match it: segments are
    ``[^/]+`` of the decoded path, ``/meshes/{mesh}/{plural}/{name}`` first; the fixed routes that
    come before ``/{plural}/{name}`` (``/_kri/...``, ``/tokens/user``) name no kind's plural."""
    parts = scope["path"].split("/")
    if len(parts) == 5 and parts[1] == "meshes":
        _, _, mesh, plural, name = parts
        if not mesh:
            return None
    elif len(parts) == 3:
        _, plural, name = parts
        mesh = None
    else:
        return None
    if parts[0] or not plural or not name:
        return None
    # A bearer token may be refused (401): only a request without one is sure to be answered alike.
    for header, _ in scope["headers"]:
        if header == b"authorization":
            return None
    return resources.cached_get(plural, mesh, name)


def build_app(
    ctx: ApiContext,
    extra_routes: Sequence[BaseRoute] = (),
    extra_openapi: Mapping[str, Mapping[str, Any]] | None = None,
) -> Starlette:
    """The API application for one control plane.

    ``extra_routes`` (inspect endpoints and the like) are tried after the resource routes and
    before the catch-alls that answer for names with a ``/`` in them; ``extra_openapi``
    (``{"paths": ..., "schemas": ...}``) documents them in ``/openapi.json``."""
    resources = ResourceEndpoints(ctx, ResponseCache.for_store(ctx.store))
    index = IndexEndpoints(ctx, resources)
    openapi = json_bytes(openapi_document(ctx.registry, ctx.read_only, extra_openapi))

    async def mesh_item(request: Request) -> Response:
        params = request.path_params
        kind = resources.kind_for(params["plural"], in_mesh=True)
        mesh, name = params["mesh"], params["name"]
        if request.method == "PUT":
            return await resources.put(request, kind, mesh, name)
        if request.method == "DELETE":
            return await resources.delete(request, kind, mesh, name)
        return await resources.get(request, kind, mesh, name)

    async def mesh_list(request: Request) -> Response:
        plural = request.path_params["plural"]
        kind = resources.kind_for(plural, in_mesh=True)
        return await resources.list_resources(
            request, kind, request.path_params["mesh"], f"/meshes/{{mesh}}/{plural}"
        )

    async def global_item(request: Request) -> Response:
        params = request.path_params
        kind = resources.kind_for(params["plural"], in_mesh=False)
        if kind.mesh_scoped:
            raise ApiError(
                404, "Not Found", f"{kind.name} lives in a mesh: use /meshes/{{mesh}}/{kind.plural}/{{name}}"
            )
        name = params["name"]
        if request.method == "PUT":
            return await resources.put(request, kind, "", name)
        if request.method == "DELETE":
            return await resources.delete(request, kind, "", name)
        return await resources.get(request, kind, "", name)

    async def global_list(request: Request) -> Response:
        plural = request.path_params["plural"]
        kind = resources.kind_for(plural, in_mesh=False)
        return await resources.list_resources(request, kind, None, f"/{plural}")

    async def openapi_json(request: Request) -> Response:
        return Response(openapi, media_type="application/json")

    item_methods = ["GET", "PUT", "DELETE"]
    routes = [
        # The busiest routes first: Starlette tries them in order.
        Route("/meshes/{mesh}/{plural}/{name}", guard(mesh_item), methods=item_methods),
        Route("/meshes/{mesh}/{plural}", guard(mesh_list), methods=["GET"]),
        Route("/", guard(index.index), methods=["GET"]),
        Route("/_resources", guard(index.kinds), methods=["GET"]),
        Route("/who-am-i", guard(index.who_am_i), methods=["GET"]),
        Route("/config", guard(index.config), methods=["GET"]),
        Route("/openapi.json", openapi_json, methods=["GET"]),
        Route("/_kri/{kri}", guard(index.by_kri), methods=["GET"]),
        Route("/tokens/user", guard(index.issue_user_token), methods=["POST"]),
        Route("/{plural}/{name}", guard(global_item), methods=item_methods),
        Route("/{plural}", guard(global_list), methods=["GET"]),
        *extra_routes,
        # A name holding a "/" (or "%2F") reaches the handlers, which reject it naming the field.
        Route("/meshes/{mesh}/{plural}/{name:path}", guard(mesh_item), methods=item_methods),
        Route("/{plural}/{name:path}", guard(global_item), methods=item_methods),
    ]

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        titles = {404: "Not Found", 405: "Method not Allowed"}
        detail = {404: f"no endpoint is served at {request.url.path}", 405: "Method not allowed"}
        return error_response(ApiError(status, titles.get(status, "Error"), detail.get(status, str(exc))))

    return ApiApp(resources, routes=routes, exception_handlers={HTTPException: http_error})
