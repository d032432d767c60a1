"""MeshTLS: inbound mTLS mode, TLS versions and cipher suites of proxies with a workload identity."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Annotated, Any

from pulumi_kuma.envoy import (
    DOWNSTREAM_TLS_CONTEXT_TYPE,
    KUMA_ALPN,
    LISTENER,
    TLS_TRANSPORT_SOCKET,
    UPSTREAM_TLS_CONTEXT_TYPE,
    Destination,
    ProxyContext,
    ProxyIdentity,
    ProxyResources,
    ResourceEntry,
    builders,
    filter_chains,
)
from pulumi_kuma.envoy.hooks import ENVOY_CONFIGURER
from pulumi_kuma.model.base import Default, KumaModel, OneOf
from pulumi_kuma.model.common import TOP_LEVEL_KINDS, TopLevelTargetRef
from pulumi_kuma.model.envelope import sni
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.merge import catch_all_conf
from pulumi_kuma.model.path import FieldPath
from pulumi_kuma.model.policy import Rule, rules_path, validate_top_level
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext
from pulumi_kuma.model.rules import KindRules
from pulumi_kuma.model.violations import Violations

MODES = ("Strict", "Permissive")
TLS_VERSIONS = ("TLSAuto", "TLS10", "TLS11", "TLS12", "TLS13")
CIPHERS = (
    "ECDHE-ECDSA-AES128-GCM-SHA256",
    "ECDHE-ECDSA-AES256-GCM-SHA384",
    "ECDHE-ECDSA-CHACHA20-POLY1305",
    "ECDHE-RSA-AES128-GCM-SHA256",
    "ECDHE-RSA-AES256-GCM-SHA384",
    "ECDHE-RSA-CHACHA20-POLY1305",
)
_VERSION_ORDER = {"TLS10": 0, "TLS11": 1, "TLS12": 2, "TLS13": 3}


class TlsVersion(KumaModel):
    """The range of TLS versions a proxy negotiates; ``TLSAuto`` leaves Envoy's default."""

    min: Annotated[str | None, OneOf(*TLS_VERSIONS), Default("TLSAuto")] = None
    max: Annotated[str | None, OneOf(*TLS_VERSIONS), Default("TLSAuto")] = None


class MeshTLSConf(KumaModel):
    """Inbound TLS settings: mTLS mode, TLS versions and cipher suites."""

    tls_version: TlsVersion | None = None
    tls_ciphers: Annotated[list[str] | None, OneOf(*CIPHERS)] = None
    mode: Annotated[str | None, OneOf("Permissive", "Strict")] = None


class MeshTLSSpec(KumaModel):
    """The MeshTLS spec: which proxies (``targetRef``) and inbound ``rules``."""

    target_ref: TopLevelTargetRef | None = None
    rules: list[Rule[MeshTLSConf]] | None = None


def _one_of(field: str, values: tuple[str, ...]) -> str:
    """Kuma's ``MakeFieldMustBeOneOfErr`` wording."""
    return f'"{field}" must be one of [{", ".join(json.dumps(x) for x in values)}]'


def validate_tls_version(v: Violations, path: FieldPath, version: TlsVersion) -> None:
    """Kuma's ``ValidateVersion``: known names, and min not above max when both are specific."""
    for field, value in (("min", version.min), ("max", version.max)):
        if value is not None and value not in TLS_VERSIONS:
            v.add(path.field(field), _one_of(field, TLS_VERSIONS))
    low = _VERSION_ORDER.get(version.min or "")
    high = _VERSION_ORDER.get(version.max or "")
    if low is not None and high is not None and low > high:
        v.add(path.field("min"), "min version must be lower than max")


def _validate_conf(v: Violations, path: FieldPath, conf: MeshTLSConf, top_kind: str) -> None:
    if conf.mode is not None and conf.mode not in MODES:
        v.add(path.field("mode"), _one_of("mode", MODES))
    if conf.tls_ciphers and top_kind != "Mesh":
        v.add(path.field("tlsCiphers"), "tlsCiphers can only be defined with top level targetRef kind: Mesh")
    elif any(cipher not in CIPHERS for cipher in conf.tls_ciphers or []):
        v.add(path.field("tlsCiphers"), _one_of("tlsCiphers", CIPHERS))
    if conf.tls_version is not None:
        if top_kind != "Mesh":
            v.add(
                path.field("tlsVersion"), "tlsVersion can only be defined with top level targetRef kind: Mesh"
            )
        else:
            validate_tls_version(v, path.field("tlsVersion"), conf.tls_version)


def validate(spec: MeshTLSSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshTLS validator."""
    v = Violations()
    validate_top_level(v, spec.target_ref, allowed=TOP_LEVEL_KINDS, inbound_policy=bool(spec.rules))
    top_kind = spec.target_ref.kind if spec.target_ref is not None else "Mesh"
    for i, rule in enumerate(spec.rules or []):
        _validate_conf(v, rules_path(i).field("default"), rule.default or MeshTLSConf(), top_kind)
    return v.items


# --- Envoy translation ------------------------------------------------------------------------------
#
# Kuma's MeshTLS plugin (``pkg/plugins/policies/meshtls/plugin/v1alpha1``). It runs only for a proxy
# with a workload identity (a ready MeshIdentity selects it); without one nothing changes. The
# mode of each inbound comes from its catch-all rules, Strict when no MeshTLS says otherwise:
#
# * Strict: the inbound's filter chain terminates mTLS (a ``DownstreamTlsContext`` requiring a client
#   certificate, the identity's certificate and the trust bundle over SDS);
# * Permissive: a TLS inspector tells three copies of the chain apart: plain text (``raw_buffer``),
#   the application's own TLS passed through (``tls``), and Kuma's mTLS (``tls`` with ALPN ``kuma``,
#   which every Kuma client offers), terminated as in Strict mode;
# * ``tlsVersion`` and ``tlsCiphers`` become ``tlsParams`` of the inbound TLS contexts and of the
#   clusters' upstream TLS contexts (not towards MeshExternalServices, as in Kuma).
#
# Kuma's generator, not the plugin, gives a cluster its ``UpstreamTlsContext`` (SNI of the destination
# port, ALPN ``kuma``, the SPIFFE IDs its endpoints present); here this translation does it, for
# each destination whose endpoints all have an identity (``ctx.peer_identities``), so that mTLS in
# both directions has one home. The transparent proxy's inbound passthrough listeners, when the
# resources hold them, accept only the Dataplane's inbound ports in Strict mode if the agent asked
# for it (``feature-strict-inbound-ports``), and any port otherwise.

STRICT = "Strict"
PERMISSIVE = "Permissive"
STRICT_INBOUND_PORTS_FEATURE = "feature-strict-inbound-ports"
TLS_INSPECTOR_FILTER = "envoy.filters.listener.tls_inspector"
TLS_INSPECTOR_TYPE = "type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector"
INBOUND_PASSTHROUGH_LISTENERS = (
    "self_transparentproxy_passthrough_inbound_ipv4",
    "self_transparentproxy_passthrough_inbound_ipv6",
)
NO_DESTINATION_INBOUND_CLUSTER = "self_transparentproxy_no_destination_inbound"
SERVICELESS_PORT = 49151
"""Kuma's reserved inbound port of a Dataplane without services: its passthrough chain goes nowhere."""
_ENVOY_TLS_VERSIONS = {"TLS10": "TLSv1_0", "TLS11": "TLSv1_1", "TLS12": "TLSv1_2", "TLS13": "TLSv1_3"}
"""``TLSAuto`` is Envoy's ``TLS_AUTO``, the enum's zero value, which proto3 JSON leaves out."""


def mode(conf: Mapping[str, Any]) -> str:
    """The inbound mTLS mode of a merged conf: only a MeshTLS can choose Permissive."""
    return str(conf.get("mode") or STRICT)


def _tls_version_params(conf: Mapping[str, Any]) -> dict[str, Any] | None:
    version = conf.get("tlsVersion")
    if not isinstance(version, Mapping) or (version.get("min") is None and version.get("max") is None):
        return None
    params: dict[str, Any] = {}
    for key, field in (("min", "tlsMinimumProtocolVersion"), ("max", "tlsMaximumProtocolVersion")):
        envoy_version = _ENVOY_TLS_VERSIONS.get(str(version.get(key)))
        if envoy_version is not None:
            params[field] = envoy_version
    return params


def tls_params(conf: Mapping[str, Any], *, inbound: bool) -> dict[str, Any] | None:
    """``tlsParams`` for the conf's ``tlsVersion`` and ``tlsCiphers``; None when it sets neither.

    Kuma writes (empty) parameters on inbounds as soon as ``tlsCiphers`` is present, on clusters
    only for a non-empty list."""
    ciphers = conf.get("tlsCiphers")
    params = _tls_version_params(conf)
    has_ciphers = isinstance(ciphers, list) and (inbound or bool(ciphers))
    if params is None and not has_ciphers:
        return None
    params = params or {}
    if isinstance(ciphers, list) and ciphers:
        params["cipherSuites"] = [str(c) for c in ciphers]
    return params


def _transport_socket(typed_config: dict[str, Any]) -> dict[str, Any]:
    return {"name": TLS_TRANSPORT_SOCKET, "typedConfig": typed_config}


def downstream_tls_context(identity: ProxyIdentity, conf: Mapping[str, Any]) -> dict[str, Any]:
    """The ``DownstreamTlsContext`` of an mTLS inbound chain: the proxy's certificate, a client
    certificate required and verified against the trust bundle (and, for a Kuma-managed identity,
    under one of the mesh's trust domains)."""
    prefixes = tuple(f"spiffe://{domain}/" for domain in sorted(identity.inbound_trust_domains))
    common = identity.common_tls_context(san_prefixes=prefixes)
    params = tls_params(conf, inbound=True)
    if params is not None:
        common["tlsParams"] = params
    return {
        "@type": DOWNSTREAM_TLS_CONTEXT_TYPE,
        "commonTlsContext": common,
        "requireClientCertificate": True,
    }


def upstream_tls_context(
    identity: ProxyIdentity, server_name: str, peers: tuple[str, ...], params: dict[str, Any] | None
) -> dict[str, Any]:
    """The ``UpstreamTlsContext`` of a cluster to a mesh destination: offer ALPN ``kuma``, present
    the proxy's certificate, and accept only the SPIFFE IDs the destination's endpoints have."""
    common = identity.common_tls_context(match_sans=peers)
    common["alpnProtocols"] = [KUMA_ALPN]
    if params is not None:
        common["tlsParams"] = params
    return {"@type": UPSTREAM_TLS_CONTEXT_TYPE, "commonTlsContext": common, "sni": server_name}


def _with_match(chain: Mapping[str, Any], **match: Any) -> dict[str, Any]:
    out = copy.deepcopy(dict(chain))
    out["filterChainMatch"] = {**(chain.get("filterChainMatch") or {}), **match}
    return out


def configure_inbound_listener(
    listener: dict[str, Any], identity: ProxyIdentity, conf: Mapping[str, Any]
) -> None:
    """Make an inbound listener's filter chain mTLS (Strict) or add the Permissive chains."""
    chains = filter_chains(listener)
    if not chains:
        return
    tls = _transport_socket(downstream_tls_context(identity, conf))
    if mode(conf) != PERMISSIVE:
        for chain in chains:
            chain["transportSocket"] = copy.deepcopy(tls)
        return
    # Each chain is copied whole, so that later translations (timeouts, RBAC on the mTLS chain)
    # change each copy once.
    out = []
    for chain in chains:
        out.append(_with_match(chain, transportProtocol="raw_buffer"))
        out.append(_with_match(chain, transportProtocol="tls"))
        kuma = _with_match(chain, applicationProtocols=[KUMA_ALPN], transportProtocol="tls")
        kuma["transportSocket"] = copy.deepcopy(tls)
        out.append(kuma)
    listener["filterChains"] = out
    listener_filters = listener.setdefault("listenerFilters", [])
    if not any(f.get("name") == TLS_INSPECTOR_FILTER for f in listener_filters):
        listener_filters.append(builders.typed_filter(TLS_INSPECTOR_FILTER, {"@type": TLS_INSPECTOR_TYPE}))


def _inbound_ports(ctx: ProxyContext) -> list[int]:
    """The Dataplane's inbound ports, each once, in order (Kuma's strict inbound ports)."""
    networking = ctx.dataplane.spec.get("networking") or {}
    ports: list[int] = []
    for item in networking.get("inbound") or []:
        if isinstance(item, Mapping):
            port = int(item.get("port") or 0)
            if port not in ports:
                ports.append(port)
    return ports


def configure_passthrough_listener(
    listener: dict[str, Any], ctx: ProxyContext, conf: Mapping[str, Any]
) -> None:
    """The inbound passthrough listener of the transparent proxy: in Strict mode, when the agent
    announced ``feature-strict-inbound-ports``, one chain per inbound port of the Dataplane (the
    serviceless port to nowhere); otherwise a single chain for any port."""
    name = str(listener.get("name") or "")
    ports = _inbound_ports(ctx)
    if mode(conf) == STRICT and STRICT_INBOUND_PORTS_FEATURE in ctx.features and ports:
        listener["filterChains"] = [
            {
                "filterChainMatch": {"destinationPort": port},
                "filters": [
                    builders.tcp_proxy(
                        name, NO_DESTINATION_INBOUND_CLUSTER if port == SERVICELESS_PORT else name
                    )
                ],
            }
            for port in ports
        ]
    else:
        listener["filterChains"] = [builders.filter_chain(builders.tcp_proxy(name, name))]


def destination_sni(ctx: ProxyContext, destination: Destination) -> str | None:
    """The SNI a destination port's endpoints expect (``sni.msvc.<mesh>.<zone>.<ns>.<name>.<port>``)."""
    kind = ctx.registry.get(destination.kind)
    if kind is None or not kind.short_name:
        return None
    resource = destination.resource
    return sni(kind, resource.mesh, dict(resource.labels), resource.name, destination.port.section_name)


def configure_cluster(
    entry: ResourceEntry, ctx: ProxyContext, identity: ProxyIdentity, conf: Mapping[str, Any]
) -> None:
    """Originate mTLS on a destination's cluster when all its endpoints have an identity."""
    destination = entry.destination
    if destination is None:
        return
    peers = ctx.peer_identities(destination)
    # No identities: plain text (the endpoints could not verify us). A socket someone else set
    # (none today) is theirs to keep.
    if not peers or "transportSocket" in entry.view:
        return
    server_name = destination_sni(ctx, destination)
    if server_name is None:
        return
    params = None if destination.kind == "MeshExternalService" else tls_params(conf, inbound=False)
    context = upstream_tls_context(identity, server_name, peers, params)
    entry.resource["transportSocket"] = _transport_socket(context)


def configure_envoy(ctx: ProxyContext, rules: KindRules, resources: ProxyResources) -> None:
    """MeshTLS's Envoy translation (registered on :data:`KIND`)."""
    identity = ctx.identity
    if identity is None:
        return  # Kuma: no workload identity, no mTLS whatever MeshTLS says
    passthrough_conf: Mapping[str, Any] | None = None
    for inbound in ctx.inbounds:
        listener = resources.inbound_listener(inbound)
        if listener is None:
            continue
        conf = catch_all_conf(KIND, rules.inbound.get(inbound.listener, ())) or {}
        configure_inbound_listener(listener.resource, identity, conf)
        passthrough_conf = conf  # Kuma rebuilds the passthrough per inbound: the last one's mode wins
    if passthrough_conf is not None:
        for name in INBOUND_PASSTHROUGH_LISTENERS:
            entry = resources.get(LISTENER, name)
            if entry is not None:
                configure_passthrough_listener(entry.resource, ctx, passthrough_conf)
    # Clusters take tlsVersion and tlsCiphers from the first listener's catch-all rules (Kuma takes
    # any one of them); both may only be set by Mesh-wide policies, so every listener agrees.
    cluster_conf: Mapping[str, Any] = {}
    for inbound_rules in rules.inbound.values():
        cluster_conf = catch_all_conf(KIND, inbound_rules) or {}
        break
    for entry in resources.outbound_clusters():
        configure_cluster(entry, ctx, identity, cluster_conf)


EXAMPLE: dict[str, Any] = {
    "targetRef": {"kind": "Mesh"},
    "rules": [
        {
            "default": {
                "mode": "Strict",
                "tlsVersion": {"min": "TLS12", "max": "TLS13"},
                "tlsCiphers": ["ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384"],
            }
        }
    ],
}

KIND = KindDescriptor(
    name="MeshTLS",
    plural="meshtlses",
    short_name="mtls",
    scope=Scope.MESH,
    spec_model=MeshTLSSpec,
    validate=validate,
    description=(
        "Sets whether inbound traffic must be mutual TLS (Strict) or may also be plaintext (Permissive), "
        "and which TLS versions and cipher suites proxies with a workload identity accept."
    ),
    policy=PolicyTraits(sections=frozenset({Section.TARGET_REF, Section.RULES}), order=300),
    example=EXAMPLE,
    extras={ENVOY_CONFIGURER: configure_envoy},
)
