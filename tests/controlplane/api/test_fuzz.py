"""Property-based fuzzing of a live ``cp run`` from its own OpenAPI document: no input gives a 5xx.

Schemathesis generates valid and invalid requests (bodies, path and query parameters) for every
operation of the document the control plane serves, a bounded number per operation, and sends
them over real HTTP. The only check is that the server never answers with a 5xx.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode

from pulumi_kuma.controlplane.api.openapi import openapi_document
from pulumi_kuma.controlplane.inspect_openapi import inspect_openapi
from pulumi_kuma.registry import REGISTRY
from tests.controlplane.api.support import ControlPlaneProcess

EXAMPLES_PER_OPERATION = 12

_config = SchemathesisConfig()
_config.projects.default.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
    max_examples=EXAMPLES_PER_OPERATION,
    deterministic=True,
)
# What cp run serves: the resource routes and the inspect endpoints it mounts.
DOCUMENT = openapi_document(REGISTRY, extra=inspect_openapi(REGISTRY))
schema = schemathesis.openapi.from_dict(DOCUMENT, config=_config)


@pytest.fixture(scope="module")
def live_cp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ControlPlaneProcess]:
    path: Path = tmp_path_factory.mktemp("fuzz") / "cp.db"
    with ControlPlaneProcess(f"sqlite://{path}") as cp:
        with httpx.Client(base_url=cp.url) as client:
            # A mesh to write into, so that valid writes get past the mesh check.
            assert client.put("/meshes/default", json={"type": "Mesh", "name": "default"}).status_code == 201
            # The document under test is the one the server serves.
            assert client.get("/openapi.json").json() == DOCUMENT
        yield cp
        assert cp.stop() == 0, "\n".join(cp.log_lines)
    assert not any("Traceback" in line for line in cp.log_lines), "\n".join(cp.log_lines)


@pytest.mark.slow
@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_errors(case: schemathesis.Case, live_cp: ControlPlaneProcess) -> None:
    case.call_and_validate(base_url=live_cp.url, checks=[not_a_server_error])
