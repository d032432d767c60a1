"""Kuma's inspect API scenarios (``_rules`` and a policy's ``_resources/dataplanes``), rendered by the
pure resolver from the scenario's preloaded resources and compared with Kuma's goldens.

Only scenarios whose first request is one of these endpoints answering 200 are pure; the rest (404s,
``_config``) need the REST server and are covered by its own tests. The match rate is asserted by
``test_match_rate``; cases that differ are strict xfails with the reason.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from pulumi_kuma.controlplane.resolve.inspect import policy_dataplanes, render_rules
from pulumi_kuma.controlplane.resolve.resolver import MeshIndex
from pulumi_kuma.controlplane.resolve.types import MeshSnapshot
from pulumi_kuma.registry import REGISTRY
from tests.conformance.rules_support import differences, ingest, load_documents
from tests.conftest import CONFORMANCE

INSPECT = CONFORMANCE / "api-server" / "testdata" / "resources" / "inspect"


@dataclass(frozen=True)
class Scenario:
    """One api-server scenario: the request, the preloaded resources, the golden body."""

    id: str
    url: str
    input: Path

    @property
    def golden(self) -> Path:
        return self.input.with_name(self.input.name.replace(".input.yaml", ".golden.json"))

    def compute(self) -> Any:
        objects = [ingest(doc) for doc in load_documents(self.input)]
        parts = urlsplit(self.url)
        segments = parts.path.strip("/").split("/")
        mesh = segments[1]
        if segments[-1] == "_rules":
            index = MeshIndex(MeshSnapshot.from_objects(mesh, objects), REGISTRY)
            return render_rules(index.resolve(segments[3]), REGISTRY)
        kind = REGISTRY.by_plural(segments[2])
        assert kind is not None
        policy = next(o for o in objects if o.type == kind.name and o.name == segments[3] and o.mesh == mesh)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        dataplanes = [o for o in objects if o.type == "Dataplane" and o.mesh == mesh]
        page = policy_dataplanes(
            policy,
            dataplanes,
            name_contains=query.get("name", ""),
            offset=int(query.get("offset", 0)),
            size=int(query.get("size", 100)),
        )
        return page.to_json()

    def diff(self) -> list[str]:
        return differences(_canonical(self.compute()), _canonical(json.loads(self.golden.read_text())))


def _canonical(body: Any) -> Any:
    """Order that Kuma leaves unspecified (Go's unstable sort by name) made deterministic."""
    if isinstance(body, dict) and "rules" in body:
        for rule in body["rules"]:
            rule.get("toResourceRules", []).sort(
                key=lambda r: (r["resourceMeta"]["name"], r["resourceMeta"]["type"], r["resourceSectionName"])
            )
    return body


def load_scenarios() -> list[Scenario]:
    out = []
    paths = sorted((INSPECT / "dataplanes" / "_rules").glob("*.input.yaml")) + sorted(
        (INSPECT / "policies" / "_resources" / "dataplanes").glob("*.input.yaml")
    )
    for path in paths:
        first = path.read_text().splitlines()[0]
        if not first.startswith("#/"):
            continue
        url, status, *_ = first[1:].split()
        endpoint = urlsplit(url).path
        if status != "200" or not (
            endpoint.endswith("/_rules") or endpoint.endswith("/_resources/dataplanes")
        ):
            continue
        out.append(Scenario(f"{path.parent.name}/{path.name.removesuffix('.input.yaml')}", url, path))
    return out


SCENARIOS = load_scenarios()

KNOWN_DIFFERENCES: dict[str, str] = {}


def _param(scenario: Scenario) -> object:
    reason = KNOWN_DIFFERENCES.get(scenario.id)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(scenario, id=scenario.id, marks=marks)


@pytest.mark.parametrize("scenario", [_param(s) for s in SCENARIOS])
def test_scenario(scenario: Scenario) -> None:
    problems = scenario.diff()
    assert not problems, "\n".join(problems)


def test_match_rate() -> None:
    """The pure inspect scenarios: how many equal Kuma's goldens (every other one is listed)."""
    assert len(SCENARIOS) >= 18
    equal = sum(1 for s in SCENARIOS if not s.diff())
    assert equal == len(SCENARIOS) - len(KNOWN_DIFFERENCES), f"{equal}/{len(SCENARIOS)} scenarios match"
