"""The Go template subset: Go's parse errors, rendering, and our render errors."""

from __future__ import annotations

import pytest

from pulumi_kuma.model.gotemplate import TemplateRenderError, TemplateSyntaxError, parse, render

DATA = {"Mesh": "default", "Zone": "east", "Name": "web"}


def label(key: str) -> str:
    labels = {"app": "web", "kuma.io/workload": "web-v1"}
    if key not in labels:
        raise TemplateRenderError(f"label {key} not found")
    return labels[key]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ .Mesh }}.{{ .Zone }}.mesh.local", "default.east.mesh.local"),
        ("plain text", "plain text"),
        ('{{ label "app" }}.svc', "web.svc"),
        ('{{label "kuma.io/workload"}}', "web-v1"),
        ('{{ "app" | label }}', "web"),
        ('{{ .Name | printf "%s-%s" .Zone }}', "east-web"),
        ('{{ printf "%q" .Mesh }}', '"default"'),
        ("{{ print .Mesh .Zone }}", "defaulteast"),
        ("a  {{- .Name -}}  b", "awebb"),
        ("{{/* a comment */}}x{{- /* trimmed */ -}} y", "xy"),
        ("{{ $z := .Zone }}{{ $z }}/{{ $.Mesh }}", "east/default"),
        ('{{ (printf "%s" .Name) }}', "web"),
        ("{{ `raw` }}{{ 7 }}{{ true }}", "raw7true"),
        ('{{ eq .Zone "east" }}', "true"),
        ("{ .Zone }", "{ .Zone }"),
    ],
)
def test_render(source: str, expected: str) -> None:
    assert render(source, DATA, {"label": label}) == expected


@pytest.mark.parametrize(
    ("source", "message"),
    [
        # The first three are messages Kuma's validator fixtures quote.
        ("{{ .Mesh|1 }}.{ .Zone|2 }.mesh.local", "template: :1: non executable command in pipeline stage 2"),
        ("/ns/{{ .Namespace|invalid }}/sa", 'template: :1: function "invalid" not defined'),
        ("{{ .Name[4 }}.mesh", "template: :1: bad character U+005B '['"),
        ("{{}}", "template: :1: missing value for command"),
        ("{{ .Mesh", "template: :1: unclosed action"),
        ("line\n{{ .Mesh", "template: :2: unclosed action"),
        ("{{ ( .Mesh }}", "template: :1: unclosed left paren"),
        ('{{ "open }}', "template: :1: unterminated quoted string"),
        ("{{ 3abc }}", 'template: :1: bad number syntax: "3a"'),
        ("{{ $x }}", 'template: :1: undefined variable "$x"'),
        ('{{ "a".B }}', 'template: :1: unexpected . after term "\\"a\\""'),
        ("{{/* open", "template: :1: unclosed comment"),
        ("{{/* c */ x }}", "template: :1: comment ends before closing delimiter"),
        ('{{ .A | "x" }}', "template: :1: non executable command in pipeline stage 2"),
    ],
)
def test_parse_errors_read_like_go(source: str, message: str) -> None:
    with pytest.raises(TemplateSyntaxError) as info:
        parse(source, functions=["label"])
    assert str(info.value) == message


def test_control_structures_are_refused_with_our_message() -> None:
    with pytest.raises(TemplateSyntaxError, match=r"\{\{if\}\} is not supported"):
        parse("{{ if .Mesh }}x{{ end }}")


def test_label_is_only_known_when_declared() -> None:
    with pytest.raises(TemplateSyntaxError, match='function "label" not defined'):
        parse('{{ label "app" }}')
    assert parse('{{ label "app" }}', functions=["label"]).fields() == set()


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{ .Workload }}", "can't evaluate field Workload; available fields: .Mesh, .Name, .Zone"),
        ('{{ label "missing" }}', "error calling label: label missing not found"),
        ("{{ .Mesh.Inner }}", "can't evaluate field Inner: the value before it is not an object"),
        ("{{ nil }}", "nil is not a command"),
        ("{{ . }}", "'.' (the whole data object) cannot be rendered; use one of its fields"),
    ],
)
def test_render_errors(source: str, message: str) -> None:
    template = parse(source, functions=["label"])
    with pytest.raises(TemplateRenderError) as info:
        template.render(DATA, {"label": label})
    assert str(info.value) == message


def test_fields_lists_what_the_template_reads() -> None:
    assert parse('{{ .Mesh }}-{{ printf "%s" .Zone }}').fields() == {"Mesh", "Zone"}
