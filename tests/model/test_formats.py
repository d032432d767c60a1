"""Go-compatible string formats: govalidator's IsFilePath and encoding/json validity."""

from __future__ import annotations

import pytest

from pulumi_kuma.model.formats import is_file_path, is_json


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
