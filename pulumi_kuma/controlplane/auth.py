"""Who is calling the API, and what they may do: Kuma's authentication and static RBAC.

* A request that arrives directly over loopback (loopback peer and Host, no proxy headers, not a
  cross-site browser request) is the admin, unless the control plane runs with
  ``--no-localhost-admin``.
* Otherwise ``Authorization: Bearer <user token>`` names the user: an RS256 JWT signed by the
  control plane's user-token signing key, which lives in the store as the global secret
  ``user-token-signing-key-1`` (as in Kuma), created on first start. A token that does not verify
  is refused (401 "Invalid authentication data").
* Anyone else is anonymous. Only admin-only kinds (Secret, GlobalSecret) and issuing tokens need
  the admin; everything else is open, as in Kuma's default RBAC.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import ipaddress
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from pulumi_kuma.controlplane.store.base import AlreadyExists, Store
from pulumi_kuma.model.envelope import ResourceObject, now
from pulumi_kuma.model.errors import KumaError

ADMIN_NAME = "mesh-system:admin"
ADMIN_GROUP = "mesh-system:admin"
AUTHENTICATED_GROUP = "mesh-system:authenticated"

SIGNING_KEY_TYPE = "GlobalSecret"
SIGNING_KEY_PREFIX = "user-token-signing-key"
CURRENT_KEY_ID = "1"
_KEY_ID_HEADER = "kid"
_CLOCK_SKEW = timedelta(seconds=5)
CACHE_SECONDS = 10.0
_VERIFIED_LIMIT = 4096


@dataclass(frozen=True, slots=True)
class User:
    """An authenticated (or anonymous) caller: a name and groups, as Kuma names them."""

    name: str
    groups: tuple[str, ...]

    @property
    def is_admin(self) -> bool:
        """Kuma's default admin set: the user ``mesh-system:admin`` or the group of that name."""
        return self.name == ADMIN_NAME or ADMIN_GROUP in self.groups

    def __str__(self) -> str:
        return f"{self.name}/{','.join(self.groups)}"


ADMIN = User(ADMIN_NAME, (ADMIN_GROUP, AUTHENTICATED_GROUP))
ANONYMOUS = User("mesh-system:anonymous", ("mesh-system:unauthenticated",))


class InvalidToken(KumaError):
    """A bearer token that is malformed, expired, or not signed by this control plane."""


class AccessDenied(KumaError):
    """The user may not do this; ``reason`` is Kuma's wording."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def require_admin(user: User, what: str) -> None:
    """Raise :class:`AccessDenied` unless ``user`` is an admin (``what``: "the resource of type ...")."""
    if not user.is_admin:
        raise AccessDenied(f'user "{user}" cannot access {what}')


# --- loopback detection ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _is_loopback_host(host: str) -> bool:
    host = host.strip().lower().rstrip(".")
    if host == "localhost":
        return True
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@functools.lru_cache(maxsize=4096)
def _authority(scheme: str, hostport: str) -> tuple[str, int] | None:
    """(host, port) of a Host header or an Origin, or None when it is not a plain authority."""
    if not hostport or hostport.endswith(":"):
        return None
    try:
        parts = urlsplit(f"{scheme}://{hostport}")
        port = parts.port
    except ValueError:
        return None
    if parts.username is not None or parts.path or parts.query or parts.fragment or not parts.hostname:
        return None
    if port is None:
        port = 443 if scheme == "https" else 80
    host = parts.hostname.lower().rstrip(".")
    with contextlib.suppress(ValueError):
        host = str(ipaddress.ip_address(host))
    return host, port


def is_direct_loopback(peer_host: str | None, headers: Mapping[str, str]) -> bool:
    """Kuma's test for "a local admin at the keyboard": every condition must hold.

    The peer address is loopback; no proxy-hop header (Forwarded, X-Forwarded-For, X-Real-IP);
    the Host header names a loopback host; the browser did not mark the request cross-site; and
    an Origin, if any, is the same loopback origin as the Host.
    """
    if not peer_host or not _is_loopback_host(peer_host):
        return False
    if headers.get("forwarded") or headers.get("x-forwarded-for") or headers.get("x-real-ip"):
        return False
    host = _authority("http", headers.get("host", ""))
    if host is None or not _is_loopback_host(host[0]):
        return False
    if headers.get("sec-fetch-site", "") not in ("", "same-origin", "none"):
        return False
    origin = headers.get("origin", "")
    if not origin:
        return True
    try:
        parts = urlsplit(origin)
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or parts.path or parts.query or parts.fragment:
        return False
    origin_authority = _authority(parts.scheme, parts.netloc)
    request_authority = _authority(parts.scheme, headers.get("host", ""))
    if origin_authority is None or not _is_loopback_host(origin_authority[0]):
        return False
    return origin_authority == request_authority


# --- user tokens ----------------------------------------------------------------------------------


def signing_key_name(key_id: str) -> str:
    """The global secret holding signing key ``key_id`` (Kuma's ``0`` is the unsuffixed legacy key)."""
    return SIGNING_KEY_PREFIX if key_id == "0" else f"{SIGNING_KEY_PREFIX}-{key_id}"


def new_signing_key() -> bytes:
    """A fresh 2048-bit RSA key, PKCS#1 PEM, as Kuma stores it."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )


def _decode_key(obj: ResourceObject) -> rsa.RSAPrivateKey:
    data = obj.spec.get("data")
    if not isinstance(data, str):
        raise InvalidToken(f"global secret {obj.name!r} holds no key data")
    key = serialization.load_pem_private_key(base64.b64decode(data), password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise InvalidToken(f"global secret {obj.name!r} does not hold an RSA key")
    return key


class UserTokens:
    """Issues and validates user tokens with the signing key kept in the store."""

    def __init__(self, store: Store) -> None:
        self._store = store
        # Keys and verified tokens are trusted for CACHE_SECONDS, then read again from the store, so
        # that deleting a signing key (how Kuma revokes its tokens) takes effect on every replica.
        self._keys: dict[str, tuple[rsa.RSAPrivateKey, float]] = {}
        self._verified: dict[str, tuple[User, float]] = {}

    async def ensure_signing_key(self) -> None:
        """Create the signing key on first start; another replica may win the race, which is fine."""
        if await self._load_key(CURRENT_KEY_ID) is not None:
            return
        timestamp = now()
        secret = ResourceObject(
            type=SIGNING_KEY_TYPE,
            name=signing_key_name(CURRENT_KEY_ID),
            mesh=None,
            spec={"data": base64.b64encode(new_signing_key()).decode("ascii")},
            creation_time=timestamp,
            modification_time=timestamp,
        )
        with contextlib.suppress(AlreadyExists):
            await self._store.create(secret)
        if await self._load_key(CURRENT_KEY_ID) is None:
            raise KumaError("could not create or read the user-token signing key")

    async def _load_key(self, key_id: str) -> rsa.RSAPrivateKey | None:
        cached = self._keys.get(key_id)
        if cached is not None and cached[1] > time.monotonic():
            return cached[0]
        obj = await self._store.get(SIGNING_KEY_TYPE, "", signing_key_name(key_id))
        if obj is None:
            self._keys.pop(key_id, None)
            return None
        key = _decode_key(obj)
        self._keys[key_id] = (key, time.monotonic() + CACHE_SECONDS)
        return key

    async def _current_key(self) -> rsa.RSAPrivateKey:
        await self.ensure_signing_key()
        key = await self._load_key(CURRENT_KEY_ID)
        assert key is not None
        return key

    async def key_fingerprint(self) -> str:
        """SHA-256 of the current public key (DER), hex."""
        public = (
            (await self._current_key())
            .public_key()
            .public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        )
        return hashlib.sha256(public).hexdigest()

    async def issue(self, name: str, groups: list[str], valid_for: timedelta) -> str:
        """A signed token for ``name`` in ``groups``, valid for ``valid_for`` from now."""
        key = await self._current_key()
        issued = datetime.now(UTC) - _CLOCK_SKEW
        claims: dict[str, Any] = {
            "Name": name,
            "Groups": list(groups),
            "jti": str(uuid.uuid4()),
            "iat": int(issued.timestamp()),
            "nbf": int(issued.timestamp()),
            "exp": int((issued + valid_for + _CLOCK_SKEW).timestamp()),
        }
        return jwt.encode(claims, key, algorithm="RS256", headers={_KEY_ID_HEADER: CURRENT_KEY_ID})

    async def validate(self, token: str) -> User:
        """The user a token names (authenticated group added); raises :class:`InvalidToken`."""
        now_monotonic = time.monotonic()
        verified = self._verified.get(token)
        if verified is not None and verified[1] > now_monotonic:
            return verified[0]
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise InvalidToken(f"malformed token: {exc}") from exc
        key_id = str(header.get(_KEY_ID_HEADER, "0"))
        key = await self._load_key(key_id)
        if key is None:
            raise InvalidToken(f"there is no signing key with KID {key_id}")
        try:
            claims = jwt.decode(
                token,
                key.public_key(),
                algorithms=["RS256"],
                options={"require": ["exp"]},
                leeway=_CLOCK_SKEW,
            )
        except jwt.PyJWTError as exc:
            raise InvalidToken(str(exc)) from exc
        name = claims.get("Name")
        groups = claims.get("Groups") or []
        if not isinstance(name, str) or not name or not isinstance(groups, list):
            raise InvalidToken("token claims carry no user name")
        user = User(name, (*(str(g) for g in groups), AUTHENTICATED_GROUP))
        if len(self._verified) >= _VERIFIED_LIMIT:
            self._verified.clear()
        # Trusted until re-checked, but never past the token's own expiry.
        until = min(now_monotonic + CACHE_SECONDS, now_monotonic + float(claims["exp"]) - time.time())
        self._verified[token] = (user, until)
        return user
