"""Shared test configuration: where Kuma's conformance data lives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CONFORMANCE = Path(os.environ.get("KUMA_CONFORMANCE_DIR", REPO.parent / "shared" / "kuma-conformance"))


@pytest.fixture(scope="session")
def conformance_dir() -> Path:
    if not CONFORMANCE.is_dir():
        pytest.fail(f"Kuma conformance data not found at {CONFORMANCE} (set KUMA_CONFORMANCE_DIR)")
    return CONFORMANCE
