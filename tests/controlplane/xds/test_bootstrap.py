"""Envoy bootstrap generation: Kuma's fields, accepted by Envoy's protobuf schema."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
import yaml
from google.protobuf import json_format

from pulumi_kuma.controlplane.xds import BootstrapParams, ProxyId, bootstrap_yaml, build_bootstrap
from pulumi_kuma.controlplane.xds.bootstrap import bootstrap_for_request, validate_bootstrap
from pulumi_kuma.dataplane.protocol import BootstrapRequest

DATAPLANE = {
    "type": "Dataplane",
    "mesh": "default",
    "name": "dp-1",
    "labels": {"kuma.io/workload": "backend"},
    "networking": {"address": "10.0.0.7", "admin": {"port": 9911}, "inbound": [{"port": 8080}]},
}


def params(**overrides: Any) -> BootstrapParams:
    values: dict[str, Any] = {
        "proxy_id": ProxyId("default", "dp-1"),
        "xds_host": "127.0.0.1",
        "xds_port": 5678,
        "token": "token-123",
        "dataplane_resource": json.dumps(DATAPLANE),
        "service": "backend",
        "workdir": "/tmp",
    }
    values.update(overrides)
    return BootstrapParams(**values)


def cluster(bootstrap: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in bootstrap["staticResources"]["clusters"] if c["name"] == name)


def test_node_identity_and_metadata() -> None:
    bootstrap = build_bootstrap(params(admin_port=9911, dns_port=15053, readiness_port=9902))
    node = bootstrap["node"]
    assert node["id"] == "default.dp-1"
    assert node["cluster"] == "backend"
    metadata = node["metadata"]
    assert json.loads(metadata["dataplane.resource"]) == DATAPLANE
    assert metadata["dataplane.proxyType"] == "dataplane"
    assert metadata["dataplane.admin.port"] == "9911"
    assert metadata["dataplane.admin.address"] == "127.0.0.1"
    assert metadata["dataplane.dns.port"] == "15053"
    assert metadata["dataplane.readinessReporter.port"] == "9902"
    assert metadata["workdir"] == "/tmp"
    assert {
        "version",
        "features",
        "metricsCertPath",
        "systemCaPath",
        "ipv6Enabled",
        "spireAgent.socketPath",
    } <= set(metadata)


def test_admin_ads_and_fetch_timeouts() -> None:
    bootstrap = build_bootstrap(params(admin_port=9911))
    assert bootstrap["admin"]["address"]["socketAddress"] == {
        "address": "127.0.0.1",
        "portValue": 9911,
        "protocol": "TCP",
    }
    dynamic = bootstrap["dynamicResources"]
    ads = dynamic["adsConfig"]
    assert ads["apiType"] == "DELTA_GRPC"
    assert ads["transportApiVersion"] == "V3"
    assert ads["setNodeOnFirstMessageOnly"] is True
    assert ads["grpcServices"] == [
        {
            "envoyGrpc": {"clusterName": "system_ads"},
            "initialMetadata": [{"key": "authorization", "value": "token-123"}],
        }
    ]
    for source in ("cdsConfig", "ldsConfig"):
        assert dynamic[source] == {"ads": {}, "resourceApiVersion": "V3", "initialFetchTimeout": "0s"}
    assert "hdsConfig" not in bootstrap


def test_system_ads_cluster_speaks_http2_to_the_xds_server() -> None:
    ads = cluster(build_bootstrap(params()), "system_ads")
    assert ads["type"] == "STATIC"
    endpoint = ads["loadAssignment"]["endpoints"][0]["lbEndpoints"][0]["endpoint"]
    assert endpoint["address"]["socketAddress"] == {"address": "127.0.0.1", "portValue": 5678}
    options = ads["typedExtensionProtocolOptions"]["envoy.extensions.upstreams.http.v3.HttpProtocolOptions"]
    assert options["explicitHttpConfig"] == {"http2ProtocolOptions": {}}
    assert ads["upstreamConnectionOptions"]["tcpKeepalive"] == {
        "keepaliveProbes": 3,
        "keepaliveTime": 10,
        "keepaliveInterval": 10,
    }
    assert "transportSocket" not in ads


def test_hostname_uses_dns_and_access_log_sink_sits_in_the_workdir() -> None:
    bootstrap = build_bootstrap(params(xds_host="cp.example"))
    assert cluster(bootstrap, "system_ads")["type"] == "STRICT_DNS"
    sink = cluster(bootstrap, "system_access_log_sink")
    path = sink["loadAssignment"]["endpoints"][0]["lbEndpoints"][0]["endpoint"]["address"]["pipe"]["path"]
    assert path == "/tmp/kuma-al-dp-1-default.sock"


def test_long_socket_paths_are_trimmed_like_kumas() -> None:
    bootstrap = build_bootstrap(params(workdir="/w/" + "x" * 200))
    sink = cluster(bootstrap, "system_access_log_sink")
    path = sink["loadAssignment"]["endpoints"][0]["lbEndpoints"][0]["endpoint"]["address"]["pipe"]["path"]
    assert len(path) == 98 + len(".sock")


def test_without_token_there_is_no_authorization_metadata() -> None:
    ads = build_bootstrap(params(token=""))["dynamicResources"]["adsConfig"]
    assert "initialMetadata" not in ads["grpcServices"][0]


def test_tls_when_a_ca_is_given() -> None:
    bootstrap = build_bootstrap(
        params(ca_cert_pem="-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n")
    )
    ads = cluster(bootstrap, "system_ads")
    tls = ads["transportSocket"]["typedConfig"]
    assert tls["commonTlsContext"]["validationContextSdsSecretConfig"] == {"name": "cp_validation_ctx"}
    secret = bootstrap["staticResources"]["secrets"][0]
    assert secret["name"] == "cp_validation_ctx"
    assert base64.b64decode(secret["validationContext"]["trustedCa"]["inlineBytes"]).startswith(b"-----BEGIN")
    validate_bootstrap(bootstrap)


@pytest.mark.parametrize("overrides", [{}, {"hds": True}, {"xds_host": "localhost", "token": ""}])
def test_envoy_schema_accepts_the_bootstrap(overrides: dict[str, Any]) -> None:
    validate_bootstrap(build_bootstrap(params(**overrides)))


def test_schema_violation_is_caught() -> None:
    bootstrap = build_bootstrap(params())
    bootstrap["admin"]["address"]["socketAddress"]["portValue"] = "not a port"
    with pytest.raises(json_format.ParseError):
        validate_bootstrap(bootstrap)


def test_yaml_round_trip() -> None:
    bootstrap = build_bootstrap(params())
    assert yaml.safe_load(bootstrap_yaml(bootstrap)) == bootstrap


def test_bootstrap_for_a_request_takes_admin_port_service_and_address_from_the_dataplane() -> None:
    request = BootstrapRequest(
        mesh="default", name="dp-1", dataplane_token="t", dataplane_resource=json.dumps(DATAPLANE)
    )
    bootstrap, sidecar = bootstrap_for_request(request, DATAPLANE, xds_host="127.0.0.1", xds_port=1234)
    assert bootstrap["admin"]["address"]["socketAddress"]["portValue"] == 9911
    assert bootstrap["node"]["cluster"] == "backend"
    assert bootstrap["node"]["id"] == "default.dp-1"
    assert sidecar.networking.address == "10.0.0.7"
    plain = {"type": "Dataplane", "mesh": "default", "name": "dp-1", "networking": {"address": "1.2.3.4"}}
    bootstrap, _ = bootstrap_for_request(
        request, plain, xds_host="127.0.0.1", xds_port=1, default_admin_port=9901
    )
    assert bootstrap["admin"]["address"]["socketAddress"]["portValue"] == 9901
    assert bootstrap["node"]["cluster"] == "unknown"


def test_request_ca_is_used_only_when_the_server_has_tls() -> None:
    request = BootstrapRequest(mesh="default", name="dp-1", ca_cert="REQUEST-CA")
    plain, _ = bootstrap_for_request(request, DATAPLANE, xds_host="127.0.0.1", xds_port=1)
    assert "secrets" not in plain["staticResources"]
    tls, _ = bootstrap_for_request(
        request, DATAPLANE, xds_host="127.0.0.1", xds_port=1, ca_cert_pem="SERVER-CA"
    )
    trusted = tls["staticResources"]["secrets"][0]["validationContext"]["trustedCa"]["inlineBytes"]
    assert base64.b64decode(trusted) == b"REQUEST-CA"
