"""``POST /bootstrap`` for the REST API app to mount: Kuma's BootstrapRequest in, Envoy's bootstrap out.

Replies as Kuma's bootstrap handler does (``pkg/xds/bootstrap/handler.go``): with
``Accept: application/json`` a JSON ``{bootstrap, kumaSidecarConfiguration}`` (the bootstrap YAML
base64-encoded, as Go encodes bytes), otherwise the YAML itself; 400 for a body that is not JSON,
422 for a missing token or an invalid Dataplane, 404 (empty body) when the Dataplane is neither in
the request nor in the store.

Usage from the API app::

    routes = bootstrap_routes(xds_address=lambda: (None, xds_server.port), check_token=check)
    app = Starlette(routes=[*api_routes, *routes])
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import yaml
from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from pulumi_kuma.controlplane.xds.bootstrap import (
    DEFAULT_ADMIN_PORT,
    bootstrap_for_request,
    bootstrap_yaml,
    validate_bootstrap,
)
from pulumi_kuma.controlplane.xds.node import ProxyId, ProxyIdError
from pulumi_kuma.dataplane.protocol import (
    BOOTSTRAP_PATH,
    PROXY_TYPE_DATAPLANE,
    BootstrapRequest,
    BootstrapResponse,
)
from pulumi_kuma.model.validation import validate_document
from pulumi_kuma.registry import REGISTRY

DP_TOKEN_REQUIRED = (
    "Dataplane Token is required. Generate token using 'kumactl generate dataplane-token > /path/file' "
    "and provide it via --dataplane-token-file=/path/file argument to Kuma DP"
)
"""Kuma's message when a bootstrap request carries no token and tokens are required."""


class BootstrapRejected(Exception):
    """Raised by a callback to refuse a bootstrap with an HTTP status and a message for the agent."""

    def __init__(self, message: str, status_code: int = 422) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code


XdsAddress = tuple[str | None, int]
"""Where Envoy reaches the xDS server: ``(host, port)``; a ``None`` host means "the host the agent
used to reach this API" (Kuma's behaviour when no xDS host is configured)."""

TokenCheck = Callable[[str, ProxyId, Mapping[str, Any] | None], Awaitable[None] | None]
"""``check_token(token, proxy_id, dataplane)``: raise :class:`BootstrapRejected` to refuse. The
token is ``""`` when the agent sent none (refuse with :data:`DP_TOKEN_REQUIRED` if tokens are on)."""

DataplaneLookup = Callable[[str, str], Awaitable[Mapping[str, Any] | None] | Mapping[str, Any] | None]
"""``find_dataplane(mesh, name)``: the stored Dataplane (universal JSON), or ``None``."""

MeshCheck = Callable[[str], Awaitable[bool] | bool]
"""``mesh_exists(mesh)``."""


async def _resolve(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


def _parse_resource(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        pass
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise BootstrapRejected(f"dataplaneResource: is neither JSON nor YAML: {exc}") from exc


def _validated_dataplane(text: str) -> dict[str, Any]:
    raw = _parse_resource(text)
    if not isinstance(raw, dict):
        raise BootstrapRejected("dataplaneResource: must be a Dataplane object")
    if raw.get("type") != "Dataplane":
        raise BootstrapRejected(
            f"dataplaneResource: invalid proxy resource type {raw.get('type')!r}, expected Dataplane"
        )
    result = validate_document(raw, REGISTRY)
    if result.violations:
        raise BootstrapRejected("; ".join(str(v) for v in result.violations))
    return raw


def bootstrap_routes(
    *,
    xds_address: XdsAddress | Callable[[], XdsAddress],
    check_token: TokenCheck | None = None,
    find_dataplane: DataplaneLookup | None = None,
    mesh_exists: MeshCheck | None = None,
    default_admin_port: int = DEFAULT_ADMIN_PORT,
    ca_cert_pem: str = "",
) -> list[Route]:
    """The ``POST /bootstrap`` route.

    ``xds_address`` may be a callable (the xDS port is known only once its server started).
    Without ``check_token`` any token (or none) is accepted; without ``find_dataplane`` a request
    must carry its Dataplane; without ``mesh_exists`` every mesh is taken to exist.
    """

    async def handle(request: Request) -> Response:
        try:
            body = await request.body()
            try:
                raw = json.loads(body)
                bootstrap_request = BootstrapRequest.model_validate(raw)
            except (json.JSONDecodeError, UnicodeDecodeError, ValidationError) as exc:
                return Response(f"could not parse the bootstrap request: {exc}", status_code=400)
            proxy_type = bootstrap_request.proxy_type or PROXY_TYPE_DATAPLANE
            if proxy_type != PROXY_TYPE_DATAPLANE:
                raise BootstrapRejected(
                    f"proxyType: unknown proxy type {proxy_type!r}, only 'dataplane' is supported"
                )
            dataplane: Mapping[str, Any] | None
            if bootstrap_request.dataplane_resource:
                dataplane = _validated_dataplane(bootstrap_request.dataplane_resource)
                mesh, name = str(dataplane["mesh"]), str(dataplane["name"])
            else:
                mesh, name = bootstrap_request.mesh, bootstrap_request.name
                dataplane = None
            try:
                proxy_id = ProxyId.parse(f"{mesh}.{name}")
            except ProxyIdError as exc:
                raise BootstrapRejected(f"mesh and name: {exc}") from exc
            if check_token is not None:
                await _resolve(check_token(bootstrap_request.dataplane_token, proxy_id, dataplane))
            if dataplane is not None:
                if mesh_exists is not None and not await _resolve(mesh_exists(mesh)):
                    raise BootstrapRejected(f'mesh: mesh "{mesh}" does not exist')
            else:
                found = await _resolve(find_dataplane(mesh, name)) if find_dataplane is not None else None
                if found is None:
                    return Response(status_code=404)
                dataplane = found
            host, port = xds_address() if callable(xds_address) else xds_address
            bootstrap, sidecar = bootstrap_for_request(
                bootstrap_request,
                dataplane,
                xds_host=host or request.url.hostname or "127.0.0.1",
                xds_port=port,
                default_admin_port=default_admin_port,
                ca_cert_pem=ca_cert_pem,
            )
            validate_bootstrap(bootstrap)
        except BootstrapRejected as exc:
            return Response(exc.message, status_code=exc.status_code, media_type="text/plain")
        text = bootstrap_yaml(bootstrap)
        if request.headers.get("accept") == "application/json":
            response = BootstrapResponse(bootstrap=text.encode(), kuma_sidecar_configuration=sidecar)
            return JSONResponse(response.to_json())
        return Response(text, media_type="text/x-yaml")

    return [Route(BOOTSTRAP_PATH, handle, methods=["POST"])]
