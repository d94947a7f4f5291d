"""People and working time: employees, employments, sick-leave periods, extra hours."""

from __future__ import annotations

import math
from datetime import date
from enum import StrEnum

import attrs

from samcore._check import (
    fail,
    require_day,
    require_instance,
    require_optional_day,
    require_optional_text,
    require_text,
)

__all__ = [
    "AgeBand",
    "Employee",
    "Employment",
    "ExtraTime",
    "ExtraTimeKind",
    "Gender",
    "SickLeavePeriod",
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


def completed_years(birth: date, on: date) -> int:
    """Age in completed years on a day (a 29 February birthday turns on 1 March)."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


@attrs.frozen(kw_only=True)
class Employee:
    """A person employed by the organisation; ``id`` is a pseudonym, never a name.

    Examples:
        >>> e = Employee(id="e1", gender=Gender.WOMAN, birth_date=date(1994, 12, 31))
        >>> e.age_band(date(2024, 12, 30)), e.age_band(date(2024, 12, 31))
        (<AgeBand.UP_TO_29: 'up_to_29'>, <AgeBand.FROM_30_TO_49: '30_to_49'>)
    """

    id: str
    gender: Gender
    birth_date: date | None = None
    personnel_group: str | None = None

    def __attrs_post_init__(self) -> None:
        if (
            type(self.id) is str
            and self.id.strip()
            and type(self.gender) is Gender
            and (self.birth_date is None or type(self.birth_date) is date)
            and (self.personnel_group is None or type(self.personnel_group) is str)
        ):
            return
        subject = f"employee {self.id!r}"
        require_text("id", self.id, "an employee")
        require_instance("gender", self.gender, Gender, subject)
        require_optional_day("birth_date", self.birth_date, subject)
        require_optional_text("personnel_group", self.personnel_group, subject)

    def age_band(self, on: date) -> AgeBand:
        """The employee's age band on a day (``UNKNOWN`` without a birth date).

        Examples:
            >>> Employee(id="e2", gender=Gender.MAN).age_band(date(2024, 1, 1))
            <AgeBand.UNKNOWN: 'unknown'>
        """
        if self.birth_date is None:
            return AgeBand.UNKNOWN
        return AgeBand.of_age(completed_years(self.birth_date, on))


@attrs.frozen(kw_only=True)
class Employment:
    """An employment of one employee in one unit; ``end=None`` means ongoing.

    Examples:
        >>> Employment(employee_id="e1", unit_id="u1", start=date(2024, 1, 1), fte=0.75).weekly_hours
        40.0
        >>> Employment(employee_id="e1", unit_id="u1", start=date(2024, 1, 1), fte=0)
        Traceback (most recent call last):
        ...
        samcore.errors.InvalidValueError: 'fte' must be in (0, 1] (got 0) for employment of employee 'e1' in unit 'u1' starting 2024-01-01
    """

    employee_id: str
    unit_id: str
    start: date
    end: date | None = None
    fte: float = 1.0
    weekly_hours: float = 40.0

    def __attrs_post_init__(self) -> None:
        # One cheap test for the common case; the slow path says what is wrong.
        if not (
            type(self.start) is date
            and (self.end is None or (type(self.end) is date and self.end >= self.start))
            and _is_number(self.fte)
            and 0 < self.fte <= 1
            and _is_number(self.weekly_hours)
            and 0 < self.weekly_hours < math.inf
            and type(self.employee_id) is str
            and type(self.unit_id) is str
            and self.employee_id.strip()
            and self.unit_id.strip()
        ):
            self._explain()

    def _explain(self) -> None:
        require_text("employee_id", self.employee_id, "an employment")
        subject = f"employment of employee {self.employee_id!r}"
        require_text("unit_id", self.unit_id, subject)
        subject += f" in unit {self.unit_id!r}"
        require_day("start", self.start, subject)
        subject += f" starting {self.start.isoformat()}"
        require_optional_day("end", self.end, subject)
        if self.end is not None and self.end < self.start:
            fail("end", "be on or after start", self.end, subject)
        if not _in_unit_interval(self.fte):
            fail("fte", "be in (0, 1]", self.fte, subject)
        if not _positive(self.weekly_hours):
            fail("weekly_hours", "be a finite number > 0", self.weekly_hours, subject)

    def is_active(self, day: date) -> bool:
        """Whether the employment covers a day.

        Examples:
            >>> e = Employment(employee_id="e1", unit_id="u1", start=date(2024, 1, 1), end=date(2024, 6, 30))
            >>> e.is_active(date(2024, 6, 30)), e.is_active(date(2024, 7, 1))
            (True, False)
        """
        return self.start <= day and (self.end is None or day <= self.end)


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

    employee_id: str
    start: date
    end: date
    extent: float = 1.0

    def __attrs_post_init__(self) -> None:
        if (
            type(self.start) is date
            and type(self.end) is date
            and self.end >= self.start
            and _is_number(self.extent)
            and 0 < self.extent <= 1
            and type(self.employee_id) is str
            and self.employee_id.strip()
        ):
            return
        require_text("employee_id", self.employee_id, "a sick-leave period")
        subject = f"sick-leave period of employee {self.employee_id!r}"
        require_day("start", self.start, subject)
        subject += f" starting {self.start.isoformat()}"
        require_day("end", self.end, subject)
        if self.end < self.start:
            fail("end", "be on or after start", self.end, subject)
        if not _in_unit_interval(self.extent):
            fail("extent", "be in (0, 1]", self.extent, subject)

    @property
    def days(self) -> int:
        """Calendar days in the period, both ends included.

        Examples:
            >>> SickLeavePeriod(employee_id="e1", start=date(2024, 2, 28), end=date(2024, 3, 1)).days
            3
        """
        return (self.end - self.start).days + 1


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

    employee_id: str
    unit_id: str
    day: date
    hours: float
    kind: ExtraTimeKind

    def __attrs_post_init__(self) -> None:
        if (
            type(self.day) is date
            and _is_number(self.hours)
            and 0 < self.hours < math.inf
            and type(self.kind) is ExtraTimeKind
            and type(self.employee_id) is str
            and type(self.unit_id) is str
            and self.employee_id.strip()
            and self.unit_id.strip()
        ):
            return
        require_text("employee_id", self.employee_id, "extra time")
        subject = f"extra time of employee {self.employee_id!r}"
        require_text("unit_id", self.unit_id, subject)
        require_day("day", self.day, subject)
        subject += f" on {self.day.isoformat()}"
        if not _positive(self.hours):
            fail("hours", "be a finite number > 0", self.hours, subject)
        require_instance("kind", self.kind, ExtraTimeKind, subject)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _in_unit_interval(value: object) -> bool:
    return _is_number(value) and 0 < value <= 1  # type: ignore[operator]


def _positive(value: object) -> bool:
    return _is_number(value) and 0 < value < math.inf  # type: ignore[operator]
