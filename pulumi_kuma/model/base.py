"""The pydantic base of every Kuma model, and the schema markers fields carry.

Models describe Kuma's JSON exactly: camelCase on the wire, snake_case in Python, unknown fields
dropped (as Kuma's decoder drops them). Schema rules that Kuma checks at REST ingestion (enums,
bounds, patterns, required, defaults) are *markers* in ``Annotated[...]``: pydantic does not
enforce them, so a model can be decoded from any input first and validated afterwards, the way
Kuma's own validators see it. :mod:`pulumi_kuma.model.schema` compiles the markers into the REST
ingestion check and into the OpenAPI document.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


class KumaModel(BaseModel):
    """Base of all Kuma spec models: camelCase aliases, unknown fields ignored, lax decoding."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="ignore",
        validate_default=False,
        protected_namespaces=(),
    )

    def to_wire(self) -> dict[str, Any]:
        """Kuma's JSON for this model: aliases, only the fields that were set, no nulls."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True, exclude_none=True)


@dataclass(frozen=True, slots=True)
class OneOf:
    """Schema ``enum``: the value must be one of these strings (or integers, for integer fields)."""

    values: tuple[str | int, ...]

    def __init__(self, *values: str | int) -> None:
        object.__setattr__(self, "values", values)


@dataclass(frozen=True, slots=True)
class Default:
    """Schema ``default``: injected at REST ingestion when the field is absent."""

    value: Any


@dataclass(frozen=True, slots=True)
class Range:
    """Schema ``minimum``/``maximum`` for integers."""

    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True, slots=True)
class Length:
    """Schema ``minLength``/``maxLength`` for strings."""

    min_length: int | None = None
    max_length: int | None = None


@dataclass(frozen=True, slots=True)
class Items:
    """Schema ``minItems``/``maxItems`` for lists."""

    min_items: int | None = None
    max_items: int | None = None


@dataclass(frozen=True, slots=True)
class Pattern:
    """Schema ``pattern`` for strings."""

    regex: str


@dataclass(frozen=True, slots=True)
class Required:
    """Schema ``required``: the field must be present at REST ingestion."""


@dataclass(frozen=True, slots=True)
class Doc:
    """A field description for the OpenAPI document and the SDK docs."""

    text: str


@dataclass(frozen=True, slots=True)
class DurationFormat:
    """Marks a string as a Go duration (``1h2m3.5s``)."""


REQUIRED = Required()

Duration = Annotated[str, DurationFormat()]
"""A Go duration string; kept as written, compared by value."""

IntOrString = int | str
"""Kuma's ``intstr``: an integer or a string holding a decimal number."""

JsonValue = Any
"""Any JSON value, passed through untouched (extension configs, patch values)."""
