"""Every policy kind's ``EXAMPLE`` is a valid resource as the REST API would ingest it."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_kuma.model.validation import validate_document
from pulumi_kuma.registry import REGISTRY

POLICIES_WITH_EXAMPLES = [
    pytest.param(kind, id=kind.name) for kind in REGISTRY if kind.is_policy and kind.example is not None
]


@pytest.mark.parametrize("kind", POLICIES_WITH_EXAMPLES)
def test_example_validates_in_rest_mode(kind: Any) -> None:
    doc = {"type": kind.name, "name": "example", "mesh": "default", "spec": kind.example}
    result = validate_document(doc, REGISTRY, mode="rest")
    assert result.violations == []
    assert result.model is not None
    assert result.model.to_wire() == result.spec


@pytest.mark.parametrize("kind", POLICIES_WITH_EXAMPLES)
def test_example_has_a_description(kind: Any) -> None:
    assert kind.description.endswith(".")
    assert len(kind.description) > len(kind.name) + 20, "the description says what the policy does"
