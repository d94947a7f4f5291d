from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

from builders import ORG
from samcore import (
    Answer,
    Dataset,
    DatasetError,
    Employee,
    Employment,
    ExtraTime,
    ExtraTimeKind,
    Gender,
    QuestionnaireAnswer,
    SickLeavePeriod,
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


def problems(**records: Any) -> tuple[str, ...]:
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
        text = "\n".join(problems)
        for needle in (
            "unknown unit 'zz'",
            "unknown employee 'b'",
            "unknown question 'nope'",
            "employees: ids given more than once: 'a'",
            "overlap",
        ):
            assert needle in text
        assert isinstance(info.value, ValueError)

    def test_wrong_record_type(self) -> None:
        """A record of the wrong type is named with its place."""
        with pytest.raises(DatasetError, match=r"employees\[0\]: must be a Employee"):
            Dataset(org=ORG, employees=["x"])

    def test_every_overlapping_sick_pair_not_only_neighbours(self) -> None:
        """A = 1-10, B = 2-3, C = 5-6: A overlaps B and C, B and C do not overlap."""
        a, b, c = sick(jan(1), jan(10)), sick(jan(2), jan(3)), sick(jan(5), jan(6))
        assert (
            "sick_leave[0] and sick_leave[1]: periods of employee 'a' overlap: "
            "2024-01-01..2024-01-10 and 2024-01-02..2024-01-03",
            "sick_leave[0] and sick_leave[2]: periods of employee 'a' overlap: "
            "2024-01-01..2024-01-10 and 2024-01-05..2024-01-06",
        ) == problems(sick_leave=[a, b, c])

    def test_overlapping_pairs_found_in_any_order(self) -> None:
        """The pairs are found whatever the order of the rows."""
        found = problems(
            sick_leave=[sick(jan(5), jan(6)), sick(jan(2), jan(3)), sick(jan(1), jan(10))]
        )
        assert 2 == len(found)
        assert found[0].startswith("sick_leave[2] and sick_leave[1]:")
        assert found[1].startswith("sick_leave[2] and sick_leave[0]:")

    def test_touching_sick_periods_do_not_overlap(self) -> None:
        """A period starting the day after another ends is no overlap."""
        assert () == problems(sick_leave=[sick(jan(1), jan(10)), sick(jan(11), jan(12))])

    def test_many_overlaps_listed_with_a_count_of_the_rest(self) -> None:
        """Thirty copies of one period make 435 pairs: twenty listed, the rest counted."""
        found = problems(sick_leave=[sick(jan(1), jan(10))] * 30)
        assert 21 == len(found)
        assert "sick_leave: 415 more pairs of overlapping periods not listed" == found[-1]

    def test_identical_employment_rows(self) -> None:
        """An employment row given twice is refused (it would double the hours), once."""
        row = job(jan(1), fte=0.5)
        assert (
            "employments[2]: must not repeat employments[0] (every field equal: employee 'a' "
            "in unit 'e1', 2024-01-01..ongoing, fte 0.5, weekly_hours 40.0)",
        ) == problems(employments=[row, job(jan(1), who="b"), row])

    def test_duplicate_not_reported_again_as_over_full_time(self) -> None:
        """Two identical full-time rows are one problem (the duplicate), not two."""
        found = problems(employments=[job(jan(1)), job(jan(1))])
        assert 1 == len(found)
        assert "must not repeat" in found[0]

    def test_over_full_time_on_one_day_refused(self) -> None:
        """Fte 0.6 and 0.6 sharing one day are refused, naming both rows, the day and the total."""
        found = problems(
            employments=[job(jan(1), jan(10), fte=0.6), job(jan(10), jan(20), unit="e2", fte=0.6)]
        )
        assert (
            "employments[0] and employments[1]: employments of employee 'a' must add up to at "
            "most fte 1 on every day (got fte 1.2 on 2024-01-10..2024-01-10)",
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
            "employments[0], employments[1] and employments[2]: employments of employee 'a' "
            "must add up to at most fte 1 on every day (got fte 1.2 on 2024-01-15..2024-01-20)",
        ) == found

    def test_ongoing_overlap_named_as_ongoing(self) -> None:
        """Two ongoing full-time jobs overlap from the later start on, without end."""
        found = problems(employments=[job(jan(1)), job(jan(3), unit="e2")])
        assert 1 == len(found)
        assert found[0].endswith("(got fte 2 on 2024-01-03..ongoing)")

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
