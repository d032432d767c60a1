"""Violations and the exception hierarchy shared by every layer.

Validation never raises: it returns a list of :class:`Violation`. Callers that need an exception
(the REST API, the provider) wrap that list in :class:`ValidationFailed`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Violation:
    """One thing wrong with a resource: Kuma's field path and a message saying what is allowed."""

    field: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class KumaError(Exception):
    """Base class of every error pulumi_kuma raises on purpose."""


class ValidationFailed(KumaError):
    """A resource did not pass validation; ``violations`` says where and why."""

    def __init__(self, violations: list[Violation], subject: str = "resource") -> None:
        self.violations = list(violations)
        self.subject = subject
        lines = "\n".join(f"  {v}" for v in self.violations)
        super().__init__(f"{subject} is not valid:\n{lines}")


class UnknownKind(KumaError):
    """A document names a ``type`` that no registered kind has."""

    def __init__(self, kind: object, known: list[str]) -> None:
        self.kind = kind
        super().__init__(f"unknown resource type {kind!r}; known types: {', '.join(sorted(known))}")
