"""The real dynamic provider host (``python -m pulumi.dynamic``), started and called over gRPC.

This is what the Pulumi engine does with a ``pulumi-python`` dynamic resource: launch the host in
the project directory, read its port from the first line of stdout, ``Configure`` it with the
whole (namespaced) stack configuration, then call ``Check``/``Diff``/``Create``/``Update``/
``Read``/``Delete`` with plain values (the host accepts no secrets, so they are revealed first).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
from pulumi.runtime.proto import provider_pb2, provider_pb2_grpc

from pulumi_kuma.model.errors import KumaError
from pulumi_kuma.provider.stack.properties import from_struct, reveal, to_struct

_GRPC_OPTIONS = [("grpc.max_receive_message_length", 64 * 1024 * 1024)]


class HostError(KumaError):
    """The provider host failed to start or a call to it failed; the message has its error."""


@dataclass(frozen=True, slots=True)
class CheckFailure:
    """One property the provider's ``check`` rejected."""

    property: str
    reason: str

    def __str__(self) -> str:
        if not self.property or self.reason.startswith(self.property):
            return self.reason  # the reason already starts with the field path
        return f"{self.property}: {self.reason}"


@dataclass(slots=True)
class CheckOutcome:
    inputs: dict[str, Any]
    failures: list[CheckFailure] = field(default_factory=list)


@dataclass(slots=True)
class DiffOutcome:
    changes: bool | None
    """True some, False none, None unknown (the caller compares inputs)."""
    replaces: list[str]
    delete_before_replace: bool


@dataclass(slots=True)
class ReadOutcome:
    id: str
    outputs: dict[str, Any]
    inputs: dict[str, Any] | None


def _error_text(exc: grpc.RpcError) -> str:
    details = exc.details() if hasattr(exc, "details") else str(exc)
    text = str(details or exc).strip()
    # The host sends the whole traceback; the last line holds the exception and its message.
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > 1 and lines[0].startswith("Traceback"):
        for i, line in enumerate(lines):
            if not line.startswith(" ") and i > 0:
                return "\n".join(lines[i:])
    return text


class ProviderHost:
    """One running provider host process and a client for it.

    The process starts at once; the handshake (port, ``GetPluginInfo``, ``Configure``) happens on
    the first call, so the host starts while the program is still importing its modules.
    """

    def __init__(self, project_dir: Path, project: str, config: Mapping[str, Any]) -> None:
        self.project_dir = project_dir
        env = dict(os.environ)
        env["PULUMI_PROJECT"] = project
        env["PULUMI_CONFIG"] = json.dumps({k: str(reveal(v)) for k, v in config.items()})
        self._process = subprocess.Popen(
            [sys.executable, "-u", "-m", "pulumi.dynamic", "127.0.0.1:0"],
            cwd=project_dir,
            env=env,
            stdout=subprocess.PIPE,
            stderr=None,
        )
        self._config = dict(config)
        self._ready = threading.Lock()
        self._stub: Any = None
        self._channel: grpc.Channel | None = None

    def _connect(self) -> Any:
        """The stub, once the host has printed its port and been configured (first call waits)."""
        with self._ready:
            if self._stub is not None:
                return self._stub
            assert self._process.stdout is not None
            line = self._process.stdout.readline().decode().strip()
            try:
                port = int(line)
            except ValueError:
                raise HostError(f"the provider host did not start (it printed {line!r})") from None
            self._channel = grpc.insecure_channel(f"127.0.0.1:{port}", options=_GRPC_OPTIONS)
            grpc.channel_ready_future(self._channel).result(timeout=30)
            stub = provider_pb2_grpc.ResourceProviderStub(self._channel)
            try:
                stub.GetPluginInfo(_empty())
                # Configure before any other call: the host hands its config to each provider
                # instance when it first loads it.
                stub.Configure(_configure_request(self._config))
            except grpc.RpcError as exc:
                raise HostError(_error_text(exc)) from None
            self._stub = stub
        return self._stub

    def close(self) -> None:
        if self._channel is not None:
            self._channel.close()
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()

    def __enter__(self) -> ProviderHost:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(self, method: str, request: Any) -> Any:
        stub = self._stub if self._stub is not None else self._connect()
        try:
            return getattr(stub, method)(request)
        except grpc.RpcError as exc:
            raise HostError(_error_text(exc)) from None

    def configure(self, config: Mapping[str, Any]) -> None:
        """``Configure`` again (providers the host has already loaded keep their old config)."""
        self._config = dict(config)
        self._call("Configure", _configure_request(config))

    def check(
        self, urn: str, name: str, type_: str, olds: dict[str, Any], news: dict[str, Any]
    ) -> CheckOutcome:
        response = self._call(
            "Check",
            provider_pb2.CheckRequest(
                urn=urn, name=name, type=type_, olds=to_struct(reveal(olds)), news=to_struct(reveal(news))
            ),
        )
        failures = [CheckFailure(f.property, f.reason) for f in response.failures]
        return CheckOutcome(from_struct(response.inputs), failures)

    def diff(
        self,
        id_: str,
        urn: str,
        name: str,
        type_: str,
        old_outputs: dict[str, Any],
        old_inputs: dict[str, Any],
        news: dict[str, Any],
        ignore_changes: list[str],
    ) -> DiffOutcome:
        response = self._call(
            "Diff",
            provider_pb2.DiffRequest(
                id=id_,
                urn=urn,
                name=name,
                type=type_,
                olds=to_struct(reveal(old_outputs)),
                old_inputs=to_struct(reveal(old_inputs)),
                news=to_struct(reveal(news)),
                ignoreChanges=ignore_changes,
            ),
        )
        changes: bool | None = None
        if response.changes == provider_pb2.DiffResponse.DIFF_SOME:
            changes = True
        elif response.changes == provider_pb2.DiffResponse.DIFF_NONE:
            changes = False
        return DiffOutcome(changes, list(response.replaces), bool(response.deleteBeforeReplace))

    def create(
        self, urn: str, name: str, type_: str, properties: dict[str, Any]
    ) -> tuple[str, dict[str, Any]]:
        response = self._call(
            "Create",
            provider_pb2.CreateRequest(
                urn=urn, name=name, type=type_, properties=to_struct(reveal(properties))
            ),
        )
        if not response.id:
            raise HostError("the provider created the resource but returned no id")
        return response.id, from_struct(response.properties)

    def update(
        self,
        id_: str,
        urn: str,
        name: str,
        type_: str,
        old_outputs: dict[str, Any],
        old_inputs: dict[str, Any],
        news: dict[str, Any],
        ignore_changes: list[str],
    ) -> dict[str, Any]:
        response = self._call(
            "Update",
            provider_pb2.UpdateRequest(
                id=id_,
                urn=urn,
                name=name,
                type=type_,
                olds=to_struct(reveal(old_outputs)),
                old_inputs=to_struct(reveal(old_inputs)),
                news=to_struct(reveal(news)),
                ignoreChanges=ignore_changes,
            ),
        )
        return from_struct(response.properties)

    def read(
        self, id_: str, urn: str, name: str, type_: str, outputs: dict[str, Any], inputs: dict[str, Any]
    ) -> ReadOutcome:
        response = self._call(
            "Read",
            provider_pb2.ReadRequest(
                id=id_,
                urn=urn,
                name=name,
                type=type_,
                properties=to_struct(reveal(outputs)),
                inputs=to_struct(reveal(inputs)),
            ),
        )
        inputs_out = from_struct(response.inputs) if response.HasField("inputs") else None
        return ReadOutcome(response.id, from_struct(response.properties), inputs_out)

    def delete(
        self, id_: str, urn: str, name: str, type_: str, outputs: dict[str, Any], inputs: dict[str, Any]
    ) -> None:
        self._call(
            "Delete",
            provider_pb2.DeleteRequest(
                id=id_,
                urn=urn,
                name=name,
                type=type_,
                properties=to_struct(reveal(outputs)),
                old_inputs=to_struct(reveal(inputs)),
            ),
        )


def _configure_request(config: Mapping[str, Any]) -> Any:
    """The namespaced stack config, secrets wrapped, as the engine sends it."""
    variables = {k: v if isinstance(v, str) else json.dumps(v) for k, v in reveal(dict(config)).items()}
    return provider_pb2.ConfigureRequest(
        variables=variables,
        args=to_struct(dict(config)),
        acceptSecrets=True,
        acceptResources=True,
        sends_old_inputs=True,
        sends_old_inputs_to_delete=True,
    )


def _empty() -> Any:
    from google.protobuf import empty_pb2

    return empty_pb2.Empty()
