"""The ``_config`` query (Kuma's parameter checks) and the JSON patch of ``include=diff``."""

from __future__ import annotations

import pytest

from pulumi_kuma.controlplane.api.errors import ApiError
from pulumi_kuma.controlplane.config_inspect import ConfigQuery, config_patch, parse_config_query


def test_query_values_as_go_parses_them() -> None:
    assert parse_config_query("", "") == ConfigQuery(False, False)
    assert parse_config_query("true", "diff") == ConfigQuery(True, True)
    assert parse_config_query("T", "diff,diff") == ConfigQuery(True, True)
    assert parse_config_query("0", "") == ConfigQuery(False, False)
    with pytest.raises(ApiError) as shadow:
        parse_config_query("trrrue", "")
    assert shadow.value.detail == "bad request: unsupported value for query parameter 'shadow'"
    with pytest.raises(ApiError) as include:
        parse_config_query("true", "diff,something")
    assert include.value.detail == "bad request: unsupported value for query parameter 'include'"


def test_patch_checks_what_it_removes_and_escapes_pointers() -> None:
    before = {"a/b": {"x": 1, "gone": [1]}, "same": [{"k": 1}], "l": [1, 2]}
    after = {"a/b": {"x": 2, "new~": True}, "same": [{"k": 1}], "l": [1]}
    assert config_patch(before, after) == [
        {"op": "test", "path": "/a~1b/gone", "value": [1]},
        {"op": "remove", "path": "/a~1b/gone", "value": [1]},
        {"op": "add", "path": "/a~1b/new~0", "value": True},
        {"op": "test", "path": "/a~1b/x", "value": 1},
        {"op": "remove", "path": "/a~1b/x", "value": 1},
        {"op": "add", "path": "/a~1b/x", "value": 2},
        {"op": "test", "path": "/l", "value": [1, 2]},
        {"op": "remove", "path": "/l", "value": [1, 2]},
        {"op": "add", "path": "/l", "value": [1]},
    ]
    assert config_patch({"a": [1, {"b": 1}]}, {"a": [1, {"b": 1}]}) == []
    assert config_patch({"a": [0, 1]}, {"a": [0, 2]})[0]["path"] == "/a/1"
