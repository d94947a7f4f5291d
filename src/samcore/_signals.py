"""Early signals of ill health (tidiga signaler) for the responsible manager.

The source municipality's renewed rehabilitation process opens with a step called
"tidiga signaler på ohälsa": a manager who sees sporadic absence acts
before it becomes long sick leave. This module finds, on a given day, the
employees whose sick-leave periods call for that step, and the fixed
milestones of a long absence:

- repeated short-term absence: six or more sick occasions in the last
  twelve months (the common municipal trigger), and optionally a number
  of sick days in the same twelve months;
- day 14, the end of the employer's sick-pay period (sjuklöneperioden,
  lag (1991:1047) om sjuklön), after which Försäkringskassan is told;
- day 30, by which the employer must have drawn up a plan for return to
  work when the absence is expected to last 60 days or more
  (socialförsäkringsbalken 30 kap. 6 §);
- day 90, 180 and 365 of Försäkringskassan's rehabilitation chain
  (rehabiliteringskedjan, socialförsäkringsbalken 27 kap. 46-49 §§), where
  the test of the right to sickness benefit widens.

A signal names one person next to facts about their health: it is personal
data (GDPR art. 9) for the responsible manager only. It is never part of a
:class:`~samcore.Report`, an aggregate or a published output, and nothing
in the report path calls this module. A backend may send signals to the
manager's own view with ``to_json``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar, Final, TypeAlias

import attrs
from dateutil.relativedelta import relativedelta

from samcore._certification import shifted
from samcore._check import (
    describe,
    fail,
    instance_of,
    int_in,
    is_day,
    is_int,
    mapping_of,
    name_of,
    non_blank,
    optional,
    plain_date,
    require,
    subject_of,
)
from samcore._frozen import EMPTY, frozen_map, ids, records
from samcore._people import SickLeavePeriod
from samcore._time import Span, join_spans

__all__ = ["CHAIN_GAP_DAYS", "Signal", "SignalPolicy", "SignalRule", "early_signals"]

CHAIN_GAP_DAYS: Final = 89
"""The most healthy days between two sick periods that Försäkringskassan's chain adds up.

Socialförsäkringsbalken 27 kap. 51 § (as worded since SFS 2015:963): when
the time of reduced work ability is counted for the rehabilitation chain
(46-49 §§), the days of sick periods are added together when fewer than
90 days passed between the periods. At most 89 days between them, then.
"""

_SICK_PAY_DAYS: Final = 14
"""The employer's sick-pay period: day 1-14 of a sick period (sjuklönelagen)."""
_PLAN_DAY: Final = 30
"""Socialförsäkringsbalken 30 kap. 6 §: the plan for return to work is due by day 30 ..."""
_PLAN_EXPECTED_DAYS: Final = 60
"""... when the work ability is expected to stay reduced for 60 days or more."""

Decision: TypeAlias = tuple[date, int]
"""A day count of the chain decided by Försäkringskassan: (as of this day, the count on it)."""


class SignalRule(StrEnum):
    """Why a signal fired, in the order signals are listed.

    Examples:
        >>> [rule.value for rule in SignalRule][:2]
        ['repeated_short', 'short_days']
    """

    REPEATED_SHORT = "repeated_short"
    """Repeated short-term absence: the policy's number of sick occasions in its months."""
    SHORT_DAYS = "short_days"
    """The policy's number of sick days in its months (off unless the policy sets it)."""
    DAY_14 = "day_14"
    """A continuous absence reached day 14: the sick-pay period is over."""
    DAY_30_PLAN = "day_30_plan"
    """Day 30 of an absence expected to last 60 days or more: a plan for return to work is due."""
    CHAIN_90 = "chain_90"
    """Day 90 of the rehabilitation chain: from day 91 any work at the employer counts."""
    CHAIN_180 = "chain_180"
    """Day 180 of the chain: from day 181 work found on the labour market at large counts."""
    CHAIN_365 = "chain_365"
    """Day 365 of the chain: from day 366 the labour market counts for everyone, no exception."""


_CHAIN: Final = (
    (SignalRule.CHAIN_365, 365),
    (SignalRule.CHAIN_180, 180),
    (SignalRule.CHAIN_90, 90),
)
"""The chain's milestones, highest first: only the highest one reached is signalled."""
_ORDER: Final = {rule: index for index, rule in enumerate(SignalRule)}


@attrs.frozen(kw_only=True)
class SignalPolicy:
    """When a manager is to be signalled: the thresholds of repeated absence and the milestones.

    Examples:
        >>> SignalPolicy()
        SignalPolicy(occasions=6, months=12, short_days=None, milestones=True, chain_gap_days=89)
        >>> SignalPolicy(occasions=0)
        Traceback (most recent call last):
        ...
        samcore.errors.InvalidValueError: 'occasions' must be an int >= 1 (got 0) for a signal policy
    """

    occasions: int = attrs.field(default=6, validator=int_in(1))
    """Sick occasions within ``months`` that make a signal: six, the common municipal trigger."""
    months: int = attrs.field(default=12, validator=int_in(1))
    """The length of the window that ends on the day asked about: twelve months."""
    short_days: int | None = attrs.field(default=None, validator=optional(int_in(1)))
    """Sick days within ``months`` that make a signal; ``None`` leaves this rule out."""
    milestones: bool = attrs.field(default=True, validator=instance_of(bool))
    """Whether day 14, day 30 and the rehabilitation chain are signalled."""
    chain_gap_days: int = attrs.field(default=CHAIN_GAP_DAYS, validator=int_in(0))
    """The most healthy days between two periods that the chain adds up (:data:`CHAIN_GAP_DAYS`)."""

    _subject: ClassVar[str] = "a signal policy"


@attrs.frozen(kw_only=True)
class Signal:
    """One early signal about one employee: personal data, for the responsible manager only.

    ``fired_on`` is the day the rule was met (the day a milestone was
    reached, the first day of the occasion that reached the threshold);
    ``figures`` are the numbers behind it, such as ``occasions``,
    ``sick_days``, ``spell_day`` or ``chain_day``.

    Examples:
        >>> s = Signal(employee_id="e1", rule=SignalRule.DAY_14, fired_on=date(2024, 3, 14),
        ...            figures={"spell_day": 20})
        >>> s.figures["spell_day"], s.rule.value
        (20, 'day_14')
    """

    employee_id: str = attrs.field(validator=non_blank())
    rule: SignalRule = attrs.field(validator=instance_of(SignalRule))
    fired_on: date = attrs.field(validator=plain_date())
    figures: Mapping[str, int] = attrs.field(
        default=EMPTY, converter=frozen_map, validator=mapping_of(non_blank(), int_in(0))
    )

    @property
    def _subject(self) -> str:
        return describe(
            "a signal", "signal", ("of employee", self.employee_id), ("fired on", self.fired_on)
        )


_DAY: Final = plain_date()
_POLICY: Final = instance_of(SignalPolicy)
_DEFAULT_POLICY: Final = SignalPolicy()
_DECISION_RULE: Final = "be a pair (date, int >= 0)"


def _decision(instance: Any, attribute: Any, value: Any) -> None:
    """Validator of one decided count: a (date, int >= 0) pair."""
    if not (
        isinstance(value, tuple)
        and len(value) == 2
        and is_day(value[0])
        and is_int(value[1])
        and value[1] >= 0
    ):
        fail(name_of(attribute), _DECISION_RULE, value, subject_of(instance))


def _runs(periods: Iterable[SickLeavePeriod]) -> dict[str, list[Span]]:
    """Each employee's runs of consecutive sick days: periods that overlap or touch joined."""
    spans: dict[str, list[Span]] = {}
    for p in periods:
        spans.setdefault(p.employee_id, []).append((p.start.toordinal(), p.end.toordinal()))
    return {employee_id: join_spans(held) for employee_id, held in spans.items()}


def _days(spans: Iterable[Span]) -> int:
    return sum(end - start + 1 for start, end in spans)


def _reached(spans: Iterable[Span], target: int, count: int = 0) -> int | None:
    """The day on which counting the days of ``spans`` on from ``count`` reaches ``target``.

    ``None`` when the count is at the target before the first span, or
    never gets there.
    """
    if count >= target:
        return None
    for start, end in spans:
        if count + end - start + 1 >= target:
            return start + target - count - 1
        count += end - start + 1
    return None


def _signal(employee_id: str, rule: SignalRule, day: int, **figures: int) -> Signal:
    return Signal(
        employee_id=employee_id, rule=rule, fired_on=date.fromordinal(day), figures=figures
    )


def _absences(
    employee_id: str, runs: list[Span], after: int, on: int, policy: SignalPolicy
) -> list[Signal]:
    """Repeated absence: occasions starting in ``after + 1 .. on`` and sick days in them."""
    started = [start for start, _ in runs if after < start <= on]
    inside = [
        (max(start, after + 1), min(end, on)) for start, end in runs if start <= on and end > after
    ]
    figures = {"occasions": len(started), "sick_days": _days(inside)}
    found = []
    if len(started) >= policy.occasions:
        found.append(
            _signal(
                employee_id, SignalRule.REPEATED_SHORT, started[policy.occasions - 1], **figures
            )
        )
    if policy.short_days is not None:
        day = _reached(inside, policy.short_days)
        if day is not None:
            found.append(_signal(employee_id, SignalRule.SHORT_DAYS, day, **figures))
    return found


def _current(runs: list[Span], on: int) -> int | None:
    """The index of the run that covers ``on``, if any."""
    for index in range(len(runs) - 1, -1, -1):
        start, end = runs[index]
        if start <= on:
            return index if end >= on else None
    return None


def _spell(employee_id: str, run: Span, on: int, expected: bool) -> list[Signal]:
    """Day 14 and day 30 of the continuous run of sick days that covers ``on``."""
    start, end = run
    spell_day = on - start + 1
    known = end - start + 1
    found = []
    if spell_day >= _SICK_PAY_DAYS:
        found.append(
            _signal(employee_id, SignalRule.DAY_14, start + _SICK_PAY_DAYS - 1, spell_day=spell_day)
        )
    if spell_day >= _PLAN_DAY and (expected or known >= _PLAN_EXPECTED_DAYS):
        found.append(
            _signal(
                employee_id,
                SignalRule.DAY_30_PLAN,
                start + _PLAN_DAY - 1,
                spell_day=spell_day,
                known_days=known,
            )
        )
    return found


def _chain(
    employee_id: str,
    runs: list[Span],
    current: int,
    on: int,
    gap: int,
    decision: Decision | None,
) -> Signal | None:
    """The highest milestone of Försäkringskassan's chain that the run covering ``on`` belongs to.

    The chain reaches back over every gap of at most ``gap`` healthy days
    and counts the sick calendar days of its runs up to ``on``. A decided
    count replaces the days up to its date, when that date lies in the
    chain or at most ``gap`` days before it.
    """
    first = current
    while first and runs[first][0] - runs[first - 1][1] - 1 <= gap:
        first -= 1
    spans = [(start, min(end, on)) for start, end in runs[first : current + 1]]
    count, after = 0, spans[0][0] - 1
    if decision is not None:
        as_of = decision[0].toordinal()
        if as_of <= on and spans[0][0] - as_of - 1 <= gap:
            count, after = decision[1], as_of
    counted = [(max(start, after + 1), end) for start, end in spans if end > after]
    chain_day = count + _days(counted)
    for rule, milestone in _CHAIN:
        if chain_day >= milestone:
            day = _reached(counted, milestone, count)
            return _signal(employee_id, rule, after if day is None else day, chain_day=chain_day)
    return None


def early_signals(
    periods: Iterable[SickLeavePeriod],
    on: date,
    *,
    policy: SignalPolicy = _DEFAULT_POLICY,
    expected_long: Collection[str] = (),
    decided: Mapping[str, Decision] = EMPTY,
) -> tuple[Signal, ...]:
    """The early signals that hold on ``on``, for the responsible manager only.

    The result names people next to their sick leave: personal data (GDPR
    art. 9). Show it to the employee's own manager and nowhere else; it is
    never part of a ``Report``, an aggregate or a published output.

    **Occasions.** A sick occasion (sjuktillfälle) is a run of consecutive
    sick days: periods that overlap or touch are one occasion, whatever
    their extent. (This is not the five-day relapse rule, which numbers the
    days of spells in the sick-leave statistics.) An occasion counts in the
    ``policy.months`` ending on ``on`` when it starts in them:
    ``on - months < start <= on``, ``on - months`` computed with
    ``relativedelta`` (one month before 31 March is 28 or 29 February), so
    an occasion that starts exactly twelve months before ``on`` is out and
    one that starts the day after is in. ``REPEATED_SHORT`` fires with
    ``policy.occasions`` of them, on the first day of the one that reached
    the number; ``SHORT_DAYS``, when the policy sets ``short_days``, counts
    every sick calendar day inside the same months (an occasion begun
    before them counts its days inside them) and fires on the day the
    count reached the threshold.

    **Day 14 and day 30.** On ``on`` an employee with a period covering it
    is on day ``on - start + 1`` of a continuous run of sick days (no
    healthy day between; the employer's own follow-up counts runs, not the
    relapse rule). ``DAY_14`` fires from day 14 on. ``DAY_30_PLAN`` fires
    from day 30 on when the absence is expected to last 60 days or more:
    the periods known on ``on`` already carry the run to day 60 or beyond
    (sick certificates run ahead), or the employee is in
    ``expected_long``. Each fires on the day the milestone was reached.

    **The rehabilitation chain.** Försäkringskassan counts calendar days, a
    day of partial sick leave as a whole day, and adds separate sick
    periods together when at most ``policy.chain_gap_days`` healthy days
    lie between them (89: socialförsäkringsbalken 27 kap. 51 §); the
    healthy days themselves are not counted. A chain that is ongoing on
    ``on`` fires ``CHAIN_90``, ``CHAIN_180`` or ``CHAIN_365`` (the highest
    reached only) on the day it reached that count. Försäkringskassan
    decides the count: ``decided`` maps an employee to ``(as_of, days)``,
    its count on ``as_of``, which replaces the days counted up to that
    date; sick days after it add on. A decision dated after ``on``, or
    more than the gap before the ongoing chain began, is not used; a
    milestone the decided count had already passed fires on ``as_of``.

    Signals come sorted by employee, then in the order of
    :class:`SignalRule`, each rule at most once per employee. The cost
    grows with the number of periods, not the days they cover.

    Raises:
        InvalidValueError: an argument of the wrong type, named.

    Examples:
        >>> from datetime import timedelta
        >>> days = [date(2024, m, 5) for m in range(3, 9)]
        >>> often = [SickLeavePeriod(employee_id="e1", start=d, end=d + timedelta(days=1)) for d in days]
        >>> long = [SickLeavePeriod(employee_id="e2", start=date(2024, 7, 1), end=date(2024, 9, 30))]
        >>> for s in early_signals(often + long, date(2024, 8, 31)):
        ...     print(s.employee_id, s.rule.value, s.fired_on, dict(s.figures))
        e1 repeated_short 2024-08-05 {'occasions': 6, 'sick_days': 12}
        e2 day_14 2024-07-14 {'spell_day': 62}
        e2 day_30_plan 2024-07-30 {'spell_day': 62, 'known_days': 92}
    """
    subject = "early_signals"
    periods = records("periods", periods, SickLeavePeriod, subject)
    require("on", on, _DAY, subject)
    require("policy", policy, _POLICY, subject)
    expected = frozenset(ids("expected_long", expected_long, subject))
    require("decided", decided, mapping_of(non_blank(), _decision), subject)
    day = on.toordinal()
    start = shifted(on, relativedelta(months=-policy.months))
    after = 0 if start is None else start.toordinal()
    found: list[Signal] = []
    for employee_id, runs in _runs(periods).items():
        found += _absences(employee_id, runs, after, day, policy)
        current = _current(runs, day) if policy.milestones else None
        if current is None:
            continue
        found += _spell(employee_id, runs[current], day, employee_id in expected)
        chain = _chain(
            employee_id, runs, current, day, policy.chain_gap_days, decided.get(employee_id)
        )
        if chain is not None:
            found.append(chain)
    return tuple(sorted(found, key=lambda s: (s.employee_id, _ORDER[s.rule])))
