"""A workforce checked and indexed once, for any number of windows and metrics."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from datetime import date
from typing import Any, ClassVar, TypeVar, overload

import attrs

from samcore._age import Headcount, aged
from samcore._check import tuple_of
from samcore._frozen import records, to_tuple
from samcore._people import Employee, Employment, SickLeavePeriod
from samcore._schedule import CalendarDays, Schedule
from samcore._sick_leave import SickLeave
from samcore._spells import RELAPSE_DAYS, check_options, sweep
from samcore._time import Window
from samcore._turnover import Turnover, moves
from samcore._workforce import GroupKey, Index, by_unit, check_key, prepare

__all__ = ["Workforce"]

K = TypeVar("K", bound=Hashable)

_CALENDAR_DAYS = CalendarDays()


@attrs.frozen(kw_only=True)
class Workforce:
    """Employees, employments and sick-leave periods, checked and indexed once.

    The metric functions (:func:`sick_leave`, :func:`sick_leave_trend`,
    :func:`turnover`, :func:`staff_aged`) check, group and sort the records on
    every call. Build a ``Workforce`` once and ask it for as many windows,
    groupings and metrics as you like: each answer equals the function's,
    at the cost of the computation alone.

    Construction checks what the functions check: unique employee ids, no
    employment or period naming an unknown employee, no two periods of one
    employee sharing a day.

    Raises:
        InvalidValueError: a record of the wrong type, or two employees with one id.
        UnknownEmployeeError: an employment or period names an unknown employee.
        OverlappingPeriodsError: two periods of one employee share a day.

    Examples:
        >>> from samcore import Gender, Month
        >>> staff = Workforce(
        ...     employees=[Employee(id="e1", gender=Gender.WOMAN, birth_date=date(1960, 5, 1))],
        ...     employments=[Employment(employee_id="e1", unit_id="u1", start=date(2020, 1, 1))],
        ...     periods=[SickLeavePeriod(employee_id="e1", start=date(2024, 3, 1),
        ...                              end=date(2024, 3, 7))])
        >>> r12 = Window.rolling12(Month(year=2024, month=12))
        >>> round(staff.sick_leave(r12)["u1"].rate().percent, 2)
        1.91
        >>> staff.staff_aged(date(2024, 12, 31))["u1"].count
        1
    """

    employees: tuple[Employee, ...] = attrs.field(converter=to_tuple, validator=tuple_of(Employee))
    employments: tuple[Employment, ...] = attrs.field(
        converter=to_tuple, validator=tuple_of(Employment)
    )
    periods: tuple[SickLeavePeriod, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(SickLeavePeriod)
    )
    _index: Index = attrs.field(init=False, eq=False, repr=False)

    _subject: ClassVar[str] = "a workforce"

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_index", prepare(self.employees, self.employments, self.periods))

    @overload
    def sick_leave(
        self,
        window: Window,
        *,
        key: None = None,
        relapse_days: int = ...,
        schedule: Schedule = ...,
    ) -> dict[str, SickLeave]: ...
    @overload
    def sick_leave(
        self,
        window: Window,
        *,
        key: GroupKey[K],
        relapse_days: int = ...,
        schedule: Schedule = ...,
    ) -> dict[K, SickLeave]: ...
    def sick_leave(
        self,
        window: Window,
        *,
        key: GroupKey[Any] | None = None,
        relapse_days: int = RELAPSE_DAYS,
        schedule: Schedule = _CALENDAR_DAYS,
    ) -> dict[Any, SickLeave]:
        """:func:`sick_leave` of these records: sick leave in a window, per group.

        Examples:
            >>> from samcore import Gender, Month
            >>> staff = Workforce(employees=[Employee(id="e", gender=Gender.MAN)],
            ...     employments=[Employment(employee_id="e", unit_id="u", start=date(2024, 1, 1))])
            >>> staff.sick_leave(Window.calendar_year(2024))["u"].headcount()
            1
        """
        return self.sick_leave_trend(
            [window], key=key, relapse_days=relapse_days, schedule=schedule
        )[window]

    @overload
    def sick_leave_trend(
        self,
        windows: Iterable[Window],
        *,
        key: None = None,
        relapse_days: int = ...,
        schedule: Schedule = ...,
    ) -> dict[Window, dict[str, SickLeave]]: ...
    @overload
    def sick_leave_trend(
        self,
        windows: Iterable[Window],
        *,
        key: GroupKey[K],
        relapse_days: int = ...,
        schedule: Schedule = ...,
    ) -> dict[Window, dict[K, SickLeave]]: ...
    def sick_leave_trend(
        self,
        windows: Iterable[Window],
        *,
        key: GroupKey[Any] | None = None,
        relapse_days: int = RELAPSE_DAYS,
        schedule: Schedule = _CALENDAR_DAYS,
    ) -> dict[Window, dict[Any, SickLeave]]:
        """:func:`sick_leave_trend` of these records: many windows in one sweep.

        Examples:
            >>> from samcore import Gender, Month
            >>> staff = Workforce(employees=[Employee(id="e", gender=Gender.MAN)],
            ...     employments=[Employment(employee_id="e", unit_id="u", start=date(2024, 1, 1))])
            >>> ends = [Month(year=2024, month=m) for m in (1, 12)]
            >>> trend = staff.sick_leave_trend([Window.rolling12(m) for m in ends])
            >>> [round(by_unit["u"].scheduled_hours) for by_unit in trend.values()]
            [177, 2091]
        """
        subject = "sick_leave_trend"
        asked = records("windows", windows, Window, subject)
        check_key(key, subject)
        check_options(schedule, relapse_days, subject)
        return sweep(self._index, asked, key or by_unit, schedule, relapse_days)

    @overload
    def turnover(
        self, window: Window, *, key: None = None, gap_days: int | None = None
    ) -> dict[str, Turnover]: ...
    @overload
    def turnover(
        self, window: Window, *, key: GroupKey[K], gap_days: int | None = None
    ) -> dict[K, Turnover]: ...
    def turnover(
        self, window: Window, *, key: GroupKey[Any] | None = None, gap_days: int | None = None
    ) -> dict[Any, Turnover]:
        """:func:`turnover` of these records: departures and average headcount in a window.

        Examples:
            >>> from samcore import Gender
            >>> staff = Workforce(employees=[Employee(id="e", gender=Gender.MAN)],
            ...     employments=[Employment(employee_id="e", unit_id="u", start=date(2020, 1, 1),
            ...                             end=date(2024, 6, 30))])
            >>> staff.turnover(Window.calendar_year(2024))["u"].departures()
            1
        """
        check_key(key, "turnover")
        return moves(self._index, window, key, gap_days)

    @overload
    def staff_aged(self, on: date, *, age: int = 60, key: None = None) -> dict[str, Headcount]: ...
    @overload
    def staff_aged(self, on: date, *, age: int = 60, key: GroupKey[K]) -> dict[K, Headcount]: ...
    def staff_aged(
        self, on: date, *, age: int = 60, key: GroupKey[Any] | None = None
    ) -> dict[Any, Headcount]:
        """:func:`staff_aged` of these records: employees of ``age`` or older on a day.

        Examples:
            >>> from samcore import Gender
            >>> staff = Workforce(
            ...     employees=[Employee(id="e", gender=Gender.MAN, birth_date=date(1970, 1, 1))],
            ...     employments=[Employment(employee_id="e", unit_id="u", start=date(2020, 1, 1))])
            >>> staff.staff_aged(date(2024, 12, 31), age=50)["u"].count
            1
        """
        check_key(key, "staff_aged")
        return aged(self._index, on, age, key)
