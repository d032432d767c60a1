"""Hypothesis strategies: arbitrary JSON, and well-typed specs generated from a kind's compiled schema."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.schema import (
    AnyNode,
    BooleanNode,
    IntegerNode,
    IntOrStringNode,
    ListNode,
    MapNode,
    ModelNode,
    Node,
    NumberNode,
    StringNode,
    compile_model,
)

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
)
any_json: st.SearchStrategy[Any] = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=25,
)

_DURATIONS = st.sampled_from(["0", "0s", "1s", "250ms", "1m30s", "1h", "2h45m", "1.5s", "100us", "3m0s"])
_LABEL_KEYS = st.sampled_from(["app", "kuma.io/display-name", "version", "team", "k8s.kuma.io/namespace"])
_LABEL_VALUES = st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9]", fullmatch=True)


# Any text, lone surrogates included (JSON can carry them; Go reads them as U+FFFD).
_ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=24)
# Text shaped like the addresses, URLs, durations and numbers validators parse.
_TRICKY_TEXT = st.lists(
    st.sampled_from(
        [
            *"a1Z-_.:/@?#%[] *",
            "http://",
            "tcp://",
            "www.",
            "[::1]",
            "%25",
            "%zz",
            "1.2.3.4",
            "::ffff:",
            "10.0.0.0/8",
            ":5000",
            "1h",
            "1.5s",
            "-1",
            "1e3",
            "\ud800",
            "\u00e9",
            "{",
            '"',
            "\\",
            "\n",
        ]
    ),
    max_size=8,
).map("".join)


def _strategy(node: Node, depth: int, loose: bool = False) -> st.SearchStrategy[Any]:
    """Values for ``node``; ``loose`` also yields strings outside enums and patterns, and any int."""
    free_text = _ANY_TEXT | _TRICKY_TEXT
    if isinstance(node, StringNode):
        if node.enum:
            strict = st.sampled_from(node.enum)
        elif node.duration:
            strict = _DURATIONS
        elif node.pattern:
            strict = st.from_regex(node.pattern, fullmatch=True).filter(lambda s: len(s) < 200)
        else:
            low = node.min_length or 0
            strict = st.text(
                alphabet="abcdefghijklmnopqrstuvwxyz0123456789-./", min_size=low, max_size=max(low, 16)
            )
        return strict | free_text if loose else strict
    if isinstance(node, IntegerNode):
        if loose:
            return st.integers(-(2**64), 2**64)
        low = node.minimum if node.minimum is not None else -(2**31)
        high = node.maximum if node.maximum is not None else 2**31 - 1
        return st.integers(min_value=low, max_value=high)
    if isinstance(node, NumberNode):
        return st.floats(allow_nan=False, allow_infinity=False, width=32)
    if isinstance(node, BooleanNode):
        return st.booleans()
    if isinstance(node, IntOrStringNode):
        strict = st.integers(0, 100) | st.sampled_from(["0", "12.5", "50", "99.9", "100"])
        return strict | st.integers() | free_text if loose else strict
    if isinstance(node, AnyNode):
        return any_json
    if isinstance(node, ListNode):
        if depth > 4:
            return st.just([])
        return st.lists(_strategy(node.item, depth + 1, loose), max_size=3)
    if isinstance(node, MapNode):
        keys, values = (free_text, free_text) if loose else (_LABEL_KEYS, _LABEL_VALUES)
        return st.dictionaries(keys, values, max_size=3)
    if isinstance(node, ModelNode):
        if depth > 5:
            return st.just({})
        required = {f.alias: _strategy(f.node, depth + 1, loose) for f in node.fields if f.required}
        optional = {f.alias: _strategy(f.node, depth + 1, loose) for f in node.fields if not f.required}
        return st.fixed_dictionaries(required, optional=optional)
    raise TypeError(f"no strategy for {node!r}")


def well_typed_spec(model: type[KumaModel]) -> st.SearchStrategy[dict[str, Any]]:
    """Specs whose every value has the JSON type, enum value and bounds the schema asks for."""
    return _strategy(compile_model(model), 0)


def loosely_typed_spec(model: type[KumaModel]) -> st.SearchStrategy[dict[str, Any]]:
    """Specs of the schema's shape and JSON types, but with any text and any integer in them.

    Kuma's decoder lets such values through to the validators (no enum or bound checks), so every
    validator must cope with them.
    """
    return _strategy(compile_model(model), 0, loose=True)
