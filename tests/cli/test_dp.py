"""``pulumi-kuma dp run``: argument errors and control-plane errors give clear messages and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.applications import Starlette

from pulumi_kuma.cli.main import main
from pulumi_kuma.controlplane.xds import DP_TOKEN_REQUIRED, BootstrapRejected, bootstrap_routes
from tests.support.http_server import serve_in_thread
from tests.support.resources import free_port

TEMPLATE = "type: Dataplane\nmesh: default\nname: {{ name }}\nnetworking:\n  address: 127.0.0.1\n"


@pytest.fixture
def dataplane_file(tmp_path: Path) -> Path:
    path = tmp_path / "dp.yaml"
    path.write_text(TEMPLATE)
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["dp", "run", *args])
    return code, capsys.readouterr().err


def test_name_and_mesh_cannot_come_with_a_dataplane_file(
    capsys: pytest.CaptureFixture[str], dataplane_file: Path
) -> None:
    code, err = run(capsys, "-d", str(dataplane_file), "--name", "x")
    assert code == 2
    assert "--name and --mesh cannot be specified when a dataplane definition is provided" in err


def test_identity_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, "--name", "x")
    assert code == 2
    assert "give either --dataplane-file, or --name and --mesh" in err


def test_bad_variable(capsys: pytest.CaptureFixture[str], dataplane_file: Path) -> None:
    code, err = run(capsys, "-d", str(dataplane_file), "-v", "novalue")
    assert code == 2
    assert "'novalue' must be formatted as KEY=VALUE" in err


def test_missing_token_file(capsys: pytest.CaptureFixture[str], dataplane_file: Path, tmp_path: Path) -> None:
    code, err = run(
        capsys, "-d", str(dataplane_file), "-v", "name=a", "--dataplane-token-file", str(tmp_path / "t")
    )
    assert code == 2
    assert "--dataplane-token-file" in err


def test_invalid_admin_port(capsys: pytest.CaptureFixture[str], dataplane_file: Path) -> None:
    code, err = run(capsys, "-d", str(dataplane_file), "-v", "name=a", "--admin-port", "70000")
    assert code == 2
    assert "--admin-port 70000 must be between 0 and 65535" in err


def test_unreachable_control_plane(capsys: pytest.CaptureFixture[str], dataplane_file: Path) -> None:
    address = f"http://127.0.0.1:{free_port()}"
    code, err = run(
        capsys, "--cp-address", address, "-d", str(dataplane_file), "-v", "name=a", "--cp-retry-timeout", "0"
    )
    assert code == 1
    assert f"error: cannot reach the control plane at {address}" in err


def test_refused_bootstrap(capsys: pytest.CaptureFixture[str], dataplane_file: Path) -> None:
    def require_token(token: str, *_: object) -> None:
        if not token:
            raise BootstrapRejected(DP_TOKEN_REQUIRED)

    app = Starlette(routes=bootstrap_routes(xds_address=("127.0.0.1", 1), check_token=require_token))
    with serve_in_thread(app) as url:
        code, err = run(capsys, "--cp-address", url, "-d", str(dataplane_file), "-v", "name=a")
    assert code == 1
    assert f"error: the control plane refused the bootstrap request (HTTP 422): {DP_TOKEN_REQUIRED}" in err


def test_unknown_dataplane(capsys: pytest.CaptureFixture[str]) -> None:
    app = Starlette(
        routes=bootstrap_routes(xds_address=("127.0.0.1", 1), find_dataplane=lambda mesh, name: None)
    )
    with serve_in_thread(app) as url:
        code, err = run(capsys, "--cp-address", url, "--mesh", "default", "--name", "ghost")
    assert code == 1
    assert "Dataplane entity not found" in err


def test_help_lists_dp(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["dp", "run", "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for option in (
        "--cp-address",
        "--dataplane-file",
        "--dataplane-var",
        "--dataplane-token-file",
        "--admin-port",
    ):
        assert option in out
