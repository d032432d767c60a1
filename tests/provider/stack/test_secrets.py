"""How the stack runner carries secretness from inputs to outputs, as the Pulumi engine does."""

from __future__ import annotations

from pulumi_kuma.provider.stack.properties import annotate_secrets, is_secret, seal_outputs, secret


def test_annotate_follows_objects_key_by_key() -> None:
    outputs = {"control_plane": {"address": "a", "token": "t"}, "spec": {"x": 1}, "kri": "k"}
    inputs = {"control_plane": {"address": "a", "token": secret("t")}, "spec": secret({"x": 1})}
    result = annotate_secrets(outputs, inputs)
    assert result["control_plane"] == {"address": "a", "token": secret("t")}
    assert result["spec"] == secret({"x": 1})
    assert result["kri"] == "k"


def test_annotate_makes_a_whole_list_secret_when_its_input_holds_one() -> None:
    # A provider may reorder a list, so the engine does not trust positions.
    result = annotate_secrets({"hosts": ["b", "a"], "n": 1}, {"hosts": ["a", secret("b")], "n": [secret(1)]})
    assert result == {"hosts": secret(["b", "a"]), "n": secret(1)}


def test_annotate_keeps_what_the_provider_made_secret() -> None:
    outputs = {"spec": secret({"key": "k"}), "labels": {"a": "1"}}
    assert annotate_secrets(outputs, {"spec": {"key": "k"}, "labels": {"a": "1"}}) == outputs


def test_seal_applies_additional_secret_outputs_and_top_level_secret_inputs() -> None:
    outputs = {"spec": {"key": "k"}, "labels": {"a": "1"}, "kri": "k"}
    sealed = seal_outputs(outputs, {"spec": secret({"key": "k"}), "labels": {"a": secret("1")}}, ["kri"])
    assert sealed["spec"] == secret({"key": "k"})
    assert sealed["kri"] == secret("k")
    # Only top-level secret inputs count here; nested ones are annotate's business.
    assert not is_secret(sealed["labels"])
