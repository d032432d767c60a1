"""pulumi_kuma: Kuma service-mesh policy as code.

Two halves ship together: Pulumi resources for every Kuma kind (``pulumi_kuma.MeshTimeout``,
``pulumi_kuma.Mesh``, ... from :mod:`pulumi_kuma.provider`) and a bundled Kuma-compatible control
plane (:mod:`pulumi_kuma.controlplane`). The resource classes load on first use, so the control
plane never imports the Pulumi SDK.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pulumi_kuma.provider import *  # noqa: F403
    from pulumi_kuma.provider.config import ControlPlane as ControlPlane

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # Only capitalised names are resource classes, Args or ControlPlane; anything else (such as a
    # submodule not imported yet) must raise AttributeError without importing the Pulumi SDK.
    if name[:1].isupper():
        import pulumi_kuma.provider as provider

        return getattr(provider, name)
    raise AttributeError(f"module 'pulumi_kuma' has no attribute {name!r}")
