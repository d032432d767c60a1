"""The incremental engine agrees with a full recomputation after any sequence of changes.

Hypothesis builds a small mesh world (Dataplanes, MeshServices, a MeshExternalService, routes and
policies of several kinds, with origin, zone, namespace, role and shadow labels) and applies random
upserts and deletes. After every change the engine's rules must equal those of a fresh engine loaded
with the same resources, and the reported set of changed Dataplanes must be exactly those whose
rules differ from before the change.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pulumi_kuma.controlplane.resolve.engine import ResolutionEngine
from pulumi_kuma.model.envelope import ResourceObject

MESH = "m1"

_names = st.sampled_from
_origin = st.sampled_from([None, "global", "zone"])
_zone = st.sampled_from([None, "z1", "z2"])
_namespace = st.sampled_from([None, "ns1", "ns2"])


@st.composite
def _meta_labels(draw: st.DrawFn, *, policy: bool) -> dict[str, str]:
    labels: dict[str, str] = {}
    for key, value in (
        ("kuma.io/origin", draw(_origin)),
        ("kuma.io/zone", draw(_zone)),
        ("k8s.kuma.io/namespace", draw(_namespace)),
    ):
        if value is not None:
            labels[key] = value
    if policy:
        role = draw(st.sampled_from([None, "system", "producer", "consumer", "workload-owner"]))
        if role is not None:
            labels["kuma.io/policy-role"] = role
        if draw(st.integers(0, 9)) == 0:
            labels["kuma.io/effect"] = "shadow"
    return labels


@st.composite
def dataplanes(draw: st.DrawFn) -> ResourceObject:
    name = draw(_names(["dp-0", "dp-1", "dp-2", "dp-3"]))
    labels = draw(_meta_labels(policy=False))
    labels["app"] = draw(st.sampled_from(["a", "b"]))
    if draw(st.booleans()):
        labels["version"] = draw(st.sampled_from(["v1", "v2"]))
    inbounds = []
    for port, section in draw(
        st.lists(st.sampled_from([(8080, "http"), (9090, None)]), max_size=2, unique=True)
    ):
        inbound: dict[str, Any] = {"port": port}
        if section:
            inbound["name"] = section
        inbounds.append(inbound)
    networking: dict[str, Any] = {"address": "10.0.0.1", "inbound": inbounds}
    if draw(st.integers(0, 4)) == 0:
        networking["listeners"] = [{"type": "ZoneEgress", "port": 10002, "name": "ze"}]
    return ResourceObject("Dataplane", name, MESH, labels, {"networking": networking})


@st.composite
def mesh_services(draw: st.DrawFn) -> ResourceObject:
    name = draw(_names(["svc-0", "svc-1", "svc-2"]))
    labels = draw(_meta_labels(policy=False))
    labels["kuma.io/display-name"] = draw(st.sampled_from([name, "svc-0"]))
    if draw(st.booleans()):
        labels["app"] = draw(st.sampled_from(["a", "b"]))
    ports = [{"port": 80, "name": "http", "appProtocol": "http"}] if draw(st.booleans()) else []
    ports.append({"port": 81, "appProtocol": "tcp"})
    return ResourceObject("MeshService", name, MESH, labels, {"ports": ports, "state": "Available"})


@st.composite
def external_services(draw: st.DrawFn) -> ResourceObject:
    labels = {"kuma.io/display-name": "ext-0"} if draw(st.booleans()) else {"kuma.io/display-name": "other"}
    return ResourceObject(
        "MeshExternalService", "ext-0", MESH, labels, {"match": {"type": "HostnameGenerator", "port": 443}}
    )


@st.composite
def top_level(draw: st.DrawFn) -> dict[str, Any]:
    choice = draw(st.integers(0, 5))
    if choice == 0:
        return {"kind": "Mesh"}
    if choice == 5:
        return {"kind": "MeshGateway", "labels": {"app": "a"}}  # unsupported: a warning on every Dataplane
    ref: dict[str, Any] = {"kind": "Dataplane"}
    if draw(st.booleans()):
        ref["labels"] = {"app": draw(st.sampled_from(["a", "b"]))}
    if draw(st.integers(0, 2)) == 0:
        ref["sectionName"] = draw(st.sampled_from(["http", "9090", "ze"]))
    return ref


@st.composite
def to_targets(draw: st.DrawFn) -> dict[str, Any]:
    choice = draw(st.integers(0, 4))
    if choice == 0:
        return {"kind": "Mesh"}
    if choice == 1:
        return {"kind": "MeshExternalService", "labels": {"kuma.io/display-name": "ext-0"}}
    if choice == 2:
        return {
            "kind": "MeshHTTPRoute",
            "labels": {"kuma.io/display-name": draw(_names(["route-0", "route-1"]))},
        }
    ref: dict[str, Any] = {
        "kind": "MeshService",
        "labels": {"kuma.io/display-name": draw(_names(["svc-0", "svc-1"]))},
    }
    if draw(st.booleans()):
        ref["sectionName"] = draw(st.sampled_from(["http", "81"]))
    return ref


_durations = st.sampled_from(["1s", "2s", "5s"])


@st.composite
def timeouts(draw: st.DrawFn) -> ResourceObject:
    spec: dict[str, Any] = {"targetRef": draw(top_level())}
    if draw(st.booleans()):
        spec["to"] = [
            {"targetRef": draw(to_targets()), "default": {"idleTimeout": draw(_durations)}}
            for _ in range(draw(st.integers(1, 3)))
        ]
    else:
        rules: list[dict[str, Any]] = []
        for _ in range(draw(st.integers(1, 2))):
            rule: dict[str, Any] = {"default": {"connectionTimeout": draw(_durations)}}
            if draw(st.booleans()):
                rule["matches"] = [{"spiffeID": {"type": "Prefix", "value": "spiffe://m1"}}]
            rules.append(rule)
        spec["rules"] = rules
    name = draw(_names(["mt-0", "mt-1", "mt-2"]))
    return ResourceObject("MeshTimeout", name, MESH, draw(_meta_labels(policy=True)), spec)


@st.composite
def routes(draw: st.DrawFn) -> ResourceObject:
    name = draw(_names(["route-0", "route-1"]))
    labels = draw(_meta_labels(policy=True))
    labels["kuma.io/display-name"] = name
    rules = [
        {
            "matches": [{"path": {"value": draw(st.sampled_from(["/a", "/b"])), "type": "PathPrefix"}}],
            "default": {
                "backendRefs": [
                    {
                        "kind": "MeshService",
                        "labels": {"kuma.io/display-name": "svc-1"},
                        "weight": draw(st.integers(1, 3)),
                    }
                ]
            },
        }
        for _ in range(draw(st.integers(1, 2)))
    ]
    target = {"kind": "MeshService", "labels": {"kuma.io/display-name": draw(_names(["svc-0", "svc-1"]))}}
    spec = {"targetRef": draw(top_level()), "to": [{"targetRef": target, "rules": rules}]}
    return ResourceObject("MeshHTTPRoute", name, MESH, labels, spec)


@st.composite
def tcp_routes(draw: st.DrawFn) -> ResourceObject:
    target = {"kind": "MeshService", "labels": {"kuma.io/display-name": draw(_names(["svc-0", "svc-1"]))}}
    item: dict[str, Any] = {"targetRef": target}
    if draw(st.booleans()):
        item["rules"] = [
            {
                "default": {
                    "backendRefs": [
                        {"kind": "MeshService", "labels": {"kuma.io/display-name": "svc-2"}, "weight": 1}
                    ]
                }
            }
        ]
    spec = {"targetRef": draw(top_level()), "to": [item]}
    return ResourceObject("MeshTCPRoute", "tcp-0", MESH, draw(_meta_labels(policy=True)), spec)


@st.composite
def permissions(draw: st.DrawFn) -> ResourceObject:
    action = draw(st.sampled_from(["allow", "deny"]))
    spec = {
        "targetRef": draw(top_level()),
        "rules": [{"default": {action: [{"spiffeID": {"type": "Exact", "value": "spiffe://m1/x"}}]}}],
    }
    name = draw(_names(["mtp-0", "mtp-1"]))
    return ResourceObject("MeshTrafficPermission", name, MESH, draw(_meta_labels(policy=True)), spec)


@st.composite
def patches(draw: st.DrawFn) -> ResourceObject:
    mods = [{"cluster": {"operation": "Add", "value": draw(st.sampled_from(["a", "b"]))}}]
    spec = {"targetRef": draw(top_level()), "default": {"appendModifications": mods}}
    name = draw(_names(["mpp-0", "mpp-1"]))
    return ResourceObject("MeshProxyPatch", name, MESH, draw(_meta_labels(policy=True)), spec)


@st.composite
def meshes(draw: st.DrawFn) -> ResourceObject:
    return ResourceObject("Mesh", MESH, None, {"team": draw(st.sampled_from(["x", "y"]))}, {})


resources = st.one_of(
    dataplanes(),
    mesh_services(),
    external_services(),
    timeouts(),
    routes(),
    tcp_routes(),
    permissions(),
    patches(),
    meshes(),
)
KINDS = [
    "Dataplane",
    "MeshService",
    "MeshExternalService",
    "MeshTimeout",
    "MeshHTTPRoute",
    "MeshTCPRoute",
    "MeshTrafficPermission",
    "MeshProxyPatch",
    "Mesh",
]
NAMES = [
    "dp-0",
    "dp-1",
    "dp-2",
    "dp-3",
    "svc-0",
    "svc-1",
    "svc-2",
    "ext-0",
    "mt-0",
    "mt-1",
    "mt-2",
    "route-0",
    "route-1",
    "tcp-0",
    "mtp-0",
    "mtp-1",
    "mpp-0",
    "mpp-1",
    MESH,
]
changes = st.one_of(
    st.tuples(st.just("upsert"), resources),
    st.tuples(st.just("delete"), st.tuples(st.sampled_from(KINDS), st.sampled_from(NAMES))),
)


def _key(obj: ResourceObject) -> tuple[str, str]:
    return (obj.type, obj.name)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(initial=st.lists(resources, max_size=12), steps=st.lists(changes, min_size=1, max_size=12))
def test_incremental_equals_full_recomputation(initial: list[ResourceObject], steps: list[Any]) -> None:
    world: dict[tuple[str, str], ResourceObject] = {_key(o): o for o in initial}
    engine = ResolutionEngine()
    engine.load(world.values())
    for action, payload in steps:
        before = dict(engine.dataplanes(MESH))
        if action == "upsert":
            world[_key(payload)] = payload
            update = engine.upsert(payload)
        else:
            kind, name = payload
            if kind == "Mesh":
                if name == MESH:
                    world = {}  # deleting a Mesh deletes everything in it (the store cascades)
            else:
                world.pop((kind, name), None)
            update = engine.delete(kind, "" if kind == "Mesh" else MESH, name)
        fresh = ResolutionEngine()
        fresh.load(world.values())
        after = dict(engine.dataplanes(MESH))
        expected = dict(fresh.dataplanes(MESH))
        assert after.keys() == expected.keys()
        wrong = [
            (name, kind, after[name].kinds[kind], rules)
            for name, dp_rules in expected.items()
            for kind, rules in dp_rules.kinds.items()
            if after[name].kinds[kind] != rules or after[name].dataplane != dp_rules.dataplane
        ]
        assert not wrong, f"after {action} {payload!r}:\n" + "\n".join(
            f"{name} {kind}:\n  incremental: {ours!r}\n  full:        {theirs!r}"
            for name, kind, ours, theirs in wrong
        )
        differing = {(MESH, name) for name in set(before) | set(after) if before.get(name) != after.get(name)}
        assert update.changed == differing
