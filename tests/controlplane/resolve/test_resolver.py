"""The resolver on small meshes: matching gates, priority, inbound order, outbound lookups, inspect."""

from __future__ import annotations

from typing import Any

from pulumi_kuma.controlplane.resolve import (
    InboundListener,
    MeshIndex,
    MeshSnapshot,
    catch_all_conf,
    policy_dataplanes,
    render_rules,
)
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.registry import REGISTRY

MESH = "m1"


def _dp(
    name: str, labels: dict[str, str] | None = None, inbounds: list[dict[str, Any]] | None = None
) -> ResourceObject:
    networking = {"address": "10.0.0.1", "inbound": inbounds if inbounds is not None else [{"port": 8080}]}
    return ResourceObject("Dataplane", name, MESH, labels or {}, {"networking": networking})


def _timeout(name: str, spec: dict[str, Any], labels: dict[str, str] | None = None) -> ResourceObject:
    return ResourceObject("MeshTimeout", name, MESH, labels or {}, spec)


def _service(name: str, ports: list[dict[str, Any]]) -> ResourceObject:
    return ResourceObject("MeshService", name, MESH, {"kuma.io/display-name": name}, {"ports": ports})


def _index(*objects: ResourceObject) -> MeshIndex:
    mesh = ResourceObject("Mesh", MESH, None, {}, {})
    return MeshIndex(MeshSnapshot.from_objects(MESH, [mesh, *objects]), REGISTRY)


def _names(index: MeshIndex, dp: str, kind: str = "MeshTimeout") -> list[str]:
    return [p.name for p in index.resolve(dp)[kind].policies]


def _to(target: dict[str, Any], default: dict[str, Any], top: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"targetRef": top or {"kind": "Mesh"}, "to": [{"targetRef": target, "default": default}]}


MESH_TARGET = {"kind": "Mesh"}
BACKEND = {"kind": "MeshService", "labels": {"kuma.io/display-name": "backend"}}


def test_priority_order_kind_section_origin_role_then_name_descending() -> None:
    index = _index(
        _dp("dp", {"app": "web"}, [{"port": 8080, "name": "http"}]),
        _timeout("alpha", _to(MESH_TARGET, {"idleTimeout": "1s"})),
        _timeout("beta", _to(MESH_TARGET, {"idleTimeout": "2s"})),
        _timeout("zone", _to(MESH_TARGET, {}), {"kuma.io/origin": "zone"}),
        _timeout("global", _to(MESH_TARGET, {}), {"kuma.io/origin": "global"}),
        _timeout(
            "consumer", _to(MESH_TARGET, {}), {"kuma.io/policy-role": "consumer", "k8s.kuma.io/namespace": ""}
        ),
        _timeout("dp-section", _to(MESH_TARGET, {}, {"kind": "Dataplane", "sectionName": "http"})),
        _timeout("dp-all", _to(MESH_TARGET, {}, {"kind": "Dataplane", "labels": {"app": "web"}})),
    )
    assert _names(index, "dp") == ["global", "beta", "alpha", "consumer", "zone", "dp-all", "dp-section"]
    # notes §3.12 C: "alpha" applies after "beta", so its idleTimeout wins
    rules = index.resolve("dp")["MeshTimeout"].outbound
    assert rules["kri_m____m1_"].conf[0]["idleTimeout"] == "1s"


def test_shadow_policies_are_left_out_unless_asked_for() -> None:
    index = _index(_dp("dp"), _timeout("quiet", _to(MESH_TARGET, {}), {"kuma.io/effect": "shadow"}))
    assert _names(index, "dp") == []
    assert [p.name for p in index.resolve("dp", include_shadow=True)["MeshTimeout"].policies] == ["quiet"]


def test_zone_and_namespace_gates() -> None:
    zone_policy = {"kuma.io/origin": "zone", "kuma.io/zone": "east"}
    index = _index(
        _dp("east", {"kuma.io/origin": "zone", "kuma.io/zone": "east", "k8s.kuma.io/namespace": "a"}),
        _dp("west", {"kuma.io/origin": "zone", "kuma.io/zone": "west", "k8s.kuma.io/namespace": "b"}),
        _dp("synced", {"kuma.io/origin": "global"}),
        _timeout("zonal", _to(MESH_TARGET, {}), zone_policy),
        _timeout("producer", _to(MESH_TARGET, {}), {**zone_policy, "kuma.io/policy-role": "producer"}),
        _timeout(
            "ns-a", _to(MESH_TARGET, {}), {"kuma.io/policy-role": "consumer", "k8s.kuma.io/namespace": "a"}
        ),
        _timeout("no-ns", _to(MESH_TARGET, {}), {"kuma.io/policy-role": "workload-owner"}),
    )
    assert sorted(_names(index, "east")) == ["ns-a", "producer", "zonal"]
    assert sorted(_names(index, "west")) == ["producer"]
    assert sorted(_names(index, "synced")) == ["producer", "zonal"]


def test_dataplane_targetref_selects_by_labels_display_name_and_section() -> None:
    inbounds = [{"port": 8080, "name": "http"}, {"port": 9090}]
    index = _index(
        _dp("dp-1", {"app": "web"}, inbounds),
        _timeout(
            "by-name",
            {
                "targetRef": {"kind": "Dataplane", "labels": {"kuma.io/display-name": "dp-1"}},
                "rules": [{"default": {"idleTimeout": "1s"}}],
            },
        ),
        _timeout(
            "by-port",
            {
                "targetRef": {"kind": "Dataplane", "sectionName": "9090"},
                "rules": [{"default": {"idleTimeout": "2s"}}],
            },
        ),
        _timeout(
            "other",
            {"targetRef": {"kind": "Dataplane", "labels": {"app": "api"}}, "rules": [{"default": {}}]},
        ),
    )
    rules = index.resolve("dp-1")["MeshTimeout"]
    assert [p.name for p in rules.policies] == ["by-name", "by-port"]
    http, metrics = InboundListener("10.0.0.1", 8080), InboundListener("10.0.0.1", 9090)
    assert [r.origin.policy.name for r in rules.inbound[http]] == ["by-name"]
    assert [r.origin.policy.name for r in rules.inbound[metrics]] == ["by-name", "by-port"]
    kind = REGISTRY.by_name("MeshTimeout")
    assert catch_all_conf(kind, rules.inbound[metrics]) == {"idleTimeout": "2s"}


def test_inbound_rules_put_specific_matches_first() -> None:
    spiffe_prefix = {"spiffeID": {"type": "Prefix", "value": "spiffe://m1/"}}
    spiffe_exact = {"spiffeID": {"type": "Exact", "value": "spiffe://m1/a"}}
    sni = {"sni": {"type": "Exact", "value": "a.m1"}}
    spec = {
        "rules": [
            {"default": {"idleTimeout": "1s"}},
            {"matches": [sni, spiffe_prefix, spiffe_exact], "default": {"idleTimeout": "2s"}},
        ]
    }
    index = _index(_dp("dp"), _timeout("t", spec))
    rules = index.resolve("dp")["MeshTimeout"].inbound[InboundListener("10.0.0.1", 8080)]
    assert [r.match for r in rules] == [spiffe_exact, spiffe_prefix, sni, None]
    assert [r.origin.rule_index for r in rules] == [1, 1, 1, 0]


def test_unsupported_top_level_kind_is_a_warning() -> None:
    index = _index(_dp("dp"), _timeout("gw", _to(MESH_TARGET, {}, {"kind": "MeshGateway"})))
    rules = index.resolve("dp")["MeshTimeout"]
    assert rules.policies == ()
    assert rules.warnings == (
        "unable to resolve TargetRef on policy: mesh:m1 name:gw error:\"unsupported targetRef kind 'MeshGateway'\"",
    )


def test_outbound_lookup_falls_back_from_port_to_service_to_mesh() -> None:
    index = _index(
        _dp("dp"),
        _service("backend", [{"port": 80, "name": "http"}, {"port": 81}]),
        _service("other", [{"port": 80}]),
        _timeout(
            "t",
            {
                "targetRef": {"kind": "Mesh"},
                "to": [
                    {"targetRef": MESH_TARGET, "default": {"idleTimeout": "1s"}},
                    {"targetRef": BACKEND, "default": {"connectionTimeout": "2s"}},
                    {"targetRef": {**BACKEND, "sectionName": "81"}, "default": {"connectionTimeout": "3s"}},
                    {
                        "targetRef": {**BACKEND, "sectionName": "missing"},
                        "default": {"connectionTimeout": "9s"},
                    },
                ],
            },
        ),
    )
    rules = index.resolve("dp")["MeshTimeout"].outbound
    assert sorted(rules) == ["kri_m____m1_", "kri_msvc_m1___backend_", "kri_msvc_m1___backend_81"]
    port = rules.compute("kri_msvc_m1___backend_81")
    assert port is not None and port.conf == ({"idleTimeout": "1s", "connectionTimeout": "3s"},)
    assert [o.rule_index for o in port.origin] == [0, 1, 2]
    http = rules.compute("kri_msvc_m1___backend_http")
    assert http is not None and http.kri == "kri_msvc_m1___backend_"
    unrelated = rules.compute("kri_msvc_m1___other_")
    assert unrelated is not None and unrelated.kri == "kri_m____m1_"
    assert rules.compute("kri_mtp_m1___x_") is None
    assert (
        rules.conf_for(["kri_mhttpr_m1___route_", "kri_msvc_m1___backend_81", "kri_m____m1_"]) == port.conf[0]
    )


def test_rules_render_as_kumas_inspect_api() -> None:
    index = _index(
        _dp("dp", {"app": "web"}, [{"port": 8080, "name": "http"}]),
        _timeout("t", {"rules": [{"default": {"idleTimeout": "1s"}}]}),
    )
    body = render_rules(index.resolve("dp"), REGISTRY)
    assert body == {
        "httpMatches": [],
        "resource": {"type": "Dataplane", "mesh": "m1", "name": "dp", "labels": {"app": "web"}},
        "rules": [
            {
                "type": "MeshTimeout",
                "toResourceRules": [],
                "inboundRules": [
                    {
                        "inbound": {"port": 8080, "tags": None, "name": "http"},
                        "rules": [
                            {
                                "conf": [{"idleTimeout": "1s"}],
                                "origin": [
                                    {
                                        "resourceMeta": {
                                            "type": "MeshTimeout",
                                            "mesh": "m1",
                                            "name": "t",
                                            "labels": {},
                                        },
                                        "ruleIndex": 0,
                                    }
                                ],
                            }
                        ],
                    }
                ],
                "warnings": [],
            }
        ],
    }


def test_policy_dataplanes_pages_by_name() -> None:
    dataplanes = [_dp(f"dp-{i}", {"app": "web" if i % 2 else "api"}) for i in range(5)]
    policy = _timeout("t", _to(MESH_TARGET, {}, {"kind": "Dataplane", "labels": {"app": "web"}}))
    page = policy_dataplanes(policy, dataplanes, size=1)
    assert (page.total, [o.name for o in page.items], page.next_offset) == (2, ["dp-1"], 1)
    page = policy_dataplanes(policy, dataplanes, offset=1, size=1)
    assert (page.total, [o.name for o in page.items], page.next_offset) == (2, ["dp-3"], None)
    assert policy_dataplanes(policy, dataplanes, name_contains="-3").to_json()["total"] == 1


def test_inspect_shows_a_kinds_warnings_only_when_a_listener_was_selected() -> None:
    unsupported = ResourceObject("MeshRetry", "gw", MESH, {}, _to(BACKEND, {}, {"kind": "MeshGateway"}))
    unresolved = ResourceObject("MeshRetry", "r", MESH, {}, _to(BACKEND, {"tcp": {"maxConnectAttempt": 2}}))
    alone = render_rules(_index(_dp("dp"), unsupported).resolve("dp"), REGISTRY)
    assert alone["rules"] == []
    matched = render_rules(_index(_dp("dp"), unsupported, unresolved).resolve("dp"), REGISTRY)
    assert [(r["type"], r["toResourceRules"], len(r["warnings"])) for r in matched["rules"]] == [
        ("MeshRetry", [], 1)
    ]
