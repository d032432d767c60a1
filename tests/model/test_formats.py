"""Go-compatible string formats: govalidator's IsURL and IsFilePath, encoding/json validity."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pulumi_kuma.model.formats import _matches_url_pattern, is_file_path, is_json, is_url

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
    assert _matches_url_pattern(text) == (_REFERENCE.fullmatch(text) is not None)


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
def test_is_url(address: str, valid: bool) -> None:
    assert is_url(address) is valid


@pytest.mark.parametrize(
    ("path", "valid"),
    [
        ("/tmp/access.log", True),
        ("/", True),
        ("/var//log/", True),
        ("C:\\logs\\access.log", True),
        ("", False),
        ("access.log", False),
        ("#not_valid", False),
        ("/tmp/a\x00b", False),
        ("/tmp/access.log\n", True),  # newline is an ordinary byte in a Unix path
    ],
)
def test_is_file_path(path: str, valid: bool) -> None:
    assert is_file_path(path) is valid


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ('{"start_time": "%START_TIME%"}', True),
        ('{""": "x"}', False),
        ('{"a": "b\\"}', False),
        ('{"a": NaN}', False),
        ('{"a": "tab\there"}', False),  # control characters must be escaped
        ("[" * 100 + "]" * 100, True),
    ],
)
def test_is_json(text: str, valid: bool) -> None:
    assert is_json(text) is valid
