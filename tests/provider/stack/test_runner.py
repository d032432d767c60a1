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


def _self_signed_ca() -> tuple[str, str]:
    """A fresh CA: (certificate PEM, PKCS#8 private key PEM)."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "stack-runner-test-ca")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return cert.public_bytes(serialization.Encoding.PEM).decode(), key_pem.decode()


def _key_fragments(key_pem: str) -> list[str]:
    """Every line of the key's base64 body, and overlapping 12-character pieces of it."""
    lines = [line for line in key_pem.strip().splitlines() if not line.startswith("-----")]
    body = "".join(lines)
    return lines + [body[i : i + 12] for i in range(0, len(body) - 12, 6)]


def _assert_no_key(text: str, *key_pems: str) -> None:
    assert "PRIVATE KEY" not in text
    for key_pem in key_pems:
        leaked = [piece for piece in _key_fragments(key_pem) if piece in text]
        assert not leaked, f"key material leaked: {leaked[:3]}"


def _identity_program(cert_pem: str, key_pem: str) -> str:
    inline = "lambda v: {'type': 'InsecureInline', 'insecureInline': {'value': v}}"
    return (
        f"CERT = {cert_pem!r}\nKEY = {key_pem!r}\ninline = {inline}\n"
        "ca = kuma.MeshIdentity('provided-ca', mesh='default', spec={\n"
        "    'selector': {'dataplane': {'matchLabels': {'app': 'api'}}},\n"
        "    'provider': {'type': 'Bundled', 'bundled': {\n"
        "        'insecureAllowSelfSigned': True,\n"
        "        'ca': {'certificate': inline(CERT), 'privateKey': inline(KEY)}}}})\n"
        "kuma.MeshIdentity('generated-ca', mesh='default', spec={\n"
        "    'selector': {'dataplane': {'matchLabels': {'app': 'web'}}},\n"
        "    'provider': {'type': 'Bundled', 'bundled': {\n"
        "        'insecureAllowSelfSigned': True, 'autogenerate': {'enabled': True}}}})\n"
        # The key arriving through an Output: the provider's check finds it and keeps it secret.
        "kuma.MeshExternalService('bank', mesh='default', spec={\n"
        "    'match': {'type': 'HostnameGenerator', 'port': 443, 'protocol': 'http'},\n"
        "    'endpoints': [{'address': 'bank.example.com', 'port': 443}],\n"
        "    'tls': {'enabled': True, 'verification': {\n"
        "        'serverName': 'bank.example.com',\n"
        "        'clientCert': {'type': 'Secret', 'secretRef': {'kind': 'Secret', 'name': 'bank-cert'}},\n"
        "        'clientKey': pulumi.Output.from_input(KEY).apply(inline)}}})\n"
        "pulumi.export('caSpec', ca.spec)\n"
    )


def test_inline_private_keys_never_reach_the_state_or_output_in_clear(
    fake_cp: FakeKumaServer, tmp_path: Path
) -> None:
    cert_pem, key_pem = _self_signed_ca()
    project = tmp_path / "p"
    state_path = project / ".pulumi-kuma" / "dev.json"
    write_program(project, _identity_program(cert_pem, key_pem))

    preview, text = run(project, fake_cp, "preview")
    assert preview.ok, text  # type: ignore[attr-defined]
    _assert_no_key(text, key_pem)
    assert "+ spec: [secret]" in text  # the provided CA, whole
    assert "+ autogenerate: {" in text and '+ app: "web"' in text  # the generated CA stays readable

    result, text = run(project, fake_cp, "up")
    assert result.ok, text  # type: ignore[attr-defined]
    assert result.counts == {"create": 3}, text  # type: ignore[attr-defined]
    _assert_no_key(text, key_pem)
    assert 'caSpec: "[secret]"' in text
    stored = fake_cp.fake.get("MeshIdentity", "provided-ca", "default")
    assert stored is not None
    assert stored.spec["provider"]["bundled"]["ca"]["privateKey"]["insecureInline"]["value"] == key_pem
    external = fake_cp.fake.get("MeshExternalService", "bank", "default")
    assert external is not None and external.spec["tls"]["verification"]["clientKey"]["insecureInline"]
    state_text = state_path.read_text()
    _assert_no_key(state_text, key_pem)
    by_name = {r["urn"].rsplit("::", 1)[1]: r for r in json.loads(state_text)["resources"]}
    generated = by_name["generated-ca"]
    for side in ("inputs", "outputs"):
        assert generated[side]["spec"]["provider"]["bundled"]["autogenerate"] == {"enabled": True}
        assert "ciphertext" in by_name["provided-ca"][side]["spec"]
        assert "ciphertext" in by_name["bank"][side]["spec"]

    # A new key: the preview's diff shows the spec as a secret, neither key in clear.
    new_cert, new_key = _self_signed_ca()
    write_program(project, _identity_program(new_cert, new_key))
    preview, text = run(project, fake_cp, "preview")
    assert preview.counts == {"update": 2, "same": 1}, text  # type: ignore[attr-defined]
    assert "~ spec: [secret] => [secret]" in text
    _assert_no_key(text, key_pem, new_key)
    result, text = run(project, fake_cp, "up")
    assert result.ok, text  # type: ignore[attr-defined]
    _assert_no_key(text + state_path.read_text(), key_pem, new_key)

    # A key written outside Pulumi into the generated identity: refresh keeps it out too.
    drifted = fake_cp.fake.get("MeshIdentity", "provided-ca", "default")
    assert drifted is not None
    fake_cp.fake.put_raw("MeshIdentity", "generated-ca", drifted.spec, mesh="default")
    refreshed, text = run(project, fake_cp, "refresh")
    assert refreshed.ok and refreshed.counts.get("refresh") == 1, text  # type: ignore[attr-defined]
    _assert_no_key(text + state_path.read_text(), key_pem, new_key)
    again, text = run(project, fake_cp, "refresh")
    assert again.ok, text  # type: ignore[attr-defined]
    _assert_no_key(text + state_path.read_text(), key_pem, new_key)


def test_a_key_left_in_clear_by_an_older_state_is_sealed_by_the_next_run(
    fake_cp: FakeKumaServer, tmp_path: Path
) -> None:
    from pulumi_kuma.provider.stack.properties import reveal
    from pulumi_kuma.provider.stack.state import StateFile

    cert_pem, key_pem = _self_signed_ca()
    project = tmp_path / "p"
    state_path = project / ".pulumi-kuma" / "dev.json"
    write_program(project, _identity_program(cert_pem, key_pem))
    assert run(project, fake_cp, "up")[0].ok  # type: ignore[attr-defined]
    # What a release that did not know about inline keys would have stored.
    state_file = StateFile(state_path)
    state = state_file.load("runner-test", "dev")
    for resource in state.resources:
        resource.inputs, resource.outputs = reveal(resource.inputs), reveal(resource.outputs)
    state_file.save(state)
    assert "PRIVATE KEY" in state_path.read_text()

    result, text = run(project, fake_cp, "up")
    assert result.counts == {"same": 3}, text  # type: ignore[attr-defined]
    _assert_no_key(text + state_path.read_text(), key_pem)
