"""A Pulumi project directory: ``Pulumi.yaml``, the stack's config file, and command-line config.

Config keys are namespaced as Pulumi does it (``kuma:address``; a bare key gets the project's
name). Sources, later ones winning: ``config:`` in ``Pulumi.yaml`` (``key: value``,
``key: {value: ...}`` or ``key: {default: ...}``), ``config:`` in ``Pulumi.<stack>.yaml`` (plain
values; ``secure:`` values are Pulumi CLI ciphertext this runner cannot decrypt), then
``--config KEY=VALUE`` and ``--secret KEY=VALUE`` (the latter marked secret).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pulumi_kuma.model.errors import KumaError


class ProjectError(KumaError):
    """The project directory or its configuration is not usable; the message says where."""


@dataclass
class Project:
    """A loaded project and the stack's configuration."""

    name: str
    directory: Path
    program: Path
    config: dict[str, str] = field(default_factory=dict)
    secret_keys: set[str] = field(default_factory=set)


def _namespaced(project: str, key: str) -> str:
    return key if ":" in key else f"{project}:{key}"


def _config_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text()) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ProjectError(f"{path}: cannot read: {exc}") from exc
    if not isinstance(data, dict):
        raise ProjectError(f"{path}: must be a YAML mapping")
    return data


def parse_assignment(text: str, option: str) -> tuple[str, str]:
    """``KEY=VALUE`` from the command line."""
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise ProjectError(f"{option} {text!r}: expected KEY=VALUE")
    return key.strip(), value


def load_project(
    directory: Path,
    stack: str,
    *,
    config: Mapping[str, str] | None = None,
    secrets: Mapping[str, str] | None = None,
) -> Project:
    """Load ``Pulumi.yaml`` and the stack's configuration from a project directory."""
    directory = directory.resolve()
    project_file = next(
        (directory / n for n in ("Pulumi.yaml", "Pulumi.yml") if (directory / n).exists()), None
    )
    if project_file is None:
        raise ProjectError(f"{directory}: no Pulumi.yaml here; pass the project directory")
    data = _read_yaml(project_file)
    name = data.get("name")
    if not isinstance(name, str) or not name:
        raise ProjectError(f"{project_file}: 'name' must be set")
    runtime = data.get("runtime")
    runtime_name = runtime.get("name") if isinstance(runtime, dict) else runtime
    if runtime_name != "python":
        raise ProjectError(f"{project_file}: runtime is {runtime_name!r}; only python programs can be run")
    main = data.get("main") or "."
    program = (directory / str(main)).resolve()
    if program.is_dir():
        program = program / "__main__.py"
    if not program.exists():
        raise ProjectError(f"{project_file}: the program {program} does not exist")

    project = Project(name=name, directory=directory, program=program)
    for key, value in (data.get("config") or {}).items():
        if isinstance(value, dict):
            if "value" in value:
                value = value["value"]
            elif "default" in value:
                value = value["default"]
            else:
                continue
        project.config[_namespaced(name, str(key))] = _config_text(value)
    stack_file = directory / f"Pulumi.{stack}.yaml"
    if stack_file.exists():
        for key, value in (_read_yaml(stack_file).get("config") or {}).items():
            full = _namespaced(name, str(key))
            if isinstance(value, dict) and "secure" in value:
                raise ProjectError(
                    f"{stack_file}: {key} is a Pulumi CLI secret (secure:), which pulumi-kuma stack cannot "
                    f"decrypt; pass it with --secret {key}=VALUE (or KUMA_TOKEN for kuma:token)"
                )
            project.config[full] = _config_text(value)
    for key, value in (config or {}).items():
        project.config[_namespaced(name, key)] = value
    for key, value in (secrets or {}).items():
        full = _namespaced(name, key)
        project.config[full] = value
        project.secret_keys.add(full)
    return project
