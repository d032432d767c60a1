"""Go's address and URL acceptance rules as Kuma's validators apply them."""

from __future__ import annotations

import time

import pytest

from pulumi_kuma.model.addresses import (
    URLError,
    is_cidr,
    is_dns_name,
    is_ip,
    is_url,
    parse_request_uri,
    parse_url,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("192.168.1.1", True),
        ("::1", True),
        ("::ffff:1.2.3.4", True),
        ("fe80::1%eth0", False),  # Go's ParseIP takes no zone
        ("01.2.3.4", False),  # no leading zeros
        ("1.2.3", False),
        ("example.com", False),
    ],
)
def test_is_ip(value: str, expected: bool) -> None:
    assert is_ip(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1.2.3.4/24", True),  # host bits may be set
        ("10.0.0.0/32", True),
        ("10.0.0.0/33", False),
        ("::/0", True),
        ("2001:db8::/129", False),
        ("1.2.3.4", False),  # the prefix length is required
        ("1.2.3.4/255.255.255.0", False),  # no netmask form
        ("1.2.3.4/+8", False),
    ],
)
def test_is_cidr(value: str, expected: bool) -> None:
    assert is_cidr(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("example.com", True),
        ("my_service.local", True),  # govalidator allows '_'
        ("trailing.dot.", True),
        ("1.2.3.4", False),  # an IP is not a DNS name
        ("hello@world", False),
        ("-leading.com", False),
        ("a" * 64 + ".com", False),
        ("", False),
    ],
)
def test_is_dns_name(value: str, expected: bool) -> None:
    assert is_dns_name(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("http://jaeger-collector.mesh-observability:9411/api/v2/spans", True),
        ("http://localhost:9411", True),
        ("localhost:9411", True),
        ("http://127.0.0.1:9411/api", True),
        ("http://[::1]:9411/api", True),
        ("https://user:secret@example.com:443/path?q=1#frag", True),
        ("http://www.example.com", True),
        ("example.com", True),
        ("not_valid_url", False),
        ("abc", False),
        ("http://exa mple.com", False),
        ("http://.example.com", False),
        ("http://a.b.c", False),  # govalidator needs a two-character label somewhere before the last dot
        ("http://host:123456", False),  # at most five port digits
        ("http://" + "a" * 2100, False),  # too long
    ],
)
def test_is_url(value: str, expected: bool) -> None:
    assert is_url(value) is expected


def test_is_url_has_no_catastrophic_backtracking() -> None:
    # govalidator's regex run by a backtracking engine takes minutes on these; ours must not.
    started = time.perf_counter()
    for body in ("a" * 2000 + "!", "a-" * 1000 + "!", "a." * 1000 + "!"):
        assert not is_url("http://" + body)
    assert time.perf_counter() - started < 5


def test_parse_request_uri_parts() -> None:
    parsed = parse_request_uri("http://user@intake.datadoghq.eu:8126/some/path?x=1")
    assert (parsed.scheme, parsed.user, parsed.host, parsed.port) == (
        "http",
        "user",
        "intake.datadoghq.eu:8126",
        "8126",
    )
    assert (parsed.path, parsed.raw_query) == ("/some/path", "x=1")
    assert parse_request_uri("sql://h:1").scheme == "sql"
    assert parse_request_uri("http://h").port == ""
    # ParseRequestURI does not split off a fragment; Parse does.
    assert parse_request_uri("http://h:1/a#b").path == "/a#b"
    assert parse_url("http://h:1/a#b").fragment == "b"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "not_valid_url",
        "relative/path",
        "http://a b",
        "http://host:8x",
        "http://[::1",
        ":foo",
        "http://h/%zz",
    ],
)
def test_parse_request_uri_rejects(value: str) -> None:
    with pytest.raises(URLError):
        parse_request_uri(value)
