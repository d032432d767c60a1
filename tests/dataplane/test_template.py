"""Dataplane templates: kuma-dp's mustache variables."""

from __future__ import annotations

import pytest

from pulumi_kuma.dataplane.template import TemplateError, parse_variables, render

TEMPLATE = """type: Dataplane
mesh: {{ mesh }}
name: {{name}}
networking:
  address: {{ address }}
  inbound:
  - port: {{ port.inbound }}
"""


def test_variables_with_and_without_spaces_and_dotted_names() -> None:
    rendered = render(
        TEMPLATE, {"mesh": "default", "name": "dp-1", "address": "127.0.0.1", "port.inbound": "8080"}
    )
    assert "mesh: default\nname: dp-1\n" in rendered
    assert "address: 127.0.0.1" in rendered
    assert "- port: 8080" in rendered


def test_missing_variables_render_empty_like_mustache() -> None:
    assert render("name: '{{ name }}'", {}) == "name: ''"


def test_values_are_html_escaped_like_kumas_mustache_unless_raw() -> None:
    value = {"v": "a<b>&\"c'"}
    assert render("{{ v }}", value) == "a&lt;b&gt;&amp;&#34;c&#39;"
    assert render("{{{ v }}}", value) == "a<b>&\"c'"
    assert render("{{& v }}", value) == "a<b>&\"c'"


def test_comments_are_dropped() -> None:
    assert render("a{{! a note }}b", {}) == "ab"


@pytest.mark.parametrize("tag", ["{{#list}}", "{{/list}}", "{{> partial}}", "{{=<% %>=}}", "{{^x}}"])
def test_unsupported_tags_are_refused_with_the_line(tag: str) -> None:
    with pytest.raises(TemplateError, match=r"line 2: template tag .* is not supported"):
        render(f"ok\n{tag}\n", {})


def test_parse_variables_like_kuma_dp() -> None:
    assert parse_variables(["a=1", "b=x=y", "c=3,d=4", '"e=5,6"', "f="]) == {
        "a": "1",
        "b": "x=y",
        "c": "3",
        "d": "4",
        "e": "5,6",
        "f": "",
    }
    with pytest.raises(ValueError, match="must be formatted as KEY=VALUE"):
        parse_variables(["novalue"])
