"""``pulumi-kuma``: the entry point. Each command group lives in its own module with ``register()``."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from pulumi_kuma import __version__

# Command modules, in the order ``--help`` lists them. Each has ``register(subparsers)``.
COMMAND_MODULES = (
    "pulumi_kuma.cli.validate",
    "pulumi_kuma.cli.cp",
    "pulumi_kuma.cli.token",
    "pulumi_kuma.cli.dp",
    "pulumi_kuma.cli.inspect",
    "pulumi_kuma.cli.impact",
    "pulumi_kuma.cli.stack",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pulumi-kuma",
        description="Kuma service-mesh policy as code: validate resources, run the bundled control plane.",
    )
    parser.add_argument("--version", action="version", version=f"pulumi-kuma {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; the return value is the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        result = handler(args)
    except KeyboardInterrupt:
        return 130
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())
