"""Kuma's conf merge (notes §3.9): merge patch, appended lists, merge by key, groups by value."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from pulumi_kuma.controlplane.resolve.merge import MergeSpec, merge_confs, merge_patch
from tests.strategies import any_json


def test_objects_merge_key_by_key_and_arrays_are_replaced() -> None:
    assert merge_confs([{"idleTimeout": "9s"}, {"connectionTimeout": "21s"}]) == [
        {"idleTimeout": "9s", "connectionTimeout": "21s"}
    ]
    assert merge_confs(
        [{"http": {"requestTimeout": "1s", "streamIdleTimeout": "1h"}}, {"http": {"requestTimeout": "5s"}}]
    ) == [{"http": {"requestTimeout": "5s", "streamIdleTimeout": "1h"}}]
    assert merge_confs([{"backends": ["A"]}, {"backends": ["B"]}]) == [{"backends": ["B"]}]


def test_null_deletes_and_maps_merge() -> None:
    assert merge_patch({"a": 1, "b": {"c": 2, "d": 3}}, {"a": None, "b": {"d": None, "e": 4}}) == {
        "b": {"c": 2, "e": 4}
    }
    assert merge_patch({"a": 1}, [1, 2]) == [1, 2]


def test_append_fields_concatenate_across_confs() -> None:
    spec = MergeSpec(append_fields=(("appendModifications",), ("sidecar", "profiles", "appendProfiles")))
    confs: list[Any] = [
        {
            "appendModifications": ["m1"],
            "sidecar": {"profiles": {"appendProfiles": ["p1"], "exclude": ["x"]}},
        },
        {"appendModifications": ["m2", "m3"], "sidecar": {"profiles": {"exclude": ["y"]}}},
        {"sidecar": {"profiles": {"appendProfiles": ["p2"]}}},
    ]
    assert merge_confs(confs, spec) == [
        {
            "appendModifications": ["m1", "m2", "m3"],
            "sidecar": {"profiles": {"appendProfiles": ["p1", "p2"], "exclude": ["y"]}},
        }
    ]


def test_merge_by_key_folds_equal_keys_into_the_last_occurrence() -> None:
    spec = MergeSpec(merge_by_key=("rules", "matches", "default"))
    confs = [
        {"rules": [{"matches": ["a"], "default": {"x": 1, "y": 1}}, {"matches": ["b"], "default": {"x": 2}}]},
        {"rules": [{"matches": ["a"], "default": {"y": 3}}]},
    ]
    assert merge_confs(confs, spec) == [
        {"rules": [{"matches": ["b"], "default": {"x": 2}}, {"matches": ["a"], "default": {"x": 1, "y": 3}}]}
    ]


def test_merge_values_split_into_one_conf_per_value() -> None:
    spec = MergeSpec(merge_values="hostnames")
    confs = [{"hostnames": ["a", "b"], "x": 1}, {"x": 2}, {"hostnames": ["b"], "y": 3}]
    assert merge_confs(confs, spec) == [
        {"hostnames": ["a"], "x": 1},
        {"hostnames": ["b"], "x": 1, "y": 3},
        {"x": 2},
    ]


@given(st.lists(st.dictionaries(st.sampled_from("abc"), any_json, max_size=3), min_size=1, max_size=4))
def test_merging_does_not_mutate_its_inputs(confs: list[dict[str, Any]]) -> None:
    import copy

    before = copy.deepcopy(confs)
    merge_confs(confs, MergeSpec(append_fields=(("a",),), merge_by_key=("b", "k", "d")))
    assert confs == before


@given(any_json, st.dictionaries(st.sampled_from("abc"), any_json, max_size=3))
def test_merge_patch_sets_every_non_null_patch_value(target: Any, patch: dict[str, Any]) -> None:
    result = merge_patch(target, patch)
    for key, value in patch.items():
        if value is None:
            assert key not in result
        elif not isinstance(value, dict):
            assert result[key] == value
