import random
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samcore import (
    Employee,
    Employment,
    EmploymentType,
    Gender,
    Headcount,
    InvalidValueError,
    UnknownEmployeeError,
    Workforce,
    from_json,
    staff_aged,
    to_json,
)
from samcore import strategies as sst

ON = date(2024, 12, 31)


def person(eid: str, born: date | None) -> Employee:
    return Employee(id=eid, gender=Gender.WOMAN, birth_date=born)


def job(eid: str, unit: str, start: date = date(2020, 1, 1), end: date | None = None) -> Employment:
    return Employment(employee_id=eid, unit_id=unit, start=start, end=end)


def counts(result: dict[str, Headcount]) -> dict[str, int]:
    return {unit: h.count for unit, h in result.items()}


class TestStaffAged:
    """ "Antalet medarbetare över 60 år har ökat markant. I december 2024 fanns 45 fler
    medarbetare i denna åldersgrupp" (seed 000): the employees aged 60 or more on a day."""

    @pytest.mark.parametrize(
        ("born", "expected"),
        [
            (date(1964, 12, 31), 1),  # turns 60 on the day: counts
            (date(1965, 1, 1), 0),  # turns 60 the day after: 59 on the day
            (date(1940, 6, 1), 1),
        ],
    )
    def test_sixtieth_birthday(self, born: date, expected: int) -> None:
        """Age is the completed years on the day: the 60th birthday counts, the eve does not."""
        assert {"u": expected} == counts(staff_aged([person("a", born)], [job("a", "u")], ON))

    def test_leap_day_birthday(self) -> None:
        """Born 29 February 1964: 60 on 1 March 2024 (a leap year: on 29 February itself)."""
        staff = [person("a", date(1964, 2, 29))]
        assert 0 == staff_aged(staff, [job("a", "u")], date(2024, 2, 28))["u"].count
        assert 1 == staff_aged(staff, [job("a", "u")], date(2024, 2, 29))["u"].count
        staff = [person("b", date(1964, 2, 29))]
        assert 0 == staff_aged(staff, [job("b", "u")], date(2025, 2, 28), age=61)["u"].count
        assert 1 == staff_aged(staff, [job("b", "u")], date(2025, 3, 1), age=61)["u"].count

    def test_no_birth_date_not_counted(self) -> None:
        """An employee without a birth date is in no count; the unit is there with 0."""
        assert {"u": 0} == counts(staff_aged([person("a", None)], [job("a", "u")], ON))

    def test_only_employments_active_on_the_day(self) -> None:
        """An employment that ended the day before, or starts the day after, does not count."""
        staff = [person(e, date(1950, 1, 1)) for e in "abc"]
        jobs = [
            job("a", "u", end=date(2024, 12, 30)),
            job("b", "u", start=date(2025, 1, 1)),
            job("c", "v", start=ON, end=ON),
        ]
        assert {"v": 1} == counts(staff_aged(staff, jobs, ON))

    def test_another_age(self) -> None:
        """age=55 counts from the 55th birthday."""
        staff = [person("a", date(1969, 12, 31)), person("b", date(1970, 1, 1))]
        jobs = [job("a", "u"), job("b", "u")]
        assert {"u": 1} == counts(staff_aged(staff, jobs, ON, age=55))

    def test_two_jobs_counted_once_in_the_sum(self) -> None:
        """A person with jobs in two units counts in each unit, and once when they are added."""
        staff = [person("a", date(1960, 5, 5)), person("b", date(1962, 1, 1))]
        jobs = [job("a", "u"), job("a", "v"), job("b", "v")]
        result = staff_aged(staff, jobs, ON)
        assert {"u": 1, "v": 2} == counts(result)
        total = result["u"] + result["v"]
        assert (2, frozenset({"a", "b"})) == (total.count, total.people)

    def test_two_jobs_in_one_unit(self) -> None:
        """Two jobs in one unit on the day count one person."""
        jobs = [job("a", "u"), job("a", "u", start=date(2021, 1, 1))]
        assert {"u": 1} == counts(staff_aged([person("a", date(1950, 1, 1))], jobs, ON))

    def test_key_selects(self) -> None:
        """A key returning None leaves employments out: permanent staff only."""
        staff = [person("a", date(1950, 1, 1)), person("b", date(1950, 1, 1))]
        jobs = [
            job("a", "u"),
            Employment(
                employee_id="b",
                unit_id="u",
                start=date(2024, 1, 1),
                employment_type=EmploymentType.HOURLY,
            ),
        ]

        def permanent(employee: Employee, employment: Employment) -> str | None:
            return "all" if employment.employment_type is EmploymentType.PERMANENT else None

        assert {"all": 1} == counts(staff_aged(staff, jobs, ON, key=permanent))

    def test_unknown_employee(self) -> None:
        """An employment naming an unknown employee raises UnknownEmployeeError."""
        with pytest.raises(UnknownEmployeeError):
            staff_aged([], [job("x", "u")], ON)

    def test_arguments_named(self) -> None:
        """A bad day, age or key is named."""
        with pytest.raises(InvalidValueError, match="'on' must be a datetime.date"):
            staff_aged([], [], "2024-12-31")  # type: ignore[call-overload]
        with pytest.raises(InvalidValueError, match="'age' must be an int in"):
            staff_aged([], [], ON, age=-1)
        with pytest.raises(InvalidValueError, match="'key' must be callable"):
            staff_aged([], [], ON, key="unit_id")  # type: ignore[call-overload]

    @given(
        sst.workforces(max_employees=8),
        sst.days(date(2022, 1, 1), date(2025, 12, 31)),
        st.integers(20, 70),
    )
    def test_sum_over_units_is_one_count_over_all(self, w: Workforce, on: date, age: int) -> None:
        """The units' counts added equal one count over all records, and a plain count."""
        by_unit = staff_aged(w.employees, w.employments, on, age=age)
        whole = staff_aged(w.employees, w.employments, on, age=age, key=lambda e, j: "all")
        added = sum(by_unit.values(), Headcount())
        plain = {
            e.id
            for e in w.employees
            for j in w.employments
            if j.employee_id == e.id
            and j.is_active(on)
            and e.birth_date is not None
            and (
                on.year
                - e.birth_date.year
                - ((on.month, on.day) < (e.birth_date.month, e.birth_date.day))
            )
            >= age
        }
        assert whole.get("all", Headcount()) == added
        assert (len(plain), plain) == (added.count, set(added.people or ()))

    @given(sst.workforces(max_employees=8), st.randoms(use_true_random=False))
    def test_partition_adds_up(self, w: Workforce, rnd: random.Random) -> None:
        """Splitting the employees in two and adding the parts' counts gives the whole."""
        parts: list[set[str]] = [set(), set()]
        for e in w.employees:
            parts[rnd.randrange(2)].add(e.id)
        whole = staff_aged(w.employees, w.employments, date(2024, 6, 30))
        added: dict[str, Headcount] = {}
        for ids in parts:
            part = staff_aged(
                [e for e in w.employees if e.id in ids],
                [j for j in w.employments if j.employee_id in ids],
                date(2024, 6, 30),
            )
            for unit, h in part.items():
                added[unit] = added.get(unit, Headcount()) + h
        assert whole == added


class TestHeadcount:
    """A distinct headcount is a monoid: "a person who moved units or holds two jobs counts once
    in the sum" (CONTRACT.md); ids never go on the wire."""

    @given(sst.headcounts(), sst.headcounts(), sst.headcounts())
    def test_laws(self, a: Headcount, b: Headcount, c: Headcount) -> None:
        """Associative, commutative, with Headcount() as identity, sum() starting from 0."""
        assert (a + b) + c == a + (b + c)
        assert a + b == b + a
        assert a == a + Headcount() == Headcount() + a == sum([a])

    @given(sst.headcounts(), sst.headcounts())
    def test_union(self, a: Headcount, b: Headcount) -> None:
        """The sum counts the union of the people behind both."""
        total = a + b
        assert (a.people or frozenset()) | (b.people or frozenset()) == (
            total.people or frozenset()
        )
        assert len(total.people or ()) == total.count

    def test_ids_not_on_the_wire(self) -> None:
        """JSON holds the count only."""
        assert '{"count": 2}' == to_json(Headcount(count=2, people=frozenset({"a", "b"})))

    def test_adding_values_read_back(self) -> None:
        """Two non-empty counts read from JSON cannot be added: the people are not known."""
        back = from_json('{"count": 2}', Headcount)
        assert back == back + Headcount()
        with pytest.raises(InvalidValueError, match="cannot add the headcounts"):
            back + back

    def test_ids_match_the_count(self) -> None:
        """The ids behind a count are as many as the count."""
        with pytest.raises(InvalidValueError, match="'people' must hold count = 2 ids"):
            Headcount(count=2, people=frozenset({"a"}))
        with pytest.raises(InvalidValueError, match="'count' must be an int >= 0"):
            Headcount(count=-1)
