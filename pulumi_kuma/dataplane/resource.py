"""The Dataplane a proxy registers with: read a template, fill its variables, check its meta."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

import yaml

from pulumi_kuma.dataplane.errors import DataplaneFileError
from pulumi_kuma.dataplane.template import TemplateError, render


def load_dataplane(source: str, variables: Mapping[str, str], stdin: TextIO) -> dict[str, Any]:
    """Read ``source`` (a path, or ``-`` for stdin), render it with ``variables`` and parse it.

    Raises :class:`DataplaneFileError` saying what is wrong and where.
    """
    where = "<stdin>" if source == "-" else source
    try:
        text = stdin.read() if source == "-" else Path(source).read_text()
    except OSError as exc:
        raise DataplaneFileError(f"{where}: cannot read the Dataplane file: {exc.strerror or exc}") from exc
    try:
        rendered = render(text, variables)
    except TemplateError as exc:
        raise DataplaneFileError(f"{where}: {exc}") from exc
    try:
        document = yaml.safe_load(rendered)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f"{where}:{mark.line + 1}:{mark.column + 1}" if mark is not None else where
        raise DataplaneFileError(f"{at}: the rendered Dataplane is not valid YAML: {exc}") from exc
    if not isinstance(document, dict):
        raise DataplaneFileError(
            f"{where}: the rendered Dataplane must be an object (type, mesh, name, networking)"
        )
    if document.get("type") != "Dataplane":
        raise DataplaneFileError(
            f"{where}: type: invalid proxy resource type {document.get('type')!r}, expected Dataplane"
        )
    for key in ("mesh", "name"):
        value = document.get(key)
        if not isinstance(value, str) or not value:
            raise DataplaneFileError(
                f"{where}: {key}: must be a non-empty string (is a -v variable missing?)"
            )
    return document
