"""The yearly work-environment report: each unit's own figures, built from a dataset."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from operator import attrgetter
from typing import Any, Final, TypeVar

import attrs

from samcore._age import Headcount, aged
from samcore._certification import Managers, latest_certifications, managers_among
from samcore._check import (
    describe,
    fail,
    instance_of,
    int_in,
    mapping_of,
    name_of,
    non_blank,
    optional,
    require,
    show,
    subject_of,
    tuple_of,
)
from samcore._checklists import AnswerTally, SurveySummary
from samcore._dataset import Dataset
from samcore._delegation import Finding, check_delegations, in_force
from samcore._employee_survey import SurveyResult
from samcore._extra_time import ExtraHours, extra_time
from samcore._frozen import EMPTY, FrozenMap, frozen_map, of_type, to_tuple
from samcore._health_factors import HealthFactorSummary
from samcore._incidents import IncidentSummary, incident_summary
from samcore._monoid import trusted
from samcore._plan import Submission
from samcore._ratio import Ratio
from samcore._rehab_summary import RehabSummary
from samcore._risks import ActionPlanSummary, Risk, followed_up
from samcore._schedule import CalendarDays, Schedule
from samcore._sick_leave import SickLeave
from samcore._spells import RELAPSE_DAYS, check_options, sweep
from samcore._template import Template, template_for
from samcore._time import Month, Window
from samcore._turnover import Turnover, moves
from samcore._workforce import by_unit, prepare

__all__ = [
    "ChildReport",
    "IncomingRisk",
    "Report",
    "answers_field",
    "build_reports",
    "children_field",
    "frozen_answers",
    "frozen_texts",
    "own_risks",
    "risk_checks",
    "submission_field",
    "texts_field",
    "unvalidated",
]

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class IncomingRisk:
    """A risk reported onward from a unit below, as it arrives in a report above.

    ``from_unit_id`` is the unit the risk came from (its own unit, however
    far it climbed); ``onward`` says that the unit receiving it cannot act
    on it either and passes it on to the next level up.

    Examples:
        >>> from datetime import date
        >>> r = Risk(id="r", unit_id="ksf", title="Utmattning", identified_on=date(2023, 1, 1),
        ...          probability=3, consequence=4, reported_onward=True)
        >>> IncomingRisk(from_unit_id="ksf", risk=r).risk.level
        12
    """

    from_unit_id: str = attrs.field(validator=non_blank())
    risk: Risk = attrs.field(validator=instance_of(Risk))
    onward: bool = attrs.field(default=False, validator=instance_of(bool))

    def __attrs_post_init__(self) -> None:
        if self.risk.unit_id != self.from_unit_id:
            fail(
                "from_unit_id",
                f"be the unit of the risk, {show(self.risk.unit_id)}",
                self.from_unit_id,
                self._subject,
            )
        if not self.risk.reported_onward:
            fail("risk", "be reported onward", self.risk.id, self._subject)

    @property
    def _subject(self) -> str:
        return describe("an incoming risk", "incoming risk from", ("", self.from_unit_id))


def frozen_answers(value: Mapping[str, Any]) -> Mapping[str, Any]:
    """Store a mapping read-only, sorted by its text keys; anything else for the validator."""
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        return frozen_map(value)  # type: ignore[no-any-return]
    return FrozenMap((k, value[k]) for k in sorted(value))


def frozen_texts(value: Mapping[str, str]) -> Mapping[str, str]:
    """Store texts by section id read-only, sorted; anything else for the validator."""
    return frozen_answers(value)


_TEXTS: Final = mapping_of(non_blank(), non_blank())
_ANSWERS: Final = mapping_of(non_blank(), instance_of(AnswerTally))


@attrs.frozen(kw_only=True)
class ChildReport:
    """What a parent's rolled-up report holds of one child beyond the sums.

    ``answers`` are the tallies of the child's whole subtree, so the parent
    can name the children that are the exceptions to a compliance question
    (or that said yes to an occurrence question); ``narratives`` are the
    child's own texts by section id, for whoever writes the parent's text;
    ``submission`` says whether and when the child handed its report in, and
    ``missing`` how many reports of the child's subtree (its own included)
    are not handed in yet.

    Examples:
        >>> c = ChildReport(answers={"meetings.held": AnswerTally(yes=3, no=1)},
        ...                 narratives={"meetings": "APT varje månad."})
        >>> c.answers["meetings.held"].no, c.narratives["meetings"]
        (1, 'APT varje månad.')
    """

    answers: Mapping[str, AnswerTally] = attrs.field(
        default=EMPTY, converter=frozen_answers, validator=_ANSWERS
    )
    narratives: Mapping[str, str] = attrs.field(
        default=EMPTY, converter=frozen_texts, validator=_TEXTS
    )
    submission: Submission | None = attrs.field(
        default=None, validator=optional(instance_of(Submission))
    )
    missing: int = attrs.field(default=0, validator=int_in(0))


def _findings(value: Iterable[Finding]) -> tuple[Finding, ...]:
    """Store the findings sorted; anything but findings for the validator."""
    given = to_tuple(value)
    if not isinstance(given, tuple) or not all(isinstance(f, Finding) for f in given):
        return given  # type: ignore[no-any-return]
    return tuple(sorted(given, key=lambda f: (f.delegation_id, f.kind.value, f.message)))


def own_risks(instance: Report, attribute: Any, value: Any) -> None:
    """Validator of a report's risks: risks of the report's own unit."""
    for index, risk in enumerate(value):
        if risk.unit_id != instance.unit_id:
            fail(
                f"{name_of(attribute)}[{index}]",
                f"be a risk of the unit_id {show(instance.unit_id)}",
                risk.unit_id,
                instance._subject,
            )


def _onward(instance: Any, attribute: Any, value: Any) -> None:
    """Validator of the risks a report sends onward: each flagged so."""
    for index, risk in enumerate(value):
        if not risk.reported_onward:
            fail(
                f"{name_of(attribute)}[{index}]",
                "be a risk reported onward",
                risk.id,
                subject_of(instance),
            )


def _own_submission(instance: Any, attribute: Any, value: Any) -> None:
    """Validator of a report's submission: of the report's own unit and year."""
    if value is not None and (value.unit_id != instance.unit_id or value.year != instance.year):
        fail(
            name_of(attribute),
            f"be of the report's unit_id {show(instance.unit_id)} and year {instance.year}",
            f"{value.unit_id} {value.year}",
            subject_of(instance),
        )


def risk_checks(*, onward: bool = False) -> list[Any]:
    """The validators of a report's own risks (flagged onward, if ``onward``)."""
    return [tuple_of(Risk), own_risks, *([_onward] if onward else [])]


def answers_field() -> Any:
    """A field of answer tallies by question id."""
    return attrs.field(default=EMPTY, converter=frozen_answers, validator=_ANSWERS)


def texts_field() -> Any:
    """A field of the unit's own texts by section id."""
    return attrs.field(default=EMPTY, converter=frozen_texts, validator=_TEXTS)


def submission_field() -> Any:
    """A field of the unit's own submission of the report's year, or ``None``."""
    return attrs.field(default=None, validator=[optional(instance_of(Submission)), _own_submission])


def children_field() -> Any:
    """A field of what the report holds of each child, by the child's unit id."""
    return attrs.field(
        default=EMPTY,
        converter=frozen_map,
        validator=mapping_of(non_blank(), instance_of(ChildReport)),
    )


@attrs.frozen(kw_only=True)
class Report:
    """The figures of one unit's yearly work-environment report (arbetsmiljörapport).

    R12 figures end in ``month`` (December unless given) of ``year`` (and of
    the year before, for the ``_previous`` fields); incidents and safety
    rounds cover the same twelve months (the calendar year for December).
    Built by :func:`build_reports` from a unit's own records, and by
    :func:`roll_up` with everything below the unit added in. ``risks`` (the
    unit's own followed-up risks), ``risks_reported_onward`` and
    ``narratives`` (the unit's own texts by template section id) never roll
    up; ``incoming_risks`` are the risks arriving from below, and
    ``children`` holds each child's answers and texts for the parent's
    reader. ``aged_60`` counts the distinct staff aged 60 or more on the
    window's last day; ``employee_survey`` adds the year's survey results;
    ``rehabilitation`` the rehabilitation cases (open at the window's end,
    closed and plans due within it); ``health_factors`` the year's
    health-factor inventories;
    ``submission`` is the unit's own hand-in (``None``: still a draft).

    Examples:
        >>> r = Report(unit_id="u", year=2024)
        >>> r.sick_leave.rate().value is None, r.incidents.total
        (True, 0)
    """

    unit_id: str = attrs.field(validator=non_blank())
    year: int = attrs.field(validator=int_in(1, 9999))
    month: int = attrs.field(default=12, validator=int_in(1, 12))
    sick_leave: SickLeave = of_type(SickLeave())
    sick_leave_previous: SickLeave = of_type(SickLeave())
    turnover: Turnover = of_type(Turnover())
    turnover_previous: Turnover = of_type(Turnover())
    extra_time: ExtraHours = of_type(ExtraHours())
    extra_time_previous: ExtraHours = of_type(ExtraHours())
    incidents: IncidentSummary = of_type(IncidentSummary())
    incidents_previous: IncidentSummary = of_type(IncidentSummary())
    answers: Mapping[str, AnswerTally] = answers_field()
    action_plan: ActionPlanSummary = of_type(ActionPlanSummary())
    surveys: SurveySummary = of_type(SurveySummary())
    employee_survey: SurveyResult = of_type(SurveyResult())
    rehabilitation: RehabSummary = of_type(RehabSummary())
    health_factors: HealthFactorSummary = of_type(HealthFactorSummary())
    aged_60: Headcount = of_type(Headcount())
    aged_60_previous: Headcount = of_type(Headcount())
    managers: Managers = of_type(Managers())
    delegation_findings: tuple[Finding, ...] = attrs.field(
        default=(), converter=_findings, validator=tuple_of(Finding)
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
    children: Mapping[str, ChildReport] = children_field()

    @property
    def _subject(self) -> str:
        return describe("a report", "report of unit", ("", self.unit_id))

    @property
    def certified(self) -> Ratio:
        """The share of managers certified (counted once each, also after roll-up).

        Examples:
            >>> Report(unit_id="u", year=2024).certified.percent is None
            True
        """
        return self.managers.share

    @property
    def window(self) -> Window:
        """The R12 window of the report: the twelve months ending in ``month`` of ``year``.

        Examples:
            >>> Report(unit_id="u", year=2024).window.start
            datetime.date(2024, 1, 1)
            >>> Report(unit_id="u", year=2024, month=4).window.start
            datetime.date(2023, 5, 1)
        """
        return Window.rolling12(Month(year=self.year, month=self.month))


_STORED: Final = (FrozenMap, tuple)


def unvalidated(kind: type[T], **fields: Any) -> T:
    """A value of a report class built from parts that are valid samcore values already.

    No validator and no rule across fields runs: for :func:`roll_up` only,
    whose parts are sums of valid values and whose report-level rules
    (risks and submission of the report's own unit) hold by construction,
    since they are the unit's own report's. Checking every part again for
    every unit would cost more than the sums. Every field is given by its
    alias; a part already stored (a :class:`FrozenMap` or a tuple, taken
    from a report) is kept as it is, others go through the field's
    converter (mappings frozen and sorted, findings sorted).

    Examples:
        >>> unvalidated(ChildReport, answers={}, narratives={"a": "Text."}, submission=None, missing=1)
        ChildReport(answers={}, narratives={'a': 'Text.'}, submission=None, missing=1)
    """
    values = {}
    attributes: Any = kind
    for field in attrs.fields(attributes):
        value, convert = fields[field.alias], field.converter
        stored = convert is None or value.__class__ in _STORED
        values[field.name] = value if stored else convert(value)
    return trusted(kind, **values)


def _by_unit(
    records: Iterable[Any], unit_of: Callable[[Any], str] = attrgetter("unit_id")
) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = {}
    for record in records:
        grouped.setdefault(unit_of(record), []).append(record)
    return grouped


def _covers(covers: Window | None, window: Window) -> bool:
    """Whether the data says anything about a window: always, unless ``covers`` misses it."""
    return covers is None or (window.start <= covers.end and covers.start <= window.end)


def build_reports(
    dataset: Dataset,
    year: int,
    *,
    month: int = 12,
    template: Template | None = None,
    schedule: Schedule | None = None,
) -> dict[str, Report]:
    """Every unit's own report for a year: the records attached to that unit only.

    Sick leave, turnover and extra time are R12 ending ``month`` (December
    unless given: the tertial statistics use April, August and December) of
    ``year`` and of ``year - 1``; incidents and safety rounds the same twelve
    months; answers and texts those given for ``year``; delegations and
    certifications as of the window's last day. The answers tallied are
    those of ``template`` (by default the template of the year, see
    :func:`template_for`, among the dataset's own ``templates`` and the
    shipped ones). Scheduled hours follow ``schedule`` (every calendar day
    by default; :class:`WorkingDays` for Monday–Friday without public
    holidays). A delegation belongs to the unit whose tasks it hands over;
    the chain starts with the dataset's ``delegation_top``. Every unit of the
    organisation gets a report, empty or not. A window outside the days
    the dataset ``covers`` gets no figures about people (rendered
    "uppgift saknas"), rather than zeros from ongoing employments.

    Raises:
        InvalidValueError: ``dataset`` is not a :class:`Dataset`, ``year`` is
            not an int in 2..9999 (the report compares with the year before),
            ``month`` not in 1..12, or ``template`` not a :class:`Template`.

    Examples:
        >>> from datetime import date
        >>> from samcore import Employee, Employment, Gender, OrgTree, OrgUnit
        >>> org = OrgTree.from_units([OrgUnit(id="k", name="Kommunen"),
        ...                           OrgUnit(id="e", name="Enheten", parent_id="k")])
        >>> data = Dataset(org=org, employees=[Employee(id="p", gender=Gender.MAN)],
        ...                employments=[Employment(employee_id="p", unit_id="e", start=date(2020, 1, 1))])
        >>> reports = build_reports(data, 2024)
        >>> reports["e"].sick_leave.headcount(), reports["k"].sick_leave.headcount()
        (1, 0)
        >>> build_reports(data, 2024, month=4)["e"].window.end
        datetime.date(2024, 4, 30)
    """
    require("dataset", dataset, instance_of(Dataset), "build_reports")
    require("year", year, int_in(2, 9999), "build_reports")
    require("month", month, int_in(1, 12), "build_reports")
    require("template", template, optional(instance_of(Template)), "build_reports")
    if template is None:
        template = template_for(year, dataset.templates)
    asked = {q.id for q in template.questions}
    current = Window.rolling12(Month(year=year, month=month))
    previous = current.previous_year()
    year_end = current.end
    covered = [w for w in (current, previous) if _covers(dataset.covers, w)]
    hours = CalendarDays() if schedule is None else schedule
    check_options(hours, RELAPSE_DAYS, "build_reports")
    staff = prepare(dataset.employees, dataset.employments, dataset.sick_leave)  # once
    trend = sweep(staff, covered, by_unit, hours, RELAPSE_DAYS)
    moved = {w: moves(staff, w, by_unit, None) for w in covered}
    older = {w: aged(staff, w.end, 60, by_unit) for w in covered}
    extras = {w: extra_time(dataset.extra_time, w) for w in covered}
    incidents = [incident_summary(dataset.incidents, w) for w in (current, previous)]
    answers: dict[str, dict[str, AnswerTally]] = {}
    for a in dataset.answers:
        if a.year == year and a.question_id in asked:
            answers.setdefault(a.unit_id, {})[a.question_id] = AnswerTally.of(a.answer)
    texts: dict[str, dict[str, str]] = {}
    for n in dataset.narratives:
        if n.year == year:
            texts.setdefault(n.unit_id, {})[n.section] = n.text
    surveys = _by_unit(s for s in dataset.employee_surveys if s.year == year)
    cases = _by_unit(dataset.rehab_cases)
    factors = _by_unit(h for h in dataset.health_factors if h.year == year)
    handed = {s.unit_id: s for s in dataset.submissions if s.year == year}
    risks = _by_unit(r for r in dataset.risks if followed_up(r, year))
    rounds = _by_unit(c for c in dataset.checklists if c.performed_on in current)
    delegations = [d for d in dataset.delegations if in_force(d, year)]
    top = dataset.delegation_top
    unit_of = {d.id: d.unit_id for d in delegations}
    findings = _by_unit(
        check_delegations(delegations, dataset.certifications, year_end, top_ids=top),
        lambda f: unit_of[f.delegation_id],
    )
    managers = {unit: {d.delegate_id for d in ds} for unit, ds in _by_unit(delegations).items()}
    latest = latest_certifications(dataset.certifications, year_end)
    reports = {}
    for unit in dataset.org.units:
        uid = unit.id
        own_risks = sorted(risks.get(uid, []), key=lambda r: (-r.level, r.id))
        # Parts made above from the checked dataset, grouped by this unit: valid by construction.
        reports[uid] = unvalidated(
            Report,
            unit_id=uid,
            year=year,
            month=month,
            sick_leave=trend.get(current, {}).get(uid, _NO_SICK_LEAVE),
            sick_leave_previous=trend.get(previous, {}).get(uid, _NO_SICK_LEAVE),
            turnover=moved.get(current, {}).get(uid, _NO_TURNOVER),
            turnover_previous=moved.get(previous, {}).get(uid, _NO_TURNOVER),
            extra_time=extras.get(current, {}).get(uid, _NO_EXTRA_TIME),
            extra_time_previous=extras.get(previous, {}).get(uid, _NO_EXTRA_TIME),
            incidents=incidents[0].get(uid, _NO_INCIDENTS),
            incidents_previous=incidents[1].get(uid, _NO_INCIDENTS),
            answers=answers.get(uid, {}),
            action_plan=ActionPlanSummary.of(own_risks, year_end),
            surveys=SurveySummary.of(rounds.get(uid, [])),
            employee_survey=SurveyResult.of(surveys.get(uid, [])),
            rehabilitation=RehabSummary.of(cases.get(uid, []), current),
            health_factors=HealthFactorSummary.of(factors.get(uid, [])),
            aged_60=older.get(current, {}).get(uid, _NO_HEADCOUNT),
            aged_60_previous=older.get(previous, {}).get(uid, _NO_HEADCOUNT),
            managers=managers_among(managers.get(uid, ()), latest, year_end),
            delegation_findings=findings.get(uid, ()),
            risks=own_risks,
            risks_reported_onward=tuple(r for r in own_risks if r.reported_onward),
            narratives=texts.get(uid, {}),
            submission=handed.get(uid),
            children={},
            incoming_risks=(),
        )
    return reports


# The values of a unit without such records; values are immutable, so one serves every unit.
_NO_SICK_LEAVE: Final = SickLeave()
_NO_TURNOVER: Final = Turnover()
_NO_EXTRA_TIME: Final = ExtraHours()
_NO_INCIDENTS: Final = IncidentSummary()
_NO_HEADCOUNT: Final = Headcount()
