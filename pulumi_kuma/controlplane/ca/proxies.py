"""Workload identity for the proxies connected to this replica: what config distribution asks for.

:class:`WorkloadIdentities` keeps, per mesh, the :class:`MeshIdentityContext` read from the store
(MeshIdentities with their CAs, MeshTrust bundles), reloaded when a MeshIdentity, MeshTrust, Secret
or Mesh of that mesh changes, and one :class:`ProxyIdentityManager` per connected proxy. For each
generation it gives the proxy's :class:`~pulumi_kuma.envoy.ProxyIdentity` (secret names and the SDS
secrets) and a :class:`MeshPeerIdentities` telling which SPIFFE IDs each destination's endpoints
present, so that the translations (MeshTLS, MeshTrafficPermission) stay pure.

Issuing a certificate generates a key: that runs on a worker thread, never on the event loop.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pulumi_kuma.controlplane.ca.authority import Clock, utc_now
from pulumi_kuma.controlplane.ca.bundled import AuthorityCache
from pulumi_kuma.controlplane.ca.errors import CAError
from pulumi_kuma.controlplane.ca.identity import MESH_IDENTITY_TYPE
from pulumi_kuma.controlplane.ca.sources import SECRET_TYPE
from pulumi_kuma.controlplane.ca.svid import DEFAULT_WORKLOAD_VALIDITY
from pulumi_kuma.controlplane.ca.trust import MESH_TRUST_TYPE
from pulumi_kuma.controlplane.ca.workload import (
    MeshIdentityContext,
    ProxyIdentityManager,
    ProxyIdentityResources,
    load_mesh_identity_context,
)
from pulumi_kuma.controlplane.store.base import MESH_TYPE, Store
from pulumi_kuma.envoy import TRUST_BUNDLE_SECRET, Destination, ProxyIdentity
from pulumi_kuma.kinds.meshidentity import SpiffeIdError, render_spiffe_id
from pulumi_kuma.model.envelope import ZONE_LABEL, format_time

log = logging.getLogger(__name__)

IDENTITY_TYPES = frozenset({MESH_IDENTITY_TYPE, MESH_TRUST_TYPE, SECRET_TYPE, MESH_TYPE})
"""Changes to these kinds can change a mesh's identities or trust bundles."""


def trust_domain_of(spiffe_id: str) -> str:
    """``example.org`` for ``spiffe://example.org/workload/x``."""
    rest = spiffe_id.removeprefix("spiffe://")
    return rest.split("/", 1)[0]


class MeshPeerIdentities:
    """The SPIFFE IDs the endpoints of a mesh's destinations present (:class:`~pulumi_kuma.envoy.PeerIdentities`).

    Only destinations whose endpoints are Dataplane inbounds (``endpoint_kinds``) can speak mTLS;
    when any endpoint has no ready identity, traffic to the destination stays plain text (Kuma's
    MeshService ``status.tls`` is then not Ready).
    """

    def __init__(self, context: MeshIdentityContext, endpoint_kinds: frozenset[str]) -> None:
        self._context = context
        self._endpoint_kinds = endpoint_kinds
        self._by_labels: dict[frozenset[tuple[str, str]], str | None] = {}

    def _spiffe_id(self, labels: Mapping[str, str]) -> str | None:
        key = frozenset(labels.items())
        if key in self._by_labels:
            return self._by_labels[key]
        found: str | None = None
        entry = self._context.select(labels)
        if entry is not None and entry.identity.is_ready():
            usable = entry.identity.provider_type == "Spire" or entry.authority is not None
            if usable:
                try:
                    found = render_spiffe_id(
                        entry.identity.spec,
                        mesh=self._context.mesh,
                        zone=entry.identity.labels.get(ZONE_LABEL) or self._context.zone,
                        labels=labels,
                        identity_labels=entry.identity.labels,
                        environment=self._context.environment,
                    )
                except SpiffeIdError:
                    found = None
        if len(self._by_labels) > 10_000:
            self._by_labels.clear()
        self._by_labels[key] = found
        return found

    def of(self, destination: Destination) -> tuple[str, ...] | None:
        """The sorted SPIFFE IDs of the destination's endpoints, or None (plain text)."""
        if destination.kind not in self._endpoint_kinds or not destination.endpoints:
            return None
        ids = set()
        for endpoint in destination.endpoints:
            spiffe_id = self._spiffe_id(endpoint.tags)
            if spiffe_id is None:
                return None
            ids.add(spiffe_id)
        return tuple(sorted(ids))


def _digest(context: MeshIdentityContext) -> tuple[object, ...]:
    """What a context's proxies depend on: each identity's settings, CA and problem, the bundles."""
    entries = tuple(
        (
            e.identity.name,
            e.settings_digest,
            json.dumps(e.identity.status, sort_keys=True, default=str),
            e.authority.fingerprint if e.authority is not None else None,
            e.problem,
        )
        for e in context.entries
    )
    bundles = tuple(sorted((domain, tuple(pems)) for domain, pems in context.trust_bundles.items()))
    return (context.zone, context.environment, entries, bundles)


@dataclass(slots=True)
class _ProxyState:
    manager: ProxyIdentityManager
    context: MeshIdentityContext | None = None
    labels: Mapping[str, str] | None = None
    result: ProxyIdentityResources | None = None
    regenerations: int = 0
    last_issued: datetime | None = None


def proxy_identity(
    resources: ProxyIdentityResources | None, trust_domains: Iterable[str] = ()
) -> ProxyIdentity | None:
    """The envoy-layer view of a proxy's identity output (None: no Kuma-managed certificate);
    ``trust_domains`` are the mesh's MeshTrust domains, which inbound mTLS accepts clients from."""
    if resources is None or resources.identity is None:
        return None
    secret_name = resources.identity_secret_name
    if secret_name is None:
        return None  # externally managed (SPIRE): not served by this control plane
    spiffe_id = resources.identity.spiffe_id
    return ProxyIdentity(
        spiffe_id=spiffe_id,
        trust_domain=trust_domain_of(spiffe_id),
        certificate_secret=secret_name,
        # Without any trust bundle the listeners wait for one: traffic fails closed, as in Kuma.
        validation_secret=resources.validation_secret_name or TRUST_BUNDLE_SECRET,
        identity_kri=resources.identity.kri,
        inbound_trust_domains=tuple(sorted(set(trust_domains))),
        secrets=resources.secrets,
    )


class WorkloadIdentities:
    """Identity contexts per mesh and identity managers per proxy; see the module doc."""

    def __init__(
        self,
        store: Store,
        *,
        zone: str,
        endpoint_kinds: frozenset[str],
        default_validity: timedelta = DEFAULT_WORKLOAD_VALIDITY,
        clock: Clock = utc_now,
    ) -> None:
        self._store = store
        self._zone = zone
        self._endpoint_kinds = endpoint_kinds
        self._default_validity = default_validity
        self._clock = clock
        self._authorities = AuthorityCache()
        self._contexts: dict[str, MeshIdentityContext] = {}
        self._peers: dict[str, MeshPeerIdentities] = {}
        self._proxies: dict[str, _ProxyState] = {}
        self.issued = 0
        """Certificates issued by this replica (for benchmarks and logs)."""

    @staticmethod
    def relevant(type_name: str) -> bool:
        """Whether a change of this kind can change identities or trust."""
        return type_name in IDENTITY_TYPES

    async def refresh(self, meshes: Iterable[str]) -> None:
        """Reload the identity context of these meshes from the store."""
        for mesh in sorted(set(meshes)):
            try:
                context = await load_mesh_identity_context(
                    self._store, mesh, zone=self._zone, cache=self._authorities
                )
            except CAError as exc:
                log.warning("reading the identities of mesh %s failed: %s", mesh, exc)
                continue
            if not context.entries and not context.trust_bundles:
                self._contexts.pop(mesh, None)
                self._peers.pop(mesh, None)
                continue
            current = self._contexts.get(mesh)
            if current is not None and _digest(current) == _digest(context):
                continue  # unchanged: proxies keep their identity without any work
            self._contexts[mesh] = context
            self._peers[mesh] = MeshPeerIdentities(context, self._endpoint_kinds)

    def meshes(self) -> list[str]:
        """Meshes with identities or trust bundles."""
        return sorted(self._contexts)

    def peers(self, mesh: str) -> MeshPeerIdentities | None:
        """The mesh's peer identities (None: the mesh has no identities)."""
        return self._peers.get(mesh)

    def _state(self, node_id: str, mesh: str, name: str) -> _ProxyState:
        state = self._proxies.get(node_id)
        if state is None:
            manager = ProxyIdentityManager(
                mesh, name, clock=self._clock, default_validity=self._default_validity
            )
            state = self._proxies[node_id] = _ProxyState(manager)
        return state

    def current(self, node_id: str) -> ProxyIdentity | None:
        """The identity the proxy's last :meth:`update` settled on."""
        state = self._proxies.get(node_id)
        if state is None:
            return None
        domains = state.context.trust_bundles if state.context is not None else {}
        return proxy_identity(state.result, domains)

    def needs_update(self, node_id: str, mesh: str, labels: Mapping[str, str]) -> bool:
        """Whether :meth:`update` has work to do (new context or labels, or rotation due)."""
        state = self._proxies.get(node_id)
        context = self._contexts.get(mesh)
        if state is None:
            return context is not None
        if state.context is not context or state.labels != labels:
            return True
        return state.manager.rotation_due()

    async def update(
        self, node_id: str, mesh: str, name: str, labels: Mapping[str, str]
    ) -> ProxyIdentity | None:
        """The proxy's identity for the current mesh state (issuing on a worker thread when needed).

        On failure (the identity's CA cannot be loaded, its SPIFFE ID template fails) the proxy keeps
        the identity it had, and the problem is logged.
        """
        state = self._state(node_id, mesh, name)
        context = self._contexts.get(mesh)
        if context is None:
            state.manager.forget()
            state.context, state.labels, state.result = None, dict(labels), None
            return None
        try:
            result = await state.manager.resources_async(context, labels)
        except CAError as exc:
            log.warning("no workload certificate for %s: %s", node_id, exc)
            return self.current(node_id)
        if result.issued is not None:
            self.issued += 1
            state.regenerations += 1
            certificate = result.identity.certificate if result.identity is not None else None
            state.last_issued = certificate.generated_at if certificate is not None else self._clock()
            log.info(
                "issued a workload certificate for %s (%s, %s)",
                node_id,
                result.identity.spiffe_id if result.identity else "-",
                result.issued,
            )
        state.context, state.labels, state.result = context, dict(labels), result
        return self.current(node_id)

    def insight(self, node_id: str) -> dict[str, Any] | None:
        """Kuma's ``DataplaneInsight.mTLS`` for the proxy (and its SPIFFE ID), or None without a
        Kuma-managed certificate."""
        state = self._proxies.get(node_id)
        result = state.result if state is not None else None
        identity = result.identity if result is not None else None
        if state is None or identity is None or identity.certificate is None:
            return None
        out: dict[str, Any] = {
            "certificateExpirationTime": format_time(identity.certificate.not_after),
            "certificateRegenerations": state.regenerations,
            "issuedBackend": identity.identity_name,
            "supportedBackends": [identity.identity_name],
            "spiffeID": identity.spiffe_id,
        }
        if state.last_issued is not None:
            out["lastCertificateRegeneration"] = format_time(state.last_issued)
        return out

    def next_rotation(self) -> datetime | None:
        """The earliest time a proxy's certificate becomes due for rotation."""
        times = [t for s in self._proxies.values() if (t := s.manager.next_rotation()) is not None]
        return min(times) if times else None

    def rotation_due(self) -> list[str]:
        """The proxies whose certificate is due for rotation now."""
        return [node for node, s in self._proxies.items() if s.manager.rotation_due()]

    def forget(self, node_id: str) -> None:
        """Drop a disconnected proxy's certificate."""
        state = self._proxies.pop(node_id, None)
        if state is not None:
            state.manager.forget()
