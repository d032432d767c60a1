"""Generated Workloads end to end: ``cp run`` creates a Workload per ``kuma.io/workload`` value of
the Dataplanes written over the REST API, counts its proxies (a real ``dp run`` proxy connects),
deletes it when no Dataplane names it any more, and leaves user-created Workloads alone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.controlplane.api.support import pg_database
from tests.e2e.support import ControlPlane, Proxy, dataplane_yaml, eventually, free_port

pytestmark = pytest.mark.slow


def web_dataplane(name: str) -> dict[str, Any]:
    return {
        "type": "Dataplane",
        "mesh": "default",
        "name": name,
        "labels": {"kuma.io/workload": "web"},
        "networking": {"address": "127.0.0.1", "inbound": [{"port": 8080, "servicePort": 9090}]},
    }


def get(cp: ControlPlane, path: str) -> dict[str, Any] | None:
    with cp.client() as api:
        response = api.get(path)
    if response.status_code == 404:
        return None
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def counts(cp: ControlPlane, name: str = "web") -> dict[str, int] | None:
    workload = get(cp, f"/meshes/default/workloads/{name}")
    return None if workload is None else workload["status"]["dataplaneProxies"]


@pytest.fixture(params=["sqlite", "postgres"])
def cp(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ControlPlane]:
    if request.param == "sqlite":
        with ControlPlane(f"sqlite:///{tmp_path / 'cp.db'}") as control_plane:
            yield control_plane
    else:
        with pg_database("pk_workloads") as url, ControlPlane(url) as control_plane:
            yield control_plane


def test_workloads_follow_the_dataplanes_written_over_the_api(cp: ControlPlane) -> None:
    cp.put("/meshes/default", {"type": "Mesh", "name": "default"})
    cp.put(
        "/meshes/default/workloads/mine", {"type": "Workload", "mesh": "default", "name": "mine", "spec": {}}
    )
    cp.put("/meshes/default/dataplanes/web-1", web_dataplane("web-1"))

    eventually(lambda: counts(cp) == {"connected": 0, "healthy": 1, "total": 1}, 30, what="Workload web")
    web = get(cp, "/meshes/default/workloads/web")
    assert web is not None
    assert web["labels"] == {
        "kuma.io/env": "universal",
        "kuma.io/managed-by": "workload-generator",
        "kuma.io/mesh": "default",
        "kuma.io/zone": "default",
    }
    assert web["spec"] == {}

    cp.put("/meshes/default/dataplanes/web-2", web_dataplane("web-2"))
    eventually(lambda: (counts(cp) or {}).get("total") == 2, 30, what="a second proxy counted")

    with cp.client() as api:
        assert api.delete("/meshes/default/dataplanes/web-1").status_code == 200
        assert api.delete("/meshes/default/dataplanes/web-2").status_code == 200
    eventually(lambda: get(cp, "/meshes/default/workloads/web") is None, 30, what="Workload web deleted")

    # The Workload a user created stays, with its status as it was (no Dataplane names it).
    mine = get(cp, "/meshes/default/workloads/mine")
    assert mine is not None and "kuma.io/managed-by" not in mine["labels"]
    listed = get(cp, "/meshes/default/workloads")
    assert listed is not None and [item["name"] for item in listed["items"]] == ["mine"]


def test_a_connected_proxy_is_counted(tmp_path: Path) -> None:
    with ControlPlane(f"sqlite:///{tmp_path / 'cp.db'}") as cp:
        cp.put("/meshes/default", {"type": "Mesh", "name": "default"})
        template = dataplane_yaml("web-1", workload="web", inbound_port=free_port(), service_port=free_port())
        token = cp.token("default", workload="web")
        with Proxy(cp, tmp_path, template, token=token, name="web") as proxy:
            proxy.wait_live()
            eventually(
                lambda: counts(cp) == {"connected": 1, "healthy": 1, "total": 1}, 30, what="1 connected proxy"
            )
        # The proxy's Dataplane is deregistered after the delay (1 s here), and its Workload goes.
        eventually(lambda: counts(cp) is None, 30, what="Workload web deleted after deregistration")
