"""Kuma's REST CRUD scenarios for the destination and identity kinds, replayed through ingestion.

A PUT request followed by a GET golden shows what Kuma stores: schema defaults added, unknown
fields dropped, keys in Kuma's order. A rejected PUT shows the violations Kuma reports.
"""

from __future__ import annotations

import json

import pytest

from tests.kinds.support import crud_json, rest

STORED = [
    ("put_meshservice_00.request.json", "put_meshservice_01.golden.json"),
    ("put_meshservice_with_status_00.request.json", "put_meshservice_with_status_01.golden.json"),
    ("put_meshexternalservice_00.request.json", "put_meshexternalservice_01.golden.json"),
    ("put_meshmultizoneservice_00.request.json", "put_meshmultizoneservice_01.golden.json"),
    ("put_meshtrust_00.request.json", "put_meshtrust_01.golden.json"),
]


@pytest.mark.parametrize(("request_file", "golden_file"), STORED)
def test_stored_spec_matches_kuma_including_key_order(request_file: str, golden_file: str) -> None:
    result = rest(crud_json(request_file))
    assert result.valid, result.violations
    golden = crud_json(golden_file)["spec"]
    assert json.dumps(result.spec) == json.dumps(golden)


REJECTED = [
    ("put_meshservice_02.request.json", "put_meshservice_02.golden.json"),
    ("put_meshexternalservice_02.request.json", "put_meshexternalservice_02.golden.json"),
    ("put_meshmultizoneservice_02.request.json", "put_meshmultizoneservice_02.golden.json"),
    ("put_meshmultizoneservice_03.request.json", "put_meshmultizoneservice_03.golden.json"),
]


@pytest.mark.parametrize(("request_file", "golden_file"), REJECTED)
def test_rejected_request_reports_kumas_violations(request_file: str, golden_file: str) -> None:
    result = rest(crud_json(request_file))
    assert [v.to_json() for v in result.violations] == crud_json(golden_file)["causes"]
