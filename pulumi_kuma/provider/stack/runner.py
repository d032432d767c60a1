"""``pulumi-kuma stack preview|up|refresh|destroy``: Pulumi programs without the Pulumi CLI.

A run starts the real dynamic provider host, serves a ResourceMonitor and an Engine on a loopback
port, and runs the program with the real Pulumi SDK in a subprocess pointed at them (see
:mod:`pulumi_kuma.provider.stack.deployment` for what happens to each registration). ``refresh``
and ``destroy`` work from the state alone, as Pulumi's do.

The state lives in ``<project>/.pulumi-kuma/<stack>.json`` unless ``--state`` says otherwise;
:mod:`pulumi_kuma.provider.stack.state` describes how its secrets are encrypted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from pulumi_kuma.provider.stack.deployment import Deployment, Step, urn_name
from pulumi_kuma.provider.stack.display import Reporter, diff_lines, render_value, short_type
from pulumi_kuma.provider.stack.host import HostError, ProviderHost
from pulumi_kuma.provider.stack.monitor import serve
from pulumi_kuma.provider.stack.ordering import delete_in_dependency_order
from pulumi_kuma.provider.stack.project import Project, load_project
from pulumi_kuma.provider.stack.properties import (
    PROVIDER_KEY,
    annotate_secrets,
    seal_outputs,
    secret,
    without_internal,
)
from pulumi_kuma.provider.stack.state import Checkpointer, ResourceState, StackState, StateFile


@dataclass
class RunResult:
    """What a run did: its steps, the stack outputs, and whether everything succeeded."""

    ok: bool
    steps: list[Step] = field(default_factory=list)
    outputs: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def counts(self) -> dict[str, int]:
        """Steps per operation (``create``, ``update``, ``replace``, ``delete``, ``same``, ...)."""
        return dict(Counter(s.op for s in self.steps if s.error is None))

    @property
    def changed(self) -> bool:
        return any(s.op != "same" for s in self.steps)

    def step(self, name: str) -> Step:
        """The (last) step of the resource with this name."""
        for step in reversed(self.steps):
            if step.name == name:
                return step
        raise KeyError(name)


def default_state_path(directory: Path, stack: str) -> Path:
    return directory / ".pulumi-kuma" / f"{stack}.json"


class StackRunner:
    """Runs one stack of one project directory."""

    def __init__(
        self,
        directory: Path,
        *,
        stack: str = "dev",
        config: Mapping[str, str] | None = None,
        secrets: Mapping[str, str] | None = None,
        state_path: Path | None = None,
        out: TextIO | None = None,
        progress: bool | None = None,
        show_diff: bool = True,
    ) -> None:
        self.project: Project = load_project(directory, stack, config=config, secrets=secrets)
        self.stack = stack
        self.state_file = StateFile(state_path or default_state_path(self.project.directory, stack))
        self.reporter = Reporter(out, progress=progress, show_diff=show_diff)

    # -- commands -------------------------------------------------------------------------------

    def preview(self) -> RunResult:
        """Check and diff every resource; create, update and delete nothing."""
        return self._run_program(preview=True)

    def up(self) -> RunResult:
        """Create, update, replace and delete so the control plane matches the program."""
        return self._run_program(preview=False)

    def refresh(self) -> RunResult:
        """Read every resource back; drift goes into the state (inputs too), gone ones leave it."""
        start = time.perf_counter()
        state = self._load()
        self.reporter.line(f"Refreshing stack {self.stack} ({self.project.name})")
        steps: list[Step] = []
        ok = True
        customs = [r for r in state.resources if r.custom]
        if customs:
            with self._host() as host:
                for index, resource in enumerate(list(state.resources)):
                    if not resource.custom:
                        continue
                    name = urn_name(resource.urn)
                    self.reporter.status(f"refreshing: {index + 1}/{len(state.resources)} {name}")
                    step = Step("same", resource.urn, resource.type, name, resource.outputs, {})
                    try:
                        read = host.read(
                            resource.id, resource.urn, name, resource.type, resource.outputs, resource.inputs
                        )
                    except HostError as exc:
                        step.error = str(exc)
                        ok = False
                        steps.append(step)
                        self.reporter.line(
                            f"  ~ {short_type(resource.type)} {name} **refresh failed**: {exc}"
                        )
                        continue
                    if not read.id:
                        step.op = "delete"
                        state.resources.remove(resource)
                        self.reporter.line(
                            f"  - {short_type(resource.type)} {name} deleted outside Pulumi; removed"
                        )
                    else:
                        # The engine's rules: secretness carries over key by key from the old
                        # outputs and inputs, then the post-step rule of every step.
                        outputs = annotate_secrets(read.outputs, resource.outputs)
                        if read.inputs is not None:
                            resource.inputs = annotate_secrets(read.inputs, resource.inputs)
                        outputs = seal_outputs(outputs, resource.inputs, resource.additional_secret_outputs)
                        step.new_inputs = outputs
                        drift = diff_lines(_shown(resource.outputs), _shown(outputs), indent=1)
                        resource.outputs = outputs
                        if drift:
                            step.op = "refresh"
                            self.reporter.lines([f"  ~ {short_type(resource.type)} {name} drift", *drift])
                    steps.append(step)
                    self.state_file.save(state)
        self.reporter.done()
        self.state_file.save(state)
        result = RunResult(ok, steps, state.outputs, time.perf_counter() - start)
        self._summary(result, "refresh")
        return result

    def destroy(self) -> RunResult:
        """Delete every resource of the stack, dependents first."""
        start = time.perf_counter()
        state = self._load()
        self.reporter.line(f"Destroying stack {self.stack} ({self.project.name})")
        steps: list[Step] = []
        lock = threading.Lock()
        customs = [r for r in state.resources if r.custom]
        state.resources = customs

        def write() -> None:
            with lock:
                snapshot = StackState(state.project, state.stack, list(state.resources), dict(state.outputs))
            self.state_file.save(snapshot)

        checkpointer = Checkpointer(write)
        if customs:
            with self._host() as host:

                def delete(resource: ResourceState) -> bool:
                    name = urn_name(resource.urn)
                    step = Step("delete", resource.urn, resource.type, name, resource.inputs, {})
                    if resource.protect:
                        step.error = "the resource is protected"
                    else:
                        began = time.perf_counter()
                        try:
                            if not resource.retain_on_delete:
                                host.delete(
                                    resource.id,
                                    resource.urn,
                                    name,
                                    resource.type,
                                    resource.outputs,
                                    resource.inputs,
                                )
                        except HostError as exc:
                            step.error = str(exc)
                        step.seconds = time.perf_counter() - began
                    with lock:
                        steps.append(step)
                        if step.error is None:
                            state.resources.remove(resource)
                    checkpointer.request()
                    if step.error is not None:
                        self.reporter.line(f"  - {short_type(resource.type)} {name} **failed**: {step.error}")
                        return False
                    self.reporter.line(
                        f"  - {short_type(resource.type)} {name} deleted ({step.seconds:.2f}s)"
                    )
                    self.reporter.status(f"destroying: {len(steps)}/{len(customs)} done")
                    return True

                delete_in_dependency_order(customs, delete)
        ok = all(step.error is None for step in steps)
        if ok:
            state.outputs = {}
        self.reporter.done()
        self.state_file.save(state)
        result = RunResult(ok, steps, state.outputs, time.perf_counter() - start)
        self._summary(result, "destroy")
        return result

    # -- the program ----------------------------------------------------------------------------

    def _run_program(self, *, preview: bool) -> RunResult:
        start = time.perf_counter()
        old = self._load()
        verb = "Previewing update" if preview else "Updating"
        self.reporter.line(f"{verb} stack {self.stack} ({self.project.name})")
        with self._host() as host:
            deployment = Deployment(
                project=self.project.name,
                stack=self.stack,
                old=old,
                host=host,
                preview=preview,
                reporter=self.reporter,
                checkpoint=None if preview else self.state_file.save,
            )
            server, address = serve(deployment, dry_run=preview, config=self.project.config)
            try:
                program_ok = self._launch(address, preview)
                deployment.finish(program_ok)
            finally:
                server.stop(grace=None)
        self.reporter.done()
        ok = program_ok and not deployment.failed
        outputs = deployment.stack_outputs if ok or not preview else old.outputs
        result = RunResult(ok, deployment.steps, outputs, time.perf_counter() - start)
        self._summary(result, "preview" if preview else "up")
        return result

    def _launch(self, address: str, preview: bool) -> bool:
        env = dict(os.environ)
        env["PULUMI_CONFIG"] = json.dumps(self.project.config)
        env["PULUMI_CONFIG_SECRET_KEYS"] = json.dumps(sorted(self.project.secret_keys))
        command = [
            sys.executable,
            "-u",
            "-m",
            "pulumi_kuma.provider.stack.launcher",
            "--monitor",
            address,
            "--engine",
            address,
            "--project",
            self.project.name,
            "--stack",
            self.stack,
        ]
        if preview:
            command.append("--dry-run")
        command.append(str(self.project.program))
        process = subprocess.Popen(
            command,
            cwd=self.project.program.parent,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert process.stdout is not None
        for line in process.stdout:
            self.reporter.line(line.rstrip("\n"))
        return process.wait() == 0

    # -- helpers --------------------------------------------------------------------------------

    def _load(self) -> StackState:
        return self.state_file.load(self.project.name, self.stack)

    def _host(self) -> ProviderHost:
        config: dict[str, Any] = {
            k: secret(v) if k in self.project.secret_keys else v for k, v in self.project.config.items()
        }
        return ProviderHost(self.project.directory, self.project.name, config)

    def _summary(self, result: RunResult, command: str) -> None:
        counts = result.counts
        future = command == "preview"
        words = {
            "create": "to create" if future else "created",
            "update": "to update" if future else "updated",
            "replace": "to replace" if future else "replaced",
            "delete": "to delete" if future else "deleted",
            "refresh": "drifted",
            "same": "unchanged",
        }
        marks = {"create": "+", "update": "~", "replace": "+-", "delete": "-", "refresh": "~", "same": " "}
        lines = [""]
        if result.outputs and command in ("up", "preview"):
            lines.append("Outputs:")
            lines.extend(f"    {k}: {render_value(v)}" for k, v in result.outputs.items())
            lines.append("")
        lines.append("Resources:")
        parts = [f"    {marks[op]} {counts[op]} {words[op]}" for op in words if counts.get(op)]
        lines.extend(parts or ["    no resources"])
        failed = [s for s in result.steps if s.error is not None]
        if failed:
            lines.append(f"    ! {len(failed)} failed")
        lines.append("")
        lines.append(f"Duration: {result.seconds:.1f}s{'' if result.ok else ' — FAILED'}")
        self.reporter.lines(lines)


def _shown(outputs: Mapping[str, Any]) -> dict[str, Any]:
    # Timestamps and the provider blob are not drift.
    return {
        k: v
        for k, v in without_internal(outputs).items()
        if k not in ("modification_time", "warnings") and k != PROVIDER_KEY
    }
