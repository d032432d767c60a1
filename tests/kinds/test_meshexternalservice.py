"""MeshExternalService: port section, extension handling, server name, REST defaults."""

from __future__ import annotations

from pulumi_kuma.kinds import meshexternalservice
from pulumi_kuma.kinds.meshexternalservice import MeshExternalServiceSpec
from pulumi_kuma.kinds.meshservice import PortSection
from tests.kinds.support import decode, pairs, rest


def test_external_service_section_is_the_match_port() -> None:
    spec = MeshExternalServiceSpec.model_validate({"match": {"port": 443, "protocol": "http"}})
    assert meshexternalservice.port_sections(spec) == [PortSection(443, "443", "http")]


def test_external_service_with_extension_skips_endpoints_but_checks_data_sources() -> None:
    text = """
match: {port: 80, protocol: tcp}
extension: {type: custom}
endpoints: [{address: "not valid!", port: 0}]
tls: {version: {min: TLS9}, verification: {caCert: {type: EnvVar, envVar: {name: CA}}}}
"""
    assert pairs(decode("MeshExternalService", text)) == [
        ("spec.tls.verification.caCert.type", "EnvVar must be one of: Secret, InsecureInline")
    ]


def test_external_service_server_name_must_be_a_dns_name_not_an_ip() -> None:
    text = "match: {port: 80, protocol: tcp}\ntls: {verification: {serverName: 10.0.0.1}}"
    assert pairs(decode("MeshExternalService", text)) == [
        ("spec.tls.verification.serverName", "must be a valid DNS name")
    ]


def test_external_service_rest_defaults() -> None:
    doc = {
        "type": "MeshExternalService",
        "mesh": "default",
        "name": "api",
        "spec": {
            "match": {"port": 443},
            "tls": {"verification": {"subjectAltNames": [{"value": "api.example.com"}]}},
        },
    }
    result = rest(doc)
    assert result.valid, result.violations
    assert result.spec == {
        "match": {"type": "HostnameGenerator", "port": 443, "protocol": "tcp"},
        "tls": {
            "enabled": False,
            "allowRenegotiation": False,
            "verification": {
                "mode": "Secured",
                "subjectAltNames": [{"type": "Exact", "value": "api.example.com"}],
            },
        },
    }
