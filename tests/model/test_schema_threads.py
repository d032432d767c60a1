"""compile_model from several threads at once (the provider host checks resources in 4 threads)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import create_model

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.schema import compile_model, ingest


@pytest.fixture
def eager_thread_switches() -> Iterator[None]:
    # Switch threads as often as possible so that a half-built node, if one is ever visible,
    # is seen by another thread.
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(previous)


def build_round(index: int) -> tuple[type[KumaModel], dict[str, Any]]:
    leaf = create_model(
        f"Leaf{index}", __base__=KumaModel, **{f"f{i}": (str | None, None) for i in range(40)}
    )
    fields: dict[str, Any] = {f"g{i}": (leaf | None, None) for i in range(200)}
    root = create_model(f"Root{index}", __base__=KumaModel, **fields)
    return root, {"g199": {"f39": "x"}, "g0": {"f0": "y"}}


def test_concurrent_first_compilations_see_complete_models(eager_thread_switches: None) -> None:
    for index in range(10):
        root, value = build_round(index)
        barrier = threading.Barrier(6)
        results: list[Any] = []

        def compile_and_ingest(
            root: type[KumaModel] = root,
            value: dict[str, Any] = value,
            barrier: threading.Barrier = barrier,
            results: list[Any] = results,
        ) -> None:
            barrier.wait()
            results.append(ingest(root, value, "spec", "rest")[0])

        threads = [threading.Thread(target=compile_and_ingest) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert results == [value] * 6, f"round {index}: a thread saw a half-compiled model"
        assert len(compile_model(root).fields) == 200
