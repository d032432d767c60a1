"""Dataplane: TODO(foundation) model and validator; this module is a placeholder being filled in."""

from __future__ import annotations

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, Scope, ValidationContext


class DataplaneSpec(KumaModel):
    """The Dataplane spec."""


def validate(spec: DataplaneSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's Dataplane validator."""
    return []


KIND = KindDescriptor(
    name="Dataplane",
    plural="dataplanes",
    short_name="dp",
    scope=Scope.MESH,
    spec_model=DataplaneSpec,
    validate=validate,
    description="Dataplane.",
    legacy_layout=True,
    global_provided=False,
)
