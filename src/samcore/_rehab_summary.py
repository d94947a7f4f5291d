"""What rehabilitation cases add up to: cases and the distinct people behind them, a monoid.

A person with two cases is one person in a count of people: the ids stay
in memory, so that publication across the organisation tree can protect
small groups exactly. Cases are counted as cases too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import ClassVar, Final

import attrs

from samcore._check import at_most, fail, instance_of, int_in, mapping_of, require
from samcore._frozen import EMPTY, FrozenMap, frozen_map, records
from samcore._monoid import (
    People,
    Summable,
    add_people,
    check_people,
    people_field,
    sums,
    total,
    trusted,
)
from samcore._ratio import Ratio
from samcore._rehab import RETURN_PLAN_DAY, RehabCase, RehabOutcome
from samcore._time import Window

__all__ = ["CaseCount", "RehabSummary"]

_WINDOW: Final = instance_of(Window)
_OUTCOME: Final = instance_of(RehabOutcome)


@attrs.frozen(kw_only=True)
class CaseCount(Summable):
    """A number of cases and of the distinct people behind them: a monoid.

    A person with two cases counts as two cases and one person, also when
    the cases are in two units that are added up: the ids behind
    ``headcount`` stay in memory (never on the wire), so that publication
    can protect small groups of people exactly. A value read from JSON
    keeps its counts only, and adding it to another non-zero count raises
    rather than risk counting someone twice.

    Examples:
        >>> a = CaseCount(cases=2, headcount=1, people=frozenset({"e1"}))
        >>> b = CaseCount(cases=1, headcount=1, people=frozenset({"e1"}))
        >>> (a + b).cases, (a + b).headcount
        (3, 1)
    """

    cases: int = attrs.field(default=0, validator=int_in(0))
    headcount: int = attrs.field(default=0, validator=int_in(0))
    people: People = people_field()

    _subject: ClassVar[str] = "a case count"

    def __attrs_post_init__(self) -> None:
        at_most(self.headcount, "headcount", self.cases, "cases", self._subject)
        if self.cases and not self.headcount:
            fail("headcount", f"be at least 1 when cases = {self.cases}", 0, self._subject)
        check_people(self, "headcount", "people")

    @classmethod
    def _sum(cls, values: Sequence[CaseCount]) -> CaseCount:
        headcount, people = add_people([(v.headcount, v.people) for v in values], "case counts")
        return trusted(cls, **sums(values, "cases"), headcount=headcount, people=people)

    @classmethod
    def of(cls, cases: Iterable[RehabCase]) -> CaseCount:
        """Count rehabilitation cases and the employees they concern.

        Examples:
            >>> from datetime import date
            >>> day = date(2024, 1, 1)
            >>> CaseCount.of([RehabCase(id=i, employee_id=e, unit_id="u", opened_on=day)
            ...               for i, e in (("r1", "e1"), ("r2", "e1"), ("r3", "e2"))])
            CaseCount(cases=3, headcount=2)
        """
        given = records("cases", cases, RehabCase, cls._subject)
        people = frozenset(case.employee_id for case in given)
        return trusted(cls, cases=len(given), headcount=len(people), people=people)


_NONE: Final = CaseCount()
_COUNT: Final = instance_of(CaseCount)


def _by_outcome(value: Mapping[RehabOutcome, CaseCount]) -> Mapping[RehabOutcome, CaseCount]:
    """Store counts by outcome read-only, in enum order, without zeros; anything else for the validator."""
    if not isinstance(value, Mapping) or not all(isinstance(k, RehabOutcome) for k in value):
        return frozen_map(value)  # type: ignore[no-any-return]
    return FrozenMap(
        (k, value[k])
        for k in RehabOutcome
        if k in value and not (isinstance(value[k], CaseCount) and value[k].cases == 0)
    )


@attrs.frozen(kw_only=True)
class RehabSummary(Summable):
    """Rehabilitation cases of a group over a window: open, closed by outcome, plans on time; a monoid.

    Every figure is a :class:`CaseCount`: cases, and the distinct people
    behind them (in memory). Made by :meth:`of`:

    - ``open``: the cases open on the window's last day;
    - ``closed``: the cases closed within the window, by outcome;
    - ``plans_on_time``, ``plans_late``, ``plans_missing``: the cases that
      needed a plan for return to work (expected to be long, and still open
      after day :data:`RETURN_PLAN_DAY` of the sick leave) whose day 30
      falls within the window: the plan made by day 30, made later but by
      the window's last day, or not made by then.

    Examples:
        >>> one = CaseCount(cases=1, headcount=1, people=frozenset({"e1"}))
        >>> s = RehabSummary(open=one, closed={RehabOutcome.ORDINARY_WORK: one}, plans_late=one)
        >>> (s + s).plans_due.cases, (s + s).plans_due.headcount
        (2, 1)
    """

    open: CaseCount = attrs.field(factory=CaseCount, validator=_COUNT)
    closed: Mapping[RehabOutcome, CaseCount] = attrs.field(
        default=EMPTY,
        converter=_by_outcome,
        validator=mapping_of(instance_of(RehabOutcome), _COUNT),
    )
    plans_on_time: CaseCount = attrs.field(factory=CaseCount, validator=_COUNT)
    plans_late: CaseCount = attrs.field(factory=CaseCount, validator=_COUNT)
    plans_missing: CaseCount = attrs.field(factory=CaseCount, validator=_COUNT)

    _subject: ClassVar[str] = "a rehabilitation summary"

    @classmethod
    def _sum(cls, values: Sequence[RehabSummary]) -> RehabSummary:
        counts = {
            name: total([getattr(v, name) for v in values])
            for name in ("open", "plans_on_time", "plans_late", "plans_missing")
        }
        closed: dict[RehabOutcome, list[CaseCount]] = {}
        for value in values:  # stored counts by outcome are never zero
            for outcome, count in value.closed.items():
                closed.setdefault(outcome, []).append(count)
        by_outcome = {k: total(counts) for k, counts in closed.items()}
        return trusted(cls, **counts, closed=_by_outcome(by_outcome))

    @property
    def closed_total(self) -> CaseCount:
        """The cases closed, whatever their outcome, and the distinct people behind them.

        Examples:
            >>> RehabSummary(closed={RehabOutcome.LEFT: CaseCount(cases=2, headcount=2)}).closed_total.cases
            2
        """
        return sum(self.closed.values(), _NONE)

    @property
    def plans_due(self) -> CaseCount:
        """The cases that needed a plan: on time, late and missing together.

        Examples:
            >>> RehabSummary(plans_on_time=CaseCount(cases=3, headcount=3)).plans_due.cases
            3
        """
        return self.plans_on_time + self.plans_late + self.plans_missing

    def outcome_share(self, outcome: RehabOutcome) -> Ratio:
        """The closed cases of one outcome over all closed cases (cases, not people).

        It needs the counts only, so it holds for a value read from JSON too.

        Examples:
            >>> s = RehabSummary(closed={RehabOutcome.ORDINARY_WORK: CaseCount(cases=5, headcount=5),
            ...                          RehabOutcome.LEFT: CaseCount(cases=1, headcount=1)})
            >>> round(s.outcome_share(RehabOutcome.ORDINARY_WORK).percent)
            83
        """
        require("outcome", outcome, _OUTCOME, self._subject)
        total = sum(count.cases for count in self.closed.values())
        return Ratio(numerator=self.closed.get(outcome, _NONE).cases, denominator=total)

    @classmethod
    def of(cls, cases: Iterable[RehabCase], window: Window) -> RehabSummary:
        """Summarise cases over a window: open at its end, closed within it, plans due within it.

        A plan's state is as known on the window's last day: a plan made
        after it is missing in this window's summary. A case expected to be
        long that closed by its day 30 needed no plan and is not counted.

        Examples:
            >>> from datetime import date
            >>> case = RehabCase(id="r", employee_id="e", unit_id="u", opened_on=date(2024, 12, 10),
            ...                  plan_on=date(2025, 1, 10), expected_long=True)
            >>> s = RehabSummary.of([case], Window.calendar_year(2024))
            >>> s.open.cases, s.plans_due.cases
            (1, 0)
            >>> s = RehabSummary.of([case], Window.calendar_year(2025))
            >>> s.plans_on_time.cases, s.plans_late.cases, s.plans_missing.cases
            (0, 1, 0)
            >>> RehabSummary.of([case], Window(start=date(2025, 1, 1), end=date(2025, 1, 9))).plans_missing.cases
            1
        """
        given = records("cases", cases, RehabCase, cls._subject)
        require("window", window, _WINDOW, cls._subject)
        if not given:
            return _NO_CASES
        end, due = window.end, RETURN_PLAN_DAY - 1  # day 30 is 29 days after day 1
        closed: dict[RehabOutcome, list[RehabCase]] = {}
        on_time: list[RehabCase] = []
        late: list[RehabCase] = []
        missing: list[RehabCase] = []
        for case in given:
            if case.closed_on is not None and case.outcome is not None and case.closed_on in window:
                closed.setdefault(case.outcome, []).append(case)
            sick = case.sick_leave_from
            if not (
                case.expected_long
                and (window.start - sick).days <= due <= (end - sick).days
                and (case.closed_on is None or (case.closed_on - sick).days > due)
            ):
                continue
            if case.plan_on is None or case.plan_on > end:
                missing.append(case)
            elif (case.plan_on - sick).days <= due:
                on_time.append(case)
            else:
                late.append(case)
        return trusted(  # counts of checked cases, each in at most one group
            cls,
            open=CaseCount.of(case for case in given if case.is_open(end)),
            closed=_by_outcome({k: CaseCount.of(found) for k, found in closed.items()}),
            plans_on_time=CaseCount.of(on_time),
            plans_late=CaseCount.of(late),
            plans_missing=CaseCount.of(missing),
        )


_NO_CASES: Final = RehabSummary(
    open=CaseCount.of([]),
    plans_on_time=CaseCount.of([]),
    plans_late=CaseCount.of([]),
    plans_missing=CaseCount.of([]),
)
"""What :meth:`RehabSummary.of` makes of no cases."""
