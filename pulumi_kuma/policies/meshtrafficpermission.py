"""MeshTrafficPermission: which clients may reach a proxy's inbounds, by SPIFFE ID or SNI."""

from __future__ import annotations

from typing import Annotated, Any

from pulumi_kuma.model.base import REQUIRED, KumaModel
from pulumi_kuma.model.common import TOP_LEVEL_KINDS, Match, TopLevelTargetRef, validate_match
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.path import SPEC
from pulumi_kuma.model.policy import rules_path, validate_top_level
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext
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
)
