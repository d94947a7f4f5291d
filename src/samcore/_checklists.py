"""Checklists of safety rounds and tallies of yes/no answers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import ClassVar, Final

import attrs

from samcore._check import (
    describe,
    fail,
    instance_of,
    int_in,
    non_blank,
    optional,
    plain_date,
    require,
    tuple_of,
)
from samcore._frozen import records, to_tuple
from samcore._monoid import Summable

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

    question: str = attrs.field(validator=non_blank())
    answer: Answer = attrs.field(validator=instance_of(Answer))
    comment: str | None = attrs.field(default=None, validator=optional(non_blank()))

    @property
    def _subject(self) -> str:
        return describe("a checklist item", "checklist item", ("", self.question))


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

    id: str = attrs.field(validator=non_blank())
    unit_id: str = attrs.field(validator=non_blank())
    topic: str = attrs.field(validator=non_blank())
    performed_on: date = attrs.field(validator=plain_date())
    items: tuple[ChecklistItem, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(ChecklistItem)
    )
    safety_representative_participated: bool = attrs.field(
        default=False, validator=instance_of(bool)
    )

    @property
    def _subject(self) -> str:
        return describe("a checklist", "checklist", ("", self.id))

    @property
    def deviations(self) -> tuple[ChecklistItem, ...]:
        """The items answered no or partly: what the action plan must address.

        Examples:
            >>> Checklist(id="c", unit_id="u", topic="t", performed_on=date(2024, 1, 1)).deviations
            ()
        """
        return tuple(i for i in self.items if i.answer in (Answer.NO, Answer.PARTLY))


_ANSWER: Final = instance_of(Answer)


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

    yes: int = attrs.field(default=0, validator=int_in(0))
    no: int = attrs.field(default=0, validator=int_in(0))
    partly: int = attrs.field(default=0, validator=int_in(0))
    not_applicable: int = attrs.field(default=0, validator=int_in(0))

    _subject: ClassVar[str] = "an answer tally"

    @classmethod
    def of(cls, answer: Answer) -> AnswerTally:
        """The tally of a single answer.

        Examples:
            >>> AnswerTally.of(Answer.NOT_APPLICABLE)
            AnswerTally(yes=0, no=0, partly=0, not_applicable=1)
        """
        require("answer", answer, _ANSWER, "an answer tally")
        return _ONE[answer]

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
class SurveySummary(Summable):
    """Safety rounds performed in a year: how many, with a safety representative, deviations.

    Examples:
        >>> (SurveySummary(rounds=3, with_safety_representative=2, deviations=4) + SurveySummary()).rounds
        3
    """

    rounds: int = attrs.field(default=0, validator=int_in(0))
    with_safety_representative: int = attrs.field(default=0, validator=int_in(0))
    deviations: int = attrs.field(default=0, validator=int_in(0))

    _subject: ClassVar[str] = "a survey summary"

    def __attrs_post_init__(self) -> None:
        if self.with_safety_representative > self.rounds:
            fail(
                "with_safety_representative",
                f"not exceed the {self.rounds} rounds",
                self.with_safety_representative,
                self._subject,
            )

    @classmethod
    def of(cls, checklists: Iterable[Checklist]) -> SurveySummary:
        """Summarise checklists.

        Examples:
            >>> SurveySummary.of([]).rounds
            0
        """
        rounds = records("checklists", checklists, Checklist, "a survey summary")
        if not rounds:
            return _NO_ROUNDS
        return cls(
            rounds=len(rounds),
            with_safety_representative=sum(c.safety_representative_participated for c in rounds),
            deviations=sum(len(c.deviations) for c in rounds),
        )


_NO_ROUNDS: Final = SurveySummary()


_ONE: Final = {answer: AnswerTally(**{answer.value: 1}) for answer in Answer}
"""The tally of each single answer, shared: values do not change."""
