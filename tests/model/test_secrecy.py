"""Finding SecureDataSources in spec models, and inline ones in spec JSON."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.datasource import SecureDataSource
from pulumi_kuma.model.secrecy import (
    holds_inline_source,
    holds_secure_data,
    is_inline_source,
    source_paths,
)
from pulumi_kuma.registry import REGISTRY

UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
INLINE = {"type": "InsecureInline", "insecureInline": {"value": "-----BEGIN PRIVATE KEY-----\nAAAA"}}
SECRET_REF = {"type": "Secret", "secretRef": {"kind": "Secret", "name": "ca-key"}}


class Leaf(KumaModel):
    key: SecureDataSource | None = None
    note: str | None = None


class Tree(KumaModel):
    """Sources behind lists, maps and a recursive reference."""

    name: str | None = None
    by_name: dict[str, Leaf] | None = None
    items: list[Leaf] | None = None
    children: list[Tree] | None = None


class Recursive(KumaModel):
    """A recursive model whose source is reachable only through its own recursion."""

    next: Recursive | None = None
    end: Leaf | None = None


class Plain(KumaModel):
    name: str | None = None
    nested: list[Plain] | None = None


def test_kinds_holding_secure_data_are_found_by_walking_their_models() -> None:
    found = {kind.name for kind in REGISTRY if kind.holds_secure_data}
    assert found == {"MeshIdentity", "MeshExternalService"}
    identity = REGISTRY.by_name("MeshIdentity")
    assert source_paths(identity.spec_model) == [
        "provider.bundled.ca.certificate",
        "provider.bundled.ca.privateKey",
    ]
    external = REGISTRY.by_name("MeshExternalService")
    assert "tls.verification.clientKey" in source_paths(external.spec_model)


def test_lists_maps_and_recursive_models() -> None:
    assert holds_secure_data(Tree) and holds_secure_data(Recursive)
    assert not holds_secure_data(Plain)
    # Paths back through a recursion repeat the ones listed: not followed.
    assert source_paths(Tree) == ["byName[].key", "items[].key"]
    assert source_paths(Recursive) == ["end.key"]
    assert holds_inline_source(Tree, {"children": [{"children": [{"items": [{"key": INLINE}]}]}]})
    assert holds_inline_source(Tree, {"byName": {"a": {"key": SECRET_REF}, "b": {"key": INLINE}}})
    assert holds_inline_source(Recursive, {"next": {"next": {"end": {"key": INLINE}}}})
    assert not holds_inline_source(Tree, {"children": [{"items": [{"key": SECRET_REF}]}], "name": "x"})
    assert not holds_inline_source(Plain, {"name": "-----BEGIN PRIVATE KEY-----"})


@pytest.mark.parametrize(
    ("source", "inline"),
    [
        (INLINE, True),
        ({"type": "InsecureInline"}, True),
        ({"type": "InsecureInline", "insecureInline": UNKNOWN}, True),
        # Stored as written whatever the type says, so an inline value counts on its own.
        ({"type": "Secret", "insecureInline": {"value": "key"}}, True),
        ({"type": UNKNOWN, "insecureInline": {"value": UNKNOWN}}, True),
        (SECRET_REF, False),
        ({"type": "File", "file": {"path": "/etc/ca.key"}}, False),
        ({"type": "EnvVar", "envVar": {"name": "CA_KEY"}}, False),
        ({"type": "Secret", "insecureInline": {}}, False),
        (UNKNOWN, False),
        (None, False),
    ],
)
def test_inline_sources(source: Any, inline: bool) -> None:
    assert is_inline_source(source) is inline


def test_only_sources_at_their_schema_places_count() -> None:
    identity = REGISTRY.by_name("MeshIdentity")
    ca = {"certificate": SECRET_REF, "privateKey": INLINE}
    spec = {"provider": {"type": "Bundled", "bundled": {"ca": ca}}}
    assert identity.spec_is_secret(spec)
    assert not identity.spec_is_secret(
        {"provider": {"type": "Bundled", "bundled": {"autogenerate": {"enabled": True}}}}
    )
    assert not identity.spec_is_secret(
        {"provider": {"type": "Bundled", "bundled": {"ca": {"privateKey": SECRET_REF}}}}
    )
    # An inline-looking object elsewhere (an extension's free-form config) is not a SecureDataSource.
    assert not identity.spec_is_secret({"provider": {"type": "Extension", "extension": {"config": INLINE}}})
    assert not identity.spec_is_secret(UNKNOWN)


def test_secret_kinds_are_always_secret_and_other_kinds_never() -> None:
    for kind in REGISTRY:
        if kind.admin_only:
            assert kind.spec_is_secret({})
        elif not kind.holds_secure_data:
            assert not kind.spec_is_secret({"anything": INLINE})
