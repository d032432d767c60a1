"""GlobalSecret: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, Scope, ValidationContext


class GlobalSecretSpec(KumaModel):
    """The GlobalSecret spec."""


def validate(spec: GlobalSecretSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's GlobalSecret validator."""
    return []


KIND = KindDescriptor(
    name="GlobalSecret",
    plural="globalsecrets",
    short_name=None,
    scope=Scope.GLOBAL,
    spec_model=GlobalSecretSpec,
    validate=validate,
    description="GlobalSecret.",
    legacy_layout=True,
    admin_only=True,
    path_aliases=("global-secrets",),
)
