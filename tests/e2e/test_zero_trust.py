"""Zero trust end to end: MeshIdentity, MeshTLS, MeshTrust and MeshTrafficPermission in real Envoy.

One control plane and three services on 127.0.0.1: ``backend`` (an HTTP app behind its proxy) and
two clients, ``web`` and ``other``, whose outbounds reach it. A Bundled MeshIdentity gives every
proxy a SPIFFE ID and a certificate from the control plane's CA:

* traffic between proxies is mTLS: the backend's Envoy forwards the client's SPIFFE ID
  (``x-forwarded-client-cert``), and a plain-text client is refused in Strict mode (the default)
  and accepted once MeshTLS sets Permissive;
* a MeshTrafficPermission allowing only ``web`` answers ``other`` with 403; deleting it restores
  access; a deny rule beats an allow rule;
* a client with a certificate from a CA the mesh does not trust is refused; a MeshTrust for that
  CA makes it trusted;
* no private key shows up in the control plane's log or in what a non-admin can read.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from pulumi_kuma.controlplane.ca import generate_root_ca, issue_workload_certificate
from tests.e2e.support import ControlPlane, Proxy, call, dataplane_yaml, eventually, free_port, run_cli
from tests.support.upstream import upstream

pytestmark = pytest.mark.slow

MESH = "default"
TRUST_DOMAIN = "default.default.mesh.local"


def spiffe(workload: str) -> str:
    return f"spiffe://{TRUST_DOMAIN}/workload/{workload}"


def mesh_identity(expiry: str | None = None) -> dict[str, Any]:
    bundled: dict[str, Any] = {"meshTrustCreation": "Enabled", "autogenerate": {"enabled": True}}
    if expiry is not None:
        bundled["certificateParameters"] = {"expiry": expiry}
    return {
        "type": "MeshIdentity",
        "mesh": MESH,
        "name": "identity",
        "spec": {
            "selector": {"dataplane": {"matchLabels": {}}},
            "provider": {"type": "Bundled", "bundled": bundled},
        },
    }


def to_backend(kind: str, name: str, spec_rules: list[dict[str, Any]]) -> dict[str, Any]:
    """A policy of ``kind`` on the backend's proxy with these inbound ``rules``."""
    return {
        "type": kind,
        "mesh": MESH,
        "name": name,
        "spec": {
            "targetRef": {"kind": "Dataplane", "labels": {"kuma.io/workload": "backend"}},
            "rules": spec_rules,
        },
    }


def spiffe_match(kind: str, value: str) -> dict[str, Any]:
    return {"spiffeID": {"type": kind, "value": value}}


@dataclass
class ZeroTrustMesh:
    cp: ControlPlane
    backend: Proxy
    backend_inbound: int
    web_outbound: int
    other_outbound: int


def body_of(port: int, path: str = "/") -> tuple[int, str]:
    try:
        response = httpx.get(f"http://127.0.0.1:{port}{path}", timeout=10)
    except httpx.HTTPError:
        return 0, ""
    return response.status_code, response.text


def plain_text_status(port: int) -> int:
    """A plain HTTP request straight to the backend's inbound listener (0: refused)."""
    return call(port, "/", timeout=5)[0]


def start_zero_trust(
    stack: ExitStack, tmp: Path, cp: ControlPlane, expiry: str | None = None
) -> ZeroTrustMesh:
    app_port = stack.enter_context(upstream("backend"))
    cp.put(f"/meshes/{MESH}", {"type": "Mesh", "name": MESH})
    cp.put(f"/meshes/{MESH}/meshidentities/identity", mesh_identity(expiry))
    backend_in = free_port()
    backend = stack.enter_context(
        Proxy(
            cp,
            tmp,
            dataplane_yaml("backend-1", workload="backend", inbound_port=backend_in, service_port=app_port),
            token=cp.token(MESH, workload="backend"),
            name="backend",
        )
    )
    outbounds = {}
    for client in ("web", "other"):
        outbound = free_port()
        ref = {"kind": "MeshService", "name": "backend", "port": backend_in}
        stack.enter_context(
            Proxy(
                cp,
                tmp,
                dataplane_yaml(
                    f"{client}-1",
                    workload=client,
                    inbound_port=free_port(),
                    service_port=free_port(),
                    outbounds=[{"port": outbound, "backendRef": ref}],
                ),
                token=cp.token(MESH, workload=client),
                name=client,
            )
        ).wait_live()
        outbounds[client] = outbound
    backend.wait_live()
    mesh = ZeroTrustMesh(cp, backend, backend_in, outbounds["web"], outbounds["other"])
    eventually(lambda: "xfcc=" in body_of(mesh.web_outbound)[1], 60, what="mTLS from web to backend")
    eventually(lambda: "xfcc=" in body_of(mesh.other_outbound)[1], 60, what="mTLS from other to backend")
    return mesh


@pytest.fixture(scope="module")
def mesh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ZeroTrustMesh]:
    tmp = tmp_path_factory.mktemp("zero-trust")
    with ControlPlane(f"sqlite:///{tmp / 'cp.db'}") as cp, ExitStack() as stack:
        yield start_zero_trust(stack, tmp, cp)


def delete(cp: ControlPlane, path: str) -> None:
    with cp.client() as api:
        response = api.delete(path)
    assert response.status_code in (200, 404), response.text


def test_traffic_between_proxies_is_mtls_with_the_clients_spiffe_id(mesh: ZeroTrustMesh) -> None:
    status, body = body_of(mesh.web_outbound)
    assert status == 200
    assert f"URI={spiffe('web')}" in body
    status, body = body_of(mesh.other_outbound)
    assert status == 200
    assert f"URI={spiffe('other')}" in body
    # The backend's Envoy terminated TLS with a client certificate it verified.
    stats = httpx.get(f"{mesh.backend.admin_url}/stats?filter=ssl.handshake", timeout=5).text
    handshakes = [
        int(line.rsplit(":", 1)[1]) for line in stats.splitlines() if line.endswith(tuple("0123456789"))
    ]
    assert sum(handshakes) > 0, stats


def test_plain_text_is_refused_in_strict_mode_and_accepted_in_permissive(mesh: ZeroTrustMesh) -> None:
    assert plain_text_status(mesh.backend_inbound) == 0
    policy = to_backend("MeshTLS", "backend-permissive", [{"default": {"mode": "Permissive"}}])
    mesh.cp.put(f"/meshes/{MESH}/meshtlses/backend-permissive", policy)
    try:
        eventually(lambda: plain_text_status(mesh.backend_inbound) == 200, 30, what="plain text accepted")
        status, body = body_of(mesh.web_outbound)
        assert status == 200 and f"URI={spiffe('web')}" in body  # proxies still speak mTLS
    finally:
        delete(mesh.cp, f"/meshes/{MESH}/meshtlses/backend-permissive")
    eventually(lambda: plain_text_status(mesh.backend_inbound) == 0, 30, what="plain text refused again")


def test_traffic_permission_allows_web_and_answers_other_with_403(mesh: ZeroTrustMesh) -> None:
    allow_web = to_backend(
        "MeshTrafficPermission", "allow-web", [{"default": {"allow": [spiffe_match("Exact", spiffe("web"))]}}]
    )
    mesh.cp.put(f"/meshes/{MESH}/meshtrafficpermissions/allow-web", allow_web)
    try:
        eventually(lambda: body_of(mesh.other_outbound)[0] == 403, 30, what="403 for other")
        assert body_of(mesh.web_outbound)[0] == 200
    finally:
        delete(mesh.cp, f"/meshes/{MESH}/meshtrafficpermissions/allow-web")
    eventually(lambda: body_of(mesh.other_outbound)[0] == 200, 30, what="other allowed again")
    assert body_of(mesh.web_outbound)[0] == 200


def test_a_deny_rule_beats_an_allow_rule(mesh: ZeroTrustMesh) -> None:
    policy = to_backend(
        "MeshTrafficPermission",
        "deny-web",
        [
            {
                "default": {
                    "allow": [spiffe_match("Prefix", f"spiffe://{TRUST_DOMAIN}/")],
                    "deny": [spiffe_match("Exact", spiffe("web"))],
                }
            }
        ],
    )
    mesh.cp.put(f"/meshes/{MESH}/meshtrafficpermissions/deny-web", policy)
    try:
        eventually(lambda: body_of(mesh.web_outbound)[0] == 403, 30, what="403 for web")
        assert body_of(mesh.other_outbound)[0] == 200
    finally:
        delete(mesh.cp, f"/meshes/{MESH}/meshtrafficpermissions/deny-web")
    eventually(lambda: body_of(mesh.web_outbound)[0] == 200, 30, what="web allowed again")


def tls_status(port: int, certificate: bytes | None, key: bytes | None) -> int:
    """An HTTPS request straight to the backend's inbound with this client certificate (0: refused).

    The server certificate is not checked here: what is under test is whether Envoy accepts the client.
    """
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with tempfile.TemporaryDirectory() as tmp:
        if certificate is not None and key is not None:
            cert_file, key_file = Path(tmp) / "cert.pem", Path(tmp) / "key.pem"
            cert_file.write_bytes(certificate)
            key_file.write_bytes(key)
            context.load_cert_chain(cert_file, key_file)
        connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=5)
        try:
            connection.request("GET", "/")
            return connection.getresponse().status
        except (OSError, ssl.SSLError, http.client.HTTPException, socket.timeout):
            return 0
        finally:
            connection.close()


def test_a_certificate_from_an_untrusted_ca_is_refused_until_a_mesh_trust_adds_it(
    mesh: ZeroTrustMesh,
) -> None:
    partner_ca = generate_root_ca("partner.example")
    svid = issue_workload_certificate(
        partner_ca, "spiffe://partner.example/workload/billing", validity=timedelta(hours=1)
    )
    assert tls_status(mesh.backend_inbound, None, None) == 0  # no client certificate
    assert tls_status(mesh.backend_inbound, svid.chain_pem, svid.private_key_pem) == 0
    trust = {
        "type": "MeshTrust",
        "mesh": MESH,
        "name": "partner",
        "spec": {
            "trustDomain": "partner.example",
            "caBundles": [{"type": "Pem", "pem": {"value": partner_ca.certificate_pem.decode()}}],
        },
    }
    mesh.cp.put(f"/meshes/{MESH}/meshtrusts/partner", trust)
    try:
        eventually(
            lambda: tls_status(mesh.backend_inbound, svid.chain_pem, svid.private_key_pem) == 200,
            30,
            what="the partner's certificate accepted",
        )
    finally:
        delete(mesh.cp, f"/meshes/{MESH}/meshtrusts/partner")
    eventually(
        lambda: tls_status(mesh.backend_inbound, svid.chain_pem, svid.private_key_pem) == 0,
        30,
        what="the partner's certificate refused again",
    )


def test_no_private_key_in_logs_or_in_non_admin_responses(mesh: ZeroTrustMesh) -> None:
    log = "\n".join(mesh.cp.log_lines)
    assert "issued a workload certificate" in log  # the log does talk about certificates...
    assert "PRIVATE KEY" not in log  # ...never with a key
    with mesh.cp.client() as admin:
        secrets = admin.get(f"/meshes/{MESH}/secrets").json()["items"]
        config = admin.get(f"/meshes/{MESH}/dataplanes/backend-1/_config").text
    assert secrets, "the Bundled CA's key is stored as a Secret"
    assert "PRIVATE KEY" not in config and "[redacted]" in config
    # A non-admin user cannot read the Secrets; what it can read (the proxy's config) has no key.
    result = run_cli("token", "user", "--name", "alice", "--group", "dev", "--cp-address", mesh.cp.url)
    assert result.returncode == 0, result.stderr
    headers = {"authorization": f"Bearer {result.stdout.strip()}"}
    with httpx.Client(base_url=mesh.cp.url, headers=headers, timeout=10) as alice:
        assert alice.get(f"/meshes/{MESH}/secrets").status_code == 403
        assert alice.get(f"/meshes/{MESH}/secrets/{secrets[0]['name']}").status_code == 403
        for path in (
            f"/meshes/{MESH}/meshidentities/identity",
            f"/meshes/{MESH}/meshtrusts",
            f"/meshes/{MESH}/dataplanes/backend-1/_config",
            f"/meshes/{MESH}/dataplanes/backend-1/_overview",
        ):
            response = alice.get(path)
            assert response.status_code == 200, (path, response.text)
            assert "PRIVATE KEY" not in response.text, path
