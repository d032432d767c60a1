"""Authentication and authorisation through the API: localhost admin, tokens, RBAC, read-only."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import httpx

from tests.conftest import CONFORMANCE
from tests.controlplane.api.conftest import REMOTE, Api, timeout_policy

TESTDATA = CONFORMANCE / "api-server" / "testdata"
SECRET = {"type": "Secret", "mesh": "default", "name": "sec-1", "data": "dGVzdAo="}


def golden(name: str) -> Any:
    return json.loads((TESTDATA / name).read_text())


async def who(client: httpx.AsyncClient, **kwargs: Any) -> dict[str, Any]:
    response = await client.get("/who-am-i", **kwargs)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_loopback_is_admin_unless_proxied_or_disabled(api: Api, admin: httpx.AsyncClient) -> None:
    assert await who(admin) == golden("base_endpoints/who-am-i.golden.json")
    anonymous = {"name": "mesh-system:anonymous", "groups": ["mesh-system:unauthenticated"]}
    assert await who(admin, headers={"x-forwarded-for": "203.0.113.9"}) == anonymous
    assert await who(admin, headers={"host": "cp.example.com"}) == anonymous
    assert await who(admin, headers={"origin": "http://evil.example"}) == anonymous
    assert await who(api.client(localhost_admin=False)) == anonymous
    assert await who(api.client(peer=REMOTE)) == anonymous


async def test_secrets_need_an_admin(api: Api, admin: httpx.AsyncClient) -> None:
    assert (await admin.put("/meshes/default/secrets/sec-1", json=SECRET)).status_code == 201
    remote = api.client(peer=REMOTE)
    response = await remote.get("/meshes/default/secrets/sec-1")
    assert response.status_code == 403
    assert response.json() == golden("auth-admin-non-localhost.golden.json")
    for method, path, body in [
        ("GET", "/meshes/default/secrets", None),
        ("GET", "/secrets", None),
        ("PUT", "/meshes/default/secrets/sec-1", SECRET),
        ("DELETE", "/meshes/default/secrets/sec-1", None),
        ("GET", "/globalsecrets", None),
        ("GET", "/global-secrets/user-token-signing-key-1", None),
        ("GET", "/_kri/kri_mt_default_default__x_", None),  # not a secret: 404, not 403
    ]:
        response = await remote.request(method, path, json=body)
        expected = 404 if path.startswith("/_kri") else 403
        assert response.status_code == expected, (method, path, response.text)
    # Policies are open to anyone, as in Kuma's default RBAC.
    assert (await remote.put("/meshes/default/meshtimeouts/t1", json=timeout_policy("t1"))).status_code == 201
    assert (await remote.get("/meshes/default/meshtimeouts/t1")).status_code == 200
    assert (await admin.get("/meshes/default/secrets/sec-1")).json()["data"] == "dGVzdAo="


async def test_user_tokens(api: Api, admin: httpx.AsyncClient) -> None:
    alice = await api.tokens.issue("alice", ["dev"], timedelta(hours=1))
    client = api.client(peer=REMOTE, token=alice)
    assert await who(client) == {"name": "alice", "groups": ["dev", "mesh-system:authenticated"]}
    denied = await client.get("/meshes/default/secrets")
    assert denied.status_code == 403
    assert denied.json()["detail"] == (
        'user "alice/dev,mesh-system:authenticated" cannot access the resource of type "Secret"'
    )
    ops = await api.tokens.issue("ops", ["mesh-system:admin"], timedelta(hours=1))
    assert (await api.client(peer=REMOTE, token=ops).get("/meshes/default/secrets")).status_code == 200

    for bad in ["garbage", alice[:-6] + "AAAAAA", await api.tokens.issue("x", [], timedelta(seconds=-30))]:
        response = await api.client(peer=REMOTE, token=bad).get("/who-am-i")
        assert response.status_code == 401
        assert response.json() == {
            "type": "/std-errors",
            "status": 401,
            "title": "Invalid authentication data",
            "detail": "Unauthenticated",
            "details": "Unauthenticated",
        }
    # The version endpoint needs no authentication at all.
    assert (await api.client(peer=REMOTE, token="garbage").get("/")).status_code == 200


async def test_issue_user_token_endpoint(api: Api, admin: httpx.AsyncClient) -> None:
    response = await admin.post("/tokens/user", json={"name": "dave", "groups": ["team"], "validFor": "1h"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    assert await who(api.client(peer=REMOTE, token=response.text)) == {
        "name": "dave",
        "groups": ["team", "mesh-system:authenticated"],
    }
    invalid = await admin.post("/tokens/user", json={"groups": [], "validFor": "0s"})
    assert invalid.status_code == 400
    assert invalid.json()["title"] == "Invalid request"
    assert invalid.json()["invalid_parameters"] == [
        {"field": "name", "reason": "cannot be empty"},
        {"field": "validFor", "reason": "cannot be empty or nil"},
    ]
    missing = await admin.post("/tokens/user", json={"name": "x"})
    assert missing.json()["invalid_parameters"] == [{"field": "validFor", "reason": "cannot be empty"}]
    refused = await api.client(peer=REMOTE).post("/tokens/user", json={"name": "e", "validFor": "1h"})
    assert refused.status_code == 403
    assert refused.json()["detail"] == "action not allowed"


async def test_config_is_for_admins(api: Api, admin: httpx.AsyncClient) -> None:
    assert (await admin.get("/config")).status_code == 200
    response = await api.client(peer=REMOTE).get("/config")
    assert response.status_code == 403
    assert response.json() == golden("auth-config-non-localhost.golden.json")


async def test_read_only_answers_writes_with_405(api: Api, admin: httpx.AsyncClient) -> None:
    assert (await admin.put("/meshes/default/meshtimeouts/t1", json=timeout_policy("t1"))).status_code == 201
    read_only = api.client(read_only=True)
    put = await read_only.put("/meshes/default/meshtimeouts/t1", json=timeout_policy("t1", idle="5s"))
    assert put.status_code == 405
    assert put.json() == golden("resource-read-only_put.golden.json")
    delete = await read_only.delete("/meshes/default/meshtimeouts/t1")
    assert delete.status_code == 405
    assert delete.json() == golden("resource-read-only_delete.golden.json")
    assert (await read_only.put("/meshes/other", json={"type": "Mesh", "name": "other"})).status_code == 405
    get = await read_only.get("/meshes/default/meshtimeouts/t1")
    assert get.status_code == 200
    assert get.json()["spec"]["to"][0]["default"]["idleTimeout"] == "10s"
    kinds = (await read_only.get("/_resources")).json()["resources"]
    assert all(kind["readOnly"] for kind in kinds)
