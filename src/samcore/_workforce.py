"""Indexing of people records, shared by the workforce metrics: group once, check once."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Protocol, TypeVar

from samcore._check import callable_, optional, require, some
from samcore._frozen import records
from samcore._people import Employee, Employment
from samcore.errors import InvalidValueError, UnknownEmployeeError

__all__ = [
    "GroupKey",
    "by_unit",
    "check_known",
    "index_employees",
    "index_employments",
    "ordered",
    "workforce",
]

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
    require("key", key, _KEY, subject)
    return staff, jobs


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
