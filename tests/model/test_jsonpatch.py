"""RFC 6902 JSON Patch with Kuma's options (negative indices, lenient remove, add creates parents)."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_kuma.model.jsonpatch import JsonPatchError, apply_patch

DOC: dict[str, Any] = {"a": {"b": [1, 2, 3]}, "c": "x", "~/k": 1}


@pytest.mark.parametrize(
    ("operations", "expected"),
    [
        ([{"op": "add", "path": "/a/b/1", "value": 9}], {"a": {"b": [1, 9, 2, 3]}, "c": "x", "~/k": 1}),
        ([{"op": "add", "path": "/a/b/-", "value": 9}], {"a": {"b": [1, 2, 3, 9]}, "c": "x", "~/k": 1}),
        ([{"op": "replace", "path": "/a/b/-1", "value": 0}], {"a": {"b": [1, 2, 0]}, "c": "x", "~/k": 1}),
        ([{"op": "remove", "path": "/a/b/0"}], {"a": {"b": [2, 3]}, "c": "x", "~/k": 1}),
        ([{"op": "remove", "path": "/missing/deep"}], DOC),
        ([{"op": "add", "path": "/new/list/0", "value": 1}], {**DOC, "new": {"list": [1]}}),
        ([{"op": "move", "from": "/c", "path": "/d"}], {"a": {"b": [1, 2, 3]}, "d": "x", "~/k": 1}),
        ([{"op": "copy", "from": "/a/b/0", "path": "/e"}], {**DOC, "e": 1}),
        ([{"op": "replace", "path": "/~0~1k", "value": 2}], {**DOC, "~/k": 2}),
        ([{"op": "test", "path": "/c", "value": "x"}], DOC),
        ([{"op": "replace", "path": "", "value": {"z": 1}}], {"z": 1}),
    ],
)
def test_operations(operations: list[dict[str, Any]], expected: Any) -> None:
    assert apply_patch(DOC, operations) == expected


@pytest.mark.parametrize(
    "operation",
    [
        {"op": "replace", "path": "/missing", "value": 1},
        {"op": "replace", "path": "/a/b/7", "value": 1},
        {"op": "move", "from": "/a", "path": "/a/b/x"},
        {"op": "test", "path": "/c", "value": "y"},
        {"op": "remove", "path": ""},
        {"op": "add", "path": "no-slash", "value": 1},
        {"op": "frobnicate", "path": "/c"},
    ],
)
def test_failures_name_the_operation(operation: dict[str, Any]) -> None:
    with pytest.raises(JsonPatchError, match="operation 0"):
        apply_patch(DOC, [operation])


def test_the_input_is_not_changed() -> None:
    before = {"a": [1]}
    apply_patch(before, [{"op": "add", "path": "/a/-", "value": 2}])
    assert before == {"a": [1]}
