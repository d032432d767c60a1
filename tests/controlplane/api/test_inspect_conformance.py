"""Kuma's inspect API scenarios replayed against a live ``pulumi-kuma cp run`` over HTTP.

The scenarios are ``api-server/testdata/resources/inspect/`` ``dataplanes/_rules/*`` (``_rules``,
and the ``_config`` requests Kuma keeps in the same folder), ``policies/_resources/dataplanes/*``
and ``meshservices/_dataplanes/*``. Each one preloads its documents into a fresh SQLite store, starts
a control plane on it (so the resolution engine loads them as it does at any start), and replays its
``#/path STATUS`` requests with the CRUD conformance harness (:mod:`.test_conformance`: same request
format, goldens compared as JSON with timestamps and the address normalised).

Every request is one test; the ones in ``EXCLUDED`` are strict xfails with the reason, and
``test_agreement`` requires at least 85% of the requests to match.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CONFORMANCE
from tests.controlplane.api.support import ControlPlaneProcess, preload_url
from tests.controlplane.api.test_conformance import Outcome, Scenario, load_scenarios, replay

INSPECT = CONFORMANCE / "api-server" / "testdata" / "resources" / "inspect"
FOLDERS = ("dataplanes/_rules", "policies/_resources/dataplanes", "meshservices/_dataplanes")
FLOOR = 0.85

# Requests that do not match, and why. Each is a strict xfail: it fails once it starts matching.
EXCLUDED: dict[str, str] = {}


def _scenarios() -> list[tuple[str, Scenario]]:
    out = []
    for folder in FOLDERS:
        for scenario in load_scenarios(INSPECT / folder):
            out.append((folder, scenario))
    return out


SCENARIOS = _scenarios() if INSPECT.is_dir() else []
REQUESTS = [
    f"{folder}/{scenario.request_id(action)}" for folder, scenario in SCENARIOS for action in scenario.actions
]


def run_all(tmp_path: Path) -> dict[str, Outcome]:
    """Each scenario on its own store and control plane; one outcome per request."""
    outcomes: dict[str, Outcome] = {}
    for folder, scenario in SCENARIOS:
        url = f"sqlite://{tmp_path / (folder.replace('/', '_') + scenario.name + '.db')}"
        asyncio.run(preload_url(url, scenario.input.read_text()))
        with ControlPlaneProcess(url) as cp:
            for request_id, outcome in replay(scenario, cp).items():
                outcomes[f"{folder}/{request_id}"] = outcome
            code = cp.stop()
        assert code == 0, "\n".join(cp.log_lines)
    return outcomes


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Outcome]]:
    if not SCENARIOS:
        pytest.fail(f"Kuma's inspect scenarios not found under {INSPECT}")
    yield run_all(tmp_path_factory.mktemp("inspect-conformance"))


@pytest.mark.slow
@pytest.mark.parametrize(
    "request_id",
    [
        pytest.param(
            request_id,
            marks=[pytest.mark.xfail(strict=True, reason=EXCLUDED[request_id])]
            if request_id in EXCLUDED
            else [],
        )
        for request_id in REQUESTS
    ],
)
def test_request(results: dict[str, Outcome], request_id: str) -> None:
    outcome = results[request_id]
    assert outcome.problem is None, outcome.problem


@pytest.mark.slow
def test_agreement(results: dict[str, Outcome]) -> None:
    matched = sum(1 for outcome in results.values() if outcome.problem is None)
    share = matched / len(results)
    print(f"\n{matched}/{len(results)} of Kuma's inspect requests match ({share:.1%})")
    assert len(results) == len(REQUESTS) >= 30
    assert share >= FLOOR, f"only {matched}/{len(results)} requests match Kuma ({share:.1%} < {FLOOR:.0%})"
