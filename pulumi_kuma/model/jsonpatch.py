"""RFC 6902 JSON Patch with the options Kuma applies patches with (``evanphx/json-patch`` v5).

* negative array indices count from the end (``-1`` is the last element);
* removing a path that does not exist is not an error;
* ``add`` creates missing parent objects (or arrays, when the next token is an index).

Operations: ``add``, ``remove``, ``replace``, ``move``, ``copy``, ``test``. The document is not
changed in place: :func:`apply_patch` returns the patched copy, or raises :class:`JsonPatchError`.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any


class JsonPatchError(ValueError):
    """A patch operation that cannot be applied to the document."""


def _tokens(pointer: str) -> list[str]:
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        raise JsonPatchError(f"path {pointer!r}: a JSON pointer starts with '/'")
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]


def _index(token: str, length: int, *, inserting: bool = False) -> int:
    if token == "-" and inserting:
        return length
    try:
        index = int(token)
    except ValueError as exc:
        raise JsonPatchError(f"{token!r} is not an array index") from exc
    if index < 0:
        index += length
    limit = length if inserting else length - 1
    if index < 0 or index > limit:
        raise JsonPatchError(f"array index {token} out of range (length {length})")
    return index


def _is_index(token: str) -> bool:
    return token == "-" or token.lstrip("-").isdigit()


def _parent(document: Any, tokens: Sequence[str], *, create: bool = False) -> Any:
    """The container the last token of ``tokens`` lives in (creating missing ones when asked)."""
    node = document
    for position, token in enumerate(tokens[:-1]):
        following = tokens[position + 1]
        if isinstance(node, dict):
            if token not in node:
                if not create:
                    raise JsonPatchError(f"path /{'/'.join(tokens[: position + 1])} does not exist")
                node[token] = [] if _is_index(following) else {}
            node = node[token]
        elif isinstance(node, list):
            node = node[_index(token, len(node))]
        else:
            raise JsonPatchError(f"path /{'/'.join(tokens[: position + 1])} is not an object or array")
    return node


def _get(document: Any, tokens: Sequence[str]) -> Any:
    if not tokens:
        return document
    parent = _parent(document, tokens)
    last = tokens[-1]
    if isinstance(parent, dict):
        if last not in parent:
            raise JsonPatchError(f"path /{'/'.join(tokens)} does not exist")
        return parent[last]
    if isinstance(parent, list):
        return parent[_index(last, len(parent))]
    raise JsonPatchError(f"path /{'/'.join(tokens)} does not exist")


def _add(document: Any, tokens: Sequence[str], value: Any) -> Any:
    if not tokens:
        return value
    parent = _parent(document, tokens, create=True)
    last = tokens[-1]
    if isinstance(parent, dict):
        parent[last] = value
    elif isinstance(parent, list):
        parent.insert(_index(last, len(parent), inserting=True), value)
    else:
        raise JsonPatchError(f"cannot add at /{'/'.join(tokens)}: the parent is not an object or array")
    return document


def _remove(document: Any, tokens: Sequence[str], *, missing_ok: bool) -> Any:
    if not tokens:
        raise JsonPatchError("the root cannot be removed")
    try:
        parent = _parent(document, tokens)
        last = tokens[-1]
        if isinstance(parent, dict):
            if last not in parent:
                raise JsonPatchError(f"path /{'/'.join(tokens)} does not exist")
            del parent[last]
        elif isinstance(parent, list):
            del parent[_index(last, len(parent))]
        else:
            raise JsonPatchError(f"path /{'/'.join(tokens)} does not exist")
    except JsonPatchError:
        if not missing_ok:
            raise
    return document


def _replace(document: Any, tokens: Sequence[str], value: Any) -> Any:
    if not tokens:
        return value
    parent = _parent(document, tokens)
    last = tokens[-1]
    if isinstance(parent, dict):
        if last not in parent:
            raise JsonPatchError(f"replace: path /{'/'.join(tokens)} does not exist")
        parent[last] = value
    elif isinstance(parent, list):
        parent[_index(last, len(parent))] = value
    else:
        raise JsonPatchError(f"replace: path /{'/'.join(tokens)} does not exist")
    return document


def apply_operation(document: Any, operation: Mapping[str, Any]) -> Any:
    """Apply one operation to ``document`` in place where possible; returns the (new) document."""
    op = operation.get("op")
    tokens = _tokens(str(operation.get("path") or ""))
    if op == "add":
        return _add(document, tokens, copy.deepcopy(operation.get("value")))
    if op == "remove":
        return _remove(document, tokens, missing_ok=True)
    if op == "replace":
        return _replace(document, tokens, copy.deepcopy(operation.get("value")))
    if op in ("move", "copy"):
        source = _tokens(str(operation.get("from") or ""))
        value = copy.deepcopy(_get(document, source))
        if op == "move":
            if tokens[: len(source)] == source and len(tokens) > len(source):
                raise JsonPatchError("move: a value cannot be moved into one of its children")
            document = _remove(document, source, missing_ok=False)
        return _add(document, tokens, value)
    if op == "test":
        if _get(document, tokens) != operation.get("value"):
            raise JsonPatchError(f"test: the value at {operation.get('path')} differs")
        return document
    raise JsonPatchError(f"unknown operation {op!r}")


def apply_patch(document: Any, operations: Sequence[Mapping[str, Any]]) -> Any:
    """``document`` with every operation applied in order (the input is left unchanged)."""
    result = copy.deepcopy(document)
    for number, operation in enumerate(operations):
        try:
            result = apply_operation(result, operation)
        except JsonPatchError as exc:
            raise JsonPatchError(
                f"operation {number} ({operation.get('op')} {operation.get('path')}): {exc}"
            ) from exc
    return result
