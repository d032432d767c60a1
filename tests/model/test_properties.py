"""Properties every kind's ingestion must have, for any input.

* any JSON value given as a spec yields violations or a model, never an exception, and no kind's
  validator crashes on it (``ingest_spec`` would turn a crash into a "could not be validated"
  violation, which must never be seen);
* specs of the right shape but with any text or integer in them (what Kuma's decoder lets through)
  never crash a validator;
* for well-typed specs, ingest -> dump -> ingest is stable, and dumping drops nothing that was set.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.schema import ModelNode, compile_model
from pulumi_kuma.model.validation import VALIDATOR_CRASH_PREFIX, ingest_spec, validate_document
from pulumi_kuma.registry import REGISTRY
from tests.strategies import any_json, loosely_typed_spec, well_typed_spec

KINDS = [pytest.param(kind, id=kind.name) for kind in REGISTRY]
_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("kind", KINDS)
@_SETTINGS
@given(raw=any_json, mode=st.sampled_from(["rest", "decode"]))
def test_any_json_spec_never_raises(kind: Any, raw: Any, mode: Any) -> None:
    result = ingest_spec(kind, raw, mode=mode, name="x", mesh="default")
    assert result.violations or result.model is not None
    _assert_validator_did_not_crash(result.violations)


@_SETTINGS
@given(doc=any_json)
def test_any_json_document_never_raises(doc: Any) -> None:
    result = validate_document(doc, REGISTRY)
    assert result.violations or result.model is not None
    _assert_validator_did_not_crash(result.violations)


def _assert_validator_did_not_crash(violations: list[Violation]) -> None:
    crashes = [str(v) for v in violations if v.message.startswith(VALIDATOR_CRASH_PREFIX)]
    assert not crashes, f"a validator raised: {crashes}"


@pytest.mark.parametrize("kind", KINDS)
@_SETTINGS
@given(data=st.data(), mode=st.sampled_from(["rest", "decode"]))
def test_loosely_typed_spec_never_crashes_a_validator(kind: Any, data: Any, mode: Any) -> None:
    raw = data.draw(loosely_typed_spec(kind.spec_model))
    result = ingest_spec(kind, raw, mode=mode, name="x", mesh="default")
    assert result.violations or result.model is not None
    _assert_validator_did_not_crash(result.violations)


def _set_paths(value: Any, node: Any, prefix: str = "") -> set[str]:
    """Paths of every known field present (not null) in ``value``."""
    paths: set[str] = set()
    if isinstance(node, ModelNode) and isinstance(value, dict):
        for spec in node.fields:
            if value.get(spec.alias) is not None:
                path = f"{prefix}.{spec.alias}"
                paths.add(path)
                paths |= _set_paths(value[spec.alias], spec.node, path)
    elif hasattr(node, "item") and isinstance(value, list):
        for i, element in enumerate(value):
            paths |= _set_paths(element, node.item, f"{prefix}[{i}]")
    return paths


@pytest.mark.parametrize("kind", KINDS)
@_SETTINGS
@given(data=st.data())
def test_ingest_dump_ingest_is_stable(kind: Any, data: Any) -> None:
    raw = data.draw(well_typed_spec(kind.spec_model))
    first = ingest_spec(kind, raw, mode="rest", name="x", mesh="default")
    second = ingest_spec(kind, first.spec, mode="rest", name="x", mesh="default")
    assert second.spec == first.spec
    assert [str(v) for v in second.violations] == [str(v) for v in first.violations]
    _assert_validator_did_not_crash(first.violations)
    node = compile_model(kind.spec_model)
    assert _set_paths(raw, node) <= _set_paths(first.spec, node), "ingestion dropped a field that was set"
    if first.model is not None:
        assert first.model.to_wire() == first.spec, "the decoded model dumps differently from the stored JSON"
        reparsed = kind.spec_model.model_validate(first.model.to_wire())
        assert reparsed.to_wire() == first.model.to_wire()
