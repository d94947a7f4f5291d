import json
import math
import random
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import oracle
from samcore import (
    Employee,
    Employment,
    EmploymentType,
    EndReason,
    Gender,
    InvalidValueError,
    Month,
    Turnover,
    UnknownEmployeeError,
    Window,
    Workforce,
    from_json,
    to_json,
    turnover,
)
from samcore import strategies as sst

R12 = Window.rolling12(Month(year=2024, month=12))


def person(eid: str, gender: Gender = Gender.WOMAN) -> Employee:
    return Employee(id=eid, gender=gender)


def job(
    eid: str,
    unit: str,
    start: date,
    end: date | None = None,
    fte: float = 1.0,
    kind: EmploymentType = EmploymentType.PERMANENT,
    reason: EndReason | None = None,
) -> Employment:
    return Employment(
        employee_id=eid,
        unit_id=unit,
        start=start,
        end=end,
        fte=fte,
        employment_type=kind,
        end_reason=reason,
    )


def departures(jobs: list[Employment], window: Window = R12, gap_days: int | None = None) -> int:
    """Departures of employee "a" over all units."""
    result = turnover([person("a")], jobs, window, gap_days=gap_days)
    return sum(result.values(), Turnover()).departures()


class TestDepartures:
    """ "Personalomsättningen i arbetsmiljörapporten mäter samtliga medarbetare som helt har
    avslutat sin anställning" (seed 004): an employment that ends on day E inside the window is
    a departure unless the employee is employed again on E + 1 or after days off only."""

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
        """Ending Sunday 30 June and starting again Tuesday 2 July leaves a working day out."""
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


class TestRenewals:
    """A contract renewed "across a weekend or a short gap" is no departure: by default the days
    between must all be days off (weekends, public holidays, the midsummer, Christmas and New
    Year eves); with gap_days=n at most n calendar days may lie between."""

    @pytest.mark.parametrize(
        ("end", "start", "expected"),
        [
            # Friday to Monday: Saturday and Sunday between.
            (date(2024, 5, 3), date(2024, 5, 6), 0),
            # Wednesday 8 May to Friday 10 May: Ascension Day (Thursday) between.
            (date(2024, 5, 8), date(2024, 5, 10), 0),
            # Thursday 28 March to Tuesday 2 April: Good Friday, Easter Saturday to Monday.
            (date(2024, 3, 28), date(2024, 4, 2), 0),
            # Thursday 20 June to Monday 24 June: midsummer eve and day, Sunday.
            (date(2024, 6, 20), date(2024, 6, 24), 0),
            # Monday 23 December to Friday 27 December: Christmas Eve, Christmas Day, Boxing Day.
            (date(2024, 12, 23), date(2024, 12, 27), 0),
            # Friday 20 December to Friday 27 December: Monday 23 December is a working day.
            (date(2024, 12, 20), date(2024, 12, 27), 1),
            # Monday 30 December to Thursday 2 January: New Year's Eve and Day, across the year.
            (date(2024, 12, 30), date(2025, 1, 2), 0),
            # Friday 27 December to Thursday 2 January: Monday 30 December is a working day.
            (date(2024, 12, 27), date(2025, 1, 2), 1),
            # Monday 3 June to Wednesday 5 June: Tuesday 4 June is a working day.
            (date(2024, 6, 3), date(2024, 6, 5), 1),
        ],
    )
    def test_days_off_between(self, end: date, start: date, expected: int) -> None:
        """A renewal after days off only is no departure; one working day between makes one."""
        jobs = [job("a", "u", date(2020, 1, 1), end), job("a", "u", start)]
        assert expected == departures(jobs)

    def test_longest_run_of_days_off(self) -> None:
        """Friday 21 December 2018 to Thursday 27 December: five days off between, no departure."""
        jobs = [
            job("a", "u", date(2018, 1, 1), date(2018, 12, 21)),
            job("a", "u", date(2018, 12, 27)),
        ]
        assert 0 == departures(jobs, Window.calendar_year(2018))

    def test_ending_on_a_day_off(self) -> None:
        """Ending on Christmas Eve and starting again on the 27th: only days off between."""
        jobs = [
            job("a", "u", date(2020, 1, 1), date(2024, 12, 24)),
            job("a", "u", date(2024, 12, 27)),
        ]
        assert 0 == departures(jobs)

    @pytest.mark.parametrize(("gap_days", "expected"), [(0, 1), (1, 0), (2, 0)])
    def test_one_working_day_between(self, gap_days: int, expected: int) -> None:
        """Monday 3 June to Wednesday 5 June leaves one day between: a departure unless n >= 1."""
        jobs = [job("a", "u", date(2020, 1, 1), date(2024, 6, 3)), job("a", "u", date(2024, 6, 5))]
        assert 1 == departures(jobs)
        assert expected == departures(jobs, gap_days=gap_days)

    @pytest.mark.parametrize(("gap_days", "expected"), [(0, 1), (1, 1), (2, 0)])
    def test_calendar_days_under_gap_days(self, gap_days: int, expected: int) -> None:
        """With gap_days, Friday to Monday is two calendar days between, days off or not."""
        jobs = [job("a", "u", date(2020, 1, 1), date(2024, 5, 3)), job("a", "u", date(2024, 5, 6))]
        assert expected == departures(jobs, gap_days=gap_days)

    def test_gap_days_zero_is_the_next_day(self) -> None:
        """gap_days=0 asks for an employment active on E + 1, as a move is."""
        jobs = [job("a", "u", date(2020, 1, 1), date(2024, 6, 30)), job("a", "v", date(2024, 7, 1))]
        assert 0 == departures(jobs, gap_days=0)

    def test_move_after_a_weekend(self) -> None:
        """Leaving unit u on Friday and starting in unit v on Monday is a move, in neither unit."""
        jobs = [job("a", "u", date(2020, 1, 1), date(2024, 5, 3)), job("a", "v", date(2024, 5, 6))]
        t = turnover([person("a")], jobs, R12)
        assert (0, 0) == (t["u"].departures(), t["v"].departures())

    def test_renewal_after_the_window(self) -> None:
        """A contract ending on the window's last day, renewed in the next window, is no departure."""
        jobs = [
            job("a", "u", date(2024, 1, 1), date(2024, 12, 31)),
            job("a", "u", date(2025, 1, 2)),
        ]
        assert 0 == departures(jobs)

    def test_a_job_running_beside_covers_the_gap(self) -> None:
        """A second job still running on E + 1 keeps the person employed, whatever the next start."""
        jobs = [
            job("a", "u", date(2020, 1, 1), date(2024, 6, 3), fte=0.5),
            job("a", "v", date(2020, 1, 1), date(2024, 9, 30), fte=0.5),
            job("a", "u", date(2024, 11, 4)),
        ]
        t = turnover([person("a")], jobs, R12)
        assert (0, 1) == (t["u"].departures(), t["v"].departures())

    @given(
        sst.days(date(2000, 1, 1), date(2030, 12, 31)),
        st.integers(0, 8),
        st.none() | st.integers(0, 6),
    )
    def test_matches_a_walk_over_the_days(
        self, end: date, between: int, gap_days: int | None
    ) -> None:
        """Any gap of up to eight days is a departure exactly when the day-by-day walk says so."""
        jobs = [job("a", "u", end, end), job("a", "v", end + timedelta(days=between + 1))]
        expected = 0 if oracle.stays(jobs, end, gap_days) else 1
        assert expected == departures(jobs, Window.calendar_year(end.year), gap_days)


class TestRetirements:
    """ "I personalomsättningen ingår även pensionsavgångar. Under 2024 gick 166 medarbetare i
    pension" (seed 000): retirements are counted within the departures."""

    STAFF = (person("a"), person("b", Gender.MAN), person("c"), person("d", Gender.MAN))
    JOBS = (
        job("a", "u", date(1990, 1, 1), date(2024, 3, 31), reason=EndReason.RETIREMENT),
        job("b", "u", date(2015, 1, 1), date(2024, 5, 15), reason=EndReason.RESIGNATION),
        job(
            "c",
            "u",
            date(2023, 1, 9),
            date(2024, 6, 30),
            kind=EmploymentType.FIXED_TERM,
            reason=EndReason.END_OF_CONTRACT,
        ),
        job("d", "u", date(2010, 1, 1)),
    )

    def test_one_of_three(self) -> None:
        """Three departures, of which one retirement (a woman's)."""
        t = turnover(self.STAFF, self.JOBS, R12)["u"]
        assert (3, 1) == (t.departures(), t.retirements())
        assert (1, 0) == (
            t.retirements(gender=Gender.WOMAN),
            t.retirements(gender=Gender.MAN),
        )

    def test_a_retiree_rehired_by_the_hour(self) -> None:
        """Retiring on Friday and working by the hour from Monday is no departure, no retirement."""
        jobs = [
            job("a", "u", date(1990, 1, 1), date(2024, 5, 31), reason=EndReason.RETIREMENT),
            job("a", "u", date(2024, 6, 3), kind=EmploymentType.HOURLY),
        ]
        t = turnover([person("a")], jobs, R12)["u"]
        assert (0, 0) == (t.departures(), t.retirements())

    def test_two_jobs_ending_together(self) -> None:
        """The reason of the job the departure counts for (the larger fte) decides."""
        jobs = [
            job("a", "u", date(1990, 1, 1), date(2024, 5, 31), 0.75, reason=EndReason.RETIREMENT),
            job("a", "v", date(1990, 1, 1), date(2024, 5, 31), 0.25, reason=EndReason.OTHER),
        ]
        t = turnover([person("a")], jobs, R12)
        assert (1, 1, 0, 0) == (
            t["u"].departures(),
            t["u"].retirements(),
            t["v"].departures(),
            t["v"].retirements(),
        )

    def test_added(self) -> None:
        """Adding turnovers adds their retirements, gender by gender."""
        a = Turnover(departures={Gender.WOMAN: 2}, retirements={Gender.WOMAN: 1})
        b = Turnover(departures={Gender.WOMAN: 1, Gender.MAN: 1}, retirements={Gender.MAN: 1})
        assert (2, 1, 1) == (
            (a + b).retirements(),
            (a + b).retirements(gender=Gender.WOMAN),
            (a + b).retirements(gender=Gender.MAN),
        )

    def test_never_more_than_departures(self) -> None:
        """More retirements than departures of a gender is refused, naming both."""
        with pytest.raises(
            InvalidValueError,
            match=r"'retirements' must not exceed the departures of each gender "
            r"\(\{'woman': 2\}\) \(got \{'man': 1\}\)",
        ):
            Turnover(departures={Gender.WOMAN: 2}, retirements={Gender.MAN: 1})

    def test_on_the_wire_not_published(self) -> None:
        """Retirements go on the wire as departures do, and into no published figure or row."""
        t = turnover(self.STAFF, self.JOBS, R12)["u"]
        wire = json.loads(to_json(t))
        assert {"woman": 1} == wire["retirements"]
        assert t == from_json(to_json(t), Turnover)
        assert ["average_headcount", "percent"] == list(t.figures())
        assert all("retirements" not in row for row in t.rows())


class TestPermanentStaff:
    """Turnover of permanent staff only: a key that returns None for other employment types; a
    fixed-term contract renewed as permanent is still no departure."""

    @staticmethod
    def permanent(employee: Employee, employment: Employment) -> str | None:
        """The unit of a permanent employment; None leaves any other out."""
        if employment.employment_type is EmploymentType.PERMANENT:
            return employment.unit_id
        return None

    def test_fixed_term_made_permanent(self) -> None:
        """A fixed-term contract ending Friday, made permanent Monday: no departure either way."""
        jobs = [
            job("a", "u", date(2024, 1, 8), date(2024, 5, 3), kind=EmploymentType.FIXED_TERM),
            job("a", "u", date(2024, 5, 6)),
        ]
        assert 0 == turnover([person("a")], jobs, R12)["u"].departures()
        assert 0 == turnover([person("a")], jobs, R12, key=self.permanent)["u"].departures()

    def test_permanent_staying_on_by_the_hour(self) -> None:
        """A permanent job left for hourly work the next day is no departure of permanent staff."""
        jobs = [
            job("a", "u", date(2010, 1, 1), date(2024, 8, 31)),
            job("a", "u", date(2024, 9, 1), kind=EmploymentType.HOURLY),
        ]
        assert 0 == turnover([person("a")], jobs, R12, key=self.permanent)["u"].departures()

    def test_only_permanent_staff_counted(self) -> None:
        """Of a permanent and a fixed-term employee both leaving, permanent staff lose one of two."""
        staff = [person("a"), person("b"), person("c")]
        jobs = [
            job("a", "u", date(2010, 1, 1), date(2024, 6, 30)),
            job("b", "u", date(2024, 1, 1), date(2024, 6, 30), kind=EmploymentType.FIXED_TERM),
            job("c", "u", date(2010, 1, 1)),
        ]
        everyone = turnover(staff, jobs, R12)["u"]
        permanent = turnover(staff, jobs, R12, key=self.permanent)["u"]
        # Month-ends: a and b present January to June (6 each), c all twelve.
        assert (2, 24 / 12) == (everyone.departures(), everyone.average_headcount())
        assert (1, 18 / 12) == (permanent.departures(), permanent.average_headcount())


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


NEAR = st.builds(Month, year=st.integers(2022, 2026), month=st.integers(1, 12))
"""Months whose rolling twelve months meet the workforces' employments (2022-2025)."""


class TestAgainstOracle:
    """Departures, retirements and average headcount equal a month-by-month walk."""

    @given(sst.workforces(max_employees=6), NEAR, st.none() | st.integers(0, 5))
    def test_matches(self, w: Workforce, month: Month, gap_days: int | None) -> None:
        """Every unit's departures, retirements and average headcount match the naive count."""
        window = Window.rolling12(month)
        expected = oracle.turnover(w.employees, w.employments, window, gap_days)
        # A group whose only employment ended before its first month end is there, but empty.
        got = {
            k: v
            for k, v in turnover(w.employees, w.employments, window, gap_days=gap_days).items()
            if v.departures() or v.average_headcount()
        }
        assert expected.keys() == got.keys()
        for unit, (gone, retired, heads) in expected.items():
            assert (gone, retired) == (got[unit].departures(), got[unit].retirements())
            assert math.isclose(heads, got[unit].average_headcount(), abs_tol=1e-9)

    @given(sst.workforces(max_employees=8), sst.months(), st.randoms(use_true_random=False))
    def test_partition_adds_up(self, w: Workforce, month: Month, rnd: random.Random) -> None:
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
