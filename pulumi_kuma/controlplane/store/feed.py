"""Plumbing both backends share: the in-process fan-out of change events, and leadership state.

A backend publishes each committed write once to its :class:`ChangeFeed`; every subscriber gets its
own queue, so a slow consumer never delays another. Subscriptions register when they are created,
not on first iteration, so a caller that subscribes and then writes always sees its own write.
Commit listeners are plain callbacks run inside :meth:`ChangeFeed.publish`, before it returns: a
backend that publishes before its write returns lets them keep caches exact.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable

from pulumi_kuma.controlplane.store.base import ChangeEvent

log = logging.getLogger(__name__)

LeadershipCallback = Callable[[bool], None]
"""Called with the new leadership state (True: this replica leads)."""

CommitListener = Callable[[ChangeEvent], None]
"""Called with each committed write as it is published (it must not raise, block or write)."""


class _End:
    """Marks the end of a subscription in its queue."""


_END = _End()


class ChangeSubscription:
    """One subscriber's stream of change events; iterate it with ``async for``.

    It ends when the store closes or when :meth:`aclose` is called. Events are kept in an unbounded
    queue, so a consumer that stops reading should close its subscription.
    """

    def __init__(self, feed: ChangeFeed) -> None:
        self._feed = feed
        self._queue: asyncio.Queue[ChangeEvent | _End] = asyncio.Queue()
        self._ended = False

    def __aiter__(self) -> ChangeSubscription:
        return self

    async def __anext__(self) -> ChangeEvent:
        if self._ended:
            raise StopAsyncIteration
        item = await self._queue.get()
        if isinstance(item, _End):
            self._ended = True
            raise StopAsyncIteration
        return item

    def pending(self) -> int:
        """Events delivered to this subscription and not yet read."""
        return self._queue.qsize()

    async def aclose(self) -> None:
        """Stop receiving events; a pending ``async for`` ends."""
        self._feed.unsubscribe(self)
        self._end()

    def _put(self, event: ChangeEvent) -> None:
        self._queue.put_nowait(event)

    def _end(self) -> None:
        if not self._ended:
            self._queue.put_nowait(_END)


class ChangeFeed:
    """Fans committed writes out to every current subscriber (call from the event loop's thread)."""

    def __init__(self) -> None:
        self._subscribers: set[ChangeSubscription] = set()
        self._listeners: list[CommitListener] = []
        self._closed = False

    def subscribe(self) -> ChangeSubscription:
        """A new subscription that receives every event published from now on."""
        subscription = ChangeSubscription(self)
        if self._closed:
            subscription._end()
        else:
            self._subscribers.add(subscription)
        return subscription

    def unsubscribe(self, subscription: ChangeSubscription) -> None:
        """Stop delivering to ``subscription``."""
        self._subscribers.discard(subscription)

    def add_listener(self, listener: CommitListener) -> Callable[[], None]:
        """Call ``listener`` synchronously with every event published from now on; returns a remover."""
        self._listeners.append(listener)

        def remove() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return remove

    def publish(self, events: Iterable[ChangeEvent]) -> None:
        """Deliver ``events``, in order, to every listener (at once) and every subscriber."""
        for event in events:
            for listener in self._listeners:
                # A cache that missed an event would serve stale data: a failing listener is a bug,
                # logged, and must not keep the others (or the subscribers) from the event.
                try:
                    listener(event)
                except Exception:
                    log.exception("commit listener %r failed", listener)
            for subscription in self._subscribers:
                subscription._put(event)

    def close(self) -> None:
        """End every subscription; later subscriptions end at once."""
        self._closed = True
        for subscription in self._subscribers:
            subscription._end()
        self._subscribers.clear()


class Leadership:
    """Whether this replica leads, and the callbacks to tell when that changes."""

    def __init__(self, leader: bool = False) -> None:
        self._leader = leader
        self._callbacks: list[LeadershipCallback] = []

    @property
    def is_leader(self) -> bool:
        return self._leader

    def add_callback(self, callback: LeadershipCallback) -> Callable[[], None]:
        """Call ``callback`` with the current state now and on every change; returns a remover."""
        self._callbacks.append(callback)
        self._call(callback, self._leader)

        def remove() -> None:
            if callback in self._callbacks:
                self._callbacks.remove(callback)

        return remove

    def set(self, leader: bool) -> None:
        """Record the state; callbacks run only when it changes."""
        if leader == self._leader:
            return
        self._leader = leader
        log.info("leadership %s", "acquired" if leader else "lost")
        for callback in list(self._callbacks):
            self._call(callback, leader)

    @staticmethod
    def _call(callback: LeadershipCallback, leader: bool) -> None:
        # A failing component must not stop the others from hearing about the change.
        try:
            callback(leader)
        except Exception:
            log.exception("leadership callback %r failed", callback)
