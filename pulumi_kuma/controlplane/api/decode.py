"""Request bodies: JSON parsing with Go's error wording, and the resource meta's JSON types.

Kuma decodes bodies with Go's ``encoding/json``; its messages (``invalid character ','
looking for beginning of object key string``) are what clients see, so Python's parse errors
are translated into the same words.
"""

from __future__ import annotations

import json
from typing import Any

from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.schema import json_type_name

_GO_TYPE_NAMES = {"boolean": "bool", "null": "null"}


class BodyError(ValueError):
    """A body that is not the JSON object a resource must be; the message is Go's wording."""


def _quote_char(char: str) -> str:
    if char == "'":
        return "'\\''"
    if char.isprintable():
        return f"'{char}'"
    escapes = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
    return "'" + escapes.get(char, f"\\x{ord(char):02x}") + "'"


def _innermost_container(text: str, pos: int) -> str:
    """'{' or '[' whichever encloses ``pos`` (strings skipped), '' at top level."""
    stack: list[str] = []
    in_string = escaped = False
    for char in text[:pos]:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "{[":
            stack.append(char)
        elif char in "}]" and stack:
            stack.pop()
    return stack[-1] if stack else ""


def go_json_message(text: str, exc: json.JSONDecodeError) -> str:
    """Go's ``encoding/json`` message for the error Python reported."""
    pos = exc.pos
    if pos >= len(text) or exc.msg.startswith("Unterminated string"):
        return "unexpected end of JSON input"
    char = _quote_char(text[pos])
    if exc.msg.startswith("Expecting property name"):
        return f"invalid character {char} looking for beginning of object key string"
    if exc.msg.startswith("Expecting value"):
        return f"invalid character {char} looking for beginning of value"
    if exc.msg.startswith("Expecting ':'"):
        return f"invalid character {char} after object key"
    if exc.msg.startswith("Expecting ','"):
        if _innermost_container(text, pos) == "[":
            return f"invalid character {char} after array element"
        return f"invalid character {char} after object key:value pair"
    if exc.msg.startswith("Extra data"):
        return f"invalid character {char} after top-level value"
    if exc.msg.startswith("Invalid control character"):
        return f"invalid character {char} in string literal"
    if exc.msg.startswith("Invalid \\escape") or exc.msg.startswith("Invalid \\u"):
        return f"invalid character {char} in string escape code"
    return exc.msg


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def parse_json(body: bytes) -> Any:
    """Decode a JSON body as Go would accept it (no NaN/Infinity); raises :class:`BodyError`."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BodyError(
            f"invalid character {_quote_char(chr(body[exc.start]))} looking for beginning of value"
        ) from exc
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise BodyError(go_json_message(text, exc)) from exc
    except ValueError as exc:
        raise BodyError(
            f"invalid character {_quote_char(str(exc)[0])} looking for beginning of value"
        ) from exc
    except RecursionError as exc:
        raise BodyError("exceeded max depth") from exc


def go_type(value: Any) -> str:
    """The JSON type word Go's decoder uses in "cannot unmarshal X into ..."."""
    name = json_type_name(value)
    return _GO_TYPE_NAMES.get(name, name)


def meta_type_errors(doc: Any) -> str | None:
    """Go's decode error for a document whose meta fields have the wrong JSON types, else None."""
    if not isinstance(doc, dict):
        return f"json: cannot unmarshal {go_type(doc)} into Go value of type map[string]interface {{}}"
    for key in ("type", "mesh", "name"):
        value = doc.get(key)
        if value is not None and not isinstance(value, str):
            return f"json: cannot unmarshal {go_type(value)} into Go struct field ResourceMeta.{key} of type string"
    labels = doc.get("labels")
    if labels is None:
        return None
    if not isinstance(labels, dict):
        return (
            f"json: cannot unmarshal {go_type(labels)} into Go struct field ResourceMeta.labels "
            "of type map[string]string"
        )
    for value in labels.values():
        if not isinstance(value, str):
            return f"json: cannot unmarshal {go_type(value)} into Go struct field ResourceMeta.labels of type string"
    return None


def schema_meta_errors(doc: dict[str, Any]) -> list[Violation]:
    """The same type errors as the whole-object schema check of new-style kinds words them."""
    out = []
    for key in ("type", "mesh", "name"):
        value = doc.get(key)
        if value is not None and not isinstance(value, str):
            out.append(Violation("", f'{key} in body must be of type string: "{json_type_name(value)}"'))
    labels = doc.get("labels")
    if labels is not None and not isinstance(labels, dict):
        out.append(Violation("", f'labels in body must be of type object: "{json_type_name(labels)}"'))
    elif isinstance(labels, dict):
        for key, value in labels.items():
            if not isinstance(value, str):
                out.append(
                    Violation("", f'labels.{key} in body must be of type string: "{json_type_name(value)}"')
                )
    return out
