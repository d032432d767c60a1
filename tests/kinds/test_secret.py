"""Secret and GlobalSecret: ``data`` beside the meta, base64 checks, the byte helpers."""

from __future__ import annotations

import pytest

from pulumi_kuma.kinds import globalsecret, secret
from pulumi_kuma.kinds.secret import SecretSpec, decode_data, encode_data, secret_bytes
from pulumi_kuma.model.validation import ingest_spec
from pulumi_kuma.registry import REGISTRY
from tests.kinds.support import crud_json, pairs, rest


@pytest.mark.parametrize(
    ("request_file", "golden_file"),
    [
        ("put_secret_00.request.json", "put_secret_01.golden.json"),
        ("put_globalsecret_00.request.json", "put_globalsecret_01.golden.json"),
    ],
)
def test_request_reads_back_like_kumas_golden(request_file: str, golden_file: str) -> None:
    request = crud_json(request_file)
    golden = crud_json(golden_file)
    result = rest(request)
    assert result.valid, result.violations
    assert result.spec == {"data": golden["data"]}  # read-only times and meta are not spec


@pytest.mark.parametrize("kind", ["Secret", "GlobalSecret"])
@pytest.mark.parametrize("data", ["Z3MtMQ", "not base64!", "YQ==YQ==", "-_8="])
def test_data_must_be_padded_standard_base64(kind: str, data: str) -> None:
    doc = {"type": kind, "name": "s1", "data": data}
    if kind == "Secret":
        doc["mesh"] = "default"
    assert pairs(rest(doc).violations) == [("data", secret.DATA_MESSAGE)]


@pytest.mark.parametrize("data", ["", "dGVzdAo=", "dGVz\ndAo="])
def test_valid_data(data: str) -> None:
    assert rest({"type": "Secret", "mesh": "default", "name": "s1", "data": data}).valid


def test_data_must_be_a_string() -> None:
    result = rest({"type": "GlobalSecret", "name": "s1", "data": 5})
    assert pairs(result.violations) == [("data", 'in body must be of type string: "number"')]


def test_global_secret_has_no_mesh() -> None:
    result = rest({"type": "GlobalSecret", "name": "s1", "mesh": "default", "data": ""})
    assert pairs(result.violations) == [("mesh", "must not be set: GlobalSecret is not mesh-scoped")]


def test_byte_helpers_round_trip() -> None:
    value = bytes(range(256))
    assert decode_data(encode_data(value)) == value
    assert secret_bytes(SecretSpec(data=encode_data(b"hi"))) == b"hi"
    assert secret_bytes(SecretSpec()) == b""
    with pytest.raises(ValueError, match="base64"):
        secret_bytes(SecretSpec(data="%%"))


@pytest.mark.parametrize("module", [secret, globalsecret])
def test_example_is_valid(module: object) -> None:
    kind = module.KIND  # type: ignore[attr-defined]
    assert ingest_spec(REGISTRY.by_name(kind.name), dict(kind.example)).violations == []
    assert kind.admin_only and kind.legacy_layout
