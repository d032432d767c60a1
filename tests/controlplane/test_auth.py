"""Loopback-admin detection and user tokens (signing key kept in a real SQLite store)."""

from __future__ import annotations

import base64
from datetime import timedelta
from pathlib import Path

import jwt
import pytest

from pulumi_kuma.controlplane import auth
from pulumi_kuma.controlplane.auth import (
    ADMIN,
    AUTHENTICATED_GROUP,
    InvalidToken,
    UserTokens,
    is_direct_loopback,
    new_signing_key,
    signing_key_name,
)
from pulumi_kuma.controlplane.store.factory import open_store


@pytest.mark.parametrize(
    ("peer", "headers", "expected"),
    [
        ("127.0.0.1", {"host": "127.0.0.1:5681"}, True),
        ("127.0.0.1", {"host": "localhost:5681"}, True),
        ("::1", {"host": "[::1]:5681"}, True),
        ("127.0.0.5", {"host": "127.0.0.1"}, True),
        ("10.0.0.1", {"host": "127.0.0.1:5681"}, False),
        (None, {"host": "127.0.0.1:5681"}, False),
        ("127.0.0.1", {"host": "cp.example.com:5681"}, False),
        ("127.0.0.1", {"host": ""}, False),
        ("127.0.0.1", {"host": "127.0.0.1:"}, False),
        ("127.0.0.1", {"host": "127.0.0.1:5681", "x-forwarded-for": "1.2.3.4"}, False),
        ("127.0.0.1", {"host": "127.0.0.1:5681", "forwarded": "for=1.2.3.4"}, False),
        ("127.0.0.1", {"host": "127.0.0.1:5681", "x-real-ip": "1.2.3.4"}, False),
        ("127.0.0.1", {"host": "127.0.0.1:5681", "sec-fetch-site": "cross-site"}, False),
        ("127.0.0.1", {"host": "127.0.0.1:5681", "sec-fetch-site": "same-site"}, False),
        ("127.0.0.1", {"host": "127.0.0.1:5681", "sec-fetch-site": "same-origin"}, True),
        ("127.0.0.1", {"host": "127.0.0.1:5681", "origin": "http://127.0.0.1:5681"}, True),
        ("127.0.0.1", {"host": "127.0.0.1:5681", "origin": "http://127.0.0.1:8080"}, False),
        ("127.0.0.1", {"host": "127.0.0.1:5681", "origin": "http://evil.example:5681"}, False),
        ("127.0.0.1", {"host": "127.0.0.1", "origin": "http://127.0.0.1:80"}, True),
        ("127.0.0.1", {"host": "127.0.0.1:5681", "origin": "null"}, False),
    ],
)
def test_direct_loopback(peer: str | None, headers: dict[str, str], expected: bool) -> None:
    assert is_direct_loopback(peer, headers) is expected


async def test_tokens_round_trip_and_rejections(tmp_path: Path) -> None:
    store = await open_store(f"sqlite://{tmp_path / 'a.db'}")
    try:
        tokens = UserTokens(store)
        token = await tokens.issue("alice", ["dev"], timedelta(hours=1))
        user = await tokens.validate(token)
        assert user.name == "alice"
        assert user.groups == ("dev", AUTHENTICATED_GROUP)
        assert not user.is_admin
        header = jwt.get_unverified_header(token)
        assert header["alg"] == "RS256" and header["kid"] == "1"
        stored = await store.get("GlobalSecret", "", signing_key_name("1"))
        assert stored is not None and base64.b64decode(stored.spec["data"]).startswith(b"-----BEGIN RSA")

        admin = await tokens.validate(await tokens.issue("ops", ["mesh-system:admin"], timedelta(minutes=5)))
        assert admin.is_admin

        expired = await tokens.issue("bob", [], timedelta(seconds=-60))
        with pytest.raises(InvalidToken):
            await tokens.validate(expired)
        with pytest.raises(InvalidToken):
            await tokens.validate("not.a.jwt")
        with pytest.raises(InvalidToken):
            await tokens.validate(token[:-4] + "AAAA")
        forged = jwt.encode(
            {"Name": ADMIN.name, "Groups": ["mesh-system:admin"], "exp": 2_000_000_000},
            new_signing_key(),
            algorithm="RS256",
            headers={"kid": "1"},
        )
        with pytest.raises(InvalidToken):
            await tokens.validate(forged)
        unknown_key = jwt.encode(
            {"Name": "x", "exp": 2_000_000_000}, new_signing_key(), "RS256", {"kid": "9"}
        )
        with pytest.raises(InvalidToken, match="no signing key with KID 9"):
            await tokens.validate(unknown_key)
    finally:
        await store.close()


async def test_a_second_replica_uses_the_stored_key(tmp_path: Path) -> None:
    """Tokens from one process validate in another that reads the same store."""
    url = f"sqlite://{tmp_path / 'b.db'}"
    store = await open_store(url)
    token = await UserTokens(store).issue("carol", ["g"], timedelta(hours=1))
    await store.close()
    reopened = await open_store(url)
    try:
        fresh = UserTokens(reopened)
        await fresh.ensure_signing_key()  # must reuse the key, not make a new one
        assert (await fresh.validate(token)).name == "carol"
    finally:
        await reopened.close()


async def test_deleting_the_signing_key_revokes_its_tokens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(auth, "CACHE_SECONDS", 0.0)  # re-read the key on every check
    store = await open_store(f"sqlite://{tmp_path / 'c.db'}")
    try:
        tokens = UserTokens(store)
        token = await tokens.issue("erin", [], timedelta(hours=1))
        assert (await tokens.validate(token)).name == "erin"
        await store.delete("GlobalSecret", "", signing_key_name("1"))
        with pytest.raises(InvalidToken, match="no signing key"):
            await tokens.validate(token)
        # Issuing again makes a new key; the old token stays invalid.
        fresh = await tokens.issue("erin", [], timedelta(hours=1))
        assert (await tokens.validate(fresh)).name == "erin"
        with pytest.raises(InvalidToken):
            await tokens.validate(token)
    finally:
        await store.close()
