"""Lists: pagination, ``next`` links, name and label filters, Kuma's 400 messages."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.controlplane.api.conftest import timeout_policy


async def put_meshes(client: httpx.AsyncClient, names: list[str]) -> None:
    for name in names:
        response = await client.put(f"/meshes/{name}", json={"type": "Mesh", "name": name})
        assert response.status_code in (200, 201), response.text


async def test_pages_follow_next_links(admin: httpx.AsyncClient) -> None:
    names = ["default", *(f"m{i:02d}" for i in range(11))]
    await put_meshes(admin, names[1:])
    seen: list[str] = []
    url: str | None = "/meshes?size=5"
    pages = 0
    while url is not None:
        response = await admin.get(url)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["total"] == len(names)
        assert len(body["items"]) <= 5
        seen.extend(item["name"] for item in body["items"])
        url = body["next"]
        pages += 1
    assert pages == 3
    assert seen == sorted(names)
    first = (await admin.get("/meshes?size=5")).json()
    assert first["next"] == "http://127.0.0.1:5681/meshes?offset=5&size=5"
    beyond = (await admin.get("/meshes?size=5&offset=100")).json()
    assert beyond == {"total": len(names), "items": [], "next": None}


async def test_default_and_maximum_page_size(admin: httpx.AsyncClient) -> None:
    for i in range(105):
        assert (
            await admin.put(f"/meshes/default/meshtimeouts/t{i:03d}", json=timeout_policy(f"t{i:03d}"))
        ).status_code == 201
    default = (await admin.get("/meshes/default/meshtimeouts")).json()
    assert default["total"] == 105 and len(default["items"]) == 100
    assert default["next"].endswith("/meshes/default/meshtimeouts?offset=100")
    assert len((await admin.get("/meshes/default/meshtimeouts?size=1000")).json()["items"]) == 105


@pytest.mark.parametrize(
    ("query", "detail", "parameters"),
    [
        ("size=abc", "Invalid page size", [{"field": "size", "reason": "invalid format"}]),
        ("size=0", "Invalid page size", [{"field": "size", "reason": "must be greater than 0"}]),
        (
            "size=1001",
            "Invalid page size",
            [{"field": "size", "reason": "invalid page size of 1001. Maximum page size is 1000"}],
        ),
        ("offset=x", 'invalid: invalid offset: strconv.Atoi: parsing "x": invalid syntax', None),
        (
            "filter[name]=x",
            "Resource is not valid",
            [
                {
                    "field": "/meshes/{mesh}/meshtimeouts.filter[name]",
                    "reason": "filters are only supported on labels",
                }
            ],
        ),
        (
            "filter[labels.a][ne]=x",
            "Resource is not valid",
            [
                {
                    "field": "/meshes/{mesh}/meshtimeouts.filter[labels.a][ne]",
                    "reason": "advanced filters are not supported",
                }
            ],
        ),
    ],
)
async def test_bad_list_queries(
    admin: httpx.AsyncClient, query: str, detail: str, parameters: list[dict[str, str]] | None
) -> None:
    response = await admin.get(f"/meshes/default/meshtimeouts?{query}")
    assert response.status_code == 400
    body: dict[str, Any] = response.json()
    assert body["title"] == "Could not retrieve resources"
    assert body["detail"] == detail
    assert body.get("invalid_parameters") == parameters


async def test_name_and_label_filters(admin: httpx.AsyncClient) -> None:
    await put_meshes(admin, ["other"])
    docs = [
        timeout_policy("web-a", labels={"team": "web", "tier": "front"}),
        timeout_policy("web-b", labels={"team": "web", "tier": "back"}),
        timeout_policy("db-a", labels={"team": "db", "tier": "back"}),
        timeout_policy("web-c", mesh="other", labels={"team": "web", "tier": "back"}),
    ]
    for doc in docs:
        response = await admin.put(f"/meshes/{doc['mesh']}/meshtimeouts/{doc['name']}", json=doc)
        assert response.status_code == 201, response.text

    async def names(url: str) -> list[str]:
        body = (await admin.get(url)).json()
        assert body["total"] == len(body["items"])
        return [item["name"] for item in body["items"]]

    assert await names("/meshes/default/meshtimeouts?name=web") == ["web-a", "web-b"]
    assert await names("/meshtimeouts?name=web") == ["web-a", "web-b", "web-c"]
    assert await names("/meshtimeouts?filter[labels.team]=web&filter[labels.tier]=back") == ["web-b", "web-c"]
    assert await names("/meshes/default/meshtimeouts?filter[labels.tier]=back") == ["db-a", "web-b"]
    assert await names("/meshes/default/meshtimeouts?filter[labels.kuma.io/mesh]=default") == [
        "db-a",
        "web-a",
        "web-b",
    ]
    assert await names("/meshes/default/meshtimeouts?filter[labels.team]=we") == []
    assert await names("/meshes/default/meshtimeouts?tag=team:we") == ["web-a", "web-b"]
    paged = (await admin.get("/meshtimeouts?filter[labels.team]=web&size=2")).json()
    assert paged["total"] == 3 and len(paged["items"]) == 2
    assert "filter%5Blabels.team%5D=web" in paged["next"] and "offset=2" in paged["next"]


async def test_lists_of_a_missing_mesh_are_404(admin: httpx.AsyncClient) -> None:
    response = await admin.get("/meshes/nope/meshtimeouts")
    assert response.status_code == 404
    assert response.json()["title"] == "Failed to retrieve Mesh"
