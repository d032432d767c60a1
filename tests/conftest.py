"""Shared test configuration: where Kuma's conformance data lives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _find_conformance() -> Path:
    """``$KUMA_CONFORMANCE_DIR``, else ``shared/kuma-conformance`` beside the checkout (or beside one of
    its parents, so that worktrees nested one level deeper find it too)."""
    if "KUMA_CONFORMANCE_DIR" in os.environ:
        return Path(os.environ["KUMA_CONFORMANCE_DIR"])
    for parent in REPO.parents:
        candidate = parent / "shared" / "kuma-conformance"
        if candidate.is_dir():
            return candidate
    return REPO.parent / "shared" / "kuma-conformance"


CONFORMANCE = _find_conformance()


@pytest.fixture(scope="session")
def conformance_dir() -> Path:
    if not CONFORMANCE.is_dir():
        pytest.fail(f"Kuma conformance data not found at {CONFORMANCE} (set KUMA_CONFORMANCE_DIR)")
    return CONFORMANCE
