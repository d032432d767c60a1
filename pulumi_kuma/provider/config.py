"""Which control plane a resource talks to, and with what credentials.

Two sources, in this order:

1. ``control_plane=pulumi_kuma.ControlPlane(...)`` on a resource. Its settings travel as the
   resource input ``control_plane``; the token is wrapped in a Pulumi secret, so the state stores it
   encrypted, and the provider returns it as a secret output too (``delete`` and ``read`` only see
   outputs, so the outputs must carry it).
2. Otherwise the stack configuration, read by ``ResourceProvider.configure``: ``kuma:address``
   (default ``http://127.0.0.1:5681``), ``kuma:token`` (secret), ``kuma:caCert`` and
   ``kuma:tlsSkipVerify``, with the environment variables ``KUMA_ADDRESS``, ``KUMA_TOKEN``,
   ``KUMA_CA_CERT`` and ``KUMA_TLS_SKIP_VERIFY`` as fallbacks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol
from urllib.parse import urlsplit

import pulumi

from pulumi_kuma.provider.client import DEFAULT_ADDRESS, ConnectionSettings

CONFIG_KEYS = {
    "address": ("kuma:address", "KUMA_ADDRESS"),
    "token": ("kuma:token", "KUMA_TOKEN"),
    "ca_cert": ("kuma:caCert", "KUMA_CA_CERT"),
    "tls_skip_verify": ("kuma:tlsSkipVerify", "KUMA_TLS_SKIP_VERIFY"),
}
"""Setting → (stack config key, environment variable)."""


class _ConfigLike(Protocol):
    def get(self, key: str) -> Any: ...


def _truthy(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def settings_from_config(config: _ConfigLike | None, env: Mapping[str, str]) -> ConnectionSettings:
    """The default connection: stack config first, then the environment, then the defaults."""

    def lookup(setting: str) -> Any:
        key, variable = CONFIG_KEYS[setting]
        value = config.get(key) if config is not None else None
        if value is None or value == "":
            value = env.get(variable) or None
        return value

    skip = lookup("tls_skip_verify")
    return ConnectionSettings(
        address=str(lookup("address") or DEFAULT_ADDRESS),
        token=lookup("token"),
        ca_cert=lookup("ca_cert"),
        tls_skip_verify=_truthy(skip) if skip is not None else False,
    )


def settings_from_input(value: Mapping[str, Any]) -> ConnectionSettings:
    """The connection a resource's ``control_plane`` input describes."""
    return ConnectionSettings(
        address=str(value.get("address") or DEFAULT_ADDRESS),
        token=value.get("token") or None,
        ca_cert=value.get("caCert") or None,
        tls_skip_verify=_truthy(value.get("tlsSkipVerify", False)),
    )


def address_problem(address: Any) -> str | None:
    """Why an address is not usable, or None when it is."""
    if not isinstance(address, str) or not address:
        return "must be set to the control plane's API URL, e.g. http://127.0.0.1:5681"
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"{address!r} is not an http:// or https:// URL"
    return None


class ControlPlane:
    """A Kuma control plane API to manage resources on, for stacks that span several.

    Pass it as ``control_plane=`` to any resource; resources without one use the stack
    configuration (``kuma:address``, ``kuma:token``, ...). The token is kept as a Pulumi secret:
    it is encrypted in the state and never printed.

    Example::

        zone_a = pulumi_kuma.ControlPlane("http://cp-a:5681", token=config.require_secret("tokenA"))
        pulumi_kuma.MeshTimeout("timeouts", mesh="default", spec={...}, control_plane=zone_a)
    """

    def __init__(
        self,
        address: pulumi.Input[str],
        *,
        token: pulumi.Input[str] | None = None,
        ca_cert: pulumi.Input[str] | None = None,
        tls_skip_verify: pulumi.Input[bool] = False,
    ) -> None:
        """
        :param address: the API URL, e.g. ``https://kuma-cp.example:5682``.
        :param token: a user token (``Authorization: Bearer``); stored as a secret.
        :param ca_cert: PEM text (or a path to a PEM file) of the CA that signed the API's certificate.
        :param tls_skip_verify: do not verify the API server's certificate (testing only).
        """
        self.address = address
        self.token = token
        self.ca_cert = ca_cert
        self.tls_skip_verify = tls_skip_verify

    def to_input(self) -> dict[str, Any]:
        """The resource input that carries this control plane (token as a secret)."""
        value: dict[str, Any] = {"address": self.address, "tlsSkipVerify": self.tls_skip_verify}
        if self.token is not None:
            value["token"] = pulumi.Output.secret(self.token)
        if self.ca_cert is not None:
            value["caCert"] = self.ca_cert
        return value
