"""The yearly work-environment report: each unit's figures and their roll-up through the tree."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from operator import attrgetter
from types import MappingProxyType
from typing import Any

import attrs

from samcore._check import require_count, some, to_tuple
from samcore._checklists import AnswerTally, Checklist
from samcore._dataset import Dataset
from samcore._delegation import (
    Delegation,
    Finding,
    certified_share,
    check_delegations,
    latest_certifications,
)
from samcore._extra_time import ExtraHours, extra_time
from samcore._incidents import IncidentSummary, incident_summary
from samcore._monoid import add_fields
from samcore._org import OrgTree
from samcore._privacy import MIN_GROUP_SIZE, shown_percent
from samcore._ratio import Ratio
from samcore._risks import MeasureStatus, Risk
from samcore._sick_leave import Duration, SickLeave, sick_leave_trend
from samcore._time import Month, Window
from samcore._turnover import Turnover, turnover
from samcore.errors import InvalidValueError, UnknownUnitError

__all__ = [
    "ActionPlanSummary",
    "IncomingRisk",
    "Report",
    "Reports",
    "SurveySummary",
    "build_reports",
    "roll_up",
]


@attrs.frozen(kw_only=True)
class ActionPlanSummary:
    """Counts of the measures followed up in a year, by status at year end: a monoid.

    Examples:
        >>> a = ActionPlanSummary(risks=2, measures=5, done=3, in_progress=1, planned=1, overdue=1)
        >>> (a + a).done, ActionPlanSummary().measures
        (6, 0)
    """

    risks: int = 0
    measures: int = 0
    done: int = 0
    in_progress: int = 0
    planned: int = 0
    cancelled: int = 0
    overdue: int = 0

    def __attrs_post_init__(self) -> None:
        for field in attrs.fields(ActionPlanSummary):
            require_count(field.name, getattr(self, field.name), "an action-plan summary")

    def __add__(self, other: ActionPlanSummary) -> ActionPlanSummary:
        if not isinstance(other, ActionPlanSummary):
            return NotImplemented
        return add_fields(self, other)

    @classmethod
    def of(cls, risks: Iterable[Risk], on: date) -> ActionPlanSummary:
        """Count the risks and their measures' statuses; overdue as of ``on``.

        Examples:
            >>> from samcore import Measure
            >>> r = Risk(id="r", unit_id="u", title="t", identified_on=date(2024, 1, 1), probability=2,
            ...          consequence=2, measures=[Measure(title="m", due=date(2024, 6, 1))])
            >>> ActionPlanSummary.of([r], date(2024, 12, 31)).overdue
            1
        """
        risks = tuple(risks)
        measures = [m for r in risks for m in r.measures]
        status = [m.status for m in measures]
        return cls(
            risks=len(risks),
            measures=len(measures),
            done=status.count(MeasureStatus.DONE),
            in_progress=status.count(MeasureStatus.IN_PROGRESS),
            planned=status.count(MeasureStatus.PLANNED),
            cancelled=status.count(MeasureStatus.CANCELLED),
            overdue=sum(m.is_overdue(on) for m in measures),
        )


@attrs.frozen(kw_only=True)
class SurveySummary:
    """Safety rounds performed in a year: how many, with a safety representative, deviations.

    Examples:
        >>> (SurveySummary(rounds=3, with_safety_representative=2, deviations=4) + SurveySummary()).rounds
        3
    """

    rounds: int = 0
    with_safety_representative: int = 0
    deviations: int = 0

    def __attrs_post_init__(self) -> None:
        for field in attrs.fields(SurveySummary):
            require_count(field.name, getattr(self, field.name), "a survey summary")

    def __add__(self, other: SurveySummary) -> SurveySummary:
        if not isinstance(other, SurveySummary):
            return NotImplemented
        return add_fields(self, other)

    @classmethod
    def of(cls, checklists: Iterable[Checklist]) -> SurveySummary:
        """Summarise checklists.

        Examples:
            >>> SurveySummary.of([]).rounds
            0
        """
        rounds = tuple(checklists)
        return cls(
            rounds=len(rounds),
            with_safety_representative=sum(c.safety_representative_participated for c in rounds),
            deviations=sum(len(c.deviations) for c in rounds),
        )


@attrs.frozen(kw_only=True)
class IncomingRisk:
    """A risk reported onward by a child unit, as it arrives in the parent's report.

    Examples:
        >>> r = Risk(id="r", unit_id="ksf", title="Utmattning", identified_on=date(2023, 1, 1),
        ...          probability=3, consequence=4, reported_onward=True)
        >>> IncomingRisk(from_unit_id="ksf", risk=r).risk.level
        12
    """

    from_unit_id: str
    risk: Risk


def _answers(value: Mapping[str, AnswerTally]) -> Mapping[str, AnswerTally]:
    return MappingProxyType(dict(sorted(dict(value).items())))


def _findings(value: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(value, key=lambda f: (f.delegation_id, f.kind.value, f.message)))


@attrs.frozen(kw_only=True)
class Report:
    """The figures of one unit's yearly work-environment report (arbetsmiljörapport).

    R12 figures end in December of ``year`` (and of the year before, for the
    ``_previous`` fields); incidents and surveys cover the calendar year.
    Built by :func:`build_reports` from a unit's own records, and by
    :func:`roll_up` with everything below the unit added in. ``risks`` (the
    unit's own followed-up risks) and ``risks_reported_onward`` never roll
    up; ``incoming_risks`` are the risks the children reported onward.

    Examples:
        >>> r = Report(unit_id="u", year=2024)
        >>> r.sick_leave.rate().value is None, r.incidents.total
        (True, 0)
    """

    unit_id: str
    year: int
    sick_leave: SickLeave = SickLeave()
    sick_leave_previous: SickLeave = SickLeave()
    turnover: Turnover = Turnover()
    turnover_previous: Turnover = Turnover()
    extra_time: ExtraHours = ExtraHours()
    extra_time_previous: ExtraHours = ExtraHours()
    incidents: IncidentSummary = IncidentSummary()
    incidents_previous: IncidentSummary = IncidentSummary()
    answers: Mapping[str, AnswerTally] = attrs.field(
        default=MappingProxyType({}), converter=_answers
    )
    action_plan: ActionPlanSummary = ActionPlanSummary()
    surveys: SurveySummary = SurveySummary()
    certified: Ratio = Ratio()
    delegation_findings: tuple[Finding, ...] = attrs.field(default=(), converter=_findings)
    risks: tuple[Risk, ...] = attrs.field(default=(), converter=to_tuple)
    risks_reported_onward: tuple[Risk, ...] = attrs.field(default=(), converter=to_tuple)
    incoming_risks: tuple[IncomingRisk, ...] = attrs.field(default=(), converter=to_tuple)

    @property
    def window(self) -> Window:
        """The R12 window of the report: the twelve months ending in December of ``year``.

        Examples:
            >>> Report(unit_id="u", year=2024).window.start
            datetime.date(2024, 1, 1)
        """
        return Window.rolling12(Month(year=self.year, month=12))

    def _repr_markdown_(self) -> str:
        from samcore._render import render_markdown

        return render_markdown(self, None)


class Reports(dict[str, Report]):
    """Reports by unit id, knowing their organisation; shows as the root's report in a notebook.

    Examples:
        >>> from samcore import OrgUnit
        >>> org = OrgTree.from_units([OrgUnit(id="k", name="Kommunen")])
        >>> reports = roll_up(org, {"k": Report(unit_id="k", year=2024)})
        >>> reports.root.unit_id, "Arbetsmiljörapport 2024" in reports.render()
        ('k', True)
    """

    def __init__(self, org: OrgTree, reports: Mapping[str, Report]) -> None:
        super().__init__(reports)
        self.org = org

    @property
    def root(self) -> Report:
        """The report of the organisation's top unit.

        Examples:
            >>> from samcore import OrgUnit
            >>> org = OrgTree.from_units([OrgUnit(id="k", name="Kommunen")])
            >>> Reports(org, {"k": Report(unit_id="k", year=2024)}).root.year
            2024
        """
        return self[self.org.root.id]

    def render(
        self, unit_id: str | None = None, *, lang: str = "sv", min_group_size: int = MIN_GROUP_SIZE
    ) -> str:
        """One unit's report (the root's by default) as Markdown.

        Examples:
            >>> from samcore import OrgUnit
            >>> org = OrgTree.from_units([OrgUnit(id="k", name="Kommunen")])
            >>> "Work-environment report 2024" in Reports(org, {"k": Report(unit_id="k", year=2024)}).render(lang="en")
            True
        """
        from samcore._render import render_markdown

        report = self.root if unit_id is None else self[unit_id]
        return render_markdown(report, self.org, lang=lang, min_group_size=min_group_size)

    def rows(self, *, min_group_size: int = MIN_GROUP_SIZE) -> list[dict[str, object]]:
        """One plain row of key figures per unit, parents first, for a DataFrame.

        Percentages are ``None`` where the group has ``min_group_size``
        employees or fewer (or no hours), as in the rendered report.

        Examples:
            >>> from samcore import OrgUnit
            >>> org = OrgTree.from_units([OrgUnit(id="k", name="Kommunen", level="kommun")])
            >>> row = Reports(org, {"k": Report(unit_id="k", year=2024)}).rows()[0]
            >>> row["unit_id"], row["name"], row["sick_leave_percent"], row["injuries"]
            ('k', 'Kommunen', None, 0)
        """
        return [_row(self.org, self[unit.id], min_group_size) for unit in self.org.units]

    def _repr_markdown_(self) -> str:
        return self.render()


def _row(org: OrgTree, report: Report, min_group_size: int) -> dict[str, object]:
    unit = org.unit(report.unit_id)
    sick, before = report.sick_leave, report.sick_leave_previous
    heads = sick.headcount()
    return {
        "unit_id": unit.id,
        "name": unit.name,
        "level": unit.level,
        "parent_id": unit.parent_id,
        "year": report.year,
        "headcount": heads,
        "sick_leave_percent": shown_percent(sick.rate(), heads, min_group_size),
        "sick_leave_previous_percent": shown_percent(
            before.rate(), before.headcount(), min_group_size
        ),
        "short_percent": shown_percent(sick.rate(duration=Duration.SHORT), heads, min_group_size),
        "long_percent": shown_percent(sick.rate(duration=Duration.LONG), heads, min_group_size),
        "long_term_share_percent": shown_percent(sick.long_term_share(), heads, min_group_size),
        "turnover_percent": shown_percent(
            report.turnover.rate(), report.turnover.average_headcount(), min_group_size
        ),
        "departures": report.turnover.departures(),
        "additional_hours": report.extra_time.additional,
        "overtime_hours": report.extra_time.overtime,
        "injuries": report.incidents.injuries,
        "near_misses": report.incidents.near_misses,
        "closed_incidents": report.incidents.closed,
        "serious_incidents": report.incidents.serious,
        "measures_overdue": report.action_plan.overdue,
        "certified_percent": report.certified.percent,
        "delegation_findings": len(report.delegation_findings),
        "risks_reported_onward": len(report.risks_reported_onward),
        "incoming_risks": len(report.incoming_risks),
    }


def _by_unit(
    records: Iterable[Any], unit_of: Callable[[Any], str] = attrgetter("unit_id")
) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = {}
    for record in records:
        grouped.setdefault(unit_of(record), []).append(record)
    return grouped


def _followed_up(risk: Risk, year: int) -> bool:
    """Whether a risk is followed up in the year: a measure due, done or still open then."""
    if risk.identified_on.year > year:
        return False
    for m in risk.measures:
        if (m.due is not None and m.due.year == year) or (
            m.completed_on is not None and m.completed_on.year == year
        ):
            return True
        if m.status in (MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS):
            return True
    return not risk.measures


def _in_force(d: Delegation, year: int) -> bool:
    """A delegation that matters for the year: not signed after it, not returned before it."""
    return (d.signed_on is None or d.signed_on.year <= year) and (
        d.returned_on is None or d.returned_on.year >= year
    )


def build_reports(dataset: Dataset, year: int) -> dict[str, Report]:
    """Every unit's own report for a year: the records attached to that unit only.

    Sick leave, turnover and extra time are R12 ending December of ``year``
    and of ``year - 1``; incidents and safety rounds the calendar years;
    answers those given for ``year``; delegations and certifications as of
    31 December. A delegation belongs to the unit whose tasks it hands
    over; the chain starts with whoever delegates for the root unit or the
    units right below it (the employer's top). Every unit of the
    organisation gets a report, empty or not.

    Examples:
        >>> from samcore import Employee, Employment, Gender, OrgUnit
        >>> org = OrgTree.from_units([OrgUnit(id="k", name="Kommunen"),
        ...                           OrgUnit(id="e", name="Enheten", parent_id="k")])
        >>> data = Dataset(org=org, employees=[Employee(id="p", gender=Gender.MAN)],
        ...                employments=[Employment(employee_id="p", unit_id="e", start=date(2020, 1, 1))])
        >>> reports = build_reports(data, 2024)
        >>> reports["e"].sick_leave.headcount(), reports["k"].sick_leave.headcount()
        (1, 0)
    """
    current = Window.rolling12(Month(year=year, month=12))
    previous = current.previous_year()
    calendar, last_calendar = Window.calendar_year(year), Window.calendar_year(year - 1)
    year_end = calendar.end
    trend = sick_leave_trend(
        dataset.employees, dataset.employments, dataset.sick_leave, (current, previous)
    )
    turnovers = [turnover(dataset.employees, dataset.employments, w) for w in (current, previous)]
    extras = [extra_time(dataset.extra_time, w) for w in (current, previous)]
    incidents = [incident_summary(dataset.incidents, w) for w in (calendar, last_calendar)]
    answers: dict[str, dict[str, AnswerTally]] = {}
    for a in dataset.answers:
        if a.year == year:
            answers.setdefault(a.unit_id, {})[a.question_id] = AnswerTally.of(a.answer)
    risks = _by_unit(r for r in dataset.risks if _followed_up(r, year))
    rounds = _by_unit(c for c in dataset.checklists if c.performed_on in calendar)
    delegations = [d for d in dataset.delegations if _in_force(d, year)]
    root = dataset.org.root.id
    tops = {
        d.delegator_id
        for d in delegations
        if d.unit_id == root or dataset.org.unit(d.unit_id).parent_id == root
    }
    unit_of = {d.id: d.unit_id for d in delegations}
    findings = _by_unit(
        check_delegations(delegations, dataset.certifications, year_end, top_ids=tops),
        lambda f: unit_of[f.delegation_id],
    )
    managers = {unit: {d.delegate_id for d in ds} for unit, ds in _by_unit(delegations).items()}
    latest = latest_certifications(dataset.certifications, year_end)
    reports = {}
    for unit in dataset.org.units:
        uid = unit.id
        own_risks = sorted(risks.get(uid, []), key=lambda r: (-r.level, r.id))
        reports[uid] = Report(
            unit_id=uid,
            year=year,
            sick_leave=trend[current].get(uid, SickLeave()),
            sick_leave_previous=trend[previous].get(uid, SickLeave()),
            turnover=turnovers[0].get(uid, Turnover()),
            turnover_previous=turnovers[1].get(uid, Turnover()),
            extra_time=extras[0].get(uid, ExtraHours()),
            extra_time_previous=extras[1].get(uid, ExtraHours()),
            incidents=incidents[0].get(uid, IncidentSummary()),
            incidents_previous=incidents[1].get(uid, IncidentSummary()),
            answers=answers.get(uid, {}),
            action_plan=ActionPlanSummary.of(own_risks, year_end),
            surveys=SurveySummary.of(rounds.get(uid, [])),
            certified=certified_share(managers.get(uid, ()), latest.values(), year_end),
            delegation_findings=findings.get(uid, ()),
            risks=own_risks,
            risks_reported_onward=[r for r in own_risks if r.reported_onward],
        )
    return reports


def _combine(own: Report, children: list[Report], incoming: tuple[IncomingRisk, ...]) -> Report:
    """A unit's own report with its children's rolled-up reports added in."""
    everything = [own, *children]
    answers: dict[str, AnswerTally] = {}
    for report in everything:
        for qid, tally in report.answers.items():
            answers[qid] = answers.get(qid, AnswerTally()) + tally
    summed = {
        field: sum((getattr(r, field) for r in children), getattr(own, field)) for field in _ADDED
    }
    return Report(
        unit_id=own.unit_id,
        year=own.year,
        answers=answers,
        delegation_findings=[f for r in everything for f in r.delegation_findings],
        risks=own.risks,
        risks_reported_onward=own.risks_reported_onward,
        incoming_risks=incoming,
        **summed,
    )


_ADDED = (
    "sick_leave",
    "sick_leave_previous",
    "turnover",
    "turnover_previous",
    "extra_time",
    "extra_time_previous",
    "incidents",
    "incidents_previous",
    "action_plan",
    "surveys",
    "certified",
)


def roll_up(org: OrgTree, reports: Mapping[str, Report]) -> Reports:
    """Each unit's report with everything below it added in.

    Counts, hours and tallies add, so the root's figures equal one
    computation over all records. Risks travel one level: what a unit's own
    report sends onward arrives in its parent's ``incoming_risks``; a parent
    that cannot act on it reports its own risk onward in turn.

    Raises:
        UnknownUnitError: a unit of ``org`` has no report, or a report names
            a unit that is not in ``org``.
        InvalidValueError: the reports are of different years.

    Examples:
        >>> from samcore import OrgUnit
        >>> org = OrgTree.from_units([OrgUnit(id="k", name="K"), OrgUnit(id="a", name="A", parent_id="k"),
        ...                           OrgUnit(id="b", name="B", parent_id="k")])
        >>> own = {u: Report(unit_id=u, year=2024, extra_time=ExtraHours(overtime=10.0)) for u in "kab"}
        >>> roll_up(org, own)["k"].extra_time.overtime
        30.0
    """
    problems = [f"no report for unit {u!r}" for u in org if u not in reports]
    problems += [
        f"a report for unit {u!r}, which is not in the organisation"
        for u in reports
        if u not in org
    ]
    if problems:
        raise UnknownUnitError(f"reports do not match the organisation: {some(problems, sep='; ')}")
    years = {r.year for r in reports.values()}
    if len(years) > 1:
        raise InvalidValueError(f"'year' must be the same in every report (got {sorted(years)})")
    rolled: dict[str, Report] = {}
    for uid in reversed(org.subtree(org.root.id)):  # children before parents
        kids = org.children(uid)
        incoming = tuple(
            IncomingRisk(from_unit_id=kid.id, risk=risk)
            for kid in kids
            for risk in reports[kid.id].risks_reported_onward
        )
        rolled[uid] = _combine(reports[uid], [rolled[k.id] for k in kids], incoming)
    return Reports(org, {uid: rolled[uid] for uid in org})
