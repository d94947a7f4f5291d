"""Private helpers that raise the validation errors of the domain types."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, NoReturn

from samcore.errors import InvalidValueError


def show(value: object) -> str:
    """Render a value for an error message: dates in ISO form, the rest as repr."""
    if isinstance(value, date):
        return value.isoformat()
    return repr(value)


def fail(field: str, rule: str, value: object, subject: str) -> NoReturn:
    """Raise the error for one broken rule of one field."""
    raise InvalidValueError(f"{field!r} must {rule} (got {show(value)}) for {subject}")


def is_day(value: object) -> bool:
    """Tell whether a value is a calendar date (not a datetime)."""
    return isinstance(value, date) and not isinstance(value, datetime)


def require_day(field: str, value: object, subject: str) -> None:
    """Fail unless the value is a ``datetime.date``."""
    if not is_day(value):
        fail(field, "be a datetime.date", value, subject)


def require_optional_day(field: str, value: object, subject: str) -> None:
    """Fail unless the value is ``None`` or a ``datetime.date``."""
    if value is not None and not is_day(value):
        fail(field, "be a datetime.date or None", value, subject)


def require_text(field: str, value: object, subject: str) -> None:
    """Fail unless the value is a non-empty string."""
    if not isinstance(value, str) or not value.strip():
        fail(field, "be a non-empty string", value, subject)


def require_optional_text(field: str, value: object, subject: str) -> None:
    """Fail unless the value is ``None`` or a non-empty string."""
    if value is not None:
        require_text(field, value, subject)


def require_non_negative(field: str, value: object, subject: str) -> None:
    """Fail unless the value is a finite number >= 0."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value < 0
    ):
        fail(field, "be a finite number >= 0", value, subject)


def require_count(field: str, value: object, subject: str) -> None:
    """Fail unless the value is an int >= 0."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        fail(field, "be an integer >= 0", value, subject)


def require_instance(field: str, value: object, kind: type, subject: str) -> None:
    """Fail unless the value is an instance of ``kind`` (an enum, say)."""
    if not isinstance(value, kind):
        fail(field, f"be a {kind.__name__}", value, subject)


def require_all(field: str, values: tuple[object, ...], kind: type, subject: str) -> None:
    """Fail unless every item of a tuple field is an instance of ``kind``."""
    for index, item in enumerate(values):
        if not isinstance(item, kind):
            fail(f"{field}[{index}]", f"be a {kind.__name__}", item, subject)


def to_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """Converter of the tuple fields: any iterable in, a tuple stored."""
    return tuple(values)
