"""``pulumi-kuma validate``: offline lint of Kuma resources in universal YAML or JSON.

Exit codes: 0 every document is valid, 1 at least one is invalid, 2 some input could not be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import yaml

from pulumi_kuma.model.validation import DocumentResult, validate_document
from pulumi_kuma.registry import REGISTRY

_SUFFIXES = (".yaml", ".yml", ".json")


class InputError(Exception):
    """An input that cannot be read or parsed; the message says where."""


@dataclass(frozen=True, slots=True)
class Document:
    source: str
    index: int
    content: Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="validate Kuma resources offline (YAML or JSON files, directories, or - for stdin)",
        description=(
            "Validate Kuma resources exactly as kuma-cp's REST API would ingest them: schema, "
            "defaults, then each kind's own rules. Files may hold several YAML documents; "
            "directories are searched for .yaml, .yml and .json files."
        ),
    )
    parser.add_argument("inputs", nargs="+", metavar="FILE", help="a file, a directory, or - for stdin")
    parser.add_argument("-o", "--output", choices=("text", "json"), default="text", help="output format")
    parser.set_defaults(handler=run)


def expand_inputs(inputs: list[str]) -> Iterator[str]:
    """Each input; a directory becomes its .yaml, .yml and .json files, sorted."""
    for item in inputs:
        path = Path(item)
        if item != "-" and path.is_dir():
            yield from (str(p) for p in sorted(path.rglob("*")) if p.suffix in _SUFFIXES and p.is_file())
        else:
            yield item


def read_documents(source: str, stdin: TextIO) -> list[Document]:
    """Every non-empty document in a file (``-`` is stdin); raises :class:`InputError`."""
    try:
        text = stdin.read() if source == "-" else Path(source).read_text()
    except OSError as exc:
        raise InputError(f"{source}: cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: not UTF-8 text: {exc}") from exc
    name = "<stdin>" if source == "-" else source
    if source.endswith(".json"):
        try:
            loaded = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from exc
        items = loaded if isinstance(loaded, list) else [loaded]
        return [Document(name, i + 1, d) for i, d in enumerate(items)]
    try:
        loaded_docs = list(yaml.safe_load_all(text))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark is not None else name
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"{where}: invalid YAML: {problem}") from exc
    return [Document(name, i + 1, d) for i, d in enumerate(loaded_docs) if d is not None]


def _describe(result: DocumentResult) -> str:
    kind = result.type if isinstance(result.type, str) and result.type else "<no type>"
    name = result.name if isinstance(result.name, str) and result.name else "<no name>"
    if isinstance(result.mesh, str) and result.mesh and (result.kind is None or result.kind.mesh_scoped):
        return f"{kind} {result.mesh}/{name}"
    return f"{kind} {name}"


def _json_entry(result: DocumentResult) -> dict[str, Any]:
    return {
        "type": result.type if isinstance(result.type, str) else None,
        "mesh": result.mesh if isinstance(result.mesh, str) else None,
        "name": result.name if isinstance(result.name, str) else None,
        "violations": [v.to_json() for v in result.violations],
    }


def run(args: argparse.Namespace) -> int:
    """Validate every document; print a report; return the exit code."""
    results: list[tuple[Document, DocumentResult]] = []
    unreadable = False
    for source in expand_inputs(args.inputs):
        try:
            documents = read_documents(source, sys.stdin)
        except InputError as exc:
            print(f"error: {exc}", file=sys.stderr)
            unreadable = True
            continue
        for document in documents:
            results.append((document, validate_document(document.content, REGISTRY)))
    invalid = sum(1 for _, r in results if not r.valid)
    if args.output == "json":
        json.dump([_json_entry(r) for _, r in results], sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for document, result in results:
            where = f"{document.source} (document {document.index})"
            if result.valid:
                print(f"ok       {where}: {_describe(result)}")
                continue
            print(f"invalid  {where}: {_describe(result)}")
            for violation in result.violations:
                field = violation.field or "(resource)"
                print(f"           {field}: {violation.message}")
        print(
            f"{len(results)} document(s) checked, {invalid} invalid"
            + (", some input unreadable" if unreadable else "")
        )
    if unreadable:
        return 2
    return 1 if invalid else 0
