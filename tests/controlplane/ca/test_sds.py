"""SDS secrets: Kuma's goldens, and every dict parses into Envoy's Secret proto."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
import yaml
from cryptography import x509
from envoy.extensions.transport_sockets.tls.v3 import secret_pb2, tls_spiffe_validator_config_pb2
from google.protobuf import json_format

from pulumi_kuma.controlplane.ca import (
    SECRET_TYPE_URL,
    generate_root_ca,
    identity_secret,
    issue_workload_certificate,
    trust_bundle_secret,
)
from pulumi_kuma.controlplane.ca.keys import load_private_key

from .helpers import FakeClock

GOLDENS = Path("plugins/meshtrust/generator/v1alpha1/testdata")
GOLDEN_BUNDLES = {"domain-1": ["123", "456"], "domain-2": ["789"]}


def _golden_secrets(path: Path) -> list[dict[str, Any]]:
    document = yaml.safe_load(path.read_text()) or {}
    return [entry["resource"] for entry in document.get("resources", [])]


@pytest.mark.parametrize(
    "golden", ["secrets-multiple-trust-domains", "secrets-multiple-trust-domains-default-name"]
)
def test_trust_bundle_matches_kumas_golden(conformance_dir: Path, golden: str) -> None:
    (expected,) = _golden_secrets(conformance_dir / GOLDENS / f"{golden}.secrets.golden.yaml")
    assert expected.pop("@type") == SECRET_TYPE_URL
    assert trust_bundle_secret(GOLDEN_BUNDLES) == expected


def test_no_trust_domains_gives_no_secret(conformance_dir: Path) -> None:
    assert _golden_secrets(conformance_dir / GOLDENS / "no-secrets.secrets.golden.yaml") == []
    assert trust_bundle_secret({}) is None
    assert trust_bundle_secret({"domain-1": []}) is None


def test_trust_bundle_parses_into_the_spiffe_validator() -> None:
    ca = generate_root_ca("default.zone-1.mesh.local")
    pem = ca.certificate_pem.decode()
    secret = json_format.ParseDict(
        trust_bundle_secret({"default.zone-1.mesh.local": [pem]}), secret_pb2.Secret()
    )
    assert secret.name == "system_trust_bundle"
    validator = secret.validation_context.custom_validator_config
    assert validator.name == "envoy.tls.cert_validator.spiffe"
    config = tls_spiffe_validator_config_pb2.SPIFFECertValidatorConfig()
    assert validator.typed_config.Unpack(config)
    (domain,) = config.trust_domains
    assert domain.name == "default.zone-1.mesh.local"
    assert x509.load_pem_x509_certificate(domain.trust_bundle.inline_bytes) == ca.certificate


def test_identity_secret_parses_and_holds_the_svid() -> None:
    ca = generate_root_ca("default.zone-1.mesh.local")
    svid = issue_workload_certificate(
        ca, "spiffe://default.zone-1.mesh.local/workload/demo", clock=FakeClock()
    )
    as_dict = identity_secret("kri_mid_default_zone-1__identity_", svid)
    secret = json_format.ParseDict(as_dict, secret_pb2.Secret())
    assert secret.name == "kri_mid_default_zone-1__identity_"
    chain = secret.tls_certificate.certificate_chain.inline_bytes
    assert chain == svid.certificate_pem
    key = load_private_key(secret.tls_certificate.private_key.inline_bytes, what="sds key")
    assert x509.load_pem_x509_certificate(chain).public_key() == key.public_key()
    # proto3 JSON round trip: what the xDS cache will hash and send
    assert json_format.MessageToDict(secret) == as_dict
    assert base64.b64decode(as_dict["tlsCertificate"]["privateKey"]["inlineBytes"]) == svid.private_key_pem
