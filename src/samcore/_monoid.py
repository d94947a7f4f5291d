"""What every summable samcore value shares: a start for sum() and field-wise addition."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache, reduce
from math import inf
from operator import add, attrgetter
from typing import Any, ClassVar, Final, Self, TypeVar

import attrs

from samcore._check import fail, id_set, optional, subject_of
from samcore._frozen import records
from samcore.errors import InvalidValueError

__all__ = [
    "IN_MEMORY",
    "People",
    "Summable",
    "add_people",
    "builder",
    "check_people",
    "people_field",
    "quantize",
    "sums",
    "total",
    "trusted",
]

T = TypeVar("T")


class Summable:
    """Mixin of the values that add: ``a + b``, ``sum(values)`` and :meth:`sum_of`.

    A class adds field by field unless it gives its own ``_sum``: the sum
    of two or more of its values, built once from their raw parts.
    """

    __slots__ = ()

    _subject: ClassVar[str]

    def __add__(self, other: Self) -> Self:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._sum((self, other))

    def __radd__(self, other: object) -> Self:
        if other == 0:
            return self
        return NotImplemented

    @classmethod
    def sum_of(cls, values: Iterable[Self]) -> Self:
        """The sum of values of the class, built once: equal to adding them one by one.

        Counts and hours add up, the people behind distinct headcounts are
        joined in one union, and the result is built once, not once per
        ``+``: the cost grows with the parts, not with their square. No
        value gives the zero, one value gives itself.

        Raises:
            InvalidValueError: ``values`` is not an iterable of values of the
                class, or they cannot be added (as for ``+``).

        Examples:
            >>> from samcore import Headcount
            >>> parts = [Headcount(count=1, people=frozenset({p})) for p in "aba"]
            >>> Headcount.sum_of(parts).count, Headcount.sum_of([]) == Headcount()
            (2, True)
        """
        given = records("values", values, cls, cls._subject)
        return total(given) if given else cls()

    @classmethod
    def _sum(cls, values: Sequence[Self]) -> Self:
        """The sum of two or more values, field by field."""
        kind: Any = cls
        fields = _aliases(kind)
        summed = sums(values, *fields)
        if any(value.__class__ is float and value == inf for value in summed.values()):
            # Too large for a float: the constructor refuses it by name.
            return cls(**{fields[name]: value for name, value in summed.items()})
        return trusted(cls, **summed)


@cache
def _aliases(kind: Any) -> dict[str, str]:
    """The alias of each field of an attrs class, by field name."""
    return {f.name: f.alias for f in attrs.fields(kind)}


S = TypeVar("S", bound=Summable)


def total(values: Sequence[S]) -> S:
    """The sum of one or more values of one class, as :meth:`Summable.sum_of` without its checks.

    Examples:
        >>> from samcore import ExtraHours
        >>> total([ExtraHours(overtime=1.0), ExtraHours(additional=2.0)]).total
        3.0
    """
    return values[0] if len(values) == 1 else values[0]._sum(values)


def sums(values: Sequence[Any], *names: str) -> dict[str, Any]:
    """Each named field of ``values`` added up left to right, as ``+`` would add them.

    Examples:
        >>> from samcore import ExtraHours
        >>> sums([ExtraHours(overtime=1.0), ExtraHours(overtime=2.5)], "overtime")
        {'overtime': 3.5}
    """
    if len(names) == 1:
        return {names[0]: reduce(add, map(attrgetter(names[0]), values))}
    columns = zip(*map(attrgetter(*names), values), strict=True)
    return {name: reduce(add, column) for name, column in zip(names, columns, strict=True)}


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


def add_people(counts: Sequence[tuple[int, People]], what: str) -> tuple[int, People]:
    """Add distinct headcounts: the size of the union of the people behind them.

    ``counts`` are pairs of a count and the people behind it. A person
    counted twice counts once. Counts whose people are not known (values
    read from JSON keep counts only) cannot be added to another non-zero
    count: the sum could count someone twice. Zeros add nothing (with no
    other count, the last is kept).

    Examples:
        >>> n, ids = add_people([(2, frozenset({"a", "b"})), (2, frozenset({"b", "c"}))], "x")
        >>> n, sorted(ids)
        (3, ['a', 'b', 'c'])
        >>> add_people([(0, None), (5, None), (0, frozenset())], "x")
        (5, None)
    """
    counted = [pair for pair in counts if pair[0]]
    if len(counted) < 2:
        return counted[0] if counted else counts[-1]
    known = [ids for _, ids in counted if ids is not None]
    if len(known) < len(counted):
        raise InvalidValueError(
            f"cannot add the {what}: the people behind a headcount are not known "
            "(a value read from JSON keeps its counts only); add the values before writing them"
        )
    union = frozenset[str]().union(*known)
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
