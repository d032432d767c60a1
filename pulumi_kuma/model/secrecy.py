"""Where a spec can hold private material in clear: SecureDataSources given ``InsecureInline``.

A SecureDataSource (:mod:`pulumi_kuma.model.datasource`) usually names where the control plane
reads a value (a Secret, a file, an environment variable); only its ``InsecureInline`` form carries
the value itself (a CA private key, a TLS client key) inside the resource. Which kinds can do that
follows from their spec models, found by walking the compiled schema, so no kind is named here:
:func:`source_tree` says where SecureDataSources sit in a model, :func:`holds_inline_source`
whether a spec JSON uses one inline.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.datasource import SecureDataSource
from pulumi_kuma.model.schema import ListNode, MapNode, ModelNode, Node, compile_model

INLINE_TYPE = "InsecureInline"
INLINE_FIELD = "insecureInline"


class SourceTree:
    """The part of a schema that leads to SecureDataSources.

    A node is a source itself, or an object whose ``fields`` (wire names) lead to sources, or a
    list or map whose elements (``each``) do. Recursive models give a cyclic tree; walks follow a
    (finite) JSON value, so they terminate.
    """

    __slots__ = ("each", "fields", "is_source")

    def __init__(self) -> None:
        self.is_source = False
        self.fields: dict[str, SourceTree] = {}
        self.each: SourceTree | None = None


def _is_source_model(node: Node) -> bool:
    return isinstance(node, ModelNode) and issubclass(node.model, SecureDataSource)


def _children(node: Node) -> Iterator[Node]:
    if isinstance(node, ModelNode) and not _is_source_model(node):
        yield from (spec.node for spec in node.fields)
    elif isinstance(node, ListNode):
        yield node.item
    elif isinstance(node, MapNode):
        yield node.value


def _reaching(root: Node) -> set[int]:
    """Ids of the nodes below ``root`` (included) from which a SecureDataSource is reachable."""
    nodes: dict[int, Node] = {}
    parents: dict[int, list[Node]] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in nodes:
            continue
        nodes[id(node)] = node
        for child in _children(node):
            parents.setdefault(id(child), []).append(node)
            stack.append(child)
    reaching: set[int] = set()
    pending = [node for node in nodes.values() if _is_source_model(node)]
    while pending:
        node = pending.pop()
        if id(node) in reaching:
            continue
        reaching.add(id(node))
        pending.extend(parents.get(id(node), []))
    return reaching


@functools.cache
def source_tree(model: type[KumaModel]) -> SourceTree | None:
    """Where SecureDataSources sit in ``model`` (nested, in lists and maps); None when nowhere."""
    root = compile_model(model)
    reaching = _reaching(root)
    if id(root) not in reaching:
        return None
    built: dict[int, SourceTree] = {}

    def build(node: Node) -> SourceTree:
        tree = built.get(id(node))
        if tree is not None:
            return tree
        tree = built[id(node)] = SourceTree()  # registered first: recursive models share it
        if _is_source_model(node):
            tree.is_source = True
        elif isinstance(node, ModelNode):
            tree.fields = {spec.alias: build(spec.node) for spec in node.fields if id(spec.node) in reaching}
        elif isinstance(node, ListNode):
            tree.each = build(node.item)
        elif isinstance(node, MapNode):
            tree.each = build(node.value)
        return tree

    return build(root)


def holds_secure_data(model: type[KumaModel]) -> bool:
    """Whether a SecureDataSource field appears anywhere in ``model``."""
    return source_tree(model) is not None


def source_paths(model: type[KumaModel]) -> list[str]:
    """The wire paths of ``model``'s SecureDataSource fields (``provider.bundled.ca.privateKey``).

    List elements and map values show as ``[]``; a recursive reference is not followed (the paths
    through it repeat the ones listed, one level down).
    """
    tree = source_tree(model)
    paths: list[str] = []

    def walk(node: SourceTree, path: str, seen: frozenset[int]) -> None:
        if node.is_source:
            paths.append(path)
            return
        if id(node) in seen:
            return
        seen = seen | {id(node)}
        for name, child in node.fields.items():
            walk(child, f"{path}.{name}" if path else name, seen)
        if node.each is not None:
            walk(node.each, f"{path}[]", seen)

    if tree is not None:
        walk(tree, "", frozenset())
    return paths


def is_inline_source(value: Any) -> bool:
    """Whether a SecureDataSource JSON carries its value inline (or names the inline type).

    Any non-empty ``insecureInline`` counts, whatever ``type`` says: the control plane stores the
    whole object, so the value would be stored (and shown) even when another type is selected.
    """
    if not isinstance(value, dict):
        return False
    return value.get("type") == INLINE_TYPE or bool(value.get(INLINE_FIELD))


def holds_inline(tree: SourceTree, value: Any) -> bool:
    """Whether ``value`` (JSON shaped like ``tree``'s schema) has an inline SecureDataSource."""
    if tree.is_source:
        return is_inline_source(value)
    if isinstance(value, dict):
        if tree.each is not None and any(holds_inline(tree.each, v) for v in value.values()):
            return True
        return any(name in value and holds_inline(child, value[name]) for name, child in tree.fields.items())
    if isinstance(value, list) and tree.each is not None:
        return any(holds_inline(tree.each, v) for v in value)
    return False


def holds_inline_source(model: type[KumaModel], spec: Any) -> bool:
    """Whether spec JSON of ``model`` uses an ``InsecureInline`` SecureDataSource anywhere."""
    tree = source_tree(model)
    return tree is not None and holds_inline(tree, spec)
