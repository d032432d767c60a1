"""Kuma's names for system resources and the data plane agent's sockets."""

from __future__ import annotations

import pytest

from pulumi_kuma.envoy import names
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.registry import REGISTRY


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        # Goldens of Kuma's MeshTrace plugin (cluster names made from collector URLs).
        (
            "http://jaeger-collector.mesh-observability:9411/api/v2/spans",
            "http---jaeger-collector-mesh-observability-9411-api-v2-spans",
        ),
        (
            "http://datadog-collector.mesh-observability:8126",
            "http---datadog-collector-mesh-observability-8126",
        ),
        ("otel-collector", "otel-collector"),
        ("default-backend", "default-backend"),
        ("a_b", "a_b"),
        ("Ab", "-b"),
        ("", ""),
    ],
)
def test_clean_name_keeps_gos_empty_matches(raw: str, clean: str) -> None:
    assert names.clean_name(raw) == clean


def test_sockets_live_in_the_workdir_and_are_trimmed() -> None:
    assert names.access_log_socket("", "backend", "default") == "/tmp/kuma-al-backend-default.sock"
    assert names.metrics_hijacker_socket("/w", "backend", "default") == "/w/kuma-mh-backend-default.sock"
    assert names.dynamic_config_socket("") == "/tmp/kuma-mesh-metric-config.sock"
    assert names.otel_socket("/w", "collector") == "/w/kuma-otel-collector.sock"
    long = names.socket_name("/" + "d" * 200, "x")
    assert len(long) == names.UNIX_SOCKET_MAX + len(".sock")


def test_policy_kri_uses_display_name_zone_and_namespace() -> None:
    kind = REGISTRY.by_name("MeshFaultInjection")
    policy = ResourceObject(
        type="MeshFaultInjection",
        name="mfi-1.ns-1",
        mesh="default",
        labels={"kuma.io/display-name": "mfi-1", "kuma.io/zone": "zone-1", "k8s.kuma.io/namespace": "ns-1"},
    )
    assert names.policy_kri(kind, policy) == "kri_mfi_default_zone-1_ns-1_mfi-1_"
    assert names.system_name("meshtrace", "zipkin", "x") == "system_meshtrace_zipkin_x"
