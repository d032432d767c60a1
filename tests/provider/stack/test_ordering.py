"""Deleting in dependency order, several at a time."""

from __future__ import annotations

import threading
import time

from pulumi_kuma.provider.stack.ordering import delete_in_dependency_order
from pulumi_kuma.provider.stack.state import Checkpointer, ResourceState


def res(urn: str, *deps: str, parent: str = "") -> ResourceState:
    return ResourceState(urn=urn, type="t", custom=True, dependencies=list(deps), parent=parent)


def test_dependents_go_first_and_independent_ones_in_parallel() -> None:
    mesh = res("mesh")
    policies = [res(f"p{i}", "mesh") for i in range(8)]
    child = res("child", parent="p0")
    order: list[str] = []
    active = 0
    peak = 0
    lock = threading.Lock()

    def delete(resource: ResourceState) -> bool:
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        time.sleep(0.02)
        with lock:
            active -= 1
            order.append(resource.urn)
        return True

    delete_in_dependency_order([mesh, *policies, child], delete)
    assert sorted(order) == sorted(["mesh", "child", *(p.urn for p in policies)])
    assert order[-1] == "mesh"
    assert order.index("child") < order.index("p0")
    assert peak > 1


def test_a_failure_keeps_what_it_depends_on() -> None:
    mesh, policy, other = res("mesh"), res("policy", "mesh"), res("other")
    deleted: list[str] = []

    def delete(resource: ResourceState) -> bool:
        if resource.urn == "policy":
            return False
        deleted.append(resource.urn)
        return True

    delete_in_dependency_order([mesh, policy, other], delete)
    assert deleted == ["other"]


def test_checkpointer_coalesces_but_always_writes_the_last_change() -> None:
    writes: list[int] = []
    value = [0]
    started = threading.Event()
    release = threading.Event()

    def write() -> None:
        seen = value[0]  # a snapshot, taken when the write starts
        started.set()
        release.wait(5)
        writes.append(seen)

    saver = Checkpointer(write)
    value[0] = 1
    first = threading.Thread(target=saver.request)
    first.start()
    started.wait(5)
    for i in range(2, 6):  # requested while the first write is under way: they only mark it dirty
        value[0] = i
        saver.request()
    release.set()
    first.join(5)
    assert writes == [1, 5]
