"""samcore: the engine of Swedish systematic work-environment management (SAM).

Typed domain objects and pure functions for rolling-12-month metrics and for
the yearly work-environment report (arbetsmiljörapport), aggregated up the
organisation tree.

Example:
    >>> import samcore
    >>> str(samcore.Window.rolling12(samcore.Month.parse("2024-12")).start)
    '2024-01-01'
"""

from samcore._checklists import Answer, AnswerTally, Checklist, ChecklistItem
from samcore._delegation import (
    CERTIFICATION_VALIDITY,
    Certification,
    Delegation,
    Finding,
    FindingKind,
    certified_share,
    check_delegations,
    expiring_certifications,
)
from samcore._incidents import Incident, IncidentKind
from samcore._org import OrgTree, OrgUnit
from samcore._people import (
    AgeBand,
    Employee,
    Employment,
    ExtraTime,
    ExtraTimeKind,
    Gender,
    SickLeavePeriod,
)
from samcore._ratio import Ratio
from samcore._risks import DEFAULT_BANDS, Measure, MeasureStatus, Risk, RiskBand, RiskMatrix
from samcore._time import Month, Window
from samcore._version import __version__
from samcore._wire import from_json, to_json
from samcore.errors import (
    DatasetError,
    InvalidRiskError,
    InvalidValueError,
    OrgTreeError,
    OverlappingPeriodsError,
    SamcoreError,
    UnknownEmployeeError,
    UnknownUnitError,
    WireFormatError,
)

__all__ = [
    "CERTIFICATION_VALIDITY",
    "DEFAULT_BANDS",
    "AgeBand",
    "Answer",
    "AnswerTally",
    "Certification",
    "Checklist",
    "ChecklistItem",
    "DatasetError",
    "Delegation",
    "Employee",
    "Employment",
    "ExtraTime",
    "ExtraTimeKind",
    "Finding",
    "FindingKind",
    "Gender",
    "Incident",
    "IncidentKind",
    "InvalidRiskError",
    "InvalidValueError",
    "Measure",
    "MeasureStatus",
    "Month",
    "OrgTree",
    "OrgTreeError",
    "OrgUnit",
    "OverlappingPeriodsError",
    "Ratio",
    "Risk",
    "RiskBand",
    "RiskMatrix",
    "SamcoreError",
    "SickLeavePeriod",
    "UnknownEmployeeError",
    "UnknownUnitError",
    "Window",
    "WireFormatError",
    "__version__",
    "certified_share",
    "check_delegations",
    "expiring_certifications",
    "from_json",
    "to_json",
]
