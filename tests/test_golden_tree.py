"""A small municipality rendered against both shipped templates, compared with reviewed texts.

Set UPDATE_GOLDEN=1 to rewrite the stored texts after reviewing a change.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from samcore import (
    TEMPLATE_2023,
    TEMPLATE_2024,
    Answer,
    Dataset,
    EmployeeSurvey,
    Measure,
    MeasureStatus,
    Narrative,
    OrgTree,
    OrgUnit,
    QuestionnaireAnswer,
    Reports,
    Risk,
    Submission,
    Template,
    build_reports,
    roll_up,
)

GOLDEN = Path(__file__).parent / "golden"

# Kommunen > Socialnämnden (two units) and Kultur- och fritidsnämnden.
ORG = OrgTree.from_units(
    [
        OrgUnit(id="k", name="Kommunen", level="kommun"),
        OrgUnit(id="sn", name="Socialnämnden", parent_id="k", level="nämnd"),
        OrgUnit(id="kf", name="Kultur- och fritidsnämnden", parent_id="k", level="nämnd"),
        OrgUnit(id="bo", name="Boendestödet", parent_id="sn", level="enhet"),
        OrgUnit(id="ifo", name="Individ- och familjeomsorgen", parent_id="sn", level="enhet"),
    ]
)


def _answers(year: int, template: Template) -> list[QuestionnaireAnswer]:
    """Every unit answers yes, except the exceptions of the test."""
    special = {
        ("bo", "incidents.routine_followed"): Answer.NO,
        ("ifo", "incidents.fed_back"): Answer.PARTLY,
        ("ifo", "inspections.inspected"): Answer.YES,
        ("kf", "meetings.held"): Answer.NO,
    }
    return [
        QuestionnaireAnswer(
            unit_id=unit,
            year=year,
            question_id=q.id,
            answer=special.get(
                (unit, q.id), Answer.NO if q.id == "inspections.inspected" else Answer.YES
            ),
        )
        for unit in ("bo", "ifo", "kf")
        for q in template.questions
    ]


def _narratives(year: int) -> list[Narrative]:
    texts = [
        ("k", "evaluation", "Kommunens samlade bedömning bygger på nämndernas rapporter."),
        ("sn", "sick_leave", "Sjukfrånvaron är högst inom boendestödet."),
        ("kf", "sick_leave", "Sjukfrånvaron är låg och stabil."),
        ("bo", "sick_leave", "Två långa sjukskrivningar präglar året."),
        ("sn", "inspections", "Arbetsmiljöverket inspekterade individ- och familjeomsorgen."),
        ("sn", "onward_comments", "Hot och våld kan inte hanteras inom nämndens ram."),
    ]
    return [Narrative(unit_id=u, year=year, section=s, text=t) for u, s, t in texts]


def dataset() -> Dataset:
    """Answers, texts, surveys and submissions for 2023 and 2024; one risk climbing two levels."""
    climbing = Risk(
        id="r1",
        unit_id="bo",
        title="Hot och våld vid hembesök",
        identified_on=date(2023, 3, 1),
        probability=4,
        consequence=4,
        reported_onward=True,
        reported_to="k",
        measures=[
            Measure(
                title="Larm till all personal",
                responsible="Socialchef",
                due=date(2024, 6, 30),
                status=MeasureStatus.IN_PROGRESS,
                desired_effect="Ingen går ensam utan larm",
            )
        ],
    )
    local = Risk(
        id="r2",
        unit_id="kf",
        title="Buller i simhallen",
        identified_on=date(2023, 5, 1),
        probability=3,
        consequence=3,
        reported_onward=True,
        measures=[
            Measure(
                title="Ljuddämpande skivor",
                responsible="Fritidschef",
                due=date(2024, 11, 30),
                status=MeasureStatus.PLANNED,
                desired_effect="Samtal går att föra utan att höja rösten",
            )
        ],
    )
    surveys = [
        EmployeeSurvey(unit_id="bo", year=year, invited=40, respondents=33, index_total=33 * 68.0)
        for year in (2023, 2024)
    ] + [
        EmployeeSurvey(unit_id="ifo", year=year, invited=6, respondents=5, index_total=5 * 80.0)
        for year in (2023, 2024)
    ]
    submissions = [
        Submission(unit_id=u, year=y, submitted_on=date(y + 1, 2, 15))
        for y in (2023, 2024)
        for u in ("bo", "ifo", "sn", "kf")
        if (u, y) not in {("kf", 2024), ("ifo", 2024)}
    ]
    return Dataset(
        org=ORG,
        risks=[climbing, local],
        answers=_answers(2023, TEMPLATE_2023) + _answers(2024, TEMPLATE_2024),
        narratives=_narratives(2023) + _narratives(2024),
        employee_surveys=surveys,
        submissions=submissions,
    )


def rolled(year: int) -> Reports:
    data = dataset()
    return roll_up(data.org, build_reports(data, year))


class TestGoldenTree:
    """The municipality's report in both templates and languages, as reviewed."""

    @pytest.mark.parametrize("lang", ["sv", "en"])
    @pytest.mark.parametrize("year", [2023, 2024])
    def test_matches_golden(self, year: int, lang: str) -> None:
        """The root's report renders exactly as the stored text."""
        text = rolled(year).render(lang=lang)
        path = GOLDEN / f"tree_{year}_{lang}.md"
        if os.environ.get("UPDATE_GOLDEN"):
            path.write_text(text, encoding="utf-8")
        assert path.read_text(encoding="utf-8") == text


class TestWhatTheReaderSees:
    """The rules of issue 11, read off the rendered municipal report of 2024."""

    def lines(self, unit: str = "k", year: int = 2024) -> list[str]:
        """The rendered report of a unit, line by line."""
        return rolled(year).render(unit).splitlines()

    def test_numbering_follows_the_template(self) -> None:
        """2024 and 2023 number eleven subsections of section 2 and a 3.1, with their own titles."""
        assert "### 2.6 Kartläggning/Arbetsmiljöarbete" in self.lines()
        assert "### 2.6 Arbetsmiljöronder/Arbetsmiljöarbete" in self.lines(year=2023)
        assert "### 3.1 Kommentarer till utvalda risker och åtgärder" in self.lines()

    def test_compliance_exceptions_named(self) -> None:
        """A compliance question is "Nej" at the top when one unit said no, naming its committee
        and how many of its answers were not yes."""
        assert (
            "| Har rapporteringen fungerat enligt den kommungemensamma rutinen? "
            "| Nej – undantag: Socialnämnden (1 av 2 svar ej ja) |"
        ) in self.lines()

    def test_occurrence_counted(self) -> None:
        """Seed 000: the municipality answers "Ja" to the inspection question when any committee
        was inspected, with how many."""
        assert (
            "| Har verksamheten haft inspektion av Arbetsmiljöverket under året? "
            "| Ja (1 av 2: Socialnämnden) |"
        ) in self.lines()

    def test_children_texts_under_their_section(self) -> None:
        """The committees' texts stand under the municipality's sick-leave section, by name."""
        lines = self.lines()
        start = lines.index("### 2.2 Sjukfrånvaro")
        end = lines.index("### 2.3 Personalomsättning")
        section = lines[start:end]
        assert "**Socialnämnden:** Sjukfrånvaron är högst inom boendestödet." in section
        assert "**Kultur- och fritidsnämnden:** Sjukfrånvaron är låg och stabil." in section
        assert not any("Två långa" in line for line in section)  # a grandchild's own text

    def test_risk_climbs_two_levels(self) -> None:
        """The unit's risk passes the committee, which reports it onward, and is taken at the top,
        still from the unit it came from."""
        row = "| Boendestödet | Hot och våld vid hembesök | 16 | Larm till all personal | Socialchef | 2024-06-30 |"
        committee = self.lines("sn")
        top = self.lines()
        assert (
            row
            in committee[
                committee.index("## 3. Utvalda risker och åtgärder som rapporteras vidare") :
            ]
        )
        assert row in top[top.index("**Risker som rapporterats hit och tas om hand här**") :]

    def test_missing_reports_listed(self) -> None:
        """A child without a submitted report is named at the top of its parent's report; those
        missing further down are counted."""
        assert "Rapporter som saknas: Kultur- och fritidsnämnden." in self.lines()
        assert "Längre ned i organisationen saknas ännu: 1." in self.lines()
        assert "Rapporter som saknas: Individ- och familjeomsorgen." in self.lines("sn")
        assert "Alla 2 underliggande rapporter har lämnats in." in self.lines("sn", 2023)

    def test_survey_index_of_few_respondents_hidden(self) -> None:
        """Seed 004: a group of five respondents or fewer gets no result of its own; the
        committee's index would give it away next to the other unit's, so both hide."""
        unit = self.lines("ifo")
        assert "| 5 | 6 | 83,3 | – |" in unit
        assert "| 33 | 40 | 82,5 | – |" in self.lines("bo")
        assert "| 38 | 46 | 82,6 | 69,6 |" in self.lines("sn")
