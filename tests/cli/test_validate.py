"""``pulumi-kuma validate``: text and JSON output, exit codes, directories and stdin."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

VALID = """\
type: MeshTimeout
name: ok
mesh: default
spec:
  to:
  - targetRef: {kind: Mesh}
    default: {idleTimeout: 10s}
"""
INVALID = """\
type: MeshTimeout
name: bad
mesh: default
spec:
  targetRef: {kind: MeshService}
  to:
  - targetRef: {kind: Mesh}
    default: {connectionTimeout: 0s}
"""


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pulumi_kuma", "validate", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


def test_valid_file_exits_zero(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(VALID)
    result = run(str(tmp_path / "a.yaml"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "MeshTimeout default/ok" in result.stdout


def test_invalid_document_in_a_stream_exits_one_with_field_paths(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(VALID + "---\n" + INVALID)
    result = run(str(tmp_path / "a.yaml"))
    assert result.returncode == 1
    assert "(document 2): MeshTimeout default/bad" in result.stdout
    assert "spec.targetRef.kind: in body should be one of [Mesh Dataplane]" in result.stdout


def test_json_output_one_entry_per_document_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "1.yaml").write_text(VALID)
    (tmp_path / "b" / "2.json").write_text(
        json.dumps({"type": "MeshTimeout", "name": "j", "mesh": "m", "spec": {}})
    )
    (tmp_path / "b" / "ignored.txt").write_text("not yaml: [")
    result = run("-o", "json", str(tmp_path / "b"))
    entries = json.loads(result.stdout)
    assert [e["name"] for e in entries] == ["ok", "j"]
    assert entries[0]["violations"] == []
    assert entries[1]["violations"] == [
        {"field": "spec", "message": "at least one of 'to' or 'rules' has to be defined"}
    ]
    assert result.returncode == 1


def test_stdin_and_unreadable_yaml_says_where() -> None:
    result = run("-", stdin="type: MeshTimeout\nname: [unclosed\n")
    assert result.returncode == 2
    assert "<stdin>:" in result.stderr and "invalid YAML" in result.stderr


def test_missing_file_is_exit_two(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nope.yaml"))
    assert result.returncode == 2
    assert "cannot read" in result.stderr


def test_unknown_type_is_a_violation() -> None:
    result = run("-o", "json", "-", stdin="type: TrafficRoute\nname: x\nmesh: default\n")
    entry = json.loads(result.stdout)[0]
    assert entry["violations"][0]["field"] == "type"
    assert "TrafficRoute" in entry["violations"][0]["message"]
    assert result.returncode == 1
