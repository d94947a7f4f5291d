"""Whether a person stays employed after an employment ends: renewals and moves are no departure.

Municipalities count as external turnover the people who left the employer
altogether. A fixed-term contract renewed after a weekend, or a move to
another unit, ends one employment without ending the person's employment
with the employer. This module finds, for the day an employment ends, the
first day after it on which the same person is employed again, and says
whether the days between count as a break.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Final

from samcore._people import Employment
from samcore._schedule import WorkingDays

__all__ = ["LONGEST_DAYS_OFF", "NextEmployment", "continues"]

_DAY: Final = timedelta(days=1)

_WORKING_DAYS: Final = WorkingDays()
"""Monday to Friday but Swedish public holidays and the midsummer, Christmas and New Year eves."""

LONGEST_DAYS_OFF: Final = 5
"""The most days off in a row in the Swedish calendar, years 1 to 9999 (Saturday 22 to
Wednesday 26 December when Christmas Eve is a Monday): a longer gap holds a working day."""


class NextEmployment:
    """One person's employments, asked when the person is next employed after a day.

    Built once per person from the employments in start order (as
    ``index_employments`` gives them); each question then costs a binary
    search, so a person's employments are never compared pairwise.

    Examples:
        >>> jobs = [Employment(employee_id="e", unit_id="u", start=date(2024, 1, 1), end=date(2024, 3, 31)),
        ...         Employment(employee_id="e", unit_id="v", start=date(2024, 2, 1), end=date(2024, 5, 31)),
        ...         Employment(employee_id="e", unit_id="u", start=date(2024, 8, 19), end=date(2024, 12, 31))]
        >>> after = NextEmployment(jobs)
        >>> after(date(2024, 3, 31)), after(date(2024, 5, 31)), after(date(2024, 12, 31))
        (datetime.date(2024, 4, 1), datetime.date(2024, 8, 19), None)
    """

    __slots__ = ("_reach", "_starts")

    def __init__(self, held: Sequence[Employment]) -> None:
        self._starts = [job.start for job in held]
        # The last day of employment among the first i + 1 employments (date.max: ongoing).
        self._reach = list(itertools.accumulate((job.end or date.max for job in held), max))

    def __call__(self, day: date) -> date | None:
        """The first day after ``day`` on which one of the employments is active, if any."""
        started = bisect.bisect_right(self._starts, day)
        if started and self._reach[started - 1] > day:
            return day + _DAY
        return self._starts[started] if started < len(self._starts) else None


def continues(end: date, resumed: date | None, gap_days: int | None) -> bool:
    """Whether employment resumed on ``resumed`` carries on one that ended on ``end``.

    With ``gap_days`` ``None`` the days between must all be days off
    (weekends, public holidays and the three eves, as :class:`WorkingDays`
    has them); with a number, at most that many calendar days may lie
    between. Nothing resumed (``None``) is a departure.

    Examples:
        >>> friday, monday = date(2024, 5, 3), date(2024, 5, 6)
        >>> continues(friday, monday, None), continues(friday, monday, 1), continues(friday, None, 9)
        (True, False, False)
    """
    if resumed is None:
        return False
    between = (resumed - end).days - 1
    if gap_days is not None:
        return between <= gap_days
    if between > LONGEST_DAYS_OFF:
        return False
    return between == 0 or _WORKING_DAYS.days(end + _DAY, resumed - _DAY) == 0
