import math
import random
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

import oracle
from samcore import (
    Employee,
    Employment,
    Gender,
    InvalidValueError,
    Month,
    Turnover,
    UnknownEmployeeError,
    Window,
    turnover,
)
from samcore import strategies as sst

R12 = Window.rolling12(Month(year=2024, month=12))


def person(eid: str, gender: Gender = Gender.WOMAN) -> Employee:
    return Employee(id=eid, gender=gender)


def job(eid: str, unit: str, start: date, end: date | None = None, fte: float = 1.0) -> Employment:
    return Employment(employee_id=eid, unit_id=unit, start=start, end=end, fte=fte)


class TestDepartures:
    """ "An employment that ends on day E inside the window is an external departure when no
    employment of the same employee is active on E + 1." (CONTRACT.md)"""

    def test_leaving_mid_window(self) -> None:
        """An employment ending in June with nothing after it is a departure."""
        t = turnover([person("a")], [job("a", "u", date(2020, 1, 1), date(2024, 6, 15))], R12)
        assert 1 == t["u"].departures()

    def test_internal_transfer_is_no_departure(self) -> None:
        """Ending in u on June 30 and starting in v on July 1 is a move, not a departure."""
        jobs = [job("a", "u", date(2020, 1, 1), date(2024, 6, 30)), job("a", "v", date(2024, 7, 1))]
        t = turnover([person("a")], jobs, R12)
        assert (0, 0) == (t["u"].departures(), t["v"].departures())

    def test_gap_of_a_day_is_a_departure(self) -> None:
        """A new employment starting two days later does not cover E + 1: the person left."""
        jobs = [job("a", "u", date(2020, 1, 1), date(2024, 6, 30)), job("a", "u", date(2024, 7, 2))]
        assert 1 == turnover([person("a")], jobs, R12)["u"].departures()

    def test_ending_on_window_last_day(self) -> None:
        """An employment ending on the window's last day is a departure of this window."""
        t = turnover([person("a")], [job("a", "u", date(2020, 1, 1), date(2024, 12, 31))], R12)
        assert 1 == t["u"].departures()
        assert (
            0
            == turnover(
                [person("a")],
                [job("a", "u", date(2020, 1, 1), date(2024, 12, 31))],
                R12.previous_year(),
            )["u"].departures()
        )

    def test_ending_before_window_not_counted(self) -> None:
        """An employment that ended on the day before the window is outside it."""
        t = turnover([person("a")], [job("a", "u", date(2020, 1, 1), date(2023, 12, 31))], R12)
        assert {} == t

    def test_two_jobs_ending_together_one_departure(self) -> None:
        """A person whose two jobs end the same day leaves once, counted where the fte is larger."""
        jobs = [
            job("a", "u", date(2020, 1, 1), date(2024, 5, 31), 0.25),
            job("a", "v", date(2020, 1, 1), date(2024, 5, 31), 0.75),
        ]
        t = turnover([person("a")], jobs, R12)
        assert (0, 1) == (t["u"].departures(), t["v"].departures())

    def test_by_gender(self) -> None:
        """Departures and rates split by gender."""
        staff = [person("a"), person("b", Gender.MAN)]
        jobs = [job("a", "u", date(2020, 1, 1), date(2024, 3, 3)), job("b", "u", date(2020, 1, 1))]
        t = turnover(staff, jobs, R12)["u"]
        assert (1, 0) == (t.departures(gender=Gender.WOMAN), t.departures(gender=Gender.MAN))
        assert 0.0 == t.rate(gender=Gender.MAN).value


class TestAverageHeadcount:
    """ "Average headcount: the mean, over the months whose last day lies in the window, of
    distinct employees with an active employment on that last day." (CONTRACT.md)"""

    def test_month_end_edges(self) -> None:
        """Starting on Jan 31 counts for January; ending on Jan 30 does not."""
        jobs = [
            job("a", "u", date(2024, 1, 31)),
            job("b", "u", date(2023, 1, 1), date(2024, 1, 30)),
        ]
        t = turnover([person("a"), person("b")], jobs, R12)["u"]
        assert math.isclose(12 / 12, t.average_headcount())

    def test_half_year(self) -> None:
        """Six month-ends of twelve give an average of 0.5."""
        t = turnover([person("a")], [job("a", "u", date(2024, 7, 1))], R12)["u"]
        assert 0.5 == t.average_headcount()

    def test_two_jobs_count_once(self) -> None:
        """Two jobs in one unit on one month-end count one head."""
        jobs = [job("a", "u", date(2020, 1, 1), fte=0.5), job("a", "u", date(2020, 1, 1), fte=0.5)]
        assert 1.0 == turnover([person("a")], jobs, R12)["u"].average_headcount()

    def test_unknown_employee(self) -> None:
        """An employment naming an unknown employee raises UnknownEmployeeError."""
        with pytest.raises(UnknownEmployeeError):
            turnover([], [job("x", "u", date(2024, 1, 1))], R12)


class TestMonoid:
    """Turnover is a monoid over groups of the same window."""

    @given(sst.turnovers(12), sst.turnovers(12), sst.turnovers(12))
    def test_laws(self, a: Turnover, b: Turnover, c: Turnover) -> None:
        """Associative, commutative, with Turnover() as identity."""
        assert (a + b) + c == a + (b + c)
        assert a + b == b + a
        assert a == a + Turnover() == Turnover() + a

    def test_different_windows_do_not_add(self) -> None:
        """Adding turnovers over different numbers of months is refused."""
        with pytest.raises(InvalidValueError, match="'months' must match"):
            Turnover(months=12) + Turnover(months=11)


class TestAgainstOracle:
    """Departures and average headcount equal a month-by-month walk."""

    @given(sst.workforces(max_employees=6), sst.months())
    def test_matches(self, w: sst.Workforce, month: Month) -> None:
        """Every unit's departures and average headcount match the naive count."""
        window = Window.rolling12(month)
        expected = oracle.turnover(w.employees, w.employments, window)
        # A group whose only employment ended before its first month end is there, but empty.
        got = {
            k: v
            for k, v in turnover(w.employees, w.employments, window).items()
            if v.departures() or v.average_headcount()
        }
        assert expected.keys() == got.keys()
        for unit, (departures, heads) in expected.items():
            assert departures == got[unit].departures()
            assert math.isclose(heads, got[unit].average_headcount(), abs_tol=1e-9)

    @given(sst.workforces(max_employees=8), sst.months(), st.randoms(use_true_random=False))
    def test_partition_adds_up(self, w: sst.Workforce, month: Month, rnd: random.Random) -> None:
        """Splitting the employees and adding the parts' Turnover gives the whole."""
        window = Window.rolling12(month)
        whole = turnover(w.employees, w.employments, window)
        added: dict[str, Turnover] = {}
        parts: list[set[str]] = [set(), set()]
        for e in w.employees:
            parts[rnd.randrange(2)].add(e.id)
        for ids in parts:
            part = turnover(
                [e for e in w.employees if e.id in ids],
                [j for j in w.employments if j.employee_id in ids],
                window,
            )
            for unit, t in part.items():
                added[unit] = added.get(unit, Turnover()) + t
        assert whole == added


class TestChecks:
    """Counts per gender refuse what is no gender; presence agrees with the counts."""

    def test_key_that_is_no_gender(self) -> None:
        """'female' is refused by name, not silently dropped."""
        with pytest.raises(InvalidValueError, match="'departures key' must be a Gender"):
            Turnover(departures={"female": 1})  # type: ignore[dict-item]
        with pytest.raises(InvalidValueError, match="'head_months key' must be a Gender"):
            Turnover(head_months={"woman": 12}, months=12)  # type: ignore[dict-item]

    def test_presence_masks_within_the_months(self) -> None:
        """A person's mask has bits only for the window's month-ends."""
        with pytest.raises(InvalidValueError, match=r"'presence\[man\]\[e\]' must be a bit mask"):
            Turnover(head_months={Gender.MAN: 3}, months=2, presence={Gender.MAN: {"e": 0b111}})
        with pytest.raises(InvalidValueError, match="'presence' must match head_months"):
            Turnover(head_months={Gender.MAN: 1}, months=2, presence={Gender.MAN: {"e": 0b11}})

    def test_methods_take_a_gender(self) -> None:
        """A string where a Gender belongs is named."""
        with pytest.raises(InvalidValueError, match="'gender' must be a Gender or None"):
            Turnover().departures(gender="woman")  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match="'group' must be one of"):
            Turnover().figures("women")

    def test_arguments_named(self) -> None:
        """turnover names a bad argument."""
        with pytest.raises(InvalidValueError, match="'window' must be a Window"):
            turnover([], [], None)  # type: ignore[call-overload]
        with pytest.raises(InvalidValueError, match="'key' must be callable"):
            turnover([], [], Window.calendar_year(2024), key="unit_id")  # type: ignore[call-overload]

    def test_leaving_on_the_last_day_of_the_calendar(self) -> None:
        """An employment ending 9999-12-31 in the window is a departure: there is no day after."""
        staff = [Employee(id="e", gender=Gender.MAN)]
        jobs = [Employment(employee_id="e", unit_id="u", start=date(9999, 1, 1), end=date.max)]
        assert 1 == turnover(staff, jobs, Window.calendar_year(9999))["u"].departures()

    def test_groups_sorted(self) -> None:
        """Groups come sorted by unit id, whatever the order of the records."""
        staff = [Employee(id=f"e{i}", gender=Gender.MAN) for i in range(3)]
        jobs = [
            Employment(employee_id=f"e{i}", unit_id=u, start=date(2020, 1, 1))
            for i, u in enumerate("cab")
        ]
        assert ["a", "b", "c"] == list(turnover(staff, jobs, Window.calendar_year(2024)))
