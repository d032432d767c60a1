"""Go duration strings (``1h2m3.5s``, ``250ms``), as Kuma's API accepts them.

Kuma stores durations as Go ``time.Duration`` and re-renders them (``111s`` becomes ``1m51s``).
We keep what the user wrote and compare by value: :func:`parse_duration` gives nanoseconds.
"""

from __future__ import annotations

import re
from functools import lru_cache

_UNITS_NS: dict[str, int] = {
    "ns": 1,
    "us": 1_000,
    "\u00b5s": 1_000,  # micro sign
    "\u03bcs": 1_000,  # Greek mu
    "ms": 1_000_000,
    "s": 1_000_000_000,
    "m": 60 * 1_000_000_000,
    "h": 3600 * 1_000_000_000,
}
_PART = re.compile(r"(\d*)(?:\.(\d*))?([a-z\u00b5\u03bc]*)")
_MAX_NS = (1 << 63) - 1


class InvalidDuration(ValueError):
    """The text is not a Go duration."""


def parse_duration(text: str) -> int:
    """Parse a Go duration into integer nanoseconds, or raise :class:`InvalidDuration`."""
    if not isinstance(text, str):
        raise InvalidDuration(f"time: invalid duration {text!r}")
    return _parse_duration_text(text)


@lru_cache(maxsize=4096)
def _parse_duration_text(text: str) -> int:
    # Pure, and called for every duration of every resource (most say "1s" or "10s"): recent
    # answers are kept. Errors are not cached; they are raised again.
    original = text
    negative = False
    if text[:1] in ("+", "-"):
        negative = text[0] == "-"
        text = text[1:]
    if text == "0":
        return 0
    if not text:
        raise InvalidDuration(f'time: invalid duration "{original}"')
    total = 0
    pos = 0
    while pos < len(text):
        match = _PART.match(text, pos)
        if match is None or match.end() == pos:
            raise InvalidDuration(f'time: invalid duration "{original}"')
        whole, frac, unit = match.group(1), match.group(2), match.group(3)
        if not whole and not frac:
            raise InvalidDuration(f'time: invalid duration "{original}"')
        if not unit:
            raise InvalidDuration(f'time: missing unit in duration "{original}"')
        scale = _UNITS_NS.get(unit)
        if scale is None:
            raise InvalidDuration(f'time: unknown unit "{unit}" in duration "{original}"')
        value = int(whole or "0") * scale
        if frac:
            value += int(frac) * scale // (10 ** len(frac))
        total += value
        if total > _MAX_NS:
            raise InvalidDuration(f'time: invalid duration "{original}"')
        pos = match.end()
    return -total if negative else total


def is_duration(text: object) -> bool:
    """True when ``text`` is a string Go's ``time.ParseDuration`` accepts."""
    if not isinstance(text, str):
        return False
    try:
        parse_duration(text)
    except InvalidDuration:
        return False
    return True


def _fraction(value: int, digits: int) -> str:
    """Render ``value / 10**digits`` the way Go does: trailing zeros dropped."""
    whole, frac = divmod(value, 10**digits)
    text = str(whole)
    if frac:
        text += "." + str(frac).rjust(digits, "0").rstrip("0")
    return text


def format_duration(nanoseconds: int) -> str:
    """Render nanoseconds as Go's ``Duration.String()`` does (``1h0m0s``, ``1.5s``, ``250ms``)."""
    if nanoseconds == 0:
        return "0s"
    sign = "-" if nanoseconds < 0 else ""
    ns = abs(nanoseconds)
    if ns < 1_000:
        return f"{sign}{ns}ns"
    if ns < 1_000_000:
        return f"{sign}{_fraction(ns, 3)}\u00b5s"
    if ns < 1_000_000_000:
        return f"{sign}{_fraction(ns, 6)}ms"
    hours, rest = divmod(ns, 3600 * 1_000_000_000)
    minutes, rest = divmod(rest, 60 * 1_000_000_000)
    seconds = _fraction(rest, 9) + "s"
    if hours:
        return f"{sign}{hours}h{minutes}m{seconds}"
    if minutes:
        return f"{sign}{minutes}m{seconds}"
    return f"{sign}{seconds}"


def seconds(text: str) -> float:
    """A duration in (float) seconds, for Envoy fields."""
    return parse_duration(text) / 1_000_000_000


def normalize_duration(text: str) -> str:
    """Go's canonical rendering of a duration string (for comparing by value)."""
    return format_duration(parse_duration(text))
