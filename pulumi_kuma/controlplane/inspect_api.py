"""Kuma's inspect endpoints and the impact preview, served from the control plane's resolved state.

* ``GET /meshes/{mesh}/dataplanes/{name}/_rules``: the rules that apply to a Dataplane, per policy
  kind (Kuma's JSON shape, rendered by :func:`resolve.inspect.render_rules`);
* ``GET /meshes/{mesh}/{policies}/{name}/_resources/dataplanes``: the Dataplanes a policy's
  top-level targetRef selects (``size``, ``offset``, ``name``; ``next`` when there is more);
* ``GET /meshes/{mesh}/{plural}/{name}/_dataplanes``: the Dataplanes a destination with endpoints
  (a MeshService) selects, with the same paging;
* ``POST /meshes/{mesh}/_impact``: what a set of changes would do to every Dataplane's rules,
  validated exactly as PUT validates, without storing anything (see :data:`IMPACT_REQUEST`).

Everything is read from the incremental resolution engine that config distribution keeps current
(:class:`ResolvedState`); a request first waits until every change this replica has seen is
applied, so a client reads its own writes (through another replica, within the change stream's
delay). The 404s are Kuma's: ``Failed to retrieve Mesh``, ``Could not retrieve Dataplane``,
``Could not retrieve policy``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from pulumi_kuma.controlplane.api.app import guard
from pulumi_kuma.controlplane.api.context import ApiContext, json_response, read_body
from pulumi_kuma.controlplane.api.decode import BodyError, parse_json
from pulumi_kuma.controlplane.api.errors import ApiError, bad_request, invalid, not_found
from pulumi_kuma.controlplane.api.listing import next_link, parse_list_query
from pulumi_kuma.controlplane.api.resources import MESH_KIND, ResourceEndpoints
from pulumi_kuma.controlplane.auth import User
from pulumi_kuma.controlplane.resolve.engine import ResolutionEngine
from pulumi_kuma.controlplane.resolve.impact import Change, Delete, Upsert, preview
from pulumi_kuma.controlplane.resolve.inspect import DataplanesPage, render_rules
from pulumi_kuma.controlplane.resolve.resolver import MeshIndex
from pulumi_kuma.envoy.hooks import endpoint_source
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor

if TYPE_CHECKING:
    from pulumi_kuma.controlplane.distribution import ConfigDistribution
    from pulumi_kuma.controlplane.runtime import ControlPlane

DATAPLANE = "Dataplane"
POLICY_TITLE = "Could not retrieve policy"
IMPACT_TITLE = "Invalid changes"
MAX_IMPACT_BYTES = 8 * 1024 * 1024
UPSERT, DELETE = "upsert", "delete"


class ResolvedState(Protocol):
    """Where the resolved rules live: config distribution's engine, and a way to wait for it."""

    @property
    def engine(self) -> ResolutionEngine: ...

    async def settled(self) -> None:
        """Return once every change seen so far is applied to :attr:`engine`."""


@dataclass(frozen=True, slots=True)
class DistributionState:
    """:class:`ResolvedState` of a :class:`ConfigDistribution`."""

    distribution: ConfigDistribution

    @property
    def engine(self) -> ResolutionEngine:
        return self.distribution.state.engine

    async def settled(self) -> None:
        await self.distribution.settled()


class InspectEndpoints:
    """The inspect and impact handlers over one :class:`ResolvedState`."""

    def __init__(self, ctx: ApiContext, state: ResolvedState) -> None:
        self.ctx = ctx
        self.state = state
        self.resources = ResourceEndpoints(ctx)

    def routes(self) -> list[BaseRoute]:
        """The routes to mount in the API app."""
        return [
            Route("/meshes/{mesh}/dataplanes/{name}/_rules", guard(self.rules), methods=["GET"]),
            Route(
                "/meshes/{mesh}/{plural}/{name}/_resources/dataplanes",
                guard(self.policy_dataplanes),
                methods=["GET"],
            ),
            Route(
                "/meshes/{mesh}/{plural}/{name}/_dataplanes", guard(self.selected_dataplanes), methods=["GET"]
            ),
            Route("/meshes/{mesh}/_impact", guard(self.impact), methods=["POST"]),
        ]

    # --- inspect ----------------------------------------------------------------------------------

    async def _reader(self, request: Request, kind: KindDescriptor) -> str:
        """Authenticate, check the mesh (Kuma's order) and read access; the mesh name."""
        user = await self.ctx.authenticate(request)
        mesh = str(request.path_params["mesh"])
        await self._existing_mesh(mesh)
        self.resources.check_access(user, kind)
        return mesh

    async def _existing_mesh(self, mesh: str) -> None:
        """404 "Failed to retrieve Mesh" unless the mesh exists."""
        await self.resources.existing_mesh(mesh)

    async def rules(self, request: Request) -> Response:
        """``GET .../dataplanes/{name}/_rules``."""
        kind = self.ctx.registry.by_name(DATAPLANE)
        mesh = await self._reader(request, kind)
        await self.state.settled()
        rules = self.state.engine.rules(mesh, request.path_params["name"])
        if rules is None:
            raise not_found(f"Could not retrieve {DATAPLANE}")
        return json_response(render_rules(rules, self.ctx.registry))

    def _kind(self, request: Request, *, policy: bool) -> KindDescriptor:
        plural = request.path_params["plural"]
        kind = self.ctx.registry.by_plural(plural)
        if kind is None or not kind.mesh_scoped:
            served = False
        else:
            served = kind.is_policy if policy else endpoint_source(kind) is not None
        if kind is None or not served:
            raise ApiError(404, "Not Found", f"no endpoint is served at {request.url.path}")
        return kind

    async def policy_dataplanes(self, request: Request) -> Response:
        """``GET .../{policies}/{name}/_resources/dataplanes``: what the policy's targetRef selects
        (shadow policies included, as in Kuma)."""
        kind = self._kind(request, policy=True)
        user = await self.ctx.authenticate(request)
        await self._existing_mesh(request.path_params["mesh"])

        def selected(index: MeshIndex, name: str) -> list[ResourceObject] | None:
            view = index.policy(kind.name, name)
            return index.selected_dataplanes(view.obj) if view is not None else None

        return await self._dataplanes_page(request, user, kind, selected)

    async def selected_dataplanes(self, request: Request) -> Response:
        """``GET .../meshservices/{name}/_dataplanes``: the Dataplanes the service selects (Kuma
        does not check the mesh first here: a missing mesh is a missing service)."""
        kind = self._kind(request, policy=False)
        user = await self.ctx.authenticate(request)
        source = endpoint_source(kind)
        assert source is not None

        def selected(index: MeshIndex, name: str) -> list[ResourceObject] | None:
            service = index.destination(kind.name, name)
            if service is None:
                return None
            dataplanes = (dp.obj for dp in index.dataplanes.values())
            return sorted((dp for dp in dataplanes if source.selects(service, dp)), key=lambda o: o.name)

        return await self._dataplanes_page(request, user, kind, selected)

    async def _dataplanes_page(
        self,
        request: Request,
        user: User,
        kind: KindDescriptor,
        selected: Callable[[MeshIndex, str], list[ResourceObject] | None],
    ) -> Response:
        """Page through what ``selected`` finds for the named resource (404 when it is absent)."""
        params = request.query_params.multi_items()
        try:
            # Kuma pages these lists by size, offset and name; label filters are not offered.
            query = parse_list_query(
                [(k, v) for k, v in params if not k.startswith("filter[")], request.url.path
            )
        except ApiError as exc:
            raise ApiError(exc.status, POLICY_TITLE, exc.detail, exc.invalid_parameters) from None
        self.resources.check_access(user, kind)
        await self.state.settled()
        index = self.state.engine.index(request.path_params["mesh"])
        found = selected(index, request.path_params["name"]) if index is not None else None
        if found is None:
            raise not_found(POLICY_TITLE)
        matching = [dp for dp in found if query.name_contains in dp.name]
        end = query.offset + query.size
        page = DataplanesPage(
            len(matching), tuple(matching[query.offset : end]), end if end < len(matching) else None
        )
        url = request.url
        link = next_link(
            url.scheme, request.headers.get("host", url.netloc), url.path, params, page.next_offset
        )
        return json_response(page.to_json(link))

    # --- impact -----------------------------------------------------------------------------------

    async def impact(self, request: Request) -> Response:
        """``POST /meshes/{mesh}/_impact``: preview changes; 400 names each invalid change's field."""
        user = await self.ctx.authenticate(request)
        mesh = str(request.path_params["mesh"])
        await self._existing_mesh(mesh)
        body = await read_body(request, MAX_IMPACT_BYTES)
        try:
            document = parse_json(body)
        except BodyError as exc:
            raise bad_request(f"invalid impact request: {exc}") from None
        upserts, deletes = _request_lists(document)
        planned = await self._plan(user, mesh, upserts, deletes)
        await self.state.settled()
        impact = preview(self.state.engine, mesh, [change for change, _ in planned])
        return json_response(
            {
                "mesh": mesh,
                "changes": [summary for _, summary in planned],
                "dataplanes": impact.dataplanes,
                "total": len(impact.items),
                "items": impact.items,
            }
        )

    async def _plan(
        self, user: User, mesh: str, upserts: Sequence[Any], deletes: Sequence[Any]
    ) -> list[tuple[Change, dict[str, Any]]]:
        """Validate every change (all of them, so that one answer lists every problem)."""
        failures: list[tuple[str, ApiError]] = []
        planned: list[tuple[Change, dict[str, Any]]] = []
        seen: dict[tuple[str, str], str] = {}
        for i, doc in enumerate(upserts):
            where = f"{UPSERT}[{i}]"
            try:
                upsert, summary = await self._plan_upsert(user, mesh, doc)
                _check_twice(seen, (upsert.obj.type, upsert.obj.name), where)
            except ApiError as exc:
                failures.append((where, exc))
                continue
            planned.append((upsert, summary))
        for i, doc in enumerate(deletes):
            where = f"{DELETE}[{i}]"
            try:
                change, summary = await self._plan_delete(user, mesh, doc)
                _check_twice(seen, (change.type, change.name), where)
            except ApiError as exc:
                failures.append((where, exc))
                continue
            planned.append((change, summary))
        if failures:
            raise _combined(failures, len(upserts) + len(deletes))
        return planned

    async def _plan_delete(self, user: User, mesh: str, doc: Any) -> tuple[Delete, dict[str, Any]]:
        if not isinstance(doc, dict):
            raise invalid(IMPACT_TITLE, [Violation("", "must be an object {type, name}")])
        type_name, name = doc.get("type"), doc.get("name")
        violations = [
            Violation(key, "must be a non-empty string")
            for key, value in (("type", type_name), ("name", name))
            if not isinstance(value, str) or not value
        ]
        violations += [
            Violation(key, "unknown field: a delete has type and name")
            for key in doc
            if key not in ("type", "name")
        ]
        if violations:
            raise invalid(IMPACT_TITLE, violations)
        assert isinstance(type_name, str) and isinstance(name, str)
        kind = self._change_kind(type_name, mesh, name)
        self.resources.check_access(user, kind)
        if await self.ctx.store.get(kind.name, mesh if kind.mesh_scoped else "", name) is None:
            where_text = f' in mesh "{mesh}"' if kind.mesh_scoped else ""
            raise invalid(IMPACT_TITLE, [Violation("name", f'no {kind.name} named "{name}"{where_text}')])
        return Delete(kind.name, name), {
            "action": DELETE,
            "type": kind.name,
            "name": name,
            "effect": "delete",
        }

    async def _plan_upsert(self, user: User, mesh: str, doc: Any) -> tuple[Upsert, dict[str, Any]]:
        if not isinstance(doc, dict):
            raise invalid(IMPACT_TITLE, [Violation("", "must be a resource object (type, name, mesh, spec)")])
        type_name = doc.get("type")
        if not isinstance(type_name, str) or not type_name:
            raise invalid(IMPACT_TITLE, [Violation("type", "must be a non-empty string")])
        name = doc.get("name") if isinstance(doc.get("name"), str) else ""
        assert isinstance(name, str)
        kind = self._change_kind(type_name, mesh, name)
        scope = mesh if kind.mesh_scoped else ""
        if kind.read_only:
            raise invalid(
                IMPACT_TITLE, [Violation("type", f"{kind.name} is read-only: the API does not accept it")]
            )
        planned = await self.resources.plan_put(user, kind, scope, name, json.dumps(doc).encode())
        existing = planned.existing
        if existing is None:
            effect = "create"
        elif existing.labels == planned.obj.labels and existing.spec == planned.obj.spec:
            effect = "unchanged"
        else:
            effect = "update"
        summary = {"action": UPSERT, "type": kind.name, "name": name, "effect": effect}
        return Upsert(planned.obj), summary

    def _change_kind(self, type_name: str, mesh: str, name: str) -> KindDescriptor:
        kind = self.ctx.registry.get(type_name)
        if kind is None:
            known = ", ".join(sorted(k.name for k in self.ctx.registry))
            raise invalid(IMPACT_TITLE, [Violation("type", f'unknown type "{type_name}" (one of: {known})')])
        if kind.name == MESH_KIND and name != mesh:
            raise invalid(
                IMPACT_TITLE,
                [Violation("name", f'a preview in mesh "{mesh}" can only change the Mesh "{mesh}"')],
            )
        return kind


def _request_lists(document: Any) -> tuple[list[Any], list[Any]]:
    if not isinstance(document, dict):
        raise invalid(
            IMPACT_TITLE, [Violation("", "the body must be an object {upsert: [...], delete: [...]}")]
        )
    violations = []
    lists: dict[str, list[Any]] = {}
    for key in (UPSERT, DELETE):
        value = document.get(key)
        if value is None:
            lists[key] = []
        elif isinstance(value, list):
            lists[key] = value
        else:
            violations.append(Violation(key, "must be a list"))
    violations += [
        Violation(key, "unknown field: the body has upsert and delete")
        for key in document
        if key not in (UPSERT, DELETE)
    ]
    if violations:
        raise invalid(IMPACT_TITLE, violations)
    return lists[UPSERT], lists[DELETE]


def _check_twice(seen: dict[tuple[str, str], str], key: tuple[str, str], where: str) -> None:
    first = seen.get(key)
    if first is not None:
        raise invalid(IMPACT_TITLE, [Violation("name", f"{key[0]} {key[1]!r} is already changed by {first}")])
    seen[key] = where


def _prefixed(where: str, field: str) -> str:
    if not field:
        return where
    return f"{where}{field}" if field.startswith("[") else f"{where}.{field}"


def _combined(failures: Sequence[tuple[str, ApiError]], count: int) -> ApiError:
    """One error document for every invalid change: each field prefixed with its change."""
    violations: list[Violation] = []
    for where, error in failures:
        if error.invalid_parameters:
            violations += [Violation(_prefixed(where, v.field), v.message) for v in error.invalid_parameters]
        else:
            violations.append(Violation(where, error.detail))
    if len(failures) == 1:
        where, error = failures[0]
        return ApiError(error.status, error.title, f"{where}: {error.detail}", violations)
    names = ", ".join(where for where, _ in failures)
    return ApiError(400, IMPACT_TITLE, f"{len(failures)} of {count} changes are invalid: {names}", violations)


def install_inspect(cp: ControlPlane, distribution: ConfigDistribution) -> InspectEndpoints:
    """Mount the inspect and impact endpoints on a control plane, documented in its OpenAPI."""
    from pulumi_kuma.controlplane.inspect_openapi import inspect_openapi

    settings = cp.settings
    ctx = ApiContext(
        store=cp.store,
        registry=cp.registry,
        tokens=cp.tokens,
        zone=settings.zone,
        read_only=settings.read_only,
        localhost_admin=settings.localhost_admin,
    )
    endpoints = InspectEndpoints(ctx, DistributionState(distribution))
    cp.api_routes.extend(endpoints.routes())
    extra = inspect_openapi(cp.registry)
    cp.api_openapi["paths"].update(extra["paths"])
    cp.api_openapi["schemas"].update(extra["schemas"])
    return endpoints


__all__ = [
    "DistributionState",
    "InspectEndpoints",
    "ResolvedState",
    "install_inspect",
]
