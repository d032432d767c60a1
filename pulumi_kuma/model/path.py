"""Field paths rendered the way Kuma renders them: ``spec.to[0].default``, ``labels["app"]``."""

from __future__ import annotations

import json


class FieldPath:
    """An immutable field path. Each step returns a new path; ``str()`` renders it."""

    __slots__ = ("_text",)

    def __init__(self, text: str = "") -> None:
        self._text = text

    def field(self, name: str) -> FieldPath:
        return FieldPath(f"{self._text}.{name}" if self._text else name)

    def index(self, i: int) -> FieldPath:
        return FieldPath(f"{self._text}[{i}]")

    def key(self, key: str) -> FieldPath:
        # Go's %q quoting; JSON string quoting is the same for printable text.
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
