"""The query of ``GET .../dataplanes/{name}/_config`` and the JSON patch its ``include=diff`` adds.

``shadow=true`` generates the config with the shadow policies (``kuma.io/effect: shadow``) taking
part, which is how Kuma lets a user see what a policy would do before it takes effect;
``include=diff`` adds the RFC 6902 patch from the config the proxy runs now to the one shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pulumi_kuma.controlplane.api.errors import bad_request

# Go's strconv.ParseBool.
_TRUE = frozenset({"1", "t", "T", "TRUE", "true", "True"})
_FALSE = frozenset({"0", "f", "F", "FALSE", "false", "False"})
DIFF = "diff"


@dataclass(frozen=True, slots=True)
class ConfigQuery:
    """What a ``_config`` request asks for."""

    shadow: bool = False
    diff: bool = False


def parse_config_query(shadow: str, include: str) -> ConfigQuery:
    """Read ``shadow`` and ``include`` as Kuma does; 400 with Kuma's message for other values."""
    if shadow and shadow not in _TRUE | _FALSE:
        raise bad_request("bad request: unsupported value for query parameter 'shadow'")
    parts = include.split(",") if include else []
    if any(part != DIFF for part in parts):
        raise bad_request("bad request: unsupported value for query parameter 'include'")
    return ConfigQuery(shadow in _TRUE, DIFF in parts)


def _pointer(path: str, key: str) -> str:
    return f"{path}/{key.replace('~', '~0').replace('/', '~1')}"


def config_patch(before: Any, after: Any, path: str = "") -> list[dict[str, Any]]:
    """The RFC 6902 operations that turn ``before`` into ``after``, written as Kuma writes them:
    a value that goes away is first checked (``test``) and then removed, a new value is added, so
    a changed value is ``test``, ``remove``, ``add``. Object keys are visited in sorted order; lists
    of the same length are compared item by item, other lists are replaced as a whole."""
    if before == after and type(before) is type(after):
        return []
    if isinstance(before, dict) and isinstance(after, dict):
        out: list[dict[str, Any]] = []
        for key in sorted(set(before) | set(after)):
            where = _pointer(path, str(key))
            if key not in after:
                out += _removed(where, before[key])
            elif key not in before:
                out.append({"op": "add", "path": where, "value": after[key]})
            else:
                out += config_patch(before[key], after[key], where)
        return out
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [
            op
            for i, (old, new) in enumerate(zip(before, after, strict=True))
            for op in config_patch(old, new, f"{path}/{i}")
        ]
    return [*_removed(path, before), {"op": "add", "path": path, "value": after}]


def _removed(path: str, value: Any) -> list[dict[str, Any]]:
    return [{"op": "test", "path": path, "value": value}, {"op": "remove", "path": path, "value": value}]
