"""Reading a SecureDataSource the way the control plane does (Kuma's ``ReadByControlPlane``).

``Secret`` reads a Secret of the identity's mesh from the store, ``File`` a file on the control
plane's host, ``EnvVar`` an environment variable of the control plane process, ``InsecureInline``
the value in the resource itself. Errors say which field and which source failed, never the value.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from pulumi_kuma.controlplane.ca.errors import DataSourceError
from pulumi_kuma.controlplane.store.base import Store
from pulumi_kuma.kinds.secret import SecretSpec, decode_data
from pulumi_kuma.model.datasource import SecureDataSource, file_path_error

SECRET_TYPE = "Secret"


def describe_source(source: SecureDataSource) -> str:
    """Where a data source points, for messages: ``Secret "ca-cert"``, ``file /etc/ca.pem``, ..."""
    if source.type == "Secret" and source.secret_ref is not None:
        return f'Secret "{source.secret_ref.name}"'
    if source.type == "File" and source.file is not None:
        return f"file {source.file.path}"
    if source.type == "EnvVar" and source.env_var is not None:
        return f"environment variable {source.env_var.name}"
    if source.type == "InsecureInline":
        return "the inline value"
    return f"a {source.type or 'typeless'} data source"


async def read_secret_data(store: Store, mesh: str, name: str, *, field: str) -> bytes | None:
    """The bytes of Secret ``name`` in ``mesh``, or None when there is no such Secret."""
    obj = await store.get(SECRET_TYPE, mesh, name)
    if obj is None:
        return None
    data = SecretSpec.model_validate(obj.spec).data
    if data is None:
        return b""
    decoded = decode_data(data)
    if decoded is None:
        raise DataSourceError(f'{field}: Secret "{name}" in mesh "{mesh}" has data that is not valid base64')
    return decoded


async def read_secure_data_source(
    source: SecureDataSource | None, *, store: Store, mesh: str, field: str
) -> bytes:
    """The value ``source`` points at; ``field`` is its path in the resource (for messages)."""
    if source is None:
        raise DataSourceError(f"{field}: must be defined")
    if source.type == "Secret":
        if source.secret_ref is None or not source.secret_ref.name:
            raise DataSourceError(f"{field}.secretRef.name: must be defined")
        name = source.secret_ref.name
        value = await read_secret_data(store, mesh, name, field=field)
        if value is None:
            raise DataSourceError(f'{field}: Secret "{name}" not found in mesh "{mesh}"')
        return value
    if source.type == "File":
        path = source.file.path if source.file is not None else ""
        error = file_path_error(path)
        if error is not None:
            raise DataSourceError(f"{field}.file.path: invalid file path: {error}")
        try:
            return await asyncio.to_thread(Path(path).read_bytes)
        except OSError as exc:
            raise DataSourceError(f"{field}: cannot read file {path}: {exc.strerror or exc}") from None
    if source.type == "EnvVar":
        name = source.env_var.name if source.env_var is not None else ""
        if not name:
            raise DataSourceError(f"{field}.envVar.name: must be defined")
        env_value = os.environ.get(name)
        if env_value is None:
            raise DataSourceError(f"{field}: environment variable {name} is not defined")
        return env_value.encode()
    if source.type == "InsecureInline":
        if source.insecure_inline is None:
            raise DataSourceError(f"{field}.insecureInline: must be defined")
        return source.insecure_inline.value.encode()
    raise DataSourceError(
        f"{field}.type: datasource type {source.type!r} is not supported; use one of Secret, File, EnvVar, "
        "InsecureInline"
    )
