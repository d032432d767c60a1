"""protoc-gen-validate rules of real Envoy protos, checked and worded as Go's Validate() does."""

from __future__ import annotations

from envoy.config.cluster.v3.cluster_pb2 import Cluster
from envoy.config.core.v3.address_pb2 import SocketAddress
from envoy.config.route.v3.route_components_pb2 import VirtualHost
from envoy.extensions.filters.network.http_connection_manager.v3.http_connection_manager_pb2 import HttpFilter
from google.protobuf import json_format

from pulumi_kuma.model.pgv import go_name, validate_message


def test_go_field_names() -> None:
    assert go_name("connect_timeout") == "ConnectTimeout"
    assert go_name("http2_protocol_options") == "Http2ProtocolOptions"
    assert go_name("ipv4_compat") == "Ipv4Compat"
    assert go_name("name") == "Name"


def test_valid_cluster_passes() -> None:
    cluster = json_format.ParseDict({"name": "a", "connectTimeout": "5s", "type": "STATIC"}, Cluster())
    assert validate_message(cluster) is None


def test_string_min_len() -> None:
    assert validate_message(Cluster()) == "invalid Cluster.Name: value length must be at least 1 runes"
    assert validate_message(HttpFilter()) == "invalid HttpFilter.Name: value length must be at least 1 runes"


def test_duration_greater_than() -> None:
    cluster = json_format.ParseDict({"name": "a", "connectTimeout": "0s"}, Cluster())
    assert validate_message(cluster) == "invalid Cluster.ConnectTimeout: value must be greater than 0s"


def test_enum_defined_only() -> None:
    cluster = Cluster(name="a")
    cluster.type = 42  # type: ignore[assignment]
    assert validate_message(cluster) == "invalid Cluster.Type: value must be one of the defined enum values"


def test_numeric_range_in_an_embedded_message_reports_the_chain() -> None:
    cluster = json_format.ParseDict(
        {
            "name": "a",
            "loadAssignment": {
                "clusterName": "a",
                "endpoints": [
                    {
                        "lbEndpoints": [
                            {
                                "endpoint": {
                                    "address": {"socketAddress": {"address": "1.2.3.4", "portValue": 70000}}
                                }
                            }
                        ]
                    }
                ],
            },
        },
        Cluster(),
    )
    assert validate_message(cluster) == (
        "invalid Cluster.LoadAssignment: embedded message failed validation | caused by: "
        "invalid ClusterLoadAssignment.Endpoints[0]: embedded message failed validation | caused by: "
        "invalid LocalityLbEndpoints.LbEndpoints[0]: embedded message failed validation | caused by: "
        "invalid LbEndpoint.Endpoint: embedded message failed validation | caused by: "
        "invalid Endpoint.Address: embedded message failed validation | caused by: "
        "invalid Address.SocketAddress: embedded message failed validation | caused by: "
        "invalid SocketAddress.PortValue: value must be less than or equal to 65535"
    )


def test_required_oneof() -> None:
    # SocketAddress needs a port (port_value or named_port) and an address.
    assert (
        validate_message(SocketAddress(address="1.2.3.4"))
        == "invalid SocketAddress.PortSpecifier: value is required"
    )
    assert (
        validate_message(SocketAddress(port_value=80))
        == "invalid SocketAddress.Address: value length must be at least 1 runes"
    )


def test_repeated_rules_in_declaration_order() -> None:
    assert (
        validate_message(VirtualHost(name="vh"))
        == "invalid VirtualHost.Domains: value must contain at least 1 item(s)"
    )
    host = VirtualHost(name="vh", domains=["a\nb"])
    assert (
        validate_message(host)
        == 'invalid VirtualHost.Domains[0]: value does not match regex pattern "^[^\\x00\\n\\r]*$"'
    )


def test_inside_range_wording() -> None:
    host = json_format.ParseDict(
        {
            "name": "vh",
            "domains": ["*"],
            "routes": [{"match": {"prefix": "/"}, "directResponse": {"status": 99}}],
        },
        VirtualHost(),
    )
    assert validate_message(host) == (
        "invalid VirtualHost.Routes[0]: embedded message failed validation | caused by: "
        "invalid Route.DirectResponse: embedded message failed validation | caused by: "
        "invalid DirectResponseAction.Status: value must be inside range [200, 600)"
    )
