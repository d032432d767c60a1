"""MeshTCPRoute: where TCP connections to a destination go, split by weight across backends.

Each ``to[]`` item names a destination and at most one rule whose ``backendRefs`` receive the
connections. Merging (``notes/kuma-policy-spec.md`` §3.11): the item's conf is that rule (or, with
no rule, the destination itself with weight 1); the highest-priority route's backend list wins.
For HTTP destinations a MeshHTTPRoute, when one applies, takes precedence.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pulumi_kuma.envoy import Destination, ProxyContext, ProxyResources, builders
from pulumi_kuma.envoy.backends import Backend, resolve_backend
from pulumi_kuma.envoy.hooks import ENVOY_CONFIGURER
from pulumi_kuma.envoy.names import NAMESPACE_LABEL
from pulumi_kuma.envoy.types import TCP_PROXY_FILTER, TCP_PROXY_TYPE
from pulumi_kuma.model.base import REQUIRED, Items, KumaModel
from pulumi_kuma.model.common import (
    BACKEND_KINDS,
    TOP_LEVEL_KINDS,
    BackendRef,
    OutboundTargetRef,
    TopLevelTargetRef,
    validate_backend_ref,
    validate_target_ref,
)
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.policy import to_path, validate_top_level
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext
from pulumi_kuma.model.rules import KindRules, ResourceRule
from pulumi_kuma.model.violations import Violations


class TcpRuleConf(KumaModel):
    """The weighted backends that receive the connections."""

    backend_refs: list[BackendRef] | None = None


class TcpRouteRule(KumaModel):
    """The routing rule of one destination."""

    default: Annotated[TcpRuleConf | None, REQUIRED] = None


class TcpRouteTo(KumaModel):
    """The routing for connections to one destination."""

    target_ref: Annotated[OutboundTargetRef | None, REQUIRED] = None
    rules: Annotated[list[TcpRouteRule] | None, REQUIRED, Items(max_items=1)] = None


class MeshTCPRouteSpec(KumaModel):
    """The MeshTCPRoute spec: which proxies route (``targetRef``) and the backends per destination (``to``)."""

    target_ref: TopLevelTargetRef | None = None
    to: Annotated[list[TcpRouteTo] | None, Items(min_items=1)] = None


def validate(spec: MeshTCPRouteSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshTCPRoute validator."""
    v = Violations()
    validate_top_level(v, spec.target_ref, allowed=TOP_LEVEL_KINDS, inbound_policy=False)
    for i, item in enumerate(spec.to or []):
        path = to_path(i)
        validate_target_ref(v, path.field("targetRef"), item.target_ref, BACKEND_KINDS)
        for j, rule in enumerate(item.rules or []):
            refs_path = path.field("rules").index(j).field("default").field("backendRefs")
            refs = rule.default.backend_refs if rule.default is not None else None
            if not refs:
                v.add(refs_path, "must be defined")
                continue
            for n, ref in enumerate(refs):
                validate_backend_ref(v, refs_path.index(n), ref)
    return v.items


def to_conf(item: dict[str, Any]) -> dict[str, Any]:
    """A ``to[]`` item's conf for the outbound merge: its rule, or the destination itself with weight 1."""
    rules = item.get("rules") or []
    if rules:
        return {"default": rules[0].get("default", {})}
    backend = dict(item.get("targetRef") or {})
    backend["weight"] = 1
    return {"default": {"backendRefs": [backend]}}


# --- Envoy translation ----------------------------------------------------------------------------
#
# Kuma's MeshTCPRoute plugin (``pkg/plugins/policies/meshtcproute/plugin``). An outbound listener's
# TCP proxy sends connections to the backends of the destination's merged rule, one cluster (or
# weighted clusters) per backend port. A MeshTCPRoute decides for TCP destinations; for HTTP-like
# ones (http, http2, grpc) only when no MeshHTTPRoute rule exists for the destination, and then the
# HTTP connection manager gives way to a TCP proxy. A rule none of whose backendRefs resolve leaves
# the destination without a listener (Kuma generates none).

HTTP_ROUTE_KIND = "MeshHTTPRoute"


def _rule_conf(rules: KindRules, destination: Destination) -> tuple[Any, ResourceRule | None]:
    rule = rules.outbound.compute(destination.kri)
    if rule is None or not rule.conf:
        return None, None
    return rule.conf[0], rule


def tcp_backends(ctx: ProxyContext, conf: Mapping[str, Any], rule: ResourceRule) -> list[Backend]:
    """The rule's backendRefs that resolve to a destination port, weight 0 left out (any protocol
    carries TCP). Refs are read in the namespace of the route that contributed them (the last)."""
    origin = rule.origin[-1] if rule.origin else None
    namespace = origin.policy.labels.get(NAMESPACE_LABEL, "") if origin is not None else ""
    default = conf.get("default")
    refs = default.get("backendRefs") if isinstance(default, dict) else None
    out = []
    for ref in refs or []:
        if not isinstance(ref, dict):
            continue
        backend = resolve_backend(ctx, ref, namespace=namespace)
        if backend is not None and backend.weight > 0:
            out.append(backend)
    return out


def tcp_proxy_filter(stat_prefix: str, backends: list[Backend]) -> dict[str, Any]:
    """A TCP proxy to one cluster, or to weighted clusters."""
    config: dict[str, Any] = {"@type": TCP_PROXY_TYPE, "statPrefix": stat_prefix}
    if len(backends) == 1:
        config["cluster"] = backends[0].cluster_name
    else:
        config["weightedClusters"] = {
            "clusters": [{"name": b.cluster_name, "weight": b.weight} for b in backends]
        }
    return builders.typed_filter(TCP_PROXY_FILTER, config)


def configure_envoy(ctx: ProxyContext, rules: KindRules, resources: ProxyResources) -> None:
    """MeshTCPRoute's Envoy translation (registered on :data:`KIND`)."""
    http_rules = ctx.kind_rules(HTTP_ROUTE_KIND)
    changed = False
    for entry in resources.outbound_listeners():
        destination = entry.destination
        assert destination is not None
        conf, rule = _rule_conf(rules, destination)
        if conf is None or rule is None:
            continue
        if destination.protocol.is_http and _rule_conf(http_rules, destination)[0] is not None:
            continue
        changed = True
        backends = tcp_backends(ctx, conf, rule)
        if not backends:
            resources.remove(entry.type_url, entry.name)
            continue
        for backend in backends:
            resources.add_destination(backend.destination)
        entry.resource["filterChains"] = [builders.filter_chain(tcp_proxy_filter(entry.name, backends))]
    if changed:
        resources.remove_unreferenced_destinations()


EXAMPLE: dict[str, Any] = {
    "targetRef": {"kind": "Mesh"},
    "to": [
        {
            "targetRef": {"kind": "MeshService", "labels": {"kuma.io/display-name": "postgres"}},
            "rules": [
                {
                    "default": {
                        "backendRefs": [
                            {
                                "kind": "MeshService",
                                "labels": {"kuma.io/display-name": "postgres-v2"},
                                "weight": 20,
                            },
                            {
                                "kind": "MeshService",
                                "labels": {"kuma.io/display-name": "postgres"},
                                "weight": 80,
                            },
                        ]
                    }
                }
            ],
        }
    ],
}

KIND = KindDescriptor(
    name="MeshTCPRoute",
    plural="meshtcproutes",
    short_name="mtcpr",
    scope=Scope.MESH,
    spec_model=MeshTCPRouteSpec,
    validate=validate,
    description=(
        "Routes TCP connections to a destination across weighted backends: canary, blue-green and "
        "gradual migrations for services that do not speak HTTP."
    ),
    policy=PolicyTraits(sections=frozenset({Section.TARGET_REF, Section.TO}), order=200, to_conf=to_conf),
    example=EXAMPLE,
    extras={ENVOY_CONFIGURER: configure_envoy},
)
