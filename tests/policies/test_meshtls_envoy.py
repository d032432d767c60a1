"""MeshTLS's Envoy translation against Kuma's plugin goldens (``plugins/meshtls/plugin/v1alpha1/testdata``).

Each case rebuilds the input of one entry of Kuma's ``plugin_test.go``: a Dataplane ``test`` with TCP
inbounds 17777 and 17778, a transparent proxy, and an outbound cluster to the MeshService port
``kri_msvc_default_zone-1_backend-ns_outgoing_80`` whose endpoints present
``spiffe://default/outgoing``; the proxy's identity certificate is the SDS secret ``my-secret-name``.
The listeners are the golden's with everything MeshTLS sets removed (transport sockets, filter chain
matches, the TLS inspector, the Permissive copies, the strict-inbound-port chains); the cluster is
only its name.

Two differences from Kuma's test setup, neither hiding a difference in behaviour:

* Kuma's generator, not its MeshTLS plugin, gives an outbound cluster its ``UpstreamTlsContext``,
  with the destination port's KRI SNI (``meshroute.SNIForRealResource``); Kuma's test builds that
  cluster by hand with the SNI ``outgoing``. Here MeshTLS's translation adds the context, so the
  expected cluster is the golden's with the SNI Kuma's generator would have set
  (``sni.msvc.default.zone-1.backend-ns.outgoing.80``). Everything else of the golden cluster
  (ALPN, SAN matchers, SDS secrets, TLS parameters) is compared as is.
* Kuma's plugin rebuilds the inbound listeners from the Dataplane (so its HTTP connection manager
  input for 17777 comes out as a TCP proxy, the inbound having no protocol); ours changes the
  listener the generator made, so the input here is already the TCP proxy chain.

Every golden case of the folder is covered; none is excluded.
"""

from __future__ import annotations

import copy
import json
import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from pulumi_kuma.controlplane.xds.cache import ResourceConverter
from pulumi_kuma.envoy import (
    CLUSTER,
    LISTENER,
    Destination,
    DestinationPort,
    InboundView,
    Protocol,
    ProxyContext,
    ProxyIdentity,
    ProxyResources,
    is_mtls_chain,
    routes,
)
from pulumi_kuma.envoy.names import inbound_name
from pulumi_kuma.envoy.types import HCM_FILTER
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.model.rules import DataplaneRules, InboundListener
from pulumi_kuma.policies import meshtls
from pulumi_kuma.registry import REGISTRY
from tests.policies.envoy_support import PLUGINS, add, clusters, golden, kind_rules, listeners
from tests.policies.golden import assert_like_golden

TESTDATA = "meshtls/plugin/v1alpha1/testdata/"
OUTGOING = "kri_msvc_default_zone-1_backend-ns_outgoing_80"
OUTGOING_SNI = "sni.msvc.default.zone-1.backend-ns.outgoing.80"
OUTGOING_ID = "spiffe://default/outgoing"
PORTS = (17777, 17778)
PASSTHROUGH = meshtls.INBOUND_PASSTHROUGH_LISTENERS


class Peers:
    """The SPIFFE IDs of destinations by KRI (what the control plane's identity side computes)."""

    def __init__(self, ids: dict[str, tuple[str, ...]]) -> None:
        self.ids = ids

    def of(self, destination: Destination) -> tuple[str, ...] | None:
        return self.ids.get(destination.kri)


def identity(
    *, validation_secret: str = "system_trust_bundle", trust_domains: tuple[str, ...] = ()
) -> ProxyIdentity:
    return ProxyIdentity(
        spiffe_id="spiffe://default/test",
        trust_domain="default",
        certificate_secret="my-secret-name",
        validation_secret=validation_secret,
        identity_kri="kri_mid_default_default__my-identity_",
        inbound_trust_domains=trust_domains,
    )


def dataplane(ports: tuple[int, ...] = PORTS) -> ResourceObject:
    networking = {
        "address": "127.0.0.1",
        "inbound": [{"port": port, "tags": {"kuma.io/service": f"svc-{port}"}} for port in ports],
        "outbound": [{"port": 27777, "backendRef": {"kind": "MeshService", "name": "outgoing", "port": 80}}],
        "transparentProxying": {"redirectPortInbound": 15006, "redirectPortOutbound": 15001},
    }
    return ResourceObject(type="Dataplane", name="test", mesh="default", spec={"networking": networking})


def tcp_inbound(port: int) -> InboundView:
    return InboundView(
        name=inbound_name(str(port)),
        section_name=str(port),
        listener=InboundListener("127.0.0.1", port),
        workload_address="127.0.0.1",
        workload_port=port,
        protocol=Protocol.TCP,
        kri=f"kri_dp_default___test_{port}",
    )


def outgoing() -> Destination:
    labels = {
        "kuma.io/zone": "zone-1",
        "k8s.kuma.io/namespace": "backend-ns",
        "kuma.io/display-name": "outgoing",
    }
    return Destination(
        kind="MeshService",
        resource=ResourceObject(type="MeshService", name="outgoing", mesh="default", labels=labels),
        port=DestinationPort(80, "80", Protocol.HTTP),
        kri=OUTGOING,
        base_kri=OUTGOING[: -len("80")],
    )


def proxy_context(
    proxy_identity: ProxyIdentity | None,
    *,
    features: frozenset[str] = frozenset(),
    inbounds: tuple[InboundView, ...] = tuple(tcp_inbound(p) for p in PORTS),
    peers: dict[str, tuple[str, ...]] | None = None,
    dp: ResourceObject | None = None,
) -> ProxyContext:
    dp = dp or dataplane()
    return ProxyContext(
        dataplane=dp,
        mesh=None,
        zone="default",
        inbounds=inbounds,
        outbounds=(),
        rules=DataplaneRules(dp, {}),
        registry=REGISTRY,
        features=features,
        identity=proxy_identity,
        peers=Peers({OUTGOING: (OUTGOING_ID,)} if peers is None else peers),
    )


def policy_confs(case: str) -> list[Any]:
    """The ``rules[].default`` of the case's policy (Kuma's test feeds them as they are)."""
    path = PLUGINS / (TESTDATA + case + ".policy.yaml")
    spec = yaml.safe_load(path.read_text())
    return [rule["default"] for rule in spec["rules"]]


# --- rebuilding the input -------------------------------------------------------------------------


def strip_inbound(listener: dict[str, Any]) -> dict[str, Any]:
    """The inbound listener before MeshTLS: one chain, no TLS, no inspector."""
    out = copy.deepcopy(listener)
    chains = out["filterChains"]
    plain = next((c for c in chains if "transportSocket" not in c), chains[0])
    plain.pop("filterChainMatch", None)
    plain.pop("transportSocket", None)
    out["filterChains"] = [plain]
    out.pop("listenerFilters", None)
    return out


def passthrough_input(listener: dict[str, Any], *, per_port: bool) -> dict[str, Any]:
    """The transparent proxy's inbound passthrough listener as its generator makes it: one chain to
    the passthrough cluster, or (``per_port``: Kuma's generator with an identity and the strict
    inbound ports feature) one chain per inbound port."""
    out = copy.deepcopy(listener)
    name = out["name"]
    chain = {
        "filters": [
            {
                "name": "envoy.filters.network.tcp_proxy",
                "typedConfig": {
                    "@type": "type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy",
                    "cluster": name,
                    "statPrefix": name,
                },
            }
        ]
    }
    if per_port:
        out["filterChains"] = [
            {**copy.deepcopy(chain), "filterChainMatch": {"destinationPort": port}} for port in PORTS
        ]
    else:
        out["filterChains"] = [chain]
    return out


@dataclass
class Case:
    name: str
    identity: ProxyIdentity | None = field(default_factory=identity)
    features: frozenset[str] = frozenset()
    no_policy: bool = False
    passthrough_per_port: bool = False
    """The input passthrough listener already has per-port chains (Kuma's generator made it so)."""


STRICT_PORTS = frozenset({meshtls.STRICT_INBOUND_PORTS_FEATURE})
CASES = [
    Case("no-workload-identity", identity=None),
    Case("no-policy", no_policy=True),
    Case("strict"),
    Case("strict-with-tls-params"),
    Case("strict-with-external-validator", identity=identity(validation_secret="ca-bundle")),
    Case("strict-with-mesh-trust"),
    Case("strict-with-mesh-trust-kuma-managed", identity=identity(trust_domains=("domain-1",))),
    Case(
        "strict-with-multiple-mesh-trust-kuma-managed",
        identity=identity(trust_domains=("domain-c", "domain-a", "domain-b")),
    ),
    Case("strict-with-strict-inbound-ports", features=STRICT_PORTS),
    Case("strict-with-dualstack-tproxy"),
    Case("permissive"),
    Case("permissive-with-tls-params"),
    Case("permissive-with-external-validator", identity=identity(validation_secret="ca-bundle")),
    Case("permissive-with-mesh-trust"),
    Case("permissive-with-mesh-trust-kuma-managed", identity=identity(trust_domains=("domain-1",))),
    Case(
        "permissive-with-multiple-mesh-trust-kuma-managed",
        identity=identity(trust_domains=("domain-c", "domain-a", "domain-b")),
    ),
    Case("permissive-with-strict-inbound-ports", features=STRICT_PORTS, passthrough_per_port=True),
    Case("permissive-with-dualstack-tproxy"),
]


def case_named(name: str) -> Case:
    return next(c for c in CASES if c.name == name)


def test_every_golden_case_is_covered() -> None:
    on_disk = {p.name.split(".")[0] for p in (PLUGINS / TESTDATA).glob("*.golden.yaml")}
    assert on_disk == {case.name for case in CASES}


def build(case: Case) -> tuple[ProxyContext, ProxyResources, list[dict[str, Any]], list[dict[str, Any]]]:
    """The context and input resources of a case, and the expected listeners and clusters."""
    expected_listeners = golden(TESTDATA + case.name + ".listeners.golden.yaml")
    expected_clusters = golden(TESTDATA + case.name + ".clusters.golden.yaml")
    inbounds = {i.name: i for i in (tcp_inbound(p) for p in PORTS)}
    dest = outgoing()
    resources = ProxyResources()
    for listener in expected_listeners:
        name = listener["name"]
        if case.identity is None:
            body = copy.deepcopy(listener)  # Kuma's plugin does not run: the golden is the input
        elif name in PASSTHROUGH:
            body = passthrough_input(listener, per_port=case.passthrough_per_port)
        else:
            body = strip_inbound(listener)
        if name in inbounds:
            add(resources, LISTENER, body, inbound=inbounds[name])
        else:
            resources.add_resource(LISTENER, body, origin="transparent")
    for cluster in expected_clusters:
        add(resources, CLUSTER, {"name": cluster["name"]}, destination=dest)
        socket = cluster.get("transportSocket")
        if socket is not None:
            socket["typedConfig"]["sni"] = OUTGOING_SNI  # the KRI SNI (see the module docstring)
    ctx = proxy_context(case.identity, features=case.features)
    return ctx, resources, expected_listeners, expected_clusters


def translate(case: Case) -> tuple[ProxyResources, list[dict[str, Any]], list[dict[str, Any]]]:
    """The case's resources after MeshTLS, and the expected listeners and clusters."""
    ctx, resources, expected_listeners, expected_clusters = build(case)
    inbound = None
    if not case.no_policy:
        confs = policy_confs(case.name)
        inbound = {InboundListener("127.0.0.1", port): [(None, conf) for conf in confs] for port in PORTS}
    meshtls.configure_envoy(ctx, kind_rules("MeshTLS", inbound=inbound), resources)
    return resources, expected_listeners, expected_clusters


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_matches_kumas_golden(case: Case) -> None:
    resources, expected_listeners, expected_clusters = translate(case)
    assert_like_golden(listeners(resources), expected_listeners, "listeners")
    assert_like_golden(clusters(resources), expected_clusters, "clusters")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_resource_converts_to_protobuf(case: Case) -> None:
    resources, _, _ = translate(case)
    converter = ResourceConverter()
    for type_url, entries in resources.by_type().items():
        for entry in entries:
            converter.convert(type_url, entry.view)


def test_registered_on_the_kind_descriptor() -> None:
    from pulumi_kuma.envoy import envoy_configurer

    assert envoy_configurer(REGISTRY.by_name("MeshTLS")) is meshtls.configure_envoy


# --- behaviour beyond the goldens -----------------------------------------------------------------


def inbound_chains(resources: ProxyResources, port: int = 17777) -> list[dict[str, Any]]:
    entry = resources.get(LISTENER, inbound_name(str(port)))
    assert entry is not None
    return list(entry.view["filterChains"])


def test_only_the_terminated_chains_count_as_mtls() -> None:
    """What MeshTrafficPermission looks for: Strict's chain, Permissive's ``kuma`` ALPN chain."""
    strict, _, _ = translate(case_named("strict"))
    assert [is_mtls_chain(c) for c in inbound_chains(strict)] == [True]
    permissive, _, _ = translate(case_named("permissive"))
    assert [is_mtls_chain(c) for c in inbound_chains(permissive)] == [False, False, True]
    untouched, _, _ = translate(case_named("no-workload-identity"))
    assert not any(is_mtls_chain(c) for c in inbound_chains(untouched))


def test_is_mtls_chain_needs_a_required_client_certificate() -> None:
    [chain] = inbound_chains(translate(case_named("strict"))[0])
    chain["transportSocket"]["typedConfig"]["requireClientCertificate"] = False
    assert not is_mtls_chain(chain)
    assert not is_mtls_chain({"filters": []})


def test_permissive_copies_do_not_share_config() -> None:
    """Later translations change each chain in place: a change to one copy stays in it."""
    resources, _, _ = translate(case_named("permissive"))
    raw, passthrough, kuma = inbound_chains(resources)
    raw["filters"][0]["typedConfig"]["idleTimeout"] = "1s"
    assert passthrough["filters"][0]["typedConfig"]["idleTimeout"] == "7200s"
    assert kuma["filters"][0]["typedConfig"]["idleTimeout"] == "7200s"


def outgoing_cluster(ctx: ProxyContext, destination: Destination | None = None) -> dict[str, Any]:
    resources = ProxyResources()
    dest = destination or outgoing()
    add(resources, CLUSTER, {"name": dest.kri}, destination=dest)
    rules = kind_rules(
        "MeshTLS",
        inbound={
            InboundListener("127.0.0.1", 17777): [
                (
                    None,
                    {
                        "tlsVersion": {"min": "TLS12", "max": "TLSAuto"},
                        "tlsCiphers": ["ECDHE-RSA-AES256-GCM-SHA384"],
                    },
                )
            ]
        },
    )
    meshtls.configure_envoy(ctx, rules, resources)
    [cluster] = clusters(resources)
    return cluster


@pytest.mark.parametrize("peers", [{}, {OUTGOING: ()}], ids=["not a mesh destination", "no identities"])
def test_destinations_without_peer_identities_stay_plaintext(peers: dict[str, tuple[str, ...]]) -> None:
    assert outgoing_cluster(proxy_context(identity(), peers=peers)) == {"name": OUTGOING}


def test_no_identity_no_upstream_tls() -> None:
    assert outgoing_cluster(proxy_context(None)) == {"name": OUTGOING}


def test_cluster_tls_params_and_every_peer_identity() -> None:
    ids = ("spiffe://default/a", "spiffe://default/b")
    cluster = outgoing_cluster(proxy_context(identity(), peers={OUTGOING: ids}))
    context = cluster["transportSocket"]["typedConfig"]
    assert context["sni"] == OUTGOING_SNI
    common = context["commonTlsContext"]
    assert common["tlsParams"] == {
        "tlsMinimumProtocolVersion": "TLSv1_2",  # TLSAuto is Envoy's default, left out
        "cipherSuites": ["ECDHE-RSA-AES256-GCM-SHA384"],
    }
    sans = common["combinedValidationContext"]["defaultValidationContext"]["matchTypedSubjectAltNames"]
    assert [m["matcher"]["exact"] for m in sans] == list(ids)


def test_mesh_external_service_clusters_get_no_tls_params() -> None:
    """Kuma leaves MeshExternalService clusters out when it applies TLS versions and ciphers."""
    base = outgoing()
    kri = "kri_extsvc_default_zone-1_backend-ns_httpbin_443"
    mes = replace(
        base,
        kind="MeshExternalService",
        resource=replace(
            base.resource,
            type="MeshExternalService",
            name="httpbin",
            labels={**base.resource.labels, "kuma.io/display-name": "httpbin"},
        ),
        port=DestinationPort(443, "443", Protocol.TCP),
        kri=kri,
    )
    cluster = outgoing_cluster(proxy_context(identity(), peers={kri: ("spiffe://default/egress",)}), mes)
    context = cluster["transportSocket"]["typedConfig"]
    assert context["sni"] == "sni.extsvc.default.zone-1.backend-ns.httpbin.443"
    assert "tlsParams" not in context["commonTlsContext"]


def test_strict_inbound_ports_send_the_serviceless_port_nowhere() -> None:
    dp = dataplane((17777, meshtls.SERVICELESS_PORT, 17777))
    resources = ProxyResources()
    add(
        resources,
        LISTENER,
        strip_inbound(golden(TESTDATA + "strict.listeners.golden.yaml")[0]),
        inbound=tcp_inbound(17777),
    )
    passthrough = golden(TESTDATA + "strict.listeners.golden.yaml")[2]
    resources.add_resource(LISTENER, passthrough_input(passthrough, per_port=False), origin="transparent")
    ctx = proxy_context(identity(), features=STRICT_PORTS, inbounds=(tcp_inbound(17777),), dp=dp)
    meshtls.configure_envoy(ctx, kind_rules("MeshTLS"), resources)
    entry = resources.get(LISTENER, PASSTHROUGH[0])
    assert entry is not None
    chains = entry.view["filterChains"]
    assert [c["filterChainMatch"]["destinationPort"] for c in chains] == [17777, meshtls.SERVICELESS_PORT]
    assert [c["filters"][0]["typedConfig"]["cluster"] for c in chains] == [
        PASSTHROUGH[0],
        meshtls.NO_DESTINATION_INBOUND_CLUSTER,
    ]


def test_tls_ciphers_alone_and_versions_alone() -> None:
    assert meshtls.tls_params({"tlsCiphers": []}, inbound=True) == {}
    assert meshtls.tls_params({"tlsCiphers": []}, inbound=False) is None
    assert meshtls.tls_params({"tlsVersion": {"max": "TLS13"}}, inbound=False) == {
        "tlsMaximumProtocolVersion": "TLSv1_3"
    }
    assert meshtls.tls_params({"tlsVersion": {}}, inbound=True) is None
    assert meshtls.tls_params({"mode": "Strict"}, inbound=True) is None


# --- with the generator and the other translations -------------------------------------------------


def generated_with_identity(mode: str) -> ProxyResources:
    """A client proxy with an HTTP inbound and an outbound to ``backend``, generated with every
    policy kind after MeshTLS ``mode`` and a MeshTimeout on the inbound, with an identity."""
    from pulumi_kuma.controlplane.generate import GenerationState
    from pulumi_kuma.controlplane.generate.generator import generate
    from tests.policies.golden import MeshFixture

    mesh = MeshFixture()
    mesh.service("backend", 80, port_name="http", endpoints=("10.0.0.1",))
    mesh.client([(10001, "backend", 80)])
    mesh.policy("MeshTLS", "tls", {"targetRef": {"kind": "Mesh"}, "rules": [{"default": {"mode": mode}}]})
    mesh.policy(
        "MeshTimeout",
        "timeouts",
        {"targetRef": {"kind": "Mesh"}, "rules": [{"default": {"http": {"requestTimeout": "3s"}}}]},
    )
    state = GenerationState(REGISTRY)
    state.load(mesh.objects)
    result = state.generate("default", "web-01")
    assert result is not None
    ctx = replace(
        result.context,
        identity=identity(),
        peers=Peers(
            {"kri_msvc_default___backend_http": ("spiffe://default.default.mesh.local/workload/backend",)}
        ),
    )
    return generate(ctx, REGISTRY)


@pytest.mark.parametrize("mode", ["Strict", "Permissive"])
def test_generated_proxy_converts_and_later_translations_see_every_chain(mode: str) -> None:
    resources = generated_with_identity(mode)
    chains = inbound_chains(resources, 80)
    assert [is_mtls_chain(c) for c in chains] == ([True] if mode == "Strict" else [False, False, True])
    for chain in chains:  # MeshTimeout (after MeshTLS) configured each copy
        [hcm] = [f["typedConfig"] for f in chain["filters"] if f["name"] == HCM_FILTER]
        assert [r["route"]["timeout"] for r in routes(hcm)] == ["3s"]
    cluster = resources.get(CLUSTER, "kri_msvc_default___backend_http")
    assert cluster is not None
    assert cluster.view["transportSocket"]["typedConfig"]["sni"] == "sni.msvc.default.backend.http"
    converter = ResourceConverter()
    for type_url, entries in resources.by_type().items():
        for entry in entries:
            converter.convert(type_url, entry.view)


def envoy_bootstrap(resources: ProxyResources) -> dict[str, Any]:
    """A bootstrap holding the resources statically, with an ADS server for SDS and EDS."""
    listener_list = [dict(e.view) for e in resources.entries(LISTENER)]
    cluster_list = [dict(e.view) for e in resources.entries(CLUSTER)]
    names = {c["name"] for c in cluster_list}
    for cluster in cluster_list:
        if cluster.get("type") == "EDS" or "type" not in cluster:
            cluster.setdefault("edsClusterConfig", {"edsConfig": {"ads": {}, "resourceApiVersion": "V3"}})
            cluster.setdefault("type", "EDS")
    for listener in listener_list:
        for chain in listener["filterChains"]:
            for item in chain["filters"]:
                target = item["typedConfig"].get("cluster")
                if target and target not in names:
                    names.add(target)
                    cluster_list.append({"name": target, "type": "STATIC", "connectTimeout": "1s"})
    ads = {
        "name": "ads",
        "type": "STATIC",
        "connectTimeout": "1s",
        "typedExtensionProtocolOptions": {
            "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": {
                "@type": "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
                "explicitHttpConfig": {"http2ProtocolOptions": {}},
            }
        },
        "loadAssignment": {
            "clusterName": "ads",
            "endpoints": [
                {
                    "lbEndpoints": [
                        {"endpoint": {"address": {"socketAddress": {"address": "127.0.0.1", "portValue": 1}}}}
                    ]
                }
            ],
        },
    }
    return {
        "node": {"id": "test", "cluster": "test"},
        "dynamicResources": {
            "adsConfig": {
                "apiType": "GRPC",
                "transportApiVersion": "V3",
                "grpcServices": [{"envoyGrpc": {"clusterName": "ads"}}],
            }
        },
        "staticResources": {"listeners": listener_list, "clusters": [*cluster_list, ads]},
    }


def run_envoy_validate(resources: ProxyResources, tmp_path: Path) -> None:
    from pulumi_kuma.dataplane import envoy_binary

    path = tmp_path / "bootstrap.json"
    path.write_text(json.dumps(envoy_bootstrap(resources)))
    result = subprocess.run(
        [envoy_binary(), "--mode", "validate", "-c", str(path), "--log-level", "error"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    "case", ["strict-with-tls-params", "permissive-with-tls-params", "strict-with-strict-inbound-ports"]
)
def test_envoy_accepts_the_golden_cases(case: str, tmp_path: Path) -> None:
    resources, _, _ = translate(case_named(case))
    run_envoy_validate(resources, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["Strict", "Permissive"])
def test_envoy_accepts_a_generated_proxy(mode: str, tmp_path: Path) -> None:
    run_envoy_validate(generated_with_identity(mode), tmp_path)
