"""A deliberately naive model of the sick-leave and turnover rules, walking day by day.

It shares no code with samcore's implementation: it is the rules of
DOMAIN.md written as plainly as possible, to compare against.
"""

from collections.abc import Callable, Hashable, Iterable
from datetime import date, timedelta

from samcore import AgeBand, Employee, Employment, Gender, SickLeavePeriod, Window

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


def turnover(
    employees: Iterable[Employee], employments: Iterable[Employment], window: Window
) -> dict[str, tuple[int, float]]:
    """unit -> (departures, average headcount), walking every month end."""
    staff = list(employees)
    jobs = list(employments)
    months = [d for d in each_day(window.start, window.end) if (d + ONE).day == 1]
    result: dict[str, list[float]] = {}
    for e in staff:
        mine = [j for j in jobs if j.employee_id == e.id]
        for d in months:
            for unit in {j.unit_id for j in mine if j.is_active(d)}:
                result.setdefault(unit, [0, 0.0])[1] += 1 / len(months)
        left_on: set[date] = set()
        for j in sorted(mine, key=lambda j: (-j.fte, j.unit_id)):
            if j.end is None or j.end not in window or j.end in left_on:
                continue
            if any(o.is_active(j.end + ONE) for o in mine):
                continue
            left_on.add(j.end)
            result.setdefault(j.unit_id, [0, 0.0])[0] += 1
    return {unit: (int(dep), heads) for unit, (dep, heads) in result.items()}
