"""Traffic policies end to end: ``cp run``, three ``dp run`` proxies (real Envoy) and local apps.

``client-1`` reaches the MeshService ``backend`` (two endpoints: app ``b1`` behind ``server-1``,
app ``b2`` behind ``server-2``) over HTTP and ``tcp-echo`` (app ``t1``) over TCP; ``backend-v2``
(app ``v2``) and ``tcp-other`` (app ``t2``) exist for routes to send traffic to. Each test applies
one policy over the REST API, sees its effect in the traffic, deletes it and sees the old behaviour
come back:

* MeshRetry: the apps count the attempts of a request that fails twice;
* MeshCircuitBreaker: outlier detection ejects the endpoint whose app fails every request;
* MeshHealthCheck: the endpoint whose app fails its health check gets no traffic;
* MeshLoadBalancingStrategy: RingHash on a header pins each header value to one endpoint;
* MeshHTTPRoute: a header match goes to ``backend-v2``, the rest splits 80/20 by weight;
* MeshTCPRoute: connections to ``tcp-echo`` go to ``tcp-other``.
"""

from __future__ import annotations

import itertools
import socket
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from tests.e2e.apps import Attempts, HttpApp, http_app, tcp_app
from tests.e2e.support import ControlPlane, Proxy, eventually, free_port, in_sync, settled

pytestmark = pytest.mark.slow

MESH = "default"
_KEYS = itertools.count()


@dataclass
class Mesh:
    cp: ControlPlane
    client: Proxy
    apps: dict[str, HttpApp]
    attempts: Attempts
    http_port: int
    """The client's outbound listener for ``backend``."""
    tcp_port: int
    """The client's outbound listener for ``tcp-echo``."""


def _dataplane(name: str, labels: dict[str, str], inbound: list[dict[str, Any]], outbound: list[Any]) -> str:
    networking: dict[str, Any] = {"address": "127.0.0.1", "inbound": inbound}
    if outbound:
        networking["outbound"] = outbound
    doc = {"type": "Dataplane", "mesh": MESH, "name": name, "labels": labels, "networking": networking}
    return yaml.safe_dump(doc)


def _inbound(name: str, service_port: int, protocol: str = "http") -> dict[str, Any]:
    return {"name": name, "port": free_port(), "servicePort": service_port, "protocol": protocol}


def _service(cp: ControlPlane, name: str, selector: str, port: int, target: str, protocol: str) -> None:
    spec = {
        "selector": {"dataplaneLabels": {"matchLabels": {selector: "true"}}},
        "ports": [{"name": protocol, "port": port, "targetPort": target, "appProtocol": protocol}],
    }
    cp.put(
        f"/meshes/{MESH}/meshservices/{name}",
        {"type": "MeshService", "mesh": MESH, "name": name, "spec": spec},
    )


@pytest.fixture(scope="module")
def mesh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Mesh]:
    tmp: Path = tmp_path_factory.mktemp("traffic")
    with ExitStack() as stack:
        cp = stack.enter_context(ControlPlane(f"sqlite:///{tmp / 'cp.db'}"))
        attempts = Attempts()
        apps = {
            label: stack.enter_context(http_app(HttpApp(label, attempts))) for label in ("b1", "b2", "v2")
        }
        t1, t2 = stack.enter_context(tcp_app("t1")), stack.enter_context(tcp_app("t2"))
        cp.put(f"/meshes/{MESH}", {"type": "Mesh", "name": MESH, "skipCreatingInitialPolicies": ["*"]})
        _service(cp, "backend", "svc-backend", 80, "backend", "http")
        _service(cp, "backend-v2", "svc-v2", 80, "v2", "http")
        _service(cp, "tcp-echo", "svc-tcp", 9000, "tcp", "tcp")
        _service(cp, "tcp-other", "svc-tcp-other", 9000, "tcp-other", "tcp")
        server_1 = _dataplane(
            "server-1",
            {"svc-backend": "true", "svc-v2": "true", "svc-tcp": "true"},
            [
                _inbound("backend", apps["b1"].port),
                _inbound("v2", apps["v2"].port),
                _inbound("tcp", t1, "tcp"),
            ],
            [],
        )
        server_2 = _dataplane(
            "server-2",
            {"svc-backend": "true", "svc-tcp-other": "true"},
            [_inbound("backend", apps["b2"].port), _inbound("tcp-other", t2, "tcp")],
            [],
        )
        http_port, tcp_port = free_port(), free_port()
        client = _dataplane(
            "client-1",
            {"app": "client"},
            [_inbound("main", free_port())],
            [
                {"port": http_port, "backendRef": {"kind": "MeshService", "name": "backend", "port": 80}},
                {"port": tcp_port, "backendRef": {"kind": "MeshService", "name": "tcp-echo", "port": 9000}},
            ],
        )
        proxies = [
            stack.enter_context(Proxy(cp, tmp, doc, token=cp.token(MESH, name=name), name=name))
            for name, doc in (("server-1", server_1), ("server-2", server_2), ("client-1", client))
        ]
        for proxy in proxies:
            proxy.wait_live()
        result = Mesh(cp, proxies[-1], apps, attempts, http_port, tcp_port)
        eventually(lambda: set(labels(result, 12)) == {"b1", "b2"}, 30, what="both backends through the mesh")
        eventually(lambda: tcp_label(result) == "t1", 30, what="tcp-echo through the mesh")
        yield result


# --- traffic ----------------------------------------------------------------------------------------


def get(mesh: Mesh, path: str = "/", headers: dict[str, str] | None = None) -> tuple[int, str]:
    """GET through the client's outbound for ``backend``: status and the answering app's label."""
    try:
        # a new connection each time: a kept one would stay on a replaced listener (old routes)
        # until Envoy drains it
        response = httpx.get(f"http://127.0.0.1:{mesh.http_port}{path}", headers=headers, timeout=10)
    except httpx.HTTPError:
        return 0, ""
    text = response.text
    label = text.split()[0].removeprefix("upstream=") if text.startswith("upstream=") else ""
    return response.status_code, label


def labels(mesh: Mesh, count: int, headers: dict[str, str] | None = None) -> Counter[str]:
    """Which apps answered ``count`` requests (only successful ones)."""
    seen: Counter[str] = Counter()
    for _ in range(count):
        status, label = get(mesh, "/", headers)
        if status == 200:
            seen[label] += 1
    return seen


def statuses(mesh: Mesh, count: int) -> Counter[int]:
    return Counter(get(mesh)[0] for _ in range(count))


def tcp_label(mesh: Mesh) -> str:
    """What the TCP app behind the client's ``tcp-echo`` outbound writes to a new connection."""
    try:
        with socket.create_connection(("127.0.0.1", mesh.tcp_port), timeout=5) as connection:
            data = b""
            while chunk := connection.recv(64):
                data += chunk
    except OSError:
        return ""
    return data.decode().strip()


# --- policies ---------------------------------------------------------------------------------------


def to_backend(kind: str, name: str, default: dict[str, Any], service: str = "backend") -> dict[str, Any]:
    return {
        "type": kind,
        "mesh": MESH,
        "name": name,
        "spec": {
            "targetRef": {"kind": "Mesh"},
            "to": [
                {"targetRef": {"kind": "MeshService", "labels": {"kuma.io/display-name": service}}, **default}
            ],
        },
    }


def delete(mesh: Mesh, plural: str, name: str) -> None:
    with mesh.cp.client() as api:
        api.delete(f"/meshes/{MESH}/{plural}/{name}")


def ref(service: str, port: int, weight: int = 1) -> dict[str, Any]:
    return {
        "kind": "MeshService",
        "labels": {"kuma.io/display-name": service},
        "port": port,
        "weight": weight,
    }


def clusters_dump(mesh: Mesh, resource: str = "dynamic_active_clusters") -> list[dict[str, Any]]:
    dump = httpx.get(f"{mesh.client.admin_url}/config_dump?resource={resource}").json()
    return [c["cluster"] for c in dump.get("configs", [])]


def clusters_by_service(mesh: Mesh) -> dict[str, list[dict[str, Any]]]:
    """The client's active MeshService clusters by service (``kri_msvc_<mesh>_<zone>_<ns>_<name>_<port>``)."""
    clusters: dict[str, list[dict[str, Any]]] = {}
    for cluster in clusters_dump(mesh):
        if cluster["name"].startswith("kri_msvc_"):
            clusters.setdefault(cluster["name"].rsplit("_", 2)[-2], []).append(cluster)
    return clusters


def fail_first(mesh: Mesh, failures: int) -> tuple[int, int]:
    """A request its apps fail ``failures`` times: the final status and the attempts they saw."""
    key = f"k{next(_KEYS)}"
    status, _ = get(mesh, f"/fail-first?key={key}&n={failures}")
    return status, mesh.attempts[key]


# --- tests ------------------------------------------------------------------------------------------


def test_meshretry_retries_failed_requests(mesh: Mesh) -> None:
    assert fail_first(mesh, 2) == (503, 1)
    policy = to_backend(
        "MeshRetry",
        "retry-backend",
        {"default": {"http": {"numRetries": 3, "retryOn": ["5xx"], "backOff": {"baseInterval": "10ms"}}}},
    )
    mesh.cp.put(f"/meshes/{MESH}/meshretries/retry-backend", policy)
    try:
        eventually(lambda: fail_first(mesh, 2)[0] == 200, 20, what="a retried request to succeed")
        assert fail_first(mesh, 2) == (200, 3)
        assert fail_first(mesh, 4) == (503, 4)  # three retries, then the last failure is returned
    finally:
        delete(mesh, "meshretries", "retry-backend")
    eventually(lambda: fail_first(mesh, 2) == (503, 1), 20, what="no retries after deleting the MeshRetry")


def test_outlier_detection_ejects_the_failing_endpoint(mesh: Mesh) -> None:
    mesh.apps["b1"].failing = True
    try:
        before = statuses(mesh, 20)
        assert before[500] and before[200], before
        detection = {
            "interval": "1s",
            "baseEjectionTime": "1m",
            "maxEjectionPercent": 100,
            "healthyPanicThreshold": 0,
            "detectors": {"totalFailures": {"consecutive": 2}},
        }
        policy = to_backend("MeshCircuitBreaker", "cb-backend", {"default": {"outlierDetection": detection}})
        mesh.cp.put(f"/meshes/{MESH}/meshcircuitbreakers/cb-backend", policy)
        try:
            eventually(lambda: labels(mesh, 20) == Counter(b2=20), 30, what="b1 ejected, b2 answering all")
        finally:
            delete(mesh, "meshcircuitbreakers", "cb-backend")
        eventually(lambda: statuses(mesh, 20)[500] > 0, 30, what="the failing endpoint back in rotation")
    finally:
        mesh.apps["b1"].failing = False


def test_health_check_takes_the_unhealthy_endpoint_out(mesh: Mesh) -> None:
    mesh.apps["b1"].healthy = False
    try:
        assert set(labels(mesh, 20)) == {"b1", "b2"}  # nothing checks /health yet
        check = {
            "interval": "1s",
            "timeout": "1s",
            "noTrafficInterval": "1s",
            "unhealthyThreshold": 1,
            "healthyThreshold": 1,
            "http": {"path": "/health"},
        }
        mesh.cp.put(
            f"/meshes/{MESH}/meshhealthchecks/hc-backend",
            to_backend("MeshHealthCheck", "hc-backend", {"default": check}),
        )
        try:
            eventually(lambda: labels(mesh, 20) == Counter(b2=20), 30, what="only the healthy endpoint")
        finally:
            delete(mesh, "meshhealthchecks", "hc-backend")
        eventually(lambda: set(labels(mesh, 20)) == {"b1", "b2"}, 30, what="both endpoints after deleting it")
    finally:
        mesh.apps["b1"].healthy = True


def _pinned(mesh: Mesh, users: list[str]) -> bool:
    """Whether every ``x-user`` value is always answered by the same app."""
    return all(len(labels(mesh, 8, {"x-user": user})) == 1 for user in users)


def test_ring_hash_pins_a_header_value_to_one_endpoint(mesh: Mesh) -> None:
    users = [f"user-{i}" for i in range(6)]
    assert not _pinned(mesh, users)  # round robin alternates between the two endpoints
    strategy = {
        "loadBalancer": {"type": "RingHash", "ringHash": {"hashFunction": "MurmurHash2"}},
        "hashPolicies": [{"type": "Header", "header": {"name": "x-user"}}],
    }
    mesh.cp.put(
        f"/meshes/{MESH}/meshloadbalancingstrategies/lb-backend",
        to_backend("MeshLoadBalancingStrategy", "lb-backend", {"default": strategy}),
    )
    try:
        eventually(lambda: _pinned(mesh, users), 30, what="each x-user value pinned to one endpoint")
        [cluster] = [
            c for c in clusters_dump(mesh) if c["name"].startswith("kri_msvc_default_default__backend_")
        ]
        assert cluster["lb_policy"] == "RING_HASH"
        assert cluster["ring_hash_lb_config"]["hash_function"] == "MURMUR_HASH_2"
    finally:
        delete(mesh, "meshloadbalancingstrategies", "lb-backend")
    eventually(lambda: not _pinned(mesh, users), 30, what="round robin again after deleting it")


def test_http_route_matches_headers_and_splits_by_weight(mesh: Mesh) -> None:
    assert "v2" not in labels(mesh, 30)
    rules = [
        {
            "matches": [
                {
                    "path": {"type": "PathPrefix", "value": "/"},
                    "headers": [{"type": "Exact", "name": "x-version", "value": "v2"}],
                }
            ],
            "default": {"backendRefs": [ref("backend-v2", 80)]},
        },
        {
            "matches": [{"path": {"type": "PathPrefix", "value": "/"}}],
            "default": {"backendRefs": [ref("backend", 80, 80), ref("backend-v2", 80, 20)]},
        },
    ]
    route = {"type": "MeshHTTPRoute", "mesh": MESH, "name": "route-backend"}
    route["spec"] = {
        "targetRef": {"kind": "Mesh"},
        "to": [
            {
                "targetRef": {"kind": "MeshService", "labels": {"kuma.io/display-name": "backend"}},
                "rules": rules,
            }
        ],
    }
    mesh.cp.put(f"/meshes/{MESH}/meshhttproutes/route-backend", route)
    try:
        v2 = {"x-version": "v2"}
        eventually(
            lambda: labels(mesh, 10, v2) == Counter(v2=10), 30, what="x-version: v2 routed to backend-v2"
        )
        split = labels(mesh, 300)
        assert sum(split.values()) == 300 and set(split) <= {"b1", "b2", "v2"}
        # 20 % expected: 60 of 300 with a standard deviation of about 7
        assert 30 <= split["v2"] <= 96, split
    finally:
        delete(mesh, "meshhttproutes", "route-backend")
    eventually(lambda: "v2" not in labels(mesh, 30), 30, what="no backend-v2 after deleting the route")


def test_tcp_route_sends_connections_to_another_service(mesh: Mesh) -> None:
    assert tcp_label(mesh) == "t1"
    route = {
        "type": "MeshTCPRoute",
        "mesh": MESH,
        "name": "tcp-route",
        "spec": {
            "targetRef": {"kind": "Mesh"},
            "to": [
                {
                    "targetRef": {"kind": "MeshService", "labels": {"kuma.io/display-name": "tcp-echo"}},
                    "rules": [{"default": {"backendRefs": [ref("tcp-other", 9000)]}}],
                }
            ],
        },
    }
    mesh.cp.put(f"/meshes/{MESH}/meshtcproutes/tcp-route", route)
    try:
        eventually(lambda: tcp_label(mesh) == "t2", 30, what="tcp-echo connections on tcp-other")
        assert all(tcp_label(mesh) == "t2" for _ in range(5))
    finally:
        delete(mesh, "meshtcproutes", "tcp-route")
    eventually(lambda: tcp_label(mesh) == "t1", 30, what="tcp-echo itself after deleting the route")


def _subscription(mesh: Mesh) -> dict[str, Any]:
    with mesh.cp.client() as api:
        overview = api.get(f"/meshes/{MESH}/dataplanes/client-1/_overview").json()
    subscription: dict[str, Any] = overview["dataplaneInsight"]["subscriptions"][-1]
    return subscription


def _listener_dump(mesh: Mesh, name_start: str) -> dict[str, Any]:
    dump = httpx.get(f"{mesh.client.admin_url}/config_dump?resource=dynamic_listeners").json()
    listeners = [c["active_state"]["listener"] for c in dump["configs"] if "active_state" in c]
    [listener] = [item for item in listeners if item["name"].startswith(name_start)]
    return dict(listener)


def _assert_in_sync(mesh: Mesh) -> None:
    assert in_sync(mesh.cp, "client-1"), _subscription(mesh)


def envoy_config(mesh: Mesh) -> dict[str, dict[str, Any]]:
    """The client's active clusters and listeners by name (the resources, without versions or times)."""
    dump = httpx.get(f"{mesh.client.admin_url}/config_dump?resource=dynamic_listeners").json()
    return {
        "clusters": {c["name"]: c for c in clusters_dump(mesh)},
        "listeners": {
            c["name"]: c["active_state"]["listener"] for c in dump["configs"] if "active_state" in c
        },
    }


def _assert_same_config(config: dict[str, dict[str, Any]], expected: dict[str, dict[str, Any]]) -> None:
    for kind, resources in expected.items():
        differing = sorted(
            name
            for name in resources.keys() | config[kind].keys()
            if resources.get(name) != config[kind].get(name)
        )
        assert not differing, f"{kind} differing: {differing}"


def steady_config(mesh: Mesh) -> dict[str, dict[str, Any]]:
    """Envoy's config once the client ACKed its current snapshot and nothing is warming."""

    def steady() -> None:
        _assert_in_sync(mesh)
        assert not clusters_dump(mesh, "dynamic_warming_clusters")
        dump = httpx.get(f"{mesh.client.admin_url}/config_dump?resource=dynamic_listeners").json()
        assert not [c["name"] for c in dump["configs"] if "warming_state" in c]

    settled(steady, 30, what="client-1 to hold its current config")
    return envoy_config(mesh)


def test_envoy_accepts_every_field_of_the_six_kinds(mesh: Mesh) -> None:
    """Policies using (nearly) every field at once: Envoy takes the config (no NACK) and shows it."""
    rejected_before = _subscription(mesh).get("status", {}).get("total", {}).get("responsesRejected", "0")
    filters = [
        {"type": "RequestHeaderModifier", "requestHeaderModifier": {"set": [{"name": "x-a", "value": "1"}]}},
        {"type": "ResponseHeaderModifier", "responseHeaderModifier": {"remove": ["x-b"]}},
        {
            "type": "URLRewrite",
            "urlRewrite": {"path": {"type": "ReplacePrefixMatch", "replacePrefixMatch": "/"}},
        },
        {
            "type": "RequestMirror",
            "requestMirror": {"backendRef": ref("backend-v2", 80), "percentage": "12.5"},
        },
    ]
    rules = [
        {
            "matches": [{"path": {"type": "PathPrefix", "value": "/api"}, "method": "GET"}],
            "default": {"filters": filters, "backendRefs": [ref("backend", 80, 3), ref("nowhere", 80, 1)]},
        },
        {
            "matches": [{"path": {"type": "Exact", "value": "/old"}}],
            "default": {
                "filters": [
                    {
                        "type": "RequestRedirect",
                        "requestRedirect": {
                            "statusCode": 301,
                            "path": {"type": "ReplaceFullPath", "replaceFullPath": "/new"},
                        },
                    }
                ]
            },
        },
    ]
    target = {"kind": "MeshService", "labels": {"kuma.io/display-name": "backend"}}
    policies: list[tuple[str, dict[str, Any]]] = [
        (
            "meshhttproutes",
            {
                "type": "MeshHTTPRoute",
                "mesh": MESH,
                "name": "all-route",
                "spec": {"targetRef": {"kind": "Mesh"}, "to": [{"targetRef": target, "rules": rules}]},
            },
        ),
        (
            "meshtcproutes",
            {
                "type": "MeshTCPRoute",
                "mesh": MESH,
                "name": "all-tcp",
                "spec": {
                    "targetRef": {"kind": "Mesh"},
                    "to": [
                        {
                            "targetRef": {
                                "kind": "MeshService",
                                "labels": {"kuma.io/display-name": "tcp-echo"},
                            },
                            "rules": [
                                {
                                    "default": {
                                        "backendRefs": [ref("tcp-echo", 9000, 1), ref("tcp-other", 9000, 1)]
                                    }
                                }
                            ],
                        }
                    ],
                },
            },
        ),
        (
            "meshretries",
            to_backend(
                "MeshRetry",
                "all-retry",
                {
                    "default": {
                        "http": {
                            "numRetries": 2,
                            "perTryTimeout": "2s",
                            "backOff": {"baseInterval": "10ms", "maxInterval": "100ms"},
                            "rateLimitedBackOff": {
                                "maxInterval": "1s",
                                "resetHeaders": [{"name": "retry-after", "format": "Seconds"}],
                            },
                            "retryOn": ["5xx", "Reset", "HttpMethodGet", "503"],
                            "retriableResponseHeaders": [{"type": "Present", "name": "x-retry"}],
                            "retriableRequestHeaders": [{"type": "Prefix", "name": "x-idem", "value": "y"}],
                            "hostSelection": [
                                {"predicate": "OmitPreviousHosts"},
                                {"predicate": "OmitHostsWithTags", "tags": {"zone": "x"}},
                                {"predicate": "OmitPreviousPriorities", "updateFrequency": 2},
                            ],
                            "hostSelectionMaxAttempts": 3,
                        }
                    }
                },
            ),
        ),
        (
            "meshretries",
            to_backend(
                "MeshRetry", "all-retry-tcp", {"default": {"tcp": {"maxConnectAttempt": 4}}}, "tcp-echo"
            ),
        ),
        (
            "meshcircuitbreakers",
            to_backend(
                "MeshCircuitBreaker",
                "all-cb",
                {
                    "default": {
                        "connectionLimits": {
                            "maxConnections": 100,
                            "maxPendingRequests": 50,
                            "maxRequests": 200,
                            "maxRetries": 5,
                        },
                        "outlierDetection": {
                            "interval": "5s",
                            "baseEjectionTime": "10s",
                            "maxEjectionPercent": 50,
                            "splitExternalAndLocalErrors": True,
                            "healthyPanicThreshold": "40.5",
                            "detectors": {
                                "totalFailures": {"consecutive": 50},
                                "gatewayFailures": {"consecutive": 50},
                                "localOriginFailures": {"consecutive": 50},
                                "successRate": {
                                    "minimumHosts": 5,
                                    "requestVolume": 100,
                                    "standardDeviationFactor": "1.9",
                                },
                                "failurePercentage": {
                                    "minimumHosts": 5,
                                    "requestVolume": 100,
                                    "threshold": 90,
                                },
                            },
                        },
                    }
                },
            ),
        ),
        (
            "meshhealthchecks",
            to_backend(
                "MeshHealthCheck",
                "all-hc",
                {
                    "default": {
                        "interval": "2s",
                        "timeout": "1s",
                        "unhealthyThreshold": 3,
                        "healthyThreshold": 1,
                        "initialJitter": "100ms",
                        "intervalJitterPercent": 10,
                        "reuseConnection": True,
                        "alwaysLogHealthCheckFailures": True,
                        "failTrafficOnPanic": False,
                        "http": {
                            "path": "/health",
                            "expectedStatuses": [200],
                            "requestHeadersToAdd": {"set": [{"name": "x-hc", "value": "1"}]},
                        },
                    }
                },
            ),
        ),
        (
            "meshloadbalancingstrategies",
            to_backend(
                "MeshLoadBalancingStrategy",
                "all-lb",
                {
                    "default": {
                        "loadBalancer": {"type": "Maglev", "maglev": {"tableSize": 1021}},
                        "hashPolicies": [
                            {"type": "Cookie", "cookie": {"name": "session", "ttl": "1h", "path": "/"}},
                            {"type": "Connection", "connection": {"sourceIP": True}, "terminal": True},
                        ],
                        "localityAwareness": {"localZone": {"affinityTags": [{"key": "svc-backend"}]}},
                    }
                },
            ),
        ),
        (
            "meshloadbalancingstrategies",
            to_backend(
                "MeshLoadBalancingStrategy",
                "all-lb-v2",
                {
                    "default": {
                        "loadBalancer": {
                            "type": "LeastRequest",
                            "leastRequest": {"choiceCount": 2, "activeRequestBias": "1.5"},
                        }
                    }
                },
                "backend-v2",
            ),
        ),
    ]
    before = steady_config(mesh)
    # The backend answers its health checks late, so the backend's clusters (health-checked) always
    # finish warming after backend-v2's: what Envoy shows of one cluster proves nothing about another.
    for app in ("b1", "b2"):
        mesh.apps[app].health_delay = 0.3
    try:
        for plural, body in policies:
            mesh.cp.put(f"/meshes/{MESH}/{plural}/{body['name']}", body)

        def every_policy_in_envoy() -> None:
            clusters = clusters_by_service(mesh)
            assert clusters.get("backend") and clusters.get("backend-v2"), sorted(clusters)
            # the outbound's cluster and the one the route's backendRef by port number names
            for backend in clusters["backend"]:
                name = backend["name"]
                assert backend.get("lb_policy") == "MAGLEV", name
                assert backend["maglev_lb_config"]["table_size"] == "1021", name
                assert backend.get("outlier_detection", {}).get("success_rate_stdev_factor") == 1900, name
                common = backend.get("common_lb_config", {})
                assert common.get("healthy_panic_threshold", {}).get("value") == 40.5, name
                assert "locality_weighted_lb_config" in common, name
                checks = backend.get("health_checks") or [{}]
                assert checks[0].get("http_health_check", {}).get("path") == "/health", name
                thresholds = backend.get("circuit_breakers", {}).get("thresholds") or [{}]
                assert thresholds[0].get("max_connections") == 100, name
            for v2 in clusters["backend-v2"]:
                assert v2.get("lb_policy") == "LEAST_REQUEST", v2["name"]
                assert v2["least_request_lb_config"]["choice_count"] == 2, v2["name"]
            listener = str(_listener_dump(mesh, "kri_msvc_default_default__backend_"))
            assert "retry_host_predicate" in listener and "request_mirror_policies" in listener
            tcp = _listener_dump(mesh, "kri_msvc_default_default__tcp-echo_")
            proxy = tcp["filter_chains"][0]["filters"][0]["typed_config"]
            assert proxy.get("max_connect_attempts") == 4
            assert len(proxy.get("weighted_clusters", {}).get("clusters", [])) == 2

        settled(every_policy_in_envoy, 60, what="every policy in Envoy's active config")
        settled(lambda: _assert_in_sync(mesh), 30, what="client-1 to ACK its current config")
        rejected = _subscription(mesh).get("status", {}).get("total", {}).get("responsesRejected", "0")
        assert rejected == rejected_before
        # traffic still flows, through the HTTP and the TCP route
        assert get(mesh, "/")[0] == 200
        # a quarter of the weight of /api names no service: those requests answer 500
        # Envoy draws the fraction per request id: over 100 requests both answers show up
        api_statuses = Counter(get(mesh, "/api/x")[0] for _ in range(100))
        assert set(api_statuses) == {200, 500}, api_statuses
        assert {tcp_label(mesh) for _ in range(10)} <= {"t1", "t2"}
    finally:
        for plural, body in policies:
            delete(mesh, plural, body["name"])
        for app in ("b1", "b2"):
            mesh.apps[app].health_delay = 0.0
    # generation is deterministic: without the policies, Envoy holds exactly what it held before
    settled(lambda: _assert_same_config(envoy_config(mesh), before), 60, what="the policies gone from Envoy")
