"""The personnel groups with the highest sick leave: a table of published figures per group.

The sick-leave report ranks its personnel groups (barnskötare,
stödpedagoger, ...) by total sick leave, with each group's headcount, share
of women and the short (day 1-14) and long (day 15 on) parts. A group is
the personnel group of each employment (see :func:`personnel_group`), so a
person who changed group counts in both; the employments without a group
make a group of their own. The rates come from the summed hours of each
group, never from averages.

Every figure is published as the reports publish theirs: the groups are
parts of one whole, the organisation, whose sick leave is published
elsewhere, so a group of ``min_group_size`` people or fewer shows nothing,
and neither does any group that the whole minus the groups shown would
give away (:func:`hidden_parts`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import attrs

from samcore._check import (
    describe,
    fail,
    int_in,
    non_blank,
    number_in,
    optional,
    require,
)
from samcore._people import Employee, Employment, Gender, SickLeavePeriod, personnel_group
from samcore._privacy import MIN_GROUP_SIZE, published_percent
from samcore._publish import hidden_parts
from samcore._ratio import Ratio
from samcore._schedule import CalendarDays, Schedule
from samcore._sick_leave import SickLeave
from samcore._spells import sick_leave
from samcore._time import Window

__all__ = ["PersonnelGroupRow", "personnel_group_table"]

_UNKNOWN: Final = ""
"""The key of the employments without a personnel group: no group's name is blank."""

_PERCENT: Final = optional(number_in(0, 100, open_low=False))
_FIGURES: Final = ("women_percent", "total_percent", "short_percent", "long_percent")
_CALENDAR_DAYS: Final = CalendarDays()


@attrs.frozen(kw_only=True)
class PersonnelGroupRow:
    """One personnel group's row of the sick-leave table, as published.

    ``group`` is ``None`` for the employments without a personnel group.
    ``employees`` is the number of distinct people with scheduled hours in
    the window; the percents have one decimal: the share of women among
    them, and sick leave in total, day 1-14 and day 15 on. A hidden group
    shows none of its figures (``employees`` is ``None``); a shown figure
    that is ``None`` has no data behind it.

    Examples:
        >>> row = PersonnelGroupRow(group="Barnskötare", employees=741, women_percent=90.0,
        ...                         total_percent=13.2, short_percent=5.1, long_percent=8.1)
        >>> row.hidden, PersonnelGroupRow(group="Kurator").hidden
        (False, True)
        >>> PersonnelGroupRow(group="Kurator", total_percent=4.0)
        Traceback (most recent call last):
        ...
        samcore.errors.InvalidValueError: 'total_percent' must be None while 'employees' is None: a hidden group shows no figure (got 4.0) for personnel-group row 'Kurator'
    """

    group: str | None = attrs.field(validator=optional(non_blank()))
    employees: int | None = attrs.field(default=None, validator=optional(int_in(0)))
    women_percent: float | None = attrs.field(default=None, validator=_PERCENT)
    total_percent: float | None = attrs.field(default=None, validator=_PERCENT)
    short_percent: float | None = attrs.field(default=None, validator=_PERCENT)
    long_percent: float | None = attrs.field(default=None, validator=_PERCENT)

    def __attrs_post_init__(self) -> None:
        if self.employees is None:
            for name in _FIGURES:
                if (value := getattr(self, name)) is not None:
                    fail(
                        name,
                        "be None while 'employees' is None: a hidden group shows no figure",
                        value,
                        self._subject,
                    )

    @property
    def _subject(self) -> str:
        return describe("a personnel-group row", "personnel-group row", ("", self.group))

    @property
    def hidden(self) -> bool:
        """Whether the group shows no figure (it is small, or would give a small one away).

        Examples:
            >>> PersonnelGroupRow(group=None, employees=0).hidden
            False
        """
        return self.employees is None


def _group(employee: Employee, employment: Employment) -> str:
    return personnel_group(employee, employment) or _UNKNOWN


def _row(group: str, sick: SickLeave, hidden: bool) -> PersonnelGroupRow:
    name = group or None
    if hidden:
        return PersonnelGroupRow(group=name)
    figures = sick.figures()
    headcount = sick.headcount()
    women = Ratio(numerator=sick.headcount(gender=Gender.WOMAN), denominator=headcount)
    return PersonnelGroupRow(
        group=name,
        employees=headcount,
        women_percent=published_percent(women),
        total_percent=figures["percent"],
        short_percent=figures["short_percent"],
        long_percent=figures["long_percent"],
    )


def _order(row: PersonnelGroupRow) -> tuple[bool, bool, float, bool, str]:
    """Shown groups by total sick leave, highest first; then the hidden ones; ties by name."""
    total = row.total_percent
    return (row.hidden, total is None, -(total or 0.0), row.group is None, row.group or "")


def personnel_group_table(
    employees: Iterable[Employee],
    employments: Iterable[Employment],
    periods: Iterable[SickLeavePeriod],
    window: Window,
    *,
    min_group_size: int = MIN_GROUP_SIZE,
    schedule: Schedule = _CALENDAR_DAYS,
    top: int | None = None,
) -> tuple[PersonnelGroupRow, ...]:
    """Sick leave per personnel group in a window, highest first, every figure as published.

    Each employment counts in its own personnel group, else its employee's
    (:func:`personnel_group`); the employments with neither make the group
    ``None``. A person in two groups during the window counts in the
    headcount of each, and once in the whole. The shown groups come first,
    by total sick leave as published, highest first (ties by name, the
    group ``None`` last); then the hidden groups, by name. ``top=n`` keeps
    the ``n`` highest shown groups only, as a report of the groups with the
    highest sick leave does.

    Args:
        employees: every employee the other records name.
        employments: whose days carry scheduled hours (by ``schedule``).
        periods: sick-leave periods, the ones before the window included.
        window: the days to report, such as ``Window.rolling12(month)``.
        min_group_size: groups of this many people or fewer show nothing.
        schedule: ``CalendarDays()`` (default) or ``WorkingDays()``, or your own.
        top: how many shown groups to keep; ``None`` keeps every group.

    Raises:
        InvalidValueError: an argument of the wrong type, or ``top`` below 1.
        OverlappingPeriodsError: two periods of one employee share a day.
        UnknownEmployeeError: a record names an employee not in ``employees``.

    Examples:
        >>> from datetime import date
        >>> staff = [Employee(id=f"e{i}", gender=Gender.WOMAN if i % 4 else Gender.MAN,
        ...                   personnel_group="Barnskötare" if i < 12 else "Kock")
        ...          for i in range(15)]
        >>> jobs = [Employment(employee_id=e.id, unit_id="u", start=date(2020, 1, 1)) for e in staff]
        >>> sick = [SickLeavePeriod(employee_id="e1", start=date(2024, 3, 1), end=date(2024, 3, 30))]
        >>> rows = personnel_group_table(staff, jobs, sick, Window.calendar_year(2024))
        >>> [(r.group, r.employees, r.women_percent, r.total_percent) for r in rows]
        [('Barnskötare', None, None, None), ('Kock', None, None, None)]
        >>> rows = personnel_group_table(staff, jobs, sick, Window.calendar_year(2024), min_group_size=2)
        >>> [(r.group, r.employees, r.women_percent, r.total_percent) for r in rows]
        [('Barnskötare', 12, 75.0, 0.7), ('Kock', 3, 66.7, 0.0)]
    """
    subject = "personnel_group_table"
    require("min_group_size", min_group_size, int_in(0), subject)
    require("top", top, optional(int_in(1)), subject)
    by_group = sick_leave(employees, employments, periods, window, key=_group, schedule=schedule)
    hidden = hidden_parts(by_group, min_group_size=min_group_size)
    rows = sorted((_row(g, s, g in hidden) for g, s in by_group.items()), key=_order)
    if top is not None:
        rows = [row for row in rows if not row.hidden][:top]
    return tuple(rows)
