"""Scale-out: a dataset split by employee, and the partial results added back into one.

Every figure about people is a monoid over people: computed on groups of
people apart and added, it equals the figure over everyone, as long as no
person is split between two groups (the relapse rule, the 60-day rule and
turnover look at all of a person's records together). So a dataset too
large for one process is split by employee, each part computed anywhere
(a process pool, Dask, Spark) and the results added with :func:`merge`.
"""

from __future__ import annotations

import functools
import operator
import zlib
from collections.abc import Iterable, Mapping
from typing import Any, Final, TypeVar

import attrs

from samcore._check import (
    entry,
    fail,
    instance_of,
    int_in,
    is_text,
    non_blank,
    require,
    show,
    with_article,
)
from samcore._dataset import Dataset
from samcore._monoid import Summable, total
from samcore._report import Report
from samcore.errors import InvalidValueError

__all__ = ["merge", "partition", "partition_of"]

K = TypeVar("K")
V = TypeVar("V")

_BY_EMPLOYEE: Final = (
    ("employees", "id"),
    ("employments", "employee_id"),
    ("sick_leave", "employee_id"),
    ("extra_time", "employee_id"),
    ("rehab_cases", "employee_id"),
)
"""The records of a person, by the field naming the person: each goes to its person's part."""

_UNIT_LEVEL: Final = (
    "incidents",
    "risks",
    "checklists",
    "certifications",
    "delegations",
    "answers",
    "employee_surveys",
    "narratives",
    "submissions",
    "health_factors",
)
"""The records of units, not of a person: all in part 0, so none counts twice."""

_PERSON_FIELDS: Final = (
    "sick_leave",
    "sick_leave_previous",
    "turnover",
    "turnover_previous",
    "extra_time",
    "extra_time_previous",
    "rehabilitation",
    "aged_60",
    "aged_60_previous",
)
"""The fields of a :class:`Report` computed from people's records: added over the parts."""

_MERGED: Final = tuple(
    f.name for f in attrs.fields(Report) if f.name not in ("unit_id", "year", "month")
)
"""The fields of a report taken from the parts: the unit, year and month are the same in all."""
_ID: Final = non_blank()
_PARTS: Final = int_in(1)


def partition_of(employee_id: str, parts: int) -> int:
    """The part (``0 .. parts - 1``) a person's records belong to, the same in every process.

    A checksum (CRC-32) of the id's UTF-8 bytes, never Python's ``hash()``,
    which differs between processes: rows of an export (CSV lines, Spark
    rows) can be routed by their employee id before any record is built,
    and :func:`partition` routes records the same way.

    Raises:
        InvalidValueError: ``employee_id`` is not a non-empty string, or
            ``parts`` is not an int >= 1.

    Examples:
        >>> partition_of("e1", 4), partition_of("e2", 4), partition_of("e1", 1)
        (3, 1, 0)
    """
    if not (parts.__class__ is int and parts >= 1 and is_text(employee_id)):  # once per row
        require("employee_id", employee_id, _ID, "partition_of")
        require("parts", parts, _PARTS, "partition_of")
    return _part(employee_id, parts)


def _part(employee_id: str, parts: int) -> int:
    """:func:`partition_of` of arguments known to be right."""
    return zlib.crc32(employee_id.encode()) % parts


def partition(dataset: Dataset, parts: int) -> tuple[Dataset, ...]:
    """A dataset split into ``parts`` datasets by employee, whose results add up to the whole's.

    All the records of a person (the employee, employments, sick-leave
    periods, extra time, rehabilitation cases, the history before any
    window included) go to the part :func:`partition_of` gives the person's
    id. The records of units (incidents, risks, safety rounds,
    certifications, delegations, answers, surveys, texts, submissions,
    health-factor inventories) go to part 0 only, so that nothing counts
    twice; every part gets the organisation, ``delegation_top``, ``covers``,
    ``risk_matrix`` and ``templates``. A part may be empty of people.

    Raises:
        InvalidValueError: ``dataset`` is not a :class:`Dataset`, or
            ``parts`` is not an int >= 1.

    Examples:
        >>> from datetime import date
        >>> from samcore import Employee, Employment, Gender, OrgTree, OrgUnit
        >>> org = OrgTree.from_units([OrgUnit(id="k", name="Kommunen")])
        >>> staff = [Employee(id=f"e{n}", gender=Gender.WOMAN) for n in range(1, 7)]
        >>> jobs = [Employment(employee_id=e.id, unit_id="k", start=date(2024, 1, 1)) for e in staff]
        >>> halves = partition(Dataset(org=org, employees=staff, employments=jobs), 2)
        >>> [[e.id for e in half.employees] for half in halves]
        [['e4', 'e5', 'e6'], ['e1', 'e2', 'e3']]
        >>> [j.employee_id for j in halves[1].employments]
        ['e1', 'e2', 'e3']
    """
    require("dataset", dataset, instance_of(Dataset), "partition")
    require("parts", parts, _PARTS, "partition")
    if parts == 1:
        return (dataset,)
    routed: list[dict[str, Any]] = [{name: [] for name, _ in _BY_EMPLOYEE} for _ in range(parts)]
    where: dict[str, int] = {}
    for name, key in _BY_EMPLOYEE:
        for record in getattr(dataset, name):
            person = getattr(record, key)
            part = where.get(person)
            if part is None:
                part = where[person] = _part(person, parts)
            routed[part][name].append(record)
    nothing: dict[str, Any] = dict.fromkeys(_UNIT_LEVEL, ())
    return tuple(
        attrs.evolve(dataset, **records, **({} if part == 0 else nothing))
        for part, records in enumerate(routed)
    )


def merge(parts: Iterable[Mapping[K, V]]) -> dict[K, V]:
    """Partial results of the parts of a dataset added key by key into the whole's.

    Each part is a mapping such as the result of :func:`sick_leave`,
    :func:`turnover`, :func:`extra_time` or :func:`staff_aged` (values
    added with ``+``, the people behind distinct headcounts joined), of
    :func:`sick_leave_trend` (mappings merged again, window by window), or of
    :func:`build_reports`: each unit's reports added into one, the fields
    about people added and the unit's own records (answers, risks, texts,
    incidents, managers ...) taken from the one part that has them. A key
    missing from a part counts as zero there. Then roll the merged reports
    up with :func:`roll_up` as usual.

    Raises:
        InvalidValueError: a part is not a mapping; the values of a key are
            not of one type, or are not samcore values with ``+``, mappings or
            reports; reports of one key are of different units, years or
            months, are rolled up already (they have ``children`` or
            ``incoming_risks``: merge the reports of :func:`build_reports`,
            then roll up), or more than one part holds the unit's own records
            (split by :func:`partition`, so that they lie in part 0 only).

    Examples:
        >>> from samcore import ExtraHours
        >>> a = {"u1": ExtraHours(overtime=2.0), "u2": ExtraHours(additional=1.0)}
        >>> b = {"u1": ExtraHours(overtime=3.0)}
        >>> merge([a, b])["u1"].overtime, merge([a, b])["u2"].additional
        (5.0, 1.0)
        >>> merge([{"u1": ExtraHours()}, {"u1": 1.0}])
        Traceback (most recent call last):
        ...
        samcore.errors.InvalidValueError: 'parts[u1]' must be an ExtraHours in every part (got 1.0) for merge
    """
    collected: dict[K, list[V]] = {}
    for index, part in enumerate(parts):
        if not isinstance(part, Mapping):
            fail(f"parts[{index}]", "be a mapping of partial results", part, "merge")
        for key, value in part.items():
            collected.setdefault(key, []).append(value)
    return {key: _merged(key, values) for key, values in collected.items()}


def _merged(key: object, values: list[Any]) -> Any:
    """The values of one key from every part that has it, as one."""
    kind = type(values[0])
    for value in values:
        if type(value) is not kind and not (
            isinstance(value, Mapping) and isinstance(values[0], Mapping)
        ):
            fail(
                entry("parts", key),
                f"be {with_article(kind.__name__)} in every part",
                value,
                "merge",
            )
    if isinstance(values[0], Report):
        return _merged_report(key, values)
    if isinstance(values[0], Mapping):
        return merge(values)
    if not attrs.has(kind) or not hasattr(kind, "__add__"):
        fail(
            entry("parts", key),
            "be a samcore value with +, a mapping or a Report",
            values[0],
            "merge",
        )
    return _add(values)


def _add(values: list[Any]) -> Any:
    """The sum of one or more values of a monoid, in their order, built once when it can be."""
    if isinstance(values[0], Summable):
        return total(values)
    return functools.reduce(operator.add, values)


def _merged_report(key: object, reports: list[Report]) -> Report:
    """One unit's reports from several parts: the people's figures added, the unit's own kept."""
    first = reports[0]
    where = entry("parts", key)
    for report in reports:
        if report.unit_id != key:
            fail(where, f"be the report of unit {show(key)}", report.unit_id, "merge")
        if report.children or report.incoming_risks:
            fail(where, "be a unit's own report (of build_reports), not rolled up", key, "merge")
    for name in ("year", "month"):
        found = sorted({getattr(r, name) for r in reports})
        if len(found) > 1:
            fail(f"{where}.{name}", "be the same in every part", found, "merge")
    empty = Report(unit_id=first.unit_id, year=first.year, month=first.month)
    fields: dict[str, Any] = {}
    for name in _MERGED:
        zero = getattr(empty, name)
        held = [(n, v) for n, r in enumerate(reports) if (v := getattr(r, name)) != zero]
        if not held:
            continue
        if name in _PERSON_FIELDS:  # zeros left out: adding them would change nothing
            fields[name] = _add([v for _, v in held])
        elif len(held) > 1:
            raise InvalidValueError(
                f"{f'{where}.{name}'!r} must come from one part only (got it from parts "
                f"{', '.join(str(n) for n, _ in held)}): partition() puts the records of units "
                "in part 0"
            )
        else:
            fields[name] = held[0][1]
    return attrs.evolve(first, **fields)  # where all parts hold zero, the first part's zero
