"""The example municipality's rehabilitation cases and health-factor inventories.

A case follows the sick leave drawn in :mod:`samcore._example_people`: a
sick spell that goes on past a day drawn from 14 to 30 gets a case from
its first day, and now and then a sixth short spell within twelve months
(the common municipal trigger of repeated short absence) gets a case of
early signals. The health-factor inventories begin in the last two years,
when the municipality starts its health-factor work (seed 002).
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, timedelta
from itertools import chain
from typing import Final, NamedTuple

from samcore._employee_survey import EmployeeSurvey
from samcore._example_base import END, FIRST_YEAR, LAST_YEAR, Town
from samcore._health_factors import HealthFactor, HealthFactorInventory
from samcore._people import Employment, SickLeavePeriod
from samcore._rehab import RETURN_PLAN_DAY, RehabCase, RehabOutcome, RehabStep, RehabStepTaken

_DAY: Final = timedelta(days=1)
_YEAR: Final = 365
_LONG_FROM: Final = 15  # day 15 on is long sick leave: a shorter spell is a short occasion
_EXPECTED_LONG: Final = 60  # socialförsäkringsbalken 30 kap. 6 §: a plan when 60 days or more
_OCCASIONS: Final = 6  # short spells within a year that make a case of repeated absence
_FOLLOWED_UP: Final = 0.3  # share of repeated short absence the manager takes up as a case
_LEAVES_WITHIN: Final = 365  # days after the return within which a departure ends the case
_STAYED: Final = (  # the outcome of those still employed, by the share up to it
    (RehabOutcome.ORDINARY_WORK, 0.87),
    (RehabOutcome.OTHER_WORK, 0.97),
    (RehabOutcome.OTHER, 1.0),
)
_BACK_STEP: Final = {
    RehabOutcome.ORDINARY_WORK: RehabStep.ORDINARY_WORK,
    RehabOutcome.OTHER_WORK: RehabStep.OTHER_WORK,
}
_LEAN: Final = {  # how each factor stands against a unit's own level
    HealthFactor.LEADERSHIP: 0.3,
    HealthFactor.PARTICIPATION: 0.1,
    HealthFactor.COMMUNICATION: -0.1,
    HealthFactor.SYSTEMATIC_WORK_ENVIRONMENT: 0.2,
    HealthFactor.REHABILITATION: -0.2,
    HealthFactor.FAIR_ORGANISATION: 0.0,
    HealthFactor.SKILLS_DEVELOPMENT: -0.1,
    HealthFactor.PRIORITISATION: -0.5,
}
_INVENTORY_YEARS: Final = {LAST_YEAR - 1: 0.55, LAST_YEAR: 0.65}  # the share of units taking part
_FOLLOW_UP_RATE: Final = {LAST_YEAR - 1: 0.8, LAST_YEAR: 0.6}


class _Spell(NamedTuple):
    """Sick periods of one employee that follow day after day, and the first day back at work."""

    start: date
    end: date
    back: date  # the first day of part-time sick leave, else the day after the spell
    long: bool  # day 15 reached; else the spell is the sixth short one within a year


def _spells(sick: Sequence[SickLeavePeriod]) -> dict[str, list[_Spell]]:
    """Each employee's long spells, and each sixth short spell within a year, in order.

    The periods come by employee, in order of days. Only the spells that
    may make a case are kept: the short ones are only counted.
    """
    found: dict[str, list[_Spell]] = {}
    shorts: list[date] = []
    eid, start, end, back = "", date.min, date.min, date.max
    for period in chain(sick, (None,)):
        if period is not None and period.employee_id == eid and end + _DAY == period.start:
            end = period.end
            if period.extent < 1:
                back = min(back, period.start)
            continue
        if (end - start).days >= _LONG_FROM - 1:
            found.setdefault(eid, []).append(_Spell(start, end, min(back, end + _DAY), True))
        elif eid:
            shorts.append(start)
            if len(shorts) >= _OCCASIONS and (start - shorts[-_OCCASIONS]).days < _YEAR:
                found.setdefault(eid, []).append(_Spell(start, end, min(back, end + _DAY), False))
                shorts.clear()
        if period is None:
            return found
        if period.employee_id != eid:
            shorts.clear()
        eid, start, end = period.employee_id, period.start, period.end
        back = period.start if period.extent < 1 else date.max
    return found


def _unit_on(jobs: Sequence[Employment], on: date) -> str | None:
    """The unit of the employment held on a day, or ``None`` between or outside employments."""
    for job in jobs:
        if job.start <= on and (job.end is None or on <= job.end):
            return job.unit_id
    return None


def rehab_cases(
    rng: random.Random, jobs: Sequence[Employment], sick: Sequence[SickLeavePeriod]
) -> list[RehabCase]:
    """Cases of long spells and of repeated short absence, each in the unit of its first day.

    Closed some weeks after the return to work, or when the employee leaves;
    the cases whose close falls after the records are still open.
    """
    held: dict[str, list[Employment]] = {}
    for job in jobs:
        held.setdefault(job.employee_id, []).append(job)
    found: list[RehabCase] = []
    for eid, spells in _spells(sick).items():
        found.extend(_Cases(rng, eid, held[eid], spells, len(found)).drawn())
    return found


class _Cases:
    """One employee's cases, drawn spell by spell; a case is never opened while another is open."""

    def __init__(
        self,
        rng: random.Random,
        eid: str,
        jobs: Sequence[Employment],
        spells: Sequence[_Spell],
        numbered: int,
    ) -> None:
        self.rng, self.eid, self.jobs, self.spells = rng, eid, jobs, spells
        self.left = jobs[-1].end  # people in the example are not employed again once they leave
        self.numbered = numbered
        self.busy_until = date.min  # the day the last case closed (date.max while it is open)

    def drawn(self) -> Iterator[RehabCase]:
        """The cases in order; each closes before the next long spell begins."""
        rng = self.rng
        spells = self.spells
        for i, spell in enumerate(spells):
            if spell.start <= self.busy_until:
                continue
            cap = next((s.start for s in spells[i + 1 :] if s.long), date.max)
            if not spell.long:
                if rng.random() < _FOLLOWED_UP:
                    yield from self._case(self._repeated(spell, cap))
            elif (spell.end - spell.start).days + 1 >= rng.randint(14, 30):
                yield from self._case(self._long(spell, cap))

    def _case(self, case: RehabCase | None) -> Iterator[RehabCase]:
        if case is not None:
            self.busy_until = case.closed_on or date.max
            yield case

    def _closing(self, back: date, cap: date) -> tuple[date, RehabOutcome]:
        """The close and outcome: a departure soon after the return, else some weeks after it."""
        if self.left is not None and self.left < min(back + timedelta(days=_LEAVES_WITHIN), cap):
            return self.left, RehabOutcome.LEFT
        roll = self.rng.random()
        outcome = next(o for o, share in _STAYED if roll < share)
        closed = back + timedelta(days=self.rng.randint(14, 63))
        return min(closed, cap - _DAY), outcome

    def _record(
        self,
        opened: date,
        steps: list[RehabStepTaken],
        closing: tuple[date, RehabOutcome],
        plan: date | None = None,
        expected_long: bool = False,
    ) -> RehabCase | None:
        """The case as the records show it on their last day: nothing after it."""
        unit = _unit_on(self.jobs, opened)
        if unit is None or opened > END:
            return None
        closed, outcome = closing
        self.numbered += 1
        return RehabCase(
            id=f"rh{self.numbered:05d}",
            employee_id=self.eid,
            unit_id=unit,
            opened_on=opened,
            steps=[s for s in steps if s.on <= min(closed, END)],
            closed_on=closed if closed <= END else None,
            outcome=outcome if closed <= END else None,
            plan_on=plan if plan is not None and plan <= min(closed, END) else None,
            expected_long=expected_long,
        )

    def _long(self, spell: _Spell, cap: date) -> RehabCase | None:
        """A case from the first sick day, some opened earlier on early signs of ill health."""
        rng = self.rng
        opened = spell.start
        steps = [RehabStepTaken(step=RehabStep.SICK_LEAVE_ROUTINES, on=spell.start)]
        if rng.random() < (0.3 if spell.start.year >= LAST_YEAR else 0.1):
            early = spell.start - timedelta(days=rng.randint(7, 60))
            if early > self.busy_until and _unit_on(self.jobs, early) is not None:
                opened = early
                steps.insert(0, RehabStepTaken(step=RehabStep.EARLY_SIGNALS, on=early))
        closing = self._closing(spell.back, cap)
        step = _BACK_STEP.get(closing[1])
        if closing[1] is RehabOutcome.LEFT and spell.back <= closing[0]:  # back, then left
            step = RehabStep.ORDINARY_WORK
        if step is not None:
            steps.append(RehabStepTaken(step=step, on=spell.back))
        days = (spell.end - spell.start).days + 1
        expected_long = days >= _EXPECTED_LONG or (
            spell.end == END and days >= 25 and rng.random() < 0.6
        )
        plan = self._plan(spell.start) if expected_long else None
        return self._record(opened, steps, closing, plan, expected_long)

    def _plan(self, sick_from: date) -> date | None:
        """Mostly by day 30 of the sick leave, a little more often each year; some late, a few never."""
        rng = self.rng
        on_time = 0.7 + 0.03 * (max(sick_from.year, FIRST_YEAR) - FIRST_YEAR)
        roll = rng.random()
        if roll < on_time:
            return sick_from + timedelta(days=rng.randint(8, RETURN_PLAN_DAY) - 1)
        if roll < on_time + 0.2:
            return sick_from + timedelta(days=rng.randint(RETURN_PLAN_DAY + 1, 75) - 1)
        return None

    def _repeated(self, spell: _Spell, cap: date) -> RehabCase | None:
        """A case of early signals, the day after the sixth short spell; closed within months."""
        opened = spell.end + _DAY
        if opened >= cap:
            return None
        steps = [RehabStepTaken(step=RehabStep.EARLY_SIGNALS, on=opened)]
        back = opened + timedelta(days=self.rng.randint(14, 60))
        return self._record(opened, steps, self._closing(back, cap))


def health_factors(
    rng: random.Random,
    town: Town,
    jobs: Sequence[Employment],
    surveys: Sequence[EmployeeSurvey],
) -> list[HealthFactorInventory]:
    """Inventories of the last two years by about 60 % of the workplaces with staff that year.

    A unit rates each factor around its own level, which follows its
    employee survey; it chooses one to three factors to work on, the weak
    ones more often, and a factor chosen one year rates a little higher the next.
    """
    index = {
        (s.unit_id, s.year): (s.index_total or 0.0) / s.respondents
        for s in surveys
        if s.respondents
    }
    own = {p.unit_id: rng.gauss(0.0, 0.35) for p in town.workplaces}
    chosen: dict[str, tuple[HealthFactor, ...]] = {}
    found = []
    for year, share in _INVENTORY_YEARS.items():
        first, last = date(year, 1, 1), date(year, 12, 31)
        staffed = {j.unit_id for j in jobs if j.start <= last and (j.end is None or first <= j.end)}
        for place in town.workplaces:
            uid = place.unit_id
            if uid not in staffed or rng.random() >= share:
                continue
            level = 3.1 + own[uid] + (index.get((uid, year), 72.0) - 72.0) / 8
            worked_on = chosen.get(uid, ())
            ratings = {
                f: min(max(round(rng.gauss(level + lean + 0.4 * (f in worked_on), 0.7)), 1), 5)
                for f, lean in _LEAN.items()
            }
            focus = _focus(rng, ratings)
            chosen[uid] = focus
            planned = rng.randint(2, 6)
            found.append(
                HealthFactorInventory(
                    unit_id=uid,
                    year=year,
                    ratings=ratings,
                    focus=focus,
                    activities_planned=planned,
                    activities_followed_up=sum(
                        rng.random() < _FOLLOW_UP_RATE[year] for _ in range(planned)
                    ),
                )
            )
    return found


def _focus(rng: random.Random, ratings: Mapping[HealthFactor, int]) -> tuple[HealthFactor, ...]:
    """One to three factors, drawn one by one, a factor rated low far more often than one rated high."""
    pool = {f: float((6 - r) ** 3) for f, r in ratings.items()}
    focus = []
    for _ in range(rng.choices((1, 2, 3), (0.35, 0.45, 0.2))[0]):
        factor = rng.choices(list(pool), list(pool.values()))[0]
        focus.append(factor)
        del pool[factor]
    return tuple(focus)
