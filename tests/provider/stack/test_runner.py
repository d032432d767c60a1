"""The stack runner's engine behaviour (removed resources, dependencies, protect, state secrets,
outputs), with the real SDK and provider host against the fake Kuma API."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from pulumi_kuma.cli.main import main as cli_main
from pulumi_kuma.provider.stack import StackRunner
from tests.provider.fake_kuma import FakeKumaServer

pytestmark = pytest.mark.slow

TIMEOUT = "{'targetRef': {'kind': 'Mesh'}, 'to': [{'targetRef': {'kind': 'Mesh'}, 'default': {'idleTimeout': '%s'}}]}"


def write_program(project: Path, body: str) -> None:
    project.mkdir(exist_ok=True)
    (project / "Pulumi.yaml").write_text("name: runner-test\nruntime: python\n")
    (project / "__main__.py").write_text("import pulumi\nimport pulumi_kuma as kuma\n" + body)


def run(project: Path, cp: FakeKumaServer, action: str, **kwargs: object) -> tuple[object, str]:
    out = io.StringIO()
    runner = StackRunner(project, config={"kuma:address": cp.address}, out=out, progress=False, **kwargs)  # type: ignore[arg-type]
    return getattr(runner, action)(), out.getvalue()


def test_removed_resources_are_deleted_dependents_first(fake_cp: FakeKumaServer, tmp_path: Path) -> None:
    project = tmp_path / "p"
    write_program(
        project,
        "mesh = kuma.Mesh('team')\n"
        f"kuma.MeshTimeout('a', mesh=mesh.name, spec={TIMEOUT % '1s'})\n"
        f"kuma.MeshTimeout('b', mesh=mesh.name, spec={TIMEOUT % '2s'})\n"
        "pulumi.export('mesh', mesh.name)\n"
        "pulumi.export('secret', pulumi.Output.secret('hush-hush-value'))\n",
    )
    result, text = run(project, fake_cp, "up")
    assert result.ok, text  # type: ignore[attr-defined]
    assert result.outputs["mesh"] == "team"  # type: ignore[attr-defined]
    assert 'secret: "[secret]"' in text and "hush-hush-value" not in text
    state_text = (project / ".pulumi-kuma" / "dev.json").read_text()
    assert "hush-hush-value" not in state_text
    state = json.loads(state_text)
    by_name = {r["urn"].rsplit("::", 1)[1]: r for r in state["resources"]}
    assert by_name["a"]["dependencies"] == [by_name["team"]["urn"]]

    # Drop b: it is deleted, a stays.
    write_program(
        project, f"mesh = kuma.Mesh('team')\nkuma.MeshTimeout('a', mesh=mesh.name, spec={TIMEOUT % '1s'})\n"
    )
    preview, text = run(project, fake_cp, "preview")
    assert preview.counts == {"same": 2, "delete": 1}, text  # type: ignore[attr-defined]
    assert fake_cp.fake.get("MeshTimeout", "b", "team") is not None  # preview deletes nothing
    result, text = run(project, fake_cp, "up")
    assert result.counts == {"same": 2, "delete": 1}, text  # type: ignore[attr-defined]
    assert fake_cp.fake.get("MeshTimeout", "b", "team") is None

    # Drop everything: the policy goes before the mesh it depends on.
    write_program(project, "")
    fake_cp.fake.requests.clear()
    result, text = run(project, fake_cp, "up")
    assert result.counts == {"delete": 2}, text  # type: ignore[attr-defined]
    deletes = [path for method, path in fake_cp.fake.requests if method == "DELETE"]
    assert deletes == ["/meshes/team/meshtimeouts/a", "/meshes/team"]
    remaining = json.loads((project / ".pulumi-kuma" / "dev.json").read_text())["resources"]
    assert [r["type"] for r in remaining] == ["pulumi:pulumi:Stack"]


def test_protected_resources_are_not_deleted(fake_cp: FakeKumaServer, tmp_path: Path) -> None:
    project = tmp_path / "p"
    write_program(
        project,
        f"kuma.MeshTimeout('keep', spec={TIMEOUT % '1s'}, opts=pulumi.ResourceOptions(protect=True))\n",
    )
    assert run(project, fake_cp, "up")[0].ok  # type: ignore[attr-defined]
    result, text = run(project, fake_cp, "destroy")
    assert not result.ok and "protected" in text  # type: ignore[attr-defined]
    assert fake_cp.fake.get("MeshTimeout", "keep", "default") is not None


def test_failed_create_keeps_the_state_of_the_others_and_exits_1(
    fake_cp: FakeKumaServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p"
    fake_cp.fake.put_raw("MeshTimeout", "taken", {"targetRef": {"kind": "Mesh"}}, mesh="default")
    write_program(
        project,
        f"kuma.MeshTimeout('fine', spec={TIMEOUT % '1s'})\n"
        f"kuma.MeshTimeout('taken', spec={TIMEOUT % '1s'}, opts=pulumi.ResourceOptions(depends_on=[]))\n",
    )
    code = cli_main(["stack", "up", str(project), "--config", f"kuma:address={fake_cp.address}", "--no-diff"])
    printed = capsys.readouterr().out
    assert code == 1
    assert 'MeshTimeout "taken" in mesh "default" already exists' in printed
    state = json.loads((project / ".pulumi-kuma" / "dev.json").read_text())
    assert [r["urn"].rsplit("::", 1)[1] for r in state["resources"] if r["custom"]] == ["fine"]


def test_state_file_option_and_passphrase(
    fake_cp: FakeKumaServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PULUMI_CONFIG_PASSPHRASE", "pass phrase")
    project = tmp_path / "p"
    state = tmp_path / "elsewhere" / "state.json"
    write_program(project, f"kuma.MeshTimeout('t', spec={TIMEOUT % '1s'})\n")
    code = cli_main(
        [
            "stack",
            "up",
            str(project),
            "--config",
            f"kuma:address={fake_cp.address}",
            "--state",
            str(state),
            "--no-diff",
        ]
    )
    assert code == 0
    assert json.loads(state.read_text())["encryption"]["kind"] == "passphrase"
    assert not (project / ".pulumi-kuma").exists()
    assert (
        cli_main(
            [
                "stack",
                "destroy",
                str(project),
                "--config",
                f"kuma:address={fake_cp.address}",
                "--state",
                str(state),
            ]
        )
        == 0
    )
    assert fake_cp.fake.get("MeshTimeout", "t", "default") is None


def test_project_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["stack", "preview", str(tmp_path)]) == 2
    assert "no Pulumi.yaml" in capsys.readouterr().out


def test_secret_kinds_never_reach_the_state_or_output_in_clear(
    fake_cp: FakeKumaServer, tmp_path: Path
) -> None:
    import base64

    data = base64.b64encode(b"very-secret-password").decode()
    project = tmp_path / "p"
    write_program(project, f"kuma.Secret('db-password', spec={{'data': {data!r}}})\n")
    result, text = run(project, fake_cp, "up")
    assert result.ok, text  # type: ignore[attr-defined]
    stored = fake_cp.fake.get("Secret", "db-password", "default")
    assert stored is not None and stored.spec["data"] == data
    assert data not in (project / ".pulumi-kuma" / "dev.json").read_text()
    assert data not in text
    again, text = run(project, fake_cp, "up")
    assert again.counts == {"same": 1}, text  # type: ignore[attr-defined]
