"""Workload: the Dataplanes that carry one ``kuma.io/workload`` label value, as one resource.

Kuma groups data plane proxies by that label in metrics, traces and identities (the Workload's KRI,
``kri_wl_<mesh>_<zone>_<namespace>_<name>_``, names the group). The spec is empty; the status counts
the group's proxies and is the control plane's to write: a status in a request is dropped, and a
Workload nobody counted yet shows zeros. Mesh-scoped; zones create Workloads and sync them to the
global control plane, never the other way round.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from pulumi_kuma.model.base import Doc, KumaModel
from pulumi_kuma.model.envelope import DISPLAY_NAME
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.path import FieldPath
from pulumi_kuma.model.registry import KindDescriptor, Scope, ValidationContext
from pulumi_kuma.model.violations import Violations

MAX_NAME_LENGTH = 63
"""Kuma's bound on a Workload's display name: it is a ``kuma.io/workload`` label value, which must
be an RFC 1035 label (at most 63 characters)."""

_NAME = FieldPath("name")


class WorkloadSpec(KumaModel):
    """The Workload spec: empty (the Workload is identified by its name alone)."""


class WorkloadDataplaneProxies(KumaModel):
    """Counts of the Workload's data plane proxies; Kuma always writes all three, zeros included."""

    connected: Annotated[int, Doc("Number of connected data plane proxies.")] = 0
    healthy: Annotated[int, Doc("Number of healthy data plane proxies.")] = 0
    total: Annotated[int, Doc("Total number of data plane proxies.")] = 0


class WorkloadStatus(KumaModel):
    """The status the control plane maintains."""

    dataplane_proxies: WorkloadDataplaneProxies = Field(default_factory=WorkloadDataplaneProxies)


def validate(spec: WorkloadSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's Workload validator: the display name (the label value) is at most 63 characters."""
    v = Violations()
    name = ctx.labels.get(DISPLAY_NAME) or ctx.name
    if len(name) > MAX_NAME_LENGTH:
        v.add(_NAME, f"must not be longer than {MAX_NAME_LENGTH} characters")
    return v.items


EXAMPLE: dict[str, Any] = {}

KIND = KindDescriptor(
    name="Workload",
    plural="workloads",
    short_name="wl",
    scope=Scope.MESH,
    spec_model=WorkloadSpec,
    validate=validate,
    description=(
        "A logical group of data plane proxies: the Dataplanes labelled `kuma.io/workload` with its "
        "name. Its status counts their proxies (total, connected, healthy); metrics, traces and "
        "identities group proxies by it."
    ),
    has_status=True,
    example=EXAMPLE,
    global_provided=False,
    status_model=WorkloadStatus,
)
