"""Hypothesis strategies that build valid samcore objects, for your own tests.

Install the ``testing`` extra (``pip install "samcore[testing]"``), then use
them as any strategy::

    from hypothesis import given
    from samcore import strategies as sst

    @given(sst.employments())
    def test_my_exporter_takes_any_employment(employment): ...

Every strategy draws only values that construct without error, and keeps
dates in 1990..2035 so that windows and spells meet often. Ids are short
lowercase strings; pass your own strategies where ids must match (an
employment's ``employee_id`` and an employee's ``id``, say).

Examples:
    >>> from hypothesis import find
    >>> from samcore import Employee
    >>> isinstance(find(employees(), lambda _: True), Employee)
    True
"""

from __future__ import annotations

import itertools
import string
from datetime import date, timedelta
from typing import TypeVar

import attrs
from hypothesis import strategies as st

from samcore._age import Headcount
from samcore._certification import Certification, Managers
from samcore._checklists import Answer, AnswerTally, Checklist, ChecklistItem, SurveySummary
from samcore._dataset import Dataset
from samcore._delegation import Delegation, Finding, FindingKind
from samcore._diagnostics import Diagnostics, UncoveredSickDays
from samcore._employee_survey import EmployeeSurvey, SurveyResult
from samcore._extra_time import ExtraHours, WorkingTimeRule, WorkingTimeViolation
from samcore._groups import PersonnelGroupRow
from samcore._health_factors import (
    HEALTH_FACTOR_SCALE,
    HealthFactor,
    HealthFactorInventory,
    HealthFactorSummary,
)
from samcore._incidents import Incident, IncidentKind, IncidentSummary
from samcore._kolada import KOLADA_KPIS, KoladaComparison, KoladaValue
from samcore._narratives import Narrative
from samcore._org import OrgTree, OrgUnit
from samcore._people import (
    AgeBand,
    Employee,
    Employment,
    EmploymentType,
    EndReason,
    ExtraTime,
    ExtraTimeKind,
    Gender,
    SickLeavePeriod,
)
from samcore._plan import AggregationPlan, ReportState, Step, Submission
from samcore._prepared import Workforce
from samcore._progress import ChildProgress, Progress, progress
from samcore._publish import PublishedReport
from samcore._questions import Question, QuestionnaireAnswer, Rule
from samcore._ratio import Ratio
from samcore._rehab import RehabCase, RehabOutcome, RehabStep, RehabStepTaken
from samcore._rehab_summary import CaseCount, RehabSummary
from samcore._report import ChildReport, IncomingRisk, Report, build_reports
from samcore._risks import (
    ActionPlanSummary,
    Measure,
    MeasureStatus,
    OpenMeasure,
    Risk,
    RiskBand,
    RiskMatrix,
)
from samcore._rollup import roll_up
from samcore._schedule import WorkingDays
from samcore._sick_leave import SickLeave, SickLeaveCell
from samcore._signals import Signal, SignalPolicy, SignalRule
from samcore._template import ALL_QUESTIONS, QUESTIONS, TEMPLATE_2024, Section, Table, Template
from samcore._time import Month, Window
from samcore._turnover import Turnover

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "LEVELS",
    "action_plan_summaries",
    "aggregation_plans",
    "answer_tallies",
    "case_counts",
    "certifications",
    "checklist_items",
    "checklists",
    "child_progresses",
    "child_reports",
    "datasets",
    "days",
    "delegations",
    "diagnostics",
    "employee_surveys",
    "employees",
    "employments",
    "extra_hours",
    "extra_times",
    "findings",
    "headcounts",
    "health_factor_inventories",
    "health_factor_summaries",
    "ids",
    "incident_summaries",
    "incidents",
    "incoming_risks",
    "kolada_comparisons",
    "kolada_values",
    "levelled_org_trees",
    "managers",
    "measures",
    "months",
    "narratives",
    "open_measures",
    "org_trees",
    "org_units",
    "personnel_group_rows",
    "progresses",
    "published_reports",
    "questionnaire_answers",
    "questions",
    "ratios",
    "rehab_cases",
    "rehab_steps_taken",
    "rehab_summaries",
    "reports",
    "risk_bands",
    "risk_matrices",
    "risks",
    "sick_leave_cells",
    "sick_leave_periods",
    "sick_leaves",
    "signal_policies",
    "signals",
    "steps",
    "submissions",
    "survey_results",
    "survey_summaries",
    "templates",
    "texts",
    "turnovers",
    "uncovered_sick_days",
    "windows",
    "workforces",
    "working_days",
    "working_time_violations",
]

T = TypeVar("T")

FIRST_DAY = date(1990, 1, 1)
"""The earliest day the strategies draw."""
LAST_DAY = date(2035, 12, 31)
"""The latest day the strategies draw."""
LEVELS = ("kommun", "nämnd", "förvaltning", "avdelning", "enhet")
"""The level names :func:`levelled_org_trees` gives, from the root down."""


def _as_tuple(items: list[T]) -> tuple[T, ...]:
    return tuple(items)


def ids() -> st.SearchStrategy[str]:
    """Short lowercase ids such as ``"e7"``.

    Examples:
        >>> from hypothesis import find
        >>> isinstance(find(ids(), lambda _: True), str)
        True
    """
    return st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=6)


def texts() -> st.SearchStrategy[str]:
    """Non-empty labels, Swedish letters included.

    Examples:
        >>> from hypothesis import find
        >>> find(texts(), lambda _: True).strip() != ""
        True
    """
    return st.text(string.ascii_letters + "åäöÅÄÖ -", min_size=1, max_size=20).filter(str.strip)


def days(first: date = FIRST_DAY, last: date = LAST_DAY) -> st.SearchStrategy[date]:
    """Calendar days in ``first..last``.

    Examples:
        >>> from hypothesis import find
        >>> find(days(date(2024, 2, 29), date(2024, 2, 29)), lambda _: True)
        datetime.date(2024, 2, 29)
    """
    return st.dates(min_value=first, max_value=last)


def _spans(
    first: date = FIRST_DAY, last: date = LAST_DAY, longest: int = 800
) -> st.SearchStrategy[tuple[date, date]]:
    """An inclusive ``(start, end)`` pair, at most ``longest`` days long."""
    return days(first, last).flatmap(
        lambda start: st.tuples(
            st.just(start),
            days(start, min(last, start + timedelta(days=longest - 1))),
        )
    )


def months() -> st.SearchStrategy[Month]:
    """Months in the strategies' range of years.

    Examples:
        >>> from hypothesis import find
        >>> isinstance(find(months(), lambda _: True), Month)
        True
    """
    return st.builds(
        Month, year=st.integers(FIRST_DAY.year, LAST_DAY.year), month=st.integers(1, 12)
    )


def windows() -> st.SearchStrategy[Window]:
    """Windows: rolling twelve months, calendar years and arbitrary ranges.

    Examples:
        >>> from hypothesis import find
        >>> find(windows(), lambda _: True).days >= 1
        True
    """
    return st.one_of(
        months().map(Window.rolling12),
        st.integers(FIRST_DAY.year, LAST_DAY.year).map(Window.calendar_year),
        _spans(longest=1200).map(lambda span: Window(start=span[0], end=span[1])),
    )


def ratios() -> st.SearchStrategy[Ratio]:
    """Ratios with non-negative finite parts (the denominator may be 0).

    Examples:
        >>> from hypothesis import find
        >>> find(ratios(), lambda _: True).numerator >= 0
        True
    """
    part = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)
    return st.builds(Ratio, numerator=part, denominator=part)


def org_units() -> st.SearchStrategy[OrgUnit]:
    """Single org units (a parent id that may or may not exist, never the unit's own).

    Examples:
        >>> from hypothesis import find
        >>> isinstance(find(org_units(), lambda _: True), OrgUnit)
        True
    """
    return st.builds(
        OrgUnit,
        id=ids(),
        name=texts(),
        parent_id=st.none() | ids().map(lambda i: "p_" + i),  # "_" is in no id of ids()
        level=st.none() | st.sampled_from(["kommun", "nämnd", "förvaltning", "enhet"]),
    )


@st.composite
def org_trees(draw: st.DrawFn, *, max_units: int = 25) -> OrgTree:
    """Random valid trees of ``1..max_units`` units with ids ``u0``, ``u1``, ...

    ``u0`` is the root; every other unit hangs under an earlier one.

    Examples:
        >>> from hypothesis import find
        >>> find(org_trees(), lambda _: True).root.id
        'u0'
    """
    count = draw(st.integers(1, max_units))
    parents = [draw(st.integers(0, i - 1)) for i in range(1, count)]
    units = [OrgUnit(id="u0", name="Kommunen", level="kommun")]
    units += [
        OrgUnit(id=f"u{i}", name=f"Enhet {i}", parent_id=f"u{parent}")
        for i, parent in enumerate(parents, start=1)
    ]
    return OrgTree.from_units(draw(st.permutations(units)))


def employees(employee_id: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Employee]:
    """Employees of every gender, with or without a birth date and personnel group.

    Examples:
        >>> from hypothesis import find
        >>> isinstance(find(employees(st.just("e1")), lambda _: True).gender, Gender)
        True
    """
    return st.builds(
        Employee,
        id=ids() if employee_id is None else employee_id,
        gender=st.sampled_from(Gender),
        birth_date=st.none() | days(date(1940, 1, 1), date(2010, 12, 31)),
        personnel_group=_personnel_groups(),
    )


def _personnel_groups() -> st.SearchStrategy[str | None]:
    return st.none() | st.sampled_from(["Undersköterska", "Förskollärare", "Chef"])


def employments(
    employee_id: st.SearchStrategy[str] | None = None,
    unit_id: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Employment]:
    """Employments, ongoing or ended, part-time or full-time, of every type; some ended for a reason.

    Some name their own personnel group.

    Examples:
        >>> from hypothesis import find
        >>> 0 < find(employments(), lambda _: True).fte <= 1
        True
        >>> find(employments(), lambda e: e.end_reason is not None).end is not None
        True
    """
    return st.builds(
        lambda span, ongoing, reason, **kw: Employment(
            start=span[0],
            end=None if ongoing else span[1],
            end_reason=None if ongoing else reason,
            **kw,
        ),
        span=_spans(longest=3000),
        ongoing=st.booleans(),
        reason=_end_reasons(),
        employment_type=st.sampled_from(EmploymentType),
        employee_id=ids() if employee_id is None else employee_id,
        unit_id=ids() if unit_id is None else unit_id,
        fte=st.sampled_from([1.0, 0.75, 0.5]) | st.floats(0.01, 1.0),
        weekly_hours=st.sampled_from([40.0, 38.25]) | st.floats(1.0, 60.0),
        personnel_group=_personnel_groups(),
    )


def _end_reasons() -> st.SearchStrategy[EndReason | None]:
    return st.none() | st.sampled_from(EndReason)


def sick_leave_periods(
    employee_id: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[SickLeavePeriod]:
    """Sick-leave periods of 1 to 400 days at full or partial extent.

    Examples:
        >>> from hypothesis import find
        >>> find(sick_leave_periods(), lambda _: True).days >= 1
        True
    """
    return st.builds(
        lambda span, **kw: SickLeavePeriod(start=span[0], end=span[1], **kw),
        span=_spans(longest=400),
        employee_id=ids() if employee_id is None else employee_id,
        extent=st.sampled_from([1.0, 0.75, 0.5, 0.25]),
    )


def extra_times() -> st.SearchStrategy[ExtraTime]:
    """Additional hours and overtime on single days.

    Examples:
        >>> from hypothesis import find
        >>> find(extra_times(), lambda _: True).hours > 0
        True
    """
    return st.builds(
        ExtraTime,
        employee_id=ids(),
        unit_id=ids(),
        day=days(),
        hours=st.floats(0.25, 12.0),
        kind=st.sampled_from(ExtraTimeKind),
    )


def incidents(unit_id: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Incident]:
    """Injuries and near misses, some serious, some closed.

    Examples:
        >>> from hypothesis import find
        >>> i = find(incidents(), lambda _: True)
        >>> i.reported_on >= i.occurred_on
        True
    """

    @st.composite
    def build(draw: st.DrawFn) -> Incident:
        occurred = draw(days())
        reported = occurred + timedelta(days=draw(st.integers(0, 30)))
        closed = draw(st.none() | st.integers(0, 200))
        return Incident(
            id=draw(ids()),
            unit_id=draw(ids() if unit_id is None else unit_id),
            occurred_on=occurred,
            kind=draw(st.sampled_from(IncidentKind)),
            reported_on=reported,
            serious=draw(st.booleans()),
            category=draw(st.none() | st.sampled_from(["hot och våld", "fall", "stickskada"])),
            closed_on=None if closed is None else reported + timedelta(days=closed),
        )

    return build()


def risk_bands() -> st.SearchStrategy[RiskBand]:
    """Single risk bands (as bands of a matrix they may overlap or leave gaps).

    Examples:
        >>> from hypothesis import find
        >>> b = find(risk_bands(), lambda _: True)
        >>> b.minimum <= b.maximum
        True
    """
    return st.builds(
        lambda low, width, **kw: RiskBand(minimum=low, maximum=low + width, **kw),
        low=st.integers(1, 25),
        width=st.integers(0, 10),
        name=texts(),
        colour=st.sampled_from(["#2e7d32", "#f9a825", "#c62828", "grön"]),
    )


@st.composite
def risk_matrices(draw: st.DrawFn) -> RiskMatrix:
    """Matrices from 1×1 to 6×6 whose bands split ``1..p*c`` at random cut points.

    Examples:
        >>> from hypothesis import find
        >>> m = find(risk_matrices(), lambda _: True)
        >>> m.band(m.level(1, 1)).minimum
        1
    """
    p = draw(st.integers(1, 6))
    c = draw(st.integers(1, 6))
    top = p * c
    cuts = sorted(draw(st.sets(st.integers(2, top), max_size=3))) if top > 1 else []
    edges = [1, *cuts, top + 1]
    bands = tuple(
        RiskBand(name=f"Nivå {i + 1}", minimum=lo, maximum=hi - 1, colour=f"#00000{i}")
        for i, (lo, hi) in enumerate(itertools.pairwise(edges))
    )
    return RiskMatrix(probability_levels=p, consequence_levels=c, bands=bands)


@st.composite
def measures(draw: st.DrawFn) -> Measure:
    """Measures in every status; done ones carry a completion day.

    Examples:
        >>> from hypothesis import find
        >>> m = find(measures(), lambda _: True)
        >>> (m.status is MeasureStatus.DONE) == (m.completed_on is not None)
        True
    """
    status = draw(st.sampled_from(MeasureStatus))
    return Measure(
        title=draw(texts()),
        responsible=draw(st.none() | texts()),
        due=draw(st.none() | days()),
        status=status,
        completed_on=draw(days()) if status is MeasureStatus.DONE else None,
        desired_effect=draw(st.none() | texts()),
    )


def risks(unit_id: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Risk]:
    """Risks on the default 5×5 scales with up to three measures.

    Examples:
        >>> from hypothesis import find
        >>> 1 <= find(risks(), lambda _: True).level <= 25
        True
    """
    return st.builds(
        Risk,
        id=ids(),
        unit_id=ids() if unit_id is None else unit_id,
        title=texts(),
        identified_on=days(),
        probability=st.integers(1, 5),
        consequence=st.integers(1, 5),
        category=st.none() | st.sampled_from(["OSA", "fysisk", "hot och våld"]),
        measures=st.lists(measures(), max_size=3).map(_as_tuple),
        reported_onward=st.booleans(),
    )


def checklist_items() -> st.SearchStrategy[ChecklistItem]:
    """Questions with any answer, some with a comment.

    Examples:
        >>> from hypothesis import find
        >>> isinstance(find(checklist_items(), lambda _: True).answer, Answer)
        True
    """
    return st.builds(
        ChecklistItem, question=texts(), answer=st.sampled_from(Answer), comment=st.none() | texts()
    )


def checklists(unit_id: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Checklist]:
    """Safety rounds with up to six items.

    Examples:
        >>> from hypothesis import find
        >>> len(find(checklists(), lambda _: True).items) <= 6
        True
    """
    return st.builds(
        Checklist,
        id=ids(),
        unit_id=ids() if unit_id is None else unit_id,
        topic=st.sampled_from(["fysisk arbetsmiljö", "OSA", "hot och våld", "ensamarbete"]),
        performed_on=days(),
        items=st.lists(checklist_items(), max_size=6).map(_as_tuple),
        safety_representative_participated=st.booleans(),
    )


def answer_tallies() -> st.SearchStrategy[AnswerTally]:
    """Tallies of up to 50 answers of each kind.

    Examples:
        >>> from hypothesis import find
        >>> find(answer_tallies(), lambda _: True).total >= 0
        True
    """
    count = st.integers(0, 50)
    return st.builds(AnswerTally, yes=count, no=count, partly=count, not_applicable=count)


def certifications(
    person_id: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Certification]:
    """Certifications, 29 February included now and then.

    Examples:
        >>> from hypothesis import find
        >>> c = find(certifications(), lambda _: True)
        >>> c.expires_on > c.certified_on
        True
    """
    return st.builds(
        Certification,
        person_id=ids() if person_id is None else person_id,
        certified_on=days() | st.sampled_from([date(2020, 2, 29), date(2024, 2, 29)]),
    )


@st.composite
def delegations(
    draw: st.DrawFn,
    person_id: st.SearchStrategy[str] | None = None,
    unit_id: st.SearchStrategy[str] | None = None,
) -> Delegation:
    """Delegations, signed or not, some returned, some lacking a prerequisite.

    Examples:
        >>> from hypothesis import find
        >>> d = find(delegations(), lambda _: True)
        >>> d.delegator_id != d.delegate_id
        True
    """
    people = ids() if person_id is None else person_id
    delegator = draw(people)
    delegate = draw(people.filter(lambda p: p != delegator))
    signed = draw(st.none() | days())
    returned = None if signed is None else draw(st.none() | days(signed, LAST_DAY))
    return Delegation(
        id=draw(ids()),
        unit_id=draw(ids() if unit_id is None else unit_id),
        delegator_id=delegator,
        delegate_id=delegate,
        signed_on=signed,
        returned_on=returned,
        authority=draw(st.booleans()),
        resources=draw(st.booleans()),
        knowledge=draw(st.booleans()),
        tasks=draw(st.lists(texts(), max_size=3).map(_as_tuple)),
    )


def findings() -> st.SearchStrategy[Finding]:
    """Findings of any kind.

    Examples:
        >>> from hypothesis import find
        >>> isinstance(find(findings(), lambda _: True).kind, FindingKind)
        True
    """
    return st.builds(
        Finding, kind=st.sampled_from(FindingKind), delegation_id=ids(), message=texts()
    )


def _hours() -> st.SearchStrategy[float]:
    return st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False)


@st.composite
def sick_leave_cells(draw: st.DrawFn) -> SickLeaveCell:
    """Consistent cells: long-term hours never exceed sick hours; the people behind the count.

    Examples:
        >>> from hypothesis import find
        >>> c = find(sick_leave_cells(), lambda _: True)
        >>> c.long_term_hours <= c.sick_hours
        True
    """
    short = draw(_hours())
    long = draw(_hours())
    gender, band = draw(st.sampled_from(Gender)), draw(st.sampled_from(AgeBand))
    # A person has one gender and age band in a window: ids never repeat across cells.
    people = frozenset(
        f"{gender.value}/{band.value}/{i}" for i in draw(st.sets(st.integers(0, 40)))
    )
    return SickLeaveCell(
        gender=gender,
        age_band=band,
        headcount=len(people),
        people=people,
        scheduled_hours=draw(_hours()),
        short_hours=short,
        long_hours=long,
        long_term_hours=draw(st.floats(0, 1)) * long,
    )


def sick_leaves() -> st.SearchStrategy[SickLeave]:
    """Sick-leave sums over up to six cells.

    Examples:
        >>> from hypothesis import find
        >>> isinstance(find(sick_leaves(), lambda _: True), SickLeave)
        True
    """
    return st.lists(sick_leave_cells(), max_size=6).map(lambda cells: SickLeave(cells=cells))


def turnovers(months: int | None = None) -> st.SearchStrategy[Turnover]:
    """Turnover sums over ``months`` month-ends (drawn when not given).

    Examples:
        >>> from hypothesis import find
        >>> find(turnovers(12), lambda _: True).months in (0, 12)
        True
    """
    counts = st.dictionaries(st.sampled_from(Gender), st.integers(0, 300), max_size=3)
    n = st.integers(0, 24) if months is None else st.sampled_from([0, months])
    return st.builds(_turnover, departures=counts, n=n, masks=st.data())


def _turnover(departures: dict[Gender, int], n: int, masks: st.DataObject) -> Turnover:
    """A turnover whose head-months come from people present at some of ``n`` month-ends.

    Some of the departures of each gender are retirements.
    """
    retirements = {g: masks.draw(st.integers(0, d)) for g, d in departures.items()}
    presence = (
        {
            g: masks.draw(
                st.dictionaries(
                    st.sampled_from([f"{g.value}/{i}" for i in range(30)]),
                    st.integers(1, 2**n - 1),
                    max_size=12,
                )
            )
            for g in Gender
        }
        if n
        else {}
    )
    heads = {g: sum(m.bit_count() for m in ms.values()) for g, ms in presence.items()}
    return Turnover(
        departures=departures,
        retirements=retirements,
        head_months=heads,
        months=n,
        presence=presence,
    )


@st.composite
def managers(draw: st.DrawFn) -> Managers:
    """Managers with the ids behind their counts, some certified.

    Examples:
        >>> from hypothesis import find
        >>> m = find(managers(), lambda m: m.count > 1)
        >>> m.certified <= m.count
        True
    """
    people = frozenset(draw(st.sets(st.sampled_from([f"m{i}" for i in range(30)]))))
    certified = frozenset(p for p in people if draw(st.booleans()))
    return Managers(
        count=len(people), certified=len(certified), people=people, certified_people=certified
    )


def headcounts() -> st.SearchStrategy[Headcount]:
    """Distinct headcounts with the ids behind them.

    Examples:
        >>> from hypothesis import find
        >>> h = find(headcounts(), lambda h: h.count > 1)
        >>> h.count == len(h.people)
        True
    """
    return st.sets(st.sampled_from([f"e{i}" for i in range(30)])).map(
        lambda people: Headcount(count=len(people), people=frozenset(people))
    )


def published_reports() -> st.SearchStrategy[PublishedReport]:
    """Published reports of every unit of generated datasets, as :meth:`Reports.published` gives.

    Examples:
        >>> from hypothesis import find
        >>> find(published_reports(), lambda _: True).year
        2024
    """
    return datasets().flatmap(
        lambda d: st.sampled_from(list(roll_up(d.org, build_reports(d, 2024)).published().values()))
    )


def personnel_group_rows() -> st.SearchStrategy[PersonnelGroupRow]:
    """Rows of the personnel-group table: hidden, or shown with percents of one decimal or no data.

    Examples:
        >>> from hypothesis import find
        >>> find(personnel_group_rows(), lambda r: r.hidden).total_percent is None
        True
    """
    group = _personnel_groups() | texts()
    percent = st.none() | st.integers(0, 1000).map(lambda tenths: tenths / 10)
    return st.builds(PersonnelGroupRow, group=group) | st.builds(
        PersonnelGroupRow,
        group=group,
        employees=st.integers(0, 5000),
        women_percent=percent,
        total_percent=percent,
        short_percent=percent,
        long_percent=percent,
    )


def reports() -> st.SearchStrategy[Report]:
    """Rolled-up reports of every unit of generated datasets, the people behind their counts in memory.

    Examples:
        >>> from hypothesis import find
        >>> find(reports(), lambda _: True).year
        2024
    """
    return datasets(max_units=5, max_employees=4).flatmap(
        lambda d: st.sampled_from(list(roll_up(d.org, build_reports(d, 2024)).values()))
    )


def incoming_risks() -> st.SearchStrategy[IncomingRisk]:
    """Risks reported onward, as they arrive in the parent's report.

    Examples:
        >>> from hypothesis import find
        >>> r = find(incoming_risks(), lambda _: True)
        >>> r.from_unit_id == r.risk.unit_id, r.risk.reported_onward
        (True, True)
    """
    return risks().map(
        lambda r: IncomingRisk(from_unit_id=r.unit_id, risk=attrs.evolve(r, reported_onward=True))
    )


@st.composite
def action_plan_summaries(draw: st.DrawFn) -> ActionPlanSummary:
    """Consistent action-plan counts: the statuses add up to the measures.

    Examples:
        >>> from hypothesis import find
        >>> a = find(action_plan_summaries(), lambda _: True)
        >>> a.done + a.in_progress + a.planned + a.cancelled == a.measures
        True
    """
    count = st.integers(0, 40)
    done, in_progress, planned, cancelled = (draw(count) for _ in range(4))
    worst = draw(st.lists(open_measures(), max_size=min(3, in_progress + planned)))
    return ActionPlanSummary(
        risks=draw(count),
        measures=done + in_progress + planned + cancelled,
        done=done,
        in_progress=in_progress,
        planned=planned,
        cancelled=cancelled,
        overdue=draw(st.integers(0, in_progress + planned)),
        worst=worst,
    )


def open_measures() -> st.SearchStrategy[OpenMeasure]:
    """Open measures of risks, overdue or not.

    Examples:
        >>> from hypothesis import find
        >>> find(open_measures(), lambda m: m.overdue).overdue
        True
    """
    return st.builds(
        OpenMeasure,
        overdue=st.booleans(),
        level=st.integers(1, 25),
        due=st.none() | days(),
        unit_id=ids(),
        risk_id=ids(),
        risk_title=texts(),
        measure=measures().map(
            lambda m: attrs.evolve(m, status=MeasureStatus.PLANNED, completed_on=None)
        ),
    )


@st.composite
def survey_summaries(draw: st.DrawFn) -> SurveySummary:
    """Safety rounds of a year, some with a safety representative.

    Examples:
        >>> from hypothesis import find
        >>> s = find(survey_summaries(), lambda _: True)
        >>> s.with_safety_representative <= s.rounds
        True
    """
    rounds = draw(st.integers(0, 40))
    return SurveySummary(
        rounds=rounds,
        with_safety_representative=draw(st.integers(0, rounds)),
        deviations=draw(st.integers(0, 100)),
    )


@st.composite
def employee_surveys(
    draw: st.DrawFn,
    unit_id: st.SearchStrategy[str] | None = None,
    year: st.SearchStrategy[int] | None = None,
) -> EmployeeSurvey:
    """Units' survey results, small and large, some without an index.

    Examples:
        >>> from hypothesis import find
        >>> s = find(employee_surveys(), lambda s: s.index_total is not None)
        >>> 0 <= s.index_total <= 100 * s.respondents <= 100 * s.invited
        True
    """
    invited = draw(st.integers(0, 400))
    respondents = draw(st.integers(0, invited))
    top = 100.0 * respondents
    return EmployeeSurvey(
        unit_id=draw(ids() if unit_id is None else unit_id),
        year=draw(st.integers(FIRST_DAY.year, LAST_DAY.year) if year is None else year),
        invited=invited,
        respondents=respondents,
        index_total=draw(st.none() | st.just(top) | st.floats(0.0, top)),
    )


@st.composite
def survey_results(draw: st.DrawFn) -> SurveyResult:
    """Survey results of groups of units, their index totals multiples of 2**-10 (sums exact).

    Examples:
        >>> from hypothesis import find
        >>> r = find(survey_results(), lambda r: r.indexed > 0)
        >>> 0 <= r.index <= 100
        True
    """
    invited = draw(st.integers(0, 20_000))
    respondents = draw(st.integers(0, invited))
    indexed = draw(st.integers(0, respondents))
    return SurveyResult(
        invited=invited,
        respondents=respondents,
        index_total=draw(st.integers(0, 100 * indexed * 1024)) / 1024,
        indexed=indexed,
    )


def narratives(
    unit_id: st.SearchStrategy[str] | None = None, year: st.SearchStrategy[int] | None = None
) -> st.SearchStrategy[Narrative]:
    """Units' texts for the sections of the shipped templates that take one.

    Examples:
        >>> from hypothesis import find
        >>> n = find(narratives(), lambda _: True)
        >>> n.text == n.text.strip() != ""
        True
    """
    return st.builds(
        Narrative,
        unit_id=ids() if unit_id is None else unit_id,
        year=st.integers(FIRST_DAY.year, LAST_DAY.year) if year is None else year,
        section=st.sampled_from([s.id for _, s in TEMPLATE_2024.numbered() if s.narrative]),
        text=texts() | st.sampled_from(["Bedömning och analys:\nSjukfrånvaron har minskat.\n"]),
    )


_TAKEN = [step for step in RehabStep if step is not RehabStep.CLOSED]


def rehab_steps_taken() -> st.SearchStrategy[RehabStepTaken]:
    """Single steps of a rehabilitation case (closing is no step a case takes) on any day.

    Examples:
        >>> from hypothesis import find
        >>> find(rehab_steps_taken(), lambda _: True).step is not RehabStep.CLOSED
        True
    """
    return st.builds(RehabStepTaken, step=st.sampled_from(_TAKEN), on=days())


@st.composite
def rehab_cases(
    draw: st.DrawFn,
    unit_id: st.SearchStrategy[str] | None = None,
    employee_id: st.SearchStrategy[str] | None = None,
    *,
    first: date = FIRST_DAY,
    last: date = LAST_DAY,
) -> RehabCase:
    """Rehabilitation cases opened in ``first..last``, their steps in the order of the process.

    Steps are skipped now and then and taken on days that never go back;
    some cases are closed, with an outcome; some are expected to be long,
    their plan for return to work made on day 30 or 31 of the sick leave,
    any day of the case, or not at all.

    Examples:
        >>> from hypothesis import find
        >>> c = find(rehab_cases(), lambda c: len(c.steps) > 1)
        >>> c.steps[0].on <= c.steps[1].on
        True
    """
    opened = draw(days(first, last))
    day, steps, sick = opened, [], opened
    for step in _TAKEN:
        if draw(st.booleans()):
            day = draw(days(day, min(last, day + timedelta(days=120))))
            steps.append(RehabStepTaken(step=step, on=day))
            sick = day if step is RehabStep.SICK_LEAVE_ROUTINES else sick
    closed = draw(st.none() | days(day, min(last, day + timedelta(days=200))))
    until = closed or min(last, opened + timedelta(days=200))
    edges = [sick + timedelta(days=n) for n in (29, 30) if sick + timedelta(days=n) <= until]
    plan = draw(
        st.none() | days(opened, until) | (st.sampled_from(edges) if edges else st.nothing())
    )
    return RehabCase(
        id=draw(ids()),
        employee_id=draw(ids() if employee_id is None else employee_id),
        unit_id=draw(ids() if unit_id is None else unit_id),
        opened_on=opened,
        steps=tuple(steps),
        closed_on=closed,
        outcome=None if closed is None else draw(st.sampled_from(RehabOutcome)),
        plan_on=plan,
        expected_long=draw(st.booleans()),
    )


@st.composite
def case_counts(draw: st.DrawFn) -> CaseCount:
    """Counts of cases with the ids of the people behind them, some with several cases.

    Examples:
        >>> from hypothesis import find
        >>> c = find(case_counts(), lambda c: c.cases > c.headcount)
        >>> c.headcount == len(c.people) > 0
        True
    """
    people = frozenset(draw(st.sets(st.sampled_from([f"e{i}" for i in range(30)]))))
    cases = len(people) + draw(st.integers(0, 5)) if people else 0
    return CaseCount(cases=cases, headcount=len(people), people=people)


def rehab_summaries() -> st.SearchStrategy[RehabSummary]:
    """Summaries of rehabilitation cases, the people behind every count in memory.

    Examples:
        >>> from hypothesis import find
        >>> s = find(rehab_summaries(), lambda s: len(s.closed) > 1)
        >>> s.closed_total.cases == sum(c.cases for c in s.closed.values())
        True
    """
    return st.builds(
        RehabSummary,
        open=case_counts(),
        closed=st.dictionaries(st.sampled_from(RehabOutcome), case_counts()),
        plans_on_time=case_counts(),
        plans_late=case_counts(),
        plans_missing=case_counts(),
    )


@st.composite
def health_factor_inventories(
    draw: st.DrawFn,
    unit_id: st.SearchStrategy[str] | None = None,
    year: st.SearchStrategy[int] | None = None,
) -> HealthFactorInventory:
    """Units' inventories: some factors rated, up to three chosen for focus, activities.

    Examples:
        >>> from hypothesis import find
        >>> i = find(health_factor_inventories(), lambda i: len(i.focus) > 1)
        >>> len(set(i.focus)) == len(i.focus)
        True
    """
    planned = draw(st.integers(0, 20))
    return HealthFactorInventory(
        unit_id=draw(ids() if unit_id is None else unit_id),
        year=draw(st.integers(FIRST_DAY.year, LAST_DAY.year) if year is None else year),
        ratings=draw(
            st.dictionaries(st.sampled_from(HealthFactor), st.sampled_from(HEALTH_FACTOR_SCALE))
        ),
        focus=tuple(draw(st.lists(st.sampled_from(HealthFactor), unique=True, max_size=3))),
        activities_planned=planned,
        activities_followed_up=draw(st.integers(0, planned)),
    )


@st.composite
def health_factor_summaries(draw: st.DrawFn) -> HealthFactorSummary:
    """Health-factor summaries of groups of units: no factor chosen or rated by more units than there are.

    Examples:
        >>> from hypothesis import find
        >>> s = find(health_factor_summaries(), lambda s: len(s.ratings) > 0)
        >>> all(sum(counts) <= s.units for counts in s.ratings.values())
        True
    """
    units = draw(st.integers(0, 200))
    ratings: dict[HealthFactor, tuple[int, ...]] = {}
    for factor in draw(st.sets(st.sampled_from(HealthFactor))):
        rated = draw(st.integers(0, units))
        cuts = sorted(draw(st.lists(st.integers(0, rated), min_size=4, max_size=4)))
        bounds = [0, *cuts, rated]
        ratings[factor] = tuple(b - a for a, b in itertools.pairwise(bounds))
    planned = draw(st.integers(0, 500))
    return HealthFactorSummary(
        units=units,
        focus=draw(st.dictionaries(st.sampled_from(HealthFactor), st.integers(0, units))),
        ratings=ratings,
        activities_planned=planned,
        activities_followed_up=draw(st.integers(0, planned)),
    )


def working_days() -> st.SearchStrategy[WorkingDays]:
    """Working-day schedules with each eve off or not.

    Examples:
        >>> from hypothesis import find
        >>> isinstance(find(working_days(), lambda _: True), WorkingDays)
        True
    """
    flag = st.booleans()
    return st.builds(WorkingDays, midsummer_eve=flag, christmas_eve=flag, new_years_eve=flag)


def questions() -> st.SearchStrategy[Question]:
    """The questions of the report templates.

    Examples:
        >>> from hypothesis import find
        >>> find(questions(), lambda _: True).id in ALL_QUESTIONS
        True
    """
    return st.sampled_from(list(ALL_QUESTIONS.values()))


@st.composite
def templates(draw: st.DrawFn) -> Template:
    """Report templates of one to three sections, with subsections, tables and questions of every rule.

    Examples:
        >>> from hypothesis import find
        >>> t = find(templates(), lambda t: len(t.questions) > 1)
        >>> len({q.id for q in t.questions}) == len(t.questions)
        True
    """
    tables = draw(st.permutations(list(Table)))
    counter = iter(range(1000))

    def section(depth: int) -> Section:
        sid = f"s{next(counter)}"
        questions = [
            Question(
                id=f"{sid}.q{i}",
                section=sid,
                text_sv=draw(texts()),
                text_en=draw(texts()),
                rule=draw(st.sampled_from(Rule)),
            )
            for i in range(draw(st.integers(0, 2)))
        ]
        taken = [tables.pop() for _ in range(draw(st.integers(0, min(2, len(tables)))))]
        return Section(
            id=sid,
            title_sv=draw(texts()),
            title_en=draw(texts()),
            tables=taken,
            questions=questions,
            narrative=draw(st.booleans()),
            sections=[
                section(depth + 1) for _ in range(draw(st.integers(0, 2 if depth < 1 else 0)))
            ],
        )

    return Template(
        id=draw(ids()),
        since=draw(st.integers(2000, 2030)),
        sections=[section(0) for _ in range(draw(st.integers(1, 3)))],
    )


def child_reports() -> st.SearchStrategy[ChildReport]:
    """What a parent's report holds of a child: answer tallies, texts, reports still missing.

    Examples:
        >>> from hypothesis import find
        >>> c = find(child_reports(), lambda c: c.narratives)
        >>> all(text.strip() for text in c.narratives.values())
        True
    """
    return st.builds(
        ChildReport,
        answers=st.dictionaries(
            st.sampled_from(sorted(ALL_QUESTIONS)), answer_tallies(), max_size=3
        ),
        narratives=st.dictionaries(
            st.sampled_from(["evaluation", "meetings"]), texts(), max_size=2
        ),
        missing=st.integers(0, 5),
    )


def questionnaire_answers(
    unit_id: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[QuestionnaireAnswer]:
    """Units' answers to known questions.

    Examples:
        >>> from hypothesis import find
        >>> find(questionnaire_answers(), lambda _: True).question_id in ALL_QUESTIONS
        True
    """
    return st.builds(
        QuestionnaireAnswer,
        unit_id=ids() if unit_id is None else unit_id,
        year=st.integers(FIRST_DAY.year, LAST_DAY.year),
        question_id=st.sampled_from(sorted(ALL_QUESTIONS)),
        answer=st.sampled_from(Answer),
    )


def levelled_org_trees(*, max_units: int = 25) -> st.SearchStrategy[OrgTree]:
    """Trees of :func:`org_trees` whose every unit has a level, named by its depth (:data:`LEVELS`).

    Units deeper than the last name take the last name (``"enhet"``).

    Examples:
        >>> from hypothesis import find
        >>> org = find(levelled_org_trees(), lambda t: len(t) > 2)
        >>> org.root.level, all(u.level in LEVELS for u in org.units)
        ('kommun', True)
    """
    return org_trees(max_units=max_units).map(_levelled)


def _levelled(org: OrgTree) -> OrgTree:
    depth: dict[str, int] = {}
    for unit in org.units:  # parents before children
        depth[unit.id] = 0 if unit.parent_id is None else depth[unit.parent_id] + 1
    return OrgTree.from_units(
        [attrs.evolve(u, level=LEVELS[min(depth[u.id], len(LEVELS) - 1)]) for u in org.units]
    )


@st.composite
def submissions(
    draw: st.DrawFn,
    unit_id: st.SearchStrategy[str] | None = None,
    year: st.SearchStrategy[int] | None = None,
    *,
    first: date = FIRST_DAY,
    last: date = LAST_DAY,
) -> Submission:
    """Units' submissions of a year's report: drafts, submitted, presented; dates in ``first..last``.

    Examples:
        >>> from hypothesis import find
        >>> s = find(submissions(), lambda s: s.presented_on is not None)
        >>> s.submitted_on <= s.presented_on
        True
    """
    submitted = draw(st.none() | days(first, last))
    presented = None
    if submitted is not None:
        presented = draw(st.none() | days(submitted, min(last, submitted + timedelta(days=90))))
    return Submission(
        unit_id=draw(ids() if unit_id is None else unit_id),
        year=draw(st.integers(FIRST_DAY.year, LAST_DAY.year) if year is None else year),
        submitted_on=submitted,
        presented_on=presented,
    )


@st.composite
def steps(draw: st.DrawFn, *, first: date = FIRST_DAY, last: date = LAST_DAY) -> Step:
    """Steps of a plan: a due date in ``first..last``, presented then or up to 60 days later.

    Examples:
        >>> from hypothesis import find
        >>> s = find(steps(), lambda s: s.presented is not None)
        >>> s.due <= s.presented
        True
    """
    due = draw(days(first, last))
    later = days(due, min(LAST_DAY, due + timedelta(days=60)))
    return Step(due=due, presented=draw(st.none() | later))


@st.composite
def aggregation_plans(draw: st.DrawFn, org: OrgTree | None = None) -> AggregationPlan:
    """Aggregation plans, due dates in the spring after the year; consistent with ``org`` if given.

    Given an organisation, the plan has a step for every level in it and
    no level is due after the level of a unit above it, so that
    ``plan.problems(org)`` is empty when every unit but the root has a
    level (as in :func:`levelled_org_trees`). Without one, the levels are
    drawn from :data:`LEVELS` and other names.

    Examples:
        >>> from hypothesis import find
        >>> org = find(levelled_org_trees(), lambda t: len(t) > 3)
        >>> find(aggregation_plans(org), lambda _: True).problems(org)
        ()
    """
    year = draw(st.integers(FIRST_DAY.year, LAST_DAY.year - 1))
    spring = days(date(year + 1, 1, 1), date(year + 1, 4, 30))
    if org is None:
        names = draw(st.lists(st.sampled_from(LEVELS) | texts(), unique=True, max_size=5))
    else:
        names = list(dict.fromkeys(u.level for u in org.units if u.level is not None))
    due = {name: draw(spring) for name in names}
    pairs = [] if org is None else _level_pairs(org)
    changed = True
    while changed:  # bring a level's due date forward to the level above it, until none is later
        changed = False
        for lower, upper in pairs:
            if due[lower] > due[upper]:
                due[lower] = due[upper]
                changed = True
    return AggregationPlan(
        year=year, steps={name: draw(steps(first=day, last=day)) for name, day in due.items()}
    )


def _level_pairs(org: OrgTree) -> list[tuple[str, str]]:
    """Each (level of a unit, level of its parent) once, where both have a level."""
    pairs: dict[tuple[str, str], None] = {}
    for unit in org.units:
        parent = org.parent(unit.id)
        if unit.level is not None and parent is not None and parent.level is not None:
            pairs[unit.level, parent.level] = None
    return list(pairs)


@st.composite
def child_progresses(draw: st.DrawFn) -> ChildProgress:
    """One child's progress: missing (late or not), or submitted (on time or late).

    Examples:
        >>> from hypothesis import find
        >>> c = find(child_progresses(), lambda c: not c.missing)
        >>> c.late == (c.submitted_on > c.due)
        True
    """
    due = draw(days())
    submitted = draw(st.none() | days(due - timedelta(days=30), due + timedelta(days=30)))
    return ChildProgress(
        unit_id=draw(ids()),
        due=due,
        submitted_on=submitted,
        state=ReportState.DRAFT
        if submitted is None
        else draw(st.sampled_from([ReportState.SUBMITTED, ReportState.PRESENTED])),
        late=draw(st.booleans()) if submitted is None else submitted > due,
        missing=submitted is None,
    )


@st.composite
def progresses(draw: st.DrawFn, *, max_units: int = 12) -> Progress:
    """The progress of a unit's children on a day in the spring, as :func:`samcore.progress` gives it.

    Examples:
        >>> from hypothesis import find
        >>> p = find(progresses(), lambda p: p.late and len(p.missing) < len(p.children))
        >>> set(p.missing) <= {c.unit_id for c in p.children}
        True
    """
    org = draw(levelled_org_trees(max_units=max_units))
    plan = draw(aggregation_plans(org))
    spring = (date(plan.year + 1, 1, 1), date(plan.year + 1, 5, 31))
    unit = st.sampled_from(list(org))
    handed_in = st.lists(
        submissions(unit, st.just(plan.year), first=spring[0], last=spring[1]),
        max_size=len(org),
        unique_by=lambda s: s.unit_id,
    )
    parents = [u.id for u in org.units if org.children(u.id)] or [org.root.id]
    return progress(plan, org, draw(handed_in), draw(st.sampled_from(parents)), draw(days(*spring)))


def uncovered_sick_days() -> st.SearchStrategy[UncoveredSickDays]:
    """An employee's sick days outside employment, in up to three spans.

    Examples:
        >>> from hypothesis import find
        >>> find(uncovered_sick_days(), lambda _: True).days >= 1
        True
    """
    return st.builds(
        UncoveredSickDays,
        employee_id=ids(),
        spans=st.lists(windows(), min_size=1, max_size=3).map(
            lambda spans: tuple(sorted(spans, key=lambda w: (w.start, w.end)))
        ),
    )


def diagnostics() -> st.SearchStrategy[Diagnostics]:
    """Diagnostics with some of everything a dataset can hold that no figure counts.

    Examples:
        >>> from hypothesis import find
        >>> isinstance(find(diagnostics(), lambda _: True).is_clean, bool)
        True
    """
    return st.builds(
        Diagnostics,
        uncovered_sick_days=st.lists(uncovered_sick_days(), max_size=3).map(_as_tuple),
        employees_without_employment=st.lists(ids(), max_size=3, unique=True).map(
            lambda found: tuple(sorted(found))
        ),
        extra_time_outside_employment=st.lists(extra_times(), max_size=3).map(_as_tuple),
        span=st.none() | windows(),
    )


def extra_hours() -> st.SearchStrategy[ExtraHours]:
    """Extra-hour sums.

    Examples:
        >>> from hypothesis import find
        >>> find(extra_hours(), lambda _: True).total >= 0
        True
    """
    return st.builds(ExtraHours, additional=_hours(), overtime=_hours())


@st.composite
def incident_summaries(draw: st.DrawFn) -> IncidentSummary:
    """Consistent incident counts (closed and categorised never exceed the total).

    Examples:
        >>> from hypothesis import find
        >>> s = find(incident_summaries(), lambda _: True)
        >>> s.closed <= s.total
        True
    """
    by_kind = draw(st.dictionaries(st.sampled_from(IncidentKind), st.integers(0, 50)))
    injuries = sum(n for k, n in by_kind.items() if k is not IncidentKind.NEAR_MISS)
    near_misses = by_kind.get(IncidentKind.NEAR_MISS, 0)
    total = injuries + near_misses
    categorised = draw(st.integers(0, total))
    categories = ["hot och våld", "fall", "stickskada"]
    split = draw(st.lists(st.integers(0, categorised), min_size=2, max_size=2).map(sorted))
    by_category = dict(
        zip(categories, [split[0], split[1] - split[0], categorised - split[1]], strict=True)
    )
    return IncidentSummary(
        injuries=injuries,
        near_misses=near_misses,
        closed=draw(st.integers(0, total)),
        serious=draw(st.integers(0, total)),
        by_kind=by_kind,
        by_category=by_category,
    )


def working_time_violations() -> st.SearchStrategy[WorkingTimeViolation]:
    """Violations of the extra-hour caps.

    Examples:
        >>> from hypothesis import find
        >>> find(working_time_violations(), lambda _: True).excess > 0
        True
    """
    return st.builds(
        lambda rule, over, year, month, **kw: WorkingTimeViolation(
            rule=rule,
            hours=(50.0 if rule is WorkingTimeRule.OVERTIME_MONTH else 200.0) + over,
            cap=50.0 if rule is WorkingTimeRule.OVERTIME_MONTH else 200.0,
            period=str(
                Month(year=year, month=month) if rule is WorkingTimeRule.OVERTIME_MONTH else year
            ),
            **kw,
        ),
        rule=st.sampled_from(WorkingTimeRule),
        over=st.floats(0.25, 500.0),
        employee_id=ids(),
        year=st.integers(FIRST_DAY.year, LAST_DAY.year),
        month=st.integers(1, 12),
    )


def _kolada_ids() -> st.SearchStrategy[str]:
    """Kolada ids: the example municipality, the country, a county, or any four digits."""
    return st.sampled_from(["0126", "0000", "0001"]) | st.text(
        string.digits, min_size=4, max_size=4
    )


def _kolada_figures() -> st.SearchStrategy[float]:
    """Key figures: percentages mostly, any finite number at times."""
    return st.floats(0.0, 100.0) | st.floats(-1e9, 1e9)


def kolada_values() -> st.SearchStrategy[KoladaValue]:
    """Published Kolada values: the sick-leave KPIs or others, any gender Kolada gives, or none.

    Examples:
        >>> from hypothesis import find
        >>> find(kolada_values(), lambda v: v.gender is not None).gender in (Gender.WOMAN, Gender.MAN)
        True
    """
    return st.builds(
        KoladaValue,
        kpi=st.sampled_from(sorted({kpi for kpi, _ in KOLADA_KPIS})) | st.just("U00400"),
        municipality=_kolada_ids(),
        period=st.integers(FIRST_DAY.year, LAST_DAY.year),
        gender=st.sampled_from([None, Gender.WOMAN, Gender.MAN]),
        value=st.none() | _kolada_figures(),
    )


@st.composite
def kolada_comparisons(draw: st.DrawFn) -> KoladaComparison:
    """Comparisons of own and published figures, one side missing at times.

    Examples:
        >>> from hypothesis import find
        >>> c = find(kolada_comparisons(), lambda c: c.own is not None and c.published is not None)
        >>> c.difference == c.own - c.published
        True
    """
    value = draw(kolada_values())
    own, published = draw(st.none() | _kolada_figures()), draw(st.none() | _kolada_figures())
    difference: float | None = None
    within: bool | None = None
    if own is not None and published is not None:
        difference, within = own - published, draw(st.booleans())
    return KoladaComparison(
        kpi=value.kpi,
        period=value.period,
        municipality=value.municipality,
        against=draw(st.just(value.municipality) | _kolada_ids()),
        gender=value.gender,
        own=own,
        published=published,
        difference=difference,
        within=within,
    )


def signal_policies() -> st.SearchStrategy[SignalPolicy]:
    """Policies of early signals, with and without a threshold of sick days.

    Examples:
        >>> from hypothesis import find
        >>> find(signal_policies(), lambda p: p.short_days is not None).short_days >= 1
        True
    """
    return st.builds(
        SignalPolicy,
        occasions=st.integers(1, 12),
        months=st.integers(1, 24),
        short_days=st.none() | st.integers(1, 60),
        milestones=st.booleans(),
        chain_gap_days=st.integers(0, 120),
    )


def signals(employee_id: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Signal]:
    """Early signals of every rule, with a few figures behind each.

    Examples:
        >>> from hypothesis import find
        >>> isinstance(find(signals(), lambda _: True).rule, SignalRule)
        True
    """
    names = st.sampled_from(["occasions", "sick_days", "spell_day", "known_days", "chain_day"])
    return st.builds(
        Signal,
        employee_id=ids() if employee_id is None else employee_id,
        rule=st.sampled_from(SignalRule),
        fired_on=days(),
        figures=st.dictionaries(names, st.integers(0, 800), max_size=3),
    )


@st.composite
def workforces(
    draw: st.DrawFn,
    *,
    max_employees: int = 5,
    units: tuple[str, ...] = ("u1", "u2", "u3"),
    first: date = date(2022, 1, 1),
    last: date = date(2025, 12, 31),
) -> Workforce:
    """A consistent workforce: every record names a drawn employee, no periods overlap.

    Employments of every type come one after another, with gaps (of days,
    across weekends and holidays, and of months), transfers between
    ``units`` and now and then a second job at the same time (the two
    within full time together); ended ones say why, or not. Sick periods
    come with gaps from touching to months, so the relapse rule, spells
    across units and long absences all occur.

    Examples:
        >>> from hypothesis import find
        >>> w = find(workforces(), lambda w: len(w.periods) > 1)
        >>> {p.employee_id for p in w.periods} <= {e.id for e in w.employees}
        True
    """
    count = draw(st.integers(1, max_employees))
    staff = tuple(draw(employees(st.just(f"e{i}"))) for i in range(count))
    jobs: list[Employment] = []
    sick: list[SickLeavePeriod] = []
    span = (last - first).days
    for person in staff:
        start = first + timedelta(days=draw(st.integers(0, span // 2)))
        second = False  # this job runs beside the previous one
        busy_until = start
        for _ in range(draw(st.integers(1, 3))):
            length = draw(st.integers(1, 500))
            end = start + timedelta(days=length - 1)
            ongoing = end > last or (draw(st.booleans()) and draw(st.booleans()))
            if second:  # the two together stay within full time, and never repeat a row
                fte = draw(st.sampled_from([0.2, 0.25, 0.4]))
                if jobs[-1].fte + fte > 1:
                    jobs[-1] = attrs.evolve(jobs[-1], fte=1 - fte)
            else:
                fte = draw(st.sampled_from([1.0, 0.8, 0.5]))
            jobs.append(
                Employment(
                    employee_id=person.id,
                    unit_id=draw(st.sampled_from(units)),
                    start=start,
                    end=None if ongoing else end,
                    fte=fte,
                    weekly_hours=draw(st.sampled_from([40.0, 38.25])),
                    employment_type=draw(st.sampled_from(EmploymentType)),
                    end_reason=None if ongoing else draw(_end_reasons()),
                    personnel_group=draw(_personnel_groups()),
                )
            )
            if ongoing:
                break
            busy_until = max(busy_until, end)
            if not second and draw(st.integers(0, 9)) == 0:  # a second job at the same time
                second = True
                start = start + timedelta(days=draw(st.integers(0, length - 1)))
            else:
                second = False
                gap = draw(st.sampled_from([1, 1, 2, 30, 200]))
                start = busy_until + timedelta(days=gap)
                if draw(st.booleans()):  # renewed on a Monday: after a weekend, or after more
                    start += timedelta(days=-start.weekday() % 7)
            if start > last:
                break
        day = first + timedelta(days=draw(st.integers(-40, span // 3)))
        for _ in range(draw(st.integers(0, 8))):
            day += timedelta(days=draw(st.sampled_from([1, 2, 4, 5, 6, 7, 30, 120])))
            length = draw(st.sampled_from([1, 2, 3, 5, 10, 14, 15, 20, 45, 70]))
            end = day + timedelta(days=length - 1)
            sick.append(
                SickLeavePeriod(
                    employee_id=person.id,
                    start=day,
                    end=end,
                    extent=draw(st.sampled_from([1.0, 1.0, 0.5, 0.25, 0.75])),
                )
            )
            day = end
    return Workforce(employees=staff, employments=jobs, periods=sick)


@st.composite
def datasets(draw: st.DrawFn, *, max_units: int = 8, max_employees: int = 6) -> Dataset:
    """Consistent datasets on a random tree: every id a record names exists.

    Records fall in 2022-2025, so reports for 2023 and 2024 have figures
    and previous-year figures; answers, employee surveys, narratives and
    health-factor inventories are for 2024; rehabilitation cases open from
    2022 to mid-2025. Delegations among a few managers, certified from 2019 on,
    start from a ``delegation_top`` of one or two of them (some chains
    sound, some broken). Submissions are for 2024 too.

    Examples:
        >>> from hypothesis import find
        >>> d = find(datasets(), lambda d: len(d.employees) > 1)
        >>> {j.unit_id for j in d.employments} <= set(d.org)
        True
    """
    org = draw(org_trees(max_units=max_units))
    units = tuple(sorted(org))
    unit = st.sampled_from(units)
    people = draw(workforces(max_employees=max_employees, units=units))
    staff = st.sampled_from([e.id for e in people.employees])
    recent = days(date(2022, 1, 1), date(2025, 6, 30))
    extra = st.builds(
        ExtraTime,
        employee_id=staff,
        unit_id=unit,
        day=recent,
        hours=st.floats(0.5, 10.0),
        kind=st.sampled_from(ExtraTimeKind),
    )
    events = st.lists(incidents(unit), max_size=8, unique_by=lambda i: i.id)
    found = [
        attrs.evolve(i, occurred_on=d, reported_on=d, closed_on=None)
        for i, d in zip(draw(events), draw(st.lists(recent, min_size=8, max_size=8)), strict=False)
    ]
    handed_in = st.lists(
        submissions(unit, st.just(2024), first=date(2025, 1, 1), last=date(2025, 6, 30)),
        max_size=4,
        unique_by=lambda s: s.unit_id,
    )
    answers = draw(
        st.lists(
            st.builds(
                QuestionnaireAnswer,
                unit_id=unit,
                year=st.just(2024),
                question_id=st.sampled_from([q.id for q in QUESTIONS]),
                answer=st.sampled_from(Answer),
            ),
            max_size=12,
            unique_by=lambda a: (a.unit_id, a.question_id),
        )
    )
    managers = st.sampled_from(["chef-a", "chef-b", "chef-c", "chef-d"])
    certified = st.builds(
        Certification, person_id=managers, certified_on=days(date(2019, 1, 1), date(2025, 6, 30))
    )
    handed: list[Delegation] = []
    drawn = delegations(person_id=managers, unit_id=unit)
    for d in draw(st.lists(drawn, max_size=6, unique_by=lambda d: d.id)):
        signed = draw(st.none() | recent)
        returned = None if signed is None else draw(st.none() | days(signed, date(2025, 6, 30)))
        handed.append(attrs.evolve(d, signed_on=signed, returned_on=returned))
    top = draw(st.sets(managers, min_size=1 if handed else 0, max_size=2))
    cases = rehab_cases(unit, staff, first=date(2022, 1, 1), last=date(2025, 6, 30))
    return Dataset(
        org=org,
        employees=people.employees,
        employments=people.employments,
        sick_leave=people.periods,
        extra_time=draw(st.lists(extra, max_size=8)),
        incidents=found,
        risks=draw(st.lists(risks(unit), max_size=5, unique_by=lambda r: r.id)),
        checklists=draw(st.lists(checklists(unit), max_size=4, unique_by=lambda c: c.id)),
        certifications=draw(st.lists(certified, max_size=5)),
        delegations=handed,
        delegation_top=top,
        answers=answers,
        employee_surveys=draw(
            st.lists(
                employee_surveys(unit, st.just(2024)), max_size=4, unique_by=lambda s: s.unit_id
            )
        ),
        narratives=draw(
            st.lists(
                narratives(unit, st.just(2024)),
                max_size=3,
                unique_by=lambda n: (n.unit_id, n.section),
            )
        ),
        submissions=draw(handed_in),
        rehab_cases=draw(st.lists(cases, max_size=4, unique_by=lambda c: c.id)),
        health_factors=draw(
            st.lists(
                health_factor_inventories(unit, st.just(2024)),
                max_size=3,
                unique_by=lambda i: i.unit_id,
            )
        ),
    )


def __dir__() -> list[str]:
    """Show only the public names (``dir(module)``), not the imports behind them."""
    return list(__all__)
