"""MeshTLS: inbound mTLS mode, TLS versions and cipher suites of proxies with a workload identity."""

from __future__ import annotations

import json
from typing import Annotated, Any

from pulumi_kuma.model.base import Default, KumaModel, OneOf
from pulumi_kuma.model.common import TOP_LEVEL_KINDS, TopLevelTargetRef
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.path import FieldPath
from pulumi_kuma.model.policy import Rule, rules_path, validate_top_level
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext
from pulumi_kuma.model.violations import Violations

MODES = ("Strict", "Permissive")
TLS_VERSIONS = ("TLSAuto", "TLS10", "TLS11", "TLS12", "TLS13")
CIPHERS = (
    "ECDHE-ECDSA-AES128-GCM-SHA256",
    "ECDHE-ECDSA-AES256-GCM-SHA384",
    "ECDHE-ECDSA-CHACHA20-POLY1305",
    "ECDHE-RSA-AES128-GCM-SHA256",
    "ECDHE-RSA-AES256-GCM-SHA384",
    "ECDHE-RSA-CHACHA20-POLY1305",
)
_VERSION_ORDER = {"TLS10": 0, "TLS11": 1, "TLS12": 2, "TLS13": 3}


class TlsVersion(KumaModel):
    """The range of TLS versions a proxy negotiates; ``TLSAuto`` leaves Envoy's default."""

    min: Annotated[str | None, OneOf(*TLS_VERSIONS), Default("TLSAuto")] = None
    max: Annotated[str | None, OneOf(*TLS_VERSIONS), Default("TLSAuto")] = None


class MeshTLSConf(KumaModel):
    """Inbound TLS settings: mTLS mode, TLS versions and cipher suites."""

    tls_version: TlsVersion | None = None
    tls_ciphers: Annotated[list[str] | None, OneOf(*CIPHERS)] = None
    mode: Annotated[str | None, OneOf("Permissive", "Strict")] = None


class MeshTLSSpec(KumaModel):
    """The MeshTLS spec: which proxies (``targetRef``) and inbound ``rules``."""

    target_ref: TopLevelTargetRef | None = None
    rules: list[Rule[MeshTLSConf]] | None = None


def _one_of(field: str, values: tuple[str, ...]) -> str:
    """Kuma's ``MakeFieldMustBeOneOfErr`` wording."""
    return f'"{field}" must be one of [{", ".join(json.dumps(x) for x in values)}]'


def validate_tls_version(v: Violations, path: FieldPath, version: TlsVersion) -> None:
    """Kuma's ``ValidateVersion``: known names, and min not above max when both are specific."""
    for field, value in (("min", version.min), ("max", version.max)):
        if value is not None and value not in TLS_VERSIONS:
            v.add(path.field(field), _one_of(field, TLS_VERSIONS))
    low = _VERSION_ORDER.get(version.min or "")
    high = _VERSION_ORDER.get(version.max or "")
    if low is not None and high is not None and low > high:
        v.add(path.field("min"), "min version must be lower than max")


def _validate_conf(v: Violations, path: FieldPath, conf: MeshTLSConf, top_kind: str) -> None:
    if conf.mode is not None and conf.mode not in MODES:
        v.add(path.field("mode"), _one_of("mode", MODES))
    if conf.tls_ciphers and top_kind != "Mesh":
        v.add(path.field("tlsCiphers"), "tlsCiphers can only be defined with top level targetRef kind: Mesh")
    elif any(cipher not in CIPHERS for cipher in conf.tls_ciphers or []):
        v.add(path.field("tlsCiphers"), _one_of("tlsCiphers", CIPHERS))
    if conf.tls_version is not None:
        if top_kind != "Mesh":
            v.add(
                path.field("tlsVersion"), "tlsVersion can only be defined with top level targetRef kind: Mesh"
            )
        else:
            validate_tls_version(v, path.field("tlsVersion"), conf.tls_version)


def validate(spec: MeshTLSSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshTLS validator."""
    v = Violations()
    validate_top_level(v, spec.target_ref, allowed=TOP_LEVEL_KINDS, inbound_policy=bool(spec.rules))
    top_kind = spec.target_ref.kind if spec.target_ref is not None else "Mesh"
    for i, rule in enumerate(spec.rules or []):
        _validate_conf(v, rules_path(i).field("default"), rule.default or MeshTLSConf(), top_kind)
    return v.items


EXAMPLE: dict[str, Any] = {
    "targetRef": {"kind": "Mesh"},
    "rules": [
        {
            "default": {
                "mode": "Strict",
                "tlsVersion": {"min": "TLS12", "max": "TLS13"},
                "tlsCiphers": ["ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384"],
            }
        }
    ],
}

KIND = KindDescriptor(
    name="MeshTLS",
    plural="meshtlses",
    short_name="mtls",
    scope=Scope.MESH,
    spec_model=MeshTLSSpec,
    validate=validate,
    description=(
        "Sets whether inbound traffic must be mutual TLS (Strict) or may also be plaintext (Permissive), "
        "and which TLS versions and cipher suites proxies with a workload identity accept."
    ),
    policy=PolicyTraits(sections=frozenset({Section.TARGET_REF, Section.RULES}), order=300),
    example=EXAMPLE,
)
