"""Documents validated per second, on one core, for a realistic mix of 10,000 policies.

The mix cycles through every policy kind's EXAMPLE (Kuma's JSON shape), each document with its own
name and labels, and runs the full REST ingestion (`validate_document`: meta rules, defaults, schema,
decode, the kind's validator). Prints the median of several runs.

    .venv/bin/python benchmarks/validate.py [--documents 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import copy
import statistics
import time
from typing import Any

from pulumi_kuma.model.validation import validate_document
from pulumi_kuma.registry import REGISTRY


def build_documents(count: int) -> list[dict[str, Any]]:
    kinds = [k for k in REGISTRY.policies() if k.example]
    documents = []
    for i in range(count):
        kind = kinds[i % len(kinds)]
        documents.append(
            {
                "type": kind.name,
                "name": f"{kind.plural}-{i}",
                "mesh": "default",
                "labels": {"team": f"team-{i % 7}", "env": "prod"},
                "spec": copy.deepcopy(dict(kind.example or {})),
            }
        )
    return documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    documents = build_documents(args.documents)
    kinds = sorted({d["type"] for d in documents})
    rates = []
    invalid = 0
    for _ in range(args.runs):
        start = time.perf_counter()
        invalid = sum(1 for d in documents if not validate_document(d, REGISTRY).valid)
        rates.append(len(documents) / (time.perf_counter() - start))
    print(f"kinds in the mix: {len(kinds)} ({', '.join(kinds)})")
    print(f"documents: {len(documents)}, invalid: {invalid}")
    print(f"validated per second (median of {args.runs}): {statistics.median(rates):,.0f}")
    print(f"per document: {1e6 / statistics.median(rates):.1f} us")


if __name__ == "__main__":
    main()
