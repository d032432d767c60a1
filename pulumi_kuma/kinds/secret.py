"""Secret: opaque bytes stored in a mesh (CA keys, tokens, TLS material) for other kinds to reference.

An old proto kind: on the wire ``data`` sits beside ``type``, ``mesh`` and ``name``. ``data`` is the
base64 (standard alphabet, padded) of the secret's bytes, as protobuf JSON encodes ``bytes``.
Reading or writing secrets needs an admin.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Annotated, Any

from pulumi_kuma.model.base import Doc, KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.path import FieldPath
from pulumi_kuma.model.registry import KindDescriptor, Scope, ValidationContext
from pulumi_kuma.model.violations import Violations

DATA_MESSAGE = "must be base64 of the secret's bytes (standard alphabet, with '=' padding)"

# Go's base64 decoder skips CR and LF anywhere in the input; nothing else outside the alphabet.
_LINE_BREAKS = re.compile(r"[\r\n]")
_PADDED_BASE64 = re.compile(r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?")


class SecretSpec(KumaModel):
    """The Secret spec (fields beside the meta on the wire)."""

    data: Annotated[str | None, Doc("The secret's bytes, base64-encoded (standard alphabet, padded).")] = None


def decode_data(value: str) -> bytes | None:
    """The bytes a ``data`` string encodes, or None when it is not valid padded standard base64."""
    text = _LINE_BREAKS.sub("", value)
    if not _PADDED_BASE64.fullmatch(text):
        return None
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):  # unreachable after the pattern check; kept as a guard
        return None


def secret_bytes(spec: SecretSpec) -> bytes:
    """The secret's value (empty when ``data`` is absent). Call on validated specs only."""
    if spec.data is None:
        return b""
    decoded = decode_data(spec.data)
    if decoded is None:
        raise ValueError(f"data {DATA_MESSAGE}")
    return decoded


def encode_data(value: bytes) -> str:
    """The ``data`` string for ``value`` (what Kuma returns)."""
    return base64.b64encode(value).decode("ascii")


def check_data(v: Violations, path: FieldPath, data: str | None) -> None:
    """``data`` must decode as base64 (Kuma's decoder rejects it otherwise)."""
    if data is not None and decode_data(data) is None:
        v.add(path, DATA_MESSAGE)


def validate(spec: SecretSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's Secret checks: only that ``data`` is base64 (an empty or absent value is allowed)."""
    v = Violations()
    check_data(v, FieldPath("data"), spec.data)
    return v.items


EXAMPLE: dict[str, Any] = {"data": encode_data(b"s3cr3t-value")}

KIND = KindDescriptor(
    name="Secret",
    plural="secrets",
    short_name=None,
    scope=Scope.MESH,
    spec_model=SecretSpec,
    validate=validate,
    description=(
        "Opaque bytes kept in a mesh (certificates, private keys, tokens) that other resources refer "
        "to by name, such as a MeshIdentity's CA or a MeshExternalService's client certificate. "
        "`data` is the base64 of the value; only admins can read or write secrets."
    ),
    legacy_layout=True,
    admin_only=True,
    example=EXAMPLE,
)
