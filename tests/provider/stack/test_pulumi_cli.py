"""The quickstart with the real Pulumi CLI (``pulumi login --local``, ``pulumi up --yes``).

Runs only where a ``pulumi`` binary is on PATH (the CLI is not on PyPI, so CI images without it
skip this test; ``pulumi-kuma stack`` covers the same ground there).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pulumi_kuma.provider.client import ConnectionSettings, KumaClient, ResourceRef
from pulumi_kuma.registry import REGISTRY
from tests.provider.live import LiveControlPlane

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("pulumi") is None, reason="the pulumi CLI is not installed"),
]

QUICKSTART = Path(__file__).resolve().parents[3] / "examples" / "quickstart"


def test_quickstart_with_the_pulumi_cli(live_cp: LiveControlPlane, tmp_path: Path) -> None:
    project = tmp_path / "quickstart"
    shutil.copytree(QUICKSTART, project)
    venv = Path(sys.executable).parent.parent
    (project / "Pulumi.yaml").write_text(
        f"name: kuma-quickstart\nruntime:\n  name: python\n  options:\n    virtualenv: {venv}\n"
    )
    backend = tmp_path / "backend"
    backend.mkdir()
    env = {
        **os.environ,
        "PULUMI_HOME": str(tmp_path / "home"),
        "PULUMI_CONFIG_PASSPHRASE": "test",
        "PULUMI_SKIP_UPDATE_CHECK": "true",
    }

    def pulumi(*args: str) -> str:
        result = subprocess.run(
            ["pulumi", *args, "--non-interactive"],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, f"pulumi {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    pulumi("login", f"file://{backend}")
    pulumi("stack", "init", "dev")
    pulumi("config", "set", "kuma:address", live_cp.address)
    pulumi("up", "--yes")
    direct = KumaClient(ConnectionSettings(live_cp.address))
    assert direct.exists(ResourceRef(REGISTRY.by_name("MeshTimeout"), "default-timeouts", "quickstart"))
    assert direct.exists(ResourceRef(REGISTRY.by_name("MeshIdentity"), "identity", "quickstart"))
    second = pulumi("preview", "--expect-no-changes")  # exits non-zero on any change
    assert "unchanged" in second, second
    assert not any(change in second for change in ("to create", "to update", "to replace", "to delete")), (
        second
    )
    pulumi("destroy", "--yes")
    assert not direct.exists(ResourceRef(REGISTRY.by_name("Mesh"), "quickstart"))
