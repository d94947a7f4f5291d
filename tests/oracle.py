"""A deliberately naive model of the sick-leave and turnover rules, walking day by day.

It shares no code with samcore's implementation: it is the rules of
DOMAIN.md written as plainly as possible, to compare against.
"""

import functools
from collections.abc import Callable, Hashable, Iterable
from datetime import date, timedelta

from dateutil.easter import easter

from samcore import AgeBand, Employee, Employment, EndReason, Gender, SickLeavePeriod, Window

ONE = timedelta(days=1)

Cell = tuple[Hashable, Gender, AgeBand]


def each_day(start: date, end: date) -> Iterable[date]:
    day = start
    while day <= end:
        yield day
        day += ONE


def age_band(employee: Employee, on: date) -> AgeBand:
    if employee.birth_date is None:
        return AgeBand.UNKNOWN
    b = employee.birth_date
    age = on.year - b.year - (1 if (on.month, on.day) < (b.month, b.day) else 0)
    return AgeBand.UP_TO_29 if age < 30 else AgeBand.FROM_30_TO_49 if age < 50 else AgeBand.FROM_50


def sick_leave(
    employees: Iterable[Employee],
    employments: Iterable[Employment],
    periods: Iterable[SickLeavePeriod],
    window: Window,
    key: Callable[[Employee, Employment], Hashable | None] = lambda e, j: j.unit_id,
    relapse_days: int = 5,
) -> dict[Cell, list[float]]:
    """(key, gender, band) -> [scheduled, short, long, long-term, headcount]."""
    out: dict[Cell, list[float]] = {}
    staff = {e.id: e for e in employees}
    for employee in staff.values():
        jobs = [j for j in employments if j.employee_id == employee.id]
        mine = sorted((p for p in periods if p.employee_id == employee.id), key=lambda p: p.start)
        # Day numbers within spells, and extents, walking every sick day.
        day_number: dict[date, int] = {}
        extent: dict[date, float] = {}
        counter = 0
        previous_end: date | None = None
        for p in mine:
            if previous_end is None or (p.start - previous_end).days > relapse_days:
                counter = 0
            for d in each_day(p.start, p.end):
                counter += 1
                day_number[d] = counter
                extent[d] = p.extent
            previous_end = p.end
        # Runs of consecutive sick days: the first day of each day's run.
        run_start: dict[date, date] = {}
        for d in sorted(extent):
            run_start[d] = run_start.get(d - ONE, d)
        run_length: dict[date, int] = {}
        for d, s in run_start.items():
            if d <= window.end:
                run_length[s] = max(run_length.get(s, 0), (d - s).days + 1)
        band = age_band(employee, window.end)
        seen: set[Cell] = set()
        for d in each_day(window.start, window.end):
            for j in jobs:
                if not (j.start <= d and (j.end is None or d <= j.end)):
                    continue
                k = key(employee, j)
                if k is None:
                    continue
                cell = (k, employee.gender, band)
                acc = out.setdefault(cell, [0.0, 0.0, 0.0, 0.0, 0])
                hours = j.weekly_hours * j.fte / 7
                acc[0] += hours
                if cell not in seen:
                    seen.add(cell)
                    acc[4] += 1
                if d in extent:
                    h = hours * extent[d]
                    acc[1 if day_number[d] <= 14 else 2] += h
                    if run_length[run_start[d]] >= 60:
                        acc[3] += h
    return out


@functools.cache
def days_off(year: int) -> frozenset[date]:
    """Sweden's public holidays and the midsummer, Christmas and New Year eves, listed plainly."""
    sunday = easter(year)
    midsummer_eve = next(
        d for d in each_day(date(year, 6, 19), date(year, 6, 25)) if d.weekday() == 4
    )
    all_saints = next(
        d for d in each_day(date(year, 10, 31), date(year, 11, 6)) if d.weekday() == 5
    )
    fixed = [(1, 1), (1, 6), (5, 1), (6, 6), (12, 24), (12, 25), (12, 26), (12, 31)]
    return frozenset({date(year, m, d) for m, d in fixed}) | {
        sunday - 2 * ONE,
        sunday,
        sunday + ONE,
        sunday + 39 * ONE,
        sunday + 49 * ONE,
        midsummer_eve,
        midsummer_eve + ONE,
        all_saints,
    }


def is_day_off(day: date) -> bool:
    return day.weekday() >= 5 or day in days_off(day.year)


def stays(jobs: list[Employment], end: date, gap_days: int | None) -> bool:
    """Walk the days after ``end`` until the person is employed again or the gap is a break."""
    day = end
    while day < date.max:
        day += ONE
        if any(j.is_active(day) for j in jobs):
            return True
        between = (day - end).days  # days without employment so far, this one included
        if (gap_days is None and not is_day_off(day)) or (
            gap_days is not None and between > gap_days
        ):
            return False
    return False


def turnover(
    employees: Iterable[Employee],
    employments: Iterable[Employment],
    window: Window,
    gap_days: int | None = None,
) -> dict[str, tuple[int, int, float]]:
    """unit -> (departures, retirements, average headcount), walking every month end."""
    staff = list(employees)
    jobs = list(employments)
    months = [d for d in each_day(window.start, window.end) if (d + ONE).day == 1]
    result: dict[str, list[float]] = {}
    for e in staff:
        mine = [j for j in jobs if j.employee_id == e.id]
        for d in months:
            for unit in {j.unit_id for j in mine if j.is_active(d)}:
                result.setdefault(unit, [0, 0, 0.0])[2] += 1 / len(months)
        left_on: set[date] = set()
        for j in sorted(mine, key=lambda j: (-j.fte, j.unit_id, j.start)):
            if j.end is None or j.end not in window or j.end in left_on:
                continue
            if stays(mine, j.end, gap_days):
                continue
            left_on.add(j.end)
            counts = result.setdefault(j.unit_id, [0, 0, 0.0])
            counts[0] += 1
            counts[1] += j.end_reason is EndReason.RETIREMENT
    return {unit: (int(dep), int(ret), heads) for unit, (dep, ret, heads) in result.items()}
