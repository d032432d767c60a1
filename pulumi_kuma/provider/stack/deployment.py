"""The engine's part of a run: turn each registration into steps against the provider host.

For every custom resource the program registers, in the order the program registers them (which
respects dependencies: a resource is registered only once its inputs' resources are done):

1. ``Check`` with the old inputs (failures abort the step, with the provider's field paths);
2. new resource → ``Create``; existing → ``Diff`` (old outputs, old inputs, new inputs), then
   ``Update``, a replace (delete first when ``deleteBeforeReplace``), or nothing;
3. in preview nothing is created or updated: the checked inputs stand in for the outputs and every
   other output is unknown, exactly as the Pulumi engine does for dynamic providers.

When the program has finished without error, resources in the old state that it did not register
are deleted, in reverse dependency order. The state is checkpointed after every change.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pulumi.runtime.proto import resource_pb2

from pulumi_kuma.model.errors import KumaError
from pulumi_kuma.provider.stack.display import MARKERS, Reporter, changed_keys, diff_lines, short_type
from pulumi_kuma.provider.stack.host import CheckFailure, HostError, ProviderHost
from pulumi_kuma.provider.stack.ordering import delete_in_dependency_order
from pulumi_kuma.provider.stack.properties import (
    PROVIDER_KEY,
    annotate_secrets,
    from_struct,
    reveal,
    seal_outputs,
    to_struct,
    without_internal,
)
from pulumi_kuma.provider.stack.state import Checkpointer, ResourceState, StackState

STACK_TYPE = "pulumi:pulumi:Stack"
REPORTED = "(reported above)"
"""Ends the message of a failure the runner has printed, so the program launcher does not repeat it."""
DYNAMIC_TYPE_PREFIX = "pulumi-python:dynamic"


class StepFailed(KumaError):
    """A step failed; the message names the resource and says why."""


@dataclass
class Step:
    """One thing a run did (or, in preview, would do) to one resource."""

    op: str
    """create, update, replace, delete, same, refresh, read."""
    urn: str
    type: str
    name: str
    old_inputs: dict[str, Any] = field(default_factory=dict)
    new_inputs: dict[str, Any] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)
    """Changed (``~key``) or replacing (``+-key``) properties, for the step line."""
    error: str | None = None
    failures: list[CheckFailure] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def marker(self) -> str:
        return MARKERS.get(self.op, "?")


def urn_type(urn: str) -> str:
    """The (qualified) type part of a URN."""
    return urn.split("::")[2] if urn.count("::") >= 3 else ""


def urn_name(urn: str) -> str:
    return urn.split("::", 3)[3] if urn.count("::") >= 3 else urn


def make_urn(stack: str, project: str, type_: str, name: str, parent: str) -> str:
    """``urn:pulumi:<stack>::<project>::<parent types$>type::<name>``; the stack is not a parent type."""
    qualified = type_
    if parent and urn_type(parent) != STACK_TYPE:
        qualified = f"{urn_type(parent)}${type_}"
    return f"urn:pulumi:{stack}::{project}::{qualified}::{name}"


def apply_ignore_changes(news: dict[str, Any], olds: dict[str, Any], paths: list[str]) -> dict[str, Any]:
    """Keep the old value for each ignored property path (``spec`` or ``spec.to``)."""
    result = dict(news)
    for path in paths:
        parts = path.split(".")
        source: Any = olds
        for part in parts:
            source = source.get(part) if isinstance(source, dict) else None
        target = result
        for part in parts[:-1]:
            nested = target.get(part)
            if not isinstance(nested, dict):
                break
            nested = dict(nested)
            target[part] = nested
            target = nested
        else:
            if source is None:
                target.pop(parts[-1], None)
            else:
                target[parts[-1]] = source
    return result


class Deployment:
    """Processes registrations from a running program; thread-safe (gRPC serves them in threads)."""

    def __init__(
        self,
        *,
        project: str,
        stack: str,
        old: StackState,
        host: ProviderHost,
        preview: bool,
        reporter: Reporter,
        checkpoint: Callable[[StackState], None] | None = None,
    ) -> None:
        self.project = project
        self.stack = stack
        self.old = old
        self.old_by_urn = old.by_urn()
        self.host = host
        self.preview = preview
        self.reporter = reporter
        self._checkpoint = checkpoint
        self._lock = threading.RLock()
        self._seq = 0
        self.registered: dict[str, tuple[int, ResourceState]] = {}
        self.removed: set[str] = set()
        """Old URNs whose resource no longer exists (deleted by a replace)."""
        self.steps: list[Step] = []
        self.failed = False
        self.errors: list[str] = []
        self.stack_outputs: dict[str, Any] = dict(old.outputs)
        self.stack_urn = ""
        self._in_progress = 0
        self._checkpointer = Checkpointer(self._write_checkpoint)

    # -- registrations --------------------------------------------------------------------------

    def register(self, req: resource_pb2.RegisterResourceRequest) -> resource_pb2.RegisterResourceResponse:
        """Handle one ``RegisterResource``; raises :class:`StepFailed` on failure."""
        urn = make_urn(self.stack, self.project, req.type, req.name, req.parent)
        with self._lock:
            if urn in self.registered:
                raise StepFailed(f"{urn}: registered twice (duplicate resource name)")
            self._seq += 1
            seq = self._seq
        if not req.custom:
            if req.type == STACK_TYPE:
                self.stack_urn = urn
            state = ResourceState(urn=urn, type=req.type, custom=False, parent=req.parent)
            self._record(seq, state, changed=urn not in self.old_by_urn)
            return resource_pb2.RegisterResourceResponse(urn=urn, object=to_struct({}))
        if not req.type.startswith(DYNAMIC_TYPE_PREFIX):
            raise self._fail(
                Step("create", urn, req.type, req.name),
                f"resource type {req.type} is not supported: pulumi-kuma stack runs only dynamic "
                "resources (pulumi_kuma's Kuma kinds); use the Pulumi CLI for other providers",
            )
        if req.provider:
            raise self._fail(
                Step("create", urn, req.type, req.name),
                "explicit providers are not supported for dynamic resources",
            )
        with self._lock:
            self._in_progress += 1
        self._progress(f"{short_type(req.type)} {req.name}")
        try:
            state, outputs, op = self._register_custom(req, urn)
        finally:
            with self._lock:
                self._in_progress -= 1
            self._progress(f"{short_type(req.type)} {req.name}")
        self._record(seq, state, changed=op != "same")
        return resource_pb2.RegisterResourceResponse(
            urn=urn, id=state.id, object=to_struct(without_internal(outputs))
        )

    def _register_custom(
        self, req: resource_pb2.RegisterResourceRequest, urn: str
    ) -> tuple[ResourceState, dict[str, Any], str]:
        """Check, then create, update, replace or keep one resource; returns the step's op too."""
        name, type_ = req.name, req.type
        inputs = from_struct(req.object)
        old = self.old_by_urn.get(urn)
        ignore = list(req.ignoreChanges)
        if old is not None and ignore:
            inputs = apply_ignore_changes(inputs, old.inputs, ignore)
        step = Step("create", urn, type_, name, dict(old.inputs) if old else {}, inputs)
        start = time.perf_counter()
        try:
            check = self.host.check(urn, name, type_, old.inputs if old else {}, inputs)
        except HostError as exc:
            raise self._fail(step, f"check failed: {exc}") from None
        if check.failures:
            step.failures = check.failures
            raise self._fail(step, "the resource is not valid")
        checked = annotate_secrets(check.inputs, inputs)
        step.new_inputs = checked
        secret_outputs = list(req.additionalSecretOutputs)

        def finish(outs: dict[str, Any]) -> dict[str, Any]:
            annotated: dict[str, Any] = annotate_secrets(outs, checked)
            return annotated

        new_state = ResourceState(
            urn=urn,
            type=type_,
            custom=True,
            parent=req.parent,
            inputs=checked,
            dependencies=list(req.dependencies),
            protect=req.protect,
            retain_on_delete=req.retainOnDelete,
            delete_before_replace=req.deleteBeforeReplace,
            additional_secret_outputs=secret_outputs,
        )
        try:
            if old is None:
                if self.preview:
                    outputs = checked
                else:
                    new_state.id, outs = self.host.create(urn, name, type_, checked)
                    outputs = finish(outs)
            else:
                outputs = self._existing(req, step, old, checked, new_state, finish)
        except HostError as exc:
            raise self._fail(step, str(exc)) from None
        step.seconds = time.perf_counter() - start
        # As the engine does after every step, preview and unchanged resources included.
        outputs = seal_outputs(outputs, checked, secret_outputs)
        new_state.outputs = outputs
        self._report(step)
        return new_state, outputs, step.op

    def _existing(
        self,
        req: resource_pb2.RegisterResourceRequest,
        step: Step,
        old: ResourceState,
        checked: dict[str, Any],
        new_state: ResourceState,
        finish: Callable[[dict[str, Any]], dict[str, Any]],
    ) -> dict[str, Any]:
        urn, name, type_ = step.urn, step.name, step.type
        diff = self.host.diff(
            old.id, urn, name, type_, old.outputs, old.inputs, checked, list(req.ignoreChanges)
        )
        changes = diff.changes
        if changes is None:
            changes = without_internal(reveal(old.inputs)) != without_internal(reveal(checked))
        replaces = list(diff.replaces)
        for key in req.replaceOnChanges:
            top = key.split(".")[0]
            if (
                top == "*" or reveal(old.inputs.get(top)) != reveal(checked.get(top))
            ) and top not in replaces:
                replaces.append(top)
                changes = True
        changed = changed_keys(reveal(old.inputs), reveal(checked))
        if replaces:
            step.op = "replace"
            step.reasons = [f"+-{k}" for k in replaces] + [f"~{k}" for k in changed if k not in replaces]
            if old.protect:
                raise self._fail(step, "the resource is protected and cannot be replaced")
            if self.preview:
                return checked
            delete_first = diff.delete_before_replace or req.deleteBeforeReplace
            if delete_first:
                self.host.delete(old.id, urn, name, type_, old.outputs, old.inputs)
                self._forget(urn)
            new_state.id, outs = self.host.create(urn, name, type_, checked)
            if not delete_first:
                self.host.delete(old.id, urn, name, type_, old.outputs, old.inputs)
            return finish(outs)
        if changes:
            step.op = "update"
            step.reasons = [f"~{k}" for k in changed] or ["~(drift)"]
            new_state.id = old.id
            if self.preview:
                return checked
            outs = self.host.update(
                old.id, urn, name, type_, old.outputs, old.inputs, checked, list(req.ignoreChanges)
            )
            return finish(outs)
        step.op = "same"
        new_state.id = old.id
        return old.outputs

    def register_outputs(self, urn: str, outputs: dict[str, Any]) -> None:
        """``RegisterResourceOutputs``: the stack's are the program's exports."""
        if urn == self.stack_urn or urn_type(urn) == STACK_TYPE:
            with self._lock:
                self.stack_outputs = outputs

    def log(self, severity: int, message: str, urn: str) -> None:
        """``Engine.Log`` from the program (severity 0 debug … 3 error)."""
        if severity == 0:
            return
        prefix = {1: "info", 2: "warning", 3: "error"}.get(severity, "info")
        where = f" {short_type(urn_type(urn))} {urn_name(urn)}:" if urn else ""
        text = message.rstrip()
        if severity == 3:
            with self._lock:
                self.errors.append(text)
        self.reporter.line(f"{prefix}:{where} {text}")

    # -- after the program ----------------------------------------------------------------------

    def finish(self, program_ok: bool) -> None:
        """Delete what the program no longer declares (only after a clean program run)."""
        if program_ok and not self.failed:
            gone = [
                r for r in self.old.resources if r.urn not in self.registered and r.urn not in self.removed
            ]
            for old in gone:
                if not old.custom:
                    self._forget(old.urn)
            delete_in_dependency_order([r for r in gone if r.custom], self._delete_removed)
        # The last checkpoint is written here, synchronously: the program has exited, so no
        # registration is still writing one.
        if not self.preview:
            self._write_checkpoint()

    def _delete_removed(self, old: ResourceState) -> bool:
        """Delete a resource the program no longer declares; False when that failed."""
        step = Step("delete", old.urn, old.type, urn_name(old.urn), dict(old.inputs), {})
        if old.protect:
            self._fail(step, "the resource is protected; unprotect it before removing it from the program")
            return False
        start = time.perf_counter()
        if not self.preview and not old.retain_on_delete:
            try:
                self.host.delete(old.id, old.urn, step.name, old.type, old.outputs, old.inputs)
            except HostError as exc:
                self._fail(step, str(exc))
                return False
        step.seconds = time.perf_counter() - start
        self._forget(old.urn)
        self._report(step)
        return True

    def final_state(self) -> StackState:
        """The state as it stands: registered resources in order, then old ones still alive."""
        with self._lock:
            resources = [state for _, state in sorted(self.registered.values(), key=lambda item: item[0])]
            for old in self.old.resources:
                if old.urn not in self.registered and old.urn not in self.removed:
                    resources.append(old)
            return StackState(self.project, self.stack, resources, dict(self.stack_outputs))

    # -- bookkeeping ----------------------------------------------------------------------------

    def _record(self, seq: int, state: ResourceState, *, changed: bool = True) -> None:
        with self._lock:
            self.registered[state.urn] = (seq, state)
        if changed:
            self._save()

    def _forget(self, urn: str) -> None:
        with self._lock:
            self.removed.add(urn)
        self._save()

    def _save(self) -> None:
        if self.preview or self._checkpoint is None:
            return
        self._checkpointer.request()

    def _write_checkpoint(self) -> None:
        if self._checkpoint is not None:
            self._checkpoint(self.final_state())

    def _fail(self, step: Step, message: str) -> StepFailed:
        step.error = message
        with self._lock:
            self.failed = True
            self.steps.append(step)
        lines = [f"  {step.marker} {short_type(step.type)} {step.name} **failed**: {message}"]
        lines.extend(f"      {failure}" for failure in step.failures)
        self.reporter.lines(lines)
        detail = "; ".join(str(f) for f in step.failures)
        return StepFailed(
            f"{short_type(step.type)} {step.name}: {message}"
            + (f": {detail}" if detail else "")
            + f" {REPORTED}"
        )

    def _report(self, step: Step) -> None:
        with self._lock:
            self.steps.append(step)
        if step.op == "same":
            self._progress(f"{short_type(step.type)} {step.name}")
            return
        verb = {
            "create": "create" if self.preview else "created",
            "update": "update" if self.preview else "updated",
            "replace": "replace" if self.preview else "replaced",
            "delete": "delete" if self.preview else "deleted",
        }.get(step.op, step.op)
        reasons = f" [diff: {' '.join(step.reasons)}]" if step.reasons else ""
        timing = f" ({step.seconds:.2f}s)" if not self.preview else ""
        lines = [f"  {step.marker} {short_type(step.type)} {step.name} {verb}{reasons}{timing}"]
        if self.reporter.show_diff:
            if step.op == "create":
                lines.extend(diff_lines({}, _plain_inputs(step.new_inputs), indent=1))
            elif step.op == "delete":
                lines.extend(diff_lines(_plain_inputs(step.old_inputs), {}, indent=1))
            else:
                lines.extend(
                    diff_lines(_plain_inputs(step.old_inputs), _plain_inputs(step.new_inputs), indent=1)
                )
        self.reporter.lines(lines)

    def _progress(self, what: str) -> None:
        with self._lock:
            done = len(self.steps)
            running = self._in_progress
        self.reporter.status(
            f"{'previewing' if self.preview else 'updating'}: {done} done, {running} running — {what}"
        )


def _plain_inputs(inputs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in inputs.items() if k != PROVIDER_KEY and not k.startswith("__")}
