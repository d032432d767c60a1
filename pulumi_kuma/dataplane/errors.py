"""Errors of the data plane agent (``pulumi-kuma dp run``), each with a message for the user."""

from __future__ import annotations

from pulumi_kuma.model.errors import KumaError


class DataplaneError(KumaError):
    """Base class of every error ``dp run`` reports."""


class DataplaneFileError(DataplaneError):
    """The Dataplane template cannot be read, rendered or parsed, or is not a Dataplane."""


class ControlPlaneUnreachable(DataplaneError):
    """No HTTP answer from the control plane within the retry time."""


class BootstrapRefused(DataplaneError):
    """The control plane answered ``POST /bootstrap`` with an error status."""

    def __init__(self, message: str, status_code: int, body: str) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.body = body


class EnvoyError(DataplaneError):
    """Envoy cannot be found or started."""
