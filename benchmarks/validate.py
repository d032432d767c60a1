"""Documents validated per second, on one core, for a realistic mix of 10,000 policies.

The mix cycles through every policy kind's EXAMPLE (Kuma's JSON shape), each document with its own
name and labels, and runs the full REST ingestion (`validate_document`: meta rules, defaults, schema,
decode, the kind's validator). Prints the median of several runs, two ways: by the wall clock, and
by the CPU time this process used (the rate one core gives, which other work on a shared machine
does not lower), with the load average so that the wall-clock figure can be judged.

    .venv/bin/python benchmarks/validate.py [--documents 10000] [--runs 5]
"""

from __future__ import annotations

import sys
from pathlib import Path

if not __package__:
    # Run as a file, this folder would come first on sys.path and this module would shadow the
    # `validate` package (protoc-gen-validate's rules) that the policies import.
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse
import copy
import os
import statistics
import time
from typing import Any

from pulumi_kuma.model.validation import validate_document
from pulumi_kuma.registry import REGISTRY


def build_documents(count: int) -> list[dict[str, Any]]:
    """``count`` policy documents, cycling through the policy kinds that have an EXAMPLE."""
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


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    documents = build_documents(args.documents)
    kinds = sorted({d["type"] for d in documents})
    without_example = sorted(k.name for k in REGISTRY.policies() if not k.example)
    load_before = _load()
    wall_rates = []
    cpu_rates = []
    invalid = 0
    for _ in range(args.runs):
        wall_start, cpu_start = time.perf_counter(), time.process_time()
        invalid = sum(1 for d in documents if not validate_document(d, REGISTRY).valid)
        cpu, wall = time.process_time() - cpu_start, time.perf_counter() - wall_start
        wall_rates.append(len(documents) / wall)
        cpu_rates.append(len(documents) / cpu)
    wall_rate, cpu_rate = statistics.median(wall_rates), statistics.median(cpu_rates)
    print(f"kinds in the mix: {len(kinds)} ({', '.join(kinds)})")
    if without_example:
        print(f"policy kinds without an EXAMPLE (not in the mix): {', '.join(without_example)}")
    print(f"documents: {len(documents)}, invalid: {invalid}")
    print(f"load average (1, 5, 15 min): {load_before} before, {_load()} after, on {os.cpu_count()} CPUs")
    print(f"validated per second, wall clock (median of {args.runs}): {wall_rate:,.0f}")
    print(f"validated per CPU-second, one core (median of {args.runs}): {cpu_rate:,.0f}")
    print(f"per document: {1e6 / wall_rate:.1f} us wall, {1e6 / cpu_rate:.1f} us CPU")


if __name__ == "__main__":
    main()
