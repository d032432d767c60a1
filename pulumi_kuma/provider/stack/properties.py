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
    """Re-mark outputs as secret wherever the input under the same key was (the engine's rule)."""
    if is_secret(outputs):
        return outputs
    if is_secret(inputs):
        return secret(outputs)
    if isinstance(outputs, dict) and isinstance(inputs, dict):
        return {k: annotate_secrets(v, inputs.get(k)) for k, v in outputs.items()}
    if isinstance(outputs, list) and isinstance(inputs, list):
        return [annotate_secrets(v, inputs[i]) if i < len(inputs) else v for i, v in enumerate(outputs)]
    return outputs


def mark_secret_keys(outputs: Mapping[str, Any], keys: Iterable[str]) -> dict[str, Any]:
    """Make the named top-level outputs secret (``additional_secret_outputs``)."""
    result = dict(outputs)
    for key in keys:
        if key in result and not is_secret(result[key]):
            result[key] = secret(result[key])
    return result


def without_internal(props: Mapping[str, Any]) -> dict[str, Any]:
    """Properties without the ``__``-prefixed ones (``__provider``)."""
    return {k: v for k, v in props.items() if not k.startswith("__")}
