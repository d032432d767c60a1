"""MeshTrust: publishing an identity's CA, and the trust bundles a mesh's proxies validate peers with.

:func:`ensure_mesh_trust` is Kuma's ``createOrUpdateMeshTrust``: a MeshTrust named like the identity,
for its trust domain, holding its CA; an existing one gets the CA appended when it lacks it (the old
CA stays, which is what a CA rotation needs) and ``status.origin.kri`` set to the identity's KRI.
:func:`trust_bundles` is the pure part of Kuma's mesh context: trust domain → CA PEMs, from every
MeshTrust of a mesh.
"""

from __future__ import annotations

import base64
import binascii
import copy
import logging
import re
from collections.abc import Iterable, Mapping
from typing import Any

from pulumi_kuma.controlplane.ca.authority import CertificateAuthority, Clock, utc_now
from pulumi_kuma.controlplane.ca.bundled import system_labels
from pulumi_kuma.controlplane.ca.errors import CAError
from pulumi_kuma.controlplane.ca.identity import Identity
from pulumi_kuma.controlplane.store.base import AlreadyExists, Conflict, NotFound, Store
from pulumi_kuma.kinds import meshtrust
from pulumi_kuma.kinds.meshtrust import MeshTrustSpec, ca_pems
from pulumi_kuma.model.envelope import ResourceObject

log = logging.getLogger(__name__)

MESH_TRUST_TYPE = meshtrust.KIND.name
_ATTEMPTS = 5
_FIRST_CERTIFICATE = re.compile(r"-----BEGIN CERTIFICATE-----\s*(.*?)\s*-----END CERTIFICATE-----", re.DOTALL)


def _first_certificate_der(text: str) -> bytes | None:
    match = _FIRST_CERTIFICATE.search(text)
    if match is None:
        return None
    try:
        return base64.b64decode(re.sub(r"\s+", "", match.group(1)), validate=True)
    except (binascii.Error, ValueError):
        return None


def pem_equal(first: str, second: str) -> bool:
    """Whether two PEM texts start with the same certificate (Kuma's ``pemEqual``: by DER bytes)."""
    first_der = _first_certificate_der(first)
    second_der = _first_certificate_der(second)
    return first_der is not None and first_der == second_der


def trust_bundles(trusts: Iterable[MeshTrustSpec | ResourceObject]) -> dict[str, list[str]]:
    """Trust domain → CA PEMs, in the order of ``trusts`` and of each one's bundles; domains sorted.

    ``trusts`` are MeshTrust specs, or stored MeshTrust rows (decoded here). A trust domain named by
    several MeshTrusts gets all their CAs.
    """
    collected: dict[str, list[str]] = {}
    for trust in trusts:
        spec = MeshTrustSpec.model_validate(trust.spec) if isinstance(trust, ResourceObject) else trust
        if not spec.trust_domain:
            continue
        collected.setdefault(spec.trust_domain, []).extend(ca_pems(spec))
    return {domain: collected[domain] for domain in sorted(collected) if collected[domain]}


async def load_trust_bundles(store: Store, mesh: str) -> dict[str, list[str]]:
    """:func:`trust_bundles` of every MeshTrust in ``mesh`` (by name)."""
    return trust_bundles(await store.list(MESH_TRUST_TYPE, mesh))


def _bundle(pem: str) -> dict[str, Any]:
    return {"type": "Pem", "pem": {"value": pem}}


async def ensure_mesh_trust(
    store: Store,
    identity: Identity,
    ca: CertificateAuthority,
    *,
    zone: str,
    clock: Clock = utc_now,
) -> ResourceObject | None:
    """Create or update the MeshTrust publishing ``ca`` for the identity's trust domain.

    Returns the stored MeshTrust, or None when ``meshTrustCreation`` is ``Disabled``. Idempotent:
    nothing is written when the CA is already there and the origin is right. Concurrent writers are
    handled with the store's versions (retry on conflict).
    """
    if not identity.mesh_trust_enabled:
        return None
    origin = identity.kri
    ca_pem = ca.certificate_pem.decode("ascii")
    trust_domain = identity.trust_domain(zone)
    for _ in range(_ATTEMPTS):
        existing = await store.get(MESH_TRUST_TYPE, identity.mesh, identity.name)
        if existing is None:
            timestamp = clock()
            created = ResourceObject(
                type=MESH_TRUST_TYPE,
                name=identity.name,
                mesh=identity.mesh,
                labels=system_labels(identity.mesh, identity.name, zone),
                spec={"trustDomain": trust_domain, "caBundles": [_bundle(ca_pem)]},
                status={"origin": {"kri": origin}},
                creation_time=timestamp,
                modification_time=timestamp,
            )
            try:
                stored = await store.create(created)
            except AlreadyExists:
                continue
            log.info(
                "created MeshTrust %s for %s (trust domain %s)", identity.name, identity.where, trust_domain
            )
            return stored
        updated = _with_ca_and_origin(existing, ca_pem, origin)
        if updated is None:
            return existing
        try:
            stored = await store.update(updated.evolve(modification_time=clock()), existing.version)
        except (Conflict, NotFound):
            continue
        log.info("updated MeshTrust %s for %s", identity.name, identity.where)
        return stored
    raise CAError(
        f'{identity.where}: MeshTrust "{identity.name}" kept changing while it was being updated '
        f"({_ATTEMPTS} attempts); it will be retried"
    )


def _with_ca_and_origin(existing: ResourceObject, ca_pem: str, origin: str) -> ResourceObject | None:
    """The MeshTrust with the CA appended and the origin set, or None when it already has both."""
    spec: dict[str, Any] = copy.deepcopy(existing.spec)
    bundles = spec.get("caBundles")
    bundles = list(bundles) if isinstance(bundles, list) else []
    changed = False
    present = any(
        isinstance(bundle, Mapping)
        and isinstance(bundle.get("pem"), Mapping)
        and isinstance(bundle["pem"].get("value"), str)
        and pem_equal(bundle["pem"]["value"], ca_pem)
        for bundle in bundles
    )
    if not present:
        bundles.append(_bundle(ca_pem))
        spec["caBundles"] = bundles
        changed = True
    status: dict[str, Any] = copy.deepcopy(dict(existing.status or {}))
    current_origin = status.get("origin")
    if not isinstance(current_origin, Mapping) or current_origin.get("kri") != origin:
        status["origin"] = {"kri": origin}
        changed = True
    if not changed:
        return None
    return existing.evolve(spec=spec, status=status)
