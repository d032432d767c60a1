"""Loads Kuma's validator cases (``validators/*/cases.yaml``) and runs one through our validators."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.path import FieldPath
from pulumi_kuma.model.schema import ingest
from pulumi_kuma.model.validation import ingest_spec, validate_name
from pulumi_kuma.model.violations import Violations
from pulumi_kuma.policies.meshproxypatch import JsonPatchBlock, validate_json_patch_block
from pulumi_kuma.registry import REGISTRY
from tests.conftest import CONFORMANCE


@dataclass(frozen=True)
class Case:
    folder: str
    kind: str
    id: str
    expect: str
    order: str
    data: dict[str, Any]
    base: Path
    root_path: str | None

    @property
    def key(self) -> str:
        return f"{self.folder}/{self.id}"

    def expected(self) -> list[Violation]:
        if "golden_file" in self.data:
            golden = yaml.safe_load((self.base / self.data["golden_file"]).read_text()) or {}
            items = golden.get("violations") or []
        else:
            items = self.data.get("violations") or []
        return [Violation(i["field"], i["message"]) for i in items]

    def input(self) -> Any:
        if "input_file" in self.data:
            return yaml.safe_load((self.base / self.data["input_file"]).read_text())
        if "input_patch_blocks" in self.data:
            return [yaml.safe_load(b) for b in self.data["input_patch_blocks"]]
        return yaml.safe_load(self.data.get("input") or "") or {}


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(CONFORMANCE.glob("validators/*/cases.yaml")):
        doc = yaml.safe_load(path.read_text())
        for item in doc["cases"]:
            cases.append(
                Case(
                    folder=path.parent.name,
                    kind=doc["kind"],
                    id=item["id"],
                    expect=item["expect"],
                    order=item.get("violations_order", "any"),
                    data=item,
                    base=path.parent,
                    root_path=doc.get("root_path"),
                )
            )
    return cases


def _json_patch_blocks(case: Case) -> list[Violation]:
    """MeshProxyPatch's JSON patch validator, called on a bare list of blocks as Kuma's test does."""
    root = FieldPath(case.root_path or "")
    out: list[Violation] = []
    blocks = []
    for i, raw in enumerate(case.input()):
        normalised, violations = ingest(JsonPatchBlock, raw, str(root.index(i)), "decode")
        out.extend(violations)
        if normalised is not None:
            blocks.append(JsonPatchBlock.model_validate(normalised))
    v = Violations()
    validate_json_patch_block(v, root, blocks)
    return out + v.items


# Kinds that Kuma validates on their own but that are not resources we register.
SPECIAL_VALIDATORS: dict[str, Callable[[Case], list[Violation]]] = {
    "JsonPatchBlock": _json_patch_blocks,
}


def run_case(case: Case) -> list[Violation]:
    """What our validators say about a case, run the way Kuma's unit test runs it."""
    special = SPECIAL_VALIDATORS.get(case.kind)
    if special is not None:
        return special(case)
    kind = REGISTRY.by_name(case.kind)
    meta = case.data.get("meta") or {}
    raw = case.input()
    if isinstance(raw, dict) and not kind.legacy_layout:
        raw = {k: v for k, v in raw.items() if k not in ("type", "mesh", "name")}
    out: list[Violation] = []
    if meta.get("name") and (kind.dns1035_name or kind.legacy_layout):
        out.extend(validate_name(kind, meta["name"]))
    result = ingest_spec(kind, raw, mode="decode", name=meta.get("name", ""), mesh=meta.get("mesh"))
    out.extend(result.violations)
    return out


def same(case: Case, got: list[Violation]) -> bool:
    want = case.expected()
    if case.order == "exact":
        return got == want
    return sorted(got, key=str) == sorted(want, key=str)
