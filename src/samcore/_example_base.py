"""The example municipality's calendar, committees and organisation tree.

Shared by the modules that draw the example's records (see
:mod:`samcore.examples`): nothing here draws a person or a figure.
"""

from __future__ import annotations

import calendar
import math
import random
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Final, NamedTuple

from samcore._org import OrgUnit

FIRST_YEAR: Final = 2020
LAST_YEAR: Final = 2024
START: Final = date(FIRST_YEAR, 1, 1)
END: Final = date(LAST_YEAR, 12, 31)
HISTORY: Final = date(FIRST_YEAR - 1, 10, 1)  # sick spells start before the first year
YEARS: Final = range(FIRST_YEAR, LAST_YEAR + 1)
STAFF_PER_UNIT: Final = 16


def day(rng: random.Random, first: date, last: date) -> date:
    """A day drawn evenly from ``first`` to ``last`` (``first`` when ``last`` comes before it)."""
    return first + timedelta(days=rng.randint(0, max((last - first).days, 0)))


def weekday(rng: random.Random, first: date, last: date) -> date:
    """A day from Monday to Friday drawn evenly from ``first`` to ``last`` (two days or more apart)."""
    while True:
        drawn = day(rng, first, last)
        if drawn.weekday() < calendar.SATURDAY:
            return drawn


def poisson(rng: random.Random, mean: float) -> int:
    """A count drawn from the Poisson distribution of the mean."""
    count, total = 0, rng.expovariate(1.0)
    while total < mean:
        count += 1
        total += rng.expovariate(1.0)
    return count


class Committee(NamedTuple):
    """A committee (nämnd) with its administration and the traits of its staff."""

    name: str
    administration: str
    share: float  # of all employees
    women: float  # share of women
    sickness: float  # relative sick-leave level
    unit_word: str
    sector: str  # which risks its workplaces meet (see _example_texts.RISKS)
    groups: tuple[tuple[str, float], ...]  # personnel groups with their sick-leave level


_OFFICE: Final = (("Handläggare", 0.9), ("Administratör", 1.0), ("Ingenjör", 0.7))

COMMITTEES: Final = (
    Committee(
        "Förskolenämnden",
        "Förskoleförvaltningen",
        0.20,
        0.92,
        1.25,
        "Förskolan",
        "förskola",
        (("Barnskötare", 1.2), ("Förskollärare", 0.95), ("Kock", 1.0)),
    ),
    Committee(
        "Grundskolenämnden",
        "Grundskoleförvaltningen",
        0.30,
        0.75,
        1.0,
        "Skolan",
        "skola",
        (("Lärare", 0.9), ("Fritidspedagog", 1.1), ("Elevassistent", 1.2)),
    ),
    Committee(
        "Gymnasie- och arbetsmarknadsnämnden",
        "Gymnasie- och arbetsmarknadsförvaltningen",
        0.07,
        0.6,
        0.7,
        "Enheten",
        "gymnasium",
        _OFFICE,
    ),
    Committee(
        "Kommunstyrelsen",
        "Kommunstyrelsens förvaltning",
        0.08,
        0.65,
        0.6,
        "Sektionen",
        "kontor",
        _OFFICE,
    ),
    Committee(
        "Kultur- och fritidsnämnden",
        "Kultur- och fritidsförvaltningen",
        0.04,
        0.6,
        0.75,
        "Enheten",
        "kultur",
        _OFFICE,
    ),
    Committee(
        "Natur- och stadsmiljönämnden",
        "Natur- och stadsmiljöförvaltningen",
        0.04,
        0.45,
        0.8,
        "Enheten",
        "gata",
        _OFFICE,
    ),
    Committee(
        "Bygglovs- och tillsynsnämnden",
        "Bygglovs- och tillsynsförvaltningen",
        0.015,
        0.55,
        0.8,
        "Enheten",
        "tillsyn",
        _OFFICE,
    ),
    Committee(
        "Socialnämnden",
        "Socialförvaltningen",
        0.09,
        0.8,
        0.95,
        "Enheten",
        "social",
        (("Socialsekreterare", 1.0), ("Stödpedagog", 1.5), ("Boendestödjare", 1.2)),
    ),
    Committee(
        "Vård- och omsorgsnämnden",
        "Vård- och omsorgsförvaltningen",
        0.165,
        0.85,
        1.3,
        "Boendet",
        "omsorg",
        (("Undersköterska", 1.1), ("Vårdbiträde", 1.4), ("Sjuksköterska", 0.8)),
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


class Workplace(NamedTuple):
    """A unit with staff, its committee and the units its staff may move to."""

    unit_id: str
    committee: Committee
    siblings: tuple[str, ...]


class Town(NamedTuple):
    """The organisation tree of the example, parents before children."""

    units: tuple[OrgUnit, ...]
    workplaces: tuple[Workplace, ...]
    committee_of: Mapping[str, str]  # every unit below the root: the id of its committee
    sector_of: Mapping[str, str]  # every unit below the root: its committee's sector


def organisation(size: int) -> Town:
    """The municipality, nine committees with their administrations, departments and units.

    A unit (enhet) has about ``STAFF_PER_UNIT`` positions; a department about six units.
    """
    units = [OrgUnit(id="kommun", name="Exempelkommunen", level="kommun")]
    workplaces: list[Workplace] = []
    committee_of: dict[str, str] = {}
    for i, c in enumerate(COMMITTEES, start=1):
        committee, admin = f"n{i}", f"f{i}"
        first = len(units)
        units.append(OrgUnit(id=committee, name=c.name, parent_id="kommun", level="nämnd"))
        units.append(
            OrgUnit(id=admin, name=c.administration, parent_id=committee, level="förvaltning")
        )
        leaves = max(1, round(size * c.share / STAFF_PER_UNIT))
        departments = max(1, math.ceil(leaves / 6))
        ids: list[str] = []
        for d in range(1, departments + 1):
            dep = f"{admin}.a{d}"
            name = f"{c.administration.split()[0]} avdelning {d}"
            units.append(OrgUnit(id=dep, name=name, parent_id=admin, level="avdelning"))
            for k in range(1, leaves // departments + (d <= leaves % departments) + 1):
                uid = f"{dep}.e{k}"
                place = _PLACES[(d * 7 + k) % len(_PLACES)]
                name = f"{c.unit_word} {place} {d}.{k}"
                units.append(OrgUnit(id=uid, name=name, parent_id=dep, level="enhet"))
                ids.append(uid)
        siblings = tuple(ids)
        workplaces.extend(Workplace(uid, c, siblings) for uid in ids)
        committee_of.update((u.id, committee) for u in units[first:])
    sectors = {f"n{i}": c.sector for i, c in enumerate(COMMITTEES, start=1)}
    return Town(
        units=tuple(units),
        workplaces=tuple(workplaces),
        committee_of=committee_of,
        sector_of={uid: sectors[cid] for uid, cid in committee_of.items()},
    )
