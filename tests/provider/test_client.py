"""The REST client: paths, documents, error classes with field paths, and retries."""

from __future__ import annotations

import httpx
import pytest

from pulumi_kuma.provider.client import (
    ConnectionSettings,
    ControlPlaneUnreachable,
    Forbidden,
    InvalidResource,
    KumaClient,
    NotFound,
    ResourceRef,
    RetryPolicy,
    ServerError,
    Unauthorized,
    build_document,
)
from pulumi_kuma.registry import REGISTRY

MT = REGISTRY.by_name("MeshTimeout")
MESH = REGISTRY.by_name("Mesh")
REF = ResourceRef(MT, "api", "default")


def client_with(
    handler: httpx.MockTransport, sleeps: list[float] | None = None, **settings: object
) -> KumaClient:
    recorded = sleeps if sleeps is not None else []
    return KumaClient(
        ConnectionSettings(address="http://cp.test:5681", **settings),  # type: ignore[arg-type]
        transport=handler,
        sleep=recorded.append,
        retry=RetryPolicy(attempts=4, initial_delay=0.1, max_delay=0.3),
    )


def test_paths_and_names() -> None:
    assert REF.path == "/meshes/default/meshtimeouts/api"
    assert str(REF) == 'MeshTimeout "api" in mesh "default"'
    mesh = ResourceRef(MESH, "prod")
    assert mesh.path == "/meshes/prod"
    assert str(mesh) == 'Mesh "prod"'


def test_documents_new_and_old_layout() -> None:
    spec = {"targetRef": {"kind": "Mesh"}}
    assert build_document(REF, spec, {"team": "a"}) == {
        "type": "MeshTimeout",
        "mesh": "default",
        "name": "api",
        "labels": {"team": "a"},
        "spec": spec,
    }
    # Old kinds: the spec's fields sit beside the meta.
    assert build_document(ResourceRef(MESH, "prod"), {"skipCreatingInitialPolicies": ["*"]}) == {
        "type": "Mesh",
        "name": "prod",
        "skipCreatingInitialPolicies": ["*"],
    }


def test_put_sends_token_and_reports_created_and_warnings() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(201, json={"warnings": ["field x is deprecated"]})

    client = client_with(httpx.MockTransport(handler), token="tok")
    result = client.put(REF, {"targetRef": {"kind": "Mesh"}})
    assert result.created is True
    assert result.warnings == ["field x is deprecated"]
    assert seen[0].method == "PUT"
    assert seen[0].url.path == "/meshes/default/meshtimeouts/api"
    assert seen[0].headers["authorization"] == "Bearer tok"


def test_validation_error_names_resource_and_fields() -> None:
    body = {
        "type": "/std-errors",
        "status": 400,
        "title": "Could not process a resource",
        "detail": "Resource is not valid",
        "invalid_parameters": [
            {"field": "spec.targetRef.kind", "reason": "in body should be one of [Mesh Dataplane]"}
        ],
    }
    client = client_with(httpx.MockTransport(lambda r: httpx.Response(400, json=body)))
    with pytest.raises(InvalidResource) as info:
        client.put(REF, {})
    error = info.value
    assert error.status == 400
    assert [(v.field, v.message) for v in error.violations] == [
        ("spec.targetRef.kind", "in body should be one of [Mesh Dataplane]")
    ]
    text = str(error)
    assert 'MeshTimeout "api" in mesh "default"' in text
    assert "spec.targetRef.kind: in body should be one of [Mesh Dataplane]" in text


def test_legacy_causes_are_read_too() -> None:
    body = {
        "title": "bad",
        "details": "Resource is not valid",
        "causes": [{"field": "name", "message": "invalid"}],
    }
    client = client_with(httpx.MockTransport(lambda r: httpx.Response(400, json=body)))
    with pytest.raises(InvalidResource) as info:
        client.put(REF, {})
    assert [str(v) for v in info.value.violations] == ["name: invalid"]


@pytest.mark.parametrize(
    ("status", "error", "hint"),
    [(401, Unauthorized, "kuma:token"), (403, Forbidden, "admin"), (404, NotFound, "")],
)
def test_status_classes(status: int, error: type[Exception], hint: str) -> None:
    client = client_with(httpx.MockTransport(lambda r: httpx.Response(status, json={"title": "x"})))
    with pytest.raises(error) as info:
        client.get(REF)
    assert hint in str(info.value)


def test_retries_5xx_and_409_then_succeeds() -> None:
    answers = [503, 409, 500, 200]

    def handler(request: httpx.Request) -> httpx.Response:
        status = answers.pop(0)
        return httpx.Response(status, json={"type": "MeshTimeout", "name": "api"} if status == 200 else {})

    sleeps: list[float] = []
    client = client_with(httpx.MockTransport(handler), sleeps)
    assert client.get(REF)["name"] == "api"
    assert sleeps == [0.1, 0.2, 0.3]  # exponential, capped


def test_gives_up_after_the_attempts_with_the_last_error() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(503, json={"title": "Service unavailable"})

    client = client_with(httpx.MockTransport(handler))
    with pytest.raises(ServerError) as info:
        client.get(REF)
    assert len(calls) == 4
    assert "after 4 attempts" in str(info.value)


def test_connection_errors_are_retried_then_reported() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        raise httpx.ConnectError("connection refused", request=request)

    client = client_with(httpx.MockTransport(handler))
    with pytest.raises(ControlPlaneUnreachable) as info:
        client.put(REF, {})
    assert len(calls) == 4
    assert "http://cp.test:5681" in str(info.value)
    assert "kuma:address" in str(info.value)


def test_400_is_not_retried() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(400, json={})

    with pytest.raises(InvalidResource):
        client_with(httpx.MockTransport(handler)).put(REF, {})
    assert len(calls) == 1


def test_list_follows_pages() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.params.get("offset") == "1":
            return httpx.Response(200, json={"total": 2, "items": [{"name": "b"}], "next": None})
        return httpx.Response(
            200,
            json={"total": 2, "items": [{"name": "a"}], "next": "http://cp.test:5681/meshtimeouts?offset=1"},
        )

    assert [i["name"] for i in client_with(httpx.MockTransport(handler)).list(MT)] == ["a", "b"]
