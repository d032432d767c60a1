"""The gRPC ResourceMonitor and Engine services a Pulumi program talks to, backed by a Deployment."""

from __future__ import annotations

from concurrent import futures
from typing import Any

import grpc
from google.protobuf import empty_pb2
from pulumi.runtime.proto import engine_pb2, engine_pb2_grpc, resource_pb2, resource_pb2_grpc

from pulumi_kuma.provider.stack.deployment import Deployment, StepFailed
from pulumi_kuma.provider.stack.properties import from_struct

SUPPORTED_FEATURES = {"secrets": resource_pb2.RESOURCE_MONITOR_FEATURE_SECRETS}
"""Secrets must be supported, or the SDK sends secret inputs as plain values."""


class MonitorService(resource_pb2_grpc.ResourceMonitorServicer):
    """``pulumirpc.ResourceMonitor``: registrations go to the deployment."""

    def __init__(self, deployment: Deployment, *, dry_run: bool, config: dict[str, str]) -> None:
        self.deployment = deployment
        self.dry_run = dry_run
        self.config = config

    def SupportsFeature(self, request: Any, context: Any) -> Any:
        return resource_pb2.SupportsFeatureResponse(hasSupport=request.id in SUPPORTED_FEATURES)

    def GetDeploymentInfo(self, request: Any, context: Any) -> Any:
        return resource_pb2.DeploymentInfo(
            project=self.deployment.project,
            stack=self.deployment.stack,
            organization="organization",
            dryRun=self.dry_run,
            supportedFeatures=list(SUPPORTED_FEATURES.values()),
        )

    def RegisterResource(self, request: Any, context: Any) -> Any:
        try:
            return self.deployment.register(request)
        except StepFailed as exc:
            context.abort(grpc.StatusCode.UNKNOWN, str(exc))
        except Exception as exc:  # a bug here must reach the user, not hang the program
            context.abort(grpc.StatusCode.INTERNAL, f"{exc.__class__.__name__}: {exc}")

    def RegisterResourceOutputs(self, request: Any, context: Any) -> Any:
        self.deployment.register_outputs(request.urn, from_struct(request.outputs))
        return empty_pb2.Empty()

    def SignalAndWaitForShutdown(self, request: Any, context: Any) -> Any:
        return empty_pb2.Empty()

    def ReadResource(self, request: Any, context: Any) -> Any:
        context.abort(
            grpc.StatusCode.UNIMPLEMENTED,
            "pulumi-kuma stack does not support reading existing resources (get/import); "
            "declare the resource with adopt=True instead",
        )

    def Invoke(self, request: Any, context: Any) -> Any:
        context.abort(
            grpc.StatusCode.UNIMPLEMENTED, f"pulumi-kuma stack does not support invokes ({request.tok})"
        )


class EngineService(engine_pb2_grpc.EngineServicer):
    """``pulumirpc.Engine``: program logs, and the root resource."""

    def __init__(self, deployment: Deployment) -> None:
        self.deployment = deployment
        self.root = ""

    def Log(self, request: Any, context: Any) -> Any:
        self.deployment.log(request.severity, request.message, request.urn)
        return empty_pb2.Empty()

    def GetRootResource(self, request: Any, context: Any) -> Any:
        return engine_pb2.GetRootResourceResponse(urn=self.root)

    def SetRootResource(self, request: Any, context: Any) -> Any:
        self.root = request.urn
        return engine_pb2.SetRootResourceResponse()


def serve(deployment: Deployment, *, dry_run: bool, config: dict[str, str]) -> tuple[grpc.Server, str]:
    """Start both services on a free loopback port; returns the server and its address."""
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=32),
        options=[("grpc.max_receive_message_length", 64 * 1024 * 1024)],
    )
    resource_pb2_grpc.add_ResourceMonitorServicer_to_server(
        MonitorService(deployment, dry_run=dry_run, config=config), server
    )
    engine_pb2_grpc.add_EngineServicer_to_server(EngineService(deployment), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    return server, f"127.0.0.1:{port}"
