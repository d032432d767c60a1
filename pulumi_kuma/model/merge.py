"""Kuma's conf merge (``merge.Confs``, ``notes/kuma-policy-spec.md`` §3.9) over JSON confs.

Confs come lowest priority first. Per group of ``merge_values`` (one group for most kinds):

1. fold the confs with an RFC 7396 JSON merge patch (objects merge key by key, arrays are replaced,
   ``null`` deletes);
2. ``append_fields`` and the ``merge_by_key`` list take the concatenation of every conf's list
   instead of the patched value;
3. ``merge_by_key`` list entries with equal keys fold into one entry at the position of the last
   one, their confs merged by this same algorithm;
4. ``reverse_after_merge`` reverses a list field (MeshHTTPRoute rules).

Inputs are never mutated; outputs share unchanged subtrees with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pulumi_kuma.model.registry import KindDescriptor, PolicyTraits
from pulumi_kuma.model.rules import InboundRule, Json


@dataclass(frozen=True, slots=True)
class MergeSpec:
    """The parts of :class:`PolicyTraits` that shape the merge of a kind's confs."""

    append_fields: tuple[tuple[str, ...], ...] = ()
    merge_by_key: tuple[str, str, str] | None = None
    merge_values: str | None = None
    reverse_after_merge: str | None = None

    @classmethod
    def of(cls, traits: PolicyTraits | None) -> MergeSpec:
        """The merge spec of a policy kind (plain for None)."""
        if traits is None:
            return PLAIN
        return cls(traits.append_fields, traits.merge_by_key, traits.merge_values, traits.reverse_after_merge)


PLAIN = MergeSpec()


def merge_patch(target: Json, patch: Json) -> Json:
    """RFC 7396: apply ``patch`` to ``target``; returns a new value, sharing unchanged parts."""
    if not isinstance(patch, dict):
        return patch
    result: dict[str, Any] = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def _get(conf: Json, path: Sequence[str]) -> Json:
    for key in path:
        if not isinstance(conf, dict):
            return None
        conf = conf.get(key)
    return conf


def _set(conf: dict[str, Any], path: Sequence[str], value: Json) -> dict[str, Any]:
    """A copy of ``conf`` with ``value`` at ``path`` (copying only the dicts along the path);
    unchanged when a parent is missing, and the key is dropped when ``value`` is None."""
    head, rest = path[0], path[1:]
    out = dict(conf)
    if rest:
        child = conf.get(head)
        if not isinstance(child, dict):
            return conf
        out[head] = _set(child, rest, value)
    elif value is None:
        out.pop(head, None)
    else:
        out[head] = value
    return out


def _concatenate(confs: Sequence[Json], path: Sequence[str]) -> list[Json] | None:
    out: list[Json] = []
    for conf in confs:
        value = _get(conf, path)
        if isinstance(value, list):
            out.extend(value)
    return out or None


def _group_by_merge_values(confs: Sequence[Json], field: str | None) -> list[list[Json]]:
    if field is None:
        return [list(confs)]
    groups: dict[str, list[Json]] = {}
    for conf in confs:
        values = conf.get(field) if isinstance(conf, dict) else None
        if not values:
            groups.setdefault("", []).append(conf)
            continue
        for value in values:
            groups.setdefault(value, []).append({**conf, field: [value]})
    return list(groups.values())


def _merge_by_key(entries: list[Json], key_field: str, conf_field: str) -> list[Json]:
    # Each accumulator: [key, confs, active]. An entry whose key equals an earlier active one takes
    # over that one's confs (earlier first) and deactivates it, so the survivor sits where the key
    # last appeared.
    accumulated: list[list[Any]] = []
    for entry in entries:
        key = entry.get(key_field) if isinstance(entry, dict) else None
        confs = [entry.get(conf_field, {}) if isinstance(entry, dict) else {}]
        for acc in accumulated:
            if acc[2] and acc[0] == key:
                confs = acc[1] + confs
                acc[2] = False
        accumulated.append([key, confs, True])
    out: list[Json] = []
    for key, confs, active in accumulated:
        if not active:
            continue
        for merged in merge_confs(confs, PLAIN):
            out.append({key_field: key, conf_field: merged})
    return out


def merge_confs(confs: Sequence[Json], spec: MergeSpec = PLAIN) -> list[Json]:
    """Merge ``confs`` (lowest priority first) into one conf per ``merge_values`` group."""
    if not confs:
        return []
    out: list[Json] = []
    for group in _group_by_merge_values(confs, spec.merge_values):
        result: Json = group[0]
        for conf in group[1:]:
            result = merge_patch(result, conf)
        if not isinstance(result, dict):
            out.append(result)
            continue
        for path in spec.append_fields:
            result = _set(result, path, _concatenate(group, path))
        if spec.merge_by_key is not None:
            list_field, key_field, conf_field = spec.merge_by_key
            entries = _concatenate(group, (list_field,))
            merged = _merge_by_key(entries, key_field, conf_field) if entries else None
            result = _set(result, (list_field,), merged or None)
        if spec.reverse_after_merge is not None:
            items = result.get(spec.reverse_after_merge)
            if isinstance(items, list):
                result = {**result, spec.reverse_after_merge: items[::-1]}
        out.append(result)
    return out


def merge_catch_all(confs: Sequence[Json], spec: MergeSpec = PLAIN) -> Json | None:
    """Kuma's ``MatchesAllIncomingTraffic``: the merge of catch-all inbound confs, or None."""
    merged = merge_confs(confs, spec)
    return merged[0] if merged else None


def catch_all_conf(kind: KindDescriptor, rules: Sequence[InboundRule]) -> Json | None:
    """Kuma's ``MatchesAllIncomingTraffic``: the confs of the rules without a match, merged in order
    (later, higher-priority rules win), or None when there are none."""
    return merge_catch_all([r.conf for r in rules if r.match is None], MergeSpec.of(kind.policy))
