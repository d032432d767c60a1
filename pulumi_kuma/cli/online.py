"""What the commands that talk to a running control plane share: the connection flags, the token,
requests, and Kuma's error document as text.

Connection: ``--cp-address URL`` (default http://127.0.0.1:5681) and ``--token`` (alias
``--auth-token``), else ``$PULUMI_KUMA_TOKEN``, else ``$KUMA_TOKEN`` (the provider's variable). Over
loopback the control plane treats callers as admin unless it runs with ``--no-localhost-admin``.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

import httpx

DEFAULT_CP_ADDRESS = "http://127.0.0.1:5681"
TOKEN_ENVS = ("PULUMI_KUMA_TOKEN", "KUMA_TOKEN")


class Unreachable(Exception):
    """The control plane could not be asked (connection refused, timeout, bad address)."""


def add_connection_arguments(parser: argparse.ArgumentParser) -> None:
    """``--cp-address`` and ``--token`` / ``--auth-token``."""
    parser.add_argument(
        "--cp-address",
        default=DEFAULT_CP_ADDRESS,
        metavar="URL",
        help=f"the control plane's API (default {DEFAULT_CP_ADDRESS})",
    )
    parser.add_argument(
        "--token",
        "--auth-token",
        dest="auth_token",
        metavar="TOKEN",
        help=f"a user token (default ${TOKEN_ENVS[0]}, then ${TOKEN_ENVS[1]})",
    )


def token(args: argparse.Namespace) -> str | None:
    """The token from the flag or the environment, if any."""
    given: str | None = getattr(args, "auth_token", None)
    if given:
        return given
    return next((os.environ[name] for name in TOKEN_ENVS if os.environ.get(name)), None)


def call(
    args: argparse.Namespace, method: str, path: str, body: Any = None, timeout: float = 60
) -> httpx.Response:
    """One request to the control plane at ``args.cp_address``; raises :class:`Unreachable`."""
    auth = token(args)
    headers = {"authorization": f"Bearer {auth}"} if auth else {}
    url = path if path.startswith(("http://", "https://")) else f"{args.cp_address.rstrip('/')}{path}"
    try:
        return httpx.request(method, url, headers=headers, json=body, timeout=timeout)
    except httpx.HTTPError as exc:
        raise Unreachable(f"cannot reach the control plane at {args.cp_address}: {exc}") from exc


def answer(response: httpx.Response) -> Any:
    """The response's JSON body (None when it is not JSON)."""
    try:
        return response.json()
    except ValueError:
        return None


def error_text(response: httpx.Response) -> str:
    """Kuma's error document as lines: ``title: detail`` and one line per invalid field."""
    body = answer(response)
    if not isinstance(body, dict) or "title" not in body:
        return f"{response.status_code} {response.text.strip()[:500]}"
    lines = [f"{body.get('title')}: {body.get('detail')}"]
    for parameter in body.get("invalid_parameters") or []:
        lines.append(f"  {parameter.get('field') or '(request)'}: {parameter.get('reason')}")
    return "\n".join(lines)
