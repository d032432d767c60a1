"""The schema walk's decode mode reads YAML scalars the way Kuma's YAML decoder does."""

from __future__ import annotations

import pytest

from pulumi_kuma.model.schema import ingest
from pulumi_kuma.policies.meshpassthrough import MeshPassthroughMatch
from pulumi_kuma.policies.meshtrace import MeshTraceSampling


@pytest.mark.parametrize(
    ("scalar", "text"),
    [
        (1, "1"),
        (True, "true"),
        (False, "false"),
        (1.5, "1.5"),
        (2.0, "2"),
        (1e6, "1e+06"),
        (0.00001, "1e-05"),
    ],
)
def test_scalars_become_text_in_string_fields_when_decoding(scalar: object, text: str) -> None:
    decoded, violations = ingest(MeshPassthroughMatch, {"type": "IP", "value": scalar}, "m", "decode")
    assert violations == []
    assert decoded["value"] == text


def test_rest_mode_keeps_json_types_strict() -> None:
    _, violations = ingest(MeshPassthroughMatch, {"type": "IP", "value": 1}, "m", "rest")
    assert [(v.field, v.message) for v in violations] == [
        ("m.value", 'in body must be of type string: "number"')
    ]


def test_int_or_string_refuses_fractional_numbers() -> None:
    decoded, violations = ingest(
        MeshTraceSampling, {"overall": 50.0, "client": 12.5, "random": "12.5"}, "s", "rest"
    )
    assert decoded == {"overall": 50, "random": "12.5"}
    assert [(v.field, v.message) for v in violations] == [
        ("s.client", 'in body must be of type int-or-string: "number"')
    ]
