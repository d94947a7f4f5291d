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

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

import attrs

from samcore._check import (
    describe,
    fail,
    instance_of,
    int_in,
    items,
    mapping_of,
    name_of,
    non_blank,
    non_negative,
    optional,
    require,
    subject_of,
    tuple_of,
)
from samcore._checklists import AnswerTally, SurveySummary
from samcore._delegation import FindingKind
from samcore._employee_survey import MIN_RESPONDENTS
from samcore._extra_time import ExtraHours
from samcore._frozen import EMPTY, FrozenMap, frozen_map, of_type, to_tuple
from samcore._health_factors import HealthFactorSummary
from samcore._incidents import IncidentSummary
from samcore._org import OrgTree
from samcore._plan import Submission
from samcore._privacy import (
    MIN_GROUP_SIZE,
    Cell,
    blank,
    distinct,
    hidden_cells,
    published_percent,
    round_half_up,
)
from samcore._rehab import RehabOutcome
from samcore._rehab_summary import CaseCount, RehabSummary
from samcore._report import (
    ChildReport,
    IncomingRisk,
    Report,
    answers_field,
    children_field,
    risk_checks,
    submission_field,
    texts_field,
)
from samcore._risks import ActionPlanSummary, Risk
from samcore._sick_leave import NEVER_SHOWN, RELATIONS, SLICES, SickLeave
from samcore._turnover import GROUPS, Turnover, group_gender
from samcore._turnover import NEVER_SHOWN as TURNOVER_NEVER_SHOWN
from samcore._turnover import RELATIONS as TURNOVER_RELATIONS

__all__ = ["FIGURE_KEYS", "PublishedReport", "hidden_groups", "publish", "published_rates"]

SICK_FIELDS: Final = ("sick_leave", "sick_leave_previous")
TURNOVER_FIELDS: Final = ("turnover", "turnover_previous")
AGED_FIELDS: Final = ("aged_60", "aged_60_previous")
SURVEY_COUNTS: Final = ("invited", "respondents", "response_percent")
REHAB_COUNTS: Final = ("open", "closed", "plans_on_time", "plans_late", "plans_missing")
_OUTCOMES: Final = tuple(o.value for o in RehabOutcome)


def _figure_keys() -> tuple[str, ...]:
    sick = tuple(SickLeave().figures())
    moves = tuple(Turnover().figures())
    keys = [
        f"{field}.{group}.{name}"
        for field in SICK_FIELDS
        for group in SLICES
        if group not in NEVER_SHOWN
        for name in sick
    ]
    for field in TURNOVER_FIELDS:
        keys += [f"{field}.total.departures", f"{field}.total.retirements"]
        keys += [
            f"{field}.{group}.{name}"
            for group in GROUPS
            if group not in TURNOVER_NEVER_SHOWN
            for name in moves
        ]
    keys += [f"certified.total.{name}" for name in ("managers", "certified", "percent")]
    keys += [f"employee_survey.total.{name}" for name in (*SURVEY_COUNTS, "index")]
    keys += [f"{field}.total.headcount" for field in AGED_FIELDS]
    keys += [f"rehabilitation.cases.{name}" for name in REHAB_COUNTS]
    keys += [f"rehabilitation.{o.value}.percent" for o in RehabOutcome]
    return tuple(keys)


FIGURE_KEYS: Final = _figure_keys()
"""Every key of :attr:`PublishedReport.figures`, in the order they are published."""
_KNOWN: Final = frozenset(FIGURE_KEYS)


def _figures(value: Mapping[str, float | None]) -> Mapping[str, float | None]:
    """Every figure key, a figure left out reading as no data; anything else for the validator."""
    if not isinstance(value, Mapping) or not all(_is_figure_key(k) for k in value):
        return frozen_map(value)  # type: ignore[no-any-return]
    return FrozenMap((key, value.get(key)) for key in FIGURE_KEYS)


def _is_figure_key(value: object) -> bool:
    return isinstance(value, str) and value in _KNOWN


def _figure_key(instance: Any, attribute: Any, value: Any) -> None:
    """Validator of a figure key: one of :data:`FIGURE_KEYS`."""
    if not _is_figure_key(value):
        fail(
            name_of(attribute),
            "be a figure key such as 'sick_leave.total.percent'",
            value,
            subject_of(instance),
        )


def _finding_counts(value: Mapping[FindingKind, int]) -> Mapping[FindingKind, int]:
    """Counts by kind of finding, in the kinds' order; anything else for the validator."""
    if not isinstance(value, Mapping) or not all(isinstance(k, FindingKind) for k in value):
        return frozen_map(value)  # type: ignore[no-any-return]
    return FrozenMap((k, value[k]) for k in FindingKind if k in value)


@attrs.frozen(kw_only=True)
class PublishedReport:
    """A unit's yearly report as a reader may see it: safe to render, serve or publish.

    ``figures`` holds every figure about groups of people, keyed
    ``"<field>.<group>.<figure>"`` (``"sick_leave.woman.percent"``,
    ``"turnover_previous.total.departures"``, ``"certified.total.percent"``),
    rounded as published; a hidden figure is ``None`` and its key is listed
    in ``suppressed``. A figure that is ``None`` without being suppressed
    has no data behind it, and so has a figure left out when the report is
    built by hand: ``figures`` always holds every key that :func:`publish`
    gives, and no other. The rest of the report (incidents, extra hours,
    answers, the action plan, risks) carries no figure about a person and
    is as in the :class:`Report`; delegation findings are counted by kind,
    without the names of the managers.

    Examples:
        >>> p = publish(Report(unit_id="k", year=2024))
        >>> p.figures["sick_leave.total.percent"] is None, p.suppressed
        (True, ())
    """

    unit_id: str = attrs.field(validator=non_blank())
    year: int = attrs.field(validator=int_in(1, 9999))
    month: int = attrs.field(default=12, validator=int_in(1, 12))
    min_group_size: int = attrs.field(default=MIN_GROUP_SIZE, validator=int_in(0))
    figures: Mapping[str, float | None] = attrs.field(
        default=EMPTY,
        converter=_figures,
        validator=mapping_of(_figure_key, optional(non_negative())),
    )
    suppressed: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items(_figure_key, "be a tuple of figure keys")
    )
    extra_time: ExtraHours = of_type(ExtraHours())
    extra_time_previous: ExtraHours = of_type(ExtraHours())
    incidents: IncidentSummary = of_type(IncidentSummary())
    incidents_previous: IncidentSummary = of_type(IncidentSummary())
    answers: Mapping[str, AnswerTally] = answers_field()
    action_plan: ActionPlanSummary = of_type(ActionPlanSummary())
    surveys: SurveySummary = of_type(SurveySummary())
    findings: Mapping[FindingKind, int] = attrs.field(
        default=EMPTY,
        converter=_finding_counts,
        validator=mapping_of(instance_of(FindingKind), int_in(1)),
    )
    risks: tuple[Risk, ...] = attrs.field(default=(), converter=to_tuple, validator=risk_checks())
    risks_reported_onward: tuple[Risk, ...] = attrs.field(
        default=(), converter=to_tuple, validator=risk_checks(onward=True)
    )
    incoming_risks: tuple[IncomingRisk, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(IncomingRisk)
    )
    narratives: Mapping[str, str] = texts_field()
    submission: Submission | None = submission_field()
    health_factors: HealthFactorSummary = of_type(HealthFactorSummary())
    children: Mapping[str, ChildReport] = children_field()

    def __attrs_post_init__(self) -> None:
        for index, key in enumerate(self.suppressed):
            if self.figures[key] is not None:
                fail(
                    f"suppressed[{index}]",
                    "name a figure that is None in figures",
                    key,
                    self._subject,
                )

    @property
    def _subject(self) -> str:
        return describe("a published report", "published report of unit", ("", self.unit_id))

    def figure(self, key: str) -> float | None:
        """One figure by its key; ``None`` when hidden or without data.

        Raises:
            InvalidValueError: ``key`` is not a figure key of published reports.

        Examples:
            >>> publish(Report(unit_id="k", year=2024)).figure("turnover.total.departures")
            0
        """
        require("key", key, _figure_key, self._subject)
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
    require("report", report, instance_of(Report), "publish")
    require("min_group_size", min_group_size, int_in(0), "publish")
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
        figures[f"{field}.total.departures"] = moves.departures()
        figures[f"{field}.total.retirements"] = moves.retirements()
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
    survey = report.employee_survey
    figures["employee_survey.total.invited"] = survey.invited
    figures["employee_survey.total.respondents"] = survey.respondents
    figures["employee_survey.total.response_percent"] = published_percent(survey.response_rate)
    add(
        "employee_survey",
        "total",
        {"index": None if survey.index is None else float(round_half_up(survey.index))},
    )
    for field in AGED_FIELDS:
        add(field, "total", {"headcount": getattr(report, field).count})
    rehab = report.rehabilitation
    add("rehabilitation", "cases", {name: _rehab_count(rehab, name) for name in REHAB_COUNTS})
    for outcome in RehabOutcome:
        share = published_percent(rehab.outcome_share(outcome))
        add("rehabilitation", outcome.value, {"percent": share})
    kinds = [f.kind for f in report.delegation_findings]
    return PublishedReport(
        unit_id=report.unit_id,
        year=report.year,
        month=report.month,
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
        narratives=report.narratives,
        submission=report.submission,
        children=report.children,
        health_factors=report.health_factors,
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
    siblings too. The sizes of the groups a subtraction reveals are counted
    over distinct people, known in memory after :func:`roll_up`; where they
    are not known (reports read from JSON), the largest part stands in for
    the union, which can only hide more.

    Examples:
        >>> sorted(hidden_groups({"k": Report(unit_id="k", year=2024)}))[:4]
        ['aged_60', 'aged_60_previous', 'certified', 'employee_survey']
    """
    tree = org if own is not None else None
    hidden: dict[str, frozenset[Cell]] = {}
    measured = ("certified", "employee_survey", "rehabilitation", *AGED_FIELDS)
    for field in (*SICK_FIELDS, *TURNOVER_FIELDS, *measured):
        measure = _MEASURES[field.removesuffix("_previous")]
        members: dict[Cell, Any] = {}
        counts: dict[Cell, float] = {}
        months = 0  # the turnover's month-ends, the same in every report of a roll-up
        for uid, report in reports.items():
            sources = [(report, False)]
            if tree is not None and own is not None and tree.children(uid):
                sources.append((own[uid], True))
            for source, is_own in sources:
                value = getattr(source, measure.field or field)
                months = max(months, getattr(value, "months", 0))
                for group in measure.groups:
                    members[(uid, group, is_own)] = measure.people(value, group)
                    counts[(uid, group, is_own)] = measure.count(value, group)
        exact = tree is not None and all(m is not None for m in members.values())
        hidden[field] = hidden_cells(
            members if exact else counts,
            measure.size(months) if exact else (sum if tree is None else max),
            relations=measure.relations,
            never_shown=measure.never_shown,
            org=tree,
            min_group_size=measure.limit(min_group_size),
        )
    return hidden


@attrs.frozen
class _Measure:
    """How to find the people of a group of one kind of figure, and how many they are."""

    groups: Sequence[str]
    relations: Sequence[tuple[str, Sequence[str]]]
    never_shown: Sequence[str]
    people: Callable[[Any, str], object]
    count: Callable[[Any, str], float]
    size: Callable[[int], Callable[[Sequence[Any]], float]]
    field: str | None = None
    limit: Callable[[int], int] = lambda n: n
    """The largest group hidden, from the threshold of people asked for."""


_MEASURES: Final = {
    "sick_leave": _Measure(
        groups=tuple(SLICES),
        relations=RELATIONS,
        never_shown=NEVER_SHOWN,
        people=lambda s, g: s.people(gender=SLICES[g][0], age_band=SLICES[g][1]),
        count=lambda s, g: s.headcount(gender=SLICES[g][0], age_band=SLICES[g][1]),
        size=lambda _: distinct,
    ),
    "turnover": _Measure(
        groups=GROUPS,
        relations=TURNOVER_RELATIONS,
        never_shown=TURNOVER_NEVER_SHOWN,
        people=lambda t, g: t.people(group_gender(g)),
        count=lambda t, g: t.average_headcount(gender=group_gender(g)),
        size=lambda months: _average(months),
    ),
    "certified": _Measure(
        groups=("total",),
        relations=(("total", ()),),
        never_shown=(),
        people=lambda m, _: m.people if m.count else frozenset(),
        count=lambda m, _: m.count,
        size=lambda _: distinct,
        field="managers",
    ),
    # The staff aged 60 or more: a group of people like any other.
    "aged_60": _Measure(
        groups=("total",),
        relations=(("total", ()),),
        never_shown=(),
        people=lambda h, _: h.people if h.count else frozenset(),
        count=lambda h, _: h.count,
        size=lambda _: distinct,
    ),
    # Everyone in a rehabilitation case of the unit; the outcomes divide the closed cases.
    "rehabilitation": _Measure(
        groups=("cases", "closed", *_OUTCOMES),
        relations=(("cases", ()), ("closed", _OUTCOMES)),
        never_shown=(),  # the closed cases are shown: taken as known, their parts protected
        people=lambda r, g: _rehab_people(r, g),
        count=lambda r, g: sum(c.headcount for c in _rehab_counts(r, g)),
        size=lambda _: distinct,
    ),
    # Respondents are distinct by construction (each answers once, for their own unit), so
    # counts add exactly; the index hides at five respondents or fewer (seed 004).
    "employee_survey": _Measure(
        groups=("total",),
        relations=(("total", ()),),
        never_shown=(),
        people=lambda s, _: s.indexed,
        count=lambda s, _: s.indexed,
        size=lambda _: sum,
        limit=lambda n: min(n, MIN_RESPONDENTS),
    ),
}


def _rehab_counts(rehab: RehabSummary, group: str) -> list[CaseCount]:
    """The case counts behind a group of the rehabilitation figures."""
    if group == "cases":
        plans = [rehab.plans_on_time, rehab.plans_late, rehab.plans_missing]
        return [rehab.open, *rehab.closed.values(), *plans]
    if group == "closed":
        return list(rehab.closed.values())
    return [rehab.closed.get(RehabOutcome(group), CaseCount())]


def _rehab_people(rehab: RehabSummary, group: str) -> frozenset[str] | None:
    """The distinct people of a group, or ``None`` when a count's people are not known."""
    counts = _rehab_counts(rehab, group)
    if any(c.people is None and c.headcount for c in counts):
        return None
    return frozenset().union(*(c.people or () for c in counts))


def _rehab_count(rehab: RehabSummary, name: str) -> int:
    """A count of cases of the rehabilitation table."""
    if name == "closed":  # case by case: a value read from JSON keeps no people to add
        return sum(c.cases for c in rehab.closed.values())
    return int(getattr(rehab, name).cases)


def _average(months: int) -> Callable[[Sequence[Mapping[str, int]]], float]:
    """Average month-end headcount of the union of presence masks."""

    def size(members: Sequence[Mapping[str, int]]) -> float:
        merged: dict[str, int] = {}
        for masks in members:
            for person, mask in masks.items():
                merged[person] = merged.get(person, 0) | mask
        return sum(m.bit_count() for m in merged.values()) / months if months else 0.0

    return size


def published_rates(
    sick: Mapping[str, SickLeave],
    *,
    org: OrgTree | None = None,
    min_group_size: int = MIN_GROUP_SIZE,
) -> dict[str, float | None]:
    """Published total sick-leave percent of each group, protected as in the reports.

    With ``org``, ``sick`` holds each unit's own sick leave and the rates are
    of whole subtrees, protected against parents and siblings as
    :meth:`Reports.published` protects them. Without it, the groups (say,
    personnel groups) are parts of one whole, whose rate is published
    elsewhere: no hidden group may be the difference.

    Examples:
        >>> published_rates({"a": SickLeave(), "b": SickLeave()})
        {'a': None, 'b': None}
    """
    if org is not None:
        rolled: dict[str, SickLeave] = {}
        for uid in reversed(org.subtree(org.root.id)):  # children first
            kids = (rolled[k.id] for k in org.children(uid))
            rolled[uid] = sum(kids, sick.get(uid, SickLeave()))
        own = {u: Report(unit_id=u, year=1, sick_leave=sick.get(u, SickLeave())) for u in rolled}
        whole = {u: Report(unit_id=u, year=1, sick_leave=s) for u, s in rolled.items()}
        tree = hidden_groups(whole, own=own, org=org, min_group_size=min_group_size)["sick_leave"]
        return {
            u: None if (u, "total", False) in tree else s.figures()["percent"]
            for u, s in rolled.items()
        }
    hidden = hidden_parts(sick, min_group_size=min_group_size)
    return {g: None if g in hidden else s.figures()["percent"] for g, s in sick.items()}


def hidden_parts(
    sick: Mapping[str, SickLeave], *, min_group_size: int = MIN_GROUP_SIZE
) -> frozenset[str]:
    """The parts of one whole (published elsewhere) that may show no figure at all.

    A part of ``min_group_size`` people or fewer is hidden, and so is any
    part whose figures the whole minus the parts shown would give away.
    People are counted once, also when they are in two parts.

    Examples:
        >>> from samcore import AgeBand, Gender, SickLeaveCell
        >>> def part(name: str, n: int) -> SickLeave:
        ...     people = frozenset(f"{name}{i}" for i in range(n))
        ...     return SickLeave(cells=[SickLeaveCell(gender=Gender.MAN, age_band=AgeBand.UNKNOWN,
        ...                                           headcount=n, people=people)])
        >>> sorted(hidden_parts({"a": part("a", 30), "b": part("b", 12), "c": part("c", 3)}))
        ['b', 'c']
    """
    groups = list(sick)
    members: dict[Cell, Any] = {("", g, False): sick[g].people() for g in groups}
    total = sum(sick.values(), SickLeave())
    members[("", "\0total", False)] = total.people()
    exact = all(m is not None for m in members.values())
    if not exact:
        members = {("", g, False): sick[g].headcount() for g in groups}
        members[("", "\0total", False)] = total.headcount()
    hidden = hidden_cells(
        members,
        distinct if exact else max,
        relations=[("\0total", groups)],
        min_group_size=min_group_size,
    )
    return frozenset(g for _, g, _ in hidden if g in sick)
