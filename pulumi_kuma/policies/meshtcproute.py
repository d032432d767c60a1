"""MeshTCPRoute: where TCP connections to a destination go, split by weight across backends.

Each ``to[]`` item names a destination and at most one rule whose ``backendRefs`` receive the
connections. Merging (``notes/kuma-policy-spec.md`` §3.11): the item's conf is that rule (or, with
no rule, the destination itself with weight 1); the highest-priority route's backend list wins.
For HTTP destinations a MeshHTTPRoute, when one applies, takes precedence.
"""

from __future__ import annotations

from typing import Annotated, Any

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
)
