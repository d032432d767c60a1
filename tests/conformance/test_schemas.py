"""Our models' schema (types, enums, required, defaults, bounds, patterns) equals Kuma's OpenAPI.

For every registered kind that Kuma ships a ``schemas/<kind>.rest.yaml`` for, the spec schema we
compile from the model markers is compared structurally with Kuma's ``<Kind>Item.properties.spec``.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from pulumi_kuma.model.schema import compile_model
from pulumi_kuma.registry import REGISTRY
from tests.conftest import CONFORMANCE

_CHECKED_KEYWORDS = (
    "enum",
    "default",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
)


def _shape(schema: dict[str, Any]) -> str:
    if schema.get("x-kubernetes-int-or-string"):
        return "int-or-string"
    if "properties" in schema:
        return "object"
    if schema.get("type") == "object" and "additionalProperties" in schema:
        return "map"
    if schema.get("x-kubernetes-preserve-unknown-fields") or schema.get("type") in (None, "object"):
        return "any"
    return str(schema["type"])


def schema_diff(ours: dict[str, Any], theirs: dict[str, Any], path: str) -> list[str]:
    """Human-readable differences between our compiled schema and Kuma's."""
    out: list[str] = []
    shape_ours, shape_theirs = _shape(ours), _shape(theirs)
    if shape_ours != shape_theirs:
        return [f"{path}: type {shape_ours} (ours) vs {shape_theirs} (Kuma)"]
    for keyword in _CHECKED_KEYWORDS:
        if ours.get(keyword) != theirs.get(keyword):
            out.append(f"{path}: {keyword} {ours.get(keyword)!r} (ours) vs {theirs.get(keyword)!r} (Kuma)")
    if shape_ours == "object":
        if set(ours.get("required", [])) != set(theirs.get("required", [])):
            out.append(f"{path}: required {ours.get('required')} (ours) vs {theirs.get('required')} (Kuma)")
        mine, kumas = ours["properties"], theirs["properties"]
        for name in sorted(set(mine) | set(kumas)):
            if name not in mine:
                out.append(f"{path}.{name}: missing in our model")
            elif name not in kumas:
                out.append(f"{path}.{name}: not in Kuma's schema")
            else:
                out.extend(schema_diff(mine[name], kumas[name], f"{path}.{name}"))
    elif shape_ours == "array":
        out.extend(schema_diff(ours["items"], theirs["items"], f"{path}[]"))
    elif shape_ours == "map":
        out.extend(schema_diff(ours["additionalProperties"], theirs["additionalProperties"], f"{path}{{}}"))
    return out


def _kinds_with_schema() -> list[Any]:
    params = []
    for kind in REGISTRY:
        path = CONFORMANCE / "schemas" / f"{kind.name.lower()}.rest.yaml"
        if path.exists():
            params.append(pytest.param(kind.name, path, id=kind.name))
    return params


@pytest.mark.parametrize(("kind_name", "path"), _kinds_with_schema())
def test_spec_schema_matches_kuma(kind_name: str, path: Any) -> None:
    document = yaml.safe_load(path.read_text())
    theirs = document["components"]["schemas"][f"{kind_name}Item"]["properties"]["spec"]
    ours = compile_model(REGISTRY.by_name(kind_name).spec_model).json_schema()
    differences = schema_diff(ours, theirs, "spec")
    assert not differences, "\n".join(differences)
