"""Additional hours and overtime (Arbetstidslagen): sums and the law's caps."""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum
from typing import ClassVar, Final

import attrs

from samcore._check import (
    describe,
    fail,
    instance_of,
    int_in,
    non_blank,
    non_negative,
    positive,
    require,
)
from samcore._frozen import records as _records
from samcore._monoid import Summable, quantize
from samcore._people import ExtraTime, ExtraTimeKind
from samcore._sick_leave import SickLeave
from samcore._time import Month, Window

__all__ = [
    "ADDITIONAL_HOURS_PER_YEAR",
    "OVERTIME_HOURS_PER_MONTH",
    "OVERTIME_HOURS_PER_YEAR",
    "ExtraHours",
    "WorkingTimeRule",
    "WorkingTimeViolation",
    "extra_time",
    "hours_worked",
    "working_time_violations",
]

OVERTIME_HOURS_PER_YEAR: Final = 200.0
"""Arbetstidslagen 8 §: general overtime, at most 200 hours a calendar year."""
OVERTIME_HOURS_PER_MONTH: Final = 50.0
"""Arbetstidslagen 8 §: general overtime, at most 50 hours a calendar month."""
ADDITIONAL_HOURS_PER_YEAR: Final = 200.0
"""Arbetstidslagen 10 §: additional hours (mertid), at most 200 hours a calendar year."""


@attrs.frozen(kw_only=True)
class ExtraHours(Summable):
    """Additional hours (mertid/fyllnadstid) and overtime of a group: a monoid.

    Examples:
        >>> (ExtraHours(additional=19930.0, overtime=22351.0) + ExtraHours()).total
        42281.0
    """

    additional: float = attrs.field(default=0.0, validator=non_negative())
    overtime: float = attrs.field(default=0.0, validator=non_negative())

    _subject: ClassVar[str] = "extra hours"

    def rows(self) -> list[dict[str, object]]:
        """One plain row: additional, overtime and total hours.

        Examples:
            >>> ExtraHours(additional=1.0, overtime=2.0).rows()
            [{'additional': 1.0, 'overtime': 2.0, 'total': 3.0}]
        """
        return [{"additional": self.additional, "overtime": self.overtime, "total": self.total}]

    @property
    def total(self) -> float:
        """Additional hours plus overtime (the report's "Summa").

        Examples:
            >>> ExtraHours(additional=184.0, overtime=205.0).total
            389.0
        """
        return self.additional + self.overtime


def extra_time(records: Iterable[ExtraTime], window: Window) -> dict[str, ExtraHours]:
    """Extra hours worked on days inside a window, per unit.

    Examples:
        >>> from datetime import date
        >>> rows = [ExtraTime(employee_id="e", unit_id="u", day=date(2024, 5, 2), hours=2.0, kind=ExtraTimeKind.OVERTIME),
        ...         ExtraTime(employee_id="e", unit_id="u", day=date(2023, 5, 2), hours=9.0, kind=ExtraTimeKind.OVERTIME)]
        >>> extra_time(rows, Window.calendar_year(2024))
        {'u': ExtraHours(additional=0.0, overtime=2.0)}
    """
    records = _records("records", records, ExtraTime, "extra_time")
    require("window", window, instance_of(Window), "extra_time")
    sums: dict[str, list[float]] = {}
    first, last = window.start, window.end
    for record in records:
        if first <= record.day <= last:
            acc = sums.setdefault(record.unit_id, [0.0, 0.0])
            acc[record.kind is ExtraTimeKind.OVERTIME] += quantize(record.hours)  # exact sums
    return {unit: ExtraHours(additional=a, overtime=o) for unit, (a, o) in sorted(sums.items())}


def hours_worked(sick: SickLeave, extra: ExtraHours) -> float:
    """Hours actually worked by a group: scheduled − sick + extra.

    The denominator of an injury rate when no time-reporting figure is at
    hand; both parts must come from the same group and window.

    Examples:
        >>> from samcore import AgeBand, Gender, SickLeaveCell
        >>> sick = SickLeave(cells=[SickLeaveCell(gender=Gender.MAN, age_band=AgeBand.UNKNOWN,
        ...                                       scheduled_hours=2000.0, short_hours=100.0)])
        >>> hours_worked(sick, ExtraHours(overtime=50.0))
        1950.0
    """
    require("sick", sick, instance_of(SickLeave), "hours_worked")
    require("extra", extra, instance_of(ExtraHours), "hours_worked")
    return sick.scheduled_hours - sick.sick_hours + extra.total


class WorkingTimeRule(StrEnum):
    """A cap of Arbetstidslagen on extra hours.

    Examples:
        >>> WorkingTimeRule.OVERTIME_MONTH.value
        'overtime_month'
    """

    OVERTIME_YEAR = "overtime_year"
    OVERTIME_MONTH = "overtime_month"
    ADDITIONAL_YEAR = "additional_year"


@attrs.frozen(kw_only=True)
class WorkingTimeViolation:
    """An employee's extra hours over one cap in one year or month.

    Examples:
        >>> v = WorkingTimeViolation(employee_id="e", rule=WorkingTimeRule.OVERTIME_YEAR,
        ...                          period="2024", hours=212.5, cap=200.0)
        >>> v.excess
        12.5
    """

    employee_id: str = attrs.field(validator=non_blank())
    rule: WorkingTimeRule = attrs.field(validator=instance_of(WorkingTimeRule))
    period: str = attrs.field(validator=non_blank())
    hours: float = attrs.field(validator=positive())
    cap: float = attrs.field(validator=positive())

    def __attrs_post_init__(self) -> None:
        form = _MONTH if self.rule is WorkingTimeRule.OVERTIME_MONTH else _YEAR
        if form.fullmatch(self.period) is None:
            shape = "YYYY-MM" if form is _MONTH else "YYYY"
            fail(
                "period",
                f"be written {shape} for rule {self.rule.value!r}",
                self.period,
                self._subject,
            )
        if not self.hours > self.cap:
            fail("hours", f"exceed the cap {self.cap:g}", self.hours, self._subject)

    @property
    def _subject(self) -> str:
        return describe(
            "a working-time violation",
            "working-time violation",
            ("of employee", self.employee_id),
            ("in", self.period),
        )

    @property
    def excess(self) -> float:
        """Hours over the cap.

        Examples:
            >>> WorkingTimeViolation(employee_id="e", rule=WorkingTimeRule.OVERTIME_MONTH,
            ...                      period="2024-03", hours=51.0, cap=50.0).excess
            1.0
        """
        return self.hours - self.cap


_YEAR: Final = re.compile(r"\d{4}")
_MONTH: Final = re.compile(r"\d{4}-(0[1-9]|1[0-2])")

_YEAR_CAPS: Final = {
    ExtraTimeKind.OVERTIME: (WorkingTimeRule.OVERTIME_YEAR, OVERTIME_HOURS_PER_YEAR),
    ExtraTimeKind.ADDITIONAL: (WorkingTimeRule.ADDITIONAL_YEAR, ADDITIONAL_HOURS_PER_YEAR),
}


def working_time_violations(
    records: Iterable[ExtraTime], year: int
) -> tuple[WorkingTimeViolation, ...]:
    """Employees over Arbetstidslagen's caps on extra hours in a calendar year.

    Checks general overtime over 200 h in the year or over 50 h in a calendar
    month, and additional hours over 200 h in the year. Sorted by employee,
    rule and period.

    Examples:
        >>> from datetime import date
        >>> rows = [ExtraTime(employee_id="e", unit_id="u", day=date(2024, 3, d), hours=6.0, kind=ExtraTimeKind.OVERTIME)
        ...         for d in range(1, 10)]
        >>> [(v.rule.value, v.period, v.hours) for v in working_time_violations(rows, 2024)]
        [('overtime_month', '2024-03', 54.0)]
    """
    records = _records("records", records, ExtraTime, "working_time_violations")
    require("year", year, int_in(1, 9999), "working_time_violations")
    year_sums: dict[tuple[str, ExtraTimeKind], float] = {}
    month_overtime: dict[tuple[str, Month], float] = {}
    for record in records:
        if record.day.year != year:
            continue
        slot = (record.employee_id, record.kind)
        year_sums[slot] = year_sums.get(slot, 0.0) + record.hours
        if record.kind is ExtraTimeKind.OVERTIME:
            month = (record.employee_id, Month.of(record.day))
            month_overtime[month] = month_overtime.get(month, 0.0) + record.hours
    found = [
        WorkingTimeViolation(
            employee_id=employee_id, rule=rule, period=str(year), hours=hours, cap=cap
        )
        for (employee_id, kind), hours in year_sums.items()
        for rule, cap in (_YEAR_CAPS[kind],)
        if hours > cap
    ]
    found += [
        WorkingTimeViolation(
            employee_id=employee_id,
            rule=WorkingTimeRule.OVERTIME_MONTH,
            period=str(month),
            hours=hours,
            cap=OVERTIME_HOURS_PER_MONTH,
        )
        for (employee_id, month), hours in month_overtime.items()
        if hours > OVERTIME_HOURS_PER_MONTH
    ]
    order = {rule: i for i, rule in enumerate(WorkingTimeRule)}
    return tuple(sorted(found, key=lambda v: (v.employee_id, order[v.rule], v.period)))
