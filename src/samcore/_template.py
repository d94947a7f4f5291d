"""Report templates as data: the sections of the yearly report, their tables and questions.

A :class:`Template` drives both what :func:`build_reports` tallies and what
the renderer writes, in the template's order and numbering. The templates of
the source documents ship as :data:`TEMPLATE_2023` and :data:`TEMPLATE_2024`;
a municipality with a report of its own writes a template as JSON and reads
it with ``from_json(text, Template)``, without touching code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final

import attrs

from samcore._check import (
    describe,
    fail,
    instance_of,
    int_in,
    items,
    name_of,
    non_blank,
    require,
    show,
    subject_of,
    tuple_of,
)
from samcore._frozen import to_tuple
from samcore._questions import Question, Rule
from samcore.errors import InvalidValueError

__all__ = [
    "ALL_QUESTIONS",
    "QUESTIONS",
    "QUESTIONS_2023",
    "TEMPLATES",
    "TEMPLATE_2023",
    "TEMPLATE_2024",
    "TEMPLATE_2026",
    "Section",
    "Table",
    "Template",
    "template_for",
]


class Table(StrEnum):
    """A table of figures that samcore computes and a template section can show.

    Examples:
        >>> Table("sick_leave")
        <Table.SICK_LEAVE: 'sick_leave'>
    """

    ACTION_PLAN = "action_plan"
    """Last year's risks with their measures, status, end date and desired effect; the
    subtree's overdue and unfinished measures."""
    INCIDENTS = "incidents"
    """Reported injuries, near misses, closed and serious events, this year and last."""
    SICK_LEAVE = "sick_leave"
    """Sick leave R12, total, women, men, short and long, by age, with the difference."""
    REHABILITATION = "rehabilitation"
    """Rehabilitation cases open and closed, their outcomes, plans for return to work on time."""
    TURNOVER = "turnover"
    """External turnover R12 by gender, departures (retirements among them)."""
    EXTRA_TIME = "extra_time"
    """Additional hours and overtime R12."""
    SAFETY_ROUNDS = "safety_rounds"
    """Safety rounds done, with a safety representative, deviations found."""
    EMPLOYEE_SURVEY = "employee_survey"
    """Response rate of the employee survey, and its index where enough answered."""
    HEALTH_FACTORS = "health_factors"
    """The health factors the units chose to work on, and how they rated them."""
    CERTIFICATION = "certification"
    """The managers certified in the municipality's work-environment management."""
    DELEGATION_FINDINGS = "delegation_findings"
    """Problems found with the written delegations, by kind."""
    RISKS_ONWARD = "risks_onward"
    """Risks reported onward from this unit, and those arriving from below."""


def _a_section(instance: Any, attribute: Any, value: Any) -> None:
    """Validator of a subsection: a Section (the class is not yet made when its fields are)."""
    if not isinstance(value, Section):
        fail(name_of(attribute), "be a Section", value, subject_of(instance))


def _unique(kind: str, ids: Iterable[str], subject: str) -> None:
    seen: set[str] = set()
    for value in ids:
        if value in seen:
            fail(kind, "be unique in the template", value, subject)
        seen.add(value)


@attrs.frozen(kw_only=True)
class Section:
    """One section of a report template: its title, tables, questions and subsections.

    Sections are numbered by their place (``1``, ``2``, ``2.1`` ...), never
    by hand. ``narrative`` says whether units write a text of their own for
    the section (an assessment, comments to risks); every question's
    ``section`` is this section's ``id``.

    Examples:
        >>> s = Section(id="meetings", title_sv="Arbetsplatsträffar", title_en="Workplace meetings")
        >>> s.title("en"), s.narrative
        ('Workplace meetings', True)
    """

    id: str = attrs.field(validator=non_blank())
    title_sv: str = attrs.field(validator=non_blank())
    title_en: str = attrs.field(validator=non_blank())
    tables: tuple[Table, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Table)
    )
    questions: tuple[Question, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Question)
    )
    narrative: bool = attrs.field(default=True, validator=instance_of(bool))
    sections: tuple[Section, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items(_a_section, "be a tuple of Section")
    )

    def __attrs_post_init__(self) -> None:
        for index, question in enumerate(self.questions):
            if question.section != self.id:
                fail(
                    f"questions[{index}].section",
                    f"be the id of the section that asks it, {show(self.id)}",
                    question.section,
                    self._subject,
                )

    @property
    def _subject(self) -> str:
        return describe("a template section", "template section", ("", self.id))

    def title(self, lang: str = "sv") -> str:
        """The section's title in Swedish (``"sv"``) or English (``"en"``).

        Examples:
            >>> TEMPLATE_2024.section("surveys").title("sv")
            'Kartläggning/Arbetsmiljöarbete'
        """
        return self.title_en if lang == "en" else self.title_sv


@attrs.frozen(kw_only=True)
class Template:
    """A report template: its sections in order, used from the report year ``since``.

    Section ids, question ids and tables are each unique in a template.

    Examples:
        >>> [(number, s.id) for number, s in TEMPLATE_2024.numbered()][:3]
        [('1', 'evaluation'), ('2', 'analysis'), ('2.1', 'incidents')]
        >>> TEMPLATE_2024.question("inspections.inspected").rule
        <Rule.ANY: 'any'>
    """

    id: str = attrs.field(validator=non_blank())
    since: int = attrs.field(validator=int_in(1, 9999))
    sections: tuple[Section, ...] = attrs.field(converter=to_tuple, validator=tuple_of(Section))

    def __attrs_post_init__(self) -> None:
        subject = describe("a template", "template", ("", self.id))
        if not self.sections:
            fail("sections", "hold at least one section", (), subject)
        every = [s for _, s in self.numbered()]
        _unique("section id", (s.id for s in every), subject)
        _unique("question id", (q.id for s in every for q in s.questions), subject)
        _unique("table", (t.value for s in every for t in s.tables), subject)

    def numbered(self) -> Iterator[tuple[str, Section]]:
        """Every section with its number, in the order of the report.

        Examples:
            >>> dict((s.id, n) for n, s in TEMPLATE_2023.numbered())["delegation"]
            '2.11'
        """

        def walk(sections: tuple[Section, ...], prefix: str) -> Iterator[tuple[str, Section]]:
            for index, section in enumerate(sections, start=1):
                number = f"{prefix}{index}"
                yield number, section
                yield from walk(section.sections, number + ".")

        return walk(self.sections, "")

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question of the template, in report order.

        Examples:
            >>> TEMPLATE_2024.questions[0].id
            'incidents.routine_followed'
        """
        return tuple(q for _, s in self.numbered() for q in s.questions)

    def section(self, section_id: str) -> Section:
        """The section of an id.

        Raises:
            InvalidValueError: the template has no section of that id.

        Examples:
            >>> TEMPLATE_2024.section("turnover").tables
            (<Table.TURNOVER: 'turnover'>,)
        """
        for _, section in self.numbered():
            if section.id == section_id:
                return section
        raise InvalidValueError(
            f"'section_id' must be a section of template {show(self.id)} (got {show(section_id)})"
        )

    def question(self, question_id: str) -> Question:
        """The question of an id.

        Raises:
            InvalidValueError: the template asks no question of that id.

        Examples:
            >>> TEMPLATE_2023.question("delegation.all_certified").section
            'delegation'
        """
        for question in self.questions:
            if question.id == question_id:
                return question
        raise InvalidValueError(
            f"'question_id' must be a question of template {show(self.id)} (got {show(question_id)})"
        )


def _q(qid: str, sv: str, en: str, rule: Rule = Rule.ALL) -> Question:
    return Question(id=qid, section=qid.partition(".")[0], text_sv=sv, text_en=en, rule=rule)


def _s(sid: str, sv: str, en: str, *parts: Any, narrative: bool = True) -> Section:
    """A section; ``parts`` are its tables, questions and subsections, in any order."""
    return Section(
        id=sid,
        title_sv=sv,
        title_en=en,
        tables=[p for p in parts if isinstance(p, Table)],
        questions=[p for p in parts if isinstance(p, Question)],
        sections=[p for p in parts if isinstance(p, Section)],
        narrative=narrative,
    )


_INCIDENT_QUESTIONS: Final = (
    _q(
        "incidents.routine_followed",
        "Har rapporteringen fungerat enligt den kommungemensamma rutinen?",
        "Has reporting worked according to the municipality's common routine?",
    ),
    _q(
        "incidents.fed_back",
        "Har anmälda arbetsskador och tillbud samt utredningar och åtgärder av dessa "
        "återrapporterats till medarbetarna under året?",
        "Have reported injuries and near misses, their investigations and measures been "
        "fed back to the employees during the year?",
    ),
)
_MEETINGS: Final = _q(
    "meetings.held",
    "Har arbetsplatsträffar och samverkan hållits enligt samverkansavtalet?",
    "Have workplace meetings and co-operation with the unions been held as agreed?",
)
_SURVEYS_TAIL: Final = (
    _q(
        "surveys.routines_followed",
        "Har rutiner och instruktioner för arbetsmiljöarbetet följts?",
        "Have the routines and instructions for work-environment management been followed?",
    ),
    _q(
        "surveys.safety_representative",
        "Har skyddsombud medverkat?",
        "Has the safety representative taken part?",
    ),
    _q(
        "surveys.measures_fed_back",
        "Har åtgärder återrapporterats till medarbetarna?",
        "Have measures been fed back to the employees?",
    ),
)
_OCCUPATIONAL_HEALTH: Final = _q(
    "occupational_health.used",
    "Har du avropat tjänster när du har haft behov av sakkunnig hjälp från företagshälsovården?",
    "Have you called on the occupational health service when you needed expert help?",
)
_INSPECTED: Final = _q(
    "inspections.inspected",
    "Har verksamheten haft inspektion av Arbetsmiljöverket under året?",
    "Has the workplace been inspected by the Swedish Work Environment Authority this year?",
    Rule.ANY,
)


def _template(
    since: int,
    surveys: tuple[str, str],
    survey: Question,
    employee_survey: tuple[str, str],
    delegation: tuple[Question, ...],
    *extra: Section,
) -> Template:
    """A template of the source documents' layout; the years differ in a few titles and questions."""
    return Template(
        id=str(since),
        since=since,
        sections=[
            _s(
                "evaluation",
                "Bedömning och utvärdering av föregående års åtgärder",
                "Evaluation of last year's measures",
                Table.ACTION_PLAN,
            ),
            _s(
                "analysis",
                "Bedömning och analys av arbetsmiljöarbetet",
                "Analysis of the work-environment management",
                _s(
                    "incidents",
                    "Arbetsskador och tillbud",
                    "Injuries and near misses",
                    Table.INCIDENTS,
                    *_INCIDENT_QUESTIONS,
                ),
                _s(
                    "sick_leave",
                    "Sjukfrånvaro",
                    "Sick leave",
                    Table.SICK_LEAVE,
                    Table.REHABILITATION,
                ),
                _s("turnover", "Personalomsättning", "Staff turnover", Table.TURNOVER),
                _s(
                    "extra_time",
                    "Övertid och mertid",
                    "Overtime and additional hours",
                    Table.EXTRA_TIME,
                ),
                _s(
                    "meetings",
                    "Arbetsplatsträffar och samverkan",
                    "Workplace meetings and co-operation",
                    _MEETINGS,
                ),
                _s("surveys", *surveys, Table.SAFETY_ROUNDS, survey, *_SURVEYS_TAIL),
                _s(
                    "occupational_health",
                    "Företagshälsovård",
                    "Occupational health service",
                    _OCCUPATIONAL_HEALTH,
                ),
                _s(
                    "active_measures",
                    "Aktiva åtgärder (Diskrimineringslagen)",
                    "Active measures (Discrimination Act)",
                ),
                _s("employee_survey", *employee_survey, Table.EMPLOYEE_SURVEY),
                *extra,
                _s(
                    "inspections",
                    "Inspektioner från Arbetsmiljöverket",
                    "Inspections by the Work Environment Authority",
                    _INSPECTED,
                ),
                _s(
                    "delegation",
                    "Vidarefördelning av arbetsmiljöuppgifter och certifiering",
                    "Delegation of work-environment tasks and certification",
                    *delegation,
                    Table.CERTIFICATION,
                    Table.DELEGATION_FINDINGS,
                ),
                narrative=False,
            ),
            _s(
                "onward",
                "Utvalda risker och åtgärder som rapporteras vidare",
                "Selected risks and measures reported onward",
                Table.RISKS_ONWARD,
                _s(
                    "onward_comments",
                    "Kommentarer till utvalda risker och åtgärder",
                    "Comments on the selected risks and measures",
                ),
                narrative=False,
            ),
        ],
    )


TEMPLATE_2023: Final = _template(
    2023,
    ("Arbetsmiljöronder/Arbetsmiljöarbete", "Safety rounds and work-environment management"),
    _q(
        "surveys.rounds_performed",
        "Har kartläggning av arbetsmiljön (arbetsmiljöronder) genomförts?",
        "Has the work environment been surveyed (safety rounds)?",
    ),
    ("Arbetet med resultatet av medarbetarenkäten", "Work on the employee survey's results"),
    (
        _q(
            "delegation.all_in_writing",
            "Har alla med ansvar för arbetsmiljöuppgifter fått en skriftlig vidarefördelning?",
            "Has everyone responsible for work-environment tasks received a written delegation?",
        ),
        _q(
            "delegation.all_sufficient",
            "Har alla som fått en skriftlig vidarefördelning tillräckliga befogenheter, "
            "resurser och kunskaper?",
            "Does everyone who received a written delegation have enough authority, "
            "resources and knowledge?",
        ),
        _q(
            "delegation.all_certified",
            "Är samtliga chefer i verksamheten certifierade i kommunens arbetsmiljöarbete?",
            "Are all managers in the organisation certified in the municipality's "
            "work-environment management?",
        ),
    ),
)
"""The template of the report for 2023 (seed 003); it serves every earlier year too."""

_LAYOUT_2024: Final = (
    ("Kartläggning/Arbetsmiljöarbete", "Surveys of the work environment"),
    _q(
        "surveys.performed",
        "Har kartläggning av arbetsmiljön (arbetsmiljöronder, övriga kartläggningsmetoder "
        "samt kartläggning inför verksamhetsförändring) genomförts?",
        "Has the work environment been surveyed (safety rounds, other survey methods and "
        "surveys before organisational change)?",
    ),
    ("Arbetet med medarbetarundersökningen", "Work with the employee survey"),
    (
        _q(
            "delegation.knows_conditions",
            "Känner du till de formella förutsättningarna för att ta emot en skriftlig "
            "vidarefördelning?",
            "Do you know the formal conditions for receiving a written delegation?",
        ),
        _q(
            "delegation.sufficient",
            "Har de personer i din verksamhet som fått en skriftlig vidarefördelning "
            "tillräckliga befogenheter, resurser och kunskaper?",
            "Do the people in your organisation who received a written delegation have "
            "enough authority, resources and knowledge?",
        ),
        _q(
            "delegation.training_planned",
            "Har du som överordnad chef planerat in grundläggande arbetsmiljöutbildning för "
            "chefer som ännu inte certifierats i kommunens arbetsmiljöarbete?",
            "Have you, as the superior manager, scheduled basic work-environment training "
            "for managers not yet certified in the municipality's work-environment "
            "management?",
        ),
    ),
)
"""The parts of the 2024 layout that differ from 2023: titles and questions."""

TEMPLATE_2024: Final = _template(2024, *_LAYOUT_2024)
"""The template of the report for 2024 (seed 000), used from 2024 on."""

TEMPLATE_2026: Final = _template(
    2026,
    *_LAYOUT_2024,
    _s(
        "health_factors",
        "Arbetet med friskfaktorer",
        "Work with the health factors",
        Table.HEALTH_FACTORS,
    ),
)
"""The 2024 template with the health-factor work followed up, as from the report for 2026
(seed 002)."""

TEMPLATES: Final = (TEMPLATE_2023, TEMPLATE_2024, TEMPLATE_2026)
"""The shipped templates, oldest first."""

QUESTIONS: Final[tuple[Question, ...]] = TEMPLATE_2024.questions
"""The questions of the current template (the 2024 report), in report order."""

QUESTIONS_2023: Final[tuple[Question, ...]] = TEMPLATE_2023.questions
"""The questions of the older template (the 2023 report), kept for reports of earlier years."""

ALL_QUESTIONS: Final = MappingProxyType({q.id: q for t in TEMPLATES for q in t.questions})
"""Every question of the shipped templates, by id."""


def template_for(year: int, templates: Iterable[Template] = ()) -> Template:
    """The template of a report year: the latest one in use by then.

    ``templates`` of your own come before the shipped ones of the same
    ``since``. A year before every template's ``since`` gets the oldest.

    Raises:
        InvalidValueError: ``year`` is not an int in 1..9999, or ``templates``
            holds something else than templates.

    Examples:
        >>> template_for(2025).id, template_for(2023).id, template_for(2019).id
        ('2024', '2023', '2023')
    """
    require("year", year, int_in(1, 9999), "template_for")
    own = to_tuple(templates)
    require("templates", own, tuple_of(Template), "template_for")
    every: tuple[Template, ...] = (*own, *TEMPLATES)
    started = [t for t in every if t.since <= year]
    if not started:
        return min(every, key=_since)
    return max(started, key=_since)  # max keeps the first of equals: your own


def _since(template: Template) -> int:
    return template.since
