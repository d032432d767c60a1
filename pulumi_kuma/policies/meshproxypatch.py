"""MeshProxyPatch: raw modifications of the Envoy config Kuma generates (clusters, listeners, filters)."""

from __future__ import annotations

import importlib
import importlib.util
import json
import pkgutil
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Annotated, Any, cast

import yaml
from google.protobuf import descriptor_pool, json_format
from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message
from pydantic import Field

from pulumi_kuma.envoy import (
    CLUSTER,
    LISTENER,
    ProxyContext,
    ProxyResources,
    ResourceEntry,
    filter_chains,
    http_connection_managers,
    network_filters,
    virtual_hosts,
)
from pulumi_kuma.envoy.hooks import ENVOY_CONFIGURER
from pulumi_kuma.envoy.types import TAGS_METADATA
from pulumi_kuma.model.base import REQUIRED, JsonValue, KumaModel, OneOf
from pulumi_kuma.model.common import TOP_LEVEL_KINDS, TopLevelTargetRef
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.jsonpatch import JsonPatchError, apply_patch
from pulumi_kuma.model.path import SPEC, FieldPath
from pulumi_kuma.model.pgv import validate_message
from pulumi_kuma.model.policy import validate_top_level
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext
from pulumi_kuma.model.rules import KindRules
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


# --- Envoy translation ------------------------------------------------------------------------------
#
# Kuma's MeshProxyPatch plugin (``pkg/plugins/policies/meshproxypatch/plugin``), applied last (order
# 9999): the merged ``appendModifications`` in order, each on the resources it matches (by name, the
# generator's origin, listener tags, route configuration name). ``value`` is an Envoy resource in YAML
# or JSON: added as it is, or merged into the matched resource the way Kuma merges protos (fields
# set in the value win, lists append, maps and durations are replaced); ``jsonPatches`` are RFC 6902
# operations on the resource's proto3 JSON (for filters: on their typed config). Resources go through
# the Envoy protos on the way, so a patch that makes no sense for the proto fails here, as in Kuma,
# and the proxy keeps its previous config; one that Envoy rejects is NACKed and reported.

CLUSTER_ADD_ORIGIN = "proxy-template-modifications"
LISTENER_ADD_ORIGIN = "mesh-proxy-patch"
_SYSTEM_LISTENER_NAMES = (
    ("outbound:passthrough:ipv4", "self_transparentproxy_passthrough_outbound_ipv4"),
    ("outbound:passthrough:ipv6", "self_transparentproxy_passthrough_outbound_ipv6"),
    ("inbound:passthrough:ipv4", "self_transparentproxy_passthrough_inbound_ipv4"),
    ("inbound:passthrough:ipv6", "self_transparentproxy_passthrough_inbound_ipv6"),
)
"""Legacy and unified names of the transparent proxy listeners: a match on either finds both."""


class ProxyPatchError(ValueError):
    """A modification that cannot be applied to the generated config (the proxy keeps its old one)."""


def _message_class(full_name: str) -> type[Message]:
    from google.protobuf import message_factory

    if not _load_proto_type(full_name):
        raise ProxyPatchError(f"unknown Envoy type {full_name}")
    descriptor = descriptor_pool.Default().FindMessageTypeByName(full_name)
    return message_factory.GetMessageClass(descriptor)


def _to_message(body: Mapping[str, Any], message: Message) -> Message:
    """A proto3-JSON dict as ``message`` (every ``@type`` it holds made known first)."""
    for type_url in _type_urls(body):
        if not _load_proto_type(type_url):
            raise ProxyPatchError(f"could not resolve Any message type: {type_url}")
    try:
        json_format.ParseDict(dict(body), message, ignore_unknown_fields=True)
    except (json_format.ParseError, TypeError, ValueError) as exc:
        raise ProxyPatchError(f"{message.DESCRIPTOR.full_name}: {exc}") from exc
    return message


def _plain(value: Any) -> Any:
    """JSON with plain dicts (``MessageToDict`` returns ordered dicts for ``Any`` values, whose
    equality would depend on key order)."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _to_dict(message: Message) -> dict[str, Any]:
    out: dict[str, Any] = _plain(json_format.MessageToDict(message))
    return out


def _parse_value(text: str, kind: str) -> Message:
    message = _envoy_message(kind)
    error = parse_envoy_resource(text, message, check_rules=False)
    if error is not None:
        raise ProxyPatchError(f"{kind} value: {error}")
    return message


def _merge(target: Message, patch: Message) -> None:
    """Kuma's ``util_proto.Merge``: Go's ``proto.Merge`` with durations replaced, not merged."""
    for field, value in patch.ListFields():
        if field.message_type is not None and field.message_type.GetOptions().map_entry:
            entries = getattr(target, field.name)
            value_field = field.message_type.fields_by_name["value"]
            for key, item in value.items():
                if value_field.message_type is not None:
                    entries[key].CopyFrom(item)
                else:
                    entries[key] = item
        elif field.is_repeated:
            getattr(target, field.name).extend(value)
        elif field.message_type is not None:
            child = getattr(target, field.name)
            child.SetInParent()
            if field.message_type.full_name == "google.protobuf.Duration":
                child.CopyFrom(value)
            else:
                _merge(child, value)
        else:
            setattr(target, field.name, value)


def _merged(body: Mapping[str, Any], patch: Message, kind: str) -> dict[str, Any]:
    target = _to_message(body, _envoy_message(kind))
    _merge(target, patch)
    return _to_dict(target)


def _json_patched(
    body: Mapping[str, Any], operations: Sequence[Mapping[str, Any]], kind: str
) -> dict[str, Any]:
    """Kuma's ``MergeJsonPatch``: RFC 6902 on the proto3 JSON, read back through the proto."""
    document = _to_dict(_to_message(body, _envoy_message(kind)))
    try:
        patched = apply_patch(document, operations)
    except JsonPatchError as exc:
        raise ProxyPatchError(f"{kind} jsonPatches: {exc}") from exc
    if not isinstance(patched, Mapping):
        raise ProxyPatchError(f"{kind} jsonPatches: the patched resource is not an object")
    return _to_dict(_to_message(patched, _envoy_message(kind)))


def _typed_config_message(config: Mapping[str, Any]) -> Message:
    type_url = str(config.get("@type") or "")
    if not type_url:
        raise ProxyPatchError("the filter has no typed config to patch")
    message = _message_class(type_url.rsplit("/", 1)[-1])()
    return _to_message({k: v for k, v in config.items() if k != "@type"}, message)


def _patched_typed_config(
    config: Mapping[str, Any] | None, patch_filter: Message | None, operations: Sequence[Mapping[str, Any]]
) -> dict[str, Any] | None:
    """A filter's typed config patched (Kuma's ``MergeAnys`` / ``MergeJsonPatchAny``)."""
    if operations:
        if not isinstance(config, Mapping):
            raise ProxyPatchError("the filter has no typed config to patch")
        type_url = str(config.get("@type"))
        message = _typed_config_message(config)
        try:
            patched = apply_patch(_to_dict(message), operations)
        except JsonPatchError as exc:
            raise ProxyPatchError(f"filter jsonPatches: {exc}") from exc
        result = _to_message(patched, type(message)())
        return {"@type": type_url, **_to_dict(result)}
    patch_any = _to_dict(patch_filter).get("typedConfig") if patch_filter is not None else None
    if not isinstance(patch_any, Mapping):
        return dict(config) if isinstance(config, Mapping) else None
    if not isinstance(config, Mapping):
        return dict(patch_any)
    if config.get("@type") != patch_any.get("@type"):
        raise ProxyPatchError(
            f"type URL of dst {config.get('@type')!r} is different than src {patch_any.get('@type')!r}"
        )
    target = _typed_config_message(config)
    _merge(target, _typed_config_message(patch_any))
    return {"@type": config["@type"], **_to_dict(target)}


def _tags_match(selector: Any, listener: Mapping[str, Any]) -> bool:
    """Kuma's ``TagSelector.Matches`` on a listener's ``io.kuma.tags`` metadata (``*`` matches any value)."""
    if not isinstance(selector, Mapping) or not selector:
        return True
    metadata = listener.get("metadata") if isinstance(listener.get("metadata"), Mapping) else {}
    filter_metadata = metadata.get("filterMetadata") if isinstance(metadata, Mapping) else None
    tags = filter_metadata.get(TAGS_METADATA) if isinstance(filter_metadata, Mapping) else None
    tags = tags if isinstance(tags, Mapping) else {}
    return all(key in tags and (value == tags[key] or value == "*") for key, value in selector.items())


def _listener_name_matches(wanted: str, actual: str) -> bool:
    return wanted == actual or any({wanted, actual} == set(pair) for pair in _SYSTEM_LISTENER_NAMES)


def _listener_matches(match: Any, entry: ResourceEntry, name_key: str, tags_key: str) -> bool:
    if not isinstance(match, Mapping):
        return True
    name = match.get(name_key)
    if name is not None and not _listener_name_matches(str(name), entry.name):
        return False
    origin = match.get("origin")
    if origin is not None and origin != entry.origin:
        return False
    return _tags_match(match.get(tags_key), entry.view)


def _patches(mod: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    blocks = mod.get("jsonPatches")
    return [b for b in blocks if isinstance(b, Mapping)] if isinstance(blocks, list) else []


def _apply_resource_mod(resources: ProxyResources, mod: Mapping[str, Any], type_url: str, kind: str) -> None:
    """Add, remove or patch clusters or listeners."""
    operation = mod.get("operation")
    value = mod.get("value")
    parsed = _parse_value(str(value), kind) if isinstance(value, str) else None
    match = mod.get("match")
    if operation == "Add":
        if parsed is None:
            raise ProxyPatchError(f"{kind} Add needs a value")
        body = _to_dict(parsed)
        if not body.get("name"):
            raise ProxyPatchError(f"the added {kind} has no name")
        origin = CLUSTER_ADD_ORIGIN if kind == "cluster" else LISTENER_ADD_ORIGIN
        resources.add_resource(type_url, body, origin=origin)
        return
    matched = [
        e
        for e in resources.entries(type_url)
        if (_listener_matches(match, e, "name", "tags") if kind == "listener" else _cluster_matches(match, e))
    ]
    for entry in matched:
        if operation == "Remove":
            resources.remove(type_url, entry.name)
        elif operation == "Patch":
            operations = _patches(mod)
            if operations:
                patched = _json_patched(entry.view, operations, kind)
            elif parsed is not None:
                patched = _merged(entry.view, parsed, kind)
            else:
                continue
            body = entry.resource
            body.clear()
            body.update(patched)
        else:
            raise ProxyPatchError(f"invalid operation: {operation}")


def _cluster_matches(match: Any, entry: ResourceEntry) -> bool:
    if not isinstance(match, Mapping):
        return True
    if match.get("name") is not None and match["name"] != entry.name:
        return False
    return match.get("origin") is None or match["origin"] == entry.origin


def _filter_index(filters: list[dict[str, Any]], name: Any) -> int:
    return next((i for i, f in enumerate(filters) if name is not None and f.get("name") == name), -1)


def _apply_filter_list(
    filters: list[dict[str, Any]], mod: Mapping[str, Any], parsed: Message | None
) -> list[dict[str, Any]]:
    """One network or HTTP filter modification on a list of filters."""
    operation = mod.get("operation")
    match = mod.get("match") if isinstance(mod.get("match"), Mapping) else None
    wanted = match.get("name") if match is not None else None
    value = _to_dict(parsed) if parsed is not None else {}
    if operation == "AddFirst":
        return [value, *filters]
    if operation == "AddLast":
        return [*filters, value]
    if operation in ("AddBefore", "AddAfter"):
        index = _filter_index(filters, wanted)
        if index < 0:
            return filters
        position = index if operation == "AddBefore" else index + 1
        return [*filters[:position], value, *filters[position:]]
    if operation == "Remove":
        return [f for f in filters if wanted is not None and f.get("name") != wanted]
    if operation == "Patch":
        operations = _patches(mod)
        for item in filters:
            if wanted is not None and item.get("name") != wanted:
                continue
            config = item.get("typedConfig")
            patched = _patched_typed_config(
                config if isinstance(config, Mapping) else None, parsed, operations
            )
            if patched is not None:
                item["typedConfig"] = patched
        return filters
    raise ProxyPatchError(f"invalid operation: {operation}")


def _apply_network_filter_mod(resources: ProxyResources, mod: Mapping[str, Any]) -> None:
    value = mod.get("value")
    parsed = _parse_value(str(value), "networkFilter") if isinstance(value, str) else None
    for entry in resources.listeners():
        if not _listener_matches(mod.get("match"), entry, "listenerName", "listenerTags"):
            continue
        for chain in filter_chains(entry.resource):
            chain["filters"] = _apply_filter_list(network_filters(chain), mod, parsed)


def _apply_http_filter_mod(resources: ProxyResources, mod: Mapping[str, Any]) -> None:
    value = mod.get("value")
    parsed = _parse_value(str(value), "httpFilter") if isinstance(value, str) else None
    for entry in resources.listeners():
        if not _listener_matches(mod.get("match"), entry, "listenerName", "listenerTags"):
            continue
        for hcm in http_connection_managers(entry.resource):
            filters = hcm.get("httpFilters")
            result = _apply_filter_list(filters if isinstance(filters, list) else [], mod, parsed)
            if result:
                hcm["httpFilters"] = result
            else:
                hcm.pop("httpFilters", None)


def _apply_virtual_host_mod(resources: ProxyResources, mod: Mapping[str, Any]) -> None:
    operation = mod.get("operation")
    value = mod.get("value")
    parsed = _parse_value(str(value), "virtualHost") if isinstance(value, str) else None
    found = mod.get("match")
    match: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
    for entry in resources.listeners():
        if match.get("origin") is not None and match["origin"] != entry.origin:
            continue
        for hcm in http_connection_managers(entry.resource):
            route_config = hcm.get("routeConfig")
            if not isinstance(route_config, dict):
                continue
            wanted_config = match.get("routeConfigurationName")
            if wanted_config is not None and wanted_config != route_config.get("name", ""):
                continue
            hosts = virtual_hosts(hcm)
            wanted = match.get("name")
            if operation == "Add":
                if parsed is None:
                    raise ProxyPatchError("virtualHost Add needs a value")
                route_config["virtualHosts"] = [*hosts, _to_dict(parsed)]
            elif operation == "Remove":
                route_config["virtualHosts"] = [
                    h for h in hosts if wanted is not None and h.get("name") != wanted
                ]
            elif operation == "Patch":
                patched_hosts = []
                for host in hosts:
                    if wanted is None or host.get("name") == wanted:
                        operations = _patches(mod)
                        if operations:
                            host = _json_patched(host, operations, "virtualHost")
                        elif parsed is not None:
                            host = _merged(host, parsed, "virtualHost")
                    patched_hosts.append(host)
                route_config["virtualHosts"] = patched_hosts
            else:
                raise ProxyPatchError(f"invalid operation: {operation}")


def apply_modifications(resources: ProxyResources, modifications: Sequence[Any]) -> None:
    """Apply ``appendModifications`` in order; raises :class:`ProxyPatchError` naming the failing one."""
    for index, modification in enumerate(modifications):
        if not isinstance(modification, Mapping):
            continue
        try:
            if isinstance(modification.get("cluster"), Mapping):
                _apply_resource_mod(resources, modification["cluster"], CLUSTER, "cluster")
            elif isinstance(modification.get("listener"), Mapping):
                _apply_resource_mod(resources, modification["listener"], LISTENER, "listener")
            elif isinstance(modification.get("networkFilter"), Mapping):
                _apply_network_filter_mod(resources, modification["networkFilter"])
            elif isinstance(modification.get("httpFilter"), Mapping):
                _apply_http_filter_mod(resources, modification["httpFilter"])
            elif isinstance(modification.get("virtualHost"), Mapping):
                _apply_virtual_host_mod(resources, modification["virtualHost"])
            else:
                raise ProxyPatchError("invalid modification")
        except ProxyPatchError as exc:
            raise ProxyPatchError(f"could not apply modification {index}: {exc}") from exc


def configure_envoy(ctx: ProxyContext, rules: KindRules, resources: ProxyResources) -> None:
    """MeshProxyPatch's Envoy translation (registered on :data:`KIND`)."""
    if rules.proxy is None or not isinstance(rules.proxy.conf, Mapping):
        return
    modifications = rules.proxy.conf.get("appendModifications")
    if isinstance(modifications, list):
        apply_modifications(resources, modifications)


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
    extras={ENVOY_CONFIGURER: configure_envoy},
)
