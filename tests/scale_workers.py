"""What the workers of the scale-out tests run: at module level, so that it pickles by name.

The parent turns the records of people into plain tuples and routes them
by :func:`samcore.partition_of`, as it would route the rows of an export;
each worker builds its records and its Dataset from the rows, and returns
its units' own reports.
"""

from __future__ import annotations

from typing import Any

import attrs

from samcore import (
    Dataset,
    Employee,
    Employment,
    ExtraTime,
    Report,
    SickLeavePeriod,
    build_reports,
    merge,
    partition_of,
)

YEAR = 2024

ROWS: tuple[tuple[str, type[Any], str], ...] = (
    ("employees", Employee, "id"),
    ("employments", Employment, "employee_id"),
    ("sick_leave", SickLeavePeriod, "employee_id"),
    ("extra_time", ExtraTime, "employee_id"),
)
"""The tables sent as rows: the field of the dataset, its record type, the field naming the person."""

Job = tuple[dict[str, Any], dict[str, list[tuple[Any, ...]]]]
"""What a worker receives: its part's fields of the dataset that are not rows, and the rows."""

SETTINGS = ("org", "covers", "risk_matrix", "templates", "delegation_top")
"""What every part gets besides its people: the organisation and the settings."""


def row(record: Any) -> tuple[Any, ...]:
    """A record as a plain tuple of its field values, in the order of its fields."""
    return tuple(getattr(record, f.name) for f in attrs.fields(type(record)))


def record(kind: type[Any], values: tuple[Any, ...]) -> Any:
    """The record of a row made by :func:`row`, built and checked."""
    return kind(**{f.alias: v for f, v in zip(attrs.fields(kind), values, strict=True)})


def jobs(data: Dataset, parts: int) -> list[Job]:
    """The work of each of ``parts`` workers: rows routed by employee id, the rest beside them.

    The rows of people go to the part of their person; rehabilitation cases
    are records of people too, routed the same way; the records of units go
    to part 0 with the organisation and the settings, the other parts get
    the organisation and the settings only.
    """
    rows: list[dict[str, list[tuple[Any, ...]]]] = [
        {n: [] for n, _, _ in ROWS} for _ in range(parts)
    ]
    for name, _, key in ROWS:
        for item in getattr(data, name):
            rows[partition_of(getattr(item, key), parts)][name].append(row(item))
    cases: list[list[Any]] = [[] for _ in range(parts)]
    for case in data.rehab_cases:
        cases[partition_of(case.employee_id, parts)].append(case)
    fields = attrs.asdict(data, recurse=False)
    units = {k: v for k, v in fields.items() if k not in rows[0] and k != "rehab_cases"}
    settings = {k: fields[k] for k in SETTINGS}
    return [
        ({**(units if n == 0 else settings), "rehab_cases": cases[n]}, rows[n])
        for n in range(parts)
    ]


def build_part(job: Job) -> dict[str, Report]:
    """One worker's units' own reports, its records and dataset built from the rows it got."""
    fields, rows = job
    built: dict[str, Any] = {
        name: [record(kind, values) for values in rows[name]] for name, kind, _ in ROWS
    }
    return build_reports(Dataset(**fields, **built), YEAR)


def merge_step(total: dict[str, Report], more: dict[str, Report]) -> dict[str, Report]:
    """Two partial results as one: the step of a fold."""
    return merge([total, more])
