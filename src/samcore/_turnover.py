"""External turnover (personalomsättning, externa): people who left the employer."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Hashable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any, ClassVar, Final, TypeVar, overload

import attrs

from samcore._check import fail, instance_of, int_in, optional, require
from samcore._continuity import NextEmployment, continues
from samcore._frozen import EMPTY
from samcore._monoid import IN_MEMORY, Summable, trusted
from samcore._people import Employee, Employment, EndReason, Gender
from samcore._per_gender import (
    COUNTS,
    Presence,
    add_counts,
    check_presence,
    count,
    counts,
    frozen_presence,
    head_months,
    shown_counts,
    tally,
    union,
)
from samcore._privacy import (
    MIN_GROUP_SIZE,
    blank,
    hidden_in_table,
    published_percent,
    round_half_up,
)
from samcore._ratio import Ratio
from samcore._time import Window
from samcore._workforce import (
    GroupKey,
    Index,
    by_unit,
    ordered,
    prepare,
    workforce,
)
from samcore.errors import InvalidValueError

__all__ = [
    "Turnover",
    "group_gender",
    "moves",
    "turnover",
]

K = TypeVar("K", bound=Hashable)


GROUPS: Final = ("total", *(g.value for g in Gender))
"""The groups of the published turnover table."""

RELATIONS: Final = (("total", tuple(g.value for g in Gender)),)
"""The genders make the total."""

NEVER_SHOWN: Final = (Gender.UNSPECIFIED.value,)
"""Counted in the total, never shown on a row of its own."""

MAX_MONTHS: Final = 12 * 10_000
"""More month-ends than the calendar holds (years 1..9999): no window has more."""

_GENDER: Final = optional(instance_of(Gender))
_GAP_DAYS: Final = optional(int_in(0))


def group_gender(group: str) -> Gender | None:
    """The gender of a group of the turnover table; ``None`` for the total.

    Examples:
        >>> group_gender("total"), group_gender("woman")
        (None, <Gender.WOMAN: 'woman'>)
    """
    return None if group == "total" else Gender(group)


@attrs.frozen(kw_only=True)
class Turnover(Summable):
    """Departures and month-end headcounts of a group over a window: a monoid.

    ``head_months`` sums, over the ``months`` whose last day lies in the
    window, the employees active on that day; the average headcount is
    ``head_months / months``. ``retirements`` are the departures, per
    gender, that were retirements: never more than the departures ("I
    personalomsättningen ingår även pensionsavgångar"). Adding groups adds
    departures, retirements and head-months; both must cover the same
    months (``Turnover()`` is the zero).

    Examples:
        >>> t = Turnover(departures={Gender.WOMAN: 2, Gender.MAN: 1},
        ...              retirements={Gender.WOMAN: 1},
        ...              head_months={Gender.WOMAN: 240, Gender.MAN: 120}, months=12)
        >>> t.departures(), t.retirements(), t.average_headcount(), t.rate().percent
        (3, 1, 30.0, 10.0)
        >>> t.rate(gender=Gender.MAN).percent
        10.0
    """

    _departures: Mapping[Gender, int] = attrs.field(
        default=EMPTY, converter=counts, validator=COUNTS, alias="departures"
    )
    _retirements: Mapping[Gender, int] = attrs.field(
        default=EMPTY, converter=counts, validator=COUNTS, alias="retirements"
    )
    head_months: Mapping[Gender, int] = attrs.field(
        default=EMPTY, converter=counts, validator=COUNTS
    )
    months: int = attrs.field(default=0, validator=int_in(0, MAX_MONTHS))
    presence: Presence | None = attrs.field(
        default=None,
        eq=False,
        repr=False,
        converter=frozen_presence,
        validator=check_presence,
        metadata={IN_MEMORY: True},
    )
    """In memory only (never on the wire, but pickled): per gender, each person's month-ends
    present as a bit mask."""

    _subject: ClassVar[str] = "a turnover"

    def __attrs_post_init__(self) -> None:
        over = {g: n for g, n in self._retirements.items() if n > self._departures.get(g, 0)}
        if over:
            fail(
                "retirements",
                f"not exceed the departures of each gender ({shown_counts(self._departures)})",
                shown_counts(over),
                self._subject,
            )
        if self.months == 0 and self.head_months:
            fail("months", "be > 0 when there are head_months", self.months, self._subject)
        if self.presence is not None and head_months(self.presence) != dict(self.head_months):
            fail("presence", "match head_months", dict(self.head_months), self._subject)

    @classmethod
    def _sum(cls, values: Sequence[Turnover]) -> Turnover:
        months = [v.months for v in values if v.months]
        for other in months:
            if other != months[0]:
                fail(
                    "months",
                    f"match to add turnovers ({months[0]} and {other})",
                    other,
                    cls._subject,
                )
        counted = [v for v in values if v.head_months]
        known = [v.presence for v in counted if v.presence is not None]
        if len(counted) < 2:
            kept = counted[0] if counted else values[-1]
            heads, presence = kept.head_months, kept.presence
        elif len(known) < len(counted):
            raise InvalidValueError(
                "cannot add the turnover headcounts: the people behind a headcount are not known "
                "(a value read from JSON keeps its counts only); add the values before writing them"
            )
        else:
            presence, twice = union(known)
            summed = add_counts(v.head_months for v in counted)
            heads = {g: n - twice.get(g, 0) for g, n in summed.items()}
        return trusted(
            cls,
            _departures=counts(add_counts(v._departures for v in values)),
            _retirements=counts(add_counts(v._retirements for v in values)),
            head_months=counts(heads),
            months=months[0] if months else 0,
            presence=frozen_presence(presence),
        )

    def departures(self, *, gender: Gender | None = None) -> int:
        """External departures, all or of one gender.

        Examples:
            >>> Turnover().departures(gender=Gender.WOMAN)
            0
        """
        return count(self._departures, gender, self._subject)

    def retirements(self, *, gender: Gender | None = None) -> int:
        """The departures that were retirements, all or of one gender; counted within departures.

        Examples:
            >>> Turnover(departures={Gender.MAN: 3}, retirements={Gender.MAN: 1}).retirements()
            1
        """
        return count(self._retirements, gender, self._subject)

    def average_headcount(self, *, gender: Gender | None = None) -> float:
        """Mean month-end headcount over the window's months.

        Examples:
            >>> Turnover(head_months={Gender.MAN: 30}, months=12).average_headcount()
            2.5
        """
        require("gender", gender, _GENDER, self._subject)
        if not self.months:
            return 0.0
        heads = self.head_months.get(gender, 0) if gender else sum(self.head_months.values())
        return heads / self.months

    def figures(self, group: str = "total") -> dict[str, float | None]:
        """The published figures of ``"total"`` or one gender, rounded as a reader sees them.

        Departures are counts of people who left, not figures about a group's
        health: they are published as they are, outside these figures.

        Examples:
            >>> Turnover(departures={Gender.MAN: 1}, head_months={Gender.MAN: 240}, months=12).figures()
            {'average_headcount': 20.0, 'percent': 5.0}
        """
        if group not in GROUPS:
            fail("group", "be one of " + ", ".join(map(repr, GROUPS)), group, self._subject)
        gender = group_gender(group)
        return {
            "average_headcount": float(round_half_up(self.average_headcount(gender=gender))),
            "percent": published_percent(self.rate(gender=gender)),
        }

    def people(self, gender: Gender | None = None) -> dict[str, int] | None:
        """Each person's month-ends present as a bit mask, in memory only; ``None`` once dropped.

        For checking and for the suppression rules; never published.

        Examples:
            >>> Turnover(head_months={Gender.MAN: 2}, months=2,
            ...          presence={Gender.MAN: {"e1": 0b11}}).people()
            {'e1': 3}
        """
        require("gender", gender, _GENDER, self._subject)
        if self.presence is None:
            return None if self.head_months else {}
        genders = list(Gender) if gender is None else [gender]
        return {p: m for g in genders for p, m in self.presence.get(g, {}).items()}

    def rows(self, *, min_group_size: int = MIN_GROUP_SIZE) -> list[dict[str, object]]:
        """One published row each for everyone, women and men: departures, average headcount, rate.

        A group whose average headcount is ``min_group_size`` or less shows
        no rate, nor does one that the others would give away by subtraction.

        Examples:
            >>> t = Turnover(departures={Gender.MAN: 1}, head_months={Gender.MAN: 240}, months=12)
            >>> [(r["slice"], r["percent"]) for r in t.rows()]
            [('total', 5.0), ('woman', None), ('man', 5.0)]
        """
        require("min_group_size", min_group_size, int_in(0), self._subject)
        hidden = hidden_in_table(
            {group: self.average_headcount(gender=group_gender(group)) for group in GROUPS},
            relations=RELATIONS,
            never_shown=NEVER_SHOWN,
            min_group_size=min_group_size,
        )
        return [
            {
                "slice": group,
                "departures": self.departures(gender=group_gender(group)),
                **blank(self.figures(group), group in hidden),
            }
            for group in GROUPS
            if group not in NEVER_SHOWN
        ]

    def rate(self, *, gender: Gender | None = None) -> Ratio:
        """Departures over average headcount.

        Examples:
            >>> Turnover().rate().value is None
            True
        """
        return Ratio(
            numerator=self.departures(gender=gender),
            denominator=self.average_headcount(gender=gender),
        )


@overload
def turnover(
    employees: Iterable[Employee],
    employments: Iterable[Employment],
    window: Window,
    *,
    key: None = None,
    gap_days: int | None = None,
) -> dict[str, Turnover]: ...
@overload
def turnover(
    employees: Iterable[Employee],
    employments: Iterable[Employment],
    window: Window,
    *,
    key: GroupKey[K],
    gap_days: int | None = None,
) -> dict[K, Turnover]: ...
def turnover(
    employees: Iterable[Employee],
    employments: Iterable[Employment],
    window: Window,
    *,
    key: GroupKey[Any] | None = None,
    gap_days: int | None = None,
) -> dict[Any, Turnover]:
    """External turnover in a window, per group of employments.

    An employment that ends on day E inside the window is a departure
    unless the same employee is employed again soon after, as
    municipalities count it ("samtliga medarbetare som helt har avslutat
    sin anställning"): a move between units or a contract renewed across a
    weekend is no departure. With ``gap_days=None`` (the default) it is none
    when another of the employee's employments is active on E + 1, or
    starts on a day S after E with only days off between (weekends, public
    holidays and the midsummer, Christmas and New Year eves, as
    :class:`WorkingDays` has them). With ``gap_days=n`` it is none when the
    next employment starts at most ``n`` days after E (``S - E - 1 <= n``);
    ``gap_days=0`` asks for E + 1 itself. Every employment of the employee
    counts for this, also those the ``key`` leaves out.

    Should several of a person's employments end that day, the person
    leaves once, counted for the employment with the highest fte (then the
    lowest unit id); the departure is a retirement when that employment's
    ``end_reason`` is :attr:`EndReason.RETIREMENT`. Average headcount is the
    mean, over the months whose last day lies in the window, of the
    employees active on that last day.

    For permanent staff only (tillsvidareanställda), pass a key that
    returns ``None`` for other employment types: their departures and
    headcount are left out, while a fixed-term contract that turns
    permanent, or a permanent employee who stays on by the hour, is still
    no departure.

    Groups come sorted by key when the keys sort (unit ids do), else in
    the order first met; never in an order that depends on the hash seed.

    Raises:
        UnknownEmployeeError: an employment names an employee not in ``employees``.
        InvalidValueError: an argument of the wrong type, or ``gap_days`` below 0, named.

    Examples:
        >>> from datetime import date
        >>> from samcore import Month
        >>> staff = [Employee(id=i, gender=Gender.WOMAN) for i in ("a", "b")]
        >>> jobs = [Employment(employee_id="a", unit_id="u", start=date(2020, 1, 1), end=date(2024, 6, 30)),
        ...         Employment(employee_id="b", unit_id="u", start=date(2020, 1, 1), end=date(2024, 6, 30)),
        ...         Employment(employee_id="b", unit_id="v", start=date(2024, 7, 1))]
        >>> result = turnover(staff, jobs, Window.rolling12(Month.parse("2024-12")))
        >>> result["u"].departures(), result["u"].average_headcount(), result["v"].average_headcount()
        (1, 1.0, 0.5)

        A fixed-term contract ending on Friday 2024-05-03 and renewed as
        permanent on Monday is no departure; counting permanent staff only:

        >>> from samcore import EmploymentType
        >>> jobs = [Employment(employee_id="a", unit_id="u", start=date(2024, 1, 8), end=date(2024, 5, 3),
        ...                    employment_type=EmploymentType.FIXED_TERM),
        ...         Employment(employee_id="a", unit_id="u", start=date(2024, 5, 6))]
        >>> def permanent(employee, job):
        ...     return job.unit_id if job.employment_type is EmploymentType.PERMANENT else None
        >>> [t.departures() for t in turnover(staff, jobs, Window.calendar_year(2024)).values()]
        [0]
        >>> [t.departures() for t in turnover(staff, jobs, Window.calendar_year(2024), gap_days=1).values()]
        [1]
        >>> turnover(staff, jobs, Window.calendar_year(2024), key=permanent)["u"].average_headcount()
        0.6666666666666666
    """
    employees, employments = workforce("turnover", employees, employments, key)
    return moves(prepare(employees, employments, ()), window, key, gap_days)


def moves(
    staff: Index, window: Window, key: GroupKey[K] | None, gap_days: int | None
) -> dict[K, Turnover]:
    """:func:`turnover` on records indexed once."""
    require("window", window, instance_of(Window), "turnover")
    require("gap_days", gap_days, _GAP_DAYS, "turnover")
    group_of: GroupKey[Any] = key or by_unit
    month_ends = [m.last_day.toordinal() for m in window.months]
    departures: dict[Any, dict[Gender, int]] = {}
    retirements: dict[Any, dict[Gender, int]] = {}
    presence: dict[Any, dict[Gender, dict[str, int]]] = {}
    seen: dict[Any, None] = {}  # every group with an employment in the window, in first-seen order
    first_day, last_day = window.start.toordinal(), window.end.toordinal()
    jobs, starts, ends, bounds = staff.jobs, staff.job_starts, staff.job_ends, staff.job_bounds
    for p, employee in enumerate(staff.people):
        gender = employee.gender
        present: dict[Any, int] = {}  # group -> bit mask of the month-ends present
        leaving: dict[date, tuple[Employment, Any]] = {}  # last day -> (job, its group)
        resumed: NextEmployment | None = None  # made when a job ends in the window
        for x in range(bounds[p], bounds[p + 1]):
            if starts[x] > last_day or ends[x] < first_day:
                continue
            job = jobs[x]
            group = group_of(employee, job)
            if group is None:
                continue
            seen[group] = None
            # the month-ends the job covers are consecutive: bits first..last
            first = bisect_left(month_ends, starts[x])
            last_end = bisect_right(month_ends, ends[x])  # NO_END lies after every month-end
            if last_end > first:
                present[group] = present.get(group, 0) | ((1 << last_end) - (1 << first))
            else:
                present.setdefault(group, 0)
            if job.end is None or ends[x] > last_day:  # ongoing, or ends after the window
                continue
            if resumed is None:
                resumed = NextEmployment(jobs[bounds[p] : bounds[p + 1]])
            if not continues(job.end, resumed(job.end), gap_days):
                best = leaving.get(job.end)
                if best is None or (-job.fte, job.unit_id) < (-best[0].fte, best[0].unit_id):
                    leaving[job.end] = (job, group)
        for group, mask in present.items():
            if mask:
                presence.setdefault(group, {}).setdefault(gender, {})[employee.id] = mask
        for job, group in leaving.values():
            tally(departures, group, gender)
            if job.end_reason is EndReason.RETIREMENT:
                tally(retirements, group, gender)
    # Counted here, so valid by construction: stored in their read-only forms without checks.
    return ordered(
        {
            group: trusted(
                Turnover,
                _departures=counts(departures.get(group, {})),
                _retirements=counts(retirements.get(group, {})),
                head_months=counts(head_months(presence.get(group, {}))),
                months=len(month_ends),
                presence=frozen_presence(presence.get(group, {})),
            )
            for group in seen
        }
    )
