"""What the data plane agent runs next to Envoy for the policies, on sockets in its work directory.

* :class:`~pulumi_kuma.dataplane.accesslogs.AccessLogForwarder` on ``kuma-al-<name>-<mesh>.sock``:
  MeshAccessLog ``Tcp`` backends;
* :class:`~pulumi_kuma.dataplane.metrics.MetricsHijacker` on ``kuma-mh-<name>-<mesh>.sock``:
  MeshMetric's Prometheus endpoint (Envoy's stats and the applications' metrics).

The control plane names the same sockets from the work directory the agent reports in its node
metadata (``pulumi_kuma.envoy.names``), so both sides agree without configuration.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from pulumi_kuma.dataplane.accesslogs import AccessLogForwarder
from pulumi_kuma.dataplane.metrics import MetricsHijacker
from pulumi_kuma.envoy.names import access_log_socket, dynamic_config_socket, metrics_hijacker_socket

ADMIN_ADDRESS_FILE = "admin-address"
"""Where Envoy writes its admin address (``--admin-address-path``)."""


def admin_url(workdir: Path) -> str:
    """Envoy's admin API, from the address Envoy wrote into the work directory."""
    return "http://" + (workdir / ADMIN_ADDRESS_FILE).read_text().strip()


@contextmanager
def agent_components(workdir: Path, name: str, mesh: str) -> Iterator[None]:
    """Run the access log forwarder and the metrics endpoint while the block runs."""
    directory = str(workdir)
    with ExitStack() as stack:
        stack.enter_context(AccessLogForwarder(access_log_socket(directory, name, mesh), log=sys.stderr))
        stack.enter_context(
            MetricsHijacker(
                metrics_hijacker_socket(directory, name, mesh),
                dynamic_config_socket(directory),
                lambda: admin_url(workdir),
            )
        )
        yield
