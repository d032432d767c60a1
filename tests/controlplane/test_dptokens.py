"""Dataplane tokens: per-mesh keys in the store, Kuma's claims, and Kuma's checks of a token's fit."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from pulumi_kuma.controlplane.dptokens import (
    DataplaneIdentity,
    DataplaneTokens,
    InvalidDataplaneToken,
    authorize,
    signing_key_name,
)
from pulumi_kuma.controlplane.store.factory import open_store
from pulumi_kuma.model.envelope import ResourceObject, now


async def test_tokens_are_signed_per_mesh(tmp_path: Path) -> None:
    store = await open_store(f"sqlite:///{tmp_path / 'cp.db'}")
    try:
        for mesh in ("default", "other"):
            await store.create(ResourceObject("Mesh", mesh, None, {}, {}, None, now(), now()))
        tokens = DataplaneTokens(store)
        token = await tokens.issue(DataplaneIdentity(mesh="default", name="dp-1", workload="web"))
        assert await store.get("Secret", "default", signing_key_name("default")) is not None
        identity = await tokens.validate(token, "default")
        assert (identity.mesh, identity.name, identity.workload) == ("default", "dp-1", "web")
        with pytest.raises(InvalidDataplaneToken, match="no signing key"):
            await tokens.validate(token, "other")
        await tokens.issue(DataplaneIdentity(mesh="other"))
        with pytest.raises(InvalidDataplaneToken, match="could not verify"):
            await tokens.validate(token, "other")
        expired = await tokens.issue(DataplaneIdentity(mesh="default"), timedelta(seconds=-60))
        with pytest.raises(InvalidDataplaneToken, match="expired"):
            await tokens.validate(expired, "default")
        with pytest.raises(InvalidDataplaneToken, match="could not parse"):
            await tokens.validate("not-a-jwt", "default")
        # A second issuer on the same store (another replica) reads the same key.
        assert (await DataplaneTokens(store).validate(token, "default")).name == "dp-1"
    finally:
        await store.close()


def test_authorize_checks_only_what_the_token_binds() -> None:
    authorize(DataplaneIdentity(mesh="default"), "default", "anything", {})
    with pytest.raises(
        InvalidDataplaneToken, match="proxy name from requestor: dp-2 is different than in token: dp-1"
    ):
        authorize(DataplaneIdentity(mesh="default", name="dp-1"), "default", "dp-2", {})
    with pytest.raises(InvalidDataplaneToken, match="proxy mesh from requestor: other"):
        authorize(DataplaneIdentity(mesh="default"), "other", "dp", {})
    with pytest.raises(InvalidDataplaneToken, match="has no workload label"):
        authorize(DataplaneIdentity(mesh="default", workload="web"), "default", "dp", {})
    with pytest.raises(InvalidDataplaneToken, match='workload "db" is not allowed'):
        authorize(
            DataplaneIdentity(mesh="default", workload="web"), "default", "dp", {"kuma.io/workload": "db"}
        )
    tagged = DataplaneIdentity(mesh="default", tags={"team": ("a", "b")})
    authorize(tagged, "default", "dp", {"team": "b"})
    with pytest.raises(InvalidDataplaneToken, match='tag "team" with value "c"'):
        authorize(tagged, "default", "dp", {"team": "c"})
