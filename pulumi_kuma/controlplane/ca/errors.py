"""Errors of the identity side: a CA that cannot be made, loaded or trusted, and a workload that
cannot get a certificate.

Messages name the identity, the field or Secret involved and what is expected; they never carry
key material (not even a fragment of a PEM that failed to parse).
"""

from __future__ import annotations

from pulumi_kuma.model.errors import KumaError


class IdentityError(KumaError):
    """Base class of the CA and workload-identity failures."""


class CAError(IdentityError):
    """A CA could not be generated, read, parsed or accepted."""


class DataSourceError(CAError):
    """A secure data source (Secret, file, environment variable, inline value) could not be read."""


class WorkloadIdentityError(IdentityError):
    """A proxy's workload certificate could not be issued."""
