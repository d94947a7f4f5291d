import math
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings

from samcore import (
    QUESTIONS,
    QUESTIONS_2023,
    Answer,
    Dataset,
    DatasetError,
    Delegation,
    Employee,
    Employment,
    ExtraHours,
    Gender,
    IncidentSummary,
    IncomingRisk,
    InvalidValueError,
    Measure,
    MeasureStatus,
    OrgTree,
    OrgUnit,
    QuestionnaireAnswer,
    Report,
    Risk,
    SickLeave,
    SickLeavePeriod,
    Turnover,
    UnknownUnitError,
    Window,
    build_reports,
    extra_time,
    from_json,
    incident_summary,
    roll_up,
    sick_leave,
    to_json,
    turnover,
)
from samcore import strategies as sst

ORG = OrgTree.from_units(
    [
        OrgUnit(id="k", name="Kommunen", level="kommun"),
        OrgUnit(id="n", name="Nämnden", parent_id="k", level="nämnd"),
        OrgUnit(id="e1", name="Enhet 1", parent_id="n", level="enhet"),
        OrgUnit(id="e2", name="Enhet 2", parent_id="n", level="enhet"),
    ]
)


def risk(rid: str, unit: str, onward: bool = False, **kw: Any) -> Risk:
    fields: dict[str, Any] = {
        "title": f"Risk {rid}",
        "identified_on": date(2024, 2, 1),
        "probability": 3,
        "consequence": 4,
        "measures": [Measure(title="Åtgärd", responsible="Enhetschef", due=date(2024, 12, 31))],
        "reported_onward": onward,
    }
    fields.update(kw)
    return Risk(id=rid, unit_id=unit, **fields)


class TestQuestions:
    """The template's yes/no questions: the current ones (2024) and the older ones (2023)."""

    def test_ids_unique_and_stable(self) -> None:
        """Question ids are unique within and across the templates where the text differs."""
        ids = [q.id for q in QUESTIONS]
        assert len(set(ids)) == len(ids) == 11
        assert "delegation.all_certified" in {q.id for q in QUESTIONS_2023}
        assert "delegation.all_certified" not in ids

    def test_swedish_text_as_in_template(self) -> None:
        """The Swedish text is the template's."""
        texts = {q.id: q.text_sv for q in QUESTIONS}
        assert "Har skyddsombud medverkat?" == texts["surveys.safety_representative"]


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


class TestBuildReports:
    """ "each unit's own figures (records attached to that unit) for the yearly report"."""

    def data(self) -> Dataset:
        """Four employees in three units, risks sent onward and a two-link delegation chain."""
        staff = [
            Employee(id=f"p{i}", gender=Gender.WOMAN if i % 2 else Gender.MAN) for i in range(4)
        ]
        jobs = [
            Employment(employee_id="p0", unit_id="e1", start=date(2020, 1, 1)),
            Employment(
                employee_id="p1", unit_id="e1", start=date(2020, 1, 1), end=date(2024, 6, 30)
            ),
            Employment(employee_id="p2", unit_id="e2", start=date(2020, 1, 1)),
            Employment(employee_id="p3", unit_id="n", start=date(2020, 1, 1)),
        ]
        return Dataset(
            org=ORG,
            employees=staff,
            employments=jobs,
            sick_leave=[
                SickLeavePeriod(employee_id="p0", start=date(2023, 12, 20), end=date(2024, 1, 10))
            ],
            risks=[risk("r1", "e1", onward=True), risk("r2", "e2"), risk("r3", "n", onward=True)],
            delegations=[
                Delegation(
                    id="d1",
                    unit_id="n",
                    delegator_id="top",
                    delegate_id="mn",
                    signed_on=date(2023, 1, 1),
                ),
                Delegation(id="d2", unit_id="e1", delegator_id="mn", delegate_id="m1"),
            ],
            answers=[
                QuestionnaireAnswer(
                    unit_id="e1",
                    year=2024,
                    question_id="surveys.safety_representative",
                    answer=Answer.YES,
                ),
                QuestionnaireAnswer(
                    unit_id="e2",
                    year=2024,
                    question_id="surveys.safety_representative",
                    answer=Answer.NO,
                ),
                QuestionnaireAnswer(
                    unit_id="e2",
                    year=2023,
                    question_id="surveys.safety_representative",
                    answer=Answer.NO,
                ),
            ],
        )

    def test_every_unit_gets_a_report(self) -> None:
        """Every unit of the organisation has a report, with or without records."""
        assert {"k", "n", "e1", "e2"} == set(build_reports(self.data(), 2024))

    def test_own_figures_only(self) -> None:
        """A unit's report holds its own records only, with both R12 windows."""
        reports = build_reports(self.data(), 2024)
        assert (2, 1, 0) == tuple(reports[u].sick_leave.headcount() for u in ("e1", "e2", "k"))
        assert 1 == reports["e1"].turnover.departures()
        assert reports["e1"].sick_leave_previous.sick_hours > 0  # 2023-12-20..31

    def test_answers_of_the_year(self) -> None:
        """Answers are tallied for the report's year only."""
        reports = build_reports(self.data(), 2024)
        assert 1 == reports["e2"].answers["surveys.safety_representative"].no

    def test_risks_and_findings(self) -> None:
        """Own risks reported onward; delegation findings land in the delegation's unit."""
        reports = build_reports(self.data(), 2024)
        assert ["r1"] == [r.id for r in reports["e1"].risks_reported_onward]
        assert {"not_certified"} == {f.kind.value for f in reports["n"].delegation_findings}
        assert {"not_in_writing", "not_certified", "broken_chain"} == {
            f.kind.value for f in reports["e1"].delegation_findings
        }
        assert (0, 1) == (reports["e1"].certified.numerator, reports["e1"].certified.denominator)


class TestRollUp:
    """ "each unit's report with everything below it added in. The root's figures equal the
    figures computed once over all records. Risks travel one level only." (CONTRACT.md)"""

    def test_risks_travel_one_level(self) -> None:
        """e1's onward risk reaches n, not k; n's own onward risk reaches k."""
        rolled = roll_up(ORG, build_reports(TestBuildReports().data(), 2024))
        assert [("e1", "r1")] == [(i.from_unit_id, i.risk.id) for i in rolled["n"].incoming_risks]
        assert [("n", "r3")] == [(i.from_unit_id, i.risk.id) for i in rolled["k"].incoming_risks]

    def test_missing_report_is_an_error(self) -> None:
        """A unit without a report is an error, not a silent zero."""
        with pytest.raises(UnknownUnitError, match="no report for unit 'e2'"):
            roll_up(ORG, {u: Report(unit_id=u, year=2024) for u in ("k", "n", "e1")})

    def test_years_must_match(self) -> None:
        """Reports of different years do not add."""
        reports = {u: Report(unit_id=u, year=2024) for u in ("k", "n", "e1")}
        reports["e2"] = Report(unit_id="e2", year=2023)
        with pytest.raises(InvalidValueError, match="'year' must be the same"):
            roll_up(ORG, reports)

    @settings(max_examples=40)
    @given(sst.datasets())
    def test_root_equals_one_computation(self, data: Dataset) -> None:
        """The root's hours, counts and departures equal one computation over all records."""
        root = roll_up(data.org, build_reports(data, 2024)).root
        window = root.window
        everyone = sick_leave(
            data.employees, data.employments, data.sick_leave, window, key=lambda e, j: "all"
        )
        whole = everyone.get("all", SickLeave())
        assert math.isclose(
            whole.scheduled_hours, root.sick_leave.scheduled_hours, rel_tol=1e-9, abs_tol=1e-6
        )
        assert math.isclose(
            whole.sick_hours, root.sick_leave.sick_hours, rel_tol=1e-9, abs_tol=1e-6
        )
        units = sick_leave(data.employees, data.employments, data.sick_leave, window)
        assert sum(s.headcount() for s in units.values()) == root.sick_leave.headcount()
        assert whole.headcount() <= root.sick_leave.headcount()
        moves = turnover(data.employees, data.employments, window, key=lambda e, j: "all")
        assert moves.get("all", Turnover()).departures() == root.turnover.departures()
        hours = sum(extra_time(data.extra_time, window).values(), ExtraHours())
        assert math.isclose(hours.total, root.extra_time.total, abs_tol=1e-6)
        events = incident_summary(data.incidents, Window.calendar_year(2024)).values()
        assert sum(events, IncidentSummary()) == root.incidents

    @settings(max_examples=40)
    @given(sst.datasets())
    def test_each_unit_is_own_plus_children(self, data: Dataset) -> None:
        """Every rolled-up figure is the unit's own plus its children's rolled-up figures."""
        own = build_reports(data, 2024)
        rolled = roll_up(data.org, own)
        for unit in data.org.units:
            kids = [rolled[c.id] for c in data.org.children(unit.id)]
            mine = own[unit.id]
            got = rolled[unit.id]
            for field in ("turnover", "incidents", "action_plan", "surveys"):
                assert sum((getattr(k, field) for k in kids), getattr(mine, field)) == getattr(
                    got, field
                )
            expected = sum((k.sick_leave for k in kids), mine.sick_leave)
            assert expected.headcount() == got.sick_leave.headcount()
            assert math.isclose(
                expected.sick_hours, got.sick_leave.sick_hours, rel_tol=1e-9, abs_tol=1e-9
            )
            incoming = [
                IncomingRisk(from_unit_id=c.id, risk=r)
                for c in data.org.children(unit.id)
                for r in own[c.id].risks_reported_onward
            ]
            assert tuple(incoming) == got.incoming_risks
            assert mine.risks_reported_onward == got.risks_reported_onward


class TestFollowUp:
    """AFS 2023:1 13 §: measures are followed up; the report shows what is overdue at year end."""

    def test_followed_up_risks_and_overdue(self) -> None:
        """Risks with a measure due, done or open in the year are followed up; overdue ones counted."""
        old_done = risk(
            "old",
            "e1",
            identified_on=date(2021, 1, 1),
            measures=[
                Measure(
                    title="m",
                    due=date(2021, 6, 1),
                    status=MeasureStatus.DONE,
                    completed_on=date(2021, 5, 1),
                )
            ],
        )
        open_late = risk(
            "late",
            "e1",
            identified_on=date(2022, 1, 1),
            measures=[Measure(title="m", due=date(2023, 6, 1), status=MeasureStatus.IN_PROGRESS)],
        )
        future = risk("future", "e1", identified_on=date(2025, 1, 1))
        data = Dataset(org=ORG, risks=[old_done, open_late, future, risk("now", "e1")])
        report = build_reports(data, 2024)["e1"]
        assert ["late", "now"] == sorted(r.id for r in report.risks)
        assert (2, 1) == (report.action_plan.risks, report.action_plan.overdue)


class TestReportWire:
    """ "from_json(to_json(report), Report) == report for generated reports"."""

    @settings(max_examples=30)
    @given(sst.datasets())
    def test_generated_reports_round_trip(self, data: Dataset) -> None:
        """Every rolled-up report of a generated dataset survives the wire."""
        for report in roll_up(data.org, build_reports(data, 2024)).values():
            assert report == from_json(to_json(report), Report)
