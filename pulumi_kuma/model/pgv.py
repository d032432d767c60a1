"""The ``validate.rules`` annotations of Envoy's protos, checked as Go's generated ``Validate()`` does.

Envoy's protos carry protoc-gen-validate (PGV) rules: a cluster needs a name, a port is at most
65535, a timeout must be positive. Kuma runs the Go code PGV generates (``msg.Validate()``) on the
Envoy resources a MeshProxyPatch adds. Python has no generated validators, so this module reads the
rules from the descriptors and applies them the same way: fields in declaration order, then oneofs,
the first violation wins, embedded messages are validated recursively (``Any`` payloads are not),
and the message reads like Go's (``invalid Cluster.Name: value length must be at least 1 runes``).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from typing import Any, cast

from google.protobuf.descriptor import Descriptor, FieldDescriptor, OneofDescriptor
from google.protobuf.message import Message
from validate import validate_pb2

from pulumi_kuma.model.addresses import URLError, go_ip, parse_url
from pulumi_kuma.model.duration import format_duration

_HEADER_NAME = "^:?[0-9a-zA-Z!#$%&'*+-.^_|~\x60]+$"
_HEADER_VALUE = "^[^\u0000-\u0008\u000a-\u001f\u007f]*$"
_HEADER_STRING = "^[^\u0000\u000a\u000d]*$"
_WRAPPERS = frozenset(
    f"google.protobuf.{name}Value"
    for name in ("Double", "Float", "Int64", "UInt64", "Int32", "UInt32", "Bool", "String", "Bytes")
)
_NUMBER_RULES = frozenset(
    {
        "float",
        "double",
        "int32",
        "int64",
        "uint32",
        "uint64",
        "sint32",
        "sint64",
        "fixed32",
        "fixed64",
        "sfixed32",
        "sfixed64",
    }
)
_PATTERNS: dict[str, re.Pattern[str]] = {}


class _Invalid(Exception):
    """One PGV violation: the field (Go name, maybe indexed), the reason and a nested cause."""

    def __init__(self, field: str, reason: str, cause: str | None = None, key: bool = False) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason
        self.cause = cause
        self.key = key


def go_name(proto_name: str) -> str:
    """protoc-gen-go's ``GoCamelCase`` of a field or oneof name (``connect_timeout`` -> ``ConnectTimeout``)."""
    out: list[str] = []
    i = 0
    while i < len(proto_name):
        ch = proto_name[i]
        nxt = proto_name[i + 1 : i + 2]
        if ch == "." and nxt.islower():
            pass
        elif ch == ".":
            out.append("_")
        elif ch == "_" and (i == 0 or proto_name[i - 1] == "."):
            out.append("X")
        elif ch == "_" and nxt.isascii() and nxt.islower():
            pass
        elif ch.isdigit():
            out.append(ch)
        else:
            out.append(ch.upper() if ch.isascii() and ch.islower() else ch)
            while i + 1 < len(proto_name) and proto_name[i + 1].isascii() and proto_name[i + 1].islower():
                i += 1
                out.append(proto_name[i])
        i += 1
    return "".join(out)


def _go_type_name(descriptor: Descriptor) -> str:
    package = descriptor.file.package
    local = descriptor.full_name[len(package) + 1 :] if package else descriptor.full_name
    return local.replace(".", "_")


def _go_value(value: Any) -> str:
    """A rule's value printed like Go's ``%v``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e21 else repr(value)
    if isinstance(value, (list, tuple)) or type(value).__name__.startswith("Repeated"):
        return "[" + " ".join(_go_value(v) for v in value) + "]"
    return str(value)


def _go_quote(text: str) -> str:
    """Go's ``strconv.Quote`` for printable text and the usual escapes."""
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch in "\a\b\f\n\r\t\v":
            out.append(
                {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}[
                    ch
                ]
            )
        elif ch == " " or ch.isprintable():
            out.append(ch)
        elif ord(ch) < 0x80:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}")
    out.append('"')
    return "".join(out)


def _duration_ns(duration: Any) -> int:
    return int(duration.seconds) * 1_000_000_000 + int(duration.nanos)


def _range_reason(
    rules: Any, value: Any, show: Callable[[Any], str], read: Callable[[Any], Any]
) -> str | None:
    """PGV's lt/lte/gt/gte templates (inside and outside ranges) with their exact wording."""
    has = rules.HasField
    lt = read(rules.lt) if has("lt") else None
    lte = read(rules.lte) if has("lte") else None
    gt = read(rules.gt) if has("gt") else None
    gte = read(rules.gte) if has("gte") else None
    upper, upper_closed = (lt, False) if lt is not None else (lte, True)
    lower, lower_closed = (gt, False) if gt is not None else (gte, True)
    if upper is not None and lower is not None:
        left = "[" if lower_closed else "("
        right = "]" if upper_closed else ")"
        below = value < lower if lower_closed else value <= lower
        above = value > upper if upper_closed else value >= upper
        if upper > lower:
            if below or above:
                return f"value must be inside range {left}{show(lower)}, {show(upper)}{right}"
        elif below and above:
            # An "outside" range: Go prints the bounds the other way round.
            left_out = "(" if upper_closed else "["
            right_out = ")" if lower_closed else "]"
            return f"value must be outside range {left_out}{show(upper)}, {show(lower)}{right_out}"
        return None
    if upper is not None:
        if (value > upper) if upper_closed else (value >= upper):
            return f"value must be less than {'or equal to ' if upper_closed else ''}{show(upper)}"
    elif lower is not None and ((value < lower) if lower_closed else (value <= lower)):
        return f"value must be greater than {'or equal to ' if lower_closed else ''}{show(lower)}"
    return None


def _check_in(rules: Any, value: Any, show: Callable[[Any], str] = _go_value) -> str | None:
    allowed = list(getattr(rules, "in", ()))
    forbidden = list(getattr(rules, "not_in", ()))
    if allowed:
        if value not in allowed:
            return f"value must be in list {show(allowed)}"
    elif forbidden and value in forbidden:
        return f"value must not be in list {show(forbidden)}"
    return None


def _pattern(text: str) -> re.Pattern[str]:
    compiled = _PATTERNS.get(text)
    if compiled is None:
        # RE2's ``$`` (no multi-line flag) matches only at the very end; Python's also before a final newline.
        translated = re.sub(r"(?<!\\)\$$", r"\\Z", text.replace("\\z", "\\Z"))
        compiled = _PATTERNS[text] = re.compile(translated)
    return compiled


def _hostname_error(host: str) -> str | None:
    text = host.removesuffix(".").lower()
    if len(host) > 253:
        return "hostname cannot exceed 253 characters"
    for part in text.split("."):
        if not 0 < len(part) <= 63:
            return "hostname part must be non-empty and cannot exceed 63 characters"
        if part[0] == "-":
            return "hostname parts cannot begin with hyphens"
        if part[-1] == "-":
            return "hostname parts cannot end with hyphens"
        for ch in part:
            if not ("a" <= ch <= "z" or "0" <= ch <= "9" or ch == "-"):
                return (
                    f"hostname parts can only contain alphanumeric characters or hyphens, got {_go_quote(ch)}"
                )
    return None


def _string_reason(rules: Any, value: str) -> tuple[str, str | None] | None:
    has = rules.HasField
    if rules.ignore_empty and value == "":
        return None
    if has("const") and value != rules.const:
        return f"value must equal {rules.const}", None
    reason = _check_in(rules, value)
    if reason:
        return reason, None
    runes = len(value)
    if has("len") or (has("min_len") and has("max_len") and rules.min_len == rules.max_len):
        want = rules.len if has("len") else rules.min_len
        if runes != want:
            return f"value length must be {want} runes", None
    elif has("min_len") and has("max_len"):
        if not rules.min_len <= runes <= rules.max_len:
            return f"value length must be between {rules.min_len} and {rules.max_len} runes, inclusive", None
    elif has("min_len") and runes < rules.min_len:
        return f"value length must be at least {rules.min_len} runes", None
    elif has("max_len") and runes > rules.max_len:
        return f"value length must be at most {rules.max_len} runes", None
    size = len(value.encode())
    if has("len_bytes") and size != rules.len_bytes:
        return f"value length must be {rules.len_bytes} bytes", None
    if has("min_bytes") and size < rules.min_bytes:
        return f"value length must be at least {rules.min_bytes} bytes", None
    if has("max_bytes") and size > rules.max_bytes:
        return f"value length must be at most {rules.max_bytes} bytes", None
    for field, test, wording in (
        ("prefix", value.startswith, "value does not have prefix"),
        ("suffix", value.endswith, "value does not have suffix"),
        ("contains", value.__contains__, "value does not contain substring"),
    ):
        if has(field) and getattr(rules, field) and not test(getattr(rules, field)):
            return f"{wording} {_go_quote(getattr(rules, field))}", None
    if has("not_contains") and rules.not_contains and rules.not_contains in value:
        return f"value contains substring {_go_quote(rules.not_contains)}", None
    well_known = rules.WhichOneof("well_known")
    ip = go_ip(value)
    if well_known == "ip" and rules.ip and ip is None:
        return "value must be a valid IP address", None
    if well_known == "ipv4" and rules.ipv4 and not isinstance(ip, ipaddress.IPv4Address):
        return "value must be a valid IPv4 address", None
    if well_known == "ipv6" and rules.ipv6 and not isinstance(ip, ipaddress.IPv6Address):
        return "value must be a valid IPv6 address", None
    if well_known == "hostname" and rules.hostname:
        cause = _hostname_error(value)
        if cause:
            return "value must be a valid hostname", cause
    if well_known == "address" and rules.address and _hostname_error(value) and ip is None:
        return "value must be a valid hostname, or ip address", None
    if well_known in ("uri", "uri_ref") and getattr(rules, well_known):
        try:
            parsed = parse_url(value)
        except URLError as exc:
            return "value must be a valid URI", str(exc)
        if well_known == "uri" and not parsed.scheme:
            return "value must be absolute", None
    pattern = rules.pattern if has("pattern") else None
    if well_known == "well_known_regex" and rules.well_known_regex:
        name = validate_pb2.KnownRegex.Name(rules.well_known_regex)
        loose = rules.HasField("strict") and not rules.strict
        pattern = _HEADER_STRING if loose else {"HTTP_HEADER_NAME": _HEADER_NAME}.get(name, _HEADER_VALUE)
    if pattern is not None and _pattern(pattern).search(value) is None:
        return f"value does not match regex pattern {_go_quote(pattern)}", None
    return None


def _scalar_reason(rules: Any, field: FieldDescriptor, value: Any) -> tuple[str, str | None] | None:
    """The first violation of a scalar value (string, bytes, number, bool, enum), or None."""
    kind = rules.WhichOneof("type")
    if kind == "string":
        return _string_reason(rules.string, value)
    if kind in _NUMBER_RULES:
        r = getattr(rules, kind)
        if r.ignore_empty and value == 0:
            return None
        if r.HasField("const") and value != r.const:
            return f"value must equal {_go_value(r.const)}", None
        reason = _range_reason(r, value, _go_value, lambda x: x) or _check_in(r, value)
        return (reason, None) if reason else None
    if kind == "bool":
        if rules.bool.HasField("const") and value != rules.bool.const:
            return f"value must equal {_go_value(rules.bool.const)}", None
        return None
    if kind == "enum" and field.enum_type is not None:
        r = rules.enum
        names = field.enum_type.values_by_number
        if r.HasField("const") and value != r.const:
            return f"value must equal {names[r.const].name if r.const in names else r.const}", None
        reason = _check_in(
            r, value, lambda xs: "[" + " ".join(names[x].name if x in names else str(x) for x in xs) + "]"
        )
        if reason:
            return reason, None
        if r.defined_only and value not in names:
            return "value must be one of the defined enum values", None
        return None
    if kind == "bytes":
        r = rules.bytes
        has = r.HasField
        if r.ignore_empty and not value:
            return None
        if has("len") and len(value) != r.len:
            return f"value length must be {r.len} bytes", None
        if has("min_len") and len(value) < r.min_len:
            return f"value length must be at least {r.min_len} bytes", None
        if has("max_len") and len(value) > r.max_len:
            return f"value length must be at most {r.max_len} bytes", None
    return None


def _field_rules(field: FieldDescriptor) -> Any:
    options = field.GetOptions()
    return options.Extensions[validate_pb2.rules] if options.HasExtension(validate_pb2.rules) else None


def _check_message_value(
    name: str, value: Message | None, rules: Any, type_name: str, *, present: bool
) -> _Invalid | None:
    """A message-typed value: required, the well-known types' rules, or embedded validation."""
    message_rules = rules.message if rules is not None and rules.HasField("message") else None
    kind = rules.WhichOneof("type") if rules is not None else None
    if type_name in _WRAPPERS:
        if present and value is not None and kind is not None:
            wrapped_field = cast(Descriptor, value.DESCRIPTOR).fields_by_name["value"]
            reason = _scalar_reason(rules, wrapped_field, getattr(value, "value"))  # noqa: B009
            if reason:
                return _Invalid(name, reason[0], reason[1])
        elif not present and message_rules is not None and message_rules.required:
            return _Invalid(name, "value is required and must not be nil.")
        return None
    if message_rules is not None and message_rules.required and not present:
        return _Invalid(name, "value is required")
    if type_name == "google.protobuf.Duration" and kind == "duration":
        r = rules.duration
        if r.required and not present:
            return _Invalid(name, "value is required")
        if present and value is not None:
            ns = _duration_ns(value)
            if r.HasField("const") and ns != _duration_ns(r.const):
                return _Invalid(name, f"value must equal {format_duration(_duration_ns(r.const))}")
            duration_reason = _range_reason(r, ns, format_duration, _duration_ns)
            if (
                duration_reason is None
                and len(getattr(r, "in"))
                and ns not in [_duration_ns(d) for d in getattr(r, "in")]
            ):
                duration_reason = "value must be in list " + _go_value(
                    [format_duration(_duration_ns(d)) for d in getattr(r, "in")]
                )
            if duration_reason:
                return _Invalid(name, duration_reason)
        return None
    if type_name == "google.protobuf.Any" and kind == "any":
        r = rules.any
        if r.required and not present:
            return _Invalid(name, "value is required")
        if present and value is not None:
            url = value.type_url  # type: ignore[attr-defined]
            if len(getattr(r, "in")) and url not in getattr(r, "in"):
                return _Invalid(name, f"type URL must be in list {_go_value(list(getattr(r, 'in')))}")
            if len(r.not_in) and url in r.not_in:
                return _Invalid(name, f"type URL must not be in list {_go_value(list(r.not_in))}")
        return None
    if not present or value is None or type_name.startswith("google.protobuf."):
        return None
    if message_rules is not None and message_rules.skip:
        return None
    cause = validate_message(value)
    return _Invalid(name, "embedded message failed validation", cause) if cause else None


def _check_field(message: Message, field: FieldDescriptor) -> _Invalid | None:
    rules = _field_rules(field)
    name = go_name(field.name)
    value = getattr(message, field.name)
    entry = field.message_type
    if entry is not None and entry.GetOptions().map_entry:
        return _check_map(name, value, rules, entry)
    if field.is_repeated:
        return _check_repeated(name, value, rules, field)
    if entry is not None:
        return _check_message_value(name, value, rules, entry.full_name, present=message.HasField(field.name))
    if rules is None:
        return None
    reason = _scalar_reason(rules, field, value)
    return _Invalid(name, reason[0], reason[1]) if reason else None


def _count_reason(count: int, minimum: int, maximum: int, unit: str) -> str | None:
    """PGV's min/max items (``unit`` "item") and min/max pairs ("pair") rules, in Go's wording."""
    if minimum and minimum == maximum:
        if count != minimum:
            return f"value must contain exactly {minimum} {unit}(s)"
    elif minimum and maximum:
        if not minimum <= count <= maximum:
            return f"value must contain between {minimum} and {maximum} {unit}s, inclusive"
    elif minimum and count < minimum:
        return f"value must contain at least {minimum} {unit}(s)"
    elif maximum and count > maximum:
        return f"value must contain no more than {maximum} {unit}(s)"
    return None


def _check_repeated(name: str, items: Any, rules: Any, field: FieldDescriptor) -> _Invalid | None:
    r = rules.repeated if rules is not None and rules.WhichOneof("type") == "repeated" else None
    if r is not None and not (r.ignore_empty and len(items) == 0):
        reason = _count_reason(len(items), r.min_items, r.max_items, "item")
        if reason:
            return _Invalid(name, reason)
    item_rules = r.items if r is not None and r.HasField("items") else None
    seen: set[Any] = set()
    for index, item in enumerate(items):
        indexed = f"{name}[{index}]"
        if r is not None and r.unique and field.message_type is None:
            if item in seen:
                return _Invalid(indexed, "repeated value must contain unique items")
            seen.add(item)
        problem = _check_element(indexed, item, item_rules, field)
        if problem is not None:
            return problem
    return None


def _check_element(name: str, value: Any, rules: Any, field: FieldDescriptor) -> _Invalid | None:
    if field.message_type is not None:
        return _check_message_value(name, value, rules, field.message_type.full_name, present=True)
    if rules is None:
        return None
    reason = _scalar_reason(rules, field, value)
    return _Invalid(name, reason[0], reason[1]) if reason else None


def _check_map(name: str, entries: Any, rules: Any, entry: Descriptor) -> _Invalid | None:
    r = rules.map if rules is not None and rules.WhichOneof("type") == "map" else None
    if r is not None and not (r.ignore_empty and len(entries) == 0):
        count_reason = _count_reason(len(entries), r.min_pairs, r.max_pairs, "pair")
        if count_reason:
            return _Invalid(name, count_reason)
    key_field = entry.fields_by_name["key"]
    value_field = entry.fields_by_name["value"]
    key_rules = r.keys if r is not None and r.HasField("keys") else None
    value_rules = r.values if r is not None and r.HasField("values") else None
    for key in sorted(entries):
        indexed = f"{name}[{key}]"
        if key_rules is not None:
            reason = _scalar_reason(key_rules, key_field, key)
            if reason:
                return _Invalid(indexed, reason[0], reason[1], key=True)
        problem = _check_element(indexed, entries[key], value_rules, value_field)
        if problem is not None:
            return problem
    return None


def _is_synthetic(oneof: OneofDescriptor) -> bool:
    return len(oneof.fields) == 1 and oneof.name == "_" + oneof.fields[0].name


def validate_message(message: Message) -> str | None:
    """The first PGV violation in ``message`` (recursively), worded as Go's ``Validate()``; or None."""
    descriptor = cast(Descriptor, message.DESCRIPTOR)
    options = descriptor.GetOptions()
    for flag in (validate_pb2.disabled, validate_pb2.ignored):
        if options.HasExtension(flag) and options.Extensions[flag]:
            return None
    problem: _Invalid | None = None
    synthetic: list[FieldDescriptor] = []
    for field in descriptor.fields:
        oneof = field.containing_oneof
        if oneof is not None:
            if _is_synthetic(oneof):
                synthetic.append(field)
            continue
        problem = _check_field(message, field)
        if problem is not None:
            break
    if problem is None:
        for oneof in descriptor.oneofs:
            if _is_synthetic(oneof):
                continue
            chosen = message.WhichOneof(oneof.name)
            if chosen is None:
                oneof_options = oneof.GetOptions()
                if (
                    oneof_options.HasExtension(validate_pb2.required)
                    and oneof_options.Extensions[validate_pb2.required]
                ):
                    problem = _Invalid(go_name(oneof.name), "value is required")
                    break
                continue
            problem = _check_field(message, descriptor.fields_by_name[chosen])
            if problem is not None:
                break
    if problem is None:
        for field in synthetic:
            if message.HasField(field.name):
                problem = _check_field(message, field)
                if problem is not None:
                    break
    if problem is None:
        return None
    cause = f" | caused by: {problem.cause}" if problem.cause else ""
    key = "key for " if problem.key else ""
    return f"invalid {key}{_go_type_name(descriptor)}.{problem.field}: {problem.reason}{cause}"
