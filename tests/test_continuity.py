from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

import oracle
from samcore import Employment
from samcore import strategies as sst
from samcore._continuity import LONGEST_DAYS_OFF, NextEmployment, continues

ONE = timedelta(days=1)


def job(start: date, end: date | None = None) -> Employment:
    return Employment(employee_id="e", unit_id="u", start=start, end=end)


class TestNextEmployment:
    """The first day after a day on which the person is employed again, from any of the jobs."""

    def test_a_long_job_around_a_short_one(self) -> None:
        """A job that began earlier and runs on covers the day after a short job inside it."""
        after = NextEmployment(
            [job(date(2024, 1, 1), date(2024, 12, 31)), job(date(2024, 3, 1), date(2024, 3, 31))]
        )
        assert date(2024, 4, 1) == after(date(2024, 3, 31))

    def test_next_start(self) -> None:
        """With nothing running on, the next job's first day."""
        after = NextEmployment([job(date(2024, 1, 1), date(2024, 5, 3)), job(date(2024, 5, 6))])
        assert date(2024, 5, 6) == after(date(2024, 5, 3))

    def test_nothing_after(self) -> None:
        """After the last job's end, nothing: None."""
        after = NextEmployment([job(date(2024, 1, 1), date(2024, 5, 3))])
        assert None is after(date(2024, 5, 3))

    def test_no_day_after_the_calendar(self) -> None:
        """An ongoing job gives no day after 9999-12-31."""
        assert None is NextEmployment([job(date(9999, 1, 1))])(date.max)

    @given(
        st.lists(
            st.tuples(
                sst.days(date(2024, 1, 1), date(2024, 3, 31)), st.integers(0, 40), st.booleans()
            ),
            min_size=1,
            max_size=6,
        ),
        sst.days(date(2023, 12, 1), date(2024, 5, 31)),
    )
    def test_matches_a_walk(self, spans: list[tuple[date, int, bool]], day: date) -> None:
        """The answer is the first later day on which some job is active, walking day by day."""
        jobs = sorted(
            (
                job(start, None if ongoing else start + timedelta(days=length))
                for start, length, ongoing in spans
            ),
            key=lambda j: j.start,
        )
        walked = next(
            (
                d
                for d in oracle.each_day(day + ONE, date(2024, 7, 1))
                if any(j.is_active(d) for j in jobs)
            ),
            None,
        )
        assert walked == NextEmployment(jobs)(day)


class TestContinues:
    """By default only days off may lie between (weekends, public holidays and the three eves);
    with gap_days=n at most n calendar days."""

    @given(
        sst.days(date(1990, 1, 1), date(2035, 12, 31)),
        st.integers(0, 12),
        st.none() | st.integers(0, 8),
    )
    def test_matches_a_walk(self, end: date, between: int, gap_days: int | None) -> None:
        """Employment resumed after ``between`` days continues exactly when the walk says so."""
        gap = [end + ONE * (k + 1) for k in range(between)]
        expected = (
            all(oracle.is_day_off(d) for d in gap) if gap_days is None else between <= gap_days
        )
        assert expected == continues(end, end + ONE * (between + 1), gap_days)

    def test_nothing_resumed(self) -> None:
        """No later employment: a departure, whatever the gap allowed."""
        assert (False, False) == (
            continues(date(2024, 5, 3), None, None),
            continues(date(2024, 5, 3), None, 99),
        )


class TestLongestDaysOff:
    """A gap longer than the longest run of days off holds a working day."""

    def test_christmas_2018(self) -> None:
        """Saturday 22 to Wednesday 26 December 2018 are five days off in a row."""
        run = [date(2018, 12, 22) + ONE * k for k in range(LONGEST_DAYS_OFF)]
        assert all(oracle.is_day_off(d) for d in run)
        assert not oracle.is_day_off(date(2018, 12, 27))

    def test_no_longer_run(self) -> None:
        """No run of days off in 1900-2200 is longer than LONGEST_DAYS_OFF."""
        longest = run = 0
        for day in oracle.each_day(date(1900, 1, 1), date(2200, 12, 31)):
            run = run + 1 if oracle.is_day_off(day) else 0
            longest = max(longest, run)
        assert LONGEST_DAYS_OFF == longest
