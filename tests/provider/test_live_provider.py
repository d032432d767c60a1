"""KumaProvider's methods against a real control plane (``pulumi-kuma cp run``)."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from pulumi.dynamic import Config, ConfigureRequest

from pulumi_kuma.provider.client import ConnectionSettings, KumaClient, ResourceRef
from pulumi_kuma.provider.provider import KumaProvider, ResourceExists
from pulumi_kuma.registry import REGISTRY
from tests.provider.live import LiveControlPlane, free_port

pytestmark = pytest.mark.slow

SPEC = {
    "targetRef": {"kind": "Mesh"},
    "to": [
        {
            "targetRef": {"kind": "MeshService", "labels": {"kuma.io/display-name": "backend"}},
            "default": {"connectionTimeout": "90s", "http": {"requestTimeout": "5s"}},
        }
    ],
}
EDITED = {
    "targetRef": {"kind": "Mesh"},
    "to": [{"targetRef": {"kind": "Mesh"}, "default": {"idleTimeout": "1h"}}],
}


def provider_for(address: str) -> KumaProvider:
    ensure_default_mesh(address)
    provider = KumaProvider()
    provider.configure(ConfigureRequest(Config({"kuma:address": address}, "test")))
    return provider


def ensure_default_mesh(address: str) -> None:
    """Kuma creates the mesh "default" on start; make sure it is there."""
    client = KumaClient(ConnectionSettings(address))
    mesh = ResourceRef(REGISTRY.by_name("Mesh"), "default")
    if not client.exists(mesh):
        client.put(mesh, {})


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


def raw(cp: LiveControlPlane, name: str = "api") -> ResourceRef:
    return ResourceRef(REGISTRY.by_name("MeshTimeout"), name, "default")


def test_lifecycle(live_cp: LiveControlPlane) -> None:
    provider = provider_for(live_cp.address)
    direct = KumaClient(ConnectionSettings(live_cp.address))

    created = provider.create(props(labels={"team": "a"}))
    outs = created.outs or {}
    assert created.id == "meshes/default/meshtimeouts/api"
    assert outs["labels"]["team"] == "a"
    assert outs["labels"]["kuma.io/mesh"] == "default"  # computed by the control plane
    assert outs["kri"].startswith("kri_mt_default_")
    assert outs["creation_time"] and outs["modification_time"]
    assert direct.get(raw(live_cp))["spec"]["to"][0]["targetRef"]["labels"] == {
        "kuma.io/display-name": "backend"
    }

    # No-op: the stored form (defaults, durations as the control plane renders them) equals the program.
    assert provider.diff(created.id, outs, props(labels={"team": "a"})).changes is False

    # Update.
    assert provider.diff(created.id, outs, props(spec=EDITED, labels={"team": "a"})).changes is True
    updated = provider.update(created.id, outs, props(spec=EDITED, labels={"team": "a"}))
    outs = updated.outs or {}
    assert direct.get(raw(live_cp))["spec"]["to"][0]["default"] == {"idleTimeout": "1h"}
    assert provider.diff(created.id, outs, props(spec=EDITED, labels={"team": "a"})).changes is False

    # Replace: a new name is a new resource; the engine deletes the old one first.
    renamed = provider.diff(created.id, outs, props(name="api-2", spec=EDITED, labels={"team": "a"}))
    assert renamed.replaces == ["name"] and renamed.delete_before_replace is True
    provider.delete(created.id, outs)
    replacement = provider.create(props(name="api-2", spec=EDITED))
    assert not direct.exists(raw(live_cp)) and direct.exists(raw(live_cp, "api-2"))

    # Refresh after drift made outside Pulumi.
    direct.put(raw(live_cp, "api-2"), SPEC, {"changed": "by-hand"})
    read = provider.read(replacement.id, replacement.outs or {})
    assert (read.outs or {})["spec"]["to"][0]["targetRef"]["kind"] == "MeshService"
    assert (read.inputs or {})["labels"] == {"changed": "by-hand"}
    assert provider.diff(replacement.id, read.outs or {}, props(name="api-2", spec=EDITED)).changes is True

    # Deleted outside Pulumi: read drops it from state, delete counts it as done.
    direct.delete(raw(live_cp, "api-2"))
    assert not provider.read(replacement.id, read.outs or {}).id
    provider.delete(replacement.id, read.outs or {})


def test_create_refuses_existing_unless_adopt(live_cp: LiveControlPlane) -> None:
    provider = provider_for(live_cp.address)
    direct = KumaClient(ConnectionSettings(live_cp.address))
    direct.put(raw(live_cp, "hand-made"), EDITED)
    with pytest.raises(ResourceExists, match=r'MeshTimeout "hand-made" in mesh "default" already exists'):
        provider.create(props(name="hand-made"))
    assert direct.get(raw(live_cp, "hand-made"))["spec"]["to"][0]["default"] == {"idleTimeout": "1h"}
    adopted = provider.create(props(name="hand-made", adopt=True))
    assert (adopted.outs or {})["spec"]["to"][0]["targetRef"]["kind"] == "MeshService"
    assert direct.get(raw(live_cp, "hand-made"))["spec"]["to"][0]["targetRef"]["kind"] == "MeshService"


def test_control_plane_rejection_names_the_resource_and_field(live_cp: LiveControlPlane) -> None:
    provider = provider_for(live_cp.address)
    with pytest.raises(Exception, match=r'MeshTimeout "api" in mesh "nowhere"'):
        provider.create(props(mesh="nowhere"))


def test_retries_until_the_control_plane_is_back(tmp_path: Path) -> None:
    port = free_port()
    cp = LiveControlPlane(tmp_path, api_port=port).start()
    address = cp.address
    ensure_default_mesh(address)
    cp.stop()
    cp.wait_gone()
    provider = KumaProvider()
    provider.configure(ConfigureRequest(Config({"kuma:address": address}, "test")))
    result: dict[str, Any] = {}

    def create() -> None:
        try:
            result["outs"] = provider.create(props(name="late")).outs
        except Exception as exc:
            result["error"] = exc

    worker = threading.Thread(target=create)
    worker.start()
    time.sleep(0.2)  # the first attempts are refused
    restarted = LiveControlPlane(tmp_path, api_port=port).start()  # same store: the mesh is there
    try:
        worker.join(timeout=60)
        assert "error" not in result, result.get("error")
        assert result["outs"]["name"] == "late"
    finally:
        restarted.stop()
