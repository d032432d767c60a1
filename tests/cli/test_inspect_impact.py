"""``pulumi-kuma inspect dataplane``, ``inspect policy`` and ``impact`` as a user runs them: the
commands in subprocesses against a live ``pulumi-kuma cp run`` over HTTP."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from pulumi_kuma.registry import REGISTRY
from tests.controlplane.api.support import REPO, ControlPlaneProcess

pytestmark = pytest.mark.slow

DOWN = "http://127.0.0.1:1"  # nothing listens on port 1


def run_cli(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("KUMA_TOKEN", "PULUMI_KUMA_TOKEN")}
    return subprocess.run(
        [sys.executable, "-m", "pulumi_kuma", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={**environment, **(env or {})},
        input=stdin,
    )


def _dataplane(name: str, app: str) -> dict[str, Any]:
    return {
        "type": "Dataplane",
        "mesh": "default",
        "name": name,
        "labels": {"app": app},
        "networking": {
            "address": "10.0.0.1",
            "inbound": [{"port": 8080, "name": "http", "tags": {"app": app}}],
        },
    }


def _timeout(name: str, target: dict[str, Any], section: str, item: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "MeshTimeout",
        "mesh": "default",
        "name": name,
        "spec": {"targetRef": target, section: [item]},
    }


BACKEND = {"kind": "MeshService", "labels": {"kuma.io/display-name": "backend"}}
WORLD: list[dict[str, Any]] = [
    {"type": "Mesh", "name": "default"},
    _dataplane("web-1", "web"),
    _dataplane("web-2", "web"),
    _dataplane("api-1", "api"),
    {
        "type": "MeshService",
        "mesh": "default",
        "name": "backend",
        "spec": {
            "selector": {"dataplaneLabels": {"matchLabels": {"app": "api"}}},
            "ports": [{"port": 80, "targetPort": 8080, "appProtocol": "http"}],
        },
    },
    _timeout(
        "everyone", {"kind": "Mesh"}, "to", {"targetRef": {"kind": "Mesh"}, "default": {"idleTimeout": "1s"}}
    ),
    _timeout(
        "web-in",
        {"kind": "Dataplane", "labels": {"app": "web"}},
        "rules",
        {"default": {"idleTimeout": "20s"}},
    ),
    {
        "type": "MeshRetry",
        "mesh": "default",
        "name": "retries",
        "spec": {
            "targetRef": {"kind": "Dataplane", "labels": {"app": "web"}},
            "to": [{"targetRef": BACKEND, "default": {"http": {"numRetries": 3}}}],
        },
    },
]


def _path(doc: dict[str, Any]) -> str:
    if doc["type"] == "Mesh":
        return f"/meshes/{doc['name']}"
    return f"/meshes/default/{REGISTRY.by_name(doc['type']).plural}/{doc['name']}"


@pytest.fixture(scope="module")
def cp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ControlPlaneProcess]:
    store = tmp_path_factory.mktemp("cli-inspect") / "cp.db"
    with ControlPlaneProcess(f"sqlite://{store}") as process:
        with process.client() as client:
            for doc in WORLD:
                response = client.put(_path(doc), json=doc)
                assert response.status_code == 201, response.text
        yield process


# --- inspect dataplane ------------------------------------------------------------------------------


def test_inspect_dataplane_shows_status_and_rules_per_kind(cp: ControlPlaneProcess) -> None:
    shown = run_cli("inspect", "dataplane", "web-1", "--mesh", "default", "--cp-address", cp.url)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].startswith("Dataplane default/web-1") and lines[1] == "  never connected"
    text = shown.stdout
    assert (
        "MeshTimeout\n  inbound :8080 (http)\n    all traffic  from web-in rules[0]\n      idleTimeout  20s"
        in text
    )
    assert "  outbound default (Mesh)  from everyone to[0]\n      idleTimeout  1s" in text
    assert "MeshRetry\n  outbound backend (MeshService)  from retries to[0]\n      http.numRetries  3" in text

    raw = run_cli("inspect", "dataplane", "web-1", "-o", "json", "--cp-address", cp.url)
    with cp.client() as client:
        assert json.loads(raw.stdout) == client.get("/meshes/default/dataplanes/web-1/_rules").json()
    overview = run_cli("inspect", "dataplane", "web-1", "--overview", "--cp-address", cp.url)
    assert (
        overview.returncode == 0
        and "MeshTimeout" not in overview.stdout
        and "never connected" in overview.stdout
    )
    config = run_cli("inspect", "dataplane", "web-1", "--config", "--cp-address", cp.url)
    assert "type.googleapis.com/envoy.config.listener.v3.Listener" in json.loads(config.stdout)["xds"]

    nothing = run_cli("inspect", "dataplane", "api-1", "--cp-address", cp.url)
    assert "MeshRetry" not in nothing.stdout and "MeshTimeout" in nothing.stdout


def test_inspect_exit_codes(cp: ControlPlaneProcess) -> None:
    missing = run_cli("inspect", "dataplane", "nope", "--cp-address", cp.url)
    assert missing.returncode == 1
    assert "mesh 'default' has no Dataplane 'nope' (Could not retrieve Dataplane)" in missing.stderr
    no_mesh = run_cli("inspect", "dataplane", "web-1", "--mesh", "nope", "--cp-address", cp.url)
    assert no_mesh.returncode == 1 and "Failed to retrieve Mesh" in no_mesh.stderr
    assert run_cli("inspect", "dataplane", "web-1", "--cp-address", DOWN).returncode == 3
    unknown = run_cli("inspect", "policy", "MeshNope", "x", "--cp-address", cp.url)
    assert unknown.returncode == 2 and "'MeshNope' is not a policy kind" in unknown.stderr
    assert run_cli("inspect", "policy", "MeshTimeout", "nope", "--cp-address", cp.url).returncode == 1


def test_tokens_come_from_the_flag_or_the_environment(tmp_path: Path) -> None:
    url = f"sqlite://{tmp_path / 'cp.db'}"
    issued = run_cli("token", "user", "--name", "ops", "--group", "mesh-system:admin", "--store", url)
    assert issued.returncode == 0, issued.stderr
    token = issued.stdout.strip()
    # Without localhost admin the control plane reads the token even over loopback.
    with ControlPlaneProcess(url, "--no-localhost-admin") as process, process.client() as client:
        admin = {"authorization": f"Bearer {token}"}
        for doc in WORLD[:2]:
            assert client.put(_path(doc), json=doc, headers=admin).status_code == 201
        secret = {"type": "Secret", "mesh": "default", "name": "s", "data": "c2VjcmV0"}
        secret_file = tmp_path / "secret.yaml"
        secret_file.write_text(json.dumps(secret))

        good = run_cli("inspect", "dataplane", "web-1", "--token", token, "--cp-address", process.url)
        assert good.returncode == 0, good.stderr
        refused = run_cli(
            "inspect", "dataplane", "web-1", "--cp-address", process.url, env={"KUMA_TOKEN": "bad"}
        )
        assert refused.returncode == 3 and "Invalid authentication data" in refused.stderr
        # A secret needs an admin: the token must reach the control plane.
        anonymous = run_cli("impact", "-f", str(secret_file), "--cp-address", process.url)
        assert anonymous.returncode == 3 and "403" in anonymous.stderr
        for env in ({"KUMA_TOKEN": token}, {"PULUMI_KUMA_TOKEN": token}):
            admitted = run_cli("impact", "-f", str(secret_file), "--cp-address", process.url, env=env)
            assert admitted.returncode == 0, admitted.stderr
        admitted = run_cli(
            "impact", "-f", str(secret_file), "--auth-token", token, "--cp-address", process.url
        )
        assert admitted.returncode == 0, admitted.stderr


# --- inspect policy ---------------------------------------------------------------------------------


def test_inspect_policy_shows_what_it_contributes_to_each_dataplane(cp: ControlPlaneProcess) -> None:
    shown = run_cli("inspect", "policy", "meshtimeouts", "web-in", "--cp-address", cp.url)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("MeshTimeout default/web-in selects 2 Dataplane(s)\n")
    assert (
        "\nweb-1\n  inbound :8080 (http)\n    all traffic  from web-in rules[0]\n      idleTimeout  20s"
        in shown.stdout
    )
    assert "\nweb-2\n" in shown.stdout and "api-1" not in shown.stdout

    everyone = run_cli("inspect", "policy", "MeshTimeout", "everyone", "-o", "json", "--cp-address", cp.url)
    body = json.loads(everyone.stdout)
    assert body["policy"]["name"] == "everyone" and body["total"] == 3
    assert [item["dataplane"]["name"] for item in body["items"]] == ["api-1", "web-1", "web-2"]
    for item in body["items"]:
        [rule] = item["contributes"]["outbound"]
        assert rule["resourceMeta"]["type"] == "Mesh" and rule["conf"] == [{"idleTimeout": "1s"}]
        assert item["contributes"]["inbound"] == [] and item["contributes"]["proxy"] is None


# --- impact -----------------------------------------------------------------------------------------


def _write(path: Path, *docs: dict[str, Any]) -> str:
    path.write_text("\n---\n".join(json.dumps(doc) for doc in docs))
    return str(path)


def test_impact_prints_a_diff_per_dataplane_and_stores_nothing(
    cp: ControlPlaneProcess, tmp_path: Path
) -> None:
    changed = _timeout(
        "web-in",
        {"kind": "Dataplane", "labels": {"app": "web"}},
        "rules",
        {"default": {"idleTimeout": "45s"}},
    )
    new = _timeout(
        "web-out",
        {"kind": "Dataplane", "labels": {"app": "web"}},
        "to",
        {"targetRef": BACKEND, "default": {"idleTimeout": "7s"}},
    )
    changes = _write(tmp_path / "changes.yaml", changed, new)
    result = run_cli("impact", "-f", changes, "--delete", "MeshRetry/retries", "--cp-address", cp.url)
    assert result.returncode == 1, result.stderr
    out = result.stdout
    assert (
        "  ~ update    MeshTimeout web-in\n  + create    MeshTimeout web-out\n  - delete    MeshRetry retries"
        in out
    )
    assert "2 of 3 Dataplane(s) in mesh default change:" in out
    assert "~ Dataplane web-1\n    MeshTimeout\n      + matches web-out\n" in out
    assert (
        "      ~ inbound :8080 (http)\n          ~ all traffic  from web-in rules[0]\n              ~ idleTimeout: 20s -> 45s"
        in out
    )
    assert (
        "      + outbound backend (MeshService)  kri_msvc_default_default__backend_  from everyone to[0], web-out to[0]\n          + idleTimeout: 7s"
        in out
    )
    assert "    MeshRetry\n      - matches retries\n      - outbound backend (MeshService)" in out
    assert "          - http.numRetries: 3" in out
    assert "Dataplane api-1" not in out

    as_json = run_cli(
        "impact", "-f", changes, "--delete", "meshretries/retries", "-o", "json", "--cp-address", cp.url
    )
    assert as_json.returncode == 1
    assert [item["dataplane"]["name"] for item in json.loads(as_json.stdout)["items"]] == ["web-1", "web-2"]

    with cp.client() as client:
        assert client.get("/meshes/default/meshretries/retries").status_code == 200
        assert client.get("/meshes/default/meshtimeouts/web-out").status_code == 404
        stored = client.get("/meshes/default/meshtimeouts/web-in").json()
        assert stored["spec"]["rules"][0]["default"]["idleTimeout"] == "20s"


def test_impact_without_changes_exits_0(cp: ControlPlaneProcess, tmp_path: Path) -> None:
    everyone = next(doc for doc in WORLD if doc["name"] == "everyone")
    same = run_cli("impact", "-f", "-", "--cp-address", cp.url, stdin=json.dumps(everyone))
    assert same.returncode == 0, same.stderr
    assert "= unchanged MeshTimeout everyone" in same.stdout and "No Dataplane's rules change" in same.stdout
    nobody = _timeout(
        "nobody",
        {"kind": "Dataplane", "labels": {"app": "none"}},
        "to",
        {"targetRef": BACKEND, "default": {"idleTimeout": "1s"}},
    )
    del nobody["mesh"]  # the mesh comes from --mesh
    result = run_cli(
        "impact", "-f", _write(tmp_path / "n.yaml", nobody), "--mesh", "default", "--cp-address", cp.url
    )
    assert result.returncode == 0 and "+ create    MeshTimeout nobody" in result.stdout


def test_impact_invalid_input_exits_2_and_unreachable_3(cp: ControlPlaneProcess, tmp_path: Path) -> None:
    broken = _timeout(
        "broken", {"kind": "Mesh"}, "to", {"targetRef": {"kind": "Mesh"}, "default": {"idleTimeout": "soon"}}
    )
    result = run_cli("impact", "-f", _write(tmp_path / "b.yaml", broken), "--cp-address", cp.url)
    assert result.returncode == 2
    assert "the control plane rejected the changes" in result.stderr
    assert "upsert[0].spec.to[0].default.idleTimeout:" in result.stderr
    missing = run_cli("impact", "--delete", "MeshTimeout/gone", "--cp-address", cp.url)
    assert missing.returncode == 2 and 'delete[0].name: no MeshTimeout named "gone"' in missing.stderr
    assert run_cli("impact", "--delete", "MeshNope/x", "--cp-address", cp.url).returncode == 2
    assert run_cli("impact", "--delete", "no-slash", "--cp-address", cp.url).returncode == 2
    assert run_cli("impact", "-f", str(tmp_path / "absent.yaml"), "--cp-address", cp.url).returncode == 2
    assert run_cli("impact", "--cp-address", cp.url).returncode == 2
    two_meshes = [{**broken, "mesh": "a"}, {**broken, "mesh": "b", "name": "other"}]
    split = run_cli("impact", "-f", _write(tmp_path / "m.yaml", *two_meshes), "--cp-address", cp.url)
    assert split.returncode == 2 and "meshes a, b" in split.stderr
    down = run_cli("impact", "--delete", "MeshTimeout/everyone", "--cp-address", DOWN)
    assert down.returncode == 3 and "cannot reach the control plane" in down.stderr
    with httpx.Client(base_url=cp.url) as client:
        assert client.get("/meshes/default/meshtimeouts/broken").status_code == 404
