"""Waiting on an :class:`asyncio.Event` with a timeout, without losing a cancellation.

On Python 3.11, ``asyncio.wait_for(event.wait(), timeout)`` returns normally when the task is
cancelled at the moment the event is set, and the cancellation is lost: a background loop then
keeps running and whoever awaits it on shutdown waits forever (``cp run`` hung on a failed start).
"""

from __future__ import annotations

import asyncio


async def wait_event(event: asyncio.Event, timeout: float) -> bool:
    """Wait until ``event`` is set (True) or ``timeout`` seconds pass (False); a cancellation of
    the caller always propagates."""
    if event.is_set():
        return True
    waiter = asyncio.ensure_future(event.wait())
    try:
        done, _ = await asyncio.wait({waiter}, timeout=timeout)
    finally:
        waiter.cancel()
    return bool(done)
