"""samcore: the engine of Swedish systematic work-environment management (SAM).

Typed domain objects and pure functions for rolling-12-month metrics and for
the yearly work-environment report (arbetsmiljörapport), aggregated up the
organisation tree.

Examples:
    >>> import samcore
    >>> str(samcore.Window.rolling12(samcore.Month.parse("2024-12")).start)
    '2024-01-01'
"""

from samcore._age import Headcount, staff_aged
from samcore._certification import (
    CERTIFICATION_VALIDITY,
    Certification,
    Managers,
    certified_share,
    expiring_certifications,
)
from samcore._checklists import Answer, AnswerTally, Checklist, ChecklistItem, SurveySummary
from samcore._dataset import Dataset
from samcore._delegation import Delegation, Finding, FindingKind, check_delegations
from samcore._diagnostics import Diagnostics, UncoveredSickDays
from samcore._employee_survey import MIN_RESPONDENTS, EmployeeSurvey, SurveyResult
from samcore._extra_time import (
    ADDITIONAL_HOURS_PER_YEAR,
    OVERTIME_HOURS_PER_MONTH,
    OVERTIME_HOURS_PER_YEAR,
    ExtraHours,
    WorkingTimeRule,
    WorkingTimeViolation,
    extra_time,
    hours_worked,
    working_time_violations,
)
from samcore._groups import PersonnelGroupRow, personnel_group_table
from samcore._health_factors import (
    HEALTH_FACTOR_SCALE,
    HealthFactor,
    HealthFactorInventory,
    HealthFactorSummary,
)
from samcore._incidents import (
    Incident,
    IncidentKind,
    IncidentSummary,
    incident_summary,
    injury_rate,
)
from samcore._ingest import read_records
from samcore._ingest_cells import VALUE_WORDS
from samcore._ingest_groups import read_checklists, read_risks
from samcore._ingest_problems import Ingested, IngestError, IngestProblem, ProblemCode
from samcore._ingest_tables import TABLES, dataset_from_tables
from samcore._kolada import (
    KOLADA_KPIS,
    KoladaComparison,
    KoladaValue,
    compare_kolada,
    kolada_figures,
)
from samcore._kolada_read import read_kolada
from samcore._narratives import Narrative
from samcore._org import OrgTree, OrgUnit
from samcore._partition import merge, partition, partition_of
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
    personnel_group,
)
from samcore._plan import AggregationPlan, ReportState, Step, Submission
from samcore._privacy import MIN_GROUP_SIZE, round_half_up
from samcore._progress import ChildProgress, Progress, progress
from samcore._publish import PublishedReport, publish
from samcore._questions import Question, QuestionnaireAnswer, Rule, verdict
from samcore._ratio import Ratio
from samcore._rehab import (
    RETURN_PLAN_DAY,
    RehabCase,
    RehabOutcome,
    RehabStep,
    RehabStepTaken,
)
from samcore._rehab_summary import CaseCount, RehabSummary
from samcore._render import format_number, render_markdown
from samcore._render_groups import render_personnel_groups
from samcore._report import ChildReport, IncomingRisk, Report, build_reports
from samcore._risks import (
    DEFAULT_BANDS,
    WORST_MEASURES,
    ActionPlanSummary,
    Measure,
    MeasureStatus,
    OpenMeasure,
    Risk,
    RiskBand,
    RiskMatrix,
)
from samcore._rollup import Reports, roll_up
from samcore._rows import HasRows, rows
from samcore._schedule import CalendarDays, Schedule, WorkingDays, swedish_public_holidays
from samcore._schema import json_schema
from samcore._sick_leave import Duration, SickLeave, SickLeaveCell
from samcore._signals import CHAIN_GAP_DAYS, Signal, SignalPolicy, SignalRule, early_signals
from samcore._spells import (
    LONG_TERM_DAYS,
    RELAPSE_DAYS,
    SHORT_DAYS,
    sick_leave,
    sick_leave_trend,
)
from samcore._template import (
    ALL_QUESTIONS,
    QUESTIONS,
    QUESTIONS_2023,
    TEMPLATE_2023,
    TEMPLATE_2024,
    TEMPLATE_2026,
    TEMPLATES,
    Section,
    Table,
    Template,
    template_for,
)
from samcore._time import Month, Window
from samcore._turnover import Turnover, turnover
from samcore._version import __version__
from samcore._wire import to_json
from samcore._wire_read import from_json
from samcore._workforce import GroupKey
from samcore.errors import (
    DatasetError,
    InvalidRiskError,
    InvalidValueError,
    OrgTreeError,
    OverlappingPeriodsError,
    Problem,
    SamcoreError,
    UnknownEmployeeError,
    UnknownUnitError,
    WireFormatError,
)

__all__ = [
    "ADDITIONAL_HOURS_PER_YEAR",
    "ALL_QUESTIONS",
    "CERTIFICATION_VALIDITY",
    "CHAIN_GAP_DAYS",
    "DEFAULT_BANDS",
    "HEALTH_FACTOR_SCALE",
    "KOLADA_KPIS",
    "LONG_TERM_DAYS",
    "MIN_GROUP_SIZE",
    "MIN_RESPONDENTS",
    "OVERTIME_HOURS_PER_MONTH",
    "OVERTIME_HOURS_PER_YEAR",
    "QUESTIONS",
    "QUESTIONS_2023",
    "RELAPSE_DAYS",
    "RETURN_PLAN_DAY",
    "SHORT_DAYS",
    "TABLES",
    "TEMPLATES",
    "TEMPLATE_2023",
    "TEMPLATE_2024",
    "TEMPLATE_2026",
    "VALUE_WORDS",
    "WORST_MEASURES",
    "ActionPlanSummary",
    "AgeBand",
    "AggregationPlan",
    "Answer",
    "AnswerTally",
    "CalendarDays",
    "CaseCount",
    "Certification",
    "Checklist",
    "ChecklistItem",
    "ChildProgress",
    "ChildReport",
    "Dataset",
    "DatasetError",
    "Delegation",
    "Diagnostics",
    "Duration",
    "Employee",
    "EmployeeSurvey",
    "Employment",
    "EmploymentType",
    "EndReason",
    "ExtraHours",
    "ExtraTime",
    "ExtraTimeKind",
    "Finding",
    "FindingKind",
    "Gender",
    "GroupKey",
    "HasRows",
    "Headcount",
    "HealthFactor",
    "HealthFactorInventory",
    "HealthFactorSummary",
    "Incident",
    "IncidentKind",
    "IncidentSummary",
    "IncomingRisk",
    "IngestError",
    "IngestProblem",
    "Ingested",
    "InvalidRiskError",
    "InvalidValueError",
    "KoladaComparison",
    "KoladaValue",
    "Managers",
    "Measure",
    "MeasureStatus",
    "Month",
    "Narrative",
    "OpenMeasure",
    "OrgTree",
    "OrgTreeError",
    "OrgUnit",
    "OverlappingPeriodsError",
    "PersonnelGroupRow",
    "Problem",
    "ProblemCode",
    "Progress",
    "PublishedReport",
    "Question",
    "QuestionnaireAnswer",
    "Ratio",
    "RehabCase",
    "RehabOutcome",
    "RehabStep",
    "RehabStepTaken",
    "RehabSummary",
    "Report",
    "ReportState",
    "Reports",
    "Risk",
    "RiskBand",
    "RiskMatrix",
    "Rule",
    "SamcoreError",
    "Schedule",
    "Section",
    "SickLeave",
    "SickLeaveCell",
    "SickLeavePeriod",
    "Signal",
    "SignalPolicy",
    "SignalRule",
    "Step",
    "Submission",
    "SurveyResult",
    "SurveySummary",
    "Table",
    "Template",
    "Turnover",
    "UncoveredSickDays",
    "UnknownEmployeeError",
    "UnknownUnitError",
    "Window",
    "WireFormatError",
    "WorkingDays",
    "WorkingTimeRule",
    "WorkingTimeViolation",
    "__version__",
    "build_reports",
    "certified_share",
    "check_delegations",
    "compare_kolada",
    "dataset_from_tables",
    "early_signals",
    "expiring_certifications",
    "extra_time",
    "format_number",
    "from_json",
    "hours_worked",
    "incident_summary",
    "injury_rate",
    "json_schema",
    "kolada_figures",
    "merge",
    "partition",
    "partition_of",
    "personnel_group",
    "personnel_group_table",
    "progress",
    "publish",
    "read_checklists",
    "read_kolada",
    "read_records",
    "read_risks",
    "render_markdown",
    "render_personnel_groups",
    "roll_up",
    "round_half_up",
    "rows",
    "sick_leave",
    "sick_leave_trend",
    "staff_aged",
    "swedish_public_holidays",
    "template_for",
    "to_json",
    "turnover",
    "verdict",
    "working_time_violations",
]


def __dir__() -> list[str]:
    """Show only the public names (``dir(module)``), not the imports behind them."""
    return list(__all__)
