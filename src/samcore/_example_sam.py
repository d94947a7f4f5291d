"""The example municipality's work-environment management: risks, rounds, delegations, answers.

Also the employee surveys, the inspections by Arbetsmiljöverket and the
days reports were handed in. Each function draws one kind of record for
the whole organisation from the generator it is given.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from functools import cache
from typing import Final

from dateutil.relativedelta import relativedelta

from samcore._certification import CERTIFICATION_VALIDITY, Certification
from samcore._checklists import Answer, Checklist, ChecklistItem
from samcore._delegation import Delegation
from samcore._employee_survey import EmployeeSurvey
from samcore._example_base import END, LAST_YEAR, YEARS, Town, day, weekday
from samcore._example_texts import ALL, MANAGERS, RISKS, RiskKind
from samcore._org import OrgUnit
from samcore._people import Employment, EmploymentType
from samcore._plan import Submission
from samcore._questions import QuestionnaireAnswer
from samcore._risks import Measure, MeasureStatus, Risk
from samcore._template import template_for

_INSPECTED: Final = "inspections.inspected"
_RISKS_PER_YEAR: Final = {
    "kommun": (1, 2),
    "förvaltning": (1, 2, 2, 3),
    "avdelning": (0, 1, 1, 2),
    "enhet": (0, 1, 1, 2, 2, 3),
}
_ONWARD: Final = {"förvaltning": 0.25, "avdelning": 0.12, "enhet": 0.06}
_TO_MUNICIPALITY: Final = {"förvaltning": 0.2, "avdelning": 0.1, "enhet": 0.02}
_MANAGER: Final = {
    "kommun": "Kommundirektör",
    "förvaltning": "Förvaltningschef",
    "avdelning": "Avdelningschef",
    "enhet": "Enhetschef",
}
_TOPICS: Final = (
    "fysisk arbetsmiljö",
    "organisatorisk och social arbetsmiljö",
    "hot och våld",
    "ensamarbete",
    "belastningsergonomi",
    "kemiska risker",
)
_DEFECTS: Final = ("new", "unsigned", "expired", "returned", "resources", "early")
_DEFECT_WEIGHTS: Final = (3, 2, 3, 1, 2, 1)
_DEFECT_RATE: Final = {"avdelning": 0.05, "enhet": 0.1}  # above them, every delegation is sound
_APPOINTED_BY: Final = {  # the day each level's manager is appointed by, unless new: chains close
    "nämnd": date(2022, 12, 31),
    "förvaltning": date(2022, 12, 31),
    "avdelning": date(2023, 6, 30),
    "enhet": date(2023, 10, 31),
}
_SUBMITTED: Final = {  # (first day, last day) after the year, level after level; days to present
    "enhet": ((2, 1), (2, 20), (3, 20)),
    "avdelning": ((2, 21), (3, 7), (5, 20)),
    "förvaltning": ((3, 10), (3, 24), (5, 20)),
    "nämnd": ((3, 25), (4, 10), (15, 50)),
    "kommun": ((5, 20), (6, 5), (5, 15)),
}


@cache
def _kinds(level: str, sector: str) -> tuple[RiskKind, ...]:
    """The risks a unit of a level and sector may write down."""
    sectors = {
        "kommun": {MANAGERS},
        "förvaltning": {MANAGERS, ALL},
        "avdelning": {MANAGERS, ALL, sector},
    }.get(level, {ALL, sector})
    return tuple(k for k in RISKS if sectors.intersection(k.sectors))


def risks(rng: random.Random, town: Town) -> list[Risk]:
    """Each unit's risks of the year, with measures that fit them; the committees write none.

    Only risks of level 8 or more that a unit lacks the means to act on are
    reported onward: to the parent, some to the committee, a few to the
    municipality.
    """
    found: list[Risk] = []
    for unit in town.units:
        if unit.level not in _RISKS_PER_YEAR:
            continue
        kinds = _kinds(str(unit.level), town.sector_of.get(unit.id, ""))
        for year in YEARS:
            for kind in rng.sample(kinds, rng.choice(_RISKS_PER_YEAR[str(unit.level)])):
                found.append(_risk(rng, town, unit, kind, year, f"r{len(found) + 1:05d}"))
    return found


def _risk(
    rng: random.Random, town: Town, unit: OrgUnit, kind: RiskKind, year: int, rid: str
) -> Risk:
    identified = day(rng, date(year, 1, 1), date(year, 6, 30))
    probability = rng.randint(*kind.probability)
    consequence = rng.randint(*kind.consequence)
    onward = (
        kind.onward
        and probability * consequence >= 8
        and rng.random() < _ONWARD.get(str(unit.level), 0.0)
    )
    target = None
    if onward:
        roll = rng.random()
        if roll < _TO_MUNICIPALITY[str(unit.level)]:
            target = "kommun"
        elif roll < 0.45 and unit.level != "förvaltning":
            target = town.committee_of[unit.id]
    chosen = rng.sample(kind.measures, rng.randint(1, min(3, len(kind.measures))))
    responsible = _MANAGER[str(unit.level)]
    return Risk(
        id=rid,
        unit_id=unit.id,
        title=kind.title,
        identified_on=identified,
        probability=probability,
        consequence=consequence,
        category=kind.category,
        measures=[
            _measure(rng, title, effect, identified, responsible) for title, effect in chosen
        ],
        reported_onward=onward,
        reported_to=target,
    )


def _measure(
    rng: random.Random, title: str, effect: str, identified: date, responsible: str
) -> Measure:
    """A measure due within a year, its status as the records end: old ones are closed."""
    due = identified + timedelta(days=rng.randint(45, 330))
    roll = rng.random()
    completed = None
    if due.year < LAST_YEAR:
        status = MeasureStatus.DONE if roll < 0.92 else MeasureStatus.CANCELLED
    elif due <= END:
        status = (
            MeasureStatus.DONE
            if roll < 0.82
            else MeasureStatus.CANCELLED
            if roll < 0.87
            else MeasureStatus.IN_PROGRESS
            if roll < 0.96
            else MeasureStatus.PLANNED
        )
    else:
        status = (
            MeasureStatus.DONE
            if roll < 0.15
            else MeasureStatus.IN_PROGRESS
            if roll < 0.7
            else MeasureStatus.PLANNED
        )
    if status is MeasureStatus.DONE:  # around the due day, and by the end of the records
        completed = min(
            max(due + timedelta(days=rng.randint(-60, 20)), identified),
            END - timedelta(days=rng.randint(0, 60)),
        )
    return Measure(
        title=title,
        responsible=responsible,
        due=due,
        status=status,
        completed_on=completed,
        desired_effect=effect,
    )


def checklists(rng: random.Random, town: Town) -> list[Checklist]:
    """One to three safety rounds a year in every workplace."""
    found: list[Checklist] = []
    for place in town.workplaces:
        for year in YEARS:
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
                        unit_id=place.unit_id,
                        topic=topic,
                        performed_on=day(rng, date(year, 2, 1), date(year, 11, 30)),
                        items=items,
                        safety_representative_participated=rng.random() < 0.8,
                    )
                )
    return found


def delegations(rng: random.Random, town: Town) -> tuple[list[Certification], list[Delegation]]:
    """A manager per unit, certified and then given the tasks by the manager above.

    A few delegations of departments and units have a defect: a new manager
    neither certified nor given the tasks in writing yet, a delegation not
    yet signed, a certification not renewed, tasks handed back, too few
    resources, or tasks received before the test.
    """
    certs: list[Certification] = []
    found: list[Delegation] = []
    received = {"kommun": date(2012, 1, 1)}  # when each unit's manager held the tasks
    certs.extend(_renewed(rng, "chef-kommun", date(2015, 3, 2)))
    for unit in town.units[1:]:
        assert unit.parent_id is not None
        manager = f"chef-{unit.id}"
        above = received[unit.parent_id]
        appointed = day(rng, date(2012, 1, 1), _APPOINTED_BY[str(unit.level)])
        certified = appointed + timedelta(days=rng.randint(20, 200))
        signed: date | None = max(certified, above) + timedelta(days=rng.randint(3, 60))
        returned = None
        defect = None
        if rng.random() < _DEFECT_RATE.get(str(unit.level), 0.0):
            defect = rng.choices(_DEFECTS, _DEFECT_WEIGHTS)[0]
        if defect == "new":
            appointed = day(rng, date(LAST_YEAR, 7, 1), date(LAST_YEAR, 11, 30))
            signed = None
        elif defect == "unsigned":
            appointed = day(rng, date(LAST_YEAR, 1, 1), date(LAST_YEAR, 8, 31))
            certs.extend(_renewed(rng, manager, appointed + timedelta(days=45)))
            signed = None
        elif defect == "expired":
            certified = day(rng, date(2016, 1, 1), date(LAST_YEAR - 4, 10, 31))
            certs.append(Certification(person_id=manager, certified_on=certified))
            signed = max(certified, above) + timedelta(days=rng.randint(3, 60))
        elif defect == "early":
            signed = max(appointed, above) + timedelta(days=rng.randint(10, 60))
            certs.extend(_renewed(rng, manager, signed + timedelta(days=90)))
        else:
            certs.extend(_renewed(rng, manager, certified))
        if defect == "returned" and signed is not None:
            returned = day(rng, max(signed, date(LAST_YEAR, 3, 1)), date(LAST_YEAR, 11, 30))
        received[unit.id] = signed or appointed
        found.append(
            Delegation(
                id=f"v-{unit.id}",
                unit_id=unit.id,
                delegator_id=f"chef-{unit.parent_id}",
                delegate_id=manager,
                signed_on=signed,
                returned_on=returned,
                resources=defect != "resources",
                tasks=("rehabilitering", "arbetsmiljöronder"),
            )
        )
    return certs, found


def _renewed(rng: random.Random, person: str, first: date) -> list[Certification]:
    """A certification renewed some weeks before it expires, as long as the records run."""
    taken = []
    while first <= END:
        taken.append(Certification(person_id=person, certified_on=first))
        first = first + CERTIFICATION_VALIDITY - relativedelta(days=rng.randint(10, 120))
    return taken


def inspections(rng: random.Random, town: Town) -> dict[int, frozenset[str]]:
    """The units Arbetsmiljöverket inspected each year: 1-2 % of them, in two to four committees."""
    places: dict[str, list[str]] = {}
    for place in town.workplaces:
        places.setdefault(town.committee_of[place.unit_id], []).append(place.unit_id)
    found = {}
    for year in YEARS:
        chosen = rng.sample(sorted(places), rng.choice((2, 3, 3, 4)))
        total = max(len(chosen), round(len(town.units) * rng.uniform(0.01, 0.02)))
        shares = Counter(chosen + rng.choices(chosen, k=total - len(chosen)))
        found[year] = frozenset(
            uid
            for cid, n in shares.items()
            for uid in rng.sample(places[cid], min(n, len(places[cid])))
        )
    return found


def answers(
    rng: random.Random, town: Town, inspected: Mapping[int, frozenset[str]]
) -> list[QuestionnaireAnswer]:
    """Every unit's answers: yes, but for a few questions in two or three committees a year."""
    found = []
    committees = sorted(set(town.committee_of.values()))
    for year in YEARS:
        questions = [q.id for q in template_for(year).questions]
        asked = [q for q in questions if q != _INSPECTED]
        troubled = {  # the questions a committee's units have doubts about, and how often
            cid: (frozenset(rng.sample(asked, rng.randint(1, 3))), rng.uniform(0.05, 0.2))
            for cid in rng.sample(committees, rng.choice((2, 3)))
        }
        for unit in town.units:
            doubts, share = troubled.get(town.committee_of.get(unit.id, ""), (frozenset(), 0.0))
            for question in questions:
                answer = Answer.YES
                if question == _INSPECTED:
                    answer = Answer.YES if unit.id in inspected[year] else Answer.NO
                elif question in doubts and unit.level == "enhet" and rng.random() < share:
                    answer = rng.choice((Answer.NO, Answer.PARTLY, Answer.PARTLY))
                found.append(
                    QuestionnaireAnswer(
                        unit_id=unit.id, year=year, question_id=question, answer=answer
                    )
                )
    return found


def employee_surveys(
    rng: random.Random, town: Town, jobs: Sequence[Employment]
) -> list[EmployeeSurvey]:
    """The autumn survey of every workplace from 2021: the staff on the payroll are invited."""
    level = {p.unit_id: rng.gauss(72, 4.5) for p in town.workplaces}
    found = []
    for year in range(2021, LAST_YEAR + 1):
        on = date(year, 9, 15)
        staff = Counter(
            j.unit_id
            for j in jobs
            if j.start <= on
            and (j.end is None or on <= j.end)
            and j.employment_type is not EmploymentType.HOURLY
        )
        for place in town.workplaces:
            invited = staff[place.unit_id]
            if not invited:
                continue
            answered = round(invited * min(max(rng.gauss(0.83, 0.05), 0.65), 0.97))
            mean = round(min(max(level[place.unit_id] + rng.gauss(0, 2.0), 40.0), 95.0), 1)
            found.append(
                EmployeeSurvey(
                    unit_id=place.unit_id,
                    year=year,
                    invited=invited,
                    respondents=answered,
                    index_total=mean * answered,
                )
            )
    return found


def submissions(rng: random.Random, town: Town) -> list[Submission]:
    """Reports handed in level by level in the spring after the year; a few of the last are drafts."""
    found = []
    enheter = [u.id for u in town.units if u.level == "enhet"]
    for year in YEARS:
        drafts = set(rng.sample(enheter, rng.randint(4, 7))) if year == LAST_YEAR else set()
        for unit in town.units:
            if unit.id in drafts:
                continue
            (m1, d1), (m2, d2), (lo, hi) = _SUBMITTED[str(unit.level)]
            handed = weekday(rng, date(year + 1, m1, d1), date(year + 1, m2, d2))
            presented = weekday(rng, handed + timedelta(days=lo), handed + timedelta(days=hi))
            found.append(
                Submission(unit_id=unit.id, year=year, submitted_on=handed, presented_on=presented)
            )
    return found
