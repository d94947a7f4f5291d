"""Risks, the risk matrix and the measures of the action plan (AFS 2023:1 11 §, 13 §)."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from datetime import date
from enum import StrEnum
from itertools import islice
from operator import attrgetter
from typing import ClassVar, Final

import attrs

from samcore._check import (
    describe,
    fail,
    instance_of,
    int_in,
    is_int,
    non_blank,
    optional,
    plain_date,
    require,
    show,
    tuple_of,
)
from samcore._frozen import records, to_tuple
from samcore._monoid import Summable, sums, trusted
from samcore.errors import InvalidRiskError

__all__ = [
    "DEFAULT_BANDS",
    "WORST_MEASURES",
    "ActionPlanSummary",
    "Measure",
    "MeasureStatus",
    "OpenMeasure",
    "Risk",
    "RiskBand",
    "RiskMatrix",
    "followed_up",
]


@attrs.frozen(kw_only=True)
class RiskBand:
    """A named range of risk levels with the colour a matrix shows it in.

    Examples:
        >>> RiskBand(name="Hög", minimum=10, maximum=16, colour="#f57c00").maximum
        16
    """

    name: str = attrs.field(validator=non_blank())
    minimum: int = attrs.field(validator=int_in(1))
    maximum: int = attrs.field(validator=int_in(1))
    colour: str = attrs.field(validator=non_blank())

    def __attrs_post_init__(self) -> None:
        if self.maximum < self.minimum:
            fail("maximum", f"be >= minimum {self.minimum}", self.maximum, self._subject)

    @property
    def _subject(self) -> str:
        return describe("a risk band", "risk band", ("", self.name))

    def __contains__(self, level: object) -> bool:
        return is_int(level) and self.minimum <= level <= self.maximum  # type: ignore[operator]


DEFAULT_BANDS: tuple[RiskBand, ...] = (
    RiskBand(name="Låg", minimum=1, maximum=4, colour="#2e7d32"),
    RiskBand(name="Medel", minimum=5, maximum=9, colour="#f9a825"),
    RiskBand(name="Hög", minimum=10, maximum=16, colour="#ef6c00"),
    RiskBand(name="Mycket hög", minimum=17, maximum=25, colour="#c62828"),
)
"""The default bands of the 5×5 matrix: low 1–4, medium 5–9, high 10–16, very high 17–25."""


@attrs.frozen(kw_only=True)
class RiskMatrix:
    """A probability × consequence matrix with bands of levels.

    The default is 5×5 (the source municipality's levels 8, 12 and 15 fit only
    that); smaller or larger scales and other bands are configurable. The
    bands must cover every level the matrix can produce exactly once.

    Examples:
        >>> m = RiskMatrix()
        >>> m.level(3, 4), m.band(m.level(3, 4)).name
        (12, 'Hög')
        >>> RiskMatrix(probability_levels=4, consequence_levels=4, bands=(
        ...     RiskBand(name="Låg", minimum=1, maximum=4, colour="green"),
        ...     RiskBand(name="Hög", minimum=8, maximum=16, colour="red"),
        ... ))
        Traceback (most recent call last):
        ...
        samcore.errors.InvalidRiskError: 'bands' must cover every reachable level exactly once (got uncovered [6]) for a 4×4 risk matrix
    """

    probability_levels: int = attrs.field(default=5, validator=int_in(1, 100))
    consequence_levels: int = attrs.field(default=5, validator=int_in(1, 100))
    bands: tuple[RiskBand, ...] = attrs.field(
        default=DEFAULT_BANDS, converter=to_tuple, validator=tuple_of(RiskBand)
    )

    def __attrs_post_init__(self) -> None:
        reachable = {
            p * c
            for p in range(1, self.probability_levels + 1)
            for c in range(1, self.consequence_levels + 1)
        }
        uncovered = sorted(lv for lv in reachable if not any(lv in b for b in self.bands))
        twice = sorted(lv for lv in reachable if sum(lv in b for b in self.bands) > 1)
        if uncovered or twice:
            got = f"uncovered {uncovered}" if uncovered else ""
            got += ("; " if uncovered and twice else "") + (
                f"covered twice {twice}" if twice else ""
            )
            raise InvalidRiskError(
                f"'bands' must cover every reachable level exactly once (got {got}) for {self._subject}"
            )

    @property
    def _subject(self) -> str:
        p, c = self.probability_levels, self.consequence_levels
        return f"a {p}×{c} risk matrix" if is_int(p) and is_int(c) else "a risk matrix"

    def level(self, probability: int, consequence: int) -> int:
        """The risk level: probability × consequence.

        Raises:
            InvalidRiskError: either value lies outside its scale.

        Examples:
            >>> RiskMatrix().level(5, 3)
            15
        """
        for field, value, top in (
            ("probability", probability, self.probability_levels),
            ("consequence", consequence, self.consequence_levels),
        ):
            if not (is_int(value) and 1 <= value <= top):
                raise InvalidRiskError(
                    f"{field!r} must be in 1..{top} (got {show(value)}) for {self._subject}"
                )
        return probability * consequence

    def band(self, level: int) -> RiskBand:
        """The band holding a level.

        Raises:
            InvalidRiskError: the level is not one the matrix can produce.

        Examples:
            >>> RiskMatrix().band(8).name
            'Medel'
        """
        for band in self.bands:
            if level in band:
                return band
        raise InvalidRiskError(
            f"'level' must be covered by a band (got {show(level)}) for {self._subject}"
        )

    def band_of(self, risk: Risk) -> RiskBand:
        """The band of a risk, checking its scales against this matrix.

        Examples:
            >>> r = Risk(id="r1", unit_id="u", title="Hot och våld", identified_on=date(2024, 1, 1), probability=4, consequence=5)
            >>> RiskMatrix().band_of(r).name
            'Mycket hög'
        """
        require("risk", risk, instance_of(Risk), self._subject)
        return self.band(self.level(risk.probability, risk.consequence))


class MeasureStatus(StrEnum):
    """Where a measure stands.

    Examples:
        >>> MeasureStatus("in_progress")
        <MeasureStatus.IN_PROGRESS: 'in_progress'>
    """

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


@attrs.frozen(kw_only=True)
class Measure:
    """A measure (åtgärd) of the action plan: who sees to it, by when, and its status.

    ``DONE`` requires ``completed_on``, and only ``DONE`` has one.

    Examples:
        >>> m = Measure(title="Kylaggregat", due=date(2023, 9, 30))
        >>> m.is_overdue(date(2023, 10, 1)), m.is_overdue(date(2023, 9, 30))
        (True, False)
    """

    title: str = attrs.field(validator=non_blank())
    responsible: str | None = attrs.field(default=None, validator=optional(non_blank()))
    due: date | None = attrs.field(default=None, validator=optional(plain_date()))
    status: MeasureStatus = attrs.field(
        default=MeasureStatus.PLANNED, validator=instance_of(MeasureStatus)
    )
    completed_on: date | None = attrs.field(default=None, validator=optional(plain_date()))
    desired_effect: str | None = attrs.field(default=None, validator=optional(non_blank()))

    def __attrs_post_init__(self) -> None:
        if self.status is MeasureStatus.DONE and self.completed_on is None:
            fail("completed_on", "be set when status is 'done'", self.completed_on, self._subject)
        if self.status is not MeasureStatus.DONE and self.completed_on is not None:
            fail(
                "completed_on",
                f"be None when status is {self.status.value!r}",
                self.completed_on,
                self._subject,
            )

    @property
    def _subject(self) -> str:
        return describe("a measure", "measure", ("", self.title))

    def is_overdue(self, on: date) -> bool:
        """Whether the measure is neither done nor cancelled and its due date has passed.

        Examples:
            >>> Measure(title="x", due=date(2024, 1, 1), status=MeasureStatus.CANCELLED).is_overdue(date(2025, 1, 1))
            False
        """
        if on.__class__ is not date:
            require("on", on, plain_date(), self._subject)
        return (
            self.status not in (MeasureStatus.DONE, MeasureStatus.CANCELLED)
            and self.due is not None
            and self.due < on
        )


@attrs.frozen(kw_only=True)
class Risk:
    """An assessed risk in a unit with its measures.

    ``reported_onward`` marks a risk the unit cannot act on (saknar rådighet):
    it goes to the parent unit's report. When the parent cannot act on it
    either, it is passed on further up: ``reported_to`` names the unit above
    that takes it (``None``: the parent), and the risk appears, with the unit
    it came from, in the report of every unit on the way.

    Examples:
        >>> r = Risk(id="r1", unit_id="ksf", title="Arbetsrelaterad utmattning",
        ...          identified_on=date(2023, 2, 1), probability=3, consequence=4,
        ...          measures=[Measure(title="Gemensamma prioriteringar")], reported_onward=True)
        >>> r.level, len(r.measures)
        (12, 1)
    """

    id: str = attrs.field(validator=non_blank())
    unit_id: str = attrs.field(validator=non_blank())
    title: str = attrs.field(validator=non_blank())
    identified_on: date = attrs.field(validator=plain_date())
    probability: int = attrs.field(validator=int_in(1, 100))
    consequence: int = attrs.field(validator=int_in(1, 100))
    category: str | None = attrs.field(default=None, validator=optional(non_blank()))
    measures: tuple[Measure, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Measure)
    )
    reported_onward: bool = attrs.field(default=False, validator=instance_of(bool))
    reported_to: str | None = attrs.field(default=None, validator=optional(non_blank()))

    def __attrs_post_init__(self) -> None:
        if self.reported_to is not None and not self.reported_onward:
            fail("reported_to", "be None unless reported_onward", self.reported_to, self._subject)
        if self.reported_to == self.unit_id:
            fail("reported_to", "be a unit above the risk's own", self.reported_to, self._subject)

    @property
    def _subject(self) -> str:
        return describe("a risk", "risk", ("", self.id))

    @property
    def level(self) -> int:
        """Probability × consequence.

        Examples:
            >>> Risk(id="r", unit_id="u", title="t", identified_on=date(2024, 1, 1), probability=2, consequence=4).level
            8
        """
        return self.probability * self.consequence


@attrs.frozen(kw_only=True, order=True)
class OpenMeasure:
    """A measure still open (planned or in progress) at year end, with the risk it treats.

    Ordered worst first: overdue before not overdue, then the highest risk
    level, the earliest due date (none last), and the unit, risk and measure.

    Examples:
        >>> m = Measure(title="Kylaggregat", due=date(2024, 6, 30))
        >>> r = Risk(id="r", unit_id="u", title="Värme", identified_on=date(2024, 1, 1),
        ...          probability=2, consequence=4, measures=[m])
        >>> OpenMeasure.of(r, m, date(2024, 12, 31)).overdue
        True
    """

    overdue: bool = attrs.field(validator=instance_of(bool), order=lambda overdue: not overdue)
    level: int = attrs.field(validator=int_in(1), order=lambda level: -level)
    due: date | None = attrs.field(
        validator=optional(plain_date()), order=lambda due: (due is None, due or date.min)
    )
    unit_id: str = attrs.field(validator=non_blank())
    risk_id: str = attrs.field(validator=non_blank())
    risk_title: str = attrs.field(validator=non_blank(), order=False)
    measure: Measure = attrs.field(validator=instance_of(Measure), order=attrgetter("title"))

    @classmethod
    def of(cls, risk: Risk, measure: Measure, on: date) -> OpenMeasure:
        """The open measure of a risk, overdue or not as of ``on``.

        Examples:
            >>> m = Measure(title="Ny rutin", due=date(2025, 3, 31))
            >>> r = Risk(id="r", unit_id="u", title="Hot", identified_on=date(2024, 1, 1),
            ...          probability=3, consequence=5, measures=[m])
            >>> o = OpenMeasure.of(r, m, date(2024, 12, 31))
            >>> o.overdue, o.level, o.risk_title
            (False, 15, 'Hot')
        """
        return cls(
            overdue=measure.is_overdue(on),
            level=risk.level,
            due=measure.due,
            unit_id=risk.unit_id,
            risk_id=risk.id,
            risk_title=risk.title,
            measure=measure,
        )


WORST_MEASURES: Final = 10
"""How many of the worst open measures an action-plan summary keeps for its report."""

_OPEN: Final = (MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS)


# Each compared field of OpenMeasure with the key attrs orders it by (the stubs omit order_key).
_RANKED: Final = tuple(
    (f.name, f.order_key)  # type: ignore[attr-defined]
    for f in attrs.fields(OpenMeasure)
    if f.order
)


def _rank(measure: OpenMeasure) -> tuple[object, ...]:
    """The order of open measures (worst first) as a key, computed once per measure."""
    return tuple(
        getattr(measure, name) if key is None else key(getattr(measure, name))
        for name, key in _RANKED
    )


def _worst(value: Iterable[OpenMeasure]) -> tuple[OpenMeasure, ...]:
    """The worst open measures first, at most :data:`WORST_MEASURES`; anything else as it is.

    Measures that rank the same stay in the order given.
    """
    given = to_tuple(value)
    if not isinstance(given, tuple) or not all(isinstance(m, OpenMeasure) for m in given):
        return given  # type: ignore[no-any-return]
    return tuple(heapq.nsmallest(WORST_MEASURES, given, key=_rank))


@attrs.frozen(kw_only=True)
class ActionPlanSummary(Summable):
    """Counts of the measures followed up in a year, by status at year end: a monoid.

    The four statuses add up to ``measures``; ``overdue`` counts open
    measures (planned or in progress) past their due date. ``worst`` keeps
    the :data:`WORST_MEASURES` worst open measures (see :class:`OpenMeasure`),
    so a parent's report lists those of its whole subtree.

    Examples:
        >>> a = ActionPlanSummary(risks=2, measures=5, done=3, in_progress=1, planned=1, overdue=1)
        >>> (a + a).done, ActionPlanSummary().measures
        (6, 0)
    """

    risks: int = attrs.field(default=0, validator=int_in(0))
    measures: int = attrs.field(default=0, validator=int_in(0))
    done: int = attrs.field(default=0, validator=int_in(0))
    in_progress: int = attrs.field(default=0, validator=int_in(0))
    planned: int = attrs.field(default=0, validator=int_in(0))
    cancelled: int = attrs.field(default=0, validator=int_in(0))
    overdue: int = attrs.field(default=0, validator=int_in(0))
    worst: tuple[OpenMeasure, ...] = attrs.field(
        default=(), converter=_worst, validator=tuple_of(OpenMeasure)
    )

    _subject: ClassVar[str] = "an action-plan summary"

    def __attrs_post_init__(self) -> None:
        statuses = self.done + self.in_progress + self.planned + self.cancelled
        if statuses != self.measures:
            fail(
                "measures",
                f"equal done + in_progress + planned + cancelled = {statuses}",
                self.measures,
                self._subject,
            )
        if self.overdue > self.in_progress + self.planned:
            fail(
                "overdue",
                f"not exceed in_progress + planned = {self.in_progress + self.planned}",
                self.overdue,
                self._subject,
            )
        if len(self.worst) > self.in_progress + self.planned:
            fail(
                "worst",
                f"hold at most in_progress + planned = {self.in_progress + self.planned} measures",
                len(self.worst),
                self._subject,
            )

    @classmethod
    def _sum(cls, values: Sequence[ActionPlanSummary]) -> ActionPlanSummary:
        return trusted(
            cls,
            **sums(values, *_COUNTS),
            worst=_merged([v.worst for v in values if v.worst]),
        )

    @classmethod
    def of(cls, risks: Iterable[Risk], on: date) -> ActionPlanSummary:
        """Count the risks and their measures' statuses; overdue as of ``on``.

        Examples:
            >>> from samcore import Measure
            >>> r = Risk(id="r", unit_id="u", title="t", identified_on=date(2024, 1, 1), probability=2,
            ...          consequence=2, measures=[Measure(title="m", due=date(2024, 6, 1))])
            >>> ActionPlanSummary.of([r], date(2024, 12, 31)).overdue
            1
        """
        risks = records("risks", risks, Risk, "an action-plan summary")
        require("on", on, plain_date(), "an action-plan summary")
        if not risks:
            return _NO_PLAN
        measures = [m for r in risks for m in r.measures]
        status = [m.status for m in measures]
        open_ = [OpenMeasure.of(r, m, on) for r in risks for m in r.measures if m.status in _OPEN]
        return cls(
            risks=len(risks),
            measures=len(measures),
            done=status.count(MeasureStatus.DONE),
            in_progress=status.count(MeasureStatus.IN_PROGRESS),
            planned=status.count(MeasureStatus.PLANNED),
            cancelled=status.count(MeasureStatus.CANCELLED),
            overdue=sum(m.is_overdue(on) for m in measures),
            worst=open_,
        )


def _merged(worst: list[tuple[OpenMeasure, ...]]) -> tuple[OpenMeasure, ...]:
    """The worst open measures of all, from each part's (sorted): ties in the order of the parts."""
    if len(worst) < 2:
        return worst[0] if worst else ()
    return tuple(islice(heapq.merge(*worst, key=_rank), WORST_MEASURES))


_COUNTS: Final = tuple(f.name for f in attrs.fields(ActionPlanSummary) if f.name != "worst")
_NO_PLAN: Final = ActionPlanSummary()


def followed_up(risk: Risk, year: int) -> bool:
    """Whether a risk is followed up in the year: a measure due, done or still open then."""
    if risk.identified_on.year > year:
        return False
    for m in risk.measures:
        if (m.due is not None and m.due.year == year) or (
            m.completed_on is not None and m.completed_on.year == year
        ):
            return True
        if m.status in (MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS):
            return True
    return not risk.measures
