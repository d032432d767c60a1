"""KumaProvider's methods, called in process against the fake Kuma API."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.dynamic import Config, ConfigureRequest
from pulumi.output import Unknown

from pulumi_kuma.provider.client import InvalidResource
from pulumi_kuma.provider.provider import KumaProvider, ResourceExists
from tests.provider.fake_kuma import FakeKumaServer

SPEC = {
    "targetRef": {"kind": "Mesh"},
    "to": [
        {
            "targetRef": {"kind": "MeshService", "labels": {"kuma.io/display-name": "backend"}},
            "default": {"connectionTimeout": "90s", "http": {"requestTimeout": "5s"}},
        }
    ],
}


def provider_for(address: str) -> KumaProvider:
    provider = KumaProvider()
    provider.configure(ConfigureRequest(Config({"kuma:address": address}, "test")))
    return provider


def props(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "kind": "MeshTimeout",
        "name": "api",
        "mesh": "default",
        "spec": SPEC,
        "adopt": False,
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


def test_provider_keeps_no_state_so_it_pickles_by_reference() -> None:
    import dill

    blob = dill.dumps(KumaProvider(), recurse=True)
    assert len(blob) < 120
    assert b"pulumi_kuma.provider.provider" in blob
    assert KumaProvider.serialize_as_secret_always is False


def test_configure_reads_stack_config_then_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KUMA_ADDRESS", "http://from-env:5681")
    monkeypatch.setenv("KUMA_TOKEN", "env-token")
    provider = KumaProvider()
    provider.configure(ConfigureRequest(Config({"kuma:address": "http://from-config:5681"}, "p")))
    settings = provider._settings({})
    assert settings.address == "http://from-config:5681"
    assert settings.token == "env-token"
    provider.configure(ConfigureRequest(Config({"kuma:tlsSkipVerify": "true"}, "p")))
    assert provider._settings({}).address == "http://from-env:5681"
    assert provider._settings({}).tls_skip_verify is True


def test_check_accepts_a_valid_resource() -> None:
    result = KumaProvider().check({}, props())
    assert result.failures == []
    assert result.inputs["spec"] == SPEC


def test_check_reports_kuma_field_paths() -> None:
    bad = {
        "targetRef": {"kind": "MeshService"},
        "to": [{"targetRef": {"kind": "Mesh"}, "default": {"connectionTimeout": "soon"}}],
    }
    result = KumaProvider().check({}, props(spec=bad, name="Bad_Name", labels={"a b": "x"}))
    reasons = {(f.property, f.reason) for f in result.failures}
    assert ("spec", "spec.targetRef.kind: in body should be one of [Mesh Dataplane]") in reasons
    assert ("spec", 'spec.to[0].default.connectionTimeout: time: invalid duration "soon"') in reasons
    assert any(p == "name" and r.startswith("name: ") for p, r in reasons)
    assert any(p == "labels" and r.startswith('labels["a b"]') for p, r in reasons)


def test_check_tolerates_unknowns_and_still_checks_the_rest() -> None:
    spec = {
        "targetRef": {"kind": "Mesh"},
        "to": [{"targetRef": {"kind": "Mesh"}, "default": {"connectionTimeout": Unknown()}}],
    }
    assert KumaProvider().check({}, props(spec=spec, mesh=Unknown(), name=Unknown())).failures == []
    assert KumaProvider().check({}, props(spec=Unknown())).failures == []
    # A known mistake beside an unknown value is still reported.
    spec["targetRef"] = {"kind": "Nope"}
    failures = KumaProvider().check({}, props(spec=spec)).failures
    assert [f.reason for f in failures] == ["spec.targetRef.kind: in body should be one of [Mesh Dataplane]"]


def test_check_rejects_a_mesh_on_a_global_kind() -> None:
    failures = KumaProvider().check({}, {"kind": "Mesh", "name": "m", "mesh": "default", "spec": {}}).failures
    assert [f.property for f in failures] == ["mesh"]


def test_create_diff_update_read_delete(fake_cp: FakeKumaServer) -> None:
    provider = provider_for(fake_cp.address)
    created = provider.create(props(labels={"team": "a"}))
    assert created.id == "meshes/default/meshtimeouts/api"
    outs = created.outs or {}
    assert outs["kri"] == "kri_mt_default_default__api_"
    assert outs["labels"]["team"] == "a" and outs["labels"]["kuma.io/mesh"] == "default"
    assert outs["spec"]["to"][0]["default"]["connectionTimeout"] == "1m30s"  # as stored
    assert outs["creation_time"] and outs["modification_time"]

    same = provider.diff(created.id, outs, props(labels={"team": "a"}))
    assert same.changes is False and same.replaces == []

    edited = {**SPEC, "to": [{**SPEC["to"][0], "default": {"connectionTimeout": "2s"}}]}  # type: ignore[dict-item]
    changed = provider.diff(created.id, outs, props(spec=edited, labels={"team": "a"}))
    assert changed.changes is True and changed.replaces == []
    relabelled = provider.diff(created.id, outs, props(labels={"team": "b"}))
    assert relabelled.changes is True and relabelled.replaces == []

    renamed = provider.diff(created.id, outs, props(name="api-2", labels={"team": "a"}))
    assert renamed.replaces == ["name"] and renamed.delete_before_replace is True
    moved = provider.diff(created.id, outs, props(mesh="other", labels={"team": "a"}))
    assert moved.replaces == ["mesh"]
    assert provider.diff(created.id, outs, props(spec=Unknown())).changes is True

    updated = provider.update(created.id, outs, props(spec=edited, labels={"team": "a"}))
    assert (updated.outs or {})["spec"]["to"][0]["default"] == {"connectionTimeout": "2s"}
    stored = fake_cp.fake.get("MeshTimeout", "api", "default")
    assert stored is not None and stored.spec["to"][0]["default"] == {"connectionTimeout": "2s"}

    # Drift made outside Pulumi shows in read's outputs and inputs.
    fake_cp.fake.put_raw("MeshTimeout", "api", {"targetRef": {"kind": "Mesh"}, "to": []}, mesh="default")
    read = provider.read(created.id, updated.outs or {})
    assert read.id == created.id
    assert (read.outs or {})["spec"] == {"targetRef": {"kind": "Mesh"}, "to": []}
    assert (read.inputs or {})["spec"] == {"targetRef": {"kind": "Mesh"}, "to": []}
    assert (read.inputs or {})["labels"] == {"team": "a"}  # computed labels left out
    assert (
        provider.diff(created.id, read.outs or {}, props(spec=edited, labels={"team": "a"})).changes is True
    )

    provider.delete(created.id, read.outs or {})
    assert fake_cp.fake.get("MeshTimeout", "api", "default") is None
    provider.delete(created.id, read.outs or {})  # already gone: fine
    gone = provider.read(created.id, read.outs or {})
    assert not gone.id


def test_create_refuses_to_overwrite_unless_adopting(fake_cp: FakeKumaServer) -> None:
    provider = provider_for(fake_cp.address)
    fake_cp.fake.put_raw("MeshTimeout", "api", {"targetRef": {"kind": "Mesh"}, "to": []}, mesh="default")
    with pytest.raises(ResourceExists) as info:
        provider.create(props())
    assert 'MeshTimeout "api" in mesh "default" already exists' in str(info.value)
    assert "adopt=True" in str(info.value)
    stored = fake_cp.fake.get("MeshTimeout", "api", "default")
    assert stored is not None and stored.spec["to"] == []
    adopted = provider.create(props(adopt=True))
    assert (adopted.outs or {})["spec"]["to"][0]["targetRef"]["kind"] == "MeshService"


def test_create_into_a_missing_mesh_names_the_resource(fake_cp: FakeKumaServer) -> None:
    with pytest.raises(InvalidResource) as info:
        provider_for(fake_cp.address).create(props(mesh="nowhere"))
    assert 'MeshTimeout "api" in mesh "nowhere"' in str(info.value)
    assert "Mesh is not found" in str(info.value)


def test_transient_failures_are_retried(fake_cp: FakeKumaServer) -> None:
    provider = provider_for(fake_cp.address)
    fake_cp.fake.fail_next(503, 2)
    fake_cp.fake.fail_next(409, 1)
    created = provider.create(props())
    assert created.id
    path = "/meshes/default/meshtimeouts/api"
    # Three injected failures of the existence check, then the check, the PUT and the read-back.
    assert fake_cp.fake.requests == [("GET", path)] * 4 + [("PUT", path), ("GET", path)]


def test_global_and_old_style_kinds(fake_cp: FakeKumaServer) -> None:
    provider = provider_for(fake_cp.address)
    created = provider.create({"kind": "Mesh", "name": "prod", "spec": {}})
    assert created.id == "meshes/prod"
    assert (created.outs or {})["kri"] == "kri_m__default__prod_"
    assert "mesh" not in (created.outs or {})
    assert fake_cp.fake.get("Mesh", "prod") is not None


def test_control_plane_input_overrides_config_and_token_comes_back_secret(fake_cp: FakeKumaServer) -> None:
    from pulumi.runtime.rpc import is_rpc_secret, unwrap_rpc_secret

    fake_cp.fake.token = "s3cret"
    provider = provider_for("http://127.0.0.1:1")  # the configured default is unreachable
    cp = {"address": fake_cp.address, "token": "s3cret", "tlsSkipVerify": False}
    created = provider.create(props(control_plane=cp))
    outs = created.outs or {}
    assert is_rpc_secret(outs["control_plane"]["token"])
    assert unwrap_rpc_secret(outs["control_plane"]["token"]) == "s3cret"
    plain = {**outs, "control_plane": cp}
    assert provider.diff(created.id, plain, props(control_plane=cp)).changes is False
    rotated = provider.diff(created.id, plain, props(control_plane={**cp, "token": "new"}))
    assert rotated.changes is True and rotated.replaces == []
    other = provider.diff(created.id, plain, props(control_plane={**cp, "address": "http://127.0.0.1:2"}))
    assert other.replaces == ["control_plane"]


PRIVATE_KEY = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIPrivateBody\n-----END PRIVATE KEY-----\n"
INLINE_KEY = {"type": "InsecureInline", "insecureInline": {"value": PRIVATE_KEY}}
CA_CERT = {"type": "Secret", "secretRef": {"kind": "Secret", "name": "ca-cert"}}


def identity(private_key: dict[str, Any] | None) -> dict[str, Any]:
    bundled: dict[str, Any] = {"insecureAllowSelfSigned": True}
    if private_key is None:
        bundled["autogenerate"] = {"enabled": True}
    else:
        bundled["ca"] = {"certificate": CA_CERT, "privateKey": private_key}
    spec = {
        "selector": {"dataplane": {"matchLabels": {}}},
        "provider": {"type": "Bundled", "bundled": bundled},
    }
    return props(kind="MeshIdentity", name="mid", spec=spec)


def test_an_inline_private_key_keeps_the_spec_secret_in_check_outputs_and_read(
    fake_cp: FakeKumaServer,
) -> None:
    from pulumi.runtime.rpc import is_rpc_secret, unwrap_rpc_secret

    provider = provider_for(fake_cp.address)
    checked = provider.check({}, identity(INLINE_KEY))
    assert checked.failures == []
    assert is_rpc_secret((checked.inputs or {})["spec"])
    plain = provider.check({}, identity(None))
    assert plain.failures == [] and not is_rpc_secret((plain.inputs or {})["spec"])
    referenced = provider.check({}, identity(CA_CERT))
    assert not is_rpc_secret((referenced.inputs or {})["spec"])

    created = provider.create(identity(INLINE_KEY))
    outs = created.outs or {}
    assert is_rpc_secret(outs["spec"])
    assert unwrap_rpc_secret(outs["spec"])["provider"]["bundled"]["ca"]["privateKey"] == INLINE_KEY
    read = provider.read(created.id, {**outs, "spec": unwrap_rpc_secret(outs["spec"])})
    assert is_rpc_secret((read.outs or {})["spec"]) and is_rpc_secret((read.inputs or {})["spec"])

    # A key written outside Pulumi into a plain identity is secret as soon as refresh reads it.
    auto = provider.create({**identity(None), "name": "auto"})
    assert not is_rpc_secret((auto.outs or {})["spec"])
    fake_cp.fake.put_raw("MeshIdentity", "auto", identity(INLINE_KEY)["spec"], mesh="default")
    drifted = provider.read(auto.id, auto.outs or {})
    assert is_rpc_secret((drifted.outs or {})["spec"]) and is_rpc_secret((drifted.inputs or {})["spec"])
