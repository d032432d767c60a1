"""String formats Kuma's validators check with Go libraries (govalidator, ``net/url``, ``encoding/json``).

Each function answers exactly what the Go check answers, so that an address or a path Kuma
rejects is rejected here too. :func:`is_url` does not run govalidator's URL regular expression
with Python's backtracking engine (it takes exponential time on inputs such as ``"a" * 30 + "!"``);
it decides the same language with linear scans instead.
"""

from __future__ import annotations

import ipaddress
import json
import re

# --- govalidator.IsFilePath ----------------------------------------------------------------------

_WINDOWS_PATH = re.compile(r'[a-zA-Z]:\\(?:[^\\/:*?"<>|\r\n]+\\)*[^\\/:*?"<>|\r\n]*')
_UNIX_PATH = re.compile(r"(/[^/\x00]*)+/?")
_WINDOWS_MAX_PATH = 32767


def is_file_path(text: str) -> bool:
    """govalidator's ``IsFilePath``: an absolute Windows path or an absolute Unix path."""
    if _WINDOWS_PATH.fullmatch(text):
        return len(text[3:].encode()) <= _WINDOWS_MAX_PATH
    return _UNIX_PATH.fullmatch(text) is not None


# --- encoding/json validity ----------------------------------------------------------------------


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def is_json(text: str) -> bool:
    """Whether Go's ``encoding/json`` accepts ``text`` as one JSON value (no NaN or Infinity)."""
    try:
        json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        return False
    return True


# --- govalidator.IsURL ---------------------------------------------------------------------------

_MAX_URL_RUNES = 2083
_MIN_URL_BYTES = 3
_GO_SPACE = frozenset("\t\n\f\r ")  # Go's \s is ASCII only (no \v)
_SCHEME = re.compile(r"(?:ftp|tcp|udp|wss?|https?)://")
_PORT_SUFFIX = re.compile(r"(.*):([0-9]{1,5})", re.DOTALL)
_URL_IP = re.compile(
    r"([1-9]\d?|1\d\d|2[01]\d|22[0-3]|24\d|25[0-5])(\.(\d{1,2}|1\d\d|2[0-4]\d|25[0-5])){2}"
    r"(?:\.([0-9]\d?|1\d\d|2[0-4]\d|25[0-5]))",
    re.ASCII,
)
_IP_LITERAL = re.compile(
    r"\[(([0-9a-fA-F]{1,4}:){7,7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}"
    r":[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}"
    r"(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:)"
    r"{1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|:((:[0-9a-fA-F]{1,4})"
    r"{1,7}|:)|fe80:(:[0-9a-fA-F]{0,4}){0,4}%[0-9a-zA-Z]{1,}|::(ffff(:0{1,4}){0,1}:){0,1}((25[0-5]|"
    r"(2[0-4]|1{0,1}[0-9]){0,1}[0-9])\.){3,3}(25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9])|([0-9a-fA-F]"
    r"{1,4}:){1,4}:((25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9])\.){3,3}(25[0-5]|(2[0-4]|1{0,1}[0-9])"
    r"{0,1}[0-9]))\]",
    re.ASCII,
)


def is_url(text: str) -> bool:
    """govalidator's ``IsURL`` (the version Kuma pins): ``host:port``, ``scheme://host/path``..."""
    if not text or len(text) >= _MAX_URL_RUNES or len(text.encode()) <= _MIN_URL_BYTES:
        return False
    if text.startswith("."):
        return False
    probe = "http://" + text if ":" in text and "://" not in text else text
    parsed = _parse_url(probe)
    if parsed is None:
        return False
    host, path = parsed
    if host.startswith("."):
        return False
    if not host and path and "." not in path:
        return False
    return _matches_url_pattern(text)


# net/url.Parse, reduced to what IsURL looks at: whether it fails, and the host and path.


def _parse_url(raw: str) -> tuple[str, str] | None:
    raw, _, fragment = raw.partition("#")
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in raw):
        return None
    if raw == "*":
        return "", "*"
    scheme_end = _scheme_end(raw)
    if scheme_end == 0:
        return None  # "missing protocol scheme"
    scheme = raw[: scheme_end - 1] if scheme_end > 0 else ""
    rest = raw[scheme_end:] if scheme_end > 0 else raw
    rest = rest.partition("?")[0]  # the query plays no part in what IsURL checks
    if not rest.startswith("/"):
        if scheme:
            return ("", "") if _unescape(fragment, "fragment") is not None else None  # opaque URL
        if ":" in rest.partition("/")[0]:
            return None  # "first path segment in URL cannot contain colon"
    host = ""
    if (scheme or not rest.startswith("///")) and rest.startswith("//"):
        authority, slash, tail = rest[2:].partition("/")
        rest = slash + tail
        parsed_host = _parse_authority(authority)
        if parsed_host is None:
            return None
        host = parsed_host
    path = _unescape(rest, "path")
    if path is None or _unescape(fragment, "fragment") is None:
        return None
    return host, path


def _scheme_end(raw: str) -> int:
    """Index just past the scheme's ``:``; -1 when there is no scheme; 0 when it is empty."""
    for i, c in enumerate(raw):
        if c.isascii() and c.isalpha():
            continue
        if c.isascii() and (c.isdigit() or c in "+-."):
            if i == 0:
                return -1
            continue
        if c == ":":
            return i + 1 if i > 0 else 0
        return -1
    return -1


_HOST_PUNCTUATION = frozenset("-_.~!$&'()*+,;=:[]<>\"")
_USERINFO_PUNCTUATION = frozenset("-._:~!$&'()*+,;=%@")
_HEX = frozenset("0123456789abcdefABCDEF")


def _host_byte_needs_escape(c: str) -> bool:
    return not ((c.isascii() and c.isalnum()) or c in _HOST_PUNCTUATION)


def _unescape(text: str, mode: str) -> str | None:
    """net/url's ``unescape``: the decoded text, or None where Go returns an error."""
    out = bytearray()
    i = 0
    while i < len(text):
        c = text[i]
        if c == "%":
            if i + 2 >= len(text) or text[i + 1] not in _HEX or text[i + 2] not in _HEX:
                return None
            value = int(text[i + 1 : i + 3], 16)
            if mode == "host" and value < 0x80 and text[i : i + 3] != "%25":
                return None  # hosts may %-encode only non-ASCII bytes
            if (
                mode == "zone"
                and text[i : i + 3] != "%25"
                and value != 0x20
                and _host_byte_needs_escape(chr(value))
            ):
                return None
            out.append(value)
            i += 3
            continue
        if mode in ("host", "zone") and ord(c) < 0x80 and _host_byte_needs_escape(c):
            return None
        out += c.encode("utf-8", "surrogatepass")
        i += 1
    return out.decode("utf-8", "replace")


def _parse_authority(authority: str) -> str | None:
    at = authority.rfind("@")
    host = _parse_host(authority[at + 1 :] if at >= 0 else authority)
    if host is None:
        return None
    if at >= 0:
        userinfo = authority[:at]
        if not all((c.isascii() and c.isalnum()) or c in _USERINFO_PUNCTUATION for c in userinfo):
            return None
        for part in userinfo.split(":", 1):
            if _unescape(part, "userinfo") is None:
                return None
    return host


def _valid_optional_port(port: str) -> bool:
    return port == "" or (port[0] == ":" and all("0" <= c <= "9" for c in port[1:]))


def _parse_host(host: str) -> str | None:
    if host.startswith("["):
        close = host.rfind("]")
        if close < 0 or not _valid_optional_port(host[close + 1 :]):
            return None
        zone = host[:close].find("%25")
        if zone >= 0:
            address, zone_text = _unescape(host[1:zone], "host"), _unescape(host[zone:close], "zone")
        else:
            address, zone_text = _unescape(host[1:close], "host"), ""
        if address is None or zone_text is None or _unescape(host[close:], "host") is None:
            return None
        # Go (since 1.25.2) accepts brackets only around an IPv6 address.
        try:
            ipaddress.IPv6Address(address + zone_text)
        except ValueError:
            return None
        return f"[{address}{zone_text}]{host[close + 1 :]}"
    else:
        colon = host.rfind(":")
        if colon >= 0 and not _valid_optional_port(host[colon:]):
            return None
    return _unescape(host, "host")


# govalidator's URL regular expression, decided without backtracking. It reads
#   ^ scheme? userinfo? host \.? (:port)? ([/?#]path)? $
# with userinfo = \S+(:\S*)?@ (the same as \S+@) and host one of: a dotted IPv4 address, an
# [IPv6] literal, or a host name (A | S)? L T? where
#   A = an [an_-]* an ([-.] an+)*                    an = [a-zA-Z0-9]
#   S = www\. | an+ ([-_.]? an)* an \. an+     (two alphanumerics before the last '.')
#   L = u+ (-{1,2} u+)*                              u  = an plus U+00A1..U+FFFF
#   T = \. ul+                                       ul = u without the digits
# The host cannot contain / ? # @ or ASCII space, which pins where each part can end.


def _is_an(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _is_u(c: str) -> bool:
    return _is_an(c) or "\u00a1" <= c <= "\uffff"


def _is_ul(c: str) -> bool:
    return (c.isascii() and c.isalpha()) or "\u00a1" <= c <= "\uffff"


def _matches_url_pattern(text: str) -> bool:
    starts = [0]
    scheme = _SCHEME.match(text)
    if scheme:
        starts.append(scheme.end())
    for i, c in enumerate(text):
        if c in _GO_SPACE:
            break
        if c == "@" and i >= 1:
            starts.append(i + 1)
    last_space = max((i for i, c in enumerate(text) if c in _GO_SPACE), default=-1)
    for start in starts:
        end = start
        while end < len(text) and text[end] not in "/?#@" and text[end] not in _GO_SPACE:
            end += 1
        # What follows the host (and port) is either nothing or a path without spaces.
        if end < len(text) and (text[end] not in "/?#" or last_space >= end):
            continue
        if _is_host_dot_port(text[start:end]):
            return True
    return False


def _is_host_dot_port(text: str) -> bool:
    candidates = [text]
    port = _PORT_SUFFIX.fullmatch(text)
    if port:
        candidates.append(port.group(1))
    for candidate in candidates:
        if _is_host(candidate) or (candidate.endswith(".") and _is_host(candidate[:-1])):
            return True
    return False


def _is_host(text: str) -> bool:
    if not text:
        return False
    if _URL_IP.fullmatch(text) or _IP_LITERAL.fullmatch(text):
        return True
    if _is_host_name(text):
        return True
    dot = text.rfind(".")
    tld = text[dot + 1 :]
    return dot > 0 and bool(tld) and all(_is_ul(c) for c in tld) and _is_host_name(text[:dot])


def _is_host_name(text: str) -> bool:
    """``(A | S)? L`` for the whole of ``text``."""
    n = len(text)
    if n == 0:
        return False
    # label_from[i]: text[i:] is an L (u-runs joined by one or two hyphens).
    label_from = [False] * (n + 1)
    if _is_u(text[-1]):
        clean = True  # text[i:] has only u and '-'
        hyphens_ahead = 0  # hyphen run starting at i
        triple = False  # text[i:] contains '---'
        for i in range(n - 1, -1, -1):
            c = text[i]
            if c == "-":
                hyphens_ahead += 1
                triple = triple or hyphens_ahead >= 3
            elif _is_u(c):
                hyphens_ahead = 0
            else:
                clean = False
            label_from[i] = clean and not triple and _is_u(c)
    if label_from[0]:
        return True
    a_prefix = _a_prefixes(text)
    s_prefix = _s_prefixes(text)
    return any(label_from[i] and (a_prefix[i] or s_prefix[i]) for i in range(1, n))


def _a_prefixes(text: str) -> list[bool]:
    """ok[i]: ``text[:i]`` matches ``A``."""
    ok = [False] * (len(text) + 1)
    seen_dot = False
    previous = ""
    for i, c in enumerate(text):
        if i == 0:
            valid = _is_an(c)
        elif not seen_dot:
            if c == ".":
                valid = _is_an(previous) and i >= 2
                seen_dot = True
            else:
                valid = _is_an(c) or c in "_-"
        else:
            valid = _is_an(c) or (c in "-." and previous not in "-.")
        if not valid:
            break
        ok[i + 1] = i >= 1 and _is_an(c)
        previous = c
    return ok


def _s_prefixes(text: str) -> list[bool]:
    """ok[i]: ``text[:i]`` matches ``S``."""
    ok = [False] * (len(text) + 1)
    if text.startswith("www."):
        ok[4] = True
    # The last separator must be a '.' right after two alphanumerics (``... an an \. an+``).
    last_separator_fits = False
    previous = ""
    for i, c in enumerate(text):
        if i == 0:
            valid = _is_an(c)
        elif c in "-_.":
            valid = previous not in "-_."
            last_separator_fits = c == "." and i >= 2 and _is_an(text[i - 1]) and _is_an(text[i - 2])
        else:
            valid = _is_an(c)
        if not valid:
            break
        if _is_an(c) and last_separator_fits:
            ok[i + 1] = True
        previous = c
    return ok
