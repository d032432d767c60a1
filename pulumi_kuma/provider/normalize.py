"""Comparing what a program declares with what a control plane stores.

Kuma normalises a resource when it stores it: schema defaults are added, unknown fields dropped,
durations re-rendered (``90s`` comes back as ``1m30s``) and labels computed (``kuma.io/mesh``,
``kuma.io/zone``, ...). A diff that compared raw JSON would show changes that are not changes, so
both sides go through the same REST ingestion (:func:`canonical_spec`) before they are compared.

The program side may hold *unknown* values during preview (outputs of resources not created yet).
:func:`strip_unknowns` removes them and remembers where they were, so that validation can run on
what is known and ignore only what depends on the unknown parts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pulumi.output import Unknown
from pulumi.runtime.rpc import UNKNOWN as UNKNOWN_SENTINEL

from pulumi_kuma.model.duration import InvalidDuration, normalize_duration
from pulumi_kuma.model.envelope import COMPUTED_LABELS
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor
from pulumi_kuma.model.schema import ListNode, MapNode, ModelNode, Node, StringNode, compile_model
from pulumi_kuma.model.validation import ingest_spec, spec_root


def is_unknown(value: object) -> bool:
    """True for a value Pulumi does not know yet (preview of an output not computed)."""
    return isinstance(value, Unknown) or (isinstance(value, str) and value == UNKNOWN_SENTINEL)


def contains_unknown(value: object) -> bool:
    """True when the value or anything nested in it is unknown."""
    if is_unknown(value):
        return True
    if isinstance(value, Mapping):
        return any(contains_unknown(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(contains_unknown(v) for v in value)
    return False


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def strip_unknowns(value: Any, path: str) -> tuple[Any, list[str]]:
    """The value without its unknown parts, and the Kuma field paths where they were.

    A list with an unknown element is removed whole: dropping one element would shift the
    indices of the others and put violations at the wrong paths.
    """
    if is_unknown(value):
        return None, [path]
    if isinstance(value, Mapping):
        result: dict[str, Any] = {}
        paths: list[str] = []
        for key, element in value.items():
            cleaned, found = strip_unknowns(element, _join(path, str(key)))
            paths.extend(found)
            if cleaned is not None:
                result[key] = cleaned
        return result, paths
    if isinstance(value, list | tuple):
        if any(contains_unknown(v) for v in value):
            return None, [path]
        return list(value), []
    return value, []


def related(a: str, b: str) -> bool:
    """True when one field path is the other or lies inside it."""
    if a == b or not a or not b:
        return True
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return longer.startswith(shorter) and longer[len(shorter)] in ".["


def drop_related(violations: Iterable[Violation], unknown_paths: list[str]) -> list[Violation]:
    """Violations that cannot depend on an unknown value (conservative: none near one)."""
    return [v for v in violations if not any(related(v.field, p) for p in unknown_paths)]


def _canon(node: Node, value: Any) -> Any:
    if isinstance(node, StringNode):
        if node.duration and isinstance(value, str) and value:
            try:
                return normalize_duration(value)
            except InvalidDuration:
                return value
        return value
    if isinstance(node, ModelNode) and isinstance(value, dict):
        fields = {f.alias: f.node for f in node.fields}
        return {k: _canon(fields[k], v) if k in fields else v for k, v in value.items()}
    if isinstance(node, ListNode) and isinstance(value, list):
        return [_canon(node.item, v) for v in value]
    if isinstance(node, MapNode) and isinstance(value, dict):
        return {k: _canon(node.value, v) for k, v in value.items()}
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def canonical_spec(kind: KindDescriptor, spec: Any) -> Any:
    """A spec as the control plane would store it, with durations in Go's canonical form.

    Defaults are applied and unknown fields dropped, so two specs that Kuma would store alike
    compare equal whatever the key order, the duration spelling or the defaults written out.
    """
    normalised = ingest_spec(kind, spec if spec is not None else {}, mode="rest").spec
    return _canon(compile_model(kind.spec_model), normalised)


def specs_equal(kind: KindDescriptor, old: Any, new: Any) -> bool:
    """Whether two specs mean the same resource."""
    return bool(canonical_spec(kind, old) == canonical_spec(kind, new))


def user_labels(
    labels: Mapping[str, str] | None, declared: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Labels without the ones the control plane computes, except those the program declares."""
    keep = declared or {}
    return {k: v for k, v in (labels or {}).items() if k not in COMPUTED_LABELS or k in keep}


def labels_equal(stored: Mapping[str, str] | None, declared: Mapping[str, str] | None) -> bool:
    """Whether the stored labels carry exactly the declared ones (computed labels ignored)."""
    return user_labels(stored, declared) == dict(declared or {})


def spec_path_root(kind: KindDescriptor) -> str:
    """The field path Kuma reports spec fields under (``spec``, or the root for old kinds)."""
    return spec_root(kind)
