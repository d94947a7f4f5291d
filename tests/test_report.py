from datetime import date

import pytest
from hypothesis import given, settings

from builders import ORG, small_dataset
from builders import planned_risk as risk
from samcore import (
    QUESTIONS,
    QUESTIONS_2023,
    AnswerTally,
    Dataset,
    IncomingRisk,
    InvalidValueError,
    Measure,
    MeasureStatus,
    Report,
    Submission,
    WorkingDays,
    build_reports,
    from_json,
    roll_up,
    to_json,
)
from samcore import strategies as sst


class TestQuestions:
    """The template's yes/no questions: the current ones (2024) and the older ones (2023)."""

    def test_ids_unique_and_stable(self) -> None:
        """Question ids are unique within and across the templates where the text differs."""
        ids = [q.id for q in QUESTIONS]
        assert len(set(ids)) == len(ids) == 12
        assert "delegation.all_certified" in {q.id for q in QUESTIONS_2023}
        assert "delegation.all_certified" not in ids

    def test_swedish_text_as_in_template(self) -> None:
        """The Swedish text is the template's."""
        texts = {q.id: q.text_sv for q in QUESTIONS}
        assert "Har skyddsombud medverkat?" == texts["surveys.safety_representative"]


class TestBuildReports:
    """ "each unit's own figures (records attached to that unit) for the yearly report"."""

    def test_every_unit_gets_a_report(self) -> None:
        """Every unit of the organisation has a report, with or without records."""
        assert {"k", "n", "e1", "e2"} == set(build_reports(small_dataset(), 2024))

    def test_own_figures_only(self) -> None:
        """A unit's report holds its own records only, with both R12 windows."""
        reports = build_reports(small_dataset(), 2024)
        assert (2, 1, 0) == tuple(reports[u].sick_leave.headcount() for u in ("e1", "e2", "k"))
        assert 1 == reports["e1"].turnover.departures()
        assert reports["e1"].sick_leave_previous.sick_hours > 0  # 2023-12-20..31

    def test_answers_of_the_year(self) -> None:
        """Answers are tallied for the report's year only."""
        reports = build_reports(small_dataset(), 2024)
        assert 1 == reports["e2"].answers["surveys.safety_representative"].no

    def test_risks_and_findings(self) -> None:
        """Own risks reported onward; delegation findings land in the delegation's unit."""
        reports = build_reports(small_dataset(), 2024)
        assert ["r1"] == [r.id for r in reports["e1"].risks_reported_onward]
        assert {"not_certified"} == {f.kind.value for f in reports["n"].delegation_findings}
        assert {"not_in_writing", "not_certified", "broken_chain"} == {
            f.kind.value for f in reports["e1"].delegation_findings
        }
        assert (0, 1) == (reports["e1"].managers.certified, reports["e1"].managers.count)


class TestReportingMonth:
    """Seed 002: the sick-leave statistics are followed up by tertial, "R12 april, augusti och
    december"; the report's window ends in any month, and scheduled hours follow the chosen
    working-time schedule."""

    def test_r12_april(self) -> None:
        """R12 2024-04 runs 2023-05-01..2024-04-30; its previous window a year earlier; the
        sick period of 2023-12-20..2024-01-10 falls inside the current one only."""
        reports = build_reports(small_dataset(), 2024, month=4)
        e1 = reports["e1"]
        assert (date(2023, 5, 1), date(2024, 4, 30)) == (e1.window.start, e1.window.end)
        assert e1.sick_leave.sick_hours > 0
        assert 0 == e1.sick_leave_previous.sick_hours
        assert {4} == {r.month for r in reports.values()}

    def test_months_must_match_to_roll_up(self) -> None:
        """Reports of R12 April and R12 December do not add."""
        april = build_reports(small_dataset(), 2024, month=4)
        april["e2"] = build_reports(small_dataset(), 2024)["e2"]
        with pytest.raises(InvalidValueError, match="'year' and 'month' must be the same"):
            roll_up(small_dataset().org, april)

    def test_working_days_schedule(self) -> None:
        """With working days, a full-timer's R12 2024 has 8 hours on each of 2024's 251 working
        days (366 days less 104 weekend days and 11 weekday holidays and eves) instead of 40/7 a
        calendar day."""
        calendar = build_reports(small_dataset(), 2024)["e2"].sick_leave.scheduled_hours
        working = build_reports(small_dataset(), 2024, schedule=WorkingDays())["e2"]
        assert 366 * 40 / 7 == pytest.approx(calendar)
        assert WorkingDays().days(date(2024, 1, 1), date(2024, 12, 31)) * 8 == pytest.approx(
            working.sick_leave.scheduled_hours
        )

    def test_bad_month(self) -> None:
        """A month outside 1..12 is refused by name."""
        with pytest.raises(InvalidValueError, match="'month' must be"):
            build_reports(small_dataset(), 2024, month=13)


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


class TestReportChecks:
    """A report holds what its fields say: known questions, its own unit's risks, real values."""

    def test_answers_by_question_id(self) -> None:
        """An answer key is a question id (of any template: templates are data); a value is an
        AnswerTally."""
        assert (
            1
            == Report(unit_id="u", year=2024, answers={"own.q": AnswerTally(yes=1)})
            .answers["own.q"]
            .yes
        )
        with pytest.raises(InvalidValueError, match="'answers key' must be a non-empty string"):
            Report(unit_id="u", year=2024, answers={" ": AnswerTally()})
        with pytest.raises(InvalidValueError, match=r"'answers\[inspections.inspected\]'"):
            Report(unit_id="u", year=2024, answers={"inspections.inspected": 1})  # type: ignore[dict-item]

    def test_own_submission(self) -> None:
        """A report carries its own unit's submission of its own year, nothing else."""
        mine = Submission(unit_id="u", year=2024, submitted_on=date(2025, 2, 1))
        assert mine == Report(unit_id="u", year=2024, submission=mine).submission
        with pytest.raises(InvalidValueError, match="'submission' must be of the report's unit_id"):
            Report(unit_id="u", year=2023, submission=mine)

    def test_own_risks(self) -> None:
        """The risks of a report are its unit's; those sent onward are flagged so."""
        with pytest.raises(InvalidValueError, match=r"'risks\[0\]' must be a risk of the unit_id"):
            Report(unit_id="u", year=2024, risks=[risk("r", "v")])
        with pytest.raises(InvalidValueError, match=r"'risks_reported_onward\[0\]' must be a risk"):
            Report(unit_id="u", year=2024, risks_reported_onward=[risk("r", "u")])

    def test_incoming_risk_from_its_unit(self) -> None:
        """An incoming risk comes from the unit it belongs to, and was sent onward."""
        with pytest.raises(InvalidValueError, match="'from_unit_id' must be the unit of the risk"):
            IncomingRisk(from_unit_id="v", risk=risk("r", "u", onward=True))
        with pytest.raises(InvalidValueError, match="'risk' must be reported onward"):
            IncomingRisk(from_unit_id="u", risk=risk("r", "u"))

    @pytest.mark.parametrize("field", ["sick_leave", "turnover", "managers", "incidents"])
    def test_figures_of_their_type(self, field: str) -> None:
        """None where a figure belongs is refused by name, not at to_json."""
        with pytest.raises(InvalidValueError, match=f"'{field}' must be an? "):
            Report(unit_id="u", year=2024, **{field: None})  # type: ignore[arg-type]

    def test_build_reports_arguments(self) -> None:
        """build_reports takes a Dataset and a year with a year before it."""
        with pytest.raises(InvalidValueError, match="'year' must be an int in 2..9999"):
            build_reports(small_dataset(), 1)
        with pytest.raises(InvalidValueError, match="'dataset' must be a Dataset"):
            build_reports(None, 2024)  # type: ignore[arg-type]
