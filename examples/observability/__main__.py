"""Observability: access logs to stdout, Prometheus metrics, and Zipkin traces for the whole mesh."""

import pulumi

import pulumi_kuma as kuma

config = pulumi.Config()
sampling = int(config.get("samplingPercent") or 10)

access_log = kuma.MeshAccessLog(
    "access-logs",
    mesh="default",
    spec={
        "targetRef": {"kind": "Mesh"},
        "rules": [
            {
                "default": {
                    "backends": [
                        {
                            "type": "File",
                            "file": {
                                "path": "/dev/stdout",
                                "format": {
                                    "type": "Plain",
                                    "plain": "%START_TIME% %KUMA_SOURCE_SERVICE% %UPSTREAM_HOST% %RESPONSE_CODE%",
                                },
                            },
                        }
                    ]
                }
            }
        ],
    },
)

metrics = kuma.MeshMetric(
    "prometheus-metrics",
    mesh="default",
    spec={
        "targetRef": {"kind": "Mesh"},
        "default": {
            "sidecar": {"profiles": {"appendProfiles": [{"name": "Basic"}]}},
            "backends": [{"type": "Prometheus", "prometheus": {"port": 5670, "path": "/metrics"}}],
        },
    },
)

traces = kuma.MeshTrace(
    "zipkin-traces",
    mesh="default",
    spec={
        "targetRef": {"kind": "Mesh"},
        "default": {
            "backends": [
                {"type": "Zipkin", "zipkin": {"url": "http://zipkin.mesh-observability:9411/api/v2/spans"}}
            ],
            "sampling": {"overall": sampling},
            "tags": [{"name": "team", "literal": "platform"}],
        },
    },
)

pulumi.export("policies", [access_log.kri, metrics.kri, traces.kri])
