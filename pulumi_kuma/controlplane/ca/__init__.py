"""Workload identity: the Bundled MeshIdentity CA, X.509 SVIDs with rotation, MeshTrusts, SDS secrets.

Modules, bottom up:

* :mod:`.keys`, :mod:`.authority`, :mod:`.svid`: pure cryptography (CA generation and checks,
  certificate issuing, rotation times);
* :mod:`.sources`, :mod:`.bundled`, :mod:`.trust`: store-level pieces (read secure data sources,
  create the CA Secrets once, create or update the MeshTrust, assemble trust bundles);
* :mod:`.sds`: Envoy SDS secrets as proto3-JSON dicts;
* :mod:`.workload`: per-mesh context and the per-proxy :class:`ProxyIdentityManager` the xDS
  generator calls;
* :mod:`.reconcile`: the leader-only :class:`IdentityReconciler` (CA, MeshTrust, status conditions).

Private keys never appear in logs, reprs or exception messages.
"""

from pulumi_kuma.controlplane.ca.authority import (
    CA_VALIDITY,
    CLOCK_SKEW,
    CertificateAuthority,
    Clock,
    generate_root_ca,
    utc_now,
)
from pulumi_kuma.controlplane.ca.bundled import (
    AuthorityCache,
    check_ca,
    ensure_ca,
    load_ca,
    private_key_secret_name,
    root_ca_secret_name,
)
from pulumi_kuma.controlplane.ca.errors import CAError, DataSourceError, IdentityError, WorkloadIdentityError
from pulumi_kuma.controlplane.ca.identity import Identity
from pulumi_kuma.controlplane.ca.reconcile import (
    IdentityReconciler,
    ReconcileResult,
    forget_identity,
    reconcile_identities,
    reconcile_identity,
)
from pulumi_kuma.controlplane.ca.sds import (
    SECRET_TYPE_URL,
    TRUST_BUNDLE_SECRET_NAME,
    identity_secret,
    trust_bundle_secret,
)
from pulumi_kuma.controlplane.ca.svid import (
    DEFAULT_WORKLOAD_VALIDITY,
    WorkloadCertificate,
    issue_workload_certificate,
)
from pulumi_kuma.controlplane.ca.trust import ensure_mesh_trust, load_trust_bundles, trust_bundles
from pulumi_kuma.controlplane.ca.workload import (
    IdentityEntry,
    MeshIdentityContext,
    ProxyIdentityManager,
    ProxyIdentityResources,
    WorkloadIdentity,
    load_mesh_identity_context,
)

__all__ = [
    "CA_VALIDITY",
    "CLOCK_SKEW",
    "DEFAULT_WORKLOAD_VALIDITY",
    "SECRET_TYPE_URL",
    "TRUST_BUNDLE_SECRET_NAME",
    "AuthorityCache",
    "CAError",
    "CertificateAuthority",
    "Clock",
    "DataSourceError",
    "Identity",
    "IdentityEntry",
    "IdentityError",
    "IdentityReconciler",
    "MeshIdentityContext",
    "ProxyIdentityManager",
    "ProxyIdentityResources",
    "ReconcileResult",
    "WorkloadCertificate",
    "WorkloadIdentity",
    "WorkloadIdentityError",
    "check_ca",
    "ensure_ca",
    "ensure_mesh_trust",
    "forget_identity",
    "generate_root_ca",
    "identity_secret",
    "issue_workload_certificate",
    "load_ca",
    "load_mesh_identity_context",
    "load_trust_bundles",
    "private_key_secret_name",
    "reconcile_identities",
    "reconcile_identity",
    "root_ca_secret_name",
    "trust_bundle_secret",
    "trust_bundles",
    "utc_now",
]
