"""The ControlPlane runs components on one loop: store first, then components, then the API."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from pulumi_kuma.controlplane.runtime import ControlPlane, Settings
from pulumi_kuma.registry import REGISTRY


class Recorder:
    def __init__(self, name: str, events: list[str], fail: bool = False) -> None:
        self.name = name
        self.events = events
        self.fail = fail

    async def start(self) -> None:
        if self.fail:
            raise RuntimeError(f"{self.name} cannot start")
        self.events.append(f"start {self.name}")

    async def stop(self) -> None:
        self.events.append(f"stop {self.name}")


async def test_components_start_before_the_api_and_stop_after_it(tmp_path: Path) -> None:
    events: list[str] = []
    cp = ControlPlane(Settings(store_url=f"sqlite://{tmp_path / 'cp.db'}", api_port=0), REGISTRY)
    cp.add_component(Recorder("xds", events))
    cp.add_component(Recorder("resolver", events))

    def ready(plane: ControlPlane) -> None:
        assert plane.api is not None and plane.api.port != 0
        events.append("ready")
        plane.request_stop()

    await asyncio.wait_for(cp.run(on_ready=ready), 60)
    assert events == ["start xds", "start resolver", "ready", "stop resolver", "stop xds"]


async def test_the_api_answers_between_start_and_stop(tmp_path: Path) -> None:
    cp = ControlPlane(Settings(store_url=f"sqlite://{tmp_path / 'cp.db'}", api_port=0), REGISTRY)
    await cp.start()
    try:
        assert cp.api is not None
        async with httpx.AsyncClient(base_url=cp.api.url) as client:
            assert (await client.get("/")).status_code == 200
    finally:
        await cp.stop()
    with pytest.raises(httpx.ConnectError):
        async with httpx.AsyncClient(base_url=cp.api.url) as client:
            await client.get("/")


async def test_a_component_that_cannot_start_stops_the_rest(tmp_path: Path) -> None:
    events: list[str] = []
    cp = ControlPlane(Settings(store_url=f"sqlite://{tmp_path / 'cp.db'}", api_port=0), REGISTRY)
    cp.add_component(Recorder("first", events))
    cp.add_component(Recorder("broken", events, fail=True))
    with pytest.raises(RuntimeError, match="broken cannot start"):
        await cp.run()
    assert events == ["start first", "stop first"]
    # The store was closed: its file can be opened again by a new control plane.
    again = ControlPlane(Settings(store_url=f"sqlite://{tmp_path / 'cp.db'}", api_port=0), REGISTRY)
    await again.start()
    await again.stop()
