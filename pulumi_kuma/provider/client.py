"""A small client for Kuma's control-plane REST API (``kuma-cp`` or ``pulumi-kuma cp run``).

Every failure raises a subclass of :class:`KumaClientError` that names the resource and says why,
so callers can catch precisely::

    KumaClientError
    ├── TransientError            (worth retrying; the client already retried)
    │   ├── ControlPlaneUnreachable   connection refused, timeouts, TLS failures
    │   ├── ServerError               5xx
    │   └── Conflict                  409: a concurrent writer won
    └── APIError                  (the control plane answered with an error)
        ├── NotFound                  404
        ├── InvalidResource           400, with the violations' field paths
        ├── Unauthorized              401
        ├── Forbidden                 403
        └── ReadOnly                  405

Connection errors, 5xx and 409 are retried with exponential backoff before they are raised.
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from pulumi_kuma.model.envelope import READ_ONLY_KEYS
from pulumi_kuma.model.errors import KumaError, Violation
from pulumi_kuma.model.registry import KindDescriptor

DEFAULT_ADDRESS = "http://127.0.0.1:5681"


@dataclass(frozen=True, slots=True)
class ConnectionSettings:
    """Where a control plane's API is and how to authenticate to it."""

    address: str = DEFAULT_ADDRESS
    token: str | None = field(default=None, repr=False)
    ca_cert: str | None = None
    """PEM text of the CA that signed the API server's certificate, or a path to a PEM file."""
    tls_skip_verify: bool = False

    def verify(self) -> ssl.SSLContext | bool:
        """The ``verify`` argument httpx needs for these settings."""
        if self.tls_skip_verify:
            return False
        if self.ca_cert:
            text = self.ca_cert
            if "-----BEGIN" not in text:
                text = Path(text).expanduser().read_text()
            return ssl.create_default_context(cadata=text)
        return True


@dataclass(frozen=True, slots=True)
class ResourceRef:
    """One resource on a control plane: its kind, mesh (mesh-scoped kinds only) and name."""

    kind: KindDescriptor
    name: str
    mesh: str | None = None

    @property
    def path(self) -> str:
        """The resource's REST path (``/meshes/{mesh}/{plural}/{name}`` or ``/{plural}/{name}``)."""
        if self.kind.mesh_scoped:
            return f"/meshes/{self.mesh}/{self.kind.plural}/{self.name}"
        return f"/{self.kind.plural}/{self.name}"

    def __str__(self) -> str:
        if self.kind.mesh_scoped:
            return f'{self.kind.name} "{self.name}" in mesh "{self.mesh}"'
        return f'{self.kind.name} "{self.name}"'


class KumaClientError(KumaError):
    """Talking to the control plane failed; the message names the resource and says why."""

    def __init__(self, message: str, *, ref: ResourceRef | None = None, address: str = "") -> None:
        super().__init__(message)
        self.ref = ref
        self.address = address


class TransientError(KumaClientError):
    """A failure that may go away on its own; raised only after the client's retries ran out."""


class ControlPlaneUnreachable(TransientError):
    """No HTTP answer: connection refused, timeout, TLS handshake failure."""


class APIError(KumaClientError):
    """The control plane answered with an error status (Kuma's ``/std-errors`` body)."""

    def __init__(
        self,
        message: str,
        *,
        status: int,
        title: str = "",
        detail: str = "",
        violations: list[Violation] | None = None,
        ref: ResourceRef | None = None,
        address: str = "",
    ) -> None:
        super().__init__(message, ref=ref, address=address)
        self.status = status
        self.title = title
        self.detail = detail
        self.violations = list(violations or [])


class NotFound(APIError):
    """404: the resource (or its mesh) does not exist."""


class InvalidResource(APIError):
    """400: the control plane rejected the resource; ``violations`` has Kuma's field paths."""


class Unauthorized(APIError):
    """401: the token is missing, expired or not valid for this control plane."""


class Forbidden(APIError):
    """403: the token's user may not access this kind (Secrets need an admin)."""


class ReadOnly(APIError):
    """405: the kind (or the whole control plane) is read-only."""


class Conflict(APIError, TransientError):
    """409: another writer changed the resource at the same moment."""


class ServerError(APIError, TransientError):
    """5xx: the control plane failed or is not ready."""


_STATUS_ERRORS: dict[int, type[APIError]] = {
    400: InvalidResource,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    405: ReadOnly,
    409: Conflict,
}

_HINTS: dict[type[APIError], str] = {
    Unauthorized: "set kuma:token (or KUMA_TOKEN) to a valid user token",
    Forbidden: "the token's user is not allowed to do this; secrets need an admin token",
    ReadOnly: "this control plane or kind does not accept writes",
}


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how patiently transient failures are retried."""

    attempts: int = 6
    initial_delay: float = 0.2
    max_delay: float = 3.0

    def delays(self) -> list[float]:
        """The sleeps between attempts."""
        out = []
        delay = self.initial_delay
        for _ in range(self.attempts - 1):
            out.append(min(delay, self.max_delay))
            delay *= 2
        return out


@dataclass(frozen=True, slots=True)
class PutResult:
    """What a PUT told us: whether it created the resource, and Kuma's deprecation warnings."""

    created: bool
    warnings: list[str]


class KumaClient:
    """Typed access to one control plane's resources. Thread-safe; close it when done."""

    def __init__(
        self,
        settings: ConnectionSettings,
        *,
        retry: RetryPolicy | None = None,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.retry = retry or RetryPolicy()
        self._sleep = sleep
        headers = {"Accept": "application/json", "User-Agent": "pulumi-kuma"}
        if settings.token:
            headers["Authorization"] = f"Bearer {settings.token}"
        self._http = httpx.Client(
            base_url=settings.address.rstrip("/"),
            headers=headers,
            timeout=timeout,
            verify=settings.verify(),
            transport=transport,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> KumaClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def address(self) -> str:
        return self.settings.address

    # -- resources ---------------------------------------------------------------------------

    def get(self, ref: ResourceRef) -> dict[str, Any]:
        """The resource's REST document; raises :class:`NotFound` when it does not exist."""
        response = self._request("GET", ref.path, ref=ref, action="read")
        body = response.json()
        if not isinstance(body, dict):
            raise APIError(
                f"could not read {ref} at {self.address}: the answer was not a JSON object",
                status=response.status_code,
                ref=ref,
                address=self.address,
            )
        return body

    def exists(self, ref: ResourceRef) -> bool:
        """Whether the resource exists."""
        try:
            self.get(ref)
        except NotFound:
            return False
        return True

    def put(
        self, ref: ResourceRef, spec: Mapping[str, Any], labels: Mapping[str, str] | None = None
    ) -> PutResult:
        """Create or replace the resource (Kuma's PUT is an upsert)."""
        doc = build_document(ref, spec, labels)
        response = self._request("PUT", ref.path, ref=ref, action="write", json=doc)
        warnings: list[str] = []
        try:
            body = response.json() if response.content else {}
        except ValueError:
            body = {}
        if isinstance(body, dict) and isinstance(body.get("warnings"), list):
            warnings = [str(w) for w in body["warnings"]]
        return PutResult(created=response.status_code == 201, warnings=warnings)

    def delete(self, ref: ResourceRef) -> None:
        """Delete the resource; raises :class:`NotFound` when it does not exist."""
        self._request("DELETE", ref.path, ref=ref, action="delete")

    def list(self, kind: KindDescriptor, mesh: str | None = None) -> list[dict[str, Any]]:
        """Every resource of a kind (in one mesh, for mesh-scoped kinds when ``mesh`` is given)."""
        path = f"/meshes/{mesh}/{kind.plural}" if mesh and kind.mesh_scoped else f"/{kind.plural}"
        items: list[dict[str, Any]] = []
        params: dict[str, Any] = {"size": 1000}
        while True:
            body = self._request("GET", path, action=f"list {kind.name}", params=params).json()
            items.extend(body.get("items") or [])
            next_url = body.get("next")
            if not next_url:
                return items
            offset = httpx.URL(next_url).params.get("offset")
            if offset is None:
                return items
            params = {"size": 1000, "offset": offset}

    def index(self) -> dict[str, Any]:
        """``GET /``: the control plane's product, version and instance."""
        body = self._request("GET", "/", action="reach the control plane").json()
        return body if isinstance(body, dict) else {}

    # -- plumbing ----------------------------------------------------------------------------

    def _request(
        self,
        method: str,
        path: str,
        *,
        action: str,
        ref: ResourceRef | None = None,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
    ) -> httpx.Response:
        subject = f"{action} {ref}" if ref is not None else action
        delays = self.retry.delays()
        attempt = 0
        while True:
            try:
                response = self._http.request(method, path, json=json, params=params)
            except httpx.TransportError as exc:
                if attempt < len(delays):
                    self._sleep(delays[attempt])
                    attempt += 1
                    continue
                raise ControlPlaneUnreachable(
                    f"could not {subject}: the control plane at {self.address} did not answer "
                    f"after {attempt + 1} attempts ({exc.__class__.__name__}: {exc}); "
                    "check kuma:address (or KUMA_ADDRESS) and that the control plane is running",
                    ref=ref,
                    address=self.address,
                ) from exc
            if response.status_code < 400:
                return response
            retryable = response.status_code >= 500 or response.status_code == 409
            if retryable and attempt < len(delays):
                self._sleep(delays[attempt])
                attempt += 1
                continue
            raise self._error(response, subject, ref, attempts=attempt + 1)

    def _error(
        self, response: httpx.Response, subject: str, ref: ResourceRef | None, *, attempts: int
    ) -> APIError:
        status = response.status_code
        title, detail, violations = parse_error_body(response)
        cls = _STATUS_ERRORS.get(status, ServerError if status >= 500 else APIError)
        summary = " ".join(
            part for part in (title, f"({detail})" if detail and detail != title else "") if part
        )
        message = f"could not {subject} at {self.address}: HTTP {status}"
        if summary:
            message += f" {summary}"
        if violations:
            message += "\n" + "\n".join(f"  {v}" for v in violations)
        hint = _HINTS.get(cls)
        if hint:
            message += f"; {hint}"
        if attempts > 1:
            message += f" (after {attempts} attempts)"
        return cls(
            message,
            status=status,
            title=title,
            detail=detail,
            violations=violations,
            ref=ref,
            address=self.address,
        )


def parse_error_body(response: httpx.Response) -> tuple[str, str, list[Violation]]:
    """Title, detail and violations of Kuma's error JSON (current and legacy field names)."""
    try:
        body = response.json()
    except ValueError:
        text = response.text.strip()
        return "", text[:200], []
    if not isinstance(body, dict):
        return "", "", []
    title = str(body.get("title") or "")
    detail = str(body.get("detail") or body.get("details") or "")
    violations: list[Violation] = []
    for item in body.get("invalid_parameters") or []:
        if isinstance(item, dict):
            violations.append(Violation(str(item.get("field", "")), str(item.get("reason", ""))))
    if not violations:
        for item in body.get("causes") or []:
            if isinstance(item, dict):
                violations.append(Violation(str(item.get("field", "")), str(item.get("message", ""))))
    return title, detail, violations


def build_document(
    ref: ResourceRef, spec: Mapping[str, Any], labels: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The REST body for a resource: meta, then the spec (beside the meta for old kinds)."""
    doc: dict[str, Any] = {"type": ref.kind.name}
    if ref.kind.mesh_scoped:
        doc["mesh"] = ref.mesh
    doc["name"] = ref.name
    if labels:
        doc["labels"] = dict(labels)
    if ref.kind.legacy_layout:
        doc.update({k: v for k, v in spec.items() if k not in doc and k not in READ_ONLY_KEYS})
    else:
        doc["spec"] = dict(spec)
    return doc
