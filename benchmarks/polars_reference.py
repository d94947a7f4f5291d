"""A second, vectorised implementation of the sick-leave figures, in polars.

Written from the rules (docs and the law) rather than from samcore's code, so
that the benchmark compares samcore with an independent implementation and
checks that both give the same figures:

- every calendar day of an employment carries ``weekly_hours * fte / 7``
  scheduled hours; a sick day carries those hours times the period's extent;
- a period starting at most ``relapse_days`` days after the previous one
  ended continues that spell; day numbers count the spell's sick days only,
  days before the window included; day 1-14 is short, day 15 on is long;
- a run is a chain of periods that touch (no day between them); all hours in
  the window of a run that has lasted 60 days or more by the window's last
  day are long-term hours;
- the headcount of a group counts the distinct employees with scheduled
  hours in the window; the age band is the age on the window's last day.

Dates are turned into day numbers once, so every step is integer arithmetic
on columns: a sort, a few shifted comparisons and cumulative sums, one join
of the periods with the employments of the same person, and group sums.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, NamedTuple

import polars as pl

from samcore import AgeBand, Duration, SickLeave

RELAPSE_DAYS = 5
SHORT_DAYS = 14
LONG_TERM_DAYS = 60
_EPOCH = date(1970, 1, 1)
_ONGOING = 2**31 - 1  # the day number that stands for "no end"

EMPLOYEES: Mapping[str, Any] = {"id": pl.String, "gender": pl.String, "birth_date": pl.Date}
EMPLOYMENTS: Mapping[str, Any] = {
    "employee_id": pl.String,
    "unit_id": pl.String,
    "start": pl.Date,
    "end": pl.Date,
    "fte": pl.Float64,
    "weekly_hours": pl.Float64,
}
PERIODS: Mapping[str, Any] = {
    "employee_id": pl.String,
    "start": pl.Date,
    "end": pl.Date,
    "extent": pl.Float64,
}
CELL = ("unit_id", "gender", "age_band")
HOURS = ("scheduled_hours", "short_hours", "long_hours", "long_term_hours")


class Frames(NamedTuple):
    """The three tables the figures come from, with the column types above."""

    employees: pl.DataFrame
    employments: pl.DataFrame
    periods: pl.DataFrame


def frames(
    employees: Iterable[tuple[object, ...]],
    employments: Iterable[tuple[object, ...]],
    periods: Iterable[tuple[object, ...]],
) -> Frames:
    """The tables from plain rows: (id, gender, birth_date), (employee_id, unit_id,
    start, end, fte, weekly_hours) and (employee_id, start, end, extent)."""
    return Frames(
        pl.DataFrame(list(employees), schema=dict(EMPLOYEES), orient="row"),
        pl.DataFrame(list(employments), schema=dict(EMPLOYMENTS), orient="row"),
        pl.DataFrame(list(periods), schema=dict(PERIODS), orient="row"),
    )


def _day(column: str) -> pl.Expr:
    return pl.col(column).cast(pl.Int32)


def _spells(periods: pl.LazyFrame, first: int, last: int, relapse_days: int) -> pl.LazyFrame:
    """Each period that reaches the window, with its last short day and its long-term flag."""
    same_person = (pl.col("employee_id") == pl.col("employee_id").shift(1)).fill_null(False)
    gap = pl.col("start") - pl.col("end").shift(1)  # 1: the day after the previous period
    new_spell = ~(same_person & (gap <= relapse_days))
    new_run = ~(same_person & (gap <= 1))
    sick_before = pl.col("days").cum_sum() - pl.col("days")  # over everyone, in sorted order
    run_ends_here = pl.col("new_run").shift(-1).fill_null(True)
    return (
        periods.select("employee_id", _day("start"), _day("end"), "extent")
        .sort("employee_id", "start")
        .with_columns(
            days=pl.col("end") - pl.col("start") + 1,
            new_spell=new_spell,
            new_run=new_run,
        )
        .with_columns(
            # sick days of the spell before this period = all before it minus all before the spell
            spell_day=sick_before - pl.when("new_spell").then(sick_before).forward_fill(),
            run_start=pl.when("new_run").then("start").forward_fill(),
            run_end=pl.when(run_ends_here).then("end").backward_fill(),
        )
        .filter((pl.col("end") >= first) & (pl.col("start") <= last))
        .select(
            "employee_id",
            "start",
            "end",
            "extent",
            short_end=pl.col("start") + (SHORT_DAYS - pl.col("spell_day")).clip(lower_bound=0) - 1,
            long_term=(pl.min_horizontal("run_end", pl.lit(last)) - pl.col("run_start") + 1)
            >= LONG_TERM_DAYS,
        )
    )


def _people(employees: pl.LazyFrame, last: date) -> pl.LazyFrame:
    """Each employee's gender and age band on the window's last day."""
    birth = pl.col("birth_date")
    birthday_ahead = birth.dt.month() * 100 + birth.dt.day() > last.month * 100 + last.day
    age = last.year - birth.dt.year().cast(pl.Int32) - birthday_ahead.cast(pl.Int32)
    band = (
        pl.when(birth.is_null())
        .then(pl.lit(AgeBand.UNKNOWN.value))
        .when(age <= 29)
        .then(pl.lit(AgeBand.UP_TO_29.value))
        .when(age <= 49)
        .then(pl.lit(AgeBand.FROM_30_TO_49.value))
        .otherwise(pl.lit(AgeBand.FROM_50.value))
    )
    return employees.select(pl.col("id").alias("employee_id"), "gender", age_band=band)


def sick_leave_cells(
    data: Frames, start: date, end: date, *, relapse_days: int = RELAPSE_DAYS
) -> pl.DataFrame:
    """Hours and headcount per unit, gender and age band in the window ``start..end``.

    Columns: unit_id, gender, age_band, headcount, scheduled_hours,
    short_hours, long_hours, long_term_hours.
    """
    first, last = (start - _EPOCH).days, (end - _EPOCH).days
    jobs = (
        data.employments.lazy()
        .select(
            "employee_id",
            "unit_id",
            job_start=pl.max_horizontal(_day("start"), pl.lit(first)),
            job_end=pl.min_horizontal(_day("end").fill_null(_ONGOING), pl.lit(last)),
            daily=pl.col("weekly_hours") * pl.col("fte") / 7,
        )
        .filter(pl.col("job_end") >= pl.col("job_start"))
    )
    people = _people(data.employees.lazy(), end)
    scheduled = (
        jobs.with_columns(
            hours=(pl.col("job_end") - pl.col("job_start") + 1) * pl.col("daily"),
        )
        .filter(pl.col("hours") > 0)
        .join(people, on="employee_id")
        .group_by(CELL)
        .agg(
            headcount=pl.col("employee_id").n_unique(),
            scheduled_hours=pl.col("hours").sum(),
        )
    )
    lo = pl.max_horizontal("start", "job_start")
    hi = pl.min_horizontal("end", "job_end")
    short_days = (pl.min_horizontal(hi, "short_end") - lo + 1).clip(lower_bound=0)
    rate = pl.col("daily") * pl.col("extent")
    sick = (
        _spells(data.periods.lazy(), first, last, relapse_days)
        .join(jobs, on="employee_id")
        .with_columns(days=hi - lo + 1, short=short_days)
        .filter(pl.col("days") > 0)
        .select(
            "employee_id",
            "unit_id",
            short_hours=pl.col("short") * rate,
            long_hours=(pl.col("days") - pl.col("short")) * rate,
            long_term_hours=pl.when("long_term").then(pl.col("days") * rate).otherwise(0.0),
        )
        .join(people, on="employee_id")
        .group_by(CELL)
        .agg(pl.col("short_hours", "long_hours", "long_term_hours").sum())
    )
    return (
        scheduled.join(sick, on=list(CELL), how="left")
        .with_columns(pl.col("short_hours", "long_hours", "long_term_hours").fill_null(0.0))
        .select(*CELL, "headcount", *HOURS)
        .collect()
    )


def _ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def _unit_figures(
    headcount: float, scheduled: float, short: float, long: float, long_term: float
) -> dict[str, float | None]:
    return {
        "headcount": headcount,
        "scheduled_hours": scheduled,
        "sick_hours": short + long,
        "rate": _ratio(short + long, scheduled),
        "short_rate": _ratio(short, scheduled),
        "long_rate": _ratio(long, scheduled),
        "long_term_share": _ratio(long_term, short + long),
    }


def samcore_figures(result: Mapping[str, SickLeave]) -> dict[str, float | None]:
    """samcore's figures by name: each cell's hours and headcount, each unit's rates."""
    figures: dict[str, float | None] = {}
    for unit, sick in result.items():
        for c in sick.cells:
            cell = f"{unit}/{c.gender.value}/{c.age_band.value}"
            figures[f"{cell}/headcount"] = c.headcount
            figures[f"{cell}/scheduled_hours"] = c.scheduled_hours
            figures[f"{cell}/short_hours"] = c.short_hours
            figures[f"{cell}/long_hours"] = c.long_hours
            figures[f"{cell}/long_term_hours"] = c.long_term_hours
        units = {
            "headcount": sick.headcount(),
            "scheduled_hours": sick.scheduled_hours,
            "sick_hours": sick.sick_hours,
            "rate": sick.rate().value,
            "short_rate": sick.rate(duration=Duration.SHORT).value,
            "long_rate": sick.rate(duration=Duration.LONG).value,
            "long_term_share": sick.long_term_share().value,
        }
        figures.update({f"{unit}/{name}": value for name, value in units.items()})
    return figures


def reference_figures(cells: pl.DataFrame) -> dict[str, float | None]:
    """The same figures from the reference's cells."""
    figures: dict[str, float | None] = {}
    for row in cells.iter_rows(named=True):
        cell = f"{row['unit_id']}/{row['gender']}/{row['age_band']}"
        for name in ("headcount", *HOURS):
            figures[f"{cell}/{name}"] = row[name]
    units = cells.group_by("unit_id").agg(pl.col("headcount", *HOURS).sum())
    for row in units.iter_rows(named=True):
        unit = _unit_figures(*(row[name] for name in ("headcount", *HOURS)))
        figures.update({f"{row['unit_id']}/{name}": value for name, value in unit.items()})
    return figures


def _relative(a: float | None, b: float | None) -> float:
    if a == b:
        return 0.0
    if a is None or b is None:
        return float("inf")
    return abs(a - b) / max(abs(a), abs(b))


def largest_difference(
    expected: Mapping[str, SickLeave], cells: pl.DataFrame
) -> tuple[float, str, float | None, float | None]:
    """The largest relative difference between samcore's result and the reference's cells.

    Returns the difference, the figure's name (unit/gender/age band/figure or
    unit/figure) and both values. A figure only one side has counts as 0 on
    the other (a cell with no hours, a unit with no one in the window).
    """
    ours, theirs = samcore_figures(expected), reference_figures(cells)
    worst: tuple[float, str, float | None, float | None] = (0.0, "", None, None)
    for name in sorted(ours.keys() | theirs.keys()):
        absent = None if name.endswith(("rate", "share")) else 0.0
        a, b = ours.get(name, absent), theirs.get(name, absent)
        difference = _relative(a, b)
        if difference > worst[0]:
            worst = (difference, name, a, b)
    return worst
