"""Secret: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, Scope, ValidationContext


class SecretSpec(KumaModel):
    """The Secret spec."""


def validate(spec: SecretSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's Secret validator."""
    return []


KIND = KindDescriptor(
    name="Secret",
    plural="secrets",
    short_name=None,
    scope=Scope.MESH,
    spec_model=SecretSpec,
    validate=validate,
    description="Secret.",
    legacy_layout=True,
    admin_only=True,
)
