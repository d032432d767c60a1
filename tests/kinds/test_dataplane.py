"""Dataplane: REST ingestion of the old proto layout, Kuma's validator rules, and the helpers."""

from __future__ import annotations

import pytest

from pulumi_kuma.kinds import dataplane
from pulumi_kuma.kinds.dataplane import (
    Inbound,
    InboundInterface,
    Networking,
    inbound_interfaces,
    inbound_section_name,
    outbound_address,
    workload_label_error,
)
from pulumi_kuma.model.validation import ingest_spec
from pulumi_kuma.registry import REGISTRY
from tests.kinds.support import crud_json, decode, pairs, rest

# --- REST ingestion (fields beside the meta) ------------------------------------------------------


def test_rest_document_keeps_meta_apart_and_drops_removed_fields() -> None:
    doc = {
        "type": "Dataplane",
        "mesh": "default",
        "name": "dp-1",
        "labels": {"kuma.io/workload": "backend", "app": "backend"},
        "creationTime": "2024-01-01T00:00:00Z",
        "networking": {
            "address": "10.1.2.1",
            "advertisedAddress": "1.2.3.4",
            "inbound": [{"port": 1234, "name": "http", "tags": {"kuma.io/service": "my-svc"}}],
            "outbound": [
                {
                    "port": 10001,
                    "tags": {"kuma.io/service": "x"},
                    "backendRef": {"kind": "MeshService", "name": "b", "port": 80},
                }
            ],
        },
        "somethingUnknown": True,
    }
    result = rest(doc)
    assert result.valid, result.violations
    assert result.labels == {"kuma.io/workload": "backend", "app": "backend"}
    assert result.spec == {
        "networking": {
            "address": "10.1.2.1",
            "inbound": [{"port": 1234, "name": "http"}],
            "outbound": [{"port": 10001, "backendRef": {"kind": "MeshService", "name": "b", "port": 80}}],
        }
    }


def test_update_request_reads_back_like_kumas_golden() -> None:
    # Kuma 3.0 dropped inbound tags: the stored Dataplane has only what the proto still knows.
    request = crud_json("put_update_dataplanes_00.request.json")
    golden = crud_json("put_update_dataplanes_01.golden.json")
    result = rest(request)
    assert result.valid, result.violations
    assert result.spec == {"networking": golden["networking"]}


@pytest.mark.parametrize("name", ["put_dataplanes_00.request.json", "put_dataplanes_09.request.json"])
def test_kuma_accepted_requests_are_valid(name: str) -> None:
    result = rest(crud_json(name))
    assert result.valid, result.violations


def test_violations_are_reported_at_the_root_not_under_spec() -> None:
    result = rest(
        {"type": "Dataplane", "mesh": "default", "name": "dp-1", "networking": {"inbound": [{"port": 0}]}}
    )
    assert pairs(result.violations) == [
        ("networking.address", "address can't be empty"),
        ("networking.inbound[0].port", "port must be in the range [1, 65535]"),
    ]


def test_rest_rejects_unknown_enum_names() -> None:
    result = rest(
        {
            "type": "Dataplane",
            "mesh": "default",
            "name": "dp-1",
            "networking": {"address": "10.0.0.1", "inbound": [{"port": 80, "state": "Sleeping"}]},
        }
    )
    assert pairs(result.violations) == [
        ("networking.inbound[0].state", "in body should be one of [Ready NotReady Ignored]")
    ]


def test_example_is_valid() -> None:
    result = ingest_spec(REGISTRY.by_name("Dataplane"), dict(dataplane.EXAMPLE))
    assert result.violations == []


# --- Kuma's validator ----------------------------------------------------------------------------

VALID = {
    "inbounds and outbounds": """
        networking:
          address: 192.168.0.1
          inbound: [{port: 8080, servicePort: 7777, address: 127.0.0.1}]
          outbound: [{port: 3333, address: 127.0.0.1, backendRef: {kind: MeshService, name: redis, port: 6379}}]
    """,
    "ipv6": """
        networking:
          address: 0:0:0:0:0:FFFF:C0A8:0001
          inbound: [{port: 8080, servicePort: 7777, address: "::1"}]
          outbound: [{port: 3333, address: "::1", backendRef: {kind: MeshService, name: redis, port: 6379}}]
    """,
    "domain name address": """
        networking:
          address: example.com
          inbound: [{port: 8080}]
    """,
    "delegated gateway with tags": """
        networking:
          address: 192.168.0.1
          gateway: {tags: {kuma.io/service: backend, version: "1", kuma.io/valid: "abc.0123-789.under_score:90"}}
    """,
    "tag-free gateway": """
        networking: {address: 192.168.0.1, gateway: {type: DELEGATED, tags: {}}}
    """,
    "service probe": """
        networking:
          address: 192.168.0.1
          inbound: [{port: 8080, serviceProbe: {interval: 1s, unhealthyThreshold: 5, tcp: {}}}]
    """,
    "admin port equal to ports on other interfaces": """
        networking:
          address: 192.168.0.1
          admin: {port: 8080}
          inbound: [{port: 8080, servicePort: 7777, address: 192.168.0.1}]
          outbound: [{port: 8080, address: 192.168.0.1, backendRef: {kind: MeshService, name: r, port: 1}}]
    """,
    "MeshExternalService needs no port": """
        networking:
          address: 192.168.0.1
          outbound: [{port: 3333, backendRef: {kind: MeshExternalService, name: xyz}}]
    """,
    "backendRef by labels": """
        networking:
          address: 192.168.0.1
          outbound: [{port: 3333, backendRef: {kind: MeshService, labels: {kuma.io/display-name: redis}, port: 8080}}]
    """,
    "transparent proxy only": """
        networking:
          address: 192.168.0.1
          transparentProxying:
            redirectPortInbound: 15006
            redirectPortOutbound: 15001
            reachableBackends: {refs: [{kind: MeshService, name: a, port: 9090}, {kind: MeshService, labels: {app: b}}]}
    """,
    "distinct service address and port": """
        networking:
          address: 192.168.0.1
          inbound: [{port: 10001, address: 192.168.0.2, serviceAddress: 192.168.0.2, servicePort: 10002}]
    """,
    "zone proxy listeners": """
        networking:
          address: 192.168.0.1
          inbound: [{port: 8080, name: http}]
          listeners:
            - {type: ZoneIngress, address: 192.168.0.1, port: 10001, name: zi}
            - {type: ZoneEgress, address: 192.168.0.1, port: 10002}
    """,
    "tls and mysql are known protocols": """
        networking:
          address: 192.168.0.1
          inbound: [{port: 1, protocol: TLS}, {port: 2, protocol: mysql}, {port: 3, protocol: http2}]
    """,
}


@pytest.mark.parametrize("text", VALID.values(), ids=VALID.keys())
def test_valid(text: str) -> None:
    assert decode("Dataplane", text) == []


INVALID: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "no networking": ("{}", [("networking", "must be defined")]),
    "empty networking": ("networking: {}", [("networking.address", "address can't be empty")]),
    "wildcard address": (
        "networking: {address: '::', inbound: [{port: 1}]}",
        [("networking.address", "must not be 0.0.0.0 or ::")],
    ),
    "bad address": (
        "networking: {address: '..>_<..'}",
        [("networking.address", "address has to be valid IP address or domain name")],
    ),
    "inbound on a delegated gateway": (
        "networking: {address: 1.1.1.1, inbound: [{port: 1}], gateway: {tags: {kuma.io/service: gw}}}",
        [("networking.inbound", "inbound cannot be defined for delegated gateways")],
    ),
    "listeners on a delegated gateway": (
        "networking: {address: 1.1.1.1, gateway: {}, listeners: [{type: ZoneEgress, address: 1.1.1.1, port: 2}]}",
        [("networking.listeners", "listeners cannot be defined for delegated gateways")],
    ),
    "gateway tags": (
        """networking:
             address: 1.1.1.1
             gateway: {tags: {version: "", kuma.io/protocol: http, "a b": "x y"}}""",
        [
            (
                'networking.gateway.tags["kuma.io/protocol"]',
                'other values than tcp are not allowed, provided value "http"',
            ),
            (
                'networking.gateway.tags["a b"]',
                "tag name must consist of alphanumeric characters, dots, dashes, slashes and underscores",
            ),
            (
                'networking.gateway.tags["a b"]',
                "tag value must consist of alphanumeric characters, dots, dashes and underscores",
            ),
            ('networking.gateway.tags["version"]', "tag value must be non-empty"),
            ("networking.gateway.tags", 'mandatory tag "kuma.io/service" is missing'),
        ],
    ),
    "ports out of range": (
        """networking:
             address: 1.1.1.1
             inbound: [{port: 65536}, {port: 1, servicePort: 70000}]
             outbound: [{port: 0, backendRef: {kind: MeshService, name: r, port: 6379}}]""",
        [
            ("networking.inbound[0].port", "port must be in the range [1, 65535]"),
            ("networking.inbound[1].servicePort", "port must be in the range [1, 65535]"),
            ("networking.outbound[0].port", "port must be in the range [1, 65535]"),
        ],
    ),
    "inbound addresses": (
        """networking:
             address: 192.168.0.1
             inbound:
               - {port: 1, address: invalid-address}
               - {port: 2, serviceAddress: INVALID}
               - {port: 3, serviceAddress: 192.168.0.1}
               - {port: 4, address: 192.168.0.2, serviceAddress: 192.168.0.2, servicePort: 4}""",
        [
            ("networking.inbound[0].address", "address has to be valid IP address"),
            ("networking.inbound[1].serviceAddress", "serviceAddress has to be valid IP address"),
            (
                "networking.inbound[2].serviceAddress",
                "serviceAddress and servicePort has to differ from address and port",
            ),
            (
                "networking.inbound[3].serviceAddress",
                "serviceAddress and servicePort has to differ from address and port",
            ),
        ],
    ),
    "inbound protocol": (
        "networking: {address: 1.1.1.1, inbound: [{port: 1, protocol: kafka}]}",
        [
            (
                "networking.inbound[0].protocol",
                'has an invalid value "kafka". Allowed values: grpc, http, http2, tcp',
            )
        ],
    ),
    "service probe": (
        """networking:
             address: 1.1.1.1
             inbound: [{port: 1, serviceProbe: {timeout: 1s, interval: "0", healthyThreshold: 5, unhealthyThreshold: 0}}]""",
        [
            ("networking.inbound[0].serviceProbe.interval", "must have a positive value"),
            ("networking.inbound[0].serviceProbe.unhealthyThreshold", "must have a positive value"),
        ],
    ),
    "admin port used by an inbound": (
        """networking:
             address: 192.168.0.1
             admin: {port: 8080}
             inbound: [{port: 8080, servicePort: 7777, address: 127.0.0.1}]""",
        [("networking.admin.port", "must differ from inbound")],
    ),
    "admin port used by a workload on a wildcard address": (
        """networking:
             address: 192.168.0.1
             admin: {port: 7777}
             inbound: [{port: 8080, servicePort: 7777, serviceAddress: 0.0.0.0}]""",
        [("networking.admin.port", "must differ from inbound")],
    ),
    "admin port used by an outbound on the default address": (
        """networking:
             address: 192.168.0.1
             admin: {port: 3333}
             outbound: [{port: 3333, backendRef: {kind: MeshService, name: r, port: 1}}]""",
        [("networking.admin.port", "must differ from outbound")],
    ),
    "outbound backendRef": (
        """networking:
             address: 192.168.0.1
             outbound:
               - {port: 1}
               - {port: 2, address: invalid, backendRef: {}}
               - {port: 3, backendRef: {kind: MeshService, name: xyz}}""",
        [
            ("networking.outbound[0].backendRef", "must be defined"),
            ("networking.outbound[1].address", "address has to be valid IP address"),
            (
                "networking.outbound[1].backendRef.kind",
                "invalid value. Available values are: MeshExternalService,MeshMultiZoneService,MeshService",
            ),
            ("networking.outbound[1].backendRef", "either 'name' or 'labels' should be specified"),
            ("networking.outbound[1].backendRef.port", "port must be in the range [1, 65535]"),
            ("networking.outbound[2].backendRef.port", "port must be in the range [1, 65535]"),
        ],
    ),
    "reachable backends (Kuma's path says transparentProxing)": (
        """networking:
             address: 192.168.0.1
             transparentProxying:
               reachableBackends:
                 refs:
                   - {kind: Something, name: first, labels: {a: b}}
                   - {kind: MeshService, name: second, namespace: ns, labels: {a: b}}
                   - {kind: MeshService, name: first$-.kuma}
                   - {kind: MeshService}
                   - {kind: MeshService, namespace: xyz}""",
        [
            (
                "networking.transparentProxing.reachableBackends.refs[0].kind",
                "invalid value. Available values are: MeshExternalService,MeshMultiZoneService,MeshService",
            ),
            (
                "networking.transparentProxing.reachableBackends.refs[0].labels",
                "labels cannot be defined when name is specified",
            ),
            (
                "networking.transparentProxing.reachableBackends.refs[1].labels",
                "labels cannot be defined when name is specified",
            ),
            (
                "networking.transparentProxing.reachableBackends.refs[2].name",
                "invalid characters. A lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
                "characters, '-' or '.', and must start and end with an alphanumeric character",
            ),
            ("networking.transparentProxing.reachableBackends.refs[3].name", "name or labels are required"),
            (
                "networking.transparentProxing.reachableBackends.refs[4].name",
                "name is required, when namespace is defined",
            ),
        ],
    ),
    "listeners": (
        """networking:
             address: 192.168.0.1
             inbound: [{port: 8080, name: http}, {port: 9090}]
             listeners:
               - {port: 10001, name: http}
               - {type: ZoneIngress, address: 192.168.0.1, port: 0, name: "9090"}
               - {type: ZoneIngress, address: 192.168.0.1, port: 10003, name: zi}
               - {type: ZoneEgress, address: 192.168.0.1, port: 10003, name: zi}
               - {type: ZoneEgress, address: 192.168.0.1, port: 10003}
               - {type: ZoneEgress, address: 192.168.0.1, port: 8080}""",
        [
            ("networking.listeners[0].type", "type must be ZoneIngress or ZoneEgress"),
            ("networking.listeners[0].address", "address can't be empty"),
            ("networking.listeners[0].name", 'name "http" must be unique across inbounds and listeners'),
            ("networking.listeners[1].port", "port must be in the range [1, 65535]"),
            ("networking.listeners[1].name", 'name "9090" must be unique across inbounds and listeners'),
            ("networking.listeners[3].name", 'name "zi" must be unique across inbounds and listeners'),
            (
                "networking.listeners[3]",
                "address:port 192.168.0.1:10003 is used by listeners of different types",
            ),
            (
                "networking.listeners[4]",
                "address:port 192.168.0.1:10003 is used by listeners of different types",
            ),
            ("networking.listeners[5]", "address:port 192.168.0.1:8080 collides with an inbound listener"),
        ],
    ),
    "same listener type twice on one address": (
        """networking:
             address: 192.168.0.1
             listeners:
               - {type: ZoneIngress, address: 192.168.0.1, port: 10001}
               - {type: ZoneIngress, address: 192.168.0.1, port: 10001}""",
        [("networking.listeners[1]", "address:port 192.168.0.1:10001 is already used by another listener")],
    ),
}


@pytest.mark.parametrize(("text", "expected"), INVALID.values(), ids=INVALID.keys())
def test_invalid(text: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(decode("Dataplane", text)) == expected


# --- Helpers -------------------------------------------------------------------------------------


def test_inbound_section_name_is_name_or_port() -> None:
    assert inbound_section_name(Inbound(port=8080, name="http")) == "http"
    assert inbound_section_name(Inbound(port=8080)) == "8080"


def test_inbound_interfaces_resolve_defaults() -> None:
    networking = Networking.model_validate(
        {
            "address": "10.0.0.1",
            "inbound": [
                {"port": 80},
                {"port": 81, "servicePort": 8081, "serviceAddress": "127.0.0.1", "name": "api"},
                {"port": 82, "address": "10.0.0.2"},
            ],
        }
    )
    assert inbound_interfaces(networking) == [
        InboundInterface("10.0.0.1", 80, "10.0.0.1", 80, "80"),
        InboundInterface("10.0.0.1", 81, "127.0.0.1", 8081, "api"),
        InboundInterface("10.0.0.2", 82, "10.0.0.2", 82, "82"),
    ]


def test_outbound_address_defaults_to_loopback() -> None:
    networking = Networking.model_validate({"outbound": [{"port": 1}, {"port": 2, "address": "10.1.1.1"}]})
    assert [outbound_address(o) for o in networking.outbound or []] == ["127.0.0.1", "10.1.1.1"]


@pytest.mark.parametrize("name", ["workload_label_validation_01", "workload_label_validation_02"])
def test_workload_label_error_matches_kuma(name: str) -> None:
    request = crud_json(f"{name}.request.json")
    golden = crud_json(f"{name}.golden.json")
    assert golden["detail"] == f"bad request: {workload_label_error(request['labels'])}"


def test_workload_label_error_accepts_valid_and_absent_labels() -> None:
    assert workload_label_error({"kuma.io/workload": "my-workload"}) is None
    assert workload_label_error({"app": "x"}) is None
    assert workload_label_error({"kuma.io/workload": "w"}, global_cp=True) == (
        'labels["kuma.io/workload"]: not allowed on Global control plane'
    )
    assert dataplane.KIND.extras["rest_label_check"] is workload_label_error
