"""SecureDataSource: where the control plane reads a secret value (a Secret, inline, file, env var).

Used by MeshIdentity (the CA certificate and key) and MeshExternalService (TLS material).
"""

from __future__ import annotations

from typing import Annotated

from pulumi_kuma.model.base import REQUIRED, KumaModel, OneOf
from pulumi_kuma.model.messages import MUST_BE_DEFINED, must_be_one_of
from pulumi_kuma.model.path import FieldPath
from pulumi_kuma.model.violations import Violations

SECURE_DATA_SOURCE_TYPES = ("File", "Secret", "EnvVar", "InsecureInline")


class DataSourceFile(KumaModel):
    """A file on the control plane's host (absolute path, no ``..``)."""

    path: Annotated[str, REQUIRED] = ""


class DataSourceEnvVar(KumaModel):
    """An environment variable of the control plane process."""

    name: Annotated[str, REQUIRED] = ""


class DataSourceInline(KumaModel):
    """The value itself, stored in the resource (not secret)."""

    value: Annotated[str, REQUIRED] = ""


class SecretRef(KumaModel):
    """A Secret in the same mesh, by name."""

    kind: Annotated[str, REQUIRED, OneOf("Secret")] = ""
    name: Annotated[str, REQUIRED] = ""


class SecureDataSource(KumaModel):
    """Where a sensitive value comes from: exactly the sub-object named by ``type``."""

    type: Annotated[str, REQUIRED, OneOf(*SECURE_DATA_SOURCE_TYPES)] = ""
    file: DataSourceFile | None = None
    env_var: DataSourceEnvVar | None = None
    insecure_inline: DataSourceInline | None = None
    secret_ref: SecretRef | None = None


def file_path_error(path: str) -> str | None:
    """Why a data source file path is refused (Kuma's wording), or None."""
    if not path:
        return "file path cannot be empty"
    if ".." in path:
        return f"file path contains directory traversal sequence: {path}"
    if not path.startswith("/"):
        return f"file path must be absolute: {path}"
    return None


def validate_secure_data_source(v: Violations, path: FieldPath, source: SecureDataSource | None) -> None:
    """Kuma's ``ValidateSecureDataSource``: the sub-object for ``type`` is present and complete."""
    if source is None:
        return
    kind = source.type
    if kind == "EnvVar":
        if source.env_var is None:
            v.add(path.field("envVar"), MUST_BE_DEFINED)
        elif not source.env_var.name:
            v.add(path.field("envVar").field("name"), MUST_BE_DEFINED)
    elif kind == "InsecureInline":
        if source.insecure_inline is None:
            v.add(path.field("insecureInline"), MUST_BE_DEFINED)
        elif not source.insecure_inline.value:
            v.add(path.field("insecureInline").field("value"), MUST_BE_DEFINED)
    elif kind == "File":
        if source.file is None:
            v.add(path.field("file"), MUST_BE_DEFINED)
        elif not source.file.path:
            v.add(path.field("file").field("path"), MUST_BE_DEFINED)
        else:
            error = file_path_error(source.file.path)
            if error is not None:
                v.add(path.field("file").field("path"), error)
    elif kind == "Secret":
        if source.secret_ref is None:
            v.add(path.field("secretRef"), MUST_BE_DEFINED)
        else:
            if source.secret_ref.kind != "Secret":
                v.add(
                    path.field("secretRef").field("kind"), must_be_one_of(source.secret_ref.kind, ["Secret"])
                )
            if not source.secret_ref.name:
                v.add(path.field("secretRef").field("name"), MUST_BE_DEFINED)
    else:
        v.add(path.field("type"), must_be_one_of(kind, ["EnvVar", "InsecureInline", "File", "Secret"]))
