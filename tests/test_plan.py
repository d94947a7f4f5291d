"""The aggregation plan: submissions, steps, the plan against the tree, and progress on a day."""

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samcore import (
    AggregationPlan,
    ChildProgress,
    Dataset,
    DatasetError,
    IngestError,
    InvalidValueError,
    OrgTree,
    OrgUnit,
    ProblemCode,
    Progress,
    Ratio,
    ReportState,
    Step,
    Submission,
    UnknownUnitError,
    dataset_from_tables,
    progress,
)
from samcore import strategies as sst

DUE = date(2025, 2, 14)
"""When the avdelningar's reports for 2024 are due."""

ORG = OrgTree.from_units(
    [
        OrgUnit(id="k", name="Kommunen", level="kommun"),
        OrgUnit(id="ksf", name="Kommunstyrelsens förvaltning", parent_id="k", level="förvaltning"),
        OrgUnit(id="hr", name="HR", parent_id="ksf", level="avdelning"),
        OrgUnit(id="it", name="IT", parent_id="ksf", level="avdelning"),
        OrgUnit(id="ek", name="Ekonomi", parent_id="ksf", level="avdelning"),
    ]
)
PLAN = AggregationPlan(
    year=2024,
    steps={
        "avdelning": Step(due=DUE, presented=date(2025, 2, 20)),
        "förvaltning": Step(due=date(2025, 3, 14), presented=date(2025, 3, 25)),
        "kommun": Step(due=date(2025, 4, 15)),
    },
)

PLANNED = sst.levelled_org_trees(max_units=15).flatmap(
    lambda org: st.tuples(st.just(org), sst.aggregation_plans(org))
)
"""Levelled trees with a plan made for them."""

UNIT_ROWS = [{"id": u.id, "name": u.name, "parent_id": u.parent_id or ""} for u in ORG.units]
"""ORG as rows of a units table."""


def handed(unit_id: str, on: date | None, presented: date | None = None) -> Submission:
    return Submission(unit_id=unit_id, year=2024, submitted_on=on, presented_on=presented)


def kid(**given: Any) -> ChildProgress:
    """A missing child's progress, due DUE, with some fields replaced."""
    fields: dict[str, Any] = {
        "unit_id": "hr",
        "due": DUE,
        "submitted_on": None,
        "state": ReportState.DRAFT,
        "late": False,
        "missing": True,
    }
    return ChildProgress(**{**fields, **given})


def ksf_on(on: date, *submissions: Submission) -> Progress:
    return progress(PLAN, ORG, submissions, "ksf", on)


def child(found: Progress, unit_id: str) -> ChildProgress:
    (one,) = [c for c in found.children if c.unit_id == unit_id]
    return one


class TestSubmission:
    """ "Rapporterna har presenterats vid respektive nämnds sammanträde under våren 2025." (seed 000):
    a report is handed in, then presented.
    """

    def test_without_dates_a_draft(self) -> None:
        """A submission without dates is a draft."""
        assert ReportState.DRAFT == Submission(unit_id="hr", year=2024).state

    def test_state_on_each_day(self) -> None:
        """Draft the day before submission, submitted from that day, presented from presentation."""
        s = handed("hr", date(2025, 2, 10), date(2025, 2, 20))
        assert [
            ReportState.DRAFT,
            ReportState.SUBMITTED,
            ReportState.SUBMITTED,
            ReportState.PRESENTED,
        ] == [s.state_on(date(2025, 2, d)) for d in (9, 10, 19, 20)]

    def test_state_is_the_state_after_every_date(self) -> None:
        """``state`` is what the dates give once they have passed."""
        assert ReportState.SUBMITTED == handed("hr", date(2025, 2, 10)).state
        assert ReportState.PRESENTED == handed("hr", date(2025, 2, 10), date(2025, 2, 10)).state

    def test_presented_needs_submitted(self) -> None:
        """A report cannot be presented before it is submitted at all."""
        with pytest.raises(
            InvalidValueError, match=r"'presented_on' must be None while submitted_on"
        ):
            handed("hr", None, date(2025, 2, 20))

    def test_presented_not_before_submitted(self) -> None:
        """presented_on may not precede submitted_on; the message names both and the unit."""
        with pytest.raises(
            InvalidValueError,
            match=r"'presented_on' must not precede submitted_on 2025-02-10 \(got 2025-02-09\) "
            r"for submission of unit 'hr' for 2024",
        ):
            handed("hr", date(2025, 2, 10), date(2025, 2, 9))

    def test_state_on_needs_a_date(self) -> None:
        """state_on refuses a day that is no date, naming the argument."""
        with pytest.raises(InvalidValueError, match="'day' must be a datetime.date"):
            handed("hr", None).state_on("2025-02-10")  # type: ignore[arg-type]

    @given(sst.submissions(), sst.days(), sst.days())
    def test_state_never_goes_back(self, s: Submission, a: date, b: date) -> None:
        """Draft, submitted, presented: the state on a later day is never an earlier one."""
        order = list(ReportState)
        early, late = sorted((a, b))
        assert order.index(s.state_on(early)) <= order.index(s.state_on(late))


class TestStep:
    """ "Arbetsmiljörapporterna redovisas i samverkansgrupper på respektive nivå." (seed 004)."""

    def test_presented_not_before_due(self) -> None:
        """A level's reports are presented on or after the day they are due."""
        assert DUE == Step(due=DUE, presented=DUE).presented
        with pytest.raises(InvalidValueError, match=r"'presented' must not precede due 2025-02-14"):
            Step(due=DUE, presented=DUE - timedelta(days=1))


class TestAggregationPlan:
    """ "Utifrån aggregeringsplanen, där tidsangivelser finns, rapporterar chef på respektive nivå
    sin sammanställning av arbetsmiljöarbetet i form av arbetsmiljörapporten vidare" (seed 004).
    """

    def test_step_of_a_units_level(self) -> None:
        """A unit's step is the step of its level."""
        assert date(2025, 3, 14) == PLAN.step(ORG.unit("ksf")).due

    def test_level_without_step_names_unit_and_level(self) -> None:
        """A level the plan has no step for is an error naming the unit and the level."""
        unit = OrgUnit(id="s1", name="Sektion 1", parent_id="hr", level="sektion")
        with pytest.raises(InvalidValueError, match=r"\(got 'sektion'\) for org unit 's1'") as info:
            PLAN.step(unit)
        assert "level" == info.value.field

    def test_unit_without_level_named(self) -> None:
        """A unit without a level has no step; the error names the unit."""
        with pytest.raises(InvalidValueError, match=r"'level' .*\(got None\) for org unit 'x'"):
            PLAN.step(OrgUnit(id="x", name="X"))

    def test_steps_read_only(self) -> None:
        """The steps cannot be changed after the plan is made."""
        with pytest.raises(TypeError):
            PLAN.steps["sektion"] = Step(due=DUE)  # type: ignore[index]

    def test_fitting_plan_has_no_problems(self) -> None:
        """Each level due no later than the level above it: no problem."""
        assert () == PLAN.problems(ORG)

    def test_same_day_as_parent_is_no_problem(self) -> None:
        """A level due on the same day as the level above it is allowed."""
        steps = {**PLAN.steps, "avdelning": Step(due=date(2025, 3, 14))}
        assert () == AggregationPlan(year=2024, steps=steps).problems(ORG)

    def test_child_due_after_parent(self) -> None:
        """A level due after the level of its parent units is one problem, at its due date."""
        steps = {**PLAN.steps, "förvaltning": Step(due=date(2025, 4, 16))}
        (found,) = AggregationPlan(year=2024, steps=steps).problems(ORG)
        assert ("$.steps['förvaltning'].due", "due_after_parent") == (found.path, found.code)
        assert (
            "level 'förvaltning' is due 2025-04-16, after level 'kommun' above it, due 2025-04-15 "
            "(unit 'ksf' under 'k')"
        ) == found.message

    def test_one_problem_per_pair_of_levels(self) -> None:
        """Three avdelningar due after their förvaltning are one problem, naming the first."""
        steps = {**PLAN.steps, "avdelning": Step(due=date(2025, 3, 15))}
        found = AggregationPlan(year=2024, steps=steps).problems(ORG)
        assert [("$.steps.avdelning.due", "due_after_parent")] == [(p.path, p.code) for p in found]
        assert "(unit 'hr' under 'ksf')" in found[0].message

    def test_units_without_level_or_step(self) -> None:
        """Units but the root need a level and a step: each gap is named, the root is exempt."""
        org = OrgTree.from_units(
            [
                OrgUnit(id="k", name="K"),
                OrgUnit(id="a", name="A", parent_id="k", level="avdelning"),
                OrgUnit(id="b", name="B", parent_id="k"),
                OrgUnit(id="s1", name="S1", parent_id="a", level="sektion"),
                OrgUnit(id="s2", name="S2", parent_id="a", level="sektion"),
            ]
        )
        assert [
            ("$.steps", "no_level", "units without a level have no step: 'b'"),
            ("$.steps.sektion", "no_step", "no step for level 'sektion' (units 's1', 's2')"),
        ] == [(p.path, p.code, p.message) for p in PLAN.problems(org)]

    @given(PLANNED)
    def test_generated_plans_fit_their_trees(self, pair: tuple[OrgTree, AggregationPlan]) -> None:
        """The shipped strategy makes plans without problems for levelled trees."""
        org, plan = pair
        assert () == plan.problems(org)

    @given(PLANNED)
    def test_due_after_parent_exactly_when_an_edge_says_so(
        self, pair: tuple[OrgTree, AggregationPlan]
    ) -> None:
        """Moving the root's level earlier than a child's makes a problem exactly when one is later."""
        org, plan = pair
        if len(org) == 1:
            return
        root_level = str(org.root.level)
        earlier = plan.steps[root_level].due - timedelta(days=1)
        moved = AggregationPlan(year=plan.year, steps={**plan.steps, root_level: Step(due=earlier)})
        child_levels = {str(c.level) for c in org.children(org.root.id)}
        expected = any(plan.steps[level].due > earlier for level in child_levels)
        assert expected == any(p.code == "due_after_parent" for p in moved.problems(org))


class TestProgress:
    """ "rapporterar chef på respektive nivå sin sammanställning ... vidare" (seed 004): who has
    reported by the due date, as of a day.
    """

    def test_due_today_not_submitted_missing_not_late(self) -> None:
        """On the due day, a report not yet in is missing but not late."""
        found = ksf_on(DUE)
        assert (("hr", "it", "ek"), ()) == (found.missing, found.late)

    def test_due_yesterday_not_submitted_missing_and_late(self) -> None:
        """The day after the due date, a report not in is missing and late."""
        found = ksf_on(DUE + timedelta(days=1))
        assert (("hr", "it", "ek"), ("hr", "it", "ek")) == (found.missing, found.late)

    def test_submitted_after_due_late_not_missing(self) -> None:
        """A report handed in three days after the due date is late, not missing."""
        hr = child(ksf_on(date(2025, 2, 20), handed("hr", date(2025, 2, 17))), "hr")
        assert (True, False, date(2025, 2, 17)) == (hr.late, hr.missing, hr.submitted_on)

    def test_submitted_on_due_date_neither(self) -> None:
        """A report handed in on the due date is neither late nor missing."""
        hr = child(ksf_on(date(2025, 3, 1), handed("hr", DUE)), "hr")
        assert (False, False, ReportState.SUBMITTED) == (hr.late, hr.missing, hr.state)

    def test_share_submitted_two_of_three(self) -> None:
        """Two of three avdelningar in by the due date: 2/3 submitted, one missing, none late."""
        found = ksf_on(DUE, handed("hr", date(2025, 2, 10)), handed("it", DUE))
        assert Ratio(numerator=2.0, denominator=3.0) == found.submitted
        assert (("ek",), ()) == (found.missing, found.late)

    def test_submission_after_the_day_not_yet_submitted(self) -> None:
        """A report handed in after the day asked about was still a draft on that day."""
        hr = child(ksf_on(date(2025, 2, 18), handed("hr", date(2025, 2, 20))), "hr")
        assert (None, ReportState.DRAFT, True, True) == (
            hr.submitted_on,
            hr.state,
            hr.missing,
            hr.late,
        )

    def test_future_submission_not_late_before_due(self) -> None:
        """Before the due date, a report handed in later is missing, not (yet) late."""
        hr = child(ksf_on(date(2025, 2, 1), handed("hr", date(2025, 2, 20))), "hr")
        assert (True, False) == (hr.missing, hr.late)

    def test_presented_state(self) -> None:
        """A report presented by the day is in state presented."""
        found = ksf_on(date(2025, 2, 20), handed("hr", DUE, date(2025, 2, 20)))
        assert ReportState.PRESENTED == child(found, "hr").state

    def test_draft_submission_is_missing(self) -> None:
        """A submission record without dates is no submission."""
        assert ("hr", "it", "ek") == ksf_on(DUE, handed("hr", None)).missing

    def test_other_years_ignored(self) -> None:
        """Last year's submission does not count for this year's plan."""
        old = Submission(unit_id="hr", year=2023, submitted_on=date(2024, 2, 1))
        assert ("hr", "it", "ek") == ksf_on(DUE, old, old).missing

    def test_children_in_tree_order(self) -> None:
        """Children come in the tree's order, whatever the order of the submissions."""
        found = ksf_on(DUE, handed("ek", DUE), handed("hr", DUE))
        assert (["hr", "it", "ek"], ("it",)) == ([c.unit_id for c in found.children], found.missing)

    def test_due_date_of_each_childs_level(self) -> None:
        """Each child's due date is that of its own level's step."""
        assert [date(2025, 3, 14)] == [c.due for c in progress(PLAN, ORG, (), "k", DUE).children]

    def test_leaf_has_no_children(self) -> None:
        """A unit without children has nothing to wait for: no share."""
        found = progress(PLAN, ORG, (), "hr", DUE)
        assert ((), None) == (found.children, found.submitted.value)

    def test_two_submissions_of_one_unit_and_year_refused(self) -> None:
        """Two submissions of one unit for the plan's year are an error naming both."""
        with pytest.raises(
            InvalidValueError, match=r"submissions\[0\] and submissions\[2\] for unit 'hr' in 2024"
        ):
            ksf_on(DUE, handed("hr", DUE), handed("it", DUE), handed("hr", None))

    def test_unknown_unit_in_submissions(self) -> None:
        """A submission naming a unit outside the tree is refused."""
        with pytest.raises(UnknownUnitError, match=r"unknown unit id 'hq' \(submissions\[0\]"):
            ksf_on(DUE, handed("hq", DUE))

    def test_unknown_parent(self) -> None:
        """An unknown parent id is refused, named as parent_id."""
        with pytest.raises(UnknownUnitError, match="unknown unit id 'hq' .parent_id"):
            progress(PLAN, ORG, (), "hq", DUE)

    def test_child_level_without_step_names_the_unit(self) -> None:
        """A child whose level has no step is an error naming the unit and the level."""
        plan = AggregationPlan(year=2024, steps={"förvaltning": Step(due=DUE)})
        with pytest.raises(InvalidValueError, match=r"\(got 'avdelning'\) for org unit 'hr'"):
            progress(plan, ORG, (), "ksf", DUE)

    @given(sst.progresses())
    def test_counts_agree(self, found: Progress) -> None:
        """missing and late are children; the share is children less the missing over children."""
        ids = [c.unit_id for c in found.children]
        assert set(found.missing) <= set(ids)
        assert set(found.late) <= set(ids)
        assert len(ids) - len(found.missing) == found.submitted.numerator
        assert len(ids) == found.submitted.denominator

    @given(sst.progresses())
    def test_late_means_not_in_by_due(self, found: Progress) -> None:
        """A child is late exactly when it was not in by its due date, as known on the day."""
        for c in found.children:
            in_by_due = c.submitted_on is not None and c.submitted_on <= c.due
            assert (not in_by_due and (c.submitted_on is not None or c.due < found.on)) == c.late

    @given(sst.levelled_org_trees(max_units=12), st.data())
    def test_a_later_day_never_has_more_missing(self, org: OrgTree, data: st.DataObject) -> None:
        """Reports only come in: what is missing on a later day was missing before."""
        plan = data.draw(sst.aggregation_plans(org))
        subs = data.draw(
            st.lists(
                sst.submissions(st.sampled_from(list(org)), st.just(plan.year)),
                unique_by=lambda s: s.unit_id,
            )
        )
        early, late = sorted(data.draw(st.lists(sst.days(), min_size=2, max_size=2)))
        parent = org.root.id
        before = progress(plan, org, subs, parent, early)
        after = progress(plan, org, subs, parent, late)
        assert set(after.missing) <= set(before.missing)


class TestProgressRecords:
    """ChildProgress and Progress hold together: no object leaves its constructor invalid."""

    def test_missing_exactly_without_submission(self) -> None:
        """missing must say whether submitted_on is None."""
        with pytest.raises(InvalidValueError, match="'missing' must be true exactly when"):
            kid(missing=False)

    def test_draft_exactly_without_submission(self) -> None:
        """A submitted report is not a draft, and a draft has no submission day."""
        with pytest.raises(InvalidValueError, match="'state' must be 'draft' exactly when"):
            kid(state=ReportState.SUBMITTED)

    def test_late_follows_the_dates(self) -> None:
        """A report in one day after its due date must be late."""
        with pytest.raises(InvalidValueError, match=r"'late' must be true exactly when"):
            kid(
                submitted_on=DUE + timedelta(days=1),
                state=ReportState.SUBMITTED,
                missing=False,
            )

    def test_no_submission_after_the_day(self) -> None:
        """A progress as of a day holds no submission from after it."""
        handed_in = kid(submitted_on=DUE, state=ReportState.SUBMITTED, missing=False)
        with pytest.raises(
            InvalidValueError, match=r"'children\[0\]' must be submitted on or before"
        ):
            Progress(parent_id="ksf", on=DUE - timedelta(days=1), children=[handed_in])

    def test_missing_child_late_exactly_after_due(self) -> None:
        """A missing child is late exactly when its due date is before the day."""
        with pytest.raises(InvalidValueError, match=r"'children\[0\]' must be late exactly when"):
            Progress(parent_id="ksf", on=DUE + timedelta(days=1), children=[kid()])

    def test_each_child_once(self) -> None:
        """A unit appears once among the children."""
        with pytest.raises(InvalidValueError, match=r"'children\[1\]' must name a unit no other"):
            Progress(parent_id="ksf", on=DUE, children=[kid(), kid()])


class TestDatasetSubmissions:
    """ "Dataset ... construction checks every reference (unit ids ...)" (CONTRACT.md), and a unit
    hands in one report a year.
    """

    def test_unknown_unit(self) -> None:
        """A submission of a unit not in the tree is an unknown_unit problem at its unit_id."""
        with pytest.raises(DatasetError) as info:
            Dataset(org=ORG, submissions=[handed("hq", DUE)])
        assert [("$.submissions[0].unit_id", "unknown_unit")] == [
            (p.path, p.code) for p in info.value.problems
        ]

    def test_one_per_unit_and_year(self) -> None:
        """A second submission of one unit and year is a duplicate_id problem at the second."""
        with pytest.raises(DatasetError) as info:
            Dataset(org=ORG, submissions=[handed("hr", DUE), handed("it", DUE), handed("hr", None)])
        assert [("$.submissions[2]", "duplicate_id")] == [
            (p.path, p.code) for p in info.value.problems
        ]
        assert "'hr/2024' (submissions[0], submissions[2])" in info.value.problems[0].message

    def test_same_unit_other_year(self) -> None:
        """One unit's submissions of two years are fine."""
        other = Submission(unit_id="hr", year=2023, submitted_on=date(2024, 2, 1))
        assert 2 == len(Dataset(org=ORG, submissions=[handed("hr", DUE), other]).submissions)


class TestSubmissionsTable:
    """docs/ingestion.md: "`submissions` | **`unit_id`**, **`year`**, `submitted_on`,
    `presented_on`".
    """

    def test_rows_become_submissions(self) -> None:
        """Rows with dates, or with empty cells, become submissions."""
        rows = [
            {"unit_id": "hr", "year": "2024", "submitted_on": "2025-02-10", "presented_on": ""},
            {"unit_id": "it", "year": "2024", "submitted_on": "", "presented_on": ""},
        ]
        data = dataset_from_tables({"units": UNIT_ROWS, "submissions": rows})
        assert (handed("hr", date(2025, 2, 10)), handed("it", None)) == data.submissions

    def test_repeated_and_unknown_rows(self) -> None:
        """A unit's second row for a year and a unit not in the tree are problems of their rows."""
        rows = [
            {"unit_id": "hr", "year": "2024", "submitted_on": "2025-02-10"},
            {"unit_id": "hr", "year": "2024", "submitted_on": "2025-02-11"},
            {"unit_id": "hq", "year": "2024"},
        ]
        with pytest.raises(IngestError) as info:
            dataset_from_tables({"units": UNIT_ROWS, "submissions": rows})
        assert [
            ("submissions", 2, None, ProblemCode.DUPLICATE),
            ("submissions", 3, "unit_id", ProblemCode.UNKNOWN_ID),
        ] == [(p.table, p.row, p.field, p.code) for p in info.value.details]
