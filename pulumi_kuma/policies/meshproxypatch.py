"""MeshProxyPatch: raw modifications of the Envoy config Kuma generates (clusters, listeners, filters)."""

from __future__ import annotations

import importlib
import importlib.util
import json
import pkgutil
from collections.abc import Iterator
from functools import lru_cache
from typing import Annotated, Any, cast

import yaml
from google.protobuf import descriptor_pool, json_format
from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message
from pydantic import Field

from pulumi_kuma.model.base import REQUIRED, JsonValue, KumaModel, OneOf
from pulumi_kuma.model.common import TOP_LEVEL_KINDS, TopLevelTargetRef
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.path import SPEC, FieldPath
from pulumi_kuma.model.pgv import validate_message
from pulumi_kuma.model.policy import validate_top_level
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext
from pulumi_kuma.model.violations import Violations

JSON_PATCH_OPS = ("add", "remove", "replace", "move", "copy")
RESOURCE_OPERATIONS = ("Add", "Remove", "Patch")
FILTER_OPERATIONS = ("Remove", "Patch", "AddFirst", "AddBefore", "AddAfter", "AddLast")


# --- Models ---------------------------------------------------------------------------------------


class JsonPatchBlock(KumaModel):
    """One RFC 6902 JSON Patch operation applied to the matched resource's JSON form."""

    op: Annotated[str, REQUIRED, OneOf(*JSON_PATCH_OPS)] = ""
    path: Annotated[str | None, REQUIRED] = None
    value: JsonValue = None
    from_: Annotated[str | None, Field(alias="from")] = None


class ClusterMatch(KumaModel):
    """Selects clusters by name and/or by the Kuma origin that generated them."""

    origin: str | None = None
    name: str | None = None


class ClusterMod(KumaModel):
    """Add, remove or patch Envoy clusters."""

    match: ClusterMatch | None = None
    operation: Annotated[str, REQUIRED, OneOf(*RESOURCE_OPERATIONS)] = ""
    value: str | None = None
    json_patches: list[JsonPatchBlock] | None = None


class ListenerMatch(KumaModel):
    """Selects listeners by name, origin and/or the tags of their inbound."""

    origin: str | None = None
    name: str | None = None
    tags: dict[str, str] | None = None


class ListenerMod(KumaModel):
    """Add, remove or patch Envoy listeners."""

    match: ListenerMatch | None = None
    operation: Annotated[str, REQUIRED, OneOf(*RESOURCE_OPERATIONS)] = ""
    value: str | None = None
    json_patches: list[JsonPatchBlock] | None = None


class NetworkFilterMatch(KumaModel):
    """Selects network filters by name and the listener (name, origin, tags) they sit in."""

    origin: str | None = None
    name: str | None = None
    listener_name: str | None = None
    listener_tags: dict[str, str] | None = None


class NetworkFilterMod(KumaModel):
    """Add (first, last, before or after a named filter), remove or patch network filters."""

    match: NetworkFilterMatch | None = None
    operation: Annotated[str, REQUIRED, OneOf(*FILTER_OPERATIONS)] = ""
    value: str | None = None
    json_patches: list[JsonPatchBlock] | None = None


class HttpFilterMatch(KumaModel):
    """Selects HTTP filters by name and the listener (name, origin, tags) they sit in."""

    origin: str | None = None
    name: str | None = None
    listener_name: str | None = None
    listener_tags: dict[str, str] | None = None


class HttpFilterMod(KumaModel):
    """Add (first, last, before or after a named filter), remove or patch HTTP filters."""

    match: HttpFilterMatch | None = None
    operation: Annotated[str, REQUIRED, OneOf(*FILTER_OPERATIONS)] = ""
    value: str | None = None
    json_patches: list[JsonPatchBlock] | None = None


class VirtualHostMatch(KumaModel):
    """Selects virtual hosts by name, origin and/or route configuration name."""

    origin: str | None = None
    name: str | None = None
    route_configuration_name: str | None = None


class VirtualHostMod(KumaModel):
    """Add, remove or patch virtual hosts of route configurations."""

    match: Annotated[VirtualHostMatch | None, REQUIRED] = None
    operation: Annotated[str, REQUIRED, OneOf(*RESOURCE_OPERATIONS)] = ""
    value: str | None = None
    json_patches: list[JsonPatchBlock] | None = None


class Modification(KumaModel):
    """One modification: exactly one of the resource kinds is set."""

    cluster: ClusterMod | None = None
    listener: ListenerMod | None = None
    network_filter: NetworkFilterMod | None = None
    http_filter: HttpFilterMod | None = None
    virtual_host: VirtualHostMod | None = None


class MeshProxyPatchConf(KumaModel):
    """The modifications, applied in order after Kuma generated the proxy's config."""

    append_modifications: list[Modification] | None = None


class MeshProxyPatchSpec(KumaModel):
    """The MeshProxyPatch spec: which proxies (``targetRef``) and the modifications (``default``)."""

    target_ref: TopLevelTargetRef | None = None
    default: Annotated[MeshProxyPatchConf | None, REQUIRED] = None


# --- Envoy resources in YAML or JSON --------------------------------------------------------------


class _GoJSONError(Exception):
    pass


def _go_quote_char(byte: int) -> str:
    """Go's ``quoteChar`` for the byte a JSON syntax error stopped at."""
    if byte == 0x27:
        return "'\\''"
    if byte == 0x22:
        return "'\"'"
    ch = chr(byte)
    escapes = {
        "\a": "\\a",
        "\b": "\\b",
        "\f": "\\f",
        "\n": "\\n",
        "\r": "\\r",
        "\t": "\\t",
        "\v": "\\v",
        "\\": "\\\\",
    }
    if ch in escapes:
        return f"'{escapes[ch]}'"
    if ch == " " or ch.isprintable():
        return f"'{ch}'"
    return f"'\\x{byte:02x}'" if byte < 0x80 else f"'\\u{byte:04x}'"


class _GoJSONScanner:
    """Finds the first JSON value in ``data`` the way Go's ``json.Decoder.Decode`` reads it.

    Returns the value's end offset or raises with Go's message (``unexpected EOF``,
    ``invalid character 'x' looking for beginning of value``, ...).
    """

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def _peek(self) -> int:
        if self.pos >= len(self.data):
            raise _GoJSONError("unexpected EOF")
        return self.data[self.pos]

    def _fail(self, context: str) -> _GoJSONError:
        return _GoJSONError(f"invalid character {_go_quote_char(self.data[self.pos])} {context}")

    def _skip_space(self) -> None:
        while self.pos < len(self.data) and self.data[self.pos] in b" \t\r\n":
            self.pos += 1

    def first_value_end(self) -> int:
        self._skip_space()
        if self.pos >= len(self.data):
            raise _GoJSONError("EOF")
        scalar = self.data[self.pos] not in b"{["
        self._value()
        if scalar and self.pos < len(self.data) and self.data[self.pos] not in b" \t\r\n":
            raise self._fail("after top-level value")
        return self.pos

    def _value(self) -> None:
        self._skip_space()
        c = self._peek()
        if c == ord("{"):
            self._object()
        elif c == ord("["):
            self._array()
        elif c == ord('"'):
            self._string()
        elif c == ord("-") or ord("0") <= c <= ord("9"):
            self._number()
        elif c in b"tfn":
            self._literal({ord("t"): b"true", ord("f"): b"false", ord("n"): b"null"}[c])
        else:
            raise self._fail("looking for beginning of value")

    def _object(self) -> None:
        self.pos += 1
        self._skip_space()
        if self._peek() == ord("}"):
            self.pos += 1
            return
        while True:
            self._skip_space()
            if self._peek() != ord('"'):
                raise self._fail("looking for beginning of object key string")
            self._string()
            self._skip_space()
            if self._peek() != ord(":"):
                raise self._fail("after object key")
            self.pos += 1
            self._value()
            self._skip_space()
            c = self._peek()
            self.pos += 1
            if c == ord("}"):
                return
            if c != ord(","):
                self.pos -= 1
                raise self._fail("after object key:value pair")

    def _array(self) -> None:
        self.pos += 1
        self._skip_space()
        if self._peek() == ord("]"):
            self.pos += 1
            return
        while True:
            self._value()
            self._skip_space()
            c = self._peek()
            self.pos += 1
            if c == ord("]"):
                return
            if c != ord(","):
                self.pos -= 1
                raise self._fail("after array element")

    def _string(self) -> None:
        self.pos += 1
        while True:
            c = self._peek()
            if c == ord('"'):
                self.pos += 1
                return
            if c == ord("\\"):
                self.pos += 1
                e = self._peek()
                if e == ord("u"):
                    for _ in range(4):
                        self.pos += 1
                        if self._peek() not in b"0123456789abcdefABCDEF":
                            raise self._fail("in \\u hexadecimal character escape")
                elif e not in b'bfnrt\\/"':
                    raise self._fail("in string escape code")
            elif c < 0x20:
                raise self._fail("in string literal")
            self.pos += 1

    def _digits(self) -> None:
        while self.pos < len(self.data) and ord("0") <= self.data[self.pos] <= ord("9"):
            self.pos += 1

    def _number(self) -> None:
        if self._peek() == ord("-"):
            self.pos += 1
            if not ord("0") <= self._peek() <= ord("9"):
                raise self._fail("in numeric literal")
        if self._peek() == ord("0"):
            self.pos += 1
        else:
            self._digits()
        if self.pos < len(self.data) and self.data[self.pos] == ord("."):
            self.pos += 1
            if not ord("0") <= self._peek() <= ord("9"):
                raise self._fail("after decimal point in numeric literal")
            self._digits()
        if self.pos < len(self.data) and self.data[self.pos] in b"eE":
            self.pos += 1
            if self._peek() in b"+-":
                self.pos += 1
            if not ord("0") <= self._peek() <= ord("9"):
                raise self._fail("in exponent of numeric literal")
            self._digits()

    def _literal(self, word: bytes) -> None:
        for i, expected in enumerate(word):
            if i and self._peek() != expected:
                raise self._fail(f"in literal {word.decode()} (expecting {_go_quote_char(expected)})")
            self.pos += 1


if yaml.__with_libyaml__:  # libyaml: several times faster than the pure-Python parser, same YAML 1.1

    class _NoTimestampLoader(yaml.CSafeLoader):
        """YAML 1.1 like Go's decoder: timestamps stay strings."""

else:  # pragma: no cover - PyYAML built without libyaml

    class _NoTimestampLoader(yaml.SafeLoader):  # type: ignore[no-redef]
        """YAML 1.1 like Go's decoder: timestamps stay strings."""


_NoTimestampLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_GO_JSON_TYPES = {str: "string", bool: "bool", int: "number", float: "number", list: "array"}
# Packages whose protos Envoy configs reference in ``@type``; nothing else is ever imported.
_PROTO_ROOTS = ("envoy.", "xds.", "udpa.", "google.protobuf.", "google.rpc.")


def _go_string(text: str) -> str:
    """A string as Go holds it: surrogate pairs joined, lone surrogates replaced by U+FFFD."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _jsonable(value: Any) -> Any:
    """YAML data as Go's YAML-to-JSON conversion leaves it (map keys become strings)."""
    if isinstance(value, dict):
        return {
            _go_string(("true" if k else "false") if isinstance(k, bool) else str(k)): _jsonable(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, bytes):
        return value.decode(errors="replace")
    if isinstance(value, str):
        return _go_string(value)
    return value


def _type_urls(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        type_url = value.get("@type")
        if isinstance(type_url, str):
            yield type_url
        for element in value.values():
            yield from _type_urls(element)
    elif isinstance(value, list):
        for element in value:
            yield from _type_urls(element)


def _load_proto_type(type_url: str) -> bool:
    """Make the message named by an ``@type`` URL known to the default pool; False when unknown."""
    name = type_url.rsplit("/", 1)[-1]
    pool = descriptor_pool.Default()
    try:
        pool.FindMessageTypeByName(name)
        return True
    except KeyError:
        pass
    if not name.startswith(_PROTO_ROOTS):
        return False
    package = name.rsplit(".", 1)[0]
    for candidate in (package, package.rsplit(".", 1)[0]):  # the message may be nested one level
        try:
            spec = importlib.util.find_spec(candidate)
        except (ImportError, ValueError):
            continue
        if spec is None or spec.submodule_search_locations is None:
            continue
        for module in pkgutil.iter_modules(spec.submodule_search_locations):
            if module.name.endswith("_pb2"):
                importlib.import_module(f"{candidate}.{module.name}")
        try:
            pool.FindMessageTypeByName(name)
            return True
        except KeyError:
            continue
    return False


_OPAQUE_TYPES = frozenset(
    {
        "google.protobuf.Struct",
        "google.protobuf.Value",
        "google.protobuf.ListValue",
        "google.protobuf.Duration",
        "google.protobuf.Timestamp",
        "google.protobuf.FieldMask",
        "google.protobuf.Empty",
    }
)


class _DecodeError(Exception):
    pass


def _drop_unknown(data: Any, descriptor: Descriptor) -> Any:
    """``data`` without the fields ``descriptor`` does not know, checking enum names on the way.

    Go's decoder (``AllowUnknownFields``) skips unknown fields but rejects unknown enum names;
    Python's ``ignore_unknown_fields`` accepts both, so unknown fields are removed here first and
    the message is then parsed strictly.
    """
    name = descriptor.full_name
    if not isinstance(data, dict) or name in _OPAQUE_TYPES:
        return data
    if name == "google.protobuf.Any":
        if "@type" not in data:
            raise _DecodeError("Any JSON doesn't have '@type'")
        type_url = data["@type"]
        if not isinstance(type_url, str):
            raise _DecodeError(f"can't unmarshal Any's '@type': {json.dumps(json.dumps(type_url))}")
        inner = descriptor_pool.Default().FindMessageTypeByName(type_url.rsplit("/", 1)[-1])
        try:
            if inner.full_name.startswith("google.protobuf."):
                return {**data, "value": _drop_unknown(data.get("value"), inner)} if "value" in data else data
            rest = _drop_unknown({k: v for k, v in data.items() if k != "@type"}, inner)
        except _DecodeError as exc:
            raise _DecodeError(f"can't unmarshal Any nested proto {type_url}: {exc}") from exc
        return {"@type": type_url, **rest}
    fields = {f.json_name: f for f in descriptor.fields} | {f.name: f for f in descriptor.fields}
    out: dict[str, Any] = {}
    for key, value in data.items():
        field = fields.get(key)
        if field is None:
            continue
        out[key] = _known_value(value, field)
    return out


def _known_value(value: Any, field: FieldDescriptor) -> Any:
    if value is None:
        return value
    if field.message_type is not None and field.message_type.GetOptions().map_entry:
        value_field = field.message_type.fields_by_name["value"]
        if isinstance(value, dict):
            return {k: _known_value(v, value_field) for k, v in value.items()}
        return value
    if field.is_repeated and isinstance(value, list):
        return [_single_value(v, field) for v in value]
    return _single_value(value, field)


def _single_value(value: Any, field: FieldDescriptor) -> Any:
    if field.enum_type is not None and isinstance(value, str) and value not in field.enum_type.values_by_name:
        raise _DecodeError(
            f"unknown value {json.dumps(json.dumps(value))} for enum {field.enum_type.full_name}"
        )
    if field.message_type is not None:
        return _drop_unknown(value, field.message_type)
    return value


def parse_envoy_resource(text: str, message: Message, *, check_rules: bool = True) -> str | None:
    """Decode a YAML or JSON Envoy resource into ``message`` as Kuma does; return why not, or None.

    Like Kuma: YAML is turned into JSON (text that is not YAML is read as JSON, and Go's JSON
    decoder messages are reproduced), unknown fields are ignored, ``null`` decodes to an empty
    message, every ``@type`` must name a known Envoy proto, and (``check_rules``) the result must
    satisfy the protos' validation rules. Patches are partial resources and skip the rules.
    """
    text = _go_string(text)
    try:
        documents = yaml.load_all(text, Loader=_NoTimestampLoader)
        data = _jsonable(next(iter(documents), None))
    except yaml.YAMLError:
        raw = text.encode()
        try:
            end = _GoJSONScanner(raw).first_value_end()
        except _GoJSONError as exc:
            return str(exc)
        data = _jsonable(json.loads(raw[:end]))
    except RecursionError:
        return "exceeded max depth"
    if data is None:  # Kuma's decoder leaves the message empty; the rules still apply
        return validate_message(message) if check_rules else None
    if not isinstance(data, dict):
        kind = _GO_JSON_TYPES.get(type(data), "value")
        return f"json: cannot unmarshal {kind} into Go value of type map[string]json.RawMessage"
    for type_url in _type_urls(data):
        if not _load_proto_type(type_url):
            return f"could not resolve Any message type: {type_url}"
    try:
        known = _drop_unknown(data, cast(Descriptor, message.DESCRIPTOR))
        json_format.ParseDict(known, message)
    except _DecodeError as exc:
        return str(exc)
    except (json_format.ParseError, TypeError, ValueError, KeyError, AttributeError) as exc:
        return str(exc)
    except RecursionError:
        return "exceeded max depth"
    return validate_message(message) if check_rules else None


def _envoy_message(kind: str) -> Message:
    """A fresh proto message for a modification kind (imported lazily: the protos are large)."""
    message: Message
    if kind == "cluster":
        from envoy.config.cluster.v3.cluster_pb2 import Cluster

        message = Cluster()
    elif kind == "listener":
        from envoy.config.listener.v3.listener_pb2 import Listener

        message = Listener()
    elif kind == "networkFilter":
        from envoy.config.listener.v3.listener_components_pb2 import Filter

        message = Filter()
    elif kind == "httpFilter":
        from envoy.extensions.filters.network.http_connection_manager.v3.http_connection_manager_pb2 import (
            HttpFilter,
        )

        message = HttpFilter()
    else:
        from envoy.config.route.v3.route_components_pb2 import VirtualHost

        message = VirtualHost()
    return message


@lru_cache(maxsize=256)
def envoy_resource_error(kind: str, text: str, *, check_rules: bool = True) -> str | None:
    """Why ``text`` is not a valid Envoy resource of modification ``kind`` (see
    :func:`parse_envoy_resource`), or None.

    Decoding and checking a resource takes a YAML parse, a proto decode and a walk of the proto's
    rules, and the answer depends on nothing but the arguments: recent answers are kept.
    """
    return parse_envoy_resource(text, _envoy_message(kind), check_rules=check_rules)


# --- Validation -----------------------------------------------------------------------------------


def validate_json_patch_block(v: Violations, path: FieldPath, blocks: list[JsonPatchBlock]) -> None:
    """Kuma's JSON patch block validator: non-empty; op, from, value and path rules per block."""
    if not blocks:
        v.add(path, "must not be empty")
    for i, block in enumerate(blocks):
        item = path.index(i)
        if block.op not in JSON_PATCH_OPS:
            v.add(item.field("op"), '"op" must be one of ["add", "remove", "replace", "move", "copy"]')
        if block.op in ("move", "copy"):
            if block.from_ is None:
                v.add(item.field("from"), '"from" must not be empty when "op" is one of ["move", "copy"]')
        elif block.from_ is not None:
            v.add(item.field("from"), '"from" is allowed only when "op" is one of ["move", "copy"]')
        if block.op in ("add", "replace"):
            if block.value is None:
                v.add(item.field("value"), '"value" must not be empty when "op" is one of ["add", "replace"]')
        elif block.value is not None:
            v.add(item.field("value"), '"value" is allowed only when "op" is one of ["add", "replace"]')
        if block.path is None:
            v.add(item.field("path"), "must be defined")
        elif block.path in ("", "/") and block.op == "remove":
            v.add(item.field("path"), "root path cannot be removed")


def _validate_value(v: Violations, path: FieldPath, value: str | None, kind: str) -> None:
    if value is None:
        v.add(path, "must be defined")
        return
    error = envoy_resource_error(kind, value)
    if error is not None:
        v.add(path, f"native Envoy resource is not valid: {error}")


def _validate_patch(
    v: Violations, path: FieldPath, kind: str, value: str | None, patches: list[JsonPatchBlock] | None
) -> None:
    if value is not None:
        if patches:
            v.add(path, f"{kind} must have only one type defined: value, jsonPatches")
            return
        # A patch value is a partial resource: it must decode, but need not be complete.
        error = envoy_resource_error(kind, value, check_rules=False)
        if error is not None:
            v.add(path.field("value"), f"native Envoy resource is not valid: {error}")
    elif patches:
        validate_json_patch_block(v, path.field("jsonPatches"), patches)
    else:
        v.add(path, f"{kind} must have exactly one defined: value, jsonPatches")


def _operations_message(operations: tuple[str, ...]) -> str:
    return "invalid operation. Available operations: " + ", ".join(f'"{op}"' for op in operations)


def _validate_resource_mod(
    v: Violations, path: FieldPath, kind: str, mod: ClusterMod | ListenerMod | VirtualHostMod
) -> None:
    mpath = path.field(kind)
    if mod.operation == "Add":
        if isinstance(mod, VirtualHostMod):
            if mod.match is not None and mod.match.name is not None:
                v.add(mpath.field("match").field("name"), "must not be defined")
        elif mod.match is not None:
            v.add(mpath.field("match"), "must not be defined")
        _validate_value(v, mpath.field("value"), mod.value, kind)
    elif mod.operation == "Patch":
        _validate_patch(v, mpath, kind, mod.value, mod.json_patches)
    elif mod.operation == "Remove":
        if mod.value is not None:
            v.add(mpath.field("value"), "must not be defined")
    else:
        v.add(mpath.field("operation"), _operations_message(("Add", "Patch", "Remove")))


def _validate_filter_mod(
    v: Violations, path: FieldPath, kind: str, mod: NetworkFilterMod | HttpFilterMod
) -> None:
    mpath = path.field(kind)
    named = mod.match is not None and mod.match.name is not None
    if mod.operation in ("AddFirst", "AddLast"):
        _validate_value(v, mpath.field("value"), mod.value, kind)
    elif mod.operation in ("AddBefore", "AddAfter"):
        if not named:
            where = "before" if mod.operation == "AddBefore" else "after"
            v.add(
                mpath.field("match").field("name"),
                f"must be defined. You need to pick a filter {where} which this one will be added",
            )
        _validate_value(v, mpath.field("value"), mod.value, kind)
    elif mod.operation == "Patch":
        if not named:
            v.add(mpath.field("match").field("name"), "must be defined")
        _validate_patch(v, mpath, kind, mod.value, mod.json_patches)
    elif mod.operation == "Remove":
        if mod.value is not None:
            v.add(mpath.field("value"), "must not be defined")
    else:
        v.add(
            mpath.field("operation"),
            _operations_message(("AddFirst", "AddLast", "AddBefore", "AddAfter", "Patch", "Remove")),
        )


def validate(spec: MeshProxyPatchSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshProxyPatch validator, including decoding every ``value`` as an Envoy resource."""
    v = Violations()
    validate_top_level(v, spec.target_ref, allowed=TOP_LEVEL_KINDS, inbound_policy=False)
    path = SPEC.field("default").field("appendModifications")
    modifications = (spec.default.append_modifications if spec.default else None) or []
    if not modifications:
        v.add(path, "must not be empty")
    for i, mod in enumerate(modifications):
        item = path.index(i)
        present = [
            m
            for m in (mod.cluster, mod.listener, mod.virtual_host, mod.network_filter, mod.http_filter)
            if m is not None
        ]
        if len(present) != 1:
            v.add(
                item,
                f"exactly one modification can be defined at a time. Currently, {len(present)} modifications are defined",
            )
        elif mod.cluster is not None:
            _validate_resource_mod(v, item, "cluster", mod.cluster)
        elif mod.listener is not None:
            _validate_resource_mod(v, item, "listener", mod.listener)
        elif mod.virtual_host is not None:
            _validate_resource_mod(v, item, "virtualHost", mod.virtual_host)
        elif mod.network_filter is not None:
            _validate_filter_mod(v, item, "networkFilter", mod.network_filter)
        elif mod.http_filter is not None:
            _validate_filter_mod(v, item, "httpFilter", mod.http_filter)
    return v.items


EXAMPLE: dict[str, Any] = {
    "targetRef": {"kind": "Dataplane", "labels": {"app": "backend"}},
    "default": {
        "appendModifications": [
            {
                "cluster": {
                    "operation": "Patch",
                    "match": {"origin": "outbound"},
                    "jsonPatches": [{"op": "replace", "path": "/connectTimeout", "value": "2s"}],
                }
            },
            {
                "httpFilter": {
                    "operation": "AddBefore",
                    "match": {"name": "envoy.filters.http.router", "origin": "inbound"},
                    "value": (
                        "name: envoy.filters.http.buffer\n"
                        "typedConfig:\n"
                        "  '@type': type.googleapis.com/envoy.extensions.filters.http.buffer.v3.Buffer\n"
                        "  maxRequestBytes: 1048576\n"
                    ),
                }
            },
        ]
    },
}

KIND = KindDescriptor(
    name="MeshProxyPatch",
    plural="meshproxypatches",
    short_name="mpp",
    scope=Scope.MESH,
    spec_model=MeshProxyPatchSpec,
    validate=validate,
    description=(
        "Adds, removes or patches Envoy clusters, listeners, network and HTTP filters and virtual hosts "
        "in the config Kuma generates, for what no other policy covers."
    ),
    policy=PolicyTraits(
        sections=frozenset({Section.TARGET_REF, Section.DEFAULT}),
        order=9999,
        append_fields=(("appendModifications",),),
    ),
    example=EXAMPLE,
)
