from datetime import date

import pytest
from hypothesis import given

from samcore import (
    AgeBand,
    ExtraHours,
    ExtraTime,
    ExtraTimeKind,
    Gender,
    InvalidValueError,
    SickLeave,
    SickLeaveCell,
    Window,
    WorkingTimeRule,
    WorkingTimeViolation,
    extra_time,
    hours_worked,
    working_time_violations,
)
from samcore import strategies as sst

OVER = ExtraTimeKind.OVERTIME
ADD = ExtraTimeKind.ADDITIONAL


def rec(
    day: date, hours: float, kind: ExtraTimeKind = OVER, eid: str = "e", unit: str = "u"
) -> ExtraTime:
    return ExtraTime(employee_id=eid, unit_id=unit, day=day, hours=hours, kind=kind)


class TestExtraTime:
    """Mertid/fyllnadstid and övertid, summed per unit over the window (the report's "Summa")."""

    def test_sums_by_unit_and_kind_inside_window(self) -> None:
        """Only records on days inside the window count, both edges included."""
        rows = [
            rec(date(2024, 1, 1), 2.0),
            rec(date(2024, 12, 31), 3.0, ADD),
            rec(date(2023, 12, 31), 10.0),
            rec(date(2024, 6, 1), 1.5, unit="v"),
        ]
        assert {
            "u": ExtraHours(additional=3.0, overtime=2.0),
            "v": ExtraHours(overtime=1.5),
        } == extra_time(rows, Window.calendar_year(2024))

    @given(sst.extra_hours(), sst.extra_hours(), sst.extra_hours())
    def test_monoid(self, a: ExtraHours, b: ExtraHours, c: ExtraHours) -> None:
        """Commutative with ExtraHours() as identity; associative up to rounding."""
        assert a + b == b + a
        assert a == a + ExtraHours()
        left, right = (a + b) + c, a + (b + c)
        assert abs(left.total - right.total) <= 1e-9 * max(1.0, left.total)

    def test_hours_worked(self) -> None:
        """Hours worked = scheduled − sick + extra."""
        cell = SickLeaveCell(
            gender=Gender.WOMAN,
            age_band=AgeBand.UNKNOWN,
            scheduled_hours=1000.0,
            short_hours=50.0,
            long_hours=25.0,
        )
        assert 945.0 == hours_worked(
            SickLeave(cells=[cell]), ExtraHours(additional=10.0, overtime=10.0)
        )


class TestWorkingTimeCaps:
    """Arbetstidslagen: general overtime at most 200 h per calendar year and 50 h per calendar
    month; additional hours (mertid) at most 200 h per calendar year."""

    def test_month_cap_exceeded_not_at_cap(self) -> None:
        """50 h in a month is allowed; 50.5 h is not."""
        at_cap = [rec(date(2024, 3, d), 5.0) for d in range(1, 11)]
        assert () == working_time_violations(at_cap, 2024)
        over = [*at_cap, rec(date(2024, 3, 30), 0.5)]
        (v,) = working_time_violations(over, 2024)
        assert (WorkingTimeRule.OVERTIME_MONTH, "2024-03", 50.5, 50.0) == (
            v.rule,
            v.period,
            v.hours,
            v.cap,
        )

    def test_year_caps(self) -> None:
        """Over 200 h of overtime or of additional hours in the year, each found with its figure."""
        rows = [rec(date(2024, m, d), 15.0) for m in range(1, 6) for d in (1, 2, 3)]  # 225 h
        rows += [rec(date(2024, m, 4), 20.0, ADD) for m in range(1, 12)]  # 220 h
        rows += [rec(date(2023, 1, d), 20.0) for d in range(1, 26)]  # another year
        found = working_time_violations(rows, 2024)
        assert [
            (WorkingTimeRule.OVERTIME_YEAR, 225.0),
            (WorkingTimeRule.ADDITIONAL_YEAR, 220.0),
        ] == [(v.rule, v.hours) for v in found]
        assert 25.0 == found[0].excess

    def test_per_employee(self) -> None:
        """Caps apply per employee, not per unit."""
        rows = [
            rec(date(2024, 3, d), 15.0, eid=e) for d, e in ((1, "a"), (2, "a"), (3, "b"), (4, "b"))
        ]
        assert () == working_time_violations(rows, 2024)


class TestChecks:
    """Violations are real violations; bad arguments are named."""

    def test_violation_over_its_cap(self) -> None:
        """A violation's hours exceed its cap, and its period fits its rule."""
        with pytest.raises(InvalidValueError, match="'hours' must exceed the cap 200"):
            WorkingTimeViolation(
                employee_id="e",
                rule=WorkingTimeRule.OVERTIME_YEAR,
                period="2024",
                hours=200,
                cap=200,
            )
        with pytest.raises(InvalidValueError, match="'period' must be written YYYY-MM"):
            WorkingTimeViolation(
                employee_id="e",
                rule=WorkingTimeRule.OVERTIME_MONTH,
                period="2024",
                hours=51,
                cap=50,
            )

    def test_arguments_named(self) -> None:
        """extra_time, working_time_violations and hours_worked name a bad argument."""
        with pytest.raises(InvalidValueError, match="'window' must be a Window"):
            extra_time([], 2024)  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match="'year' must be an int in 1..9999"):
            working_time_violations([], "2024")  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match="'records' must be an iterable of ExtraTime"):
            working_time_violations("records", 2024)  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match="'extra' must be an ExtraHours"):
            hours_worked(SickLeave(), 3.0)  # type: ignore[arg-type]
