"""The example municipality's staff: careers, forms of employment, sick leave, extra hours, incidents.

Each position (a seat in a unit) is held by one person after another. A
person is permanent (tillsvidare), fixed-term (visstid: contracts of a few
months, renewed, made permanent after two years or ended) or paid by the
hour; permanent staff may move to another unit of their committee, and
leave by resigning or, from 63 on, mostly by retiring.
"""

from __future__ import annotations

import calendar
import random
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Final, NamedTuple

from samcore._example_base import END, HISTORY, START, Workplace, day, poisson
from samcore._incidents import Incident, IncidentKind
from samcore._people import (
    Employee,
    Employment,
    EmploymentType,
    EndReason,
    ExtraTime,
    ExtraTimeKind,
    Gender,
    SickLeavePeriod,
)

_PERMANENT, _FIXED_TERM, _HOURLY = EmploymentType
_TYPES: Final = (_PERMANENT, _FIXED_TERM, _HOURLY)
_TYPE_WEIGHTS: Final = (0.5, 0.42, 0.08)  # of the people hired
_FIRST_WEIGHTS: Final = (0.86, 0.1, 0.04)  # of the people in place when the records begin
_CONTRACT_DAYS: Final = (92, 122, 153, 183, 183, 273, 365)
_CONVERSION_DAYS: Final = 730  # fixed-term contracts of two years in all become permanent
_RETIREMENT_AGES: Final = (62, 63, 64, 65, 66, 67, 68)
_RETIREMENT_WEIGHTS: Final = (4, 10, 12, 32, 26, 11, 5)
_SHORT_LENGTHS: Final = (1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 7, 8, 10, 14)
_CATEGORIES: Final = (
    "hot och våld",
    "fall- och halkolycka",
    "belastning",
    "stickskada",
    "stress",
    "kemiska risker",
)
_CATEGORY_WEIGHTS: Final = {  # by sector, in the order of _CATEGORIES
    "förskola": (3.0, 3.0, 4.0, 0.1, 2.0, 0.5),
    "skola": (5.0, 3.0, 1.0, 0.1, 2.0, 0.2),
    "gymnasium": (3.0, 3.0, 1.0, 0.1, 2.0, 0.3),
    "kontor": (1.0, 3.0, 1.0, 0.0, 3.0, 0.1),
    "kultur": (3.0, 3.0, 2.0, 0.1, 2.0, 0.3),
    "gata": (1.0, 3.0, 3.0, 0.2, 1.0, 2.0),
    "tillsyn": (2.0, 3.0, 1.0, 0.0, 3.0, 0.1),
    "social": (5.0, 2.0, 1.0, 0.2, 3.0, 0.1),
    "omsorg": (4.0, 3.0, 4.0, 1.5, 2.0, 0.5),
}
_YEAR: Final = 365.25


class _Job(NamedTuple):
    unit_id: str
    start: date
    end: date | None
    kind: EmploymentType
    reason: EndReason | None


class People(NamedTuple):
    """The staff records of the example."""

    employees: list[Employee]
    employments: list[Employment]
    sick_leave: list[SickLeavePeriod]


def people(rng: random.Random, workplaces: Sequence[Workplace], size: int) -> People:
    """``size`` positions spread over the workplaces by their committee's share, filled 2000-2024."""
    staffing = _Staffing(rng)
    counts = [0] * len(workplaces)
    weights = [w.committee.share for w in workplaces]
    for index in rng.choices(range(len(workplaces)), weights=weights, k=size):
        counts[index] += 1
    for workplace, count in zip(workplaces, counts, strict=True):
        for _ in range(count):
            staffing.seat(workplace)
    return People(staffing.staff, staffing.jobs, staffing.sick)


def _years_after(born: date, years: float) -> date:
    return born + timedelta(days=int(years * _YEAR))


def _age(born: date, on: date) -> float:
    return (on - born).days / _YEAR


def _month_end_at(born: date, age: int) -> date:
    """The last day of the month in which a person born on ``born`` turns ``age``."""
    year = born.year + age
    return date(year, born.month, calendar.monthrange(year, born.month)[1])


def _after_days_off(end: date) -> date:
    """The day a contract ending on ``end`` is renewed: the next day, or Monday after a Friday."""
    return end + timedelta(days=3 if end.weekday() == calendar.FRIDAY else 1)


class _Staffing:
    """Fills seats with people one after another, drawing from one seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.staff: list[Employee] = []
        self.jobs: list[Employment] = []
        self.sick: list[SickLeavePeriod] = []

    def seat(self, place: Workplace) -> None:
        """One position: its first holder, and a successor after each departure."""
        rng = self.rng
        start = day(rng, date(2000, 1, 1), date(2019, 12, 31))
        # The first holder's age in 2019: staff aged 55-65 outnumber those aged 22-32.
        born = _years_after(HISTORY, -22 - 44 * rng.random() ** 0.7)
        start = max(start, _years_after(born, 19))
        kind = rng.choices(_TYPES, _FIRST_WEIGHTS)[0]
        if kind is not _PERMANENT:  # on a contract or paid by the hour: started recently
            start = max(start, day(rng, date(2018, 1, 1), date(2019, 12, 31)))
        while start <= END:
            held = self._held(place, start, born, kind)
            last = held[-1].end
            if last is None or last >= HISTORY:  # else left before the records begin
                self._person(place, born, held)
            if last is None:
                return
            start = last + timedelta(days=rng.randint(1, 60))
            born = start - timedelta(days=int(rng.triangular(19, 62, 30) * _YEAR))
            kind = self._kind()

    def _kind(self) -> EmploymentType:
        return self.rng.choices(_TYPES, _TYPE_WEIGHTS)[0]

    def _held(self, place: Workplace, start: date, born: date, kind: EmploymentType) -> list[_Job]:
        if kind is _PERMANENT:
            return self._permanent(place, start, born)
        if kind is _FIXED_TERM:
            return self._fixed_term(place, start, born)
        rng = self.rng
        end = start + timedelta(days=int(rng.expovariate(1 / 900)) + 30)
        reason = rng.choices(
            (EndReason.END_OF_CONTRACT, EndReason.RESIGNATION, EndReason.OTHER), (5, 4, 1)
        )[0]
        return [self._last(place.unit_id, start, end, _HOURLY, reason, born)]

    def _permanent(self, place: Workplace, start: date, born: date) -> list[_Job]:
        """Until retirement, notice or another end; with moves to other units of the committee."""
        rng = self.rng
        retires = max(
            _month_end_at(born, rng.choices(_RETIREMENT_AGES, _RETIREMENT_WEIGHTS)[0]),
            start + timedelta(days=365),
        )
        age = _age(born, start)
        quits_rate = 0.08 if age < 30 else 0.035 if age < 50 else 0.015
        quits = start + timedelta(days=int(rng.expovariate(quits_rate / _YEAR)))
        other = start + timedelta(days=int(rng.expovariate(0.004 / _YEAR)))
        leaves = min(retires, quits, other)
        reason = (
            EndReason.RETIREMENT
            if leaves == retires
            else EndReason.RESIGNATION
            if leaves == quits
            else EndReason.OTHER
        )
        held: list[_Job] = []
        seat = place.unit_id
        while True:
            moves = start + timedelta(days=int(rng.expovariate(1 / 12000)) + 30)
            if moves >= leaves or moves >= END:
                held.append(self._last(seat, start, leaves, _PERMANENT, reason, born))
                return held
            held.append(_Job(seat, start, moves, _PERMANENT, None))  # a move, no departure
            seat, start = rng.choice(place.siblings), moves + timedelta(days=1)

    def _fixed_term(self, place: Workplace, start: date, born: date) -> list[_Job]:
        """Contracts of a few months: renewed, made permanent, or left to run out."""
        rng = self.rng
        held: list[_Job] = []
        served = 0
        while True:
            length = rng.choice(_CONTRACT_DAYS)
            end = start + timedelta(days=length - 1)
            if end > END or _age(born, end) >= 66:  # still on contract, or retiring
                last = self._last(
                    place.unit_id, start, end, _FIXED_TERM, EndReason.RETIREMENT, born
                )
                return [*held, last]
            held.append(_Job(place.unit_id, start, end, _FIXED_TERM, EndReason.END_OF_CONTRACT))
            served += length
            roll = rng.random()
            if served >= _CONVERSION_DAYS or roll < 0.15:
                return [*held, *self._permanent(place, end + timedelta(days=1), born)]
            if roll > 0.87:
                return held
            start = _after_days_off(end)

    def _last(
        self,
        unit_id: str,
        start: date,
        end: date,
        kind: EmploymentType,
        reason: EndReason,
        born: date,
    ) -> _Job:
        """The last employment of a person: ongoing past the records, or ended for a reason.

        Most people who leave at 63 or older retire, whatever they stated first.
        """
        if end > END:
            return _Job(unit_id, start, None, kind, None)
        if _age(born, end) >= 63 and reason is not EndReason.OTHER and self.rng.random() < 0.85:
            reason = EndReason.RETIREMENT
        return _Job(unit_id, start, end, kind, reason)

    def _person(self, place: Workplace, born: date, held: list[_Job]) -> None:
        rng = self.rng
        committee = place.committee
        eid = f"p{len(self.staff) + 1:05d}"
        group, group_level = rng.choice(committee.groups)
        woman = rng.random() < committee.women
        gender = Gender.WOMAN if woman else Gender.MAN
        if rng.random() < 0.005:
            gender = Gender.UNSPECIFIED
        self.staff.append(Employee(id=eid, gender=gender, birth_date=born, personnel_group=group))
        fte = rng.choice((1.0, 1.0, 1.0, 0.75, 0.8, 0.5))
        hours = 38.25 if committee.sickness > 1.2 else 40.0
        level = committee.sickness * group_level * (1.1 if woman else 0.75)
        for job in held:
            self.jobs.append(
                Employment(
                    employee_id=eid,
                    unit_id=job.unit_id,
                    start=job.start,
                    end=job.end,
                    fte=rng.choice((0.25, 0.4, 0.5)) if job.kind is _HOURLY else fte,
                    weekly_hours=hours,
                    employment_type=job.kind,
                    end_reason=job.reason,
                )
            )
        level *= 0.5 if held[0].kind is _HOURLY else 1.0
        first = held[0].start
        for job, following in zip(held, [*held[1:], None], strict=True):
            if following is None or job.end is None or following.start > job.end + timedelta(1):
                self._sickness(eid, level, first, job.end or END)
                if following is not None:
                    first = following.start

    def _sickness(self, eid: str, level: float, employed: date, until: date) -> None:
        """Sick periods on a timeline: many short ones, a tail of long ones, some partial."""
        rng = self.rng
        on = max(employed, HISTORY)
        rate = 2.6 * level / 365
        while True:
            on += timedelta(days=int(rng.expovariate(rate)) + 1)
            if on > min(until, END):
                return
            if rng.random() < 0.055 * level:
                length = int(rng.lognormvariate(4.2, 0.8)) + 15
                full = min(length, rng.choice((length, length, 30, 60)))
                self._period(eid, on, full, 1.0, until)
                if full < length:
                    self._period(
                        eid,
                        on + timedelta(days=full),
                        length - full,
                        rng.choice((0.5, 0.25, 0.75)),
                        until,
                    )
                on += timedelta(days=length)
            else:
                length = rng.choice(_SHORT_LENGTHS)
                self._period(eid, on, length, 1.0 if rng.random() < 0.92 else 0.5, until)
                on += timedelta(days=length)

    def _period(self, eid: str, start: date, days: int, extent: float, until: date) -> None:
        """A sick period, cut at the end of the employment and of the records."""
        end = min(start + timedelta(days=days - 1), until, END)
        if start <= end:
            self.sick.append(SickLeavePeriod(employee_id=eid, start=start, end=end, extent=extent))


def extra_time(rng: random.Random, jobs: Sequence[Employment]) -> list[ExtraTime]:
    """Additional hours of part-timers and overtime of full-timers; none for the hourly paid."""
    records = []
    for job in jobs:
        if job.employment_type is _HOURLY:
            continue
        first, last = max(job.start, START), min(job.end or END, END)
        months = max((last - first).days // 30, 0)
        kind = ExtraTimeKind.ADDITIONAL if job.fte < 1 else ExtraTimeKind.OVERTIME
        for _ in range(sum(rng.random() < 0.085 for _ in range(months)) * 2):
            records.append(
                ExtraTime(
                    employee_id=job.employee_id,
                    unit_id=job.unit_id,
                    day=day(rng, first, last),
                    hours=float(rng.randint(1, 7)),
                    kind=kind,
                )
            )
    return records


def incidents(
    rng: random.Random, jobs: Sequence[Employment], sector_of: Mapping[str, str]
) -> list[Incident]:
    """About 0.2 injuries and 0.15 near misses per employee and year, most closed within months.

    The categories follow the work: threats and violence in schools and social care,
    strain in care and preschools, needle-stick injuries in care.
    """
    found: list[Incident] = []
    for job in jobs:
        weights = _CATEGORY_WEIGHTS[sector_of[job.unit_id]]
        first, last = max(job.start, START), min(job.end or END, END)
        if first > last:
            continue
        years = ((last - first).days + 1) / 365.25
        for _ in range(poisson(rng, 0.35 * years)):
            occurred = day(rng, first, last)
            injury = rng.random() < 0.2 / 0.35
            kind = (
                rng.choices(
                    (
                        IncidentKind.ACCIDENT,
                        IncidentKind.COMMUTING_ACCIDENT,
                        IncidentKind.OCCUPATIONAL_DISEASE,
                    ),
                    (0.6, 0.25, 0.15),
                )[0]
                if injury
                else IncidentKind.NEAR_MISS
            )
            reported = min(occurred + timedelta(days=int(rng.expovariate(1 / 3))), END)
            closed = reported + timedelta(days=int(rng.expovariate(1 / 60)))
            found.append(
                Incident(
                    id=f"kia{len(found) + 1:06d}",
                    unit_id=job.unit_id,
                    occurred_on=occurred,
                    kind=kind,
                    reported_on=reported,
                    serious=rng.random() < 0.02,
                    category=rng.choices(_CATEGORIES, weights)[0] if rng.random() < 0.9 else None,
                    closed_on=closed if closed <= END and rng.random() < 0.9 else None,
                )
            )
    return found
