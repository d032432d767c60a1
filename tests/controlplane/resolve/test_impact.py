"""Impact preview on the resolution engine: the overlay agrees with applying the changes for real,
leaves the engine untouched, and the diff reports fields, rules and policies as they change."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pulumi_kuma.controlplane.resolve.diff import conf_changes, dataplane_changes, field_changes
from pulumi_kuma.controlplane.resolve.engine import ResolutionEngine
from pulumi_kuma.controlplane.resolve.impact import Delete, Upsert, matched_policies, preview
from pulumi_kuma.controlplane.resolve.inspect import render_rules
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.registry import REGISTRY
from tests.controlplane.resolve.test_engine import MESH, _key, changes, resources

# --- the overlay against reality --------------------------------------------------------------------


def _rendered(engine: ResolutionEngine) -> dict[str, Any]:
    return {name: render_rules(rules, REGISTRY) for name, rules in engine.dataplanes(MESH).items()}


def _apply(world: dict[tuple[str, str], ResourceObject], action: str, payload: Any) -> None:
    if action == "upsert":
        world[_key(payload)] = payload
        return
    kind, name = payload
    if kind == "Mesh":
        if name == MESH:
            world.clear()
    else:
        world.pop((kind, name), None)


def _as_change(action: str, payload: Any) -> Upsert | Delete:
    return Upsert(payload) if action == "upsert" else Delete(*payload)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    initial=st.lists(resources, max_size=12),
    planned=st.lists(changes, min_size=1, max_size=5),
    later=st.lists(changes, max_size=4),
)
def test_preview_equals_applying_the_changes(
    initial: list[ResourceObject], planned: list[Any], later: list[Any]
) -> None:
    world = {_key(o): o for o in initial}
    engine = ResolutionEngine()
    engine.load(world.values())
    objects_before = engine.dataplanes(MESH)
    rendered_before = _rendered(engine)

    impact = preview(engine, MESH, [_as_change(a, p) for a, p in planned])

    # The engine is untouched: the same rule objects, rendered the same.
    after_preview = engine.dataplanes(MESH)
    assert after_preview.keys() == objects_before.keys()
    assert all(after_preview[n] is objects_before[n] for n in objects_before)
    assert _rendered(engine) == rendered_before

    # What applying the changes for real does, diffed the same way.
    for action, payload in planned:
        _apply(world, action, payload)
    real = ResolutionEngine()
    real.load(world.values())
    expected = []
    real_rules = real.dataplanes(MESH)
    for name in sorted(set(objects_before) | set(real_rules)):
        before, after = objects_before.get(name), real_rules.get(name)
        diff = dataplane_changes(
            rendered_before.get(name),
            render_rules(after, REGISTRY) if after is not None else None,
            matched_policies(before),
            matched_policies(after),
            REGISTRY,
        )
        if diff is not None:
            expected.append(diff)
    assert impact.items == expected

    # The engine still works incrementally after a preview (its caches and containers are intact).
    world = {_key(o): o for o in initial}
    for action, payload in later:
        _apply(world, action, payload)
        if action == "upsert":
            engine.upsert(payload)
        else:
            engine.delete(payload[0], "" if payload[0] == "Mesh" else MESH, payload[1])
    fresh = ResolutionEngine()
    fresh.load(world.values())
    assert _rendered(engine) == _rendered(fresh)


# --- small meshes, exact answers --------------------------------------------------------------------


def _mesh() -> ResourceObject:
    return ResourceObject("Mesh", MESH, None, {}, {})


def _dataplane(name: str, app: str, port: int = 8080) -> ResourceObject:
    networking = {"address": "10.0.0.1", "inbound": [{"port": port, "name": "http"}]}
    return ResourceObject("Dataplane", name, MESH, {"app": app}, {"networking": networking})


def _service(name: str) -> ResourceObject:
    labels = {"kuma.io/display-name": name}
    return ResourceObject("MeshService", name, MESH, labels, {"ports": [{"port": 80, "appProtocol": "http"}]})


def _timeout(name: str, app: str | None, to: list[dict[str, Any]], **labels: str) -> ResourceObject:
    target: dict[str, Any] = {"kind": "Mesh"}
    if app is not None:
        target = {"kind": "Dataplane", "labels": {"app": app}}
    return ResourceObject("MeshTimeout", name, MESH, dict(labels), {"targetRef": target, "to": to})


def _to_service(service: str, **default: Any) -> dict[str, Any]:
    return {
        "targetRef": {"kind": "MeshService", "labels": {"kuma.io/display-name": service}},
        "default": default,
    }


def _engine(*objects: ResourceObject) -> ResolutionEngine:
    engine = ResolutionEngine()
    engine.load([_mesh(), *objects])
    return engine


WORLD = (
    _dataplane("web-1", "web"),
    _dataplane("web-2", "web"),
    _dataplane("api-1", "api"),
    _service("backend"),
)


def test_a_new_policy_changes_exactly_the_dataplanes_it_selects() -> None:
    engine = _engine(*WORLD)
    policy = _timeout("web-timeouts", "web", [_to_service("backend", idleTimeout="5s")])
    impact = preview(engine, MESH, [Upsert(policy)])
    assert [item["dataplane"]["name"] for item in impact.items] == ["web-1", "web-2"]
    assert impact.dataplanes == 3
    item = impact.items[0]
    assert item["change"] == "modified"
    [kind] = item["kinds"]
    assert kind["type"] == "MeshTimeout"
    assert [m["name"] for m in kind["matched"]["added"]] == ["web-timeouts"]
    assert kind["matched"]["removed"] == [] and kind["inbound"] == [] and kind["proxy"] is None
    [outbound] = kind["outbound"]
    assert outbound["kri"] == "kri_msvc_m1___backend_"
    assert outbound["change"] == "added"
    assert outbound["conf"] == [{"path": "idleTimeout", "op": "add", "after": "5s"}]
    assert outbound["origin"]["after"][0]["resourceMeta"]["name"] == "web-timeouts"


def test_changing_a_field_shows_before_and_after() -> None:
    old = _timeout("t", None, [_to_service("backend", idleTimeout="5s", http={"requestTimeout": "1s"})])
    new = _timeout("t", None, [_to_service("backend", idleTimeout="5s", http={"requestTimeout": "2s"})])
    engine = _engine(*WORLD, old)
    impact = preview(engine, MESH, [Upsert(new)])
    assert len(impact.items) == 3
    for item in impact.items:
        [kind] = item["kinds"]
        assert kind["matched"] == {"added": [], "removed": []}
        [outbound] = kind["outbound"]
        assert outbound["change"] == "modified" and "origin" not in outbound
        assert outbound["conf"] == [
            {"path": "http.requestTimeout", "op": "replace", "before": "1s", "after": "2s"}
        ]


def test_no_op_changes_change_nothing() -> None:
    policy = _timeout("t", "web", [_to_service("backend", idleTimeout="5s")])
    engine = _engine(*WORLD, policy)
    identical = policy.evolve(version=7, modification_time=None)
    assert preview(engine, MESH, [Upsert(identical)]).items == []
    selects_nothing = _timeout("nobody", "no-such-app", [_to_service("backend", idleTimeout="1s")])
    impact = preview(engine, MESH, [Upsert(selects_nothing)])
    assert impact.items == [] and impact.recomputed == 0
    assert preview(engine, MESH, [Delete("MeshTimeout", "not-there")]).items == []
    # A shadow policy is invisible to config generation, hence to the rules.
    shadow = _timeout("s", None, [_to_service("backend", idleTimeout="9s")], **{"kuma.io/effect": "shadow"})
    assert preview(engine, MESH, [Upsert(shadow)]).items == []


def test_deleting_a_policy_and_dataplanes_coming_and_going() -> None:
    policy = _timeout("t", "web", [_to_service("backend", idleTimeout="5s")])
    engine = _engine(*WORLD, policy)
    impact = preview(
        engine,
        MESH,
        [Delete("MeshTimeout", "t"), Delete("Dataplane", "api-1"), Upsert(_dataplane("web-3", "web"))],
    )
    by_name = {item["dataplane"]["name"]: item for item in impact.items}
    assert set(by_name) == {"web-1", "web-2", "api-1", "web-3"}
    assert by_name["api-1"]["change"] == "removed" and by_name["api-1"]["kinds"] == []
    assert by_name["web-3"]["change"] == "added" and by_name["web-3"]["kinds"] == []
    [kind] = by_name["web-1"]["kinds"]
    assert [m["name"] for m in kind["matched"]["removed"]] == ["t"]
    assert kind["outbound"][0]["change"] == "removed"
    assert kind["outbound"][0]["conf"] == [{"path": "idleTimeout", "op": "remove", "before": "5s"}]


def test_inbound_rules_per_listener() -> None:
    old = ResourceObject(
        "MeshTimeout",
        "in",
        MESH,
        {},
        {"targetRef": {"kind": "Mesh"}, "rules": [{"default": {"idleTimeout": "10s"}}]},
    )
    new = old.evolve(spec={"targetRef": {"kind": "Mesh"}, "rules": [{"default": {"idleTimeout": "20s"}}]})
    engine = _engine(_dataplane("web-1", "web"), old)
    [item] = preview(engine, MESH, [Upsert(new)]).items
    [kind] = item["kinds"]
    [listener] = kind["inbound"]
    assert listener["inbound"] == {"port": 8080, "name": "http"}
    assert listener["change"] == "modified"
    assert listener["rules"] == [
        {
            "change": "modified",
            "origin": {
                "resourceMeta": {"type": "MeshTimeout", "mesh": MESH, "name": "in", "labels": {}},
                "ruleIndex": 0,
            },
            "conf": [{"path": "idleTimeout", "op": "replace", "before": "10s", "after": "20s"}],
        }
    ]


def test_field_changes() -> None:
    assert field_changes({"a": 1}, {"a": 1}) == []
    assert field_changes({"a": {"b": 1, "c": 2}}, {"a": {"b": 1, "d": 3}}) == [
        {"path": "a.c", "op": "remove", "before": 2},
        {"path": "a.d", "op": "add", "after": 3},
    ]
    assert field_changes({"l": [1, {"x": 1}]}, {"l": [1, {"x": 2}]}) == [
        {"path": "l[1].x", "op": "replace", "before": 1, "after": 2}
    ]
    assert field_changes({"l": [1]}, {"l": [1, 2]}) == [
        {"path": "l", "op": "replace", "before": [1], "after": [1, 2]}
    ]
    assert field_changes({"h": {"x-id": "1"}}, {"h": {"x-id": "2"}}) == [
        {"path": 'h["x-id"]', "op": "replace", "before": "1", "after": "2"}
    ]
    assert field_changes(1, True) == [{"path": "", "op": "replace", "before": 1, "after": True}]
    assert conf_changes(None, [{"a": 1}]) == [{"path": "a", "op": "add", "after": 1}]
    assert conf_changes([{"a": 1}, {"b": 1}], [{"a": 1}]) == [
        {"path": "", "op": "replace", "before": [{"a": 1}, {"b": 1}], "after": [{"a": 1}]}
    ]


def test_identical_documents_have_no_diff() -> None:
    engine = _engine(*WORLD, _timeout("t", "web", [_to_service("backend", idleTimeout="5s")]))
    rules = engine.rules(MESH, "web-1")
    assert rules is not None
    document = render_rules(rules, REGISTRY)
    matched = matched_policies(rules)
    assert dataplane_changes(document, document, matched, matched, REGISTRY) is None
    assert dataplane_changes(None, None, {}, {}, REGISTRY) is None
