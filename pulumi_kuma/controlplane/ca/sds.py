"""SDS secrets as proto3-JSON dicts (``envoy.extensions.transport_sockets.tls.v3.Secret``).

Two shapes, as Kuma 3.0 generates them:

* the workload identity: ``tlsCertificate`` with the certificate chain and key inline, named by the
  MeshIdentity's KRI (``providers/bundled/bundled.go``);
* ``system_trust_bundle``: a validation context whose custom validator is Envoy's SPIFFE validator,
  one trust domain per entry (sorted by name) with that domain's CAs joined by ``\\n``
  (``meshtrust/generator/v1alpha1/secrets.go``). A peer is accepted when its certificate chains to
  the CAs of the trust domain in its own SPIFFE ID.

The dicts carry no top-level ``@type``; :data:`SECRET_TYPE_URL` is their type. Importing this module
registers the SPIFFE validator config message so that ``json_format.ParseDict`` can resolve the
nested ``Any``.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from typing import Any

# Registers SPIFFECertValidatorConfig in the default descriptor pool (the nested Any refers to it).
from envoy.extensions.transport_sockets.tls.v3 import tls_spiffe_validator_config_pb2 as _spiffe_pb2  # noqa: F401

from pulumi_kuma.controlplane.ca.svid import WorkloadCertificate

TYPE_PREFIX = "type.googleapis.com/"
SECRET_TYPE_URL = TYPE_PREFIX + "envoy.extensions.transport_sockets.tls.v3.Secret"
SPIFFE_VALIDATOR_TYPE_URL = (
    TYPE_PREFIX + "envoy.extensions.transport_sockets.tls.v3.SPIFFECertValidatorConfig"
)
SPIFFE_VALIDATOR_NAME = "envoy.tls.cert_validator.spiffe"
TRUST_BUNDLE_SECRET_NAME = "system_trust_bundle"
"""Kuma's ``SystemResourceNameCABundle``: the validation context every mTLS socket points at."""


def _inline(data: bytes) -> dict[str, str]:
    return {"inlineBytes": base64.b64encode(data).decode("ascii")}


def identity_secret(name: str, certificate: WorkloadCertificate) -> dict[str, Any]:
    """The workload certificate and key as an SDS secret named ``name`` (the identity's KRI)."""
    return {
        "name": name,
        "tlsCertificate": {
            "certificateChain": _inline(certificate.chain_pem),
            "privateKey": _inline(certificate.private_key_pem),
        },
    }


def trust_bundle_secret(
    bundles: Mapping[str, Sequence[str]], name: str = TRUST_BUNDLE_SECRET_NAME
) -> dict[str, Any] | None:
    """The SPIFFE validation context for ``bundles`` (trust domain → CA PEMs); None when empty."""
    domains = [
        {"name": domain, "trustBundle": _inline("\n".join(bundles[domain]).encode())}
        for domain in sorted(bundles)
        if bundles[domain]
    ]
    if not domains:
        return None
    return {
        "name": name,
        "validationContext": {
            "customValidatorConfig": {
                "name": SPIFFE_VALIDATOR_NAME,
                "typedConfig": {"@type": SPIFFE_VALIDATOR_TYPE_URL, "trustDomains": domains},
            }
        },
    }
