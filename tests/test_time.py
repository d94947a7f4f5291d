from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samcore import InvalidValueError, Month, Window
from samcore import strategies as sst


class TestMonth:
    """R12 windows are built from months: "R12 2024-12 is 2024-01-01..2024-12-31"."""

    def test_parse_and_str_round_trip(self) -> None:
        """A month reads and writes as YYYY-MM."""
        assert "2024-12" == str(Month.parse("2024-12"))

    @pytest.mark.parametrize("text", ["2024-13", "2024-1", "24-01", "2024/01", ""])
    def test_parse_rejects_bad_text(self, text: str) -> None:
        """Text that is not a real YYYY-MM month raises a ValueError naming it."""
        with pytest.raises(InvalidValueError, match="'month'"):
            Month.parse(text)

    def test_arithmetic(self) -> None:
        """Adding and subtracting months crosses year ends; month minus month is an int."""
        dec = Month(year=2024, month=12)
        assert Month(year=2025, month=1) == dec + 1
        assert Month(year=2023, month=12) == dec - 12
        assert 23 == dec - Month(year=2023, month=1)

    def test_leap_february(self) -> None:
        """February's last day follows the leap-year rule, 2000 and 2100 included."""
        assert date(2024, 2, 29) == Month(year=2024, month=2).last_day
        assert date(2000, 2, 29) == Month(year=2000, month=2).last_day
        assert date(2100, 2, 28) == Month(year=2100, month=2).last_day

    def test_invalid_month(self) -> None:
        """A month outside 1..12 raises with field, rule and value."""
        with pytest.raises(ValueError, match=r"'month' must be an int in 1\.\.12 \(got 0\)"):
            Month(year=2024, month=0)

    def test_of_date(self) -> None:
        """Month.of gives the month a day falls in."""
        assert Month(year=2024, month=2) == Month.of(date(2024, 2, 29))

    @given(sst.months(), st.integers(-500, 500))
    def test_add_then_subtract_is_identity(self, month: Month, n: int) -> None:
        """(m + n) - n == m and (m + n) - m == n for any month and shift."""
        assert month == (month + n) - n
        assert n == (month + n) - month

    @given(sst.months(), sst.months())
    def test_order_matches_difference(self, a: Month, b: Month) -> None:
        """Months order as their difference says."""
        assert (a < b) == (b - a > 0)


class TestWindow:
    """Dates are inclusive of both ends; R12 is "the twelve months ending with that month"."""

    def test_rolling12_december(self) -> None:
        """R12 2024-12 is 2024-01-01..2024-12-31."""
        assert Window(start=date(2024, 1, 1), end=date(2024, 12, 31)) == Window.rolling12(
            Month(year=2024, month=12)
        )

    def test_rolling12_ending_leap_february(self) -> None:
        """R12 2024-02 is 2023-03-01..2024-02-29, 366 days."""
        w = Window.rolling12(Month(year=2024, month=2))
        assert (date(2023, 3, 1), date(2024, 2, 29), 366) == (w.start, w.end, w.days)

    def test_previous_year_of_r12_moves_twelve_months(self) -> None:
        """The previous year of R12 2024-02 is R12 2023-02, ending on 28 February."""
        assert (
            Window.rolling12(Month(year=2023, month=2))
            == Window.rolling12(Month(year=2024, month=2)).previous_year()
        )

    def test_previous_year_of_arbitrary_window(self) -> None:
        """A window that is not whole months moves both ends back a year; 29 Feb becomes 28 Feb."""
        w = Window(start=date(2024, 2, 29), end=date(2024, 3, 15))
        assert Window(start=date(2023, 2, 28), end=date(2023, 3, 15)) == w.previous_year()

    def test_end_before_start_raises(self) -> None:
        """End < start raises, naming the field."""
        with pytest.raises(InvalidValueError, match="'end' must be on or after start"):
            Window(start=date(2024, 1, 2), end=date(2024, 1, 1))

    def test_datetime_is_rejected(self) -> None:
        """A datetime is not a day: the window refuses it."""
        from datetime import datetime

        with pytest.raises(InvalidValueError, match="'start' must be a datetime.date"):
            Window(start=datetime(2024, 1, 1), end=date(2024, 1, 2))

    def test_contains_edges(self) -> None:
        """Both edge days are in the window; the days beside them are not."""
        w = Window.calendar_year(2024)
        assert date(2024, 1, 1) in w
        assert date(2024, 12, 31) in w
        assert date(2023, 12, 31) not in w
        assert date(2025, 1, 1) not in w

    def test_months_whose_last_day_lies_inside(self) -> None:
        """Months lists the months whose last day is in the window."""
        w = Window(start=date(2024, 1, 31), end=date(2024, 3, 30))
        assert [Month(year=2024, month=1), Month(year=2024, month=2)] == list(w.months)

    @given(sst.months())
    def test_rolling12_has_twelve_months(self, month: Month) -> None:
        """Every R12 window holds exactly twelve month ends and ends on the anchor's last day."""
        w = Window.rolling12(month)
        assert 12 == len(w.months)
        assert month.last_day == w.end
        assert w.days in (365, 366)


class TestCalendarEdges:
    """Arithmetic at the ends of the calendar (years 1 and 9999) raises InvalidValueError."""

    def test_previous_year_of_the_last_year(self) -> None:
        """The calendar year 9999 has a year before it, whole months or not."""
        assert Window.calendar_year(9998) == Window.calendar_year(9999).previous_year()
        last = Window(start=date(9999, 3, 15), end=date(9999, 12, 31))
        assert Window(start=date(9998, 3, 15), end=date(9998, 12, 31)) == last.previous_year()
        assert last.is_whole_months is False
        assert Window(start=date(9999, 12, 1), end=date(9999, 12, 31)).is_whole_months

    @pytest.mark.parametrize(
        ("move", "shown"),
        [
            (lambda: Month(year=9999, month=12) + 1, "9999-12 + 1"),
            (lambda: Month(year=1, month=1) - 1, "0001-01 - 1"),
            (lambda: Month(year=2024, month=1) + 10**30, "2024-01 + 1" + "0" * 30),
            (lambda: Month(year=2024, month=1) - 10**30, "2024-01 - 1" + "0" * 30),
        ],
    )
    def test_months_beyond_the_calendar(self, move: Any, shown: str) -> None:
        """A month moved out of 0001-01..9999-12 is an InvalidValueError naming the move."""
        with pytest.raises(InvalidValueError) as info:
            move()
        assert (
            f"'months' must keep the month within 0001-01..9999-12 (got {shown}) for a month"
            == str(info.value)
        )

    def test_no_year_before_year_1(self) -> None:
        """R12 cannot start before year 1, nor a window go a year back from year 1."""
        with pytest.raises(InvalidValueError, match="'months' must keep the month"):
            Window.rolling12(Month(year=1, month=11))
        assert date(1, 1, 1) == Window.rolling12(Month(year=1, month=12)).start
        with pytest.raises(InvalidValueError, match="'start' must be in year 2 or later"):
            Window.calendar_year(1).previous_year()

    @pytest.mark.parametrize("year", [0, 10000, "2024", True, 2024.0, None])
    def test_calendar_year_takes_a_year(self, year: object) -> None:
        """calendar_year takes an int in 1..9999, nothing else."""
        with pytest.raises(InvalidValueError, match="'year' must be an int in 1..9999"):
            Window.calendar_year(year)  # type: ignore[arg-type]

    def test_bad_arguments_named(self) -> None:
        """A string where a date or a Month belongs is named, not an AttributeError."""
        with pytest.raises(InvalidValueError, match="'day' must be a datetime.date"):
            Month.of("2024-01-01")  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match="'month' must be a Month"):
            Window.rolling12("2024-12")  # type: ignore[arg-type]
