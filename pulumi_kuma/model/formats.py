"""String formats Kuma's validators check with Go libraries that are not about addresses.

govalidator's ``IsFilePath`` and ``encoding/json`` validity. Addresses, host names and URLs (IPs,
CIDRs, ``IsDNSName``, ``IsURL``, ``net/url``) live in :mod:`pulumi_kuma.model.addresses`. Both
checks are pure; the JSON one (a parse per access log field) keeps recent answers.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

# --- govalidator.IsFilePath ----------------------------------------------------------------------

_WINDOWS_PATH = re.compile(r'[a-zA-Z]:\\(?:[^\\/:*?"<>|\r\n]+\\)*[^\\/:*?"<>|\r\n]*')
_UNIX_PATH = re.compile(r"(/[^/\x00]*)+/?")
_WINDOWS_MAX_PATH = 32767


def is_file_path(text: str) -> bool:
    """govalidator's ``IsFilePath``: an absolute Windows path or an absolute Unix path."""
    if _WINDOWS_PATH.fullmatch(text):
        return len(text[3:].encode("utf-8", "surrogatepass")) <= _WINDOWS_MAX_PATH
    return _UNIX_PATH.fullmatch(text) is not None


# --- encoding/json validity ----------------------------------------------------------------------


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


@lru_cache(maxsize=4096)
def is_json(text: str) -> bool:
    """Whether Go's ``encoding/json`` accepts ``text`` as one JSON value (no NaN or Infinity)."""
    try:
        json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        return False
    return True
