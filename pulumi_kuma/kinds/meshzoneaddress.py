"""MeshZoneAddress: the public address and port of a zone's mesh-scoped ingress.

Other zones send cross-zone traffic for the mesh to this address. Mesh-scoped, no status.
"""

from __future__ import annotations

from typing import Annotated, Any

from pulumi_kuma.model.base import REQUIRED, Doc, KumaModel, Length, Range
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.messages import MUST_NOT_BE_EMPTY, PORT_MESSAGE, valid_port
from pulumi_kuma.model.names import is_ip_or_domain_name
from pulumi_kuma.model.path import SPEC
from pulumi_kuma.model.registry import KindDescriptor, Scope, ValidationContext
from pulumi_kuma.model.violations import Violations


class MeshZoneAddressSpec(KumaModel):
    """The MeshZoneAddress spec."""

    address: Annotated[
        str,
        REQUIRED,
        Length(min_length=1),
        Doc("Publicly reachable address (IP or hostname) of the zone ingress."),
    ] = ""
    port: Annotated[int, REQUIRED, Range(1, 65535), Doc("Publicly reachable port of the zone ingress.")] = 0


def validate(spec: MeshZoneAddressSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's MeshZoneAddress validator."""
    v = Violations()
    address = spec.address
    if not address:
        v.add(SPEC.field("address"), MUST_NOT_BE_EMPTY)
    elif address in ("0.0.0.0", "::"):
        v.add(SPEC.field("address"), "must not be 0.0.0.0 or ::")
    elif not is_ip_or_domain_name(address):
        v.add(SPEC.field("address"), "must be a valid IP address or domain name")
    if not valid_port(spec.port):
        v.add(SPEC.field("port"), PORT_MESSAGE)
    return v.items


EXAMPLE: dict[str, Any] = {"address": "ingress.zone-east.example.com", "port": 10001}

KIND = KindDescriptor(
    name="MeshZoneAddress",
    plural="meshzoneaddresses",
    short_name="mza",
    scope=Scope.MESH,
    spec_model=MeshZoneAddressSpec,
    validate=validate,
    description=(
        "The public address and port at which a zone's ingress for this mesh is reachable from other zones."
    ),
    example=EXAMPLE,
    global_provided=False,
)
