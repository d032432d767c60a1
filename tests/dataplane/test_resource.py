"""Loading the Dataplane template."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from pulumi_kuma.dataplane import DataplaneFileError, load_dataplane

TEMPLATE = """type: Dataplane
mesh: default
name: {{ name }}
networking:
  address: {{ address }}
"""


def test_renders_and_parses(tmp_path: Path) -> None:
    path = tmp_path / "dp.yaml"
    path.write_text(TEMPLATE)
    dataplane = load_dataplane(str(path), {"name": "dp-1", "address": "127.0.0.1"}, io.StringIO())
    assert dataplane == {
        "type": "Dataplane",
        "mesh": "default",
        "name": "dp-1",
        "networking": {"address": "127.0.0.1"},
    }


def test_reads_stdin() -> None:
    dataplane = load_dataplane("-", {"name": "dp-2"}, io.StringIO(TEMPLATE))
    assert dataplane["name"] == "dp-2"


def test_json_works_too(tmp_path: Path) -> None:
    path = tmp_path / "dp.json"
    path.write_text('{"type": "Dataplane", "mesh": "m", "name": "{{ n }}"}')
    assert load_dataplane(str(path), {"n": "x"}, io.StringIO())["name"] == "x"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (TEMPLATE, "name: must be a non-empty string (is a -v variable missing?)"),
        ("type: Mesh\nname: x\n", "invalid proxy resource type 'Mesh', expected Dataplane"),
        ("- a\n- b\n", "must be an object"),
        ("type: Dataplane\nmesh: [\n", "not valid YAML"),
        ("{{#section}}x{{/section}}", "is not supported"),
    ],
)
def test_errors_say_what_and_where(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "dp.yaml"
    path.write_text(text)
    with pytest.raises(DataplaneFileError) as caught:
        load_dataplane(str(path), {}, io.StringIO())
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataplaneFileError, match="cannot read the Dataplane file"):
        load_dataplane(str(tmp_path / "nope.yaml"), {}, io.StringIO())
