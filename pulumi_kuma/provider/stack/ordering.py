"""Deleting many resources at once without deleting one before something that depends on it."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from pulumi_kuma.provider.stack.state import ResourceState

WORKERS = 4
"""The provider host serves four calls at once; more would only queue there."""


def delete_in_dependency_order(
    resources: Sequence[ResourceState], delete: Callable[[ResourceState], bool], *, workers: int = WORKERS
) -> None:
    """Call ``delete`` for every resource, dependents first, up to ``workers`` at a time.

    A resource is deleted only once every resource of ``resources`` that depends on it (through
    ``dependencies`` or as its child) has been deleted. ``delete`` returns False when it failed;
    what depends on a failed resource is then left alone too (its dependency still exists).
    """
    pending = {r.urn: r for r in resources}
    dependents: dict[str, set[str]] = {urn: set() for urn in pending}
    for resource in resources:
        for needed in {*resource.dependencies, resource.parent}:
            if needed in dependents and needed != resource.urn:
                dependents[needed].add(resource.urn)
    lock = threading.Lock()
    blocked: set[str] = set()

    def ready() -> list[ResourceState]:
        return [pending[u] for u in pending if not dependents[u] and u not in blocked]

    with ThreadPoolExecutor(max_workers=workers) as pool:
        running: dict[Future[bool], str] = {}
        while True:
            with lock:
                for resource in ready():
                    if resource.urn not in running.values():
                        running[pool.submit(delete, resource)] = resource.urn
            if not running:
                return
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                urn = running.pop(future)
                ok = future.result()
                with lock:
                    pending.pop(urn, None)
                    if ok:
                        for deps in dependents.values():
                            deps.discard(urn)
                    else:
                        blocked.add(urn)
                        # Everything this one depends on must stay: mark it blocked too.
                        stack = [urn]
                        resource_by = {r.urn: r for r in resources}
                        while stack:
                            current = resource_by[stack.pop()]
                            for needed in {*current.dependencies, current.parent}:
                                if needed in pending and needed not in blocked:
                                    blocked.add(needed)
                                    stack.append(needed)
            with lock:
                if not running and not ready():
                    return
