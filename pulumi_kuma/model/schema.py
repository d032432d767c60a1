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

Every resource goes through this walk, so each node is compiled once per mode into a check with
that mode's rules resolved: a closure for scalars and containers, and for a model a function
written for its fields (see :meth:`ModelNode._compile`).
"""

from __future__ import annotations

import math
import re
import struct
import threading
import types
import typing
from collections.abc import Callable
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


Check = Callable[[Any, str, "str | int | None", list[Violation]], Any]
"""A compiled check: ``(value, parent path, step, out)`` to the normalised value, or ``_MISSING``.

The value's own path is the parent path plus the step (a field name, a map key or a list index),
rendered by :func:`_path` only where a violation needs it or a container passes it down, so that the
common case (a valid scalar) builds no strings.
"""


def _path(base: str, step: str | int | None) -> str:
    """``base`` extended by one step: ``a.b``, ``a[0]``; a field at the root has no leading dot."""
    if step is None:
        return base
    if type(step) is int:
        return f"{base}[{step}]"
    return f"{base}.{step}" if base else str(step)


def _type_error(expected: str, value: Any, base: str, step: str | int | None, out: list[Violation]) -> Any:
    out.append(Violation(_path(base, step), f'in body must be of type {expected}: "{json_type_name(value)}"'))
    return _MISSING


# Checks of a tree are built together, children first except where a model refers back to itself;
# only the finished tree is published, so another thread never runs a half-built check.
_BUILD_LOCK = threading.Lock()


class Node:
    """One compiled schema node: what it accepts (``checker``) and how it is documented (``json_schema``)."""

    description: str | None = None

    def __init__(self) -> None:
        self._checks: dict[str, Check] = {}

    def checker(self, mode: Mode) -> Check:
        """The check for ``mode``, built once per node and mode."""
        check = self._checks.get(mode)
        if check is None:
            with _BUILD_LOCK:
                pending: dict[Node, Check] = {}
                check = self._resolve(mode, pending)
                for node, built in pending.items():
                    node._checks.setdefault(mode, built)
                check = self._checks[mode]
        return check

    def _resolve(self, mode: Mode, pending: dict[Node, Check]) -> Check:
        """This node's check while a tree is being built: published, under way, or built now."""
        check = self._checks.get(mode) or pending.get(self)
        if check is None:
            check = pending[self] = self._compile(mode, pending)
        return check

    def _compile(self, mode: Mode, pending: dict[Node, Check]) -> Check:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError


class StringNode(Node):
    def __init__(
        self,
        enum: tuple[str, ...] | None = None,
        pattern: str | None = None,
        min_length: int | None = None,
        max_length: int | None = None,
        duration: bool = False,
    ) -> None:
        super().__init__()
        self.enum = enum
        self.pattern = pattern
        self._regex = go_regex(pattern) if pattern else None
        self.min_length = min_length
        self.max_length = max_length
        self.duration = duration

    def _compile(self, mode: Mode, pending: dict[Node, Check]) -> Check:
        duration = self.duration
        if mode == "decode":

            def check_decoded(value: Any, base: str, step: str | int | None, out: list[Violation]) -> Any:
                if not isinstance(value, str):
                    # Durations decode through their own unmarshaller, which takes no numbers.
                    if duration or not isinstance(value, (bool, int, float)):
                        return _type_error("string", value, base, step, out)
                    value = yaml_scalar_text(value)
                if duration and value:
                    _check_duration(value, base, step, out)
                return value

            return check_decoded

        enum = frozenset(self.enum) if self.enum is not None else None
        enum_message = f"in body should be one of [{' '.join(self.enum)}]" if self.enum is not None else ""
        pattern_message = f"in body should match '{self.pattern}'"
        regex, min_length, max_length = self._regex, self.min_length, self.max_length
        if enum is None and regex is None and min_length is None and max_length is None and not duration:

            def check_text(value: Any, base: str, step: str | int | None, out: list[Violation]) -> Any:
                return value if isinstance(value, str) else _type_error("string", value, base, step, out)

            return check_text

        def check(value: Any, base: str, step: str | int | None, out: list[Violation]) -> Any:
            if not isinstance(value, str):
                return _type_error("string", value, base, step, out)
            if duration and value:
                _check_duration(value, base, step, out)
            # kube-openapi reports the first failing of maxLength, minLength, pattern; the enum after.
            if max_length is not None and len(value) > max_length:
                out.append(Violation(_path(base, step), f"in body should be at most {max_length} chars long"))
            elif min_length is not None and len(value) < min_length:
                out.append(
                    Violation(_path(base, step), f"in body should be at least {min_length} chars long")
                )
            elif regex is not None and regex.search(value) is None:
                out.append(Violation(_path(base, step), pattern_message))
            if enum is not None and value not in enum:
                out.append(Violation(_path(base, step), enum_message))
            return value

        return check

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


def _check_duration(value: str, base: str, step: str | int | None, out: list[Violation]) -> None:
    try:
        parse_duration(value)
    except InvalidDuration as exc:
        out.append(Violation(_path(base, step), str(exc)))


class IntegerNode(Node):
    def __init__(
        self, minimum: int | None = None, maximum: int | None = None, enum: tuple[int, ...] | None = None
    ) -> None:
        super().__init__()
        self.minimum = minimum
        self.maximum = maximum
        self.enum = enum

    def _compile(self, mode: Mode, pending: dict[Node, Check]) -> Check:
        minimum = self.minimum if mode == "rest" else None
        maximum = self.maximum if mode == "rest" else None
        enum = frozenset(self.enum) if self.enum is not None and mode == "rest" else None
        enum_message = f"in body should be one of [{' '.join(map(str, self.enum or ()))}]"

        def check(value: Any, base: str, step: str | int | None, out: list[Violation]) -> Any:
            if type(value) is not int:
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    return _type_error("integer", value, base, step, out)
                if isinstance(value, float):
                    if not value.is_integer():
                        return _type_error("integer", value, base, step, out)
                    value = int(value)
            if minimum is not None and value < minimum:
                out.append(
                    Violation(_path(base, step), f"in body should be greater than or equal to {minimum}")
                )
            if maximum is not None and value > maximum:
                out.append(Violation(_path(base, step), f"in body should be less than or equal to {maximum}"))
            if enum is not None and value not in enum:
                out.append(Violation(_path(base, step), enum_message))
            return value

        return check

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer"}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        if self.enum is not None:
            schema["enum"] = list(self.enum)
        return schema


class NumberNode(Node):
    def _compile(self, mode: Mode, pending: dict[Node, Check]) -> Check:
        def check(value: Any, base: str, step: str | int | None, out: list[Violation]) -> Any:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return _type_error("number", value, base, step, out)
            return value

        return check

    def json_schema(self) -> dict[str, Any]:
        return {"type": "number"}


class BooleanNode(Node):
    def _compile(self, mode: Mode, pending: dict[Node, Check]) -> Check:
        def check(value: Any, base: str, step: str | int | None, out: list[Violation]) -> Any:
            return value if isinstance(value, bool) else _type_error("boolean", value, base, step, out)

        return check

    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


class IntOrStringNode(Node):
    """Kubernetes ``int-or-string``: either JSON type is accepted."""

    def _compile(self, mode: Mode, pending: dict[Node, Check]) -> Check:
        def check(value: Any, base: str, step: str | int | None, out: list[Violation]) -> Any:
            # A number with a fraction is neither: Kuma's intstr decodes numbers as int32 only.
            fractional = isinstance(value, float) and not value.is_integer()
            if isinstance(value, bool) or not isinstance(value, (int, str, float)) or fractional:
                return _type_error("int-or-string", value, base, step, out)
            if isinstance(value, float):
                return int(value)
            return value

        return check

    def json_schema(self) -> dict[str, Any]:
        return {"anyOf": [{"type": "integer"}, {"type": "string"}], "x-kubernetes-int-or-string": True}


class AnyNode(Node):
    """Any JSON value, passed through."""

    def _compile(self, mode: Mode, pending: dict[Node, Check]) -> Check:
        def check(value: Any, base: str, step: str | int | None, out: list[Violation]) -> Any:
            return value

        return check

    def json_schema(self) -> dict[str, Any]:
        return {"x-kubernetes-preserve-unknown-fields": True}


class ListNode(Node):
    def __init__(self, item: Node, min_items: int | None = None, max_items: int | None = None) -> None:
        super().__init__()
        self.item = item
        self.min_items = min_items
        self.max_items = max_items

    def _compile(self, mode: Mode, pending: dict[Node, Check]) -> Check:
        min_items = self.min_items if mode == "rest" else None
        max_items = self.max_items if mode == "rest" else None
        check_item = self.item._resolve(mode, pending)

        def check(value: Any, base: str, step: str | int | None, out: list[Violation]) -> Any:
            if not isinstance(value, list):
                return _type_error("array", value, base, step, out)
            path = _path(base, step)
            if min_items is not None and len(value) < min_items:
                out.append(Violation(path, f"in body should have at least {min_items} items"))
            if max_items is not None and len(value) > max_items:
                out.append(Violation(path, f"in body should have at most {max_items} items"))
            result = []
            for i, element in enumerate(value):
                if element is not None:
                    checked = check_item(element, path, i, out)
                    if checked is not _MISSING:
                        result.append(checked)
            return result

        return check

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
        super().__init__()
        self.value = value

    def _compile(self, mode: Mode, pending: dict[Node, Check]) -> Check:
        check_value = self.value._resolve(mode, pending)

        def check(value: Any, base: str, step: str | int | None, out: list[Violation]) -> Any:
            if not isinstance(value, dict):
                return _type_error("object", value, base, step, out)
            path = _path(base, step)
            result = {}
            for key, element in value.items():
                if element is not None:
                    # A key is a name step (``labels.app``) even when YAML read it as a number.
                    checked = check_value(element, path, key if type(key) is str else str(key), out)
                    if checked is not _MISSING:
                        result[key] = checked
            return result

        return check

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
        super().__init__()
        self.model = model
        self.fields: list[FieldSpec] = []
        doc = (model.__doc__ or "").strip()
        self.description = doc or None

    def _compile(self, mode: Mode, pending: dict[Node, Check]) -> Check:
        """A function written for this model and mode: one straight block per field.

        Plain scalars (a string without rules, a boolean, an unbounded integer, any JSON) are
        accepted inline; other fields call their node's check. The model's path is rendered only
        when a field needs it. Child checks are bound after this model's own check is registered,
        so that a model can contain itself.
        """
        namespace: dict[str, Any] = {
            "_MISSING": _MISSING,
            "_path": _path,
            "_type_error": _type_error,
            "_copy_json": _copy_json,
            "Violation": Violation,
        }
        name = re.sub(r"\W", "_", f"check_{self.model.__name__}_{mode}")  # To[Conf] -> To_Conf_
        lines = [
            f"def {name}(value, base, step, out):",
            "    if not isinstance(value, dict):",
            "        return _type_error('object', value, base, step, out)",
            "    path = None",
            "    result = {}",
            "    get = value.get",
        ]
        for i, spec in enumerate(self.fields):
            lines.extend(_field_source(i, spec, mode, namespace))
        lines.append("    return result")
        code = compile("\n".join(lines), f"<schema: {self.model.__qualname__}, {mode} mode>", "exec")
        exec(code, namespace)
        check: Check = namespace[name]
        pending[self] = check
        for i, spec in enumerate(self.fields):
            namespace[f"check_{i}"] = spec.node._resolve(mode, pending)
        return check

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


def _inline_test(i: int, node: Node, mode: Mode, namespace: dict[str, Any]) -> str | None:
    """A Python test of field ``i``'s ``element`` that accepts it as is, where one is simple.

    Covers the nodes whose check, for a valid value, only looks at its JSON type, an enum or integer
    bounds; anything else (and any value failing the test) goes to the node's check.
    """
    if isinstance(node, AnyNode):
        return "True"
    if isinstance(node, BooleanNode):
        return "element is True or element is False"
    if isinstance(node, IntegerNode):
        if node.enum is not None and mode == "rest":
            return None
        low = node.minimum if mode == "rest" else None
        high = node.maximum if mode == "rest" else None
        bounds = "".join(
            (
                f" and element >= {low!r}" if low is not None else "",
                f" and element <= {high!r}" if high is not None else "",
            )
        )
        return f"type(element) is int{bounds}"
    if not isinstance(node, StringNode) or node.duration:
        return None
    if mode == "decode":
        return "isinstance(element, str)"
    if node._regex is not None or node.min_length is not None or node.max_length is not None:
        return None
    if node.enum is not None:
        namespace[f"enum_{i}"] = frozenset(node.enum)
        return f"isinstance(element, str) and element in enum_{i}"
    return "isinstance(element, str)"


def _field_source(i: int, spec: FieldSpec, mode: Mode, namespace: dict[str, Any]) -> list[str]:
    """The lines of a model's check for field ``i``: absent (default, required), accepted, checked."""
    alias = repr(spec.alias)
    lines = [f"    element = get({alias})"]
    if mode == "rest" and spec.default is not _MISSING:
        namespace[f"default_{i}"] = spec.default
        value = f"_copy_json(default_{i})" if _is_container(spec.default) else f"default_{i}"
        lines += ["    if element is None:", f"        result[{alias}] = {value}"]
    elif mode == "rest" and spec.required:
        lines += [
            "    if element is None:",
            "        if path is None:",
            "            path = _path(base, step)",
            f"        out.append(Violation(_path(path, {alias}), 'in body is required'))",
        ]
    else:
        lines += ["    if element is None:", "        pass"]
    inline = _inline_test(i, spec.node, mode, namespace)
    if inline is not None:
        lines += [f"    elif {inline}:", f"        result[{alias}] = element"]
    lines += [
        "    else:",
        "        if path is None:",
        "            path = _path(base, step)",
        f"        checked = check_{i}(element, path, {alias}, out)",
        "        if checked is not _MISSING:",
        f"            result[{alias}] = checked",
    ]
    return lines


def _is_container(value: Any) -> bool:
    return isinstance(value, (dict, list))


def _copy_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy_json(v) for v in value]
    return value


_COMPILED: dict[type[KumaModel], ModelNode] = {}


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
        str_enum = next((m.values for m in markers if isinstance(m, OneOf)), None)
        enum = tuple(str(v) for v in str_enum) if str_enum is not None else None
        pattern = next((m.regex for m in markers if isinstance(m, Pattern)), None)
        length = next((m for m in markers if isinstance(m, Length)), Length())
        duration = any(isinstance(m, DurationFormat) for m in markers)
        return StringNode(enum, pattern, length.min_length, length.max_length, duration)
    raise TypeError(f"unsupported type in a Kuma model: {annotation!r}")


def ingest(model: type[KumaModel], value: Any, path: str, mode: Mode) -> tuple[Any, list[Violation]]:
    """Check ``value`` against ``model``'s schema; return the normalised JSON and the violations."""
    out: list[Violation] = []
    result = compile_model(model).checker(mode)(value, path, None, out)
    return (None if result is _MISSING else result), out
