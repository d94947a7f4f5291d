"""The yes/no questions of the work-environment report, and how their answers add up."""

from __future__ import annotations

from enum import StrEnum

import attrs

from samcore._check import describe, instance_of, int_in, non_blank
from samcore._checklists import Answer, AnswerTally

__all__ = ["Question", "QuestionnaireAnswer", "Rule", "verdict"]


class Rule(StrEnum):
    """How the answers of many units to one question make the answer of their parent.

    ``ALL`` is for compliance questions ("has reporting followed the
    routine?"): yes only when every unit says yes, the others named as
    exceptions. ``ANY`` is for occurrence questions ("has the workplace
    been inspected?"): yes when any unit says yes, with how many did.
    ``TALLY`` shows the plain count of each answer.

    Examples:
        >>> Rule("any")
        <Rule.ANY: 'any'>
    """

    ALL = "all"
    ANY = "any"
    TALLY = "tally"


@attrs.frozen(kw_only=True)
class Question:
    """A yes/no question of a report template, with a stable id, both languages and its rule.

    ``section`` is the id of the template section that asks it; ``rule``
    says how the answers of many units add up (compliance questions, the
    default, are yes only when every unit says yes).

    Examples:
        >>> q = Question(id="inspections.inspected", section="inspections", rule=Rule.ANY,
        ...              text_sv="Har verksamheten haft inspektion av Arbetsmiljöverket under året?",
        ...              text_en="Has the workplace been inspected by the Work Environment Authority?")
        >>> q.section, q.rule.value
        ('inspections', 'any')
    """

    id: str = attrs.field(validator=non_blank())
    section: str = attrs.field(validator=non_blank())
    text_sv: str = attrs.field(validator=non_blank())
    text_en: str = attrs.field(validator=non_blank())
    rule: Rule = attrs.field(default=Rule.ALL, validator=instance_of(Rule))

    @property
    def _subject(self) -> str:
        return describe("a question", "question", ("", self.id))

    def text(self, lang: str = "sv") -> str:
        """The question in Swedish (``"sv"``) or English (``"en"``).

        Examples:
            >>> Question(id="q", section="s", text_sv="Ja?", text_en="Yes?").text("en")
            'Yes?'
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


def verdict(tally: AnswerTally, rule: Rule) -> Answer:
    """The one answer that a tally of many units' answers gives under a rule.

    ``ALL``: yes when every applicable answer is yes, else no. ``ANY``: yes
    when any answer is yes, else partly when any is partly, else no.
    ``TALLY``: the tally's own summary (yes or no when all agree, else
    partly). Without an applicable answer, not applicable.

    Examples:
        >>> mixed = AnswerTally(yes=3, no=1)
        >>> verdict(mixed, Rule.ALL), verdict(mixed, Rule.ANY), verdict(mixed, Rule.TALLY)
        (<Answer.NO: 'no'>, <Answer.YES: 'yes'>, <Answer.PARTLY: 'partly'>)
    """
    if tally.yes + tally.no + tally.partly == 0:
        return Answer.NOT_APPLICABLE
    if rule is Rule.ALL:
        return Answer.YES if tally.no + tally.partly == 0 else Answer.NO
    if rule is Rule.ANY:
        return Answer.YES if tally.yes else Answer.PARTLY if tally.partly else Answer.NO
    return tally.summary
