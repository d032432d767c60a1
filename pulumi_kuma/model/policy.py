"""Building blocks every policy spec shares: ``to[]`` items, ``rules[]`` items, section checks."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from pulumi_kuma.model.base import REQUIRED, KumaModel
from pulumi_kuma.model.common import OutboundTargetRef, TopLevelTargetRef, validate_target_ref
from pulumi_kuma.model.path import SPEC, FieldPath
from pulumi_kuma.model.violations import Violations

ConfT = TypeVar("ConfT", bound=KumaModel)


class To(KumaModel, Generic[ConfT]):
    """One outbound entry: the destinations (``targetRef``) and the conf applied to them."""

    target_ref: Annotated[OutboundTargetRef | None, REQUIRED] = None
    default: ConfT | None = None


class Rule(KumaModel, Generic[ConfT]):
    """One inbound rule without matches: the conf applied to all incoming traffic."""

    default: ConfT | None = None


def validate_top_level(
    v: Violations, target_ref: TopLevelTargetRef | None, *, allowed: tuple[str, ...], inbound_policy: bool
) -> None:
    """The top-level targetRef (absent means Mesh, and is not validated)."""
    if target_ref is not None:
        validate_target_ref(v, SPEC.field("targetRef"), target_ref, allowed, inbound_policy=inbound_policy)


def to_path(i: int) -> FieldPath:
    return SPEC.field("to").index(i)


def rules_path(i: int) -> FieldPath:
    return SPEC.field("rules").index(i)
