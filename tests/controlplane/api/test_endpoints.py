"""``/``, ``/_resources``, ``/_kri/{kri}``, ``/openapi.json``."""

from __future__ import annotations

import json

import httpx

from pulumi_kuma import __version__
from pulumi_kuma.controlplane.api.kri import hashed_name
from pulumi_kuma.controlplane.store.base import Unavailable
from pulumi_kuma.model.envelope import ResourceObject, now
from pulumi_kuma.model.schema import compile_model
from pulumi_kuma.registry import REGISTRY
from tests.conftest import CONFORMANCE
from tests.controlplane.api.conftest import Api, timeout_policy

TESTDATA = CONFORMANCE / "api-server" / "testdata"


async def test_index(admin: httpx.AsyncClient) -> None:
    body = (await admin.get("/")).json()
    assert body["version"] == __version__
    assert body["product"] == "pulumi-kuma"
    assert set(body) == {"hostname", "product", "version", "instanceId", "clusterId", "gui", "basedOnKuma"}


async def test_resource_types_match_kumas_for_every_registered_kind(admin: httpx.AsyncClient) -> None:
    ours = {entry["name"]: entry for entry in (await admin.get("/_resources")).json()["resources"]}
    kumas = json.loads((TESTDATA / "base_endpoints" / "_resources.golden.json").read_text())["resources"]
    compared = 0
    for entry in kumas:
        if entry["name"] in ours:
            assert ours[entry["name"]] == entry
            compared += 1
    assert compared == len(REGISTRY) == len(ours)
    names = list(ours)
    assert names == sorted(names)


async def test_find_by_kri(api: Api, admin: httpx.AsyncClient) -> None:
    assert (await admin.put("/meshes/default/meshtimeouts/t1", json=timeout_policy("t1"))).status_code == 201
    local = await admin.get("/_kri/kri_mt_default_default__t1_")
    assert local.status_code == 200 and local.json()["name"] == "t1"
    # A resource synced from another zone is stored under Kuma's hashed name.
    synced = hashed_name("default", "t2", "zone-2")
    timestamp = now()
    await api.store.create(
        ResourceObject(
            "MeshTimeout",
            synced,
            "default",
            labels={"kuma.io/zone": "zone-2", "kuma.io/display-name": "t2"},
            spec={},
            creation_time=timestamp,
            modification_time=timestamp,
        )
    )
    found = await admin.get("/_kri/kri_mt_default_zone-2__t2_")
    assert found.status_code == 200, found.text
    assert found.json()["name"] == synced
    missing = await admin.get("/_kri/kri_mt_default_default__t3_")
    assert missing.status_code == 404 and missing.json()["title"] == "Could not retrieve a resource"
    for kri, detail in [
        ("kri___default_default__mtp-3_", 'bad request: unknown short name of resource type: ""'),
        ("kri_mt_default", 'bad request: invalid identifier string: "kri_mt_default"'),
        ("xri_mt_a_b_c_d_e", "bad request: identifier must start with 'kri': \"xri_mt_a_b_c_d_e\""),
    ]:
        response = await admin.get(f"/_kri/{kri}")
        assert response.status_code == 400
        assert response.json() == {
            "type": "/std-errors",
            "status": 400,
            "title": "Bad Request",
            "detail": detail,
            "details": detail,
        }


def test_hashed_name_uses_kumas_alphabet() -> None:
    name = hashed_name("default", "backend", "zone-1", "ns")
    stem, suffix = name.rsplit("-", 1)
    assert stem == "backend" and len(suffix) == 16
    assert set(suffix) <= set("bcdfghjklmnpqrstvwxz2456789")
    assert name != hashed_name("default", "backend", "zone-2", "ns")
    assert len(hashed_name("m", "x" * 300)) == 253


async def test_openapi_describes_every_kind(admin: httpx.AsyncClient) -> None:
    doc = (await admin.get("/openapi.json")).json()
    assert doc["openapi"].startswith("3.1")
    paths = doc["paths"]
    for kind in REGISTRY:
        item = f"/meshes/{{mesh}}/{kind.plural}/{{name}}" if kind.mesh_scoped else f"/{kind.plural}/{{name}}"
        assert set(paths[item]) >= {"get", "put", "delete"}, kind.name
        assert "get" in paths[f"/{kind.plural}"]
        schema = doc["components"]["schemas"][f"{kind.name}Item"]
        assert schema["properties"]["type"]["enum"] == [kind.name]
        spec = compile_model(kind.spec_model).json_schema()
        if kind.legacy_layout:
            for key, value in spec.get("properties", {}).items():
                assert schema["properties"][key] == value
        else:
            assert schema["properties"]["spec"] == spec
    for path in ["/", "/_resources", "/who-am-i", "/_kri/{kri}", "/tokens/user", "/config"]:
        assert path in paths


class _DownStore:
    """A store whose database is unreachable."""

    def add_commit_listener(self, listener: object) -> None:
        return None  # a database shared with others: no cache in front of it

    def __getattr__(self, name: str) -> object:
        async def unavailable(*args: object, **kwargs: object) -> None:
            raise Unavailable("connection refused")

        return unavailable


async def test_an_unreachable_store_is_503(api: Api) -> None:
    client = api.client(store=_DownStore())  # type: ignore[arg-type]
    response = await client.get("/meshes/default/meshtimeouts/t1")
    assert response.status_code == 503
    assert response.json()["title"] == "Service unavailable"
