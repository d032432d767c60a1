"""xDS type URLs, the order in which a push sends them, and loading the protobuf types they name.

Envoy resources arrive from the generator as proto3-JSON dicts whose typed fields carry an
``@type`` (``google.protobuf.Any``). ``json_format.ParseDict`` can only resolve an ``@type`` whose
message class has been imported, so :func:`ensure_message_types` imports, on first sight of an
unknown type, every ``*_pb2`` module of that type's proto package (the xds-protos layout mirrors
the proto packages; the module name inside a package cannot be derived from the message name).
"""

from __future__ import annotations

import contextlib
import importlib
import pkgutil
import threading
from collections.abc import Iterator
from typing import Any

from google.protobuf import descriptor_pool, message_factory
from google.protobuf.message import Message

# The type URLs are defined once, in the Envoy layer the generator and the policies share.
from pulumi_kuma.envoy.types import CLUSTER as CLUSTER
from pulumi_kuma.envoy.types import ENDPOINT as ENDPOINT
from pulumi_kuma.envoy.types import LISTENER as LISTENER
from pulumi_kuma.envoy.types import ROUTE as ROUTE
from pulumi_kuma.envoy.types import SECRET as SECRET
from pulumi_kuma.envoy.types import TYPE_PREFIX as TYPE_PREFIX

# The order of a push (go-control-plane's ordered ADS): clusters before their endpoints, both
# before the listeners that route to them, then routes and secrets. Other types follow, sorted.
PUSH_ORDER: tuple[str, ...] = (CLUSTER, ENDPOINT, LISTENER, ROUTE, SECRET)

# Types a client subscribes to as a whole (an empty name list means "everything").
WILDCARD_TYPES: frozenset[str] = frozenset({CLUSTER, LISTENER})

SHORT_NAMES: dict[str, str] = {CLUSTER: "CDS", ENDPOINT: "EDS", LISTENER: "LDS", ROUTE: "RDS", SECRET: "SDS"}


class UnknownTypeError(LookupError):
    """A type URL names a protobuf message that no installed xds-protos module defines."""


def push_rank(type_url: str) -> tuple[int, str]:
    """Sort key putting type URLs in push order (known types first, then the rest by name)."""
    try:
        return (PUSH_ORDER.index(type_url), "")
    except ValueError:
        return (len(PUSH_ORDER), type_url)


def short_name(type_url: str) -> str:
    """``CDS``/``EDS``/... for the usual types, else the message name."""
    return SHORT_NAMES.get(type_url, type_url.rsplit("/", 1)[-1])


_lock = threading.Lock()
_imported_packages: set[str] = set()


def _full_name(type_url: str) -> str:
    return type_url.rsplit("/", 1)[-1]


def _import_package_of(full_name: str) -> None:
    package = full_name.rsplit(".", 1)[0]
    if package in _imported_packages:
        return
    _imported_packages.add(package)
    try:
        module = importlib.import_module(package)
    except ImportError:
        return
    for info in pkgutil.iter_modules(getattr(module, "__path__", [])):
        if info.name.endswith("_pb2"):
            importlib.import_module(f"{package}.{info.name}")


def message_class(type_url: str) -> type[Message]:
    """The generated message class for a type URL, importing its package when needed."""
    full_name = _full_name(type_url)
    pool = descriptor_pool.Default()
    try:
        descriptor = pool.FindMessageTypeByName(full_name)
    except KeyError:
        with _lock:
            _import_package_of(full_name)
        try:
            descriptor = pool.FindMessageTypeByName(full_name)
        except KeyError:
            raise UnknownTypeError(
                f"unknown protobuf type {full_name!r} (from type URL {type_url!r})"
            ) from None
    return message_factory.GetMessageClass(descriptor)


def _type_urls(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "@type" and isinstance(item, str):
                yield item
            else:
                yield from _type_urls(item)
    elif isinstance(value, list):
        for item in value:
            yield from _type_urls(item)


def ensure_message_types(resource: Any) -> None:
    """Import the message class of every ``@type`` inside a proto3-JSON value.

    Unknown types are left for ``ParseDict`` to report with its field path.
    """
    for type_url in set(_type_urls(resource)):
        with contextlib.suppress(UnknownTypeError):
            message_class(type_url)
