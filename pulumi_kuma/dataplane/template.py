"""Dataplane templates: ``kuma-dp``'s mustache variables (``{{ name }}``) filled from ``-v KEY=VALUE``.

Kuma renders ``--dataplane-file`` with mustache (``pkg/util/template``). This renders the part
Dataplane templates use: ``{{ name }}`` (HTML-escaped, as mustache does), ``{{{ name }}}`` and
``{{& name }}`` (raw), dotted names (``{{ a.b }}`` is ``-v a.b=...``) and comments ``{{! ... }}``.
An unknown variable renders as the empty string, as in mustache. Sections, partials and delimiter
changes are refused with an error naming the tag.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping

_TAG = re.compile(r"\{\{\{\s*([^}]*?)\s*\}\}\}|\{\{\s*([#^/>=!&]?)\s*([^}]*?)\s*\}\}", re.DOTALL)

# What Go's template.HTMLEscape (used by the mustache library Kuma uses) replaces.
_HTML_ESCAPES = {"\0": "\ufffd", '"': "&#34;", "'": "&#39;", "&": "&amp;", "<": "&lt;", ">": "&gt;"}
_HTML_ESCAPE = re.compile("[\0\"'&<>]")


class TemplateError(ValueError):
    """A template uses a mustache feature Dataplane templates do not support."""


def _escape(value: str) -> str:
    return _HTML_ESCAPE.sub(lambda match: _HTML_ESCAPES[match.group(0)], value)


def render(template: str, variables: Mapping[str, str]) -> str:
    """Fill ``template``'s ``{{ name }}`` tags from ``variables``."""

    def replace(match: re.Match[str]) -> str:
        raw_name = match.group(1)
        if raw_name is not None:
            return variables.get(raw_name, "")
        sigil, name = match.group(2), match.group(3)
        if sigil == "!":
            return ""
        if sigil == "&":
            return variables.get(name, "")
        if sigil:
            line = template.count("\n", 0, match.start()) + 1
            raise TemplateError(
                f"line {line}: template tag {match.group(0)!r} is not supported; "
                "only variables ({{ name }}, {{{ name }}}) and comments ({{! ... }}) are"
            )
        return _escape(variables.get(name, ""))

    return _TAG.sub(replace, template)


def parse_variables(items: list[str]) -> dict[str, str]:
    """Variables from repeated ``-v`` options, each ``KEY=VALUE`` or several comma-separated
    (``-v a=1,b=2``, CSV-quoted if a value holds a comma, as ``kuma-dp`` parses them).

    Raises ``ValueError`` naming an item that is not ``KEY=VALUE``.
    """
    variables: dict[str, str] = {}
    for item in items:
        try:
            pairs = next(csv.reader([item]), [])
        except csv.Error as exc:
            raise ValueError(f"dataplane variable {item!r}: {exc}") from exc
        for pair in pairs:
            key, sep, value = pair.partition("=")
            if not sep or not key:
                raise ValueError(f"dataplane variable {pair!r} must be formatted as KEY=VALUE")
            variables[key] = value
    return variables
