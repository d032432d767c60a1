"""Go's address and URL acceptance rules as Kuma's validators apply them."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pulumi_kuma.model.addresses import (
    URLError,
    _matches_url_expression,
    is_cidr,
    is_dns_name,
    is_ip,
    is_ip_or_dns_name,
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


# govalidator's URL expression as published, with Go's ASCII-only \s spelled out. Python's
# backtracking engine can run it on short inputs only; it is the reference for the fast matcher.
_IP = (
    r"(([0-9a-fA-F]{1,4}:){7,7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:"
    r"[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}"
    r"(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:)"
    r"{1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|:((:[0-9a-fA-F]{1,4})"
    r"{1,7}|:)|fe80:(:[0-9a-fA-F]{0,4}){0,4}%[0-9a-zA-Z]{1,}|::(ffff(:0{1,4}){0,1}:){0,1}((25[0-5]|"
    r"(2[0-4]|1{0,1}[0-9]){0,1}[0-9])\.){3,3}(25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9])|([0-9a-fA-F]"
    r"{1,4}:){1,4}:((25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9])\.){3,3}(25[0-5]|(2[0-4]|1{0,1}[0-9])"
    r"{0,1}[0-9]))"
)
_NOT_SPACE = r"[^\t\n\f\r ]"
_URL_IP = (
    r"([1-9]\d?|1\d\d|2[01]\d|22[0-3]|24\d|25[0-5])(\.(\d{1,2}|1\d\d|2[0-4]\d|25[0-5])){2}"
    r"(?:\.([0-9]\d?|1\d\d|2[0-4]\d|25[0-5]))"
)
_SUBDOMAIN = r"((www\.)|([a-zA-Z0-9]+([-_\.]?[a-zA-Z0-9])*[a-zA-Z0-9]\.[a-zA-Z0-9]+))"
_REFERENCE = re.compile(
    rf"((ftp|tcp|udp|wss?|https?):\/\/)?({_NOT_SPACE}+(:{_NOT_SPACE}*)?@)?(({_URL_IP}|(\[{_IP}\])|"
    rf"(([a-zA-Z0-9]([a-zA-Z0-9-_]+)?[a-zA-Z0-9]([-\.][a-zA-Z0-9]+)*)|({_SUBDOMAIN}?))?"
    r"(([a-zA-Z\u00a1-\uffff0-9]+-?-?)*[a-zA-Z\u00a1-\uffff0-9]+)(?:\.([a-zA-Z\u00a1-\uffff]{1,}))?))"
    rf"\.?(:(\d{{1,5}}))?((\/|\?|#){_NOT_SPACE}*)?",
    re.ASCII,
)

_PIECES = [*"ab1Z-_.:/@?# é", "www.", "tcp://", "user@", ":5000", "255.1.0.0", "[::1]", "---", ".com"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=7).map("".join))
def test_url_pattern_matcher_agrees_with_govalidators_expression(text: str) -> None:
    assert _matches_url_expression(text) == (_REFERENCE.fullmatch(text) is not None)


@pytest.mark.parametrize(
    ("address", "valid"),
    [
        ("127.0.0.1:5000", True),
        ("logs.com:514", True),
        ("http://logs.com", True),
        ("google.com", True),
        ("tcp://10.0.0.1:9000", True),
        ("[::1]:514", True),
        ("http://user:pw@host.com/x?y#z", True),
        ("not_valid_url", False),  # no host, and a path without a dot
        ("localhost", False),
        (".logs.com", False),
        ("a b.com", False),
        ("[1.2.3.4]:80", False),  # brackets hold IPv6 only
        ("logs.com:99999999", False),  # Go rejects the port while parsing
        ("http://logs.com/%zz", False),  # bad escape
        ("abc", False),  # too short
        ("a" * 2000 + "!", False),  # would take hours with a backtracking engine
        ("a-" * 1000 + "!", False),
    ],
)
def test_is_url_access_log_addresses(address: str, valid: bool) -> None:
    assert is_url(address) is valid


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


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("10.0.0.1", True),
        ("::1", True),
        ("otel-collector.observability", True),
        ("my_host", True),
        ("bad host", False),
        ("", False),
    ],
)
def test_is_ip_or_dns_name(value: str, expected: bool) -> None:
    assert is_ip_or_dns_name(value) is expected


@pytest.mark.parametrize(
    "value",
    [
        "http://[fe80::1%25en0]:80/x",  # RFC 6874 zone
        "http://[fe80::1%25en%30]/",  # a zone may escape what a host may hold unescaped
        "http://[::ffff:1.2.3.4]/",  # IPv4-mapped IPv6 is IPv6
    ],
)
def test_parse_url_accepts_ip_literals(value: str) -> None:
    parse_url(value)


@pytest.mark.parametrize(
    "value",
    [
        "http://[1.2.3.4]/",  # brackets hold IPv6 only (Go >= 1.25.2)
        "http://[example.com]/",
        "http://[::1%25]/",  # an empty zone
        "http://[fe80::1%25%0A]/",  # a zone must not escape a newline into being
        "http://[::1%41]/",  # '%' outside the zone escapes an ASCII byte
        "*#%zz",  # the fragment is unescaped even after "*"
    ],
)
def test_parse_url_rejects(value: str) -> None:
    with pytest.raises(URLError):
        parse_url(value)


def test_lone_surrogates_read_as_go_reads_them() -> None:
    # Go's JSON decoder turns a lone surrogate into U+FFFD (three bytes); the checks must not raise.
    assert is_url("http://\ud800.com") is is_url("http://\ufffd.com")
    assert is_url("\ud800\ud800") is False
    assert parse_url("http://h.com/\ud800").host == "h.com"
