"""MeshProxyPatch beyond Kuma's validator cases: Envoy resource decoding, proto rules, REST schema."""

from __future__ import annotations

from typing import Any

import pytest
from envoy.config.cluster.v3.cluster_pb2 import Cluster
from envoy.extensions.filters.network.http_connection_manager.v3.http_connection_manager_pb2 import HttpFilter

from pulumi_kuma.model.path import FieldPath
from pulumi_kuma.model.validation import DocumentResult, ingest_spec, validate_document
from pulumi_kuma.model.violations import Violations
from pulumi_kuma.policies.meshproxypatch import (
    KIND,
    JsonPatchBlock,
    parse_envoy_resource,
    validate_json_patch_block,
)
from pulumi_kuma.registry import REGISTRY


def rest(spec: dict[str, Any]) -> DocumentResult:
    return validate_document(
        {"type": "MeshProxyPatch", "name": "mpp", "mesh": "default", "spec": spec}, REGISTRY
    )


def problems(violations: Any) -> list[tuple[str, str]]:
    return [(v.field, v.message) for v in violations]


def one(modification: dict[str, Any]) -> list[tuple[str, str]]:
    spec = {"targetRef": {"kind": "Mesh"}, "default": {"appendModifications": [modification]}}
    return problems(ingest_spec(KIND, spec, mode="decode").violations)


def test_example_is_valid_over_rest() -> None:
    result = rest(dict(KIND.example or {}))
    assert result.valid, result.violations


def test_rest_requires_default_operation_and_virtual_host_match() -> None:
    assert problems(rest({"targetRef": {"kind": "Mesh"}}).violations) == [
        ("spec.default", "in body is required")
    ]
    result = rest(
        {
            "default": {
                "appendModifications": [
                    {"cluster": {"operation": "AddFirst"}},
                    {"virtualHost": {"operation": "Remove"}},
                    {"listener": {"operation": "Patch", "jsonPatches": [{"op": "test", "path": "/a"}]}},
                ]
            }
        }
    )
    assert problems(result.violations) == [
        (
            "spec.default.appendModifications[0].cluster.operation",
            "in body should be one of [Add Remove Patch]",
        ),
        ("spec.default.appendModifications[1].virtualHost.match", "in body is required"),
        (
            "spec.default.appendModifications[2].listener.jsonPatches[0].op",
            "in body should be one of [add remove replace move copy]",
        ),
    ]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("name: a\nconnectTimeout: 5s\ntype: STRICT_DNS", None),
        ('{"name": "a", "connectTimeout": "5s"}', None),
        ("name: a\nunknownField: {x: 1}", None),  # unknown fields are ignored, as Kuma's decoder does
        ("", None),  # null decodes to nothing, and a Patch value need not be complete
        ("{", "unexpected EOF"),
        ('{"name": "a",', "unexpected EOF"),
        ("   ", None),
        ('{"name" "a"}', "invalid character '\"' after object key"),
        ('{"name": "a"]', "invalid character ']' after object key:value pair"),
        ("[1, }", "invalid character '}' looking for beginning of value"),
        ('{"name": tru', "unexpected EOF"),
        ("just text", "json: cannot unmarshal string into Go value of type map[string]json.RawMessage"),
        ("- a\n- b", "json: cannot unmarshal array into Go value of type map[string]json.RawMessage"),
        (
            "type: STATIK",
            'unknown value "\\"STATIK\\"" for enum envoy.config.cluster.v3.Cluster.DiscoveryType',
        ),
    ],
)
def test_cluster_values_decode_like_kuma(text: str, error: str | None) -> None:
    assert parse_envoy_resource(text, Cluster(), check_rules=False) == error


def test_typed_configs_resolve_real_envoy_extensions() -> None:
    router = "name: r\ntypedConfig:\n  '@type': type.googleapis.com/envoy.extensions.filters.http.router.v3.Router\n"
    assert parse_envoy_resource(router + "  dynamicStats: false\n", HttpFilter()) is None
    assert parse_envoy_resource(router + "  dynamicStats: [1]\n", HttpFilter()) is not None
    unknown = (
        "name: r\ntypedConfig:\n  '@type': type.googleapis.com/envoy.extensions.filters.http.nope.v3.Nope\n"
    )
    assert parse_envoy_resource(unknown, HttpFilter()) == (
        "could not resolve Any message type: type.googleapis.com/envoy.extensions.filters.http.nope.v3.Nope"
    )
    # Only proto packages are ever imported to resolve a type.
    assert parse_envoy_resource("name: r\ntypedConfig: {'@type': x/antigravity.Fly}", HttpFilter()) == (
        "could not resolve Any message type: x/antigravity.Fly"
    )
    assert parse_envoy_resource("name: r\ntypedConfig: {}", HttpFilter()) == "Any JSON doesn't have '@type'"


def test_added_resources_must_satisfy_the_proto_rules_but_patches_need_not() -> None:
    assert one({"cluster": {"operation": "Add", "value": "connectTimeout: 5s"}}) == [
        (
            "spec.default.appendModifications[0].cluster.value",
            "native Envoy resource is not valid: invalid Cluster.Name: value length must be at least 1 runes",
        )
    ]
    assert one({"cluster": {"operation": "Patch", "value": "connectTimeout: 5s"}}) == []
    listener = "name: l\naddress: {socketAddress: {address: 0.0.0.0, portValue: 80800}}"
    assert one({"listener": {"operation": "Add", "value": listener}}) == [
        (
            "spec.default.appendModifications[0].listener.value",
            "native Envoy resource is not valid: invalid Listener.Address: embedded message failed validation"
            " | caused by: invalid Address.SocketAddress: embedded message failed validation"
            " | caused by: invalid SocketAddress.PortValue: value must be less than or equal to 65535",
        )
    ]


def test_virtual_host_add_may_match_a_route_configuration() -> None:
    value = "name: extra\ndomains: ['extra.example.com']"
    ok = {
        "virtualHost": {
            "operation": "Add",
            "match": {"routeConfigurationName": "outbound:backend"},
            "value": value,
        }
    }
    assert one(ok) == []


def test_json_patches_of_a_modification_are_validated() -> None:
    assert one({"cluster": {"operation": "Patch", "jsonPatches": [{"op": "remove", "path": "/"}]}}) == [
        ("spec.default.appendModifications[0].cluster.jsonPatches[0].path", "root path cannot be removed")
    ]


def test_json_patch_block_validator_on_its_own() -> None:
    blocks = [
        JsonPatchBlock(op="add", path="/a", value={"b": [1]}),
        JsonPatchBlock(op="move", path="/b"),
        JsonPatchBlock(op="remove"),
    ]
    v = Violations()
    validate_json_patch_block(v, FieldPath("jsonPatches"), blocks)
    assert problems(v.items) == [
        ("jsonPatches[1].from", '"from" must not be empty when "op" is one of ["move", "copy"]'),
        ("jsonPatches[2].path", "must be defined"),
    ]


def test_an_empty_value_adds_an_empty_resource_which_the_rules_refuse() -> None:
    assert one({"httpFilter": {"operation": "AddLast", "value": ""}}) == [
        (
            "spec.default.appendModifications[0].httpFilter.value",
            "native Envoy resource is not valid: invalid HttpFilter.Name: value length must be at least 1 runes",
        )
    ]


def test_text_with_lone_surrogates_is_read_as_go_reads_it() -> None:
    assert parse_envoy_resource('{"name": "\ud800", ', Cluster()) == "unexpected EOF"
