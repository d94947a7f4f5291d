"""People and working time: employees, employments, sick-leave periods, extra hours."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from enum import StrEnum
from itertools import compress
from operator import le, not_
from typing import Any, Final

import attrs

from samcore._check import (
    describe,
    fail,
    fraction,
    instance_of,
    non_blank,
    number_in,
    optional,
    plain_date,
    require,
)
from samcore._columns import register_records
from samcore._time import Window

__all__ = [
    "AgeBand",
    "Employee",
    "Employment",
    "EmploymentType",
    "EndReason",
    "ExtraTime",
    "ExtraTimeKind",
    "Gender",
    "SickLeavePeriod",
    "personnel_group",
]


class Gender(StrEnum):
    """Gender as the statutory sick-leave figures split it.

    ``UNSPECIFIED`` counts in totals but in neither the women nor the men row.

    Examples:
        >>> Gender("woman") is Gender.WOMAN
        True
    """

    WOMAN = "woman"
    MAN = "man"
    UNSPECIFIED = "unspecified"


class AgeBand(StrEnum):
    """The statutory age bands of the sick-leave disclosure.

    Examples:
        >>> [AgeBand.of_age(a).value for a in (29, 30, 49, 50)]
        ['up_to_29', '30_to_49', '30_to_49', '50_and_over']
    """

    UP_TO_29 = "up_to_29"
    FROM_30_TO_49 = "30_to_49"
    FROM_50 = "50_and_over"
    UNKNOWN = "unknown"

    @classmethod
    def of_age(cls, years: int | None) -> AgeBand:
        """The band of an age in completed years (``None``: unknown).

        Examples:
            >>> AgeBand.of_age(None)
            <AgeBand.UNKNOWN: 'unknown'>
        """
        if years is None:
            return cls.UNKNOWN
        if years <= 29:
            return cls.UP_TO_29
        if years <= 49:
            return cls.FROM_30_TO_49
        return cls.FROM_50


class EmploymentType(StrEnum):
    """The form of an employment: tillsvidare, visstid or timavlönad.

    Examples:
        >>> [t.value for t in EmploymentType]
        ['permanent', 'fixed_term', 'hourly']
    """

    PERMANENT = "permanent"
    """Tillsvidareanställning: until further notice."""
    FIXED_TERM = "fixed_term"
    """Visstidsanställning: for a set time, a substitute's post included."""
    HOURLY = "hourly"
    """Timavlönad: called in and paid by the hour."""


class EndReason(StrEnum):
    """Why an employment ended, as the payroll export states it.

    Examples:
        >>> EndReason("retirement") is EndReason.RETIREMENT
        True
    """

    RETIREMENT = "retirement"
    """Pension: the employee retired."""
    RESIGNATION = "resignation"
    """Egen begäran: the employee gave notice."""
    END_OF_CONTRACT = "end_of_contract"
    """Avslutad visstid: a fixed-term contract ran out."""
    OTHER = "other"
    """Any other reason (dismissal, death, a transfer of the business)."""


_DAY = plain_date()
_WINDOW = instance_of(Window)

HOURS_PER_WEEK: Final = 168
"""A week's hours: no employment can schedule more."""
HOURS_PER_DAY: Final = 24
"""A day's hours: no one works more extra time than that on one day."""


def completed_years(birth: date, on: date) -> int:
    """Age in completed years on a day (a 29 February birthday turns on 1 March)."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


@attrs.frozen(kw_only=True)
class Employee:
    """A person employed by the organisation; ``id`` is a pseudonym, never a name.

    ``personnel_group`` is for exports that keep the group on the person:
    it is the group of each of their employments that names none of its own
    (see :func:`personnel_group`).

    Examples:
        >>> e = Employee(id="e1", gender=Gender.WOMAN, birth_date=date(1994, 12, 31))
        >>> e.age_band(date(2024, 12, 30)), e.age_band(date(2024, 12, 31))
        (<AgeBand.UP_TO_29: 'up_to_29'>, <AgeBand.FROM_30_TO_49: '30_to_49'>)
    """

    id: str = attrs.field(validator=non_blank())
    gender: Gender = attrs.field(validator=instance_of(Gender))
    birth_date: date | None = attrs.field(default=None, validator=optional(plain_date()))
    personnel_group: str | None = attrs.field(default=None, validator=optional(non_blank()))

    @property
    def _subject(self) -> str:
        return describe("an employee", "employee", ("", self.id))

    def age_band(self, on: date) -> AgeBand:
        """The employee's age band on a day (``UNKNOWN`` without a birth date).

        Raises:
            InvalidValueError: ``on`` is not a date, or precedes the birth date
                (nobody has an age before being born).

        Examples:
            >>> Employee(id="e2", gender=Gender.MAN).age_band(date(2024, 1, 1))
            <AgeBand.UNKNOWN: 'unknown'>
            >>> Employee(id="e3", gender=Gender.MAN, birth_date=date(2030, 1, 1)).age_band(date(2024, 1, 1))
            Traceback (most recent call last):
            ...
            samcore.errors.InvalidValueError: 'birth_date' must not be after the day of the age band 2024-01-01 (got 2030-01-01) for employee 'e3'
        """
        if on.__class__ is not date:  # the subject is worded only for the error
            require("on", on, _DAY, self._subject)
        if self.birth_date is None:
            return AgeBand.UNKNOWN
        if self.birth_date > on:
            fail(
                "birth_date",
                f"not be after the day of the age band {on.isoformat()}",
                self.birth_date,
                self._subject,
            )
        return AgeBand.of_age(completed_years(self.birth_date, on))


@attrs.frozen(kw_only=True)
class Employment:
    """An employment of one employee in one unit; ``end=None`` means ongoing.

    ``employment_type`` is permanent unless stated (exports that do not
    tell the form of employment describe permanent staff). ``end_reason``
    says why an ended employment ended and needs an ``end``; ``None`` when
    the export does not say. ``personnel_group`` (Barnskötare, Undersköterska)
    belongs to the employment, as a person can change group; ``None`` leaves
    it to the employee's.

    Examples:
        >>> Employment(employee_id="e1", unit_id="u1", start=date(2024, 1, 1), fte=0.75).weekly_hours
        40.0
        >>> Employment(employee_id="e1", unit_id="u1", start=date(2024, 1, 1), fte=0)
        Traceback (most recent call last):
        ...
        samcore.errors.InvalidValueError: 'fte' must be in (0, 1] (got 0) for employment of employee 'e1' in unit 'u1' starting 2024-01-01
        >>> Employment(employee_id="e1", unit_id="u1", start=date(2024, 1, 1), end_reason=EndReason.RETIREMENT)
        Traceback (most recent call last):
        ...
        samcore.errors.InvalidValueError: 'end_reason' must be None while 'end' is None: only an employment that ends has a reason to end (got 'retirement') for employment of employee 'e1' in unit 'u1' starting 2024-01-01
    """

    employee_id: str = attrs.field(validator=non_blank())
    unit_id: str = attrs.field(validator=non_blank())
    start: date = attrs.field(validator=plain_date())
    end: date | None = attrs.field(default=None, validator=optional(plain_date()))
    fte: float = attrs.field(default=1.0, validator=fraction())
    weekly_hours: float = attrs.field(default=40.0, validator=number_in(0, HOURS_PER_WEEK))
    employment_type: EmploymentType = attrs.field(
        default=EmploymentType.PERMANENT, validator=instance_of(EmploymentType)
    )
    end_reason: EndReason | None = attrs.field(
        default=None, validator=optional(instance_of(EndReason))
    )
    personnel_group: str | None = attrs.field(default=None, validator=optional(non_blank()))

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            fail("end", "be on or after start", self.end, self._subject)
        if self.end is None and self.end_reason is not None:
            fail(
                "end_reason",
                "be None while 'end' is None: only an employment that ends has a reason to end",
                self.end_reason.value,
                self._subject,
            )

    @property
    def _subject(self) -> str:
        return describe(
            "an employment",
            "employment",
            ("of employee", self.employee_id),
            ("in unit", self.unit_id),
            ("starting", self.start),
        )

    def is_active(self, day: date) -> bool:
        """Whether the employment covers a day.

        Raises:
            InvalidValueError: ``day`` is not a date.

        Examples:
            >>> e = Employment(employee_id="e1", unit_id="u1", start=date(2024, 1, 1), end=date(2024, 6, 30))
            >>> e.is_active(date(2024, 6, 30)), e.is_active(date(2024, 7, 1))
            (True, False)
        """
        if day.__class__ is not date:
            require("day", day, _DAY, self._subject)
        return self.start <= day and (self.end is None or day <= self.end)

    def active_in(self, window: Window) -> bool:
        """Whether the employment covers at least one day of a window.

        Examples:
            >>> from samcore import Window
            >>> e = Employment(employee_id="e1", unit_id="u1", start=date(2024, 1, 1), end=date(2024, 6, 30))
            >>> e.active_in(Window.calendar_year(2024)), e.active_in(Window.calendar_year(2025))
            (True, False)
        """
        if window.__class__ is not Window:
            require("window", window, _WINDOW, self._subject)
        return self.start <= window.end and (self.end is None or self.end >= window.start)


def _ends_after_starts(columns: Mapping[str, Sequence[Any]]) -> bool:
    """Every end that is given falls on or after its start (an end of ``None`` is left out)."""
    ends = columns["end"]
    return all(map(le, compress(columns["start"], ends), filter(None, ends)))


def _employments_hold(columns: Mapping[str, Sequence[Any]]) -> bool:
    """The rules of ``Employment.__attrs_post_init__`` for all employments at once."""
    open_reasons = compress(columns["end_reason"], map(not_, columns["end"]))
    return _ends_after_starts(columns) and set(open_reasons) <= {None}


register_records(Employment, _employments_hold)


def personnel_group(employee: Employee, employment: Employment) -> str | None:
    """The personnel group of an employment: its own, else its employee's; ``None`` if neither says.

    It is a grouping key as it stands, though one that leaves out the
    employments without a group: ``sick_leave(..., key=personnel_group)``.

    Examples:
        >>> anna = Employee(id="e1", gender=Gender.WOMAN, personnel_group="Barnskötare")
        >>> before = Employment(employee_id="e1", unit_id="u1", start=date(2020, 1, 1))
        >>> after = Employment(employee_id="e1", unit_id="u2", start=date(2024, 3, 1),
        ...                    personnel_group="Förskollärare")
        >>> personnel_group(anna, before), personnel_group(anna, after)
        ('Barnskötare', 'Förskollärare')
        >>> personnel_group(Employee(id="e2", gender=Gender.MAN), before) is None
        True
    """
    return employment.personnel_group or employee.personnel_group


@attrs.frozen(kw_only=True)
class SickLeavePeriod:
    """A period of sick leave of one employee, at a share ``extent`` of each day.

    Examples:
        >>> SickLeavePeriod(employee_id="e1", start=date(2024, 3, 1), end=date(2024, 3, 4), extent=0.5).days
        4
        >>> SickLeavePeriod(employee_id="e17", start=date(2024, 3, 1), end=date(2024, 3, 4), extent=1.5)
        Traceback (most recent call last):
        ...
        samcore.errors.InvalidValueError: 'extent' must be in (0, 1] (got 1.5) for sick-leave period of employee 'e17' starting 2024-03-01
    """

    employee_id: str = attrs.field(validator=non_blank())
    start: date = attrs.field(validator=plain_date())
    end: date = attrs.field(validator=plain_date())
    extent: float = attrs.field(default=1.0, validator=fraction())

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            fail("end", "be on or after start", self.end, self._subject)

    @property
    def _subject(self) -> str:
        return describe(
            "a sick-leave period",
            "sick-leave period",
            ("of employee", self.employee_id),
            ("starting", self.start),
        )

    @property
    def days(self) -> int:
        """Calendar days in the period, both ends included.

        Examples:
            >>> SickLeavePeriod(employee_id="e1", start=date(2024, 2, 28), end=date(2024, 3, 1)).days
            3
        """
        return (self.end - self.start).days + 1


register_records(SickLeavePeriod, _ends_after_starts)


class ExtraTimeKind(StrEnum):
    """Additional hours (mertid/fyllnadstid) or overtime (övertid).

    Examples:
        >>> ExtraTimeKind.ADDITIONAL.value
        'additional'
    """

    ADDITIONAL = "additional"
    OVERTIME = "overtime"


@attrs.frozen(kw_only=True)
class ExtraTime:
    """Hours worked beyond an employee's ordinary time on one day.

    Examples:
        >>> ExtraTime(employee_id="e1", unit_id="u1", day=date(2024, 5, 2), hours=2.5, kind=ExtraTimeKind.OVERTIME).hours
        2.5
    """

    employee_id: str = attrs.field(validator=non_blank())
    unit_id: str = attrs.field(validator=non_blank())
    day: date = attrs.field(validator=plain_date())
    hours: float = attrs.field(validator=number_in(0, HOURS_PER_DAY))
    kind: ExtraTimeKind = attrs.field(validator=instance_of(ExtraTimeKind))

    @property
    def _subject(self) -> str:
        return describe(
            "extra time", "extra time", ("of employee", self.employee_id), ("on", self.day)
        )
