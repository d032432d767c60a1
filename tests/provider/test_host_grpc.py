"""The real dynamic provider host (``python -m pulumi.dynamic``), driven over gRPC as the engine
drives it, with the ``__provider`` string the SDK itself produces, against a live control plane."""

from __future__ import annotations

from pathlib import Path

import pytest
from pulumi.dynamic.dynamic import serialize_provider
from pulumi.runtime._serialization import _serialize

from pulumi_kuma.provider.client import ConnectionSettings, KumaClient, ResourceRef
from pulumi_kuma.provider.provider import KumaProvider
from pulumi_kuma.provider.stack.host import ProviderHost
from pulumi_kuma.provider.stack.properties import UNKNOWN, secret
from pulumi_kuma.registry import REGISTRY
from tests.provider.live import LiveControlPlane
from tests.provider.test_live_provider import ensure_default_mesh

pytestmark = pytest.mark.slow

TYPE = "pulumi-python:dynamic/kuma:MeshTimeout"
URN = f"urn:pulumi:dev::grpc::{TYPE}::api"
SPEC = {
    "targetRef": {"kind": "Mesh"},
    "to": [{"targetRef": {"kind": "Mesh"}, "default": {"connectionTimeout": "90s"}}],
}


def sdk_provider_string() -> str:
    value, has_secrets = _serialize(True, serialize_provider, KumaProvider())
    assert not has_secrets
    return value


def test_engine_call_sequence(live_cp: LiveControlPlane, tmp_path: Path) -> None:
    ensure_default_mesh(live_cp.address)
    provider = sdk_provider_string()
    news = {
        "kind": "MeshTimeout",
        "name": "api",
        "mesh": "default",
        "spec": SPEC,
        "adopt": False,
        "__provider": provider,
    }
    config = {"kuma:address": live_cp.address, "kuma:token": secret("unused-on-loopback"), "grpc:other": "x"}
    direct = KumaClient(ConnectionSettings(live_cp.address))
    ref = ResourceRef(REGISTRY.by_name("MeshTimeout"), "api", "default")
    with ProviderHost(tmp_path, "grpc", config) as host:
        # Check: valid, invalid (field paths), and with unknowns (preview).
        checked = host.check(URN, "api", TYPE, {}, news)
        assert checked.failures == []
        assert checked.inputs["__provider"] == provider
        bad = host.check(
            URN, "api", TYPE, {}, {**news, "spec": {"targetRef": {"kind": "MeshGateway"}, "to": "x"}}
        )
        assert {str(f) for f in bad.failures} == {
            "spec.targetRef.kind: in body should be one of [Mesh Dataplane]",
            'spec.to: in body must be of type array: "string"',
        }
        unknowns = {
            **news,
            "mesh": UNKNOWN,
            "spec": {**SPEC, "to": [{"targetRef": {"kind": "Mesh"}, "default": UNKNOWN}]},
        }
        partial = host.check(URN, "api", TYPE, {}, unknowns)
        assert partial.failures == []
        assert partial.inputs["mesh"] == UNKNOWN  # unknowns come back unchanged

        # Create.
        resource_id, outputs = host.create(URN, "api", TYPE, checked.inputs)
        assert resource_id == "meshes/default/meshtimeouts/api"
        assert outputs["__provider"] == provider and outputs["kri"].startswith("kri_mt_default_")
        assert direct.exists(ref)

        # Diff: none, some, replace, unknown.
        assert (
            host.diff(resource_id, URN, "api", TYPE, outputs, checked.inputs, checked.inputs, []).changes
            is False
        )
        edited = {
            **checked.inputs,
            "spec": {**SPEC, "to": [{"targetRef": {"kind": "Mesh"}, "default": {"connectionTimeout": "5s"}}]},
        }
        some = host.diff(resource_id, URN, "api", TYPE, outputs, checked.inputs, edited, [])
        assert some.changes is True and some.replaces == []
        renamed = host.diff(
            resource_id, URN, "api", TYPE, outputs, checked.inputs, {**checked.inputs, "name": "api-2"}, []
        )
        assert renamed.replaces == ["name"] and renamed.delete_before_replace is True
        unknown = host.diff(
            resource_id, URN, "api", TYPE, outputs, checked.inputs, {**checked.inputs, "spec": UNKNOWN}, []
        )
        assert unknown.changes is True

        # Update.
        updated = host.update(resource_id, URN, "api", TYPE, outputs, checked.inputs, edited, [])
        assert updated["spec"]["to"][0]["default"] == {"connectionTimeout": "5s"}
        assert direct.get(ref)["spec"]["to"][0]["default"] == {"connectionTimeout": "5s"}

        # Read after drift: outputs and inputs follow the live resource.
        direct.put(ref, SPEC)
        read = host.read(resource_id, URN, "api", TYPE, updated, edited)
        assert read.id == resource_id
        assert read.outputs["spec"]["to"][0]["default"]["connectionTimeout"] in ("90s", "1m30s")
        assert read.inputs is not None and read.inputs["spec"] == read.outputs["spec"]

        # Delete, then Read of a deleted resource removes it (empty id).
        host.delete(resource_id, URN, "api", TYPE, read.outputs, edited)
        assert not direct.exists(ref)
        assert host.read(resource_id, URN, "api", TYPE, read.outputs, edited).id == ""
        host.delete(resource_id, URN, "api", TYPE, read.outputs, edited)  # 404 counts as deleted
