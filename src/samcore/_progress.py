"""Who has reported on a day: the children of a unit against the aggregation plan."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import attrs

from samcore._check import (
    describe,
    fail,
    instance_of,
    non_blank,
    optional,
    plain_date,
    require,
    show,
    tuple_of,
)
from samcore._frozen import records, to_tuple
from samcore._org import OrgTree
from samcore._plan import AggregationPlan, ReportState, Step, Submission
from samcore._ratio import Ratio
from samcore.errors import InvalidValueError, UnknownUnitError

__all__ = ["ChildProgress", "Progress", "progress"]


@attrs.frozen(kw_only=True)
class ChildProgress:
    """Where one child's report stands on the day a :class:`Progress` was taken.

    ``submitted_on`` is the day of submission when it came on or before
    that day, else ``None``. ``missing``: not submitted yet. ``late``: not
    submitted by ``due`` (submitted after it, or missing while ``due`` has
    passed).

    Examples:
        >>> c = ChildProgress(unit_id="hr", due=date(2025, 2, 15), submitted_on=date(2025, 2, 20),
        ...                   state=ReportState.SUBMITTED, late=True, missing=False)
        >>> c.late, c.missing
        (True, False)
    """

    unit_id: str = attrs.field(validator=non_blank())
    due: date = attrs.field(validator=plain_date())
    submitted_on: date | None = attrs.field(validator=optional(plain_date()))
    state: ReportState = attrs.field(validator=instance_of(ReportState))
    late: bool = attrs.field(validator=instance_of(bool))
    missing: bool = attrs.field(validator=instance_of(bool))

    def __attrs_post_init__(self) -> None:
        draft = self.submitted_on is None
        if self.missing is not draft:
            fail(
                "missing", "be true exactly when submitted_on is None", self.missing, self._subject
            )
        if (self.state is ReportState.DRAFT) is not draft:
            fail(
                "state",
                "be 'draft' exactly when submitted_on is None",
                self.state.value,
                self._subject,
            )
        if self.submitted_on is not None and self.late is not (self.submitted_on > self.due):
            fail(
                "late",
                f"be true exactly when submitted_on {self.submitted_on} is after due {self.due}",
                self.late,
                self._subject,
            )

    @property
    def _subject(self) -> str:
        return describe("a child's progress", "progress of unit", ("", self.unit_id))


@attrs.frozen(kw_only=True)
class Progress:
    """Which children of a unit have reported, as of the day ``on``.

    ``children`` come in the tree's order. ``missing`` and ``late`` are
    their ids; ``submitted`` the share of children that have reported.

    Examples:
        >>> p = Progress(parent_id="ksf", on=date(2025, 2, 16), children=[
        ...     ChildProgress(unit_id="hr", due=date(2025, 2, 15), submitted_on=date(2025, 2, 14),
        ...                   state=ReportState.SUBMITTED, late=False, missing=False),
        ...     ChildProgress(unit_id="it", due=date(2025, 2, 15), submitted_on=None,
        ...                   state=ReportState.DRAFT, late=True, missing=True)])
        >>> p.missing, p.late, p.submitted.value
        (('it',), ('it',), 0.5)
    """

    parent_id: str = attrs.field(validator=non_blank())
    on: date = attrs.field(validator=plain_date())
    children: tuple[ChildProgress, ...] = attrs.field(
        converter=to_tuple, validator=tuple_of(ChildProgress)
    )

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for index, child in enumerate(self.children):
            field = f"children[{index}]"
            if child.unit_id in seen:
                fail(field, "name a unit no other child names", child.unit_id, self._subject)
            seen.add(child.unit_id)
            if child.submitted_on is not None and child.submitted_on > self.on:
                rule = f"be submitted on or before on {self.on}, or not at all"
                fail(field, rule, child.submitted_on, self._subject)
            if child.missing and child.late is not (child.due < self.on):
                rule = f"be late exactly when due {child.due} is before on {self.on}"
                fail(field, rule, child.late, self._subject)

    @property
    def _subject(self) -> str:
        return describe("a progress", "progress", ("of the children of", self.parent_id))

    @property
    def missing(self) -> tuple[str, ...]:
        """The children that have not reported, in the tree's order.

        Examples:
            >>> Progress(parent_id="k", on=date(2025, 1, 1), children=()).missing
            ()
        """
        return tuple(c.unit_id for c in self.children if c.missing)

    @property
    def late(self) -> tuple[str, ...]:
        """The children that did not report by their due date, in the tree's order.

        Examples:
            >>> Progress(parent_id="k", on=date(2025, 1, 1), children=()).late
            ()
        """
        return tuple(c.unit_id for c in self.children if c.late)

    @property
    def submitted(self) -> Ratio:
        """Children that have reported over all children (no value without children).

        Examples:
            >>> Progress(parent_id="k", on=date(2025, 1, 1), children=()).submitted.value is None
            True
        """
        done = sum(not c.missing for c in self.children)
        return Ratio(numerator=float(done), denominator=float(len(self.children)))


def progress(
    plan: AggregationPlan,
    org: OrgTree,
    submissions: Iterable[Submission],
    parent_id: str,
    on: date,
) -> Progress:
    """Which children of ``parent_id`` have handed in their report for ``plan.year``, as of ``on``.

    Each child is due by its level's step. Only what was known on ``on``
    counts: a submission dated after ``on`` is no submission yet.
    Submissions of other years are left aside.

    Raises:
        UnknownUnitError: ``parent_id`` or the unit of a submission of the
            plan's year is not in ``org``.
        InvalidValueError: a child has no step in the plan (see
            :meth:`AggregationPlan.step`), two submissions name one unit for
            the plan's year, or an argument is of the wrong type.

    Examples:
        >>> from samcore import OrgTree, OrgUnit
        >>> org = OrgTree.from_units([OrgUnit(id="ksf", name="KSF", level="förvaltning")] + [
        ...     OrgUnit(id=u, name=u.upper(), parent_id="ksf", level="avdelning") for u in ("hr", "it", "ek")])
        >>> plan = AggregationPlan(year=2024, steps={"avdelning": Step(due=date(2025, 2, 15))})
        >>> done = [Submission(unit_id="hr", year=2024, submitted_on=date(2025, 2, 14)),
        ...         Submission(unit_id="it", year=2024, submitted_on=date(2025, 2, 20))]
        >>> p = progress(plan, org, done, "ksf", date(2025, 2, 18))
        >>> p.missing, p.late, p.submitted.numerator, p.submitted.denominator
        (('it', 'ek'), ('it', 'ek'), 1.0, 3.0)
    """
    subject = "progress"
    require("plan", plan, instance_of(AggregationPlan), subject)
    require("org", org, instance_of(OrgTree), subject)
    given = records("submissions", submissions, Submission, subject)
    require("parent_id", parent_id, non_blank(), subject)
    require("on", on, plain_date(), subject)
    if parent_id not in org:
        raise UnknownUnitError(f"unknown unit id {show(parent_id)} (parent_id of progress)")
    first: dict[str, int] = {}
    by_unit: dict[str, Submission] = {}
    for index, submission in enumerate(given):
        if submission.year != plan.year:
            continue
        if submission.unit_id not in org:
            raise UnknownUnitError(
                f"unknown unit id {show(submission.unit_id)} (submissions[{index}] of progress)"
            )
        earlier = first.setdefault(submission.unit_id, index)
        if earlier != index:
            raise InvalidValueError(
                f"'submissions' must hold one submission per unit and year (got "
                f"submissions[{earlier}] and submissions[{index}] for unit "
                f"{show(submission.unit_id)} in {plan.year}) for progress",
                field="submissions",
            )
        by_unit[submission.unit_id] = submission
    children = org.children(parent_id)
    return Progress(
        parent_id=parent_id,
        on=on,
        children=[_child(c.id, plan.step(c), by_unit.get(c.id), on) for c in children],
    )


def _child(unit_id: str, step: Step, submission: Submission | None, on: date) -> ChildProgress:
    """One child's progress as of ``on``, from its step and its submission, if any."""
    state = ReportState.DRAFT if submission is None else submission.state_on(on)
    submitted_on = None
    if submission is not None and state is not ReportState.DRAFT:
        submitted_on = submission.submitted_on
    return ChildProgress(
        unit_id=unit_id,
        due=step.due,
        submitted_on=submitted_on,
        state=state,
        late=step.due < (on if submitted_on is None else submitted_on),
        missing=submitted_on is None,
    )
