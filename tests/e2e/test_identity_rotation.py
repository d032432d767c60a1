"""Certificate rotation end to end: 2-minute SVIDs rotate while traffic flows, and no request fails.

A MeshIdentity with ``certificateParameters.expiry: 2m`` gives each proxy a certificate the control
plane renews at 4/5 of its lifetime (96 s), over the same xDS stream. A client keeps sending
requests through one keep-alive connection from ``web`` to ``backend`` (mTLS between the proxies)
for longer than that; both Envoys must show a new certificate serial, and every request must succeed.
"""

from __future__ import annotations

import time
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from tests.e2e.support import ControlPlane, Proxy
from tests.e2e.test_zero_trust import spiffe, start_zero_trust

pytestmark = pytest.mark.slow

LIFETIME_SECONDS = 120
ROTATE_AFTER = LIFETIME_SECONDS * 4 / 5


def serials(proxy: Proxy) -> set[str]:
    """The serial numbers of the workload certificates an Envoy holds now."""
    certs = httpx.get(f"{proxy.admin_url}/certs", timeout=5).json()
    found = set()
    for entry in certs.get("certificates", []):
        for cert in entry.get("cert_chain", []):
            if any(
                str(san.get("uri", "")).startswith("spiffe://") for san in cert.get("subject_alt_names", [])
            ):
                found.add(str(cert["serial_number"]))
    return found


def test_certificates_rotate_under_continuous_traffic_without_a_failed_request(tmp_path: Path) -> None:
    with ControlPlane(f"sqlite:///{tmp_path / 'cp.db'}") as cp, ExitStack() as stack:
        mesh = start_zero_trust(stack, tmp_path, cp, expiry=f"{LIFETIME_SECONDS}s")
        proxies = {p.name: p for p in mesh.proxies}
        first = {name: serials(proxy) for name, proxy in proxies.items()}
        assert all(first.values()), first
        seen = {name: set(s) for name, s in first.items()}
        failures: list[str] = []
        requests = 0
        started = time.monotonic()
        with httpx.Client(base_url=f"http://127.0.0.1:{mesh.web_outbound}", timeout=10) as client:
            while time.monotonic() - started < ROTATE_AFTER + 20:
                try:
                    response = client.get("/")
                    if response.status_code != 200 or f"URI={spiffe('web')}" not in response.text:
                        failures.append(f"{response.status_code}: {response.text[:200]}")
                except httpx.HTTPError as exc:
                    failures.append(repr(exc))
                requests += 1
                if requests % 50 == 0:
                    for name, proxy in proxies.items():
                        seen[name] |= serials(proxy)
                time.sleep(0.02)
        for name, proxy in proxies.items():
            seen[name] |= serials(proxy)
        rotated = {name: len(s) > 1 for name, s in seen.items()}
        assert all(rotated.values()), (rotated, seen)
        assert not failures, f"{len(failures)} of {requests} requests failed: {failures[:5]}"
        log = "\n".join(cp.log_lines)
        assert "expiring" in log  # the control plane renewed because the certificates were expiring
