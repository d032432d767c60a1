"""pulumi_kuma: Kuma service-mesh policy as code.

Two halves ship together: Pulumi resources for every Kuma kind (:mod:`pulumi_kuma.provider`) and a
bundled Kuma-compatible control plane (:mod:`pulumi_kuma.controlplane`).
"""

__version__ = "0.1.0"
