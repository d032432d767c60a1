"""IP addresses, CIDRs, host names and URLs, accepted exactly as the Go code Kuma validates with.

Kuma's validators call Go's ``net.ParseIP`` / ``net.ParseCIDR``, ``net/url`` (``Parse`` and
``ParseRequestURI``) and ``govalidator`` (``IsIP``, ``IsDNSName``, ``IsURL``). What they accept
differs from Python's ``ipaddress`` and ``urllib.parse`` in many small ways, so this module restates
those rules; it is the one home of every address check (names and labels live in ``names.py``).

``govalidator.IsURL`` is one large regular expression that Go runs in linear time; Python's
backtracking engine takes exponential time on it for inputs like ``http://aaaa…!``. We match the
same language by splitting the URL into its parts and checking each with unambiguous patterns.

The checks are pure functions of their text, so the ones called for every resource keep a bounded
cache of recent answers.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from functools import lru_cache

_CACHE_SIZE = 4096

# --- net.ParseIP / net.ParseCIDR ------------------------------------------------------------------

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@lru_cache(maxsize=_CACHE_SIZE)
def go_ip(text: str) -> IPAddress | None:
    """Go's ``net.ParseIP``: the address for IPv4 dotted decimal or IPv6 text (no zone), else None."""
    if "%" in text:
        return None
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def is_ip(text: str) -> bool:
    """Go's ``net.ParseIP(text) != nil`` (also govalidator's ``IsIP``)."""
    return go_ip(text) is not None


def is_cidr(text: str) -> bool:
    """Go's ``net.ParseCIDR``: an IP address, ``/`` and a decimal prefix length within its size."""
    address, slash, prefix = text.partition("/")
    if not slash or not prefix.isascii() or not prefix.isdigit():
        return False
    ip = go_ip(address)
    return ip is not None and int(prefix) <= ip.max_prefixlen


# --- govalidator.IsDNSName ------------------------------------------------------------------------

# Labels of letters, digits, '_' and '-' (not starting with '-'), at most 63 characters each, and an
# optional trailing '.' or '_'. Looser than RFC 1123.
_DNS_NAME = re.compile(r"([a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})(\.[a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})*[._]?")


@lru_cache(maxsize=_CACHE_SIZE)
def is_dns_name(text: str) -> bool:
    """govalidator's ``IsDNSName``: a host name of DNS labels that is not an IP address."""
    if not text or len(text.replace(".", "")) > 255:
        return False
    return _DNS_NAME.fullmatch(text) is not None and not is_ip(text)


def is_ip_or_dns_name(text: str) -> bool:
    """``govalidator.IsIP(text) || govalidator.IsDNSName(text)``: Kuma's check of an address."""
    return is_ip(text) or is_dns_name(text)


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


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+\-.]*:")
_USERINFO = re.compile(r"[A-Za-z0-9\-._:~!$&'()*+,;=%@]*")
# Bytes a host may hold unescaped; anything else below 0x80 is refused (Go's shouldEscape).
_HOST_SAFE_ASCII = r"A-Za-z0-9!$&'()*+,;=:\[\]<>\"\-_.~"
_PLAIN_HOST = re.compile(f"[{_HOST_SAFE_ASCII}\\x80-\\U0010ffff]*")
_HOST_SAFE_BYTES = frozenset(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!$&'()*+,;=:[]<>\"-_.~"
)
_HEX_BYTES = frozenset(b"0123456789abcdefABCDEF")
_PORT_DIGITS = re.compile(r":[0-9]*")


def _valid_optional_port(port: str) -> bool:
    return port == "" or _PORT_DIGITS.fullmatch(port) is not None


def _unescape(text: str, mode: str = "path") -> str:
    """net/url's ``unescape`` in mode ``path``, ``host`` or ``zone``; raises where Go errors.

    Hosts may %-encode only non-ASCII bytes (and ``%25``); a zone may %-encode what a host may hold
    unescaped, and spaces. Go strings hold no lone surrogates (JSON decoding makes them U+FFFD);
    ``surrogatepass`` keeps their length as Go sees it.
    """
    host_like = mode != "path"
    if "%" not in text and (not host_like or _PLAIN_HOST.fullmatch(text)):
        return text
    raw = text.encode("utf-8", "surrogatepass")
    out = bytearray()
    i = 0
    while i < len(raw):
        byte = raw[i]
        if byte == 0x25:  # '%'
            escape = raw[i : i + 3]
            if len(escape) < 3 or escape[1] not in _HEX_BYTES or escape[2] not in _HEX_BYTES:
                raise URLError(f"invalid URL escape {escape.decode(errors='replace')!r}")
            value = int(escape[1:], 16)
            if escape != b"%25":
                if mode == "host" and value < 0x80:
                    raise URLError(f"invalid URL escape {escape.decode()!r} in host")
                if mode == "zone" and value != 0x20 and value not in _HOST_SAFE_BYTES:
                    raise URLError(f"invalid URL escape {escape.decode()!r} in zone")
            out.append(value)
            i += 3
            continue
        if host_like and byte < 0x80 and byte not in _HOST_SAFE_BYTES:
            raise URLError(f"invalid character {chr(byte)!r} in host name")
        out.append(byte)
        i += 1
    return out.decode(errors="replace")


def _parse_host(host: str) -> str:
    if not host.startswith("["):
        colon = host.rfind(":")
        if colon != -1 and not _valid_optional_port(host[colon:]):
            raise URLError(f"invalid port {host[colon:]!r} after host")
        return _unescape(host, "host")
    close = host.rfind("]")
    if close < 0:
        raise URLError("missing ']' in host")
    colon_port = host[close + 1 :]
    if not _valid_optional_port(colon_port):
        raise URLError(f"invalid port {colon_port!r} after host")
    # RFC 6874: "%25" starts a zone, which has its own escaping rules.
    zone_start = host.find("%25", 0, close)
    if zone_start < 0:
        address, zone = _unescape(host[1:close], "host"), ""
    else:
        address, zone = _unescape(host[1:zone_start], "host"), _unescape(host[zone_start:close], "zone")
    # Go (since 1.25.2) accepts brackets only around an IPv6 address (an IPv4-mapped one included),
    # as netip.ParseAddr reads it: a zone, when there is one, must not be empty.
    try:
        ipaddress.IPv6Address(address)
    except ValueError:
        raise URLError(f"invalid IP-literal {address!r} in host") from None
    if zone == "%":
        raise URLError("invalid IP-literal: empty zone in host")
    return f"[{address}{zone}]{colon_port}"


def _parse(raw: str, *, via_request: bool) -> GoURL:
    if _CONTROL.search(raw):
        raise URLError("invalid control character in URL")
    if raw == "" and via_request:
        raise URLError("empty url")
    if raw == "*":
        return GoURL(path="*")
    if raw.startswith(":"):
        raise URLError("missing protocol scheme")
    scheme_match = _SCHEME.match(raw)
    if scheme_match is None:
        scheme, rest = "", raw
    else:
        scheme, rest = raw[: scheme_match.end() - 1].lower(), raw[scheme_match.end() :]
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
            if not _USERINFO.fullmatch(userinfo):
                raise URLError("net/url: invalid userinfo")
            user = _unescape(userinfo)
    return GoURL(scheme=scheme, user=user, host=host, path=_unescape(rest), raw_query=query)


def parse_url(raw: str) -> GoURL:
    """Go's ``url.Parse``: a URL or a reference; raises :class:`URLError` where Go errors."""
    without_fragment, hash_sign, fragment = raw.partition("#")
    parsed = _parse(without_fragment, via_request=False)
    if not hash_sign:
        return parsed
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
_GO_SPACE = re.compile(r"[\t\n\f\r ]")  # Go's \s is ASCII only (no \v)
_NON_SPACE_RUN = re.compile(r"[^\t\n\f\r ]+")
_HOST_END = re.compile(r"[/?#]")
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


def _is_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


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
    end = _HOST_END.search(text)
    if end is None:
        hostport = text
    else:
        hostport = text[: end.start()]
        if _GO_SPACE.search(text, end.start()):
            return False
    port = _PORT_SUFFIX.search(hostport)
    host = hostport[: port.start()] if port else hostport
    if host.endswith("."):
        host = host[:-1]
    return bool(_URL_IP.fullmatch(host) or _BRACKETED_IP.fullmatch(host) or _is_url_hostname(host))


def _matches_url_expression(value: str) -> bool:
    """Whether ``value`` matches govalidator's URL regular expression (the pattern alone)."""
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
            if at > 0 and _NON_SPACE_RUN.fullmatch(start, 0, at) and _is_url_host_and_rest(start[at + 1 :]):
                return True
            at = start.find("@", at + 1)
    return False


@lru_cache(maxsize=_CACHE_SIZE)
def is_url(value: str) -> bool:
    """govalidator's ``IsURL`` (the version Kuma pins), in linear-ish time."""
    if not value or len(value) >= 2083 or value.startswith("."):
        return False
    if len(value.encode("utf-8", "surrogatepass")) <= 3:
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
