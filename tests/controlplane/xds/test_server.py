"""ADS server protocol behaviour, driven by a scripted gRPC client (real gRPC on loopback, no Envoy)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator
from typing import Any

import grpc
import pytest
from envoy.config.cluster.v3 import cluster_pb2

from pulumi_kuma.controlplane.xds import (
    CLUSTER,
    ENDPOINT,
    LISTENER,
    ProxyConnection,
    SnapshotCache,
    XdsServer,
    XdsStreamRejected,
)
from tests.support.ads_client import AdsClient
from tests.support.resources import eds_cluster, endpoints, listener, route, service_snapshot

NODE = "default.web"


class Harness:
    """A started server, its cache, and a channel to it."""

    def __init__(self, server: XdsServer, channel: grpc.aio.Channel) -> None:
        self.server = server
        self.cache = server.cache
        self.channel = channel
        self.clients: list[AdsClient] = []

    def client(self, node_id: str = NODE, **kwargs: Any) -> AdsClient:
        client = AdsClient(self.channel, node_id, **kwargs)
        self.clients.append(client)
        return client


async def start(**options: Any) -> tuple[XdsServer, grpc.aio.Channel]:
    options.setdefault("nack_backoff", 0.3)
    options.setdefault("deregistration_delay", 0.2)
    server = XdsServer(SnapshotCache(), control_plane_id="test-cp", **options)
    port = await server.start()
    return server, grpc.aio.insecure_channel(f"127.0.0.1:{port}")


@pytest.fixture
async def xds() -> AsyncIterator[Harness]:
    server, channel = await start()
    harness = Harness(server, channel)
    yield harness
    for client in harness.clients:
        await client.close()
    await channel.close()
    await server.stop(0.5)


def names(response: Any) -> list[str]:
    return [resource.name for resource in response.resources]


def two_services() -> dict[str, list[dict[str, Any]]]:
    return service_snapshot(10001, {"backend": 8080, "web": 8081})


# -- delta -------------------------------------------------------------------------------------


async def test_delta_wildcard_cds_then_ack_is_recorded(xds: Harness) -> None:
    snapshot = xds.cache.set_snapshot(NODE, two_services()).snapshot
    client = xds.client()
    await client.request(CLUSTER)
    response = await client.receive()
    assert response.type_url == CLUSTER
    assert names(response) == ["backend", "web"]
    assert response.system_version_info == snapshot.type_version(CLUSTER)
    assert response.control_plane.identifier == "test-cp"
    assert [r.version for r in response.resources] == [
        snapshot.versions(CLUSTER)[n] for n in ("backend", "web")
    ]
    unpacked = cluster_pb2.Cluster()
    assert response.resources[0].resource.Unpack(unpacked) and unpacked.name == "backend"
    await client.ack(response)
    status = await xds.server.wait_for_status(
        NODE, lambda s: CLUSTER in s.types and s.types[CLUSTER].acks == 1
    )
    assert status.connected and status.protocol == "delta"
    assert status.types[CLUSTER].acked_version == snapshot.type_version(CLUSTER)
    assert status.types[CLUSTER].nacked_version is None


async def test_first_request_is_answered_even_when_the_type_is_empty(xds: Harness) -> None:
    xds.cache.set_snapshot(NODE, {CLUSTER: [eds_cluster("backend")]})
    client = xds.client()
    await client.request(LISTENER)
    response = await client.receive()
    assert response.type_url == LISTENER
    assert list(response.resources) == [] and list(response.removed_resources) == []
    await client.ack(response)
    await client.nothing()


async def test_no_answer_until_the_proxy_has_a_snapshot(xds: Harness) -> None:
    client = xds.client()
    await client.request(CLUSTER)
    await client.nothing()
    xds.cache.set_snapshot(NODE, two_services())
    assert names(await client.receive()) == ["backend", "web"]


async def test_setting_a_snapshot_pushes_without_a_request(xds: Harness) -> None:
    xds.cache.set_snapshot(NODE, two_services())
    client = xds.client()
    await client.request(CLUSTER)
    await client.ack(await client.receive())
    changed = service_snapshot(
        10001, {"backend": 8080, "web": 8081}, cluster_extra={"web": {"connectTimeout": "4s"}}
    )
    xds.cache.set_snapshot(NODE, changed)
    pushed = await client.receive()
    assert pushed.type_url == CLUSTER
    assert names(pushed) == ["web"]  # delta: only what changed


async def test_unchanged_snapshot_pushes_nothing(xds: Harness) -> None:
    xds.cache.set_snapshot(NODE, two_services())
    client = xds.client()
    await client.request(CLUSTER)
    await client.ack(await client.receive())
    assert not xds.cache.set_snapshot(NODE, two_services()).changed
    await client.nothing()


async def test_eds_subscription_and_missing_names(xds: Harness) -> None:
    xds.cache.set_snapshot(NODE, two_services())
    client = xds.client()
    await client.request(ENDPOINT, subscribe=["backend", "nope"])
    response = await client.receive()
    assert names(response) == ["backend"]
    # A name the snapshot lacks is reported removed, so Envoy does not wait for it.
    assert list(response.removed_resources) == ["nope"]
    await client.ack(response)
    await client.nothing()


async def test_resubscription_is_answered_again(xds: Harness) -> None:
    xds.cache.set_snapshot(NODE, two_services())
    client = xds.client()
    await client.request(ENDPOINT, subscribe=["backend"])
    await client.ack(await client.receive())
    await client.request(ENDPOINT, subscribe=["backend"])
    assert names(await client.receive()) == ["backend"]


async def test_unsubscribed_names_get_no_updates(xds: Harness) -> None:
    xds.cache.set_snapshot(NODE, two_services())
    client = xds.client()
    await client.request(ENDPOINT, subscribe=["backend", "web"])
    await client.ack(await client.receive())
    # Subscribing to a missing name alongside gets an answer, so we know the server saw it.
    await client.request(ENDPOINT, unsubscribe=["web"], subscribe=["missing"])
    answer = await client.receive()
    assert list(answer.removed_resources) == ["missing"]
    await client.ack(answer)
    changed = two_services()
    changed[ENDPOINT] = [endpoints("backend", 8080), endpoints("web", 9999)]
    xds.cache.set_snapshot(NODE, changed)
    await client.nothing()
    changed[ENDPOINT] = [endpoints("backend", 7777), endpoints("web", 9999)]
    xds.cache.set_snapshot(NODE, changed)
    assert names(await client.receive()) == ["backend"]


async def test_removed_cluster_is_sent_as_removed(xds: Harness) -> None:
    xds.cache.set_snapshot(NODE, two_services())
    client = xds.client()
    await client.request(CLUSTER)
    await client.ack(await client.receive())
    xds.cache.set_snapshot(NODE, service_snapshot(10001, {"backend": 8080}))
    response = await client.receive()
    assert names(response) == []
    assert list(response.removed_resources) == ["web"]


async def test_initial_resource_versions_avoid_resending(xds: Harness) -> None:
    snapshot = xds.cache.set_snapshot(NODE, two_services()).snapshot
    client = xds.client()
    # A reconnecting Envoy says what it holds: "backend" current, "web" stale, "gone" removed.
    held = {"backend": snapshot.versions(CLUSTER)["backend"], "web": "old", "gone": "old"}
    await client.request(CLUSTER, initial_versions=held)
    response = await client.receive()
    assert names(response) == ["web"]
    assert list(response.removed_resources) == ["gone"]


async def test_nack_is_recorded_and_retried_after_backoff(xds: Harness) -> None:
    snapshot = xds.cache.set_snapshot(NODE, two_services()).snapshot
    client = xds.client()
    await client.request(LISTENER)
    first = await client.receive()
    await client.ack(first, error="Only a single wildcard domain is permitted in route outbound")
    nacked_at = time.monotonic()
    status = await xds.server.wait_for_status(
        NODE, lambda s: LISTENER in s.types and s.types[LISTENER].nacks == 1
    )
    lds = status.types[LISTENER]
    assert lds.nack_error == "Only a single wildcard domain is permitted in route outbound"
    assert lds.nacked_version == snapshot.type_version(LISTENER)
    assert lds.acked_version is None
    assert not status.in_sync
    again = await client.receive(timeout=3)
    assert time.monotonic() - nacked_at >= 0.25  # held back by the 0.3 s backoff
    assert names(again) == names(first)
    assert again.nonce != first.nonce
    await client.ack(again)
    status = await xds.server.wait_for_status(NODE, lambda s: s.types[LISTENER].acks == 1)
    assert status.types[LISTENER].acked_version == snapshot.type_version(LISTENER)
    assert status.types[LISTENER].nack_error is not None  # the last NACK stays on record


async def test_one_response_per_type_in_flight(xds: Harness) -> None:
    xds.cache.set_snapshot(NODE, two_services())
    client = xds.client()
    await client.request(CLUSTER)
    first = await client.receive()
    # Two more changes before the ACK: nothing is sent until the ACK, then only the latest.
    xds.cache.set_snapshot(NODE, service_snapshot(10001, {"backend": 8080, "web": 8081, "a": 1}))
    latest = xds.cache.set_snapshot(
        NODE, service_snapshot(10001, {"backend": 8080, "web": 8081, "b": 2})
    ).snapshot
    await client.nothing()
    await client.ack(first)
    response = await client.receive()
    assert names(response) == ["b"]
    assert response.system_version_info == latest.type_version(CLUSTER)


async def test_push_order_is_cds_eds_lds(xds: Harness) -> None:
    xds.cache.set_snapshot(NODE, two_services())
    client = xds.client()
    await client.request(LISTENER)
    await client.request(ENDPOINT, subscribe=["backend", "web"])
    await client.request(CLUSTER)
    responses = [await client.receive() for _ in range(3)]
    for response in responses:
        await client.ack(response)
    await xds.server.wait_in_sync(NODE)
    changed = service_snapshot(
        10002, {"backend": 8080, "web": 9090}, cluster_extra={"backend": {"connectTimeout": "2s"}}
    )
    xds.cache.set_snapshot(NODE, changed)
    pushed = [(await client.receive()).type_url for _ in range(3)]
    assert pushed == [CLUSTER, ENDPOINT, LISTENER]


async def test_listener_waits_for_a_pending_cluster_change(xds: Harness) -> None:
    xds.cache.set_snapshot(NODE, two_services())
    client = xds.client()
    await client.request(CLUSTER)
    await client.request(LISTENER)
    cds = await client.receive()
    lds = await client.receive()
    await client.ack(lds)
    # CDS is still in flight; a new cluster and a listener routing to it arrive together.
    services = {"backend": 8080, "web": 8081, "new": 8082}
    xds.cache.set_snapshot(NODE, service_snapshot(10001, services))
    await client.nothing()  # neither CDS (in flight) nor LDS (would route to an unsent cluster)
    await client.ack(cds)
    assert (await client.receive()).type_url == CLUSTER
    assert (await client.receive()).type_url == LISTENER


async def test_in_sync_and_delivery_time(xds: Harness) -> None:
    snapshot = xds.cache.set_snapshot(NODE, two_services()).snapshot
    client = xds.client()
    await client.request(CLUSTER)
    await client.request(LISTENER)
    await client.ack(await client.receive())
    await client.request(ENDPOINT, subscribe=["backend", "web"])
    for _ in range(2):
        await client.ack(await client.receive())
    status = await xds.server.wait_in_sync(NODE)
    assert status.acked_snapshot_version == snapshot.version
    assert status.last_delivery_seconds is not None and status.last_delivery_seconds > 0
    assert {t: s.acked_version for t, s in status.types.items()} == {
        t: snapshot.type_version(t) for t in (CLUSTER, ENDPOINT, LISTENER)
    }


async def test_set_snapshot_from_another_thread_wakes_the_stream(xds: Harness) -> None:
    xds.cache.set_snapshot(NODE, two_services())
    client = xds.client()
    await client.request(CLUSTER)
    await client.ack(await client.receive())
    thread = threading.Thread(target=xds.cache.set_snapshot, args=(NODE, service_snapshot(1, {"other": 1})))
    thread.start()
    thread.join()
    response = await client.receive()
    assert names(response) == ["other"]
    assert sorted(response.removed_resources) == ["backend", "web"]


async def test_invalid_node_id_is_rejected_with_kumas_message(xds: Harness) -> None:
    client = xds.client("no-dot")
    await client.request(CLUSTER)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await client.receive()
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert (
        caught.value.details()
        == "request must have a valid Proxy ID: the name should be provided after the dot"
    )


async def test_node_id_cannot_change_on_a_stream(xds: Harness) -> None:
    xds.cache.set_snapshot(NODE, two_services())
    client = xds.client()
    await client.request(CLUSTER)
    await client.ack(await client.receive())
    client._node_sent = False
    client.node_id = "default.other"
    await client.request(LISTENER)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await client.receive()
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "Node ID cannot be changed" in (caught.value.details() or "")


async def test_status_after_disconnect(xds: Harness) -> None:
    xds.cache.set_snapshot(NODE, two_services())
    client = xds.client()
    await client.request(CLUSTER)
    await client.ack(await client.receive())
    await xds.server.wait_for_status(NODE, lambda s: CLUSTER in s.types and s.types[CLUSTER].acks == 1)
    await client.close()
    status = await xds.server.wait_for_status(NODE, lambda s: not s.connected)
    assert status.disconnected_at is not None
    assert status.types[CLUSTER].acks == 1  # what it last ran stays visible
    assert xds.server.status.forget(NODE)
    assert xds.server.proxy_status(NODE) is None


# -- state of the world ------------------------------------------------------------------------


async def test_sotw_wildcard_cds_and_version_info(xds: Harness) -> None:
    snapshot = xds.cache.set_snapshot(NODE, two_services()).snapshot
    client = xds.client(delta=False)
    await client.request(CLUSTER)
    response = await client.receive()
    assert response.version_info == snapshot.type_version(CLUSTER)
    assert len(response.resources) == 2
    assert response.control_plane.identifier == "test-cp"
    await client.ack(response)
    status = await xds.server.wait_for_status(
        NODE, lambda s: CLUSTER in s.types and s.types[CLUSTER].acks == 1
    )
    assert status.protocol == "sotw"
    # Same names, same version: nothing more.
    await client.nothing()


async def test_sotw_sends_only_requested_endpoints(xds: Harness) -> None:
    xds.cache.set_snapshot(NODE, two_services())
    client = xds.client(delta=False)
    await client.request(ENDPOINT, names=["web"])
    response = await client.receive()
    assert len(response.resources) == 1
    await client.ack(response, names=["web"])
    await client.nothing()


async def test_sotw_stale_nonce_is_ignored_and_names_on_the_ack_decide(xds: Harness) -> None:
    xds.cache.set_snapshot(NODE, two_services())
    client = xds.client(delta=False)
    await client.request(ENDPOINT, names=["backend"])
    first = await client.receive()
    await client.ack(first, names=["backend"])
    changed = two_services()
    changed[ENDPOINT] = [endpoints("backend", 9000), endpoints("web", 8081)]
    xds.cache.set_snapshot(NODE, changed)
    second = await client.receive()
    # Envoy asks for a new name on a request carrying the older nonce: stale, ignored.
    await client.request(ENDPOINT, names=["backend", "web"], nonce=first.nonce, version=first.version_info)
    await client.nothing()
    # The ACK of the current response carries the new names: answered.
    await client.ack(second, names=["backend", "web"])
    third = await client.receive()
    assert len(third.resources) == 2
    assert third.version_info == second.version_info


async def test_sotw_nack_then_retry(xds: Harness) -> None:
    xds.cache.set_snapshot(NODE, two_services())
    client = xds.client(delta=False)
    await client.request(LISTENER)
    first = await client.receive()
    await client.ack(first, error="bad listener")
    status = await xds.server.wait_for_status(
        NODE, lambda s: LISTENER in s.types and s.types[LISTENER].nacks == 1
    )
    assert status.types[LISTENER].nack_error == "bad listener"
    again = await client.receive(timeout=3)
    assert again.version_info == first.version_info and again.nonce != first.nonce


async def test_sotw_cluster_change_resends_endpoints(xds: Harness) -> None:
    xds.cache.set_snapshot(NODE, two_services())
    client = xds.client(delta=False)
    await client.request(CLUSTER)
    await client.ack(await client.receive())
    await client.request(ENDPOINT, names=["backend", "web"])
    await client.ack(await client.receive(), names=["backend", "web"])
    changed = service_snapshot(
        10001, {"backend": 8080, "web": 8081}, cluster_extra={"web": {"connectTimeout": "3s"}}
    )
    xds.cache.set_snapshot(NODE, changed)
    assert (await client.receive()).type_url == CLUSTER
    eds = await client.receive()
    assert eds.type_url == ENDPOINT and len(eds.resources) == 2


# -- hooks -------------------------------------------------------------------------------------


async def test_authentication_hook_gets_the_token_and_may_reject() -> None:
    seen: list[ProxyConnection] = []

    async def authenticate(connection: ProxyConnection) -> None:
        seen.append(connection)
        if connection.token != "good":
            raise XdsStreamRejected("authentication failed: invalid dataplane token")

    server, channel = await start(authenticate=authenticate)
    try:
        server.cache.set_snapshot(NODE, two_services())
        bad = AdsClient(channel, NODE, token="bad")
        await bad.request(CLUSTER)
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await bad.receive()
        assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED
        assert caught.value.details() == "authentication failed: invalid dataplane token"
        assert server.proxy_status(NODE) is None
        good = AdsClient(channel, NODE, token="good")
        await good.request(CLUSTER)
        assert len((await good.receive()).resources) == 2
        assert [c.token for c in seen] == ["bad", "good"]
        assert seen[1].proxy_id.mesh == "default" and seen[1].proxy_id.name == "web"
        await good.close()
    finally:
        await channel.close()
        await server.stop(0.5)


async def test_connect_hook_gets_the_dataplane_and_may_reject() -> None:
    connected: list[ProxyConnection] = []

    def on_connect(connection: ProxyConnection) -> None:
        if connection.dataplane is None:
            raise XdsStreamRejected("Dataplane is missing", grpc.StatusCode.FAILED_PRECONDITION)
        connected.append(connection)

    server, channel = await start(on_connect=on_connect)
    dataplane = {
        "type": "Dataplane",
        "mesh": "default",
        "name": "web",
        "networking": {"address": "127.0.0.1"},
    }
    try:
        server.cache.set_snapshot(NODE, two_services())
        without = AdsClient(channel, NODE)
        await without.request(CLUSTER)
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await without.receive()
        assert caught.value.code() == grpc.StatusCode.FAILED_PRECONDITION
        client = AdsClient(channel, NODE, dataplane=dataplane)
        await client.request(CLUSTER)
        await client.receive()
        assert [c.dataplane for c in connected] == [dataplane]
        assert connected[0].metadata["dataplane.resource"]
        await client.close()
    finally:
        await channel.close()
        await server.stop(0.5)


async def test_connect_hook_failure_ends_the_stream_with_internal() -> None:
    def on_connect(connection: ProxyConnection) -> None:
        raise RuntimeError("store is down")

    server, channel = await start(on_connect=on_connect)
    try:
        client = AdsClient(channel, NODE)
        await client.request(CLUSTER)
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await client.receive()
        assert caught.value.code() == grpc.StatusCode.INTERNAL
        assert caught.value.details() == "could not register default.web: store is down"
    finally:
        await channel.close()
        await server.stop(0.5)


async def test_disconnect_hook_runs_after_the_deregistration_delay() -> None:
    gone: list[tuple[str, float]] = []
    server, channel = await start(on_disconnect=lambda c: gone.append((c.node_id, time.monotonic())))
    try:
        server.cache.set_snapshot(NODE, two_services())
        client = AdsClient(channel, NODE)
        await client.request(CLUSTER)
        await client.receive()
        closed_at = time.monotonic()
        await client.close()
        await server.wait_for_status(NODE, lambda s: not s.connected)
        assert gone == []
        for _ in range(100):
            if gone:
                break
            await asyncio.sleep(0.02)
        assert [node for node, _ in gone] == [NODE]
        assert gone[0][1] - closed_at >= 0.2
    finally:
        await channel.close()
        await server.stop(0.5)


async def test_reconnecting_within_the_delay_cancels_deregistration() -> None:
    gone: list[str] = []
    server, channel = await start(on_disconnect=lambda c: gone.append(c.node_id), deregistration_delay=0.3)
    try:
        server.cache.set_snapshot(NODE, two_services())
        first = AdsClient(channel, NODE)
        await first.request(CLUSTER)
        await first.receive()
        await first.close()
        await server.wait_for_status(NODE, lambda s: not s.connected)
        second = AdsClient(channel, NODE)
        await second.request(CLUSTER)
        await second.receive()
        await asyncio.sleep(0.6)
        assert gone == []
        await second.close()
    finally:
        await channel.close()
        await server.stop(0.5)


async def test_stopping_the_server_does_not_deregister() -> None:
    gone: list[str] = []
    server, channel = await start(on_disconnect=lambda c: gone.append(c.node_id), deregistration_delay=0.05)
    server.cache.set_snapshot(NODE, two_services())
    client = AdsClient(channel, NODE)
    await client.request(CLUSTER)
    await client.receive()
    started = time.monotonic()
    await server.stop(0.5)
    assert time.monotonic() - started < 2
    await asyncio.sleep(0.2)
    assert gone == []
    assert server.proxy_status(NODE) is not None and not server.proxy_status(NODE).connected  # type: ignore[union-attr]
    await channel.close()


async def test_two_proxies_are_kept_apart(xds: Harness) -> None:
    xds.cache.set_snapshot("default.a", {CLUSTER: [eds_cluster("only-a")]})
    xds.cache.set_snapshot("default.b", {CLUSTER: [eds_cluster("only-b")]})
    a, b = xds.client("default.a"), xds.client("default.b")
    await a.request(CLUSTER)
    await b.request(CLUSTER)
    first_a, first_b = await a.receive(), await b.receive()
    assert (names(first_a), names(first_b)) == (["only-a"], ["only-b"])
    await a.ack(first_a)
    await b.ack(first_b)
    xds.cache.set_snapshot("default.b", {CLUSTER: [eds_cluster("only-b"), eds_cluster("more")]})
    assert names(await b.receive()) == ["more"]
    await a.nothing()


async def test_listener_round_trip_through_the_wire(xds: Harness) -> None:
    xds.cache.set_snapshot(NODE, {LISTENER: [listener("out", 10001, [route("/", "backend", timeout="2s")])]})
    client = xds.client()
    await client.request(LISTENER)
    response = await client.receive()
    assert names(response) == ["out"]
    assert response.resources[0].resource.type_url == LISTENER


async def test_status_as_kumas_discovery_subscription(xds: Harness) -> None:
    xds.cache.set_snapshot(NODE, two_services())
    client = xds.client()
    client._metadata.update({"version": {"envoy": {"version": "1.40.0", "build": "x/1.40.0/Clean/RELEASE"}}})
    await client.request(CLUSTER)
    await client.ack(await client.receive())
    await client.request(LISTENER)
    await client.ack(await client.receive(), error="bad listener")
    status = await xds.server.wait_for_status(
        NODE, lambda s: LISTENER in s.types and s.types[LISTENER].nacks == 1
    )
    subscription = status.discovery_subscription()
    assert subscription["id"] == str(status.stream_id)
    assert subscription["controlPlaneInstanceId"] == "test-cp"
    assert subscription["connectTime"].endswith("Z") and "disconnectTime" not in subscription
    assert subscription["status"]["total"] == {
        "responsesSent": "2",
        "responsesAcknowledged": "1",
        "responsesRejected": "1",
    }
    assert subscription["status"]["cds"] == {"responsesSent": "1", "responsesAcknowledged": "1"}
    assert subscription["status"]["lds"] == {"responsesSent": "1", "responsesRejected": "1"}
    assert "eds" not in subscription["status"]
    assert subscription["version"] == {"envoy": {"version": "1.40.0", "build": "x/1.40.0/Clean/RELEASE"}}
