"""The JSON wire format: every public domain type to and from JSON text.

cattrs lives here, on the edge; the models know nothing of it. It is imported
only when the wire format is first used, so ``import samcore`` stays light.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from samcore._monoid import IN_MEMORY
from samcore._org import OrgTree, OrgUnit
from samcore._time import Month
from samcore.errors import SamcoreError, WireFormatError

if TYPE_CHECKING:
    from cattrs.preconf.json import JsonConverter

__all__ = ["from_json", "to_json"]

T = TypeVar("T")


class _ShapeError(ValueError):
    """A JSON value of the wrong kind; its message is shown as it is."""


def _strict(kind: type, *accepted: type) -> Callable[[Any, type], Any]:
    """Take JSON scalars as they are: no quiet ``str(5)`` or ``float(True)``."""
    name = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}[kind]

    def structure(value: Any, _: type) -> Any:
        if (isinstance(value, bool) and kind is not bool) or not isinstance(value, accepted):
            raise _ShapeError(f"expected {name} (got {value!r})")
        return kind(value)

    return structure


def _structure_enum(value: Any, kind: type[StrEnum]) -> StrEnum:
    if isinstance(value, str):
        try:
            return kind(value)
        except ValueError:
            pass
    allowed = ", ".join(repr(member.value) for member in kind)
    raise _ShapeError(f"expected one of {allowed} (got {value!r})")


def _structure_date(value: Any, _: type) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise _ShapeError(f"expected an ISO 8601 date YYYY-MM-DD (got {value!r})") from None


def _structure_month(value: Any, _: type) -> Month:
    return Month.parse(value)


@functools.cache
def _converter() -> JsonConverter:
    """The one converter between samcore values and JSON-ready primitives, built on first use."""
    from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
    from cattrs.preconf.json import make_converter

    converter = make_converter(forbid_extra_keys=True, use_alias=True)
    converter.register_structure_hook(str, _strict(str, str))
    converter.register_structure_hook(int, _strict(int, int))
    converter.register_structure_hook(float, _strict(float, int, float))
    converter.register_structure_hook(bool, _strict(bool, bool))
    # More specific than str, so every samcore enum gets it.
    converter.register_structure_hook(StrEnum, _structure_enum)
    converter.register_unstructure_hook(date, date.isoformat)
    converter.register_structure_hook(date, _structure_date)
    converter.register_unstructure_hook(Month, str)
    converter.register_structure_hook(Month, _structure_month)

    def unstructure_org(tree: OrgTree) -> dict[str, Any]:
        return {"units": converter.unstructure(tree.units, tuple[OrgUnit, ...])}

    def structure_org(value: Any, _: type) -> OrgTree:
        if not isinstance(value, dict) or set(value) != {"units"}:
            raise _ShapeError(f"expected an object with the one key 'units' (got {value!r})")
        return OrgTree.from_units(converter.structure(value["units"], list[OrgUnit]))

    converter.register_unstructure_hook(OrgTree, unstructure_org)
    converter.register_structure_hook(OrgTree, structure_org)

    def omitted(cls: type) -> dict[str, Any]:
        return {f.name: override(omit=True) for f in attrs.fields(cls) if f.metadata.get(IN_MEMORY)}

    converter.register_unstructure_hook_factory(
        _has_memory_fields, lambda cls: make_dict_unstructure_fn(cls, converter, **omitted(cls))
    )
    converter.register_structure_hook_factory(
        _has_memory_fields, lambda cls: make_dict_structure_fn(cls, converter, **omitted(cls))
    )
    return converter


def _has_memory_fields(cls: Any) -> bool:
    """Whether an attrs class has fields that live in memory only (the people behind counts)."""
    return attrs.has(cls) and any(f.metadata.get(IN_MEMORY) for f in attrs.fields(cls))


def to_json(obj: object) -> str:
    """Write a samcore value as JSON text (dates ISO 8601, enums their values).

    Examples:
        >>> from samcore import Window
        >>> to_json(Window.calendar_year(2024))
        '{"start": "2024-01-01", "end": "2024-12-31"}'
    """
    return json.dumps(_converter().unstructure(obj), ensure_ascii=False, allow_nan=False)


def from_json(text: str | bytes, cls: type[T]) -> T:
    """Read a samcore value of type ``cls`` from JSON text.

    Raises:
        WireFormatError: the text is not JSON, has unknown keys, misses
            required ones, or holds a bad value; every problem is listed
            with its JSON path.

    Examples:
        >>> from samcore import Employee
        >>> from_json('{"id": "e1", "gender": "woman"}', Employee)
        Employee(id='e1', gender=<Gender.WOMAN: 'woman'>, birth_date=None, personnel_group=None)
        >>> from_json('{"id": "e1", "gender": "female", "shoe": 42}', Employee)
        Traceback (most recent call last):
        ...
        samcore.errors.WireFormatError: JSON does not fit Employee (2 problems):
          - expected one of 'woman', 'man', 'unspecified' (got 'female') @ $.gender
          - extra fields found (shoe) @ $
    """
    from cattrs import BaseValidationError, transform_error

    name = getattr(cls, "__name__", str(cls))
    try:
        data = json.loads(text)
    except (ValueError, TypeError) as error:
        raise WireFormatError(f"JSON does not fit {name}", [f"not JSON: {error} @ $"]) from None
    try:
        return _converter().structure(data, cls)
    except BaseValidationError as error:
        problems = transform_error(error, path="$", format_exception=_describe)
        raise WireFormatError(f"JSON does not fit {name}", problems) from None
    except (SamcoreError, ValueError, TypeError, KeyError, AttributeError) as error:
        raise WireFormatError(
            f"JSON does not fit {name}", [f"{_describe(error, None)} @ $"]
        ) from None


def _describe(error: BaseException, kind: type | None) -> str:
    """One line for a problem: samcore's own messages as they are, others via cattrs."""
    from cattrs.v import format_exception

    if isinstance(error, SamcoreError | _ShapeError):
        return str(error)
    if isinstance(error, AttributeError | TypeError):  # a non-object where one was wanted
        return "expected a JSON object"
    return format_exception(error, kind)
