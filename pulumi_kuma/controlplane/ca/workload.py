"""Workload identity per proxy: which MeshIdentity, which SPIFFE ID, which certificate, when to rotate.

Two layers, split like the rest of the xDS side ("what a proxy should run" is a function of store
state; timing is explicit):

* :func:`load_mesh_identity_context` reads, once per mesh change, the mesh's MeshIdentities with
  their CAs (loaded, never created) and the trust bundles of its MeshTrusts;
* a :class:`ProxyIdentityManager` per proxy turns that context and the proxy's labels into its SDS
  secrets. It keeps the issued certificate and reissues only when the selected identity, its CA, the
  SPIFFE ID or the identity's settings change, or the certificate is expiring soon (4/5 of its
  lifetime, Kuma's ``ExpiringSoon``). :attr:`ProxyIdentityResources.next_rotation` says when the
  caller must ask again.

As in Kuma, a proxy gets a certificate only from a Bundled identity whose status is Ready (see
:mod:`.reconcile`); a selected identity that is not ready yet gives no identity secret. A Spire
identity is externally managed: no identity secret and no trust bundle from us.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from pulumi_kuma.controlplane.ca.authority import CertificateAuthority, Clock, utc_now
from pulumi_kuma.controlplane.ca.bundled import AuthorityCache, load_ca
from pulumi_kuma.controlplane.ca.errors import CAError, WorkloadIdentityError
from pulumi_kuma.controlplane.ca.identity import MESH_IDENTITY_TYPE, Identity
from pulumi_kuma.controlplane.ca.sds import TRUST_BUNDLE_SECRET_NAME, identity_secret, trust_bundle_secret
from pulumi_kuma.controlplane.ca.svid import (
    DEFAULT_WORKLOAD_VALIDITY,
    WorkloadCertificate,
    issue_workload_certificate,
)
from pulumi_kuma.controlplane.ca.trust import load_trust_bundles
from pulumi_kuma.controlplane.store.base import Store
from pulumi_kuma.kinds.meshidentity import Environment, SpiffeIdError, render_spiffe_id, select_identity
from pulumi_kuma.model.envelope import ZONE_LABEL

log = logging.getLogger(__name__)

ManagementMode = Literal["kuma", "external"]
IssueReason = Literal["new", "identity-changed", "ca-changed", "spiffe-id-changed", "expiring"]


def _settings_digest(identity: Identity) -> str:
    payload = {
        "kri": identity.kri,
        "labels": dict(sorted(identity.labels.items())),
        "spec": identity.spec.model_dump(mode="json", by_alias=True, exclude_none=True),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class IdentityEntry:
    """One MeshIdentity of a mesh with its CA, or why it has none."""

    identity: Identity
    authority: CertificateAuthority | None = None
    problem: str | None = None
    settings_digest: str = field(init=False, repr=False)
    """Digest of the identity's KRI, labels and spec: a certificate issued under other settings is reissued."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "settings_digest", _settings_digest(self.identity))


@dataclass(frozen=True, slots=True)
class MeshIdentityContext:
    """What the identity side needs from one mesh's store state."""

    mesh: str
    zone: str
    entries: tuple[IdentityEntry, ...] = ()
    trust_bundles: Mapping[str, list[str]] = field(default_factory=dict)
    environment: Environment = "universal"
    bundle_secret: dict[str, Any] | None = field(init=False, repr=False)
    """``system_trust_bundle`` for :attr:`trust_bundles`, built once and shared by every proxy."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "bundle_secret", trust_bundle_secret(self.trust_bundles))

    def select(self, labels: Mapping[str, str]) -> IdentityEntry | None:
        """The entry of the identity a proxy with ``labels`` gets (most matchLabels, then name)."""
        chosen = select_identity(((e.identity.name, e.identity.spec) for e in self.entries), labels)
        if chosen is None:
            return None
        return next(e for e in self.entries if e.identity.name == chosen[0])


async def load_mesh_identity_context(
    store: Store,
    mesh: str,
    *,
    zone: str,
    cache: AuthorityCache | None = None,
    environment: Environment = "universal",
) -> MeshIdentityContext:
    """Read a mesh's MeshIdentities (with the CAs of the ready Bundled ones) and trust bundles."""
    entries = []
    for obj in await store.list(MESH_IDENTITY_TYPE, mesh):
        try:
            identity = Identity.from_object(obj)
        except CAError as exc:
            log.warning("ignoring a MeshIdentity: %s", exc)
            continue
        if identity.provider_type != "Bundled" or not identity.is_ready():
            entries.append(IdentityEntry(identity))
            continue
        try:
            authority = await load_ca(store, identity, cache=cache)
        except CAError as exc:
            entries.append(IdentityEntry(identity, problem=str(exc)))
            continue
        entries.append(IdentityEntry(identity, authority=authority))
    bundles = await load_trust_bundles(store, mesh)
    return MeshIdentityContext(mesh, zone, tuple(entries), bundles, environment)


def context_from_parts(
    mesh: str,
    zone: str,
    entries: Iterable[IdentityEntry],
    trust_bundles: Mapping[str, list[str]],
    environment: Environment = "universal",
) -> MeshIdentityContext:
    """A context built from parts already in hand (tests, benchmarks, a generator with its own cache)."""
    return MeshIdentityContext(mesh, zone, tuple(entries), dict(trust_bundles), environment)


@dataclass(frozen=True, slots=True)
class WorkloadIdentity:
    """The identity a proxy runs with: which MeshIdentity, its SPIFFE ID and (Kuma-managed) certificate."""

    identity_name: str
    kri: str
    spiffe_id: str
    management: ManagementMode
    certificate: WorkloadCertificate | None = None
    settings_digest: str = ""
    """Digest of the identity settings the certificate was issued under (KRI, labels, spec)."""


@dataclass(frozen=True, slots=True)
class ProxyIdentityResources:
    """One proxy's identity output: its SDS secrets and when to come back.

    The secret dicts are shared between calls (and the trust bundle between proxies): read-only.
    """

    identity: WorkloadIdentity | None
    secrets: tuple[dict[str, Any], ...] = field(repr=False)
    next_rotation: datetime | None
    issued: IssueReason | None = None
    """Why a certificate was issued by this call, or None when the cached one was reused (or none)."""

    @property
    def identity_secret_name(self) -> str | None:
        """The SDS name of the workload certificate (the identity's KRI), or None."""
        if self.identity is None or self.identity.certificate is None:
            return None
        return self.identity.kri

    @property
    def validation_secret_name(self) -> str | None:
        """``system_trust_bundle`` when the proxy gets a trust bundle, else None."""
        return (
            TRUST_BUNDLE_SECRET_NAME
            if any(s["name"] == TRUST_BUNDLE_SECRET_NAME for s in self.secrets)
            else None
        )

    def __repr__(self) -> str:
        names = [s["name"] for s in self.secrets]
        return (
            f"ProxyIdentityResources(identity={self.identity!r}, secrets={names!r}, "
            f"next_rotation={self.next_rotation!r}, issued={self.issued!r})"
        )


@dataclass(frozen=True, slots=True)
class _Plan:
    entry: IdentityEntry | None
    spiffe_id: str = ""
    validity: timedelta = DEFAULT_WORKLOAD_VALIDITY
    settings_digest: str = ""
    reason: IssueReason | None = None


class ProxyIdentityManager:
    """The workload identity of one proxy, cached between generations; see the module doc.

    ``resources`` issues synchronously (an RSA workload key costs tens of milliseconds);
    ``resources_async`` does the same work on a worker thread (key generation releases the GIL, so
    several proxies issue in parallel). Calls for one proxy are serialised by a lock.
    """

    def __init__(
        self,
        mesh: str,
        dataplane: str,
        *,
        clock: Clock = utc_now,
        default_validity: timedelta = DEFAULT_WORKLOAD_VALIDITY,
    ) -> None:
        self.mesh = mesh
        self.dataplane = dataplane
        self._clock = clock
        self._default_validity = default_validity
        self._current: WorkloadIdentity | None = None
        self._identity_secret: dict[str, Any] | None = None
        self._lock = threading.Lock()

    @property
    def current(self) -> WorkloadIdentity | None:
        """The identity last handed out (None before the first call or without an identity)."""
        return self._current

    def next_rotation(self) -> datetime | None:
        """When the current certificate becomes due for rotation, or None without one."""
        current = self._current
        if current is None or current.certificate is None:
            return None
        return current.certificate.rotate_at

    def rotation_due(self) -> bool:
        """Whether the current certificate is expiring soon (the caller should regenerate now)."""
        current = self._current
        return bool(current and current.certificate and current.certificate.expiring_soon(self._clock()))

    def forget(self) -> None:
        """Drop the cached certificate (the proxy disconnected)."""
        with self._lock:
            self._current = self._identity_secret = None

    def resources(self, ctx: MeshIdentityContext, labels: Mapping[str, str]) -> ProxyIdentityResources:
        """The proxy's SDS secrets for the mesh state ``ctx`` and its current ``labels``.

        Raises :class:`WorkloadIdentityError` when the selected identity should give a certificate but
        cannot (its CA failed to load, its SPIFFE ID template fails, an unsupported provider); the
        caller should keep the proxy's previous configuration then, as Kuma does.
        """
        with self._lock:
            plan = self._plan(ctx, labels)
            certificate = None
            if plan.reason is not None:
                assert plan.entry is not None and plan.entry.authority is not None
                certificate = self._issue(plan.entry.authority, plan.spiffe_id, plan.validity)
            return self._finish(ctx, plan, certificate)

    async def resources_async(
        self, ctx: MeshIdentityContext, labels: Mapping[str, str]
    ) -> ProxyIdentityResources:
        """:meth:`resources` run on a worker thread, so that issuing never blocks the event loop."""
        return await asyncio.to_thread(self.resources, ctx, labels)

    def _issue(
        self, authority: CertificateAuthority, spiffe_id: str, validity: timedelta
    ) -> WorkloadCertificate:
        return issue_workload_certificate(authority, spiffe_id, validity=validity, clock=self._clock)

    def _plan(self, ctx: MeshIdentityContext, labels: Mapping[str, str]) -> _Plan:
        entry = ctx.select(labels)
        if entry is None or not entry.identity.is_ready():
            return _Plan(entry=None)
        identity = entry.identity
        provider = identity.provider_type
        spiffe_id = self._spiffe_id(ctx, identity, labels)
        if provider == "Spire":
            return _Plan(entry=entry, spiffe_id=spiffe_id)
        if provider != "Bundled":
            raise WorkloadIdentityError(
                f"{identity.where}: provider {provider} is not supported by this control plane "
                "(supported: Bundled, Spire)"
            )
        if entry.authority is None:
            raise WorkloadIdentityError(f"{identity.where}: no CA to issue from: {entry.problem}")
        try:
            validity = identity.certificate_validity(self._default_validity)
        except CAError as exc:
            raise WorkloadIdentityError(str(exc)) from None
        digest = entry.settings_digest
        reason = self._reason(identity, entry.authority, spiffe_id, digest)
        return _Plan(entry, spiffe_id, validity, digest, reason)

    def _spiffe_id(self, ctx: MeshIdentityContext, identity: Identity, labels: Mapping[str, str]) -> str:
        try:
            return render_spiffe_id(
                identity.spec,
                mesh=ctx.mesh,
                zone=identity.labels.get(ZONE_LABEL) or ctx.zone,
                labels=labels,
                identity_labels=identity.labels,
                environment=ctx.environment,
            )
        except SpiffeIdError as exc:
            raise WorkloadIdentityError(
                f"{identity.where}: no SPIFFE ID for Dataplane {self.dataplane!r}: {exc}"
            ) from None

    def _reason(
        self, identity: Identity, authority: CertificateAuthority, spiffe_id: str, digest: str
    ) -> IssueReason | None:
        current = self._current
        if current is None or current.certificate is None:
            return "new"
        if current.identity_name != identity.name or current.settings_digest != digest:
            return "identity-changed"
        if current.certificate.ca_fingerprint != authority.fingerprint:
            return "ca-changed"
        if current.spiffe_id != spiffe_id:
            return "spiffe-id-changed"
        if current.certificate.expiring_soon(self._clock()):
            return "expiring"
        return None

    def _finish(
        self, ctx: MeshIdentityContext, plan: _Plan, certificate: WorkloadCertificate | None
    ) -> ProxyIdentityResources:
        entry = plan.entry
        bundle = ctx.bundle_secret
        if entry is None:
            self._current = self._identity_secret = None
            return ProxyIdentityResources(None, (bundle,) if bundle else (), None)
        identity = entry.identity
        if identity.provider_type == "Spire":
            self._current = WorkloadIdentity(identity.name, identity.kri, plan.spiffe_id, "external")
            self._identity_secret = None
            return ProxyIdentityResources(self._current, (), None)
        if certificate is not None:
            self._current = WorkloadIdentity(
                identity.name, identity.kri, plan.spiffe_id, "kuma", certificate, plan.settings_digest
            )
            self._identity_secret = identity_secret(identity.kri, certificate)
        current, secret = self._current, self._identity_secret
        assert current is not None and current.certificate is not None and secret is not None  # reused
        secrets = (secret, bundle) if bundle is not None else (secret,)
        return ProxyIdentityResources(current, secrets, current.certificate.rotate_at, plan.reason)

    def __repr__(self) -> str:
        return f"ProxyIdentityManager(mesh={self.mesh!r}, dataplane={self.dataplane!r}, current={self._current!r})"
