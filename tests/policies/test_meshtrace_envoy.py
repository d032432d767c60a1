"""MeshTrace's Envoy translation against Kuma's plugin goldens (``plugins/meshtrace/plugin/v1alpha1/testdata``)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from pulumi_kuma.envoy import LISTENER, ProxyResources, envoy_configurer, http_connection_managers
from pulumi_kuma.policies import meshtrace
from pulumi_kuma.registry import REGISTRY
from tests.policies.envoy_support import PLUGINS, add, clusters, destination, golden, http_inbound, listeners
from tests.policies.observability_support import otel_backend, proxy
from tests.policies.rules_support import assert_converts, policy, proxy_rules

TESTDATA = "meshtrace/plugin/v1alpha1/testdata/"
BACKEND_80 = "kri_msvc_default_zone-1_backend-ns_backend_80"
ZIPKIN_URL = "http://jaeger-collector.mesh-observability:9411/api/v2/spans"
TAGS = [
    {"name": "app", "literal": "backend"},
    {"name": "app_code", "header": {"name": "app_code"}},
    {"name": "client_id", "header": {"name": "client_id", "default": "none"}},
]
SAMPLING = {"overall": 10, "client": 20, "random": 50}
ZIPKIN = {
    "type": "Zipkin",
    "zipkin": {
        "url": ZIPKIN_URL,
        "sharedSpanContext": True,
        "apiVersion": "httpProto",
        "traceId128bit": True,
    },
}
WORKLOAD = {"kuma.io/workload": "backend", "kuma.io/zone": "zone-1", "k8s.kuma.io/namespace": "kuma-demo"}


def without_tracing(listener: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(listener)
    for hcm in http_connection_managers(out):
        hcm.pop("tracing", None)
    return out


CASES = [
    ("inbound-outbound-zipkin", {"tags": TAGS, "sampling": SAMPLING, "backends": [ZIPKIN]}, {}),
    (
        "inbound-outbound-otel",
        {
            "tags": TAGS,
            "sampling": SAMPLING,
            "backends": [
                {
                    "type": "OpenTelemetry",
                    "openTelemetry": {
                        "backendRef": {
                            "kind": "MeshOpenTelemetryBackend",
                            "labels": {"kuma.io/display-name": "otel-collector"},
                        }
                    },
                }
            ],
        },
        {"backends": [otel_backend("otel-collector", "jaeger-collector.mesh-observability")]},
    ),
    (
        "inbound-outbound-otel-ipv6",
        {
            "backends": [
                {
                    "type": "OpenTelemetry",
                    "openTelemetry": {
                        "backendRef": {
                            "kind": "MeshOpenTelemetryBackend",
                            "labels": {"kuma.io/display-name": "otel-collector-ipv6"},
                        }
                    },
                }
            ]
        },
        {"backends": [otel_backend("otel-collector-ipv6", "2001:db8::1")]},
    ),
    (
        "inbound-outbound-datadog",
        {
            "sampling": {"random": 50},
            "backends": [
                {"type": "Datadog", "datadog": {"url": "http://ingest.datadog.eu:8126", "splitService": True}}
            ],
        },
        {},
    ),
    (
        "empty-sampling",
        {
            "backends": [
                {
                    "type": "Zipkin",
                    "zipkin": {"url": ZIPKIN_URL, "sharedSpanContext": True, "traceId128bit": True},
                }
            ]
        },
        {},
    ),
    (
        "inbound-outbound-zipkin-workload-identity",
        {"backends": [ZIPKIN]},
        {"labels": WORKLOAD, "zone": "zone-1"},
    ),
    (
        "inbound-outbound-zipkin-user-tag-no-override",
        {"tags": [{"name": "kuma.mesh", "literal": "user-mesh"}], "backends": [ZIPKIN]},
        {"labels": WORKLOAD, "zone": "zone-1"},
    ),
    ("empty-backend-list", {"backends": []}, {}),
]


@pytest.mark.parametrize(("name", "conf", "setup"), CASES, ids=[c[0] for c in CASES])
def test_matches_kumas_golden(name: str, conf: dict[str, Any], setup: dict[str, Any]) -> None:
    inbound_golden, outbound_golden = golden(TESTDATA + f"{name}.listener.golden.yaml")
    inbound = http_inbound(17777)
    resources = ProxyResources()
    add(resources, LISTENER, without_tracing(inbound_golden), inbound=inbound)
    add(resources, LISTENER, without_tracing(outbound_golden), destination=destination(BACKEND_80))
    ctx = proxy(
        [inbound],
        zone=setup.get("zone", "test-zone"),
        labels=setup.get("labels"),
        backends=setup.get("backends", ()),
    )

    meshtrace.configure_envoy(ctx, proxy_rules("MeshTrace", conf, policy("MeshTrace", "default")), resources)
    assert_converts(resources)

    assert listeners(resources) == [inbound_golden, outbound_golden]
    assert clusters(resources) == golden_clusters(f"{name}.cluster.golden.yaml")


def golden_clusters(name: str) -> list[dict[str, Any]]:
    """A cluster golden's resources (Kuma writes ``{}`` when the plugin added none)."""
    if (PLUGINS / TESTDATA / name).read_text().strip() == "{}":
        return []
    return golden(TESTDATA + name)


@pytest.mark.parametrize(
    "backend_ref",
    [None, {"kind": "MeshOpenTelemetryBackend", "labels": {"kuma.io/test": "non-existing"}}],
    ids=["no backendRef", "dangling backendRef"],
)
def test_unresolved_opentelemetry_backend_traces_without_provider(backend_ref: Any) -> None:
    inbound_golden, _ = golden(TESTDATA + "inbound-outbound-otel.listener.golden.yaml")
    inbound = http_inbound(17777)
    resources = ProxyResources()
    add(resources, LISTENER, without_tracing(inbound_golden), inbound=inbound)
    otel: dict[str, Any] = {} if backend_ref is None else {"backendRef": backend_ref}
    conf = {"backends": [{"type": "OpenTelemetry", "openTelemetry": otel}]}
    meshtrace.configure_envoy(proxy([inbound]), proxy_rules("MeshTrace", conf), resources)
    assert_converts(resources)
    [hcm] = http_connection_managers(listeners(resources)[0])
    assert "provider" not in hcm["tracing"]
    assert clusters(resources) == []


def test_http_opentelemetry_backend_exports_over_http() -> None:
    inbound_golden, _ = golden(TESTDATA + "inbound-outbound-otel.listener.golden.yaml")
    inbound = http_inbound(17777)
    resources = ProxyResources()
    add(resources, LISTENER, without_tracing(inbound_golden), inbound=inbound)
    backend = otel_backend("collector", "otel.local", 4318, "http")
    backend.spec["endpoint"]["path"] = "/otlp"
    ref = {"kind": "MeshOpenTelemetryBackend", "labels": {"kuma.io/display-name": "collector"}}
    conf = {"backends": [{"type": "OpenTelemetry", "openTelemetry": {"backendRef": ref}}]}
    meshtrace.configure_envoy(proxy([inbound], backends=[backend]), proxy_rules("MeshTrace", conf), resources)
    assert_converts(resources)
    [hcm] = http_connection_managers(listeners(resources)[0])
    assert hcm["tracing"]["provider"]["typedConfig"]["httpService"] == {
        "httpUri": {
            "uri": "http://otel.local:4318/otlp/v1/traces",
            "cluster": "system_meshtrace_otel_collector",
            "timeout": "10s",
        }
    }
    [cluster] = clusters(resources)
    assert "typedExtensionProtocolOptions" not in cluster


def test_external_service_outbounds_are_not_traced() -> None:
    resources = ProxyResources()
    _, outbound_golden = golden(TESTDATA + "inbound-outbound-zipkin.listener.golden.yaml")
    external = destination("kri_extsvc_default___api_443")
    external = type(external)(
        **{**{f: getattr(external, f) for f in external.__slots__}, "kind": "MeshExternalService"}
    )
    add(resources, LISTENER, without_tracing(outbound_golden), destination=external)
    meshtrace.configure_envoy(proxy(), proxy_rules("MeshTrace", {"backends": [ZIPKIN]}), resources)
    assert_converts(resources)
    [hcm] = http_connection_managers(listeners(resources)[0])
    assert "tracing" not in hcm
    assert [c["name"] for c in clusters(resources)] == [
        "system_meshtrace_zipkin_http---jaeger-collector-mesh-observability-9411-api-v2-spans"
    ]


def test_registered() -> None:
    assert envoy_configurer(REGISTRY.by_name("MeshTrace")) is meshtrace.configure_envoy
