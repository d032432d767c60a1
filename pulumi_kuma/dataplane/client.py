"""Ask the control plane for Envoy's bootstrap (``POST /bootstrap``, Kuma's protocol)."""

from __future__ import annotations

import json
import platform
import time
from collections.abc import Mapping
from typing import Any

import httpx
from pydantic import ValidationError

from pulumi_kuma import __version__
from pulumi_kuma.dataplane.errors import BootstrapRefused, ControlPlaneUnreachable
from pulumi_kuma.dataplane.protocol import (
    BOOTSTRAP_PATH,
    BootstrapRequest,
    BootstrapResponse,
    EnvoyVersion,
    KumaDpVersion,
    Version,
)

DP_NOT_FOUND = (
    "Dataplane entity not found. If you are running on Universal please create a Dataplane entity on "
    "kuma-cp before starting kuma-dp or pass it to kuma-dp run --dataplane-file=/file."
)
"""Kuma's message when the control plane knows no such Dataplane (404 with an empty body)."""


def build_request(
    *,
    mesh: str,
    name: str,
    dataplane: Mapping[str, Any] | None,
    token: str,
    envoy_version: str,
    envoy_build: str,
    workdir: str,
) -> BootstrapRequest:
    """The ``BootstrapRequest`` for a proxy (the Dataplane travels as JSON, as ``kuma-dp`` sends it)."""
    return BootstrapRequest(
        mesh=mesh,
        name=name,
        dataplane_token=token,
        dataplane_resource=json.dumps(dataplane, separators=(",", ":")) if dataplane is not None else "",
        version=Version(
            kuma_dp=KumaDpVersion(version=__version__, git_tag=f"pulumi-kuma-{__version__}"),
            envoy=EnvoyVersion(version=envoy_version, build=envoy_build, kuma_dp_compatible=True),
        ),
        operating_system=platform.system().lower(),
        workdir=workdir,
    )


def _refusal(response: httpx.Response) -> BootstrapRefused:
    body = response.text.strip()
    status = response.status_code
    if status == 404 and not body:
        return BootstrapRefused(DP_NOT_FOUND, status, body)
    if status == 404:
        return BootstrapRefused(
            f"the control plane has no {BOOTSTRAP_PATH} endpoint at {response.request.url} (HTTP 404: {body}); "
            "check that --cp-address is the control plane's API address",
            status,
            body,
        )
    if 400 <= status < 500:
        return BootstrapRefused(
            f"the control plane refused the bootstrap request (HTTP {status}): {body}", status, body
        )
    return BootstrapRefused(
        f"the control plane failed to build a bootstrap (HTTP {status}): {body}", status, body
    )


def fetch_bootstrap(
    cp_address: str,
    request: BootstrapRequest,
    *,
    retry_for: float = 10.0,
    retry_interval: float = 1.0,
    timeout: float = 10.0,
    transport: httpx.BaseTransport | None = None,
) -> BootstrapResponse:
    """POST the request to ``<cp_address>/bootstrap`` and decode the JSON answer.

    Connection failures and 5xx answers are retried for ``retry_for`` seconds; a 4xx answer is
    final. Raises :class:`ControlPlaneUnreachable` or :class:`BootstrapRefused`.
    """
    url = cp_address.rstrip("/") + BOOTSTRAP_PATH
    if not url.startswith(("http://", "https://")):
        raise ControlPlaneUnreachable(f"--cp-address {cp_address!r} must be an http:// or https:// URL")
    deadline = time.monotonic() + retry_for
    with httpx.Client(timeout=timeout, transport=transport) as client:
        while True:
            try:
                response = client.post(url, json=request.to_json(), headers={"accept": "application/json"})
            except httpx.HTTPError as exc:
                if time.monotonic() >= deadline:
                    raise ControlPlaneUnreachable(
                        f"cannot reach the control plane at {cp_address}: {exc}"
                    ) from exc
                time.sleep(retry_interval)
                continue
            if response.status_code == 200:
                break
            refusal = _refusal(response)
            if response.status_code < 500 or time.monotonic() >= deadline:
                raise refusal
            time.sleep(retry_interval)
    try:
        return BootstrapResponse.model_validate(response.json())
    except (json.JSONDecodeError, ValidationError, ValueError) as exc:
        raise BootstrapRefused(
            f"the control plane's bootstrap answer is not Kuma's JSON: {exc}",
            response.status_code,
            response.text,
        ) from exc
