"""Rolling reports up the organisation tree, and the container of the rolled-up reports."""

from __future__ import annotations

from collections.abc import Mapping

from samcore._check import some
from samcore._checklists import AnswerTally
from samcore._org import OrgTree
from samcore._privacy import MIN_GROUP_SIZE, shown_percent
from samcore._render import render_markdown
from samcore._report import IncomingRisk, Report
from samcore._sick_leave import Duration
from samcore.errors import InvalidValueError, UnknownUnitError

__all__ = ["Reports", "roll_up"]


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

        Raises:
            InvalidValueError: ``lang`` is neither ``"sv"`` nor ``"en"``.

        Examples:
            >>> from samcore import OrgUnit
            >>> org = OrgTree.from_units([OrgUnit(id="k", name="Kommunen")])
            >>> "Work-environment report 2024" in Reports(org, {"k": Report(unit_id="k", year=2024)}).render(lang="en")
            True
        """
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
    "managers",
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
        >>> from samcore import ExtraHours, OrgUnit
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
