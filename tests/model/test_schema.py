"""The compiled REST-ingestion walk: defaults, go-openapi messages, normalisation."""

from __future__ import annotations

from typing import Annotated

from pulumi_kuma.model.base import (
    REQUIRED,
    Default,
    Duration,
    Items,
    KumaModel,
    Length,
    OneOf,
    Pattern,
    Range,
)
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.schema import compile_model, ingest, yaml_scalar_text


class Inner(KumaModel):
    mode: Annotated[str | None, OneOf("Strict", "Permissive"), Default("Strict")] = None
    port: Annotated[int | None, Range(1, 65535)] = None


class Scalars(KumaModel):
    text: str | None = None
    words: list[str] | None = None
    timeout: Duration | None = None


class Outer(KumaModel):
    name: Annotated[str, REQUIRED, Pattern(r"^[a-z]+$")] = ""
    timeout: Duration | None = None
    inner: Inner | None = None
    items: Annotated[list[Inner] | None, Items(min_items=1)] = None
    tags: dict[str, str] | None = None


def test_defaults_and_normalisation_in_rest_mode() -> None:
    spec, violations = ingest(
        Outer, {"unknown": 1, "inner": {}, "name": "ok", "tags": {"a": "b"}}, "spec", "rest"
    )
    assert violations == []
    assert spec == {"name": "ok", "inner": {"mode": "Strict"}, "tags": {"a": "b"}}
    assert list(spec) == ["name", "inner", "tags"], "keys come out in model order"


def test_decode_mode_skips_defaults_and_enum() -> None:
    spec, violations = ingest(Outer, {"inner": {"mode": "Other"}}, "spec", "decode")
    assert violations == []
    assert spec == {"inner": {"mode": "Other"}}


def test_go_openapi_messages() -> None:
    _, violations = ingest(
        Outer,
        {
            "name": "Bad1",
            "timeout": "5x",
            "inner": {"mode": "Loose", "port": 0},
            "items": [],
            "tags": {"a": 1},
        },
        "spec",
        "rest",
    )
    assert violations == [
        Violation("spec.name", "in body should match '^[a-z]+$'"),
        Violation("spec.timeout", 'time: unknown unit "x" in duration "5x"'),
        Violation("spec.inner.mode", "in body should be one of [Strict Permissive]"),
        Violation("spec.inner.port", "in body should be greater than or equal to 1"),
        Violation("spec.items", "in body should have at least 1 items"),
        Violation("spec.tags.a", 'in body must be of type string: "number"'),
    ]


def test_required_and_types() -> None:
    _, violations = ingest(Outer, {"inner": "x"}, "spec", "rest")
    assert violations == [
        Violation("spec.name", "in body is required"),
        Violation("spec.inner", 'in body must be of type object: "string"'),
    ]


def test_json_schema_carries_markers() -> None:
    schema = compile_model(Outer).json_schema()
    assert schema["required"] == ["name"]
    inner = schema["properties"]["inner"]["properties"]
    assert inner["mode"] == {"type": "string", "enum": ["Strict", "Permissive"], "default": "Strict"}
    assert inner["port"] == {"type": "integer", "minimum": 1, "maximum": 65535}
    assert schema["properties"]["items"]["minItems"] == 1


def test_decode_mode_reads_yaml_scalars_into_string_fields_as_text() -> None:
    spec, violations = ingest(Scalars, {"text": 1000, "words": [123, True, 1.5]}, "spec", "decode")
    assert violations == []
    assert spec == {"text": "1000", "words": ["123", "true", "1.5"]}


def test_numbers_stay_wrong_for_strings_in_rest_mode_and_for_durations() -> None:
    _, rest = ingest(Scalars, {"text": 1000}, "spec", "rest")
    assert rest == [Violation("spec.text", 'in body must be of type string: "number"')]
    _, decode = ingest(Scalars, {"timeout": 10}, "spec", "decode")
    assert decode == [Violation("spec.timeout", 'in body must be of type string: "number"')]


def test_yaml_float_text_is_gos_shortest_float32_form() -> None:
    assert [yaml_scalar_text(v) for v in (100.0, 0.1, 1e6, 1234567.0, 16777217.0, 3.14159265358979)] == [
        "100",
        "0.1",
        "1e+06",
        "1.234567e+06",
        "1.6777216e+07",
        "3.1415927",
    ]


class Marker(KumaModel):
    """A model without fields (Kuma's ``roundRobin: {}``)."""


def test_model_without_fields_is_a_plain_object() -> None:
    assert compile_model(Marker).json_schema() == {
        "type": "object",
        "description": "A model without fields (Kuma's ``roundRobin: {}``).",
    }
    spec, violations = ingest(Marker, {"anything": 1}, "spec", "rest")
    assert (spec, violations) == ({}, [])
    _, violations = ingest(Marker, 5, "spec", "rest")
    assert violations == [Violation("spec", 'in body must be of type object: "number"')]


class Token(KumaModel):
    name: Annotated[str | None, Length(1, 4), Pattern(r"^[a-z]+$")] = None


def test_one_message_per_string_as_kube_openapi_reports_it() -> None:
    assert ingest(Token, {"name": ""}, "spec", "rest")[1] == [
        Violation("spec.name", "in body should be at least 1 chars long")
    ]
    assert ingest(Token, {"name": "TOOLONG"}, "spec", "rest")[1] == [
        Violation("spec.name", "in body should be at most 4 chars long")
    ]
    assert ingest(Token, {"name": "AB"}, "spec", "rest")[1] == [
        Violation("spec.name", "in body should match '^[a-z]+$'")
    ]


def test_patterns_anchor_at_the_end_of_text_as_in_go() -> None:
    assert ingest(Token, {"name": "abc\n"}, "spec", "rest")[1] == [
        Violation("spec.name", "in body should match '^[a-z]+$'")
    ]


class Tree(KumaModel):
    name: Annotated[str, REQUIRED] = ""
    children: list[Tree] | None = None


Tree.model_rebuild()


def test_a_model_may_contain_itself() -> None:
    spec, violations = ingest(
        Tree, {"name": "root", "children": [{"name": "a", "children": [{"x": 1}]}]}, "spec", "rest"
    )
    assert spec == {"name": "root", "children": [{"name": "a", "children": [{}]}]}
    assert violations == [Violation("spec.children[0].children[0].name", "in body is required")]
