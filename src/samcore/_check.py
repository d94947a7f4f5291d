"""Private helpers that check values and raise the validation errors of the domain types.

Record fields are checked by attrs validators built here, in the manner of
``attrs.validators``: ``year: int = attrs.field(validator=int_in(1, 9999))``.
A failing validator names the field, the rule, the value and the record. The
record describes itself through ``_subject``: a property, or a plain class
attribute when every instance reads alike. It is read only when a check
fails, so building valid records stays cheap, and it must hold up when other
fields are invalid too (:func:`describe` does).

Rules that relate two fields (an end on or after a start) stay in the
record's ``__attrs_post_init__``, which attrs runs after every field
validator has passed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any, Final, NamedTuple, NoReturn, TypeAlias

from samcore.errors import InvalidValueError

Validator: TypeAlias = Callable[[Any, Any, Any], None]
"""An attrs field validator: called with the record, the attribute and the value."""

_RULES: dict[Validator, str] = {}
"""The rule each validator built here enforces, for :func:`optional` to extend."""

_INF: Final = math.inf


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


def is_int(value: object) -> bool:
    """Tell whether a value is an int (a bool is not one here)."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: object) -> bool:
    """Tell whether a value is an int or a float (a bool is not one here)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def is_text(value: object) -> bool:
    """Tell whether a value is a string with something other than whitespace in it."""
    return isinstance(value, str) and value != "" and not value.isspace()


def describe(bare: str, noun: str, *parts: tuple[str, object]) -> str:
    """Name a record for an error message by those of its identifying fields that are valid.

    Each part is a label and a value; a part whose value is neither a
    non-blank string nor a date is left out, so that a record can describe
    itself whatever else is wrong with it.

    Examples:
        >>> describe("an employment", "employment", ("of employee", "e1"), ("in unit", " "),
        ...          ("starting", date(2024, 1, 1)))
        "employment of employee 'e1' starting 2024-01-01"
        >>> describe("an incident", "incident", ("", None))
        'an incident'
    """
    shown = [
        f"{label} {show(value)}" if label else show(value)
        for label, value in parts
        if is_text(value) or is_day(value)
    ]
    return " ".join([noun, *shown]) if shown else bare


def subject_of(instance: object) -> str:
    """How a record names itself in an error: its ``_subject``, or the text given instead."""
    if isinstance(instance, str):
        return instance
    subject = getattr(instance, "_subject", None)
    return subject if isinstance(subject, str) else f"a {type(instance).__name__}"


class _Field(NamedTuple):
    """Stands in for an ``attrs.Attribute`` where a validator needs only a name."""

    name: str


def _ruled(validator: Validator, rule: str) -> Validator:
    _RULES[validator] = rule
    return validator


def require(field: str, value: object, validator: Validator, subject: str) -> None:
    """Apply a field validator to a value that is not a field, such as a function argument.

    Examples:
        >>> require("per", 0, int_in(1), "an injury rate")
        Traceback (most recent call last):
        ...
        samcore.errors.InvalidValueError: 'per' must be an int >= 1 (got 0) for an injury rate
    """
    validator(subject, _Field(field), value)


def int_in(lo: int, hi: int | None = None) -> Validator:
    """Validator: an int (not a bool) from ``lo`` up to ``hi`` (no limit when ``None``), both included."""
    rule = f"be an int >= {lo}" if hi is None else f"be an int in {lo}..{hi}"
    top: float = _INF if hi is None else hi

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not (is_int(value) and lo <= value <= top):
            fail(attribute.name, rule, value, subject_of(instance))

    return _ruled(check, rule)


def positive() -> Validator:
    """Validator: a finite number > 0 (not a bool)."""
    rule = "be a finite number > 0"

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not ((value.__class__ is float or is_number(value)) and 0 < value < _INF):
            fail(attribute.name, rule, value, subject_of(instance))

    return _ruled(check, rule)


def non_negative() -> Validator:
    """Validator: a finite number >= 0 (not a bool)."""
    rule = "be a finite number >= 0"

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not ((value.__class__ is float or is_number(value)) and 0 <= value < _INF):
            fail(attribute.name, rule, value, subject_of(instance))

    return _ruled(check, rule)


def fraction() -> Validator:
    """Validator: a number in (0, 1], such as a share of full time (not a bool)."""
    rule = "be in (0, 1]"

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not ((value.__class__ is float or is_number(value)) and 0 < value <= 1):
            fail(attribute.name, rule, value, subject_of(instance))

    return _ruled(check, rule)


def non_blank() -> Validator:
    """Validator: a string that is not empty or only whitespace."""
    rule = "be a non-empty string"

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not is_text(value):
            fail(attribute.name, rule, value, subject_of(instance))

    return _ruled(check, rule)


def plain_date() -> Validator:
    """Validator: a ``datetime.date`` that is not a ``datetime``."""
    rule = "be a datetime.date"

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if value.__class__ is not date and not is_day(value):
            fail(attribute.name, rule, value, subject_of(instance))

    return _ruled(check, rule)


def instance_of(kind: type) -> Validator:
    """Validator: an instance of ``kind``, such as an enum or ``bool``."""
    rule = f"be a {kind.__name__}"

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not isinstance(value, kind):
            fail(attribute.name, rule, value, subject_of(instance))

    return _ruled(check, rule)


def optional(validator: Validator) -> Validator:
    """Validator: ``None``, or a value that passes ``validator``; the rule then says "or None"."""
    inner = _RULES.get(validator)
    if inner is None:

        def check_any(instance: Any, attribute: Any, value: Any) -> None:
            if value is not None:
                validator(instance, attribute, value)

        return check_any
    rule = f"{inner} or None"

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if value is None:
            return
        try:
            validator(instance, attribute, value)
        except InvalidValueError:
            pass
        else:
            return
        fail(attribute.name, rule, value, subject_of(instance))

    return _ruled(check, rule)


def tuple_of(kind: type) -> Validator:
    """Validator: a tuple whose every item is an instance of ``kind``; a bad item is named by index."""
    rule = f"be a {kind.__name__}"

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not isinstance(value, tuple):
            fail(attribute.name, "be a tuple", value, subject_of(instance))
        for index, item in enumerate(value):
            if not isinstance(item, kind):
                fail(f"{attribute.name}[{index}]", rule, item, subject_of(instance))

    return check


def each_value(validator: Validator) -> Validator:
    """Validator: a mapping whose every value passes ``validator``; a bad one is named by key."""

    def check(instance: Any, attribute: Any, value: Mapping[Any, Any]) -> None:
        for key, item in value.items():
            validator(instance, _Field(f"{attribute.name}[{key}]"), item)

    return check


def require_count(field: str, value: object, subject: str) -> None:
    """Fail unless the value is an int >= 0."""
    require(field, value, _COUNT, subject)


_COUNT = int_in(0)


def some(texts: Iterable[str], shown: int = 10, *, sep: str = ", ") -> str:
    """The first ``shown`` texts joined by ``sep``, and how many more there are.

    Examples:
        >>> some(["a", "b", "c"], 2)
        'a, b, and 1 more'
        >>> some(["x overlaps y", "z overlaps w"], sep="; ")
        'x overlaps y; z overlaps w'
    """
    items = list(texts)
    joined = sep.join(items[:shown])
    return joined + (f"{sep}and {len(items) - shown} more" if len(items) > shown else "")


def to_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """Converter of the tuple fields: any iterable in, a tuple stored."""
    return tuple(values)
