"""Runs a Pulumi Python program against a resource monitor (what Pulumi's language host does).

Usage (by the stack runner, in a subprocess)::

    python -m pulumi_kuma.provider.stack.launcher --monitor ADDR --engine ADDR \
        --project NAME --stack NAME [--dry-run] PROGRAM

The stack configuration arrives in ``PULUMI_CONFIG`` (JSON) and the secret keys in
``PULUMI_CONFIG_SECRET_KEYS`` (JSON list), as the Pulumi CLI passes them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import runpy
import sys
from pathlib import Path

EXIT_PROGRAM_FAILED = 32


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pulumi_kuma.provider.stack.launcher")
    parser.add_argument("--monitor", required=True)
    parser.add_argument("--engine", required=True)
    parser.add_argument("--project", required=True)
    parser.add_argument("--stack", required=True)
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--parallel", type=int, default=16)
    parser.add_argument("program")
    args = parser.parse_args(argv)

    import pulumi
    import pulumi.runtime
    from pulumi.runtime.settings import Settings

    program = Path(args.program).resolve()
    program_dir = program if program.is_dir() else program.parent
    os.chdir(program_dir)
    sys.path.insert(0, str(program_dir))
    config = json.loads(os.environ.get("PULUMI_CONFIG", "{}"))
    secret_keys = json.loads(os.environ.get("PULUMI_CONFIG_SECRET_KEYS", "[]"))
    pulumi.runtime.set_all_config(config, secret_keys)
    pulumi.runtime.configure(
        Settings(
            project=args.project,
            stack=args.stack,
            monitor=args.monitor,
            engine=args.engine,
            parallel=args.parallel,
            dry_run=args.dry_run,
            organization="organization",
            root_directory=str(program_dir),
        )
    )

    def run_program() -> None:
        runpy.run_path(str(program), run_name="__main__")

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(pulumi.runtime.run_in_stack(run_program))
    except pulumi.RunError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return EXIT_PROGRAM_FAILED
    except Exception as exc:
        message = str(exc)
        # Registration failures were already reported by the runner.
        if "(reported above)" not in message:
            sys.stderr.write(f"error: the program failed: {message.splitlines()[0] if message else exc!r}\n")
        return EXIT_PROGRAM_FAILED
    finally:
        loop.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
