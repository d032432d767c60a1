"""MeshTrust: the CA certificates a mesh trusts for one trust domain.

Every proxy's mTLS validation context holds the CAs of all MeshTrusts of its mesh. A Bundled
MeshIdentity creates one automatically (unless ``meshTrustCreation: Disabled``); ``status.origin``
then names that identity and is read-only.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Annotated, Any

from pulumi_kuma.model.base import REQUIRED, Doc, Items, KumaModel, Length, OneOf
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.messages import MUST_BE_DEFINED, MUST_NOT_BE_EMPTY, must_be_one_of
from pulumi_kuma.model.path import SPEC
from pulumi_kuma.model.registry import KindDescriptor, Scope, ValidationContext
from pulumi_kuma.model.violations import Violations

_PRIVATE_KEY_TYPES = frozenset(
    {"PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY"}
)
_PEM_BLOCK = re.compile(
    r"(?:^|\n)-----BEGIN ([^\n]*?)-----[ \t]*\r?\n(.*?)(?:^|\n)-----END \1-----", re.DOTALL | re.MULTILINE
)


class PemBundle(KumaModel):
    """PEM-encoded CA certificates."""

    value: Annotated[str, REQUIRED, Doc("One or more PEM certificates.")] = ""


class CABundle(KumaModel):
    """A bundle of trusted CA certificates."""

    type: Annotated[str, REQUIRED, OneOf("Pem")] = ""
    pem: PemBundle | None = None


class MeshTrustSpec(KumaModel):
    """The MeshTrust spec."""

    trust_domain: Annotated[
        str, REQUIRED, Length(max_length=253), Doc("The SPIFFE trust domain these CAs sign for.")
    ] = ""
    ca_bundles: Annotated[list[CABundle] | None, REQUIRED, Items(min_items=1)] = None


def pem_block_types(text: str) -> list[str]:
    """The types (``CERTIFICATE``, ...) of the well-formed PEM blocks in ``text``, in order."""
    types = []
    for match in _PEM_BLOCK.finditer(text):
        body_lines = [line for line in match.group(2).splitlines() if ":" not in line]
        body = re.sub(r"\s+", "", "".join(body_lines))
        try:
            base64.b64decode(body, validate=True)
        except (binascii.Error, ValueError):
            continue
        types.append(match.group(1))
    return types


def is_pem_certificate(text: str) -> bool:
    """Kuma's check: the first PEM block parses and is not a private key."""
    types = pem_block_types(text)
    return bool(types) and types[0] not in _PRIVATE_KEY_TYPES


def ca_pems(spec: MeshTrustSpec) -> list[str]:
    """The PEM texts of the trust's CA bundles, in order (what goes into the validation context)."""
    return [bundle.pem.value for bundle in spec.ca_bundles or [] if bundle.type == "Pem" and bundle.pem]


def validate(spec: MeshTrustSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshTrust validator."""
    v = Violations()
    bundles_path = SPEC.field("caBundles")
    if not spec.ca_bundles:
        v.add(bundles_path, MUST_NOT_BE_EMPTY)
    else:
        for i, bundle in enumerate(spec.ca_bundles):
            if bundle.type == "Pem":
                pem_path = bundles_path.index(i).field("pem")
                if bundle.pem is None:
                    v.add(pem_path, MUST_BE_DEFINED)
                elif not is_pem_certificate(bundle.pem.value):
                    v.add(pem_path.field("value"), "provided certificate has incorrect format")
            else:
                # Kuma reports this one without the index (caBundles.type), kept for parity.
                v.add(bundles_path.field("type"), must_be_one_of(bundle.type, ["Pem"]))
    if not spec.trust_domain:
        v.add(SPEC.field("trustDomain"), "trustDomain needs to be defined")
    if len(spec.trust_domain) > 253:
        v.add(SPEC.field("trustDomain"), "must not be longer than 253 characters")
    return v.items


# A self-signed example CA (ECDSA P-256) for the trust domain below.
_EXAMPLE_CA = """-----BEGIN CERTIFICATE-----
MIIBnjCCAUOgAwIBAgIBATAKBggqhkjOPQQDAjA2MRAwDgYDVQQKDAdFeGFtcGxl
MSIwIAYDVQQDDBlkZWZhdWx0LnpvbmUtMS5tZXNoLmxvY2FsMB4XDTI1MDEwMTAw
MDAwMFoXDTM0MTIzMDAwMDAwMFowNjEQMA4GA1UECgwHRXhhbXBsZTEiMCAGA1UE
AwwZZGVmYXVsdC56b25lLTEubWVzaC5sb2NhbDBZMBMGByqGSM49AgEGCCqGSM49
AwEHA0IABH9uhzDq53voZZCmOb++mtjkxAvl/w1oEzgKkZ+7RgjR8GYyPs8FkECy
ZFXPFIkq4LSZW5GqYNon4KETOfM19XOjQjBAMA8GA1UdEwEB/wQFMAMBAf8wLQYD
VR0RBCYwJIYic3BpZmZlOi8vZGVmYXVsdC56b25lLTEubWVzaC5sb2NhbDAKBggq
hkjOPQQDAgNJADBGAiEApYaQCkclglPkwuy7Lb7ioCrn7MN4Vi3QV0WYMiWvQ1QC
IQDB8n4yBXi8Crpg8azglxIgsig3v/qnNikCdmMr0nyo7w==
-----END CERTIFICATE-----
"""

EXAMPLE: dict[str, Any] = {
    "trustDomain": "default.zone-1.mesh.local",
    "caBundles": [{"type": "Pem", "pem": {"value": _EXAMPLE_CA}}],
}

KIND = KindDescriptor(
    name="MeshTrust",
    plural="meshtrusts",
    short_name="mtrust",
    scope=Scope.MESH,
    spec_model=MeshTrustSpec,
    validate=validate,
    description=(
        "CA certificates the mesh trusts for one SPIFFE trust domain: proxies accept peers whose "
        "certificates chain to them. Bundled MeshIdentities create one automatically."
    ),
    has_status=True,
    example=EXAMPLE,
)
