"""Fixtures for the provider tests: a fake Kuma API on a loopback port."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.provider.fake_kuma import FakeKumaServer


@pytest.fixture
def fake_cp() -> Iterator[FakeKumaServer]:
    server = FakeKumaServer().start()
    try:
        yield server
    finally:
        server.stop()
