"""Working-time schedules: how many ordinary hours an employment carries on given days."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import ClassVar, Protocol

import attrs

from samcore._check import instance_of, int_in, plain_date, require
from samcore._people import Employment

__all__ = [
    "CalendarDays",
    "Schedule",
    "WorkingDays",
    "calendar_hours",
    "swedish_public_holidays",
]

_DAY = plain_date()


class Schedule(Protocol):
    """A policy for an employment's ordinary (scheduled) hours.

    ``hours(employment, start, end)`` returns the hours the employment is
    scheduled for on the days ``start..end`` (inclusive), which the caller
    has already clipped to the employment. It must be additive over
    adjacent ranges, and it must be cheap: samcore calls it once per piece
    of sick leave, never per day.

    Examples:
        >>> class HalfDays:  # a schedule of your own: 4 hours every day
        ...     def hours(self, employment, start, end):
        ...         return 4.0 * ((end - start).days + 1)
        >>> schedule: Schedule = HalfDays()
        >>> schedule.hours(Employment(employee_id="e", unit_id="u", start=date(2024, 1, 1)),
        ...                date(2024, 1, 1), date(2024, 1, 2))
        8.0
    """

    def hours(self, employment: Employment, start: date, end: date) -> float:
        """Scheduled hours of the employment on ``start..end``.

        Examples:
            >>> e = Employment(employee_id="e", unit_id="u", start=date(2024, 1, 1))
            >>> CalendarDays().hours(e, date(2024, 1, 1), date(2024, 1, 7))
            40.0
        """
        ...


@attrs.frozen
class CalendarDays:
    """The default schedule: every calendar day carries ``weekly_hours * fte / 7`` hours.

    It spreads the week evenly, so weekends and holidays weigh like any day;
    this is how most payroll exports state ordinary time.

    Examples:
        >>> e = Employment(employee_id="e", unit_id="u", start=date(2024, 1, 1), fte=0.5)
        >>> CalendarDays().hours(e, date(2024, 1, 1), date(2024, 1, 7))
        20.0
    """

    def hours(self, employment: Employment, start: date, end: date) -> float:
        """Hours on ``start..end``: days × weekly hours × fte / 7.

        Examples:
            >>> e = Employment(employee_id="e", unit_id="u", start=date(2024, 1, 1))
            >>> round(CalendarDays().hours(e, date(2024, 1, 1), date(2024, 1, 1)), 4)
            5.7143
        """
        return calendar_hours((end - start).days + 1, employment)


def calendar_hours(days: int, employment: Employment) -> float:
    """:meth:`CalendarDays.hours` of a number of days: the one formula, for counting by ordinals.

    Examples:
        >>> e = Employment(employee_id="e", unit_id="u", start=date(2024, 1, 1), fte=0.5)
        >>> calendar_hours(7, e)
        20.0
    """
    return days * employment.weekly_hours * employment.fte / 7


@lru_cache(maxsize=512)
def _holidays(year: int, eves: tuple[bool, bool, bool]) -> frozenset[date]:
    from dateutil.easter import easter  # loaded when a holiday is first needed

    midsummer_eve, christmas_eve, new_years_eve = eves
    sunday = easter(year)
    days = {
        date(year, 1, 1),  # nyårsdagen
        date(year, 1, 6),  # trettondedag jul
        sunday - timedelta(days=2),  # långfredagen
        sunday,  # påskdagen
        sunday + timedelta(days=1),  # annandag påsk
        date(year, 5, 1),  # första maj
        sunday + timedelta(days=39),  # kristi himmelsfärdsdag
        sunday + timedelta(days=49),  # pingstdagen
        date(year, 6, 6),  # nationaldagen
        _weekday_between(year, 6, 20, 5),  # midsommardagen, a Saturday 20-26 June
        _weekday_between(year, 10, 31, 5),  # alla helgons dag, a Saturday 31 Oct-6 Nov
        date(year, 12, 25),  # juldagen
        date(year, 12, 26),  # annandag jul
    }
    if midsummer_eve:
        days.add(_weekday_between(year, 6, 19, 4))
    if christmas_eve:
        days.add(date(year, 12, 24))
    if new_years_eve:
        days.add(date(year, 12, 31))
    return frozenset(days)


def _weekday_between(year: int, month: int, first_day: int, weekday: int) -> date:
    """The first ``weekday`` (Monday 0) on or after a day."""
    first = date(year, month, first_day)
    return first + timedelta(days=(weekday - first.weekday()) % 7)


def swedish_public_holidays(
    year: int, *, midsummer_eve: bool = True, christmas_eve: bool = True, new_years_eve: bool = True
) -> frozenset[date]:
    """Sweden's public holidays (allmänna helgdagar) of a year, and by default the three eves.

    Midsummer eve, Christmas eve and New Year's eve are not holidays by law
    but are days off under most collective agreements; each can be left out.

    Examples:
        >>> sorted(d.isoformat() for d in swedish_public_holidays(2024) if d.month == 6)
        ['2024-06-06', '2024-06-21', '2024-06-22']
        >>> date(2024, 3, 29) in swedish_public_holidays(2024)  # långfredagen
        True
    """
    subject = "swedish_public_holidays"
    require("year", year, int_in(1, 9999), subject)
    for name, flag in (
        ("midsummer_eve", midsummer_eve),
        ("christmas_eve", christmas_eve),
        ("new_years_eve", new_years_eve),
    ):
        require(name, flag, instance_of(bool), subject)
    return _holidays(year, (midsummer_eve, christmas_eve, new_years_eve))


def _weekdays(start: date, end: date) -> int:
    """Monday-Friday days in ``start..end``, without walking the days."""
    days = (end - start).days + 1
    weeks, rest = divmod(days, 7)
    first = start.weekday()
    extra = sum(1 for k in range(rest) if (first + k) % 7 < 5)
    return weeks * 5 + extra


@attrs.frozen(kw_only=True)
class WorkingDays:
    """Monday–Friday minus Swedish public holidays, each carrying ``weekly_hours * fte / 5``.

    The eves (midsummer, Christmas, New Year) count as days off unless
    switched off here.

    Examples:
        >>> e = Employment(employee_id="e", unit_id="u", start=date(2024, 1, 1))
        >>> WorkingDays().hours(e, date(2024, 12, 23), date(2024, 12, 29))  # 24-26 Dec off
        16.0
        >>> WorkingDays(christmas_eve=False).hours(e, date(2024, 12, 23), date(2024, 12, 29))
        24.0
    """

    midsummer_eve: bool = attrs.field(default=True, validator=instance_of(bool))
    christmas_eve: bool = attrs.field(default=True, validator=instance_of(bool))
    new_years_eve: bool = attrs.field(default=True, validator=instance_of(bool))

    _subject: ClassVar[str] = "working days"

    def days(self, start: date, end: date) -> int:
        """Working days in ``start..end``.

        Examples:
            >>> WorkingDays().days(date(2024, 1, 1), date(2024, 12, 31))  # 262 weekdays, 11 off
            251
        """
        if start.__class__ is not date or end.__class__ is not date:
            require("start", start, _DAY, self._subject)
            require("end", end, _DAY, self._subject)
        count = _weekdays(start, end)
        eves = (self.midsummer_eve, self.christmas_eve, self.new_years_eve)
        for year in range(start.year, end.year + 1):
            count -= sum(1 for d in _holidays(year, eves) if start <= d <= end and d.weekday() < 5)
        return count

    def hours(self, employment: Employment, start: date, end: date) -> float:
        """Hours on ``start..end``: working days × weekly hours × fte / 5.

        Examples:
            >>> e = Employment(employee_id="e", unit_id="u", start=date(2024, 1, 1), fte=0.5)
            >>> WorkingDays().hours(e, date(2024, 1, 1), date(2024, 1, 7))  # 1 and 6 Jan off
            16.0
        """
        return self.days(start, end) * employment.weekly_hours * employment.fte / 5
