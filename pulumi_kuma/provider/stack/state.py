"""The stack's state file: every resource's inputs and outputs, and the stack outputs, as JSON.

Secrets never reach the disk in clear. Each secret value is stored as
``{SIG: SECRET_SIG, "ciphertext": base64(nonce + AES-256-GCM(json(value)))}``. The key is

* derived with scrypt from ``PULUMI_CONFIG_PASSPHRASE`` when that variable is set when the state is
  first written (the salt is kept in the file, with a check value so a wrong passphrase is
  reported as such), or otherwise
* 32 random bytes in a key file beside the state (``<state>.key``, mode 0600), created on first
  write. Keep that file private and next to the state; without it the secrets cannot be read.

Writes are atomic (temporary file, then rename), so an interrupted run leaves the last checkpoint.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from pulumi_kuma.model.errors import KumaError
from pulumi_kuma.provider.stack.properties import SECRET_SIG, SIG, is_secret

STATE_VERSION = 1
PASSPHRASE_VARIABLE = "PULUMI_CONFIG_PASSPHRASE"
_CHECK_TEXT = "pulumi-kuma state"


class StateError(KumaError):
    """The state file cannot be read or its secrets cannot be decrypted."""


@dataclass
class ResourceState:
    """One resource as the last run left it."""

    urn: str
    type: str
    custom: bool
    id: str = ""
    parent: str = ""
    inputs: dict[str, Any] = field(default_factory=dict)
    outputs: dict[str, Any] = field(default_factory=dict)
    dependencies: list[str] = field(default_factory=list)
    protect: bool = False
    retain_on_delete: bool = False
    delete_before_replace: bool = False
    additional_secret_outputs: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "urn": self.urn,
            "type": self.type,
            "custom": self.custom,
            "id": self.id,
            "parent": self.parent,
            "inputs": self.inputs,
            "outputs": self.outputs,
            "dependencies": self.dependencies,
            "protect": self.protect,
            "retainOnDelete": self.retain_on_delete,
            "deleteBeforeReplace": self.delete_before_replace,
            "additionalSecretOutputs": self.additional_secret_outputs,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ResourceState:
        return cls(
            urn=data["urn"],
            type=data["type"],
            custom=bool(data.get("custom")),
            id=data.get("id", ""),
            parent=data.get("parent", ""),
            inputs=data.get("inputs") or {},
            outputs=data.get("outputs") or {},
            dependencies=list(data.get("dependencies") or []),
            protect=bool(data.get("protect")),
            retain_on_delete=bool(data.get("retainOnDelete")),
            delete_before_replace=bool(data.get("deleteBeforeReplace")),
            additional_secret_outputs=list(data.get("additionalSecretOutputs") or []),
        )


@dataclass
class StackState:
    """Everything a stack remembers between runs."""

    project: str
    stack: str
    resources: list[ResourceState] = field(default_factory=list)
    outputs: dict[str, Any] = field(default_factory=dict)

    def by_urn(self) -> dict[str, ResourceState]:
        return {r.urn: r for r in self.resources}


class Cipher:
    """AES-256-GCM for secret values, with the key handling described in the module docstring."""

    def __init__(self, key: bytes, header: dict[str, Any]) -> None:
        self._aead = AESGCM(key)
        self.header = header

    @classmethod
    def for_state(cls, path: Path, header: dict[str, Any] | None) -> Cipher:
        """The cipher for a state file: from its header, or a new one for a new file."""
        passphrase = os.environ.get(PASSPHRASE_VARIABLE)
        if header is None:
            if passphrase:
                salt = secrets.token_bytes(16)
                cipher = cls(_derive(passphrase, salt), {"kind": "passphrase", "salt": _b64(salt)})
                cipher.header["check"] = cipher.encrypt(_CHECK_TEXT)
                return cipher
            return cls(_key_file(path, create=True), {"kind": "keyfile", "file": key_file_path(path).name})
        kind = header.get("kind")
        if kind == "passphrase":
            if not passphrase:
                raise StateError(
                    f"{path}: the state's secrets are encrypted with a passphrase; set {PASSPHRASE_VARIABLE}"
                )
            cipher = cls(_derive(passphrase, base64.b64decode(header["salt"])), dict(header))
            try:
                cipher.decrypt(header["check"])
            except StateError:
                raise StateError(
                    f"{path}: {PASSPHRASE_VARIABLE} is not the passphrase this state was written with"
                ) from None
            return cipher
        if kind == "keyfile":
            return cls(_key_file(path, create=False), dict(header))
        raise StateError(f"{path}: unknown secrets encryption {kind!r}")

    def encrypt(self, value: Any) -> str:
        nonce = secrets.token_bytes(12)
        data = self._aead.encrypt(nonce, json.dumps(value).encode(), None)
        return _b64(nonce + data)

    def decrypt(self, text: str) -> Any:
        raw = base64.b64decode(text)
        try:
            plain = self._aead.decrypt(raw[:12], raw[12:], None)
        except InvalidTag:
            raise StateError("a secret in the state cannot be decrypted with this key") from None
        return json.loads(plain)

    def seal(self, value: Any) -> Any:
        """Encrypt every secret inside a value."""
        if is_secret(value):
            return {SIG: SECRET_SIG, "ciphertext": self.encrypt(value.get("value"))}
        if isinstance(value, dict):
            return {k: self.seal(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.seal(v) for v in value]
        return value

    def open(self, value: Any) -> Any:
        """Decrypt every sealed secret inside a value."""
        if isinstance(value, dict) and value.get(SIG) == SECRET_SIG and "ciphertext" in value:
            return {SIG: SECRET_SIG, "value": self.decrypt(value["ciphertext"])}
        if isinstance(value, dict):
            return {k: self.open(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.open(v) for v in value]
        return value


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _derive(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**14, r=8, p=1).derive(passphrase.encode())


def key_file_path(state_path: Path) -> Path:
    """Where the generated key of a state file lives."""
    return state_path.with_name(state_path.name + ".key")


def _key_file(state_path: Path, *, create: bool) -> bytes:
    path = key_file_path(state_path)
    if path.exists():
        key = base64.b64decode(path.read_text().strip())
        if len(key) != 32:
            raise StateError(f"{path}: not a pulumi-kuma state key")
        return key
    if not create:
        raise StateError(f"{state_path}: its secrets key {path} is missing; secrets cannot be decrypted")
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(_b64(key) + "\n")
    return key


class StateFile:
    """Loads and atomically saves a :class:`StackState`, encrypting its secrets."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._cipher: Cipher | None = None

    def load(self, project: str, stack: str) -> StackState:
        """The stored state, or an empty one when the file does not exist yet."""
        if not self.path.exists():
            return StackState(project, stack)
        try:
            data = json.loads(self.path.read_text())
        except (OSError, ValueError) as exc:
            raise StateError(f"{self.path}: cannot read the state: {exc}") from exc
        if data.get("version") != STATE_VERSION:
            raise StateError(f"{self.path}: state version {data.get('version')!r} is not supported")
        self._cipher = Cipher.for_state(self.path, data.get("encryption"))
        cipher = self._cipher
        resources = [ResourceState.from_json(cipher.open(r)) for r in data.get("resources") or []]
        return StackState(
            project=data.get("project", project),
            stack=data.get("stack", stack),
            resources=resources,
            outputs=cipher.open(data.get("outputs") or {}),
        )

    def save(self, state: StackState) -> None:
        """Write the state (secrets sealed) atomically."""
        if self._cipher is None:
            self._cipher = Cipher.for_state(self.path, None)
        cipher = self._cipher
        data = {
            "version": STATE_VERSION,
            "project": state.project,
            "stack": state.stack,
            "encryption": cipher.header,
            "resources": [cipher.seal(r.to_json()) for r in state.resources],
            "outputs": cipher.seal(state.outputs),
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(data, indent=1, sort_keys=False) + "\n")
        os.replace(tmp, self.path)


class Checkpointer:
    """Writes checkpoints from many threads without making each of them wait for the disk.

    ``request()`` marks the state dirty; if no write is under way the calling thread writes, and
    keeps writing while other threads asked again meanwhile. So the last change always reaches the
    disk, and a burst of N changes costs far fewer than N writes.
    """

    def __init__(self, write: Callable[[], None]) -> None:
        self._write = write
        self._lock = threading.Lock()
        self._writing = False
        self._pending = False

    def request(self) -> None:
        with self._lock:
            self._pending = True
            if self._writing:
                return
            self._writing = True
        try:
            while True:
                with self._lock:
                    if not self._pending:
                        self._writing = False
                        return
                    self._pending = False
                self._write()
        except BaseException:
            with self._lock:
                self._writing = False
            raise
