"""The yes/no questions of the work-environment report template."""

from __future__ import annotations

from enum import StrEnum
from types import MappingProxyType
from typing import Final

import attrs

from samcore._check import describe, instance_of, int_in, non_blank
from samcore._checklists import Answer

__all__ = [
    "ALL_QUESTIONS",
    "QUESTIONS",
    "QUESTIONS_2023",
    "Question",
    "QuestionSection",
    "QuestionnaireAnswer",
]


class QuestionSection(StrEnum):
    """The section of the report a question belongs to.

    Examples:
        >>> QuestionSection("delegation")
        <QuestionSection.DELEGATION: 'delegation'>
    """

    INCIDENTS = "incidents"
    SURVEYS = "surveys"
    OCCUPATIONAL_HEALTH = "occupational_health"
    INSPECTIONS = "inspections"
    DELEGATION = "delegation"


@attrs.frozen(kw_only=True)
class Question:
    """A yes/no question of the template, with a stable id and both languages.

    Examples:
        >>> q = ALL_QUESTIONS["inspections.inspected"]
        >>> q.section.value, q.text_en
        ('inspections', 'Has the workplace been inspected by the Swedish Work Environment Authority this year?')
    """

    id: str = attrs.field(validator=non_blank())
    section: QuestionSection = attrs.field(validator=instance_of(QuestionSection))
    text_sv: str = attrs.field(validator=non_blank())
    text_en: str = attrs.field(validator=non_blank())

    @property
    def _subject(self) -> str:
        return describe("a question", "question", ("", self.id))

    def text(self, lang: str = "sv") -> str:
        """The question in Swedish (``"sv"``) or English (``"en"``).

        Examples:
            >>> ALL_QUESTIONS["surveys.safety_representative"].text("sv")
            'Har skyddsombud medverkat?'
        """
        return self.text_en if lang == "en" else self.text_sv


@attrs.frozen(kw_only=True)
class QuestionnaireAnswer:
    """A unit's answer to one yes/no question of the report for one year.

    Examples:
        >>> QuestionnaireAnswer(unit_id="ksf", year=2024, question_id="inspections.inspected",
        ...                     answer=Answer.NO).answer.value
        'no'
    """

    unit_id: str = attrs.field(validator=non_blank())
    year: int = attrs.field(validator=int_in(1, 9999))
    question_id: str = attrs.field(validator=non_blank())
    answer: Answer = attrs.field(validator=instance_of(Answer))

    @property
    def _subject(self) -> str:
        return describe(
            "a questionnaire answer",
            "answer",
            ("of unit", self.unit_id),
            ("to question", self.question_id),
        )


def _q(qid: str, section: QuestionSection, sv: str, en: str) -> Question:
    return Question(id=qid, section=section, text_sv=sv, text_en=en)


_S = QuestionSection
_SHARED: Final = (
    _q(
        "incidents.routine_followed",
        _S.INCIDENTS,
        "Har rapporteringen fungerat enligt den kommungemensamma rutinen?",
        "Has reporting worked according to the municipality's common routine?",
    ),
    _q(
        "incidents.fed_back",
        _S.INCIDENTS,
        "Har anmälda arbetsskador och tillbud samt utredningar och åtgärder av dessa "
        "återrapporterats till medarbetarna under året?",
        "Have reported injuries and near misses, their investigations and measures been "
        "fed back to the employees during the year?",
    ),
)
_SURVEYS_TAIL: Final = (
    _q(
        "surveys.routines_followed",
        _S.SURVEYS,
        "Har rutiner och instruktioner för arbetsmiljöarbetet följts?",
        "Have the routines and instructions for work-environment management been followed?",
    ),
    _q(
        "surveys.safety_representative",
        _S.SURVEYS,
        "Har skyddsombud medverkat?",
        "Has the safety representative taken part?",
    ),
    _q(
        "surveys.measures_fed_back",
        _S.SURVEYS,
        "Har åtgärder återrapporterats till medarbetarna?",
        "Have measures been fed back to the employees?",
    ),
    _q(
        "occupational_health.used",
        _S.OCCUPATIONAL_HEALTH,
        "Har du avropat tjänster när du har haft behov av sakkunnig hjälp från "
        "företagshälsovården?",
        "Have you called on the occupational health service when you needed expert help?",
    ),
    _q(
        "inspections.inspected",
        _S.INSPECTIONS,
        "Har verksamheten haft inspektion av Arbetsmiljöverket under året?",
        "Has the workplace been inspected by the Swedish Work Environment Authority this year?",
    ),
)

QUESTIONS: Final[tuple[Question, ...]] = (
    *_SHARED,
    _q(
        "surveys.performed",
        _S.SURVEYS,
        "Har kartläggning av arbetsmiljön (arbetsmiljöronder, övriga kartläggningsmetoder samt "
        "kartläggning inför verksamhetsförändring) genomförts?",
        "Has the work environment been surveyed (safety rounds, other survey methods and "
        "surveys before organisational change)?",
    ),
    *_SURVEYS_TAIL,
    _q(
        "delegation.knows_conditions",
        _S.DELEGATION,
        "Känner du till de formella förutsättningarna för att ta emot en skriftlig "
        "vidarefördelning?",
        "Do you know the formal conditions for receiving a written delegation?",
    ),
    _q(
        "delegation.sufficient",
        _S.DELEGATION,
        "Har de personer i din verksamhet som fått en skriftlig vidarefördelning tillräckliga "
        "befogenheter, resurser och kunskaper?",
        "Do the people in your organisation who received a written delegation have enough "
        "authority, resources and knowledge?",
    ),
    _q(
        "delegation.training_planned",
        _S.DELEGATION,
        "Har du som överordnad chef planerat in grundläggande arbetsmiljöutbildning för chefer "
        "som ännu inte certifierats i kommunens arbetsmiljöarbete?",
        "Have you, as the superior manager, scheduled basic work-environment training for "
        "managers not yet certified in the municipality's work-environment management?",
    ),
)
"""The questions of the current template (the 2024 report), in report order."""

QUESTIONS_2023: Final[tuple[Question, ...]] = (
    *_SHARED,
    _q(
        "surveys.rounds_performed",
        _S.SURVEYS,
        "Har kartläggning av arbetsmiljön (arbetsmiljöronder) genomförts?",
        "Has the work environment been surveyed (safety rounds)?",
    ),
    *_SURVEYS_TAIL,
    _q(
        "delegation.all_in_writing",
        _S.DELEGATION,
        "Har alla med ansvar för arbetsmiljöuppgifter fått en skriftlig vidarefördelning?",
        "Has everyone responsible for work-environment tasks received a written delegation?",
    ),
    _q(
        "delegation.all_sufficient",
        _S.DELEGATION,
        "Har alla som fått en skriftlig vidarefördelning tillräckliga befogenheter, resurser "
        "och kunskaper?",
        "Does everyone who received a written delegation have enough authority, resources "
        "and knowledge?",
    ),
    _q(
        "delegation.all_certified",
        _S.DELEGATION,
        "Är samtliga chefer i verksamheten certifierade i kommunens arbetsmiljöarbete?",
        "Are all managers in the organisation certified in the municipality's "
        "work-environment management?",
    ),
)
"""The questions of the older template (the 2023 report), kept for reports of earlier years."""

ALL_QUESTIONS: Final = MappingProxyType({q.id: q for q in (*QUESTIONS, *QUESTIONS_2023)})
"""Every known question by id, from both templates."""
