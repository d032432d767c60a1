"""Mesh: the tenant every mesh-scoped resource lives in.

At Kuma 3.0 the Mesh spec keeps one field, ``skipCreatingInitialPolicies``; mTLS, tracing, logging,
metrics, networking, routing and constraints were removed (MeshIdentity, MeshTrust and the policies
replace them). Kuma's decoder drops those old sections silently, and so do we. Mesh is an old proto
kind: on the wire its fields sit beside ``type`` and ``name`` (no ``spec``).
"""

from __future__ import annotations

from typing import Annotated, Any

from pulumi_kuma.model.base import Doc, KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, Scope, ValidationContext

ALL_POLICIES = "*"
"""The ``skipCreatingInitialPolicies`` entry that skips every initial policy."""


class MeshSpec(KumaModel):
    """The Mesh spec (fields beside the meta on the wire)."""

    skip_creating_initial_policies: Annotated[
        list[str] | None,
        Doc(
            "Policy kinds (e.g. `MeshRetry`) whose default policies are not created with the mesh; "
            '`"*"` skips them all.'
        ),
    ] = None


def skips_initial_policy(spec: MeshSpec, kind_name: str) -> bool:
    """Whether creating ``spec``'s mesh must skip the default policy of kind ``kind_name``."""
    skipped = spec.skip_creating_initial_policies or []
    return ALL_POLICIES in skipped or kind_name in skipped


def validate(spec: MeshSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's Mesh validator.

    Kuma checks only that the (display) name is an RFC 1035 label; the meta validation does that
    for every kind with ``dns1035_name``. Entries of ``skipCreatingInitialPolicies`` are not checked:
    an unknown kind name simply matches no default policy.
    """
    return []


EXAMPLE: dict[str, Any] = {"skipCreatingInitialPolicies": ["MeshRetry"]}

KIND = KindDescriptor(
    name="Mesh",
    plural="meshes",
    short_name="m",
    scope=Scope.GLOBAL,
    spec_model=MeshSpec,
    validate=validate,
    description=(
        "A service mesh: the isolated group of data plane proxies, services and policies that every "
        "mesh-scoped resource belongs to. Creating one also creates its default policies (timeouts, "
        "circuit breaker, retries) unless `skipCreatingInitialPolicies` lists them."
    ),
    legacy_layout=True,
    dns1035_name=True,
    example=EXAMPLE,
    zone_provided=False,
)
