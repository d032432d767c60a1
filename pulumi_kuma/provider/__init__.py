"""Pulumi resources for every Kuma kind, their provider, the REST client and the stack runner.

``pulumi_kuma.MeshTimeout``, ``pulumi_kuma.Mesh``, ... are the classes of
:mod:`pulumi_kuma.provider.resources`, generated from the registry; ``pulumi_kuma.ControlPlane``
points resources at a control plane other than the stack's configured one. Names are resolved on
first use, so importing a submodule (the provider host imports only ``provider.provider``) stays
cheap and the code generator can run while ``resources.py`` is being rewritten.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pulumi_kuma.provider.config import ControlPlane as ControlPlane
    from pulumi_kuma.provider.provider import KumaProvider as KumaProvider
    from pulumi_kuma.provider.resource import KumaArgs as KumaArgs
    from pulumi_kuma.provider.resource import KumaResource as KumaResource
    from pulumi_kuma.provider.resources import *  # noqa: F403

_FIXED = {
    "ControlPlane": "pulumi_kuma.provider.config",
    "KumaProvider": "pulumi_kuma.provider.provider",
    "KumaArgs": "pulumi_kuma.provider.resource",
    "KumaResource": "pulumi_kuma.provider.resource",
}


def public_names() -> list[str]:
    """Every name this package exports (the fixed ones and the generated classes)."""
    resources = importlib.import_module("pulumi_kuma.provider.resources")
    return sorted([*_FIXED, *resources.__all__])


def __getattr__(name: str) -> Any:
    module = _FIXED.get(name)
    if module is not None:
        return getattr(importlib.import_module(module), name)
    resources = importlib.import_module("pulumi_kuma.provider.resources")
    if name in resources.__all__:
        return getattr(resources, name)
    raise AttributeError(f"module 'pulumi_kuma.provider' has no attribute {name!r}")


def __dir__() -> list[str]:
    return public_names()
