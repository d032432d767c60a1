"""What each proxy should run: immutable, content-versioned snapshots of Envoy resources.

This is the "snapshot" half of the go-control-plane split; :mod:`.server` is the "serving" half
and knows nothing of how a snapshot was made. The generator hands :meth:`SnapshotCache.set_snapshot`
a proxy's resources as proto3-JSON dicts grouped by type URL; the cache converts them to protobuf
once per distinct content (many proxies share identical clusters and listeners), versions them by
content hash the way Kuma's reconciler does, and wakes the proxy's stream only when a type changed.

Versions (Kuma's ``pkg/xds/server/v3/reconcile.go``):

* a resource's version is a hash of its deterministic protobuf bytes;
* a type's version hashes its sorted names and resource versions; an empty type has version
  ``""`` unless it held resources before, in which case it gets :data:`CLEARED_VERSION` so that
  the proxy sees the removal;
* the cluster (CDS) version is folded into the endpoint (EDS) type version and into every EDS
  resource version, so any cluster change re-sends the endpoints right behind it. Without the
  fold Envoy keeps a changed cluster warming until the EDS fetch timeout (15 s).
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from google.protobuf import any_pb2, json_format
from google.protobuf.message import Message

from pulumi_kuma.controlplane.xds.compat import NewerField, length_delimited, split_newer_fields
from pulumi_kuma.controlplane.xds.resource_types import (
    CLUSTER,
    ENDPOINT,
    UnknownTypeError,
    ensure_message_types,
    message_class,
    push_rank,
)

VERSION_BYTES = 8


def _digest(*parts: bytes) -> str:
    hasher = hashlib.blake2b(digest_size=VERSION_BYTES)
    for part in parts:
        # Length-prefixed so that ("ab", "c") and ("a", "bc") hash differently.
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.hexdigest()


CLEARED_VERSION = _digest(b"pulumi-kuma:cleared")
"""The version of a type that held resources before and holds none now."""


def mix_versions(first: str, second: str) -> str:
    """One version standing for two (used to fold the CDS version into EDS versions)."""
    return _digest(first.encode(), second.encode())


class ResourceConversionError(ValueError):
    """A resource dict is not valid proto3 JSON for its type; the message says which and where."""

    def __init__(self, type_url: str, name: str | None, reason: str) -> None:
        self.type_url = type_url
        self.name = name
        self.reason = reason
        where = f"{type_url} {name!r}" if name else type_url
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True, slots=True, eq=False)
class Resource:
    """One converted Envoy resource, shared by every snapshot that holds the same content."""

    type_url: str
    name: str
    version: str
    message: Message
    packed: any_pb2.Any


def _resource_name(message: Message, type_url: str) -> str:
    if type_url == ENDPOINT:
        return str(message.cluster_name)  # type: ignore[attr-defined]
    descriptor = message.DESCRIPTOR
    if "name" in descriptor.fields_by_name:
        return str(message.name)  # type: ignore[attr-defined]
    raise ResourceConversionError(type_url, None, "this type has no 'name' field to identify resources by")


class ResourceConverter:
    """Converts proto3-JSON dicts to :class:`Resource`, caching by content hash (LRU)."""

    def __init__(self, max_entries: int = 100_000) -> None:
        self._max_entries = max_entries
        self._entries: OrderedDict[tuple[str, str], Resource] = OrderedDict()
        self._anys: OrderedDict[tuple[str, str], any_pb2.Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)

    def convert(self, type_url: str, resource: Mapping[str, Any]) -> Resource:
        """The :class:`Resource` for a proto3-JSON dict of type ``type_url``.

        A top-level ``@type`` is allowed if it equals ``type_url``. Raises
        :class:`ResourceConversionError` when the dict does not fit the type.
        """
        body = dict(resource)
        declared = body.pop("@type", None)
        hint = body.get("name") or body.get("clusterName") or body.get("cluster_name")
        name_hint = hint if isinstance(hint, str) else None
        if declared is not None and declared != type_url:
            raise ResourceConversionError(
                type_url, name_hint, f"'@type' is {declared!r}, expected {type_url!r}"
            )
        try:
            canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        except (TypeError, ValueError) as exc:
            raise ResourceConversionError(type_url, name_hint, f"not JSON: {exc}") from exc
        key = (type_url, hashlib.blake2b(canonical.encode(), digest_size=16).hexdigest())
        with self._lock:
            cached = self._entries.get(key)
            if cached is not None:
                self._entries.move_to_end(key)
                self.hits += 1
                return cached
        converted = self._convert(type_url, body, name_hint)
        with self._lock:
            self.misses += 1
            self._entries[key] = converted
            if len(self._entries) > self._max_entries:
                self._entries.popitem(last=False)
        return converted

    def _convert(self, type_url: str, body: dict[str, Any], name_hint: str | None) -> Resource:
        try:
            cls = message_class(type_url)
        except UnknownTypeError as exc:
            raise ResourceConversionError(type_url, name_hint, str(exc)) from exc
        message = self._parse(type_url, body, cls, name_hint)
        name = _resource_name(message, type_url)
        if not name:
            raise ResourceConversionError(type_url, None, "the resource has no name")
        data = message.SerializeToString(deterministic=True)
        version = _digest(data)
        packed = any_pb2.Any(type_url=type_url, value=data)
        return Resource(type_url, name, version, message, packed)

    def _parse(
        self, type_url: str, body: dict[str, Any], cls: type[Message], name_hint: str | None
    ) -> Message:
        """Parse ``body``; its typed sub-configs (``{"@type": ...}`` values) are parsed on their own
        and cached by content, so that configs many resources share (an HTTP connection manager, a
        router filter) are parsed once: parsing JSON is the dearest part of a push. Fields Envoy has
        and our protos lack (:mod:`.compat`) are appended as unknown fields."""
        body, newer = split_newer_fields(cls, body)
        skeleton, holes = _split_typed(body, ())
        ensure_message_types(skeleton)
        try:
            message = json_format.ParseDict(skeleton, cls())
        except json_format.ParseError as exc:
            raise ResourceConversionError(type_url, name_hint, str(exc)) from exc
        for path, typed in holes:
            packed = self._any(type_url, typed, name_hint, path)
            try:
                _set_any(message, path, packed)
            except (AttributeError, KeyError, TypeError, ValueError) as exc:
                where = ".".join(str(p) for p in path)
                raise ResourceConversionError(type_url, name_hint, f"{where}: {exc}") from exc
        for newer_field, value in newer:
            self._append_newer(message, newer_field, value, type_url, name_hint)
        return message

    def _append_newer(
        self, message: Message, field: NewerField, value: Any, type_url: str, name_hint: str | None
    ) -> None:
        """Parse the elements of a field our protos lack and append them to ``message`` in wire
        format (protobuf keeps them as unknown fields and serializes them with the message)."""
        where = f"{message.DESCRIPTOR.full_name}.{field.json_name}"
        if not isinstance(value, list):
            raise ResourceConversionError(type_url, name_hint, f"{where}: expected a list")
        try:
            element_cls = message_class(field.element)
        except UnknownTypeError as exc:
            raise ResourceConversionError(type_url, name_hint, f"{where}: {exc}") from exc
        for index, element in enumerate(value):
            if not isinstance(element, dict):
                raise ResourceConversionError(type_url, name_hint, f"{where}[{index}]: expected an object")
            try:
                parsed = self._parse(type_url, element, element_cls, name_hint)
            except ResourceConversionError as exc:
                raise ResourceConversionError(type_url, name_hint, f"{where}[{index}]: {exc.reason}") from exc
            message.MergeFromString(
                length_delimited(field.number, parsed.SerializeToString(deterministic=True))
            )

    def _any(
        self, type_url: str, typed: dict[str, Any], name_hint: str | None, path: tuple[Any, ...]
    ) -> any_pb2.Any:
        """A typed sub-config as a packed ``Any``, cached by content."""
        canonical = json.dumps(typed, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        key = ("any", hashlib.blake2b(canonical.encode(), digest_size=16).hexdigest())
        with self._lock:
            cached = self._anys.get(key)
            if cached is not None:
                self._anys.move_to_end(key)
                return cached
        inner = str(typed["@type"])
        body = {k: v for k, v in typed.items() if k != "@type"}
        try:
            cls = message_class(inner)
        except UnknownTypeError as exc:
            where = ".".join(str(p) for p in path)
            raise ResourceConversionError(type_url, name_hint, f"{where}: {exc}") from exc
        if cls.DESCRIPTOR.full_name in _WELL_KNOWN:
            # Wrappers, Struct, Duration ...: their JSON form is not an object of fields.
            try:
                packed = any_pb2.Any()
                json_format.ParseDict(typed, packed)
            except json_format.ParseError as exc:
                where = ".".join(str(p) for p in path)
                raise ResourceConversionError(type_url, name_hint, f"{where}: {exc}") from exc
        else:
            try:
                message = self._parse(type_url, body, cls, name_hint)
            except ResourceConversionError as exc:
                where = ".".join(str(p) for p in path)
                raise ResourceConversionError(type_url, name_hint, f"{where}: {exc.reason}") from exc
            packed = any_pb2.Any(type_url=inner, value=message.SerializeToString(deterministic=True))
        with self._lock:
            self._anys[key] = packed
            if len(self._anys) > self._max_entries:
                self._anys.popitem(last=False)
        return packed


_WELL_KNOWN = frozenset(
    f"google.protobuf.{name}"
    for name in (
        "Any", "BoolValue", "BytesValue", "DoubleValue", "Duration", "FieldMask", "FloatValue", "Int32Value",
        "Int64Value", "ListValue", "StringValue", "Struct", "Timestamp", "UInt32Value", "UInt64Value", "Value",
    )
)  # fmt: skip


def _split_typed(
    value: Any, path: tuple[Any, ...]
) -> tuple[Any, list[tuple[tuple[Any, ...], dict[str, Any]]]]:
    """``value`` without the typed sub-configs found under object keys, and where they were."""
    holes: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if isinstance(item, dict) and isinstance(item.get("@type"), str):
                holes.append(((*path, key), item))
            elif isinstance(item, (dict, list)):
                out[key], found = _split_typed(item, (*path, key))
                holes.extend(found)
            else:
                out[key] = item
        return out, holes
    if isinstance(value, list):
        items = []
        for index, item in enumerate(value):
            # Typed values inside lists stay where they are: removing them would shift indices.
            if isinstance(item, dict) and "@type" in item:
                items.append(item)
                continue
            converted, found = _split_typed(item, (*path, index))
            items.append(converted)
            holes.extend(found)
        return items, holes
    return value, holes


def _set_any(message: Message, path: tuple[Any, ...], packed: any_pb2.Any) -> None:
    """Put ``packed`` at a JSON ``path`` (field names, list indices, map keys) inside ``message``."""
    target: Any = message
    steps = list(path)
    while steps:
        step = steps.pop(0)
        if isinstance(step, int):
            target = target[step]
            continue
        descriptor = target.DESCRIPTOR
        field = descriptor.fields_by_camelcase_name.get(step) or descriptor.fields_by_name.get(step)
        if field is None:
            raise KeyError(f"no field {step!r} in {descriptor.full_name}")
        container = getattr(target, field.name)
        entry = field.message_type
        if entry is not None and entry.GetOptions().map_entry:
            key = steps.pop(0)
            if not steps:
                container[key].CopyFrom(packed)
                return
            target = container[key]
            continue
        if not steps:
            container.CopyFrom(packed)
            return
        target = container


@dataclass(frozen=True, slots=True)
class TypeSnapshot:
    """The resources of one type in a snapshot, with the versions sent to Envoy."""

    type_url: str
    version: str
    resources: Mapping[str, Resource]
    versions: Mapping[str, str]
    """Per-resource version as sent to Envoy (EDS versions include the fold)."""


_EMPTY_TYPE: Mapping[str, Any] = {}


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything one proxy should run; immutable."""

    version: str
    types: Mapping[str, TypeSnapshot]
    created_at: float = field(default_factory=time.monotonic)
    """``time.monotonic()`` when the snapshot was built (push-to-ACK latency starts here)."""

    def type_version(self, type_url: str) -> str:
        """The version of a type (``""`` when the snapshot has never held it)."""
        entry = self.types.get(type_url)
        return entry.version if entry is not None else ""

    def resources(self, type_url: str) -> Mapping[str, Resource]:
        """The resources of a type, by name."""
        entry = self.types.get(type_url)
        return entry.resources if entry is not None else _EMPTY_TYPE

    def versions(self, type_url: str) -> Mapping[str, str]:
        """Per-resource versions of a type, by name, as sent to Envoy."""
        entry = self.types.get(type_url)
        return entry.versions if entry is not None else _EMPTY_TYPE

    def type_urls(self) -> list[str]:
        """The snapshot's types in push order."""
        return sorted(self.types, key=push_rank)


ResourceInput = Mapping[str, Any] | Resource
"""A resource as the generator supplies it: a proto3-JSON dict, or a :class:`Resource` it
already converted (with :meth:`SnapshotCache.resource`) to share across proxies."""


def _type_version(resources: Mapping[str, Resource]) -> str:
    parts: list[bytes] = []
    for name in sorted(resources):
        parts.append(name.encode())
        parts.append(resources[name].version.encode())
    return _digest(*parts)


def build_snapshot(
    resources: Mapping[str, Iterable[ResourceInput]],
    converter: ResourceConverter,
    previous: Snapshot | None = None,
) -> Snapshot:
    """A versioned snapshot of ``resources`` (type URL → resources); pure but for the cache.

    ``previous`` only decides whether an empty type is ``""`` or :data:`CLEARED_VERSION`.
    Raises :class:`ResourceConversionError` for an invalid resource or a duplicate name.
    """
    by_type: dict[str, dict[str, Resource]] = {}
    for type_url, items in resources.items():
        named: dict[str, Resource] = {}
        for item in items:
            if isinstance(item, Resource):
                if item.type_url != type_url:
                    raise ResourceConversionError(
                        type_url, item.name, f"resource of type {item.type_url} given under {type_url}"
                    )
                converted = item
            else:
                converted = converter.convert(type_url, item)
            if converted.name in named:
                raise ResourceConversionError(type_url, converted.name, "two resources have this name")
            named[converted.name] = converted
        by_type[type_url] = named
    type_urls = set(by_type)
    if previous is not None:
        type_urls.update(previous.types)
    versions: dict[str, str] = {}
    for type_url in type_urls:
        named = by_type.get(type_url, {})
        if named:
            versions[type_url] = _type_version(named)
        elif previous is not None and previous.type_version(type_url) != "":
            versions[type_url] = CLEARED_VERSION
        else:
            versions[type_url] = ""
    cluster_version = versions.get(CLUSTER, "")
    types: dict[str, TypeSnapshot] = {}
    for type_url in sorted(type_urls, key=push_rank):
        named = by_type.get(type_url, {})
        version = versions[type_url]
        per_resource = {name: res.version for name, res in named.items()}
        if type_url == ENDPOINT and named and cluster_version:
            version = mix_versions(version, cluster_version)
            per_resource = {name: mix_versions(v, cluster_version) for name, v in per_resource.items()}
        types[type_url] = TypeSnapshot(type_url, version, named, per_resource)
    overall = _digest(*(f"{t}={types[t].version}".encode() for t in sorted(types)))
    return Snapshot(overall, types)


@dataclass(frozen=True, slots=True)
class SnapshotUpdate:
    """The result of :meth:`SnapshotCache.set_snapshot`."""

    node_id: str
    snapshot: Snapshot
    """The snapshot the proxy should run now (the previous object when nothing changed)."""
    changed_types: tuple[str, ...]
    """Types whose version changed, in push order; empty means nothing will be pushed."""

    @property
    def changed(self) -> bool:
        """Whether the proxy's configuration changed (and a push follows if it is connected)."""
        return bool(self.changed_types)


SnapshotListener = Callable[[Snapshot], None]


class SnapshotCache:
    """Per-proxy snapshots keyed by node id (``<mesh>.<name>``); safe to call from any thread.

    Listeners (the server's streams) registered with :meth:`watch` are called synchronously, on
    the thread that set the snapshot, each time a proxy's snapshot changes.
    """

    def __init__(self, converter: ResourceConverter | None = None) -> None:
        self.converter = converter or ResourceConverter()
        self._snapshots: dict[str, Snapshot] = {}
        self._listeners: dict[str, list[SnapshotListener]] = {}
        self._lock = threading.Lock()

    def resource(self, type_url: str, resource: Mapping[str, Any]) -> Resource:
        """Convert one resource ahead of time, to hand the same object to many proxies."""
        return self.converter.convert(type_url, resource)

    def set_snapshot(self, node_id: str, resources: Mapping[str, Iterable[ResourceInput]]) -> SnapshotUpdate:
        """Make ``resources`` (type URL → resources) what ``node_id`` should run.

        Types left out are emptied. Returns which types changed; when none did, the stored
        snapshot is kept and nobody is woken. Raises :class:`ResourceConversionError` (and leaves
        the stored snapshot alone) if a resource does not fit its type.
        """
        with self._lock:
            previous = self._snapshots.get(node_id)
            snapshot = build_snapshot(resources, self.converter, previous)
            if previous is None:
                changed = tuple(t for t in snapshot.type_urls() if snapshot.type_version(t) != "")
            else:
                all_types = sorted(set(previous.types) | set(snapshot.types), key=push_rank)
                changed = tuple(t for t in all_types if previous.type_version(t) != snapshot.type_version(t))
            if previous is not None and not changed:
                return SnapshotUpdate(node_id, previous, ())
            self._snapshots[node_id] = snapshot
            listeners = list(self._listeners.get(node_id, ()))
        for listener in listeners:
            listener(snapshot)
        return SnapshotUpdate(node_id, snapshot, changed)

    def get_snapshot(self, node_id: str) -> Snapshot | None:
        """The snapshot ``node_id`` should run, if one was set."""
        with self._lock:
            return self._snapshots.get(node_id)

    def clear_snapshot(self, node_id: str) -> bool:
        """Forget a proxy's snapshot (connected streams keep serving what they have)."""
        with self._lock:
            return self._snapshots.pop(node_id, None) is not None

    def node_ids(self) -> list[str]:
        """Every node id that has a snapshot."""
        with self._lock:
            return sorted(self._snapshots)

    def watch(self, node_id: str, listener: SnapshotListener) -> Callable[[], None]:
        """Call ``listener(snapshot)`` on every change of ``node_id``'s snapshot.

        Returns a function that removes the listener.
        """
        with self._lock:
            self._listeners.setdefault(node_id, []).append(listener)

        def unwatch() -> None:
            with self._lock:
                registered = self._listeners.get(node_id)
                if registered and listener in registered:
                    registered.remove(listener)
                    if not registered:
                        del self._listeners[node_id]

        return unwatch
