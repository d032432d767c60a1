"""Kuma's generic validator message formats (``pkg/core/validators``), as functions.

Kuma builds many messages from the same few templates; reproducing them in one place keeps every
kind's wording identical to kuma-cp's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

MUST_BE_DEFINED = "must be defined"
MUST_NOT_BE_EMPTY = "must not be empty"
MUST_BE_SET = "must be set"
MUST_NOT_BE_SET = "must not be set"
PORT_MESSAGE = "port must be a valid (1-65535)"


def go_quote(text: str) -> str:
    """Go's ``%q`` for printable text (a JSON string literal)."""
    return json.dumps(text, ensure_ascii=False)


def must_be_one_of(entity: str, allowed: Iterable[str]) -> str:
    """``<entity> must be one of: a, b`` (Kuma's ``MustBeOneOf``)."""
    return f"{entity} must be one of: {', '.join(allowed)}"


def field_must_be_one_of(field: str, allowed: Iterable[str]) -> str:
    """``"<field>" must be one of ["a", "b"]`` (Kuma's ``MakeFieldMustBeOneOfErr``)."""
    return f"{go_quote(field)} must be one of [{', '.join(go_quote(a) for a in allowed)}]"


def valid_port(value: int | None) -> bool:
    """Kuma's ``ValidatePort``: 1..65535 (an absent port is 0)."""
    return value is not None and 1 <= value <= 65535
