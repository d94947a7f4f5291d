"""Sick leave (sjukfrånvaro) by spells, the short/long split and the 60-day share.

The rules (DOMAIN.md; SKR's key figures; sjuklönelagen 7 § 3 st.):

- rate = sick hours / scheduled hours for the same people and days;
- a period starting at most ``relapse_days`` after the previous one ended
  continues that spell, and day numbers count the spell's sick days,
  days before the window included: day 1-14 is short, day 15 on long;
- a continuous run of sick days (periods that touch) that has reached 60
  days by the window's last day makes all its hours in the window long-term.

Days are counted by interval overlap, never one by one.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Hashable, Iterable, Mapping, Sequence
from datetime import date
from enum import StrEnum
from operator import attrgetter
from types import MappingProxyType
from typing import Any, ClassVar, Final, NamedTuple, TypeVar, overload

import attrs

from samcore._check import (
    fail,
    instance_of,
    int_in,
    non_negative,
    require,
    some,
    to_tuple,
)
from samcore._monoid import IN_MEMORY, People, Summable, add_people, quantize
from samcore._people import AgeBand, Employee, Employment, Gender, SickLeavePeriod
from samcore._privacy import MIN_GROUP_SIZE, blank, hidden_cells, published_percent
from samcore._ratio import Ratio
from samcore._schedule import CalendarDays, Schedule
from samcore._time import Window
from samcore._workforce import GroupKey, by_unit, check_known, index_employees, index_employments
from samcore.errors import OverlappingPeriodsError

__all__ = [
    "LONG_TERM_DAYS",
    "NEVER_SHOWN",
    "RELAPSE_DAYS",
    "RELATIONS",
    "SHORT_DAYS",
    "SLICES",
    "Duration",
    "SickLeave",
    "SickLeaveCell",
    "sick_leave",
    "sick_leave_trend",
]

K = TypeVar("K", bound=Hashable)

RELAPSE_DAYS: Final = 5
"""Sjuklönelagen 7 § 3 st.: a new period within five days continues the spell."""
SHORT_DAYS: Final = 14
"""Day 1-14 of a spell is short sick leave; day 15 on is long."""
LONG_TERM_DAYS: Final = 60
"""A continuous absence of 60 days or more is long-term (the statutory disclosure)."""


class Duration(StrEnum):
    """Short (day 1-14 of a spell) or long (day 15 onward) sick leave.

    Examples:
        >>> Duration("long")
        <Duration.LONG: 'long'>
    """

    SHORT = "short"
    LONG = "long"


SLICES: Final[Mapping[str, tuple[Gender | None, AgeBand | None]]] = MappingProxyType(
    {
        "total": (None, None),
        **{g.value: (g, None) for g in Gender},
        **{b.value: (None, b) for b in AgeBand},
    }
)
"""The groups of the published sick-leave table: everyone, each gender, each age band."""

RELATIONS: Final = (
    ("total", tuple(g.value for g in Gender)),
    ("total", tuple(b.value for b in AgeBand)),
)
"""How the groups add up: the genders make the total, and so do the age bands."""

NEVER_SHOWN: Final = (Gender.UNSPECIFIED.value, AgeBand.UNKNOWN.value)
"""Groups counted in the total but never shown on a row of their own."""


@attrs.frozen(kw_only=True)
class SickLeaveCell:
    """The sums of one gender and age band: the unit all sick-leave figures add from.

    Examples:
        >>> c = SickLeaveCell(gender=Gender.WOMAN, age_band=AgeBand.FROM_50, headcount=1,
        ...                   scheduled_hours=1000.0, short_hours=30.0, long_hours=50.0)
        >>> c.sick_hours
        80.0
    """

    gender: Gender = attrs.field(validator=instance_of(Gender))
    age_band: AgeBand = attrs.field(validator=instance_of(AgeBand))
    headcount: int = attrs.field(default=0, validator=int_in(0))
    scheduled_hours: float = attrs.field(default=0.0, validator=non_negative())
    short_hours: float = attrs.field(default=0.0, validator=non_negative())
    long_hours: float = attrs.field(default=0.0, validator=non_negative())
    long_term_hours: float = attrs.field(default=0.0, validator=non_negative())
    people: People = attrs.field(default=None, eq=False, repr=False, metadata={IN_MEMORY: True})
    """The ids behind ``headcount``, in memory only: they never go on the wire."""

    _subject: ClassVar[str] = "a sick-leave cell"

    def __attrs_post_init__(self) -> None:
        if self.people is not None and (
            not isinstance(self.people, frozenset) or len(self.people) != self.headcount
        ):
            fail("people", f"be a frozenset of {self.headcount} ids", self.people, self._subject)
        if self.long_term_hours > self.sick_hours * (1 + 1e-9) + 1e-9:
            fail(
                "long_term_hours",
                f"not exceed sick hours {self.sick_hours}",
                self.long_term_hours,
                self._subject,
            )

    @property
    def sick_hours(self) -> float:
        """Short plus long hours.

        Examples:
            >>> SickLeaveCell(gender=Gender.MAN, age_band=AgeBand.UNKNOWN).sick_hours
            0.0
        """
        return self.short_hours + self.long_hours

    def __add__(self, other: SickLeaveCell) -> SickLeaveCell:
        if not isinstance(other, SickLeaveCell):
            return NotImplemented
        headcount, people = add_people(
            self.headcount, self.people, other.headcount, other.people, "sick-leave headcounts"
        )
        return SickLeaveCell(
            gender=self.gender,
            age_band=self.age_band,
            headcount=headcount,
            people=people,
            scheduled_hours=self.scheduled_hours + other.scheduled_hours,
            short_hours=self.short_hours + other.short_hours,
            long_hours=self.long_hours + other.long_hours,
            long_term_hours=self.long_term_hours + other.long_term_hours,
        )


_GENDERS = {g: i for i, g in enumerate(Gender)}
_BANDS = {b: i for i, b in enumerate(AgeBand)}


def _cell_order(cell: SickLeaveCell) -> tuple[int, int]:
    return _GENDERS[cell.gender], _BANDS[cell.age_band]


def _merge(cells: Iterable[SickLeaveCell]) -> tuple[SickLeaveCell, ...]:
    """One cell per gender and age band, in enum order: the canonical form."""
    merged: dict[tuple[int, int], SickLeaveCell] = {}
    for cell in to_tuple(cells):
        slot = _cell_order(cell)
        merged[slot] = merged[slot] + cell if slot in merged else cell
    return tuple(merged[slot] for slot in sorted(merged))


@attrs.frozen(kw_only=True)
class SickLeave(Summable):
    """Sick-leave sums of a group, sliceable by gender, age band and duration: a monoid.

    ``a + b`` adds two groups' hours and headcounts; ``SickLeave()`` is the
    zero. Rates are computed from the sums, never averaged.

    Examples:
        >>> w = SickLeaveCell(gender=Gender.WOMAN, age_band=AgeBand.UP_TO_29, headcount=12,
        ...                   scheduled_hours=1000.0, short_hours=40.0, long_hours=40.0, long_term_hours=20.0)
        >>> m = SickLeaveCell(gender=Gender.MAN, age_band=AgeBand.FROM_50, headcount=11,
        ...                   scheduled_hours=1000.0, short_hours=20.0)
        >>> s = SickLeave(cells=[w]) + SickLeave(cells=[m])
        >>> s.rate().percent, s.rate(gender=Gender.WOMAN).percent, s.rate(duration=Duration.SHORT).percent
        (5.0, 8.0, 3.0)
        >>> s.long_term_share().percent, s.headcount(), s.headcount(age_band=AgeBand.FROM_50)
        (20.0, 23, 11)
    """

    cells: tuple[SickLeaveCell, ...] = attrs.field(default=(), converter=_merge)

    def __add__(self, other: SickLeave) -> SickLeave:
        if not isinstance(other, SickLeave):
            return NotImplemented
        return SickLeave(cells=self.cells + other.cells)

    def _slice(self, gender: Gender | None, age_band: AgeBand | None) -> list[SickLeaveCell]:
        return [
            c
            for c in self.cells
            if (gender is None or c.gender is gender)
            and (age_band is None or c.age_band is age_band)
        ]

    def rate(
        self,
        *,
        gender: Gender | None = None,
        age_band: AgeBand | None = None,
        duration: Duration | None = None,
    ) -> Ratio:
        """Sick hours over scheduled hours for a slice (all by default).

        Examples:
            >>> SickLeave().rate().value is None
            True
        """
        cells = self._slice(gender, age_band)
        if duration is None:
            sick = sum(c.sick_hours for c in cells)
        elif duration is Duration.SHORT:
            sick = sum(c.short_hours for c in cells)
        else:
            sick = sum(c.long_hours for c in cells)
        return Ratio(numerator=sick, denominator=sum(c.scheduled_hours for c in cells))

    def long_term_share(
        self, *, gender: Gender | None = None, age_band: AgeBand | None = None
    ) -> Ratio:
        """Hours of absences of 60 days or more over all sick hours of a slice.

        Examples:
            >>> c = SickLeaveCell(gender=Gender.MAN, age_band=AgeBand.UNKNOWN, scheduled_hours=100.0,
            ...                   long_hours=10.0, long_term_hours=10.0)
            >>> SickLeave(cells=[c]).long_term_share().percent
            100.0
        """
        cells = self._slice(gender, age_band)
        return Ratio(
            numerator=sum(c.long_term_hours for c in cells),
            denominator=sum(c.sick_hours for c in cells),
        )

    def headcount(self, *, gender: Gender | None = None, age_band: AgeBand | None = None) -> int:
        """Distinct employees with scheduled hours in the slice, also after adding groups.

        A person who moved between units, or holds two jobs, counts once in
        the sum of their groups: every cell keeps (in memory) the people
        behind its count. A gender and an age band hold each person once in a
        window, so the slices add without overlap.

        Examples:
            >>> SickLeave().headcount(gender=Gender.WOMAN)
            0
        """
        return sum(c.headcount for c in self._slice(gender, age_band))

    def people(
        self, *, gender: Gender | None = None, age_band: AgeBand | None = None
    ) -> frozenset[str] | None:
        """The ids of the people in a slice, in memory only; ``None`` once dropped (from JSON).

        For checking and for the suppression rules; never published.

        Examples:
            >>> c = SickLeaveCell(gender=Gender.MAN, age_band=AgeBand.FROM_50, headcount=1,
            ...                   people=frozenset({"e1"}))
            >>> SickLeave(cells=[c]).people(gender=Gender.MAN)
            frozenset({'e1'})
        """
        cells = self._slice(gender, age_band)
        if any(c.people is None and c.headcount for c in cells):
            return None
        return frozenset().union(*(c.people or () for c in cells))

    def figures(self, group: str = "total") -> dict[str, float | None]:
        """The published figures of one group (a key of ``SLICES``), rounded as a reader sees them.

        Examples:
            >>> c = SickLeaveCell(gender=Gender.MAN, age_band=AgeBand.FROM_50, headcount=12,
            ...                   scheduled_hours=1000.0, short_hours=40.0, long_hours=35.0)
            >>> SickLeave(cells=[c]).figures("man")["percent"]
            7.5
        """
        gender, band = SLICES[group]
        return {
            "headcount": self.headcount(gender=gender, age_band=band),
            "percent": published_percent(self.rate(gender=gender, age_band=band)),
            "short_percent": published_percent(
                self.rate(gender=gender, age_band=band, duration=Duration.SHORT)
            ),
            "long_percent": published_percent(
                self.rate(gender=gender, age_band=band, duration=Duration.LONG)
            ),
            "long_term_share_percent": published_percent(
                self.long_term_share(gender=gender, age_band=band)
            ),
        }

    def rows(self, *, min_group_size: int = MIN_GROUP_SIZE) -> list[dict[str, object]]:
        """One published row per slice (total, women, men, age bands), for a DataFrame.

        A group of ``min_group_size`` people or fewer shows no figure, nor does
        a group whose figure could be worked out from the rows shown beside it
        (total minus women gives men and the unspecified). The hours behind
        the rates are in ``cells``, for trusted use only.

        Examples:
            >>> w = SickLeaveCell(gender=Gender.WOMAN, age_band=AgeBand.FROM_50, headcount=11,
            ...                   scheduled_hours=1100.0, short_hours=44.0)
            >>> m = SickLeaveCell(gender=Gender.MAN, age_band=AgeBand.FROM_50, headcount=1,
            ...                   scheduled_hours=100.0, short_hours=41.0)
            >>> [(r["slice"], r["percent"]) for r in SickLeave(cells=[w, m]).rows()][:3]
            [('total', 7.1), ('woman', None), ('man', None)]
        """
        members = {
            ("", group, False): self.headcount(gender=g, age_band=b)
            for group, (g, b) in SLICES.items()
        }
        hidden = hidden_cells(
            members,
            sum,
            relations=RELATIONS,
            never_shown=NEVER_SHOWN,
            min_group_size=min_group_size,
        )
        return [
            {"slice": group, **blank(self.figures(group), ("", group, False) in hidden)}
            for group in SLICES
            if group not in NEVER_SHOWN
        ]

    @property
    def scheduled_hours(self) -> float:
        """Total scheduled (ordinary) hours.

        Examples:
            >>> SickLeave().scheduled_hours
            0.0
        """
        return sum((c.scheduled_hours for c in self.cells), 0.0)

    @property
    def sick_hours(self) -> float:
        """Total sick hours, short plus long.

        Examples:
            >>> SickLeave().sick_hours
            0.0
        """
        return sum((c.sick_hours for c in self.cells), 0.0)


# Part of a sick period on one side of day 14: (start, end, extent, is long, index of its
# run). A plain tuple, not a NamedTuple: there is one per period and building them is hot.
_Piece = tuple[date, date, float, bool, int]


class _Person(NamedTuple):
    employee: Employee
    employments: list[Employment]
    pieces: list[_Piece]
    piece_ends: list[date]
    runs: list[tuple[date, date]]


def _spells(
    employee_id: str, periods: list[SickLeavePeriod], relapse_days: int, clashes: list[str]
) -> tuple[list[_Piece], list[tuple[date, date]]]:
    """Split one employee's periods into short and long pieces and find their runs."""
    periods.sort(key=attrgetter("start"))
    pieces: list[_Piece] = []
    runs: list[tuple[date, date]] = []
    previous: SickLeavePeriod | None = None
    previous_end = 0  # ordinal of the previous period's last day
    spell_days = 0
    for p in periods:
        start, end = p.start.toordinal(), p.end.toordinal()
        if previous is not None:
            gap = start - previous_end
            if gap <= 0:
                clashes.append(
                    f"employee {employee_id!r}: {previous.start}..{previous.end} "
                    f"and {p.start}..{p.end}"
                )
                continue
            if gap > relapse_days:
                spell_days = 0
        if previous is not None and gap == 1:  # touching: the same run of sick days
            runs[-1] = (runs[-1][0], p.end)
        else:
            runs.append((p.start, p.end))
        run = len(runs) - 1
        days = end - start + 1
        short = min(max(SHORT_DAYS - spell_days, 0), days)
        if short == days:
            pieces.append((p.start, p.end, p.extent, False, run))
        elif short == 0:
            pieces.append((p.start, p.end, p.extent, True, run))
        else:
            pieces.append((p.start, date.fromordinal(start + short - 1), p.extent, False, run))
            pieces.append((date.fromordinal(start + short), p.end, p.extent, True, run))
        spell_days += days
        previous, previous_end = p, end
    return pieces, runs


def _prepare(
    employees: Iterable[Employee],
    employments: Iterable[Employment],
    periods: Iterable[SickLeavePeriod],
    relapse_days: int,
) -> list[_Person]:
    require("relapse_days", relapse_days, int_in(0), "sick_leave")
    people = index_employees(employees)
    jobs = index_employments(employments, people)
    sick: dict[str, list[SickLeavePeriod]] = {}
    for period in periods:
        sick.setdefault(period.employee_id, []).append(period)
    check_known(sick, people, "sick-leave period")
    clashes: list[str] = []
    prepared = []
    for employee_id, held in jobs.items():
        pieces, runs = _spells(employee_id, sick.get(employee_id, []), relapse_days, clashes)
        prepared.append(
            _Person(people[employee_id], held, pieces, [piece[1] for piece in pieces], runs)
        )
    for employee_id in sick.keys() - jobs.keys():  # overlaps count even without employment
        _spells(employee_id, sick[employee_id], relapse_days, clashes)
    if clashes:
        raise OverlappingPeriodsError(
            f"sick-leave periods of one employee overlap: {some(clashes, sep='; ')}"
        )
    return prepared


def _compute(
    prepared: Sequence[_Person],
    window: Window,
    key: GroupKey[K],
    schedule: Schedule,
) -> dict[K, SickLeave]:
    first, last = window.start, window.end
    hours = schedule.hours
    # (key, gender, band) -> [scheduled, short, long, long-term]; hours are quantized so
    # that the sums are exact, whatever the order or partition of the records.
    sums: dict[tuple[K, Gender, AgeBand], list[float]] = {}
    members: dict[tuple[K, Gender, AgeBand], set[str]] = {}
    for person in prepared:
        employee = person.employee
        active: list[tuple[Employment, list[float]]] = []
        band = None
        for job in person.employments:
            if not job.active_in(window):
                continue
            group = key(employee, job)
            if group is None:
                continue
            if band is None:
                band = employee.age_band(last)
            slot = (group, employee.gender, band)
            acc = sums.get(slot)
            if acc is None:
                acc = sums[slot] = [0.0, 0.0, 0.0, 0.0]
                members[slot] = set()
            scheduled = quantize(
                hours(job, max(job.start, first), last if job.end is None else min(job.end, last))
            )
            acc[0] += scheduled
            if scheduled > 0:
                members[slot].add(employee.id)
            active.append((job, acc))
        if not active or not person.pieces:
            continue
        pieces = person.pieces
        runs = person.runs
        for index in range(bisect_left(person.piece_ends, first), len(pieces)):
            start, end, extent, is_long, run = pieces[index]
            if start > last:
                break
            lo = max(start, first)
            hi = min(end, last)
            run_start, run_end = runs[run]
            long_term = (min(run_end, last) - run_start).days + 1 >= LONG_TERM_DAYS
            column = 2 if is_long else 1
            for job, acc in active:
                a = max(lo, job.start)
                b = hi if job.end is None else min(hi, job.end)
                if a > b:
                    continue
                h = quantize(hours(job, a, b) * extent)
                acc[column] += h
                if long_term:
                    acc[3] += h
    groups: dict[K, list[SickLeaveCell]] = {}
    for slot, acc in sums.items():
        group, gender, band = slot
        groups.setdefault(group, []).append(
            SickLeaveCell(
                gender=gender,
                age_band=band,
                headcount=len(members[slot]),
                people=frozenset(members[slot]),
                scheduled_hours=acc[0],
                short_hours=acc[1],
                long_hours=acc[2],
                long_term_hours=acc[3],
            )
        )
    return {group: SickLeave(cells=cells) for group, cells in groups.items()}


_CALENDAR_DAYS = CalendarDays()


@overload
def sick_leave(
    employees: Iterable[Employee],
    employments: Iterable[Employment],
    periods: Iterable[SickLeavePeriod],
    window: Window,
    *,
    key: None = None,
    relapse_days: int = ...,
    schedule: Schedule = ...,
) -> dict[str, SickLeave]: ...
@overload
def sick_leave(
    employees: Iterable[Employee],
    employments: Iterable[Employment],
    periods: Iterable[SickLeavePeriod],
    window: Window,
    *,
    key: GroupKey[K],
    relapse_days: int = ...,
    schedule: Schedule = ...,
) -> dict[K, SickLeave]: ...
def sick_leave(
    employees: Iterable[Employee],
    employments: Iterable[Employment],
    periods: Iterable[SickLeavePeriod],
    window: Window,
    *,
    key: GroupKey[Any] | None = None,
    relapse_days: int = RELAPSE_DAYS,
    schedule: Schedule = _CALENDAR_DAYS,
) -> dict[Any, SickLeave]:
    """Sick leave in a window, per group of employments.

    Args:
        employees: every employee the other records name.
        employments: whose days carry scheduled hours (by ``schedule``).
        periods: sick-leave periods; the ones before the window matter too,
            for day numbers and the 60-day rule.
        window: the days to report, such as ``Window.rolling12(month)``.
        key: ``key(employee, employment)`` picks the group (by default the
            unit id); a key that returns ``None`` leaves that employment out.
        relapse_days: the relapse rule's gap, five days by law.
        schedule: ``CalendarDays()`` (default) or ``WorkingDays()``, or your own.

    Raises:
        OverlappingPeriodsError: two periods of one employee share a day.
        UnknownEmployeeError: a record names an employee not in ``employees``.

    Examples:
        >>> from datetime import date
        >>> from samcore import Month
        >>> staff = [Employee(id="e1", gender=Gender.WOMAN, birth_date=date(1980, 5, 1))]
        >>> jobs = [Employment(employee_id="e1", unit_id="u1", start=date(2020, 1, 1))]
        >>> sick = [SickLeavePeriod(employee_id="e1", start=date(2024, 12, 1), end=date(2024, 12, 20))]
        >>> result = sick_leave(staff, jobs, sick, Window.rolling12(Month.parse("2024-12")))
        >>> s = result["u1"]
        >>> round(s.rate().percent, 2), round(s.rate(duration=Duration.SHORT).percent, 2)
        (5.46, 3.83)
    """
    prepared = _prepare(employees, employments, periods, relapse_days)
    return _compute(prepared, window, key or by_unit, schedule)


@overload
def sick_leave_trend(
    employees: Iterable[Employee],
    employments: Iterable[Employment],
    periods: Iterable[SickLeavePeriod],
    windows: Iterable[Window],
    *,
    key: None = None,
    relapse_days: int = ...,
    schedule: Schedule = ...,
) -> dict[Window, dict[str, SickLeave]]: ...
@overload
def sick_leave_trend(
    employees: Iterable[Employee],
    employments: Iterable[Employment],
    periods: Iterable[SickLeavePeriod],
    windows: Iterable[Window],
    *,
    key: GroupKey[K],
    relapse_days: int = ...,
    schedule: Schedule = ...,
) -> dict[Window, dict[K, SickLeave]]: ...
def sick_leave_trend(
    employees: Iterable[Employee],
    employments: Iterable[Employment],
    periods: Iterable[SickLeavePeriod],
    windows: Iterable[Window],
    *,
    key: GroupKey[Any] | None = None,
    relapse_days: int = RELAPSE_DAYS,
    schedule: Schedule = _CALENDAR_DAYS,
) -> dict[Window, dict[Any, SickLeave]]:
    """:func:`sick_leave` for many windows, sorting and splitting the records once.

    Examples:
        >>> from datetime import date
        >>> from samcore import Month
        >>> staff = [Employee(id="e1", gender=Gender.MAN)]
        >>> jobs = [Employment(employee_id="e1", unit_id="u1", start=date(2020, 1, 1))]
        >>> sick = [SickLeavePeriod(employee_id="e1", start=date(2024, 3, 1), end=date(2024, 3, 7))]
        >>> months = [Month(year=2024, month=m) for m in (2, 3)]
        >>> trend = sick_leave_trend(staff, jobs, sick, [Window.rolling12(m) for m in months])
        >>> [round(by_unit["u1"].rate().percent, 2) for by_unit in trend.values()]
        [0.0, 1.91]
    """
    prepared = _prepare(employees, employments, periods, relapse_days)
    return {w: _compute(prepared, w, key or by_unit, schedule) for w in windows}
