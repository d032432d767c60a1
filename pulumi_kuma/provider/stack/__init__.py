"""An engine-less stack runner: Pulumi programs against the real provider host, no Pulumi CLI."""

from __future__ import annotations

from pulumi_kuma.provider.stack.runner import RunResult, StackRunner, default_state_path

__all__ = ["RunResult", "StackRunner", "default_state_path"]
