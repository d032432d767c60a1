"""MeshAccessLog's Envoy translation against Kuma's plugin goldens
(``plugins/meshaccesslog/plugin/v1alpha1/testdata``).

Each case rebuilds one entry of Kuma's ``plugin_test.go``: the golden listeners without what the
plugin adds (access loggers, route metadata, the Lua filter), the same rules and backends."""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from typing import Any

import pytest

from pulumi_kuma.envoy import (
    LISTENER,
    InboundView,
    Protocol,
    ProxyResources,
    envoy_configurer,
    http_connection_managers,
    routes,
    tcp_proxies,
)
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.model.rules import InboundListener
from pulumi_kuma.policies import meshaccesslog
from pulumi_kuma.registry import REGISTRY
from tests.policies.envoy_support import (
    add,
    clusters,
    destination,
    golden,
    http_inbound,
    kind_rules,
    listeners,
)
from tests.policies.observability_support import otel_backend, proxy
from tests.policies.rules_support import assert_converts, inbound_rules, policy

TESTDATA = "meshaccesslog/plugin/v1alpha1/testdata/"
HTTP_SERVICE = "kri_msvc_default_zone-1_other-ns_other-meshservice-http_"
TCP_SERVICE = "kri_msvc_default_zone-1_other-ns_other-meshservice-tcp_"
FOO_SERVICE = "kri_msvc_default_zone-1_other-ns_foo-meshservice-tcp_"
BAR_SERVICE = "kri_msvc_default_zone-1_other-ns_bar-meshservice-tcp_"
EXTERNAL = "kri_extsvc_default___other-meshexternalservice-http_"
INBOUND = InboundListener("127.0.0.1", 17777)
WORKLOAD = {"kuma.io/zone": "zone-1", "k8s.kuma.io/namespace": "kuma-demo", "kuma.io/workload": "backend"}
POLICY = policy("MeshAccessLog", "mal")


def route(name: str) -> str:
    return f"kri_mhttpr_default___{name}_"


def file(path: str, **fmt: Any) -> dict[str, Any]:
    backend: dict[str, Any] = {"type": "File", "file": {"path": path}}
    if fmt:
        backend["file"]["format"] = fmt
    return backend


def tcp(**fmt: Any) -> dict[str, Any]:
    backend: dict[str, Any] = {"type": "Tcp", "tcp": {"address": "logging.backend"}}
    if fmt:
        backend["tcp"]["format"] = fmt
    return backend


def otel(name: str, **extra: Any) -> dict[str, Any]:
    ref = {"kind": "MeshOpenTelemetryBackend", "labels": {"kuma.io/display-name": name}}
    return {"type": "OpenTelemetry", "openTelemetry": {"backendRef": ref, **extra}}


def with_common_config(listener: dict[str, Any]) -> dict[str, Any]:
    """The golden with the OpenTelemetry logger's top-level ``logName`` and ``grpcService`` (newer
    than our Envoy protos) moved into the equivalent ``commonConfig``, which we generate."""
    out = copy.deepcopy(listener)
    for config in [*http_connection_managers(out), *tcp_proxies(out)]:
        for log in config.get("accessLog", []):
            typed = log["typedConfig"]
            if "logName" in typed:
                typed["commonConfig"] = {
                    "logName": typed.pop("logName"),
                    "grpcService": typed.pop("grpcService"),
                    "transportApiVersion": "V3",
                }
    return out


def stripped(listener: dict[str, Any]) -> dict[str, Any]:
    """The listener before the plugin: no loggers, route metadata or Lua filter."""
    out = copy.deepcopy(listener)
    for config in [*http_connection_managers(out), *tcp_proxies(out)]:
        config.pop("accessLog", None)
    for hcm in http_connection_managers(out):
        hcm["httpFilters"] = [f for f in hcm["httpFilters"] if f["name"] != meshaccesslog.LUA_FILTER]
        for item in routes(hcm):
            item.pop("metadata", None)
    return out


def service(kri: str, port: int, protocol: Protocol) -> Any:
    found = destination(f"{kri}{port}", protocol)
    display = kri.split("_")[-2]
    kind = "MeshExternalService" if kri.startswith("kri_extsvc") else "MeshService"
    resource = ResourceObject(type=kind, name=display, mesh="default")
    return dataclasses.replace(found, kind=kind, resource=resource)


@dataclass
class Case:
    id: str
    outbound: list[tuple[str, str, int, Protocol]] = field(default_factory=list)
    """(golden, service KRI without section, port, protocol)"""
    to: dict[str, Any] = field(default_factory=dict)
    clusters: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)


CASES = [
    Case(
        "real MeshService",
        [("basic_outbound_real_meshservice", HTTP_SERVICE, 27777, Protocol.HTTP)],
        {HTTP_SERVICE: {"backends": [file("/tmp/log")]}},
    ),
    Case(
        "MeshHTTPRoute routes log to their own backends",
        [("basic_outbound_meshhttproute", HTTP_SERVICE, 27777, Protocol.HTTP)],
        {
            HTTP_SERVICE: {"backends": [file("/tmp/meshservice/log")]},
            route("route-2"): {"backends": [file("/tmp/route-2/log")]},
            route("route-3"): {"backends": [file("/tmp/route-3/log")]},
        },
    ),
    Case(
        "a route named by its rule matches a policy for the whole route",
        [("basic_outbound_meshhttproute_resource_name", HTTP_SERVICE, 27777, Protocol.HTTP)],
        {
            HTTP_SERVICE: {"backends": [file("/tmp/meshservice/log")]},
            route("route-2"): {"backends": [file("/tmp/route-2/log")]},
        },
    ),
    Case(
        "no backends for one route turns its logging off",
        [("disable_mal_for_meshhttproute", HTTP_SERVICE, 27777, Protocol.HTTP)],
        {HTTP_SERVICE: {"backends": [file("/tmp/meshservice/log")]}, route("route-2"): {"backends": []}},
    ),
    Case(
        "real MeshExternalService",
        [("basic_outbound_real_meshexternalservice", EXTERNAL, 47777, Protocol.HTTP)],
        {EXTERNAL: {"backends": [file("/tmp/log")]}},
    ),
    Case(
        "file, default format",
        [("outbound_file_backend_default_format", TCP_SERVICE, 37777, Protocol.TCP)],
        {TCP_SERVICE: {"backends": [file("/tmp/log")]}},
    ),
    Case(
        "file, plain format",
        [("outbound_file_backend_plain_format", TCP_SERVICE, 37777, Protocol.TCP)],
        {
            TCP_SERVICE: {
                "backends": [file("/tmp/log", plain="custom format [%START_TIME%] %RESPONSE_FLAGS%")]
            }
        },
    ),
    Case(
        "file, json format",
        [("outbound_file_backend_json_format", TCP_SERVICE, 37777, Protocol.TCP)],
        {
            TCP_SERVICE: {
                "backends": [
                    file(
                        "/tmp/log",
                        json=[
                            {"key": "protocol", "value": "%PROTOCOL%"},
                            {"key": "duration", "value": "%DURATION%"},
                        ],
                    )
                ]
            }
        },
    ),
    Case(
        "tcp, default format",
        [("outbound_tcp_backend_default_format", TCP_SERVICE, 37777, Protocol.TCP)],
        {TCP_SERVICE: {"backends": [tcp()]}},
    ),
    Case(
        "tcp, plain format",
        [("outbound_tcp_backend_plain_format", TCP_SERVICE, 37777, Protocol.TCP)],
        {TCP_SERVICE: {"backends": [tcp(plain="custom format [%START_TIME%] %RESPONSE_FLAGS%")]}},
    ),
    Case(
        "tcp, json format",
        [("outbound_tcp_backend_json_format", TCP_SERVICE, 37777, Protocol.TCP)],
        {
            TCP_SERVICE: {
                "backends": [
                    tcp(
                        json=[
                            {"key": "protocol", "value": "%PROTOCOL%"},
                            {"key": "duration", "value": "%DURATION%"},
                        ]
                    )
                ]
            }
        },
    ),
    Case(
        "opentelemetry, default, raw string and OTLP value bodies",
        [
            # Kuma lists the listeners by name: bar, foo, other.
            ("outbound_otel_backend_plain_format", BAR_SERVICE, 37779, Protocol.TCP),
            ("outbound_otel_backend_plain_format_1", FOO_SERVICE, 37778, Protocol.TCP),
            ("outbound_otel_backend_plain_format_2", TCP_SERVICE, 37777, Protocol.TCP),
        ],
        {
            TCP_SERVICE: {"backends": [otel("otel-collector")]},
            FOO_SERVICE: {"backends": [otel("otel-collector", body="%KUMA_MESH%")]},
            BAR_SERVICE: {
                "backends": [
                    otel(
                        "other-otel-collector",
                        body={
                            "kvlistValue": {
                                "values": [{"key": "mesh", "value": {"stringValue": "%KUMA_MESH%"}}]
                            }
                        },
                    )
                ]
            },
        },
        clusters=["outbound_otel_backend_plain_format", "outbound_otel_backend_plain_format_1"],
    ),
    Case(
        "no policy for the route", [("outbound_route_without_match", HTTP_SERVICE, 27777, Protocol.HTTP)], {}
    ),
    Case(
        "opentelemetry with workload identity and a legacy placeholder key",
        [("outbound_otel_workload_identity", HTTP_SERVICE, 27777, Protocol.HTTP)],
        {
            HTTP_SERVICE: {
                "backends": [
                    otel(
                        "otel-collector",
                        body="%KUMA_MESH% %KUMA_ZONE% %KUMA_WORKLOAD%",
                        attributes=[
                            {"key": "mesh", "value": "%KUMA_MESH%"},
                            {"key": "zone", "value": "%KUMA_ZONE%"},
                            {"key": "workload", "value": "%KUMA_WORKLOAD%"},
                            {"key": "static.zone", "value": "static-zone-value"},
                            {"key": "%KUMA_ZONE%", "value": "legacy-zone-key"},
                        ],
                    )
                ]
            }
        },
        clusters=["outbound_otel_workload_identity"],
        labels=WORKLOAD,
    ),
    Case(
        "file with workload placeholders",
        [("outbound_file_workload_identity", HTTP_SERVICE, 27777, Protocol.HTTP)],
        {HTTP_SERVICE: {"backends": [file("/tmp/log", plain="%KUMA_MESH% %KUMA_ZONE% %KUMA_WORKLOAD%")]}},
        labels=WORKLOAD,
    ),
]
BACKENDS = [
    otel_backend("otel-collector", "otel-collector", 4317),
    otel_backend("other-otel-collector", "other-otel-collector", 5317),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_outbound_matches_kumas_golden(case: Case) -> None:
    resources = ProxyResources()
    expected = []
    for name, kri, port, protocol in case.outbound:
        [body] = golden(TESTDATA + f"{name}.listener.golden.yaml")
        add(resources, LISTENER, stripped(body), destination=service(kri, port, protocol))
        expected.append(with_common_config(body))
    ctx = proxy(backends=BACKENDS, labels=case.labels, workdir="/tmp")

    meshaccesslog.configure_envoy(ctx, kind_rules("MeshAccessLog", outbound=case.to), resources)
    assert_converts(resources)

    assert listeners(resources) == expected
    assert clusters(resources) == [
        c for name in case.clusters for c in golden(TESTDATA + f"{name}.cluster.golden.yaml")
    ]


def named_inbound(name: str) -> InboundView:
    return dataclasses.replace(
        http_inbound(17777),
        name=f"self_inbound_dp_{name}",
        section_name=name,
        kri=f"kri_dp_default_zone-1_kuma-demo_backend_{name}",
        spec={"name": name, "port": 17777},
    )


@pytest.mark.parametrize(
    ("name", "rules", "inbounds", "labels"),
    [
        ("inbound_route", [(None, file("/tmp/log"))], [http_inbound(17777)], {}),
        (
            "inbound_route_duplicate_port",
            [(None, file("/tmp/log"))],
            [http_inbound(17777), http_inbound(17777)],
            {},
        ),
        (
            "inbound_route_tagless",
            [(None, file("/tmp/log"))],
            [named_inbound("http")],
            {"kuma.io/zone": "zone-1", "k8s.kuma.io/namespace": "kuma-demo"},
        ),
        (
            "inbound_matches_spiffeid_and_catchall",
            [
                (
                    {
                        "spiffeID": {
                            "type": "Exact",
                            "value": "spiffe://default/ns/clients/sa/specific-client",
                        }
                    },
                    file("/tmp/specific.log"),
                ),
                (None, file("/tmp/all.log")),
            ],
            [http_inbound(17777)],
            {},
        ),
    ],
)
def test_inbound_matches_kumas_golden(
    name: str, rules: list[tuple[Any, Any]], inbounds: list[InboundView], labels: dict[str, str]
) -> None:
    [body] = golden(TESTDATA + f"{name}.listener.golden.yaml")
    resources = ProxyResources()
    add(resources, LISTENER, stripped(body), inbound=inbounds[0])
    resolved = inbound_rules(
        "MeshAccessLog", {INBOUND: [(match, {"backends": [backend]}, POLICY) for match, backend in rules]}
    )

    meshaccesslog.configure_envoy(proxy(inbounds, labels=labels), resolved, resources)
    assert_converts(resources)

    assert listeners(resources) == [body]


def test_tcp_backend_writes_to_the_agents_pipe_in_its_workdir() -> None:
    [body] = golden(TESTDATA + "outbound_tcp_backend_default_format.listener.golden.yaml")
    resources = ProxyResources()
    add(resources, LISTENER, stripped(body), destination=service(TCP_SERVICE, 37777, Protocol.TCP))
    ctx = proxy(workdir="/var/run/dp-1", name="web")
    meshaccesslog.configure_envoy(
        ctx, kind_rules("MeshAccessLog", outbound={TCP_SERVICE: {"backends": [tcp()]}}), resources
    )
    assert_converts(resources)
    [proxy_config] = tcp_proxies(listeners(resources)[0])
    assert proxy_config["accessLog"][0]["typedConfig"]["path"] == "/var/run/dp-1/kuma-al-web-default.sock"


def test_omit_empty_values_and_traffic_direction() -> None:
    [body] = golden(TESTDATA + "inbound_route.listener.golden.yaml")
    resources = ProxyResources()
    inbound = http_inbound(17777)
    add(resources, LISTENER, stripped(body), inbound=inbound)
    backend = file("/tmp/log", plain="%KUMA_TRAFFIC_DIRECTION% %KUMA_SOURCE_ADDRESS%", omitEmptyValues=True)
    resolved = inbound_rules("MeshAccessLog", {INBOUND: [(None, {"backends": [backend]}, POLICY)]})
    meshaccesslog.configure_envoy(proxy([inbound], address="10.0.0.1"), resolved, resources)
    assert_converts(resources)
    [hcm] = http_connection_managers(listeners(resources)[0])
    assert hcm["accessLog"][0]["typedConfig"]["logFormat"] == {
        "textFormatSource": {"inlineString": "INBOUND 10.0.0.1:0\n"},
        "omitEmptyValues": True,
    }


def test_dangling_opentelemetry_reference_is_left_out() -> None:
    [body] = golden(TESTDATA + "outbound_route_without_match.listener.golden.yaml")
    resources = ProxyResources()
    add(resources, LISTENER, stripped(body), destination=service(HTTP_SERVICE, 27777, Protocol.HTTP))
    meshaccesslog.configure_envoy(
        proxy(),
        kind_rules("MeshAccessLog", outbound={HTTP_SERVICE: {"backends": [otel("nowhere")]}}),
        resources,
    )
    assert_converts(resources)
    assert listeners(resources) == [body]
    assert clusters(resources) == []


def test_registered() -> None:
    assert envoy_configurer(REGISTRY.by_name("MeshAccessLog")) is meshaccesslog.configure_envoy
