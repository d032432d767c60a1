"""HostnameGenerator: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, Scope, ValidationContext


class HostnameGeneratorSpec(KumaModel):
    """The HostnameGenerator spec."""


def validate(spec: HostnameGeneratorSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's HostnameGenerator validator."""
    return []


KIND = KindDescriptor(
    name="HostnameGenerator",
    plural="hostnamegenerators",
    short_name="hg",
    scope=Scope.GLOBAL,
    spec_model=HostnameGeneratorSpec,
    validate=validate,
    description="HostnameGenerator.",
)
