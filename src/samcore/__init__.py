"""samcore: the engine of Swedish systematic work-environment management (SAM).

Typed domain objects and pure functions for rolling-12-month metrics and for
the yearly work-environment report (arbetsmiljörapport), aggregated up the
organisation tree.

Examples:
    >>> import samcore
    >>> str(samcore.Window.rolling12(samcore.Month.parse("2024-12")).start)
    '2024-01-01'
"""

import dis
import importlib
import sys
from types import CodeType
from typing import TYPE_CHECKING

# The public names, one line each, and the one place a public name is added:
# ``from samcore._module import name as name`` (``as`` marks it exported). Type checkers
# read these imports; at run time they are not executed: ``_public_names`` reads them as a
# table, and a name's module is imported on its first use (module ``__getattr__``), so
# ``import samcore`` stays cheap.
if TYPE_CHECKING:
    from samcore._age import Headcount as Headcount
    from samcore._age import staff_aged as staff_aged
    from samcore._bulk import build_records as build_records
    from samcore._certification import CERTIFICATION_VALIDITY as CERTIFICATION_VALIDITY
    from samcore._certification import Certification as Certification
    from samcore._certification import Managers as Managers
    from samcore._certification import certified_share as certified_share
    from samcore._certification import expiring_certifications as expiring_certifications
    from samcore._checklists import Answer as Answer
    from samcore._checklists import AnswerTally as AnswerTally
    from samcore._checklists import Checklist as Checklist
    from samcore._checklists import ChecklistItem as ChecklistItem
    from samcore._checklists import SurveySummary as SurveySummary
    from samcore._dataset import Dataset as Dataset
    from samcore._delegation import Delegation as Delegation
    from samcore._delegation import Finding as Finding
    from samcore._delegation import FindingKind as FindingKind
    from samcore._delegation import check_delegations as check_delegations
    from samcore._diagnostics import Diagnostics as Diagnostics
    from samcore._diagnostics import UncoveredSickDays as UncoveredSickDays
    from samcore._employee_survey import MIN_RESPONDENTS as MIN_RESPONDENTS
    from samcore._employee_survey import EmployeeSurvey as EmployeeSurvey
    from samcore._employee_survey import SurveyResult as SurveyResult
    from samcore._extra_time import ADDITIONAL_HOURS_PER_YEAR as ADDITIONAL_HOURS_PER_YEAR
    from samcore._extra_time import OVERTIME_HOURS_PER_MONTH as OVERTIME_HOURS_PER_MONTH
    from samcore._extra_time import OVERTIME_HOURS_PER_YEAR as OVERTIME_HOURS_PER_YEAR
    from samcore._extra_time import ExtraHours as ExtraHours
    from samcore._extra_time import WorkingTimeRule as WorkingTimeRule
    from samcore._extra_time import WorkingTimeViolation as WorkingTimeViolation
    from samcore._extra_time import extra_time as extra_time
    from samcore._extra_time import hours_worked as hours_worked
    from samcore._extra_time import working_time_violations as working_time_violations
    from samcore._groups import PersonnelGroupRow as PersonnelGroupRow
    from samcore._groups import personnel_group_table as personnel_group_table
    from samcore._health_factors import HEALTH_FACTOR_SCALE as HEALTH_FACTOR_SCALE
    from samcore._health_factors import HealthFactor as HealthFactor
    from samcore._health_factors import HealthFactorInventory as HealthFactorInventory
    from samcore._health_factors import HealthFactorSummary as HealthFactorSummary
    from samcore._incidents import Incident as Incident
    from samcore._incidents import IncidentKind as IncidentKind
    from samcore._incidents import IncidentSummary as IncidentSummary
    from samcore._incidents import incident_summary as incident_summary
    from samcore._incidents import injury_rate as injury_rate
    from samcore._ingest import read_records as read_records
    from samcore._ingest_cells import VALUE_WORDS as VALUE_WORDS
    from samcore._ingest_groups import read_checklists as read_checklists
    from samcore._ingest_groups import read_risks as read_risks
    from samcore._ingest_problems import Ingested as Ingested
    from samcore._ingest_problems import IngestError as IngestError
    from samcore._ingest_problems import IngestProblem as IngestProblem
    from samcore._ingest_problems import ProblemCode as ProblemCode
    from samcore._ingest_tables import TABLES as TABLES
    from samcore._ingest_tables import dataset_from_tables as dataset_from_tables
    from samcore._kolada import KOLADA_KPIS as KOLADA_KPIS
    from samcore._kolada import KoladaComparison as KoladaComparison
    from samcore._kolada import KoladaValue as KoladaValue
    from samcore._kolada import compare_kolada as compare_kolada
    from samcore._kolada import kolada_figures as kolada_figures
    from samcore._kolada_read import read_kolada as read_kolada
    from samcore._narratives import Narrative as Narrative
    from samcore._org import OrgTree as OrgTree
    from samcore._org import OrgUnit as OrgUnit
    from samcore._partition import merge as merge
    from samcore._partition import partition as partition
    from samcore._partition import partition_of as partition_of
    from samcore._people import AgeBand as AgeBand
    from samcore._people import Employee as Employee
    from samcore._people import Employment as Employment
    from samcore._people import EmploymentType as EmploymentType
    from samcore._people import EndReason as EndReason
    from samcore._people import ExtraTime as ExtraTime
    from samcore._people import ExtraTimeKind as ExtraTimeKind
    from samcore._people import Gender as Gender
    from samcore._people import SickLeavePeriod as SickLeavePeriod
    from samcore._people import personnel_group as personnel_group
    from samcore._plan import AggregationPlan as AggregationPlan
    from samcore._plan import ReportState as ReportState
    from samcore._plan import Step as Step
    from samcore._plan import Submission as Submission
    from samcore._prepared import Workforce as Workforce
    from samcore._privacy import MIN_GROUP_SIZE as MIN_GROUP_SIZE
    from samcore._privacy import round_half_up as round_half_up
    from samcore._progress import ChildProgress as ChildProgress
    from samcore._progress import Progress as Progress
    from samcore._progress import progress as progress
    from samcore._publish import PublishedReport as PublishedReport
    from samcore._publish import publish as publish
    from samcore._questions import Question as Question
    from samcore._questions import QuestionnaireAnswer as QuestionnaireAnswer
    from samcore._questions import Rule as Rule
    from samcore._questions import verdict as verdict
    from samcore._ratio import Ratio as Ratio
    from samcore._rehab import RETURN_PLAN_DAY as RETURN_PLAN_DAY
    from samcore._rehab import RehabCase as RehabCase
    from samcore._rehab import RehabOutcome as RehabOutcome
    from samcore._rehab import RehabStep as RehabStep
    from samcore._rehab import RehabStepTaken as RehabStepTaken
    from samcore._rehab_summary import CaseCount as CaseCount
    from samcore._rehab_summary import RehabSummary as RehabSummary
    from samcore._render import format_number as format_number
    from samcore._render import render_markdown as render_markdown
    from samcore._render_groups import render_personnel_groups as render_personnel_groups
    from samcore._report import ChildReport as ChildReport
    from samcore._report import IncomingRisk as IncomingRisk
    from samcore._report import Report as Report
    from samcore._report import build_reports as build_reports
    from samcore._risks import DEFAULT_BANDS as DEFAULT_BANDS
    from samcore._risks import WORST_MEASURES as WORST_MEASURES
    from samcore._risks import ActionPlanSummary as ActionPlanSummary
    from samcore._risks import Measure as Measure
    from samcore._risks import MeasureStatus as MeasureStatus
    from samcore._risks import OpenMeasure as OpenMeasure
    from samcore._risks import Risk as Risk
    from samcore._risks import RiskBand as RiskBand
    from samcore._risks import RiskMatrix as RiskMatrix
    from samcore._rollup import Reports as Reports
    from samcore._rollup import roll_up as roll_up
    from samcore._rows import HasRows as HasRows
    from samcore._rows import rows as rows
    from samcore._schedule import CalendarDays as CalendarDays
    from samcore._schedule import Schedule as Schedule
    from samcore._schedule import WorkingDays as WorkingDays
    from samcore._schedule import swedish_public_holidays as swedish_public_holidays
    from samcore._schema import json_schema as json_schema
    from samcore._sick_leave import Duration as Duration
    from samcore._sick_leave import SickLeave as SickLeave
    from samcore._sick_leave import SickLeaveCell as SickLeaveCell
    from samcore._signals import CHAIN_GAP_DAYS as CHAIN_GAP_DAYS
    from samcore._signals import Signal as Signal
    from samcore._signals import SignalPolicy as SignalPolicy
    from samcore._signals import SignalRule as SignalRule
    from samcore._signals import early_signals as early_signals
    from samcore._spells import LONG_TERM_DAYS as LONG_TERM_DAYS
    from samcore._spells import RELAPSE_DAYS as RELAPSE_DAYS
    from samcore._spells import SHORT_DAYS as SHORT_DAYS
    from samcore._spells import sick_leave as sick_leave
    from samcore._spells import sick_leave_trend as sick_leave_trend
    from samcore._template import ALL_QUESTIONS as ALL_QUESTIONS
    from samcore._template import QUESTIONS as QUESTIONS
    from samcore._template import QUESTIONS_2023 as QUESTIONS_2023
    from samcore._template import TEMPLATE_2023 as TEMPLATE_2023
    from samcore._template import TEMPLATE_2024 as TEMPLATE_2024
    from samcore._template import TEMPLATE_2026 as TEMPLATE_2026
    from samcore._template import TEMPLATES as TEMPLATES
    from samcore._template import Section as Section
    from samcore._template import Table as Table
    from samcore._template import Template as Template
    from samcore._template import template_for as template_for
    from samcore._time import Month as Month
    from samcore._time import Window as Window
    from samcore._turnover import Turnover as Turnover
    from samcore._turnover import turnover as turnover
    from samcore._version import __version__ as __version__
    from samcore._wire import to_json as to_json
    from samcore._wire_read import from_json as from_json
    from samcore._workforce import GroupKey as GroupKey
    from samcore.errors import DatasetError as DatasetError
    from samcore.errors import InvalidRiskError as InvalidRiskError
    from samcore.errors import InvalidValueError as InvalidValueError
    from samcore.errors import OrgTreeError as OrgTreeError
    from samcore.errors import OverlappingPeriodsError as OverlappingPeriodsError
    from samcore.errors import Problem as Problem
    from samcore.errors import SamcoreError as SamcoreError
    from samcore.errors import UnknownEmployeeError as UnknownEmployeeError
    from samcore.errors import UnknownUnitError as UnknownUnitError
    from samcore.errors import WireFormatError as WireFormatError


def _public_names(code: CodeType) -> dict[str, str]:
    """Each public name and its module, read from the imports of the block above.

    The block is compiled but never run, so its import instructions are the table.
    """
    table: dict[str, str] = {}
    module = ""
    for instruction in dis.get_instructions(code):
        if instruction.opname == "IMPORT_NAME":
            module = instruction.argval
        elif instruction.opname == "IMPORT_FROM" and module.startswith("samcore"):
            table[instruction.argval] = module
    return table


def _kind(name: str) -> tuple[int, str]:
    """Constants first, then classes, then functions; alphabetical within each."""
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


_MODULES: dict[str, str] = _public_names(sys._getframe().f_code)
__all__ = sorted(_MODULES, key=_kind)


def __dir__() -> list[str]:
    """Show only the public names (``dir(module)``), not the imports behind them."""
    return list(__all__)


if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        """Import a public name from its module on first use, then keep it here."""
        if name not in _MODULES:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(_MODULES[name]), name)
        globals()[name] = value
        return value
