"""A scripted ADS client (grpc.aio) that speaks delta or state-of-the-world xDS like Envoy."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable, Mapping
from typing import Any

import grpc
from envoy.config.core.v3 import base_pb2
from envoy.service.discovery.v3 import ads_pb2_grpc, discovery_pb2
from google.protobuf import json_format, struct_pb2
from google.rpc import status_pb2


class AdsClient:
    """One ADS stream. ``delta=True`` uses DeltaAggregatedResources, else StreamAggregatedResources."""

    def __init__(
        self,
        channel: grpc.aio.Channel,
        node_id: str,
        *,
        delta: bool = True,
        token: str | None = None,
        dataplane: Mapping[str, Any] | None = None,
    ) -> None:
        self.node_id = node_id
        self.delta = delta
        stub = ads_pb2_grpc.AggregatedDiscoveryServiceStub(channel)
        metadata = (("authorization", token),) if token is not None else None
        method = stub.DeltaAggregatedResources if delta else stub.StreamAggregatedResources
        self.call = method(metadata=metadata)
        self._node_sent = False
        self._pending: asyncio.Future[Any] | None = None
        self._metadata = struct_pb2.Struct()
        if dataplane is not None:
            json_format.ParseDict({"dataplane.resource": json.dumps(dataplane)}, self._metadata)

    def _node(self) -> base_pb2.Node | None:
        if self._node_sent:
            return None
        self._node_sent = True
        return base_pb2.Node(id=self.node_id, metadata=self._metadata)

    async def request(
        self,
        type_url: str,
        *,
        subscribe: Iterable[str] = (),
        unsubscribe: Iterable[str] = (),
        initial_versions: Mapping[str, str] | None = None,
        names: Iterable[str] = (),
        version: str = "",
        nonce: str = "",
        error: str | None = None,
    ) -> None:
        """Send one request (delta fields or SotW fields, depending on the stream)."""
        detail = status_pb2.Status(code=3, message=error) if error is not None else None
        node = self._node()
        if self.delta:
            message = discovery_pb2.DeltaDiscoveryRequest(
                node=node,
                type_url=type_url,
                resource_names_subscribe=list(subscribe),
                resource_names_unsubscribe=list(unsubscribe),
                initial_resource_versions=dict(initial_versions or {}),
                response_nonce=nonce,
                error_detail=detail,
            )
        else:
            message = discovery_pb2.DiscoveryRequest(
                node=node,
                type_url=type_url,
                resource_names=list(names),
                version_info=version,
                response_nonce=nonce,
                error_detail=detail,
            )
        await self.call.write(message)

    async def ack(
        self, response: Any, *, error: str | None = None, names: Iterable[str] = (), version: str = ""
    ) -> None:
        """ACK (or NACK with ``error``) a response."""
        if self.delta:
            await self.request(response.type_url, nonce=response.nonce, error=error)
        else:
            await self.request(
                response.type_url,
                nonce=response.nonce,
                names=names,
                version=version if error is not None else response.version_info,
                error=error,
            )

    def _read(self) -> asyncio.Future[Any]:
        if self._pending is None:
            self._pending = asyncio.ensure_future(self.call.read())
        return self._pending

    async def receive(self, timeout: float = 3.0) -> Any:
        """The next response; ``TimeoutError`` if none comes in time."""
        future = self._read()
        response = await asyncio.wait_for(asyncio.shield(future), timeout)
        self._pending = None
        if response is grpc.aio.EOF:
            raise EOFError("stream ended")
        return response

    async def nothing(self, wait: float = 0.3) -> None:
        """Assert that no response arrives within ``wait`` seconds."""
        future = self._read()
        await asyncio.wait({future}, timeout=wait)
        if future.done():
            raise AssertionError(f"unexpected response: {future.result()}")

    async def close(self) -> None:
        """Half-close and cancel the stream."""
        self.call.cancel()
