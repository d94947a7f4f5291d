"""What a dataset holds that no figure will count: sick days and extra hours outside employment.

Every metric counts hours only on days with an active employment, so some
records of a consistent dataset still fall through without a word. The
diagnostics list them for the back office. Days are counted by interval
overlap, never one by one.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date
from typing import ClassVar

import attrs

from samcore._check import instance_of, items, non_blank, optional, tuple_of
from samcore._frozen import to_tuple
from samcore._incidents import Incident
from samcore._people import Employee, Employment, ExtraTime, SickLeavePeriod
from samcore._time import Span, Window, join_spans

__all__ = ["Diagnostics", "UncoveredSickDays", "diagnose"]

_ONGOING = date.max.toordinal()


@attrs.frozen(kw_only=True)
class UncoveredSickDays:
    """One employee's sick days that fall outside every employment of theirs.

    ``spans`` are the day ranges, in order, touching ranges joined; no
    sick-leave figure counts them, because a day without employment has no
    scheduled hours.

    Examples:
        >>> from datetime import date
        >>> from samcore import Window
        >>> u = UncoveredSickDays(employee_id="e1", spans=[Window(start=date(2024, 3, 1), end=date(2024, 3, 4))])
        >>> u.days
        4
    """

    employee_id: str = attrs.field(validator=non_blank())
    spans: tuple[Window, ...] = attrs.field(converter=to_tuple, validator=tuple_of(Window))

    _subject: ClassVar[str] = "uncovered sick days"

    @property
    def days(self) -> int:
        """The number of calendar days in the spans.

        Examples:
            >>> from datetime import date
            >>> from samcore import Window
            >>> UncoveredSickDays(employee_id="e1", spans=[
            ...     Window(start=date(2024, 1, 1), end=date(2024, 1, 2)),
            ...     Window(start=date(2024, 2, 1), end=date(2024, 2, 1))]).days
            3
        """
        return sum(span.days for span in self.spans)


@attrs.frozen(kw_only=True)
class Diagnostics:
    """What a dataset holds that no metric counts: back-office information, never for publication.

    It names employee ids next to sick days, which is personal health data;
    it is meant for whoever keeps the HR export right, never for a report,
    a public JSON form or a plot. Get it from :meth:`Dataset.diagnostics`.

    - ``uncovered_sick_days``: per employee (by id), the sick days outside
      every employment of theirs; sick-leave figures do not count them.
    - ``employees_without_employment``: ids (sorted) of employees with no
      employment at all; they appear in no figure.
    - ``extra_time_outside_employment``: extra-time records, in dataset
      order, booked to a unit where the person has no employment active on
      that day; ``extra_time`` counts them all the same, but no headcount
      or scheduled hour stands behind them.
    - ``span``: the first and last day named by an employment (start, and
      end unless ongoing), a sick-leave period, an extra-time record or an
      incident (occurred, reported, closed); ``None`` for a dataset without
      such records.

    Examples:
        >>> from datetime import date
        >>> from samcore import Dataset, Employee, Employment, Gender, OrgTree, OrgUnit, SickLeavePeriod
        >>> data = Dataset(
        ...     org=OrgTree.from_units([OrgUnit(id="k", name="Kommunen")]),
        ...     employees=[Employee(id="e1", gender=Gender.WOMAN), Employee(id="e2", gender=Gender.MAN)],
        ...     employments=[Employment(employee_id="e1", unit_id="k", start=date(2024, 1, 1),
        ...                             end=date(2024, 6, 30))],
        ...     sick_leave=[SickLeavePeriod(employee_id="e1", start=date(2024, 6, 25), end=date(2024, 7, 3))])
        >>> found = data.diagnostics()
        >>> [(u.employee_id, u.days) for u in found.uncovered_sick_days]
        [('e1', 3)]
        >>> found.employees_without_employment, found.is_clean
        (('e2',), False)
        >>> found.span
        Window(start=datetime.date(2024, 1, 1), end=datetime.date(2024, 7, 3))
    """

    uncovered_sick_days: tuple[UncoveredSickDays, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(UncoveredSickDays)
    )
    employees_without_employment: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items(non_blank(), "be a tuple of employee ids")
    )
    extra_time_outside_employment: tuple[ExtraTime, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(ExtraTime)
    )
    span: Window | None = attrs.field(default=None, validator=optional(instance_of(Window)))

    _subject: ClassVar[str] = "diagnostics"

    @property
    def is_clean(self) -> bool:
        """Whether every record counts: no uncovered sick days, idle employees or stray extra time.

        Examples:
            >>> Diagnostics().is_clean
            True
        """
        return not (
            self.uncovered_sick_days
            or self.employees_without_employment
            or self.extra_time_outside_employment
        )


def diagnose(
    employees: Iterable[Employee],
    employments: Iterable[Employment],
    sick_leave: Iterable[SickLeavePeriod],
    extra_time: Iterable[ExtraTime],
    incidents: Iterable[Incident],
) -> Diagnostics:
    """The diagnostics of consistent records (no sick periods of one employee overlap)."""
    employments = tuple(employments)
    sick_leave = tuple(sick_leave)
    extra_time = tuple(extra_time)
    incidents = tuple(incidents)
    jobs: dict[str, list[Span]] = {}
    seats: dict[tuple[str, str], list[Span]] = {}
    for job in employments:
        span = (job.start.toordinal(), _ONGOING if job.end is None else job.end.toordinal())
        jobs.setdefault(job.employee_id, []).append(span)
        seats.setdefault((job.employee_id, job.unit_id), []).append(span)
    cover = {employee_id: join_spans(spans) for employee_id, spans in jobs.items()}
    sick: dict[str, list[Span]] = {}
    for period in sick_leave:
        sick.setdefault(period.employee_id, []).append(
            (period.start.toordinal(), period.end.toordinal())
        )
    uncovered = []
    for employee_id in sorted(sick):
        gaps = join_spans(_outside(sorted(sick[employee_id]), cover.get(employee_id, [])))
        if gaps:
            spans = [Window(start=date.fromordinal(a), end=date.fromordinal(b)) for a, b in gaps]
            uncovered.append(UncoveredSickDays(employee_id=employee_id, spans=spans))
    merged_seats = {seat: join_spans(spans) for seat, spans in seats.items()}
    starts = {seat: [a for a, _ in spans] for seat, spans in merged_seats.items()}
    stray = [
        record
        for record in extra_time
        if not _covers(
            starts.get((record.employee_id, record.unit_id), []),
            merged_seats.get((record.employee_id, record.unit_id), []),
            record.day.toordinal(),
        )
    ]
    return Diagnostics(
        uncovered_sick_days=uncovered,
        employees_without_employment=sorted({e.id for e in employees} - jobs.keys()),
        extra_time_outside_employment=stray,
        span=_span(employments, sick_leave, extra_time, incidents),
    )


def _outside(periods: list[Span], cover: list[Span]) -> list[Span]:
    """The parts of sorted periods outside disjoint sorted cover spans, by a single sweep."""
    gaps: list[Span] = []
    first = 0  # first cover span that may still meet a period
    for start, end in periods:
        while first < len(cover) and cover[first][1] < start:
            first += 1
        cursor = start
        k = first
        while k < len(cover) and cover[k][0] <= end and cursor <= end:
            if cover[k][0] > cursor:
                gaps.append((cursor, cover[k][0] - 1))
            cursor = max(cursor, cover[k][1] + 1)
            k += 1
        if cursor <= end:
            gaps.append((cursor, end))
    return gaps


def _covers(starts: list[int], spans: list[Span], day: int) -> bool:
    """Whether a day lies in one of disjoint sorted spans (``starts`` their first days)."""
    k = bisect_right(starts, day) - 1
    return k >= 0 and spans[k][1] >= day


def _span(
    employments: tuple[Employment, ...],
    sick_leave: tuple[SickLeavePeriod, ...],
    extra_time: tuple[ExtraTime, ...],
    incidents: tuple[Incident, ...],
) -> Window | None:
    days: list[date] = []
    for job in employments:
        days.append(job.start)
        if job.end is not None:
            days.append(job.end)
    for period in sick_leave:
        days.extend((period.start, period.end))
    days.extend(record.day for record in extra_time)
    for incident in incidents:
        days.extend((incident.occurred_on, incident.reported_on))
        if incident.closed_on is not None:
            days.append(incident.closed_on)
    if not days:
        return None
    return Window(start=min(days), end=max(days))
