"""Every bad input gets a samcore error: one bad value per field of every public type.

Each public attrs class is built valid from the shipped strategies, then each
field in turn is given each value of a pool of bad values. Only samcore's
own errors may escape; a value that is accepted must still write as JSON;
every message names the field and stays short. The public functions get the
same treatment, one argument at a time, and ``from_json`` of a mutated
payload raises only ``WireFormatError`` for the types the wire tests leave out.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import samcore
from samcore import (
    AggregationPlan,
    Certification,
    Dataset,
    Delegation,
    Employee,
    Employment,
    ExtraHours,
    ExtraTime,
    ExtraTimeKind,
    Gender,
    Incident,
    IncidentKind,
    OrgTree,
    OrgUnit,
    SamcoreError,
    SickLeavePeriod,
    Step,
    Submission,
    Window,
    WireFormatError,
    WorkingDays,
    build_reports,
    from_json,
    sick_leave,
    to_json,
)
from samcore import strategies as sst
from samcore.errors import DatasetError
from test_wire import TYPES as WIRE_TYPES
from test_wire import json_values, mutated_payloads

# The public types the wire tests do not list, with the strategy that builds each.
EXTRA_TYPES: list[tuple[type[Any], st.SearchStrategy[Any]]] = [
    (samcore.Report, sst.reports()),
    (samcore.IncomingRisk, sst.incoming_risks()),
    (samcore.WorkingDays, sst.working_days()),
    (samcore.ActionPlanSummary, sst.action_plan_summaries()),
    (samcore.SurveySummary, sst.survey_summaries()),
    (samcore.Question, sst.questions()),
    (samcore.Section, sst.templates().map(lambda t: t.sections[0])),
    (samcore.QuestionnaireAnswer, sst.questionnaire_answers()),
    (samcore.UncoveredSickDays, sst.uncovered_sick_days()),
    (samcore.Diagnostics, sst.diagnostics()),
    (samcore.Dataset, sst.datasets(max_units=4, max_employees=3)),
    (samcore.Workforce, sst.workforces(max_employees=3)),
    (
        samcore.Problem,
        st.builds(
            samcore.Problem,
            path=st.sampled_from(["$", "$.employments[0].fte"]),
            code=st.sampled_from(["type", "invalid", "overlap"]),
            message=st.text(min_size=1, max_size=30),
        ),
    ),
    (
        samcore.IngestProblem,
        st.builds(
            samcore.IngestProblem,
            code=st.sampled_from(samcore.ProblemCode),
            message=st.text(min_size=1, max_size=30).filter(str.strip),
            table=st.sampled_from([None, "employees"]),
            row=st.sampled_from([None, 1, 7]),
            field=st.sampled_from([None, "gender"]),
            value=st.sampled_from([None, "Q"]),
        ),
    ),
]
TYPES = WIRE_TYPES + EXTRA_TYPES

BAD: list[object] = [
    None,
    "",
    " ",
    -1,
    0,
    10**30,
    float("nan"),
    float("inf"),
    True,
    "x",
    [],
    {},
    object(),
    datetime(2024, 1, 1, 12, 0),
    date(9999, 12, 31),
    "x" * 5000,
    [[[1]]],
]
"""Values that break a rule of most fields (a few fit some fields, and are then accepted)."""

EXAMPLES = 3  # valid values per type; each meets every bad value in every field


def _public_attrs_classes() -> set[type[Any]]:
    return {
        obj
        for name in samcore.__all__
        if isinstance(obj := getattr(samcore, name), type) and attrs.has(obj)
    }


def test_every_public_attrs_class_is_fuzzed() -> None:
    """The lists cover every public attrs class with a field."""
    covered = {cls for cls, _ in TYPES}
    fieldless = {cls for cls in _public_attrs_classes() if not attrs.fields(cls)}
    # Ingested holds records of any type: a result of reading, never built by hand or sent.
    assert _public_attrs_classes() - fieldless - {samcore.Ingested} == covered


def _names(field: attrs.Attribute[Any]) -> tuple[str, ...]:
    return (field.name.lstrip("_"), field.alias or field.name)


def check_error(error: SamcoreError, names: tuple[str, ...]) -> None:
    """A message names the field and stays short (a list of problems: each problem)."""
    text = str(error)
    assert any(name in text for name in names), (names, text)
    if isinstance(error, DatasetError):  # one line per record at fault, each short
        assert all(len(str(problem)) <= 1100 for problem in error.problems), text[:300]
    else:
        assert len(text) <= 1000, text[:300]


def mutate(valid: Any, field: attrs.Attribute[Any], bad: object) -> None:
    """Build ``valid`` with one field replaced; only samcore errors may escape."""
    cls = type(valid)
    given_fields = {f.alias: getattr(valid, f.name) for f in attrs.fields(cls) if f.init}
    given_fields[field.alias] = bad
    try:
        value = cls(**given_fields)
    except SamcoreError as error:
        check_error(error, _names(field))
    else:
        to_json(value)  # what is accepted writes as JSON


@pytest.mark.parametrize(("cls", "strategy"), TYPES, ids=[c.__name__ for c, _ in TYPES])
def test_one_bad_field_gets_a_samcore_error(
    cls: type[Any], strategy: st.SearchStrategy[Any]
) -> None:
    """Every field of every public type refuses a bad value with a short message naming it."""

    @settings(max_examples=EXAMPLES, suppress_health_check=[HealthCheck.too_slow])
    @given(strategy)
    def check(valid: Any) -> None:
        for field in attrs.fields(cls):
            if field.init:
                for bad in BAD:
                    mutate(valid, field, bad)

    check()


@pytest.mark.parametrize(("cls", "strategy"), EXTRA_TYPES, ids=[c.__name__ for c, _ in EXTRA_TYPES])
def test_from_json_raises_only_wire_format_error(
    cls: type[Any], strategy: st.SearchStrategy[Any]
) -> None:
    """Mutated payloads of the types beyond the wire tests' list raise only WireFormatError."""

    @settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
    @given(st.one_of(mutated_payloads(strategy), json_values.map(json.dumps)))
    def check(text: str) -> None:
        try:
            value = from_json(text, cls)
        except WireFormatError as error:
            assert error.problems
        else:
            assert isinstance(value, cls)

    check()


@pytest.mark.parametrize(("cls", "strategy"), EXTRA_TYPES, ids=[c.__name__ for c, _ in EXTRA_TYPES])
def test_round_trip(cls: type[Any], strategy: st.SearchStrategy[Any]) -> None:
    """The types beyond the wire tests' list round-trip through JSON too."""

    @settings(max_examples=10, suppress_health_check=[HealthCheck.too_slow])
    @given(strategy)
    def check(value: Any) -> None:
        assert value == from_json(to_json(value), cls)

    check()


# The public functions, each with valid arguments; every argument in turn gets each bad value.
ORG = OrgTree.from_units([OrgUnit(id="k", name="K"), OrgUnit(id="u", name="U", parent_id="k")])
STAFF = [Employee(id="e", gender=Gender.WOMAN, birth_date=date(1980, 1, 1))]
JOBS = [Employment(employee_id="e", unit_id="u", start=date(2020, 1, 1))]
SICK = [SickLeavePeriod(employee_id="e", start=date(2024, 3, 1), end=date(2024, 3, 20))]
EXTRA = [
    ExtraTime(
        employee_id="e", unit_id="u", day=date(2024, 3, 1), hours=2.0, kind=ExtraTimeKind.OVERTIME
    )
]
INCIDENTS = [
    Incident(id="i", unit_id="u", occurred_on=date(2024, 3, 1), kind=IncidentKind.ACCIDENT)
]
CERTS = [Certification(person_id="m", certified_on=date(2023, 1, 1))]
DELEGATIONS = [
    Delegation(id="d", unit_id="u", delegator_id="t", delegate_id="m", signed_on=date(2023, 2, 1))
]
DATA = Dataset(
    org=ORG,
    employees=STAFF,
    employments=JOBS,
    sick_leave=SICK,
    extra_time=EXTRA,
    incidents=INCIDENTS,
    certifications=CERTS,
    delegations=DELEGATIONS,
    delegation_top={"t"},
)
YEAR = Window.calendar_year(2024)
OWN = build_reports(DATA, 2024)
SICK_LEAVE = sick_leave(STAFF, JOBS, SICK, YEAR)
FOUR_YEARS = relativedelta(years=4)
LEVELLED = OrgTree.from_units(
    [
        OrgUnit(id="k", name="K", level="kommun"),
        OrgUnit(id="u", name="U", parent_id="k", level="enhet"),
    ]
)
PLAN = AggregationPlan(year=2024, steps={"enhet": Step(due=date(2025, 2, 1))})
HANDED_IN = [Submission(unit_id="u", year=2024, submitted_on=date(2025, 1, 30))]

FUNCTIONS: list[tuple[Callable[..., Any], dict[str, Any]]] = [
    (
        samcore.sick_leave,
        {
            "employees": STAFF,
            "employments": JOBS,
            "periods": SICK,
            "window": YEAR,
            "key": None,
            "relapse_days": 5,
            "schedule": WorkingDays(),
        },
    ),
    (
        samcore.sick_leave_trend,
        {"employees": STAFF, "employments": JOBS, "periods": SICK, "windows": [YEAR], "key": None},
    ),
    (
        samcore.turnover,
        {"employees": STAFF, "employments": JOBS, "window": YEAR, "key": None, "gap_days": None},
    ),
    (
        samcore.staff_aged,
        {"employees": STAFF, "employments": JOBS, "on": date(2024, 12, 31), "age": 60, "key": None},
    ),
    (samcore.extra_time, {"records": EXTRA, "window": YEAR}),
    (samcore.incident_summary, {"incidents": INCIDENTS, "window": YEAR}),
    (samcore.injury_rate, {"injuries": 3, "hours_worked": 1000.0, "per": 200_000}),
    (samcore.hours_worked, {"sick": SICK_LEAVE["u"], "extra": ExtraHours()}),
    (samcore.working_time_violations, {"records": EXTRA, "year": 2024}),
    (
        samcore.certified_share,
        {"person_ids": ["m"], "certifications": CERTS, "on": date(2024, 1, 1)},
    ),
    (
        samcore.expiring_certifications,
        {
            "certifications": CERTS,
            "on": date(2024, 1, 1),
            "within": relativedelta(years=1),
            "validity": FOUR_YEARS,
        },
    ),
    (
        samcore.check_delegations,
        {
            "delegations": DELEGATIONS,
            "certifications": CERTS,
            "on": date(2024, 1, 1),
            "top_ids": {"t"},
            "validity": FOUR_YEARS,
        },
    ),
    (samcore.build_reports, {"dataset": DATA, "year": 2024}),
    (samcore.roll_up, {"org": ORG, "reports": OWN}),
    (
        samcore.render_markdown,
        {"report": OWN["u"], "org": ORG, "lang": "sv", "min_group_size": 10},
    ),
    (samcore.rows, {"results": SICK_LEAVE, "group": "unit_id"}),
    (samcore.publish, {"report": OWN["u"], "min_group_size": 10}),
    (samcore.swedish_public_holidays, {"year": 2024, "midsummer_eve": True}),
    (
        samcore.early_signals,
        {
            "periods": SICK,
            "on": date(2024, 3, 20),
            "policy": samcore.SignalPolicy(short_days=3),
            "expected_long": ["e"],
            "decided": {"e": (date(2024, 3, 10), 85)},
        },
    ),
    (
        samcore.progress,
        {
            "plan": PLAN,
            "org": LEVELLED,
            "submissions": HANDED_IN,
            "parent_id": "k",
            "on": date(2025, 2, 2),
        },
    ),
]


@pytest.mark.parametrize(
    ("function", "arguments"), FUNCTIONS, ids=[f.__name__ for f, _ in FUNCTIONS]
)
def test_public_function_arguments(function: Callable[..., Any], arguments: dict[str, Any]) -> None:
    """A bad argument gets InvalidValueError naming it, not an AttributeError deep inside."""
    function(**arguments)
    for name in arguments:
        for bad in BAD:
            try:
                function(**{**arguments, name: bad})
            except SamcoreError as error:
                check_error(error, (name,))
