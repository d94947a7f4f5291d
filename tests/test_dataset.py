from datetime import date, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import ORG, risk
from samcore import (
    Answer,
    Dataset,
    DatasetError,
    Delegation,
    Diagnostics,
    Employee,
    Employment,
    ExtraTime,
    ExtraTimeKind,
    Gender,
    Incident,
    IncidentKind,
    InvalidValueError,
    Problem,
    QuestionnaireAnswer,
    RiskBand,
    RiskMatrix,
    SickLeavePeriod,
    UncoveredSickDays,
    Window,
    from_json,
    to_json,
)
from samcore import strategies as sst
from samcore.examples import municipality

STAFF = (Employee(id="a", gender=Gender.WOMAN), Employee(id="b", gender=Gender.MAN))


def job(
    start: date, end: date | None = None, *, who: str = "a", unit: str = "e1", fte: float = 1.0
) -> Employment:
    """An employment of ``who`` in ``unit``."""
    return Employment(employee_id=who, unit_id=unit, start=start, end=end, fte=fte)


def sick(start: date, end: date, *, who: str = "a") -> SickLeavePeriod:
    """A full-time sick-leave period of ``who``."""
    return SickLeavePeriod(employee_id=who, start=start, end=end)


def extra(day: date, *, unit: str = "e1", who: str = "a") -> ExtraTime:
    """Two hours of overtime of ``who`` in ``unit``."""
    return ExtraTime(employee_id=who, unit_id=unit, day=day, hours=2.0, kind=ExtraTimeKind.OVERTIME)


def problems(**records: Any) -> tuple[Problem, ...]:
    """The problems a dataset of STAFF and the given records is refused for (none: accepted)."""
    try:
        Dataset(org=ORG, employees=STAFF, **records)
    except DatasetError as error:
        return error.problems
    return ()


def jan(day: int) -> date:
    """A day of January 2024."""
    return date(2024, 1, day)


class TestDataset:
    """ "construction checks every reference ... and raises one DatasetError listing every problem
    found, not just the first." (CONTRACT.md)"""

    def test_every_problem_listed(self) -> None:
        """Unknown units, employees and questions, duplicates and overlaps are all reported."""
        with pytest.raises(DatasetError) as info:
            Dataset(
                org=ORG,
                employees=[
                    Employee(id="a", gender=Gender.MAN),
                    Employee(id="a", gender=Gender.MAN),
                ],
                employments=[Employment(employee_id="b", unit_id="zz", start=date(2024, 1, 1))],
                sick_leave=[
                    SickLeavePeriod(employee_id="a", start=date(2024, 1, 1), end=date(2024, 1, 5)),
                    SickLeavePeriod(employee_id="a", start=date(2024, 1, 5), end=date(2024, 1, 6)),
                ],
                answers=[
                    QuestionnaireAnswer(
                        unit_id="k", year=2024, question_id="nope", answer=Answer.YES
                    )
                ],
            )
        problems = info.value.problems
        assert 5 == len(problems)
        assert {
            ("$.employments[0].unit_id", "unknown_unit", "unknown unit 'zz' (not in org)"),
            (
                "$.employments[0].employee_id",
                "unknown_employee",
                "unknown employee 'b' (not in employees)",
            ),
            (
                "$.answers[0].question_id",
                "unknown_question",
                "unknown question 'nope' (not in template '2024', used for 2024)",
            ),
            (
                "$.employees[1].id",
                "duplicate_id",
                "ids given more than once: 'a' (employees[0], employees[1])",
            ),
            (
                "$.sick_leave[1]",
                "overlap",
                "sick_leave[0] and sick_leave[1]: periods of employee 'a' overlap: "
                "2024-01-01..2024-01-05 and 2024-01-05..2024-01-06",
            ),
        } == {(p.path, p.code, p.message) for p in problems}
        assert "unknown unit 'zz' (not in org) @ $.employments[0].unit_id" in str(info.value)
        assert isinstance(info.value, ValueError)

    def test_duplicate_ids_each_named_at_their_repetition(self) -> None:
        """Every repeated id is named at its first repetition; an answer by its row."""
        answer = QuestionnaireAnswer(unit_id="k", year=2024, question_id="q", answer=Answer.YES)
        with pytest.raises(DatasetError) as info:
            Dataset(
                org=ORG,
                employees=[*STAFF, STAFF[1], STAFF[0], STAFF[0]],
                answers=[answer, answer],
            )
        assert [
            ("$.employees[2].id", "ids given more than once: 'b' (employees[1], employees[2])"),
            (
                "$.employees[3].id",
                "ids given more than once: 'a' (employees[0], employees[3], employees[4])",
            ),
            ("$.answers[1]", "ids given more than once: 'k/2024/q' (answers[0], answers[1])"),
        ] == [(p.path, p.message) for p in info.value.problems if p.code == "duplicate_id"]

    def test_many_duplicate_ids_counted(self) -> None:
        """Past twenty repeated ids the rest are counted in one problem."""
        staff = [Employee(id=f"p{n:02}", gender=Gender.MAN) for n in range(25)]
        with pytest.raises(DatasetError) as info:
            Dataset(org=ORG, employees=staff + staff)
        found = info.value.problems
        assert 21 == len(found)
        assert (
            Problem(
                path="$.employees",
                code="duplicate_id",
                message="5 more ids given more than once not listed",
            )
            == found[-1]
        )

    def test_wrong_record_type(self) -> None:
        """A record of the wrong type is named with its place."""
        with pytest.raises(DatasetError) as info:
            Dataset(org=ORG, employees=["x"])
        assert (
            Problem(path="$.employees[0]", code="type", message="must be an Employee (got 'x')"),
        ) == info.value.problems

    def test_every_overlapping_sick_pair_not_only_neighbours(self) -> None:
        """A = 1-10, B = 2-3, C = 5-6: A overlaps B and C, B and C do not overlap."""
        a, b, c = sick(jan(1), jan(10)), sick(jan(2), jan(3)), sick(jan(5), jan(6))
        assert (
            Problem(
                path="$.sick_leave[1]",
                code="overlap",
                message="sick_leave[0] and sick_leave[1]: periods of employee 'a' overlap: "
                "2024-01-01..2024-01-10 and 2024-01-02..2024-01-03",
            ),
            Problem(
                path="$.sick_leave[2]",
                code="overlap",
                message="sick_leave[0] and sick_leave[2]: periods of employee 'a' overlap: "
                "2024-01-01..2024-01-10 and 2024-01-05..2024-01-06",
            ),
        ) == problems(sick_leave=[a, b, c])

    def test_overlapping_pairs_found_in_any_order(self) -> None:
        """The pairs are found whatever the order of the rows."""
        found = problems(
            sick_leave=[sick(jan(5), jan(6)), sick(jan(2), jan(3)), sick(jan(1), jan(10))]
        )
        assert 2 == len(found)
        assert found[0].message.startswith("sick_leave[2] and sick_leave[1]:")
        assert found[1].message.startswith("sick_leave[2] and sick_leave[0]:")
        assert ["$.sick_leave[1]", "$.sick_leave[0]"] == [p.path for p in found]

    def test_touching_sick_periods_do_not_overlap(self) -> None:
        """A period starting the day after another ends is no overlap."""
        assert () == problems(sick_leave=[sick(jan(1), jan(10)), sick(jan(11), jan(12))])

    def test_many_overlaps_listed_with_a_count_of_the_rest(self) -> None:
        """Thirty copies of one period make 435 pairs: twenty listed, the rest counted."""
        found = problems(sick_leave=[sick(jan(1), jan(10))] * 30)
        assert 21 == len(found)
        assert (
            Problem(
                path="$.sick_leave",
                code="overlap",
                message="415 more pairs of overlapping periods not listed",
            )
            == found[-1]
        )

    def test_identical_employment_rows(self) -> None:
        """An employment row given twice is refused (it would double the hours), once."""
        row = job(jan(1), fte=0.5)
        assert (
            Problem(
                path="$.employments[2]",
                code="duplicate_row",
                message="must not repeat employments[0] (every field equal: employee 'a' "
                "in unit 'e1', 2024-01-01..ongoing, fte 0.5, weekly_hours 40.0)",
            ),
        ) == problems(employments=[row, job(jan(1), who="b"), row])

    def test_duplicate_not_reported_again_as_over_full_time(self) -> None:
        """Two identical full-time rows are one problem (the duplicate), not two."""
        found = problems(employments=[job(jan(1)), job(jan(1))])
        assert 1 == len(found)
        assert "must not repeat" in found[0].message
        assert "duplicate_row" == found[0].code

    def test_over_full_time_on_one_day_refused(self) -> None:
        """Fte 0.6 and 0.6 sharing one day are refused, naming both rows, the day and the total."""
        found = problems(
            employments=[job(jan(1), jan(10), fte=0.6), job(jan(10), jan(20), unit="e2", fte=0.6)]
        )
        assert (
            Problem(
                path="$.employments[1]",
                code="over_full_time",
                message="employments[0] and employments[1]: employments of employee 'a' must add "
                "up to at most fte 1 on every day (got fte 1.2 on 2024-01-10..2024-01-10)",
            ),
        ) == found

    def test_half_and_half_accepted(self) -> None:
        """Two half-time jobs at the same time make full time: accepted."""
        assert () == problems(employments=[job(jan(1), fte=0.5), job(jan(1), unit="e2", fte=0.5)])

    def test_back_to_back_employments_do_not_overlap(self) -> None:
        """A job ending the day before the next starts is no overlap, full time or not."""
        assert () == problems(employments=[job(jan(1), jan(9)), job(jan(10))])

    def test_three_jobs_over_full_time_together(self) -> None:
        """Three 0.4 jobs exceed full time only where all three run, and only that is reported."""
        found = problems(
            employments=[
                job(jan(1), jan(20), fte=0.4),
                job(jan(5), None, unit="e2", fte=0.4),
                job(jan(15), jan(25), unit="n", fte=0.4),
            ]
        )
        assert (
            Problem(
                path="$.employments[2]",
                code="over_full_time",
                message="employments[0], employments[1] and employments[2]: employments of "
                "employee 'a' must add up to at most fte 1 on every day "
                "(got fte 1.2 on 2024-01-15..2024-01-20)",
            ),
        ) == found

    def test_ongoing_overlap_named_as_ongoing(self) -> None:
        """Two ongoing full-time jobs overlap from the later start on, without end."""
        found = problems(employments=[job(jan(1)), job(jan(3), unit="e2")])
        assert 1 == len(found)
        assert found[0].message.endswith("(got fte 2 on 2024-01-03..ongoing)")
        assert "$.employments[1]" == found[0].path

    def test_each_employee_on_their_own(self) -> None:
        """Jobs of two different people never add up."""
        assert () == problems(employments=[job(jan(1)), job(jan(1), who="b")])

    @settings(max_examples=50)
    @given(sst.datasets())
    def test_generated_datasets_build(self, data: Dataset) -> None:
        """The shipped strategy builds datasets that pass every check, again when rebuilt."""
        assert data == attrs.evolve(data)

    def test_example_municipality_builds(self) -> None:
        """The example municipality passes every check."""
        assert 200 <= len(municipality(employees=200).employees)


@st.composite
def small_records(draw: st.DrawFn) -> tuple[list[Employment], list[SickLeavePeriod]]:
    """A few employments (overlapping freely, within full time) and non-overlapping sick periods
    of two people, within a few weeks."""
    jobs: list[Employment] = []
    periods: list[SickLeavePeriod] = []
    for who in ("a", "b"):
        for _ in range(draw(st.integers(0, 4))):
            start = jan(1) + timedelta(days=draw(st.integers(0, 50)))
            length = draw(st.none() | st.integers(0, 20))
            end = None if length is None else start + timedelta(days=length)
            unit = draw(st.sampled_from(["e1", "e2"]))
            jobs.append(job(start, end, who=who, unit=unit, fte=0.25))
        day = jan(1) - timedelta(days=draw(st.integers(0, 10)))
        for _ in range(draw(st.integers(0, 5))):
            day += timedelta(days=draw(st.integers(0, 8)))
            end = day + timedelta(days=draw(st.integers(0, 12)))
            periods.append(sick(day, end, who=who))
            day = end + timedelta(days=1)
    return list(dict.fromkeys(jobs)), periods


class TestDiagnostics:
    """Dataset.diagnostics(): what the records hold that no figure counts, for the back office."""

    def test_sick_days_partly_outside_employment(self) -> None:
        """Days before the start and after the end of employment are counted, exactly."""
        data = Dataset(
            org=ORG,
            employees=STAFF,
            employments=[job(date(2024, 2, 1), date(2024, 6, 30)), job(jan(1), who="b")],
            sick_leave=[
                sick(jan(29), date(2024, 2, 2)),
                sick(date(2024, 6, 25), date(2024, 7, 3)),
                sick(jan(8), jan(9), who="b"),
            ],
        )
        assert (
            UncoveredSickDays(
                employee_id="a",
                spans=[
                    Window(start=jan(29), end=jan(31)),
                    Window(start=date(2024, 7, 1), end=date(2024, 7, 3)),
                ],
            ),
        ) == data.diagnostics().uncovered_sick_days
        assert 6 == data.diagnostics().uncovered_sick_days[0].days

    def test_gap_between_employments(self) -> None:
        """A sick period spanning a gap between two jobs is uncovered only in the gap."""
        data = Dataset(
            org=ORG,
            employees=STAFF[:1],
            employments=[job(jan(1), jan(9)), job(jan(13), unit="e2", fte=0.5)],
            sick_leave=[sick(jan(5), jan(20))],
        )
        found = data.diagnostics().uncovered_sick_days
        assert ((jan(10), jan(12)),) == tuple((w.start, w.end) for w in found[0].spans)

    def test_touching_uncovered_ranges_joined(self) -> None:
        """Two touching sick periods outside employment give one day range."""
        data = Dataset(
            org=ORG,
            employees=STAFF[:1],
            sick_leave=[sick(jan(1), jan(3)), sick(jan(4), jan(5))],
        )
        assert (Window(start=jan(1), end=jan(5)),) == data.diagnostics().uncovered_sick_days[
            0
        ].spans

    def test_employee_without_employment(self) -> None:
        """An employee with no employment at all is named, and so are their sick days."""
        data = Dataset(
            org=ORG,
            employees=STAFF,
            employments=[job(jan(1))],
            sick_leave=[sick(jan(2), jan(3), who="b")],
        )
        found = data.diagnostics()
        assert ("b",) == found.employees_without_employment
        assert ["b"] == [u.employee_id for u in found.uncovered_sick_days]
        assert not found.is_clean

    def test_extra_time_in_a_unit_without_employment(self) -> None:
        """Extra time booked to another unit, or after the job ended, is listed in dataset order."""
        wrong_unit, after_end, fine = extra(jan(5), unit="e2"), extra(jan(11)), extra(jan(10))
        data = Dataset(
            org=ORG,
            employees=STAFF[:1],
            employments=[job(jan(1), jan(10))],
            extra_time=[after_end, fine, wrong_unit],
        )
        assert (after_end, wrong_unit) == data.diagnostics().extra_time_outside_employment

    def test_extra_time_in_the_second_of_two_jobs(self) -> None:
        """Extra time in either of two simultaneous jobs is in place."""
        data = Dataset(
            org=ORG,
            employees=STAFF[:1],
            employments=[job(jan(1), fte=0.5), job(jan(3), unit="e2", fte=0.5)],
            extra_time=[extra(jan(4), unit="e2"), extra(jan(4))],
        )
        assert data.diagnostics().is_clean

    def test_data_span(self) -> None:
        """The span runs from the first to the last day any dated record names."""
        incident = Incident(
            id="i1",
            unit_id="e1",
            occurred_on=date(2024, 12, 30),
            kind=IncidentKind.NEAR_MISS,
            closed_on=date(2025, 2, 1),
        )
        data = Dataset(
            org=ORG,
            employees=STAFF[:1],
            employments=[job(date(2020, 3, 1))],
            sick_leave=[sick(date(2021, 1, 1), date(2021, 1, 2))],
            extra_time=[extra(date(2024, 5, 1))],
            incidents=[incident],
        )
        assert Window(start=date(2020, 3, 1), end=date(2025, 2, 1)) == data.diagnostics().span

    def test_empty_dataset_is_clean_without_span(self) -> None:
        """A dataset without records has no span and nothing to report."""
        assert Diagnostics() == Dataset(org=ORG).diagnostics()

    def test_round_trips_as_json(self) -> None:
        """The diagnostics go to JSON and back unchanged (for back-office tools)."""
        data = Dataset(
            org=ORG,
            employees=STAFF,
            employments=[job(jan(1), jan(10))],
            sick_leave=[sick(jan(8), jan(12))],
            extra_time=[extra(jan(5), unit="e2")],
        )
        found = data.diagnostics()
        assert found == from_json(to_json(found), Diagnostics)

    @given(small_records())
    def test_uncovered_days_match_a_day_by_day_count(
        self, records: tuple[list[Employment], list[SickLeavePeriod]]
    ) -> None:
        """Per employee, the uncovered days are exactly the sick days no employment covers."""
        jobs, periods = records
        found = Dataset(
            org=ORG, employees=STAFF, employments=jobs, sick_leave=periods
        ).diagnostics()
        expected: dict[str, set[date]] = {}
        for period in periods:
            for n in range(period.days):
                day = period.start + timedelta(days=n)
                if not any(j.is_active(day) for j in jobs if j.employee_id == period.employee_id):
                    expected.setdefault(period.employee_id, set()).add(day)
        assert {who: len(days) for who, days in expected.items()} == {
            u.employee_id: u.days for u in found.uncovered_sick_days
        }
        assert expected == {
            u.employee_id: {w.start + timedelta(days=n) for w in u.spans for n in range(w.days)}
            for u in found.uncovered_sick_days
        }


class TestUncoveredSickDays:
    """One employee's sick days outside employment, as day ranges."""

    def test_days_sum_the_spans(self) -> None:
        """The day count is the sum of the ranges' days."""
        spans = [Window(start=jan(1), end=jan(3)), Window(start=jan(10), end=jan(10))]
        assert 4 == UncoveredSickDays(employee_id="a", spans=spans).days

    def test_spans_must_be_windows(self) -> None:
        """A span that is not a Window is refused, naming the field."""
        with pytest.raises(ValueError, match=r"'spans\[0\]' must be a Window"):
            UncoveredSickDays(employee_id="a", spans=[(jan(1), jan(2))])


class TestExampleIsClean:
    """The example municipality holds nothing that no figure counts."""

    def test_diagnostics_clean(self) -> None:
        """No sick day outside employment, no employee without one, no stray extra time."""
        from samcore.examples import municipality

        assert municipality(employees=1500).diagnostics().is_clean


class TestPlausibleRecords:
    """Risks fit the matrix, nobody works before birth, fields hold tuples of their records."""

    def test_risk_off_the_default_matrix(self) -> None:
        """Probability 3 and consequence 9 fit no 5×5 matrix: the dataset says so."""
        off = risk("r9", "e1", probability=3, consequence=9)
        (problem,) = problems(risks=[off])
        assert ("$.risks[0]", "off_matrix") == (problem.path, problem.code)
        assert problem.message.startswith("risk 'r9' does not fit risk_matrix: 'consequence'")
        big = RiskMatrix(
            probability_levels=9,
            consequence_levels=9,
            bands=[RiskBand(name="Alla", minimum=1, maximum=81, colour="grey")],
        )
        assert (off,) == Dataset(org=ORG, risks=[off], risk_matrix=big).risks

    def test_employment_before_birth(self) -> None:
        """An employment that starts before its employee was born is refused."""
        staff = [Employee(id="a", gender=Gender.WOMAN, birth_date=date(2001, 5, 1))]
        with pytest.raises(
            DatasetError, match=r"2000-01-01 must not .* @ \$\.employments\[0\]\.start"
        ):
            Dataset(org=ORG, employees=staff, employments=[job(date(2000, 1, 1))])

    @pytest.mark.parametrize("given", ["ab", None, {"a": 1}, 5])
    def test_field_not_a_collection(self, given: object) -> None:
        """A string or a scalar where records belong is named, not split or crashed on."""
        with pytest.raises(DatasetError, match=r"must be a tuple of Employee .* @ \$\.employees"):
            Dataset(org=ORG, employees=given)

    def test_unknown_ids_name_the_field_they_miss_from(self) -> None:
        """An unknown employee and an unknown unit are each named at their field, with a code."""
        found = problems(employments=[job(date(2024, 1, 1), who="x", unit="y")])
        assert {
            ("$.employments[0].unit_id", "unknown_unit"),
            ("$.employments[0].employee_id", "unknown_employee"),
        } == {(p.path, p.code) for p in found}


class TestDelegationTop:
    """ "A chain of delegations starts at the top of the organisation" (DOMAIN.md): a dataset
    with delegations names that top, the people who hold the tasks without a delegation.
    """

    DELEGATION = Delegation(id="d1", unit_id="e1", delegator_id="kd", delegate_id="m1")

    def test_delegations_without_a_top(self) -> None:
        """Delegations and no top: exactly one problem, no_top at $.delegation_top."""
        (problem,) = problems(delegations=[self.DELEGATION])
        assert ("$.delegation_top", "no_top") == (problem.path, problem.code)
        assert "the people who hold the work-environment tasks" in problem.message

    def test_top_given(self) -> None:
        """With a top the delegations are accepted, kept as a frozenset of ids."""
        data = Dataset(org=ORG, delegations=[self.DELEGATION], delegation_top=["kd", "ordf", "kd"])
        assert frozenset({"kd", "ordf"}) == data.delegation_top

    def test_top_that_delegates_nothing(self) -> None:
        """A top id that never appears as a delegator is no problem; nor is a top without delegations."""
        assert () == problems(delegations=[self.DELEGATION], delegation_top=("ordf",))
        assert () == problems(delegation_top=("ordf",))

    def test_no_delegations_need_no_top(self) -> None:
        """The top defaults to none, which is fine without delegations."""
        assert frozenset() == Dataset(org=ORG).delegation_top

    @pytest.mark.parametrize("given", ["kd", ["kd", " "], [["kd"]], 5])
    def test_top_is_a_set_of_ids(self, given: object) -> None:
        """One id as a string, a blank id or something else than ids is refused by name."""
        with pytest.raises(
            InvalidValueError, match="'delegation_top' must be a frozenset of non-empty strings"
        ):
            Dataset(org=ORG, delegation_top=given)

    def test_top_round_trips_as_json(self) -> None:
        """The top goes to JSON as a sorted array of ids, and back."""
        data = Dataset(org=ORG, delegations=[self.DELEGATION], delegation_top={"ordf", "kd"})
        text = to_json(data)
        assert '"delegation_top": ["kd", "ordf"]' in text
        assert data == from_json(text, Dataset)
