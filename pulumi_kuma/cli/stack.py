"""``pulumi-kuma stack``: preview, up, refresh or destroy a Pulumi program without the Pulumi CLI.

Exit codes: 0 success, 1 some step failed (or the program did), 2 the project could not be loaded.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

COMMANDS = {
    "preview": "show what up would do: checks every resource (validation with field paths) and diffs",
    "up": "create, update, replace and delete resources so the control plane matches the program",
    "refresh": "read every resource back from the control plane; drift goes into the state",
    "destroy": "delete every resource of the stack",
}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "stack",
        help="run a Pulumi program's stack (preview, up, refresh, destroy) without the Pulumi CLI",
        description=(
            "Run the Pulumi Python program in DIR with the real Pulumi SDK and the real dynamic "
            "provider host, keeping the stack's state in a JSON file (secrets encrypted with "
            "PULUMI_CONFIG_PASSPHRASE if set, else with a generated key file beside the state)."
        ),
    )
    actions = parser.add_subparsers(dest="stack_command", metavar="ACTION", required=True)
    for name, help_text in COMMANDS.items():
        action = actions.add_parser(name, help=help_text, description=help_text)
        action.add_argument("directory", nargs="?", default=".", metavar="DIR", help="the project directory")
        action.add_argument("--stack", "-s", default="dev", help="the stack name (default: dev)")
        action.add_argument(
            "--config",
            "-c",
            action="append",
            default=[],
            metavar="KEY=VALUE",
            help="set a config value, e.g. kuma:address=http://127.0.0.1:5681 (repeatable)",
        )
        action.add_argument(
            "--secret",
            action="append",
            default=[],
            metavar="KEY=VALUE",
            help="set a secret config value, e.g. kuma:token=... (repeatable)",
        )
        action.add_argument(
            "--state",
            type=Path,
            default=None,
            metavar="FILE",
            help="the state file (default: DIR/.pulumi-kuma/<stack>.json)",
        )
        action.add_argument("--no-diff", action="store_true", help="print step lines without property diffs")
        action.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from pulumi_kuma.model.errors import KumaError
    from pulumi_kuma.provider.stack.project import ProjectError, parse_assignment
    from pulumi_kuma.provider.stack.runner import StackRunner

    try:
        config = dict(parse_assignment(item, "--config") for item in args.config)
        secrets = dict(parse_assignment(item, "--secret") for item in args.secret)
        runner = StackRunner(
            Path(args.directory),
            stack=args.stack,
            config=config,
            secrets=secrets,
            state_path=args.state,
            show_diff=not args.no_diff,
        )
    except ProjectError as exc:
        print(f"error: {exc}")
        return 2
    try:
        result = getattr(runner, args.stack_command)()
    except KumaError as exc:
        print(f"error: {exc}")
        return 1
    return 0 if result.ok else 1
