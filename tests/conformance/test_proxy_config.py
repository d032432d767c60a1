"""Kuma's ``_config`` inspect scenarios (``api-server/testdata/resources/inspect/dataplanes/_rules/
proxyconfig_*``): the Envoy config generated for a Dataplane, with and without shadow policies,
the JSON patch between them, and the errors for bad query parameters, compared with Kuma's goldens."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette

from pulumi_kuma.controlplane.distribution import ConfigDistribution, DistributionOptions
from pulumi_kuma.controlplane.store.factory import open_store
from pulumi_kuma.registry import REGISTRY
from tests.conformance.rules_support import ingest, load_documents
from tests.conftest import CONFORMANCE

SCENARIOS = sorted(
    (CONFORMANCE / "api-server/testdata/resources/inspect/dataplanes/_rules").glob("proxyconfig_*.input.yaml")
)


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.name.removesuffix(".input.yaml") for p in SCENARIOS])
async def test_scenario(path: Path, tmp_path: Path) -> None:
    url, status = path.read_text().splitlines()[0][1:].split()[:2]
    golden = json.loads(path.with_name(path.name.replace(".input.yaml", ".golden.json")).read_text())
    store = await open_store(f"sqlite:///{tmp_path / 'cp.db'}")
    distribution = ConfigDistribution(store, REGISTRY, DistributionOptions(xds_port=0), instance_id="test")
    try:
        for doc in load_documents(path):
            if doc.get("type") in REGISTRY:  # DataplaneInsight is not a kind here
                await store.create(ingest(doc))
        await distribution.start()
        app = Starlette(routes=distribution.routes())
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 1))
        async with httpx.AsyncClient(transport=transport, base_url="http://cp") as client:
            response = await client.get(url)
        assert response.status_code == int(status), response.text
        assert response.json() == golden
    finally:
        await distribution.stop()
        await store.close()


def test_every_scenario_is_found() -> None:
    assert len(SCENARIOS) == 6
