"""Sick-leave figures of a group: sums of hours per gender and age band, a monoid.

Rates are computed from the sums, never averaged; headcounts are distinct
people, also after adding; ``rows()`` gives the figures as published.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from enum import StrEnum
from types import MappingProxyType
from typing import Any, ClassVar, Final, TypeVar

import attrs

from samcore._check import (
    fail,
    instance_of,
    int_in,
    is_int,
    non_negative,
    optional,
    require,
    subject_of,
    tuple_of,
)
from samcore._frozen import to_tuple
from samcore._monoid import IN_MEMORY, People, Summable, add_people, builder, people_field, trusted
from samcore._people import AgeBand, Gender
from samcore._privacy import MIN_GROUP_SIZE, blank, hidden_in_table, published_percent
from samcore._ratio import Ratio

__all__ = [
    "HOUR_STEPS",
    "NEVER_SHOWN",
    "RELATIONS",
    "SLICES",
    "Duration",
    "SickLeave",
    "SickLeaveCell",
    "Steps",
    "cell_of_steps",
    "steps",
]

K = TypeVar("K", bound=Hashable)


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


HOUR_STEPS: Final = 2**32
"""Sick-leave hours are counted in whole steps of 2**-32 hour (0.8 µs): sums are exact."""

Steps = tuple[int, int, int, int] | None
"""Scheduled, short, long and long-term hours in steps of 2**-32 hour, or ``None`` unknown."""


def steps(hours: float) -> int:
    """Hours as a whole number of steps of 2**-32 hour, the nearest.

    Examples:
        >>> steps(1.5), steps(40 / 7) / HOUR_STEPS
        (6442450944, 5.714285714318976)
    """
    return round(hours * 4294967296.0)


def _check_steps(instance: Any, attribute: Any, value: Any) -> None:
    """Validator of ``exact``: four whole numbers from 0 that the four hours are the floats of."""
    if value is None:
        return
    hours = (
        instance.scheduled_hours,
        instance.short_hours,
        instance.long_hours,
        instance.long_term_hours,
    )
    if not (
        isinstance(value, tuple)
        and len(value) == 4
        and all(is_int(n) and n >= 0 for n in value)
        and all(n / HOUR_STEPS == h for n, h in zip(value, hours, strict=True))
    ):
        fail("exact", "hold the four hours in steps of 2**-32 hour", value, subject_of(instance))


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
    people: People = people_field()
    """The ids behind ``headcount``, in memory only: they never go on the wire (but do pickle)."""
    exact: Steps = attrs.field(
        default=None, eq=False, repr=False, validator=_check_steps, metadata={IN_MEMORY: True}
    )
    """The four hours (scheduled, short, long, long-term) in whole steps of 2**-32 hour, in
    memory only: sums add these, so they are exact whatever their size and order."""

    _subject: ClassVar[str] = "a sick-leave cell"

    def __attrs_post_init__(self) -> None:
        if self.people is not None and len(self.people) != self.headcount:
            fail("people", f"hold headcount = {self.headcount} ids", self.people, self._subject)
        if self.long_term_hours > self.sick_hours * (1 + 1e-9) + 1e-9:
            fail(
                "long_term_hours",
                f"not exceed short_hours + long_hours = {self.sick_hours}",
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
        if other.gender is not self.gender or other.age_band is not self.age_band:
            fail("age_band", "match to add cells", other.age_band, self._subject)
        return _add_cells((self, other))

    def in_steps(self) -> tuple[int, int, int, int]:
        """The four hours in whole steps of 2**-32 hour: kept when known, else the nearest.

        Examples:
            >>> SickLeaveCell(gender=Gender.MAN, age_band=AgeBand.UNKNOWN, short_hours=0.25).in_steps()
            (0, 1073741824, 0, 0)
        """
        if self.exact is not None:
            return self.exact
        return (
            steps(self.scheduled_hours),
            steps(self.short_hours),
            steps(self.long_hours),
            steps(self.long_term_hours),
        )


def _add_cells(cells: Sequence[SickLeaveCell]) -> SickLeaveCell:
    """Cells of one gender and age band added up: the hours exactly, and the distinct people."""
    first = cells[0]
    headcount, people = add_people(
        [(c.headcount, c.people) for c in cells], "sick-leave headcounts"
    )
    exact = tuple(sum(column) for column in zip(*(c.in_steps() for c in cells), strict=True))
    return cell_of_steps(first.gender, first.age_band, headcount, people, exact)


def cell_of_steps(
    gender: Gender, age_band: AgeBand, headcount: int, people: People, exact: Sequence[int]
) -> SickLeaveCell:
    """A cell from sums made inside samcore, the hours given in steps: built without checks.

    Examples:
        >>> cell_of_steps(Gender.MAN, AgeBand.UNKNOWN, 0, None, (HOUR_STEPS, 0, 0, 0)).scheduled_hours
        1.0
    """
    scheduled, short, long, long_term = exact
    return _CELL(
        gender,
        age_band,
        headcount,
        people,
        scheduled / HOUR_STEPS,
        short / HOUR_STEPS,
        long / HOUR_STEPS,
        long_term / HOUR_STEPS,
        (scheduled, short, long, long_term),
    )


_CELL: Final = builder(
    SickLeaveCell,
    "gender",
    "age_band",
    "headcount",
    "people",
    "scheduled_hours",
    "short_hours",
    "long_hours",
    "long_term_hours",
    "exact",
)


_GENDER = instance_of(Gender)
_AGE_BAND = instance_of(AgeBand)
_DURATION = optional(instance_of(Duration))

_GENDERS = {g: i for i, g in enumerate(Gender)}
_BANDS = {b: i for i, b in enumerate(AgeBand)}


def _merge(cells: Iterable[SickLeaveCell]) -> tuple[SickLeaveCell, ...]:
    """One cell per gender and age band, in enum order: the canonical form.

    Anything but a collection of cells is kept as it is, for the validator to refuse.
    """
    given = to_tuple(cells)
    if not isinstance(given, tuple) or not all(isinstance(c, SickLeaveCell) for c in given):
        return given  # type: ignore[no-any-return]
    return _by_slot(given)


def _by_slot(cells: Iterable[SickLeaveCell]) -> tuple[SickLeaveCell, ...]:
    """The cells of each gender and age band added up, in enum order."""
    slots: dict[tuple[int, int], list[SickLeaveCell]] = {}
    genders, bands = _GENDERS, _BANDS
    for cell in cells:
        slots.setdefault((genders[cell.gender], bands[cell.age_band]), []).append(cell)
    return tuple(
        found[0] if len(found) == 1 else _add_cells(found) for _, found in sorted(slots.items())
    )


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

    cells: tuple[SickLeaveCell, ...] = attrs.field(
        default=(), converter=_merge, validator=tuple_of(SickLeaveCell)
    )

    _subject: ClassVar[str] = "a sick leave"

    @classmethod
    def _sum(cls, values: Sequence[SickLeave]) -> SickLeave:
        return trusted(cls, cells=_by_slot(c for v in values for c in v.cells))

    def _slice(self, gender: Gender | None, age_band: AgeBand | None) -> list[SickLeaveCell]:
        if gender is not None and gender.__class__ is not Gender:
            require("gender", gender, _GENDER, self._subject)
        if age_band is not None and age_band.__class__ is not AgeBand:
            require("age_band", age_band, _AGE_BAND, self._subject)
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
        require("duration", duration, _DURATION, self._subject)
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
        if group not in SLICES:
            fail("group", "be one of " + ", ".join(map(repr, SLICES)), group, self._subject)
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
        require("min_group_size", min_group_size, int_in(0), self._subject)
        hidden = hidden_in_table(
            {group: self.headcount(gender=g, age_band=b) for group, (g, b) in SLICES.items()},
            relations=RELATIONS,
            never_shown=NEVER_SHOWN,
            min_group_size=min_group_size,
        )
        return [
            {"slice": group, **blank(self.figures(group), group in hidden)}
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
