"""Name and label rules (Kubernetes' validators, whose messages Kuma returns verbatim)."""

from __future__ import annotations

import ipaddress
import re

from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.path import FieldPath

_DNS1123_LABEL = r"[a-z0-9]([-a-z0-9]*[a-z0-9])?"
_DNS1123_SUBDOMAIN = _DNS1123_LABEL + r"(\." + _DNS1123_LABEL + r")*"
_DNS1035_LABEL = r"[a-z]([-a-z0-9]*[a-z0-9])?"
_QUALIFIED_NAME = r"([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
_LABEL_VALUE = r"(" + _QUALIFIED_NAME + r")?"

_DNS1123_LABEL_RE = re.compile(_DNS1123_LABEL)
_DNS1123_SUBDOMAIN_RE = re.compile(_DNS1123_SUBDOMAIN)
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


def dns1123_subdomain_errors(value: str) -> list[str]:
    """Kubernetes ``IsDNS1123Subdomain``: at most 253 characters of lowercase DNS labels."""
    errors = []
    if len(value) > 253:
        errors.append("must be no more than 253 characters")
    if not _DNS1123_SUBDOMAIN_RE.fullmatch(value):
        errors.append(DNS1123_SUBDOMAIN_MESSAGE)
    return errors


def dns1123_label_errors(value: str) -> list[str]:
    """Kubernetes ``IsDNS1123Label``."""
    errors = []
    if len(value) > 63:
        errors.append("must be no more than 63 characters")
    if not _DNS1123_LABEL_RE.fullmatch(value):
        errors.append(DNS1123_LABEL_MESSAGE)
    return errors


def dns1035_label_errors(value: str) -> list[str]:
    """Kubernetes ``IsDNS1035Label``: at most 63 characters, starts with a letter."""
    errors = []
    if len(value) > 63:
        errors.append("must be no more than 63 characters")
    if not _DNS1035_LABEL_RE.fullmatch(value):
        errors.append(DNS1035_LABEL_MESSAGE)
    return errors


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
    errors = []
    if len(value) > 63:
        errors.append("must be no more than 63 characters")
    if not _LABEL_VALUE_RE.fullmatch(value):
        errors.append(_LABEL_VALUE_MESSAGE)
    return errors


def validate_labels(labels: dict[str, str] | None, path: FieldPath) -> list[Violation]:
    """Label keys must be qualified names and values valid label values (``labels["k"]``)."""
    violations: list[Violation] = []
    for key, value in (labels or {}).items():
        for message in qualified_name_errors(key):
            violations.append(Violation(str(path.key(key)), f"label key {message}"))
        for message in label_value_errors(value if isinstance(value, str) else str(value)):
            violations.append(Violation(str(path.key(key)), f"label value {message}"))
    return violations


def is_dns_name(value: str) -> bool:
    """True for an RFC 1123 hostname (labels of letters, digits and '-', case-insensitive)."""
    if not value or len(value) > 253:
        return False
    return all(
        0 < len(label) <= 63 and re.fullmatch(r"[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?", label)
        for label in value.rstrip(".").split(".")
    )


# govalidator's DNS name: labels of letters, digits, '_' and '-' (not starting with '-'), at most
# 63 characters each, an optional trailing '.' or '_'. Looser than RFC 1123; Kuma uses it for
# addresses (Dataplane, MeshZoneAddress, MeshExternalService endpoints, OpenTelemetry backends).
_GOVALIDATOR_DNS_NAME_RE = re.compile(
    r"([a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})(\.[a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})*[._]?"
)


def is_ip(value: str) -> bool:
    """True for an IPv4 or IPv6 address as Go's ``net.ParseIP`` accepts it (no zone suffix)."""
    if "%" in value:
        return False
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def is_domain_name(value: str) -> bool:
    """True for a domain name that is not an IP address (Kuma's ``govalidator.IsDNSName``)."""
    if not value or len(value.replace(".", "")) > 255 or is_ip(value):
        return False
    return _GOVALIDATOR_DNS_NAME_RE.fullmatch(value) is not None


def is_ip_or_domain_name(value: str) -> bool:
    """True for an IP address or a domain name (Kuma's ``govalidator.IsIP || IsDNSName`` check)."""
    return is_ip(value) or is_domain_name(value)
