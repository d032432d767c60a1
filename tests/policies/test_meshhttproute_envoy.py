"""MeshHTTPRoute's Envoy translation against Kuma's plugin goldens
(``plugins/meshhttproute/plugin/v1alpha1/testdata``).

Each case rebuilds the input of one of Kuma's ``plugin_test.go`` entries from real resources: the
MeshServices, the client Dataplane ``web-01`` with its outbound, and a MeshHTTPRoute named
``test-origin`` holding the rules Kuma's test hands to the plugin (so routes are named
``kri_mhttpr_default___test-origin_rule_0`` as in the goldens). The real resolver and generator
run with MeshHTTPRoute as the only policy kind; the outbound listener's routes must equal the
golden's field by field, and the set of clusters and load assignments must be the golden's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from pulumi_kuma.envoy import CLUSTER, ENDPOINT, ENVOY_CONFIGURER
from pulumi_kuma.envoy.names import DEFAULT_ROUTE_NAME
from pulumi_kuma.policies import meshhttproute
from pulumi_kuma.registry import REGISTRY
from tests.policies.golden import (
    MeshFixture,
    assert_like_golden,
    golden_resources,
    golden_routes,
    names,
    outbound_routes,
    ref,
)

TESTDATA = "meshhttproute/plugin/v1alpha1/testdata/"
BACKEND_80 = "kri_msvc_default___backend_80"
BACKEND_TEST_PORT = "kri_msvc_default___backend_test-port"


def prefix(value: str) -> dict[str, Any]:
    return {"path": {"type": "PathPrefix", "value": value}}


def route_to(rules: list[dict[str, Any]], target: dict[str, Any] | None = None) -> dict[str, Any]:
    """A MeshHTTPRoute spec for every proxy with these rules for traffic to ``backend``."""
    return {"targetRef": {"kind": "Mesh"}, "to": [{"targetRef": target or ref("backend"), "rules": rules}]}


@dataclass
class Case:
    id: str
    rules: list[dict[str, Any]]
    listener: str = BACKEND_80
    port_name: str | None = None
    protocol: str = "http"
    extra_services: list[tuple[str, str | None]] = field(default_factory=list)
    """(name, port name) of other HTTP MeshServices on port 80."""
    validate: bool = True


CASES = [
    Case(
        "basic-real-meshservice",
        [
            {
                "matches": [prefix("/v1")],
                "default": {"backendRefs": [ref("backend", "test-port", weight=100)]},
            },
            {
                "matches": [prefix("/v2"), prefix("/v3")],
                "default": {"backendRefs": [ref("backend-us", "test-port", weight=100)]},
            },
            {
                "matches": [prefix("/v4")],
                "default": {"backendRefs": [ref("backend", "test-port", weight=100, port=80)]},
            },
            {
                "matches": [{"queryParams": [{"type": "Exact", "name": "v1", "value": "true"}]}],
                "default": {"backendRefs": [ref("backend", "test-port", weight=100)]},
            },
        ],
        listener=BACKEND_TEST_PORT,
        port_name="test-port",
        extra_services=[("backend-us", "test-port")],
    ),
    Case(
        "match-priority",
        [
            {"matches": [prefix("/v1")], "default": {"backendRefs": [ref("backend", "80", weight=100)]}},
            {
                "matches": [{"path": {"type": "Exact", "value": "/v1/specific"}}, {"method": "GET"}],
                "default": {"backendRefs": [ref("backend", "80", weight=100)]},
            },
        ],
    ),
    Case(
        "headers-match",
        [
            {
                "matches": [
                    {
                        "headers": [
                            {"type": "Exact", "name": "foo-exact", "value": "bar"},
                            {"type": "Present", "name": "foo-present"},
                            {"type": "RegularExpression", "name": "foo-regex", "value": "x.*y"},
                            {"type": "Absent", "name": "foo-absent"},
                            {"type": "Prefix", "name": "foo-prefix", "value": "x"},
                        ]
                    }
                ],
                "default": {},
            }
        ],
    ),
    Case(
        "unresolvable-backend",
        [
            {
                "matches": [prefix("/v1")],
                "default": {
                    "backendRefs": [ref("backend", "80", weight=0), ref("alias-backend", "80", weight=100)]
                },
            }
        ],
    ),
    Case(
        "unresolvable-backend-port",
        [
            {
                "matches": [prefix("/v1")],
                "default": {
                    "backendRefs": [ref("backend", "80", weight=90), ref("backend", "9999", weight=10)]
                },
            }
        ],
    ),
    Case(
        "request-header-modifiers",
        [
            {
                "matches": [prefix("/v1")],
                "default": {
                    "filters": [
                        {
                            "type": "RequestHeaderModifier",
                            "requestHeaderModifier": {
                                "add": [{"name": "request-add-header", "value": "add-value"}],
                                "set": [
                                    {"name": "request-set-header", "value": "set-value"},
                                    {
                                        "name": "request-set-header-multiple",
                                        "value": "one-value,second-value",
                                    },
                                ],
                                "remove": ["request-header-to-remove"],
                            },
                        }
                    ]
                },
            }
        ],
    ),
    Case(
        "response-header-modifiers",
        [
            {
                "matches": [prefix("/v1")],
                "default": {
                    "filters": [
                        {
                            "type": "ResponseHeaderModifier",
                            "responseHeaderModifier": {
                                "add": [{"name": "response-add-header", "value": "add-value"}],
                                "set": [{"name": "response-set-header", "value": "set-value"}],
                                "remove": ["response-header-to-remove"],
                            },
                        }
                    ]
                },
            }
        ],
    ),
    Case(
        "request-redirect",
        [
            {
                "matches": [prefix("/v1")],
                "default": {"filters": [{"type": "RequestRedirect", "requestRedirect": {"scheme": "other"}}]},
            }
        ],
        validate=False,  # Kuma's test uses a scheme the REST schema would refuse ("other")
    ),
    Case(
        "url-rewrite",
        [
            {
                "matches": [prefix("/v1")],
                "default": {
                    "filters": [
                        {
                            "type": "URLRewrite",
                            "urlRewrite": {
                                "path": {"type": "ReplacePrefixMatch", "replacePrefixMatch": "/v2"}
                            },
                        }
                    ]
                },
            }
        ],
    ),
    Case(
        "grpc-service",
        [{"matches": [prefix("/v1")], "default": {"backendRefs": [ref("backend", "80", weight=100)]}}],
        protocol="grpc",
    ),
]


def _fixture(case: Case) -> MeshFixture:
    mesh = MeshFixture()
    mesh.service("backend", 80, protocol=case.protocol, port_name=case.port_name, endpoints=("192.168.0.4",))
    for name, port_name in case.extra_services:
        mesh.service(name, 80, port_name=port_name, endpoints=("192.168.0.6",))
    mesh.client([(10001, "backend", 80)])
    mesh.policy("MeshHTTPRoute", "test-origin", route_to(case.rules), validate=case.validate)
    return mesh


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_routes_clusters_and_endpoints_match_kumas_golden(case: Case) -> None:
    resources = _fixture(case).generate("MeshHTTPRoute")

    expected = golden_routes(f"{TESTDATA}{case.id}.listeners.golden.yaml", case.listener)
    assert_like_golden(outbound_routes(resources, case.listener), expected, f"{case.id} routes")
    assert names(resources, CLUSTER) == sorted(golden_resources(f"{TESTDATA}{case.id}.clusters.golden.yaml"))
    assert names(resources, ENDPOINT) == sorted(
        golden_resources(f"{TESTDATA}{case.id}.endpoints.golden.yaml")
    )


def test_request_mirrors_match_kumas_golden() -> None:
    """``request-mirror-real-resources``: mirrors to a MeshService (99.9 %), a MeshMultiZoneService
    and a MeshExternalService get their clusters; a mirror to nothing leaves the route alone."""
    mesh = MeshFixture()
    mesh.add(
        "MeshService",
        "backend",
        {
            "selector": {"dataplaneLabels": {"matchLabels": {"app": "backend"}}},
            "ports": [{"name": "test-port", "port": 80, "targetPort": 8084, "appProtocol": "http"}],
        },
        {"app": "backend"},
    )
    mesh.add(
        "MeshService",
        "payments-mirror",
        {
            "selector": {"dataplaneLabels": {"matchLabels": {"app": "payments-mirror"}}},
            "ports": [{"port": 80, "targetPort": 8086, "appProtocol": "http"}],
        },
        {"app": "payments-mirror"},
    )
    mesh.add(
        "MeshMultiZoneService",
        "payments-mz-mirror",
        {
            "selector": {"meshService": {"matchLabels": {"app": "payments-mirror"}}},
            "ports": [{"port": 80, "appProtocol": "http"}],
        },
        {"app": "payments-mz-mirror"},
    )
    mesh.add(
        "MeshExternalService",
        "payments-mes-mirror",
        {
            "match": {"type": "HostnameGenerator", "port": 9090, "protocol": "http"},
            "endpoints": [{"address": "192.168.0.10", "port": 10000}],
        },
        {"app": "payments-mes-mirror"},
    )
    mesh.client([(10001, "backend", 80)])

    def rule(path: str, mirror_kind: str, mirror_app: str, port: int, **mirror: Any) -> dict[str, Any]:
        backend_ref = {"kind": mirror_kind, "labels": {"app": mirror_app}, "port": port}
        return {
            "matches": [prefix(path)],
            "default": {
                "filters": [
                    {"type": "RequestMirror", "requestMirror": {"backendRef": backend_ref, **mirror}}
                ],
                "backendRefs": [
                    {"kind": "MeshService", "labels": {"app": "backend"}, "weight": 100, "port": 80}
                ],
            },
        }

    rules = [
        rule("/ms", "MeshService", "payments-mirror", 80, percentage="99.9"),
        rule("/mzms", "MeshMultiZoneService", "payments-mz-mirror", 80),
        rule("/mes", "MeshExternalService", "payments-mes-mirror", 9090),
        rule("/missing", "MeshService", "not-existing-mirror", 80),
    ]
    mesh.policy("MeshHTTPRoute", "test-origin", route_to(rules))

    resources = mesh.generate("MeshHTTPRoute")

    golden = f"{TESTDATA}request-mirror-real-resources"
    expected = golden_routes(f"{golden}.listeners.golden.yaml", BACKEND_TEST_PORT)
    assert_like_golden(outbound_routes(resources, BACKEND_TEST_PORT), expected, "mirror routes")
    assert names(resources, CLUSTER) == sorted(golden_resources(f"{golden}.clusters.golden.yaml"))


def test_default_route_without_policies_is_kept() -> None:
    """``default-meshservice``: no rule for the destination leaves the catch-all route to itself."""
    mesh = MeshFixture()
    mesh.service("backend", 80, endpoints=("192.168.0.4",))
    mesh.client([(10001, "backend", 80)])
    resources = mesh.generate("MeshHTTPRoute")
    expected = golden_routes(f"{TESTDATA}default-meshservice.listeners.golden.yaml", BACKEND_80)
    assert_like_golden(outbound_routes(resources, BACKEND_80), expected, "default route")
    assert outbound_routes(resources, BACKEND_80)[0]["name"] == DEFAULT_ROUTE_NAME


def test_registered_on_the_kind_descriptor() -> None:
    assert REGISTRY.by_name("MeshHTTPRoute").extras[ENVOY_CONFIGURER] is meshhttproute.configure_envoy


def test_policies_targeting_a_route_configure_its_envoy_routes() -> None:
    """MeshRetry, MeshTimeout and MeshLoadBalancingStrategy ``to: MeshHTTPRoute`` reach the routes
    named after that route's rules (``..._route-1_rule_0``), and only those; the default route keeps
    the destination's conf. Real resolver, real generator, every policy kind involved."""
    mesh = MeshFixture()
    mesh.service("backend", 80, endpoints=("192.168.0.4",))
    mesh.client([(10001, "backend", 80)])
    rule = {"matches": [prefix("/api")], "default": {}}
    mesh.policy("MeshHTTPRoute", "route-1", route_to([rule]))
    route_ref = {"kind": "MeshHTTPRoute", "labels": {"kuma.io/display-name": "route-1"}}

    def to(target: dict[str, Any], default: dict[str, Any]) -> dict[str, Any]:
        return {"targetRef": {"kind": "Mesh"}, "to": [{"targetRef": target, "default": default}]}

    mesh.policy("MeshRetry", "retry-route", to(route_ref, {"http": {"numRetries": 7}}))
    mesh.policy("MeshRetry", "retry-service", to(ref("backend"), {"http": {"numRetries": 2}}))
    mesh.policy("MeshTimeout", "timeout-route", to(route_ref, {"http": {"requestTimeout": "3s"}}))
    mesh.policy(
        "MeshLoadBalancingStrategy",
        "hash-route",
        to(route_ref, {"hashPolicies": [{"type": "Header", "header": {"name": "x-user"}}]}),
    )

    resources = mesh.generate("MeshHTTPRoute", "MeshLoadBalancingStrategy", "MeshTimeout", "MeshRetry")

    by_name: dict[str, list[dict[str, Any]]] = {}
    for route in outbound_routes(resources, BACKEND_80):
        by_name.setdefault(route["name"], []).append(route["route"])
    rule_routes = by_name.pop("kri_mhttpr_default___route-1_rule_0")
    assert len(rule_routes) == 2  # "/api" and "/api/"
    for action in rule_routes:
        assert action["retryPolicy"]["numRetries"] == 7
        assert action["timeout"] == "3s"
        assert action["hashPolicy"] == [{"header": {"headerName": "x-user"}}]
    [default] = by_name.pop(DEFAULT_ROUTE_NAME)
    assert default["retryPolicy"]["numRetries"] == 2
    assert default["timeout"] == "15s"  # MeshTimeout's default
    assert "hashPolicy" not in default
    assert not by_name
