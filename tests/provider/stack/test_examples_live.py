"""Every example through ``pulumi-kuma stack`` against a live control plane: preview, up, a no-op up,
an edited program (an update and a replace), drift and refresh, destroy."""

from __future__ import annotations

import io
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from pulumi_kuma.cli.main import main as cli_main
from pulumi_kuma.provider.client import ConnectionSettings, KumaClient, ResourceRef
from pulumi_kuma.provider.stack import StackRunner
from pulumi_kuma.registry import REGISTRY
from tests.provider.live import LiveControlPlane, issue_admin_token
from tests.provider.test_live_provider import ensure_default_mesh

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


@dataclass(frozen=True)
class Example:
    name: str
    resources: tuple[tuple[str, str, str | None], ...]
    """(kind, name, mesh) of what up creates."""
    update: tuple[str, str, str]
    """(old text, new text, resource name that updates)."""
    replace: tuple[str, str, str, str]
    """(old text, new text, resource name that is replaced, its new Kuma name)."""
    drift: tuple[str, str, str | None]
    """(kind, name, mesh) changed behind Pulumi's back."""


CASES = [
    Example(
        "quickstart",
        (
            ("Mesh", "quickstart", None),
            ("MeshIdentity", "identity", "quickstart"),
            ("MeshTrafficPermission", "allow-mesh-workloads", "quickstart"),
            ("MeshTimeout", "default-timeouts", "quickstart"),
            ("MeshRetry", "default-retries", "quickstart"),
            ("MeshCircuitBreaker", "default-circuit-breaker", "quickstart"),
        ),
        ('request_timeout="15s"', 'request_timeout="20s"', "default-timeouts"),
        (
            '"default-retries",',
            '"default-retries",\n    name="mesh-retries",',
            "default-retries",
            "mesh-retries",
        ),
        ("MeshTimeout", "default-timeouts", "quickstart"),
    ),
    Example(
        "canary",
        (("MeshHTTPRoute", "backend-canary", "default"), ("MeshTimeout", "backend-timeouts", "default")),
        ('"requestTimeout": "5s"', '"requestTimeout": "3s"', "backend-timeouts"),
        (
            '"backend-canary",',
            '"backend-canary",\n    name="backend-canary-v2",',
            "backend-canary",
            "backend-canary-v2",
        ),
        ("MeshTimeout", "backend-timeouts", "default"),
    ),
    Example(
        "observability",
        (
            ("MeshAccessLog", "access-logs", "default"),
            ("MeshMetric", "prometheus-metrics", "default"),
            ("MeshTrace", "zipkin-traces", "default"),
        ),
        ('config.get("samplingPercent") or 10', 'config.get("samplingPercent") or 50', "zipkin-traces"),
        ('"access-logs",', '"access-logs",\n    name="mesh-access-logs",', "access-logs", "mesh-access-logs"),
        ("MeshMetric", "prometheus-metrics", "default"),
    ),
    Example(
        "zero-trust",
        (
            ("Mesh", "zero-trust", None),
            ("MeshIdentity", "workload-identity", "zero-trust"),
            ("MeshTLS", "strict-mtls", "zero-trust"),
            ("MeshTrafficPermission", "api-allows-web", "zero-trust"),
            ("MeshTrafficPermission", "db-allows-api-only", "zero-trust"),
        ),
        ('"mode": "Strict"', '"mode": "Permissive"', "strict-mtls"),
        (
            '"api-allows-web",',
            '"api-allows-web",\n    name="api-permissions",',
            "api-allows-web",
            "api-permissions",
        ),
        ("MeshTrafficPermission", "db-allows-api-only", "zero-trust"),
    ),
]


def ref(kind: str, name: str, mesh: str | None) -> ResourceRef:
    return ResourceRef(REGISTRY.by_name(kind), name, mesh)


def runner(project: Path, cp: LiveControlPlane, out: io.StringIO) -> StackRunner:
    return StackRunner(project, config={"kuma:address": cp.address}, out=out, progress=False)


@pytest.mark.parametrize("example", CASES, ids=lambda e: e.name)
def test_example_lifecycle(example: Example, live_cp: LiveControlPlane, tmp_path: Path) -> None:
    ensure_default_mesh(live_cp.address)
    project = tmp_path / example.name
    shutil.copytree(EXAMPLES / example.name, project)
    direct = KumaClient(ConnectionSettings(live_cp.address))
    out = io.StringIO()

    preview = runner(project, live_cp, out).preview()
    assert preview.ok, out.getvalue()
    assert preview.counts == {"create": len(example.resources)}
    assert not any(direct.exists(ref(*r)) for r in example.resources), "preview must not create anything"

    up = runner(project, live_cp, out).up()
    assert up.ok, out.getvalue()
    assert up.counts == {"create": len(example.resources)}
    assert all(direct.exists(ref(*r)) for r in example.resources)
    assert up.outputs

    again = runner(project, live_cp, out).up()
    assert again.ok and again.counts == {"same": len(example.resources)}, out.getvalue()

    # An edited program: one update, one replace.
    main = project / "__main__.py"
    source = main.read_text()
    for old, new, *_ in (example.update, example.replace):
        assert old in source, old
        source = source.replace(old, new, 1)
    main.write_text(source)
    out = io.StringIO()
    planned = runner(project, live_cp, out).preview()
    assert planned.ok, out.getvalue()
    assert planned.step(example.update[2]).op == "update"
    assert planned.step(example.replace[2]).op == "replace"
    assert "[diff: +-name" in out.getvalue()
    applied = runner(project, live_cp, out).up()
    assert applied.ok, out.getvalue()
    assert applied.counts.get("update") == 1 and applied.counts.get("replace") == 1, applied.counts
    replaced_kind = next(r for r in example.resources if r[1] == example.replace[2])
    assert not direct.exists(ref(replaced_kind[0], example.replace[2], replaced_kind[2]))
    assert direct.exists(ref(replaced_kind[0], example.replace[3], replaced_kind[2]))

    # Drift: a label added by hand; refresh records it, the next up puts the declared state back.
    drifted = ref(*example.drift)
    live = direct.get(drifted)
    direct.put(drifted, live["spec"], {**(live.get("labels") or {}), "edited": "by-hand"})
    out = io.StringIO()
    refreshed = runner(project, live_cp, out).refresh()
    assert refreshed.ok and refreshed.counts.get("refresh") == 1, out.getvalue()
    assert "edited" in out.getvalue()
    restored = runner(project, live_cp, out).up()
    assert restored.ok and restored.counts.get("update") == 1, out.getvalue()
    assert "edited" not in (direct.get(drifted).get("labels") or {})
    assert runner(project, live_cp, out).up().counts == {"same": len(example.resources)}

    destroyed = runner(project, live_cp, out).destroy()
    assert destroyed.ok, out.getvalue()
    assert destroyed.counts == {"delete": len(example.resources)}
    state = json.loads((project / ".pulumi-kuma" / "dev.json").read_text())
    assert state["resources"] == []
    for kind, name, mesh in example.resources:
        left = [
            d
            for d in direct.list(REGISTRY.by_name(kind))
            if d.get("mesh") == mesh and d.get("name") != "default"
        ]
        assert not left, (kind, name, left)


def test_invalid_program_preview_fails_naming_the_field(
    live_cp: LiveControlPlane, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "Pulumi.yaml").write_text("name: invalid\nruntime: python\n")
    (tmp_path / "__main__.py").write_text(
        "import pulumi_kuma as kuma\n"
        "kuma.MeshTimeout('broken', spec={'targetRef': {'kind': 'Mesh'}, 'to': [{'targetRef': {'kind': 'Mesh'},"
        " 'default': {'connectionTimeout': 'soon'}}]})\n"
    )
    code = cli_main(["stack", "preview", str(tmp_path), "--config", f"kuma:address={live_cp.address}"])
    printed = capsys.readouterr().out
    assert code == 1
    assert 'spec.to[0].default.connectionTimeout: time: invalid duration "soon"' in printed
    assert "broken" in printed


def test_multi_control_plane_example_keeps_tokens_secret(tmp_path: Path) -> None:
    planes = []
    tokens = []
    try:
        for zone in ("a", "b"):
            data = tmp_path / f"cp-{zone}"
            data.mkdir()
            token = issue_admin_token(data)
            cp = LiveControlPlane(data, "--no-localhost-admin").start()
            planes.append(cp)
            tokens.append(token)
            with cp.client(token) as http:
                assert http.put("/meshes/default", json={"type": "Mesh", "name": "default"}).status_code in (
                    200,
                    201,
                )
                assert http.get("/meshes/default/meshtimeouts/default-timeouts").status_code == 404
            with cp.client("not-a-token") as stranger:  # a token is checked when one is sent
                assert stranger.get("/meshes/default").status_code == 401
        project = tmp_path / "multi"
        shutil.copytree(EXAMPLES / "multi-control-plane", project)
        out = io.StringIO()

        def run(action: str, timeout: str = "10s", token_b: str | None = None, ok: bool = True) -> bool:
            result = getattr(
                StackRunner(
                    project,
                    config={
                        "addressA": planes[0].address,
                        "addressB": planes[1].address,
                        "requestTimeout": timeout,
                    },
                    secrets={"tokenA": tokens[0], "tokenB": token_b or tokens[1]},
                    out=out,
                    progress=False,
                ),
                action,
            )()
            assert result.ok is ok, out.getvalue()
            return bool(result.changed)

        assert run("up")
        for cp, token in zip(planes, tokens, strict=True):
            direct = KumaClient(ConnectionSettings(cp.address, token=token))
            assert direct.exists(ref("MeshTimeout", "default-timeouts", "default"))
        assert not run("up")
        assert run("up", timeout="20s")
        for cp, token in zip(planes, tokens, strict=True):
            direct = KumaClient(ConnectionSettings(cp.address, token=token))
            spec = direct.get(ref("MeshTimeout", "default-timeouts", "default"))["spec"]
            assert spec["to"][0]["default"]["http"]["requestTimeout"] == "20s"
        state_text = (project / ".pulumi-kuma" / "dev.json").read_text()
        printed = out.getvalue()
        for token in tokens:
            assert token not in state_text
            assert token not in printed
        # The token is really sent: a wrong one is refused, and the error says so.
        run("up", timeout="20s", token_b="wrong-token", ok=False)
        assert "HTTP 401" in out.getvalue() and "kuma:token" in out.getvalue()
        assert run("destroy", timeout="20s")
        for cp, token in zip(planes, tokens, strict=True):
            direct = KumaClient(ConnectionSettings(cp.address, token=token))
            assert not direct.exists(ref("MeshTimeout", "default-timeouts", "default"))
    finally:
        for cp in planes:
            cp.stop()
