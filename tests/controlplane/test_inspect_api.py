"""The inspect endpoints and the impact preview on a control plane running in this process (real
SQLite store, config distribution, the API on a real loopback port), driven over HTTP."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from pulumi_kuma.controlplane.distribution import ConfigDistribution, DistributionOptions, install
from pulumi_kuma.controlplane.inspect_api import install_inspect
from pulumi_kuma.controlplane.resolve.diff import dataplane_changes
from pulumi_kuma.controlplane.runtime import ControlPlane, Settings
from pulumi_kuma.controlplane.store.feed import ChangeSubscription
from pulumi_kuma.model.envelope import ResourceObject, now
from pulumi_kuma.registry import REGISTRY

MESH = "default"


@pytest.fixture
async def plane(tmp_path: Path) -> AsyncIterator[tuple[ControlPlane, httpx.AsyncClient]]:
    settings = Settings(store_url=f"sqlite://{tmp_path / 'cp.db'}", api_port=0, xds_port=0)
    cp = ControlPlane(settings, REGISTRY)
    install_inspect(cp, install(cp, DistributionOptions(xds_port=0)))
    await cp.start()
    assert cp.api is not None
    async with httpx.AsyncClient(base_url=cp.api.url, timeout=30) as client:
        try:
            yield cp, client
        finally:
            await cp.stop()


def dataplane(name: str, app: str, port: int = 8080) -> dict[str, Any]:
    return {
        "type": "Dataplane",
        "mesh": MESH,
        "name": name,
        "labels": {"app": app},
        "networking": {
            "address": "10.0.0.1",
            "inbound": [{"port": port, "name": "http", "tags": {"app": app}}],
        },
    }


def service(name: str, app: str) -> dict[str, Any]:
    return {
        "type": "MeshService",
        "mesh": MESH,
        "name": name,
        "spec": {
            "selector": {"dataplaneLabels": {"matchLabels": {"app": app}}},
            "ports": [{"port": 80, "targetPort": 8080, "appProtocol": "http"}],
        },
    }


def timeout(
    name: str, app: str | None, to: str | None = "backend", idle: str = "5s", **labels: str
) -> dict[str, Any]:
    target: dict[str, Any] = (
        {"kind": "Mesh"} if app is None else {"kind": "Dataplane", "labels": {"app": app}}
    )
    spec: dict[str, Any] = {"targetRef": target}
    if to is not None:
        spec["to"] = [
            {
                "targetRef": {"kind": "MeshService", "labels": {"kuma.io/display-name": to}},
                "default": {"idleTimeout": idle},
            }
        ]
    else:
        spec["rules"] = [{"default": {"idleTimeout": idle}}]
    doc: dict[str, Any] = {"type": "MeshTimeout", "mesh": MESH, "name": name, "spec": spec}
    if labels:
        doc["labels"] = labels
    return doc


def path(doc: dict[str, Any]) -> str:
    kind = REGISTRY.by_name(doc["type"])
    if not kind.mesh_scoped:
        return f"/{kind.plural}/{doc['name']}"
    return f"/meshes/{doc.get('mesh', MESH)}/{kind.plural}/{doc['name']}"


async def put(client: httpx.AsyncClient, *docs: dict[str, Any]) -> None:
    for doc in docs:
        response = await client.put(path(doc), json=doc)
        assert response.status_code in (200, 201), response.text


async def world(client: httpx.AsyncClient) -> None:
    await put(
        client,
        {"type": "Mesh", "name": MESH},
        dataplane("web-1", "web"),
        dataplane("web-2", "web"),
        dataplane("api-1", "api"),
        service("backend", "api"),
    )


# --- inspect ----------------------------------------------------------------------------------------


async def test_rules_and_selections_read_the_writes(plane: tuple[ControlPlane, httpx.AsyncClient]) -> None:
    _, client = plane
    await world(client)
    await put(client, timeout("web-timeouts", "web"))
    rules = (await client.get("/meshes/default/dataplanes/web-1/_rules")).json()
    assert rules["resource"]["name"] == "web-1"
    [entry] = rules["rules"]
    assert entry["type"] == "MeshTimeout"
    assert entry["toResourceRules"][0]["conf"] == [{"idleTimeout": "5s"}]
    assert (await client.get("/meshes/default/dataplanes/api-1/_rules")).json()["rules"] == []

    selected = (await client.get("/meshes/default/meshtimeouts/web-timeouts/_resources/dataplanes")).json()
    assert [item["name"] for item in selected["items"]] == ["web-1", "web-2"] and selected["total"] == 2
    assert "next" not in selected
    page = (await client.get("/meshes/default/meshtimeouts/web-timeouts/_resources/dataplanes?size=1")).json()
    assert [item["name"] for item in page["items"]] == ["web-1"] and page["total"] == 2
    assert page["next"].endswith(
        "/meshes/default/meshtimeouts/web-timeouts/_resources/dataplanes?offset=1&size=1"
    )
    named = (
        await client.get("/meshes/default/meshtimeouts/web-timeouts/_resources/dataplanes?name=-2")
    ).json()
    assert [item["name"] for item in named["items"]] == ["web-2"]

    endpoints = (await client.get("/meshes/default/meshservices/backend/_dataplanes")).json()
    assert [item["name"] for item in endpoints["items"]] == ["api-1"]

    # A delete is visible at once too.
    assert (await client.delete("/meshes/default/meshtimeouts/web-timeouts")).status_code == 200
    assert (await client.get("/meshes/default/dataplanes/web-1/_rules")).json()["rules"] == []


async def test_kumas_not_found_answers(plane: tuple[ControlPlane, httpx.AsyncClient]) -> None:
    _, client = plane
    await world(client)

    async def title(url: str) -> tuple[int, str]:
        response = await client.get(url)
        return response.status_code, response.json()["title"]

    assert await title("/meshes/nope/dataplanes/web-1/_rules") == (404, "Failed to retrieve Mesh")
    assert await title("/meshes/default/dataplanes/nope/_rules") == (404, "Could not retrieve Dataplane")
    assert await title("/meshes/nope/meshtimeouts/t/_resources/dataplanes") == (
        404,
        "Failed to retrieve Mesh",
    )
    assert await title("/meshes/default/meshtimeouts/t/_resources/dataplanes") == (
        404,
        "Could not retrieve policy",
    )
    assert await title("/meshes/default/meshservices/nope/_dataplanes") == (404, "Could not retrieve policy")
    assert (await title("/meshes/default/meshservices/backend/_resources/dataplanes"))[0] == 404
    assert (await title("/meshes/default/meshtimeouts/t/_dataplanes"))[0] == 404
    bad_page = await client.get("/meshes/default/meshservices/backend/_dataplanes?size=0")
    assert bad_page.status_code == 400 and bad_page.json()["title"] == "Could not retrieve policy"


# --- impact -----------------------------------------------------------------------------------------


async def impact(client: httpx.AsyncClient, **body: Any) -> httpx.Response:
    return await client.post("/meshes/default/_impact", json=body)


async def test_impact_names_exactly_the_dataplanes_whose_rules_change(
    plane: tuple[ControlPlane, httpx.AsyncClient],
) -> None:
    _, client = plane
    await world(client)
    await put(client, timeout("everyone", None, idle="1s"))
    response = await impact(client, upsert=[timeout("web-timeouts", "web", idle="7s")])
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["mesh"] == MESH and body["dataplanes"] == 3 and body["total"] == 2
    assert body["changes"] == [
        {"action": "upsert", "type": "MeshTimeout", "name": "web-timeouts", "effect": "create"}
    ]
    assert [item["dataplane"]["name"] for item in body["items"]] == ["web-1", "web-2"]
    [kind] = body["items"][0]["kinds"]
    assert [m["name"] for m in kind["matched"]["added"]] == ["web-timeouts"]
    [outbound] = kind["outbound"]
    assert outbound["kri"] == "kri_msvc_default_default__backend_"
    # The Dataplane-targeted policy beats the mesh-wide one: the idle timeout goes from 1s to 7s.
    assert outbound["change"] == "modified"
    assert outbound["conf"] == [{"path": "idleTimeout", "op": "replace", "before": "1s", "after": "7s"}]
    assert [o["resourceMeta"]["name"] for o in outbound["origin"]["before"]] == ["everyone"]
    assert [o["resourceMeta"]["name"] for o in outbound["origin"]["after"]] == ["everyone", "web-timeouts"]

    deleted = (await impact(client, delete=[{"type": "MeshTimeout", "name": "everyone"}])).json()
    assert [item["dataplane"]["name"] for item in deleted["items"]] == ["api-1", "web-1", "web-2"]
    assert deleted["changes"][0]["effect"] == "delete"


async def test_no_op_changes_list_no_dataplane(plane: tuple[ControlPlane, httpx.AsyncClient]) -> None:
    _, client = plane
    await world(client)
    existing = timeout("web-timeouts", "web")
    await put(client, existing)
    again = (await impact(client, upsert=[existing])).json()
    assert again["items"] == [] and again["total"] == 0
    assert again["changes"][0]["effect"] == "unchanged"
    nobody = (await impact(client, upsert=[timeout("nobody", "no-such-app", idle="1s")])).json()
    assert nobody["items"] == [] and nobody["changes"][0]["effect"] == "create"
    shadow = (
        await impact(client, upsert=[timeout("s", None, idle="9s", **{"kuma.io/effect": "shadow"})])
    ).json()
    assert shadow["items"] == []


async def test_invalid_changes_answer_400_as_put_does(plane: tuple[ControlPlane, httpx.AsyncClient]) -> None:
    _, client = plane
    await world(client)
    broken = timeout("broken", "web", idle="five seconds")
    put_answer = (await client.put(path(broken), json=broken)).json()
    response = await impact(client, upsert=[timeout("fine", "web"), broken])
    assert response.status_code == 400
    error = response.json()
    # The same title and reasons as PUT, each field prefixed with the change.
    assert error["title"] == put_answer["title"]
    assert error["detail"] == f"upsert[1]: {put_answer['detail']}"
    assert error["invalid_parameters"] == [
        {"field": f"upsert[1].{p['field']}", "reason": p["reason"]} for p in put_answer["invalid_parameters"]
    ]
    assert any(p["field"] == "upsert[1].spec.to[0].default.idleTimeout" for p in error["invalid_parameters"])

    other_mesh = {**timeout("elsewhere", "web"), "mesh": "other"}
    several = (
        await impact(
            client,
            upsert=[other_mesh, {"type": "NoSuchKind", "name": "x"}],
            delete=[{"type": "MeshTimeout", "name": "gone"}],
        )
    ).json()
    assert several["status"] == 400 and several["title"] == "Invalid changes"
    assert several["detail"] == "3 of 3 changes are invalid: upsert[0], upsert[1], delete[0]"
    fields = {p["field"]: p["reason"] for p in several["invalid_parameters"]}
    assert fields["upsert[0].mesh"] == "mesh from the URL has to be the same as in body"
    assert fields["delete[0].name"] == 'no MeshTimeout named "gone" in mesh "default"'
    assert fields["upsert[1].type"].startswith('unknown type "NoSuchKind"')

    twice = (await impact(client, upsert=[timeout("t", "web"), timeout("t", "api")])).json()
    assert twice["invalid_parameters"] == [
        {"field": "upsert[1].name", "reason": "MeshTimeout 't' is already changed by upsert[0]"}
    ]
    not_json = await client.post("/meshes/default/_impact", content=b"{nope")
    assert not_json.status_code == 400
    assert not_json.json()["detail"].startswith("invalid impact request: invalid character 'n'")
    shape = (await client.post("/meshes/default/_impact", json={"upsert": {}, "extra": 1})).json()
    assert {p["field"] for p in shape["invalid_parameters"]} == {"upsert", "extra"}
    missing_mesh = await client.post("/meshes/nope/_impact", json={})
    assert missing_mesh.status_code == 404 and missing_mesh.json()["title"] == "Failed to retrieve Mesh"


async def test_a_preview_stores_nothing(plane: tuple[ControlPlane, httpx.AsyncClient]) -> None:
    cp, client = plane
    await world(client)
    await put(client, timeout("web-timeouts", "web"), timeout("old", None, idle="2s"))
    before = {(o.type, o.mesh, o.name): (o.version, o.spec, o.labels) for o in await cp.store.list()}
    events = cp.store.changes()
    assert isinstance(events, ChangeSubscription)
    try:
        response = await impact(
            client,
            upsert=[
                timeout("web-timeouts", "web", idle="9s"),
                timeout("new", "api"),
                dataplane("web-3", "web"),
            ],
            delete=[{"type": "MeshTimeout", "name": "old"}, {"type": "Dataplane", "name": "api-1"}],
        )
        assert response.status_code == 200, response.text
        assert response.json()["total"] == 4  # web-1, web-2, web-3 (added), api-1 (removed)
        await asyncio.sleep(0.3)
        assert events.pending() == 0
    finally:
        await events.aclose()
    after = {(o.type, o.mesh, o.name): (o.version, o.spec, o.labels) for o in await cp.store.list()}
    assert after == before
    rules = (await client.get("/meshes/default/dataplanes/web-1/_rules")).json()
    assert rules["rules"][0]["toResourceRules"][0]["conf"] == [{"idleTimeout": "5s"}]


async def _observed(client: httpx.AsyncClient, policies: list[tuple[str, str]]) -> dict[str, Any]:
    """Every Dataplane's ``_rules`` and, from each policy's ``_resources/dataplanes``, the
    policies that select it by kind: what a client sees."""
    dataplanes = (await client.get("/meshes/default/dataplanes")).json()["items"]
    rules = {
        d["name"]: (await client.get(f"/meshes/default/dataplanes/{d['name']}/_rules")).json()
        for d in dataplanes
    }
    matched: dict[str, dict[str, list[Any]]] = {name: {} for name in rules}
    for kind_name, name in policies:
        kind = REGISTRY.by_name(kind_name)
        response = await client.get(f"/meshes/default/{kind.plural}/{name}/_resources/dataplanes")
        if response.status_code == 404:
            continue
        meta = (await client.get(f"/meshes/default/{kind.plural}/{name}")).json()
        short = {"type": kind_name, "mesh": MESH, "name": name, "labels": meta.get("labels", {})}
        for item in response.json()["items"]:
            matched[item["name"]].setdefault(kind_name, []).append(short)
    return {"rules": rules, "matched": matched}


def _sorted_matched(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = copy.deepcopy(items)
    for item in out:
        for kind in item["kinds"]:
            for key in ("added", "removed"):
                kind["matched"][key].sort(key=lambda m: m["name"])
    return out


async def test_the_preview_equals_applying_the_changes_and_diffing_rules(
    plane: tuple[ControlPlane, httpx.AsyncClient],
) -> None:
    _, client = plane
    await world(client)
    await put(
        client,
        dataplane("web-3", "web", port=9090),
        service("web", "web"),
        timeout("everyone", None, idle="1s"),
        timeout("web-in", "web", to=None, idle="30s"),
        timeout("api-out", "api", to="web", idle="3s"),
        {
            "type": "MeshRetry",
            "mesh": MESH,
            "name": "retries",
            "spec": {
                "targetRef": {"kind": "Mesh"},
                "to": [
                    {
                        "targetRef": {"kind": "MeshService", "labels": {"kuma.io/display-name": "backend"}},
                        "default": {"http": {"numRetries": 3}},
                    }
                ],
            },
        },
    )
    upserts = [
        timeout("everyone", None, idle="2s"),
        timeout("web-in", "web", to=None, idle="45s"),
        timeout("api-extra", "api", to="backend", idle="4s"),
        dataplane("api-2", "api"),
    ]
    deletes = [{"type": "MeshRetry", "name": "retries"}, {"type": "Dataplane", "name": "web-2"}]
    policies = [
        ("MeshTimeout", "everyone"),
        ("MeshTimeout", "web-in"),
        ("MeshTimeout", "api-out"),
        ("MeshTimeout", "api-extra"),
        ("MeshRetry", "retries"),
    ]
    before = await _observed(client, policies)
    response = await impact(client, upsert=upserts, delete=deletes)
    assert response.status_code == 200, response.text
    previewed = response.json()

    for doc in upserts:
        await put(client, doc)
    for change in deletes:
        kind = REGISTRY.by_name(change["type"])
        assert (await client.delete(f"/meshes/default/{kind.plural}/{change['name']}")).status_code == 200
    after = await _observed(client, policies)

    expected = []
    for name in sorted(set(before["rules"]) | set(after["rules"])):
        diff = dataplane_changes(
            before["rules"].get(name),
            after["rules"].get(name),
            before["matched"].get(name, {}),
            after["matched"].get(name, {}),
            REGISTRY,
        )
        if diff is not None:
            expected.append(diff)
    assert {item["dataplane"]["name"] for item in expected} == {"web-1", "web-2", "web-3", "api-1", "api-2"}
    assert _sorted_matched(previewed["items"]) == _sorted_matched(expected)


async def test_the_openapi_document_describes_the_answers(
    plane: tuple[ControlPlane, httpx.AsyncClient],
) -> None:
    _, client = plane
    await world(client)
    document = (await client.get("/openapi.json")).json()
    paths = document["paths"]
    assert "post" in paths["/meshes/{mesh}/_impact"]
    assert "get" in paths["/meshes/{mesh}/dataplanes/{name}/_rules"]
    assert "get" in paths["/meshes/{mesh}/meshtimeouts/{name}/_resources/dataplanes"]
    assert "get" in paths["/meshes/{mesh}/meshservices/{name}/_dataplanes"]
    schemas = document["components"]["schemas"]
    await put(client, timeout("everyone", None, idle="1s"), timeout("web-in", "web", to=None))
    answer = (
        await impact(
            client,
            upsert=[timeout("everyone", None, idle="2s"), timeout("web-in", "web", to=None, idle="1m")],
        )
    ).json()
    assert answer["total"] == 3
    _conforms(answer, schemas["ImpactResponse"], schemas, "ImpactResponse")
    rules = (await client.get("/meshes/default/dataplanes/web-1/_rules")).json()
    _conforms(rules, schemas["InspectRules"], schemas, "InspectRules")


_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "boolean": bool,
    "null": type(None),
}


def _conforms(value: Any, schema: dict[str, Any], schemas: dict[str, Any], where: str) -> None:
    """The documented shape: types, enums, required keys, and no undocumented keys."""
    if "$ref" in schema:
        schema = schemas[schema["$ref"].rsplit("/", 1)[1]]
    types = schema.get("type")
    if types is not None:
        allowed = [types] if isinstance(types, str) else types
        assert any(isinstance(value, _TYPES[t]) for t in allowed), f"{where}: {value!r} is not {allowed}"
    if "enum" in schema:
        assert value in schema["enum"], f"{where}: {value!r} not in {schema['enum']}"
    if isinstance(value, dict) and "properties" in schema:
        properties = schema["properties"]
        assert set(value) <= set(properties), f"{where}: undocumented {set(value) - set(properties)}"
        assert set(schema.get("required", [])) <= set(value), f"{where}: missing required keys"
        for key, item in value.items():
            _conforms(item, properties[key], schemas, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            _conforms(item, schema["items"], schemas, f"{where}[{i}]")


async def test_inspect_waits_for_the_changes_this_replica_has_seen(
    plane: tuple[ControlPlane, httpx.AsyncClient],
) -> None:
    cp, client = plane
    await world(client)
    distribution = next(c for c in cp.components if isinstance(c, ConfigDistribution))
    policy = timeout("late", "web")
    kind = REGISTRY.by_name("MeshTimeout")
    stored = ResourceObject(
        "MeshTimeout", "late", MESH, {}, policy["spec"], creation_time=now(), modification_time=now()
    )
    await cp.store.create(stored)  # the change event is queued; the distribution has not run since
    await distribution.settled()
    rules = distribution.state.engine.rules(MESH, "web-1")
    assert rules is not None and [p.name for p in rules.kinds[kind.name].policies] == ["late"]
