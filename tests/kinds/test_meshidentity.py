"""MeshIdentity: identity selection, SPIFFE ID rendering, and validator rules the fixtures miss."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_kuma.kinds.meshidentity import (
    MeshIdentitySpec,
    SpiffeIdError,
    render_spiffe_id,
    render_trust_domain,
    select_identity,
    uses_workload,
)
from tests.kinds.support import decode, pairs, rest


def spec(raw: dict[str, Any]) -> MeshIdentitySpec:
    return MeshIdentitySpec.model_validate(raw)


def selector(**labels: str) -> dict[str, Any]:
    return {"selector": {"dataplane": {"matchLabels": labels}}}


# --- select_identity (most matchLabels wins, ties go to the smallest name) ---------------------

DP = {"app": "web", "version": "v1", "kuma.io/zone": "east"}


def test_most_specific_identity_wins() -> None:
    identities = [
        ("all", spec(selector())),
        ("web", spec(selector(app="web"))),
        ("web-v1", spec(selector(app="web", version="v1"))),
        ("web-v2", spec(selector(app="web", version="v2"))),
    ]
    chosen = select_identity(identities, DP)
    assert chosen is not None and chosen[0] == "web-v1"


def test_tie_goes_to_the_smallest_name() -> None:
    identities = [("zeta", spec(selector(app="web"))), ("alpha", spec(selector(version="v1")))]
    chosen = select_identity(identities, DP)
    assert chosen is not None and chosen[0] == "alpha"


def test_empty_match_labels_match_every_dataplane() -> None:
    chosen = select_identity([("all", spec(selector()))], {})
    assert chosen is not None and chosen[0] == "all"


def test_no_selector_never_matches() -> None:
    identities = [("none", spec({})), ("no-dataplane", spec({"selector": {}}))]
    assert select_identity(identities, DP) is None
    assert select_identity(dict(identities).items(), DP) is None


# --- SPIFFE IDs --------------------------------------------------------------------------------


def test_universal_defaults() -> None:
    labels = {"kuma.io/workload": "backend"}
    assert render_spiffe_id(spec({}), mesh="default", zone="east", labels=labels) == (
        "spiffe://default.east.mesh.local/workload/backend"
    )


def test_explicit_workload_overrides_the_label() -> None:
    assert render_spiffe_id(spec({}), mesh="m", zone="z", labels={}, workload="api") == (
        "spiffe://m.z.mesh.local/workload/api"
    )


def test_kubernetes_defaults() -> None:
    labels = {"k8s.kuma.io/namespace": "shop", "k8s.kuma.io/service-account": "cart"}
    assert render_spiffe_id(spec({}), mesh="m", zone="z", labels=labels, environment="kubernetes") == (
        "spiffe://m.z.mesh.local/ns/shop/sa/cart"
    )


def test_custom_templates_with_labels() -> None:
    identity = spec(
        {"spiffeID": {"trustDomain": '{{ label "team" }}.{{ .Mesh }}', "path": '/app/{{ label "app" }}'}}
    )
    spiffe_id = render_spiffe_id(
        identity, mesh="m", zone="z", labels={"app": "web"}, identity_labels={"team": "payments"}
    )
    assert spiffe_id == "spiffe://payments.m/app/web"
    assert render_trust_domain(identity, mesh="m", zone="z", identity_labels={"team": "t"}) == "t.m"


def test_empty_path_gives_a_bare_trust_domain_id() -> None:
    assert (
        render_spiffe_id(spec({"spiffeID": {"path": ""}}), mesh="m", zone="z", labels={})
        == "spiffe://m.z.mesh.local"
    )


@pytest.mark.parametrize(
    ("raw", "labels", "message"),
    [
        ({"spiffeID": {"path": '/app/{{ label "app" }}'}}, {}, "label app not found"),
        ({"spiffeID": {"trustDomain": "{{ .Workload }}"}}, {}, "can't evaluate field Workload"),
        (
            {"spiffeID": {"trustDomain": "UPPER.case"}},
            {},
            "is not a valid SPIFFE ID: trust domain characters",
        ),
        ({}, {}, "path cannot have a trailing slash"),  # no kuma.io/workload label: /workload/
    ],
)
def test_render_errors(raw: dict[str, Any], labels: dict[str, str], message: str) -> None:
    with pytest.raises(SpiffeIdError, match=message):
        render_spiffe_id(spec(raw), mesh="m", zone="z", labels=labels)


@pytest.mark.parametrize(
    ("raw", "environment", "expected"),
    [
        ({}, "universal", True),
        ({}, "kubernetes", False),
        ({"spiffeID": {"path": '/w/{{  label  "kuma.io/workload"  }}'}}, "kubernetes", True),
        ({"spiffeID": {"path": "/w/{{ .Workload }}"}}, "kubernetes", True),
        ({"spiffeID": {"path": '/w/{{ label "app" }}'}}, "universal", False),
    ],
)
def test_uses_workload(raw: dict[str, Any], environment: str, expected: bool) -> None:
    assert uses_workload(spec(raw), environment) is expected  # type: ignore[arg-type]


# --- Validation the fixtures do not cover ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "provider: {type: Vault}",
            [("spec.provider.type", '"Vault" must be one of ["Bundled", "Spire", "Extension"]')],
        ),
        ("provider: {type: Bundled}", [("spec.provider.bundled", "configuration needs to be defined")]),
        ("provider: {type: Bundled, bundled: {}}", [("spec.provider.bundled.ca", "must be defined")]),
        (
            "provider: {type: Bundled, bundled: {ca: {}, certificateParameters: {expiry: -1h}}}",
            [
                ("spec.provider.bundled.ca.certificate", "must be defined"),
                ("spec.provider.bundled.ca.privateKey", "must be defined"),
                ("spec.provider.bundled.certificateParameters.expiry", "must not be negative when defined"),
            ],
        ),
        ("provider: {type: Spire}", [("spec.provider.spire", "configuration needs to be defined")]),
        (
            "provider: {type: Spire, spire: {agent: {timeout: -1s}}}",
            [("spec.provider.spire.agent.spire.agent.timeout", "must not be negative when defined")],
        ),
        ("provider: {type: Extension}", [("spec.provider.extension", "configuration needs to be defined")]),
        (
            "spiffeID: {path: '{{ .A'}",
            [("spec.spiffeID.path", "couldn't parse template: template: :1: unclosed action")],
        ),
    ],
)
def test_validator(text: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(decode("MeshIdentity", text)) == expected


def test_rest_rejects_unknown_provider_type_by_schema() -> None:
    result = rest(
        {"type": "MeshIdentity", "mesh": "default", "name": "id", "spec": {"provider": {"type": "Vault"}}}
    )
    assert pairs(result.violations) == [
        ("spec.provider.type", "in body should be one of [Bundled Spire Extension]")
    ]


def test_the_example_is_accepted_by_the_control_planes_ca_check() -> None:
    # The autogenerated CA is self-signed; without insecureAllowSelfSigned the control plane
    # would refuse the example (no CA, no certificates), so the docs would teach a broken spec.
    from pulumi_kuma.controlplane.ca.bundled import check_ca
    from pulumi_kuma.controlplane.ca.identity import Identity
    from pulumi_kuma.kinds.meshidentity import EXAMPLE

    identity = Identity(name="example", mesh="default", spec=spec(EXAMPLE))
    assert identity.autogenerated
    check_ca(identity, None)
