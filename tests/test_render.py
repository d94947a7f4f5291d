import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from samcore import (
    Answer,
    Dataset,
    Delegation,
    Employee,
    Employment,
    ExtraTime,
    ExtraTimeKind,
    Gender,
    Incident,
    IncidentKind,
    InvalidValueError,
    Measure,
    MeasureStatus,
    OrgTree,
    OrgUnit,
    PublishedReport,
    QuestionnaireAnswer,
    Report,
    Reports,
    Risk,
    SickLeavePeriod,
    Turnover,
    build_reports,
    format_number,
    from_json,
    render_markdown,
    roll_up,
    round_half_up,
    to_json,
)
from samcore.examples import municipality

GOLDEN = Path(__file__).parent / "golden"


def dataset() -> Dataset:
    """A hand-built administration: 14 women and 3 men in two units, one risk sent onward."""
    org = OrgTree.from_units(
        [
            OrgUnit(id="ksf", name="Kommunstyrelsens förvaltning", level="förvaltning"),
            OrgUnit(id="hr", name="HR-avdelningen", parent_id="ksf", level="avdelning"),
            OrgUnit(id="it", name="IT-avdelningen", parent_id="ksf", level="avdelning"),
        ]
    )
    staff = [
        Employee(id=f"w{i}", gender=Gender.WOMAN, birth_date=date(1970 + i, 3, 1))
        for i in range(14)
    ]
    staff += [
        Employee(id=f"m{i}", gender=Gender.MAN, birth_date=date(1990, 1, 1)) for i in range(3)
    ]
    jobs = [
        Employment(employee_id=e.id, unit_id="hr" if i < 9 else "it", start=date(2019, 1, 1))
        for i, e in enumerate(staff)
    ]
    jobs[0] = Employment(
        employee_id="w0", unit_id="hr", start=date(2019, 1, 1), end=date(2024, 5, 31)
    )
    sick = [
        SickLeavePeriod(employee_id="w1", start=date(2024, 1, 8), end=date(2024, 4, 30)),
        SickLeavePeriod(employee_id="w2", start=date(2024, 3, 4), end=date(2024, 3, 8)),
        SickLeavePeriod(
            employee_id="w2", start=date(2023, 10, 2), end=date(2023, 10, 20), extent=0.5
        ),
        SickLeavePeriod(employee_id="m1", start=date(2024, 9, 2), end=date(2024, 9, 4)),
    ]
    extra = [
        ExtraTime(
            employee_id="m2",
            unit_id="it",
            day=date(2024, 6, 9),
            hours=7.5,
            kind=ExtraTimeKind.OVERTIME,
        ),
        ExtraTime(
            employee_id="w3",
            unit_id="hr",
            day=date(2023, 6, 9),
            hours=4,
            kind=ExtraTimeKind.ADDITIONAL,
        ),
    ]
    events = [
        Incident(
            id="k1",
            unit_id="hr",
            occurred_on=date(2024, 2, 1),
            kind=IncidentKind.COMMUTING_ACCIDENT,
            category="halka",
            closed_on=date(2024, 3, 1),
        ),
        Incident(
            id="k2",
            unit_id="it",
            occurred_on=date(2024, 5, 5),
            kind=IncidentKind.NEAR_MISS,
            category="hot och våld",
            serious=True,
        ),
    ]
    risks = [
        Risk(
            id="r1",
            unit_id="hr",
            title="Arbetsrelaterad utmattning",
            identified_on=date(2024, 1, 15),
            probability=3,
            consequence=4,
            reported_onward=True,
            measures=[
                Measure(
                    title="Gemensamma prioriteringar",
                    responsible="Förvaltningschef",
                    due=date(2025, 1, 31),
                    status=MeasureStatus.IN_PROGRESS,
                ),
                Measure(
                    title="Kommunikation kring förändringar",
                    responsible="Förvaltningschef",
                    due=date(2024, 12, 31),
                    status=MeasureStatus.DONE,
                    completed_on=date(2024, 12, 2),
                ),
            ],
        ),
        Risk(
            id="r2",
            unit_id="ksf",
            title="Lokalernas beskaffenhet",
            identified_on=date(2024, 2, 1),
            probability=2,
            consequence=4,
            measures=[
                Measure(title="Kylaggregat", due=date(2024, 9, 30), status=MeasureStatus.PLANNED)
            ],
        ),
    ]
    answers = [
        QuestionnaireAnswer(unit_id=u, year=2024, question_id=q, answer=a)
        for u, q, a in [
            ("hr", "incidents.routine_followed", Answer.YES),
            ("it", "incidents.routine_followed", Answer.YES),
            ("hr", "surveys.safety_representative", Answer.YES),
            ("it", "surveys.safety_representative", Answer.NO),
            ("ksf", "inspections.inspected", Answer.NO),
        ]
    ]
    delegations = [
        Delegation(
            id="d1",
            unit_id="hr",
            delegator_id="fc",
            delegate_id="hrchef",
            signed_on=date(2023, 1, 1),
        )
    ]
    return Dataset(
        org=org,
        employees=staff,
        employments=jobs,
        sick_leave=sick,
        extra_time=extra,
        incidents=events,
        risks=risks,
        answers=answers,
        delegations=delegations,
        delegation_top={"fc"},
    )


def rolled() -> Reports:
    data = dataset()
    return roll_up(data.org, build_reports(data, 2024))


class TestGolden:
    """The rendered report matches a reviewed text, in Swedish and English (set UPDATE_GOLDEN=1 to rewrite)."""

    @pytest.mark.parametrize("lang", ["sv", "en"])
    def test_matches_golden(self, lang: str) -> None:
        """The administration's rolled-up report renders exactly as the stored text."""
        text = rolled().render(lang=lang)
        path = GOLDEN / f"report_{lang}.md"
        if os.environ.get("UPDATE_GOLDEN"):
            path.write_text(text, encoding="utf-8")
        assert path.read_text(encoding="utf-8") == text


class TestSuppression:
    """ "No figure is shown for a group of ten or fewer employees" (lag om kommunal bokföring och
    redovisning); both the rate and its difference are hidden."""

    def test_small_group_hidden_with_difference(self) -> None:
        """Three men: their rows show "–" in every column, and so do the women's, since the total
        minus the women would give the men."""
        lines = rolled().render().splitlines()
        men = [line for line in lines if line.startswith("| Män |")]
        women = [line for line in lines if line.startswith("| Kvinnor |")]
        totals = [
            line for line in lines if line.startswith(("| Total sjukfrånvaro |", "| Totalt |"))
        ]
        assert men
        assert all(line == "| Män | – | – | – |" for line in men[:3])
        assert all(line == "| Kvinnor | – | – | – |" for line in women[:3])
        assert all("–" not in line.split("|")[2] for line in totals[:3])
        assert (
            "– = visas inte: gruppen har 10 eller färre medarbetare, eller skulle kunna räknas "
            "fram ur de siffror som visas." in lines
        )

    def test_threshold_is_configurable(self) -> None:
        """min_group_size=2 shows the three men."""
        text = rolled().render(min_group_size=2)
        assert "| Män | – | – | – |" not in text

    def test_unit_of_nine_shows_no_sick_leave_figure(self) -> None:
        """A unit of nine employees shows no sick-leave rate at all."""
        text = rolled().render("hr")
        assert "| Total sjukfrånvaro | – | – | – |" in text

    def test_report_and_rows_apply_one_rule(self) -> None:
        """An average headcount of 10.4 is more than ten: shown in the report and in the rows alike."""
        org = OrgTree.from_units([OrgUnit(id="k", name="Kommunen")])
        moves = Turnover(departures={Gender.WOMAN: 1}, head_months={Gender.WOMAN: 125}, months=12)
        reports = Reports(org, {"k": Report(unit_id="k", year=2024, turnover=moves)})
        assert "| Kvinnor | 9,6 | uppgift saknas | – |" in reports.render()
        assert 9.6 == reports.rows()[0]["turnover_percent"]

    def test_no_employee_named(self) -> None:
        """No employee id appears anywhere in a rendered report."""
        text = rolled().render() + rolled().render("hr", lang="en")
        for e in dataset().employees:
            assert f" {e.id} " not in text
            assert f"|{e.id}|" not in text


class TestNumbers:
    """Published figures: one decimal, Swedish decimal comma, signed differences, pinned rounding."""

    def test_half_up_not_bankers(self) -> None:
        """0.25 rounds to 0.3 and 0.35 to 0.4 (Python's round would give 0.2 and 0.3 or 0.4)."""
        assert (Decimal("0.3"), Decimal("0.4")) == (round_half_up(0.25), round_half_up(0.35))

    def test_float_noise_does_not_change_the_figure(self) -> None:
        """7.25 reached by adding floats in a different order publishes the same 7.3."""
        a = 0.1 + 0.2 + 7.0 - 0.05  # 7.249999999999999 or 7.25 depending on order
        b = 7.0 - 0.05 + 0.2 + 0.1
        assert round_half_up(a) == round_half_up(b) == Decimal("7.3")

    def test_format(self) -> None:
        """Decimal comma in Swedish, point in English, a sign on differences."""
        assert ("-0,2", "+1.9", "0,0") == (
            format_number(Decimal("-0.2"), sign=True),
            format_number(Decimal("1.9"), "en", sign=True),
            format_number(Decimal("0.0"), sign=True),
        )


class TestLanguage:
    """Swedish by default, English on request; any other language is an error, not Swedish."""

    @pytest.mark.parametrize(
        "call",
        [
            lambda: render_markdown(Report(unit_id="k", year=2024), None, lang="de"),
            lambda: rolled().render(lang="de"),
            lambda: format_number(Decimal("1.5"), "de"),
        ],
        ids=["render_markdown", "Reports.render", "format_number"],
    )
    def test_unknown_language(self, call: Callable[[], str]) -> None:
        """An unknown lang raises InvalidValueError naming the field, the languages and the value."""
        with pytest.raises(InvalidValueError) as info:
            call()
        assert "'lang' must be one of 'en', 'sv' (got 'de')" == str(info.value)

    def test_unhashable_language(self) -> None:
        """A list where a language belongs is refused the same way."""
        with pytest.raises(InvalidValueError, match="'lang' must be one of 'en', 'sv'"):
            render_markdown(Report(unit_id="k", year=2024), None, lang=["sv"])  # type: ignore[arg-type]


class TestArguments:
    """render_markdown names a bad argument."""

    def test_org_is_a_tree(self) -> None:
        """An org id where the tree belongs is refused by name."""
        with pytest.raises(InvalidValueError, match="'org' must be an OrgTree or None"):
            render_markdown(Report(unit_id="k", year=2024), "k")  # type: ignore[arg-type]

    def test_report_is_a_report(self) -> None:
        """A mapping where a report belongs is refused by name."""
        with pytest.raises(
            InvalidValueError, match="'report' must be a Report or a PublishedReport"
        ):
            render_markdown({"unit_id": "k"}, None)  # type: ignore[arg-type]


class TestNotebook:
    """In a notebook, a rolled-up result shows as its rendered tables."""

    def test_repr_markdown(self) -> None:
        """Reports render through the IPython _repr_markdown_ hook."""
        reports = rolled()
        assert reports._repr_markdown_() == reports.render()


class TestWire:
    """ "from_json(to_json(report), Report) == report for generated reports and the example"."""

    def test_round_trip_hand_built(self) -> None:
        """Every rolled-up report of the hand-built dataset round-trips."""
        for report in rolled().values():
            assert report == from_json(to_json(report), Report)

    def test_round_trip_example(self) -> None:
        """The example municipality's root report round-trips."""
        data = municipality(employees=300)
        root = roll_up(data.org, build_reports(data, 2024)).root
        assert root == from_json(to_json(root), Report)
        assert render_markdown(root, data.org) == render_markdown(
            from_json(to_json(root), Report), data.org
        )


def demo(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "samcore", "demo", "--employees", "400", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


class TestDemo:
    """python -m samcore demo prints the example's rolled-up report."""

    def test_default(self) -> None:
        """The default prints the municipality's Swedish report for 2024."""
        out = demo()
        assert 0 == out.returncode, out.stderr
        assert out.stdout.startswith("# Arbetsmiljörapport 2024 – Exempelkommunen")

    def test_json(self) -> None:
        """--json prints the unit's published report (no hours, small groups hidden) as JSON."""
        out = demo("--json", "--unit", "n1", "--lang", "en")
        assert 0 == out.returncode, out.stderr
        assert "n1" == from_json(out.stdout, PublishedReport).unit_id
        assert "scheduled_hours" not in out.stdout

    def test_bad_unit(self) -> None:
        """An unknown unit is a one-line error listing valid ids, exit status 2."""
        out = demo("--unit", "nowhere")
        assert 2 == out.returncode
        assert "" == out.stdout
        assert 1 == len(out.stderr.strip().splitlines())
        assert "'nowhere'" in out.stderr
        assert "kommun" in out.stderr
