"""MeshTrafficPermission: which clients may reach a proxy's inbounds, by SPIFFE ID or SNI."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Annotated, Any

from pulumi_kuma.envoy import (
    TLS_TRANSPORT_SOCKET,
    Origin,
    ProxyContext,
    ProxyResources,
    filter_chains,
    network_filters,
)
from pulumi_kuma.envoy.filters import matches_predicate
from pulumi_kuma.envoy.hooks import ENVOY_CONFIGURER
from pulumi_kuma.envoy.names import policy_kri
from pulumi_kuma.envoy.types import HCM_FILTER, TYPE_PREFIX
from pulumi_kuma.model.base import REQUIRED, KumaModel
from pulumi_kuma.model.common import TOP_LEVEL_KINDS, Match, TopLevelTargetRef, validate_match
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.path import SPEC
from pulumi_kuma.model.policy import rules_path, validate_top_level
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext
from pulumi_kuma.model.rules import InboundListener, InboundRule, KindRules
from pulumi_kuma.model.violations import Violations


class MeshTrafficPermissionConf(KumaModel):
    """Clients to deny, to allow, and to allow while logging what a deny would have blocked."""

    deny: list[Match] | None = None
    allow_with_shadow_deny: list[Match] | None = None
    allow: list[Match] | None = None


class MeshTrafficPermissionRule(KumaModel):
    """An inbound rule: the allow and deny lists for incoming connections."""

    default: Annotated[MeshTrafficPermissionConf | None, REQUIRED] = None


class MeshTrafficPermissionSpec(KumaModel):
    """The MeshTrafficPermission spec: which proxies (``targetRef``) and inbound ``rules``."""

    target_ref: TopLevelTargetRef | None = None
    rules: list[MeshTrafficPermissionRule] | None = None


def validate(spec: MeshTrafficPermissionSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshTrafficPermission validator (match paths omit ``.default``, as Kuma's do)."""
    v = Violations()
    validate_top_level(v, spec.target_ref, allowed=TOP_LEVEL_KINDS, inbound_policy=bool(spec.rules))
    if not spec.rules:
        v.add(SPEC, "policy must define rules")
    for i, rule in enumerate(spec.rules or []):
        conf = rule.default or MeshTrafficPermissionConf()
        if not conf.deny and not conf.allow and not conf.allow_with_shadow_deny:
            v.add(rules_path(i), "at least one of 'allow', 'allowWithShadowDeny', 'deny' has to be defined")
        for field, matches in (
            ("allow", conf.allow),
            ("allowWithShadowDeny", conf.allow_with_shadow_deny),
            ("deny", conf.deny),
        ):
            for j, match in enumerate(matches or []):
                validate_match(v, rules_path(i).field(field).index(j), match, require_one=False)
    return v.items


# --- Envoy translation ------------------------------------------------------------------------------
#
# Kuma's MeshTrafficPermission plugin (``pkg/plugins/policies/meshtrafficpermission``), fail-closed:
#
# * only proxies with a workload identity (a ready MeshIdentity selects them) are touched; without
#   one there is no mTLS and MTP does nothing;
# * every filter chain of an inbound listener whose transport socket is Kuma's TLS gets an RBAC
#   filter, also when no rule applies: its matcher then holds only ``onNoMatch`` DENY, so an mTLS
#   inbound that no MeshTrafficPermission selects refuses every client. Plain-text chains (no
#   identity, or the plain half of a Permissive inbound) get nothing;
# * the matcher lists, over all the listener's rules in order, first each rule's ``deny`` matches
#   (action DENY), then each rule's ``allow`` + ``allowWithShadowDeny`` matches (action ALLOW), so
#   deny wins whatever the policies' priorities; each action is named after the policy's KRI, and a
#   peer that matches nothing is denied by the action named ``default``. ``allowWithShadowDeny``
#   also goes into a ``shadowMatcher`` as DENY: Envoy only counts and logs what it would block;
# * chains with an HTTP connection manager get ``envoy.filters.http.rbac`` as their first HTTP
#   filter (better stats); others ``envoy.filters.network.rbac`` first in the chain, with the
#   listener's (sanitized) name and a dot as stat prefix;
# * a rule matching on SNI needs the TLS inspector on the listener.

RBAC_HTTP_FILTER = "envoy.filters.http.rbac"
RBAC_HTTP_TYPE = TYPE_PREFIX + "envoy.extensions.filters.http.rbac.v3.RBAC"
RBAC_NETWORK_FILTER = "envoy.filters.network.rbac"
RBAC_NETWORK_TYPE = TYPE_PREFIX + "envoy.extensions.filters.network.rbac.v3.RBAC"
RBAC_ACTION = "envoy.filters.rbac.action"
RBAC_ACTION_TYPE = TYPE_PREFIX + "envoy.config.rbac.v3.Action"
DEFAULT_ACTION_NAME = "default"
"""The name of the action that denies a peer no rule matched."""
TLS_INSPECTOR_FILTER = "envoy.filters.listener.tls_inspector"
TLS_INSPECTOR_TYPE = TYPE_PREFIX + "envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector"
_ILLEGAL_STAT_CHARS = re.compile(r"[^a-zA-Z_\-0-9]")


def _is_mtls_chain(chain: Mapping[str, Any]) -> bool:
    """Whether a filter chain is protected by Kuma's TLS: its transport socket is Envoy's TLS one
    (Kuma keys only off the socket's name, not off ``requireClientCertificate``)."""
    socket = chain.get("transportSocket")
    return isinstance(socket, Mapping) and socket.get("name") == TLS_TRANSPORT_SOCKET


def _action(name: str, *, deny: bool) -> dict[str, Any]:
    """An ``onMatch`` running the RBAC action ``name`` (ALLOW, the proto default, is left out)."""
    action: dict[str, Any] = {"@type": RBAC_ACTION_TYPE, "name": name}
    if deny:
        action["action"] = "DENY"
    return {"action": {"name": RBAC_ACTION, "typedConfig": action}}


def _matches(conf: Any, *fields: str) -> list[Mapping[str, Any]]:
    """The ``Match`` items of some conf fields, in field order."""
    out: list[Mapping[str, Any]] = []
    for field in fields:
        items = conf.get(field) if isinstance(conf, Mapping) else None
        if isinstance(items, list):
            out.extend(item for item in items if isinstance(item, Mapping))
    return out


def _field_matcher(matches: Sequence[Mapping[str, Any]], on_match: dict[str, Any]) -> dict[str, Any] | None:
    """One entry of a matcher list: any of ``matches`` runs ``on_match``; None for no matches.

    Matches that name neither a SPIFFE ID nor an SNI are skipped; when none is left the entry keeps
    an empty predicate, as Kuma's (the validator lets ``{}`` through for MeshTrafficPermission)."""
    if not matches:
        return None
    return {"onMatch": on_match, "predicate": matches_predicate(matches) or {}}


def _matcher(entries: Sequence[dict[str, Any] | None]) -> dict[str, Any]:
    """An xDS matcher: the entries in order, else DENY named ``default``."""
    matcher: dict[str, Any] = {}
    present = [e for e in entries if e is not None]
    if present:
        matcher["matcherList"] = {"matchers": present}
    matcher["onNoMatch"] = _action(DEFAULT_ACTION_NAME, deny=True)
    return matcher


def rbac_matchers(rules: Sequence[InboundRule]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The RBAC ``matcher`` and ``shadowMatcher`` (None when no rule has ``allowWithShadowDeny``)
    of one inbound's rules, in the order the resolver gives them."""
    named = [(rule.conf, policy_kri(KIND, rule.origin.policy)) for rule in rules]
    denies = [_field_matcher(_matches(conf, "deny"), _action(name, deny=True)) for conf, name in named]
    allows = [
        _field_matcher(_matches(conf, "allow", "allowWithShadowDeny"), _action(name, deny=False))
        for conf, name in named
    ]
    # Kuma tests the field for nil: an empty ``allowWithShadowDeny`` still makes a shadow matcher.
    shadowed = [
        _field_matcher(_matches(conf, "allowWithShadowDeny"), _action(name, deny=True))
        for conf, name in named
        if isinstance(conf, Mapping) and conf.get("allowWithShadowDeny") is not None
    ]
    shadow = _matcher(shadowed) if shadowed else None
    return _matcher([*denies, *allows]), shadow


def _rbac_config(type_url: str, matcher: dict[str, Any], shadow: dict[str, Any] | None) -> dict[str, Any]:
    config: dict[str, Any] = {"@type": type_url, "matcher": matcher}
    if shadow is not None:
        config["shadowMatcher"] = shadow
    return config


def configure_filter_chain(
    chain: dict[str, Any], stats_name: str, matcher: dict[str, Any], shadow: dict[str, Any] | None
) -> None:
    """Put the RBAC filter on one mTLS filter chain: first HTTP filter of its HTTP connection
    manager, or else first network filter."""
    managers = [f.get("typedConfig") for f in network_filters(chain, HCM_FILTER)]
    hcm = next((m for m in managers if isinstance(m, dict)), None)
    if hcm is not None:
        http_filter = {"name": RBAC_HTTP_FILTER, "typedConfig": _rbac_config(RBAC_HTTP_TYPE, matcher, shadow)}
        hcm["httpFilters"] = [http_filter, *(hcm.get("httpFilters") or [])]
        return
    config = _rbac_config(RBAC_NETWORK_TYPE, matcher, shadow)
    # The dot makes Envoy's stat "<listener>.rbac.allowed" rather than "<listener>rbac.allowed".
    config["statPrefix"] = _ILLEGAL_STAT_CHARS.sub("_", stats_name) + "."
    chain["filters"] = [{"name": RBAC_NETWORK_FILTER, "typedConfig": config}, *network_filters(chain)]


def _has_sni_match(rules: Sequence[InboundRule]) -> bool:
    return any(
        match.get("sni") is not None
        for rule in rules
        for match in _matches(rule.conf, "deny", "allow", "allowWithShadowDeny")
    )


def _ensure_tls_inspector(listener: dict[str, Any]) -> None:
    """Add the TLS inspector (SNI matching reads the ClientHello) unless the listener has one."""
    filters: list[dict[str, Any]] = listener.setdefault("listenerFilters", [])
    if not any(f.get("name") == TLS_INSPECTOR_FILTER for f in filters):
        filters.append({"name": TLS_INSPECTOR_FILTER, "typedConfig": {"@type": TLS_INSPECTOR_TYPE}})


def _listener_key(listener: Mapping[str, Any]) -> InboundListener | None:
    """The resolver's key of an inbound listener: its bind address and port."""
    address = listener.get("address")
    socket = address.get("socketAddress") if isinstance(address, Mapping) else None
    if not isinstance(socket, Mapping):
        return None
    return InboundListener(str(socket.get("address", "")), int(socket.get("portValue", 0)))


def configure_envoy(ctx: ProxyContext, rules: KindRules, resources: ProxyResources) -> None:
    """MeshTrafficPermission's Envoy translation (registered on :data:`KIND`).

    Only a proxy with a workload identity that some MeshTrafficPermission selects gets RBAC; then
    each of its mTLS inbounds allows exactly what the rules for it allow (an inbound no rule
    covers denies everyone). A proxy no permission selects accepts every authenticated peer.
    """
    if ctx.identity is None or not rules.policies:
        return
    for entry in resources.listeners(origin=Origin.INBOUND):
        key = _listener_key(entry.view)
        if key is None:
            continue
        inbound_rules = rules.inbound.get(key, ())
        # Look through the view first: ``resource`` copies a shared listener.
        if any(_is_mtls_chain(c) for c in filter_chains(entry.view)):
            for chain in filter_chains(entry.resource):
                if _is_mtls_chain(chain):
                    # Built per chain: later policies change filters in place, one chain at a time.
                    matcher, shadow = rbac_matchers(inbound_rules)
                    configure_filter_chain(chain, entry.name, matcher, shadow)
        if _has_sni_match(inbound_rules):
            _ensure_tls_inspector(entry.resource)


EXAMPLE: dict[str, Any] = {
    "targetRef": {"kind": "Dataplane", "labels": {"app": "backend"}},
    "rules": [
        {
            "default": {
                "allow": [{"spiffeID": {"type": "Exact", "value": "spiffe://default/ns/shop/sa/frontend"}}],
                "deny": [{"spiffeID": {"type": "Prefix", "value": "spiffe://default/ns/untrusted"}}],
            }
        }
    ],
}

KIND = KindDescriptor(
    name="MeshTrafficPermission",
    plural="meshtrafficpermissions",
    short_name="mtp",
    scope=Scope.MESH,
    spec_model=MeshTrafficPermissionSpec,
    validate=validate,
    description=(
        "Allows or denies incoming connections to the selected proxies by the client's SPIFFE ID or "
        "the requested SNI; deny wins, and shadow-deny only logs what it would block."
    ),
    policy=PolicyTraits(
        sections=frozenset({Section.TARGET_REF, Section.RULES}), order=1100, inbound_merge=False
    ),
    example=EXAMPLE,
    extras={ENVOY_CONFIGURER: configure_envoy},
)
