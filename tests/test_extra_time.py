from datetime import date

from hypothesis import given

from samcore import (
    AgeBand,
    ExtraHours,
    ExtraTime,
    ExtraTimeKind,
    Gender,
    SickLeave,
    SickLeaveCell,
    Window,
    WorkingTimeRule,
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
            rec(date(2023, 12, 31), 100.0),
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
        rows = [rec(date(2024, m, 1), 45.0) for m in range(1, 6)]  # 225 h, 45 h a month
        rows += [rec(date(2024, m, 2), 20.0, ADD) for m in range(1, 12)]  # 220 h
        rows += [rec(date(2023, 1, 1), 500.0)]  # another year
        found = working_time_violations(rows, 2024)
        assert [
            (WorkingTimeRule.OVERTIME_YEAR, 225.0),
            (WorkingTimeRule.ADDITIONAL_YEAR, 220.0),
        ] == [(v.rule, v.hours) for v in found]
        assert 25.0 == found[0].excess

    def test_per_employee(self) -> None:
        """Caps apply per employee, not per unit."""
        rows = [rec(date(2024, 3, 1), 30.0, eid="a"), rec(date(2024, 3, 2), 30.0, eid="b")]
        assert () == working_time_violations(rows, 2024)
