"""Report templates as data: sections, numbering, question rules, and a template of one's own."""

from __future__ import annotations

import pytest
from hypothesis import given

from samcore import (
    TEMPLATE_2023,
    TEMPLATE_2024,
    TEMPLATE_2026,
    Answer,
    AnswerTally,
    Dataset,
    DatasetError,
    InvalidValueError,
    OrgTree,
    OrgUnit,
    Question,
    QuestionnaireAnswer,
    Rule,
    Section,
    Table,
    Template,
    WireFormatError,
    build_reports,
    from_json,
    json_schema,
    render_markdown,
    roll_up,
    template_for,
    to_json,
    verdict,
)
from samcore import strategies as sst


class TestShippedTemplates:
    """Seed 003 numbers its sections "2.1 Arbetsskador och tillbud" … "2.11 Vidarefördelning av
    arbetsmiljöuppgifter och certifiering" and "3.1 Kommentarer till utvalda risker och åtgärder"."""

    def test_numbering_of_2023(self) -> None:
        """The 2023 template numbers its sections as seed 003 does."""
        numbers = {s.title_sv: n for n, s in TEMPLATE_2023.numbered()}
        assert "2.1" == numbers["Arbetsskador och tillbud"]
        assert "2.5" == numbers["Arbetsplatsträffar och samverkan"]
        assert "2.6" == numbers["Arbetsmiljöronder/Arbetsmiljöarbete"]
        assert "2.8" == numbers["Aktiva åtgärder (Diskrimineringslagen)"]
        assert "2.9" == numbers["Arbetet med resultatet av medarbetarenkäten"]
        assert "2.11" == numbers["Vidarefördelning av arbetsmiljöuppgifter och certifiering"]
        assert "3.1" == numbers["Kommentarer till utvalda risker och åtgärder"]

    def test_2024_titles_and_questions(self) -> None:
        """Seed 000 (2024) says "Kartläggning/Arbetsmiljöarbete" and asks of delegation whether
        "Känner du till de formella förutsättningarna …"; 2023 asked whether all are certified."""
        assert "Kartläggning/Arbetsmiljöarbete" == TEMPLATE_2024.section("surveys").title_sv
        assert "delegation.knows_conditions" in {q.id for q in TEMPLATE_2024.questions}
        assert "delegation.all_certified" in {q.id for q in TEMPLATE_2023.questions}
        assert "delegation.all_certified" not in {q.id for q in TEMPLATE_2024.questions}

    def test_inspection_is_an_occurrence_question(self) -> None:
        """ "Har verksamheten haft inspektion av Arbetsmiljöverket under året?" is yes when any unit
        was inspected (seed 000: three of nine committees, the municipality answers "Ja")."""
        assert Rule.ANY is TEMPLATE_2024.question("inspections.inspected").rule
        assert Rule.ALL is TEMPLATE_2024.question("incidents.routine_followed").rule

    def test_template_of_a_year(self) -> None:
        """A year gets the latest template in use by then; an own template of the same year wins."""
        own = Template(id="own", since=2024, sections=[Section(id="a", title_sv="A", title_en="A")])
        assert TEMPLATE_2024 is template_for(2025)
        assert TEMPLATE_2026 is template_for(2031)
        assert TEMPLATE_2023 is template_for(2023)
        assert TEMPLATE_2023 is template_for(2001)
        assert own is template_for(2024, [own])
        assert TEMPLATE_2023 is template_for(2023, [own])

    @pytest.mark.parametrize("template", [TEMPLATE_2023, TEMPLATE_2024], ids=["2023", "2024"])
    def test_shipped_templates_round_trip(self, template: Template) -> None:
        """A shipped template reads back from its JSON unchanged: a municipality can start from it."""
        assert template == from_json(to_json(template), Template)


class TestTemplateRules:
    """Section ids, question ids and tables are unique in a template; a question belongs to the
    section that asks it."""

    def test_question_of_another_section(self) -> None:
        """A question naming another section than the one holding it is refused by name."""
        q = Question(id="x.q", section="x", text_sv="?", text_en="?")
        with pytest.raises(InvalidValueError, match=r"'questions\[0\].section' must be the id"):
            Section(id="y", title_sv="Y", title_en="Y", questions=[q])

    def test_duplicate_section_id(self) -> None:
        """Two sections of one id, even at different depths, are refused."""
        inner = Section(id="a", title_sv="A", title_en="A")
        with pytest.raises(InvalidValueError, match="'section id' must be unique"):
            Template(
                id="t",
                since=2024,
                sections=[Section(id="a", title_sv="A", title_en="A", sections=[inner])],
            )

    def test_duplicate_table(self) -> None:
        """One table is shown once."""
        a = Section(id="a", title_sv="A", title_en="A", tables=[Table.SICK_LEAVE])
        b = Section(id="b", title_sv="B", title_en="B", tables=[Table.SICK_LEAVE])
        with pytest.raises(InvalidValueError, match="'table' must be unique"):
            Template(id="t", since=2024, sections=[a, b])

    def test_unknown_table_on_the_wire(self) -> None:
        """A table samcore does not know is a wire error with its path, not a silent skip."""
        text = to_json(TEMPLATE_2024).replace('"rehabilitation"]', '"wellbeing"]')
        with pytest.raises(WireFormatError, match="tables"):
            from_json(text, Template)

    @given(sst.templates())
    def test_generated_templates_round_trip(self, template: Template) -> None:
        """Any valid template reads back from JSON as itself."""
        assert template == from_json(to_json(template), Template)

    def test_every_table_is_written(self) -> None:
        """Each table a template may name has its writer: no template can name one samcore
        cannot render."""
        from samcore._render_tables import TABLES

        assert set(Table) == set(TABLES)

    def test_schema(self) -> None:
        """A template's JSON Schema names the rules, for authors writing one by hand."""
        schema = json_schema(Template)
        assert ["all", "any", "tally"] == schema["$defs"]["Rule"]["enum"]


class TestVerdict:
    """ "compliance questions are yes only when every unit says yes (the exceptions named),
    occurrence questions … are yes when any unit says yes" (CONTRACT.md)."""

    @pytest.mark.parametrize(
        ("tally", "rule", "expected"),
        [
            (AnswerTally(yes=403, no=19, partly=38), Rule.ALL, Answer.NO),
            (AnswerTally(yes=9), Rule.ALL, Answer.YES),
            (AnswerTally(yes=9, not_applicable=2), Rule.ALL, Answer.YES),
            (AnswerTally(yes=3, no=6), Rule.ANY, Answer.YES),
            (AnswerTally(no=9), Rule.ANY, Answer.NO),
            (AnswerTally(no=8, partly=1), Rule.ANY, Answer.PARTLY),
            (AnswerTally(yes=3, no=6), Rule.TALLY, Answer.PARTLY),
            (AnswerTally(not_applicable=4), Rule.ALL, Answer.NOT_APPLICABLE),
            (AnswerTally(), Rule.ANY, Answer.NOT_APPLICABLE),
        ],
    )
    def test_rule(self, tally: AnswerTally, rule: Rule, expected: Answer) -> None:
        """Each rule gives the answer of the table."""
        assert expected is verdict(tally, rule)


def _own_template() -> Template:
    """Three sections, one question of each rule, one table: nothing of the shipped layout."""
    return Template(
        id="vasby-2025",
        since=2025,
        sections=[
            Section(
                id="safety",
                title_sv="Säkerhet",
                title_en="Safety",
                questions=[
                    Question(
                        id="safety.routine",
                        section="safety",
                        text_sv="Följs rutinen?",
                        text_en="Is the routine followed?",
                        rule=Rule.ALL,
                    )
                ],
            ),
            Section(
                id="visits",
                title_sv="Besök",
                title_en="Visits",
                questions=[
                    Question(
                        id="visits.inspected",
                        section="visits",
                        text_sv="Inspektion?",
                        text_en="Inspected?",
                        rule=Rule.ANY,
                    )
                ],
            ),
            Section(
                id="staff",
                title_sv="Personal",
                title_en="Staff",
                tables=[Table.TURNOVER],
                questions=[
                    Question(
                        id="staff.mood",
                        section="staff",
                        text_sv="Trivs ni?",
                        text_en="Happy?",
                        rule=Rule.TALLY,
                    )
                ],
            ),
        ],
    )


class TestOwnTemplate:
    """ "A custom template defined in a test (three sections, one question of each rule) drives
    build, roll-up, render and JSON without code changes" (issue 11)."""

    def dataset(self, template: Template) -> Dataset:
        """Three units answering the template's three questions differently."""
        org = OrgTree.from_units(
            [
                OrgUnit(id="k", name="Kommunen"),
                OrgUnit(id="a", name="Skolan", parent_id="k"),
                OrgUnit(id="b", name="Vården", parent_id="k"),
                OrgUnit(id="c", name="Kulturen", parent_id="k"),
            ]
        )
        given = {
            ("a", "safety.routine"): Answer.YES,
            ("b", "safety.routine"): Answer.NO,
            ("c", "safety.routine"): Answer.YES,
            ("a", "visits.inspected"): Answer.NO,
            ("b", "visits.inspected"): Answer.YES,
            ("c", "visits.inspected"): Answer.NO,
            ("a", "staff.mood"): Answer.YES,
            ("b", "staff.mood"): Answer.PARTLY,
            ("c", "staff.mood"): Answer.NO,
        }
        answers = [
            QuestionnaireAnswer(unit_id=u, year=2025, question_id=q, answer=a)
            for (u, q), a in given.items()
        ]
        return Dataset(org=org, answers=answers, templates=[template])

    def test_template_read_from_json_drives_the_report(self) -> None:
        """A template given as JSON text builds, rolls up and renders with its own numbering and
        each question by its rule."""
        template = from_json(to_json(_own_template()), Template)
        data = self.dataset(template)
        reports = roll_up(data.org, build_reports(data, 2025))
        text = reports.render(template=template)
        lines = text.splitlines()
        assert ["## 1. Säkerhet", "## 2. Besök", "## 3. Personal"] == [
            line for line in lines if line.startswith("## ")
        ]
        assert "| Följs rutinen? | Nej – undantag: Vården (1 av 1 svar ej ja) |" in lines
        assert "| Inspektion? | Ja (1 av 3: Vården) |" in lines
        assert "| Trivs ni? | Delvis (1 ja, 1 nej, 1 delvis) |" in lines
        assert "| Personalomsättning (externa) | R12 2025-12 | R12 2024-12 | Skillnad |" in lines
        assert "Sjukfrånvaro" not in text

    def test_answers_outside_the_template_refused(self) -> None:
        """An answer to a question the year's template does not ask is a dataset problem."""
        data = self.dataset(_own_template())
        wrong = QuestionnaireAnswer(
            unit_id="a", year=2025, question_id="inspections.inspected", answer=Answer.YES
        )
        with pytest.raises(DatasetError) as caught:
            Dataset(org=data.org, answers=[*data.answers, wrong], templates=data.templates)
        assert ["unknown_question"] == [p.code for p in caught.value.problems]

    def test_a_leaf_answers_plainly(self) -> None:
        """A unit without children shows its own answer, whatever the rule."""
        data = self.dataset(_own_template())
        report = build_reports(data, 2025)["b"]
        text = render_markdown(report, data.org, template=_own_template())
        assert "| Följs rutinen? | Nej |" in text
        assert "| Inspektion? | Ja |" in text

    def test_reports_wire_round_trip(self) -> None:
        """The rolled-up reports of an own template, with each child's answers, go through JSON."""
        data = self.dataset(_own_template())
        root = roll_up(data.org, build_reports(data, 2025)).root
        assert 3 == len(root.children)
        assert root == from_json(to_json(root), type(root))
