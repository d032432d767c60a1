"""The xDS generator: Envoy resources for each Dataplane, a pure function of the store's state.

* :mod:`.generator`: the base resources and the policy kinds' translations, for one proxy;
* :mod:`.topology`: destinations, endpoints and backendRef resolution of one mesh;
* :mod:`.state`: resolved rules and topologies of every mesh, kept current as resources change;
* :mod:`.meshservices`: the MeshServices Kuma generates from Dataplanes' ``kuma.io/workload``;
* :mod:`.workloads`: the Workloads Kuma generates from that label, and their proxy counts;
* :mod:`.leader`: the leader-only reconcile loop both generators run on.
"""

from pulumi_kuma.controlplane.generate.generator import (
    SharedLoadAssignments,
    build_context,
    generate,
    outbound_listener,
    snapshot_resources,
)
from pulumi_kuma.controlplane.generate.state import Change, Generated, GenerationState
from pulumi_kuma.controlplane.generate.topology import Dependency, MeshTopology, Recorder

__all__ = [
    "Change",
    "Dependency",
    "Generated",
    "GenerationState",
    "MeshTopology",
    "Recorder",
    "SharedLoadAssignments",
    "build_context",
    "generate",
    "outbound_listener",
    "snapshot_resources",
]
