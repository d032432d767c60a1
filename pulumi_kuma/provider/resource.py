"""The base of every Kuma resource class, and of the typed ``*Args`` input classes.

The classes themselves (``MeshTimeout``, ``MeshTimeoutSpecArgs``, ...) are generated from the
registry into :mod:`pulumi_kuma.provider.resources`; this module holds what they share.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import pulumi
from pulumi import dynamic

from pulumi_kuma.model.registry import KindDescriptor
from pulumi_kuma.model.secrecy import SourceTree, holds_inline, is_inline_source, source_tree
from pulumi_kuma.provider.config import ControlPlane
from pulumi_kuma.provider.provider import KumaProvider
from pulumi_kuma.registry import REGISTRY


class KumaArgs:
    """Base of the typed input classes: snake_case attributes, Kuma's camelCase on the wire.

    Every field accepts a plain value, a ``pulumi.Output`` or another ``*Args`` instance; a plain
    dict in Kuma's JSON shape is accepted wherever an ``*Args`` class is.
    """

    _wire_names: ClassVar[dict[str, str]] = {}
    """Python attribute name → Kuma JSON field name."""

    def to_wire(self) -> dict[str, Any]:
        """Kuma's JSON for these arguments (Outputs stay Outputs; unset fields are left out)."""
        out: dict[str, Any] = {}
        for attr, wire in self._wire_names.items():
            value = getattr(self, attr, None)
            if value is not None:
                out[wire] = to_wire(value)
        return out


def to_wire(value: Any) -> Any:
    """Turn ``*Args`` instances (anywhere, including inside Outputs) into Kuma JSON."""
    if isinstance(value, KumaArgs):
        return value.to_wire()
    if isinstance(value, pulumi.Output):
        return value.apply(lambda v: pulumi.Output.from_input(to_wire(v)))
    if isinstance(value, Mapping):
        return {str(k): to_wire(v) for k, v in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        return [to_wire(v) for v in value]
    if inspect.isawaitable(value):
        return pulumi.Output.from_input(value).apply(lambda v: pulumi.Output.from_input(to_wire(v)))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_wire(dataclasses.asdict(value))
    return value


def _plain(value: Any) -> bool:
    """Whether a ``to_wire`` result holds no Output anywhere."""
    if isinstance(value, pulumi.Output):
        return False
    if isinstance(value, dict):
        return all(_plain(v) for v in value.values())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return True


def _secret_if(value: Any, test: Any) -> pulumi.Output[Any]:
    """``value`` as an Output, made secret once resolved if ``test(resolved)`` says so.

    ``apply`` lifts the Output the callback returns and joins its secretness with the input's,
    so the result is secret exactly when the test holds (or the value was secret already).
    """
    return pulumi.Output.from_input(value).apply(lambda v: pulumi.Output.secret(v) if test(v) else v)


def seal_spec(kind: KindDescriptor, spec: Any) -> Any:
    """The spec input (a ``to_wire`` result) with its private material kept secret.

    Secret kinds: the whole spec, always. Kinds with SecureDataSources: the whole spec when a
    plainly written source is inline; a source that is (or sits inside) an Output is decided when
    the Output resolves, and then only that Output's value becomes secret, so that the rest of the
    spec stays readable (and checkable) in previews even while other parts are unknown. Other
    specs are returned untouched. What is stored is decided again by the provider's ``check``,
    which sees the resolved spec and makes it secret as a whole (``KindDescriptor.spec_is_secret``).
    """
    if kind.admin_only:
        return pulumi.Output.secret(spec)
    tree = source_tree(kind.spec_model)
    if tree is None:
        return spec
    inline = False

    def walk(node: SourceTree, value: Any) -> Any:
        nonlocal inline
        if isinstance(value, pulumi.Output):
            return _secret_if(value, lambda v: holds_inline(node, v))
        if node.is_source:
            if _plain(value):
                inline = inline or is_inline_source(value)
                return value
            return _secret_if(value, is_inline_source)
        if isinstance(value, dict):
            out = dict(value)
            if node.each is not None:
                out = {k: walk(node.each, v) for k, v in out.items()}
            for name, child in node.fields.items():
                if name in out:
                    out[name] = walk(child, out[name])
            return out
        if isinstance(value, list) and node.each is not None:
            return [walk(node.each, v) for v in value]
        return value

    sealed = walk(tree, spec)
    return pulumi.Output.secret(spec) if inline else sealed


class KumaResource(dynamic.Resource):
    """Common behaviour of the Kuma resource classes; use the per-kind classes."""

    _kind_name: ClassVar[str]

    kind: pulumi.Output[str]
    """The Kuma kind (``MeshTimeout``, ``Mesh``, ...)."""
    name: pulumi.Output[str]
    """The resource's name on the control plane."""
    labels: pulumi.Output[dict[str, str]]
    """The labels, including those the control plane computes (``kuma.io/mesh``, ``kuma.io/zone``, ...)."""
    spec: pulumi.Output[dict[str, Any]]
    """The spec as the control plane stores it: Kuma's JSON, defaults applied."""
    kri: pulumi.Output[str]
    """The resource's KRI (``kri_mt_default___api-timeouts_``)."""
    creation_time: pulumi.Output[str]
    """When the control plane created the resource (RFC 3339)."""
    modification_time: pulumi.Output[str]
    """When the control plane last changed the resource (RFC 3339)."""
    warnings: pulumi.Output[list[str]]
    """Warnings the control plane returned on the last write (deprecated fields, ...)."""

    def __init__(
        self,
        resource_name: str,
        *,
        spec: Any,
        mesh: pulumi.Input[str] | None = None,
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        kind = REGISTRY.by_name(self._kind_name)
        if kind.mesh_scoped and mesh is None:
            raise TypeError(f"{kind.name} is mesh-scoped: pass mesh=<mesh name>")
        if not kind.mesh_scoped and mesh is not None:
            raise TypeError(f"{kind.name} is not mesh-scoped: it takes no mesh")
        props: dict[str, Any] = {
            "kind": kind.name,
            "name": name if name is not None else resource_name,
            "labels": to_wire(labels) if labels is not None else None,
            "spec": seal_spec(kind, to_wire(spec) if spec is not None else {}),
            "adopt": adopt,
            "control_plane": control_plane.to_input() if control_plane is not None else None,
            # Output-only properties: declared so that the attributes exist.
            "kri": None,
            "creation_time": None,
            "modification_time": None,
            "warnings": None,
        }
        if kind.mesh_scoped:
            props["mesh"] = mesh
        if kind.admin_only:
            # Secrets: the spec always holds secret data; keep the output secret whatever the
            # provider returns. Specs that are secret only when they hold a key inline need no
            # option: the engine makes an output secret when the same-named input is.
            opts = pulumi.ResourceOptions.merge(
                opts, pulumi.ResourceOptions(additional_secret_outputs=["spec"])
            )
        super().__init__(KumaProvider(), resource_name, props, opts)
