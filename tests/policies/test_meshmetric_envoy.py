"""MeshMetric's Envoy translation against Kuma's plugin goldens (``plugins/meshmetric/plugin/v1alpha1/testdata``)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pulumi_kuma.envoy import CLUSTER, LISTENER, ProxyResources, envoy_configurer
from pulumi_kuma.policies import meshmetric
from pulumi_kuma.registry import REGISTRY
from tests.policies.envoy_support import golden
from tests.policies.observability_support import otel_backend, proxy
from tests.policies.rules_support import assert_converts, policy, proxy_rules

TESTDATA = "meshmetric/plugin/v1alpha1/testdata/"
WORKLOAD = {"kuma.io/workload": "backend", "kuma.io/zone": "zone-1", "k8s.kuma.io/namespace": "kuma-demo"}
APP = {"path": "/metrics", "port": 8080}
PROMETHEUS = {"type": "Prometheus", "prometheus": {"path": "/metrics", "port": 5670}}
BACKENDS = [
    otel_backend("otel-collector", "otel-collector.observability.svc"),
    otel_backend("second-collector", "second-collector.observability.svc"),
]


def otel(name: str, **extra: Any) -> dict[str, Any]:
    ref = {"kind": "MeshOpenTelemetryBackend", "labels": {"kuma.io/display-name": name}}
    return {"type": "OpenTelemetry", "openTelemetry": {"backendRef": ref, **extra}}


def prometheus(client: str, port: int) -> dict[str, Any]:
    return {"type": "Prometheus", "prometheus": {"clientId": client, "path": "/metrics", "port": port}}


CASES = {
    "default": {"applications": [{"name": "test-app", **APP}], "backends": [PROMETHEUS]},
    "basic": {"sidecar": {"includeUnused": False}, "applications": [APP], "backends": [PROMETHEUS]},
    "multiple_prometheus": {
        "sidecar": {"includeUnused": False},
        "applications": [APP],
        "backends": [prometheus("first-backend", 5670), prometheus("second-backend", 5671)],
    },
    "openTelemetry": {"applications": [APP], "backends": [otel("otel-collector", refreshInterval="10s")]},
    "otel_and_prometheus": {
        "sidecar": {"includeUnused": False},
        "applications": [APP],
        "backends": [PROMETHEUS, otel("otel-collector")],
    },
    "multiple_otel": {
        "sidecar": {"includeUnused": False},
        "applications": [APP],
        "backends": [otel("otel-collector"), otel("second-collector")],
    },
}


def by_name(resources: ProxyResources, type_url: str) -> list[dict[str, Any]]:
    """Kuma's goldens list resources by name."""
    return sorted((dict(e.view) for e in resources.entries(type_url)), key=lambda r: r["name"])


@pytest.mark.parametrize("name", list(CASES))
def test_matches_kumas_golden(name: str) -> None:
    resources = ProxyResources()
    ctx = proxy(labels=WORKLOAD, address="192.168.0.1", workdir="/tmp", backends=BACKENDS)

    meshmetric.configure_envoy(
        ctx, proxy_rules("MeshMetric", CASES[name], policy("MeshMetric", "m")), resources
    )
    assert_converts(resources)

    assert by_name(resources, LISTENER) == golden(TESTDATA + f"{name}.listeners.golden.yaml")
    assert by_name(resources, CLUSTER) == golden(TESTDATA + f"{name}.clusters.golden.yaml")


def test_agent_config_is_gos_json_with_sorted_labels_and_profiles() -> None:
    conf = {
        "sidecar": {
            "includeUnused": True,
            "profiles": {
                "appendProfiles": [{"name": "Basic"}],
                "exclude": [{"type": "Regex", "match": "a<b&c>"}],
            },
        },
        "backends": [PROMETHEUS],
    }
    body = meshmetric.go_json(meshmetric.agent_config(proxy(), conf, True, []))
    assert body == (
        '{"observability":{"metrics":{"applications":null,"backends":[{"type":"Prometheus","name":null}],'
        '"sidecar":{"profiles":{"appendProfiles":[{"name":"Basic"}],"exclude":[{"type":"Regex","match":"a\\u003cb\\u0026c\\u003e"}]},'
        '"includeUnused":true},"extraLabels":{"kuma.proxy_role":"sidecar","mesh":"default"}}}}'
    )
    assert (
        json.loads(body)["observability"]["metrics"]["sidecar"]["profiles"]["exclude"][0]["match"] == "a<b&c>"
    )


def test_no_backends_no_resources() -> None:
    resources = ProxyResources()
    meshmetric.configure_envoy(proxy(), proxy_rules("MeshMetric", {"applications": [APP]}), resources)
    assert_converts(resources)
    assert len(resources) == 0


def test_provided_tls_without_certificates_serves_plain_http() -> None:
    """Kuma falls back to a plain endpoint when the agent sent no certificate paths; ours never does."""
    resources = ProxyResources()
    backend = {
        "type": "Prometheus",
        "prometheus": {"path": "/metrics", "port": 5670, "tls": {"mode": "ProvidedTLS"}},
    }
    meshmetric.configure_envoy(
        proxy(address="192.168.0.1"), proxy_rules("MeshMetric", {"backends": [backend]}), resources
    )
    assert_converts(resources)
    listener = resources.get(LISTENER, "system_meshmetric_prometheus_default-backend")
    assert listener is not None
    assert "transportSocket" not in listener.view["filterChains"][0]


def test_registered() -> None:
    assert envoy_configurer(REGISTRY.by_name("MeshMetric")) is meshmetric.configure_envoy
