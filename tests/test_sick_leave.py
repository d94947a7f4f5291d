import math
import random
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import oracle
from samcore import (
    AgeBand,
    Duration,
    Employee,
    Employment,
    Gender,
    InvalidValueError,
    Month,
    OverlappingPeriodsError,
    SickLeave,
    SickLeaveCell,
    SickLeavePeriod,
    UnknownEmployeeError,
    Window,
    Workforce,
    WorkingDays,
    from_json,
    sick_leave,
    sick_leave_trend,
    to_json,
)
from samcore import strategies as sst

Y2024 = Window.calendar_year(2024)
DAY = 40.0 / 7  # a full-time calendar day's hours
# Hours are counted in whole steps of 2**-32 h per employment and calendar month, so that
# sums are exact: a year of one employment is exact to twelve half-steps.
YEAR_TOLERANCE = 12 * 2**-33


def woman(eid: str = "e1", born: date | None = date(1980, 6, 1)) -> Employee:
    return Employee(id=eid, gender=Gender.WOMAN, birth_date=born)


def job(
    unit: str = "u1",
    start: date = date(2020, 1, 1),
    end: date | None = None,
    *,
    employee: str = "e1",
    fte: float = 1.0,
    weekly_hours: float = 40.0,
) -> Employment:
    return Employment(
        employee_id=employee, unit_id=unit, start=start, end=end, fte=fte, weekly_hours=weekly_hours
    )


def sick(start: date, end: date, extent: float = 1.0, eid: str = "e1") -> SickLeavePeriod:
    return SickLeavePeriod(employee_id=eid, start=start, end=end, extent=extent)


def hours(result: dict[str, SickLeave], unit: str = "u1") -> tuple[float, float]:
    """(short, long) hours of a unit, in full-time days (hours are exact to 2**-32 h per summand)."""
    s = result[unit]
    short = s.rate(duration=Duration.SHORT).numerator
    long = s.rate(duration=Duration.LONG).numerator
    return round(short / DAY, 6), round(long / DAY, 6)


class TestRelapseRule:
    """Sjuklönelagen 7 § 3 st.: "a sick period that starts at most five calendar days after the
    previous one ended (new start − old end ≤ 5 days) continues the same spell"."""

    def test_exactly_five_days_continues(self) -> None:
        """Jan 1-10 then Jan 15-24 (15 − 10 = 5): the second period is day 11-20, so 4 short, 6 long."""
        periods = [
            sick(date(2024, 1, 1), date(2024, 1, 10)),
            sick(date(2024, 1, 15), date(2024, 1, 24)),
        ]
        assert (14, 6) == hours(sick_leave([woman()], [job()], periods, Y2024))

    def test_six_days_is_a_new_spell(self) -> None:
        """Jan 1-10 then Jan 16-25 (16 − 10 = 6): both spells are all short."""
        periods = [
            sick(date(2024, 1, 1), date(2024, 1, 10)),
            sick(date(2024, 1, 16), date(2024, 1, 25)),
        ]
        assert (20, 0) == hours(sick_leave([woman()], [job()], periods, Y2024))

    def test_monday_then_sunday_is_new_spell(self) -> None:
        """Sick Monday, healthy Tuesday-Saturday, sick Sunday: a new spell (the DOMAIN.md example)."""
        periods = [
            sick(date(2024, 1, 1), date(2024, 1, 14)),  # Monday two weeks: days 1-14
            sick(date(2024, 1, 15), date(2024, 1, 15)),  # the Monday after: day 15 (touching)
            sick(date(2024, 1, 21), date(2024, 1, 21)),  # Sunday: 21 − 15 = 6, a new spell
        ]
        assert (15, 1) == hours(sick_leave([woman()], [job()], periods, Y2024))

    def test_healthy_days_between_are_not_counted(self) -> None:
        """Day numbers count sick days only: 10 sick, 4 healthy, then the 11th sick day."""
        periods = [
            sick(date(2024, 1, 1), date(2024, 1, 10)),
            sick(date(2024, 1, 15), date(2024, 1, 18)),
        ]
        assert (14, 0) == hours(sick_leave([woman()], [job()], periods, Y2024))

    def test_relapse_days_keyword(self) -> None:
        """relapse_days=0 makes every period a spell of its own."""
        periods = [
            sick(date(2024, 1, 1), date(2024, 1, 10)),
            sick(date(2024, 1, 12), date(2024, 1, 21)),
        ]
        assert (14, 6) == hours(sick_leave([woman()], [job()], periods, Y2024))
        assert (20, 0) == hours(sick_leave([woman()], [job()], periods, Y2024, relapse_days=0))


class TestShortLong:
    """ "Short = hours on day 1-14 of a sick spell, long = day 15 onward ... Day numbers count sick
    calendar days of the spell, including days before the window being reported." (DOMAIN.md)"""

    def test_day_fourteen_and_fifteen(self) -> None:
        """A 15-day period: 14 short days and one long day."""
        assert (14, 1) == hours(
            sick_leave([woman()], [job()], [sick(date(2024, 3, 1), date(2024, 3, 15))], Y2024)
        )

    def test_spell_began_before_window(self) -> None:
        """Sick 2023-12-20..2024-01-10: in 2024, Jan 1-2 are days 13-14 (short), Jan 3-10 long."""
        result = sick_leave(
            [woman()], [job()], [sick(date(2023, 12, 20), date(2024, 1, 10))], Y2024
        )
        assert (2, 8) == hours(result)

    def test_spell_crossing_units(self) -> None:
        """A spell moving from u1 to u2 keeps its day numbers: u2 gets days 8-17."""
        jobs = [job("u1", end=date(2024, 1, 31)), job("u2", start=date(2024, 2, 1))]
        result = sick_leave([woman()], jobs, [sick(date(2024, 1, 25), date(2024, 2, 10))], Y2024)
        assert (7, 0) == hours(result, "u1")
        assert (7, 3) == hours(result, "u2")

    def test_partial_extent(self) -> None:
        """A 50 % period counts half of each day's hours and every day for numbering."""
        periods = [sick(date(2024, 1, 1), date(2024, 1, 20), 0.5)]
        assert (7, 3) == hours(sick_leave([woman()], [job()], periods, Y2024))

    def test_day_without_employment_carries_no_hours(self) -> None:
        """Sick days outside any employment carry no hours but still count in the spell."""
        jobs = [job(start=date(2024, 1, 11))]
        result = sick_leave([woman()], jobs, [sick(date(2024, 1, 1), date(2024, 1, 20))], Y2024)
        assert (4, 6) == hours(result)

    def test_employment_ending_mid_window(self) -> None:
        """Scheduled hours stop at the employment's end."""
        result = sick_leave([woman()], [job(end=date(2024, 6, 30))], [], Y2024)
        assert math.isclose(182 * DAY, result["u1"].scheduled_hours, abs_tol=YEAR_TOLERANCE)

    def test_part_time(self) -> None:
        """Scheduled hours scale with fte and weekly hours; the rate does not."""
        jobs = [job(fte=0.5, weekly_hours=38.25)]
        result = sick_leave(
            [woman()], jobs, [sick(date(2024, 1, 1), date(2024, 1, 366 - 335))], Y2024
        )
        assert math.isclose(
            366 * 38.25 * 0.5 / 7, result["u1"].scheduled_hours, abs_tol=YEAR_TOLERANCE
        )
        assert math.isclose(31 / 366, result["u1"].rate().value or 0, rel_tol=1e-7)


class TestLongTermShare:
    """ "share of sick hours that belong to a continuous absence of 60 days or more" (lag om
    kommunal bokföring och redovisning); judged at the window's last day."""

    def test_run_reaching_sixty_in_window(self) -> None:
        """A run of 60 days ending in the window: all its hours are long-term."""
        result = sick_leave(
            [woman()], [job()], [sick(date(2024, 10, 1), date(2024, 11, 29))], Y2024
        )
        assert 1.0 == result["u1"].long_term_share().value

    def test_fifty_nine_days_is_not(self) -> None:
        """59 days is not long-term."""
        result = sick_leave(
            [woman()], [job()], [sick(date(2024, 10, 1), date(2024, 11, 28))], Y2024
        )
        assert 0.0 == result["u1"].long_term_share().value

    def test_threshold_reached_only_after_window(self) -> None:
        """A run from Nov 15 to Jan 31 has 47 days by Dec 31: not long-term in 2024, but in R12 2025-01."""
        periods = [sick(date(2024, 11, 15), date(2025, 1, 31))]
        assert 0.0 == sick_leave([woman()], [job()], periods, Y2024)["u1"].long_term_share().value
        r12 = Window.rolling12(Month(year=2025, month=1))
        assert 1.0 == sick_leave([woman()], [job()], periods, r12)["u1"].long_term_share().value

    def test_touching_periods_join_a_run(self) -> None:
        """Touching periods (no gap) form one run; a one-day gap splits it."""
        touching = [
            sick(date(2024, 3, 1), date(2024, 3, 31)),
            sick(date(2024, 4, 1), date(2024, 4, 30), 0.5),
        ]
        gap = [sick(date(2024, 3, 1), date(2024, 3, 31)), sick(date(2024, 4, 2), date(2024, 5, 1))]
        assert 1.0 == sick_leave([woman()], [job()], touching, Y2024)["u1"].long_term_share().value
        assert 0.0 == sick_leave([woman()], [job()], gap, Y2024)["u1"].long_term_share().value

    def test_run_started_before_window(self) -> None:
        """Days before the window count toward the 60: a run from 2023-11-15 to 2024-01-20."""
        periods = [sick(date(2023, 11, 15), date(2024, 1, 20))]
        assert 1.0 == sick_leave([woman()], [job()], periods, Y2024)["u1"].long_term_share().value


class TestGroups:
    """Statutory disclosure: rates for women and men and for ages 29 or younger, 30-49, 50 or older."""

    @pytest.mark.parametrize(
        ("born", "band"),
        [
            (date(1995, 1, 1), AgeBand.UP_TO_29),
            (date(1994, 12, 31), AgeBand.FROM_30_TO_49),
            (date(1975, 1, 1), AgeBand.FROM_30_TO_49),
            (date(1974, 12, 31), AgeBand.FROM_50),
        ],
    )
    def test_age_on_window_last_day(self, born: date, band: AgeBand) -> None:
        """Age is completed years on the window's last day (29/30, 49/50 edges)."""
        result = sick_leave([woman(born=born)], [job()], [], Y2024)
        assert 1 == result["u1"].headcount(age_band=band)

    def test_gender_slices_and_unspecified(self) -> None:
        """Unspecified gender counts in the total only."""
        staff = [
            woman("a"),
            Employee(id="b", gender=Gender.MAN),
            Employee(id="c", gender=Gender.UNSPECIFIED),
        ]
        jobs = [job(employee=e) for e in ("a", "b", "c")]
        periods = [sick(date(2024, 1, 1), date(2024, 1, 10), eid="c")]
        s = sick_leave(staff, jobs, periods, Y2024)["u1"]
        assert (3, 1, 1) == (
            s.headcount(),
            s.headcount(gender=Gender.WOMAN),
            s.headcount(gender=Gender.MAN),
        )
        assert 0.0 == s.rate(gender=Gender.WOMAN).value == s.rate(gender=Gender.MAN).value
        assert (s.rate().value or 0) > 0

    def test_key_groups_and_filters(self) -> None:
        """key picks the group; None leaves the employment out."""
        staff = [woman("a"), woman("b")]
        jobs = [job("u1", employee="a"), job("u2", employee="b")]
        result = sick_leave(
            staff, jobs, [], Y2024, key=lambda e, j: "kept" if j.unit_id == "u1" else None
        )
        assert ["kept"] == list(result)
        assert 1 == result["kept"].headcount()

    def test_two_jobs_one_group_one_head(self) -> None:
        """An employee with two employments in one group counts once, and both jobs' hours add."""
        jobs = [job(fte=0.5), job(fte=0.5)]
        s = sick_leave([woman()], jobs, [], Y2024)["u1"]
        assert 1 == s.headcount()
        assert math.isclose(366 * DAY, s.scheduled_hours, abs_tol=2 * YEAR_TOLERANCE)


class TestErrors:
    """Overlapping periods and unknown employees are errors, never silently wrong numbers."""

    @pytest.mark.parametrize("given", [float("nan"), -1.0, "8", None])
    def test_a_schedule_giving_no_hours_is_named(self, given: object) -> None:
        """A schedule of one's own that gives no finite number of hours from 0 is refused by name."""

        class Broken:
            def hours(self, employment: Employment, start: date, end: date) -> object:
                return given

        with pytest.raises(InvalidValueError, match="'schedule' must give a finite number"):
            sick_leave([woman()], [job()], [], Y2024, schedule=Broken())  # type: ignore[call-overload]

    def test_overlap_names_employee_and_both_periods(self) -> None:
        """Two periods sharing a day raise OverlappingPeriodsError naming both."""
        periods = [
            sick(date(2024, 1, 1), date(2024, 1, 10)),
            sick(date(2024, 1, 10), date(2024, 1, 12)),
        ]
        with pytest.raises(
            OverlappingPeriodsError,
            match=r"'e1': 2024-01-01..2024-01-10 and 2024-01-10..2024-01-12",
        ):
            sick_leave([woman()], [job()], periods, Y2024)

    def test_overlap_of_employee_without_employment(self) -> None:
        """Overlaps are found even for an employee with no employment."""
        periods = [
            sick(date(2024, 1, 1), date(2024, 1, 10)),
            sick(date(2024, 1, 5), date(2024, 1, 6)),
        ]
        with pytest.raises(OverlappingPeriodsError):
            sick_leave([woman()], [], periods, Y2024)

    def test_unknown_employee_in_period(self) -> None:
        """A period of an unknown employee raises UnknownEmployeeError (a KeyError)."""
        with pytest.raises(KeyError, match="'ghost'") as info:
            sick_leave(
                [woman()], [job()], [sick(date(2024, 1, 1), date(2024, 1, 2), eid="ghost")], Y2024
            )
        assert isinstance(info.value, UnknownEmployeeError)

    def test_unknown_employee_in_employment(self) -> None:
        """An employment of an unknown employee raises UnknownEmployeeError."""
        with pytest.raises(UnknownEmployeeError, match="'x'"):
            sick_leave([woman()], [job(employee="x")], [], Y2024)

    def test_duplicate_employee(self) -> None:
        """Two employees with one id are an error."""
        with pytest.raises(ValueError, match="'id' must be unique among employees"):
            sick_leave([woman(), woman()], [], [], Y2024)


class TestWorkingDays:
    """The Monday-Friday schedule minus Swedish public holidays, selectable by keyword."""

    def test_weekend_sick_days_carry_no_hours(self) -> None:
        """Sick Thursday to Easter Monday 2024: Good Friday, the weekend and Easter Monday carry no hours."""
        result = sick_leave(
            [woman()],
            [job()],
            [sick(date(2024, 3, 28), date(2024, 4, 1))],
            Y2024,
            schedule=WorkingDays(),
        )
        assert math.isclose(8.0, result["u1"].sick_hours)
        assert math.isclose(251 * 8.0, result["u1"].scheduled_hours)


def close(a: float, b: float) -> bool:
    """Equal hours: samcore rounds each summand to 2**-32 h, so allow 1e-8 h (36 µs) over a
    few summands; a wrong day is hours off."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-8)


class TestOracle:
    """Every figure equals a naive day-by-day walk of the same rules."""

    @given(sst.workforces(), sst.days(date(2022, 6, 1), date(2025, 12, 31)), st.integers(0, 400))
    def test_matches_day_by_day(self, w: Workforce, end: date, length: int) -> None:
        """Scheduled, short, long and long-term hours and headcounts match in every cell."""
        window = Window(start=end - timedelta(days=length), end=end)
        expected = oracle.sick_leave(w.employees, w.employments, w.periods, window)
        got = sick_leave(w.employees, w.employments, w.periods, window)
        cells: dict[oracle.Cell, list[float]] = {
            (unit, c.gender, c.age_band): [
                c.scheduled_hours,
                c.short_hours,
                c.long_hours,
                c.long_term_hours,
                c.headcount,
            ]
            for unit, s in got.items()
            for c in s.cells
        }
        assert expected.keys() == cells.keys()
        for cell, sums in expected.items():
            assert all(close(e, g) for e, g in zip(sums, cells[cell], strict=True)), (
                cell,
                sums,
                cells[cell],
            )

    @given(sst.workforces(), sst.months())
    def test_trend_equals_single_calls(self, w: Workforce, month: Month) -> None:
        """sick_leave_trend gives what sick_leave gives for each window."""
        windows = [Window.rolling12(month - k) for k in range(3)]
        trend = sick_leave_trend(w.employees, w.employments, w.periods, windows)
        for window in windows:
            assert sick_leave(w.employees, w.employments, w.periods, window) == trend[window]


class TestProperties:
    """Invariants of the figures."""

    @given(sst.workforces(max_employees=8), sst.months(), st.randoms(use_true_random=False))
    def test_partition_adds_up(self, w: Workforce, month: Month, rnd: random.Random) -> None:
        """Splitting employees into random parts and adding the parts' SickLeave gives the whole."""
        window = Window.rolling12(month)
        whole = sick_leave(w.employees, w.employments, w.periods, window)
        parts: list[list[Employee]] = [[], [], []]
        for e in w.employees:
            parts[rnd.randrange(3)].append(e)
        added: dict[str, SickLeave] = {}
        for part in parts:
            ids = {e.id for e in part}
            result = sick_leave(
                part,
                [j for j in w.employments if j.employee_id in ids],
                [p for p in w.periods if p.employee_id in ids],
                window,
            )
            for unit, s in result.items():
                added[unit] = added.get(unit, SickLeave()) + s
        assert whole.keys() == added.keys()
        for unit, s in whole.items():
            t = added[unit]
            assert s.headcount() == t.headcount()
            assert close(s.scheduled_hours, t.scheduled_hours)
            assert close(s.sick_hours, t.sick_hours)
            assert close(s.long_term_share().numerator, t.long_term_share().numerator)

    @given(sst.workforces(), sst.windows())
    def test_short_plus_long_and_bounds(self, w: Workforce, window: Window) -> None:
        """short + long = total, long-term <= sick, and every rate lies in [0, 1]."""
        for s in sick_leave(w.employees, w.employments, w.periods, window).values():
            total = s.rate()
            assert close(
                total.numerator,
                s.rate(duration=Duration.SHORT).numerator
                + s.rate(duration=Duration.LONG).numerator,
            )
            assert s.long_term_share().numerator <= s.sick_hours * (1 + 1e-9)
            for g in (None, *Gender):
                for r in (s.rate(gender=g), s.long_term_share(gender=g)):
                    assert r.value is None or 0 <= r.value <= 1 + 1e-9

    @given(sst.workforces(), sst.months(), sst.sick_leave_periods(st.just("e0")))
    def test_adding_a_period_never_lowers_sick_hours(
        self, w: Workforce, month: Month, extra: SickLeavePeriod
    ) -> None:
        """One more (non-overlapping) sick period never lowers any unit's sick hours."""
        mine = [p for p in w.periods if p.employee_id == "e0"]
        if any(p.start <= extra.end and extra.start <= p.end for p in mine):
            return
        window = Window.rolling12(month)
        before = sick_leave(w.employees, w.employments, w.periods, window)
        after = sick_leave(w.employees, w.employments, (*w.periods, extra), window)
        for unit, s in before.items():
            assert after[unit].sick_hours >= s.sick_hours - 1e-6


class TestArguments:
    """A bad argument is an InvalidValueError that names it, not an AttributeError inside."""

    def test_window(self) -> None:
        """The window is a Window."""
        with pytest.raises(InvalidValueError, match="'window' must be a Window"):
            sick_leave([], [], [], "2024")  # type: ignore[call-overload]

    def test_records(self) -> None:
        """Records of the wrong type are named with their place."""
        with pytest.raises(InvalidValueError, match=r"'periods\[0\]' must be a SickLeavePeriod"):
            sick_leave([], [], [None], Window.calendar_year(2024))  # type: ignore[list-item]
        with pytest.raises(InvalidValueError, match="'employees' must be an iterable of Employee"):
            sick_leave(None, [], [], Window.calendar_year(2024))  # type: ignore[call-overload]

    def test_schedule_and_key(self) -> None:
        """A schedule has hours(); a key is callable."""
        with pytest.raises(InvalidValueError, match="'schedule' must have an hours"):
            sick_leave([], [], [], Window.calendar_year(2024), schedule="weekdays")  # type: ignore[call-overload]
        with pytest.raises(InvalidValueError, match="'key' must be callable"):
            sick_leave([], [], [], Window.calendar_year(2024), key="unit_id")  # type: ignore[call-overload]

    def test_slices_take_enums(self) -> None:
        """rate(gender="woman") is refused, not a silent zero."""
        with pytest.raises(InvalidValueError, match="'gender' must be a Gender"):
            SickLeave().rate(gender="woman")  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match="'duration' must be a Duration or None"):
            SickLeave().rate(duration="long")  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match="'group' must be one of"):
            SickLeave().figures("women")

    def test_cells_not_a_string(self) -> None:
        """cells is a collection of SickLeaveCell."""
        with pytest.raises(InvalidValueError, match="'cells' must be a tuple of SickLeaveCell"):
            SickLeave(cells="x")  # type: ignore[arg-type]


class TestExactHours:
    """Hours are counted in whole steps of 2**-32 h in memory, so that every sum is exact."""

    def test_steps_must_be_the_hours(self) -> None:
        """Steps that are not the cell's hours are refused by name."""
        with pytest.raises(InvalidValueError, match="'exact'"):
            SickLeaveCell(
                gender=Gender.MAN, age_band=AgeBand.UNKNOWN, short_hours=1.0, exact=(0, 1, 0, 0)
            )

    def test_sums_do_not_depend_on_order(self) -> None:
        """A tenth of an hour added ten times, in any grouping, is the same count of steps."""
        tenth = SickLeaveCell(gender=Gender.MAN, age_band=AgeBand.UNKNOWN, short_hours=0.1)
        left = tenth
        for _ in range(9):
            left = left + tenth
        halves = (tenth + tenth + tenth + tenth + tenth) + (tenth + tenth + tenth + tenth + tenth)
        assert left.in_steps() == halves.in_steps()
        assert left.short_hours == halves.short_hours

    def test_read_back_from_json_counts_from_the_floats(self) -> None:
        """A cell read from JSON keeps its hours, not its steps, and still adds."""
        sick = sick_leave([woman()], [job()], [sick_days()], Y2024)["u1"]
        back = from_json(to_json(sick), SickLeave)
        assert sick == back
        assert all(c.exact is None for c in back.cells)
        assert [c.in_steps() for c in sick.cells] == [c.in_steps() for c in back.cells]


def sick_days() -> SickLeavePeriod:
    return sick(date(2024, 3, 1), date(2024, 3, 3))
