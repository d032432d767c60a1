"""Go duration parsing and rendering."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pulumi_kuma.model.duration import (
    InvalidDuration,
    format_duration,
    normalize_duration,
    parse_duration,
)

S = 1_000_000_000


@pytest.mark.parametrize(
    ("text", "ns"),
    [
        ("0", 0),
        ("0s", 0),
        ("1s", S),
        ("1.5s", 3 * S // 2),
        ("250ms", 250_000_000),
        ("1h2m3.5s", 3723 * S + S // 2),
        ("100us", 100_000),
        ("100\u00b5s", 100_000),
        ("-2m", -120 * S),
        ("+3ns", 3),
        (".5s", S // 2),
        ("1h30m", 5400 * S),
    ],
)
def test_parse(text: str, ns: int) -> None:
    assert parse_duration(text) == ns


@pytest.mark.parametrize("text", ["", "1", "s", "1x", "1.s.", "1 s", "--1s", ".s", "1h-2m"])
def test_invalid(text: str) -> None:
    with pytest.raises(InvalidDuration):
        parse_duration(text)


@pytest.mark.parametrize(
    ("ns", "text"),
    [
        (0, "0s"),
        (111 * S, "1m51s"),
        (3600 * S, "1h0m0s"),
        (S // 2, "500ms"),
        (1500, "1.5\u00b5s"),
        (42, "42ns"),
        (3723 * S + S // 2, "1h2m3.5s"),
        (-90 * S, "-1m30s"),
    ],
)
def test_format_like_go(ns: int, text: str) -> None:
    assert format_duration(ns) == text


def test_normalize_compares_by_value() -> None:
    assert normalize_duration("111s") == normalize_duration("1m51s") == "1m51s"


@given(st.integers(min_value=-(2**62), max_value=2**62))
def test_format_parse_round_trip(ns: int) -> None:
    assert parse_duration(format_duration(ns)) == ns
