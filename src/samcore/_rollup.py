"""Rolling reports up the organisation tree, and the container of the rolled-up reports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from samcore._check import entry, fail, instance_of, int_in, require, show, some
from samcore._checklists import AnswerTally
from samcore._monoid import total
from samcore._org import OrgTree, OrgUnit
from samcore._privacy import MIN_GROUP_SIZE
from samcore._publish import PublishedReport, hidden_groups, publish
from samcore._render import render_markdown
from samcore._report import ChildReport, IncomingRisk, Report, unvalidated
from samcore._risks import Risk
from samcore._template import Template
from samcore.errors import InvalidValueError, UnknownUnitError

__all__ = ["Reports", "roll_up"]


class Reports(dict[str, Report]):
    """Rolled-up reports by unit id, knowing their organisation and each unit's own report.

    ``own`` holds each unit's report before the roll-up (as :func:`roll_up`
    gives it); it is needed for an organisation of more than one unit, since
    a parent minus its children gives its own staff. Shows as the root's
    report in a notebook. Everything meant for a reader
    (``render``, ``rows``, ``published``) goes through the publication
    rules over the whole tree: no small group's figure shows, and none can
    be worked out from a parent and its other children.

    Examples:
        >>> from samcore import OrgUnit
        >>> org = OrgTree.from_units([OrgUnit(id="k", name="Kommunen")])
        >>> reports = roll_up(org, {"k": Report(unit_id="k", year=2024)})
        >>> reports.root.unit_id, "Arbetsmiljörapport 2024" in reports.render()
        ('k', True)
    """

    def __init__(
        self, org: OrgTree, reports: Mapping[str, Report], own: Mapping[str, Report] | None = None
    ) -> None:
        require("org", org, instance_of(OrgTree), "reports")
        _check_reports("reports", reports, org)
        if own is not None:
            _check_reports("own", own, org)
        elif len(org) > 1:
            raise InvalidValueError(
                "'own' must be given for an organisation of more than one unit: without each "
                "unit's own report, a parent minus its children cannot be protected (roll_up() "
                "gives both)"
            )
        super().__init__(reports)
        self.org = org
        self.own = dict(reports if own is None else own)
        self._published: dict[int, dict[str, PublishedReport]] = {}

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickle and copy the reports, the tree and the units' own reports; the
        # published forms are a cache, computed again when asked for.
        return (Reports, (self.org, dict(self), self.own))

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

    def published(self, *, min_group_size: int = MIN_GROUP_SIZE) -> dict[str, PublishedReport]:
        """Every unit's report as a reader may see it, protected across the whole tree.

        Safe to render, serve as JSON (``to_json(reports.published()[unit])``)
        or publish. Computed once per threshold and kept.

        Examples:
            >>> from samcore import OrgUnit
            >>> org = OrgTree.from_units([OrgUnit(id="k", name="Kommunen")])
            >>> published = roll_up(org, {"k": Report(unit_id="k", year=2024)}).published()
            >>> published["k"].figure("sick_leave.total.percent") is None
            True
        """
        require("min_group_size", min_group_size, int_in(0), "reports")
        cached = self._published.get(min_group_size)
        if cached is None:
            hidden = hidden_groups(self, own=self.own, org=self.org, min_group_size=min_group_size)
            cached = {
                uid: publish(report, min_group_size=min_group_size, hidden=hidden)
                for uid, report in self.items()
            }
            self._published[min_group_size] = cached
        return cached

    def render(
        self,
        unit_id: str | None = None,
        *,
        lang: str = "sv",
        min_group_size: int = MIN_GROUP_SIZE,
        template: Template | None = None,
    ) -> str:
        """One unit's report (the root's by default) as Markdown, from its published form.

        Sections follow ``template``, by default the shipped template of the year.

        Raises:
            InvalidValueError: ``lang`` is neither ``"sv"`` nor ``"en"``.

        Examples:
            >>> from samcore import OrgUnit
            >>> org = OrgTree.from_units([OrgUnit(id="k", name="Kommunen")])
            >>> "Work-environment report 2024" in Reports(org, {"k": Report(unit_id="k", year=2024)}).render(lang="en")
            True
        """
        uid = self.org.root.id if unit_id is None else self.org.unit(unit_id).id
        report = self.published(min_group_size=min_group_size)[uid]
        return render_markdown(report, self.org, lang=lang, template=template)

    def rows(self, *, min_group_size: int = MIN_GROUP_SIZE) -> list[dict[str, object]]:
        """One plain row of published key figures per unit, parents first, for a DataFrame.

        Percentages are ``None`` where the group is hidden (``min_group_size``
        people or fewer, or derivable from the figures shown) or has no data,
        as in the rendered report.

        Examples:
            >>> from samcore import OrgUnit
            >>> org = OrgTree.from_units([OrgUnit(id="k", name="Kommunen", level="kommun")])
            >>> row = Reports(org, {"k": Report(unit_id="k", year=2024)}).rows()[0]
            >>> row["unit_id"], row["name"], row["sick_leave_percent"], row["injuries"]
            ('k', 'Kommunen', None, 0)
        """
        published = self.published(min_group_size=min_group_size)
        return [_row(unit, published[unit.id]) for unit in self.org.units]

    def _repr_markdown_(self) -> str:
        return self.render()


_COLUMNS: Final = {
    "headcount": "sick_leave.total.headcount",
    "sick_leave_percent": "sick_leave.total.percent",
    "sick_leave_previous_percent": "sick_leave_previous.total.percent",
    "short_percent": "sick_leave.total.short_percent",
    "long_percent": "sick_leave.total.long_percent",
    "long_term_share_percent": "sick_leave.total.long_term_share_percent",
    "women_percent": "sick_leave.woman.percent",
    "men_percent": "sick_leave.man.percent",
    "turnover_percent": "turnover.total.percent",
    "departures": "turnover.total.departures",
    "certified_percent": "certified.total.percent",
}


def _row(unit: OrgUnit, report: PublishedReport) -> dict[str, object]:
    return {
        "unit_id": unit.id,
        "name": unit.name,
        "level": unit.level,
        "parent_id": unit.parent_id,
        "year": report.year,
        **{column: report.figures[key] for column, key in _COLUMNS.items()},
        "additional_hours": report.extra_time.additional,
        "overtime_hours": report.extra_time.overtime,
        "injuries": report.incidents.injuries,
        "near_misses": report.incidents.near_misses,
        "closed_incidents": report.incidents.closed,
        "serious_incidents": report.incidents.serious,
        "measures_overdue": report.action_plan.overdue,
        "delegation_findings": sum(report.findings.values()),
        "risks_reported_onward": len(report.risks_reported_onward),
        "incoming_risks": len(report.incoming_risks),
    }


def _combine(
    own: Report, children: list[Report], incoming: list[IncomingRisk], missing: Mapping[str, int]
) -> Report:
    """A unit's own report with its children's rolled-up reports added in.

    Each sum is built once from all the parts, and the report once from the
    sums, which are valid values already (see :func:`unvalidated`). A unit
    with nothing below it keeps its own report.
    """
    if not (children or incoming or own.children or own.incoming_risks):
        return own
    everything = [own, *children]
    tallies: dict[str, list[AnswerTally]] = {}
    for report in everything:
        for qid, tally in report.answers.items():
            tallies.setdefault(qid, []).append(tally)
    summed = {field: total([getattr(r, field) for r in everything]) for field in _ADDED}
    return unvalidated(
        Report,
        unit_id=own.unit_id,
        year=own.year,
        month=own.month,
        answers={qid: total(parts) for qid, parts in tallies.items()},
        delegation_findings=[f for r in everything for f in r.delegation_findings],
        risks=own.risks,
        risks_reported_onward=own.risks_reported_onward,
        incoming_risks=incoming,
        narratives=own.narratives,
        submission=own.submission,
        children={
            kid.unit_id: unvalidated(
                ChildReport,
                answers=kid.answers,
                narratives=kid.narratives,
                submission=kid.submission,
                missing=missing[kid.unit_id],
            )
            for kid in children
        },
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
    "employee_survey",
    "rehabilitation",
    "health_factors",
    "aged_60",
    "aged_60_previous",
    "managers",
)


def _risk_order(risk: Risk) -> tuple[int, str]:
    """Highest level first, then by id: the order of risks in a report."""
    return (-risk.level, risk.id)


def _check_reports(field: str, reports: object, org: OrgTree) -> None:
    """A mapping of unit id to that unit's :class:`Report`, one for every unit of ``org``."""
    if not isinstance(reports, Mapping):
        fail(field, "be a mapping of unit id to Report", reports, "reports")
    for uid, report in reports.items():
        if not isinstance(report, Report):
            fail(entry(field, uid), "be a Report", report, "reports")
        if report.unit_id != uid:
            fail(entry(field, uid), f"be the report of unit {show(uid)}", report.unit_id, "reports")
    problems = [f"no report for unit {show(u)}" for u in org if u not in reports]
    problems += [
        f"a report for unit {show(u)}, which is not in the organisation"
        for u in reports
        if u not in org
    ]
    if problems:
        raise UnknownUnitError(f"reports do not match the organisation: {some(problems, sep='; ')}")


def roll_up(org: OrgTree, reports: Mapping[str, Report]) -> Reports:
    """Each unit's report with everything below it added in.

    Counts, hours and tallies add, so the root's figures equal one
    computation over all records. Risks climb: what a unit's own report
    sends onward arrives in its parent's ``incoming_risks``, and, when the
    risk is ``reported_to`` a unit further up, in the report of every unit
    on the way (marked ``onward`` there), keeping the unit it came from.
    Each parent's ``children`` holds what its children answered and wrote.

    Incoming risks come in the tree's order of the units they came from,
    each unit's highest level first, whatever the order of the reports given.

    Raises:
        UnknownUnitError: a unit of ``org`` has no report, or a report names
            a unit that is not in ``org``.
        InvalidValueError: the reports are of different years or months, a
            risk is reported to a unit that is not above its own, ``org`` is
            not an OrgTree, or ``reports`` is not a mapping of unit id to that
            unit's Report.

    Examples:
        >>> from samcore import ExtraHours, OrgUnit
        >>> org = OrgTree.from_units([OrgUnit(id="k", name="K"), OrgUnit(id="a", name="A", parent_id="k"),
        ...                           OrgUnit(id="b", name="B", parent_id="k")])
        >>> own = {u: Report(unit_id=u, year=2024, extra_time=ExtraHours(overtime=10.0)) for u in "kab"}
        >>> roll_up(org, own)["k"].extra_time.overtime
        30.0
    """
    require("org", org, instance_of(OrgTree), "roll_up")
    _check_reports("reports", reports, org)
    periods = {(r.year, r.month) for r in reports.values()}
    if len(periods) > 1:
        raise InvalidValueError(
            "'year' and 'month' must be the same in every report "
            f"(got {', '.join(f'{y}-{m:02}' for y, m in sorted(periods))})"
        )
    order = org.subtree(org.root.id)  # parents before children, in the tree's order
    incoming: dict[str, list[IncomingRisk]] = {uid: [] for uid in order}
    for uid in order:
        for risk in sorted(reports[uid].risks_reported_onward, key=_risk_order):
            for above, onward in _climb(org, risk):
                incoming[above].append(IncomingRisk(from_unit_id=uid, risk=risk, onward=onward))
    rolled: dict[str, Report] = {}
    missing: dict[str, int] = {}  # reports of each subtree not handed in yet
    for uid in reversed(order):  # children before parents
        kids = [rolled[k.id] for k in org.children(uid)]
        rolled[uid] = _combine(reports[uid], kids, incoming[uid], missing)
        handed = reports[uid].submission
        missing[uid] = sum(missing[k.unit_id] for k in kids) + (
            handed is None or handed.submitted_on is None
        )
    return Reports(org, {uid: rolled[uid] for uid in org}, own=reports)


def _climb(org: OrgTree, risk: Risk) -> list[tuple[str, bool]]:
    """The units a risk reported onward passes, lowest first, and whether each passes it on."""
    above = [u.id for u in org.ancestors(risk.unit_id)]
    target = above[0] if risk.reported_to is None and above else risk.reported_to
    if target is None:  # the root's risks have nowhere to go
        return []
    if target not in above:
        raise InvalidValueError(
            f"'reported_to' must be a unit above {show(risk.unit_id)} (got {show(target)}) "
            f"for risk {show(risk.id)}"
        )
    path = above[: above.index(target) + 1]
    return [(uid, uid != target) for uid in path]
