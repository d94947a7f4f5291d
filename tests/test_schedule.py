from datetime import date, timedelta

import pytest
from hypothesis import given

from samcore import (
    CalendarDays,
    Employment,
    InvalidValueError,
    WorkingDays,
    swedish_public_holidays,
)
from samcore import strategies as sst

JOB = Employment(employee_id="e", unit_id="u", start=date(2000, 1, 1))


class TestSwedishHolidays:
    """Lag (1989:253) om allmänna helgdagar, plus the eves most agreements give off."""

    def test_2024(self) -> None:
        """The moving holidays of 2024: Good Friday 29/3, Easter Monday 1/4, Ascension 9/5,
        Midsummer Eve 21/6, Midsummer Day 22/6, All Saints' Day 2/11."""
        days = swedish_public_holidays(2024)
        for d in (
            date(2024, 3, 29),
            date(2024, 4, 1),
            date(2024, 5, 9),
            date(2024, 6, 21),
            date(2024, 6, 22),
            date(2024, 11, 2),
        ):
            assert d in days

    def test_eves_optional(self) -> None:
        """The three eves can be left out."""
        days = swedish_public_holidays(
            2024, midsummer_eve=False, christmas_eve=False, new_years_eve=False
        )
        assert not {date(2024, 6, 21), date(2024, 12, 24), date(2024, 12, 31)} & days
        assert 13 == len(days)


class TestWorkingDays:
    """Monday-Friday minus holidays, counted without walking the days."""

    @given(sst.days(), sst.days())
    def test_matches_walking(self, a: date, b: date) -> None:
        """The count equals a day-by-day walk over any range up to a few years."""
        start, end = min(a, b), max(a, b)
        end = min(end, start + timedelta(days=1500))
        walked = 0
        day = start
        while day <= end:
            walked += day.weekday() < 5 and day not in swedish_public_holidays(day.year)
            day += timedelta(days=1)
        assert walked == WorkingDays().days(start, end)

    @given(sst.days(), sst.days(), sst.days())
    def test_additive(self, a: date, b: date, c: date) -> None:
        """Hours over adjacent ranges add up, for both schedules."""
        x, y, z = sorted((a, b, c))
        for schedule in (CalendarDays(), WorkingDays()):
            whole = schedule.hours(JOB, x, z)
            if x <= y < z:
                parts = schedule.hours(JOB, x, y) + schedule.hours(JOB, y + timedelta(days=1), z)
                assert abs(whole - parts) < 1e-6


class TestChecks:
    """Schedules and holidays refuse arguments of the wrong type by name."""

    def test_eves_are_bools(self) -> None:
        """A string where a flag belongs is refused."""
        with pytest.raises(InvalidValueError, match="'christmas_eve' must be a bool"):
            WorkingDays(christmas_eve="no")  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match="'midsummer_eve' must be a bool"):
            swedish_public_holidays(2024, midsummer_eve=None)  # type: ignore[arg-type]

    @pytest.mark.parametrize("year", [0, 10000, "2024", None])
    def test_holidays_of_a_year(self, year: object) -> None:
        """The year is an int in 1..9999; the last year works."""
        with pytest.raises(InvalidValueError, match="'year' must be an int in 1..9999"):
            swedish_public_holidays(year)  # type: ignore[arg-type]
        assert date(9999, 12, 25) in swedish_public_holidays(9999)

    def test_days_take_dates(self) -> None:
        """A string where a day belongs is named."""
        with pytest.raises(InvalidValueError, match="'start' must be a datetime.date"):
            WorkingDays().days("2024-01-01", date(2024, 1, 2))  # type: ignore[arg-type]
