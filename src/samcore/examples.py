"""A deterministic synthetic municipality, shaped like the source reports, for demos and tests.

Nothing here describes real people: names of units are made up, employees
are pseudonymous ids with drawn genders and birth dates, and every figure
comes from a seeded random generator, so the same arguments always give
the same dataset.

Examples:
    >>> from samcore.examples import municipality
    >>> data = municipality(employees=300)
    >>> data.org.root.name, len(data.org.children(data.org.root.id))
    ('Exempelkommunen', 9)
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta
from typing import Final, NamedTuple

from samcore._certification import Certification
from samcore._check import int_in, require
from samcore._checklists import Answer, Checklist, ChecklistItem
from samcore._dataset import Dataset
from samcore._delegation import Delegation
from samcore._incidents import Incident, IncidentKind
from samcore._org import OrgTree, OrgUnit
from samcore._people import Employee, Employment, ExtraTime, ExtraTimeKind, Gender, SickLeavePeriod
from samcore._questions import QuestionnaireAnswer
from samcore._risks import Measure, MeasureStatus, Risk
from samcore._template import QUESTIONS, QUESTIONS_2023
from samcore._time import Window

__all__ = ["FIRST_YEAR", "LAST_YEAR", "municipality"]

FIRST_YEAR: Final = 2020
"""The first year with records."""
LAST_YEAR: Final = 2024
"""The last full year with records: the demo reports on it."""

_START = date(FIRST_YEAR, 1, 1)
_END = date(LAST_YEAR, 12, 31)
_HISTORY = date(FIRST_YEAR - 1, 10, 1)  # sick spells start before the first year


class _Committee(NamedTuple):
    name: str
    administration: str
    share: float  # of all employees
    women: float  # share of women
    sickness: float  # relative sick-leave level
    unit_word: str


_COMMITTEES: Final = (
    _Committee("Förskolenämnden", "Förskoleförvaltningen", 0.20, 0.92, 1.25, "Förskolan"),
    _Committee("Grundskolenämnden", "Grundskoleförvaltningen", 0.30, 0.75, 1.0, "Skolan"),
    _Committee(
        "Gymnasie- och arbetsmarknadsnämnden",
        "Gymnasie- och arbetsmarknadsförvaltningen",
        0.07,
        0.6,
        0.7,
        "Enheten",
    ),
    _Committee("Kommunstyrelsen", "Kommunstyrelsens förvaltning", 0.08, 0.65, 0.6, "Sektionen"),
    _Committee(
        "Kultur- och fritidsnämnden", "Kultur- och fritidsförvaltningen", 0.04, 0.6, 0.75, "Enheten"
    ),
    _Committee(
        "Natur- och stadsmiljönämnden",
        "Natur- och stadsmiljöförvaltningen",
        0.04,
        0.45,
        0.8,
        "Enheten",
    ),
    _Committee(
        "Bygglovs- och tillsynsnämnden",
        "Bygglovs- och tillsynsförvaltningen",
        0.015,
        0.55,
        0.8,
        "Enheten",
    ),
    _Committee("Socialnämnden", "Socialförvaltningen", 0.09, 0.8, 0.95, "Enheten"),
    _Committee(
        "Vård- och omsorgsnämnden", "Vård- och omsorgsförvaltningen", 0.165, 0.85, 1.3, "Boendet"
    ),
)
_PLACES: Final = (
    "Björken",
    "Eken",
    "Linden",
    "Lönnen",
    "Rönnen",
    "Aspen",
    "Granen",
    "Tallen",
    "Almen",
    "Hasseln",
    "Sälgen",
    "Viden",
    "Solrosen",
    "Blåklinten",
    "Vitsippan",
    "Kastanjen",
    "Måsen",
    "Tranan",
    "Svalan",
    "Lärkan",
    "Ugglan",
    "Ekorren",
    "Igelkotten",
    "Bävern",
)
_CATEGORIES: Final = (
    "hot och våld",
    "fall- och halkolycka",
    "belastning",
    "stickskada",
    "stress",
    "kemiska risker",
)
_RISKS: Final = (
    ("Hög arbetsbelastning", "OSA"),
    ("Hot och våld från brukare", "hot och våld"),
    ("Arbetsrelaterad utmattning", "OSA"),
    ("Bristande ventilation i lokalerna", "fysisk"),
    ("Tunga lyft", "belastningsergonomi"),
    ("Ensamarbete kvällstid", "ensamarbete"),
    ("Buller", "fysisk"),
    ("Otydliga roller", "OSA"),
)
_MEASURES: Final = (
    "Översyn av bemanningen",
    "Utbildning i hot och våld",
    "Ny rutin för ensamarbete",
    "Ergonomisk genomgång",
    "Kommunikation kring förändringar",
    "Gemensamma prioriteringar",
    "Byte av ventilationsaggregat",
    "Larm till all personal",
    "Stödsamtal med företagshälsovården",
)
_TOPICS: Final = (
    "fysisk arbetsmiljö",
    "organisatorisk och social arbetsmiljö",
    "hot och våld",
    "ensamarbete",
    "belastningsergonomi",
    "kemiska risker",
)
# Personnel groups of each committee with their relative sick-leave level.
_GROUPS: Final = {
    "Förskolenämnden": (("Barnskötare", 1.2), ("Förskollärare", 0.95), ("Kock", 1.0)),
    "Grundskolenämnden": (("Lärare", 0.9), ("Fritidspedagog", 1.1), ("Elevassistent", 1.2)),
    "Socialnämnden": (("Socialsekreterare", 1.0), ("Stödpedagog", 1.5), ("Boendestödjare", 1.2)),
    "Vård- och omsorgsnämnden": (
        ("Undersköterska", 1.1),
        ("Vårdbiträde", 1.4),
        ("Sjuksköterska", 0.8),
    ),
}
_OFFICE: Final = (("Handläggare", 0.9), ("Administratör", 1.0), ("Ingenjör", 0.7))
_SHORT_LENGTHS: Final = (1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 7, 8, 10, 14)


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max((last - first).days, 0)))


class _Builder:
    """Draws the records one kind at a time from one seeded generator."""

    def __init__(self, seed: int, employees: int) -> None:
        self.rng = random.Random(seed)
        self.size = employees
        self.units: list[OrgUnit] = []
        self.workplaces: list[tuple[str, _Committee, list[str]]] = []  # unit, committee, siblings
        self.staff: list[Employee] = []
        self.jobs: list[Employment] = []
        self.sick: list[SickLeavePeriod] = []

    def organisation(self) -> None:
        self.units.append(OrgUnit(id="kommun", name="Exempelkommunen", level="kommun"))
        for i, c in enumerate(_COMMITTEES, start=1):
            committee, admin = f"n{i}", f"f{i}"
            self.units.append(OrgUnit(id=committee, name=c.name, parent_id="kommun", level="nämnd"))
            self.units.append(
                OrgUnit(id=admin, name=c.administration, parent_id=committee, level="förvaltning")
            )
            leaves = max(1, round(self.size * c.share / 16))
            departments = max(1, math.ceil(leaves / 6))
            ids: list[str] = []
            for d in range(1, departments + 1):
                dep = f"{admin}.a{d}"
                self.units.append(
                    OrgUnit(
                        id=dep,
                        name=f"{c.administration.split()[0]} avdelning {d}",
                        parent_id=admin,
                        level="avdelning",
                    )
                )
                for k in range(1, leaves // departments + (d <= leaves % departments) + 1):
                    uid = f"{dep}.e{k}"
                    place = _PLACES[(d * 7 + k) % len(_PLACES)]
                    self.units.append(
                        OrgUnit(
                            id=uid,
                            name=f"{c.unit_word} {place} {d}.{k}",
                            parent_id=dep,
                            level="enhet",
                        )
                    )
                    ids.append(uid)
            self.workplaces.extend((uid, c, ids) for uid in ids)

    def people(self) -> None:
        rng = self.rng
        weights = [c.share for _, c, _ in self.workplaces]
        counts = [0] * len(self.workplaces)
        for index in rng.choices(range(len(self.workplaces)), weights=weights, k=self.size):
            counts[index] += 1
        for (unit, committee, siblings), count in zip(self.workplaces, counts, strict=True):
            for _ in range(count):
                start = _day(rng, date(2000, 1, 1), date(2019, 12, 31))
                self._career(unit, committee, siblings, start)

    def _career(self, unit: str, committee: _Committee, siblings: list[str], start: date) -> None:
        """One seat: an employee, transfers, and a successor after each departure."""
        rng = self.rng
        while start <= _END:
            stays = start + timedelta(days=int(rng.expovariate(1 / 3300)) + 30)
            if stays < _HISTORY:  # left before the records begin: nobody to describe
                start = stays + timedelta(days=rng.randint(1, 60))
                continue
            eid = f"p{len(self.staff) + 1:05d}"
            group, group_level = rng.choice(_GROUPS.get(committee.name, _OFFICE))
            level = committee.sickness * group_level
            woman = rng.random() < committee.women
            gender = Gender.WOMAN if woman else Gender.MAN
            if rng.random() < 0.005:
                gender = Gender.UNSPECIFIED
            self.staff.append(
                Employee(
                    id=eid,
                    gender=gender,
                    # Nobody starts work before 18: no employment precedes its employee's birth.
                    birth_date=min(
                        _day(rng, date(1958, 1, 1), date(2002, 12, 31)),
                        date(start.year - 18, start.month, min(start.day, 28)),
                    ),
                    personnel_group=group,
                )
            )
            fte = rng.choice((1.0, 1.0, 1.0, 0.75, 0.8, 0.5))
            hours = 38.25 if committee.sickness > 1.2 else 40.0
            seat = unit
            begun = start
            while True:
                moves = begun + timedelta(days=int(rng.expovariate(1 / 12000)) + 30)
                end = min(stays, moves)
                if end > _END:
                    self.jobs.append(
                        Employment(
                            employee_id=eid, unit_id=seat, start=begun, fte=fte, weekly_hours=hours
                        )
                    )
                    self._sickness(eid, level * (1.1 if woman else 0.75), begun, _END)
                    return
                self.jobs.append(
                    Employment(
                        employee_id=eid,
                        unit_id=seat,
                        start=begun,
                        end=end,
                        fte=fte,
                        weekly_hours=hours,
                    )
                )
                if end == stays:
                    break
                seat, begun = rng.choice(siblings), end + timedelta(days=1)
            self._sickness(eid, level * (1.1 if woman else 0.75), start, stays)
            start = stays + timedelta(days=rng.randint(1, 60))

    def _sickness(self, eid: str, level: float, employed: date, until: date) -> None:
        """Sick periods on a timeline: many short ones, a tail of long ones, some partial."""
        rng = self.rng
        day = max(employed, _HISTORY)
        rate = 2.6 * level / 365
        while True:
            day += timedelta(days=int(rng.expovariate(rate)) + 1)
            if day > min(until, _END):
                return
            if rng.random() < 0.055 * level:
                length = int(rng.lognormvariate(4.2, 0.8)) + 15
                full = min(length, rng.choice((length, length, 30, 60)))
                self._period(eid, day, full, 1.0, until)
                if full < length:
                    self._period(
                        eid,
                        day + timedelta(days=full),
                        length - full,
                        rng.choice((0.5, 0.25, 0.75)),
                        until,
                    )
                day += timedelta(days=length)
            else:
                length = rng.choice(_SHORT_LENGTHS)
                self._period(eid, day, length, 1.0 if rng.random() < 0.92 else 0.5, until)
                day += timedelta(days=length)

    def _period(self, eid: str, start: date, days: int, extent: float, until: date) -> None:
        """A sick period, cut at the end of the employment and of the records."""
        end = min(start + timedelta(days=days - 1), until, _END)
        if start <= end:
            self.sick.append(SickLeavePeriod(employee_id=eid, start=start, end=end, extent=extent))

    def extra_time(self) -> list[ExtraTime]:
        rng = self.rng
        records = []
        for job in self.jobs:
            first, last = max(job.start, _START), min(job.end or _END, _END)
            months = max((last - first).days // 30, 0)
            kind = ExtraTimeKind.ADDITIONAL if job.fte < 1 else ExtraTimeKind.OVERTIME
            for _ in range(sum(rng.random() < 0.085 for _ in range(months)) * 2):
                records.append(
                    ExtraTime(
                        employee_id=job.employee_id,
                        unit_id=job.unit_id,
                        day=_day(rng, first, last),
                        hours=float(rng.randint(1, 7)),
                        kind=kind,
                    )
                )
        return records

    def incidents(self) -> list[Incident]:
        rng = self.rng
        found: list[Incident] = []
        for job in self.jobs:
            first, last = max(job.start, _START), min(job.end or _END, _END)
            if first > last:
                continue
            years = ((last - first).days + 1) / 365.25
            for _ in range(_poisson(rng, 0.35 * years)):
                occurred = _day(rng, first, last)
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
                reported = min(occurred + timedelta(days=int(rng.expovariate(1 / 3))), _END)
                closed = reported + timedelta(days=int(rng.expovariate(1 / 60)))
                found.append(
                    Incident(
                        id=f"kia{len(found) + 1:06d}",
                        unit_id=job.unit_id,
                        occurred_on=occurred,
                        kind=kind,
                        reported_on=reported,
                        serious=rng.random() < 0.02,
                        category=rng.choice(_CATEGORIES) if rng.random() < 0.9 else None,
                        closed_on=closed if closed <= _END and rng.random() < 0.9 else None,
                    )
                )
        return found

    def risks(self) -> list[Risk]:
        rng = self.rng
        found: list[Risk] = []
        for unit in self.units:
            for year in range(FIRST_YEAR, LAST_YEAR + 1):
                for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
                    title, category = rng.choice(_RISKS)
                    identified = _day(rng, date(year, 1, 1), date(year, 6, 30))
                    measures = [self._measure(identified) for _ in range(rng.randint(1, 3))]
                    found.append(
                        Risk(
                            id=f"r{len(found) + 1:05d}",
                            unit_id=unit.id,
                            title=title,
                            identified_on=identified,
                            probability=rng.randint(1, 5),
                            consequence=rng.randint(2, 5),
                            category=category,
                            measures=measures,
                            reported_onward=unit.parent_id is not None and rng.random() < 0.08,
                        )
                    )
        return found

    def _measure(self, identified: date) -> Measure:
        rng = self.rng
        due = identified + timedelta(days=rng.randint(30, 400))
        done = due + timedelta(days=rng.randint(-60, 40))
        roll = rng.random() * (1.0 if due <= date(LAST_YEAR, 6, 30) else 1.8)
        if roll < 0.85 and done <= _END:
            status, completed = MeasureStatus.DONE, max(done, identified)
        elif roll < 0.95:
            status, completed = MeasureStatus.CANCELLED, None
        else:
            status, completed = rng.choice((MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS)), None
        return Measure(
            title=rng.choice(_MEASURES),
            responsible=rng.choice(("Enhetschef", "Avdelningschef", "Förvaltningschef")),
            due=due,
            status=status,
            completed_on=completed,
            desired_effect="Minskad risk för ohälsa",
        )

    def checklists(self) -> list[Checklist]:
        rng = self.rng
        found: list[Checklist] = []
        for uid, _, _ in self.workplaces:
            for year in range(FIRST_YEAR, LAST_YEAR + 1):
                for topic in rng.sample(_TOPICS, rng.randint(1, 3)):
                    items = [
                        ChecklistItem(
                            question=f"Fråga {q} om {topic}",
                            answer=rng.choices(tuple(Answer), (0.8, 0.07, 0.1, 0.03))[0],
                        )
                        for q in range(1, 6)
                    ]
                    found.append(
                        Checklist(
                            id=f"c{len(found) + 1:05d}",
                            unit_id=uid,
                            topic=topic,
                            performed_on=_day(rng, date(year, 2, 1), date(year, 11, 30)),
                            items=items,
                            safety_representative_participated=rng.random() < 0.8,
                        )
                    )
        return found

    def delegations(self) -> tuple[list[Certification], list[Delegation]]:
        rng = self.rng
        certs: list[Certification] = []
        found: list[Delegation] = []
        for unit in self.units:
            manager = f"chef-{unit.id}"
            if rng.random() < 0.95:  # some of these have lapsed by the end of 2024
                first = date(2016, 1, 1) if rng.random() < 0.15 else date(2021, 1, 1)
                certs.append(Certification(person_id=manager, certified_on=_day(rng, first, _END)))
            if unit.parent_id is None:
                continue
            signed = rng.random() < 0.95
            found.append(
                Delegation(
                    id=f"v-{unit.id}",
                    unit_id=unit.id,
                    delegator_id=f"chef-{unit.parent_id}",
                    delegate_id=manager,
                    signed_on=_day(rng, date(2018, 1, 1), date(2023, 12, 31)) if signed else None,
                    returned_on=date(2024, 10, 1) if signed and rng.random() < 0.01 else None,
                    resources=rng.random() > 0.02,
                    tasks=("rehabilitering", "arbetsmiljöronder"),
                )
            )
        return certs, found

    def answers(self) -> list[QuestionnaireAnswer]:
        rng = self.rng
        found = []
        for unit in self.units:
            for year in range(FIRST_YEAR, LAST_YEAR + 1):
                for question in QUESTIONS if year >= 2024 else QUESTIONS_2023:
                    answer = rng.choices(
                        (Answer.YES, Answer.NO, Answer.PARTLY), (0.85, 0.07, 0.08)
                    )[0]
                    found.append(
                        QuestionnaireAnswer(
                            unit_id=unit.id, year=year, question_id=question.id, answer=answer
                        )
                    )
        return found


def _poisson(rng: random.Random, mean: float) -> int:
    count, total = 0, rng.expovariate(1.0)
    while total < mean:
        count += 1
        total += rng.expovariate(1.0)
    return count


def municipality(*, seed: int = 0, employees: int = 6000) -> Dataset:
    """A synthetic municipality: nine committees, about 450 units in five levels for 6,000 employees.

    Five years of records (2020-2024, sick spells from late 2019): employments
    with turnover and transfers, sick leave around 7-8 % (about 3 % short),
    extra hours, incidents (about 0.2 injuries and 0.15 near misses per
    employee and year), risks with measures (some reported onward), safety
    rounds, certifications and delegations (some expired, some unsigned) down
    from the municipality's own manager (``delegation_top``), and an answer
    from every unit to every question of each year's template.

    Args:
        seed: the same seed always gives the same dataset.
        employees: how many positions; units scale with it.

    Examples:
        >>> data = municipality(employees=200, seed=1)
        >>> data == municipality(employees=200, seed=1), len(data.employees) >= 200
        (True, True)
    """
    require("employees", employees, int_in(1), "the example municipality")
    b = _Builder(seed, employees)
    b.organisation()
    b.people()
    certifications, delegations = b.delegations()
    return Dataset(
        org=OrgTree.from_units(b.units),
        employees=b.staff,
        employments=b.jobs,
        sick_leave=b.sick,
        extra_time=b.extra_time(),
        incidents=b.incidents(),
        risks=b.risks(),
        checklists=b.checklists(),
        certifications=certifications,
        delegations=delegations,
        delegation_top={"chef-kommun"},
        answers=b.answers(),
        covers=Window(start=_START, end=_END),
    )


def __dir__() -> list[str]:
    """Show only the public names (``dir(module)``), not the imports behind them."""
    return list(__all__)
