"""Name and label rules (Kubernetes' validators, whose messages Kuma returns verbatim).

Addresses and host names that Kuma checks with Go's ``net`` or govalidator (``IsIP``,
``IsDNSName``) are in :mod:`pulumi_kuma.model.addresses`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.path import FieldPath

_DNS1123_LABEL = r"[a-z0-9]([-a-z0-9]*[a-z0-9])?"
_DNS1123_SUBDOMAIN = _DNS1123_LABEL + r"(\." + _DNS1123_LABEL + r")*"
_DNS1035_LABEL = r"[a-z]([-a-z0-9]*[a-z0-9])?"
_QUALIFIED_NAME = r"([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
_LABEL_VALUE = r"(" + _QUALIFIED_NAME + r")?"

_DNS1123_LABEL_RE = re.compile(_DNS1123_LABEL)
DNS1123_SUBDOMAIN_RE = re.compile(_DNS1123_SUBDOMAIN)
"""Kubernetes' RFC 1123 subdomain pattern (use with ``fullmatch``)."""
_DNS1035_LABEL_RE = re.compile(_DNS1035_LABEL)
_QUALIFIED_NAME_RE = re.compile(_QUALIFIED_NAME)
_LABEL_VALUE_RE = re.compile(_LABEL_VALUE)

DNS1123_SUBDOMAIN_MESSAGE = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
    "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
    f"validation is '{_DNS1123_SUBDOMAIN}')"
)
DNS1123_LABEL_MESSAGE = (
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
    "start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
    f"validation is '{_DNS1123_LABEL}')"
)
DNS1035_LABEL_MESSAGE = (
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
    "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', "
    f"regex used for validation is '{_DNS1035_LABEL}')"
)
_QUALIFIED_NAME_MESSAGE = (
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation "
    f"is '{_QUALIFIED_NAME}')"
)
_LABEL_VALUE_MESSAGE = (
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
    "and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or "
    f"'12345', regex used for validation is '{_LABEL_VALUE}')"
)


def _length_and_pattern_errors(
    value: str, max_length: int, pattern: re.Pattern[str], message: str
) -> list[str]:
    errors = []
    if len(value) > max_length:
        errors.append(f"must be no more than {max_length} characters")
    if not pattern.fullmatch(value):
        errors.append(message)
    return errors


def dns1123_subdomain_errors(value: str) -> list[str]:
    """Kubernetes ``IsDNS1123Subdomain``: at most 253 characters of lowercase DNS labels."""
    return _length_and_pattern_errors(value, 253, DNS1123_SUBDOMAIN_RE, DNS1123_SUBDOMAIN_MESSAGE)


def dns1123_label_errors(value: str) -> list[str]:
    """Kubernetes ``IsDNS1123Label``."""
    return _length_and_pattern_errors(value, 63, _DNS1123_LABEL_RE, DNS1123_LABEL_MESSAGE)


def dns1035_label_errors(value: str) -> list[str]:
    """Kubernetes ``IsDNS1035Label``: at most 63 characters, starts with a letter."""
    return _length_and_pattern_errors(value, 63, _DNS1035_LABEL_RE, DNS1035_LABEL_MESSAGE)


def qualified_name_errors(value: str) -> list[str]:
    """Kubernetes ``IsQualifiedName`` (label keys): ``[prefix/]name``."""
    parts = value.split("/")
    if len(parts) == 1:
        name = parts[0]
        errors: list[str] = []
    elif len(parts) == 2:
        prefix, name = parts
        if not prefix:
            errors = ["prefix part must be non-empty"]
        else:
            errors = ["prefix part " + e for e in dns1123_subdomain_errors(prefix)]
    else:
        return [
            "a valid label key "
            + _QUALIFIED_NAME_MESSAGE
            + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
        ]
    if not name:
        errors.append("name part must be non-empty")
    elif len(name) > 63:
        errors.append("name part must be no more than 63 characters")
    if not _QUALIFIED_NAME_RE.fullmatch(name):
        errors.append("name part " + _QUALIFIED_NAME_MESSAGE)
    return errors


def label_value_errors(value: str) -> list[str]:
    """Kubernetes ``IsValidLabelValue``."""
    return _length_and_pattern_errors(value, 63, _LABEL_VALUE_RE, _LABEL_VALUE_MESSAGE)


@lru_cache(maxsize=4096)
def _label_messages(key: str, value: str) -> tuple[str, ...]:
    # Every resource carries labels and most reuse a few keys and values: keep recent answers.
    return (
        *(f"label key {message}" for message in qualified_name_errors(key)),
        *(f"label value {message}" for message in label_value_errors(value)),
    )


def validate_labels(labels: dict[str, str] | None, path: FieldPath) -> list[Violation]:
    """Label keys must be qualified names and values valid label values (``labels["k"]``)."""
    violations: list[Violation] = []
    for key, value in (labels or {}).items():
        messages = _label_messages(key, value if isinstance(value, str) else str(value))
        if messages:
            field = str(path.key(key))
            violations.extend(Violation(field, message) for message in messages)
    return violations
