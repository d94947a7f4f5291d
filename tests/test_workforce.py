"""The prepared workforce, and the one-sweep computation of many windows."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samcore import (
    CalendarDays,
    Duration,
    Employee,
    Employment,
    Gender,
    InvalidValueError,
    Month,
    OverlappingPeriodsError,
    SickLeavePeriod,
    UnknownEmployeeError,
    Window,
    Workforce,
    WorkingDays,
    sick_leave,
    sick_leave_trend,
    staff_aged,
    turnover,
)
from samcore import strategies as sst

DAY = 40.0 / 7  # a full-time calendar day's hours


def person(born: date = date(1980, 6, 1)) -> Employee:
    return Employee(id="e1", gender=Gender.WOMAN, birth_date=born)


JOB = Employment(employee_id="e1", unit_id="u1", start=date(2020, 1, 1))


def sick(start: date, end: date) -> SickLeavePeriod:
    return SickLeavePeriod(employee_id="e1", start=start, end=end)


def days(window: Window, *periods: SickLeavePeriod) -> tuple[float, float, float]:
    """(short, long, long-term) sick days of u1 in a window, from a one-window call."""
    s = sick_leave([person()], [JOB], periods, window)["u1"]
    return (
        round(s.rate(duration=Duration.SHORT).numerator / DAY, 4),
        round(s.rate(duration=Duration.LONG).numerator / DAY, 4),
        round(s.long_term_share().numerator / DAY, 4),
    )


def r12(year: int, month: int) -> Window:
    return Window.rolling12(Month(year=year, month=month))


class TestWalkBack:
    """ "Day numbers count the spell's sick days only, including days before the window."
    (CONTRACT.md, Sick leave): only periods reaching the window are split, the spell and the run
    of the first one found by walking back through the periods close enough to continue them."""

    def test_spell_begun_before_the_window(self) -> None:
        """Ten days ending 29 Dec and a period from 3 Jan (gap 5): days 11-14 short, 15-20 long."""
        periods = (
            sick(date(2023, 12, 20), date(2023, 12, 29)),
            sick(date(2024, 1, 3), date(2024, 1, 12)),
        )
        assert (4.0, 6.0, 0.0) == days(r12(2024, 12), *periods)

    def test_gap_of_six_days_starts_a_new_spell(self) -> None:
        """Ten days ending 28 Dec and a period from 3 Jan (gap 6): a new spell, all short."""
        periods = (
            sick(date(2023, 12, 19), date(2023, 12, 28)),
            sick(date(2024, 1, 3), date(2024, 1, 12)),
        )
        assert (10.0, 0.0, 0.0) == days(r12(2024, 12), *periods)

    def test_walk_back_through_several_periods(self) -> None:
        """Three periods with gaps of four days make a spell of 55 days before the window; the
        run touching the window began 24 Nov, so 48 days by 10 Jan: long, not long-term."""
        periods = (
            sick(date(2023, 11, 1), date(2023, 11, 10)),
            sick(date(2023, 11, 14), date(2023, 11, 20)),
            sick(date(2023, 11, 24), date(2023, 12, 31)),
            sick(date(2024, 1, 1), date(2024, 1, 10)),
        )
        assert (0.0, 10.0, 0.0) == days(r12(2024, 12), *periods)

    def test_run_begun_before_the_window_reaches_sixty_days(self) -> None:
        """A run from 1 Nov touching a period to 10 Jan lasts 71 days: long-term in the window."""
        periods = (
            sick(date(2023, 11, 1), date(2023, 12, 31)),
            sick(date(2024, 1, 1), date(2024, 1, 10)),
        )
        assert (0.0, 10.0, 10.0) == days(r12(2024, 12), *periods)


class TestLongTermPerWindowEnd:
    """ "A continuous run of sick days that has reached 60 days or more by the window's last day;
    all its hours in the window are long-term" (CONTRACT.md): judged at each window's end."""

    def test_leap_day_is_the_sixtieth(self) -> None:
        """1 Jan - 15 Mar 2024: 31 days by 31 Jan (not long-term), 60 by 29 Feb (long-term)."""
        period = sick(date(2024, 1, 1), date(2024, 3, 15))
        trend = sick_leave_trend([person()], [JOB], [period], [r12(2024, m) for m in (1, 2, 3)])
        long_term = [trend[r12(2024, m)]["u1"].long_term_share().numerator / DAY for m in (1, 2, 3)]
        assert [0.0, 60.0, 75.0] == [round(d, 4) for d in long_term]

    def test_common_year_needs_march(self) -> None:
        """1 Jan - 15 Mar 2023: 59 days by 28 Feb (not long-term), long-term from March."""
        period = sick(date(2023, 1, 1), date(2023, 3, 15))
        trend = sick_leave_trend([person()], [JOB], [period], [r12(2023, m) for m in (2, 3)])
        long_term = [trend[r12(2023, m)]["u1"].long_term_share().numerator / DAY for m in (2, 3)]
        assert [0.0, 74.0] == [round(d, 4) for d in long_term]


class TestAgeBandPerWindowEnd:
    """ "Age is the completed years on the last day of the window" (CONTRACT.md, AgeBand)."""

    def test_band_changes_within_a_trend(self) -> None:
        """Born 15 June 1994: up to 29 in R12 2024-05, 30-49 from R12 2024-06, in one sweep."""
        trend = sick_leave_trend(
            [person(date(1994, 6, 15))], [JOB], [], [r12(2024, m) for m in (5, 6)]
        )
        bands = [[c.age_band.value for c in trend[r12(2024, m)]["u1"].cells] for m in (5, 6)]
        assert [["up_to_29"], ["30_to_49"]] == bands


class TestWorkforce:
    """A workforce indexed once answers as the functions do."""

    @given(sst.workforces(), sst.months(), st.integers(1, 13))
    def test_equals_the_functions(self, w: Workforce, month: Month, count: int) -> None:
        """Sick leave, a trend, turnover and staff aged equal the functions' on the same records."""
        windows = [Window.rolling12(month - k) for k in range(count)]
        assert sick_leave(w.employees, w.employments, w.periods, windows[0]) == w.sick_leave(
            windows[0]
        )
        assert sick_leave_trend(w.employees, w.employments, w.periods, windows) == (
            w.sick_leave_trend(windows)
        )
        assert turnover(w.employees, w.employments, windows[0]) == w.turnover(windows[0])
        on = windows[0].end
        assert staff_aged(w.employees, w.employments, on) == w.staff_aged(on)

    @given(
        sst.workforces(),
        st.lists(st.one_of(sst.windows(), sst.months().map(Window.rolling12)), max_size=6),
        st.sampled_from([CalendarDays(), WorkingDays()]),
    )
    def test_trend_equals_each_window(
        self, w: Workforce, windows: list[Window], schedule: CalendarDays | WorkingDays
    ) -> None:
        """Any windows, month windows or not, give in one trend what each gives alone."""
        trend = w.sick_leave_trend(windows, schedule=schedule)
        assert list(dict.fromkeys(windows)) == list(trend)
        for window in windows:
            assert w.sick_leave(window, schedule=schedule) == trend[window]

    def test_checks_at_construction(self) -> None:
        """Overlapping periods and unknown employees are refused when the workforce is built."""
        with pytest.raises(OverlappingPeriodsError, match="e1"):
            Workforce(
                employees=[person()],
                employments=[JOB],
                periods=[
                    sick(date(2024, 1, 1), date(2024, 1, 5)),
                    sick(date(2024, 1, 5), date(2024, 1, 6)),
                ],
            )
        with pytest.raises(UnknownEmployeeError, match="'e2'"):
            Workforce(
                employees=[person()],
                employments=[JOB],
                periods=[
                    SickLeavePeriod(employee_id="e2", start=date(2024, 1, 1), end=date(2024, 1, 2))
                ],
            )

    def test_bad_arguments_are_named(self) -> None:
        """A record of the wrong type and a key that is no callable are named."""
        with pytest.raises(InvalidValueError, match="employments"):
            Workforce(employees=[person()], employments=["u1"])
        staff = Workforce(employees=[person()], employments=[JOB])
        with pytest.raises(InvalidValueError, match="'key'"):
            staff.sick_leave(r12(2024, 12), key="unit")  # type: ignore[call-overload]
        with pytest.raises(InvalidValueError, match="'relapse_days'"):
            staff.sick_leave_trend([r12(2024, 12)], relapse_days=-1)
