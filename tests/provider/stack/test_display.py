"""The property diff printed under each step."""

from __future__ import annotations

from pulumi_kuma.provider.stack.display import changed_keys, diff_lines, render_value, short_type
from pulumi_kuma.provider.stack.properties import UNKNOWN, secret


def test_nested_diff_like_pulumi_preview_diff() -> None:
    old = {"spec": {"to": [{"default": {"connectionTimeout": "2s"}}]}, "name": "a", "__provider": "x"}
    new = {
        "spec": {"to": [{"default": {"connectionTimeout": "5s", "idleTimeout": "1s"}}]},
        "name": "a",
        "__provider": "y",
    }
    assert diff_lines(old, new) == [
        "~ spec: {",
        "    ~ to: [",
        "        ~ [0]: {",
        "            ~ default: {",
        '                ~ connectionTimeout: "2s" => "5s"',
        '                + idleTimeout: "1s"',
        "              }",
        "          }",
        "      ]",
        "  }",
    ]


def test_additions_removals_secrets_and_unknowns() -> None:
    lines = diff_lines({"gone": [1], "token": secret("a")}, {"token": secret("b"), "kri": UNKNOWN})
    assert lines == ["- gone: [", "    - [0]: 1", "  ]", "+ kri: [unknown]", "~ token: [secret] => [secret]"]
    assert diff_lines({"a": 1}, {"a": 1}) == []


def test_helpers() -> None:
    assert short_type("pulumi-python:dynamic/kuma:MeshTimeout") == "kuma:MeshTimeout"
    assert render_value({"b": secret("x"), "a": UNKNOWN}) == '{"a": "[unknown]", "b": "[secret]"}'
    assert changed_keys({"a": 1, "b": 2, "__provider": "x"}, {"a": 1, "b": 3, "c": 4, "__provider": "y"}) == [
        "b",
        "c",
    ]
