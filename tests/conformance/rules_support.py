"""Kuma's rules and matchers fixtures, run through REST ingestion and the pure resolver.

Loads the inputs (``rules/``, ``matchers/``), rewrites resource meta the way the upstream tests do
(origin, zone, namespace labels and the names a resource gets when synced between control planes),
and renders our results in the shapes of Kuma's goldens (Go structs dumped as YAML). Comparison is
structural, with durations compared by value (Go re-renders ``111s`` as ``1m51s``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pulumi_kuma.controlplane.resolve.matching import PolicyView
from pulumi_kuma.controlplane.resolve.types import InboundRule, Origin, OutboundRules, ProxyRule, ResourceRule
from pulumi_kuma.model.duration import is_duration, normalize_duration
from pulumi_kuma.model.envelope import ResourceObject, format_time, to_rest
from pulumi_kuma.model.validation import validate_document
from pulumi_kuma.registry import REGISTRY

# --- Loading --------------------------------------------------------------------------------------


def load_documents(path: Path) -> list[dict[str, Any]]:
    """The YAML documents of a fixture file (comments and empty documents dropped)."""
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc]


def ingest(doc: dict[str, Any]) -> ResourceObject:
    """A fixture document after REST ingestion (schema defaults applied, unknown fields dropped).

    Validator findings are ignored: upstream decodes these fixtures without validating them.
    """
    result = validate_document(doc, REGISTRY, mode="rest")
    assert result.kind is not None, f"unknown kind in fixture: {doc.get('type')!r}"
    return ResourceObject(
        type=result.kind.name,
        name=str(doc["name"]),
        mesh=doc.get("mesh") if result.kind.mesh_scoped else None,
        labels={str(k): str(v) for k, v in (doc.get("labels") or {}).items()},
        spec=result.spec,
    )


# --- Meta rewrites (upstream test helpers) -------------------------------------------------------

_FNV_OFFSET = 0xCBF29CE484222325
_FNV_PRIME = 0x100000001B3
_SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"


def hashed_name(mesh: str, name: str, *values: str) -> str:
    """The name a resource gets when synced to another control plane (``kds/hash.HashedName``)."""
    digest = _FNV_OFFSET
    for part in (mesh, name, *values):
        for byte in part.encode():
            digest = ((digest ^ byte) * _FNV_PRIME) & 0xFFFFFFFFFFFFFFFF
    encoded = "".join(_SAFE_ALPHABET[ord(c) % len(_SAFE_ALPHABET)] for c in digest.to_bytes(8, "big").hex())
    return f"{name[: 253 - 17]}-{encoded}"


@dataclass(frozen=True)
class Meta:
    """Meta as the upstream test sets it: name, labels, and k8s name extensions."""

    name: str
    labels: dict[str, str]
    name_extensions: dict[str, str] | None = None


MetaFn = Callable[[str, str, dict[str, str]], Meta]


def _with(base: dict[str, str], labels: dict[str, str]) -> dict[str, str]:
    return {**base, **labels}  # the resource's own labels win


def global_uni(name: str, mesh: str, labels: dict[str, str]) -> Meta:
    return Meta(name, _with({"kuma.io/origin": "global", "kuma.io/display-name": name}, labels))


def global_k8s(name: str, mesh: str, labels: dict[str, str]) -> Meta:
    base = {
        "kuma.io/origin": "global",
        "k8s.kuma.io/namespace": "ns-k8s",
        "kuma.io/mesh": mesh,
        "kuma.io/display-name": name,
    }
    ext = {"k8s.kuma.io/namespace": "ns-k8s", "k8s.kuma.io/name": name}
    return Meta(f"{name}.ns-k8s", _with(base, labels), ext)


def zone_uni(name: str, mesh: str, labels: dict[str, str]) -> Meta:
    base = {"kuma.io/origin": "zone", "kuma.io/zone": "zone-uni", "kuma.io/display-name": name}
    return Meta(name, _with(base, labels))


def zone_k8s(name: str, mesh: str, labels: dict[str, str]) -> Meta:
    base = {
        "kuma.io/origin": "zone",
        "kuma.io/zone": "zone-k8s",
        "k8s.kuma.io/namespace": "ns-k8s",
        "kuma.io/mesh": mesh,
        "kuma.io/display-name": name,
    }
    ext = {"k8s.kuma.io/namespace": "ns-k8s", "k8s.kuma.io/name": name}
    return Meta(f"{name}.ns-k8s", _with(base, labels), ext)


def _hash_values(labels: dict[str, str]) -> list[str]:
    return [labels[k] for k in ("kuma.io/zone", "k8s.kuma.io/namespace") if k in labels]


def sync_to_uni(fn: MetaFn) -> MetaFn:
    def rewrite(name: str, mesh: str, labels: dict[str, str]) -> Meta:
        meta = fn(name, mesh, labels)
        display = meta.labels.get("kuma.io/display-name") or meta.name
        return Meta(hashed_name(mesh, display, *_hash_values(meta.labels)), meta.labels)

    return rewrite


def sync_to_k8s(fn: MetaFn) -> MetaFn:
    def rewrite(name: str, mesh: str, labels: dict[str, str]) -> Meta:
        meta = fn(name, mesh, labels)
        display = meta.labels.get("kuma.io/display-name") or meta.name
        hashed = hashed_name(mesh, display, *_hash_values(meta.labels))
        ext = {"k8s.kuma.io/namespace": "kuma-system", "k8s.kuma.io/name": hashed}
        return Meta(f"{hashed}.kuma-system", meta.labels, ext)

    return rewrite


def with_role(fn: MetaFn, role: str) -> MetaFn:
    def rewrite(name: str, mesh: str, labels: dict[str, str]) -> Meta:
        meta = fn(name, mesh, labels)
        return Meta(meta.name, {**meta.labels, "kuma.io/policy-role": role}, meta.name_extensions)

    return rewrite


def with_namespace(fn: MetaFn, namespace: str) -> MetaFn:
    def rewrite(name: str, mesh: str, labels: dict[str, str]) -> Meta:
        meta = fn(name, mesh, labels)
        return Meta(meta.name, {**meta.labels, "k8s.kuma.io/namespace": namespace}, meta.name_extensions)

    return rewrite


def system_policy(fn: MetaFn) -> MetaFn:
    return with_namespace(with_role(fn, "system"), "kuma-system")


def producer_policy(fn: MetaFn) -> MetaFn:
    return with_role(fn, "producer")


OUTBOUND_VARIANTS: dict[str, MetaFn] = {
    "global-uni": global_uni,
    "global-k8s": global_k8s,
    "zone-uni": zone_uni,
    "zone-k8s": zone_k8s,
    "zone-k8s-2-global-uni": sync_to_uni(zone_k8s),
    "zone-uni-2-global-uni": sync_to_uni(zone_uni),
    "zone-k8s-2-global-k8s": sync_to_k8s(zone_k8s),
    "zone-uni-2-global-k8s": sync_to_k8s(zone_uni),
    "global-k8s-2-zone-uni": sync_to_uni(global_k8s),
    "global-uni-2-zone-uni": sync_to_uni(global_uni),
    "global-uni-2-zone-k8s": sync_to_k8s(global_uni),
    "global-k8s-2-zone-k8s": sync_to_k8s(global_k8s),
    "zone-uni-2-zone-uni": sync_to_uni(sync_to_uni(zone_uni)),
    "zone-uni-2-zone-k8s": sync_to_k8s(sync_to_uni(zone_uni)),
    "zone-k8s-2-zone-uni": sync_to_uni(sync_to_uni(zone_k8s)),
    "zone-k8s-2-zone-k8s": sync_to_k8s(sync_to_uni(zone_k8s)),
}

# dataplane-kind variants: (Dataplane meta, policy meta)
DATAPLANE_KIND_VARIANTS: dict[str, tuple[MetaFn, MetaFn]] = {
    "uni-zone": (zone_uni, zone_uni),
    "k8s-zone": (zone_k8s, zone_k8s),
    "policy-from-global-uni-zone-uni-on-global": (sync_to_uni(zone_uni), system_policy(global_uni)),
    "policy-from-global-uni-zone-uni-on-zone": (zone_uni, system_policy(sync_to_uni(global_uni))),
    "policy-from-global-uni-zone-k8s-on-zone": (zone_k8s, system_policy(sync_to_k8s(global_uni))),
    "policy-from-global-uni-zone-k8s-on-global": (sync_to_uni(zone_k8s), system_policy(global_uni)),
    "policy-from-global-k8s-zone-uni-on-zone": (zone_uni, system_policy(sync_to_uni(global_k8s))),
    "policy-from-global-k8s-zone-uni-on-global": (sync_to_k8s(zone_uni), system_policy(global_k8s)),
    "policy-from-global-k8s-zone-k8s-on-zone": (zone_k8s, system_policy(sync_to_k8s(global_k8s))),
    "policy-from-global-k8s-zone-k8s-on-global": (sync_to_k8s(zone_k8s), system_policy(global_k8s)),
    "policy-global-uni-dpp-k8s-on-zone": (zone_uni, system_policy(sync_to_uni(global_uni))),
    "policy-global-uni-dpp-k8s-on-global": (sync_to_uni(zone_uni), system_policy(global_uni)),
    "policy-from-k8s-to-uni": (zone_uni, producer_policy(sync_to_uni(zone_k8s))),
    "policy-from-k8s-to-k8s": (zone_k8s, producer_policy(sync_to_k8s(zone_k8s))),
}


@dataclass
class Fixture:
    """Ingested resources plus how each one's meta renders in the goldens."""

    objects: list[ResourceObject]
    rewritten: dict[tuple[str, str], Meta] = field(default_factory=dict)
    """Resources whose meta the test replaced (rendered as the test model's meta struct)."""

    def rewrite(self, fn: MetaFn, select: Callable[[ResourceObject], bool]) -> None:
        for i, obj in enumerate(self.objects):
            if obj.type == "Mesh" or not select(obj):
                continue
            meta = fn(obj.name, obj.mesh or "", dict(obj.labels))
            self.objects[i] = obj.evolve(name=meta.name, labels=meta.labels)
            self.rewritten[(obj.type, meta.name)] = meta

    def of_type(self, kind: str) -> list[ResourceObject]:
        return [o for o in self.objects if o.type == kind]


def load_fixture(*paths: Path) -> Fixture:
    return Fixture([ingest(doc) for path in paths for doc in load_documents(path)])


# --- Rendering in the goldens' shapes -------------------------------------------------------------


def rest_meta(obj: ResourceObject) -> dict[str, Any]:
    """Kuma's REST meta (``rest.ResourceMeta``), as the fixtures' decoded resources carry it."""
    kind = REGISTRY.by_name(obj.type)
    out: dict[str, Any] = {"type": obj.type}
    if obj.mesh:
        out["mesh"] = obj.mesh
    out["name"] = obj.name
    out["creationTime"] = format_time(obj.creation_time)
    out["modificationTime"] = format_time(obj.modification_time)
    if obj.labels:
        out["labels"] = dict(obj.labels)
    kri = kind.kri(obj.mesh, obj.labels, obj.name)
    if kri:
        out["kri"] = kri
    return out


def model_meta(meta: Meta, obj: ResourceObject) -> dict[str, Any]:
    """The upstream test model's meta struct (``test/resources/model.ResourceMeta``)."""
    return {
        "CreationTime": "0001-01-01T00:00:00Z",
        "Labels": dict(meta.labels) or None,
        "Mesh": obj.mesh or "",
        "ModificationTime": "0001-01-01T00:00:00Z",
        "Name": meta.name,
        "NameExtensions": meta.name_extensions,
        "Version": "",
    }


class Renderer:
    """Renders resolver output as the goldens do, knowing which resources had their meta rewritten."""

    def __init__(self, fixture: Fixture) -> None:
        self.fixture = fixture

    def meta(self, obj: ResourceObject) -> dict[str, Any]:
        rewritten = self.fixture.rewritten.get((obj.type, obj.name))
        return model_meta(rewritten, obj) if rewritten is not None else rest_meta(obj)

    def origin(self, origin: Origin) -> dict[str, Any]:
        return {"Resource": self.meta(origin.policy), "RuleIndex": origin.rule_index}

    def inbound_rule(self, rule: InboundRule) -> dict[str, Any]:
        return {"conf": rule.conf, "match": rule.match, "origin": self.origin(rule.origin)}

    def resource_rule(self, rule: ResourceRule) -> dict[str, Any]:
        return {
            "Conf": list(rule.conf),
            "Origin": [self.origin(o) for o in rule.origin],
            "OriginByMatches": {h: self.origin(o) for h, o in rule.origin_by_matches.items()},
            "Resource": self.meta(rule.resource),
            "ResourceSectionName": rule.section_name,
        }

    def resource_rules(self, rules: OutboundRules) -> dict[str, Any]:
        return {kri: self.resource_rule(rule) for kri, rule in rules.items()}

    def proxy_rule(self, rule: ProxyRule | None) -> Any:
        if rule is None:
            return None
        return {"Conf": rule.conf, "Origin": [self.meta(o) for o in rule.origin]}

    def resource_list(self, objects: Iterable[ResourceObject]) -> dict[str, Any]:
        items = []
        for obj in objects:
            doc = to_rest(REGISTRY.by_name(obj.type), obj)
            doc.pop("status", None)
            items.append(doc)
        return {"items": items, "next": None, "total": 0}


def policy_views(objects: Sequence[ResourceObject]) -> list[PolicyView]:
    return [PolicyView.of(o) for o in objects]


# --- Comparison -----------------------------------------------------------------------------------


def normalise(value: Any) -> Any:
    """Durations by value; everything else as is."""
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, str) and value[-1:].isalpha() and is_duration(value):
        return normalize_duration(value)
    return value


def differences(ours: Any, theirs: Any, path: str = "") -> list[str]:
    """Where two JSON values differ (after :func:`normalise`), as readable lines."""
    ours, theirs = normalise(ours), normalise(theirs)
    return _diff(ours, theirs, path or "$")


def _diff(ours: Any, theirs: Any, path: str) -> list[str]:
    if isinstance(ours, dict) and isinstance(theirs, dict):
        out = []
        for key in sorted(set(ours) | set(theirs), key=str):
            if key not in ours:
                out.append(f"{path}.{key}: missing (Kuma: {theirs[key]!r})")
            elif key not in theirs:
                out.append(f"{path}.{key}: extra (ours: {ours[key]!r})")
            else:
                out.extend(_diff(ours[key], theirs[key], f"{path}.{key}"))
        return out
    if isinstance(ours, list) and isinstance(theirs, list):
        if len(ours) != len(theirs):
            return [
                f"{path}: {len(ours)} items (ours) vs {len(theirs)} (Kuma)\n  ours: {ours!r}\n  Kuma: {theirs!r}"
            ]
        out = []
        for i, (a, b) in enumerate(zip(ours, theirs, strict=True)):
            out.extend(_diff(a, b, f"{path}[{i}]"))
        return out
    if ours != theirs:
        return [f"{path}: {ours!r} (ours) vs {theirs!r} (Kuma)"]
    return []
