"""Fetching the bootstrap over real HTTP: success, refusals, and an unreachable control plane."""

from __future__ import annotations

import base64
import threading
import time
from typing import Any

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from pulumi_kuma.controlplane.xds import bootstrap_routes
from pulumi_kuma.dataplane import BootstrapRefused, ControlPlaneUnreachable, build_request, fetch_bootstrap
from pulumi_kuma.dataplane.client import DP_NOT_FOUND
from tests.support.http_server import serve_in_thread
from tests.support.resources import free_port

DATAPLANE = {"type": "Dataplane", "mesh": "default", "name": "dp-1", "networking": {"address": "127.0.0.1"}}


def request(**overrides: Any) -> Any:
    values: dict[str, Any] = {
        "mesh": "default",
        "name": "dp-1",
        "dataplane": DATAPLANE,
        "token": "tok",
        "envoy_version": "1.40.0",
        "envoy_build": "x/1.40.0/Clean/RELEASE/BoringSSL",
        "workdir": "/tmp/w",
    }
    values.update(overrides)
    return build_request(**values)


def test_bootstrap_from_the_real_route() -> None:
    app = Starlette(routes=bootstrap_routes(xds_address=("127.0.0.1", 5678)))
    with serve_in_thread(app) as url:
        response = fetch_bootstrap(url, request(), retry_for=0)
    assert b"default.dp-1" in response.bootstrap
    assert response.kuma_sidecar_configuration.networking.address == "127.0.0.1"


def test_request_body_is_kumas() -> None:
    seen: list[dict[str, Any]] = []

    async def capture(req: Request) -> Response:
        seen.append(await req.json())
        assert req.headers["accept"] == "application/json"
        body = {
            "bootstrap": base64.b64encode(b"node: {id: default.dp-1}").decode(),
            "kumaSidecarConfiguration": {},
        }
        return JSONResponse(body)

    with serve_in_thread(Starlette(routes=[Route("/bootstrap", capture, methods=["POST"])])) as url:
        fetch_bootstrap(url + "/", request(), retry_for=0)
    body = seen[0]
    assert body["mesh"] == "default" and body["name"] == "dp-1" and body["proxyType"] == "dataplane"
    assert body["dataplaneToken"] == "tok"
    assert body["version"]["envoy"] == {
        "version": "1.40.0",
        "build": "x/1.40.0/Clean/RELEASE/BoringSSL",
        "kumaDpCompatible": True,
    }
    assert body["workdir"] == "/tmp/w"
    assert "appProbeProxyDisabled" in body


def _answering(status: int, text: str) -> Starlette:
    async def answer(req: Request) -> Response:
        return PlainTextResponse(text, status_code=status) if text else Response(status_code=status)

    return Starlette(routes=[Route("/bootstrap", answer, methods=["POST"])])


def test_not_found_with_empty_body_is_kumas_dataplane_not_found() -> None:
    with serve_in_thread(_answering(404, "")) as url, pytest.raises(BootstrapRefused) as caught:
        fetch_bootstrap(url, request(dataplane=None), retry_for=0)
    assert str(caught.value) == DP_NOT_FOUND
    assert caught.value.status_code == 404


def test_wrong_address_says_so() -> None:
    with serve_in_thread(Starlette()) as url, pytest.raises(BootstrapRefused) as caught:
        fetch_bootstrap(url, request(), retry_for=0)
    assert "no /bootstrap endpoint" in str(caught.value)


def test_refusal_carries_the_control_planes_message_and_is_not_retried() -> None:
    started = time.monotonic()
    with (
        serve_in_thread(_answering(422, "Dataplane Token is required.")) as url,
        pytest.raises(BootstrapRefused) as c,
    ):
        fetch_bootstrap(url, request(), retry_for=30)
    assert time.monotonic() - started < 10
    assert (
        str(c.value)
        == "the control plane refused the bootstrap request (HTTP 422): Dataplane Token is required."
    )


def test_server_errors_are_retried_until_the_deadline() -> None:
    with serve_in_thread(_answering(500, "boom")) as url, pytest.raises(BootstrapRefused, match="HTTP 500"):
        fetch_bootstrap(url, request(), retry_for=0.3, retry_interval=0.1)


def test_unreachable_control_plane() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(ControlPlaneUnreachable, match=f"cannot reach the control plane at {url}"):
        fetch_bootstrap(url, request(), retry_for=0)


def test_not_an_http_url() -> None:
    with pytest.raises(ControlPlaneUnreachable, match="must be an http"):
        fetch_bootstrap("127.0.0.1:5681", request(), retry_for=0)


def test_a_control_plane_that_comes_up_late_is_waited_for() -> None:
    app = Starlette(routes=bootstrap_routes(xds_address=("127.0.0.1", 5678)))
    port = free_port()
    result: list[Any] = []
    fetching = threading.Thread(
        target=lambda: result.append(
            fetch_bootstrap(f"http://127.0.0.1:{port}", request(), retry_for=10, retry_interval=0.1)
        )
    )
    fetching.start()
    time.sleep(0.4)  # a few connection attempts fail first
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    serving = threading.Thread(target=server.run, daemon=True)
    serving.start()
    try:
        fetching.join(15)
    finally:
        server.should_exit = True
        serving.join(10)
    assert result and b"default.dp-1" in result[0].bootstrap
