"""``pulumi-kuma token user`` and ``token dataplane``: issue tokens for the API and for proxies.

Either online (``--cp-address``, default http://127.0.0.1:5681: ``POST /tokens/user`` as an
admin, which a loopback caller is by default) or offline against the store the control plane
uses (``--store URL``: signs with the key kept there, creating it if needed).

A dataplane token is signed with its mesh's key (created with the mesh's first token).

Exit codes: 0 the token is printed, 1 it could not be issued, 2 bad arguments.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from datetime import timedelta
from typing import Any

import httpx

from pulumi_kuma.controlplane.auth import UserTokens
from pulumi_kuma.controlplane.dptokens import DataplaneIdentity, DataplaneTokens
from pulumi_kuma.controlplane.store.factory import open_store, redact_url
from pulumi_kuma.model.duration import InvalidDuration, parse_duration
from pulumi_kuma.model.errors import KumaError

DEFAULT_CP_ADDRESS = "http://127.0.0.1:5681"
TOKEN_ENV = "PULUMI_KUMA_TOKEN"


def _valid_for(text: str) -> str:
    try:
        nanoseconds = parse_duration(text)
    except InvalidDuration as exc:
        raise argparse.ArgumentTypeError(
            f"--valid-for {text!r}: {exc} (use a Go duration such as 24h or 90m)"
        ) from None
    if nanoseconds <= 0:
        raise argparse.ArgumentTypeError(f"--valid-for {text!r} must be longer than zero")
    return text


def register(subparsers: Any) -> None:
    token = subparsers.add_parser("token", help="issue API tokens", description="Issue tokens for the API.")
    kinds = token.add_subparsers(dest="token_kind", metavar="KIND", required=True)
    user = kinds.add_parser(
        "user",
        help="issue a user token (prints the JWT)",
        description=(
            "Issue a user token. A user in the group mesh-system:admin is an admin (may read and write "
            "secrets and issue tokens). Online by default (POST /tokens/user); --store signs offline."
        ),
    )
    user.add_argument("--name", required=True, help="the user's name")
    user.add_argument("--group", action="append", default=[], help="a group of the user (repeatable)")
    user.add_argument(
        "--valid-for", type=_valid_for, default="24h", help="lifetime, a Go duration (default 24h)"
    )
    where = user.add_mutually_exclusive_group()
    where.add_argument("--store", metavar="URL", help="sign offline with the signing key in this store")
    where.add_argument(
        "--cp-address", metavar="URL", help=f"the control plane's API (default {DEFAULT_CP_ADDRESS})"
    )
    user.add_argument(
        "--auth-token",
        help=f"an admin's token for --cp-address when not calling over loopback (default ${TOKEN_ENV})",
    )
    user.set_defaults(handler=run)

    dataplane = kinds.add_parser(
        "dataplane",
        help="issue a dataplane token for pulumi-kuma dp run (prints the JWT)",
        description=(
            "Issue a dataplane token: a proxy presents it on /bootstrap and its xDS stream. It is bound "
            "to the mesh, and to a Dataplane name and workload when given (like kumactl generate "
            "dataplane-token). Online by default (POST /tokens/dataplane); --store signs offline."
        ),
    )
    dataplane.add_argument("--mesh", required=True, help="the mesh the token is for")
    dataplane.add_argument("--name", default="", help="the only Dataplane name the token is valid for")
    dataplane.add_argument(
        "--workload", default="", help="the only kuma.io/workload label value the token is valid for"
    )
    dataplane.add_argument(
        "--valid-for",
        type=_valid_for,
        default="87600h",
        help="lifetime, a Go duration (default 10 years, as Kuma)",
    )
    dp_where = dataplane.add_mutually_exclusive_group()
    dp_where.add_argument("--store", metavar="URL", help="sign offline with the mesh's key in this store")
    dp_where.add_argument(
        "--cp-address", metavar="URL", help=f"the control plane's API (default {DEFAULT_CP_ADDRESS})"
    )
    dataplane.add_argument(
        "--auth-token",
        help=f"an admin's token for --cp-address when not calling over loopback (default ${TOKEN_ENV})",
    )
    dataplane.set_defaults(handler=run_dataplane)


async def _issue_offline(url: str, name: str, groups: list[str], valid_for: str) -> str:
    store = await open_store(url)
    try:
        tokens = UserTokens(store)
        return await tokens.issue(name, groups, timedelta(microseconds=parse_duration(valid_for) // 1000))
    finally:
        await store.close()


def _issue_online(address: str, auth_token: str | None, name: str, groups: list[str], valid_for: str) -> str:
    headers = {"authorization": f"Bearer {auth_token}"} if auth_token else {}
    response = httpx.post(
        f"{address.rstrip('/')}/tokens/user",
        json={"name": name, "groups": groups, "validFor": valid_for},
        headers=headers,
        timeout=30,
    )
    if response.status_code != 200:
        try:
            detail = response.json().get("detail", response.text)
        except ValueError:
            detail = response.text
        raise KumaError(f"{address} refused to issue the token: {response.status_code} {detail}")
    return response.text.strip()


def _post(address: str, auth_token: str | None, path: str, body: dict[str, object]) -> str:
    headers = {"authorization": f"Bearer {auth_token}"} if auth_token else {}
    response = httpx.post(f"{address.rstrip('/')}{path}", json=body, headers=headers, timeout=30)
    if response.status_code != 200:
        try:
            detail = response.json().get("detail", response.text)
        except ValueError:
            detail = response.text
        raise KumaError(f"{address} refused to issue the token: {response.status_code} {detail}")
    return response.text.strip()


async def _issue_dataplane_offline(url: str, identity: DataplaneIdentity, valid_for: str) -> str:
    store = await open_store(url)
    try:
        if await store.get("Mesh", "", identity.mesh) is None:
            raise KumaError(f"mesh {identity.mesh!r} does not exist in {redact_url(url)}")
        tokens = DataplaneTokens(store)
        return await tokens.issue(identity, timedelta(microseconds=parse_duration(valid_for) // 1000))
    finally:
        await store.close()


def run_dataplane(args: argparse.Namespace) -> int:
    """``token dataplane``: print the token; the exit code."""
    try:
        if args.store:
            identity = DataplaneIdentity(mesh=args.mesh, name=args.name, workload=args.workload)
            token = asyncio.run(_issue_dataplane_offline(args.store, identity, args.valid_for))
        else:
            address = args.cp_address or DEFAULT_CP_ADDRESS
            auth = args.auth_token or os.environ.get(TOKEN_ENV)
            body: dict[str, object] = {"mesh": args.mesh, "validFor": args.valid_for}
            if args.name:
                body["name"] = args.name
            if args.workload:
                body["workload"] = args.workload
            token = _post(address, auth, "/tokens/dataplane", body)
    except (KumaError, httpx.HTTPError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(token)
    return 0


def run(args: argparse.Namespace) -> int:
    """``token user``: print the token; the exit code."""
    try:
        if args.store:
            token = asyncio.run(_issue_offline(args.store, args.name, args.group, args.valid_for))
        else:
            address = args.cp_address or DEFAULT_CP_ADDRESS
            auth = args.auth_token or os.environ.get(TOKEN_ENV)
            token = _issue_online(address, auth, args.name, args.group, args.valid_for)
    except (KumaError, httpx.HTTPError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(token)
    return 0
