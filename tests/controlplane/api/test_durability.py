"""Through the API, on SQLite and PostgreSQL: acknowledged writes survive ``kill -9``; replicas on one
PostgreSQL database see each other's writes; concurrent writers to one resource lose no update."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.controlplane.api.conftest import timeout_policy
from tests.controlplane.api.support import ControlPlaneProcess, pg_database

pytestmark = pytest.mark.slow

ACKNOWLEDGED_BEFORE_KILL = 200
CLIENTS = 20


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite://{tmp_path / 'cp.db'}"
    else:
        with pg_database("pk_api_dur") as url:
            yield url


def create_mesh(client: httpx.Client) -> None:
    response = client.put("/meshes/default", json={"type": "Mesh", "name": "default"})
    assert response.status_code == 201, response.text


def test_acknowledged_puts_survive_kill_9(store_url: str) -> None:
    acknowledged: list[str] = []
    stop = threading.Event()
    cp = ControlPlaneProcess(store_url).start()
    try:
        with cp.client() as client:
            create_mesh(client)

        def write() -> None:
            with cp.client() as writer:
                for i in range(10 * ACKNOWLEDGED_BEFORE_KILL):
                    if stop.is_set():
                        return
                    name = f"r{i}"
                    try:
                        response = writer.put(
                            f"/meshes/default/meshtimeouts/{name}",
                            json=timeout_policy(name, idle=f"{i + 1}s"),
                        )
                    except httpx.HTTPError:
                        return  # the control plane is gone
                    assert response.status_code == 201, response.text
                    acknowledged.append(name)

        thread = threading.Thread(target=write)
        thread.start()
        deadline = time.monotonic() + 120
        while (
            len(acknowledged) < ACKNOWLEDGED_BEFORE_KILL and time.monotonic() < deadline and thread.is_alive()
        ):
            time.sleep(0.005)
        cp.kill()  # SIGKILL while the writer is still writing
        stop.set()
        thread.join(30)
    finally:
        cp.kill()
    assert len(acknowledged) >= ACKNOWLEDGED_BEFORE_KILL

    with ControlPlaneProcess(store_url) as restarted, restarted.client() as client:
        listed = client.get("/meshes/default/meshtimeouts?size=1000").json()
        stored = {item["name"]: item for item in listed["items"]}
        missing = [name for name in acknowledged if name not in stored]
        assert missing == [], f"acknowledged but lost after kill -9: {missing}"
        for name in acknowledged:
            index = int(name[1:])
            assert stored[name]["spec"]["to"][0]["default"]["idleTimeout"] == f"{index + 1}s"


def test_replicas_on_one_postgres_database_share_writes() -> None:
    with (
        pg_database("pk_api_rep") as url,
        ControlPlaneProcess(url) as first,
        ControlPlaneProcess(url) as second,
        first.client() as a,
        second.client() as b,
    ):
        create_mesh(a)
        assert a.put("/meshes/default/meshtimeouts/t1", json=timeout_policy("t1")).status_code == 201
        read = b.get("/meshes/default/meshtimeouts/t1")
        assert read.status_code == 200
        assert read.json() == a.get("/meshes/default/meshtimeouts/t1").json()
        assert (
            b.put("/meshes/default/meshtimeouts/t1", json=timeout_policy("t1", idle="7s")).status_code == 200
        )
        assert (
            a.get("/meshes/default/meshtimeouts/t1").json()["spec"]["to"][0]["default"]["idleTimeout"] == "7s"
        )
        # Both replicas sign tokens with the one key in the database.
        token = a.post("/tokens/user", json={"name": "u", "validFor": "1h"}).text
        remote = {"authorization": f"Bearer {token}", "x-forwarded-for": "192.0.2.1"}
        assert b.get("/who-am-i", headers=remote).json()["name"] == "u"
        assert a.get("/").json()["clusterId"] == b.get("/").json()["clusterId"]
        assert a.delete("/meshes/default/meshtimeouts/t1").status_code == 200
        assert b.get("/meshes/default/meshtimeouts/t1").status_code == 404


def test_concurrent_read_modify_writes_lose_no_update(store_url: str) -> None:
    """Each client adds its own label with GET + PUT If-Match, retrying on 409: all labels end up stored."""
    path = "/meshes/default/meshtimeouts/shared"
    with ControlPlaneProcess(store_url) as cp:
        with cp.client() as client:
            create_mesh(client)
            assert client.put(path, json=timeout_policy("shared")).status_code == 201

        def add_label(i: int) -> tuple[int, int]:
            conflicts = 0
            with cp.client() as client:
                for _ in range(500):
                    current = client.get(path)
                    labels = {
                        k: v for k, v in current.json()["labels"].items() if not k.startswith("kuma.io/")
                    }
                    doc = timeout_policy("shared", labels={**labels, f"client-{i}": "done"})
                    response = client.put(path, json=doc, headers={"if-match": current.headers["etag"]})
                    if response.status_code == 200:
                        return conflicts, int(response.headers["etag"].strip('"'))
                    assert response.status_code == 409, response.text
                    conflicts += 1
            raise AssertionError(f"client {i} never got its update in")

        with ThreadPoolExecutor(CLIENTS) as pool:
            results = list(pool.map(add_label, range(CLIENTS)))
        with cp.client() as client:
            final = client.get(path)
        labels = final.json()["labels"]
        assert {f"client-{i}" for i in range(CLIENTS)} <= set(labels)
        # Every successful write made exactly one new version: none overwrote another unseen.
        versions = sorted(version for _, version in results)
        assert versions == list(range(2, CLIENTS + 2))
        assert final.headers["etag"] == f'"{CLIENTS + 1}"'


def test_concurrent_blind_puts_are_each_200_or_409(store_url: str) -> None:
    """Without If-Match every PUT either lands (one version each) or is refused with 409."""
    path = "/meshes/default/meshtimeouts/blind"
    with ControlPlaneProcess(store_url) as cp:
        with cp.client() as client:
            create_mesh(client)
            assert client.put(path, json=timeout_policy("blind")).status_code == 201

        def put(i: int) -> int:
            with cp.client() as client:
                statuses = [
                    client.put(path, json=timeout_policy("blind", idle=f"{i}s")).status_code for _ in range(5)
                ]
            assert set(statuses) <= {200, 409}, statuses
            return statuses.count(200)

        with ThreadPoolExecutor(CLIENTS) as pool:
            landed = sum(pool.map(put, range(CLIENTS)))
        with cp.client() as client:
            final = client.get(path)
        assert final.headers["etag"] == f'"{1 + landed}"'
