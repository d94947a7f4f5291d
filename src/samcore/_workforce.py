"""Indexing of people records, shared by the workforce metrics: group once, check once."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from datetime import date
from operator import attrgetter
from typing import NamedTuple, Protocol, TypeVar

from samcore._check import callable_, optional, require, some
from samcore._frozen import records
from samcore._people import Employee, Employment, SickLeavePeriod
from samcore.errors import InvalidValueError, OverlappingPeriodsError, UnknownEmployeeError

__all__ = [
    "NO_END",
    "GroupKey",
    "Index",
    "by_unit",
    "check_key",
    "check_known",
    "index_employees",
    "index_employments",
    "ordered",
    "prepare",
    "workforce",
]

NO_END = date.max.toordinal()
"""The ordinal standing for the end of an ongoing employment."""

K_co = TypeVar("K_co", bound=Hashable, covariant=True)
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class GroupKey(Protocol[K_co]):
    """How a metric groups employments: ``key(employee, employment)`` gives the group.

    A key that returns ``None`` leaves that employment out, which is how a
    caller filters. :func:`~samcore.sick_leave` and :func:`~samcore.turnover`
    group by the employment's unit when no key is given.

    Examples:
        >>> from datetime import date
        >>> from samcore import Employee, Employment, Gender
        >>> def by_gender(employee: Employee, employment: Employment) -> str | None:
        ...     return employee.gender.value
        >>> key: GroupKey[str] = by_gender
        >>> key(Employee(id="e", gender=Gender.MAN),
        ...     Employment(employee_id="e", unit_id="u", start=date(2024, 1, 1)))
        'man'
    """

    def __call__(self, employee: Employee, employment: Employment, /) -> K_co | None:
        """The group of one employment, or ``None`` to leave it out."""
        ...


def by_unit(employee: Employee, employment: Employment) -> str:
    """The default grouping key: the employment's unit."""
    return employment.unit_id


def workforce(
    subject: str,
    employees: Iterable[Employee],
    employments: Iterable[Employment],
    key: object,
) -> tuple[tuple[Employee, ...], tuple[Employment, ...]]:
    """Check the arguments shared by the workforce metrics; the records as tuples.

    Raises:
        InvalidValueError: an argument of the wrong type, named.
    """
    staff = records("employees", employees, Employee, subject)
    jobs = records("employments", employments, Employment, subject)
    check_key(key, subject)
    return staff, jobs


def check_key(key: object, subject: str) -> None:
    """A grouping key is a callable or ``None``."""
    require("key", key, _KEY, subject)


_KEY = optional(callable_())


def ordered(result: dict[K, V]) -> dict[K, V]:
    """A result by group, its keys sorted when they sort (unit ids do), else as first seen.

    Either way the order depends on the records given, never on the hash
    seed of the process.
    """
    try:
        keys = sorted(result)  # type: ignore[type-var]
    except TypeError:
        return result
    return {k: result[k] for k in keys}


def index_employees(employees: Iterable[Employee]) -> dict[str, Employee]:
    """Employees by id; a duplicate id is an error, not a silent overwrite."""
    by_id: dict[str, Employee] = {}
    twice: list[str] = []
    for employee in employees:
        if employee.id in by_id:
            twice.append(employee.id)
        by_id[employee.id] = employee
    if twice:
        raise InvalidValueError(
            f"'id' must be unique among employees (got {some(map(repr, sorted(set(twice))))} twice)"
        )
    return by_id


def index_employments(
    employments: Iterable[Employment], employees: dict[str, Employee]
) -> dict[str, list[Employment]]:
    """Employments by employee id, each list in start order; unknown employees raise."""
    grouped: dict[str, list[Employment]] = {}
    for employment in employments:
        grouped.setdefault(employment.employee_id, []).append(employment)
    check_known(grouped, employees, "employment")
    for spans in grouped.values():
        spans.sort(key=lambda e: e.start)
    return grouped


def check_known(ids: Iterable[str], employees: dict[str, Employee], what: str) -> None:
    """Raise one UnknownEmployeeError naming every id that is not an employee."""
    unknown = sorted(set(ids).difference(employees))
    if unknown:
        raise UnknownEmployeeError(
            f"{len(unknown)} employee id(s) named by a {what} are not among the employees: "
            + some(map(repr, unknown))
        )


class Index(NamedTuple):
    """People records indexed once, for any number of windows and metrics.

    Few objects, so that building and keeping it costs the garbage collector
    little: the employments and sick-leave periods of all people lie in flat
    lists, each person's in start order, days as ordinals.
    """

    people: list[Employee]
    """The employees with an employment, in first-seen order; person ``p`` holds the employments
    ``job_bounds[p]:job_bounds[p + 1]`` and the periods ``sick_bounds[p]:sick_bounds[p + 1]``."""
    job_bounds: list[int]
    sick_bounds: list[int]
    jobs: list[Employment]
    job_starts: list[int]
    job_ends: list[int]  # NO_END for an ongoing employment
    sick_starts: list[int]
    sick_ends: list[int]
    extents: list[float]


def prepare(
    employees: Iterable[Employee],
    employments: Iterable[Employment],
    periods: Iterable[SickLeavePeriod],
) -> Index:
    """Group, sort and check the records once.

    Raises:
        InvalidValueError: two employees share an id.
        UnknownEmployeeError: an employment or period names an unknown employee.
        OverlappingPeriodsError: two sick-leave periods of one employee share a day.
    """
    by_id = index_employees(employees)
    grouped = index_employments(employments, by_id)
    sick: dict[str, list[SickLeavePeriod]] = {}
    for period in periods:
        held = sick.get(period.employee_id)
        if held is None:
            sick[period.employee_id] = [period]
        else:
            held.append(period)
    check_known(sick, by_id, "sick-leave period")
    found = Index([], [0], [0], [], [], [], [], [], [])
    jobs, sick_starts = found.jobs, found.sick_starts
    clashes: list[str] = []
    for employee_id, held_jobs in grouped.items():
        jobs.extend(held_jobs)
        found.job_starts.extend(j.start.toordinal() for j in held_jobs)
        found.job_ends.extend(NO_END if j.end is None else j.end.toordinal() for j in held_jobs)
        _add_periods(found, employee_id, sick.pop(employee_id, None), clashes)
        found.people.append(by_id[employee_id])
        found.job_bounds.append(len(jobs))
        found.sick_bounds.append(len(sick_starts))
    unemployed = Index([], [0], [0], [], [], [], [], [], [])  # checked, then let go
    for employee_id in sorted(sick):  # overlaps count even without employment
        _add_periods(unemployed, employee_id, sick[employee_id], clashes)
    if clashes:
        raise OverlappingPeriodsError(
            f"sick-leave periods of one employee overlap: {some(clashes, sep='; ')}"
        )
    return found


_START = attrgetter("start")


def _add_periods(
    into: Index, employee_id: str, periods: list[SickLeavePeriod] | None, clashes: list[str]
) -> None:
    """One employee's periods in start order, as ordinals; each overlap is named in ``clashes``."""
    if not periods:
        return
    periods.sort(key=_START)
    starts = [p.start.toordinal() for p in periods]
    ends = [p.end.toordinal() for p in periods]
    if any(start <= end for start, end in zip(starts[1:], ends, strict=False)):
        kept = [0]
        for i in range(1, len(periods)):  # name each overlap with the period before it
            before = periods[kept[-1]]
            if starts[i] <= ends[kept[-1]]:
                clashes.append(
                    f"employee {employee_id!r}: {before.start}..{before.end} "
                    f"and {periods[i].start}..{periods[i].end}"
                )
            else:
                kept.append(i)
        periods = [periods[i] for i in kept]
        starts = [starts[i] for i in kept]
        ends = [ends[i] for i in kept]
    into.sick_starts.extend(starts)
    into.sick_ends.extend(ends)
    into.extents.extend(p.extent for p in periods)
