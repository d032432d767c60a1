"""``POST /bootstrap``: Kuma's request and response shapes and error statuses."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from typing import Any

import pytest
import yaml
from starlette.applications import Starlette
from starlette.testclient import TestClient

from pulumi_kuma.controlplane.xds import DP_TOKEN_REQUIRED, BootstrapRejected, ProxyId, bootstrap_routes
from pulumi_kuma.dataplane.protocol import BootstrapRequest, BootstrapResponse

DATAPLANE = {
    "type": "Dataplane",
    "mesh": "default",
    "name": "dp-1",
    "networking": {"address": "10.0.0.7", "inbound": [{"port": 8080}]},
}

# The body kuma-dp sends (Kuma's testdata bootstrap-request golden, with our Dataplane).
KUMA_DP_REQUEST: dict[str, Any] = {
    "mesh": "default",
    "name": "dp-1",
    "proxyType": "dataplane",
    "dataplaneToken": "token1234",
    "dataplaneResource": json.dumps(DATAPLANE),
    "version": {
        "kumaDp": {
            "version": "0.0.1",
            "gitTag": "v0.0.1",
            "gitCommit": "91ce2368",
            "buildDate": "2019-08-07T11:26:06Z",
        },
        "envoy": {"version": "1.40.0", "build": "hash/1.40.0/RELEASE", "kumaDpCompatible": True},
    },
    "caCert": "",
    "dynamicMetadata": None,
    "dnsPort": 15053,
    "readinessPort": 9902,
    "operatingSystem": "linux",
    "features": ["feature-tcp-accesslog-via-named-pipe"],
    "resources": {"maxHeapSizeBytes": 0},
    "workdir": "/tmp",
    "metricsResources": {"certPath": "", "keyPath": ""},
    "systemCaPath": "",
    "ipv6Enabled": True,
    "spireResources": {"socketPath": ""},
}


def client(**options: Any) -> TestClient:
    options.setdefault("xds_address", ("127.0.0.1", 5678))
    return TestClient(Starlette(routes=bootstrap_routes(**options)))


def post(test_client: TestClient, body: Any, *, json_reply: bool = True) -> Any:
    headers = {"accept": "application/json"} if json_reply else {}
    return test_client.post("/bootstrap", content=json.dumps(body), headers=headers)


def test_json_reply_carries_base64_yaml_and_sidecar_configuration() -> None:
    response = post(client(), KUMA_DP_REQUEST)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"bootstrap", "kumaSidecarConfiguration"}
    assert body["kumaSidecarConfiguration"]["networking"] == {"address": "10.0.0.7"}
    bootstrap = yaml.safe_load(base64.b64decode(body["bootstrap"]))
    assert bootstrap["node"]["id"] == "default.dp-1"
    assert bootstrap["node"]["metadata"]["dataplane.dns.port"] == "15053"
    assert bootstrap["node"]["metadata"]["version"]["envoy"]["version"] == "1.40.0"
    assert bootstrap["node"]["metadata"]["features"] == ["feature-tcp-accesslog-via-named-pipe"]
    ads = bootstrap["dynamicResources"]["adsConfig"]["grpcServices"][0]
    assert ads["initialMetadata"] == [{"key": "authorization", "value": "token1234"}]
    # The same model kuma-dp (and our dp run) decodes it with.
    decoded = BootstrapResponse.model_validate(body)
    assert yaml.safe_load(decoded.bootstrap) == bootstrap


def test_without_accept_json_the_reply_is_yaml() -> None:
    response = post(client(), KUMA_DP_REQUEST, json_reply=False)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/x-yaml")
    assert yaml.safe_load(response.text)["node"]["id"] == "default.dp-1"


def test_xds_address_defaults_to_the_host_the_agent_used() -> None:
    test_client = client(xds_address=lambda: (None, 7777))
    body = post(test_client, KUMA_DP_REQUEST).json()
    bootstrap = yaml.safe_load(base64.b64decode(body["bootstrap"]))
    ads = next(c for c in bootstrap["staticResources"]["clusters"] if c["name"] == "system_ads")
    address = ads["loadAssignment"]["endpoints"][0]["lbEndpoints"][0]["endpoint"]["address"]["socketAddress"]
    assert address == {"address": "testserver", "portValue": 7777}


def test_not_json_is_400() -> None:
    response = client().post("/bootstrap", content=b"{not json", headers={"accept": "application/json"})
    assert response.status_code == 400


def test_token_check_sees_token_and_identity_and_may_refuse() -> None:
    calls: list[tuple[str, ProxyId, Mapping[str, Any] | None]] = []

    async def check(token: str, proxy_id: ProxyId, dataplane: Mapping[str, Any] | None) -> None:
        calls.append((token, proxy_id, dataplane))
        if not token:
            raise BootstrapRejected(DP_TOKEN_REQUIRED)

    test_client = client(check_token=check)
    assert post(test_client, KUMA_DP_REQUEST).status_code == 200
    refused = post(test_client, {**KUMA_DP_REQUEST, "dataplaneToken": ""})
    assert refused.status_code == 422
    assert refused.text == DP_TOKEN_REQUIRED
    assert [(t, str(p)) for t, p, _ in calls] == [("token1234", "default.dp-1"), ("", "default.dp-1")]
    assert calls[0][2] == DATAPLANE


@pytest.mark.parametrize(
    ("resource", "message"),
    [
        ("[1, 2]", "dataplaneResource: must be a Dataplane object"),
        (json.dumps({**DATAPLANE, "type": "Mesh"}), "invalid proxy resource type 'Mesh', expected Dataplane"),
        (json.dumps({**DATAPLANE, "mesh": "Bad_Mesh!"}), "mesh:"),
    ],
)
def test_invalid_dataplane_is_422(resource: str, message: str) -> None:
    response = post(client(), {**KUMA_DP_REQUEST, "dataplaneResource": resource})
    assert response.status_code == 422
    assert message in response.text


def test_unknown_mesh_is_422() -> None:
    response = post(client(mesh_exists=lambda mesh: mesh == "other"), KUMA_DP_REQUEST)
    assert response.status_code == 422
    assert response.text == 'mesh: mesh "default" does not exist'


def test_unsupported_proxy_type_is_422() -> None:
    response = post(client(), {**KUMA_DP_REQUEST, "proxyType": "ingress"})
    assert response.status_code == 422
    assert "unknown proxy type 'ingress'" in response.text


def test_stored_dataplane_is_looked_up_when_the_request_has_none() -> None:
    stored = {**DATAPLANE, "networking": {"address": "10.9.9.9", "admin": {"port": 9333}}}
    lookups: list[tuple[str, str]] = []

    def find(mesh: str, name: str) -> Mapping[str, Any] | None:
        lookups.append((mesh, name))
        return stored if name == "dp-1" else None

    test_client = client(find_dataplane=find)
    request = {**KUMA_DP_REQUEST, "dataplaneResource": ""}
    found = post(test_client, request)
    assert found.status_code == 200
    assert found.json()["kumaSidecarConfiguration"]["networking"]["address"] == "10.9.9.9"
    bootstrap = yaml.safe_load(base64.b64decode(found.json()["bootstrap"]))
    assert bootstrap["admin"]["address"]["socketAddress"]["portValue"] == 9333
    missing = post(test_client, {**request, "name": "dp-2"})
    assert missing.status_code == 404 and missing.text == ""
    assert lookups == [("default", "dp-1"), ("default", "dp-2")]


def test_without_lookup_a_request_without_dataplane_is_404() -> None:
    assert post(client(), {**KUMA_DP_REQUEST, "dataplaneResource": ""}).status_code == 404


def test_request_model_keeps_kumas_inverted_probe_key() -> None:
    request = BootstrapRequest.model_validate({**KUMA_DP_REQUEST, "appProbeProxyDisabled": True})
    assert request.app_probe_proxy_enabled is True
    assert request.to_json()["appProbeProxyDisabled"] is True
    assert request.to_json()["dataplaneResource"] == KUMA_DP_REQUEST["dataplaneResource"]
