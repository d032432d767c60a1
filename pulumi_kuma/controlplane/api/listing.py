"""List queries: pagination (``size``, ``offset``), ``name`` substring, label and tag filters.

Like Kuma's stores, the whole type is read and then filtered and paged in memory; ``offset`` is
an index into the filtered list and ``next`` is the request's URL with the following offset.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from pulumi_kuma.controlplane.api.errors import ApiError, invalid
from pulumi_kuma.model.envelope import ResourceObject
from pulumi_kuma.model.errors import Violation

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
LIST_TITLE = "Could not retrieve resources"
_MATCH_ALL = "*"

Predicate = Callable[[ResourceObject], bool]


@dataclass(frozen=True, slots=True)
class ListQuery:
    """A parsed list request."""

    size: int
    offset: int
    name_contains: str
    predicates: tuple[Predicate, ...]

    def matches(self, obj: ResourceObject) -> bool:
        if self.name_contains and self.name_contains not in obj.name:
            return False
        return all(predicate(obj) for predicate in self.predicates)


def _page_size(raw: str | None) -> int:
    if raw is None or raw == "":
        return DEFAULT_PAGE_SIZE
    try:
        size = int(raw, 10)
    except ValueError:
        raise ApiError(400, LIST_TITLE, "Invalid page size", [Violation("size", "invalid format")]) from None
    if size <= 0:
        raise ApiError(400, LIST_TITLE, "Invalid page size", [Violation("size", "must be greater than 0")])
    if size > MAX_PAGE_SIZE:
        reason = f"invalid page size of {size}. Maximum page size is {MAX_PAGE_SIZE}"
        raise ApiError(400, LIST_TITLE, "Invalid page size", [Violation("size", reason)])
    return size


def _offset(raw: str | None) -> int:
    if raw is None or raw == "":
        return 0
    try:
        offset = int(raw, 10)
    except ValueError:
        detail = f'invalid: invalid offset: strconv.Atoi: parsing "{raw}": invalid syntax'
        raise ApiError(400, LIST_TITLE, detail) from None
    if offset < 0:
        raise ApiError(400, LIST_TITLE, f"invalid: invalid offset: {offset} is negative")
    return offset


def _label_predicate(required: dict[str, str]) -> Predicate:
    def predicate(obj: ResourceObject) -> bool:
        labels = obj.labels
        return all(labels.get(key) == value for key, value in required.items())

    return predicate


def _tag_predicate(tags: dict[str, str]) -> Predicate:
    """Kuma's fuzzy tag match (``tag=k:v``): the label exists and contains the value."""

    def predicate(obj: ResourceObject) -> bool:
        for key, value in tags.items():
            actual = obj.labels.get(key)
            if actual is None or (value != _MATCH_ALL and value not in actual):
                return False
        return True

    return predicate


def parse_list_query(params: Sequence[tuple[str, str]], route_path: str) -> ListQuery:
    """Validate a list request's query string (Kuma's messages); raises :class:`ApiError`."""
    last: dict[str, str] = {}
    for key, value in params:
        last[key] = value
    size = _page_size(last.get("size"))
    violations: list[Violation] = []
    labels: dict[str, str] = {}
    for key, value in last.items():
        if not key.startswith("filter["):
            continue
        if not key.startswith("filter[labels."):
            violations.append(Violation(f"{route_path}.{key}", "filters are only supported on labels"))
            continue
        closing = key.find("]")
        if closing != len(key) - 1:
            violations.append(Violation(f"{route_path}.{key}", "advanced filters are not supported"))
            continue
        labels[key[len("filter[labels.") : closing]] = value
    if violations:
        raise invalid(LIST_TITLE, violations)
    tags: dict[str, str] = {}
    for key, value in params:
        if key == "tag" and ":" in value:
            tag_key, tag_value = value.split(":", 1)
            tags[tag_key] = tag_value
    predicates: list[Predicate] = []
    if labels:
        predicates.append(_label_predicate(labels))
    if tags:
        predicates.append(_tag_predicate(tags))
    offset = _offset(last.get("offset"))
    return ListQuery(size, offset, last.get("name", ""), tuple(predicates))


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a filtered list."""

    total: int
    items: list[ResourceObject]
    next_offset: int | None


def paginate(objects: Sequence[ResourceObject], query: ListQuery) -> Page:
    """Filter, then cut the page ``[offset, offset + size)``."""
    if query.name_contains or query.predicates:
        matching = [obj for obj in objects if query.matches(obj)]
    else:
        matching = list(objects)
    end = query.offset + query.size
    next_offset = end if end < len(matching) else None
    return Page(len(matching), matching[query.offset : end], next_offset)


def next_link(
    scheme: str, host: str, path: str, params: Sequence[tuple[str, str]], offset: int | None
) -> str | None:
    """The request's URL with ``offset`` replaced, query keys sorted (as Go encodes them)."""
    if offset is None:
        return None
    query: dict[str, list[str]] = {}
    for key, value in params:
        query.setdefault(key, []).append(value)
    query["offset"] = [str(offset)]
    pairs = [(key, value) for key in sorted(query) for value in query[key]]
    return f"{scheme}://{host}{path}?{urlencode(pairs)}"
