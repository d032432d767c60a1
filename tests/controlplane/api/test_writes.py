"""PUT and DELETE: upsert, Kuma's error documents, labels, 413, optimistic concurrency, cascade."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from pulumi_kuma.controlplane.store.base import Store
from pulumi_kuma.model.envelope import ResourceObject
from tests.conftest import CONFORMANCE
from tests.controlplane.api.conftest import Api, timeout_policy

TESTDATA = CONFORMANCE / "api-server" / "testdata"
PATH = "/meshes/default/meshtimeouts/t1"


def golden(name: str) -> Any:
    return json.loads((TESTDATA / name).read_text())


async def test_put_creates_then_updates(admin: httpx.AsyncClient) -> None:
    created = await admin.put(PATH, json=timeout_policy("t1"))
    assert (created.status_code, created.json(), created.headers["etag"]) == (201, {}, '"1"')
    updated = await admin.put(PATH, json=timeout_policy("t1", idle="20s"))
    assert (updated.status_code, updated.json(), updated.headers["etag"]) == (200, {}, '"2"')
    got = await admin.get(PATH)
    body = got.json()
    assert got.headers["etag"] == '"2"'
    assert body["spec"]["to"][0]["default"]["idleTimeout"] == "20s"
    assert body["labels"] == {
        "kuma.io/display-name": "t1",
        "kuma.io/env": "universal",
        "kuma.io/mesh": "default",
        "kuma.io/origin": "zone",
        "kuma.io/zone": "default",
    }
    assert body["kri"] == "kri_mt_default_default__t1_"
    assert body["creationTime"] <= body["modificationTime"]
    assert list(body) == ["type", "mesh", "name", "creationTime", "modificationTime", "labels", "kri", "spec"]
    deleted = await admin.delete(PATH)
    assert (deleted.status_code, deleted.json()) == (200, {})
    again = await admin.delete(PATH)
    assert again.status_code == 404
    assert again.json() == golden("resource-delete_not-found.golden.json")


async def test_mesh_scoped_write_needs_the_mesh(admin: httpx.AsyncClient) -> None:
    response = await admin.put("/meshes/missing/meshtimeouts/t1", json=timeout_policy("t1", mesh="missing"))
    assert response.status_code == 400
    expected = golden("resource_mesh-not-found.golden.json")
    expected["invalid_parameters"][0]["reason"] = "mesh of name missing is not found"
    expected["causes"][0]["message"] = "mesh of name missing is not found"
    assert response.json() == expected


async def test_meta_must_match_the_url(admin: httpx.AsyncClient) -> None:
    doc = {
        "type": "Dataplane",
        "mesh": "def$ault",
        "name": "dp-1$",
        "networking": {"address": "10.0.0.1", "inbound": [{"port": 8080}]},
    }
    response = await admin.put("/meshes/default/dataplanes/dp-1$", json=doc)
    assert response.status_code == 400
    assert response.json() == golden("resource_name-mesh.golden.json")


async def test_mesh_label_must_match_the_mesh(admin: httpx.AsyncClient) -> None:
    doc = {
        "type": "MeshTrafficPermission",
        "mesh": "default",
        "name": "mtp-1",
        "labels": {"kuma.io/mesh": "some-other-mesh", "kuma.io/origin": "zone"},
        "spec": {
            "targetRef": {"kind": "Mesh"},
            "rules": [
                {"default": {"allow": [{"spiffeID": {"type": "Prefix", "value": "spiffe://default"}}]}}
            ],
        },
    }
    response = await admin.put("/meshes/default/meshtrafficpermissions/mtp-1", json=doc)
    assert response.status_code == 400
    assert response.json() == golden("resource_400onmeshlabeldiffer.golden.json")


@pytest.mark.parametrize(
    ("labels", "field", "reason"),
    [
        ({"kuma.io/origin": "elsewhere"}, 'labels["kuma.io/origin"]', 'unknown resource origin "elsewhere"'),
        ({"kuma.io/zone": "z2"}, 'labels["kuma.io/zone"]', "kuma.io/zone label should have default value"),
        (
            {"kuma.io/policy-role": "consumer"},
            'labels["kuma.io/policy-role"]',
            "kuma.io/policy-role label should have system value, got consumer",
        ),
        ({"Bad Key": "v"}, 'labels["Bad Key"]', None),
    ],
)
async def test_label_rules(
    admin: httpx.AsyncClient, labels: dict[str, str], field: str, reason: str | None
) -> None:
    response = await admin.put(PATH, json=timeout_policy("t1", labels=labels))
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["title"] == "Could not process a resource"
    assert body["invalid_parameters"][0]["field"] == field
    if reason is not None:
        assert body["invalid_parameters"][0]["reason"] == reason


async def test_computed_labels_win_and_the_zone_label_is_fixed(admin: httpx.AsyncClient, api: Api) -> None:
    doc = timeout_policy(
        "t1", labels={"kuma.io/display-name": "other", "kuma.io/origin": "global", "team": "a"}
    )
    assert (await admin.put(PATH, json=doc)).status_code == 201
    labels = (await admin.get(PATH)).json()["labels"]
    assert labels["kuma.io/display-name"] == "t1"
    assert labels["kuma.io/origin"] == "zone"
    assert labels["team"] == "a"
    # A global-origin request may name any zone, but the stored zone label cannot change.
    moved = timeout_policy("t1", labels={"kuma.io/origin": "global", "kuma.io/zone": "z2"})
    response = await admin.put(PATH, json=moved)
    assert response.status_code == 400
    assert response.json()["title"] == "Could not update a resource"
    assert response.json()["invalid_parameters"] == [
        {
            "field": 'labels["kuma.io/zone"]',
            "reason": 'is immutable, cannot be changed from "default" to "z2"',
        }
    ]
    # Mesh does not get zone labels: a zone does not own meshes.
    assert (await admin.put("/meshes/m2", json={"type": "Mesh", "name": "m2"})).status_code == 201
    assert (await admin.get("/meshes/m2")).json()["labels"] == {
        "kuma.io/display-name": "m2",
        "kuma.io/origin": "zone",
    }


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (b'{"type": "MeshTimeout",', 'invalid MeshTimeout object: "unexpected end of JSON input"'),
        (
            b"{,}",
            "invalid MeshTimeout object: \"invalid character ',' looking for beginning of object key string\"",
        ),
        (b'{"a": 1} x', "invalid MeshTimeout object: \"invalid character 'x' after top-level value\""),
        (
            b"[1, 2]",
            'invalid MeshTimeout object: "json: cannot unmarshal array into Go value of type map[string]interface {}"',
        ),
        (
            b'{"a": NaN}',
            "invalid MeshTimeout object: \"invalid character 'N' looking for beginning of value\"",
        ),
        (
            b"\xff\xfe",
            "invalid MeshTimeout object: \"invalid character '\u00ff' looking for beginning of value\"",
        ),
    ],
)
async def test_malformed_bodies(admin: httpx.AsyncClient, body: bytes, detail: str) -> None:
    response = await admin.put(PATH, content=body)
    assert response.status_code == 400
    assert response.json() == {
        "type": "/std-errors",
        "status": 400,
        "title": "Bad Request",
        "detail": detail,
        "details": detail,
    }


async def test_wrong_types_are_named(admin: httpx.AsyncClient) -> None:
    doc = timeout_policy("t1")
    doc["spec"]["to"][0]["default"]["idleTimeout"] = 5
    doc["labels"] = {"a": 1}
    response = await admin.put(PATH, json=doc)
    assert response.status_code == 400
    assert response.json()["invalid_parameters"] == [
        {"field": "", "reason": 'labels.a in body must be of type string: "number"'},
        {"field": "spec.to[0].default.idleTimeout", "reason": 'in body must be of type string: "number"'},
    ]
    legacy = await admin.put(
        "/meshes/default/dataplanes/dp-1", json={"type": "Dataplane", "mesh": "default", "name": 4}
    )
    assert legacy.status_code == 400
    assert legacy.json()["detail"] == (
        'invalid Dataplane object: "json: cannot unmarshal number into Go struct field ResourceMeta.name of type string"'
    )


@pytest.mark.parametrize("name", ["UPPER", "a..b", "a_b", "-a", "a.-b"])
async def test_bad_names_are_400_naming_the_field(admin: httpx.AsyncClient, name: str) -> None:
    request = admin.build_request("PUT", "http://127.0.0.1:5681", json=timeout_policy(name))
    # The raw path, so that the client does not resolve ".." itself.
    request.url = request.url.copy_with(raw_path=f"/meshes/default/meshtimeouts/{name}".encode())
    response = await admin.send(request)
    assert response.status_code == 400, response.text
    assert [p["field"] for p in response.json()["invalid_parameters"]] == ["name"]


@pytest.mark.parametrize(
    "raw_path", [b"/meshes/default/meshtimeouts/a%2Fb", b"/meshes/default/meshtimeouts/a/b"]
)
async def test_names_with_a_slash_are_400(admin: httpx.AsyncClient, raw_path: bytes) -> None:
    request = admin.build_request("PUT", "http://127.0.0.1:5681", json=timeout_policy("a/b"))
    request.url = request.url.copy_with(raw_path=raw_path)
    response = await admin.send(request)
    assert response.status_code == 400, response.text
    assert [p["field"] for p in response.json()["invalid_parameters"]] == ["name"]


async def test_a_body_over_one_mebibyte_is_413(admin: httpx.AsyncClient) -> None:
    doc = timeout_policy("t1", labels={"big": "x"})
    doc["padding"] = "y" * (1024 * 1024)
    response = await admin.put(PATH, json=doc)
    assert response.status_code == 413
    assert response.json()["status"] == 413

    async def chunks() -> Any:  # no Content-Length: the limit holds for a streamed body too
        for _ in range(17):
            yield b" " * 65536

    streamed = await admin.put(PATH, content=chunks())
    assert streamed.status_code == 413
    assert (await admin.get(PATH)).status_code == 404


async def test_status_is_never_taken_from_a_request(admin: httpx.AsyncClient, api: Api) -> None:
    doc = {
        "type": "MeshIdentity",
        "mesh": "default",
        "name": "id-1",
        "spec": {},
        "status": {"forged": True},
    }
    assert (await admin.put("/meshes/default/meshidentities/id-1", json=doc)).status_code == 201
    assert (await admin.get("/meshes/default/meshidentities/id-1")).json()["status"] == {}
    # Status written by the control plane survives a user's update.
    stored = await api.store.get("MeshIdentity", "default", "id-1")
    assert stored is not None
    await api.store.update(stored.evolve(status={"conditions": []}), stored.version)
    assert (await admin.put("/meshes/default/meshidentities/id-1", json=doc)).status_code == 200
    assert (await admin.get("/meshes/default/meshidentities/id-1")).json()["status"] == {"conditions": []}


async def test_if_match_makes_a_write_conditional(admin: httpx.AsyncClient) -> None:
    assert (await admin.put(PATH, json=timeout_policy("t1"))).status_code == 201
    etag = (await admin.get(PATH)).headers["etag"]
    assert (
        await admin.put(PATH, json=timeout_policy("t1", idle="2s"), headers={"if-match": etag})
    ).status_code == 200
    stale = await admin.put(PATH, json=timeout_policy("t1", idle="3s"), headers={"if-match": etag})
    assert stale.status_code == 409
    assert stale.json()["title"] == "Conflict"
    assert (await admin.get(PATH)).json()["spec"]["to"][0]["default"]["idleTimeout"] == "2s"
    create_if = await admin.put(
        "/meshes/default/meshtimeouts/t9", json=timeout_policy("t9"), headers={"if-match": '"1"'}
    )
    assert create_if.status_code == 409
    bad = await admin.put(PATH, json=timeout_policy("t1"), headers={"if-match": "abc"})
    assert bad.status_code == 400


class _InterleavingStore:
    """Delegates to a real store, but lets another writer update a row right after the API read it."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.armed = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    async def get(self, type: str, mesh: str, name: str) -> ResourceObject | None:
        obj = await self._store.get(type, mesh, name)
        if self.armed and obj is not None and type == "MeshTimeout":
            self.armed = False
            await self._store.update(obj.evolve(labels={**obj.labels, "other": "writer"}), obj.version)
        return obj


async def test_a_concurrent_write_between_read_and_write_is_409(api: Api, admin: httpx.AsyncClient) -> None:
    assert (await admin.put(PATH, json=timeout_policy("t1"))).status_code == 201
    racing = _InterleavingStore(api.store)
    client = api.client(store=racing)  # type: ignore[arg-type]
    racing.armed = True
    response = await client.put(PATH, json=timeout_policy("t1", idle="99s"))
    assert response.status_code == 409
    assert response.json()["detail"] == 'resource conflict: type="MeshTimeout" name="t1" mesh="default"'
    stored = (await admin.get(PATH)).json()
    assert stored["labels"]["other"] == "writer"  # the other write was not overwritten
    assert stored["spec"]["to"][0]["default"]["idleTimeout"] == "10s"


async def test_deleting_a_mesh_deletes_what_is_in_it(admin: httpx.AsyncClient) -> None:
    assert (await admin.put("/meshes/m2", json={"type": "Mesh", "name": "m2"})).status_code == 201
    assert (
        await admin.put("/meshes/m2/meshtimeouts/t1", json=timeout_policy("t1", mesh="m2"))
    ).status_code == 201
    assert (await admin.delete("/meshes/m2")).status_code == 200
    assert (await admin.get("/meshtimeouts")).json()["total"] == 0
    gone = await admin.get("/meshes/m2/meshtimeouts/t1")
    assert gone.status_code == 404
    assert gone.json()["title"] == "Failed to retrieve Mesh"
    # Re-creating the mesh does not bring anything back.
    assert (await admin.put("/meshes/m2", json={"type": "Mesh", "name": "m2"})).status_code == 201
    assert (await admin.get("/meshes/m2/meshtimeouts/t1")).status_code == 404


async def test_unknown_paths_and_methods(admin: httpx.AsyncClient) -> None:
    unknown = await admin.get("/meshes/default/nothings/x")
    assert unknown.status_code == 404 and unknown.json()["type"] == "/std-errors"
    not_global = await admin.get("/meshtimeouts/t1")
    assert not_global.status_code == 404
    method = await admin.post(PATH, json={})
    assert method.status_code == 405 and method.json()["type"] == "/std-errors"
