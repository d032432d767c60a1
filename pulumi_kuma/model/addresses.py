"""Address and URL checks with the exact acceptance rules of the Go libraries Kuma validates with.

Kuma's validators call Go's ``net.ParseIP`` / ``net.ParseCIDR``, ``net/url`` (``Parse`` and
``ParseRequestURI``) and ``govalidator`` (``IsDNSName``, ``IsURL``). What they accept differs from
Python's ``ipaddress`` and ``urllib.parse`` in many small ways, so this module restates those rules.

``govalidator.IsURL`` is one large regular expression that Go runs in linear time; Python's
backtracking engine takes exponential time on it for inputs like ``http://aaaa…!``. We match the
same language by splitting the URL into its parts and checking each with unambiguous patterns.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

# --- net.ParseIP / net.ParseCIDR ------------------------------------------------------------------


def is_ip(value: str) -> bool:
    """Go's ``net.ParseIP(value) != nil``: IPv4 dotted decimal or IPv6, no zone."""
    if "%" in value:
        return False
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def is_cidr(value: str) -> bool:
    """Go's ``net.ParseCIDR``: an IP address, ``/`` and a decimal prefix length within its size."""
    address, slash, prefix = value.partition("/")
    if not slash or not prefix.isascii() or not prefix.isdigit() or not is_ip(address):
        return False
    bits = 32 if ipaddress.ip_address(address).version == 4 else 128
    return int(prefix) <= bits


# --- govalidator.IsDNSName ------------------------------------------------------------------------

_DNS_NAME = re.compile(r"([a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})(\.[a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})*[._]?")


def is_dns_name(value: str) -> bool:
    """govalidator's ``IsDNSName``: labels of letters, digits, ``_`` and ``-``; not an IP address."""
    if not value or len(value.replace(".", "")) > 255:
        return False
    return not is_ip(value) and _DNS_NAME.fullmatch(value) is not None


# --- net/url --------------------------------------------------------------------------------------


class URLError(ValueError):
    """Go's ``net/url`` would refuse this URL."""


@dataclass(frozen=True, slots=True)
class GoURL:
    """The parts of a URL as Go's ``net/url.URL`` holds them (host and path unescaped)."""

    scheme: str = ""
    opaque: str = ""
    user: str | None = None
    host: str = ""
    path: str = ""
    raw_query: str = ""
    fragment: str = ""

    @property
    def port(self) -> str:
        """``URL.Port()``: the digits after the host's last colon, or ""."""
        colon = self.host.rfind(":")
        if colon != -1 and _valid_optional_port(self.host[colon:]):
            return self.host[colon + 1 :]
        return ""


_HOST_SAFE = set("!$&'()*+,;=:[]<>\"-_.~")
_USERINFO_SAFE = set("-._:~!$&'()*+,;=%@")
_PLAIN_HOST = re.compile(r"[A-Za-z0-9!$&'()*+,;=:\[\]<>\"\-_.~\x80-\U0010ffff]*")


def _is_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _valid_optional_port(port: str) -> bool:
    if port == "":
        return True
    return port[0] == ":" and all("0" <= c <= "9" for c in port[1:])


def _unescape(text: str, *, host: bool = False) -> str:
    """Percent-decoding as ``net/url`` does it, with its errors for bad escapes and host bytes."""
    if "%" not in text and (not host or _PLAIN_HOST.fullmatch(text)):
        return text
    out = bytearray()
    raw = text.encode()
    i = 0
    while i < len(raw):
        byte = raw[i]
        if byte == 0x25:  # '%'
            pair = raw[i + 1 : i + 3]
            if len(pair) < 2 or not all(chr(b) in "0123456789abcdefABCDEF" for b in pair):
                raise URLError(f"invalid URL escape {raw[i : i + 3].decode(errors='replace')!r}")
            if host and int(pair[:1], 16) < 8 and raw[i : i + 3] != b"%25":
                raise URLError("invalid URL escape in host")
            out.append(int(pair, 16))
            i += 3
            continue
        if host and byte < 0x80 and not (_is_alnum(chr(byte)) or chr(byte) in _HOST_SAFE):
            raise URLError(f"invalid character {chr(byte)!r} in host name")
        out.append(byte)
        i += 1
    return out.decode(errors="replace")


def _split_scheme(raw: str) -> tuple[str, str]:
    for i, ch in enumerate(raw):
        if ch.isascii() and ch.isalpha():
            continue
        if ch.isascii() and (ch.isdigit() or ch in "+-."):
            if i == 0:
                return "", raw
            continue
        if ch == ":":
            if i == 0:
                raise URLError("missing protocol scheme")
            return raw[:i], raw[i + 1 :]
        return "", raw
    return "", raw


def _parse_host(host: str) -> str:
    if host.startswith("["):
        end = host.rfind("]")
        if end < 0:
            raise URLError("missing ']' in host")
        if not _valid_optional_port(host[end + 1 :]):
            raise URLError(f"invalid port {host[end + 1 :]!r} after host")
    else:
        colon = host.rfind(":")
        if colon != -1 and not _valid_optional_port(host[colon:]):
            raise URLError(f"invalid port {host[colon:]!r} after host")
    return _unescape(host, host=True)


def _parse(raw: str, *, via_request: bool) -> GoURL:
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in raw):
        raise URLError("invalid control character in URL")
    if raw == "" and via_request:
        raise URLError("empty url")
    if raw == "*":
        return GoURL(path="*")
    scheme, rest = _split_scheme(raw)
    scheme = scheme.lower()
    if rest.endswith("?") and rest.count("?") == 1:
        rest, query = rest[:-1], ""
    else:
        rest, _, query = rest.partition("?")
    if not rest.startswith("/"):
        if scheme:
            return GoURL(scheme=scheme, opaque=rest, raw_query=query)
        if via_request:
            raise URLError("invalid URI for request")
        if ":" in rest.partition("/")[0]:
            raise URLError("first path segment in URL cannot contain colon")
    user: str | None = None
    host = ""
    if (scheme or (not via_request and not rest.startswith("///"))) and rest.startswith("//"):
        authority, slash, path_rest = rest[2:].partition("/")
        rest = slash + path_rest
        at = authority.rfind("@")
        host = _parse_host(authority[at + 1 :])
        if at >= 0:
            userinfo = authority[:at]
            if not all(_is_alnum(c) or c in _USERINFO_SAFE for c in userinfo):
                raise URLError("net/url: invalid userinfo")
            user = _unescape(userinfo)
    return GoURL(scheme=scheme, user=user, host=host, path=_unescape(rest), raw_query=query)


def parse_url(raw: str) -> GoURL:
    """Go's ``url.Parse``: a URL or a reference; raises :class:`URLError` where Go errors."""
    without_fragment, _, fragment = raw.partition("#")
    parsed = _parse(without_fragment, via_request=False)
    return GoURL(
        scheme=parsed.scheme,
        opaque=parsed.opaque,
        user=parsed.user,
        host=parsed.host,
        path=parsed.path,
        raw_query=parsed.raw_query,
        fragment=_unescape(fragment),
    )


def parse_request_uri(raw: str) -> GoURL:
    """Go's ``url.ParseRequestURI``: an absolute URI or absolute path, no fragment splitting."""
    return _parse(raw, via_request=True)


# --- govalidator.IsURL ----------------------------------------------------------------------------

_ASCII_ALNUM = "a-zA-Z0-9"
_WIDE_ALNUM = "a-zA-Z\u00a1-\uffff0-9"
_WIDE_ALPHA = "a-zA-Z\u00a1-\uffff"
_SCHEMES = ("ftp", "tcp", "udp", "ws", "wss", "http", "https")
_NON_SPACE = r"[^\t\n\f\r ]"
_PORT_SUFFIX = re.compile(r":[0-9]{1,5}\Z")
_URL_IP = re.compile(
    r"([1-9][0-9]?|1[0-9][0-9]|2[01][0-9]|22[0-3]|24[0-9]|25[0-5])"
    r"(\.([0-9]{1,2}|1[0-9][0-9]|2[0-4][0-9]|25[0-5])){2}"
    r"(?:\.([0-9][0-9]?|1[0-9][0-9]|2[0-4][0-9]|25[0-5]))"
)
_H4 = "[0-9a-fA-F]{1,4}"
_V4 = r"((25[0-5]|(2[0-4]|1?[0-9])?[0-9])\.){3}(25[0-5]|(2[0-4]|1?[0-9])?[0-9])"
_BRACKETED_IP = re.compile(
    r"\[("
    + "|".join(
        (
            f"({_H4}:){{7}}{_H4}",
            f"({_H4}:){{1,7}}:",
            f"({_H4}:){{1,6}}:{_H4}",
            f"({_H4}:){{1,5}}(:{_H4}){{1,2}}",
            f"({_H4}:){{1,4}}(:{_H4}){{1,3}}",
            f"({_H4}:){{1,3}}(:{_H4}){{1,4}}",
            f"({_H4}:){{1,2}}(:{_H4}){{1,5}}",
            f"{_H4}:((:{_H4}){{1,6}})",
            f":((:{_H4}){{1,7}}|:)",
            "fe80:(:[0-9a-fA-F]{0,4}){0,4}%[0-9a-zA-Z]+",
            f"::(ffff(:0{{1,4}})?:)?{_V4}",
            f"({_H4}:){{1,4}}:{_V4}",
        )
    )
    + r")\]"
)
# The hostname alternative of the URL regex is (A | B)? C (\.L+)?. Each part below is rewritten
# into a form with exactly one way to match, so possessive quantifiers keep it linear.
# A = X[X_-]*X([-.]X+)*  ==  X([_-]*X)+(\.X+(-X+)*)*
_PART_A = re.compile(
    f"[{_ASCII_ALNUM}](?:[_-]*+[{_ASCII_ALNUM}])++(?:\\.[{_ASCII_ALNUM}]++(?:-[{_ASCII_ALNUM}]++)*+)*+"
)
# B = www\. | X+([-_.]?X)*X\.X+ ; the second form is checked by _is_part_b.
_PART_B_SHAPE = re.compile(f"[{_ASCII_ALNUM}](?:[-_.]?+[{_ASCII_ALNUM}])*+")
# C(\.L+)? with C = (U+-?-?)*U+  ==  U+(--?U+)*
_PART_C = re.compile(f"[{_WIDE_ALNUM}]++(?:--?+[{_WIDE_ALNUM}]++)*+(?:\\.[{_WIDE_ALPHA}]++)?+")
_HOST_CHARS = re.compile(f"[{_WIDE_ALNUM}._-]*")


def _is_part_b(text: str) -> bool:
    if text == "www.":
        return True
    if not _PART_B_SHAPE.fullmatch(text):
        return False
    last = max(text.rfind("-"), text.rfind("_"), text.rfind("."))
    return last >= 2 and text[last] == "." and _is_alnum(text[last - 2])


def _is_url_hostname(host: str) -> bool:
    if not host or not _HOST_CHARS.fullmatch(host):
        return False
    if _PART_C.fullmatch(host):
        return True
    for i in range(1, len(host)):
        if host[i] in "._-" or not (_is_alnum(host[i - 1]) or host[:i] == "www."):
            continue
        if _PART_C.fullmatch(host, i) and (_PART_A.fullmatch(host, 0, i) or _is_part_b(host[:i])):
            return True
    return False


def _is_url_host_and_rest(text: str) -> bool:
    """``HOST \\.? (:port)? ([/?#]\\S*)?`` of govalidator's URL expression."""
    cut = min((i for i in (text.find("/"), text.find("?"), text.find("#")) if i >= 0), default=len(text))
    hostport, rest = text[:cut], text[cut:]
    if rest and re.search(r"[\t\n\f\r ]", rest):
        return False
    port = _PORT_SUFFIX.search(hostport)
    host = hostport[: port.start()] if port else hostport
    if host.endswith("."):
        host = host[:-1]
    return bool(_URL_IP.fullmatch(host) or _BRACKETED_IP.fullmatch(host) or _is_url_hostname(host))


def _matches_url_expression(value: str) -> bool:
    starts = [value]
    for scheme in _SCHEMES:
        if value.startswith(scheme + "://"):
            starts.append(value[len(scheme) + 3 :])
    for start in starts:
        if _is_url_host_and_rest(start):
            return True
        # (\S+(:\S*)?@) is the same as \S+@: try every '@' as the end of the user info.
        at = start.find("@")
        while at != -1:
            if (
                at > 0
                and re.fullmatch(f"{_NON_SPACE}+", start[:at])
                and _is_url_host_and_rest(start[at + 1 :])
            ):
                return True
            at = start.find("@", at + 1)
    return False


def is_url(value: str) -> bool:
    """govalidator's ``IsURL`` (the version Kuma pins), in linear-ish time."""
    if not value or len(value) >= 2083 or len(value.encode()) <= 3 or value.startswith("."):
        return False
    candidate = value
    if ":" in value and "://" not in value:
        candidate = "http://" + value
    try:
        parsed = parse_url(candidate)
    except URLError:
        return False
    if parsed.host.startswith("."):
        return False
    if parsed.host == "" and parsed.path != "" and "." not in parsed.path:
        return False
    return _matches_url_expression(value)
