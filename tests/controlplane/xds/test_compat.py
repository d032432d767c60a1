"""Fields Envoy 1.40 has and our protos lack: converted as unknown fields in wire format."""

from __future__ import annotations

from typing import Any

import pytest
from envoy.extensions.filters.common.set_filter_state.v3 import value_pb2
from envoy.extensions.filters.network.set_filter_state.v3 import set_filter_state_pb2
from google.protobuf import unknown_fields

from pulumi_kuma.controlplane.xds import LISTENER, ResourceConversionError
from pulumi_kuma.controlplane.xds.cache import ResourceConverter
from pulumi_kuma.controlplane.xds.compat import NEWER_FIELDS, length_delimited
from pulumi_kuma.controlplane.xds.resource_types import message_class

CONFIG_TYPE = "type.googleapis.com/envoy.extensions.filters.network.set_filter_state.v3.Config"
SPIFFE_VALUE = {
    "objectKey": "kuma.mesh_timeout.match.spiffe_id",
    "factoryKey": "envoy.string",
    "formatString": {"textFormatSource": {"inlineString": "%DOWNSTREAM_PEER_URI_SAN%"}},
    "readOnly": True,
    "skipIfEmpty": True,
}
SNI_VALUE = {
    "objectKey": "kuma.mesh_timeout.match.sni",
    "factoryKey": "envoy.string",
    "formatString": {"textFormatSource": {"inlineString": "%REQUESTED_SERVER_NAME%"}},
}


def listener(config: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": "self_inbound_dp_80",
        "address": {"socketAddress": {"address": "10.0.0.1", "portValue": 80}},
        "filterChains": [
            {
                "filters": [
                    {
                        "name": "envoy.filters.network.set_filter_state",
                        "typedConfig": {"@type": CONFIG_TYPE, **config},
                    },
                    {
                        "name": "envoy.filters.network.tcp_proxy",
                        "typedConfig": {
                            "@type": "type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy",
                            "statPrefix": "in",
                            "cluster": "in",
                        },
                    },
                ]
            }
        ],
    }


def set_filter_state(config: dict[str, Any]) -> set_filter_state_pb2.Config:
    """Convert a listener holding the filter; the filter's config as our protos read it."""
    resource = ResourceConverter().convert(LISTENER, listener(config))
    packed = resource.message.filter_chains[0].filters[0].typed_config  # type: ignore[attr-defined]
    assert packed.type_url == CONFIG_TYPE
    message = set_filter_state_pb2.Config()
    assert packed.Unpack(message)
    return message


def newer_values(message: set_filter_state_pb2.Config) -> list[tuple[int, int, value_pb2.FilterStateValue]]:
    """(field number, wire type, element) of each unknown field."""
    return [
        (f.field_number, f.wire_type, value_pb2.FilterStateValue.FromString(f.data))
        for f in unknown_fields.UnknownFieldSet(message)
    ]


def test_on_downstream_tls_handshake_becomes_field_2_in_wire_format() -> None:
    message = set_filter_state({"onDownstreamTlsHandshake": [SPIFFE_VALUE, SNI_VALUE]})
    assert len(message.on_new_connection) == 0
    decoded = newer_values(message)
    assert [(number, wire) for number, wire, _ in decoded] == [(2, 2), (2, 2)]
    first, second = (value for _, _, value in decoded)
    assert first.object_key == "kuma.mesh_timeout.match.spiffe_id"
    assert first.factory_key == "envoy.string"
    assert first.format_string.text_format_source.inline_string == "%DOWNSTREAM_PEER_URI_SAN%"
    assert first.read_only and first.skip_if_empty
    assert second.format_string.text_format_source.inline_string == "%REQUESTED_SERVER_NAME%"


def test_known_fields_beside_it_are_kept() -> None:
    message = set_filter_state(
        {"onNewConnection": [SNI_VALUE], "on_downstream_tls_handshake": [SPIFFE_VALUE]}
    )
    assert [v.object_key for v in message.on_new_connection] == ["kuma.mesh_timeout.match.sni"]
    assert [value.object_key for _, _, value in newer_values(message)] == [
        "kuma.mesh_timeout.match.spiffe_id"
    ]


def test_versions_follow_the_newer_field() -> None:
    converter = ResourceConverter()
    one = converter.convert(LISTENER, listener({"onDownstreamTlsHandshake": [SPIFFE_VALUE]}))
    two = converter.convert(LISTENER, listener({"onDownstreamTlsHandshake": [SNI_VALUE]}))
    again = ResourceConverter().convert(LISTENER, listener({"onDownstreamTlsHandshake": [SPIFFE_VALUE]}))
    assert one.version != two.version
    assert one.version == again.version


def test_element_errors_name_the_field_and_index() -> None:
    bad = {**SPIFFE_VALUE, "readOnly": "maybe"}
    with pytest.raises(ResourceConversionError, match=r"onDownstreamTlsHandshake\[1\]"):
        ResourceConverter().convert(LISTENER, listener({"onDownstreamTlsHandshake": [SNI_VALUE, bad]}))
    with pytest.raises(ResourceConversionError, match="expected a list"):
        ResourceConverter().convert(LISTENER, listener({"onDownstreamTlsHandshake": SPIFFE_VALUE}))


def test_length_delimited_uses_multi_byte_varints() -> None:
    payload = b"x" * 300
    data = length_delimited(2, payload)
    assert data[:3] == bytes([0x12, 0xAC, 0x02])
    assert data[3:] == payload


@pytest.mark.parametrize("field", sorted(set(NEWER_FIELDS.values()), key=lambda f: (f.message, f.name)))
def test_entries_are_still_needed(field: Any) -> None:
    """Each entry names a field our protos lack (else remove the entry: the protos caught up) of a
    message they know, with an element type they know."""
    descriptor = message_class(field.message).DESCRIPTOR
    assert field.name not in descriptor.fields_by_name, f"xds-protos now has {field.message}.{field.name}"
    assert field.number not in descriptor.fields_by_number
    message_class(field.element)
