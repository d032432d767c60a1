"""Workload certificates: signed by the CA, Kuma's extensions, validity, rotation time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError

from pulumi_kuma.controlplane.ca import (
    CertificateAuthority,
    WorkloadIdentityError,
    generate_root_ca,
    issue_workload_certificate,
)
from pulumi_kuma.controlplane.ca.keys import load_private_key, public_key_der

from .helpers import START, FakeClock, cert_pem, ec_key, key_pem, make_cert, root_and_intermediate

SPIFFE_ID = "spiffe://default.zone-1.mesh.local/workload/demo"


@pytest.fixture(scope="module")
def rsa_ca() -> CertificateAuthority:
    return generate_root_ca("default.zone-1.mesh.local", clock=FakeClock())


@pytest.fixture(scope="module")
def ec_ca() -> CertificateAuthority:
    key = ec_key(ec.SECP384R1())
    return CertificateAuthority.from_pem(cert_pem(make_cert(key)), key_pem(key), source="test")


def _leaf(pem: bytes) -> x509.Certificate:
    return x509.load_pem_x509_certificate(pem)


def _verify(ca: CertificateAuthority, leaf: x509.Certificate, when: FakeClock) -> list[x509.GeneralName]:
    verifier = PolicyBuilder().store(Store([ca.certificate])).time(when()).build_client_verifier()
    return list(verifier.verify(leaf, []).subjects or [])


def test_svid_is_signed_by_the_ca_and_verifies_as_a_client_certificate(rsa_ca: CertificateAuthority) -> None:
    clock = FakeClock()
    svid = issue_workload_certificate(rsa_ca, SPIFFE_ID, clock=clock)
    leaf = _leaf(svid.certificate_pem)
    leaf.verify_directly_issued_by(rsa_ca.certificate)
    assert _verify(rsa_ca, leaf, clock) == [x509.UniformResourceIdentifier(SPIFFE_ID)]


def test_svid_extensions_are_kumas(rsa_ca: CertificateAuthority) -> None:
    leaf = _leaf(issue_workload_certificate(rsa_ca, SPIFFE_ID, clock=FakeClock()).certificate_pem)
    assert leaf.subject == x509.Name([])
    san = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    assert san.critical  # empty subject
    assert list(san.value) == [x509.UniformResourceIdentifier(SPIFFE_ID)]
    usage = leaf.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.key_encipherment and usage.key_agreement
    assert not usage.key_cert_sign
    eku = leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(eku) == [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]
    assert leaf.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is False


def test_validity_defaults_to_24_hours_with_10_seconds_of_skew(rsa_ca: CertificateAuthority) -> None:
    clock = FakeClock()
    svid = issue_workload_certificate(rsa_ca, SPIFFE_ID, clock=clock)
    leaf = _leaf(svid.certificate_pem)
    assert leaf.not_valid_before_utc == START - timedelta(seconds=10) == svid.not_before
    assert leaf.not_valid_after_utc == START + timedelta(hours=24) == svid.not_after
    assert svid.generated_at == START


def test_expired_svid_no_longer_verifies(rsa_ca: CertificateAuthority) -> None:
    clock = FakeClock()
    leaf = _leaf(
        issue_workload_certificate(
            rsa_ca, SPIFFE_ID, validity=timedelta(hours=1), clock=clock
        ).certificate_pem
    )
    clock.advance(timedelta(hours=1, seconds=1))
    with pytest.raises(VerificationError):
        _verify(rsa_ca, leaf, clock)


def test_rotation_is_due_after_four_fifths_of_the_lifetime(rsa_ca: CertificateAuthority) -> None:
    clock = FakeClock()
    svid = issue_workload_certificate(rsa_ca, SPIFFE_ID, validity=timedelta(hours=10), clock=clock)
    assert svid.lifetime == timedelta(hours=10)
    assert svid.rotate_at == START + timedelta(hours=8)
    assert not svid.expiring_soon(START + timedelta(hours=8))
    assert svid.expiring_soon(START + timedelta(hours=8, seconds=1))


@pytest.mark.parametrize(
    ("ca_name", "key_type"),
    [("rsa_ca", rsa.RSAPrivateKey), ("ec_ca", ec.EllipticCurvePrivateKey)],
)
def test_workload_key_follows_the_ca_and_matches_the_certificate(
    ca_name: str, key_type: type, request: pytest.FixtureRequest
) -> None:
    ca: CertificateAuthority = request.getfixturevalue(ca_name)
    svid = issue_workload_certificate(ca, SPIFFE_ID, clock=FakeClock())
    key = load_private_key(svid.private_key_pem, what="svid key")
    assert isinstance(key, key_type)
    if isinstance(key, ec.EllipticCurvePrivateKey):
        assert key.curve.name == "secp384r1"
    leaf = _leaf(svid.certificate_pem)
    assert public_key_der(leaf.public_key()) == public_key_der(key.public_key())
    leaf.verify_directly_issued_by(ca.certificate)


def test_ed25519_ca_issues_ed25519_workload_keys() -> None:
    key = ed25519.Ed25519PrivateKey.generate()
    ca = CertificateAuthority.from_pem(cert_pem(make_cert(key)), key_pem(key), source="test")
    svid = issue_workload_certificate(ca, SPIFFE_ID, clock=FakeClock())
    assert isinstance(load_private_key(svid.private_key_pem, what="k"), ed25519.Ed25519PrivateKey)
    _leaf(svid.certificate_pem).verify_directly_issued_by(ca.certificate)


def test_intermediate_ca_sends_its_chain_after_the_leaf() -> None:
    (root, _), (inter, inter_key) = root_and_intermediate()
    ca = CertificateAuthority.from_pem(cert_pem(inter), key_pem(inter_key), source="test")
    clock = FakeClock()
    svid = issue_workload_certificate(ca, SPIFFE_ID, clock=clock)
    chain = x509.load_pem_x509_certificates(svid.chain_pem)
    assert chain[1] == inter
    verifier = PolicyBuilder().store(Store([root])).time(clock()).build_client_verifier()
    assert len(verifier.verify(chain[0], chain[1:]).chain) == 3


def test_self_signed_ca_sends_the_leaf_alone(rsa_ca: CertificateAuthority) -> None:
    svid = issue_workload_certificate(rsa_ca, SPIFFE_ID, clock=FakeClock())
    assert svid.chain_pem == svid.certificate_pem


@pytest.mark.parametrize(
    ("spiffe_id", "validity", "message"),
    [
        ("spiffe://td/workload/", timedelta(hours=1), "path cannot have a trailing slash"),
        ("http://x", timedelta(hours=1), "scheme is missing or invalid"),
        (SPIFFE_ID, timedelta(0), "validity must be greater than 0"),
    ],
)
def test_issue_refuses_bad_input(
    rsa_ca: CertificateAuthority, spiffe_id: str, validity: timedelta, message: str
) -> None:
    with pytest.raises(WorkloadIdentityError, match=message):
        issue_workload_certificate(rsa_ca, spiffe_id, validity=validity, clock=FakeClock())


def test_repr_redacts_the_key(rsa_ca: CertificateAuthority) -> None:
    svid = issue_workload_certificate(rsa_ca, SPIFFE_ID, clock=FakeClock())
    text = repr(svid)
    assert "redacted" in text and SPIFFE_ID in text
    assert "PRIVATE KEY" not in text and svid.private_key_pem.decode().splitlines()[1] not in text
