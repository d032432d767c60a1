"""Kuma's error document (Kong AIP-193 with the legacy ``details``/``causes`` copies)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pulumi_kuma.model.errors import KumaError, Violation

NOT_VALID = "Resource is not valid"


class ApiError(KumaError):
    """An HTTP error the API answers with Kuma's JSON error document."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str,
        invalid_parameters: Iterable[Violation] = (),
    ) -> None:
        self.status = status
        self.title = title
        self.detail = detail
        self.invalid_parameters = list(invalid_parameters)
        super().__init__(f"{status} {title}: {detail}")

    def document(self) -> dict[str, Any]:
        """The JSON body: ``type``, ``status``, ``title``, ``detail``, parameters and legacy copies."""
        doc: dict[str, Any] = {
            "type": "/std-errors",
            "status": self.status,
            "title": self.title,
            "detail": self.detail,
        }
        if self.invalid_parameters:
            doc["invalid_parameters"] = [
                {"field": v.field, "reason": v.message} for v in self.invalid_parameters
            ]
        doc["details"] = self.detail
        if self.invalid_parameters:
            doc["causes"] = [{"field": v.field, "message": v.message} for v in self.invalid_parameters]
        return doc


def invalid(title: str, violations: Iterable[Violation]) -> ApiError:
    """400 "Resource is not valid" with one invalid parameter per violation."""
    return ApiError(400, title, NOT_VALID, violations)


def bad_request(detail: str) -> ApiError:
    """400 "Bad Request": input that could not even be decoded."""
    return ApiError(400, "Bad Request", detail)


def not_found(title: str) -> ApiError:
    """404 with Kuma's "Not found" detail."""
    return ApiError(404, title, "Not found")


def method_not_allowed() -> ApiError:
    """405 for writes to a read-only control plane or a read-only kind."""
    return ApiError(405, "Method not Allowed", "Method not allowed")
