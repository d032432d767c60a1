"""Resource endpoints for every registered kind: get, list, upsert (PUT) and delete.

A PUT goes through Kuma's stages in Kuma's order, so that a client sees the same status, title
and violations as from kuma-cp:

1. decode the body (400 "Bad Request" in Go's words), then the spec: schema defaults and checks,
   decoding, the kind's validator (400 "Could not process a resource");
2. the request's meta against the URL, the labels, name and mesh syntax (same title);
3. access (403 for admin-only kinds), then the computed labels and the rules that need the final
   meta, such as DNS-1035 names (400 "Failed to create a resource" / "... update ...");
4. the write, conditioned on the version read before step 2 (or on the client's ``If-Match``), so
   that a concurrent writer in between makes it fail with 409 instead of being overwritten.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from pulumi_kuma.controlplane.api.cache import Rendered, ResponseCache, render
from pulumi_kuma.controlplane.api.context import ApiContext, json_response, read_body
from pulumi_kuma.controlplane.api.decode import BodyError, meta_type_errors, parse_json, schema_meta_errors
from pulumi_kuma.controlplane.api.errors import ApiError, bad_request, invalid, method_not_allowed, not_found
from pulumi_kuma.controlplane.api.labels import (
    compute_labels,
    immutable_label_violations,
    request_label_violations,
)
from pulumi_kuma.controlplane.api.listing import next_link, paginate, parse_list_query
from pulumi_kuma.controlplane.auth import User, require_admin
from pulumi_kuma.controlplane.store.base import MESH_TYPE, AlreadyExists, Conflict, NotFound
from pulumi_kuma.model.envelope import ResourceObject, now, split_document, to_rest
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.names import dns1035_label_errors
from pulumi_kuma.model.registry import KindDescriptor
from pulumi_kuma.model.validation import MESH_NAME_MESSAGE, NAME_MESSAGE, ingest_spec

PROCESS_TITLE = "Could not process a resource"
RETRIEVE_TITLE = "Could not retrieve a resource"
MESH_TITLE = "Failed to retrieve Mesh"
DELETE_TITLE = "Could not delete a resource"
MESH_KIND = MESH_TYPE
DEFAULT_MESH = "default"
MESH_CACHE_SECONDS = 1.0

_MESH_NAME_CHARS = frozenset("0123456789abcdefghijklmnopqrstuvwxyz-_.")
_RFC1123_SUBDOMAIN = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")


def _identifier_violation(field: str, value: str, *, mesh: bool) -> list[Violation]:
    """Kuma's ``ValidateMeta``: empty, too long, or bad characters (first failing rule only)."""
    if value == "":
        return [Violation(field, "cannot be empty")]
    if len(value) > 253:
        return [Violation(field, "value length must less or equal 253")]
    if mesh:
        if not set(value) <= _MESH_NAME_CHARS:
            return [Violation(field, MESH_NAME_MESSAGE)]
        return []
    if not _RFC1123_SUBDOMAIN.fullmatch(value):
        return [Violation(field, NAME_MESSAGE)]
    return []


def _etag(obj: ResourceObject) -> dict[str, str]:
    return {"etag": f'"{obj.version}"'}


def _if_match(request: Request) -> int | None:
    """The version a client conditions its write on (``If-Match: "7"``), if any."""
    raw = request.headers.get("if-match")
    if raw is None:
        return None
    text = raw.strip().removeprefix("W/").strip('"')
    if not text.isdigit():
        raise invalid(PROCESS_TITLE, [Violation("If-Match", 'must be a version ETag such as "3"')])
    return int(text)


class _RenderedResponse(Response):
    """A ``200`` with a body and headers rendered before (no per-request header building)."""

    def __init__(self, rendered: Rendered) -> None:
        self.status_code = 200
        self.background = None
        self.body = rendered.body
        self.raw_headers = list(rendered.headers)


class ResourceEndpoints:
    """The CRUD handlers; routes call them with the kind's REST plural in the path.

    With a :class:`ResponseCache` (stores that report every write before it returns), a resource is
    rendered once per version and :meth:`cached_get` answers repeated reads without the handlers."""

    def __init__(self, ctx: ApiContext, cache: ResponseCache | None = None) -> None:
        self.ctx = ctx
        self.cache = cache
        # Meshes seen to exist, and until when that may be trusted (Kuma also caches reads for 1 s).
        self._known_meshes: dict[str, float] = {}

    # --- lookups ----------------------------------------------------------------------------

    def kind_for(self, plural: str, *, in_mesh: bool) -> KindDescriptor:
        """The kind served at ``plural``; mesh-scoped kinds only under ``/meshes/{mesh}/``."""
        kind = self.ctx.registry.by_plural(plural)
        if kind is None or (in_mesh and not kind.mesh_scoped):
            raise ApiError(404, "Not Found", f"no resource type is served at this path ({plural})")
        return kind

    async def existing_mesh(self, mesh: str) -> None:
        """404 "Failed to retrieve Mesh" unless the mesh exists (Kuma checks it on every mesh path).

        A mesh seen a moment ago is trusted for :data:`MESH_CACHE_SECONDS` (deleting it here
        forgets it at once; a delete through another replica shows within that time). Creating a
        resource always reads the mesh afresh."""
        checked = time.monotonic()
        if self._known_meshes.get(mesh, 0.0) > checked:
            return
        if await self.ctx.store.get(MESH_KIND, "", mesh) is None:
            self._known_meshes.pop(mesh, None)
            raise not_found(MESH_TITLE)
        if len(self._known_meshes) > 10_000:
            self._known_meshes.clear()
        self._known_meshes[mesh] = checked + MESH_CACHE_SECONDS

    @staticmethod
    def check_access(user: User, kind: KindDescriptor) -> None:
        """Admin-only kinds (secrets) need an admin for every operation."""
        if kind.admin_only:
            require_admin(user, f'the resource of type "{kind.name}"')

    def check_writable(self, kind: KindDescriptor) -> None:
        if self.ctx.read_only or kind.read_only:
            raise method_not_allowed()

    # --- handlers ---------------------------------------------------------------------------

    async def get(self, request: Request, kind: KindDescriptor, mesh: str, name: str) -> Response:
        """``GET /meshes/{mesh}/{plural}/{name}`` and ``GET /{plural}/{name}``."""
        user = await self.ctx.authenticate(request)
        if kind.mesh_scoped:
            await self.existing_mesh(mesh)
        self.check_access(user, kind)
        _check_format(request)
        rendered = await self._rendered(kind, mesh, name)
        if rendered is None:
            raise not_found(RETRIEVE_TITLE)
        return _RenderedResponse(rendered)

    async def _rendered(self, kind: KindDescriptor, mesh: str, name: str) -> Rendered | None:
        cache = self.cache
        if cache is None:
            obj = await self.ctx.store.get(kind.name, mesh, name)
            return None if obj is None else render(kind, obj)
        key = (kind.name, mesh, name)
        rendered = cache.get(key)
        if rendered is not None:
            return rendered
        mark = cache.mark()
        obj = await self.ctx.store.get(kind.name, mesh, name)
        if obj is None:
            return None
        rendered = render(kind, obj)
        cache.put(key, rendered, mark)
        return rendered

    def cached_get(self, plural: str, mesh: str | None, name: str) -> Rendered | None:
        """The answer :meth:`get` would give, when it is cached and nothing about the request could
        change it; None sends the request through the handlers.

        For ``GET /meshes/{mesh}/{plural}/{name}`` (``mesh`` given) or ``GET /{plural}/{name}``
        (``mesh`` None) without a query and without an ``Authorization`` header: the caller is then
        the admin or anonymous, who may read every kind that is not admin-only, and :meth:`get`
        answers the same to both. The mesh must have been seen to exist within
        :data:`MESH_CACHE_SECONDS`, as :meth:`existing_mesh` requires."""
        cache = self.cache
        if cache is None:
            return None
        kind = self.ctx.registry.by_plural(plural)
        if kind is None or kind.admin_only or kind.mesh_scoped != (mesh is not None):
            return None
        if mesh is None:
            return cache.get((kind.name, "", name))
        if self._known_meshes.get(mesh, 0.0) <= time.monotonic():
            return None
        return cache.get((kind.name, mesh, name))

    async def list_resources(
        self, request: Request, kind: KindDescriptor, mesh: str | None, route_path: str
    ) -> Response:
        """``GET /meshes/{mesh}/{plural}`` (one mesh) and ``GET /{plural}`` (every mesh)."""
        params = request.query_params.multi_items()
        query = parse_list_query(params, route_path)
        user = await self.ctx.authenticate(request)
        if mesh is not None:
            await self.existing_mesh(mesh)
        self.check_access(user, kind)
        objects = await self.ctx.store.list(kind.name, mesh)
        page = paginate(objects, query)
        url = request.url
        return json_response(
            {
                "total": page.total,
                "items": [to_rest(kind, obj) for obj in page.items],
                "next": next_link(
                    url.scheme, request.headers.get("host", url.netloc), url.path, params, page.next_offset
                ),
            }
        )

    async def delete(self, request: Request, kind: KindDescriptor, mesh: str, name: str) -> Response:
        """``DELETE``: 200 ``{}``; a Mesh takes everything in it along (the store cascades)."""
        self.check_writable(kind)
        user = await self.ctx.authenticate(request)
        if kind.mesh_scoped:
            await self.existing_mesh(mesh)
        obj = await self.ctx.store.get(kind.name, mesh, name)
        if obj is None:
            raise not_found(DELETE_TITLE)
        self.check_access(user, kind)
        if kind.name == MESH_KIND:
            self._known_meshes.pop(name, None)
        try:
            await self.ctx.store.delete(kind.name, mesh, name)
        except NotFound:
            raise not_found(DELETE_TITLE) from None
        return json_response({})

    async def put(self, request: Request, kind: KindDescriptor, mesh: str, name: str) -> Response:
        """Upsert: 201 ``{}`` when created, 200 ``{}`` when updated."""
        self.check_writable(kind)
        user = await self.ctx.authenticate(request)
        expected_version = _if_match(request)
        body = await read_body(request)
        planned = await self.plan_put(user, kind, mesh, name, body)
        if planned.existing is None:
            if expected_version is not None:
                raise _conflict(kind, mesh, name)
            try:
                created = await self.ctx.store.create(planned.obj)
            except AlreadyExists:
                raise ApiError(409, "Conflict", _store_message("already exists", kind, mesh, name)) from None
            return json_response({}, 201, headers=_etag(created))
        version = planned.existing.version if expected_version is None else expected_version
        try:
            updated = await self.ctx.store.update(planned.obj, version)
        except (Conflict, NotFound):
            raise _conflict(kind, mesh, name) from None
        return json_response({}, 200, headers=_etag(updated))

    async def plan_put(
        self, user: User, kind: KindDescriptor, mesh: str, name: str, body: bytes
    ) -> PlannedPut:
        """Every check of a PUT of ``body`` to the kind's item path, without the write: the object the
        store would hold afterwards (with its computed labels), or the :class:`ApiError` the PUT
        answers. ``mesh`` is ``""`` for global kinds."""
        doc, spec = self._decode(kind, body)
        existing = await self.ctx.store.get(kind.name, mesh, name)
        labels: dict[str, str] = doc.get("labels") or {}
        body_mesh = doc.get("mesh") or ""
        violations = self._request_violations(kind, doc, mesh, name, labels, body_mesh)
        if violations:
            raise invalid(PROCESS_TITLE, violations)
        self.check_access(user, kind)
        if existing is None:
            return PlannedPut(await self._planned_create(kind, mesh, name, labels, spec), None)
        return PlannedPut(self._planned_update(kind, existing, labels, spec), existing)

    # --- PUT stages -------------------------------------------------------------------------

    def _decode(self, kind: KindDescriptor, body: bytes) -> tuple[dict[str, Any], _Spec]:
        """Stage 1: JSON, meta types, the kind's ``type`` (new-style kinds), then the spec."""
        try:
            doc = parse_json(body)
        except BodyError as exc:
            raise bad_request(f'invalid {kind.name} object: "{exc}"') from None
        meta_schema: list[Violation] = []
        if not kind.legacy_layout and isinstance(doc, dict):
            # New-style kinds check the whole object against their schema, meta included.
            meta_schema = schema_meta_errors(doc)
            for required in ("type", "name", "spec"):
                if doc.get(required) is None:
                    meta_schema.append(Violation("", f"{required} in body is required"))
            if doc.get("type") is not None and doc.get("type") != kind.name:
                meta_schema.append(Violation("", f"type in body should be one of [{kind.name}]"))
            if kind.mesh_scoped and doc.get("mesh") is None:
                doc["mesh"] = DEFAULT_MESH  # the schema's default
        if not meta_schema:
            message = meta_type_errors(doc)
            if message is not None:
                raise bad_request(f'invalid {kind.name} object: "{message}"')
        name = doc.get("name") if isinstance(doc.get("name"), str) else ""
        labels = doc.get("labels") if isinstance(doc.get("labels"), dict) else {}
        mesh = doc.get("mesh") if isinstance(doc.get("mesh"), str) else None
        result = ingest_spec(
            kind, split_document(kind, doc), mode="rest", name=name, mesh=mesh, labels=labels
        )
        if meta_schema or result.model is None:
            schema = meta_schema + (result.violations if result.model is None else [])
            raise invalid(PROCESS_TITLE, sorted(schema, key=_schema_order))
        # Rules on the resource's own name only run once the meta is final (stage 3), as in Kuma.
        deferred = [v for v in result.violations if _is_name_rule(v)]
        now_wrong = [v for v in result.violations if not _is_name_rule(v)]
        if now_wrong:
            raise invalid(PROCESS_TITLE, now_wrong)
        return doc, _Spec(result.spec, deferred)

    def _request_violations(
        self,
        kind: KindDescriptor,
        doc: dict[str, Any],
        mesh: str,
        name: str,
        labels: dict[str, str],
        body_mesh: str,
    ) -> list[Violation]:
        """Stage 2: the body's meta must match the URL; labels, name and mesh syntax."""
        out: list[Violation] = []
        body_name = doc.get("name") or ""
        if body_name != name:
            out.append(Violation("name", "name from the URL has to be the same as in body"))
        if doc.get("type") != kind.name:
            out.append(Violation("type", "type from the URL has to be the same as in body"))
        if kind.mesh_scoped and body_mesh != mesh:
            out.append(Violation("mesh", "mesh from the URL has to be the same as in body"))
        out.extend(request_label_violations(kind, labels, body_mesh, self.ctx.zone))
        out.extend(_identifier_violation("name", body_name, mesh=False))
        if kind.mesh_scoped:
            out.extend(_identifier_violation("mesh", body_mesh, mesh=True))
        return out

    def _final_violations(self, kind: KindDescriptor, name: str, spec: _Spec) -> list[Violation]:
        """Stage 3 rules: the name as the stored resource will have it (DNS-1035 kinds)."""
        out: list[Violation] = []
        if kind.dns1035_name:
            out.extend(Violation("name", message) for message in dns1035_label_errors(name))
        out.extend(v for v in spec.deferred if v not in out)
        return out

    async def _planned_create(
        self, kind: KindDescriptor, mesh: str, name: str, labels: dict[str, str], spec: _Spec
    ) -> ResourceObject:
        label_check = kind.extras.get("rest_label_check")  # Dataplane: the kuma.io/workload label
        if label_check is not None:
            problem = label_check(labels)
            if problem is not None:
                raise bad_request(f"bad request: {problem}")
        violations = self._final_violations(kind, name, spec)
        if violations:
            raise invalid("Failed to create a resource", violations)
        if kind.mesh_scoped and await self.ctx.store.get(MESH_KIND, "", mesh) is None:
            raise ApiError(
                400,
                "Could not create a resource",
                "Mesh is not found",
                [Violation("mesh", f"mesh of name {mesh} is not found")],
            )
        timestamp = now()
        return ResourceObject(
            type=kind.name,
            name=name,
            mesh=mesh if kind.mesh_scoped else None,
            labels=compute_labels(kind, labels, mesh, name, self.ctx.zone),
            spec=spec.json,
            creation_time=timestamp,
            modification_time=timestamp,
        )

    def _planned_update(
        self, kind: KindDescriptor, existing: ResourceObject, labels: dict[str, str], spec: _Spec
    ) -> ResourceObject:
        mesh = existing.mesh or ""
        zone = self.ctx.zone
        current = compute_labels(kind, existing.labels, mesh, existing.name, zone)
        new_labels = compute_labels(kind, labels, mesh, existing.name, zone)
        immutable = immutable_label_violations(current, new_labels)
        if immutable:
            raise invalid("Could not update a resource", immutable)
        violations = self._final_violations(kind, existing.name, spec)
        if violations:
            raise invalid("Failed to update a resource", violations)
        return existing.evolve(labels=new_labels, spec=spec.json, modification_time=now())


@dataclass(frozen=True, slots=True)
class PlannedPut:
    """What a PUT that passed every check would write."""

    obj: ResourceObject
    """The object as the store would hold it (computed labels included)."""
    existing: ResourceObject | None
    """The stored object it replaces, or None for a create."""


class _Spec:
    """A spec that passed stage 1, and the name rules held back for stage 3."""

    __slots__ = ("deferred", "json")

    def __init__(self, json: dict[str, Any], deferred: list[Violation]) -> None:
        self.json = json
        self.deferred = deferred


def _schema_order(violation: Violation) -> str:
    """Kuma sorts schema errors by their text ("<field> <message>"), its validator walks a Go map."""
    return f"{violation.field} {violation.message}" if violation.field else violation.message


def _is_name_rule(violation: Violation) -> bool:
    return violation.field == "name"


def _store_message(what: str, kind: KindDescriptor, mesh: str, name: str) -> str:
    return f'resource {what}: type="{kind.name}" name="{name}" mesh="{mesh}"'


def _conflict(kind: KindDescriptor, mesh: str, name: str) -> ApiError:
    return ApiError(409, "Conflict", _store_message("conflict", kind, mesh, name))


def _check_format(request: Request) -> None:
    fmt = request.query_params.get("format", "")
    if fmt in ("", "universal"):
        return
    if fmt in ("k8s", "kubernetes"):
        raise bad_request("bad request: the Kubernetes format is not served by this control plane")
    raise invalid(RETRIEVE_TITLE, [Violation("format", "must be one of: k8s, kubernetes, universal")])
