"""The resource classes as a program uses them (Pulumi's mock monitor records the registrations)."""

from __future__ import annotations

import asyncio
import base64
import inspect
from collections.abc import Iterator
from typing import Any

import dill
import pulumi
import pytest
from pulumi.runtime.rpc import is_rpc_secret, unwrap_rpc_secret

import pulumi_kuma
from pulumi_kuma.provider.provider import KumaProvider
from pulumi_kuma.provider.resource import seal_spec, to_wire
from pulumi_kuma.registry import REGISTRY


class RecordingMocks(pulumi.runtime.Mocks):
    def __init__(self) -> None:
        self.registered: list[pulumi.runtime.MockResourceArgs] = []

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        self.registered.append(args)
        return f"{args.name}-id", {**args.inputs, "kri": "kri_x"}

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        return {}, None


@pytest.fixture
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    """A current event loop for the Pulumi SDK (other tests may have closed theirs)."""
    new_loop = asyncio.new_event_loop()
    asyncio.set_event_loop(new_loop)
    try:
        yield new_loop
    finally:
        new_loop.close()
        asyncio.set_event_loop(None)


@pytest.fixture
def mocks(loop: asyncio.AbstractEventLoop) -> RecordingMocks:
    recorder = RecordingMocks()
    pulumi.runtime.set_mocks(recorder, preview=False)
    return recorder


def by_name(mocks: RecordingMocks, name: str) -> pulumi.runtime.MockResourceArgs:
    return next(r for r in mocks.registered if r.name == name)


def test_every_kind_has_a_resource_class_exported() -> None:
    for kind in REGISTRY:
        cls = getattr(pulumi_kuma, kind.name)
        assert cls.__name__ == kind.name
        assert cls._resource_type_name == f"dynamic/kuma:{kind.name}"
        assert cls.__doc__ and "## Example Usage" in cls.__doc__
        params = inspect.signature(cls.__init__).parameters
        assert ("mesh" in params) == kind.mesh_scoped
        spec_args = getattr(pulumi_kuma, f"{kind.spec_model.__name__}Args")
        assert spec_args.__doc__


@pulumi.runtime.test
def test_snake_case_args_become_kuma_json(mocks: RecordingMocks) -> Any:
    request_timeout = pulumi.Output.from_input("5s")
    mt = pulumi_kuma.MeshTimeout(
        "api-timeouts",
        mesh="default",
        labels={"team": pulumi.Output.from_input("payments")},
        spec=pulumi_kuma.MeshTimeoutSpecArgs(
            target_ref={"kind": "Mesh"},
            to=[
                pulumi_kuma.MeshTimeoutToArgs(
                    target_ref=pulumi_kuma.OutboundTargetRefArgs(
                        kind="MeshService", labels={"app": "backend"}
                    ),
                    default=pulumi_kuma.MeshTimeoutConfArgs(
                        connection_timeout="2s",
                        http=pulumi_kuma.MeshTimeoutHttpArgs(request_timeout=request_timeout),
                    ),
                )
            ],
        ),
    )

    def verify(_: Any) -> None:
        args = by_name(mocks, "api-timeouts")
        assert args.typ == "pulumi-python:dynamic/kuma:MeshTimeout"
        inputs = args.inputs
        assert inputs["kind"] == "MeshTimeout"
        assert inputs["name"] == "api-timeouts"
        assert inputs["mesh"] == "default"
        assert inputs["labels"] == {"team": "payments"}
        assert inputs["spec"] == {
            "targetRef": {"kind": "Mesh"},
            "to": [
                {
                    "targetRef": {"kind": "MeshService", "labels": {"app": "backend"}},
                    "default": {"connectionTimeout": "2s", "http": {"requestTimeout": "5s"}},
                }
            ],
        }
        provider = dill.loads(base64.b64decode(inputs["__provider"]))
        assert type(provider) is KumaProvider
        assert len(inputs["__provider"]) < 200  # by reference: the class name, not its code

    return pulumi.Output.all(mt.urn, mt.kri).apply(verify)


@pulumi.runtime.test
def test_an_output_spec_holding_args_is_converted(mocks: RecordingMocks) -> Any:
    spec = pulumi.Output.from_input("2s").apply(
        lambda t: pulumi_kuma.MeshTimeoutSpecArgs(
            target_ref={"kind": "Mesh"}, rules=[{"default": pulumi_kuma.MeshTimeoutConfArgs(idle_timeout=t)}]
        )
    )
    mt = pulumi_kuma.MeshTimeout("inbound", spec=spec, name="inbound-timeouts")

    def verify(_: Any) -> None:
        inputs = by_name(mocks, "inbound").inputs
        assert inputs["name"] == "inbound-timeouts"
        assert inputs["mesh"] == "default"
        assert inputs["spec"] == {
            "targetRef": {"kind": "Mesh"},
            "rules": [{"default": {"idleTimeout": "2s"}}],
        }

    return mt.urn.apply(verify)


@pulumi.runtime.test
def test_global_kind_takes_no_mesh_and_has_a_control_plane(mocks: RecordingMocks) -> Any:
    cp = pulumi_kuma.ControlPlane("http://zone-a:5681", token="tok-a")
    mesh = pulumi_kuma.Mesh("prod", control_plane=cp)
    with pytest.raises(TypeError):
        pulumi_kuma.Mesh("bad", mesh="default")  # type: ignore[call-arg]

    def verify(_: Any) -> None:
        inputs = by_name(mocks, "prod").inputs
        assert "mesh" not in inputs
        # The SDK marks the whole property secret because it holds a secret (the token).
        control_plane = inputs["control_plane"]
        assert is_rpc_secret(control_plane)
        assert unwrap_rpc_secret(control_plane) == {
            "address": "http://zone-a:5681",
            "token": "tok-a",
            "tlsSkipVerify": False,
        }

    return mesh.urn.apply(verify)


def test_control_plane_token_is_a_secret_input(loop: asyncio.AbstractEventLoop) -> None:
    token = pulumi_kuma.ControlPlane("http://zone-a:5681", token="tok-a").to_input()["token"]
    assert isinstance(token, pulumi.Output)
    assert loop.run_until_complete(token.is_secret()) is True


@pulumi.runtime.test
def test_secret_kinds_send_their_spec_as_a_secret(mocks: RecordingMocks) -> Any:
    secret = pulumi_kuma.Secret("db-password", spec={"data": "c2VjcmV0"})

    def verify(_: Any) -> None:
        spec = by_name(mocks, "db-password").inputs["spec"]
        assert is_rpc_secret(spec)
        assert unwrap_rpc_secret(spec) == {"data": "c2VjcmV0"}

    return secret.urn.apply(verify)


IDENTITY_KEY = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIPrivateBody\n-----END PRIVATE KEY-----\n"


def _identity_spec(private_key: Any, certificate: Any = None) -> dict[str, Any]:
    ca = {
        "certificate": certificate or {"type": "Secret", "secretRef": {"kind": "Secret", "name": "ca-cert"}},
        "privateKey": private_key,
    }
    return {
        "selector": {"dataplane": {"matchLabels": {}}},
        "provider": {"type": "Bundled", "bundled": {"insecureAllowSelfSigned": True, "ca": ca}},
    }


def _inline(value: Any) -> dict[str, Any]:
    return {"type": "InsecureInline", "insecureInline": {"value": value}}


@pulumi.runtime.test
def test_an_inline_private_key_makes_the_spec_secret(mocks: RecordingMocks) -> Any:
    inline = pulumi_kuma.MeshIdentity("inline-ca", mesh="default", spec=_identity_spec(_inline(IDENTITY_KEY)))
    referenced = pulumi_kuma.MeshIdentity(
        "secret-ca",
        mesh="default",
        spec=_identity_spec({"type": "Secret", "secretRef": {"kind": "Secret", "name": "ca-key"}}),
    )
    autogenerated = pulumi_kuma.MeshIdentity(
        "auto", mesh="default", spec=REGISTRY.by_name("MeshIdentity").example
    )

    def verify(_: Any) -> None:
        spec = by_name(mocks, "inline-ca").inputs["spec"]
        assert is_rpc_secret(spec)
        assert unwrap_rpc_secret(spec)["provider"]["bundled"]["ca"]["privateKey"] == _inline(IDENTITY_KEY)
        for name in ("secret-ca", "auto"):
            plain = by_name(mocks, name).inputs["spec"]
            assert not is_rpc_secret(plain) and plain["provider"]["type"] == "Bundled"

    return pulumi.Output.all(inline.urn, referenced.urn, autogenerated.urn).apply(verify)


def test_an_inline_source_inside_an_output_makes_that_output_secret(loop: asyncio.AbstractEventLoop) -> None:
    # The key arrives later (from another resource, say): the spec stays an object whose other
    # fields are readable (and checkable in previews while some are unknown), and the data
    # source that turns out inline is secret. (Pulumi's mock monitor lifts nested secrets to the
    # whole property, so this looks at what the resource class sends, before serialization.)
    kind = REGISTRY.by_name("MeshExternalService")
    tls = pulumi_kuma.MeshExternalServiceTlsArgs(
        enabled=True,
        verification=pulumi_kuma.TlsVerificationArgs(
            server_name="api.example.com",
            client_key=pulumi.Output.from_input(IDENTITY_KEY).apply(_inline),
            client_cert=pulumi.Output.from_input(
                {"type": "Secret", "secretRef": {"kind": "Secret", "name": "client-cert"}}
            ),
        ),
    )
    spec = pulumi_kuma.MeshExternalServiceSpecArgs(
        match={"type": "HostnameGenerator", "port": 443, "protocol": "http"},
        endpoints=[{"address": pulumi.Output.from_input("api.example.com"), "port": 443}],
        tls=tls,
    )
    sealed = seal_spec(kind, to_wire(spec))
    assert isinstance(sealed, dict)
    verification = sealed["tls"]["verification"]
    assert verification["serverName"] == "api.example.com"

    def resolved(output: pulumi.Output[Any]) -> tuple[Any, bool]:
        return loop.run_until_complete(output.future()), loop.run_until_complete(output.is_secret())

    assert resolved(verification["clientKey"]) == (_inline(IDENTITY_KEY), True)
    assert resolved(verification["clientCert"])[1] is False
    assert resolved(sealed["endpoints"][0]["address"]) == ("api.example.com", False)

    # Written plainly, the same key makes the whole spec secret.
    whole = seal_spec(kind, {"tls": {"verification": {"clientKey": _inline(IDENTITY_KEY)}}})
    assert isinstance(whole, pulumi.Output) and resolved(whole)[1] is True
    # A spec with no inline source is returned as it was, Outputs and all.
    plain = {"endpoints": [{"address": pulumi.Output.from_input("example.org"), "port": 80}]}
    assert seal_spec(kind, plain) == plain
