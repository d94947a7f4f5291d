"""The JSON wire format: every public domain type to and from JSON text.

cattrs lives here, on the edge; the models know nothing of it. It is imported
only when the wire format is first used, so ``import samcore`` stays light.

What goes on the wire is decided once, here: :func:`wire_fields` lists the
keys of a class (its fields' aliases, without the fields that live in memory
only), and the patterns of dates and months are shared with the JSON Schema
of ``_schema``, so that the schema and the converter cannot drift apart.
"""

from __future__ import annotations

import functools
import json
import re
import reprlib
import typing
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs

from samcore._monoid import IN_MEMORY
from samcore._org import OrgTree, OrgUnit
from samcore._report import Report
from samcore._rollup import Reports
from samcore._time import Month
from samcore.errors import (
    InvalidValueError,
    SamcoreError,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from cattrs.preconf.json import JsonConverter

__all__ = [
    "DATE_PATTERN",
    "MAX_DEPTH",
    "MONTH_PATTERN",
    "ShapeError",
    "WireField",
    "json_converter",
    "shown",
    "to_json",
    "wire_fields",
]

T = TypeVar("T")

MAX_DEPTH: Final = 64
"""The deepest nesting of arrays and objects a payload may have (samcore's own go 6 deep)."""

DATE_PATTERN: Final = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
"""A date on the wire: ``YYYY-MM-DD`` (and a real day, which a pattern cannot say)."""

MONTH_PATTERN: Final = (
    "^([0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})-(0[1-9]|1[0-2])$"
)
"""A month on the wire: ``YYYY-MM``, year 0001 to 9999, month 01 to 12."""

_MONTH_SHAPE: Final = re.compile("^[0-9]{4}-[0-9]{2}$")
"""What is read as a month; :meth:`Month.parse` then says what is wrong with the numbers."""


_shown = reprlib.Repr()
_shown.maxstring = 80
_shown.maxother = 80
_shown.maxlevel = 2
_shown.maxlist = _shown.maxtuple = _shown.maxdict = 4


def shown(value: object) -> str:
    """A value for a message, cut with ``...`` when long or deep: messages stay short."""
    return _shown.repr(value)


class ShapeError(ValueError):
    """A JSON value of the wrong kind; its message is shown as it is, with its code."""

    def __init__(self, message: str, code: str = "type") -> None:
        super().__init__(message)
        self.code = code


@attrs.frozen(kw_only=True)
class WireField:
    """One key of a class on the wire: the field behind it, its type and whether it is required."""

    name: str
    """The attribute's name (``_departures``)."""
    key: str
    """The key in JSON: the field's alias (``departures``)."""
    kind: Any
    """The field's type, resolved."""
    required: bool
    """Whether the key must be given (the field has no default)."""
    field: attrs.Attribute[Any]
    """The attrs field itself."""


def _on_wire(field: attrs.Attribute[Any]) -> bool:
    return field.init and not field.metadata.get(IN_MEMORY)


_FIELDS: dict[type, tuple[WireField, ...]] = {}


def wire_fields(cls: type) -> tuple[WireField, ...]:
    """The keys of an attrs class in JSON, in field order: what both converter and schema use."""
    known = _FIELDS.get(cls)
    if known is None:
        known = _FIELDS[cls] = _read_fields(cls)
    return known


def _read_fields(cls: type) -> tuple[WireField, ...]:
    hints = typing.get_type_hints(cls)
    return tuple(
        WireField(
            name=f.name,
            key=f.alias,
            kind=hints[f.name],
            required=f.default is attrs.NOTHING,
            field=f,
        )
        for f in attrs.fields(cls)
        if _on_wire(f)
    )


def _strict(kind: type, *accepted: type) -> Callable[[Any, type], Any]:
    """Take JSON scalars as they are: no quiet ``str(5)`` or ``float(True)``."""
    name = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}[kind]

    def structure(value: Any, _: type) -> Any:
        if (isinstance(value, bool) and kind is not bool) or not isinstance(value, accepted):
            raise ShapeError(f"expected {name} (got {shown(value)})")
        return kind(value)

    return structure


def _structure_enum(value: Any, kind: type[StrEnum]) -> StrEnum:
    if isinstance(value, str):
        try:
            return kind(value)
        except ValueError:
            pass
    allowed = ", ".join(repr(member.value) for member in kind)
    raise ShapeError(f"expected one of {allowed} (got {shown(value)})", "enum")


def _structure_date(value: Any, _: type) -> date:
    if isinstance(value, str) and re.fullmatch(DATE_PATTERN, value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ShapeError(f"expected an ISO 8601 date YYYY-MM-DD (got {shown(value)})", "date")


def _structure_month(value: Any, _: type) -> Month:
    if not (isinstance(value, str) and _MONTH_SHAPE.fullmatch(value)):
        raise ShapeError(f"expected a month YYYY-MM (got {shown(value)})", "date")
    try:
        return Month.parse(value)
    except InvalidValueError as error:
        raise ShapeError(str(error), "date") from None


@functools.cache
def json_converter() -> JsonConverter:
    """The one converter between samcore values and JSON-ready primitives, built on first use."""
    from cattrs.cols import (
        homogenous_tuple_structure_factory,
        is_mapping,
        is_sequence,
        list_structure_factory,
        mapping_structure_factory,
    )
    from cattrs.errors import AttributeValidationNote, ClassValidationError, ForbiddenExtraKeysError
    from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
    from cattrs.preconf.json import make_converter

    converter = make_converter(forbid_extra_keys=True, use_alias=True)

    def arrays(kind: Any) -> Callable[[Any, type], Any]:
        if typing.get_origin(kind) is list:
            inner = list_structure_factory(kind, converter)
        else:
            inner = homogenous_tuple_structure_factory(kind, converter)

        def structure(value: Any, _: type) -> Any:
            if not isinstance(value, list):  # a string or an object is no array of its parts
                raise ShapeError(f"expected an array (got {shown(value)})")
            return inner(value, kind)

        return structure

    def objects(kind: Any) -> Callable[[Any, type], Any]:
        inner = mapping_structure_factory(kind, converter)

        def structure(value: Any, _: type) -> Any:
            if not isinstance(value, dict):
                raise ShapeError(f"expected a JSON object (got {shown(value)})")
            return inner(value, kind)

        return structure

    def sets(kind: Any) -> Callable[[Any, type], Any]:
        items = typing.cast(Any, tuple)[typing.get_args(kind)[0], ...]  # read as an array

        def structure(value: Any, _: type) -> Any:
            return frozenset(converter.structure(value, items))

        return structure

    def classes(cls: type) -> Callable[[Any, type], Any]:
        hidden: dict[str, Any] = {
            f.name: override(omit=True) for f in attrs.fields(cls) if not _on_wire(f)
        }
        inner: Callable[[Any, type], Any] = make_dict_structure_fn(cls, converter, **hidden)

        def structure(value: Any, _: type) -> Any:
            if not isinstance(value, dict):
                raise ShapeError(f"expected a JSON object (got {shown(value)})")
            try:
                return inner(value, cls)
            except ClassValidationError as error:
                failed = {note.name for _, note in error.group_exceptions()[0]}
                broken = _broken_rules(cls, value, failed)
                if not broken:
                    raise
                if failed or any(isinstance(e, ForbiddenExtraKeysError) for e in error.exceptions):
                    found = [*error.exceptions, *broken]
                else:  # the constructor stopped at the first broken rule: give every one
                    said = {str(e) for e in broken}
                    found = [*broken, *(e for e in error.exceptions if str(e) not in said)]
                raise ClassValidationError(error.message, found, cls) from None

        return structure

    def noted(error: Exception, name: str, kind: Any, owner: str = "OrgTree") -> Exception:
        note = AttributeValidationNote(f"Structuring class {owner} @ attribute {name}", name, kind)
        error.__notes__ = [*getattr(error, "__notes__", []), note]
        return error

    def structure_org(value: Any, _: type) -> OrgTree:
        if not isinstance(value, dict):
            raise ShapeError(
                f"expected a JSON object with the one key 'units' (got {shown(value)})"
            )
        units_kind = tuple[OrgUnit, ...]
        errors: list[Exception] = []
        if set(value) - {"units"}:
            errors.append(ForbiddenExtraKeysError("", OrgTree, set(value) - {"units"}))
        units: tuple[OrgUnit, ...] = ()
        try:
            units = converter.structure(value["units"], units_kind)
        except Exception as error:  # every kind is reported, with its path
            errors.append(noted(error, "units", units_kind))
        if not errors:
            try:
                return OrgTree.from_units(units)
            except SamcoreError as error:
                errors.append(noted(error, "units", units_kind))
        raise ClassValidationError("While structuring OrgTree", errors, OrgTree)

    def unstructure_org(tree: OrgTree) -> dict[str, Any]:
        return {"units": converter.unstructure(tree.units, tuple[OrgUnit, ...])}

    def unstructure_hiding(cls: type) -> Callable[[Any], Any]:
        hidden: dict[str, Any] = {
            f.name: override(omit=True) for f in attrs.fields(cls) if not _on_wire(f)
        }
        return make_dict_unstructure_fn(cls, converter, **hidden)

    # Factories first: the hooks registered for single types below take precedence.
    converter.register_structure_hook_factory(is_sequence, arrays)
    converter.register_structure_hook_factory(is_mapping, objects)
    converter.register_structure_hook_factory(_is_set, sets)
    converter.register_unstructure_hook_factory(_is_set, lambda _: sorted)
    converter.register_structure_hook_factory(attrs.has, classes)
    converter.register_unstructure_hook_factory(_has_hidden_fields, unstructure_hiding)
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
    converter.register_unstructure_hook(OrgTree, unstructure_org)
    converter.register_structure_hook(OrgTree, structure_org)

    by_unit = dict[str, Report]
    parts: tuple[tuple[str, Any], ...] = (("org", OrgTree), ("reports", by_unit), ("own", by_unit))

    def unstructure_reports(reports: Reports) -> dict[str, Any]:
        return {
            "org": unstructure_org(reports.org),
            "reports": converter.unstructure(dict(reports), by_unit),
            "own": converter.unstructure(reports.own, by_unit),
        }

    def structure_reports(value: Any, _: type) -> Reports:
        if not isinstance(value, dict):
            raise ShapeError(
                f"expected a JSON object with the keys 'org', 'reports', 'own' (got {shown(value)})"
            )
        errors: list[Exception] = []
        extra = set(value) - {name for name, _ in parts}
        if extra:
            errors.append(ForbiddenExtraKeysError("", Reports, extra))
        read: dict[str, Any] = {}
        for name, kind in parts:
            try:
                read[name] = converter.structure(value[name], kind)
            except Exception as error:  # every kind is reported, with its path
                errors.append(noted(error, name, kind, "Reports"))
        if not errors:
            try:
                return Reports(read["org"], read["reports"], own=read["own"])
            except SamcoreError as error:
                errors.append(noted(error, "reports", by_unit, "Reports"))
        raise ClassValidationError("While structuring Reports", errors, Reports)

    converter.register_unstructure_hook(Reports, unstructure_reports)
    converter.register_structure_hook(Reports, structure_reports)
    return converter


def _is_set(kind: Any) -> bool:
    """Whether a type is a set of ids (``frozenset[str]``): an array on the wire, sorted."""
    return typing.get_origin(kind) is frozenset


def _has_hidden_fields(cls: Any) -> bool:
    """Whether an attrs class has fields that stay off the wire (the people behind counts)."""
    return attrs.has(cls) and any(not _on_wire(f) for f in attrs.fields(cls))


def _broken_rules(cls: type, data: dict[str, Any], failed: set[str]) -> list[Exception]:
    """The field rules broken by the fields that did read well, when others did not.

    The record cannot be built, so its validators run one by one on a stand-in
    holding the fields that were read (the others ``None``): a payload's
    wrong shapes and broken rules are reported together, and every broken
    rule, not only the first the constructor met. Rules between fields (an
    end before the start) need the whole record and wait for a payload of
    the right shape.
    """
    stand_in: Any = object.__new__(cls)
    for f in attrs.fields(cls):
        object.__setattr__(stand_in, f.name, None)
    checks: list[tuple[Callable[[Any, Any, Any], Any], attrs.Attribute[Any], Any]] = []
    for wire in wire_fields(cls):
        f = wire.field
        converter: Any = f.converter
        if f.name in failed or wire.key not in data or f.validator is None:
            continue
        if isinstance(converter, attrs.Converter):
            continue  # it needs the whole record
        try:
            value = json_converter().structure(data[wire.key], wire.kind)
            if callable(converter):
                value = converter(value)
        except Exception:  # reported by the structuring itself
            continue
        object.__setattr__(stand_in, f.name, value)
        checks.append((f.validator, f, value))
    broken: list[Exception] = []
    for validator, f, value in checks:
        try:
            validator(stand_in, f, value)
        except InvalidValueError as error:
            broken.append(error)
        except Exception:  # a rule that needs the whole record
            continue
    return broken


def to_json(obj: object) -> str:
    """Write a samcore value as JSON text (dates ISO 8601, enums their values).

    Examples:
        >>> from samcore import Window
        >>> to_json(Window.calendar_year(2024))
        '{"start": "2024-01-01", "end": "2024-12-31"}'
    """
    return json.dumps(json_converter().unstructure(obj), ensure_ascii=False, allow_nan=False)
