"""Records exported one part per row (a risk per measure, a checklist per item), grouped back."""

from __future__ import annotations

import typing
from collections.abc import Iterable, Mapping
from typing import Final

from samcore._check import show
from samcore._checklists import Checklist, ChecklistItem
from samcore._ingest import Read, Table, rejected_id
from samcore._ingest_cells import cell_text, is_missing
from samcore._ingest_problems import Ingested, IngestProblem, ProblemCode, Row, T, ValueWords
from samcore._risks import Measure, Risk

__all__ = ["read_checklists", "read_grouped", "read_risks"]


class _Group:
    """The rows of one risk (or checklist) read so far."""

    def __init__(self, number: int, values: dict[str, object]) -> None:
        self.rows = [number]
        self.values = values
        self.children: list[object] = []


_ABSENT: Final = object()


def read_grouped(
    rows: Iterable[Row],
    cls: type[T],
    child: type,
    child_field: str,
    prefix: str,
    columns: Mapping[str, str] | None,
    values: ValueWords | None,
) -> Read[T]:
    table = Table(cls, (child, prefix), columns, values)
    noun = cls.__name__.lower()
    groups: dict[str, _Group] = {}
    rejects: list[IngestProblem] = []
    rejected: set[str] = set()
    for number, row in enumerate(rows, start=1):
        cells, nested, problems = table.split(number, row)
        converted, more = table.convert(number, cells, table.specs)
        problems += more
        has_child = any(not is_missing(v) for v in nested.values())
        built: object = None
        if has_child:
            child_values, more = table.convert(number, nested, table.child_specs, prefix)
            problems += more
            if not problems:
                built = table.build(number, child, child_values, nested, prefix)
                if isinstance(built, IngestProblem):
                    problems.append(built)
        group = None if problems else groups.get(typing.cast(str, converted["id"]))
        if group is not None:
            for name in sorted(converted.keys() | group.values.keys()):
                here, first = converted.get(name, _ABSENT), group.values.get(name, _ABSENT)
                if here != first:
                    cell = cells.get(name)
                    problems.append(
                        IngestProblem(
                            row=number,
                            field=name,
                            code=ProblemCode.CONFLICT,
                            value=None if is_missing(cell) else cell_text(cell),
                            message=f"{noun} {converted['id']!r} has {name} {_shown(first)} "
                            f"on an earlier row, {_shown(here)} here",
                            related_rows=(group.rows[0],),
                        )
                    )
        if problems:
            rejects.extend(problems)
            if (rid := rejected_id(cells)) is not None:
                rejected.add(rid)
            continue
        if group is None:
            group = groups[typing.cast(str, converted["id"])] = _Group(number, converted)
        else:
            group.rows.append(number)
        if has_child:
            group.children.append(built)
    records: list[T] = []
    numbers_: list[int] = []
    for group in groups.values():
        record = table.build(
            group.rows[0],
            cls,
            {**group.values, child_field: tuple(group.children)},
            {},
            rows=tuple(group.rows[1:]),
        )
        if isinstance(record, IngestProblem):
            rejects.append(record)
            rejected.add(typing.cast(str, group.values["id"]))
        else:
            records.append(record)
            numbers_.append(group.rows[0])
    rejects.sort(key=lambda p: p.row or 0)
    ingested: Ingested[T] = Ingested(
        records=records, rows=numbers_, rejects=rejects, ignored_columns=tuple(table.ignored)
    )
    return Read(ingested, frozenset(rejected))


def _shown(value: object) -> str:
    return "(empty)" if value is _ABSENT else show(value)


def read_risks(
    rows: Iterable[Row],
    *,
    columns: Mapping[str, str] | None = None,
    values: ValueWords | None = None,
) -> Ingested[Risk]:
    """Read a risk register exported one measure per row into risks with their measures.

    The risk's columns (``id``, ``unit_id``, ``title``, ``identified_on``,
    ``probability``, ``consequence``, ``category``, ``reported_onward``)
    repeat on each of its rows; the measure's columns carry the prefix
    ``measure_`` (``measure_title``, ``measure_responsible``,
    ``measure_due``, ``measure_status``, ``measure_completed_on``,
    ``measure_desired_effect``). Rows with the same ``id`` make one risk,
    wherever they stand; a row whose measure cells are all empty adds no
    measure (a risk without measures). A row whose risk cells differ from
    the risk's first accepted row is rejected as a ``conflict``; a bad row
    is rejected and its risk is built from its other rows. Cells convert as
    in :func:`read_records`.

    Examples:
        >>> rows = [
        ...     {"id": "R1", "unit_id": "hr", "title": "Hot och våld", "identified_on": "2024-02-01",
        ...      "probability": "3", "consequence": "4", "reported_onward": "Nej",
        ...      "measure_title": "Larm", "measure_status": "Avslutad", "measure_completed_on": "2024-05-02"},
        ...     {"id": "R1", "unit_id": "hr", "title": "Hot och våld", "identified_on": "2024-02-01",
        ...      "probability": "3", "consequence": "4", "reported_onward": "Nej",
        ...      "measure_title": "Utbildning", "measure_status": "Planerad", "measure_due": "2024-12-31"},
        ...     {"id": "R1", "unit_id": "hr", "title": "Hot", "identified_on": "2024-02-01",
        ...      "probability": "3", "consequence": "4", "measure_title": "Rutin"},
        ... ]
        >>> got = read_risks(rows)
        >>> [(r.id, r.level, [m.status.value for m in r.measures]) for r in got.records]
        [('R1', 12, ['done', 'planned'])]
        >>> [(p.row, p.field, p.code.value, p.related_rows) for p in got.rejects]
        [(3, 'reported_onward', 'conflict', (1,)), (3, 'title', 'conflict', (1,))]
    """
    return read_grouped(rows, Risk, Measure, "measures", "measure_", columns, values).ingested


def read_checklists(
    rows: Iterable[Row],
    *,
    columns: Mapping[str, str] | None = None,
    values: ValueWords | None = None,
) -> Ingested[Checklist]:
    """Read safety-round checklists exported one question per row into checklists with their items.

    The checklist's columns (``id``, ``unit_id``, ``topic``,
    ``performed_on``, ``safety_representative_participated``) repeat on
    each of its rows; the item's columns carry the prefix ``item_``
    (``item_question``, ``item_answer``, ``item_comment``). Grouping,
    conflicts and rejects work as in :func:`read_risks`.

    Examples:
        >>> rows = [{"id": "C1", "unit_id": "hr", "topic": "OSA", "performed_on": "20240410",
        ...          "safety_representative_participated": "Ja",
        ...          "item_question": f"Fråga {n}", "item_answer": a} for n, a in ((1, "Ja"), (2, "Delvis"))]
        >>> [(c.id, [i.answer.value for i in c.deviations]) for c in read_checklists(rows).records]
        [('C1', ['partly'])]
    """
    return read_grouped(rows, Checklist, ChecklistItem, "items", "item_", columns, values).ingested
