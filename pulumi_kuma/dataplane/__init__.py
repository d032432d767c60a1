"""The data plane agent: render a Dataplane, fetch Envoy's bootstrap from the control plane, run Envoy.

``pulumi-kuma dp run`` (:mod:`pulumi_kuma.cli.dp`) strings these together.
"""

from pulumi_kuma.dataplane.client import build_request, fetch_bootstrap
from pulumi_kuma.dataplane.envoy import envoy_binary, envoy_command, prepare_bootstrap, run_envoy
from pulumi_kuma.dataplane.errors import (
    BootstrapRefused,
    ControlPlaneUnreachable,
    DataplaneError,
    DataplaneFileError,
    EnvoyError,
)
from pulumi_kuma.dataplane.protocol import BootstrapRequest, BootstrapResponse
from pulumi_kuma.dataplane.resource import load_dataplane
from pulumi_kuma.dataplane.template import render

__all__ = [
    "BootstrapRefused",
    "BootstrapRequest",
    "BootstrapResponse",
    "ControlPlaneUnreachable",
    "DataplaneError",
    "DataplaneFileError",
    "EnvoyError",
    "build_request",
    "envoy_binary",
    "envoy_command",
    "fetch_bootstrap",
    "load_dataplane",
    "prepare_bootstrap",
    "render",
    "run_envoy",
]
