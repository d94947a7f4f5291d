"""The dataset behind a yearly report: every record of an organisation, checked together."""

from __future__ import annotations

import functools
import heapq
from collections.abc import Callable
from datetime import date
from itertools import islice, pairwise
from operator import attrgetter
from typing import Final

import attrs

from samcore._certification import Certification
from samcore._check import id_set, instance_of, optional, show, some, tuple_of, with_article
from samcore._checklists import Checklist
from samcore._delegation import Delegation
from samcore._diagnostics import Diagnostics, diagnose
from samcore._employee_survey import EmployeeSurvey
from samcore._frozen import to_frozenset, to_tuple
from samcore._health_factors import HealthFactorInventory
from samcore._incidents import Incident
from samcore._narratives import Narrative
from samcore._org import OrgTree
from samcore._people import Employee, Employment, ExtraTime, SickLeavePeriod
from samcore._plan import Submission
from samcore._questions import QuestionnaireAnswer
from samcore._rehab import RehabCase
from samcore._risks import Risk, RiskMatrix
from samcore._template import Template, template_for
from samcore._time import Window
from samcore.errors import DatasetError, InvalidRiskError, Problem

__all__ = ["Dataset"]

_TOLERANCE = 1e-9  # fte sums are floats: 0.6 + 0.4 must stay full time
_LISTED_OVERLAPS = 20  # overlapping sick-leave pairs spelled out; the rest are counted
_LISTED_DUPLICATES = 20  # repeated ids spelled out per kind of record; the rest are counted


@attrs.frozen(kw_only=True)
class Dataset:
    """An organisation and all its SAM records, consistent with each other.

    Construction checks every reference: unit ids against ``org``, employee
    ids against ``employees``, question ids against the template of the
    answer's year; that a risk is reported to a unit above its own;
    that every risk lies on the scales of ``risk_matrix`` (the default 5×5
    matrix unless another is given: a risk of probability 3 and
    consequence 9 belongs to no 5×5 matrix); that no employment starts
    before its employee's birth date; that ids are unique, and so are the
    keys of the records without an id (a unit's answer to a question in a
    year, a unit's submission of a year's report); that no employment row
    is given twice (which would double its hours), nor an employee survey
    or a health-factor inventory of one unit and year, nor a narrative of
    one unit, year and section; that a rehabilitation case names a unit and
    an employee that are there;
    that one employee's employments add up to at most fte 1 on every day;
    that no two sick-leave periods of one employee share a day (every
    overlapping pair is named, not only neighbours); and that delegations
    come with the ``delegation_top`` their chains start from. Every problem
    found is listed in one :class:`DatasetError`, each a :class:`Problem`
    with the path of the record or field (``$.employments[3].unit_id``), a
    code (``unknown_unit``, ``unknown_employee``, ``unknown_question``,
    ``unknown_section``, ``not_above``, ``duplicate_id`` (an id or key given twice),
    ``duplicate_row``, ``over_full_time``, ``overlap``, ``off_matrix``,
    ``before_birth``, ``no_top``, or ``type`` for a record of the wrong
    type) and a message naming the rule and the values.

    What is consistent yet counts in no figure (sick days outside
    employment, say) is listed by :meth:`diagnostics`.

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
          - unknown unit 'x' (not in org) @ $.employments[0].unit_id
          - unknown employee 'e2' (not in employees) @ $.employments[1].employee_id
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
    delegation_top: frozenset[str] = attrs.field(
        default=frozenset(), converter=to_frozenset, validator=id_set()
    )
    """Who holds the work-environment tasks without a delegation (the employer's top, such as
    the chair of kommunstyrelsen): every chain of delegations starts with them."""
    answers: tuple[QuestionnaireAnswer, ...] = attrs.field(default=(), converter=to_tuple)
    employee_surveys: tuple[EmployeeSurvey, ...] = attrs.field(default=(), converter=to_tuple)
    narratives: tuple[Narrative, ...] = attrs.field(default=(), converter=to_tuple)
    submissions: tuple[Submission, ...] = attrs.field(default=(), converter=to_tuple)
    """The days units handed in and presented their yearly reports, one per unit and year."""
    rehab_cases: tuple[RehabCase, ...] = attrs.field(default=(), converter=to_tuple)
    """Rehabilitation cases, each of an employee in a unit."""
    health_factors: tuple[HealthFactorInventory, ...] = attrs.field(default=(), converter=to_tuple)
    """The units' health-factor inventories, one per unit and year."""
    covers: Window | None = attrs.field(default=None, validator=optional(instance_of(Window)))
    """The days the exports cover, when known: a report window outside them has no data."""
    risk_matrix: RiskMatrix = attrs.field(factory=RiskMatrix, validator=instance_of(RiskMatrix))
    """The scales the risks are assessed on: every risk's probability and consequence lie on them."""
    templates: tuple[Template, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Template)
    )
    """Report templates of your own: the template of a year is the latest in use by then, among
    these and the shipped ones (see :func:`template_for`)."""

    def __attrs_post_init__(self) -> None:
        problems = _problems(self)
        if problems:
            raise DatasetError("dataset is inconsistent", problems)

    def diagnostics(self) -> Diagnostics:
        """What the records hold that no figure counts; back office only, never for publication.

        See :class:`Diagnostics`: sick days outside employment, employees
        without employment, extra time booked where the person has no
        employment that day, and the span of days the records cover.

        Examples:
            >>> from datetime import date
            >>> from samcore import Gender, OrgTree, OrgUnit
            >>> org = OrgTree.from_units([OrgUnit(id="k", name="Kommunen")])
            >>> data = Dataset(org=org, employees=[Employee(id="e1", gender=Gender.MAN)],
            ...                employments=[Employment(employee_id="e1", unit_id="k", start=date(2024, 1, 1))])
            >>> data.diagnostics().is_clean, data.diagnostics().span.start
            (True, datetime.date(2024, 1, 1))
        """
        return diagnose(
            self.employees, self.employments, self.sick_leave, self.extra_time, self.incidents
        )


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
    ("employee_surveys", EmployeeSurvey),
    ("narratives", Narrative),
    ("submissions", Submission),
    ("rehab_cases", RehabCase),
    ("health_factors", HealthFactorInventory),
)


def _problems(data: Dataset) -> list[Problem]:
    problems: list[Problem] = []
    org: object = data.org
    if not isinstance(org, OrgTree):
        problems.append(_problem("$.org", "type", f"must be an OrgTree (got {show(org)})"))
    for field, kind in _RECORDS:
        given = getattr(data, field)
        if not isinstance(given, tuple):
            problems.append(
                _problem(
                    f"$.{field}", "type", f"must be a tuple of {kind.__name__} (got {show(given)})"
                )
            )
            continue
        wrong = [
            _problem(
                f"$.{field}[{index}]",
                "type",
                f"must be {with_article(kind.__name__)} (got {show(record)})",
            )
            for index, record in enumerate(given)
            if not isinstance(record, kind)
        ]
        problems.extend(wrong[:10])
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
        "employee_surveys",
        "narratives",
        "submissions",
        "rehab_cases",
        "health_factors",
    ):
        for index, record in enumerate(getattr(data, field)):
            if record.unit_id not in data.org:
                problems.append(
                    _problem(
                        f"$.{field}[{index}].unit_id",
                        "unknown_unit",
                        f"unknown unit {record.unit_id!r} (not in org)",
                    )
                )
            if (
                field in ("employments", "extra_time", "rehab_cases")
                and record.employee_id not in people
            ):
                problems.append(
                    _problem(
                        f"$.{field}[{index}].employee_id",
                        "unknown_employee",
                        f"unknown employee {record.employee_id!r} (not in employees)",
                    )
                )
    for index, period in enumerate(data.sick_leave):
        if period.employee_id not in people:
            problems.append(
                _problem(
                    f"$.sick_leave[{index}].employee_id",
                    "unknown_employee",
                    f"unknown employee {period.employee_id!r} (not in employees)",
                )
            )
    if data.delegations and not data.delegation_top:
        problems.append(
            _problem(
                "$.delegation_top",
                "no_top",
                "delegations need a top: the people who hold the work-environment tasks "
                "without a delegation, where every chain starts",
            )
        )
    problems.extend(_off_the_matrix(data.risks, data.risk_matrix))
    problems.extend(_before_birth(data.employees, data.employments))
    problems.extend(_against_templates(data))
    problems.extend(_climbing(data.risks, data.org))
    for field, key, ids in (
        ("employees", ".id", [e.id for e in data.employees]),
        ("incidents", ".id", [i.id for i in data.incidents]),
        ("risks", ".id", [r.id for r in data.risks]),
        ("checklists", ".id", [c.id for c in data.checklists]),
        ("delegations", ".id", [d.id for d in data.delegations]),
        ("answers", "", [f"{a.unit_id}/{a.year}/{a.question_id}" for a in data.answers]),
        ("submissions", "", [f"{s.unit_id}/{s.year}" for s in data.submissions]),
        ("rehab_cases", ".id", [c.id for c in data.rehab_cases]),
    ):
        problems.extend(_repeated_ids(field, key, ids))
    for field, what, keys in (
        (
            "employee_surveys",
            "surveys of one unit and year",
            [f"unit {s.unit_id!r}, year {s.year}" for s in data.employee_surveys],
        ),
        (
            "narratives",
            "narratives of one unit, year and section",
            [f"unit {n.unit_id!r}, year {n.year}, section {n.section!r}" for n in data.narratives],
        ),
        (
            "health_factors",
            "health-factor inventories of one unit and year",
            [f"unit {i.unit_id!r}, year {i.year}" for i in data.health_factors],
        ),
    ):
        problems.extend(_repeated_ids(field, "", keys, code="duplicate_row", what=what, name=str))
    repeated, skip = _duplicates(data.employments)
    problems.extend(repeated)
    problems.extend(_full_time(data.employments, skip))
    problems.extend(_overlaps(data.sick_leave))
    return problems


def _off_the_matrix(risks: tuple[Risk, ...], matrix: RiskMatrix) -> list[Problem]:
    """Risks whose probability or consequence lies outside the matrix's scales."""
    found: list[Problem] = []
    for index, risk in enumerate(risks):
        try:
            matrix.level(risk.probability, risk.consequence)
        except InvalidRiskError as error:
            found.append(
                _problem(
                    f"$.risks[{index}]",
                    "off_matrix",
                    f"risk {risk.id!r} does not fit risk_matrix: {error}",
                )
            )
    return found


def _before_birth(
    employees: tuple[Employee, ...], employments: tuple[Employment, ...]
) -> list[Problem]:
    """Employments that start before the employee was born."""
    born = {e.id: e.birth_date for e in employees if e.birth_date is not None}
    found: list[Problem] = []
    for index, job in enumerate(employments):
        birth = born.get(job.employee_id)
        if birth is not None and job.start < birth:
            found.append(
                _problem(
                    f"$.employments[{index}].start",
                    "before_birth",
                    f"{job.start} must not precede the birth date {birth} of employee "
                    f"{job.employee_id!r}",
                )
            )
    return found


_IN_TEMPLATE: Final = (
    ("answers", "question_id", "unknown_question", "unknown question {!r} (not in template"),
    ("narratives", "section", "unknown_section", "unknown section {!r} (no text in template"),
)


def _against_templates(data: Dataset) -> list[Problem]:
    """Answers to questions, and texts for sections, that the template of their year lacks."""

    @functools.cache
    def known(year: int) -> tuple[str, dict[str, frozenset[str]]]:
        template = template_for(year, data.templates)
        every = [s for _, s in template.numbered()]
        return template.id, {
            "question_id": frozenset(q.id for s in every for q in s.questions),
            "section": frozenset(s.id for s in every if s.narrative),
        }

    problems = []
    for field, attr, code, text in _IN_TEMPLATE:
        for index, record in enumerate(getattr(data, field)):
            template_id, ids = known(record.year)
            value = getattr(record, attr)
            if value not in ids[attr]:
                message = f"{text.format(value)} {template_id!r}, used for {record.year})"
                problems.append(_problem(f"$.{field}[{index}].{attr}", code, message))
    return problems


def _climbing(risks: tuple[Risk, ...], org: OrgTree) -> list[Problem]:
    """Risks reported to a unit that is not above their own unit."""
    problems = []
    for index, risk in enumerate(risks):
        target = risk.reported_to
        if (
            target is not None
            and risk.unit_id in org
            and target not in {u.id for u in org.ancestors(risk.unit_id)}
        ):
            problems.append(
                _problem(
                    f"$.risks[{index}].reported_to",
                    "not_above",
                    f"risk {risk.id!r} is reported to {target!r}, which is not above its unit "
                    f"{risk.unit_id!r}",
                )
            )
    return problems


def _problem(path: str, code: str, message: str) -> Problem:
    return Problem(path=path, code=code, message=message)


def _repeated_ids(
    field: str,
    key: str,
    ids: list[str],
    *,
    code: str = "duplicate_id",
    what: str = "ids",
    name: Callable[[str], str] = repr,
) -> list[Problem]:
    """One problem per id given more than once, at its first repetition; the rest counted.

    Rows unique by several fields give instead of an id the text that
    names those fields (``name=str`` shows it as it is), what they are, and
    the code ``duplicate_row``.
    """
    if len(set(ids)) == len(ids):
        return []
    places: dict[str, list[int]] = {}
    for index, some_id in enumerate(ids):
        places.setdefault(some_id, []).append(index)
    twice = sorted((rows for rows in places.values() if len(rows) > 1), key=lambda rows: rows[1])
    found = [
        _problem(
            f"$.{field}[{rows[1]}]{key}",
            code,
            f"{what} given more than once: {name(ids[rows[0]])} "
            f"({some(f'{field}[{i}]' for i in rows)})",
        )
        for rows in twice[:_LISTED_DUPLICATES]
    ]
    if len(twice) > _LISTED_DUPLICATES:
        found.append(
            _problem(
                f"$.{field}",
                code,
                f"{len(twice) - _LISTED_DUPLICATES} more {what} given more than once not listed",
            )
        )
    return found


def _duplicates(employments: tuple[Employment, ...]) -> tuple[list[Problem], set[int]]:
    """Employment rows equal in every field to an earlier row, and their indexes."""
    first: dict[Employment, int] = {}
    found: list[Problem] = []
    repeated: set[int] = set()
    for index, job in enumerate(employments):
        earlier = first.setdefault(job, index)
        if earlier != index:
            repeated.add(index)
            found.append(
                _problem(
                    f"$.employments[{index}]",
                    "duplicate_row",
                    f"must not repeat employments[{earlier}] (every field equal: {_describe(job)})",
                )
            )
    return found, repeated


def _describe(job: Employment) -> str:
    end = "ongoing" if job.end is None else job.end.isoformat()
    return (
        f"employee {job.employee_id!r} in unit {job.unit_id!r}, {job.start}..{end}, "
        f"fte {job.fte!r}, weekly_hours {job.weekly_hours!r}"
    )


def _full_time(employments: tuple[Employment, ...], skip: set[int]) -> list[Problem]:
    """Days on which one employee's employments add up to more than full time.

    A sweep over start and end events per employee: between two events the
    set of active rows is constant, so each stretch over fte 1 is reported
    once with its rows, its days and its total. The problem's path is the
    row that started last, the one that took the employee over full time.
    """
    by_employee: dict[str, list[int]] = {}
    for index, job in enumerate(employments):
        if index not in skip:
            by_employee.setdefault(job.employee_id, []).append(index)
    found: list[Problem] = []
    for employee_id, rows in sorted(by_employee.items()):
        if len(rows) < 2 or _one_after_another([employments[i] for i in rows]):
            continue
        # (day, 0 = ends the day before, 1 = starts, row); ends sort before starts.
        events: list[tuple[int, int, int]] = []
        for index in rows:
            job = employments[index]
            events.append((job.start.toordinal(), 1, index))
            if job.end is not None:
                events.append((job.end.toordinal() + 1, 0, index))
        events.sort()
        active: set[int] = set()
        total = 0.0
        i = 0
        while i < len(events):
            day = events[i][0]
            while i < len(events) and events[i][0] == day:
                _, starts, index = events[i]
                if starts:
                    active.add(index)
                    total += employments[index].fte
                else:
                    active.discard(index)
                    total -= employments[index].fte
                i += 1
            if not active:
                total = 0.0  # no drift carried from one stretch of work to the next
            elif total > 1 + _TOLERANCE:
                until = events[i][0] - 1 if i < len(events) else None
                latest = max(active, key=lambda row: (employments[row].start, row))
                found.append(
                    _problem(
                        f"$.employments[{latest}]",
                        "over_full_time",
                        _over_full_time(employee_id, sorted(active), day, until, total),
                    )
                )
    return found


def _one_after_another(jobs: list[Employment]) -> bool:
    """Whether no two of the jobs share a day (the usual career: one job at a time)."""
    jobs.sort(key=attrgetter("start"))
    for before, after in pairwise(jobs):
        if before.end is None or after.start <= before.end:
            return False
    return True


def _over_full_time(
    employee_id: str, rows: list[int], first: int, last: int | None, total: float
) -> str:
    each = [f"employments[{index}]" for index in rows]
    names = ", ".join(each[:-1]) + " and " + each[-1]
    days = f"{date.fromordinal(first)}..{'ongoing' if last is None else date.fromordinal(last)}"
    return (
        f"{names}: employments of employee {employee_id!r} must add up to at most fte 1 "
        f"on every day (got fte {round(total, 6):g} on {days})"
    )


def _overlaps(periods: tuple[SickLeavePeriod, ...]) -> list[Problem]:
    """Every pair of one employee's sick-leave periods that share a day, each pair once.

    In start order, a period overlaps an earlier one exactly when it starts
    on or before the latest end so far; that finds the employees with any
    overlap in one pass. Their pairs come from a sweep that keeps the
    periods still open (a heap by end): a period overlaps exactly the open
    periods it meets. Pairs are counted in O(n log n); only the first few
    are spelled out.
    """
    by_employee: dict[str, list[SickLeavePeriod]] = {}
    for period in periods:
        by_employee.setdefault(period.employee_id, []).append(period)
    clashing: dict[str, list[tuple[date, date, int]]] = {}
    for employee_id, mine in by_employee.items():
        if len(mine) > 1:
            mine.sort(key=attrgetter("start"))
            latest = mine[0].end
            for period in islice(mine, 1, None):
                if period.start <= latest:
                    clashing[employee_id] = []
                    break
                latest = period.end  # later than every end before it
    if not clashing:
        return []
    for index, period in enumerate(periods):
        if period.employee_id in clashing:
            clashing[period.employee_id].append((period.start, period.end, index))
    found: list[Problem] = []
    pairs = 0
    for employee_id, rows in sorted(clashing.items()):
        rows.sort()
        open_ends: list[tuple[date, int]] = []
        for start, end, index in rows:
            while open_ends and open_ends[0][0] < start:
                heapq.heappop(open_ends)
            pairs += len(open_ends)
            if open_ends and len(found) < _LISTED_OVERLAPS:
                earlier = sorted((periods[i].start, i) for _, i in open_ends)
                for _, before in earlier[: _LISTED_OVERLAPS - len(found)]:
                    found.append(_overlap(employee_id, before, index, periods))
            heapq.heappush(open_ends, (end, index))
    if pairs > len(found):
        found.append(
            _problem(
                "$.sick_leave",
                "overlap",
                f"{pairs - len(found)} more pairs of overlapping periods not listed",
            )
        )
    return found


def _overlap(
    employee_id: str, before: int, after: int, periods: tuple[SickLeavePeriod, ...]
) -> Problem:
    """The overlap of two periods, at the path of the one that starts later."""
    a, b = periods[before], periods[after]
    return _problem(
        f"$.sick_leave[{after}]",
        "overlap",
        f"sick_leave[{before}] and sick_leave[{after}]: periods of employee {employee_id!r} "
        f"overlap: {a.start}..{a.end} and {b.start}..{b.end}",
    )
