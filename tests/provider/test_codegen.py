"""The committed resource classes are what the generator makes from the registry today."""

from __future__ import annotations

from pulumi_kuma.provider.codegen import RESOURCES_PATH, generate, python_literal


def test_committed_resources_module_is_current() -> None:
    assert RESOURCES_PATH.read_text() == generate(), (
        "pulumi_kuma/provider/resources.py is out of date: run python -m pulumi_kuma.provider.codegen"
    )


def test_python_literal_round_trips() -> None:
    value = {"a": [1, True, None, 'x"y\\z'], "b": {}, "c": []}
    assert eval(python_literal(value)) == value
