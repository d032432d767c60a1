"""Config distribution end to end: ``cp run`` and two ``dp run`` proxies (real Envoy) around an HTTP app.

A client proxy calls the backend through its outbound listener; MeshTimeout applied over the REST
API makes a slow request fail with 504 at the set time, deleting it restores the default; the
push reaches only the proxy whose config changed; Dataplanes register and deregister with their
proxies; tokens are checked; and with two replicas on one PostgreSQL database, a proxy on one
replica gets a policy written through the other.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.controlplane.api.support import pg_database
from tests.e2e.support import (
    ControlPlane,
    Proxy,
    call,
    dataplane_yaml,
    eventually,
    free_port,
    in_sync,
    latest_subscription,
    run_cli,
)
from tests.support.upstream import upstream

pytestmark = pytest.mark.slow

SLOW = "/slow?ms=1500"


def mesh_timeout(name: str, request_timeout: str) -> dict[str, Any]:
    """Calls from ``client`` to ``backend`` time out after ``request_timeout``."""
    return {
        "type": "MeshTimeout",
        "mesh": "default",
        "name": name,
        "spec": {
            "targetRef": {"kind": "Dataplane", "labels": {"kuma.io/workload": "client"}},
            "to": [
                {
                    "targetRef": {"kind": "MeshService", "labels": {"kuma.io/display-name": "backend"}},
                    "default": {"http": {"requestTimeout": request_timeout}},
                }
            ],
        },
    }


@dataclass
class Mesh:
    """A backend proxy in front of the app and a client proxy whose outbound reaches it."""

    backend: Proxy
    client: Proxy
    outbound_port: int


def start_mesh(stack: ExitStack, tmp: Path, proxies_cp: ControlPlane, api_cp: ControlPlane) -> Mesh:
    """Create the mesh through ``api_cp``; run both proxies against ``proxies_cp``."""
    app_port = stack.enter_context(upstream("backend"))
    api_cp.put("/meshes/default", {"type": "Mesh", "name": "default"})
    backend_in, client_in, client_out = free_port(), free_port(), free_port()
    backend_dp = dataplane_yaml(
        "backend-1", workload="backend", inbound_port=backend_in, service_port=app_port
    )
    client_dp = dataplane_yaml(
        "client-1",
        workload="client",
        inbound_port=client_in,
        service_port=free_port(),
        outbounds=[
            {"port": client_out, "backendRef": {"kind": "MeshService", "name": "backend", "port": backend_in}}
        ],
    )
    backend = stack.enter_context(
        Proxy(proxies_cp, tmp, backend_dp, token=api_cp.token("default", workload="backend"), name="backend")
    )
    client = stack.enter_context(
        Proxy(proxies_cp, tmp, client_dp, token=api_cp.token("default", name="client-1"), name="client")
    )
    backend.wait_live()
    client.wait_live()
    eventually(lambda: call(client_out)[0] == 200, 30, what="200 through the mesh")
    return Mesh(backend, client, client_out)


@pytest.fixture
def cp(tmp_path: Path) -> Iterator[ControlPlane]:
    with ControlPlane(f"sqlite:///{tmp_path / 'cp.db'}") as control_plane:
        yield control_plane


def test_meshtimeout_through_real_envoys(cp: ControlPlane, tmp_path: Path) -> None:
    with ExitStack() as stack:
        mesh = start_mesh(stack, tmp_path, cp, cp)
        status, _ = call(mesh.outbound_port, SLOW)
        assert status == 200  # Kuma's default request timeout is 15 s
        backend_version = latest_subscription(cp, "backend-1")["configVersion"]
        client_version = latest_subscription(cp, "client-1")["configVersion"]

        cp.put("/meshes/default/meshtimeouts/short", mesh_timeout("short", "500ms"))
        eventually(lambda: call(mesh.outbound_port, SLOW)[0] == 504, 20, what="504 after the MeshTimeout")
        status, took = call(mesh.outbound_port, SLOW)
        assert status == 504 and 0.45 <= took < 1.2, (status, took)
        # Only the client's config changed: the backend proxy was not pushed anything.
        assert latest_subscription(cp, "client-1")["configVersion"] != client_version
        assert latest_subscription(cp, "backend-1")["configVersion"] == backend_version

        with cp.client() as api:
            assert api.delete("/meshes/default/meshtimeouts/short").status_code == 200
        eventually(lambda: call(mesh.outbound_port, SLOW)[0] == 200, 20, what="200 after deleting it")

        # What the control plane shows about the proxy (once it has recorded Envoy's ACK).
        subscription = eventually(lambda: in_sync(cp, "client-1"), 20, what="client-1 to ACK its config")
        assert "disconnectTime" not in subscription
        assert subscription["status"]["lds"]["responsesAcknowledged"] != "0"
        with cp.client() as api:
            config = api.get("/meshes/default/dataplanes/client-1/_config").json()["xds"]
        listeners = config["type.googleapis.com/envoy.config.listener.v3.Listener"]
        outbound = next(name for name in listeners if name.startswith("kri_msvc_default_default__backend_"))
        live = httpx.get(f"{mesh.client.admin_url}/config_dump?resource=dynamic_listeners").json()
        names = {c["active_state"]["listener"]["name"] for c in live["configs"]}
        assert names == set(listeners) and outbound in names
        shown = run_cli("inspect", "dataplane", "client-1", "--mesh", "default", "--cp-address", cp.url)
        assert shown.returncode == 0, shown.stderr
        assert "connected since" in shown.stdout and "LDS" in shown.stdout
        dumped = run_cli("inspect", "dataplane", "client-1", "--config", "--cp-address", cp.url)
        assert json.loads(dumped.stdout)["xds"] == config

        # Stopping the backend's proxy deregisters its Dataplane after the delay (1 s here).
        mesh.backend.stop()

        def gone() -> bool:
            with cp.client() as api:
                return api.get("/meshes/default/dataplanes/backend-1").status_code == 404

        eventually(gone, 15, what="the backend Dataplane to be deregistered")
        eventually(lambda: call(mesh.outbound_port)[0] == 503, 15, what="503 without endpoints")


def test_tokens_are_checked_on_bootstrap(cp: ControlPlane, tmp_path: Path) -> None:
    cp.put("/meshes/default", {"type": "Mesh", "name": "default"})
    cp.put("/meshes/other", {"type": "Mesh", "name": "other"})
    dp = dataplane_yaml("web-1", workload="web", inbound_port=free_port(), service_port=free_port())
    missing = Proxy(cp, tmp_path, dp, token=None, name="missing").start()
    assert missing.wait_exit() == 1
    assert "Dataplane Token is required" in missing.log()
    wrong_mesh = Proxy(cp, tmp_path, dp, token=cp.token("other"), name="wrong-mesh").start()
    assert wrong_mesh.wait_exit() == 1
    assert "invalid dataplane token" in wrong_mesh.log()
    with Proxy(cp, tmp_path, dp, token=cp.token("default", name="web-1"), name="valid") as valid:
        valid.wait_live()
        with cp.client() as api:
            assert api.get("/meshes/default/dataplanes/web-1").status_code == 200


def test_two_replicas_on_one_postgresql_database(tmp_path: Path) -> None:
    with (
        pg_database("pk_e2e") as url,
        ControlPlane(url) as replica_a,
        ControlPlane(url) as replica_b,
        ExitStack() as stack,
    ):
        mesh = start_mesh(stack, tmp_path, proxies_cp=replica_b, api_cp=replica_a)
        replica_a.put("/meshes/default/meshtimeouts/short", mesh_timeout("short", "300ms"))
        eventually(lambda: call(mesh.outbound_port, SLOW)[0] == 504, 20, what="504 via the other replica")
        # Replica A answers for proxies connected to B from the insight B stores (written shortly
        # after the proxy connected, not in step with the traffic).
        instance_b = latest_subscription(replica_b, "client-1")["controlPlaneInstanceId"]

        def stored_by_b() -> dict[str, Any] | None:
            subscription = latest_subscription(replica_a, "client-1")
            return subscription if subscription.get("controlPlaneInstanceId") == instance_b else None

        subscription = eventually(stored_by_b, 20, what="replica A to show replica B's subscription")
        assert "disconnectTime" not in subscription
