"""The identity helpers mTLS translations share: TLS contexts and what counts as an mTLS chain."""

from __future__ import annotations

from typing import Any

from pulumi_kuma.envoy import (
    DOWNSTREAM_TLS_CONTEXT_TYPE,
    UPSTREAM_TLS_CONTEXT_TYPE,
    ProxyIdentity,
    is_mtls_chain,
)

IDENTITY = ProxyIdentity(spiffe_id="spiffe://td/workload/a", trust_domain="td", certificate_secret="cert")


def chain(type_url: str, require: Any) -> dict[str, Any]:
    config: dict[str, Any] = {"@type": type_url, "commonTlsContext": IDENTITY.common_tls_context()}
    if require is not None:
        config["requireClientCertificate"] = require
    return {"filters": [], "transportSocket": {"name": "envoy.transport_sockets.tls", "typedConfig": config}}


def test_mtls_chain_requires_a_downstream_context_with_client_certificates() -> None:
    assert is_mtls_chain(chain(DOWNSTREAM_TLS_CONTEXT_TYPE, True))
    assert not is_mtls_chain(chain(DOWNSTREAM_TLS_CONTEXT_TYPE, False))
    assert not is_mtls_chain(chain(DOWNSTREAM_TLS_CONTEXT_TYPE, None))
    assert not is_mtls_chain(chain(UPSTREAM_TLS_CONTEXT_TYPE, True))
    assert not is_mtls_chain({"filters": []})
    raw = chain(DOWNSTREAM_TLS_CONTEXT_TYPE, True)
    raw["transportSocket"]["name"] = "envoy.transport_sockets.raw_buffer"
    assert not is_mtls_chain(raw)


def test_san_matchers_exact_then_prefix() -> None:
    context = IDENTITY.common_tls_context(match_sans=("spiffe://td/a",), san_prefixes=("spiffe://td/",))
    assert context["combinedValidationContext"]["defaultValidationContext"] == {
        "matchTypedSubjectAltNames": [
            {"sanType": "URI", "matcher": {"exact": "spiffe://td/a"}},
            {"sanType": "URI", "matcher": {"prefix": "spiffe://td/"}},
        ]
    }
    assert IDENTITY.common_tls_context()["combinedValidationContext"]["defaultValidationContext"] == {}
