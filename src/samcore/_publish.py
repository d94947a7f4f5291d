"""The published form of reports: what a reader may see, with every small group protected.

Everything samcore shows a reader (rendered text, rows, plots, public JSON)
is built from a :class:`PublishedReport`. Building one applies the rules of
the privacy module to the sick-leave, turnover and certification figures:
a group of ``min_group_size`` people or fewer shows no figure, and neither
does any group whose figure could be worked out from the figures shown
beside it or from a parent and its other children. Nothing in a published
report names an employee.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Final

import attrs

from samcore._check import to_tuple
from samcore._checklists import AnswerTally, SurveySummary
from samcore._delegation import FindingKind, Managers
from samcore._extra_time import ExtraHours
from samcore._incidents import IncidentSummary
from samcore._org import OrgTree
from samcore._people import Gender
from samcore._privacy import MIN_GROUP_SIZE, Cell, blank, distinct, hidden_cells, published_percent
from samcore._report import IncomingRisk, Report
from samcore._risks import ActionPlanSummary, Risk
from samcore._sick_leave import NEVER_SHOWN, RELATIONS, SLICES, SickLeave
from samcore._turnover import GROUPS, Turnover
from samcore._turnover import NEVER_SHOWN as TURNOVER_NEVER_SHOWN
from samcore._turnover import RELATIONS as TURNOVER_RELATIONS
from samcore.errors import InvalidValueError

__all__ = ["PublishedReport", "hidden_groups", "publish"]

SICK_FIELDS: Final = ("sick_leave", "sick_leave_previous")
TURNOVER_FIELDS: Final = ("turnover", "turnover_previous")


def _frozen(value: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(value))


@attrs.frozen(kw_only=True)
class PublishedReport:
    """A unit's yearly report as a reader may see it: safe to render, serve or publish.

    ``figures`` holds every figure about groups of people, keyed
    ``"<field>.<group>.<figure>"`` (``"sick_leave.woman.percent"``,
    ``"turnover_previous.total.departures"``, ``"certified.total.percent"``),
    rounded as published; a hidden figure is ``None`` and its key is listed
    in ``suppressed``. A figure that is ``None`` without being suppressed
    has no data behind it. The rest of the report (incidents, extra hours,
    answers, the action plan, risks) carries no figure about a person and
    is as in the :class:`Report`; delegation findings are counted by kind,
    without the names of the managers.

    Examples:
        >>> p = publish(Report(unit_id="k", year=2024))
        >>> p.figures["sick_leave.total.percent"] is None, p.suppressed
        (True, ())
    """

    unit_id: str
    year: int
    min_group_size: int = MIN_GROUP_SIZE
    figures: Mapping[str, float | None] = attrs.field(
        factory=lambda: MappingProxyType({}), converter=_frozen
    )
    suppressed: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    extra_time: ExtraHours = ExtraHours()
    extra_time_previous: ExtraHours = ExtraHours()
    incidents: IncidentSummary = IncidentSummary()
    incidents_previous: IncidentSummary = IncidentSummary()
    answers: Mapping[str, AnswerTally] = attrs.field(
        factory=lambda: MappingProxyType({}), converter=_frozen
    )
    action_plan: ActionPlanSummary = ActionPlanSummary()
    surveys: SurveySummary = SurveySummary()
    findings: Mapping[FindingKind, int] = attrs.field(
        factory=lambda: MappingProxyType({}), converter=_frozen
    )
    risks: tuple[Risk, ...] = attrs.field(default=(), converter=to_tuple)
    risks_reported_onward: tuple[Risk, ...] = attrs.field(default=(), converter=to_tuple)
    incoming_risks: tuple[IncomingRisk, ...] = attrs.field(default=(), converter=to_tuple)

    def figure(self, key: str) -> float | None:
        """One figure by its key; ``None`` when hidden or without data.

        Examples:
            >>> publish(Report(unit_id="k", year=2024)).figure("turnover.total.departures")
            0
        """
        return self.figures[key]


def publish(
    report: Report,
    *,
    min_group_size: int = MIN_GROUP_SIZE,
    hidden: Mapping[str, frozenset[Cell]] | None = None,
) -> PublishedReport:
    """The published form of one report.

    On its own, a report is protected within each of its tables (total
    minus women gives men and the unspecified). To publish the reports of
    a whole organisation, use :meth:`Reports.published`, which also protects
    each unit against its parent and siblings.

    Examples:
        >>> from samcore import AgeBand, Gender, SickLeaveCell
        >>> cells = [SickLeaveCell(gender=Gender.WOMAN, age_band=AgeBand.UNKNOWN, headcount=11,
        ...                        scheduled_hours=1100.0, short_hours=4.4),
        ...          SickLeaveCell(gender=Gender.MAN, age_band=AgeBand.UNKNOWN, headcount=1,
        ...                        scheduled_hours=100.0, short_hours=41.0)]
        >>> p = publish(Report(unit_id="k", year=2024, sick_leave=SickLeave(cells=cells)))
        >>> p.figure("sick_leave.total.percent"), p.figure("sick_leave.woman.percent")
        (3.8, None)
    """
    if hidden is None:
        hidden = hidden_groups({report.unit_id: report}, min_group_size=min_group_size)
    figures: dict[str, float | None] = {}
    suppressed: list[str] = []

    def add(field: str, group: str, values: dict[str, float | None]) -> None:
        is_hidden = (report.unit_id, group, False) in hidden[field]
        for name, value in blank(values, is_hidden).items():
            key = f"{field}.{group}.{name}"
            figures[key] = value
            if is_hidden and values[name] is not None:
                suppressed.append(key)

    for field in SICK_FIELDS:
        sick: SickLeave = getattr(report, field)
        for group in SLICES:
            if group not in NEVER_SHOWN:
                add(field, group, sick.figures(group))
    for field in TURNOVER_FIELDS:
        moves: Turnover = getattr(report, field)
        for group in GROUPS:
            if group not in TURNOVER_NEVER_SHOWN:
                add(field, group, moves.figures(group))
    managers = report.managers
    add(
        "certified",
        "total",
        {
            "managers": managers.count,
            "certified": managers.certified,
            "percent": published_percent(managers.share),
        },
    )
    kinds = [f.kind for f in report.delegation_findings]
    return PublishedReport(
        unit_id=report.unit_id,
        year=report.year,
        min_group_size=min_group_size,
        figures=figures,
        suppressed=suppressed,
        extra_time=report.extra_time,
        extra_time_previous=report.extra_time_previous,
        incidents=report.incidents,
        incidents_previous=report.incidents_previous,
        answers=report.answers,
        action_plan=report.action_plan,
        surveys=report.surveys,
        findings={k: kinds.count(k) for k in FindingKind if k in kinds},
        risks=report.risks,
        risks_reported_onward=report.risks_reported_onward,
        incoming_risks=report.incoming_risks,
    )


def hidden_groups(
    reports: Mapping[str, Report],
    *,
    own: Mapping[str, Report] | None = None,
    org: OrgTree | None = None,
    min_group_size: int = MIN_GROUP_SIZE,
) -> dict[str, frozenset[Cell]]:
    """The hidden groups of every measure, for rolled-up ``reports`` and their units' ``own``.

    With ``org`` and ``own``, each unit is protected against its parent and
    siblings too; the people behind the counts must then be known (they
    are, in memory, after :func:`roll_up`).
    """
    tree = org if own is not None else None
    hidden: dict[str, frozenset[Cell]] = {}
    for field in SICK_FIELDS:
        hidden[field] = _hide(
            field,
            reports,
            own,
            tree,
            lambda r, g: _sick_members(r, g, tree is not None),
            distinct if tree is not None else sum,
            RELATIONS,
            NEVER_SHOWN,
            min_group_size,
        )
    for field in TURNOVER_FIELDS:
        months = max((getattr(r, field).months for r in reports.values()), default=0)
        hidden[field] = _hide(
            field,
            reports,
            own,
            tree,
            lambda r, g: _turnover_members(r, g, tree is not None),
            _average(months) if tree is not None else sum,
            TURNOVER_RELATIONS,
            TURNOVER_NEVER_SHOWN,
            min_group_size,
        )
    hidden["certified"] = _hide(
        "managers",
        reports,
        own,
        tree,
        lambda r, g: _manager_members(r, tree is not None),
        distinct if tree is not None else sum,
        (),
        (),
        min_group_size,
    )
    return hidden


def _hide(
    field: str,
    reports: Mapping[str, Report],
    own: Mapping[str, Report] | None,
    org: OrgTree | None,
    members_of: Callable[[Any, str], object],
    size: Callable[[Sequence[Any]], float],
    relations: Sequence[tuple[str, Sequence[str]]],
    never_shown: Iterable[str],
    min_group_size: int,
) -> frozenset[Cell]:
    groups = sorted({g for whole, parts in relations for g in (whole, *parts)}) or ["total"]
    members: dict[Cell, object] = {}
    for uid, report in reports.items():
        for group in groups:
            members[(uid, group, False)] = members_of(getattr(report, field), group)
            if own is not None and org is not None and org.children(uid):
                members[(uid, group, True)] = members_of(getattr(own[uid], field), group)
    return hidden_cells(
        members,
        size,
        relations=relations or [("total", ())],
        never_shown=never_shown,
        org=org,
        min_group_size=min_group_size,
    )


def _known(people: object, what: str) -> object:
    if people is None:
        raise InvalidValueError(
            f"cannot protect the {what} of a tree of reports: the people behind the counts are "
            "not known (values read from JSON keep their counts only); publish from roll_up()"
        )
    return people


def _sick_members(sick: SickLeave, group: str, exact: bool) -> object:
    gender, band = SLICES[group]
    if exact:
        return _known(sick.people(gender=gender, age_band=band), "sick-leave figures")
    return sick.headcount(gender=gender, age_band=band)


def _turnover_members(moves: Turnover, group: str, exact: bool) -> object:
    gender = None if group == "total" else Gender(group)
    if exact:
        return _known(moves.people(gender), "turnover figures")
    return moves.average_headcount(gender=gender)


def _manager_members(managers: Managers, exact: bool) -> object:
    return (
        _known(managers.people if managers.count else frozenset(), "certified share")
        if exact
        else managers.count
    )


def _average(months: int) -> Callable[[Sequence[Mapping[str, int]]], float]:
    """Average month-end headcount of the union of presence masks."""

    def size(members: Sequence[Mapping[str, int]]) -> float:
        merged: dict[str, int] = {}
        for masks in members:
            for person, mask in masks.items():
                merged[person] = merged.get(person, 0) | mask
        return sum(m.bit_count() for m in merged.values()) / months if months else 0.0

    return size
