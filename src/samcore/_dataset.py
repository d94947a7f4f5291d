"""The dataset behind a yearly report: every record of an organisation, checked together."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import pairwise

import attrs

from samcore._check import some, to_tuple
from samcore._checklists import Checklist
from samcore._delegation import Certification, Delegation
from samcore._incidents import Incident
from samcore._org import OrgTree
from samcore._people import Employee, Employment, ExtraTime, SickLeavePeriod
from samcore._questions import ALL_QUESTIONS, QuestionnaireAnswer
from samcore._risks import Risk
from samcore.errors import DatasetError

__all__ = ["Dataset"]


def _some(values: Iterable[str], shown: int = 5) -> str:
    items = sorted(set(values))
    text = ", ".join(map(repr, items[:shown]))
    return text + (f" and {len(items) - shown} more" if len(items) > shown else "")


@attrs.frozen(kw_only=True)
class Dataset:
    """An organisation and all its SAM records, consistent with each other.

    Construction checks every reference: unit ids against ``org``, employee
    ids against ``employees``, question ids against the known templates;
    and that ids are unique and no employee's sick periods overlap. Every
    problem found is listed in one :class:`DatasetError`.

    Examples:
        >>> from datetime import date
        >>> from samcore import Gender, OrgTree, OrgUnit
        >>> org = OrgTree.from_units([OrgUnit(id="k", name="Kommunen")])
        >>> Dataset(org=org, employees=[Employee(id="e1", gender=Gender.MAN)],
        ...         employments=[Employment(employee_id="e1", unit_id="x", start=date(2024, 1, 1)),
        ...                      Employment(employee_id="e2", unit_id="k", start=date(2024, 1, 1))])
        Traceback (most recent call last):
        ...
        samcore.errors.DatasetError: dataset is inconsistent (2 problems):
          - employments[0].unit_id: unknown unit 'x'
          - employments[1].employee_id: unknown employee 'e2'
    """

    org: OrgTree
    employees: tuple[Employee, ...] = attrs.field(default=(), converter=to_tuple)
    employments: tuple[Employment, ...] = attrs.field(default=(), converter=to_tuple)
    sick_leave: tuple[SickLeavePeriod, ...] = attrs.field(default=(), converter=to_tuple)
    extra_time: tuple[ExtraTime, ...] = attrs.field(default=(), converter=to_tuple)
    incidents: tuple[Incident, ...] = attrs.field(default=(), converter=to_tuple)
    risks: tuple[Risk, ...] = attrs.field(default=(), converter=to_tuple)
    checklists: tuple[Checklist, ...] = attrs.field(default=(), converter=to_tuple)
    certifications: tuple[Certification, ...] = attrs.field(default=(), converter=to_tuple)
    delegations: tuple[Delegation, ...] = attrs.field(default=(), converter=to_tuple)
    answers: tuple[QuestionnaireAnswer, ...] = attrs.field(default=(), converter=to_tuple)

    def __attrs_post_init__(self) -> None:
        problems = _problems(self)
        if problems:
            raise DatasetError("dataset is inconsistent", problems)


_RECORDS = (
    ("employees", Employee),
    ("employments", Employment),
    ("sick_leave", SickLeavePeriod),
    ("extra_time", ExtraTime),
    ("incidents", Incident),
    ("risks", Risk),
    ("checklists", Checklist),
    ("certifications", Certification),
    ("delegations", Delegation),
    ("answers", QuestionnaireAnswer),
)


def _problems(data: Dataset) -> list[str]:
    problems: list[str] = []
    org: object = data.org
    if not isinstance(org, OrgTree):
        return [f"org: must be an OrgTree (got {type(org).__name__})"]
    for field, kind in _RECORDS:
        for index, record in enumerate(getattr(data, field)):
            if not isinstance(record, kind):
                problems.append(f"{field}[{index}]: must be a {kind.__name__} (got {record!r})")
    if problems:
        return problems
    people = {e.id for e in data.employees}
    for field in (
        "employments",
        "extra_time",
        "incidents",
        "risks",
        "checklists",
        "delegations",
        "answers",
    ):
        for index, record in enumerate(getattr(data, field)):
            if record.unit_id not in data.org:
                problems.append(f"{field}[{index}].unit_id: unknown unit {record.unit_id!r}")
            if field in ("employments", "extra_time") and record.employee_id not in people:
                problems.append(
                    f"{field}[{index}].employee_id: unknown employee {record.employee_id!r}"
                )
    for index, period in enumerate(data.sick_leave):
        if period.employee_id not in people:
            problems.append(
                f"sick_leave[{index}].employee_id: unknown employee {period.employee_id!r}"
            )
    for index, answer in enumerate(data.answers):
        if answer.question_id not in ALL_QUESTIONS:
            problems.append(
                f"answers[{index}].question_id: unknown question {answer.question_id!r}"
            )
    for field, ids in (
        ("employees", [e.id for e in data.employees]),
        ("incidents", [i.id for i in data.incidents]),
        ("risks", [r.id for r in data.risks]),
        ("checklists", [c.id for c in data.checklists]),
        ("delegations", [d.id for d in data.delegations]),
        ("answers", [f"{a.unit_id}/{a.year}/{a.question_id}" for a in data.answers]),
    ):
        twice = [i for i, n in Counter(ids).items() if n > 1]
        if twice:
            problems.append(f"{field}: ids given more than once: {some(map(repr, sorted(twice)))}")
    problems.extend(_overlaps(data.sick_leave))
    return problems


def _overlaps(periods: Iterable[SickLeavePeriod]) -> list[str]:
    by_employee: dict[str, list[SickLeavePeriod]] = {}
    for period in periods:
        by_employee.setdefault(period.employee_id, []).append(period)
    found = []
    for employee_id, mine in sorted(by_employee.items()):
        mine.sort(key=lambda p: p.start)
        for before, after in pairwise(mine):
            if after.start <= before.end:
                found.append(
                    f"sick_leave: periods of employee {employee_id!r} overlap: "
                    f"{before.start}..{before.end} and {after.start}..{after.end}"
                )
    return found
