"""``pulumi-kuma cp run`` and ``pulumi-kuma token user`` as a user runs them: real processes, real HTTP."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.controlplane.api.conftest import timeout_policy
from tests.controlplane.api.support import REPO, ControlPlaneProcess, free_port

pytestmark = pytest.mark.slow


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pulumi_kuma", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_serves_until_signalled_then_exits_0(tmp_path: Path, sig: int) -> None:
    with ControlPlaneProcess(f"sqlite://{tmp_path / 'cp.db'}") as cp:
        assert sum("control plane ready" in line for line in cp.log_lines) == 1
        with cp.client() as client:
            index = client.get("/")
            assert index.status_code == 200 and index.json()["product"] == "pulumi-kuma"
            assert client.put("/meshes/default", json={"type": "Mesh", "name": "default"}).status_code == 201
        assert cp.stop(sig) == 0
    assert not any("Traceback" in line for line in cp.log_lines), "\n".join(cp.log_lines)


def test_default_store_lives_in_the_data_directory(tmp_path: Path) -> None:
    data = tmp_path / "data" / "nested"
    proc = subprocess.Popen(
        [sys.executable, "-m", "pulumi_kuma", "cp", "run", "--api-port", "0", "--data-dir", str(data)],
        cwd=REPO,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        while "control plane ready" not in line:
            assert line, "cp run exited before it was ready"
            line = proc.stderr.readline()
        assert f"sqlite://{data / 'cp.db'}" in line
        assert (data / "cp.db").exists()
        # Like kuma-cp, the control plane created the mesh "default" (with Kuma's computed labels).
        api = line.split("API at ")[1].split()[0]
        mesh = httpx.get(f"{api}/meshes/default", timeout=10)
        assert mesh.status_code == 200, mesh.text
        assert mesh.json()["labels"]["kuma.io/origin"] == "zone"
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0


def test_a_busy_port_is_reported_and_exits_1(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_cli("cp", "run", "--api-port", str(port), "--store", f"sqlite://{tmp_path / 'x.db'}")
    assert result.returncode == 1
    assert "could not start" in result.stderr and "Address already in use" in result.stderr


def test_a_bad_store_url_exits_1(tmp_path: Path) -> None:
    result = run_cli("cp", "run", "--api-port", "0", "--store", "mysql://nope")
    assert result.returncode == 1
    assert "scheme 'mysql'" in result.stderr


def test_read_only_and_no_localhost_admin_flags(tmp_path: Path) -> None:
    url = f"sqlite://{tmp_path / 'cp.db'}"
    with ControlPlaneProcess(url, "--read-only", "--no-localhost-admin") as cp, cp.client() as client:
        assert client.put("/meshes/default", json={"type": "Mesh", "name": "default"}).status_code == 405
        assert client.get("/who-am-i").json()["name"] == "mesh-system:anonymous"
        assert client.get("/config").status_code == 403


def test_dot_dot_names_are_rejected_over_the_wire(tmp_path: Path) -> None:
    with ControlPlaneProcess(f"sqlite://{tmp_path / 'cp.db'}") as cp:
        host, port = cp.address.split(":")
        with cp.client() as client:
            client.put("/meshes/default", json={"type": "Mesh", "name": "default"})
        body = json.dumps(timeout_policy("..")).encode()
        request = (
            f"PUT /meshes/default/meshtimeouts/.. HTTP/1.1\r\nHost: {cp.address}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        ).encode() + body
        with socket.create_connection((host, int(port))) as conn:
            conn.sendall(request)
            reply = b""
            while chunk := conn.recv(65536):
                reply += chunk
        assert reply.startswith(b"HTTP/1.1 400"), reply
        assert b'"field":"name"' in reply


def test_token_user_online_and_offline(tmp_path: Path) -> None:
    url = f"sqlite://{tmp_path / 'cp.db'}"
    with ControlPlaneProcess(url) as cp:
        online = run_cli("token", "user", "--name", "alice", "--group", "dev", "--cp-address", cp.url)
        assert online.returncode == 0, online.stderr
        token = online.stdout.strip()
        remote_view = {"x-forwarded-for": "198.51.100.7", "authorization": f"Bearer {token}"}
        me = httpx.get(f"{cp.url}/who-am-i", headers=remote_view).json()
        assert me == {"name": "alice", "groups": ["dev", "mesh-system:authenticated"]}
        assert cp.stop() == 0
    # Offline: signed with the key kept in the same store, valid for the next start.
    offline = run_cli(
        "token", "user", "--name", "ops", "--group", "mesh-system:admin", "--valid-for", "1h", "--store", url
    )
    assert offline.returncode == 0, offline.stderr
    with ControlPlaneProcess(url, "--no-localhost-admin") as cp:
        headers = {"authorization": f"Bearer {offline.stdout.strip()}"}
        assert httpx.get(f"{cp.url}/globalsecrets", headers=headers).status_code == 200
        assert httpx.get(f"{cp.url}/globalsecrets").status_code == 403
        refused = run_cli("token", "user", "--name", "x", "--cp-address", cp.url)
        assert refused.returncode == 1 and "403" in refused.stderr
        allowed = run_cli(
            "token", "user", "--name", "x", "--cp-address", cp.url, "--auth-token", offline.stdout.strip()
        )
        assert allowed.returncode == 0, allowed.stderr


def test_token_user_rejects_a_bad_duration() -> None:
    result = run_cli("token", "user", "--name", "x", "--valid-for", "soon")
    assert result.returncode == 2
    assert "--valid-for 'soon'" in result.stderr


def test_the_unreachable_control_plane_is_reported() -> None:
    result = run_cli("token", "user", "--name", "x", "--cp-address", f"http://127.0.0.1:{free_port()}")
    assert result.returncode == 1 and result.stderr.startswith("error:")
