"""What a policy translation knows about workload identity (mTLS): :class:`ProxyIdentity`.

The control plane's identity side (``controlplane/ca``) decides which MeshIdentity a proxy gets,
issues its certificate and builds the SDS secrets; this layer only sees the outcome, so that the
translations that need it (MeshTLS turns on mTLS, MeshTrafficPermission and the SPIFFE-matched
inbound rules need a peer certificate) stay pure:

* :class:`ProxyIdentity`: the proxy's own SPIFFE ID and the SDS secret names to reference (the
  workload certificate, named after the MeshIdentity's KRI, and ``system_trust_bundle``);
* :class:`PeerIdentities`: for a destination, the SPIFFE IDs its endpoints present, or None when
  the destination does not speak mTLS (some endpoint has no identity, or it is not a mesh service).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from typing import Protocol as TypingProtocol

from pulumi_kuma.envoy.context import Destination

TRUST_BUNDLE_SECRET = "system_trust_bundle"
"""Kuma's SDS name of the validation context built from every MeshTrust of the mesh."""

TLS_TRANSPORT_SOCKET = "envoy.transport_sockets.tls"
DOWNSTREAM_TLS_CONTEXT_TYPE = (
    "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext"
)
UPSTREAM_TLS_CONTEXT_TYPE = "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext"
KUMA_ALPN = "kuma"
"""The ALPN protocol one Kuma proxy offers another: Permissive inbounds terminate mTLS only for it."""


@dataclass(frozen=True, slots=True)
class ProxyIdentity:
    """The workload identity a proxy runs with (only when a ready MeshIdentity selects it)."""

    spiffe_id: str
    trust_domain: str
    certificate_secret: str
    """SDS name of the workload certificate and key (the MeshIdentity's KRI)."""
    validation_secret: str = TRUST_BUNDLE_SECRET
    """SDS name of the trust bundle the peer is verified against."""
    identity_kri: str = ""
    inbound_trust_domains: tuple[str, ...] = ()
    """For an identity Kuma manages (Bundled provider): the trust domains of the mesh's MeshTrusts.
    Inbound mTLS then also requires the client's URI SAN to lie under one of them
    (``spiffe://<domain>/``). Empty for identities managed elsewhere (Spire), as in Kuma."""
    secrets: tuple[Mapping[str, Any], ...] = field(default=(), repr=False)
    """The SDS secrets themselves (proto3-JSON); the generator adds them to the proxy's resources."""

    def sds(self, name: str) -> dict[str, Any]:
        """An SDS reference to secret ``name`` served over the proxy's ADS stream."""
        return {"name": name, "sdsConfig": {"ads": {}, "resourceApiVersion": "V3"}}

    def common_tls_context(
        self, *, match_sans: tuple[str, ...] = (), san_prefixes: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        """``commonTlsContext``: present the workload certificate and verify the peer against the
        trust bundle (and, when ``match_sans`` or ``san_prefixes`` are given, that its URI SAN is
        one of them or starts with one of them)."""
        default: dict[str, Any] = {}
        matchers = [{"sanType": "URI", "matcher": {"exact": san}} for san in match_sans]
        matchers += [{"sanType": "URI", "matcher": {"prefix": prefix}} for prefix in san_prefixes]
        if matchers:
            default["matchTypedSubjectAltNames"] = matchers
        return {
            "combinedValidationContext": {
                "defaultValidationContext": default,
                "validationContextSdsSecretConfig": self.sds(self.validation_secret),
            },
            "tlsCertificateSdsSecretConfigs": [self.sds(self.certificate_secret)],
        }


def is_mtls_chain(chain: Mapping[str, Any]) -> bool:
    """Whether a listener's filter chain terminates mutual TLS: its transport socket is a
    ``DownstreamTlsContext`` that requires a client certificate (MeshTLS's inbound chains in Strict
    mode, and the ``kuma`` ALPN chain in Permissive mode). Only such chains know the peer's SPIFFE
    ID, so only they get the translations that match on it (MeshTrafficPermission's RBAC)."""
    socket = chain.get("transportSocket")
    if not isinstance(socket, Mapping) or socket.get("name") != TLS_TRANSPORT_SOCKET:
        return False
    config = socket.get("typedConfig")
    return (
        isinstance(config, Mapping)
        and config.get("@type") == DOWNSTREAM_TLS_CONTEXT_TYPE
        and config.get("requireClientCertificate") is True
    )


class PeerIdentities(TypingProtocol):
    """The SPIFFE IDs the endpoints of a destination present."""

    def of(self, destination: Destination) -> tuple[str, ...] | None:
        """The sorted distinct SPIFFE IDs of the destination's endpoints, or None when traffic to
        it must stay plain text (an endpoint without identity, or not a mesh destination)."""
        ...


class NoPeers:
    """No destination speaks mTLS (proxies without identity, tests)."""

    def of(self, destination: Destination) -> tuple[str, ...] | None:
        """None."""
        return None
