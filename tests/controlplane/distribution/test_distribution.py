"""Config distribution in one process: a real SQLite store, the real ADS server, scripted proxies.

Covers token checks on the stream, Dataplane registration and deregistration, pushes that reach
only the proxies whose config changed, and the ``_overview`` / ``_config`` / token endpoints.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import grpc
import httpx
import pytest
from starlette.applications import Starlette

from pulumi_kuma.controlplane.distribution import ConfigDistribution, DistributionOptions
from pulumi_kuma.controlplane.dptokens import DataplaneIdentity
from pulumi_kuma.controlplane.store.base import Store
from pulumi_kuma.controlplane.store.factory import open_store
from pulumi_kuma.envoy import CLUSTER, LISTENER
from pulumi_kuma.model.envelope import ResourceObject, now
from pulumi_kuma.registry import REGISTRY
from tests.support.ads_client import AdsClient


def dataplane(name: str, workload: str, port: int, outbound_port: int | None = None) -> dict[str, Any]:
    networking: dict[str, Any] = {
        "address": "127.0.0.1",
        "inbound": [{"port": port, "servicePort": port + 1000, "name": "main", "protocol": "http"}],
    }
    if outbound_port is not None:
        networking["outbound"] = [
            {"port": outbound_port, "backendRef": {"kind": "MeshService", "name": "backend", "port": 8080}}
        ]
    return {
        "type": "Dataplane",
        "mesh": "default",
        "name": name,
        "labels": {"kuma.io/workload": workload},
        "networking": networking,
    }


class Harness:
    def __init__(self, store: Store, distribution: ConfigDistribution) -> None:
        self.store = store
        self.distribution = distribution
        self.channel = grpc.aio.insecure_channel(f"127.0.0.1:{distribution.xds_port}")
        app = Starlette(routes=distribution.routes())
        self.api = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app, client=("127.0.0.1", 1)), base_url="http://127.0.0.1"
        )
        self.clients: list[AdsClient] = []

    async def token(self, mesh: str = "default", **fields: str) -> str:
        return await self.distribution.tokens.issue(DataplaneIdentity(mesh=mesh, **fields))

    async def connect(self, dp: dict[str, Any], token: str | None) -> AdsClient:
        client = AdsClient(self.channel, f"default.{dp['name']}", token=token, dataplane=dp)
        self.clients.append(client)
        await client.request(CLUSTER)
        return client

    async def put(self, obj: ResourceObject) -> None:
        existing = await self.store.get(obj.type, obj.mesh or "", obj.name)
        if existing is None:
            await self.store.create(obj)
        else:
            await self.store.update(obj, existing.version)

    async def settle(self) -> None:
        """Let the change stream be consumed and the pushes go out."""
        for _ in range(50):
            await asyncio.sleep(0.02)


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[Harness]:
    store = await open_store(f"sqlite:///{tmp_path / 'cp.db'}")
    timestamp = now()
    for name in ("default", "other"):
        await store.create(ResourceObject("Mesh", name, None, {}, {}, None, timestamp, timestamp))
    options = DistributionOptions(
        xds_port=0, deregistration_delay=0.2, insight_flush_interval=0.2, nack_backoff=0.1
    )
    distribution = ConfigDistribution(store, REGISTRY, options, instance_id="cp-test")
    await distribution.start()
    h = Harness(store, distribution)
    try:
        yield h
    finally:
        for client in h.clients:
            await client.close()
        await h.channel.close()
        await h.api.aclose()
        await distribution.stop()
        await store.close()


async def rejected(client: AdsClient) -> grpc.StatusCode:
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await client.receive(timeout=5)
    return info.value.code()


async def test_a_stream_without_a_token_is_refused(harness: Harness) -> None:
    client = await harness.connect(dataplane("dp-1", "web", 8080), token=None)
    assert await rejected(client) == grpc.StatusCode.UNAUTHENTICATED
    assert await harness.store.get("Dataplane", "default", "dp-1") is None


async def test_a_token_of_another_mesh_or_name_is_refused(harness: Harness) -> None:
    other_mesh = await harness.token("other")
    client = await harness.connect(dataplane("dp-1", "web", 8080), token=other_mesh)
    assert await rejected(client) == grpc.StatusCode.UNAUTHENTICATED
    other_name = await harness.token(name="dp-2")
    client = await harness.connect(dataplane("dp-1", "web", 8080), token=other_name)
    assert await rejected(client) == grpc.StatusCode.UNAUTHENTICATED
    wrong_workload = await harness.token(workload="db")
    client = await harness.connect(dataplane("dp-1", "web", 8080), token=wrong_workload)
    assert await rejected(client) == grpc.StatusCode.UNAUTHENTICATED


async def test_registration_config_and_deregistration(harness: Harness) -> None:
    client = await harness.connect(dataplane("dp-1", "web", 8080), token=await harness.token(name="dp-1"))
    response = await client.receive()
    assert [r.name for r in response.resources] == ["self_inbound_dp_main"]
    stored = await harness.store.get("Dataplane", "default", "dp-1")
    assert stored is not None and stored.labels["kuma.io/workload"] == "web"
    assert stored.labels["kuma.io/zone"] == "default"
    await client.ack(response)
    await client.close()
    for _ in range(100):
        await asyncio.sleep(0.05)
        if await harness.store.get("Dataplane", "default", "dp-1") is None:
            break
    assert await harness.store.get("Dataplane", "default", "dp-1") is None
    assert await harness.store.get("DataplaneInsight", "default", "dp-1") is None


async def test_a_change_reaches_only_the_proxies_it_affects(harness: Harness) -> None:
    token = await harness.token()
    backend = await harness.connect(dataplane("backend-1", "backend", 8080), token)
    await backend.ack(await backend.receive())
    await harness.put(
        ResourceObject(
            "MeshService", "backend", "default", {"kuma.io/display-name": "backend"},
            {"selector": {"dataplaneLabels": {"matchLabels": {"kuma.io/workload": "backend"}}},
             "ports": [{"name": "main", "port": 8080, "targetPort": 8080, "appProtocol": "http"}]},
            None, now(), now(),
        )
    )  # fmt: skip
    web = await harness.connect(dataplane("web-1", "web", 9090, outbound_port=10001), token)
    clusters = await web.receive()
    assert sorted(r.name for r in clusters.resources) == [
        "kri_msvc_default___backend_main",
        "self_inbound_dp_main",
    ]
    await harness.settle()
    cache = harness.distribution.cache
    backend_version = cache.get_snapshot("default.backend-1").version  # type: ignore[union-attr]
    web_version = cache.get_snapshot("default.web-1").version  # type: ignore[union-attr]
    await harness.put(
        ResourceObject(
            "MeshTimeout", "web-to-backend", "default", {},
            {"targetRef": {"kind": "Dataplane", "labels": {"kuma.io/workload": "web"}},
             "to": [{"targetRef": {"kind": "MeshService", "labels": {"kuma.io/display-name": "backend"}},
                     "default": {"connectionTimeout": "2s"}}]},
            None, now(), now(),
        )
    )  # fmt: skip
    await harness.settle()
    assert cache.get_snapshot("default.web-1").version != web_version  # type: ignore[union-attr]
    assert cache.get_snapshot("default.backend-1").version == backend_version  # type: ignore[union-attr]
    assert harness.distribution.stats.last_batch_proxies == 1


async def test_new_backend_endpoints_reach_the_callers(harness: Harness) -> None:
    token = await harness.token()
    await harness.put(
        ResourceObject(
            "MeshService", "backend", "default", {"kuma.io/display-name": "backend"},
            {"selector": {"dataplaneLabels": {"matchLabels": {"kuma.io/workload": "backend"}}},
             "ports": [{"name": "main", "port": 8080, "targetPort": 8080, "appProtocol": "http"}]},
            None, now(), now(),
        )
    )  # fmt: skip
    web = await harness.connect(dataplane("web-1", "web", 9090, outbound_port=10001), token)
    await web.ack(await web.receive())
    await web.request(
        "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment",
        subscribe=["kri_msvc_default___backend_main"],
    )
    empty = await web.receive()
    assert b"127.0.0.1" not in empty.resources[0].resource.value  # no endpoint yet
    await web.ack(empty)
    backend = await harness.connect(dataplane("backend-1", "backend", 8080), token)
    await backend.receive()
    pushed = await web.receive(timeout=5)
    assert pushed.type_url.endswith("ClusterLoadAssignment")
    assert b"127.0.0.1" in pushed.resources[0].resource.value


async def test_overview_config_and_token_endpoints(harness: Harness) -> None:
    client = await harness.connect(dataplane("dp-1", "web", 8080), token=await harness.token(name="dp-1"))
    await client.ack(await client.receive())
    await client.request(LISTENER)
    await client.ack(await client.receive())
    await harness.settle()
    overview = (await harness.api.get("/meshes/default/dataplanes/dp-1/_overview")).json()
    assert overview["type"] == "DataplaneOverview" and overview["name"] == "dp-1"
    [subscription] = overview["dataplaneInsight"]["subscriptions"]
    assert subscription["controlPlaneInstanceId"] == "cp-test" and "disconnectTime" not in subscription
    assert subscription["status"]["lds"]["responsesAcknowledged"] == "1"
    assert (
        subscription["inSync"] is True and subscription["ackedConfigVersion"] == subscription["configVersion"]
    )
    config = (await harness.api.get("/meshes/default/dataplanes/dp-1/_config")).json()
    listener = config["xds"][LISTENER]["self_inbound_dp_main"]
    assert listener["address"]["socketAddress"]["portValue"] == 8080
    missing = await harness.api.get("/meshes/default/dataplanes/nope/_config")
    assert missing.status_code == 404 and missing.json()["title"] == "Could not retrieve a resource"
    issued = await harness.api.post(
        "/tokens/dataplane", json={"mesh": "default", "name": "dp-9", "validFor": "1h"}
    )
    assert issued.status_code == 200
    identity = await harness.distribution.tokens.validate(issued.text, "default")
    assert identity.name == "dp-9" and identity.mesh == "default"
    bad = await harness.api.post("/tokens/dataplane", json={"name": "x"})
    assert bad.status_code == 400 and bad.json()["invalid_parameters"][0]["field"] == "mesh"


async def test_a_nack_is_recorded_with_envoys_message(harness: Harness) -> None:
    client = await harness.connect(dataplane("dp-1", "web", 8080), token=await harness.token(name="dp-1"))
    response = await client.receive()
    await client.ack(response, error="cluster self_inbound_dp_main: bad things")
    await harness.settle()
    overview = (await harness.api.get("/meshes/default/dataplanes/dp-1/_overview")).json()
    cds = overview["dataplaneInsight"]["subscriptions"][-1]["status"]["cds"]
    assert cds["responsesRejected"] == "1"
    assert cds["lastNackError"] == "cluster self_inbound_dp_main: bad things"
    assert cds["lastNackedVersion"] == response.system_version_info


async def test_resync_applies_what_no_event_brought(harness: Harness) -> None:
    client = await harness.connect(dataplane("dp-1", "web", 8080), token=await harness.token(name="dp-1"))
    await client.ack(await client.receive())
    await harness.settle()
    assert await harness.distribution.resync() == 0
    before = harness.distribution.cache.get_snapshot("default.dp-1")
    assert before is not None
    # Lose the change stream, then change the proxy's config behind its back.
    subscription = harness.distribution._subscription
    assert subscription is not None
    await subscription.aclose()
    await harness.put(
        ResourceObject(
            "MeshTimeout", "inbound", "default", {},
            {"targetRef": {"kind": "Mesh"}, "rules": [{"default": {"connectionTimeout": "3s"}}]},
            None, now(), now(),
        )
    )  # fmt: skip
    await harness.settle()
    assert harness.distribution.cache.get_snapshot("default.dp-1") is before
    assert await harness.distribution.resync() == 1
    after = harness.distribution.cache.get_snapshot("default.dp-1")
    assert after is not None and after.version != before.version
