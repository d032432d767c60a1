"""A small builder that validators append to, so each rule reads as one line."""

from __future__ import annotations

from collections.abc import Iterable

from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.path import FieldPath


class Violations:
    """An ordered list of violations being collected by a validator."""

    __slots__ = ("items",)

    def __init__(self) -> None:
        self.items: list[Violation] = []

    def add(self, path: FieldPath | str, message: str) -> None:
        self.items.append(Violation(str(path), message))

    def extend(self, violations: Iterable[Violation]) -> None:
        self.items.extend(violations)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)
