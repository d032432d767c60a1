"""Kuma's ``int or decimal string`` fields (percentages, factors), checked with exact arithmetic."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def parse_decimal(value: object) -> Decimal | None:
    """The exact value of an int or a decimal string, or None when it is neither."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, str) and _DECIMAL.fullmatch(value.strip() if value else value):
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            return None
    return None
