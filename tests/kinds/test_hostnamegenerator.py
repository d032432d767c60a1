"""HostnameGenerator: hostname rendering, selector kind, render failures."""

from __future__ import annotations

import pytest

from pulumi_kuma.kinds.hostnamegenerator import (
    HostnameError,
    HostnameGeneratorSpec,
    render_hostname,
    selects_kind,
)
from tests.kinds.support import pairs, rest


def hostname(template: str) -> HostnameGeneratorSpec:
    return HostnameGeneratorSpec.model_validate({"template": template, "selector": {"meshService": {}}})


def test_render_hostname_uses_display_name_zone_and_labels() -> None:
    labels = {"kuma.io/display-name": "redis", "kuma.io/zone": "east", "team": "data"}
    spec = hostname('{{ .DisplayName }}.{{ .Zone }}.{{ label "team" }}.{{ .Mesh }}')
    assert render_hostname(spec, name="redis-xyz", mesh="default", labels=labels) == "redis.east.data.default"


def test_render_hostname_falls_back_to_name_and_local_zone() -> None:
    spec = hostname("{{ .DisplayName }}.{{ .Zone }}.mesh")
    assert render_hostname(spec, name="web", mesh="m", labels={}, local_zone="west") == "web.west.mesh"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ('{{ label "missing" }}.mesh', "label missing not found"),
        ("{{ .Name }}.MESH", 'generated hostname "web.MESH" is not a valid DNS name'),
    ],
)
def test_render_hostname_errors(template: str, message: str) -> None:
    with pytest.raises(HostnameError, match=message):
        render_hostname(hostname(template), name="web", mesh="m", labels={})


def test_selects_kind() -> None:
    kind = selects_kind(
        HostnameGeneratorSpec.model_validate(
            {"selector": {"meshExternalService": {"matchLabels": {"a": "b"}}}}
        )
    )
    assert kind is not None and kind[0] == "MeshExternalService"
    assert selects_kind(HostnameGeneratorSpec()) is None


def test_hostname_generator_render_failure_is_reported() -> None:
    doc = {
        "type": "HostnameGenerator",
        "name": "hg",
        "spec": {"template": "{{ .Unknown }}", "selector": {"meshService": {}}},
    }
    assert pairs(rest(doc).violations) == [
        (
            "spec.template",
            "couldn't render template with stub values: can't evaluate field Unknown; available fields: "
            ".DisplayName, .Mesh, .Name, .Namespace, .Zone",
        )
    ]
