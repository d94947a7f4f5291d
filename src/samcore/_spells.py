"""Sick leave (sjukfrånvaro) by spells, the short/long split and the 60-day share.

The rules (DOMAIN.md; SKR's key figures; sjuklönelagen 7 § 3 st.):

- rate = sick hours / scheduled hours for the same people and days;
- a period starting at most ``relapse_days`` after the previous one ended
  continues that spell, and day numbers count the spell's sick days,
  days before the window included: day 1-14 is short, day 15 on long;
- a continuous run of sick days (periods that touch) that has reached 60
  days by the window's last day makes all its hours in the window long-term.

Days are counted by interval overlap, never one by one.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Hashable, Iterable, Sequence
from datetime import date
from operator import attrgetter
from typing import Any, Final, NamedTuple, TypeVar, overload

from samcore._check import fail, instance_of, int_in, require, some
from samcore._frozen import records
from samcore._monoid import quantize
from samcore._people import AgeBand, Employee, Employment, Gender, SickLeavePeriod
from samcore._schedule import CalendarDays, Schedule
from samcore._sick_leave import SickLeave, SickLeaveCell
from samcore._time import Window
from samcore._workforce import (
    GroupKey,
    by_unit,
    check_known,
    index_employees,
    index_employments,
    ordered,
    workforce,
)
from samcore.errors import OverlappingPeriodsError

__all__ = ["LONG_TERM_DAYS", "RELAPSE_DAYS", "SHORT_DAYS", "sick_leave", "sick_leave_trend"]

K = TypeVar("K", bound=Hashable)

RELAPSE_DAYS: Final = 5
"""Sjuklönelagen 7 § 3 st.: a new period within five days continues the spell."""
SHORT_DAYS: Final = 14
"""Day 1-14 of a spell is short sick leave; day 15 on is long."""
LONG_TERM_DAYS: Final = 60
"""A continuous absence of 60 days or more is long-term (the statutory disclosure)."""


# Part of a sick period on one side of day 14: (start, end, extent, is long, index of its
# run). A plain tuple, not a NamedTuple: there is one per period and building them is hot.
_Piece = tuple[date, date, float, bool, int]


class _Person(NamedTuple):
    employee: Employee
    employments: list[Employment]
    pieces: list[_Piece]
    piece_ends: list[date]
    runs: list[tuple[date, date]]


def _spells(
    employee_id: str, periods: list[SickLeavePeriod], relapse_days: int, clashes: list[str]
) -> tuple[list[_Piece], list[tuple[date, date]]]:
    """Split one employee's periods into short and long pieces and find their runs."""
    periods.sort(key=attrgetter("start"))
    pieces: list[_Piece] = []
    runs: list[tuple[date, date]] = []
    previous: SickLeavePeriod | None = None
    previous_end = 0  # ordinal of the previous period's last day
    spell_days = 0
    for p in periods:
        start, end = p.start.toordinal(), p.end.toordinal()
        if previous is not None:
            gap = start - previous_end
            if gap <= 0:
                clashes.append(
                    f"employee {employee_id!r}: {previous.start}..{previous.end} "
                    f"and {p.start}..{p.end}"
                )
                continue
            if gap > relapse_days:
                spell_days = 0
        if previous is not None and gap == 1:  # touching: the same run of sick days
            runs[-1] = (runs[-1][0], p.end)
        else:
            runs.append((p.start, p.end))
        run = len(runs) - 1
        days = end - start + 1
        short = min(max(SHORT_DAYS - spell_days, 0), days)
        if short == days:
            pieces.append((p.start, p.end, p.extent, False, run))
        elif short == 0:
            pieces.append((p.start, p.end, p.extent, True, run))
        else:
            pieces.append((p.start, date.fromordinal(start + short - 1), p.extent, False, run))
            pieces.append((date.fromordinal(start + short), p.end, p.extent, True, run))
        spell_days += days
        previous, previous_end = p, end
    return pieces, runs


def _prepare(
    employees: Iterable[Employee],
    employments: Iterable[Employment],
    periods: Iterable[SickLeavePeriod],
    relapse_days: int,
) -> list[_Person]:
    require("relapse_days", relapse_days, int_in(0), "sick_leave")
    people = index_employees(employees)
    jobs = index_employments(employments, people)
    sick: dict[str, list[SickLeavePeriod]] = {}
    for period in periods:
        sick.setdefault(period.employee_id, []).append(period)
    check_known(sick, people, "sick-leave period")
    clashes: list[str] = []
    prepared = []
    for employee_id, held in jobs.items():
        pieces, runs = _spells(employee_id, sick.get(employee_id, []), relapse_days, clashes)
        prepared.append(
            _Person(people[employee_id], held, pieces, [piece[1] for piece in pieces], runs)
        )
    for employee_id in sorted(sick.keys() - jobs.keys()):  # overlaps count even without employment
        _spells(employee_id, sick[employee_id], relapse_days, clashes)
    if clashes:
        raise OverlappingPeriodsError(
            f"sick-leave periods of one employee overlap: {some(clashes, sep='; ')}"
        )
    return prepared


def _compute(
    prepared: Sequence[_Person],
    window: Window,
    key: GroupKey[K],
    schedule: Schedule,
) -> dict[K, SickLeave]:
    first, last = window.start, window.end
    hours = schedule.hours
    # (key, gender, band) -> [scheduled, short, long, long-term]; hours are quantized so
    # that the sums are exact, whatever the order or partition of the records.
    sums: dict[tuple[K, Gender, AgeBand], list[float]] = {}
    members: dict[tuple[K, Gender, AgeBand], set[str]] = {}
    for person in prepared:
        employee = person.employee
        active: list[tuple[Employment, list[float]]] = []
        band = None
        for job in person.employments:
            if not job.active_in(window):
                continue
            group = key(employee, job)
            if group is None:
                continue
            if band is None:
                band = employee.age_band(last)
            slot = (group, employee.gender, band)
            acc = sums.get(slot)
            if acc is None:
                acc = sums[slot] = [0.0, 0.0, 0.0, 0.0]
                members[slot] = set()
            scheduled = quantize(
                hours(job, max(job.start, first), last if job.end is None else min(job.end, last))
            )
            acc[0] += scheduled
            if scheduled > 0:
                members[slot].add(employee.id)
            active.append((job, acc))
        if not active or not person.pieces:
            continue
        pieces = person.pieces
        runs = person.runs
        for index in range(bisect_left(person.piece_ends, first), len(pieces)):
            start, end, extent, is_long, run = pieces[index]
            if start > last:
                break
            lo = max(start, first)
            hi = min(end, last)
            run_start, run_end = runs[run]
            long_term = (min(run_end, last) - run_start).days + 1 >= LONG_TERM_DAYS
            column = 2 if is_long else 1
            for job, acc in active:
                a = max(lo, job.start)
                b = hi if job.end is None else min(hi, job.end)
                if a > b:
                    continue
                h = quantize(hours(job, a, b) * extent)
                acc[column] += h
                if long_term:
                    acc[3] += h
    groups: dict[K, list[SickLeaveCell]] = {}
    for slot, acc in sums.items():
        group, gender, band = slot
        groups.setdefault(group, []).append(
            SickLeaveCell(
                gender=gender,
                age_band=band,
                headcount=len(members[slot]),
                people=frozenset(members[slot]),
                scheduled_hours=acc[0],
                short_hours=acc[1],
                long_hours=acc[2],
                long_term_hours=acc[3],
            )
        )
    return ordered({group: SickLeave(cells=cells) for group, cells in groups.items()})


_CALENDAR_DAYS = CalendarDays()


def _check_schedule(schedule: object, subject: str) -> None:
    """A schedule is anything with an ``hours(employment, start, end)`` method."""
    if not callable(getattr(schedule, "hours", None)):
        fail("schedule", "have an hours(employment, start, end) method", schedule, subject)


@overload
def sick_leave(
    employees: Iterable[Employee],
    employments: Iterable[Employment],
    periods: Iterable[SickLeavePeriod],
    window: Window,
    *,
    key: None = None,
    relapse_days: int = ...,
    schedule: Schedule = ...,
) -> dict[str, SickLeave]: ...
@overload
def sick_leave(
    employees: Iterable[Employee],
    employments: Iterable[Employment],
    periods: Iterable[SickLeavePeriod],
    window: Window,
    *,
    key: GroupKey[K],
    relapse_days: int = ...,
    schedule: Schedule = ...,
) -> dict[K, SickLeave]: ...
def sick_leave(
    employees: Iterable[Employee],
    employments: Iterable[Employment],
    periods: Iterable[SickLeavePeriod],
    window: Window,
    *,
    key: GroupKey[Any] | None = None,
    relapse_days: int = RELAPSE_DAYS,
    schedule: Schedule = _CALENDAR_DAYS,
) -> dict[Any, SickLeave]:
    """Sick leave in a window, per group of employments.

    Args:
        employees: every employee the other records name.
        employments: whose days carry scheduled hours (by ``schedule``).
        periods: sick-leave periods; the ones before the window matter too,
            for day numbers and the 60-day rule.
        window: the days to report, such as ``Window.rolling12(month)``.
        key: ``key(employee, employment)`` picks the group (by default the
            unit id); a key that returns ``None`` leaves that employment out.
        relapse_days: the relapse rule's gap, five days by law.
        schedule: ``CalendarDays()`` (default) or ``WorkingDays()``, or your own.

    Raises:
        OverlappingPeriodsError: two periods of one employee share a day.
        UnknownEmployeeError: a record names an employee not in ``employees``.

    Examples:
        >>> from datetime import date
        >>> from samcore import Duration, Month
        >>> staff = [Employee(id="e1", gender=Gender.WOMAN, birth_date=date(1980, 5, 1))]
        >>> jobs = [Employment(employee_id="e1", unit_id="u1", start=date(2020, 1, 1))]
        >>> sick = [SickLeavePeriod(employee_id="e1", start=date(2024, 12, 1), end=date(2024, 12, 20))]
        >>> result = sick_leave(staff, jobs, sick, Window.rolling12(Month.parse("2024-12")))
        >>> s = result["u1"]
        >>> round(s.rate().percent, 2), round(s.rate(duration=Duration.SHORT).percent, 2)
        (5.46, 3.83)
    """
    employees, employments = workforce("sick_leave", employees, employments, key)
    require("window", window, instance_of(Window), "sick_leave")
    periods = records("periods", periods, SickLeavePeriod, "sick_leave")
    _check_schedule(schedule, "sick_leave")
    prepared = _prepare(employees, employments, periods, relapse_days)
    return _compute(prepared, window, key or by_unit, schedule)


@overload
def sick_leave_trend(
    employees: Iterable[Employee],
    employments: Iterable[Employment],
    periods: Iterable[SickLeavePeriod],
    windows: Iterable[Window],
    *,
    key: None = None,
    relapse_days: int = ...,
    schedule: Schedule = ...,
) -> dict[Window, dict[str, SickLeave]]: ...
@overload
def sick_leave_trend(
    employees: Iterable[Employee],
    employments: Iterable[Employment],
    periods: Iterable[SickLeavePeriod],
    windows: Iterable[Window],
    *,
    key: GroupKey[K],
    relapse_days: int = ...,
    schedule: Schedule = ...,
) -> dict[Window, dict[K, SickLeave]]: ...
def sick_leave_trend(
    employees: Iterable[Employee],
    employments: Iterable[Employment],
    periods: Iterable[SickLeavePeriod],
    windows: Iterable[Window],
    *,
    key: GroupKey[Any] | None = None,
    relapse_days: int = RELAPSE_DAYS,
    schedule: Schedule = _CALENDAR_DAYS,
) -> dict[Window, dict[Any, SickLeave]]:
    """:func:`sick_leave` for many windows, sorting and splitting the records once.

    Examples:
        >>> from datetime import date
        >>> from samcore import Month
        >>> staff = [Employee(id="e1", gender=Gender.MAN)]
        >>> jobs = [Employment(employee_id="e1", unit_id="u1", start=date(2020, 1, 1))]
        >>> sick = [SickLeavePeriod(employee_id="e1", start=date(2024, 3, 1), end=date(2024, 3, 7))]
        >>> months = [Month(year=2024, month=m) for m in (2, 3)]
        >>> trend = sick_leave_trend(staff, jobs, sick, [Window.rolling12(m) for m in months])
        >>> [round(by_unit["u1"].rate().percent, 2) for by_unit in trend.values()]
        [0.0, 1.91]
    """
    subject = "sick_leave_trend"
    employees, employments = workforce(subject, employees, employments, key)
    windows = records("windows", windows, Window, subject)
    periods = records("periods", periods, SickLeavePeriod, subject)
    _check_schedule(schedule, subject)
    prepared = _prepare(employees, employments, periods, relapse_days)
    return {w: _compute(prepared, w, key or by_unit, schedule) for w in windows}
