"""Workload certificates (X.509 SVIDs) signed by a CA, and when they must be rotated.

An SVID is what Kuma's Bundled provider issues (``providers/bundled/bundled.go``): a fresh key of
the CA's type, no Subject, the SPIFFE ID as the single URI SAN (critical, since the Subject is
empty), KeyUsage DigitalSignature + KeyEncipherment + KeyAgreement, ExtKeyUsage ServerAuth +
ClientAuth, not a CA, NotBefore ten seconds in the past. Unlike Kuma, which presents the leaf
alone, a CA that is not self-signed (an intermediate) has its own chain sent after the leaf, so
peers that trust only the root can still build the path.

Validity: ``certificateParameters.expiry`` when set, else :data:`DEFAULT_WORKLOAD_VALIDITY` (24 h).
Kuma's own default is five days; we issue shorter-lived certificates by default because rotation is
automatic and cheap, and a leaked key is then useful for a day rather than five.

Rotation follows Kuma's ``WorkloadIdentity.ExpiringSoon``: a certificate is due for replacement
once the time since it was generated exceeds four fifths of its lifetime (``NotAfter`` minus the
generation time).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import ExtendedKeyUsageOID

from pulumi_kuma.controlplane.ca.authority import CLOCK_SKEW, CertificateAuthority, Clock, utc_now
from pulumi_kuma.controlplane.ca.errors import WorkloadIdentityError
from pulumi_kuma.controlplane.ca.keys import generate_key_like, private_key_pem, signature_hash
from pulumi_kuma.model.common import spiffe_id_error

DEFAULT_WORKLOAD_VALIDITY = timedelta(hours=24)
"""Validity of a workload certificate when the identity sets no ``certificateParameters.expiry``."""

KUMA_DEFAULT_WORKLOAD_VALIDITY = timedelta(days=5)
"""Kuma's default (``DefaultWorkloadCertValidityPeriod``), for reference; we use 24 h (see the module doc)."""

ROTATION_FRACTION = (4, 5)
"""Rotate once this fraction of the lifetime has passed since generation (Kuma's ``ExpiringSoon``)."""


@dataclass(frozen=True, slots=True)
class WorkloadCertificate:
    """An issued SVID: certificate and key PEM, and its times. The repr never shows the key."""

    spiffe_id: str
    certificate_pem: bytes
    private_key_pem: bytes = field(repr=False)
    generated_at: datetime
    not_before: datetime
    not_after: datetime
    ca_fingerprint: str
    intermediates_pem: bytes = b""
    """The CA's own certificate chain when the CA is not a root, sent after the leaf."""

    @property
    def chain_pem(self) -> bytes:
        """What a proxy presents: the leaf, then any intermediates."""
        return self.certificate_pem + self.intermediates_pem

    @property
    def lifetime(self) -> timedelta:
        """NotAfter minus the generation time (Kuma's ``CertLifetime``)."""
        return self.not_after - self.generated_at

    @property
    def rotate_at(self) -> datetime:
        """When the certificate becomes due for rotation: generation + 4/5 of the lifetime."""
        numerator, denominator = ROTATION_FRACTION
        return self.generated_at + self.lifetime / denominator * numerator

    def expiring_soon(self, now: datetime) -> bool:
        """Whether ``now`` is past :attr:`rotate_at` (Kuma's ``ExpiringSoon``)."""
        return now > self.rotate_at

    def __repr__(self) -> str:
        return (
            f"WorkloadCertificate(spiffe_id={self.spiffe_id!r}, not_after={self.not_after.isoformat()}, "
            f"ca_fingerprint={self.ca_fingerprint[:16]}, private_key=<redacted>)"
        )


def issue_workload_certificate(
    ca: CertificateAuthority,
    spiffe_id: str,
    *,
    validity: timedelta = DEFAULT_WORKLOAD_VALIDITY,
    clock: Clock = utc_now,
) -> WorkloadCertificate:
    """Issue an SVID for ``spiffe_id`` signed by ``ca``, valid for ``validity`` from now.

    With an RSA CA this generates an RSA 2048 key (tens of milliseconds): call it from a worker
    thread inside the event loop.
    """
    error = spiffe_id_error(spiffe_id)
    if error is not None:
        raise WorkloadIdentityError(
            f"cannot issue a certificate for {spiffe_id!r}: not a SPIFFE ID ({error})"
        )
    if validity <= timedelta(0):
        raise WorkloadIdentityError(
            f"cannot issue a certificate for {spiffe_id!r}: the validity must be greater than 0 "
            f"(got {validity}; set spec.provider.bundled.certificateParameters.expiry to a positive duration)"
        )
    now = clock()
    not_before = now - CLOCK_SKEW
    not_after = now + validity
    key = generate_key_like(ca.key)
    public_key = key.public_key()
    issuer = ca.certificate
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([]))
        .issuer_name(issuer.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=True,
                data_encipherment=False,
                key_agreement=True,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]),
            critical=False,
        )
        # RFC 5280 4.2.1.6: with an empty Subject the SAN extension must be critical.
        .add_extension(
            x509.SubjectAlternativeName([x509.UniformResourceIdentifier(spiffe_id)]), critical=True
        )
    )
    try:
        issuer_key_id = issuer.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(issuer_key_id), critical=False
        )
    except x509.ExtensionNotFound:
        pass
    certificate = builder.sign(ca.key, signature_hash(ca.key))
    return WorkloadCertificate(
        spiffe_id=spiffe_id,
        certificate_pem=certificate.public_bytes(serialization.Encoding.PEM),
        private_key_pem=private_key_pem(key),
        generated_at=now,
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
        ca_fingerprint=ca.fingerprint,
        intermediates_pem=b"" if ca.is_self_signed() else ca.certificate_pem,
    )
