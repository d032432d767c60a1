"""Kuma's REST ingestion, compiled from the models' types and markers.

Kuma ingests a resource in steps: apply the OpenAPI defaults, check the schema (types, enums,
required, bounds, patterns), decode into the typed struct (dropping unknown fields), then run the
kind's validator. This module does the first three for any :class:`KumaModel` class, in one walk:

* ``mode="rest"``: defaults, full schema check, normalisation (what the REST API does);
* ``mode="decode"``: only what Kuma's decoder itself rejects (wrong JSON types, bad
  durations); no defaults. This is what Kuma's validator unit tests feed their validators. They
  decode YAML with ``sigs.k8s.io/yaml``, which turns a number or boolean written where the Go
  field is a string into its text (``limit: 1000`` reads as ``"1000"``); we do the same.

The walk returns the normalised JSON (model field order, unknown keys and nulls dropped, defaults
added) and appends :class:`Violation` objects with go-openapi's wording. The same compiled tree
renders the OpenAPI schema, so the document served at ``/openapi.json`` is the check we run.
"""

from __future__ import annotations

import math
import re
import struct
import threading
import types
import typing
from typing import Any, Literal, Union

from pydantic.fields import FieldInfo

from pulumi_kuma.model.base import (
    Default,
    Doc,
    DurationFormat,
    Items,
    KumaModel,
    Length,
    OneOf,
    Pattern,
    Range,
    Required,
)
from pulumi_kuma.model.duration import InvalidDuration, parse_duration
from pulumi_kuma.model.errors import Violation

Mode = Literal["rest", "decode"]
_MISSING: Any = object()


def json_type_name(value: object) -> str:
    """The JSON type of a decoded value, named as go-openapi names it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def yaml_scalar_text(value: bool | int | float) -> str:
    """The text ``sigs.k8s.io/yaml`` gives a YAML scalar decoded into a Go string field."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return _format_float32_shortest(value)


def _to_float32(value: float) -> float:
    return float(struct.unpack("<f", struct.pack("<f", value))[0])


def _format_float32_shortest(value: float) -> str:
    """Go's ``strconv.FormatFloat(value, 'g', -1, 32)``."""
    if math.isnan(value):
        return "NaN"
    try:
        single = _to_float32(value)
    except OverflowError:
        single = math.copysign(math.inf, value)
    if math.isinf(single):
        return "+Inf" if single > 0 else "-Inf"
    sign = "-" if math.copysign(1.0, single) < 0 else ""
    magnitude = abs(single)
    if magnitude == 0:
        return f"{sign}0"
    text = f"{magnitude:.8e}"
    for significant in range(1, 10):
        text = f"{magnitude:.{significant - 1}e}"
        if _to_float32(float(text)) == magnitude:
            break
    mantissa, _, exponent_text = text.partition("e")
    digits = mantissa.replace(".", "").rstrip("0") or "0"
    exponent = int(exponent_text)
    if exponent < -4 or exponent >= 6:  # Go switches to %e at these exponents for shortest output
        fraction = f".{digits[1:]}" if len(digits) > 1 else ""
        return f"{sign}{digits[0]}{fraction}e{'-' if exponent < 0 else '+'}{abs(exponent):02d}"
    point = exponent + 1
    if point <= 0:
        return f"{sign}0.{'0' * -point}{digits}"
    if point >= len(digits):
        return f"{sign}{digits}{'0' * (point - len(digits))}"
    return f"{sign}{digits[:point]}.{digits[point:]}"


def go_regex(pattern: str) -> re.Pattern[str]:
    """Compile a Go (RE2) pattern with Go's meaning of ``$`` (end of text) and of ``\\d``, ``\\s``."""
    translated: list[str] = []
    escaped = in_class = False
    for c in pattern:
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "$":
            c = r"\Z"  # Python's $ also matches before a final newline
        translated.append(c)
    return re.compile("".join(translated), re.ASCII)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


class Node:
    """One compiled schema node."""

    description: str | None = None

    def check(self, value: Any, path: str, mode: Mode, out: list[Violation]) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def _type_error(self, expected: str, value: Any, path: str, out: list[Violation]) -> Any:
        out.append(Violation(path, f'in body must be of type {expected}: "{json_type_name(value)}"'))
        return _MISSING


class StringNode(Node):
    def __init__(
        self,
        enum: tuple[str, ...] | None = None,
        pattern: str | None = None,
        min_length: int | None = None,
        max_length: int | None = None,
        duration: bool = False,
    ) -> None:
        self.enum = enum
        self.pattern = pattern
        self._regex = go_regex(pattern) if pattern else None
        self.min_length = min_length
        self.max_length = max_length
        self.duration = duration

    def check(self, value: Any, path: str, mode: Mode, out: list[Violation]) -> Any:
        if not isinstance(value, str):
            # Durations decode through their own unmarshaller, which takes no numbers.
            if mode == "decode" and not self.duration and isinstance(value, (bool, int, float)):
                value = yaml_scalar_text(value)
            else:
                return self._type_error("string", value, path, out)
        if self.duration and value:
            try:
                parse_duration(value)
            except InvalidDuration as exc:
                out.append(Violation(path, str(exc)))
        if mode == "decode":
            return value
        # kube-openapi reports the first failing of maxLength, minLength, pattern; the enum after.
        if self.max_length is not None and len(value) > self.max_length:
            out.append(Violation(path, f"in body should be at most {self.max_length} chars long"))
        elif self.min_length is not None and len(value) < self.min_length:
            out.append(Violation(path, f"in body should be at least {self.min_length} chars long"))
        elif self._regex is not None and self._regex.search(value) is None:
            out.append(Violation(path, f"in body should match '{self.pattern}'"))
        if self.enum is not None and value not in self.enum:
            out.append(Violation(path, f"in body should be one of [{' '.join(self.enum)}]"))
        return value

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string"}
        if self.enum is not None:
            schema["enum"] = list(self.enum)
        if self.pattern is not None:
            schema["pattern"] = self.pattern
        if self.min_length is not None:
            schema["minLength"] = self.min_length
        if self.max_length is not None:
            schema["maxLength"] = self.max_length
        if self.duration:
            schema["format"] = "duration"
        return schema


class IntegerNode(Node):
    def __init__(
        self, minimum: int | None = None, maximum: int | None = None, enum: tuple[int, ...] | None = None
    ) -> None:
        self.minimum = minimum
        self.maximum = maximum
        self.enum = enum

    def check(self, value: Any, path: str, mode: Mode, out: list[Violation]) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return self._type_error("integer", value, path, out)
        if isinstance(value, float):
            if not value.is_integer():
                return self._type_error("integer", value, path, out)
            value = int(value)
        if mode == "decode":
            return value
        if self.minimum is not None and value < self.minimum:
            out.append(Violation(path, f"in body should be greater than or equal to {self.minimum}"))
        if self.maximum is not None and value > self.maximum:
            out.append(Violation(path, f"in body should be less than or equal to {self.maximum}"))
        if self.enum is not None and value not in self.enum:
            out.append(Violation(path, f"in body should be one of [{' '.join(map(str, self.enum))}]"))
        return value

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer"}
        if self.enum is not None:
            schema["enum"] = list(self.enum)
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return schema


class NumberNode(Node):
    def check(self, value: Any, path: str, mode: Mode, out: list[Violation]) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return self._type_error("number", value, path, out)
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "number"}


class BooleanNode(Node):
    def check(self, value: Any, path: str, mode: Mode, out: list[Violation]) -> Any:
        if not isinstance(value, bool):
            return self._type_error("boolean", value, path, out)
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


class IntOrStringNode(Node):
    """Kubernetes ``int-or-string``: either JSON type is accepted."""

    def check(self, value: Any, path: str, mode: Mode, out: list[Violation]) -> Any:
        # A number with a fraction is neither: Kuma's intstr decodes numbers as int32 only.
        fractional = isinstance(value, float) and not value.is_integer()
        if isinstance(value, bool) or not isinstance(value, (int, str, float)) or fractional:
            out.append(Violation(path, f'in body must be of type int-or-string: "{json_type_name(value)}"'))
            return _MISSING
        if isinstance(value, float):
            return int(value)
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"anyOf": [{"type": "integer"}, {"type": "string"}], "x-kubernetes-int-or-string": True}


class AnyNode(Node):
    """Any JSON value, passed through."""

    def check(self, value: Any, path: str, mode: Mode, out: list[Violation]) -> Any:
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"x-kubernetes-preserve-unknown-fields": True}


class ListNode(Node):
    def __init__(self, item: Node, min_items: int | None = None, max_items: int | None = None) -> None:
        self.item = item
        self.min_items = min_items
        self.max_items = max_items

    def check(self, value: Any, path: str, mode: Mode, out: list[Violation]) -> Any:
        if not isinstance(value, list):
            return self._type_error("array", value, path, out)
        if mode == "rest":
            if self.min_items is not None and len(value) < self.min_items:
                out.append(Violation(path, f"in body should have at least {self.min_items} items"))
            if self.max_items is not None and len(value) > self.max_items:
                out.append(Violation(path, f"in body should have at most {self.max_items} items"))
        result = []
        item = self.item
        for i, element in enumerate(value):
            if element is None:
                continue
            checked = item.check(element, f"{path}[{i}]", mode, out)
            if checked is not _MISSING:
                result.append(checked)
        return result

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.min_items is not None:
            schema["minItems"] = self.min_items
        if self.max_items is not None:
            schema["maxItems"] = self.max_items
        return schema


class MapNode(Node):
    """A JSON object with free keys and one value type (``map[string]string`` and friends)."""

    def __init__(self, value: Node) -> None:
        self.value = value

    def check(self, value: Any, path: str, mode: Mode, out: list[Violation]) -> Any:
        if not isinstance(value, dict):
            return self._type_error("object", value, path, out)
        result = {}
        for key, element in value.items():
            if element is None:
                continue
            checked = self.value.check(element, f"{path}.{key}", mode, out)
            if checked is not _MISSING:
                result[key] = checked
        return result

    def json_schema(self) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": self.value.json_schema()}


class FieldSpec:
    __slots__ = ("alias", "default", "description", "node", "required")

    def __init__(self, alias: str, node: Node, required: bool, default: Any, description: str | None):
        self.alias = alias
        self.node = node
        self.required = required
        self.default = default
        self.description = description


class ModelNode(Node):
    """A :class:`KumaModel`: known fields in declaration order; unknown fields dropped."""

    def __init__(self, model: type[KumaModel]) -> None:
        self.model = model
        self.fields: list[FieldSpec] = []
        doc = (model.__doc__ or "").strip()
        self.description = doc or None

    def check(self, value: Any, path: str, mode: Mode, out: list[Violation]) -> Any:
        if not isinstance(value, dict):
            return self._type_error("object", value, path, out)
        result: dict[str, Any] = {}
        for spec in self.fields:
            element = value.get(spec.alias)
            if element is None:
                if mode == "rest":
                    if spec.default is not _MISSING:
                        result[spec.alias] = _copy_json(spec.default)
                    elif spec.required:
                        out.append(Violation(_join(path, spec.alias), "in body is required"))
                continue
            checked = spec.node.check(element, _join(path, spec.alias), mode, out)
            if checked is not _MISSING:
                result[spec.alias] = checked
        return result

    def json_schema(self) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        required: list[str] = []
        for spec in self.fields:
            prop = spec.node.json_schema()
            if spec.default is not _MISSING:
                prop["default"] = spec.default
            if spec.description:
                prop["description"] = spec.description
            properties[spec.alias] = prop
            if spec.required:
                required.append(spec.alias)
        schema: dict[str, Any] = {"type": "object"}
        if properties:  # a model without fields is a plain object, as in Kuma's schema
            schema["properties"] = properties
        if required:
            schema["required"] = required
        if self.description:
            schema["description"] = self.description
        return schema


def _copy_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy_json(v) for v in value]
    return value


_COMPILED: dict[type[KumaModel], ModelNode] = {}
"""Finished nodes only: readers take them without a lock."""
_BUILDING: dict[type[KumaModel], ModelNode] = {}
"""Nodes of the compilation under way (guarded by _COMPILE_LOCK); published together when done."""
_COMPILE_LOCK = threading.RLock()


def compile_model(model: type[KumaModel]) -> ModelNode:
    """The compiled schema of a model class (cached; safe to call from several threads)."""
    node = _COMPILED.get(model)
    if node is not None:
        return node
    with _COMPILE_LOCK:
        node = _COMPILED.get(model) or _BUILDING.get(model)
        if node is not None:  # finished meanwhile, or a recursive reference in this compilation
            return node
        outermost = not _BUILDING
        node = ModelNode(model)
        _BUILDING[model] = node  # registered before the fields so that recursive models terminate
        try:
            for name, info in model.model_fields.items():
                node.fields.append(_compile_field(name, info))
            if outermost:
                # Another thread must never see a node whose fields (or whose children's) are
                # still being filled in: publish the whole tree at once.
                _COMPILED.update(_BUILDING)
        finally:
            if outermost:
                _BUILDING.clear()
        return node


def _compile_field(name: str, info: FieldInfo) -> FieldSpec:
    alias = info.alias or name
    markers = list(info.metadata)
    field_node = _compile_type(info.annotation, markers)
    required = any(isinstance(m, Required) for m in markers)
    default = next((m.value for m in markers if isinstance(m, Default)), _MISSING)
    description = info.description or next((m.text for m in markers if isinstance(m, Doc)), None)
    return FieldSpec(alias, field_node, required, default, description)


def _compile_type(annotation: Any, markers: list[Any]) -> Node:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        return _compile_type(base, [*markers, *extra])
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _compile_type(args[0], markers)
        plain = {typing.get_origin(a) or a for a in args}
        if plain == {int, str}:
            return IntOrStringNode()
        raise TypeError(f"unsupported union in a Kuma model: {annotation!r}")
    if origin is list:
        (item,) = typing.get_args(annotation)
        items = next((m for m in markers if isinstance(m, Items)), Items())
        item_markers = [m for m in markers if isinstance(m, OneOf | Pattern | Length | Range)]
        return ListNode(_compile_type(item, item_markers), items.min_items, items.max_items)
    if origin is dict:
        _, value = typing.get_args(annotation)
        return MapNode(_compile_type(value, []))
    if annotation is Any or annotation is object:
        return AnyNode()
    if isinstance(annotation, type) and issubclass(annotation, KumaModel):
        return compile_model(annotation)
    if annotation is bool:
        return BooleanNode()
    if annotation is int:
        bounds = next((m for m in markers if isinstance(m, Range)), Range())
        int_enum = next((m.values for m in markers if isinstance(m, OneOf)), None)
        return IntegerNode(
            bounds.minimum, bounds.maximum, tuple(int(v) for v in int_enum) if int_enum is not None else None
        )
    if annotation is float:
        return NumberNode()
    if annotation is str:
        enum = next((tuple(str(v) for v in m.values) for m in markers if isinstance(m, OneOf)), None)
        pattern = next((m.regex for m in markers if isinstance(m, Pattern)), None)
        length = next((m for m in markers if isinstance(m, Length)), Length())
        duration = any(isinstance(m, DurationFormat) for m in markers)
        return StringNode(enum, pattern, length.min_length, length.max_length, duration)
    raise TypeError(f"unsupported type in a Kuma model: {annotation!r}")


def ingest(model: type[KumaModel], value: Any, path: str, mode: Mode) -> tuple[Any, list[Violation]]:
    """Check ``value`` against ``model``'s schema; return the normalised JSON and the violations."""
    out: list[Violation] = []
    result = compile_model(model).check(value, path, mode, out)
    return (None if result is _MISSING else result), out
