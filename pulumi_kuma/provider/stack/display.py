"""Printing a run the way ``pulumi preview --diff`` does: one line per step, then the property diff.

Step markers: ``+`` create, ``~`` update, ``-`` delete, ``+-`` replace, ``>`` refresh read,
``=`` unchanged (printed only in the summary). Values are JSON; secrets print as ``[secret]`` and
values not known until apply as ``[unknown]``. Keys starting with ``__`` are hidden.
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Mapping
from typing import Any, TextIO

from pulumi_kuma.provider.stack.properties import UNKNOWN, is_secret

DYNAMIC_PREFIX = "pulumi-python:dynamic/"

MARKERS = {
    "create": "+",
    "update": "~",
    "delete": "-",
    "replace": "+-",
    "same": "=",
    "refresh": "~",
    "read": ">",
}


def short_type(type_: str) -> str:
    """``pulumi-python:dynamic/kuma:MeshTimeout`` → ``kuma:MeshTimeout``."""
    return type_[len(DYNAMIC_PREFIX) :] if type_.startswith(DYNAMIC_PREFIX) else type_


def render_value(value: Any) -> str:
    """One value, compactly: JSON, with secrets and unknowns masked."""
    return json.dumps(_mask(value), ensure_ascii=False, sort_keys=True)


def _mask(value: Any) -> Any:
    if is_secret(value):
        return "[secret]"
    if value == UNKNOWN:
        return "[unknown]"
    if isinstance(value, dict):
        return {k: _mask(v) for k, v in value.items() if not str(k).startswith("__")}
    if isinstance(value, list):
        return [_mask(v) for v in value]
    return value


def _scalar(value: Any) -> str:
    if is_secret(value):
        return "[secret]"
    if value == UNKNOWN:
        return "[unknown]"
    return json.dumps(value, ensure_ascii=False)


def _lines_for(marker: str, key: str, value: Any, indent: int) -> list[str]:
    """A whole value added or removed, expanded over lines like Pulumi's object diff."""
    pad = "    " * indent
    label = f"{key}: " if key else ""
    if isinstance(value, dict) and not is_secret(value) and value:
        out = [f"{pad}{marker} {label}{{"]
        for k, v in sorted(value.items(), key=lambda item: str(item[0])):
            if not str(k).startswith("__"):
                out.extend(_lines_for(marker, str(k), v, indent + 1))
        out.append(f"{pad}  }}")
        return out
    if isinstance(value, list) and value:
        out = [f"{pad}{marker} {label}["]
        for i, v in enumerate(value):
            out.extend(_lines_for(marker, f"[{i}]", v, indent + 1))
        out.append(f"{pad}  ]")
        return out
    return [f"{pad}{marker} {label}{_scalar(value)}"]


def diff_lines(old: Any, new: Any, key: str = "", indent: int = 0) -> list[str]:
    """The lines of an object diff between two values (empty when equal)."""
    pad = "    " * indent
    label = f"{key}: " if key else ""
    if old == new:
        return []
    child = indent + 1 if key else indent
    if isinstance(old, dict) and isinstance(new, dict) and not is_secret(old) and not is_secret(new):
        inner: list[str] = []
        for k in sorted(set(new) | set(old), key=str):
            if str(k).startswith("__"):
                continue
            if k not in old:
                inner.extend(_lines_for("+", str(k), new[k], child))
            elif k not in new:
                inner.extend(_lines_for("-", str(k), old[k], child))
            else:
                inner.extend(diff_lines(old[k], new[k], str(k), child))
        if not inner:
            return []
        if not key:
            return inner
        return [f"{pad}~ {label}{{", *inner, f"{pad}  }}"]
    if isinstance(old, list) and isinstance(new, list):
        inner = []
        for i in range(max(len(old), len(new))):
            if i >= len(old):
                inner.extend(_lines_for("+", f"[{i}]", new[i], indent + 1))
            elif i >= len(new):
                inner.extend(_lines_for("-", f"[{i}]", old[i], indent + 1))
            else:
                inner.extend(diff_lines(old[i], new[i], f"[{i}]", indent + 1))
        return [f"{pad}~ {label}[", *inner, f"{pad}  ]"]
    return [f"{pad}~ {label}{_scalar(old)} => {_scalar(new)}"]


def changed_keys(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """Top-level keys whose values differ (``__`` keys ignored)."""
    keys = list(new) + [k for k in old if k not in new]
    return [k for k in keys if not k.startswith("__") and old.get(k) != new.get(k)]


class Reporter:
    """Prints steps as they happen, plus a live progress line on a terminal."""

    def __init__(
        self, out: TextIO | None = None, *, progress: bool | None = None, show_diff: bool = True
    ) -> None:
        self.out = out or sys.stdout
        self.err = sys.stderr
        self.progress = self.err.isatty() if progress is None else progress
        self.show_diff = show_diff
        self._lock = threading.Lock()
        self._status = ""

    def line(self, text: str = "") -> None:
        with self._lock:
            self._clear()
            self.out.write(text + "\n")
            self.out.flush()
            self._draw()

    def lines(self, texts: list[str]) -> None:
        with self._lock:
            self._clear()
            for text in texts:
                self.out.write(text + "\n")
            self.out.flush()
            self._draw()

    def status(self, text: str) -> None:
        """Replace the progress line (terminals only)."""
        with self._lock:
            self._clear()
            self._status = text
            self._draw()

    def done(self) -> None:
        with self._lock:
            self._clear()
            self._status = ""

    def _clear(self) -> None:
        if self.progress and self._status:
            self.err.write("\r\033[K")
            self.err.flush()

    def _draw(self) -> None:
        if self.progress and self._status:
            self.err.write(self._status[:150])
            self.err.flush()
