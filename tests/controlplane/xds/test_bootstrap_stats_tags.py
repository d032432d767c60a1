"""The bootstrap's ``listener`` stats tag regex: the same tags as Kuma's, without its CPU cost."""

from __future__ import annotations

import re

from pulumi_kuma.controlplane.xds import BootstrapParams, ProxyId, build_bootstrap

KUMA_LISTENER_TAG = r"((.+?)\.)rbac\."
NAMES = [
    "self_inbound_dp_8080.rbac.allowed",
    "http.self_inbound_dp_8080.rbac.denied",
    "http.kri_msvc_default_zone_ns_backend_80.rbac.shadow_allowed",
    "a.rbac.b.rbac.c",
    ".rbac.allowed",
    "rbac.allowed",
    "listener.127.0.0.1_8080.downstream_cx_total",
    "cluster.kri_msvc_default___backend_80.upstream_rq_200",
    "http.self_inbound_dp_main.downstream_rq_2xx",
    "xrbac.y",
    "",
]


def test_the_anchored_listener_tag_extracts_what_kumas_does() -> None:
    bootstrap = build_bootstrap(BootstrapParams(ProxyId("default", "dp"), "127.0.0.1", 5678))
    [ours] = [t["regex"] for t in bootstrap["statsConfig"]["statsTags"] if t["tagName"] == "listener"]
    for name in NAMES:
        theirs, mine = re.search(KUMA_LISTENER_TAG, name), re.search(ours, name)
        assert (theirs is None) == (mine is None), name
        if theirs is not None and mine is not None:
            assert (theirs.span(1), theirs.group(2)) == (mine.span(1), mine.group(2)), name
