"""Kuma's own REST API scenarios replayed against a live ``pulumi-kuma cp run`` over HTTP.

Each ``api-server/testdata/resources/crud/<scenario>.input.yaml`` preloads documents into an
empty store and lists requests (``#/path STATUS [method=M]``); a PUT's body is
``<scenario>_NN.request.json`` and the expected body ``<scenario>_NN.golden.json`` (timestamps
and the server address normalised, as Kuma's own test does). Kuma's test server has nothing in
its store but the preloaded documents, so after the control plane has started (and created its
user-token signing key, a global secret) the harness deletes that key through the API: the key
stays in the process's memory, and listings show exactly the preloaded documents.

Every request is one test; the ones listed in ``EXCLUDED`` are strict xfails with the reason.
``test_agreement`` requires at least 90% of all requests to match on each backend.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import CONFORMANCE
from tests.controlplane.api.support import ControlPlaneProcess, pg_database, preload_url

CRUD = CONFORMANCE / "api-server" / "testdata" / "resources" / "crud"
_ACTION = re.compile(r"^#(/\S*)\s+(\d{3})(?:\s+method=(\w+))?\s*$")
_TIMESTAMP = re.compile(r'\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d[^"]+')
ZERO_TIME = "0001-01-01T00:00:00Z"
FLOOR = 0.90

# Requests that do not match, and why. Each is a strict xfail: it fails once it starts matching.
EXCLUDED: dict[str, str] = {}


@dataclass(frozen=True)
class Action:
    index: int
    path: str
    status: int
    method: str


@dataclass(frozen=True)
class Scenario:
    name: str
    input: Path
    actions: tuple[Action, ...]

    def file(self, action: Action, suffix: str) -> Path:
        if len(self.actions) > 1:
            return self.input.with_name(f"{self.name}_{action.index:02d}.{suffix}")
        return self.input.with_name(f"{self.name}.{suffix}")

    def request_id(self, action: Action) -> str:
        return f"{self.name}_{action.index:02d}" if len(self.actions) > 1 else self.name


def load_scenarios(folder: Path = CRUD, pattern: str = "*.input.yaml") -> list[Scenario]:
    """Every scenario of a folder (the CRUD ones by default), its actions parsed from the leading
    comment lines."""
    scenarios = []
    for path in sorted(folder.glob(pattern)):
        actions = []
        for line in path.read_text().splitlines():
            if not line.startswith("#"):
                break
            match = _ACTION.match(line)
            if match:
                path_, status, method = match.groups()
                actions.append(Action(len(actions), path_, int(status), (method or "GET").upper()))
        scenarios.append(Scenario(path.name.removesuffix(".input.yaml"), path, tuple(actions)))
    return scenarios


SCENARIOS = load_scenarios() if CRUD.is_dir() else []
REQUESTS = [(scenario, action) for scenario in SCENARIOS for action in scenario.actions]


@dataclass
class Outcome:
    status: int
    body: str
    problem: str | None


def normalise(text: str, address: str) -> str:
    return _TIMESTAMP.sub(ZERO_TIME, text.replace(address, "{{address}}"))


def compare(scenario: Scenario, action: Action, response: httpx.Response, address: str) -> Outcome:
    body = normalise(response.text, address)
    if response.status_code != action.status:
        return Outcome(
            response.status_code, body, f"status {response.status_code}, Kuma answers {action.status}"
        )
    golden_path = scenario.file(action, "golden.json")
    if not golden_path.exists():
        return Outcome(
            response.status_code, body, None if body == "" else f"Kuma answers no body, got {body}"
        )
    expected: Any = json.loads(golden_path.read_text())
    try:
        actual: Any = json.loads(body)
    except ValueError:
        return Outcome(response.status_code, body, f"body is not JSON: {body[:200]}")
    if actual != expected:
        return Outcome(response.status_code, body, f"body differs:\n ours: {actual}\n Kuma: {expected}")
    return Outcome(response.status_code, body, None)


def replay(scenario: Scenario, cp: ControlPlaneProcess) -> dict[str, Outcome]:
    outcomes = {}
    with cp.client() as client:
        # The store must hold just the preloaded documents (see the module docstring).
        deleted = client.delete("/globalsecrets/user-token-signing-key-1")
        assert deleted.status_code in (200, 404), deleted.text
        for action in scenario.actions:
            content = None
            headers = {}
            if action.method in ("PUT", "POST"):
                content = scenario.file(action, "request.json").read_bytes()
                headers["content-type"] = "application/json"
            response = client.request(action.method, action.path, content=content, headers=headers)
            outcomes[scenario.request_id(action)] = compare(scenario, action, response, cp.address)
    return outcomes


def run_all(backend: str, tmp_path: Path) -> dict[str, Outcome]:
    """Replay every scenario on a fresh store of ``backend``; one outcome per request."""
    outcomes: dict[str, Outcome] = {}

    if backend == "sqlite":
        # The SQLite file belongs to one process: preload it, then start a control plane on it.
        for scenario in SCENARIOS:
            url = f"sqlite://{tmp_path / (scenario.name + '.db')}"
            asyncio.run(preload_url(url, scenario.input.read_text()))
            with ControlPlaneProcess(url) as cp:
                outcomes.update(replay(scenario, cp))
                code = cp.stop()
            assert code == 0, "\n".join(cp.log_lines)
    else:
        # One database for the run, one control plane on it; each scenario clears and preloads it.
        with pg_database("pk_api_conf") as url, ControlPlaneProcess(url) as cp:
            for scenario in SCENARIOS:
                asyncio.run(preload_url(url, scenario.input.read_text(), clear_first=True))
                outcomes.update(replay(scenario, cp))
            code = cp.stop()
            assert code == 0, "\n".join(cp.log_lines)
    return outcomes


_RESULTS: dict[str, dict[str, Outcome]] = {}


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.slow)])
def results(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Outcome]]:
    backend = request.param
    if not SCENARIOS:
        pytest.fail(f"Kuma's API scenarios not found under {CRUD}")
    if backend not in _RESULTS:
        _RESULTS[backend] = run_all(backend, tmp_path_factory.mktemp(f"conformance-{backend}"))
    yield _RESULTS[backend]


@pytest.mark.slow
@pytest.mark.parametrize(
    "request_id",
    [
        pytest.param(
            scenario.request_id(action),
            marks=[pytest.mark.xfail(strict=True, reason=EXCLUDED[scenario.request_id(action)])]
            if scenario.request_id(action) in EXCLUDED
            else [],
        )
        for scenario, action in REQUESTS
    ],
)
def test_request(results: dict[str, Outcome], request_id: str) -> None:
    outcome = results[request_id]
    assert outcome.problem is None, outcome.problem


@pytest.mark.slow
def test_agreement(results: dict[str, Outcome]) -> None:
    matched = sum(1 for outcome in results.values() if outcome.problem is None)
    share = matched / len(results)
    print(f"\n{matched}/{len(results)} of Kuma's API requests match ({share:.1%})")
    assert len(results) == len(REQUESTS)
    assert share >= FLOOR, f"only {matched}/{len(results)} requests match Kuma ({share:.1%} < {FLOOR:.0%})"
