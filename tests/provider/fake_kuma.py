"""A small in-memory Kuma REST API on a real loopback port, for the provider's fast tests.

It follows Kuma's documented behaviour (``notes/kuma-api-and-xds.md`` §1): PUT upserts (201 on
create, 200 on update), the body must repeat type/mesh/name, validation errors are 400 with
``invalid_parameters``, writing into a mesh that does not exist is 400, unknown resources are 404,
labels are computed (``kuma.io/display-name``, ``kuma.io/mesh``, ...), defaults are applied and
durations are stored re-rendered the way Go prints them (``90s`` → ``1m30s``). Tests can make the
next requests fail with a status (``fail_next``) to exercise retries.

The slow tests run the same scenarios against the real ``pulumi-kuma cp run``.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from pulumi_kuma.model.duration import InvalidDuration, normalize_duration
from pulumi_kuma.model.registry import KindDescriptor
from pulumi_kuma.model.schema import ListNode, MapNode, ModelNode, Node, StringNode, compile_model
from pulumi_kuma.model.validation import validate_document
from pulumi_kuma.registry import REGISTRY


def _go_durations(node: Node, value: Any) -> Any:
    if isinstance(node, StringNode) and node.duration and isinstance(value, str):
        try:
            return normalize_duration(value)
        except InvalidDuration:
            return value
    if isinstance(node, ModelNode) and isinstance(value, dict):
        fields = {f.alias: f.node for f in node.fields}
        return {k: _go_durations(fields[k], v) if k in fields else v for k, v in value.items()}
    if isinstance(node, ListNode) and isinstance(value, list):
        return [_go_durations(node.item, v) for v in value]
    if isinstance(node, MapNode) and isinstance(value, dict):
        return {k: _go_durations(node.value, v) for k, v in value.items()}
    return value


def _error(status: int, title: str, detail: str, params: list[dict[str, str]] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"type": "/std-errors", "status": status, "title": title, "detail": detail}
    if params:
        body["invalid_parameters"] = params
        body["causes"] = [{"field": p["field"], "message": p["reason"]} for p in params]
    return JSONResponse(body, status_code=status)


@dataclass
class Stored:
    kind: KindDescriptor
    mesh: str | None
    name: str
    labels: dict[str, str]
    spec: dict[str, Any]
    created: str
    modified: str


@dataclass
class FakeKuma:
    """The fake control plane's state and controls."""

    resources: dict[tuple[str, str, str], Stored] = field(default_factory=dict)
    failures: list[int] = field(default_factory=list)
    requests: list[tuple[str, str]] = field(default_factory=list)
    token: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fail_next(self, status: int, count: int = 1) -> None:
        """Answer the next ``count`` resource requests with ``status``."""
        with self.lock:
            self.failures.extend([status] * count)

    def get(self, kind: str, name: str, mesh: str | None = None) -> Stored | None:
        return self.resources.get((kind, mesh or "", name))

    def put_raw(self, kind_name: str, name: str, spec: dict[str, Any], mesh: str | None = None) -> None:
        """Store a resource directly (an out-of-band change)."""
        kind = REGISTRY.by_name(kind_name)
        now = _now()
        existing = self.get(kind_name, name, mesh)
        self.resources[(kind_name, mesh or "", name)] = Stored(
            kind,
            mesh,
            name,
            existing.labels if existing else _computed_labels(kind, name, mesh, {}),
            spec,
            existing.created if existing else now,
            now,
        )

    def delete_raw(self, kind_name: str, name: str, mesh: str | None = None) -> None:
        self.resources.pop((kind_name, mesh or "", name), None)


def _now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


def _computed_labels(
    kind: KindDescriptor, name: str, mesh: str | None, labels: dict[str, str]
) -> dict[str, str]:
    out = dict(labels)
    out.setdefault("kuma.io/display-name", name)
    out.setdefault("kuma.io/origin", "zone")
    out.setdefault("kuma.io/env", "universal")
    out.setdefault("kuma.io/zone", "default")
    if kind.mesh_scoped:
        out.setdefault("kuma.io/mesh", mesh or "")
    return dict(sorted(out.items()))


def _document(item: Stored) -> dict[str, Any]:
    doc: dict[str, Any] = {"type": item.kind.name}
    if item.kind.mesh_scoped:
        doc["mesh"] = item.mesh
    doc["name"] = item.name
    doc["creationTime"] = item.created
    doc["modificationTime"] = item.modified
    doc["labels"] = item.labels
    if item.kind.legacy_layout:
        doc.update(item.spec)
    else:
        kri = item.kind.kri(item.mesh, item.labels, item.name)
        if kri:
            doc["kri"] = kri
        doc["spec"] = item.spec
    return doc


def build_app(fake: FakeKuma) -> Starlette:
    """The Starlette app serving the fake's API."""

    def gate(request: Request) -> JSONResponse | None:
        fake.requests.append((request.method, request.url.path))
        with fake.lock:
            status = fake.failures.pop(0) if fake.failures else None
        if status is not None:
            return _error(status, "Injected failure", f"status {status}")
        if fake.token and request.headers.get("authorization") != f"Bearer {fake.token}":
            return _error(401, "Unauthorized", "Invalid authentication data")
        return None

    async def index(request: Request) -> JSONResponse:
        return JSONResponse({"product": "Kuma (fake)", "version": "3.0.0", "hostname": "fake"})

    async def item(request: Request) -> JSONResponse:
        failed = gate(request)
        if failed is not None:
            return failed
        params = request.path_params
        kind = REGISTRY.by_plural(params["plural"])
        if kind is None:
            return _error(404, "Not found", f"unknown resource type {params['plural']}")
        mesh = params.get("mesh")
        if kind.mesh_scoped != (mesh is not None):
            return _error(404, "Not found", "wrong scope")
        key = (kind.name, mesh or "", params["name"])
        if request.method == "GET":
            stored = fake.resources.get(key)
            if stored is None:
                return _error(404, "Could not retrieve a resource", "Not found")
            return JSONResponse(_document(stored))
        if request.method == "DELETE":
            if fake.resources.pop(key, None) is None:
                return _error(404, "Could not delete a resource", "Not found")
            return JSONResponse({})
        body = await request.json()
        for field_name, expected in (("type", kind.name), ("name", params["name"]), ("mesh", mesh)):
            if expected is not None and body.get(field_name) != expected:
                return _error(
                    400,
                    "Could not process a resource",
                    f"{field_name} from the URL has to be the same as in body",
                )
        if kind.mesh_scoped and (kind.name != "Mesh") and ("Mesh", "", mesh) not in fake.resources:
            return _error(
                400,
                "Could not process a resource",
                "Mesh is not found",
                [{"field": "mesh", "reason": "mesh of name " + str(mesh) + " is not found"}],
            )
        result = validate_document(body, REGISTRY)
        if result.violations:
            params_ = [{"field": v.field, "reason": v.message} for v in result.violations]
            return _error(400, "Could not process a resource", "Resource is not valid", params_)
        existing = fake.resources.get(key)
        now = _now()
        spec = _go_durations(compile_model(kind.spec_model), result.spec)
        labels = _computed_labels(kind, params["name"], mesh, dict(body.get("labels") or {}))
        fake.resources[key] = Stored(
            kind, mesh, params["name"], labels, spec, existing.created if existing else now, now
        )
        return JSONResponse({}, status_code=200 if existing else 201)

    async def listing(request: Request) -> JSONResponse:
        failed = gate(request)
        if failed is not None:
            return failed
        kind = REGISTRY.by_plural(request.path_params["plural"])
        mesh = request.path_params.get("mesh")
        if kind is None:
            return _error(404, "Not found", "unknown type")
        items = [
            _document(s)
            for s in fake.resources.values()
            if s.kind is kind and (mesh is None or s.mesh == mesh)
        ]
        return JSONResponse({"total": len(items), "items": items, "next": None})

    routes = [
        Route("/", index),
        Route("/meshes/{mesh}/{plural}/{name}", item, methods=["GET", "PUT", "DELETE"]),
        Route("/meshes/{mesh}/{plural}", listing),
        Route("/{plural}/{name}", item, methods=["GET", "PUT", "DELETE"]),
        Route("/{plural}", listing),
    ]
    return Starlette(routes=routes)


class FakeKumaServer:
    """Serves a :class:`FakeKuma` on a free loopback port in a background thread."""

    def __init__(self, fake: FakeKuma | None = None) -> None:
        self.fake = fake or FakeKuma()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self.port = self._sock.getsockname()[1]
        self.address = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(build_app(self.fake), log_level="warning", lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        asyncio.run(self._server.serve(sockets=[self._sock]))

    def start(self) -> FakeKumaServer:
        self._thread.start()
        while not self._server.started:
            threading.Event().wait(0.01)
        # Kuma creates the default mesh on start.
        self.fake.put_raw("Mesh", "default", {})
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=5)
        self._sock.close()
