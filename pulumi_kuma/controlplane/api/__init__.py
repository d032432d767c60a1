"""Kuma's REST API for every registered kind, served by Starlette on uvicorn."""

from pulumi_kuma.controlplane.api.app import build_app
from pulumi_kuma.controlplane.api.context import ApiContext
from pulumi_kuma.controlplane.api.errors import ApiError
from pulumi_kuma.controlplane.api.server import ApiServer

__all__ = ["ApiContext", "ApiError", "ApiServer", "build_app"]
