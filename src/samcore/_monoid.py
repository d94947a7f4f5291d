"""What every summable samcore value shares: a start for sum() and field-wise addition."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, Self, TypeVar

import attrs

from samcore._check import fail, id_set, optional, subject_of
from samcore.errors import InvalidValueError

__all__ = [
    "IN_MEMORY",
    "People",
    "Summable",
    "add_fields",
    "add_people",
    "builder",
    "check_people",
    "people_field",
    "quantize",
    "trusted",
]

T = TypeVar("T")


class Summable:
    """Mixin that lets ``sum(values)`` start from its default 0 as well as from the zero."""

    __slots__ = ()

    def __radd__(self, other: object) -> Self:
        if other == 0:
            return self
        return NotImplemented


def add_fields(a: T, b: T) -> T:
    """A new value of ``a``'s attrs class whose every field is ``a``'s plus ``b``'s."""
    kind: Any = type(a)
    total: T = kind(
        **{f.alias: getattr(a, f.name) + getattr(b, f.name) for f in attrs.fields(kind)}
    )
    return total


IN_MEMORY: Final = "samcore_in_memory"
"""Field metadata key: the field lives in memory only and never goes on the wire."""

People = frozenset[str] | None
"""The ids behind a distinct headcount, or ``None`` once they were dropped (read from JSON)."""


def people_field() -> Any:
    """The field of the ids behind a distinct count: in memory only, never compared or written.

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Count:
        ...     n: int
        ...     people: People = people_field()
        >>> Count(n=1, people=frozenset({"e1"})) == Count(n=1)
        True
    """
    return attrs.field(
        default=None,
        eq=False,
        repr=False,
        validator=optional(id_set()),
        metadata={IN_MEMORY: True},
    )


def check_people(value: object, count: str, people: str) -> None:
    """Refuse ids behind a distinct count that are not as many as the count.

    ``count`` and ``people`` name the two fields of ``value``; ids dropped
    (``None``) are not checked.

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Count:
        ...     n: int
        ...     people: People = people_field()
        ...     def __attrs_post_init__(self) -> None:
        ...         check_people(self, "n", "people")
        >>> Count(n=2, people=frozenset({"e1"}))
        Traceback (most recent call last):
        ...
        samcore.errors.InvalidValueError: 'people' must hold n = 2 ids (got frozenset({'e1'})) for a Count
    """
    ids = getattr(value, people)
    number = getattr(value, count)
    if ids is not None and len(ids) != number:
        fail(people, f"hold {count} = {number} ids", ids, subject_of(value))


def add_people(a: int, a_ids: People, b: int, b_ids: People, what: str) -> tuple[int, People]:
    """Add two distinct headcounts: the size of the union of the people behind them.

    A person counted on both sides counts once. Counts whose people are not
    known (values read from JSON keep counts only) cannot be added to another
    non-zero count: the sum could count someone twice.

    Examples:
        >>> n, ids = add_people(2, frozenset({"a", "b"}), 2, frozenset({"b", "c"}), "x")
        >>> n, sorted(ids)
        (3, ['a', 'b', 'c'])
        >>> add_people(0, None, 5, None, "x")
        (5, None)
    """
    if not a:
        return b, b_ids
    if not b:
        return a, a_ids
    if a_ids is None or b_ids is None:
        raise InvalidValueError(
            f"cannot add the {what}: the people behind a headcount are not known "
            "(a value read from JSON keeps its counts only); add the values before writing them"
        )
    union = a_ids | b_ids
    return len(union), union


def quantize(hours: float) -> float:
    """Round hours to a multiple of 2**-20 h (3.4 ms), so that adding them is exact.

    Floats that are multiples of 2**-20 and stay below 2**33 hours (8.6
    billion: every municipal employee of Sweden for four years) add without
    rounding, so any order or partition of the records gives the same bits.

    Examples:
        >>> quantize(0.1) == 0.1, quantize(0.1) * 2**20
        (False, 104858.0)
        >>> quantize(14 * 40 / 7)
        80.0
        >>> sum(quantize(0.1) for _ in range(10)) == 10 * quantize(0.1)
        True
    """
    return round(hours * 1048576.0) / 1048576.0


def trusted(cls: type[T], **fields: Any) -> T:
    """A value built from the fields of values already checked: no validators, no converters.

    For sums inside samcore only (adding two valid values gives a valid one):
    checking again every id behind a distinct headcount would make a
    roll-up's cost grow with the square of the organisation. ``fields`` are
    the attribute names (``_departures``, not the alias) with values of the
    stored types.

    Examples:
        >>> from samcore import ExtraHours
        >>> trusted(ExtraHours, additional=1.0, overtime=2.0).total
        3.0
    """
    value: T = object.__new__(cls)
    for name, field in fields.items():
        object.__setattr__(value, name, field)
    return value


def builder(cls: type[T], *names: str) -> Callable[..., T]:
    """A maker of ``cls`` values from positional fields, unchecked like :func:`trusted`.

    For values made in bulk inside samcore: the fields are set straight
    into the slots, in the order of ``names``.

    Examples:
        >>> from samcore import ExtraHours
        >>> make = builder(ExtraHours, "additional", "overtime")
        >>> make(1.0, 2.0).total
        3.0
    """
    slots = tuple(getattr(cls, name).__set__ for name in names)
    new = object.__new__

    def make(*values: Any) -> T:
        value: T = new(cls)
        for put, field in zip(slots, values, strict=True):
            put(value, field)
        return value

    return make
