"""The state file: secrets encrypted at rest, with a key file or a passphrase."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from pulumi_kuma.provider.stack.properties import secret
from pulumi_kuma.provider.stack.state import ResourceState, StackState, StateError, StateFile, key_file_path


def sample() -> StackState:
    resource = ResourceState(
        urn="urn:pulumi:dev::p::pulumi-python:dynamic/kuma:Mesh::m",
        type="pulumi-python:dynamic/kuma:Mesh",
        custom=True,
        id="meshes/m",
        inputs={"control_plane": secret({"address": "http://a", "token": "TOPSECRET-1"})},
        outputs={"control_plane": {"address": "http://a", "token": secret("TOPSECRET-2")}, "n": 5},
        dependencies=["urn:x"],
        protect=True,
    )
    return StackState("p", "dev", [resource], {"token": secret("TOPSECRET-3"), "plain": "ok"})


def test_key_file_round_trip_and_no_plaintext(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PULUMI_CONFIG_PASSPHRASE", raising=False)
    path = tmp_path / "dev.json"
    StateFile(path).save(sample())
    text = path.read_text()
    assert "TOPSECRET" not in text
    assert json.loads(text)["encryption"]["kind"] == "keyfile"
    key = key_file_path(path)
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    loaded = StateFile(path).load("p", "dev")
    assert loaded.resources[0].inputs == sample().resources[0].inputs
    assert loaded.resources[0].outputs == sample().resources[0].outputs
    assert loaded.resources[0].protect is True
    assert loaded.outputs == sample().outputs
    key.unlink()
    with pytest.raises(StateError, match="key"):
        StateFile(path).load("p", "dev")


def test_passphrase(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PULUMI_CONFIG_PASSPHRASE", "correct horse")
    path = tmp_path / "dev.json"
    StateFile(path).save(sample())
    assert "TOPSECRET" not in path.read_text()
    assert not key_file_path(path).exists()
    assert StateFile(path).load("p", "dev").outputs == sample().outputs
    monkeypatch.setenv("PULUMI_CONFIG_PASSPHRASE", "wrong")
    with pytest.raises(StateError, match="not the passphrase"):
        StateFile(path).load("p", "dev")
    monkeypatch.delenv("PULUMI_CONFIG_PASSPHRASE")
    with pytest.raises(StateError, match="PULUMI_CONFIG_PASSPHRASE"):
        StateFile(path).load("p", "dev")


def test_missing_file_is_an_empty_stack(tmp_path: Path) -> None:
    state = StateFile(tmp_path / "none.json").load("p", "dev")
    assert state.resources == [] and state.outputs == {}
