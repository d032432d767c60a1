"""MeshService: port sections, port lookup, REST defaults and enums."""

from __future__ import annotations

from pulumi_kuma.kinds import meshservice
from pulumi_kuma.kinds.meshservice import MeshServiceSpec, PortSection, find_port, port_sections
from tests.kinds.support import pairs, rest

MS = MeshServiceSpec.model_validate(
    {
        "ports": [
            {"name": "http", "port": 80, "targetPort": 8080, "appProtocol": "http"},
            {"port": 9090, "targetPort": "metrics"},
        ]
    }
)


def test_mesh_service_port_sections() -> None:
    assert port_sections(MS) == [PortSection(80, "http", "http"), PortSection(9090, "9090", "tcp")]
    assert meshservice.KIND.extras["port_sections"] is port_sections


def test_find_port_by_name_or_number() -> None:
    assert find_port(MS, "http") is not None and find_port(MS, "http").port == 80  # type: ignore[union-attr]
    assert find_port(MS, "80") is not None
    assert find_port(MS, "9090") is not None and find_port(MS, "9090").target_port == "metrics"  # type: ignore[union-attr]
    assert find_port(MS, "8080") is None


def test_mesh_service_rest_defaults_and_enums() -> None:
    doc = {"type": "MeshService", "mesh": "default", "name": "web", "spec": {"ports": [{"port": 80}]}}
    result = rest(doc)
    assert result.valid, result.violations
    assert result.spec == {"state": "Unavailable", "ports": [{"port": 80, "appProtocol": "tcp"}]}
    doc["spec"] = {"state": "Up", "identities": [{"type": "Name"}]}
    assert pairs(rest(doc).violations) == [
        ("spec.state", "in body should be one of [Available Unavailable]"),
        ("spec.identities[0].type", "in body should be one of [SpiffeID]"),
        ("spec.identities[0].value", "in body is required"),
    ]
