"""KRI (Kuma resource identifier) parsing and the store name a KRI denotes on this zone.

``kri_<short>_<mesh>_<zone>_<namespace>_<name>_<section>``: a resource of this zone is stored
under its own name; one synced from elsewhere under ``<name>-<hash>``, the hash being Kuma's
FNV-1a over mesh, name, zone and namespace, spelled in Kubernetes' "safe" alphabet.
"""

from __future__ import annotations

from dataclasses import dataclass

from pulumi_kuma.model.registry import KindDescriptor, Registry

_SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"
_FNV64_OFFSET = 0xCBF29CE484222325
_FNV64_PRIME = 0x100000001B3
_NAME_LIMIT = 253 - 17  # room for "-" and the 16-character hash


class KriError(ValueError):
    """A string that is not a KRI of a known kind; the message is Kuma's."""


@dataclass(frozen=True, slots=True)
class Kri:
    """A parsed KRI."""

    kind: KindDescriptor
    mesh: str
    zone: str
    namespace: str
    name: str
    section: str


def parse_kri(text: str, registry: Registry) -> Kri:
    """Split a KRI; raises :class:`KriError` with Kuma's message."""
    parts = text.split("_")
    if len(parts) < 7:
        raise KriError(f'invalid identifier string: "{text}"')
    if parts[0] != "kri":
        raise KriError(f"identifier must start with 'kri': \"{text}\"")
    kind = registry.by_short_name(parts[1]) if parts[1] else None
    if kind is None:
        raise KriError(f'unknown short name of resource type: "{parts[1]}"')
    return Kri(kind, parts[2], parts[3], parts[4], parts[5], "".join(parts[6:]))


def fnv1a64(data: bytes) -> int:
    """64-bit FNV-1a."""
    value = _FNV64_OFFSET
    for byte in data:
        value ^= byte
        value = (value * _FNV64_PRIME) & 0xFFFFFFFFFFFFFFFF
    return value


def hashed_name(mesh: str, name: str, *extra: str) -> str:
    """Kuma's name for a resource synced from another control plane: ``<name>-<hash>``."""
    digest = fnv1a64("".join((mesh, name, *extra)).encode()).to_bytes(8, "big").hex()
    safe = "".join(_SAFE_ALPHABET[ord(char) % len(_SAFE_ALPHABET)] for char in digest)
    return f"{name[:_NAME_LIMIT]}-{safe}"


def store_name(kri: Kri, local_zone: str) -> str:
    """The name under which this (Universal, zone) control plane stores the resource."""
    if kri.zone == local_zone:
        return kri.name
    extra = [value for value in (kri.zone, kri.namespace) if value]
    return hashed_name(kri.mesh, kri.name, *extra)
