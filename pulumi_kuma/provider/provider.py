"""The one ``ResourceProvider`` behind every Kuma resource class.

The Pulumi engine runs it in the dynamic provider host (``python -m pulumi.dynamic``). Because the
class lives in this installed module, dill pickles it *by reference* (a few dozen bytes naming the
class); it keeps no state in ``__init__``, so nothing but the class name is captured, and HTTP
clients are made on first use inside the host.

Resource properties (inputs, camelCase Kuma JSON under ``spec``)::

    kind, name, mesh (mesh-scoped kinds), labels, spec, adopt, control_plane

Outputs add ``kri``, ``creation_time``, ``modification_time`` and ``warnings``; ``labels`` then
includes the labels the control plane computes and ``spec`` is the stored (normalised) spec.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Mapping
from typing import Any

from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    ResourceProvider,
    UpdateResult,
)
from pulumi.runtime.rpc import wrap_rpc_secret

from pulumi_kuma.model.envelope import split_document
from pulumi_kuma.model.errors import KumaError, Violation
from pulumi_kuma.model.names import validate_labels
from pulumi_kuma.model.path import FieldPath
from pulumi_kuma.model.registry import KindDescriptor
from pulumi_kuma.model.validation import ingest_spec, validate_mesh_name, validate_name
from pulumi_kuma.provider.client import ConnectionSettings, KumaClient, NotFound, ResourceRef
from pulumi_kuma.provider.config import address_problem, settings_from_config, settings_from_input
from pulumi_kuma.provider.normalize import (
    contains_unknown,
    drop_related,
    is_unknown,
    labels_equal,
    spec_path_root,
    specs_equal,
    strip_unknowns,
    user_labels,
)
from pulumi_kuma.registry import REGISTRY

IDENTITY_PROPERTIES = ("kind", "mesh", "name")
"""Changing any of these names a different resource: the old one is deleted, a new one created."""


class ResourceExists(KumaError):
    """``create`` found a resource it did not create; it will not overwrite it without ``adopt``."""


class PropertyError(KumaError):
    """A property the provider needs is missing or malformed."""


_CLIENTS: dict[ConnectionSettings, KumaClient] = {}
_CLIENTS_LOCK = threading.Lock()


def client_for(settings: ConnectionSettings) -> KumaClient:
    """One shared client per control plane in this process (the host serves calls in threads)."""
    with _CLIENTS_LOCK:
        client = _CLIENTS.get(settings)
        if client is None:
            client = KumaClient(settings)
            _CLIENTS[settings] = client
        return client


def _kind(props: Mapping[str, Any]) -> KindDescriptor:
    name = props.get("kind")
    kind = REGISTRY.get(name) if isinstance(name, str) else None
    if kind is None:
        raise PropertyError(f"property 'kind' is {name!r}; it must be one of {', '.join(REGISTRY.names())}")
    return kind


def _ref(kind: KindDescriptor, props: Mapping[str, Any]) -> ResourceRef:
    return ResourceRef(kind, str(props["name"]), str(props["mesh"]) if kind.mesh_scoped else None)


def resource_id(ref: ResourceRef) -> str:
    """The Pulumi id of a Kuma resource: its REST path without the leading slash."""
    return ref.path.lstrip("/")


def _secret_if_sensitive(kind: KindDescriptor, spec: Any) -> Any:
    """The spec, wrapped as a secret when it must not be stored or shown in clear.

    The engine would re-mark the output secret after the same-named input anyway; wrapping it
    here also covers a refresh that finds a key written outside Pulumi, and an adopted resource.
    """
    return wrap_rpc_secret(spec) if kind.spec_is_secret(spec) else spec


class KumaProvider(ResourceProvider):
    """Creates, reads, updates and deletes Kuma resources through the control plane's REST API."""

    serialize_as_secret_always = False

    # -- configuration ----------------------------------------------------------------------

    def configure(self, req: ConfigureRequest) -> None:
        """Read ``kuma:*`` stack config (env fallbacks); runs in the host, never pickled."""
        self._default_settings = settings_from_config(req.config, os.environ)

    def _settings(self, props: Mapping[str, Any]) -> ConnectionSettings:
        control_plane = props.get("control_plane")
        if isinstance(control_plane, Mapping) and control_plane.get("address"):
            return settings_from_input(control_plane)
        default: ConnectionSettings | None = getattr(self, "_default_settings", None)
        return default if default is not None else settings_from_config(None, os.environ)

    def _client(self, props: Mapping[str, Any]) -> KumaClient:
        return client_for(self._settings(props))

    # -- preview: check and diff (no network) -----------------------------------------------

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """Validate the resource as Kuma's REST ingestion would, offline; unknowns are skipped."""
        inputs = {k: v for k, v in news.items() if v is not None}
        failures: list[CheckFailure] = []
        try:
            kind = _kind(news)
        except PropertyError as exc:
            return CheckResult(inputs, [CheckFailure("kind", str(exc))])

        def fail(prop: str, violations: list[Violation]) -> None:
            failures.extend(CheckFailure(prop, str(v)) for v in violations)

        name = news.get("name")
        if not is_unknown(name):
            fail("name", validate_name(kind, name))
        mesh = news.get("mesh")
        if kind.mesh_scoped:
            if not is_unknown(mesh):
                fail("mesh", validate_mesh_name(mesh))
        elif mesh is not None:
            fail("mesh", [Violation("mesh", f"must not be set: {kind.name} is not mesh-scoped")])
        labels, label_unknowns = strip_unknowns(news.get("labels") or {}, "labels")
        if not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values()):
            fail("labels", [Violation("labels", "must be a map of strings")])
            labels = {}
        fail("labels", drop_related(validate_labels(labels, FieldPath("labels")), label_unknowns))
        raw_spec = news.get("spec")
        if raw_spec is None:
            raw_spec = {}
        if not is_unknown(raw_spec):
            spec, spec_unknowns = strip_unknowns(raw_spec, spec_path_root(kind))
            result = ingest_spec(
                kind,
                spec,
                mode="rest",
                name=name if isinstance(name, str) and not is_unknown(name) else "",
                mesh=mesh if isinstance(mesh, str) and not is_unknown(mesh) else None,
                labels=labels,
            )
            fail("spec", drop_related(result.violations, spec_unknowns))
        control_plane = news.get("control_plane")
        if isinstance(control_plane, Mapping):
            address = control_plane.get("address")
            if not is_unknown(address):
                problem = address_problem(address)
                if problem:
                    fail("control_plane", [Violation("control_plane.address", problem)])
        if "spec" in inputs and kind.spec_is_secret(inputs["spec"]):
            # Also when the program sent it plain (a hand-written dynamic resource): the engine
            # stores the checked inputs, so this keeps private keys out of the state.
            inputs["spec"] = wrap_rpc_secret(inputs["spec"])
        return CheckResult(inputs, failures)

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        """Compare the declared resource with the stored outputs; never looks at ``__provider``."""
        kind = _kind(news)
        replaces = [
            key
            for key in IDENTITY_PROPERTIES
            if (key in olds or key in news) and (is_unknown(news.get(key)) or olds.get(key) != news.get(key))
        ]
        changed: list[str] = []
        old_address, old_rest = self._control_plane_identity(olds)
        new_address, new_rest = self._control_plane_identity(news)
        if is_unknown(new_address) or old_address != new_address:
            replaces.append("control_plane")
        elif contains_unknown(new_rest) or old_rest != new_rest:
            changed.append("control_plane")
        new_spec = news.get("spec")
        if contains_unknown(new_spec) or not specs_equal(kind, olds.get("spec"), new_spec):
            changed.append("spec")
        new_labels = news.get("labels")
        if contains_unknown(new_labels) or not labels_equal(olds.get("labels"), new_labels):
            changed.append("labels")
        stables = [k for k in ("kind", "name", "mesh", "kri", "creation_time") if k not in replaces]
        return DiffResult(
            changes=bool(replaces or changed),
            replaces=replaces,
            stables=stables,
            delete_before_replace=True,
        )

    def _control_plane_identity(self, props: Mapping[str, Any]) -> tuple[Any, Any]:
        """(address, the rest) of the control plane a resource lives on."""
        value = props.get("control_plane")
        if is_unknown(value):
            return value, None
        if isinstance(value, Mapping) and value.get("address"):
            rest = {k: v for k, v in value.items() if k != "address" and v not in (None, False, "")}
            return value.get("address"), rest
        return self._settings({}).address, {}

    # -- apply ------------------------------------------------------------------------------

    def create(self, props: dict[str, Any]) -> CreateResult:
        """PUT a new resource; refuses to take over an existing one unless ``adopt`` is set."""
        kind = _kind(props)
        ref = _ref(kind, props)
        client = self._client(props)
        if not props.get("adopt") and client.exists(ref):
            raise ResourceExists(
                f"{ref} already exists on the control plane at {client.address}, and this stack did "
                "not create it. pulumi-kuma does not overwrite resources it does not manage: pass "
                "adopt=True to take it over (its spec will be replaced by the declared one), or "
                "choose another name."
            )
        result = client.put(ref, props.get("spec") or {}, props.get("labels"))
        return CreateResult(resource_id(ref), self._outputs(client, kind, ref, props, result.warnings))

    def update(self, _id: str, _olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        """PUT the new spec and labels; returns the full outputs."""
        kind = _kind(news)
        ref = _ref(kind, news)
        client = self._client(news)
        result = client.put(ref, news.get("spec") or {}, news.get("labels"))
        return UpdateResult(self._outputs(client, kind, ref, news, result.warnings))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """Refresh: the live resource as outputs and as inputs (so drift shows); gone → removed."""
        kind = _kind(props)
        ref = _ref(kind, props)
        client = self._client(props)
        try:
            doc = client.get(ref)
        except NotFound:
            return ReadResult("", {})
        outs = self._outputs_from(kind, doc, props, props.get("warnings") or [])
        inputs: dict[str, Any] = {"kind": kind.name, "name": ref.name, "spec": outs["spec"]}
        labels = user_labels(outs.get("labels"))
        if labels:
            inputs["labels"] = labels
        if "adopt" in props:
            inputs["adopt"] = props["adopt"]
        if kind.mesh_scoped:
            inputs["mesh"] = ref.mesh
        if "control_plane" in outs:
            inputs["control_plane"] = outs["control_plane"]
        return ReadResult(id_ or resource_id(ref), outs, inputs)

    def delete(self, _id: str, props: dict[str, Any]) -> None:
        """DELETE the resource; one that is already gone counts as deleted."""
        kind = _kind(props)
        with contextlib.suppress(NotFound):
            self._client(props).delete(_ref(kind, props))

    # -- outputs ----------------------------------------------------------------------------

    def _outputs(
        self,
        client: KumaClient,
        kind: KindDescriptor,
        ref: ResourceRef,
        props: Mapping[str, Any],
        warnings: list[str],
    ) -> dict[str, Any]:
        return self._outputs_from(kind, client.get(ref), props, warnings)

    @staticmethod
    def _outputs_from(
        kind: KindDescriptor, doc: Mapping[str, Any], props: Mapping[str, Any], warnings: list[str]
    ) -> dict[str, Any]:
        labels = dict(doc.get("labels") or {})
        mesh = doc.get("mesh") if kind.mesh_scoped else None
        name = str(doc.get("name") or props.get("name"))
        outs: dict[str, Any] = {
            "kind": kind.name,
            "name": name,
            "labels": labels,
            "spec": _secret_if_sensitive(kind, split_document(kind, dict(doc))),
            "kri": doc.get("kri") or kind.kri(mesh, labels, name),
            "creation_time": doc.get("creationTime"),
            "modification_time": doc.get("modificationTime"),
            "warnings": list(warnings),
            "adopt": props.get("adopt"),
        }
        if kind.mesh_scoped:
            outs["mesh"] = mesh or props.get("mesh")
        control_plane = props.get("control_plane")
        if isinstance(control_plane, Mapping) and control_plane.get("address"):
            value = {k: v for k, v in control_plane.items() if v is not None}
            if value.get("token"):
                value["token"] = wrap_rpc_secret(value["token"])
            outs["control_plane"] = value
        return {k: v for k, v in outs.items() if v is not None}
