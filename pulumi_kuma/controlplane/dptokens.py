"""Dataplane tokens: RS256 JWTs a data plane proxy presents on ``/bootstrap`` and its xDS stream.

As Kuma (``pkg/tokens/builtin/issuer``): the claims are ``Name``, ``Mesh``, ``Tags``, ``Type`` and
``Workload``, each optional (a token without a name serves any proxy of the mesh); the token is
signed by the mesh's own key, kept in the store as the Secret ``dataplane-token-signing-key-<mesh>-1``
in that mesh (created when the first token of the mesh is issued), so a token of one mesh never
verifies in another. :func:`authorize` checks a token against the Dataplane it is used for.
"""

from __future__ import annotations

import base64
import contextlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from pulumi_kuma.controlplane.auth import new_signing_key
from pulumi_kuma.controlplane.store.base import AlreadyExists, Store
from pulumi_kuma.model.envelope import ResourceObject, now
from pulumi_kuma.model.errors import KumaError

SECRET_TYPE = "Secret"
SIGNING_KEY_PREFIX = "dataplane-token-signing-key-"
CURRENT_KEY_ID = "1"
WORKLOAD_LABEL = "kuma.io/workload"
DEFAULT_VALIDITY = timedelta(days=365 * 10)
"""Kuma's validity when a request names none (kept for compatibility there)."""
_CLOCK_SKEW = timedelta(seconds=5)


class InvalidDataplaneToken(KumaError):
    """A token that does not verify, has expired, or does not fit the Dataplane it is used for."""


def signing_key_name(mesh: str, key_id: str = CURRENT_KEY_ID) -> str:
    """The Secret that holds a mesh's dataplane token signing key."""
    return f"{SIGNING_KEY_PREFIX}{mesh}-{key_id}"


@dataclass(frozen=True, slots=True)
class DataplaneIdentity:
    """What a token allows: empty fields allow anything."""

    mesh: str
    name: str = ""
    workload: str = ""
    tags: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    type: str = ""


class DataplaneTokens:
    """Issues and validates dataplane tokens with the per-mesh keys kept in the store."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._keys: dict[tuple[str, str], rsa.RSAPrivateKey] = {}

    async def _load_key(self, mesh: str, key_id: str) -> rsa.RSAPrivateKey | None:
        key = self._keys.get((mesh, key_id))
        if key is not None:
            return key
        obj = await self._store.get(SECRET_TYPE, mesh, signing_key_name(mesh, key_id))
        if obj is None:
            return None
        data = obj.spec.get("data")
        if not isinstance(data, str):
            raise InvalidDataplaneToken(f"Secret {obj.name!r} in mesh {mesh!r} holds no key")
        loaded = serialization.load_pem_private_key(base64.b64decode(data), password=None)
        if not isinstance(loaded, rsa.RSAPrivateKey):
            raise InvalidDataplaneToken(f"Secret {obj.name!r} in mesh {mesh!r} is not an RSA key")
        self._keys[(mesh, key_id)] = loaded
        return loaded

    async def _signing_key(self, mesh: str) -> rsa.RSAPrivateKey:
        key = await self._load_key(mesh, CURRENT_KEY_ID)
        if key is not None:
            return key
        timestamp = now()
        secret = ResourceObject(
            type=SECRET_TYPE,
            name=signing_key_name(mesh),
            mesh=mesh,
            labels={"kuma.io/mesh": mesh},
            spec={"data": base64.b64encode(new_signing_key()).decode("ascii")},
            creation_time=timestamp,
            modification_time=timestamp,
        )
        with contextlib.suppress(AlreadyExists):  # another replica was faster; use its key
            await self._store.create(secret)
        key = await self._load_key(mesh, CURRENT_KEY_ID)
        if key is None:
            raise KumaError(f"could not create or read the dataplane token signing key of mesh {mesh!r}")
        return key

    async def issue(self, identity: DataplaneIdentity, valid_for: timedelta = DEFAULT_VALIDITY) -> str:
        """A token for ``identity``, valid for ``valid_for`` from now."""
        key = await self._signing_key(identity.mesh)
        issued = datetime.now(UTC) - _CLOCK_SKEW
        claims: dict[str, Any] = {
            "Name": identity.name,
            "Mesh": identity.mesh,
            "Tags": {k: list(v) for k, v in identity.tags.items()},
            "Type": identity.type,
            "Workload": identity.workload,
            "jti": str(uuid.uuid4()),
            "iat": int(issued.timestamp()),
            "nbf": int(issued.timestamp()),
            "exp": int((issued + valid_for + _CLOCK_SKEW).timestamp()),
        }
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": CURRENT_KEY_ID})

    async def validate(self, token: str, mesh: str) -> DataplaneIdentity:
        """The identity a token grants, verified with ``mesh``'s key; raises :class:`InvalidDataplaneToken`."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise InvalidDataplaneToken(f"could not parse the token: {exc}") from exc
        key_id = str(header.get("kid", CURRENT_KEY_ID))
        key = await self._load_key(mesh, key_id)
        if key is None:
            raise InvalidDataplaneToken(
                f"there is no signing key with KID {key_id}. Secret of name "
                f'"{signing_key_name(mesh, key_id)}" in mesh "{mesh}" is not found. If signing key was '
                "rotated, regenerate the token"
            )
        try:
            claims = jwt.decode(
                token,
                key.public_key(),
                algorithms=["RS256"],
                options={"require": ["exp"]},
                leeway=_CLOCK_SKEW,
            )
        except jwt.PyJWTError as exc:
            raise InvalidDataplaneToken(f"could not verify the token: {exc}") from exc
        tags = claims.get("Tags") or {}
        return DataplaneIdentity(
            mesh=str(claims.get("Mesh") or ""),
            name=str(claims.get("Name") or ""),
            workload=str(claims.get("Workload") or ""),
            tags={str(k): tuple(str(x) for x in v) for k, v in tags.items() if isinstance(v, list)},
            type=str(claims.get("Type") or ""),
        )


def authorize(identity: DataplaneIdentity, mesh: str, name: str, labels: Mapping[str, str]) -> None:
    """Kuma's universal authenticator: the token's name, mesh, tags and workload (each only when
    set) must fit the Dataplane; raises :class:`InvalidDataplaneToken` with Kuma's wording."""
    if identity.name and identity.name != name:
        raise InvalidDataplaneToken(
            f"proxy name from requestor: {name} is different than in token: {identity.name}"
        )
    if identity.mesh and identity.mesh != mesh:
        raise InvalidDataplaneToken(
            f"proxy mesh from requestor: {mesh} is different than in token: {identity.mesh}"
        )
    for tag, allowed in identity.tags.items():
        value = labels.get(tag)
        if value is None:
            raise InvalidDataplaneToken(f'dataplane has no tag "{tag}" required by the token')
        if value not in allowed:
            raise InvalidDataplaneToken(
                f'dataplane contains tag "{tag}" with value "{value}" which is not allowed with this token. '
                f"Allowed values in token are {list(allowed)}"
            )
    if identity.workload:
        workload = labels.get(WORKLOAD_LABEL)
        if workload is None:
            raise InvalidDataplaneToken("dataplane has no workload label required by the token")
        if workload != identity.workload:
            raise InvalidDataplaneToken(
                f'dataplane workload "{workload}" is not allowed with this token. '
                f'Allowed workload in token is "{identity.workload}"'
            )
