"""The Kuma resource model: envelope, targetRefs, durations, schema, registry types, errors."""

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.model.errors import KumaError, UnknownKind, ValidationFailed, Violation
from pulumi_kuma.model.path import FieldPath
from pulumi_kuma.model.registry import (
    DestinationTraits,
    KindDescriptor,
    PolicyTraits,
    Registry,
    Scope,
    Section,
)

__all__ = [
    "DestinationTraits",
    "FieldPath",
    "KindDescriptor",
    "KumaError",
    "KumaModel",
    "PolicyTraits",
    "Registry",
    "ResourceObject",
    "Scope",
    "Section",
    "UnknownKind",
    "ValidationFailed",
    "Violation",
]
