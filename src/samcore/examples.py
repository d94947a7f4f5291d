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

import random
from typing import Final

from samcore import _example_base, _example_sam
from samcore._check import int_in, require
from samcore._dataset import Dataset
from samcore._example_health import health_factors, rehab_cases
from samcore._example_narratives import narratives
from samcore._example_people import extra_time, incidents, people
from samcore._org import OrgTree
from samcore._time import Window

__all__ = ["FIRST_YEAR", "LAST_YEAR", "municipality"]

FIRST_YEAR: Final = _example_base.FIRST_YEAR
"""The first year with records."""
LAST_YEAR: Final = _example_base.LAST_YEAR
"""The last full year with records: the demo reports on it."""


def municipality(*, seed: int = 0, employees: int = 6000) -> Dataset:
    """A synthetic municipality: nine committees, about 450 units in five levels for 6,000 employees.

    Five years of records (2020-2024, sick spells from late 2019):

    - employments: mostly permanent, some fixed-term contracts (renewed,
      made permanent or ended) and a few paid by the hour, with moves
      between units; turnover around 8-9 % a year, a quarter to a third of
      it retirements (most who leave at 63 or older retire);
    - sick leave around 7-8 % (about 3 % short), extra hours, incidents
      (about 0.2 injuries and 0.15 near misses per employee and year);
    - risks that fit each committee's work, each measure with its desired
      effect; only risks of level 8 or more that a unit cannot act on are
      reported onward, some of them on to the committee or the municipality;
    - safety rounds, and answers to every question of each year's template:
      yes, but for a few questions in two or three committees a year, and
      Arbetsmiljöverket's inspections in 1-2 % of the units;
    - certifications and delegations down from the municipality's own
      manager (``delegation_top``): a manager is certified, then given the
      tasks, and a few delegations below the administrations have a defect;
    - rehabilitation cases of the spells that reach a day from 14 to 30,
      from the first sick day (some opened before it on early signs of ill
      health), and of some repeated short absence: back to ordinary or
      other work and closed some weeks later, or closed when the employee
      leaves (about 80 % ordinary work, 8 % other work, 8 % left); a plan
      for return to work mostly by day 30 of the spells expected to last
      60 days, more often on time each year; the latest cases still open;
    - health-factor inventories of about 60 % of the workplaces in the last
      two years, rated around each unit's level, the weak factors chosen
      for focus more often;
    - employee surveys of every workplace from 2021, texts of the
      municipality, its committees and some units for their reports, and
      the days the reports were handed in and presented, the spring after
      each year (for the last year a few units are still writing theirs).

    Args:
        seed: the same seed always gives the same dataset.
        employees: how many positions; units scale with it.

    Examples:
        >>> data = municipality(employees=200, seed=1)
        >>> data == municipality(employees=200, seed=1), len(data.employees) >= 200
        (True, True)
    """
    require("employees", employees, int_in(1), "the example municipality")
    rng = random.Random(seed)
    town = _example_base.organisation(employees)
    staff = people(rng, town.workplaces, employees)
    jobs = staff.employments
    certifications, delegations = _example_sam.delegations(rng, town)
    risks = _example_sam.risks(rng, town)
    inspected = _example_sam.inspections(rng, town)
    # Drawn one after another from the one generator: a new kind of record comes last.
    extra = extra_time(rng, jobs)
    found = incidents(rng, jobs, town.sector_of)
    rounds = _example_sam.checklists(rng, town)
    answers = _example_sam.answers(rng, town, inspected)
    surveys = _example_sam.employee_surveys(rng, town, jobs)
    texts = narratives(rng, town, inspected, risks)
    handed = _example_sam.submissions(rng, town)
    cases = rehab_cases(rng, jobs, staff.sick_leave)
    return Dataset(
        org=OrgTree.from_units(town.units),
        employees=staff.employees,
        employments=jobs,
        sick_leave=staff.sick_leave,
        extra_time=extra,
        incidents=found,
        risks=risks,
        checklists=rounds,
        certifications=certifications,
        delegations=delegations,
        delegation_top={"chef-kommun"},
        answers=answers,
        employee_surveys=surveys,
        narratives=texts,
        submissions=handed,
        rehab_cases=cases,
        health_factors=health_factors(rng, town, jobs, surveys),
        covers=Window(start=_example_base.START, end=_example_base.END),
    )


def __dir__() -> list[str]:
    """Show only the public names (``dir(module)``), not the imports behind them."""
    return list(__all__)
