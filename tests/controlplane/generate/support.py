"""Resources for generator tests, labelled as the REST API stores them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from pulumi_kuma.controlplane.api.labels import compute_labels
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.model.validation import ingest_spec
from pulumi_kuma.registry import REGISTRY

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def stored(
    kind: str,
    name: str,
    spec: dict[str, Any],
    *,
    mesh: str = "default",
    labels: dict[str, str] | None = None,
    age: int = 0,
) -> ResourceObject:
    """A resource as the API would store it: spec normalised, computed labels added."""
    descriptor = REGISTRY.by_name(kind)
    result = ingest_spec(descriptor, spec)
    assert not result.violations, result.violations
    scope_mesh = mesh if descriptor.mesh_scoped else None
    created = T0 + timedelta(seconds=age)
    return ResourceObject(
        type=kind,
        name=name,
        mesh=scope_mesh,
        labels=compute_labels(descriptor, labels or {}, mesh, name, "default"),
        spec=result.spec,
        creation_time=created,
        modification_time=created,
    )


def mesh(name: str = "default") -> ResourceObject:
    return stored("Mesh", name, {})


def dataplane(
    name: str,
    *,
    address: str = "127.0.0.1",
    inbound: list[dict[str, Any]] | None = None,
    outbound: list[dict[str, Any]] | None = None,
    labels: dict[str, str] | None = None,
    mesh: str = "default",
) -> ResourceObject:
    networking: dict[str, Any] = {"address": address}
    if inbound is not None:
        networking["inbound"] = inbound
    if outbound is not None:
        networking["outbound"] = outbound
    return stored("Dataplane", name, {"networking": networking}, labels=labels, mesh=mesh)


def mesh_service(
    name: str, ports: list[dict[str, Any]], *, selector: dict[str, Any], age: int = 0
) -> ResourceObject:
    return stored("MeshService", name, {"selector": selector, "ports": ports}, age=age)


def policy(kind: str, name: str, spec: dict[str, Any]) -> ResourceObject:
    return stored(kind, name, spec)


def backend_and_client() -> list[ResourceObject]:
    """``backend`` (HTTP on 8080, workload on 18080), its MeshService, and ``client`` calling it."""
    return [
        mesh(),
        dataplane(
            "backend-1",
            address="10.0.0.2",
            inbound=[{"port": 8080, "servicePort": 18080, "name": "http", "protocol": "http"}],
            labels={"kuma.io/workload": "backend", "app": "backend"},
        ),
        mesh_service(
            "backend",
            [{"name": "http", "port": 8080, "targetPort": 8080, "appProtocol": "http"}],
            selector={"dataplaneLabels": {"matchLabels": {"app": "backend"}}},
        ),
        dataplane(
            "client",
            address="10.0.0.1",
            inbound=[{"port": 9000, "protocol": "tcp"}],
            outbound=[
                {"port": 10001, "backendRef": {"kind": "MeshService", "name": "backend", "port": 8080}}
            ],
            labels={"kuma.io/workload": "client"},
        ),
    ]
