"""Building blocks every policy spec shares: ``to[]`` items, ``rules[]`` items, section checks."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
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


def validate_to(
    v: Violations,
    items: Sequence[To[ConfT]] | None,
    allowed: Collection[str],
    validate_conf: Callable[[Violations, FieldPath, ConfT | None], None],
) -> None:
    """Each ``to[]`` item: its targetRef (one of the ``allowed`` kinds), then its ``default`` conf."""
    for i, item in enumerate(items or []):
        validate_target_ref(v, to_path(i).field("targetRef"), item.target_ref, allowed)
        validate_conf(v, to_path(i).field("default"), item.default)


def to_path(i: int) -> FieldPath:
    return SPEC.field("to").index(i)


def rules_path(i: int) -> FieldPath:
    return SPEC.field("rules").index(i)
