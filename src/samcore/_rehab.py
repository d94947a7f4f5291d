"""Rehabilitation cases (rehabiliteringsärenden): the steps taken, the plan for return to work, the outcome.

The steps are those of the source municipality's renewed rehabilitation
process: "Tidiga signaler på ohälsa", "Rutiner vid sjukfrånvaro", "Åter
till ordinarie arbete", "Åter till arbete inom ramen för anställningen",
"Avslut av rehabiliteringsarbetet". The plan for return to work is the
employer's duty under socialförsäkringsbalken 30 kap. 6 §: when the
employee's ability to work can be assumed to stay reduced for at least 60
days, the plan must exist by the day on which it has been reduced for 30
days.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from itertools import pairwise
from typing import Final

import attrs

from samcore._check import (
    describe,
    fail,
    instance_of,
    non_blank,
    optional,
    plain_date,
    require,
    tuple_of,
)
from samcore._frozen import to_tuple
from samcore._labels import label

__all__ = ["RETURN_PLAN_DAY", "RehabCase", "RehabOutcome", "RehabStep", "RehabStepTaken"]

RETURN_PLAN_DAY: Final = 30
"""The day of sick leave by which the plan for return to work must exist (socialförsäkringsbalken 30 kap. 6 §).

The law counts from the first day of reduced working ability, day 1: sick
from 1 March, the plan is due by 30 March, 29 days later. A case counts
from :attr:`RehabCase.sick_leave_from`: the day of its sick-leave step,
or the day it opened when it took none (a case opened on early signs of
ill health, before any sick leave, starts the count when sick leave does).
"""


class RehabStep(StrEnum):
    """A step of the rehabilitation process, in the order the process takes them.

    Early signs of ill health (a first step before any sick leave), the
    routines of sick leave, back to ordinary work, back to other work
    within the employment, and closing the case. A case records the first
    four in :attr:`RehabCase.steps`; it is closed by its ``closed_on``.

    Examples:
        >>> [s.value for s in RehabStep]
        ['early_signals', 'sick_leave_routines', 'ordinary_work', 'other_work', 'closed']
        >>> RehabStep.SICK_LEAVE_ROUTINES.label()
        'Rutiner vid sjukfrånvaro'
    """

    EARLY_SIGNALS = "early_signals"
    SICK_LEAVE_ROUTINES = "sick_leave_routines"
    ORDINARY_WORK = "ordinary_work"
    OTHER_WORK = "other_work"
    CLOSED = "closed"

    def label(self, lang: str = "sv") -> str:
        """The step's name in Swedish (``"sv"``) or English (``"en"``).

        Examples:
            >>> RehabStep.EARLY_SIGNALS.label("en")
            'Early signs of ill health'
        """
        return label(_STEP_NAMES, self, lang)


class RehabOutcome(StrEnum):
    """What came of a closed case: back to ordinary work, other work, left the employment, other.

    ``OTHER`` is anything else, such as a leave of absence (tjänstledighet).

    Examples:
        >>> RehabOutcome("left").label("en")
        'Left the employment'
    """

    ORDINARY_WORK = "ordinary_work"
    OTHER_WORK = "other_work"
    LEFT = "left"
    OTHER = "other"

    def label(self, lang: str = "sv") -> str:
        """The outcome's name in Swedish (``"sv"``) or English (``"en"``).

        Examples:
            >>> RehabOutcome.ORDINARY_WORK.label()
            'Åter i ordinarie arbete'
        """
        return label(_OUTCOME_NAMES, self, lang)


_STEP_NAMES: Final[Mapping[str, Mapping[RehabStep, str]]] = {
    "sv": {
        RehabStep.EARLY_SIGNALS: "Tidiga signaler på ohälsa",
        RehabStep.SICK_LEAVE_ROUTINES: "Rutiner vid sjukfrånvaro",
        RehabStep.ORDINARY_WORK: "Åter till ordinarie arbete",
        RehabStep.OTHER_WORK: "Åter till arbete inom ramen för anställningen",
        RehabStep.CLOSED: "Avslut av rehabiliteringsarbetet",
    },
    "en": {
        RehabStep.EARLY_SIGNALS: "Early signs of ill health",
        RehabStep.SICK_LEAVE_ROUTINES: "Sick-leave routines",
        RehabStep.ORDINARY_WORK: "Back to ordinary work",
        RehabStep.OTHER_WORK: "Back to other work within the employment",
        RehabStep.CLOSED: "Rehabilitation closed",
    },
}

_OUTCOME_NAMES: Final[Mapping[str, Mapping[RehabOutcome, str]]] = {
    "sv": {
        RehabOutcome.ORDINARY_WORK: "Åter i ordinarie arbete",
        RehabOutcome.OTHER_WORK: "Annat arbete inom anställningen",
        RehabOutcome.LEFT: "Slutat sin anställning",
        RehabOutcome.OTHER: "Annat",
    },
    "en": {
        RehabOutcome.ORDINARY_WORK: "Back to ordinary work",
        RehabOutcome.OTHER_WORK: "Other work within the employment",
        RehabOutcome.LEFT: "Left the employment",
        RehabOutcome.OTHER: "Other",
    },
}

_ORDER: Final = {step: index for index, step in enumerate(RehabStep)}
_TAKEN: Final = ", ".join(s.value for s in RehabStep if s is not RehabStep.CLOSED)
_DAY: Final = plain_date()


def _named(value: object) -> object:
    """An enum member as its value, for a record's description; anything else as it is."""
    return value.value if isinstance(value, StrEnum) else value


@attrs.frozen(kw_only=True)
class RehabStepTaken:
    """A step of the rehabilitation process and the day it was taken.

    Examples:
        >>> RehabStepTaken(step=RehabStep.EARLY_SIGNALS, on=date(2024, 3, 4)).step.label("en")
        'Early signs of ill health'
    """

    step: RehabStep = attrs.field(validator=instance_of(RehabStep))
    on: date = attrs.field(validator=plain_date())

    @property
    def _subject(self) -> str:
        return describe(
            "a rehabilitation step", "rehabilitation step", ("", _named(self.step)), ("on", self.on)
        )


@attrs.frozen(kw_only=True)
class RehabCase:
    """One employee's rehabilitation case in a unit, from the day it opened to its close.

    ``steps`` are the steps taken, each once, in the order of the process
    (a step may be skipped) and on days that do not go back, none before
    ``opened_on`` nor after ``closed_on``; closing is not a step of its
    own but ``closed_on``, given together with the ``outcome``.
    ``plan_on`` is the day the plan for return to work was made, within
    the case; ``expected_long`` says that the reduced working ability was
    expected to last at least 60 days, so that the plan is due by day
    :data:`RETURN_PLAN_DAY` of the sick leave (:attr:`sick_leave_from`).

    Examples:
        >>> case = RehabCase(id="r1", employee_id="e1", unit_id="u1", opened_on=date(2024, 2, 12),
        ...                  steps=[RehabStepTaken(step=RehabStep.EARLY_SIGNALS, on=date(2024, 2, 12)),
        ...                         RehabStepTaken(step=RehabStep.SICK_LEAVE_ROUTINES, on=date(2024, 3, 1)),
        ...                         RehabStepTaken(step=RehabStep.ORDINARY_WORK, on=date(2024, 5, 2))],
        ...                  closed_on=date(2024, 6, 28), outcome=RehabOutcome.ORDINARY_WORK,
        ...                  plan_on=date(2024, 3, 30), expected_long=True)
        >>> case.plan_day, case.is_open(date(2024, 6, 27)), case.is_open(date(2024, 6, 28))
        (30, True, False)
        >>> RehabCase(id="r2", employee_id="e1", unit_id="u1", opened_on=date(2024, 3, 1),
        ...           steps=[RehabStepTaken(step=RehabStep.ORDINARY_WORK, on=date(2024, 5, 2)),
        ...                  RehabStepTaken(step=RehabStep.EARLY_SIGNALS, on=date(2024, 5, 3))])
        Traceback (most recent call last):
        ...
        samcore.errors.InvalidValueError: 'steps[1]' must come after ordinary_work in the order early_signals, sick_leave_routines, ordinary_work, other_work, each step once (got 'early_signals on 2024-05-03') for rehabilitation case 'r2'
    """

    id: str = attrs.field(validator=non_blank())
    employee_id: str = attrs.field(validator=non_blank())
    unit_id: str = attrs.field(validator=non_blank())
    opened_on: date = attrs.field(validator=plain_date())
    steps: tuple[RehabStepTaken, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(RehabStepTaken)
    )
    closed_on: date | None = attrs.field(default=None, validator=optional(plain_date()))
    outcome: RehabOutcome | None = attrs.field(
        default=None, validator=optional(instance_of(RehabOutcome))
    )
    plan_on: date | None = attrs.field(default=None, validator=optional(plain_date()))
    expected_long: bool = attrs.field(default=False, validator=instance_of(bool))

    @property
    def _subject(self) -> str:
        return describe("a rehabilitation case", "rehabilitation case", ("", self.id))

    def __attrs_post_init__(self) -> None:
        subject = self._subject
        opened, closed = self.opened_on, self.closed_on
        if closed is None and self.outcome is not None:
            fail("closed_on", f"be given with outcome {self.outcome.value}", None, subject)
        if closed is not None:
            if self.outcome is None:
                fail("outcome", f"be given with closed_on {closed}", None, subject)
            if closed < opened:
                fail("closed_on", f"not precede opened_on {opened}", closed, subject)
        if self.plan_on is not None:
            if self.plan_on < opened:
                fail("plan_on", f"not precede opened_on {opened}", self.plan_on, subject)
            if closed is not None and self.plan_on > closed:
                fail("plan_on", f"not follow closed_on {closed}", self.plan_on, subject)
        for index, taken in enumerate(self.steps):
            field, shown = f"steps[{index}]", f"{taken.step.value} on {taken.on}"
            if taken.step is RehabStep.CLOSED:
                fail(field, f"be one of {_TAKEN} (a case is closed by closed_on)", shown, subject)
            if taken.on < opened:
                fail(field, f"not precede opened_on {opened}", shown, subject)
            if closed is not None and taken.on > closed:
                fail(field, f"not follow closed_on {closed}", shown, subject)
        for index, (before, taken) in enumerate(pairwise(self.steps), start=1):
            field, shown = f"steps[{index}]", f"{taken.step.value} on {taken.on}"
            if _ORDER[taken.step] <= _ORDER[before.step]:
                rule = f"come after {before.step.value} in the order {_TAKEN}, each step once"
                fail(field, rule, shown, subject)
            if taken.on < before.on:
                rule = f"not precede the step before it, {before.step.value} on {before.on}"
                fail(field, rule, shown, subject)

    @property
    def sick_leave_from(self) -> date:
        """The first day of sick leave: the day of the sick-leave step, else ``opened_on``.

        Examples:
            >>> RehabCase(id="r", employee_id="e", unit_id="u", opened_on=date(2024, 1, 31)).sick_leave_from
            datetime.date(2024, 1, 31)
        """
        for taken in self.steps:
            if taken.step is RehabStep.SICK_LEAVE_ROUTINES:
                return taken.on
        return self.opened_on

    @property
    def plan_day(self) -> int | None:
        """The day of sick leave the plan for return to work was made on (day 1 is :attr:`sick_leave_from`).

        ``None`` without a plan; 0 or less for a plan made before the sick leave began.

        Examples:
            >>> RehabCase(id="r", employee_id="e", unit_id="u", opened_on=date(2024, 1, 31),
            ...           plan_on=date(2024, 3, 1)).plan_day
            31
        """
        if self.plan_on is None:
            return None
        return (self.plan_on - self.sick_leave_from).days + 1

    def is_open(self, on: date) -> bool:
        """Whether the case is open on a day: opened on or before it and not closed by then.

        Examples:
            >>> case = RehabCase(id="r", employee_id="e", unit_id="u", opened_on=date(2024, 1, 8))
            >>> case.is_open(date(2024, 1, 7)), case.is_open(date(2024, 1, 8))
            (False, True)
        """
        require("on", on, _DAY, self._subject)
        return self.opened_on <= on and (self.closed_on is None or on < self.closed_on)

    def step_on(self, on: date) -> RehabStep | None:
        """The step the case had reached on a day: the latest taken by then, ``CLOSED`` once closed.

        ``None`` before the first step (and before the case opened).

        Examples:
            >>> case = RehabCase(id="r", employee_id="e", unit_id="u", opened_on=date(2024, 1, 8),
            ...                  steps=[RehabStepTaken(step=RehabStep.SICK_LEAVE_ROUTINES, on=date(2024, 1, 9))],
            ...                  closed_on=date(2024, 2, 1), outcome=RehabOutcome.ORDINARY_WORK)
            >>> case.step_on(date(2024, 1, 8)), case.step_on(date(2024, 1, 31)).value, case.step_on(date(2024, 2, 1)).value
            (None, 'sick_leave_routines', 'closed')
        """
        require("on", on, _DAY, self._subject)
        if self.closed_on is not None and self.closed_on <= on:
            return RehabStep.CLOSED
        reached = [taken.step for taken in self.steps if taken.on <= on]
        return reached[-1] if reached else None
