"""Diff normalisation: what counts as a change, and validation around unknown values."""

from __future__ import annotations

from pulumi.output import Unknown

from pulumi_kuma.model.errors import Violation
from pulumi_kuma.provider.normalize import (
    canonical_spec,
    contains_unknown,
    drop_related,
    labels_equal,
    related,
    specs_equal,
    strip_unknowns,
)
from pulumi_kuma.registry import REGISTRY

MT = REGISTRY.by_name("MeshTimeout")


def spec(connection: str, request: str = "5s") -> dict[str, object]:
    return {
        "targetRef": {"kind": "Mesh"},
        "to": [
            {
                "targetRef": {"kind": "MeshService", "labels": {"kuma.io/display-name": "backend"}},
                "default": {"connectionTimeout": connection, "http": {"requestTimeout": request}},
            }
        ],
    }


def test_durations_compare_by_value() -> None:
    assert specs_equal(MT, spec("90s"), spec("1m30s"))
    assert specs_equal(MT, spec("1.5s"), spec("1500ms"))
    assert not specs_equal(MT, spec("90s"), spec("91s"))


def test_key_order_and_unknown_fields_do_not_matter() -> None:
    reordered = {"to": spec("2s")["to"], "targetRef": {"kind": "Mesh"}, "somethingKumaDropped": 1}
    assert specs_equal(MT, spec("2s"), reordered)


def test_list_order_matters() -> None:
    two = spec("2s")
    second = {"targetRef": {"kind": "Mesh"}, "default": {"idleTimeout": "1s"}}
    a = {**two, "to": [*two["to"], second]}  # type: ignore[list-item]
    b = {**two, "to": [second, *two["to"]]}  # type: ignore[list-item]
    assert not specs_equal(MT, a, b)


def test_canonical_form_renders_go_durations() -> None:
    assert canonical_spec(MT, spec("90s"))["to"][0]["default"]["connectionTimeout"] == "1m30s"


def test_labels_ignore_computed_ones() -> None:
    stored = {"kuma.io/mesh": "default", "kuma.io/zone": "default", "kuma.io/display-name": "x", "team": "a"}
    assert labels_equal(stored, {"team": "a"})
    assert not labels_equal(stored, {"team": "b"})
    assert not labels_equal(stored, {})
    # A computed label the program sets itself is compared.
    assert not labels_equal(stored, {"team": "a", "kuma.io/zone": "east"})


def test_strip_unknowns_records_kuma_paths() -> None:
    value = {
        "targetRef": {"kind": "Mesh"},
        "to": [{"default": {"connectionTimeout": Unknown()}}],
        "rules": [{"default": {"idleTimeout": "1s"}}],
        "x": {"y": Unknown(), "z": 1},
    }
    cleaned, paths = strip_unknowns(value, "spec")
    assert contains_unknown(value) and not contains_unknown(cleaned)
    assert sorted(paths) == ["spec.to", "spec.x.y"]  # a list with an unknown goes whole
    assert cleaned == {
        "targetRef": {"kind": "Mesh"},
        "rules": [{"default": {"idleTimeout": "1s"}}],
        "x": {"z": 1},
    }


def test_related_paths() -> None:
    assert related("spec.to", "spec.to[0].default")
    assert related("spec.to[0].default", "spec.to")
    assert related("spec", "spec.to")
    assert not related("spec.to", "spec.top")
    assert not related("spec.rules[0]", "spec.to[0]")
    kept = drop_related(
        [
            Violation("spec.to[0].default", "x"),
            Violation("spec.rules[0].default", "y"),
            Violation("spec", "z"),
        ],
        ["spec.to"],
    )
    assert kept == [Violation("spec.rules[0].default", "y")]
