"""Generate :mod:`pulumi_kuma.provider.resources` from the registry.

For every kind: typed ``*Args`` classes for its spec and each nested model (snake_case keyword
arguments, docstrings from the models' docs and schema markers), and a resource class named after
the kind. Run ``python -m pulumi_kuma.provider.codegen`` (or ``scripts/generate``) after changing a
kind; ``tests/provider/test_codegen.py`` fails while the committed module is out of date.
"""

from __future__ import annotations

import keyword
import subprocess
import sys
import textwrap
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

from pydantic.fields import FieldInfo

from pulumi_kuma.model.base import (
    Default,
    Doc,
    DurationFormat,
    Items,
    KumaModel,
    OneOf,
    Pattern,
    Range,
    Required,
)
from pulumi_kuma.model.registry import KindDescriptor, Registry
from pulumi_kuma.model.secrecy import source_paths

RESOURCES_PATH = Path(__file__).with_name("resources.py")


def python_literal(value: Any, indent: int = 0) -> str:
    """A Python literal for a JSON value, indented like a formatter would."""
    pad = " " * indent
    inner = " " * (indent + 4)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [
            f"{inner}{python_literal(str(k))}: {python_literal(v, indent + 4)}," for k, v in value.items()
        ]
        return "{\n" + "\n".join(items) + f"\n{pad}}}"
    if isinstance(value, list):
        if not value:
            return "[]"
        items = [f"{inner}{python_literal(v, indent + 4)}," for v in value]
        return "[\n" + "\n".join(items) + f"\n{pad}]"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(value)


def _docstring(text: str, indent: int) -> str:
    pad = " " * indent
    body = text.strip().replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    lines = body.splitlines()
    if len(lines) == 1 and len(lines[0]) + indent + 6 <= 110:
        return f'{pad}"""{lines[0]}"""'
    return (
        f'{pad}"""'
        + "\n".join(lines[:1] + [f"{pad}{line}" if line else "" for line in lines[1:]])
        + f'\n{pad}"""'
    )


@dataclass
class _ArgsClass:
    name: str
    model: type[KumaModel]
    doc: str
    fields: list[tuple[str, str, str, str]] = field(default_factory=list)
    """(python name, wire name, type expression, docstring)."""


class _Generator:
    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.classes: dict[type[KumaModel], _ArgsClass] = {}
        self.names: dict[str, type[KumaModel]] = {}
        self.order: list[_ArgsClass] = []

    # -- names and types ----------------------------------------------------------------------

    def _base_name(self, model: type[KumaModel]) -> str:
        meta = getattr(model, "__pydantic_generic_metadata__", None) or {}
        origin, args = meta.get("origin"), meta.get("args") or ()
        if origin is not None and args:
            params = [str(getattr(a, "__name__", "Any")) for a in args]
            first = params[0][:-4] if params[0].endswith("Conf") and len(params[0]) > 4 else params[0]
            return first + str(origin.__name__) + "".join(params[1:])
        return model.__name__

    def args_class(self, model: type[KumaModel], kind: KindDescriptor) -> str:
        existing = self.classes.get(model)
        if existing is not None:
            return existing.name
        name = self._base_name(model) + "Args"
        if name in self.names and self.names[name] is not model:
            name = kind.name + name
        self.names[name] = model
        meta = getattr(model, "__pydantic_generic_metadata__", None) or {}
        origin = meta.get("origin")
        doc = (model.__doc__ or (origin.__doc__ if origin is not None else "") or "").strip()
        if not doc or doc.startswith(("Usage docs:", "!!! abstract")):
            doc = f"Arguments of ``{self._base_name(model)}``."
        entry = _ArgsClass(name, model, doc)
        self.classes[model] = entry
        for py_name, info in model.model_fields.items():
            entry.fields.append(self._field(py_name, info, kind))
        self.order.append(entry)
        return name

    def _field(self, py_name: str, info: FieldInfo, kind: KindDescriptor) -> tuple[str, str, str, str]:
        wire = info.alias or py_name
        attr = py_name + "_" if keyword.iskeyword(py_name) else py_name
        markers = list(info.metadata)
        type_expr = self._type(info.annotation, markers, kind)
        return attr, wire, type_expr, self._field_doc(info, markers, wire)

    def _type(self, annotation: Any, markers: list[Any], kind: KindDescriptor) -> str:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            base, *extra = typing.get_args(annotation)
            markers.extend(extra)
            return self._type(base, markers, kind)
        if origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) == 1:
                return self._type(args[0], markers, kind)
            plain = {typing.get_origin(a) or a for a in args}
            if plain == {int, str}:
                return "pulumi.Input[int | str]"
            return "Any"
        if origin is list:
            (item,) = typing.get_args(annotation)
            return f"pulumi.Input[Sequence[{self._type(item, [], kind)}]]"
        if origin is dict:
            _, value = typing.get_args(annotation)
            return f"pulumi.Input[Mapping[str, {self._type(value, [], kind)}]]"
        if isinstance(annotation, type) and issubclass(annotation, KumaModel):
            return f"pulumi.Input[{self.args_class(annotation, kind)} | Mapping[str, Any]]"
        if annotation in (str, int, float, bool):
            return f"pulumi.Input[{annotation.__name__}]"
        return "Any"

    @staticmethod
    def _field_doc(info: FieldInfo, markers: list[Any], wire: str) -> str:
        parts: list[str] = []
        text = info.description or next((m.text for m in markers if isinstance(m, Doc)), None)
        if text:
            parts.append(text.strip().rstrip(".") + ".")
        else:
            parts.append(f"Kuma field ``{wire}``.")
        for marker in markers:
            if isinstance(marker, Required):
                parts.append("Required.")
            elif isinstance(marker, OneOf):
                parts.append("One of: " + ", ".join(f"``{v}``" for v in marker.values) + ".")
            elif isinstance(marker, DurationFormat):
                parts.append('A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``.')
            elif isinstance(marker, Default):
                parts.append(f"Default: ``{marker.value!r}``.")
            elif isinstance(marker, Range):
                bounds = []
                if marker.minimum is not None:
                    bounds.append(f">= {marker.minimum}")
                if marker.maximum is not None:
                    bounds.append(f"<= {marker.maximum}")
                parts.append("Must be " + " and ".join(bounds) + ".")
            elif isinstance(marker, Pattern):
                parts.append(f"Must match ``{marker.regex}``.")
            elif isinstance(marker, Items) and marker.min_items:
                parts.append(f"At least {marker.min_items} item(s).")
        return " ".join(parts)

    # -- rendering ------------------------------------------------------------------------------

    def render(self) -> str:
        spec_classes: dict[str, str] = {}
        for kind in self.registry:
            spec_classes[kind.name] = self.args_class(kind.spec_model, kind)
        out: list[str] = [HEADER]
        for entry in self.order:
            out.append(self._render_args(entry))
        for kind in self.registry:
            out.append(self._render_resource(kind, spec_classes[kind.name]))
        names = sorted([e.name for e in self.order] + [k.name for k in self.registry])
        out.append("__all__ = [\n" + "".join(f'    "{n}",\n' for n in names) + "]\n")
        return "\n\n".join(out)

    def _render_args(self, entry: _ArgsClass) -> str:
        lines = [
            "@dataclass(kw_only=True)",
            f"class {entry.name}(KumaArgs):",
            _docstring(entry.doc, 4),
            "",
        ]
        wire = ", ".join(f'"{attr}": "{w}"' for attr, w, _, _ in entry.fields)
        lines.append(f"    _wire_names: ClassVar[dict[str, str]] = {{{wire}}}")
        for attr, _, type_expr, doc in entry.fields:
            lines.append("")
            lines.append(f"    {attr}: {type_expr} | None = None")
            lines.append(_docstring(doc, 4))
        return "\n".join(lines) + "\n"

    def _render_resource(self, kind: KindDescriptor, spec_class: str) -> str:
        example_args = ['    "example",']
        if kind.mesh_scoped:
            example_args.append('    mesh="default",')
        example = kind.example if kind.example is not None else {}
        example_args.append(f"    spec={python_literal(dict(example), 4)},")
        example_code = (
            "import pulumi_kuma\n\npulumi_kuma." + kind.name + "(\n" + "\n".join(example_args) + "\n)"
        )
        scope = (
            f'Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path '
            f"``/meshes/{{mesh}}/{kind.plural}/{{name}}``."
            if kind.mesh_scoped
            else f"Global: REST path ``/{kind.plural}/{{name}}``."
        )
        layout = (
            "\n\nOn the wire the spec's fields sit beside the resource's meta (an old-style kind); "
            "``spec`` here still holds just those fields."
            if kind.legacy_layout
            else ""
        )
        secret = ""
        if kind.admin_only:
            secret = "\n\nThe spec holds secret data: it is stored as a Pulumi secret (inputs and outputs)."
        elif kind.holds_secure_data:
            fields = ", ".join(f"``spec.{path}``" for path in source_paths(kind.spec_model))
            secret = (
                f"\n\nSecure data sources ({fields}) may carry a value inline (``InsecureInline``, such "
                "as a private key): a spec that does is stored as a Pulumi secret (inputs and outputs) "
                "and previews show ``[secret]``; one that only references Secrets, files or environment "
                "variables stays readable."
            )
        doc = (
            f"{kind.description}\n\n{scope}{layout}{secret}\n\n"
            "## Example Usage\n\n.. code-block:: python\n\n"
            + textwrap.indent(example_code, "    ")
            + "\n\n## Outputs\n\n"
            "``name``, "
            + ("``mesh``, " if kind.mesh_scoped else "")
            + "``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults "
            "applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.\n\n"
            "## Adopt and refresh\n\n"
            "Creating fails when the resource already exists on the control plane, unless "
            "``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside "
            "Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is "
            "removed from the state."
        )
        mesh_param = '        mesh: pulumi.Input[str] = "default",\n' if kind.mesh_scoped else ""
        mesh_arg = " mesh=mesh," if kind.mesh_scoped else ""
        mesh_doc = ":param mesh: the mesh the resource belongs to.\n" if kind.mesh_scoped else ""
        init_doc = (
            f"Declare a {kind.name}.\n\n"
            ":param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).\n"
            f":param spec: the spec: a ``{spec_class}`` or a dict in Kuma's JSON shape (camelCase).\n"
            f"{mesh_doc}"
            ":param name: the name on the control plane; defaults to ``resource_name``.\n"
            ":param labels: labels to set; labels the control plane computes are added to the output.\n"
            ":param adopt: take over a resource that already exists instead of failing.\n"
            ":param control_plane: manage the resource on this control plane instead of the one in the stack config.\n"
            ":param opts: Pulumi resource options."
        )
        annotations = "    mesh: pulumi.Output[str]\n" if kind.mesh_scoped else ""
        return (
            f'class {kind.name}(KumaResource, module="kuma", name="{kind.name}"):\n'
            f"{_docstring(doc, 4)}\n\n"
            f'    _kind_name: ClassVar[str] = "{kind.name}"\n'
            f"{annotations}\n"
            "    def __init__(\n"
            "        self,\n"
            "        resource_name: str,\n"
            "        *,\n"
            f"        spec: pulumi.Input[{spec_class} | Mapping[str, Any]] | None = None,\n"
            f"{mesh_param}"
            "        name: pulumi.Input[str] | None = None,\n"
            "        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,\n"
            "        adopt: pulumi.Input[bool] = False,\n"
            "        control_plane: ControlPlane | None = None,\n"
            "        opts: pulumi.ResourceOptions | None = None,\n"
            "    ) -> None:\n"
            f"{_docstring(init_doc, 8)}\n"
            "        super().__init__(\n"
            f"            resource_name, spec=spec,{mesh_arg} name=name, labels=labels, adopt=adopt,\n"
            "            control_plane=control_plane, opts=opts,\n"
            "        )\n"
        )


HEADER = '''"""Resource classes and typed arguments for every Kuma kind.

Generated from ``pulumi_kuma.registry.REGISTRY`` by ``python -m pulumi_kuma.provider.codegen``;
do not edit by hand.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import pulumi

from pulumi_kuma.provider.config import ControlPlane
from pulumi_kuma.provider.resource import KumaArgs, KumaResource
'''


def generate(registry: Registry | None = None) -> str:
    """The source of :mod:`pulumi_kuma.provider.resources`, formatted with ruff."""
    if registry is None:
        from pulumi_kuma.registry import REGISTRY

        registry = REGISTRY
    source = _Generator(registry).render()
    return format_source(source, RESOURCES_PATH)


def format_source(source: str, path: Path) -> str:
    """Format Python source the way the repository's ``ruff format`` does."""
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--stdin-filename", str(path), "-"],
        input=source,
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    if result.returncode != 0:
        raise RuntimeError(f"ruff format failed on generated code:\n{result.stderr}")
    return result.stdout


def main() -> int:
    """Write the generated module."""
    RESOURCES_PATH.write_text(generate())
    print(f"wrote {RESOURCES_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
