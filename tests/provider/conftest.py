"""Fixtures for the provider tests: a fake Kuma API on a loopback port."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.provider.fake_kuma import FakeKumaServer
from tests.provider.live import LiveControlPlane


@pytest.fixture
def fake_cp() -> Iterator[FakeKumaServer]:
    server = FakeKumaServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def live_cp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveControlPlane]:
    """A real ``pulumi-kuma cp run`` on a free port, with its own SQLite store."""
    cp = LiveControlPlane(tmp_path_factory.mktemp("cp")).start()
    try:
        yield cp
    finally:
        cp.stop()
