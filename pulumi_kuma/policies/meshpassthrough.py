"""MeshPassthrough: which traffic to destinations outside the mesh a proxy lets through."""

from __future__ import annotations

import json
import re
from typing import Annotated, Any

from pulumi_kuma.model.addresses import is_cidr, is_dns_name, is_ip
from pulumi_kuma.model.base import REQUIRED, Default, KumaModel, OneOf
from pulumi_kuma.model.common import TOP_LEVEL_KINDS, TopLevelTargetRef
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.path import SPEC
from pulumi_kuma.model.policy import validate_top_level
from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits, Scope, Section, ValidationContext
from pulumi_kuma.model.violations import Violations

MATCH_TYPES = ("Domain", "IP", "CIDR")
PROTOCOLS = ("tcp", "tls", "grpc", "http", "http2", "mysql")
PASSTHROUGH_MODES = ("All", "Matched", "None")
# Protocols that cannot share a port with a different protocol (one HTTP connection manager per port).
_EXCLUSIVE_PORT_PROTOCOLS = ("grpc", "http", "http2")
_PARTIAL_WILDCARD = re.compile(r"\*[^.]+")


class MeshPassthroughMatch(KumaModel):
    """One destination allowed through: a domain (``*.`` wildcards allowed), an IP or a CIDR."""

    type: Annotated[str, REQUIRED, OneOf(*MATCH_TYPES)] = ""
    value: Annotated[str, REQUIRED] = ""
    port: int | None = None
    protocol: Annotated[str | None, OneOf(*PROTOCOLS), Default("tcp")] = None


class MeshPassthroughConf(KumaModel):
    """Passthrough mode and the destinations let through in ``Matched`` mode."""

    passthrough_mode: Annotated[str | None, OneOf(*PASSTHROUGH_MODES)] = None
    append_match: list[MeshPassthroughMatch] | None = None


class MeshPassthroughSpec(KumaModel):
    """The MeshPassthrough spec: which proxies (``targetRef``) and their passthrough conf."""

    target_ref: TopLevelTargetRef | None = None
    default: MeshPassthroughConf | None = None


def _one_of(field: str, values: tuple[str, ...]) -> str:
    """Kuma's ``MakeFieldMustBeOneOfErr`` wording."""
    return f'"{field}" must be one of [{", ".join(json.dumps(x) for x in values)}]'


def validate(spec: MeshPassthroughSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshPassthrough validator."""
    v = Violations()
    validate_top_level(v, spec.target_ref, allowed=TOP_LEVEL_KINDS, inbound_policy=False)
    conf = spec.default or MeshPassthroughConf()
    protocol_on_port: dict[int, str] = {}
    values_on_port: dict[tuple[int, str], set[str]] = {}
    for i, match in enumerate(conf.append_match or []):
        path = SPEC.field("default").field("appendMatch").index(i)
        protocol = match.protocol or ""
        if protocol == "mysql" and match.port is None:
            v.add(path.field("port"), "port must be defined for Mysql protocol")
        if match.port is not None and not 1 <= match.port <= 65535:
            v.add(path.field("port"), "port must be a valid (1-65535)")
        if match.port is not None:
            seen = protocol_on_port.get(match.port)
            if seen is not None and seen != protocol and protocol in _EXCLUSIVE_PORT_PROTOCOLS:
                v.add(
                    path.field("port"),
                    "using the same port in multiple matches requires the same protocol for the "
                    "following protocols: [grpc http http2]",
                )
            else:
                protocol_on_port[match.port] = protocol
            values = values_on_port.setdefault((match.port, protocol), set())
            if match.value in values:
                v.add(
                    path.field("value"), f"value {match.value} is already defiend for this port and protocol"
                )
            values.add(match.value)
        if protocol not in PROTOCOLS:
            v.add(path.field("protocol"), _one_of("protocol", PROTOCOLS))
        if match.type == "CIDR":
            if not is_cidr(match.value):
                v.add(path.field("value"), "provided CIDR has incorrect value")
        elif match.type == "IP":
            if not is_ip(match.value):
                v.add(path.field("value"), "provided IP has incorrect value")
        elif match.type == "Domain":
            if protocol in ("tcp", "mysql"):
                v.add(path.field("protocol"), f"protocol {protocol} is not supported for a domain")
            if _PARTIAL_WILDCARD.match(match.value):
                v.add(
                    path.field("value"),
                    "provided DNS has incorrect value, partial wildcard is currently not supported",
                )
            if match.port is None and match.value.startswith("*") and protocol in _EXCLUSIVE_PORT_PROTOCOLS:
                v.add(path.field("port"), "wildcard domains doesn't work for all ports and layer 7 protocol")
            name = match.value[2:] if match.value.startswith("*.") else match.value
            if not name.startswith("*") and not is_dns_name(name):
                v.add(path.field("value"), "provided DNS has incorrect value")
        else:
            v.add(
                path.field("type"),
                f"provided type {match.type} is not supported, one of Domain, IP, or CIDR is supported",
            )
    return v.items


EXAMPLE: dict[str, Any] = {
    "targetRef": {"kind": "Mesh"},
    "default": {
        "passthroughMode": "Matched",
        "appendMatch": [
            {"type": "Domain", "value": "api.github.com", "port": 443, "protocol": "tls"},
            {"type": "Domain", "value": "*.s3.amazonaws.com", "port": 443, "protocol": "tls"},
            {"type": "CIDR", "value": "10.20.0.0/16", "port": 5432, "protocol": "tcp"},
        ],
    },
}

KIND = KindDescriptor(
    name="MeshPassthrough",
    plural="meshpassthroughs",
    short_name="mp",
    scope=Scope.MESH,
    spec_model=MeshPassthroughSpec,
    validate=validate,
    description=(
        "Controls which traffic to destinations outside the mesh the selected proxies pass through: "
        "everything, nothing, or only the listed domains, IPs and CIDRs."
    ),
    policy=PolicyTraits(
        sections=frozenset({Section.TARGET_REF, Section.DEFAULT}),
        order=500,
        append_fields=(("appendMatch",),),
    ),
    example=EXAMPLE,
)
