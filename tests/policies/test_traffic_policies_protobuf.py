"""The traffic policies' Envoy output is valid proto3 JSON: every resource generated with policies
that use (nearly) every field converts to its protobuf message, typed configs included, as the
xDS server will convert it."""

from __future__ import annotations

from typing import Any

from pulumi_kuma.controlplane.xds.cache import ResourceConverter
from pulumi_kuma.envoy import CLUSTER, LISTENER
from tests.policies.golden import MeshFixture, ref
from tests.policies.test_meshretry_envoy import FIRST_HTTP, GRPC


def to(service: str, default: dict[str, Any]) -> dict[str, Any]:
    return {"targetRef": {"kind": "Mesh"}, "to": [{"targetRef": ref(service), "default": default}]}


def full_mesh() -> MeshFixture:
    mesh = MeshFixture()
    mesh.service("backend", 80, port_name="http", endpoints=("10.0.0.1", "10.0.0.2"))
    mesh.service("other", 80, port_name="http", endpoints=("10.0.0.3",))
    mesh.service("rpc", 81, protocol="grpc", port_name="grpc", endpoints=("10.0.0.4",))
    mesh.service("db", 5432, protocol="tcp", port_name="tcp", endpoints=("10.0.0.5",))
    mesh.service("db2", 5432, protocol="tcp", port_name="tcp", endpoints=("10.0.0.6",))
    mesh.client([(10001, "backend", 80), (10002, "rpc", 81), (10003, "db", 5432)])
    filters = [
        {
            "type": "RequestHeaderModifier",
            "requestHeaderModifier": {"set": [{"name": "x-a", "value": "1"}], "remove": ["x-b"]},
        },
        {
            "type": "ResponseHeaderModifier",
            "responseHeaderModifier": {"add": [{"name": "x-c", "value": "2"}]},
        },
        {
            "type": "URLRewrite",
            "urlRewrite": {
                "hostname": "example.com",
                "path": {"type": "ReplacePrefixMatch", "replacePrefixMatch": "/"},
            },
        },
        {
            "type": "RequestMirror",
            "requestMirror": {"backendRef": ref("other", port=80), "percentage": "12.5"},
        },
    ]
    rules = [
        {
            "matches": [
                {
                    "path": {"type": "PathPrefix", "value": "/api"},
                    "method": "GET",
                    "queryParams": [{"type": "RegularExpression", "name": "q", "value": "a.*"}],
                    "headers": [{"name": "x-v", "value": "2"}, {"type": "Absent", "name": "x-no"}],
                }
            ],
            "default": {
                "filters": filters,
                "backendRefs": [ref("backend", weight=3), ref("other", weight=1), ref("none", weight=1)],
            },
        },
        {
            "matches": [{"path": {"type": "Exact", "value": "/old"}}],
            "default": {
                "filters": [
                    {
                        "type": "RequestRedirect",
                        "requestRedirect": {
                            "scheme": "https",
                            "hostname": "example.org",
                            "port": 8443,
                            "statusCode": 301,
                            "path": {"type": "ReplaceFullPath", "replaceFullPath": "/new"},
                        },
                    }
                ]
            },
        },
        {
            "matches": [{"path": {"type": "RegularExpression", "value": "/gone/.*"}}],
            "default": {"backendRefs": [ref("none")]},
        },
    ]
    route = {"targetRef": {"kind": "Mesh"}, "to": [{"targetRef": ref("backend"), "rules": rules}]}
    mesh.policy("MeshHTTPRoute", "route", route)
    tcp_route = {
        "targetRef": {"kind": "Mesh"},
        "to": [
            {
                "targetRef": ref("db"),
                "rules": [{"default": {"backendRefs": [ref("db", weight=1), ref("db2", weight=1)]}}],
            }
        ],
    }
    mesh.policy("MeshTCPRoute", "tcp", tcp_route)
    mesh.policy("MeshRetry", "retry-http", to("backend", FIRST_HTTP))
    mesh.policy("MeshRetry", "retry-grpc", to("rpc", GRPC))
    mesh.policy("MeshRetry", "retry-tcp", to("db", {"tcp": {"maxConnectAttempt": 3}}))
    breaker = {
        "connectionLimits": {
            "maxConnections": 10,
            "maxPendingRequests": 5,
            "maxRequests": 7,
            "maxRetries": 2,
            "maxConnectionPools": 4,
        },
        "outlierDetection": {
            "interval": "2s",
            "baseEjectionTime": "30s",
            "maxEjectionPercent": 50,
            "splitExternalAndLocalErrors": True,
            "healthyPanicThreshold": "12.5",
            "detectors": {
                "totalFailures": {"consecutive": 3},
                "gatewayFailures": {"consecutive": 2},
                "localOriginFailures": {"consecutive": 4},
                "successRate": {"minimumHosts": 3, "requestVolume": 10, "standardDeviationFactor": "1.5"},
                "failurePercentage": {"minimumHosts": 2, "requestVolume": 5, "threshold": 70},
            },
        },
    }
    mesh.policy(
        "MeshCircuitBreaker",
        "cb",
        {
            "targetRef": {"kind": "Mesh"},
            "to": [{"targetRef": {"kind": "Mesh"}, "default": breaker}],
            "rules": [{"default": breaker}],
        },
    )
    check = {
        "interval": "5s",
        "timeout": "1s",
        "unhealthyThreshold": 2,
        "healthyThreshold": 1,
        "initialJitter": "1s",
        "intervalJitter": "1s",
        "intervalJitterPercent": 5,
        "noTrafficInterval": "10s",
        "reuseConnection": False,
        "alwaysLogHealthCheckFailures": True,
        "eventLogPath": "/tmp/hc.log",
        "failTrafficOnPanic": True,
        "http": {
            "path": "/health",
            "expectedStatuses": [200, 204],
            "requestHeadersToAdd": {"add": [{"name": "x-hc", "value": "a,b"}]},
        },
        "tcp": {"send": "ping", "receive": ["pong"]},
        "grpc": {"serviceName": "svc", "authority": "rpc.local"},
    }
    mesh.policy(
        "MeshHealthCheck",
        "hc",
        {"targetRef": {"kind": "Mesh"}, "to": [{"targetRef": {"kind": "Mesh"}, "default": check}]},
    )
    hashing = [
        {"type": "Header", "header": {"name": "x-user"}},
        {"type": "Cookie", "cookie": {"name": "session", "ttl": "1h", "path": "/"}, "terminal": True},
        {"type": "Connection", "connection": {"sourceIP": True}},
        {"type": "QueryParameter", "queryParameter": {"name": "u"}},
        {"type": "FilterState", "filterState": {"key": "k"}},
    ]
    affinity = {"localZone": {"affinityTags": [{"key": "app"}, {"key": "region"}]}}
    mesh.policy(
        "MeshLoadBalancingStrategy",
        "lb-backend",
        to(
            "backend",
            {
                "hashPolicies": hashing,
                "loadBalancer": {
                    "type": "RingHash",
                    "ringHash": {"minRingSize": 64, "maxRingSize": 1024, "hashFunction": "MurmurHash2"},
                },
                "localityAwareness": affinity,
            },
        ),
    )
    mesh.policy(
        "MeshLoadBalancingStrategy",
        "lb-rpc",
        to(
            "rpc",
            {
                "loadBalancer": {
                    "type": "LeastRequest",
                    "leastRequest": {"choiceCount": 3, "activeRequestBias": "1.5"},
                }
            },
        ),
    )
    mesh.policy(
        "MeshLoadBalancingStrategy",
        "lb-db",
        to("db", {"loadBalancer": {"type": "Maglev", "maglev": {"tableSize": 1021}}}),
    )
    return mesh


def test_every_generated_resource_converts_to_protobuf() -> None:
    resources = full_mesh().generate(
        "MeshHTTPRoute",
        "MeshTCPRoute",
        "MeshLoadBalancingStrategy",
        "MeshTimeout",
        "MeshHealthCheck",
        "MeshCircuitBreaker",
        "MeshRetry",
    )
    converter = ResourceConverter()
    converted = 0
    for type_url, entries in resources.by_type().items():
        for entry in entries:
            converter.convert(type_url, entry.view)
            converted += 1
    assert converted == len(resources)
    # the policies did reach the resources that were converted
    cluster = resources.get(CLUSTER, "kri_msvc_default___backend_http")
    assert cluster is not None and cluster.view["lbPolicy"] == "RING_HASH" and cluster.view["healthChecks"]
    assert resources.get(LISTENER, "kri_msvc_default___db_tcp") is not None
