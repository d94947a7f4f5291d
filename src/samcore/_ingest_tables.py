"""A whole dataset from a folder-like mapping of exported tables, every problem at once."""

from __future__ import annotations

import re
import typing
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, Final

import attrs

from samcore._certification import Certification
from samcore._check import require, tuple_of
from samcore._checklists import Checklist, ChecklistItem
from samcore._dataset import Dataset
from samcore._delegation import Delegation
from samcore._employee_survey import EmployeeSurvey
from samcore._frozen import ids as checked_ids
from samcore._frozen import to_tuple
from samcore._health_factors import HealthFactorInventory
from samcore._incidents import Incident
from samcore._ingest import Read, read_table_rows
from samcore._ingest_groups import read_grouped
from samcore._ingest_problems import IngestError, IngestProblem, ProblemCode, Row, ValueWords
from samcore._narratives import Narrative
from samcore._org import OrgTree, OrgUnit
from samcore._people import Employee, Employment, ExtraTime, SickLeavePeriod
from samcore._plan import Submission
from samcore._questions import QuestionnaireAnswer
from samcore._rehab import RehabCase
from samcore._risks import Measure, Risk
from samcore._template import ALL_QUESTIONS, Template
from samcore.errors import DatasetError, InvalidValueError, OrgTreeError, Problem

# --- a whole dataset ---------------------------------------------------------------------------

TABLES: Final[Mapping[str, type]] = MappingProxyType(
    {
        "units": OrgUnit,
        "employees": Employee,
        "employments": Employment,
        "sick_leave": SickLeavePeriod,
        "extra_time": ExtraTime,
        "incidents": Incident,
        "risks": Risk,
        "checklists": Checklist,
        "certifications": Certification,
        "delegations": Delegation,
        "answers": QuestionnaireAnswer,
        "employee_surveys": EmployeeSurvey,
        "narratives": Narrative,
        "submissions": Submission,
        "rehab_cases": RehabCase,
        "health_factors": HealthFactorInventory,
    }
)

__all__ = ["TABLES", "dataset_from_tables"]
"""The tables :func:`dataset_from_tables` reads, by name, and the record each row becomes.

Risks are read by :func:`read_risks` (one measure per row) and checklists
by :func:`read_checklists` (one question per row); every other table by
:func:`read_records`, one record per row (a rehabilitation case with a
date column per step, an inventory with a rating column per factor).
"""

_REFERENCES: Final = {
    "employments": (("unit_id", "unit"), ("employee_id", "employee")),
    "sick_leave": (("employee_id", "employee"),),
    "extra_time": (("unit_id", "unit"), ("employee_id", "employee")),
    "incidents": (("unit_id", "unit"),),
    "risks": (("unit_id", "unit"),),
    "checklists": (("unit_id", "unit"),),
    "delegations": (("unit_id", "unit"),),
    "answers": (("unit_id", "unit"), ("question_id", "question")),
    "employee_surveys": (("unit_id", "unit"),),
    "narratives": (("unit_id", "unit"),),
    "submissions": (("unit_id", "unit"),),
    "rehab_cases": (("unit_id", "unit"), ("employee_id", "employee")),
    "health_factors": (("unit_id", "unit"),),
}
"""The ids each table names, and what they name."""

_UNIQUE: Final[Mapping[str, Callable[[Any], str]]] = {
    "units": lambda r: r.id,
    "employees": lambda r: r.id,
    "incidents": lambda r: r.id,
    "delegations": lambda r: r.id,
    "answers": lambda r: f"{r.unit_id}/{r.year}/{r.question_id}",
    "employee_surveys": lambda r: f"{r.unit_id}/{r.year}",
    "narratives": lambda r: f"{r.unit_id}/{r.year}/{r.section}",
    "submissions": lambda r: f"{r.unit_id}/{r.year}",
    "rehab_cases": lambda r: r.id,
    "health_factors": lambda r: f"{r.unit_id}/{r.year}",
}
"""Tables whose rows must not repeat an id (risks and checklists group their rows by id).

The tables without an ``id`` column must not repeat the fields shown: a
unit's answer to a question, a unit's survey, a unit's text for a section,
a unit's health-factor inventory, each once a year.
"""


def _read_table(
    name: str, rows: Iterable[Row], columns: Mapping[str, str] | None, values: ValueWords | None
) -> Read[Any]:
    if name == "risks":
        return read_grouped(rows, Risk, Measure, "measures", "measure_", columns, values)
    if name == "checklists":
        return read_grouped(rows, Checklist, ChecklistItem, "items", "item_", columns, values)
    return read_table_rows(rows, TABLES[name], columns, values)


def dataset_from_tables(
    tables: Mapping[str, Iterable[Row]],
    *,
    org: OrgTree | None = None,
    columns: Mapping[str, str] | None = None,
    values: ValueWords | None = None,
    ignore: Iterable[str] = (),
    delegation_top: Iterable[str] = (),
    templates: Iterable[Template] = (),
) -> Dataset:
    r"""Build a :class:`Dataset` from tables of rows, or raise one error naming every problem.

    ``tables`` maps the names of :data:`TABLES` to rows (any table may be
    left out but ``units``, which gives the organisation unless ``org`` is
    passed). Each table is read as :func:`read_records`, :func:`read_risks`
    or :func:`read_checklists` read it, with the same ``columns`` and
    ``values`` for every table. Then the records are checked together:
    repeated ids, unit, employee and question ids that are not there, and
    every rule of :class:`Dataset` (overlapping sick leave, more than full
    time, ...), each problem with its table and row.

    A column that is no field of its table is a problem (``unknown_column``)
    unless named in ``ignore``: a misspelt ``fte`` column must not turn
    everyone full-time. A table name not in :data:`TABLES` is a problem too.

    ``delegation_top`` is the ids of the people who hold the work-environment
    tasks without a delegation (:attr:`Dataset.delegation_top`), where every
    chain of delegations starts: no table holds them. Delegations without
    it are a problem (``missing``, field ``delegation_top``). ``templates``
    are report templates of your own (:attr:`Dataset.templates`): answers to
    their questions, and texts for their sections, are then known.

    Raises:
        IngestError: any problem; ``details`` lists them all, by table and row.
        InvalidValueError: both ``org`` and a ``units`` table are given,
            ``values`` is not a map of words, ``delegation_top`` is not a
            collection of ids, or ``templates`` holds something else than
            templates.

    Examples:
        >>> tables = {
        ...     "units": [{"id": "k", "name": "Kommunen"}, {"id": "hr", "name": "HR", "parent_id": "k"}],
        ...     "employees": [{"id": 1, "gender": "K"}, {"id": 2, "gender": "M", "namn": "Nils"}],
        ...     "employments": [{"employee_id": 1, "unit_id": "hr", "start": "2020-01-01", "fte": "80"},
        ...                     {"employee_id": 3, "unit_id": "hr", "start": "2020-01-01"}],
        ... }
        >>> try:
        ...     dataset_from_tables(tables)
        ... except IngestError as error:
        ...     print(*error.details, sep="\n")
        employees: unknown column 'namn' (no field of Employee; rename it with columns= or pass ignore=) [unknown_column]
        employments row 2, employee_id: unknown employee '3' [unknown_id]
        >>> del tables["employments"][1]
        >>> data = dataset_from_tables(tables, ignore=["namn"])
        >>> [(e.employee_id, e.fte) for e in data.employments]
        [('1', 0.8)]
    """
    if org is not None and "units" in tables:
        raise InvalidValueError(
            "'org' must be None when a 'units' table is given (got both) for reading tables"
        )
    top = frozenset(checked_ids("delegation_top", delegation_top, "reading tables"))
    own = to_tuple(templates)
    require("templates", own, tuple_of(Template), "reading tables")
    skip = {str(column).strip() for column in ignore}
    problems: list[IngestProblem] = []
    read: dict[str, Read[Any]] = {}
    for name, rows in tables.items():
        if name not in TABLES:
            problems.append(
                IngestProblem(
                    table=str(name),
                    code=ProblemCode.UNKNOWN_TABLE,
                    message=f"unknown table {name!r} (samcore reads {', '.join(TABLES)})",
                )
            )
            continue
        got = read[name] = _read_table(name, rows, columns, values)
        problems += [attrs.evolve(p, table=name) for p in got.ingested.rejects]
        for column in got.ingested.ignored_columns:
            if column.strip() not in skip:
                problems.append(
                    IngestProblem(
                        table=name,
                        code=ProblemCode.UNKNOWN_COLUMN,
                        value=column,
                        message=f"unknown column {column!r} (no field of {TABLES[name].__name__}; "
                        "rename it with columns= or pass ignore=)",
                    )
                )
    dataset: Dataset | None = None
    kept: dict[str, list[tuple[int, Any]]] = {
        name: list(zip(got.ingested.rows, got.ingested.records, strict=True))
        for name, got in read.items()
    }
    for name, by in _UNIQUE.items():
        kept[name] = _unique(name, kept.get(name, []), by, problems)
    unit_ids: set[str] | None = None  # None: no organisation to check unit ids against
    if org is None:
        units = [unit for _, unit in kept.get("units", [])]
        if "units" not in tables:
            problems.append(
                IngestProblem(
                    table="units",
                    code=ProblemCode.MISSING,
                    message="no units table: the organisation is needed (or pass org=)",
                )
            )
        else:
            try:
                org = OrgTree.from_units(units)
            except OrgTreeError as error:
                problems.append(
                    IngestProblem(table="units", code=ProblemCode.INCONSISTENT, message=str(error))
                )
            unit_ids = {unit.id for unit in units}
    else:
        unit_ids = {unit.id for unit in org.units}
    known: dict[str, set[str] | None] = {
        "unit": unit_ids,
        "employee": {e.id for _, e in kept.get("employees", [])},
        "question": set(ALL_QUESTIONS) | {q.id for t in own for q in t.questions},
    }
    pending = {
        "unit": read["units"].rejected_ids if "units" in read else frozenset(),
        "employee": read["employees"].rejected_ids if "employees" in read else frozenset(),
        "question": frozenset(),
    }
    for name, references in _REFERENCES.items():
        if name in kept:
            kept[name] = _referenced(name, kept[name], references, known, pending, problems)
    if org is not None:
        records = {name: [r for _, r in pairs] for name, pairs in kept.items() if name != "units"}
        try:
            dataset = Dataset(
                org=org,
                delegation_top=top,
                templates=own,
                **typing.cast(dict[str, Any], records),
            )
        except DatasetError as error:
            rows_of = {name: [n for n, _ in pairs] for name, pairs in kept.items()}
            problems += [_located(problem, rows_of) for problem in error.problems]
    if problems or dataset is None:
        order = {name: index for index, name in enumerate(TABLES)}
        problems.sort(key=lambda p: (order.get(p.table or "", len(order)), p.row or 0))
        raise IngestError("tables do not make a dataset", problems)
    return dataset


def _unique(
    table: str,
    pairs: list[tuple[int, Any]],
    key: Callable[[Any], str],
    problems: list[IngestProblem],
) -> list[tuple[int, Any]]:
    first: dict[str, int] = {}
    kept: list[tuple[int, Any]] = []
    for number, record in pairs:
        rid = key(record)
        earlier = first.setdefault(rid, number)
        if earlier == number:
            kept.append((number, record))
        else:
            problems.append(
                IngestProblem(
                    table=table,
                    row=number,
                    field="id" if hasattr(record, "id") else None,
                    code=ProblemCode.DUPLICATE,
                    value=rid,
                    message=f"{rid!r} is given on an earlier row",
                    related_rows=(earlier,),
                )
            )
    return kept


def _referenced(
    table: str,
    pairs: list[tuple[int, Any]],
    references: tuple[tuple[str, str], ...],
    known: Mapping[str, set[str] | None],
    pending: Mapping[str, frozenset[str]],
    problems: list[IngestProblem],
) -> list[tuple[int, Any]]:
    """The records whose ids are all there; a problem for each id that is not."""
    kept: list[tuple[int, Any]] = []
    for number, record in pairs:
        sound = True
        for field, what in references:
            rid = getattr(record, field)
            ids = known[what]
            if ids is None or rid in ids:
                continue
            sound = False
            if rid not in pending[what]:  # a rejected row's id: its own problem says enough
                problems.append(
                    IngestProblem(
                        table=table,
                        row=number,
                        field=field,
                        code=ProblemCode.UNKNOWN_ID,
                        value=rid,
                        message=f"unknown {what} {rid!r}",
                    )
                )
        if sound:
            kept.append((number, record))
    return kept


_INDEX = re.compile(r"\b([a-z_]+)\[(\d+)\]")
_PATH = re.compile(r"^\$\.([a-z_]+)\[(\d+)\](?:\.([a-z_]+))?$")


def _located(problem: Problem, rows_of: Mapping[str, list[int]]) -> IngestProblem:
    """A :class:`Dataset` problem (``$.sick_leave[3]``) as a problem of a table row."""

    def row(table: str, index: int) -> int | None:
        numbers_ = rows_of.get(table, [])
        return numbers_[index] if index < len(numbers_) else None

    if problem.code == "no_top":
        return IngestProblem(
            field="delegation_top", code=ProblemCode.MISSING, message=problem.message
        )
    place = _PATH.match(problem.path)
    if place is None:
        return IngestProblem(code=ProblemCode.INCONSISTENT, message=problem.message)
    table, index = place.group(1), int(place.group(2))
    rows = {row(table, index)} | {
        row(table, int(m.group(2))) for m in _INDEX.finditer(problem.message) if m.group(1) == table
    }
    first = min((n for n in rows if n is not None), default=None)

    def named(match: re.Match[str]) -> str:
        number = row(match.group(1), int(match.group(2)))
        return match.group(0) if number is None else f"{match.group(1)} row {number}"

    message = problem.message
    head, sep, rest = message.partition(": ")
    if sep and not _INDEX.sub("", head).replace(" and ", "").replace(",", "").strip():
        message = rest  # only names the rows, which the problem gives by number
    return IngestProblem(
        table=table,
        row=first,
        field=place.group(3) if first == row(table, index) else None,
        code=ProblemCode.INCONSISTENT,
        message=_INDEX.sub(named, message),
        related_rows=tuple(sorted(n for n in rows if n is not None and n != first)),
    )
