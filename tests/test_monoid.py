"""Adding many values at once: Summable.sum_of and the distinct headcounts behind it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import reduce
from operator import add
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samcore import (
    ActionPlanSummary,
    AgeBand,
    AnswerTally,
    CaseCount,
    Certification,
    ExtraHours,
    Gender,
    Headcount,
    HealthFactorSummary,
    IncidentSummary,
    InvalidValueError,
    Managers,
    Measure,
    OpenMeasure,
    Ratio,
    RehabSummary,
    SickLeave,
    SickLeaveCell,
    SurveyResult,
    SurveySummary,
    Turnover,
    Window,
)
from samcore import strategies as sst
from samcore._certification import latest_certifications, managers_among
from samcore._monoid import Summable, add_people
from samcore._risks import _rank

SUMMABLE: list[tuple[type[Summable], st.SearchStrategy[Any]]] = [
    (SickLeave, sst.sick_leaves()),
    (Turnover, sst.turnovers(12)),
    (Headcount, sst.headcounts()),
    (Managers, sst.managers()),
    (IncidentSummary, sst.incident_summaries()),
    (ActionPlanSummary, sst.action_plan_summaries()),
    (SurveySummary, sst.survey_summaries()),
    (SurveyResult, sst.survey_results()),
    (RehabSummary, sst.rehab_summaries()),
    (CaseCount, sst.case_counts()),
    (HealthFactorSummary, sst.health_factor_summaries()),
    (ExtraHours, sst.extra_hours()),
    (AnswerTally, sst.answer_tallies()),
    (Ratio, sst.ratios()),
]


def everything(value: Any) -> Any:
    """A value with every field, the in-memory ones (people, presence) too, for exact comparison."""
    if attrs.has(value.__class__):
        return (
            value.__class__,
            tuple((f.name, everything(getattr(value, f.name))) for f in attrs.fields(type(value))),
        )
    if isinstance(value, Mapping):
        return (dict, tuple((k, everything(v)) for k, v in value.items()))
    if isinstance(value, tuple):
        return tuple(everything(v) for v in value)
    return value


class TestSumOf:
    """``sum_of(values)`` is adding them one by one, left to right: "a monoid" (CONTRACT.md),
    with every distinct person counted once and the people behind each count kept in memory."""

    @pytest.mark.parametrize(("kind", "values"), SUMMABLE, ids=[k.__name__ for k, _ in SUMMABLE])
    @settings(max_examples=30)
    @given(data=st.data())
    def test_equals_adding_one_by_one(
        self, kind: type[Summable], values: st.SearchStrategy[Any], data: st.DataObject
    ) -> None:
        """The n-ary sum equals the left fold of ``+``: figures, order and the people behind them."""
        given_values = data.draw(st.lists(values, min_size=1, max_size=5))
        assert everything(reduce(add, given_values)) == everything(kind.sum_of(given_values))

    @pytest.mark.parametrize(("kind", "values"), SUMMABLE, ids=[k.__name__ for k, _ in SUMMABLE])
    @settings(max_examples=10)
    @given(data=st.data())
    def test_builtin_sum_agrees(
        self, kind: type[Summable], values: st.SearchStrategy[Any], data: st.DataObject
    ) -> None:
        """``sum(values)`` from 0 gives the same value as ``sum_of``."""
        given_values = data.draw(st.lists(values, min_size=1, max_size=4))
        assert everything(sum(given_values)) == everything(kind.sum_of(given_values))

    @pytest.mark.parametrize("kind", [k for k, _ in SUMMABLE], ids=lambda k: k.__name__)
    def test_nothing_is_the_zero(self, kind: type[Summable]) -> None:
        """No value adds up to the zero of the class."""
        assert kind() == kind.sum_of([])

    def test_one_value_is_itself(self) -> None:
        """A single value is its own sum, people and all."""
        one = Headcount(count=1, people=frozenset({"a"}))
        assert one is Headcount.sum_of([one])

    def test_people_counted_once(self) -> None:
        """Three units holding a, b and a again count two people, the ids joined."""
        parts = [Headcount(count=1, people=frozenset({p})) for p in "aba"]
        total = Headcount.sum_of(parts)
        assert (2, frozenset({"a", "b"})) == (total.count, total.people)

    def test_not_a_value_of_the_class(self) -> None:
        """Values of another class, or not an iterable, are refused by name."""
        with pytest.raises(InvalidValueError, match=r"'values\[1\]' must be a Headcount"):
            Headcount.sum_of([Headcount(), ExtraHours()])  # type: ignore[list-item]
        with pytest.raises(InvalidValueError, match="'values' must be an iterable of Headcount"):
            Headcount.sum_of(None)  # type: ignore[arg-type]

    def test_unknown_people_refused(self) -> None:
        """Counts read from JSON (people dropped) cannot be added to another count, as with +."""
        known = Headcount(count=1, people=frozenset({"a"}))
        read = Headcount(count=1)
        with pytest.raises(InvalidValueError, match="cannot add the headcounts"):
            Headcount.sum_of([known, Headcount(), read])
        alone = Headcount.sum_of([Headcount(), read, Headcount()])
        assert (1, None) == (alone.count, alone.people)

    def test_turnover_months_must_match(self) -> None:
        """Turnovers over 12 and 6 month-ends do not add; a zero (0 months) adds to either."""
        twelve = Turnover(months=12)
        with pytest.raises(
            InvalidValueError, match=r"'months' must match to add turnovers \(12 and 6\)"
        ):
            Turnover.sum_of([Turnover(), twelve, Turnover(months=6)])
        assert 12 == Turnover.sum_of([Turnover(), twelve, Turnover()]).months

    def test_turnover_presence_joined(self) -> None:
        """A woman present at months 1-2 in one unit and 2-3 in another counts 3 head-months."""
        a = Turnover(head_months={Gender.WOMAN: 2}, months=3, presence={Gender.WOMAN: {"w": 0b011}})
        b = Turnover(head_months={Gender.WOMAN: 2}, months=3, presence={Gender.WOMAN: {"w": 0b110}})
        c = Turnover(head_months={Gender.MAN: 1}, months=3, presence={Gender.MAN: {"m": 0b001}})
        total = Turnover.sum_of([a, b, c])
        assert {Gender.WOMAN: 3, Gender.MAN: 1} == dict(total.head_months)
        assert {"w": 0b111, "m": 0b001} == total.people()

    def test_sick_leave_cells_by_group(self) -> None:
        """Cells of the same gender and age band add; the others stay apart, in enum order."""

        def cell(gender: Gender, person: str, hours: float) -> SickLeaveCell:
            return SickLeaveCell(
                gender=gender,
                age_band=AgeBand.FROM_50,
                headcount=1,
                people=frozenset({person}),
                scheduled_hours=100.0,
                short_hours=hours,
            )

        total = SickLeave.sum_of(
            [
                SickLeave(cells=[cell(Gender.MAN, "m", 1.0)]),
                SickLeave(cells=[cell(Gender.WOMAN, "w", 2.0)]),
                SickLeave(cells=[cell(Gender.MAN, "m", 4.0)]),
            ]
        )
        assert [(Gender.WOMAN, 1, 2.0), (Gender.MAN, 1, 5.0)] == [
            (c.gender, c.headcount, c.short_hours) for c in total.cells
        ]

    def test_cells_of_two_groups_do_not_add(self) -> None:
        """Adding a woman's cell to a man's is refused, naming the age band rule."""
        man = SickLeaveCell(gender=Gender.MAN, age_band=AgeBand.FROM_50)
        woman = SickLeaveCell(gender=Gender.WOMAN, age_band=AgeBand.FROM_50)
        with pytest.raises(InvalidValueError, match="'age_band' must match to add cells"):
            _ = man + woman

    def test_too_many_hours_refused(self) -> None:
        """Hours that overflow a float are refused by the constructor's rule, as before."""
        big = ExtraHours(overtime=1.5e308)
        with pytest.raises(InvalidValueError, match="'overtime' must be a finite number >= 0"):
            ExtraHours.sum_of([big, big])


class TestWorstMeasures:
    """ "worst keeps the WORST_MEASURES worst open measures" (ActionPlanSummary), of every part."""

    @settings(max_examples=200)
    @given(sst.open_measures(), sst.open_measures())
    def test_rank_is_the_order(self, a: OpenMeasure, b: OpenMeasure) -> None:
        """The key measures are merged by orders them as ``<`` does."""
        assert (a < b) == (_rank(a) < _rank(b))

    def test_ties_keep_the_order_of_the_parts(self) -> None:
        """Two measures that rank the same (only the risk's title differs) come in part order."""
        m = Measure(title="Rutin", due=date(2024, 3, 1))
        first, second = (
            OpenMeasure(
                overdue=True, level=9, due=m.due, unit_id="u", risk_id="r", risk_title=t, measure=m
            )
            for t in ("Hot", "Våld")
        )
        one = ActionPlanSummary(measures=1, planned=1, worst=[first])
        two = ActionPlanSummary(measures=1, planned=1, worst=[second])
        assert (first, second) == (one + two).worst
        assert (second, first) == (two + one).worst


class TestAddPeople:
    """ "A person counted on both sides counts once" (add_people); zeros add nothing."""

    def test_union(self) -> None:
        """{a, b} and {b, c} and {c} make three people."""
        assert (3, frozenset("abc")) == add_people(
            [(2, frozenset("ab")), (2, frozenset("bc")), (1, frozenset("c"))], "x"
        )

    def test_zeros_keep_the_only_count(self) -> None:
        """With one non-zero count, that count and its people (even unknown) are the sum."""
        assert (5, None) == add_people([(0, frozenset()), (5, None), (0, None)], "x")

    def test_all_zero_keeps_the_last(self) -> None:
        """Zeros only: the last zero is the sum, as adding one by one leaves it."""
        assert (0, frozenset()) == add_people([(0, None), (0, frozenset())], "x")
        assert (0, None) == add_people([(0, frozenset()), (0, None)], "x")

    def test_two_unknown_refused(self) -> None:
        """Two non-zero counts, one of unknown people, cannot be added."""
        with pytest.raises(InvalidValueError, match="cannot add the x"):
            add_people([(1, frozenset("a")), (0, None), (2, None)], "x")


class TestEmptySummaries:
    """Summaries of no records are the zero, with the same (empty) people as before."""

    def test_no_records(self) -> None:
        """No surveys, cases, inventories, checklists or risks: shared zeros equal to new ones."""
        window = Window.calendar_year(2024)
        assert SurveyResult() == SurveyResult.of([])
        assert HealthFactorSummary() == HealthFactorSummary.of([])
        assert SurveySummary() == SurveySummary.of([])
        assert ActionPlanSummary() == ActionPlanSummary.of([], date(2024, 12, 31))
        empty = RehabSummary.of([], window)
        assert RehabSummary() == empty
        assert frozenset() == empty.open.people == empty.plans_missing.people

    def test_arguments_still_checked(self) -> None:
        """A bad window or day is refused even when there are no records."""
        with pytest.raises(InvalidValueError, match="'window' must be a Window"):
            RehabSummary.of([], None)  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match="'on' must be"):
            ActionPlanSummary.of([], None)  # type: ignore[arg-type]


class TestManagersAmong:
    """Managers are counted against each person's latest certification, computed once per day."""

    @settings(max_examples=50)
    @given(
        st.sets(st.sampled_from(["a", "b", "c", "d"])),
        st.lists(sst.certifications(st.sampled_from(["a", "b", "c", "e"])), max_size=8),
        sst.days(),
    )
    def test_equals_managers_of(
        self, people: set[str], certs: list[Certification], on: date
    ) -> None:
        """Looking managers up in the latest certifications equals Managers.of, people and all."""
        expected = Managers.of(people, certs, on)
        found = managers_among(people, latest_certifications(certs, on), on)
        assert everything(expected) == everything(found)
