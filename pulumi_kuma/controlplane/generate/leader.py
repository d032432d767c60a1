"""The loop the generators share: reconcile on the leader only, woken by store changes.

A :class:`LeaderReconciler` watches the store's change stream on every replica (cheap) and runs
:meth:`LeaderReconciler.reconcile` only while this replica leads: once when it becomes leader,
``settle`` seconds after a change :meth:`LeaderReconciler.on_change` wakes it for (so that a burst
lands in one pass), and every ``interval`` seconds (for what changes without an event, such as
grace periods running out).
"""

from __future__ import annotations

import abc
import asyncio
import contextlib
import logging
from collections.abc import Callable

from pulumi_kuma.controlplane.events import wait_event
from pulumi_kuma.controlplane.store.base import ChangeEvent, Store, StoreError

log = logging.getLogger("pulumi_kuma.controlplane.generate")


class LeaderReconciler(abc.ABC):
    """A control-plane component that reconciles on the leader; see the module doc."""

    name = "leader-reconciler"

    def __init__(self, store: Store, *, interval: float, settle: float = 0.05) -> None:
        self._store = store
        self._interval = interval
        self._settle = settle
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._watcher: asyncio.Task[None] | None = None
        self._remove_callback: Callable[[], None] | None = None
        self.writes = 0
        """Writes made by all passes so far (for tests and status pages)."""

    @abc.abstractmethod
    async def reconcile(self) -> int:
        """One pass; returns how many writes it made."""

    @abc.abstractmethod
    def on_change(self, event: ChangeEvent) -> None:
        """Called for every store change on every replica: call :meth:`wake` for relevant ones."""

    def wake(self) -> None:
        """Run a pass soon (on the leader)."""
        self._wake.set()

    async def start(self) -> None:
        """Watch the change stream; reconcile while this replica leads."""
        subscription = self._store.changes()

        async def watch() -> None:
            async for event in subscription:
                self.on_change(event)

        self._watcher = asyncio.create_task(watch(), name=f"{self.name}-watch")
        self._remove_callback = self._store.add_leadership_callback(self._on_leadership)

    def _on_leadership(self, leader: bool) -> None:
        if leader and self._task is None:
            self._wake.set()
            self._task = asyncio.get_running_loop().create_task(self._run(), name=self.name)
        elif not leader and self._task is not None:
            self._task.cancel()
            self._task = None

    async def stop(self) -> None:
        """Stop watching and reconciling."""
        if self._remove_callback is not None:
            self._remove_callback()
            self._remove_callback = None
        for task in (self._task, self._watcher):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        self._task = self._watcher = None

    async def _run(self) -> None:
        while True:
            await wait_event(self._wake, self._interval)
            self._wake.clear()
            await asyncio.sleep(self._settle)
            try:
                await self.reconcile()
            except StoreError as exc:
                log.warning("%s: a pass failed, retrying: %s", self.name, exc)
