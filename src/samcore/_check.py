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

Containers come in through converters that never guess: :func:`to_tuple`
takes a list or tuple (or another ordered iterable) but leaves a string, a
mapping or a set as it is, so that the tuple validator refuses it by name
instead of storing a tuple of letters; :func:`frozen_map` stores a mapping
read-only in a :class:`FrozenMap`, which pickles, copies and hashes.
Function arguments are checked by the same validators through
:func:`require` and :func:`records`.
"""

from __future__ import annotations

import functools
import re
import reprlib
import sys
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any, Final, NamedTuple, NoReturn, TypeAlias, TypeVar
from weakref import WeakKeyDictionary

from samcore._columns import (
    ColumnCheck,
    column_check,
    instances,
    ints_within,
    numbers_within,
    of_types,
    register,
    texts,
    without_none,
)
from samcore.errors import InvalidValueError

Validator: TypeAlias = Callable[[Any, Any, Any], None]
"""An attrs field validator: called with the record, the attribute and the value."""

_RULES: WeakKeyDictionary[Validator, str] = WeakKeyDictionary()
"""The rule each validator built here enforces, for :func:`optional` to extend; a validator
made for one call (``require(..., int_in(1), ...)``) is forgotten with it."""

_BIG: Final = sys.float_info.max
"""The largest finite float: a number or count beyond it cannot be computed with."""

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")

_SHOWN: Final = reprlib.Repr()
"""How much of a value an error message shows: enough to find it, never a whole payload."""
_SHOWN.maxstring = _SHOWN.maxother = 80
_SHOWN.maxlong = 40
_SHOWN.maxlist = _SHOWN.maxtuple = _SHOWN.maxdict = 6
_SHOWN.maxset = _SHOWN.maxfrozenset = 6
_SHOWN.maxlevel = 3


def show(value: object) -> str:
    """Render a value for an error message: dates in ISO form, the rest as a shortened repr.

    Examples:
        >>> show(date(2024, 1, 31)), show("e1"), len(show("x" * 5000)) <= 80
        ('2024-01-31', "'e1'", True)
    """
    if isinstance(value, date):
        return value.isoformat()
    try:
        return _SHOWN.repr(value)
    except Exception:  # a value whose repr fails is still named by its type
        return f"<{type(value).__name__}>"


_IDENTIFIER: Final = re.compile("[A-Za-z_][A-Za-z0-9_]*")
_KEY_LIMIT: Final = 100  # a longer key is cut in a path


def path_step(name: object) -> str:
    """One step of a JSON path: ``[3]`` for an index, ``.name`` or ``['odd key']`` for a key.

    Examples:
        >>> path_step(3), path_step("due"), path_step("förvaltning")
        ('[3]', '.due', "['förvaltning']")
    """
    if isinstance(name, int) and not isinstance(name, bool):
        return f"[{name}]"
    text = str(name)
    if len(text) > _KEY_LIMIT:
        text = text[: _KEY_LIMIT - 1] + "…"
    if _IDENTIFIER.fullmatch(text):
        return "." + text
    return "['" + text.replace("\\", "\\\\").replace("'", "\\'") + "']"


def with_article(noun: str) -> str:
    """The noun with its indefinite article: "a Gender", "an Answer"."""
    return ("an " if noun[:1] in "AEIOUaeiou" else "a ") + noun


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


def name_of(attribute: Any) -> str:
    """The name a field goes by in messages: its alias (``departures``, not ``_departures``)."""
    alias = getattr(attribute, "alias", None)
    return alias if isinstance(alias, str) else str(attribute.name)


def _ruled(validator: Validator, rule: str, column: ColumnCheck | None = None) -> Validator:
    _RULES[validator] = rule
    if column is not None:
        register(validator, column)
    return validator


def at_most(value: Any, field: str, limit: Any, limit_name: str, subject: str) -> None:
    """Refuse ``value`` above ``limit``: ``'respondents' must not exceed invited = 40 (got 41)``."""
    if value > limit:
        fail(field, f"not exceed {limit_name} = {limit}", value, subject)


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
    top: float = _BIG if hi is None else hi

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not (is_int(value) and lo <= value <= top):
            fail(name_of(attribute), rule, value, subject_of(instance))

    return _ruled(check, rule, ints_within(lo, top))


def positive() -> Validator:
    """Validator: a finite number > 0 (not a bool)."""
    rule = "be a finite number > 0"

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not ((value.__class__ is float or is_number(value)) and 0 < value <= _BIG):
            fail(name_of(attribute), rule, value, subject_of(instance))

    return _ruled(check, rule, numbers_within(0, _BIG, open_low=True))


def non_negative() -> Validator:
    """Validator: a finite number >= 0 (not a bool)."""
    rule = "be a finite number >= 0"

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not ((value.__class__ is float or is_number(value)) and 0 <= value <= _BIG):
            fail(name_of(attribute), rule, value, subject_of(instance))

    return _ruled(check, rule, numbers_within(0, _BIG, open_low=False))


def finite() -> Validator:
    """Validator: a finite number of either sign (not a bool), such as a published key figure."""
    rule = "be a finite number"

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not ((value.__class__ is float or is_number(value)) and -_BIG <= value <= _BIG):
            fail(name_of(attribute), rule, value, subject_of(instance))

    return _ruled(check, rule, numbers_within(-_BIG, _BIG, open_low=False))


def fraction() -> Validator:
    """Validator: a number in (0, 1], such as a share of full time (not a bool)."""
    rule = "be in (0, 1]"

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not ((value.__class__ is float or is_number(value)) and 0 < value <= 1):
            fail(name_of(attribute), rule, value, subject_of(instance))

    return _ruled(check, rule, numbers_within(0, 1, open_low=True))


def non_blank() -> Validator:
    """Validator: a string that is not empty or only whitespace."""
    rule = "be a non-empty string"

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not is_text(value):
            fail(name_of(attribute), rule, value, subject_of(instance))

    return _ruled(check, rule, texts)


def plain_date() -> Validator:
    """Validator: a ``datetime.date`` that is not a ``datetime``."""
    rule = "be a datetime.date"

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if value.__class__ is not date and not is_day(value):
            fail(name_of(attribute), rule, value, subject_of(instance))

    return _ruled(check, rule, of_types(date))


@functools.cache
def instance_of(kind: type, *others: type) -> Validator:
    """Validator: an instance of ``kind`` (or of one of the ``others``), such as an enum or ``bool``.

    Made once per set of types: the checks of function arguments ask for it on every call.
    """
    kinds = (kind, *others)
    rule = "be " + " or ".join(with_article(k.__name__) for k in kinds)

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not isinstance(value, kinds):
            fail(name_of(attribute), rule, value, subject_of(instance))

    return _ruled(check, rule, instances(kinds))


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
        fail(name_of(attribute), rule, value, subject_of(instance))

    inner_column = column_check(validator)
    return _ruled(check, rule, inner_column and without_none(inner_column))


def tuple_of(kind: type) -> Validator:
    """Validator: a tuple whose every item is an instance of ``kind``; a bad item is named by index."""
    return items(instance_of(kind), f"be a tuple of {kind.__name__}")


def items(validator: Validator, rule: str = "be a tuple") -> Validator:
    """Validator: a tuple whose every item passes ``validator``; a bad item is named by index.

    The items are checked at once when the item validator has a column check that clears them.
    """
    whole = column_check(validator)

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not isinstance(value, tuple):
            fail(name_of(attribute), rule, value, subject_of(instance))
        if whole is not None and whole(value):
            return
        for index, item in enumerate(value):
            validator(instance, _Field(f"{name_of(attribute)}[{index}]"), item)

    return check


def entry(field: str, key: object) -> str:
    """How a message names one entry of a mapping: ``counts[woman]``, a long key shortened."""
    text = str(key)
    return f"{field}[{text if len(text) <= 40 else text[:37] + '...'}]"


def each_value(validator: Validator) -> Validator:
    """Validator: a mapping whose every value passes ``validator``; a bad one is named by key."""

    def check(instance: Any, attribute: Any, value: Mapping[Any, Any]) -> None:
        if not isinstance(value, Mapping):
            fail(name_of(attribute), "be a mapping", value, subject_of(instance))
        for key, item in value.items():
            validator(instance, _Field(entry(name_of(attribute), key)), item)

    return check


def mapping_of(keys: Validator, values: Validator) -> Validator:
    """Validator: a mapping whose keys pass ``keys`` and whose values pass ``values``.

    A bad key is named as the field's key (``'departures' key``), a bad value
    by its key (``departures[woman]``).
    """
    check_values = each_value(values)

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not isinstance(value, Mapping):
            fail(name_of(attribute), "be a mapping", value, subject_of(instance))
        for key in value:
            keys(instance, _Field(f"{name_of(attribute)} key"), key)
        check_values(instance, attribute, value)

    return check


def id_set() -> Validator:
    """Validator: a frozenset of non-empty strings, such as the ids behind a headcount."""
    rule = "be a frozenset of non-empty strings"

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not (isinstance(value, frozenset) and all(is_text(item) for item in value)):
            fail(name_of(attribute), rule, value, subject_of(instance))

    return _ruled(check, rule)


def callable_() -> Validator:
    """Validator: something that can be called, such as a grouping key."""
    rule = "be callable"

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not callable(value):
            fail(name_of(attribute), rule, value, subject_of(instance))

    return _ruled(check, rule)


def number_in(lo: float, hi: float, *, open_low: bool = True) -> Validator:
    """Validator: a finite number (not a bool) above ``lo`` (or from it) and at most ``hi``.

    For values with a physical ceiling: hours in a week, hours in a day.
    """
    low = "(" if open_low else "["
    rule = f"be a number in {low}{lo:g}, {hi:g}]"

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not (
            (value.__class__ is float or is_number(value))
            and (lo < value if open_low else lo <= value)
            and value <= hi
        ):
            fail(name_of(attribute), rule, value, subject_of(instance))

    return _ruled(check, rule, numbers_within(lo, hi, open_low=open_low))


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
