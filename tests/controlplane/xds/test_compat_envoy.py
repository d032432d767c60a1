"""Real Envoy reads what the converter sends: listeners converted with the compat fields
(``onDownstreamTlsHandshake``) and MeshTrafficPermission's RBAC matchers, as static resources of
a binary bootstrap: ``envoy --mode validate`` accepts them, and a running Envoy's config dump shows
the appended field decoded as ``on_downstream_tls_handshake``."""

from __future__ import annotations

import copy
import json
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from envoy.config.bootstrap.v3 import bootstrap_pb2

from pulumi_kuma.controlplane.xds import CLUSTER, LISTENER
from pulumi_kuma.controlplane.xds.cache import ResourceConverter
from pulumi_kuma.dataplane import envoy_binary
from pulumi_kuma.envoy import Protocol, filter_chains, http_connection_managers
from pulumi_kuma.policies import meshtrafficpermission as mtp
from tests.controlplane.xds import test_compat
from tests.policies.envoy_support import context, golden
from tests.policies.rules_support import inbound_rules
from tests.policies.test_meshtrafficpermission_envoy import (
    MTP_1,
    generated_inbound,
    spiffe,
    with_identity,
)

pytestmark = pytest.mark.slow

CLUSTER_NAMES = ("in", "self_inbound_dp_80", "self_inbound_dp_9000")


def static_cluster(name: str) -> dict[str, Any]:
    return {
        "name": name,
        "type": "STATIC",
        "connectTimeout": "1s",
        "loadAssignment": {
            "clusterName": name,
            "endpoints": [
                {
                    "lbEndpoints": [
                        {"endpoint": {"address": {"socketAddress": {"address": "127.0.0.1", "portValue": 9}}}}
                    ]
                }
            ],
        },
    }


def write_bootstrap(listeners: list[dict[str, Any]], path: Path, *, admin: bool = False) -> None:
    """Convert the listeners as the snapshot cache does into a binary bootstrap of static
    resources (ports made ephemeral, TLS sockets dropped: they name SDS secrets no one serves)."""
    converter = ResourceConverter()
    bootstrap = bootstrap_pb2.Bootstrap()
    for body in listeners:
        body = copy.deepcopy(body)
        body["address"] = {"socketAddress": {"address": "127.0.0.1", "portValue": 0}}
        for chain in filter_chains(body):
            chain.pop("transportSocket", None)
        for hcm in http_connection_managers(body):
            hcm.setdefault("routeConfig", {})
        bootstrap.static_resources.listeners.add().CopyFrom(converter.convert(LISTENER, body).message)
    for name in CLUSTER_NAMES:
        bootstrap.static_resources.clusters.add().CopyFrom(
            converter.convert(CLUSTER, static_cluster(name)).message
        )
    if admin:
        bootstrap.admin.address.socket_address.address = "127.0.0.1"
        bootstrap.admin.address.socket_address.port_value = 0
    path.write_bytes(bootstrap.SerializeToString())


def validate(listeners: list[dict[str, Any]], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """``envoy --mode validate`` on a bootstrap holding the listeners."""
    path = tmp_path / "bootstrap.pb"
    write_bootstrap(listeners, path)
    return subprocess.run(
        [envoy_binary(), "--mode", "validate", "--disable-hot-restart", "-c", str(path), "-l", "error"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def config_dump(listeners: list[dict[str, Any]], tmp_path: Path) -> dict[str, Any]:
    """Run Envoy on a bootstrap holding the listeners and return its ``/config_dump``."""
    path = tmp_path / "bootstrap.pb"
    admin_path = tmp_path / "admin"
    write_bootstrap(listeners, path, admin=True)
    command = [envoy_binary(), "--disable-hot-restart", "-c", str(path), "-l", "error"]
    command += ["--admin-address-path", str(admin_path)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not admin_path.exists() or not admin_path.read_text().strip():
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, "Envoy wrote no admin address"
            time.sleep(0.05)
        address = admin_path.read_text().strip()
        with urllib.request.urlopen(f"http://{address}/config_dump", timeout=30) as response:
            dump: dict[str, Any] = json.load(response)
        return dump
    finally:
        process.terminate()
        process.wait(timeout=30)


def set_filter_state_listeners() -> list[dict[str, Any]]:
    """A set_filter_state filter on the TLS handshake, alone and in MeshTimeout's SPIFFE golden."""
    spiffe_timeouts = golden("meshtimeout/plugin/testdata/matched_spiffe_inbound.listener.golden.yaml")
    return [test_compat.listener({"onDownstreamTlsHandshake": [test_compat.SPIFFE_VALUE]}), *spiffe_timeouts]


def rbac_listeners() -> list[dict[str, Any]]:
    """MeshTrafficPermission's HTTP RBAC (Kuma's matching-api golden) and network RBAC (a TCP
    inbound with deny, shadow deny and the default deny)."""
    http = golden("meshtrafficpermission/plugin/v1alpha1/testdata/matching-api.golden.yaml")[0]
    resources, inbound = generated_inbound(Protocol.TCP, 9000)
    conf = {
        "deny": [spiffe("Exact", "spiffe://default/x")],
        "allowWithShadowDeny": [spiffe("Prefix", "spiffe://default/")],
    }
    rules = inbound_rules("MeshTrafficPermission", {inbound.listener: [(None, conf, MTP_1)]})
    mtp.configure_envoy(with_identity(context([inbound])), rules, resources)
    tcp = copy.deepcopy(dict(resources.listeners()[0].view))
    # Only the mTLS chain: without its TLS socket the plain one would be the same chain twice.
    tcp["filterChains"] = tcp["filterChains"][:1]
    assert tcp["filterChains"][0]["filters"][0]["name"] == mtp.RBAC_NETWORK_FILTER
    return [http, tcp]


def test_envoy_accepts_on_downstream_tls_handshake_and_rbac_matchers(tmp_path: Path) -> None:
    result = validate([*set_filter_state_listeners(), *rbac_listeners()], tmp_path)
    assert result.returncode == 0, result.stderr + result.stdout


def test_envoy_reads_the_elements_as_on_downstream_tls_handshake(tmp_path: Path) -> None:
    """Envoy decodes the appended field 2 as ``on_downstream_tls_handshake`` (its config dump
    shows the values there), not as an unknown field it would ignore."""
    dump = config_dump(
        [test_compat.listener({"onDownstreamTlsHandshake": [test_compat.SPIFFE_VALUE]})], tmp_path
    )
    # The admin API answers in proto field names.
    [listeners] = [c for c in dump["configs"] if c["@type"].endswith("ListenersConfigDump")]
    [static] = listeners["static_listeners"]
    [config] = [
        f["typed_config"]
        for f in static["listener"]["filter_chains"][0]["filters"]
        if f["name"] == "envoy.filters.network.set_filter_state"
    ]
    assert config == {
        "@type": test_compat.CONFIG_TYPE,
        "on_downstream_tls_handshake": [
            {
                "object_key": "kuma.mesh_timeout.match.spiffe_id",
                "factory_key": "envoy.string",
                "format_string": {"text_format_source": {"inline_string": "%DOWNSTREAM_PEER_URI_SAN%"}},
                "read_only": True,
                "skip_if_empty": True,
            }
        ],
    }
