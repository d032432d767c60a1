"""MeshServices generated from Dataplanes' ``kuma.io/workload``, as Kuma 3.0 does on Universal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from pulumi_kuma.controlplane.generate.meshservices import (
    GRACE_LABEL,
    MANAGED_BY,
    MANAGED_BY_LABEL,
    MeshServiceGenerator,
    plan,
)
from pulumi_kuma.controlplane.store.factory import open_store
from pulumi_kuma.model.envelope import ResourceObject, now
from pulumi_kuma.registry import REGISTRY
from tests.controlplane.generate.support import dataplane

AT = datetime(2026, 3, 1, tzinfo=UTC)


def backend(
    name: str, port: int = 8080, protocol: str | None = "http", workload: str = "backend"
) -> ResourceObject:
    inbound = {"port": port, "name": "main"}
    if protocol:
        inbound["protocol"] = protocol
    return dataplane(name, inbound=[inbound], labels={"kuma.io/workload": workload})


def test_one_service_per_workload_with_a_port_per_inbound() -> None:
    [action] = plan("default", [backend("b-1"), backend("b-2")], [], zone="zone-1", at=AT)
    assert action.verb == "create" and action.name == "backend"
    assert action.spec == {
        "selector": {"dataplaneLabels": {"matchLabels": {"kuma.io/workload": "backend"}}},
        "ports": [{"name": "main", "port": 8080, "targetPort": 8080, "appProtocol": "http"}],
    }
    assert action.labels is not None
    assert action.labels[MANAGED_BY_LABEL] == MANAGED_BY and action.labels["kuma.io/zone"] == "zone-1"
    assert action.labels["kuma.io/origin"] == "zone" and action.labels["kuma.io/display-name"] == "backend"


def test_no_workload_or_an_invalid_one_generates_nothing() -> None:
    plain = dataplane("x", inbound=[{"port": 1}])
    bad = backend("y", workload="Not_DNS")
    assert plan("default", [plain, bad], [], zone="default", at=AT) == []


def test_unnamed_inbounds_and_protocols() -> None:
    dp = dataplane(
        "b-1",
        inbound=[{"port": 9000}, {"port": 3306, "protocol": "MySQL"}],
        labels={"kuma.io/workload": "db"},
    )
    [action] = plan("default", [dp], [], zone="default", at=AT)
    assert action.spec is not None
    assert action.spec["ports"] == [
        {"name": "9000", "port": 9000, "targetPort": 9000, "appProtocol": "tcp"},
        {"name": "3306", "port": 3306, "targetPort": 3306, "appProtocol": "mysql"},
    ]


def existing(spec: dict, labels: dict[str, str]) -> ResourceObject:  # type: ignore[type-arg]
    return ResourceObject("MeshService", "backend", "default", labels, spec, None, AT, AT, version=3)


def generated_labels(**extra: str) -> dict[str, str]:
    labels = {
        "kuma.io/mesh": "default",
        "kuma.io/display-name": "backend",
        MANAGED_BY_LABEL: MANAGED_BY,
        "kuma.io/env": "universal",
        "kuma.io/zone": "default",
        "kuma.io/origin": "zone",
    }
    labels.update(extra)
    return labels


def test_existing_ports_win_a_conflict_and_unchanged_services_are_left_alone() -> None:
    [first] = plan("default", [backend("b-1")], [], zone="default", at=AT)
    assert first.spec is not None
    current = existing(first.spec, generated_labels(team="a"))
    # b-2 disagrees on the port: the existing service's ports stay.
    assert (
        plan("default", [backend("b-1"), backend("b-2", port=9090)], [current], zone="default", at=AT) == []
    )


def test_a_port_change_updates_and_keeps_other_labels() -> None:
    [first] = plan("default", [backend("b-1")], [], zone="default", at=AT)
    assert first.spec is not None
    current = existing(first.spec, generated_labels(team="a"))
    [action] = plan("default", [backend("b-1", port=9090)], [current], zone="default", at=AT)
    assert action.verb == "update" and action.spec is not None
    assert action.spec["ports"][0]["port"] == 9090
    assert action.labels is not None and action.labels["team"] == "a"


def test_services_without_dataplanes_are_deleted_after_the_grace_period() -> None:
    spec = {"ports": [{"name": "main", "port": 8080, "targetPort": 8080, "appProtocol": "http"}]}
    current = existing(spec, generated_labels())
    [marked] = plan("default", [], [current], zone="default", at=AT)
    assert marked.verb == "update" and marked.labels is not None and GRACE_LABEL in marked.labels
    waiting = existing(spec, generated_labels(**{GRACE_LABEL: "2026-03-01T00:00:00Z"}))
    assert plan("default", [], [waiting], zone="default", at=AT + timedelta(minutes=30)) == []
    [deleted] = plan("default", [], [waiting], zone="default", at=AT + timedelta(hours=2))
    assert deleted.verb == "delete"
    # A Dataplane coming back cancels the grace period.
    [revived] = plan("default", [backend("b-1")], [waiting], zone="default", at=AT + timedelta(minutes=5))
    assert revived.verb == "update" and revived.labels is not None and GRACE_LABEL not in revived.labels


def test_services_the_generator_does_not_manage_are_never_touched() -> None:
    spec = {"ports": [{"name": "main", "port": 1, "targetPort": 1}]}
    user_made = existing(spec, {"kuma.io/origin": "zone", "kuma.io/display-name": "backend"})
    assert plan("default", [backend("b-1")], [user_made], zone="default", at=AT) == []
    assert plan("default", [], [user_made], zone="default", at=AT) == []


async def test_the_generator_writes_its_plan_to_the_store(tmp_path: Path) -> None:
    store = await open_store(f"sqlite:///{tmp_path / 'cp.db'}")
    try:
        timestamp = now()
        await store.create(ResourceObject("Mesh", "default", None, {}, {}, None, timestamp, timestamp))
        await store.create(backend("b-1"))
        generator = MeshServiceGenerator(store, REGISTRY)
        assert await generator.reconcile() == 1
        created = await store.get("MeshService", "default", "backend")
        assert created is not None
        assert created.spec["ports"] == [
            {"name": "main", "port": 8080, "targetPort": 8080, "appProtocol": "http"}
        ]
        assert created.spec["state"] == "Unavailable"  # the REST API's schema default
        assert await generator.reconcile() == 0
    finally:
        await store.close()
