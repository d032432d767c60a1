"""wait_event: set, timeout, and a cancellation that arrives as the event is set."""

from __future__ import annotations

import asyncio

import pytest

from pulumi_kuma.controlplane.events import wait_event


async def test_set_and_timeout() -> None:
    event = asyncio.Event()
    assert await wait_event(event, 0.01) is False
    event.set()
    assert await wait_event(event, 10) is True


async def test_a_cancellation_arriving_as_the_event_is_set_is_not_lost() -> None:
    event = asyncio.Event()

    async def loop() -> None:
        while True:
            await wait_event(event, 3600)
            event.clear()

    task = asyncio.create_task(loop())
    await asyncio.sleep(0)
    event.set()
    task.cancel()  # the same tick: asyncio.wait_for on Python 3.11 would swallow this
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(task, 5)
