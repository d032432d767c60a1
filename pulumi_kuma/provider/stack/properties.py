"""Property values as the engine handles them: JSON with Pulumi's special objects.

Values are plain JSON (dicts, lists, strings, numbers, booleans) in which a secret is the object
``{SIG: SECRET_SIG, "value": v}`` and an unknown (preview) value is the string :data:`UNKNOWN` —
exactly the encoding of the gRPC ``Struct``s, so conversion in both directions is lossless.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from google.protobuf import json_format, struct_pb2

SIG = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
PROVIDER_KEY = "__provider"


def _ints(value: Any) -> Any:
    # Struct numbers are doubles; integral ones were integers in the program.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _ints(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_ints(v) for v in value]
    return value


def from_struct(struct: struct_pb2.Struct | None) -> dict[str, Any]:
    """A ``Struct`` as JSON (secrets and unknowns kept in their wire form)."""
    if struct is None:
        return {}
    value: dict[str, Any] = _ints(json_format.MessageToDict(struct))
    return value


def to_struct(value: Mapping[str, Any]) -> struct_pb2.Struct:
    """JSON (with secrets and unknowns in wire form) as a ``Struct``."""
    struct = struct_pb2.Struct()
    struct.update(dict(value))
    return struct


def secret(value: Any) -> dict[str, Any]:
    """Wrap a value as a secret."""
    if is_secret(value):
        return dict(value)
    return {SIG: SECRET_SIG, "value": value}


def is_secret(value: Any) -> bool:
    return isinstance(value, dict) and value.get(SIG) == SECRET_SIG


def contains_secret(value: Any) -> bool:
    if is_secret(value):
        return True
    if isinstance(value, dict):
        return any(contains_secret(v) for v in value.values())
    if isinstance(value, list):
        return any(contains_secret(v) for v in value)
    return False


def contains_unknown(value: Any) -> bool:
    if value == UNKNOWN:
        return True
    if isinstance(value, dict):
        return any(contains_unknown(v) for v in value.values())
    if isinstance(value, list):
        return any(contains_unknown(v) for v in value)
    return False


def reveal(value: Any) -> Any:
    """The value with every secret wrapper removed (what a provider that takes no secrets gets)."""
    if is_secret(value):
        return reveal(value.get("value"))
    if isinstance(value, dict):
        return {k: reveal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [reveal(v) for v in value]
    return value


def annotate_secrets(outputs: Any, inputs: Any) -> Any:
    """Re-mark outputs secret where the same-keyed input held a secret (the engine's ``annotateSecrets``).

    What the Pulumi engine does with the results of a provider that takes no secrets: objects on
    both sides are followed key by key; any other output whose input counterpart *contains* a
    secret becomes secret as a whole (a list, for instance, since a provider may reorder it).
    """
    if not isinstance(outputs, dict) or not isinstance(inputs, dict) or is_secret(outputs):
        return outputs
    result = dict(outputs)
    for key, in_value in inputs.items():
        if key not in result:
            continue
        out_value = result[key]
        if _is_object(out_value) and _is_object(in_value):
            result[key] = annotate_secrets(out_value, in_value)
        elif not is_secret(out_value) and contains_secret(in_value):
            result[key] = secret(out_value)
    return result


def _is_object(value: Any) -> bool:
    return isinstance(value, dict) and not is_secret(value)


def mark_secret_keys(outputs: Mapping[str, Any], keys: Iterable[str]) -> dict[str, Any]:
    """Make the named top-level outputs secret (``additional_secret_outputs``)."""
    result = dict(outputs)
    for key in keys:
        if key in result and not is_secret(result[key]):
            result[key] = secret(result[key])
    return result


def seal_outputs(
    outputs: Mapping[str, Any], inputs: Mapping[str, Any], additional: Iterable[str] = ()
) -> dict[str, Any]:
    """What the engine does to a resource's outputs after every step (create, update, same,
    refresh, and in preview too): ``additional_secret_outputs`` become secret, and so does each
    top-level output whose same-named input is a secret, so an input secret never leaks through
    an output that echoes it (kept from an older state, say)."""
    result = mark_secret_keys(outputs, additional)
    for key, value in result.items():
        if not is_secret(value) and is_secret(inputs.get(key)):
            result[key] = secret(value)
    return result


def without_internal(props: Mapping[str, Any]) -> dict[str, Any]:
    """Properties without the ``__``-prefixed ones (``__provider``)."""
    return {k: v for k, v in props.items() if not k.startswith("__")}
