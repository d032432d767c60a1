"""MeshTrust: PEM checks and the CA helper."""

from __future__ import annotations

import datetime
import json

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from pulumi_kuma.kinds import meshtrust
from pulumi_kuma.kinds.meshtrust import MeshTrustSpec, ca_pems, is_pem_certificate
from tests.kinds.support import decode, pairs


def _ca() -> tuple[str, str]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test")])
    start = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    return cert.public_bytes(serialization.Encoding.PEM).decode(), key_pem


def test_pem_certificate_detection() -> None:
    cert, key = _ca()
    assert is_pem_certificate(cert)
    assert is_pem_certificate("leading text\n" + cert + "trailing")
    assert not is_pem_certificate(key)
    assert not is_pem_certificate(key + cert)  # Kuma looks at the first block only
    assert not is_pem_certificate("-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n")
    assert not is_pem_certificate("no pem at all")


def test_validator_rules_beyond_the_fixtures() -> None:
    _, key = _ca()
    text = json.dumps(
        {"trustDomain": "", "caBundles": [{"type": "Der"}, {"type": "Pem", "pem": {"value": key}}]}
    )
    assert pairs(decode("MeshTrust", text)) == [
        ("spec.caBundles.type", "Der must be one of: Pem"),
        ("spec.caBundles[1].pem.value", "provided certificate has incorrect format"),
        ("spec.trustDomain", "trustDomain needs to be defined"),
    ]
    assert pairs(decode("MeshTrust", "trustDomain: td")) == [("spec.caBundles", "must not be empty")]


def test_ca_pems_lists_the_bundles() -> None:
    cert, _ = _ca()
    spec = MeshTrustSpec.model_validate(
        {"trustDomain": "td", "caBundles": [{"type": "Pem", "pem": {"value": cert}}]}
    )
    assert ca_pems(spec) == [cert]


def test_example_ca_is_a_real_certificate() -> None:
    value = meshtrust.EXAMPLE["caBundles"][0]["pem"]["value"]
    certificate = x509.load_pem_x509_certificate(value.encode())
    assert certificate.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
