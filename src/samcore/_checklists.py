"""Checklists of safety rounds and tallies of yes/no answers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum

import attrs

from samcore._check import (
    require_all,
    require_count,
    require_day,
    require_instance,
    require_optional_text,
    require_text,
    to_tuple,
)
from samcore._monoid import Summable, add_fields

__all__ = ["Answer", "AnswerTally", "Checklist", "ChecklistItem", "SurveySummary"]


class Answer(StrEnum):
    """An answer to a yes/no question: Ja, Nej, Delvis, or not applicable.

    Examples:
        >>> Answer("partly")
        <Answer.PARTLY: 'partly'>
    """

    YES = "yes"
    NO = "no"
    PARTLY = "partly"
    NOT_APPLICABLE = "not_applicable"


@attrs.frozen(kw_only=True)
class ChecklistItem:
    """One question of a checklist and its answer.

    Examples:
        >>> ChecklistItem(question="Finns rutin för ensamarbete?", answer=Answer.NO).answer
        <Answer.NO: 'no'>
    """

    question: str
    answer: Answer
    comment: str | None = None

    def __attrs_post_init__(self) -> None:
        require_text("question", self.question, "a checklist item")
        subject = f"checklist item {self.question!r}"
        require_instance("answer", self.answer, Answer, subject)
        require_optional_text("comment", self.comment, subject)


@attrs.frozen(kw_only=True)
class Checklist:
    """A safety round (arbetsmiljörond, skyddsrond) on one topic in one unit.

    Examples:
        >>> c = Checklist(id="c1", unit_id="u1", topic="hot och våld", performed_on=date(2024, 4, 2),
        ...               items=[ChecklistItem(question="Larm finns?", answer=Answer.YES),
        ...                      ChecklistItem(question="Rutin känd?", answer=Answer.PARTLY)])
        >>> [i.question for i in c.deviations]
        ['Rutin känd?']
    """

    id: str
    unit_id: str
    topic: str
    performed_on: date
    items: tuple[ChecklistItem, ...] = attrs.field(default=(), converter=to_tuple)
    safety_representative_participated: bool = False

    def __attrs_post_init__(self) -> None:
        require_text("id", self.id, "a checklist")
        subject = f"checklist {self.id!r}"
        require_text("unit_id", self.unit_id, subject)
        require_text("topic", self.topic, subject)
        require_day("performed_on", self.performed_on, subject)
        require_all("items", self.items, ChecklistItem, subject)
        require_instance(
            "safety_representative_participated",
            self.safety_representative_participated,
            bool,
            subject,
        )

    @property
    def deviations(self) -> tuple[ChecklistItem, ...]:
        """The items answered no or partly: what the action plan must address.

        Examples:
            >>> Checklist(id="c", unit_id="u", topic="t", performed_on=date(2024, 1, 1)).deviations
            ()
        """
        return tuple(i for i in self.items if i.answer in (Answer.NO, Answer.PARTLY))


@attrs.frozen(kw_only=True)
class AnswerTally(Summable):
    """How many units answered yes, no, partly or not applicable: a monoid.

    Examples:
        >>> t = sum([AnswerTally.of(Answer.YES)] * 9, AnswerTally())
        >>> t.yes, t.summary
        (9, <Answer.YES: 'yes'>)
        >>> (t + AnswerTally.of(Answer.NO)).summary
        <Answer.PARTLY: 'partly'>
    """

    yes: int = 0
    no: int = 0
    partly: int = 0
    not_applicable: int = 0

    def __attrs_post_init__(self) -> None:
        for field in ("yes", "no", "partly", "not_applicable"):
            require_count(field, getattr(self, field), "an answer tally")

    @classmethod
    def of(cls, answer: Answer) -> AnswerTally:
        """The tally of a single answer.

        Examples:
            >>> AnswerTally.of(Answer.NOT_APPLICABLE)
            AnswerTally(yes=0, no=0, partly=0, not_applicable=1)
        """
        return cls(**{Answer(answer).value: 1})

    def __add__(self, other: AnswerTally) -> AnswerTally:
        if not isinstance(other, AnswerTally):
            return NotImplemented
        return add_fields(self, other)

    @property
    def total(self) -> int:
        """Every answer counted, not applicable included.

        Examples:
            >>> AnswerTally(yes=2, not_applicable=1).total
            3
        """
        return self.yes + self.no + self.partly + self.not_applicable

    @property
    def summary(self) -> Answer:
        """One answer for all: yes or no when every applicable answer agrees, else partly.

        With no applicable answer at all it is ``NOT_APPLICABLE``.

        Examples:
            >>> AnswerTally(no=3, not_applicable=2).summary
            <Answer.NO: 'no'>
        """
        applicable = self.yes + self.no + self.partly
        if applicable == 0:
            return Answer.NOT_APPLICABLE
        if self.yes == applicable:
            return Answer.YES
        if self.no == applicable:
            return Answer.NO
        return Answer.PARTLY


@attrs.frozen(kw_only=True)
class SurveySummary:
    """Safety rounds performed in a year: how many, with a safety representative, deviations.

    Examples:
        >>> (SurveySummary(rounds=3, with_safety_representative=2, deviations=4) + SurveySummary()).rounds
        3
    """

    rounds: int = 0
    with_safety_representative: int = 0
    deviations: int = 0

    def __attrs_post_init__(self) -> None:
        for field in attrs.fields(SurveySummary):
            require_count(field.name, getattr(self, field.name), "a survey summary")

    def __add__(self, other: SurveySummary) -> SurveySummary:
        if not isinstance(other, SurveySummary):
            return NotImplemented
        return add_fields(self, other)

    @classmethod
    def of(cls, checklists: Iterable[Checklist]) -> SurveySummary:
        """Summarise checklists.

        Examples:
            >>> SurveySummary.of([]).rounds
            0
        """
        rounds = tuple(checklists)
        return cls(
            rounds=len(rounds),
            with_safety_representative=sum(c.safety_representative_participated for c in rounds),
            deviations=sum(len(c.deviations) for c in rounds),
        )
