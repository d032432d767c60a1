"""Field paths rendered the way Kuma renders them: ``spec.to[0].default``, ``labels["app"]``."""

from __future__ import annotations

import json

# Children kept per path (see FieldPath.field); more are built afresh each time.
_MAX_CHILDREN = 256


class FieldPath:
    """An immutable field path. Each step returns a new path; ``str()`` renders it.

    Validators step into every field they look at, violation or not, and the same steps recur for
    every resource (``spec.to[0].default``). Being immutable, a path keeps the children it has
    handed out and hands the same ones out again instead of building them anew.
    """

    __slots__ = ("_children", "_text")

    def __init__(self, text: str = "") -> None:
        self._text = text
        self._children: dict[str | int, FieldPath] | None = None

    def _child(self, step: str | int, text: str) -> FieldPath:
        children = self._children
        if children is None:
            children = self._children = {}
        child = children.get(step)
        if child is None:
            child = FieldPath(text)
            if len(children) < _MAX_CHILDREN:
                children[step] = child
        return child

    def field(self, name: str) -> FieldPath:
        children = self._children
        child = children.get(name) if children is not None else None
        if child is not None:
            return child
        return self._child(name, f"{self._text}.{name}" if self._text else name)

    def index(self, i: int) -> FieldPath:
        children = self._children
        child = children.get(i) if children is not None else None
        if child is not None:
            return child
        return self._child(i, f"{self._text}[{i}]")

    def key(self, key: str) -> FieldPath:
        # Go's %q quoting; JSON string quoting is the same for printable text. Keys are user data:
        # not kept.
        return FieldPath(f"{self._text}[{json.dumps(key, ensure_ascii=False)}]")

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        return f"FieldPath({self._text!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FieldPath) and other._text == self._text

    def __hash__(self) -> int:
        return hash(self._text)


ROOT = FieldPath()
SPEC = FieldPath("spec")
