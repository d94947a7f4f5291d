"""Months and inclusive date windows: the calendar arithmetic of R12 figures."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date
from typing import ClassVar, TypeAlias, overload

import attrs

from samcore._check import fail, instance_of, int_in, is_int, plain_date, require
from samcore.errors import InvalidValueError

__all__ = ["Month", "Span", "Window", "join_spans"]

_MONTH_TEXT = re.compile(r"(\d{4})-(\d{2})")
_DAY = plain_date()
_YEAR = int_in(1, 9999)
_FIRST_INDEX = 1 * 12  # January of year 1
_LAST_INDEX = 9999 * 12 + 11  # December 9999


@attrs.frozen(kw_only=True, order=True)
class Month:
    """A calendar month, ordered and hashable, written ``YYYY-MM``.

    Adding an int moves by that many months; subtracting two months gives
    the number of months between them.

    Examples:
        >>> m = Month.parse("2024-12")
        >>> (str(m), str(m + 2), str(m - 11), m - Month(year=2024, month=1))
        ('2024-12', '2025-02', '2024-01', 11)
        >>> (Month(year=2024, month=2).first_day, Month(year=2024, month=2).last_day)
        (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    """

    year: int = attrs.field(validator=int_in(1, 9999))
    month: int = attrs.field(validator=int_in(1, 12))

    _subject: ClassVar[str] = "a month"

    @classmethod
    def of(cls, day: date) -> Month:
        """The month a date falls in.

        Examples:
            >>> str(Month.of(date(2024, 2, 29)))
            '2024-02'
        """
        if day.__class__ is not date:
            require("day", day, _DAY, "a month")
        return cls(year=day.year, month=day.month)

    @classmethod
    def parse(cls, text: str) -> Month:
        """Read a month written ``YYYY-MM``.

        Examples:
            >>> Month.parse("2023-07")
            Month(year=2023, month=7)
        """
        match = _MONTH_TEXT.fullmatch(text) if isinstance(text, str) else None
        if match is None:
            fail("month", "be written YYYY-MM", text, "a month")
        return cls(year=int(match[1]), month=int(match[2]))

    @property
    def index(self) -> int:
        """The month's ordinal: months since January of year 0.

        Examples:
            >>> Month(year=1, month=1).index
            12
        """
        return self.year * 12 + self.month - 1

    @classmethod
    def _from_index(cls, index: int, moved: str) -> Month:
        if not _FIRST_INDEX <= index <= _LAST_INDEX:
            raise InvalidValueError(
                f"'months' must keep the month within 0001-01..9999-12 (got {moved}) for a month"
            )
        year, month0 = divmod(index, 12)
        return cls(year=year, month=month0 + 1)

    @property
    def first_day(self) -> date:
        """The first day of the month.

        Examples:
            >>> Month(year=2024, month=3).first_day
            datetime.date(2024, 3, 1)
        """
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        """The last day of the month, leap years included.

        Examples:
            >>> Month(year=2100, month=2).last_day
            datetime.date(2100, 2, 28)
        """
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def __add__(self, months: int) -> Month:
        if not is_int(months):
            return NotImplemented
        return Month._from_index(self.index + months, f"{self} + {months}")

    @overload
    def __sub__(self, other: Month) -> int: ...
    @overload
    def __sub__(self, other: int) -> Month: ...
    def __sub__(self, other: int | Month) -> Month | int:
        if isinstance(other, Month):
            return self.index - other.index
        if not is_int(other):
            return NotImplemented
        return Month._from_index(self.index - other, f"{self} - {other}")

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@attrs.frozen(kw_only=True)
class Window:
    """An inclusive range of days, such as a rolling twelve months (R12).

    Examples:
        >>> w = Window.rolling12(Month.parse("2024-02"))
        >>> (w.start, w.end, w.days)
        (datetime.date(2023, 3, 1), datetime.date(2024, 2, 29), 366)
        >>> date(2024, 2, 29) in w, date(2024, 3, 1) in w
        (True, False)
        >>> w.previous_year()
        Window(start=datetime.date(2022, 3, 1), end=datetime.date(2023, 2, 28))
    """

    start: date = attrs.field(validator=plain_date())
    end: date = attrs.field(validator=plain_date())

    _subject: ClassVar[str] = "a window"

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            fail("end", f"be on or after start {self.start.isoformat()}", self.end, self._subject)

    @classmethod
    def rolling12(cls, month: Month) -> Window:
        """R12: the twelve calendar months ending with ``month``.

        Raises:
            InvalidValueError: ``month`` is not a Month, or the window would
                start before year 1.

        Examples:
            >>> Window.rolling12(Month(year=2024, month=12))
            Window(start=datetime.date(2024, 1, 1), end=datetime.date(2024, 12, 31))
        """
        if month.__class__ is not Month:
            require("month", month, instance_of(Month), "a rolling twelve months")
        return cls(start=(month - 11).first_day, end=month.last_day)

    @classmethod
    def calendar_year(cls, year: int) -> Window:
        """The calendar year, 1 January to 31 December.

        Examples:
            >>> Window.calendar_year(2024).days
            366
        """
        require("year", year, _YEAR, "a calendar year")
        return cls(start=date(year, 1, 1), end=date(year, 12, 31))

    @property
    def days(self) -> int:
        """The number of days in the window, both ends included.

        Examples:
            >>> Window(start=date(2024, 1, 1), end=date(2024, 1, 1)).days
            1
        """
        return (self.end - self.start).days + 1

    @property
    def is_whole_months(self) -> bool:
        """Whether the window starts on a first and ends on a last day of a month.

        Examples:
            >>> Window.rolling12(Month(year=2024, month=6)).is_whole_months
            True
        """
        end = self.end
        return self.start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]

    @property
    def months(self) -> tuple[Month, ...]:
        """The months whose last day lies in the window, in order.

        Examples:
            >>> [str(m) for m in Window(start=date(2024, 1, 15), end=date(2024, 3, 30)).months]
            ['2024-01', '2024-02']
        """
        first = Month.of(self.start)
        last = Month.of(self.end)
        if self.end != last.last_day:
            last = last - 1
        count = last.index - first.index + 1
        return tuple(first + offset for offset in range(max(count, 0)))

    def previous_year(self) -> Window:
        """The same window one year earlier.

        A window of whole months moves twelve months back, so R12 2024-02 gives
        R12 2023-02 (ending 28 February); any other window moves its two ends
        back one year, 29 February falling back to 28 February.

        Raises:
            InvalidValueError: the window starts in year 1, which has no year before.

        Examples:
            >>> Window.calendar_year(2024).previous_year() == Window.calendar_year(2023)
            True
            >>> Window.calendar_year(1).previous_year()
            Traceback (most recent call last):
            ...
            samcore.errors.InvalidValueError: 'start' must be in year 2 or later to go a year back (got 0001-01-01) for a window
        """
        if self.start.year < 2:
            fail("start", "be in year 2 or later to go a year back", self.start, self._subject)
        if self.is_whole_months:
            return Window(
                start=(Month.of(self.start) - 12).first_day,
                end=(Month.of(self.end) - 12).last_day,
            )
        from dateutil.relativedelta import relativedelta  # loaded only for this case

        year = relativedelta(years=1)
        return Window(start=self.start - year, end=self.end - year)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


Span: TypeAlias = tuple[int, int]
"""A range of days as ordinals (``date.toordinal()``), first and last both included."""


def join_spans(spans: Iterable[Span]) -> list[Span]:
    """Join overlapping and touching ranges of days into disjoint ones, in order.

    Examples:
        >>> join_spans([(8, 9), (1, 2), (3, 3), (5, 6), (5, 5)])
        [(1, 3), (5, 6), (8, 9)]
    """
    joined: list[Span] = []
    for start, end in sorted(spans):
        if joined and start <= joined[-1][1] + 1:
            if end > joined[-1][1]:
                joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined
