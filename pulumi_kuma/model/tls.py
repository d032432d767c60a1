"""TLS version ranges shared by MeshTLS and MeshExternalService."""

from __future__ import annotations

from typing import Annotated

from pulumi_kuma.model.base import Default, KumaModel, OneOf
from pulumi_kuma.model.messages import field_must_be_one_of
from pulumi_kuma.model.path import FieldPath
from pulumi_kuma.model.violations import Violations

TLS_VERSIONS = ("TLSAuto", "TLS10", "TLS11", "TLS12", "TLS13")
_ORDER = {"TLS10": 0, "TLS11": 1, "TLS12": 2, "TLS13": 3}


class TlsVersion(KumaModel):
    """The allowed TLS protocol versions (``TLSAuto`` lets Envoy choose)."""

    min: Annotated[str | None, Default("TLSAuto"), OneOf(*TLS_VERSIONS)] = None
    max: Annotated[str | None, Default("TLSAuto"), OneOf(*TLS_VERSIONS)] = None


def validate_tls_version(v: Violations, path: FieldPath, version: TlsVersion | None) -> None:
    """Kuma's ``ValidateVersion``: known names, and min not above max when both are specific."""
    if version is None:
        return
    specific_min = specific_max = False
    if version.min is not None:
        if version.min not in TLS_VERSIONS:
            v.add(path.field("min"), field_must_be_one_of("min", TLS_VERSIONS))
        else:
            specific_min = version.min != "TLSAuto"
    if version.max is not None:
        if version.max not in TLS_VERSIONS:
            v.add(path.field("max"), field_must_be_one_of("max", TLS_VERSIONS))
        else:
            specific_max = version.max != "TLSAuto"
    if specific_min and specific_max and _ORDER[version.min or ""] > _ORDER[version.max or ""]:
        v.add(path.field("min"), "min version must be lower than max")
