"""The aggregation plan (aggregeringsplan): when each level's reports are due, and submissions."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import ClassVar

import attrs

from samcore._check import (
    describe,
    fail,
    instance_of,
    int_in,
    is_int,
    mapping_of,
    non_blank,
    optional,
    path_step,
    plain_date,
    require,
    some,
    subject_of,
)
from samcore._frozen import frozen_map
from samcore._org import OrgTree, OrgUnit
from samcore.errors import Problem

__all__ = ["AggregationPlan", "ReportState", "Step", "Submission"]


class ReportState(StrEnum):
    """Where a unit's yearly report stands: a draft, submitted upward, or presented in samverkan.

    Examples:
        >>> [s.value for s in ReportState]
        ['draft', 'submitted', 'presented']
    """

    DRAFT = "draft"
    SUBMITTED = "submitted"
    PRESENTED = "presented"


@attrs.frozen(kw_only=True)
class Submission:
    """The day a unit handed in its report for a year, and the day it was presented.

    ``submitted_on`` is the day the report went to the unit above;
    ``presented_on`` the day it was presented in samverkan (co-operation
    with the unions), which needs a submitted report and does not precede
    its submission. A submission without dates is a draft.

    Examples:
        >>> s = Submission(unit_id="hr", year=2024, submitted_on=date(2025, 2, 10))
        >>> s.state.value, s.state_on(date(2025, 2, 9)).value
        ('submitted', 'draft')
    """

    unit_id: str = attrs.field(validator=non_blank())
    year: int = attrs.field(validator=int_in(1, 9999))
    submitted_on: date | None = attrs.field(default=None, validator=optional(plain_date()))
    presented_on: date | None = attrs.field(default=None, validator=optional(plain_date()))

    def __attrs_post_init__(self) -> None:
        if self.presented_on is None:
            return
        if self.submitted_on is None:
            fail(
                "presented_on",
                "be None while submitted_on is None (a report is submitted before it is presented)",
                self.presented_on,
                self._subject,
            )
        if self.presented_on < self.submitted_on:
            fail(
                "presented_on",
                "not precede submitted_on " + self.submitted_on.isoformat(),
                self.presented_on,
                self._subject,
            )

    @property
    def _subject(self) -> str:
        named = describe("a submission", "submission", ("of unit", self.unit_id))
        return f"{named} for {self.year}" if is_int(self.year) else named

    @property
    def state(self) -> ReportState:
        """The state once every date given has passed.

        Examples:
            >>> Submission(unit_id="hr", year=2024).state.value
            'draft'
        """
        return self.state_on(date.max)

    def state_on(self, day: date) -> ReportState:
        """The state as of ``day``: a report submitted after ``day`` was still a draft on it.

        Examples:
            >>> s = Submission(unit_id="hr", year=2024, submitted_on=date(2025, 2, 10),
            ...                presented_on=date(2025, 3, 4))
            >>> [s.state_on(date(2025, m, d)).value for m, d in ((2, 9), (2, 10), (3, 4))]
            ['draft', 'submitted', 'presented']
        """
        require("day", day, plain_date(), self._subject)
        if self.submitted_on is None or day < self.submitted_on:
            return ReportState.DRAFT
        if self.presented_on is None or day < self.presented_on:
            return ReportState.SUBMITTED
        return ReportState.PRESENTED


@attrs.frozen(kw_only=True)
class Step:
    """One level's dates in the plan: reports due by ``due``, presented in samverkan on ``presented``.

    Examples:
        >>> Step(due=date(2025, 2, 15), presented=date(2025, 3, 4)).presented
        datetime.date(2025, 3, 4)
        >>> Step(due=date(2025, 2, 15), presented=date(2025, 2, 1))
        Traceback (most recent call last):
        ...
        samcore.errors.InvalidValueError: 'presented' must not precede due 2025-02-15 (got 2025-02-01) for a step due 2025-02-15
    """

    due: date = attrs.field(validator=plain_date())
    presented: date | None = attrs.field(default=None, validator=optional(plain_date()))

    def __attrs_post_init__(self) -> None:
        if self.presented is not None and self.presented < self.due:
            fail(
                "presented",
                "not precede due " + self.due.isoformat(),
                self.presented,
                self._subject,
            )

    @property
    def _subject(self) -> str:
        return describe("a step", "a step", ("due", self.due))


@attrs.frozen(kw_only=True)
class AggregationPlan:
    """The aggregation plan of one report year: a :class:`Step` per level of the organisation.

    ``steps`` maps a level name (``OrgUnit.level``: ``"enhet"``,
    ``"förvaltning"``, ``"nämnd"``...) to the dates of the reports of the
    units on that level.

    Examples:
        >>> from samcore import OrgUnit
        >>> plan = AggregationPlan(year=2024, steps={"enhet": Step(due=date(2025, 1, 31)),
        ...                                          "förvaltning": Step(due=date(2025, 2, 28))})
        >>> plan.step(OrgUnit(id="e1", name="Enhet 1", parent_id="f", level="enhet")).due
        datetime.date(2025, 1, 31)
    """

    year: int = attrs.field(validator=int_in(1, 9999))
    steps: Mapping[str, Step] = attrs.field(
        converter=frozen_map, validator=mapping_of(non_blank(), instance_of(Step))
    )

    _subject: ClassVar[str] = "an aggregation plan"

    def step(self, unit: OrgUnit) -> Step:
        """The step of the unit's level.

        Raises:
            InvalidValueError: the unit has no level, or the plan no step for
                its level; the message names the unit and the level.

        Examples:
            >>> from samcore import OrgUnit
            >>> plan = AggregationPlan(year=2024, steps={"enhet": Step(due=date(2025, 1, 31))})
            >>> plan.step(OrgUnit(id="f", name="Förvaltningen", level="förvaltning"))
            Traceback (most recent call last):
            ...
            samcore.errors.InvalidValueError: 'level' must be a level with a step in the aggregation plan for 2024 (one of 'enhet') (got 'förvaltning') for org unit 'f'
        """
        require("unit", unit, instance_of(OrgUnit), "AggregationPlan.step")
        found = None if unit.level is None else self.steps.get(unit.level)
        if found is None:
            known = f"one of {some(map(repr, self.steps))}" if self.steps else "it has none"
            fail(
                "level",
                f"be a level with a step in the aggregation plan for {self.year} ({known})",
                unit.level,
                subject_of(unit),
            )
        return found

    def problems(self, org: OrgTree) -> tuple[Problem, ...]:
        """What keeps this plan from fitting the organisation; empty when it fits.

        Every unit but the root reports to the unit above it, so needs a
        level with a step; and no level may be due after the level of a
        unit above it, which must have the reports below it in hand. The
        codes, each at a path in the plan:

        - ``no_level``: units (the root aside) without a level, in one problem;
        - ``no_step``: a level of the tree without a step, one problem per
          level, naming its first units;
        - ``due_after_parent``: a level due after the level of a parent unit,
          one problem per pair of levels, naming the first such unit.

        Examples:
            >>> from samcore import OrgTree, OrgUnit
            >>> org = OrgTree.from_units([OrgUnit(id="k", name="Kommunen", level="kommun"),
            ...                           OrgUnit(id="f", name="Förvaltningen", parent_id="k", level="förvaltning"),
            ...                           OrgUnit(id="e", name="Enheten", parent_id="f", level="enhet")])
            >>> plan = AggregationPlan(year=2024, steps={"enhet": Step(due=date(2025, 3, 1)),
            ...                                          "förvaltning": Step(due=date(2025, 2, 15))})
            >>> [problem] = plan.problems(org)
            >>> print(problem)
            level 'enhet' is due 2025-03-01, after level 'förvaltning' above it, due 2025-02-15 (unit 'e' under 'f') @ $.steps.enhet.due
        """
        require("org", org, instance_of(OrgTree), "AggregationPlan.problems")
        unlevelled: list[str] = []
        stepless: dict[str, list[str]] = {}
        late: dict[tuple[str, str], tuple[str, str]] = {}
        for unit in org.units:
            if unit.parent_id is None:
                continue
            if unit.level is None:
                unlevelled.append(repr(unit.id))
                continue
            step = self.steps.get(unit.level)
            if step is None:
                stepless.setdefault(unit.level, []).append(repr(unit.id))
                continue
            parent = org.unit(unit.parent_id)
            above = None if parent.level is None else self.steps.get(parent.level)
            if above is not None and step.due > above.due:
                late.setdefault((unit.level, str(parent.level)), (unit.id, parent.id))
        found: list[Problem] = []
        if unlevelled:
            message = "units without a level have no step: " + some(unlevelled)
            found.append(Problem(path="$.steps", code="no_level", message=message))
        for level, units in stepless.items():
            found.append(
                Problem(
                    path="$.steps" + path_step(level),
                    code="no_step",
                    message=f"no step for level {level!r} (units {some(units)})",
                )
            )
        for (level, upper), (unit_id, parent_id) in late.items():
            found.append(
                Problem(
                    path="$.steps" + path_step(level) + ".due",
                    code="due_after_parent",
                    message=f"level {level!r} is due {self.steps[level].due}, after level "
                    f"{upper!r} above it, due {self.steps[upper].due} "
                    f"(unit {unit_id!r} under {parent_id!r})",
                )
            )
        return tuple(found)
