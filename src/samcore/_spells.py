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

from bisect import bisect_left, bisect_right
from collections.abc import Hashable, Iterable, Sequence
from datetime import date
from itertools import accumulate
from math import inf
from operator import attrgetter
from typing import Any, Final, NamedTuple, TypeVar, overload

from samcore._check import fail, instance_of, int_in, is_number, require, subject_of
from samcore._frozen import records
from samcore._monoid import builder
from samcore._people import (
    AgeBand,
    Employee,
    Employment,
    Gender,
    SickLeavePeriod,
    completed_years,
)
from samcore._schedule import CalendarDays, Schedule, calendar_hours
from samcore._sick_leave import SickLeave, cell_of_steps, steps
from samcore._time import Month, Window
from samcore._workforce import GroupKey, Index, by_unit, ordered, prepare, workforce

__all__ = [
    "LONG_TERM_DAYS",
    "RELAPSE_DAYS",
    "SHORT_DAYS",
    "check_options",
    "sick_leave",
    "sick_leave_trend",
    "sweep",
]

K = TypeVar("K", bound=Hashable)

RELAPSE_DAYS: Final = 5
"""Sjuklönelagen 7 § 3 st.: a new period within five days continues the spell."""
SHORT_DAYS: Final = 14
"""Day 1-14 of a spell is short sick leave; day 15 on is long."""
LONG_TERM_DAYS: Final = 60
"""A continuous absence of 60 days or more is long-term (the statutory disclosure)."""


class _Axis(NamedTuple):
    """The days of one sweep: segments, and windows each made of ``span`` segments in a row.

    Segments are the calendar months of a run of month windows, or one window
    on its own. Hours are counted in whole steps per segment, so every window made of the
    same segments gets the same bits whichever sweep computes it.
    """

    bounds: list[int]  # segment s covers bounds[s] .. bounds[s + 1] - 1 (ordinals)
    span: int  # segments per window
    firsts: list[int]  # first day of window k
    lasts: list[int]  # last day of window k
    wanted: dict[int, Window]  # k -> the window asked for
    asked: list[int]  # the windows asked for, in order
    lengths: list[int]  # the distinct segment lengths, in days
    counts: list[list[int]]  # counts[k][c]: segments of lengths[c] days in window k
    length_of: list[int]  # length_of[s]: the index in ``lengths`` of segment s's length
    years: tuple[int, int]  # the years of the first and the last window's last day


def _axis(bounds: list[int], span: int, wanted: dict[int, Window]) -> _Axis:
    windows = len(bounds) - span
    sizes = [bounds[s + 1] - bounds[s] for s in range(len(bounds) - 1)]
    lengths = sorted(set(sizes))
    counts = [[sizes[k : k + span].count(n) for n in lengths] for k in range(windows)]
    firsts = bounds[:windows]
    lasts = [bounds[k + span] - 1 for k in range(windows)]
    length_of = [lengths.index(n) for n in sizes]
    years = (date.fromordinal(lasts[0]).year, date.fromordinal(lasts[-1]).year)
    return _Axis(
        bounds, span, firsts, lasts, wanted, sorted(wanted), lengths, counts, length_of, years
    )


def _axes(windows: Sequence[Window], by_month: bool) -> list[_Axis]:
    """One sweep per window, or per run of month windows of one length whose ends lie close.

    Sweeping by month needs hours that depend on the number of days only
    (the calendar-day schedule); other schedules sweep each window alone.
    """
    runs: dict[int, list[Window]] = {}
    axes = []
    for w in sorted(windows, key=attrgetter("end")):
        if by_month and w.is_whole_months:
            runs.setdefault(len(w.months), []).append(w)
        else:
            axes.append(_axis([w.start.toordinal(), w.end.toordinal() + 1], 1, {0: w}))
    for span, same in runs.items():
        clusters: list[list[Window]] = []
        for w in same:
            if clusters and Month.of(w.end) - Month.of(clusters[-1][-1].end) <= span:
                clusters[-1].append(w)
            else:
                clusters.append([w])
        for cluster in clusters:
            first = Month.of(cluster[0].start)
            months = Month.of(cluster[-1].end) - first + 1
            bounds = [(first + i).first_day.toordinal() for i in range(months + 1)]
            axes.append(_axis(bounds, span, {Month.of(c.start) - first: c for c in cluster}))
    return axes


class _Sums:
    """What one group, gender and age-band course adds up over the windows of a sweep.

    ``scheduled`` holds per window; ``short``, ``long`` and ``long_term`` are
    differences (a value from index ``k`` on, until taken back), so a piece
    of sick leave adds to every window holding it in two steps.
    """

    __slots__ = ("active", "full", "long", "long_term", "members", "scheduled", "short")

    def __init__(self, windows: int, lengths: int) -> None:
        # Hours in whole steps of 2**-32 h: exact, whatever their size.
        self.active = 0  # bit k: an employment of the group is active in window k
        self.full = [0] * lengths  # a whole segment of each length, summed
        self.scheduled = [0] * windows
        self.short = [0] * (windows + 1)
        self.long = [0] * (windows + 1)
        self.long_term = [0] * (windows + 1)
        self.members: dict[str, int] = {}  # employee id -> bit k: scheduled hours in window k


# Age bands over the windows of a sweep: the first window one is 30 and 50 at its last day;
# (-1, -1) without a birth date.
_Course = tuple[int, int]
_UNKNOWN: Final[_Course] = (-1, -1)


def _course(employee: Employee, axis: _Axis, first_window: int) -> _Course:
    birth = employee.birth_date
    if birth is None:
        return _UNKNOWN
    lasts = axis.lasts
    if birth.toordinal() > lasts[first_window]:
        employee.age_band(date.fromordinal(lasts[first_window]))  # raises, naming the employee
    return _turns(birth, 30, axis), _turns(birth, 50, axis)


def _turns(birth: date, years: int, axis: _Axis) -> int:
    """The first window whose last day one has turned ``years`` by."""
    year = birth.year + years
    if year < axis.years[0]:  # turned in a year before the first window ends
        return 0
    if year > axis.years[1]:  # turns in a year after the last window ends
        return len(axis.lasts)
    lasts = axis.lasts
    return bisect_left(
        range(len(lasts)), years, key=lambda k: completed_years(birth, date.fromordinal(lasts[k]))
    )


def _band(course: _Course, k: int) -> AgeBand:
    thirty, fifty = course
    if thirty < 0:
        return AgeBand.UNKNOWN
    if k < thirty:
        return AgeBand.UP_TO_29
    return AgeBand.FROM_30_TO_49 if k < fifty else AgeBand.FROM_50


def _sweep(
    workforce: Index,
    axis: _Axis,
    key: GroupKey[K],
    schedule: Schedule,
    relapse_days: int,
) -> dict[Window, dict[K, SickLeave]]:
    fast = schedule.__class__ is CalendarDays
    bounds, firsts, lasts = axis.bounds, axis.firsts, axis.lasts
    windows = len(firsts)
    first, last = bounds[0], bounds[-1] - 1
    every = (1 << windows) - 1
    sums: dict[tuple[K, Gender, _Course], _Sums] = {}
    whole: dict[tuple[float, float], tuple[int, ...]] = {}  # (weekly hours, fte) -> per length
    jobs, job_starts, job_ends = workforce.jobs, workforce.job_starts, workforce.job_ends
    job_bounds, sick_bounds = workforce.job_bounds, workforce.sick_bounds
    for p, employee in enumerate(workforce.people):
        first_job, end_job = job_bounds[p], job_bounds[p + 1]
        first_period, end_period = sick_bounds[p], sick_bounds[p + 1]
        course: _Course | None = None
        active: list[tuple[int, int, Employment, _Sums]] = []
        for x in range(first_job, end_job):
            start, end = job_starts[x], job_ends[x]
            if start > last or end < first:
                continue
            job = jobs[x]
            group = key(employee, job)
            if group is None:
                continue
            low = bisect_left(lasts, start)
            if course is None:
                course = _course(employee, axis, low)
            slot = (group, employee.gender, course)
            acc = sums.get(slot)
            if acc is None:
                acc = sums[slot] = _Sums(windows, len(axis.lengths))
            high = bisect_right(firsts, end) - 1
            acc.active |= (every >> (windows - 1 - high)) & ~((1 << low) - 1)
            per_length = None
            if fast:  # hours of a whole segment depend on its length only
                rates = (job.weekly_hours, job.fte)
                per_length = whole.get(rates)
                if per_length is None:
                    per_length = whole[rates] = tuple(
                        steps(calendar_hours(n, job)) for n in axis.lengths
                    )
            if per_length is not None and start <= first and end >= last and all(per_length):
                for c, h in enumerate(per_length):
                    acc.full[c] += h
                acc.members[employee.id] = every
            else:
                _scheduled(
                    acc, employee.id, job, (start, end, low, high), axis, schedule, per_length
                )
            active.append((start, end, job, acc))
        if active and end_period > first_period:
            _sick(workforce, first_period, end_period, active, axis, schedule, relapse_days)
    return _read(sums, axis)


def _hours(schedule: Schedule, job: Employment, start: int, end: int) -> float:
    """Scheduled hours on the days ``start..end`` (ordinals) of an employment.

    Raises:
        InvalidValueError: a schedule of the caller's gave no finite number of hours from 0.
    """
    if schedule.__class__ is CalendarDays:  # CalendarDays.hours, without building dates
        return calendar_hours(end - start + 1, job)
    first, last = date.fromordinal(start), date.fromordinal(end)
    hours = schedule.hours(job, first, last)
    if not (is_number(hours) and 0 <= hours < inf):
        fail(
            "schedule",
            f"give a finite number of hours from 0 for {first}..{last}",
            hours,
            subject_of(job),
        )
    return hours


def _scheduled(
    acc: _Sums,
    employee_id: str,
    job: Employment,
    days: tuple[int, int, int, int],
    axis: _Axis,
    schedule: Schedule,
    per_length: tuple[int, ...] | None,
) -> None:
    """Add an employment's hours to the windows it is active in, segment by segment.

    ``days`` are the employment's first and last day and the first and last
    window it is active in; ``per_length`` the hours of a whole segment of
    each length, when they depend on the length only.
    """
    start, end, low, high = days
    bounds, span, length_of = axis.bounds, axis.span, axis.length_of
    a, b = max(start, bounds[0]), min(end, bounds[-1] - 1)
    first = bisect_right(bounds, a) - 1
    totals = [0]  # steps of the employment's segments, summed from ``first`` on
    running = 0
    for s in range(first, bisect_right(bounds, b)):
        lo, hi = bounds[s], bounds[s + 1] - 1
        if per_length is not None and a <= lo and hi <= b:
            running += per_length[length_of[s]]
        else:
            running += steps(_hours(schedule, job, max(lo, a), min(hi, b)))
        totals.append(running)
    mask = 0
    top = len(totals) - 1
    for k in axis.asked[bisect_left(axis.asked, low) : bisect_right(axis.asked, high)]:
        hours = totals[min(k + span - first, top)] - totals[max(k - first, 0)]
        acc.scheduled[k] += hours
        if hours > 0:
            mask |= 1 << k
    if mask:
        acc.members[employee_id] = acc.members.get(employee_id, 0) | mask


def _sick(
    workforce: Index,
    first_period: int,
    end_period: int,
    active: list[tuple[int, int, Employment, _Sums]],
    axis: _Axis,
    schedule: Schedule,
    relapse_days: int,
) -> None:
    """Add one person's sick hours in the sweep's days, split into short, long and long-term.

    Only the periods that reach the sweep's days are split; the spell and the
    run of the first one are found by walking back through the periods close
    enough to continue them.
    """
    starts, ends, extents = workforce.sick_starts, workforce.sick_ends, workforce.extents
    bounds, lasts, span = axis.bounds, axis.lasts, axis.span
    windows = len(lasts)
    first, last = bounds[0], bounds[-1] - 1
    # ends are in order too: one person's periods do not overlap
    begin = bisect_left(ends, first, first_period, end_period)
    if begin == end_period or starts[begin] > last:
        return
    j = begin
    while j > first_period and starts[j] - ends[j - 1] <= relapse_days:  # back to the spell's start
        j -= 1
    spell_days = sum(ends[x] - starts[x] + 1 for x in range(j, begin))
    j = begin
    while j > first_period and starts[j] - ends[j - 1] == 1:  # back to the run's start
        j -= 1
    run_start = starts[j]
    threshold = 0
    for i in range(begin, end_period):
        start, end = starts[i], ends[i]
        if start > last:
            break
        gap = start - ends[i - 1] if i > first_period else relapse_days + 2
        if gap > relapse_days:
            spell_days = 0
        if i == begin or gap != 1:  # a new run of sick days, or the first one here
            if i != begin:
                run_start = start
            threshold = _long_term_from(starts, ends, i, end_period, run_start, lasts)
        days = end - start + 1
        short = SHORT_DAYS - spell_days
        short = 0 if short < 0 else days if short > days else short
        spell_days += days
        extent = extents[i]
        cut = start + short  # the spell's day 15, or after this period
        for is_long in _PARTS:  # day 1-14 of the spell, then day 15 on
            lo, hi = (cut, end) if is_long else (start, cut - 1)
            lo = first if lo < first else lo
            hi = last if hi > last else hi
            if lo > hi:
                continue
            for job_start, job_end, job, acc in active:
                a = lo if lo > job_start else job_start
                b = hi if hi < job_end else job_end
                if a > b:
                    continue
                column = acc.long if is_long else acc.short
                s = bisect_right(bounds, a) - 1
                while a <= b:  # segment by segment
                    upto = bounds[s + 1] - 1
                    if upto > b:
                        upto = b
                    h = steps(_hours(schedule, job, a, upto) * extent)
                    low = s - span + 1 if s >= span else 0
                    high = s if s < windows else windows - 1
                    column[low] += h
                    column[high + 1] -= h
                    if threshold <= high:
                        acc.long_term[threshold if threshold > low else low] += h
                        acc.long_term[high + 1] -= h
                    a, s = upto + 1, s + 1


_PARTS: Final = (False, True)


def _long_term_from(
    starts: list[int], ends: list[int], i: int, end: int, run_start: int, lasts: list[int]
) -> int:
    """The first window whose last day the run of period ``i`` has lasted 60 days by.

    The whole run's hours in that window and the later ones are long-term;
    ``len(lasts)`` when it never reaches 60 days.
    """
    run_end, x = ends[i], i + 1
    while x < end and starts[x] - run_end == 1:
        run_end, x = ends[x], x + 1
    if run_end - run_start + 1 < LONG_TERM_DAYS:
        return len(lasts)
    return bisect_left(lasts, run_start + LONG_TERM_DAYS - 1)


_SLOTS = {g: {b: (g, b) for b in AgeBand} for g in Gender}  # made once, not per cell
_ORDER = {slot: i for i, slot in enumerate(s for g in Gender for s in _SLOTS[g].values())}


def _read(
    sums: dict[tuple[K, Gender, _Course], _Sums], axis: _Axis
) -> dict[Window, dict[K, SickLeave]]:
    """The cells of each window asked for, from the sums of the sweep."""
    wanted = axis.asked
    every = (1 << len(axis.lasts)) - 1
    cells: dict[int, dict[K, dict[tuple[Gender, AgeBand], list[Any]]]] = {k: {} for k in wanted}
    for (group, gender, course), acc in sums.items():
        short = list(accumulate(acc.short))
        long = list(accumulate(acc.long))
        long_term = list(accumulate(acc.long_term))
        # People in every window share one set; a new set only where those coming or going differ.
        always = frozenset(p for p, mask in acc.members.items() if mask == every)
        moving = [(p, mask) for p, mask in acc.members.items() if mask != every]
        present, here = always, [p for p, mask in moving if mask >> wanted[0] & 1]
        if here:
            present = always.union(here)
        for k in wanted:
            if not acc.active >> k & 1:
                continue
            scheduled = acc.scheduled[k]
            for n, h in zip(axis.counts[k], acc.full, strict=True):
                scheduled += n * h
            if moving:
                now = [p for p, mask in moving if mask >> k & 1]
                if now != here:
                    present, here = always.union(now), now
            into = cells[k].setdefault(group, {})
            slot = _SLOTS[gender][_band(course, k)]
            total = into.get(slot)
            if total is None:
                into[slot] = [scheduled, short[k], long[k], long_term[k], present]
            else:
                total[0] += scheduled
                total[1] += short[k]
                total[2] += long[k]
                total[3] += long_term[k]
                total[4] = total[4] | present
    return {
        axis.wanted[k]: ordered(
            {group: _sick_leave_of(by_slot) for group, by_slot in cells[k].items()}
        )
        for k in wanted
    }


_SICK_LEAVE = builder(SickLeave, "cells")


def _sick_leave_of(by_slot: dict[tuple[Gender, AgeBand], list[Any]]) -> SickLeave:
    """A group's value from sums made here: valid by construction, so built without checks."""
    order = sorted(by_slot, key=_ORDER.__getitem__) if len(by_slot) > 1 else by_slot
    cells = []
    for gender, band in order:
        *exact, people = by_slot[gender, band]
        cells.append(cell_of_steps(gender, band, len(people), people, exact))
    return _SICK_LEAVE(tuple(cells))


def sweep(
    workforce: Index,
    windows: Sequence[Window],
    key: GroupKey[K],
    schedule: Schedule,
    relapse_days: int,
) -> dict[Window, dict[K, SickLeave]]:
    """Sick leave of each window, in the order given; each person is visited once per sweep."""
    found: dict[Window, dict[K, SickLeave]] = {}
    for axis in _axes(list(dict.fromkeys(windows)), schedule.__class__ is CalendarDays):
        found.update(_sweep(workforce, axis, key, schedule, relapse_days))
    return {w: found[w] for w in windows}


_CALENDAR_DAYS = CalendarDays()


def check_options(schedule: object, relapse_days: object, subject: str) -> None:
    """A schedule is anything with an ``hours(employment, start, end)`` method."""
    if not callable(getattr(schedule, "hours", None)):
        fail("schedule", "have an hours(employment, start, end) method", schedule, subject)
    require("relapse_days", relapse_days, int_in(0), subject)


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
    check_options(schedule, relapse_days, "sick_leave")
    found = sweep(
        prepare(employees, employments, periods), [window], key or by_unit, schedule, relapse_days
    )
    return found[window]


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
    check_options(schedule, relapse_days, subject)
    return sweep(
        prepare(employees, employments, periods), windows, key or by_unit, schedule, relapse_days
    )
