"""MeshMultiZoneService: port sections and the exact appProtocol check."""

from __future__ import annotations

from pulumi_kuma.kinds import meshmultizoneservice
from pulumi_kuma.kinds.meshmultizoneservice import MeshMultiZoneServiceSpec
from pulumi_kuma.kinds.meshservice import PortSection
from tests.kinds.support import decode, pairs


def test_multizone_port_sections() -> None:
    spec = MeshMultiZoneServiceSpec.model_validate(
        {"ports": [{"port": 6379, "name": "redis", "appProtocol": "tcp"}]}
    )
    assert meshmultizoneservice.port_sections(spec) == [PortSection(6379, "redis", "tcp")]


def test_multizone_app_protocol_is_compared_exactly() -> None:
    # MeshService lower-cases appProtocol, MeshMultiZoneService does not (Kuma's behaviour).
    assert decode("MeshService", "ports: [{port: 1, appProtocol: HTTP}]") == []
    assert pairs(
        decode(
            "MeshMultiZoneService",
            "selector: {meshService: {matchLabels: {a: b}}}\nports: [{port: 1, appProtocol: HTTP}]",
        )
    ) == [("spec.ports[0].appProtocol", "appProtocol must be one of: grpc, http, http2, tcp")]
