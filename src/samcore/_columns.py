"""Checks of a whole column at once: whether every value of it passes a field validator.

Bulk construction (:func:`samcore.build_records`) checks a column of values
(every ``extent`` of 100,000 sick-leave periods) in one pass instead of calling
the field's validator once per record. A column check looks at the set of the
column's types and at its least and greatest value, at C speed, and says
``True`` only if the validator would pass every value. It may say ``False`` of
a column that would pass (an ``int`` subclass, say): the caller then runs the
validator on each value, which also words the error. The validators of
``samcore._check`` register their column checks here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final, TypeAlias
from weakref import WeakKeyDictionary

__all__ = [
    "ColumnCheck",
    "RecordsCheck",
    "column_check",
    "instances",
    "ints_within",
    "numbers_within",
    "of_types",
    "records_check",
    "register",
    "register_records",
    "texts",
    "without_none",
]

ColumnCheck: TypeAlias = Callable[[Sequence[Any]], bool]
"""Whether every value of a column passes a validator, decided for the column at once."""

_COLUMNS: WeakKeyDictionary[object, ColumnCheck] = WeakKeyDictionary()
"""The column check of each validator that has one (forgotten with the validator)."""

RecordsCheck: TypeAlias = Callable[[Mapping[str, Sequence[Any]]], bool]
"""Whether the rules across fields hold for every record, given its fields' columns by name."""

_RECORDS: dict[type, RecordsCheck] = {}
"""The check of the rules across fields (``__attrs_post_init__``) of each class that has one."""

_NUMBERS: Final = frozenset({int, float})


def register(validator: object, check: ColumnCheck) -> None:
    """Record the column check of a validator."""
    _COLUMNS[validator] = check


def column_check(validator: object) -> ColumnCheck | None:
    """The column check of a validator, or ``None`` if it has none (then check value by value).

    Examples:
        >>> from samcore._check import fraction, optional, plain_date
        >>> check = column_check(fraction())
        >>> check([0.5, 1, 0.25]), check([0.5, 0.0]), check([0.5, float("nan")]), check([True])
        (True, False, False, False)
        >>> from datetime import date
        >>> column_check(optional(plain_date()))([date(2024, 1, 1), None])
        True
    """
    return _COLUMNS.get(validator)


def register_records(cls: type, check: RecordsCheck) -> None:
    """Record the check of a class's rules across fields, for all its records at once.

    Like a column check it says ``True`` only if ``__attrs_post_init__`` passes
    on every record; on ``False`` the caller runs that on each record.
    """
    _RECORDS[cls] = check


def records_check(cls: type) -> RecordsCheck | None:
    """The check of a class's rules across fields for all its records at once, if it has one.

    Examples:
        >>> from datetime import date
        >>> from samcore import SickLeavePeriod
        >>> check = records_check(SickLeavePeriod)
        >>> day = date(2024, 3, 1)
        >>> check({"start": [day, day], "end": [day, date(2024, 3, 4)]})
        True
        >>> check({"start": [day], "end": [date(2024, 2, 29)]})
        False
    """
    return _RECORDS.get(cls)


def of_types(*kinds: type) -> ColumnCheck:
    """Column check: every value of exactly one of the types (a subclass, ``bool`` of ``int``, is not)."""
    exact = frozenset(kinds)

    def check(column: Sequence[Any]) -> bool:
        return set(map(type, column)) <= exact

    return check


def instances(kinds: tuple[type, ...]) -> ColumnCheck:
    """Column check: every value an instance of one of the types, subclasses included."""

    def check(column: Sequence[Any]) -> bool:
        return all(issubclass(kind, kinds) for kind in set(map(type, column)))

    return check


def numbers_within(lo: float, hi: float, *, open_low: bool = False) -> ColumnCheck:
    """Column check: ints and floats from ``lo`` (or above it, ``open_low``) up to ``hi``, no NaN."""
    numbers = of_types(*_NUMBERS)

    def check(column: Sequence[Any]) -> bool:
        if not numbers(column):
            return False
        if not column:
            return True
        low, high = min(column), max(column)
        # min and max pass over a NaN; a sum of values in range is finite unless one is NaN
        return (lo < low if open_low else lo <= low) and high <= hi and math.isfinite(sum(column))

    return check


def ints_within(lo: float, hi: float) -> ColumnCheck:
    """Column check: ints (not bools) from ``lo`` up to ``hi``, both included."""
    ints = of_types(int)

    def check(column: Sequence[Any]) -> bool:
        return ints(column) and (not column or (lo <= min(column) and max(column) <= hi))

    return check


def texts(column: Sequence[Any]) -> bool:
    """Column check: strings, none of them empty or only whitespace."""
    return (
        set(map(type, column)) <= {str} and "" not in column and not any(map(str.isspace, column))
    )


def without_none(inner: ColumnCheck) -> ColumnCheck:
    """Column check: ``None``, or values that pass ``inner``."""

    def check(column: Sequence[Any]) -> bool:
        return inner([value for value in column if value is not None])

    return check
