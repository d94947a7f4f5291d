"""Staff of an age or older on a day: a distinct headcount, as "medarbetare över 60 år"."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from datetime import date
from typing import Any, ClassVar, Final, TypeVar, overload

import attrs

from samcore._check import int_in, plain_date, require
from samcore._monoid import People, Summable, add_people, check_people, people_field, trusted
from samcore._people import Employee, Employment, completed_years
from samcore._workforce import (
    GroupKey,
    Index,
    by_unit,
    ordered,
    prepare,
    workforce,
)

__all__ = ["Headcount", "aged", "staff_aged"]

K = TypeVar("K", bound=Hashable)

_DAY: Final = plain_date()
_AGE: Final = int_in(0, 200)


@attrs.frozen(kw_only=True)
class Headcount(Summable):
    """A count of distinct people: a monoid in which a person counted twice counts once.

    The ids behind the count stay in memory only (never on the wire): a
    person with jobs in two units counts once when the units are added. A
    value read from JSON keeps its count only, and adding it to another
    non-zero count raises rather than risk counting someone twice.

    Examples:
        >>> one = Headcount(count=2, people=frozenset({"a", "b"}))
        >>> two = Headcount(count=1, people=frozenset({"b"}))
        >>> (one + two).count, (one + Headcount()).count
        (2, 2)
    """

    count: int = attrs.field(default=0, validator=int_in(0))
    people: People = people_field()

    _subject: ClassVar[str] = "a headcount"

    def __attrs_post_init__(self) -> None:
        check_people(self, "count", "people")

    @classmethod
    def _sum(cls, values: Sequence[Headcount]) -> Headcount:
        count, people = add_people([(v.count, v.people) for v in values], "headcounts")
        return trusted(cls, count=count, people=people)


@overload
def staff_aged(
    employees: Iterable[Employee],
    employments: Iterable[Employment],
    on: date,
    *,
    age: int = 60,
    key: None = None,
) -> dict[str, Headcount]: ...
@overload
def staff_aged(
    employees: Iterable[Employee],
    employments: Iterable[Employment],
    on: date,
    *,
    age: int = 60,
    key: GroupKey[K],
) -> dict[K, Headcount]: ...
def staff_aged(
    employees: Iterable[Employee],
    employments: Iterable[Employment],
    on: date,
    *,
    age: int = 60,
    key: GroupKey[Any] | None = None,
) -> dict[Any, Headcount]:
    """The employees of ``age`` or older on a day, per group of their employments active that day.

    The source report follows the staff aged 60 or more ("Antalet
    medarbetare över 60 år har ökat markant"), hence the default. Age is
    in completed years on ``on``: someone turns 60 on the 60th birthday (a
    29 February birthday on 1 March in a common year).
    Employees without a birth date are not counted, in any group: their
    age is not known. Every group with an employment active on ``on``
    comes back, with a count of 0 when nobody in it is that old. A person
    with jobs in two groups counts in both, and once in their sum.

    Groups come sorted by key when the keys sort (unit ids do), else in
    the order first met.

    Raises:
        UnknownEmployeeError: an employment names an employee not in ``employees``.
        InvalidValueError: an argument of the wrong type, or an age outside 0..200, named.

    Examples:
        >>> from samcore import Gender
        >>> staff = [Employee(id="a", gender=Gender.WOMAN, birth_date=date(1964, 12, 31)),
        ...          Employee(id="b", gender=Gender.MAN, birth_date=date(1965, 1, 1)),
        ...          Employee(id="c", gender=Gender.MAN)]
        >>> jobs = [Employment(employee_id=e, unit_id=u, start=date(2020, 1, 1))
        ...         for e, u in (("a", "u"), ("a", "v"), ("b", "u"), ("c", "v"))]
        >>> aged = staff_aged(staff, jobs, date(2024, 12, 31))
        >>> {unit: h.count for unit, h in aged.items()}, sum(aged.values()).count
        ({'u': 1, 'v': 1}, 1)
    """
    employees, employments = workforce("staff_aged", employees, employments, key)
    return aged(prepare(employees, employments, ()), on, age, key)


def aged(staff: Index, on: date, age: int, key: GroupKey[K] | None) -> dict[K, Headcount]:
    """:func:`staff_aged` on records indexed once."""
    require("on", on, _DAY, "staff_aged")
    require("age", age, _AGE, "staff_aged")
    group_of: GroupKey[Any] = key or by_unit
    found: dict[Any, set[str]] = {}
    day = on.toordinal()
    jobs, starts, ends, bounds = staff.jobs, staff.job_starts, staff.job_ends, staff.job_bounds
    for p, employee in enumerate(staff.people):
        birth = employee.birth_date
        counted = birth is not None and completed_years(birth, on) >= age
        for x in range(bounds[p], bounds[p + 1]):
            if not starts[x] <= day <= ends[x]:
                continue
            group = group_of(employee, jobs[x])
            if group is None:
                continue
            ids = found.setdefault(group, set())
            if counted:
                ids.add(employee.id)
    return ordered(  # counted here, so valid by construction: stored without checks
        {
            group: trusted(Headcount, count=len(ids), people=frozenset(ids))
            for group, ids in found.items()
        }
    )
