"""Config distribution to Envoy: snapshot cache, ADS server, bootstrap and the ``/bootstrap`` route.

The generator calls :meth:`SnapshotCache.set_snapshot`; the server pushes changes to connected
proxies and records ACKs and NACKs (:meth:`XdsServer.proxy_status`); the REST API mounts
:func:`bootstrap_routes`. Wiring, all in one event loop::

    cache = SnapshotCache()
    server = XdsServer(cache, authenticate=check_stream_token, on_connect=register,
                       on_disconnect=deregister)           # hooks get a ProxyConnection
    await server.start("127.0.0.1:5678")
    app = Starlette(routes=[*api_routes,
                            *bootstrap_routes(xds_address=lambda: (None, server.port),
                                              check_token=check_bootstrap_token)])
    ...
    cache.set_snapshot("default.dp-1", {CLUSTER: [...], ENDPOINT: [...], LISTENER: [...]})
    server.proxy_status("default.dp-1")                    # ProxyStatus, or None
    await server.stop()
"""

from pulumi_kuma.controlplane.xds.bootstrap import BootstrapParams, bootstrap_yaml, build_bootstrap
from pulumi_kuma.controlplane.xds.cache import (
    Resource,
    ResourceConversionError,
    Snapshot,
    SnapshotCache,
    SnapshotUpdate,
)
from pulumi_kuma.controlplane.xds.http import DP_TOKEN_REQUIRED, BootstrapRejected, bootstrap_routes
from pulumi_kuma.controlplane.xds.node import ProxyId, ProxyIdError
from pulumi_kuma.controlplane.xds.resource_types import CLUSTER, ENDPOINT, LISTENER, PUSH_ORDER, ROUTE, SECRET
from pulumi_kuma.controlplane.xds.server import ProxyConnection, XdsServer, XdsStreamRejected
from pulumi_kuma.controlplane.xds.status import ProxyStatus, TypeStatus

__all__ = [
    "CLUSTER",
    "DP_TOKEN_REQUIRED",
    "ENDPOINT",
    "LISTENER",
    "PUSH_ORDER",
    "ROUTE",
    "SECRET",
    "BootstrapParams",
    "BootstrapRejected",
    "ProxyConnection",
    "ProxyId",
    "ProxyIdError",
    "ProxyStatus",
    "Resource",
    "ResourceConversionError",
    "Snapshot",
    "SnapshotCache",
    "SnapshotUpdate",
    "TypeStatus",
    "XdsServer",
    "XdsStreamRejected",
    "bootstrap_routes",
    "bootstrap_yaml",
    "build_bootstrap",
]
