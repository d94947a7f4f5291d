"""Builders of valid records for the tests: one place, sensible defaults, any field overridable."""

from datetime import date
from typing import Any

from samcore import (
    Answer,
    Dataset,
    Delegation,
    Employee,
    Employment,
    Gender,
    Measure,
    OrgTree,
    OrgUnit,
    QuestionnaireAnswer,
    Risk,
    SickLeavePeriod,
)

PLANNED_THIS_YEAR = (Measure(title="Åtgärd", responsible="Enhetschef", due=date(2024, 12, 31)),)


def risk(rid: str = "r", unit: str = "u", *, onward: bool = False, **kw: Any) -> Risk:
    """A risk of level 12 identified in February 2024, without measures unless given."""
    fields: dict[str, Any] = {
        "title": f"Risk {rid}",
        "identified_on": date(2024, 2, 1),
        "probability": 3,
        "consequence": 4,
        "reported_onward": onward,
    }
    return Risk(id=rid, unit_id=unit, **{**fields, **kw})


def planned_risk(rid: str, unit: str, *, onward: bool = False, **kw: Any) -> Risk:
    """A risk with one measure due at the end of 2024."""
    return risk(rid, unit, onward=onward, **{"measures": PLANNED_THIS_YEAR, **kw})


# Kommun k > nämnd n > enheter e1 and e2.
ORG = OrgTree.from_units(
    [
        OrgUnit(id="k", name="Kommunen", level="kommun"),
        OrgUnit(id="n", name="Nämnden", parent_id="k", level="nämnd"),
        OrgUnit(id="e1", name="Enhet 1", parent_id="n", level="enhet"),
        OrgUnit(id="e2", name="Enhet 2", parent_id="n", level="enhet"),
    ]
)


def small_dataset() -> Dataset:
    """Four employees in three units, risks sent onward and a two-link delegation chain."""
    staff = [Employee(id=f"p{i}", gender=Gender.WOMAN if i % 2 else Gender.MAN) for i in range(4)]
    jobs = [
        Employment(employee_id="p0", unit_id="e1", start=date(2020, 1, 1)),
        Employment(employee_id="p1", unit_id="e1", start=date(2020, 1, 1), end=date(2024, 6, 30)),
        Employment(employee_id="p2", unit_id="e2", start=date(2020, 1, 1)),
        Employment(employee_id="p3", unit_id="n", start=date(2020, 1, 1)),
    ]
    return Dataset(
        org=ORG,
        employees=staff,
        employments=jobs,
        sick_leave=[
            SickLeavePeriod(employee_id="p0", start=date(2023, 12, 20), end=date(2024, 1, 10))
        ],
        risks=[
            planned_risk("r1", "e1", onward=True),
            planned_risk("r2", "e2"),
            planned_risk("r3", "n", onward=True),
        ],
        delegations=[
            Delegation(
                id="d1",
                unit_id="n",
                delegator_id="top",
                delegate_id="mn",
                signed_on=date(2023, 1, 1),
            ),
            Delegation(id="d2", unit_id="e1", delegator_id="mn", delegate_id="m1"),
        ],
        delegation_top={"top"},
        answers=[
            QuestionnaireAnswer(
                unit_id="e1",
                year=2024,
                question_id="surveys.safety_representative",
                answer=Answer.YES,
            ),
            QuestionnaireAnswer(
                unit_id="e2",
                year=2024,
                question_id="surveys.safety_representative",
                answer=Answer.NO,
            ),
            QuestionnaireAnswer(
                unit_id="e2",
                year=2023,
                question_id="surveys.safety_representative",
                answer=Answer.NO,
            ),
        ],
    )
