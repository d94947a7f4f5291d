"""Tables in, checked records out: rows of HR, incident and risk exports read into samcore records.

A row is any mapping from column name to cell, as ``csv.DictReader``,
pandas ``DataFrame.to_dict("records")`` or polars ``iter_rows(named=True)``
give it. Cells are converted to the types of the record's fields (dates,
numbers with a decimal comma, shares written as percentages, Swedish words
for enums and booleans), and the record is built by its own constructor,
so every domain rule still applies. A row that cannot become a record is
rejected with its row number, field, a stable code, the value and a
message; the other rows go on. Nothing here reads a file.
"""

from __future__ import annotations

import functools
import re
import typing
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from types import NoneType, UnionType
from typing import Final, Generic, NamedTuple, TypeAlias

import attrs

from samcore._bulk import built
from samcore._check import show
from samcore._ingest_cells import (
    CellError,
    Words,
    cell_text,
    is_missing,
    merged_words,
    read_date,
    read_integer,
    read_number,
    read_share,
    read_text,
    read_texts,
    read_word,
    read_words,
)
from samcore._ingest_problems import Ingested, IngestProblem, ProblemCode, Row, T, ValueWords
from samcore._ingest_wide import WIDE
from samcore.errors import InvalidValueError

__all__ = ["Read", "Table", "read_records", "read_table_rows", "rejected_id"]


# --- fields of a record ------------------------------------------------------------------------

Reader: TypeAlias = Callable[[object], object]

_SHARES: Final = frozenset({"fte", "extent"})
"""Fields that are shares (0, 1], read from fractions or percentages."""


class _Spec(NamedTuple):
    name: str
    read: Reader
    required: bool


def _reader(name: str, hint: object, words: Mapping[type, Words]) -> Reader | None:
    """How to read a field of a type; ``None`` for fields that are no column (nested records)."""
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (UnionType, typing.Union):
        rest = [a for a in args if a is not NoneType]
        if len(rest) != 1:
            return None
        hint, args = rest[0], typing.get_args(rest[0])
    if typing.get_origin(hint) is tuple:
        if args and args[0] is str:
            return read_texts
        if args and args[0] in words:
            return functools.partial(read_words, args[0], words[args[0]])
        return None
    if hint is str:
        return read_text
    if hint is date:
        return read_date
    if hint is float:
        return read_share if name in _SHARES else read_number
    if hint is int:
        return read_integer
    if isinstance(hint, type) and hint in words:
        return functools.partial(read_word, hint, words[hint])
    return None


@functools.cache
def _fields(cls: type) -> tuple[tuple[str, object, bool], ...]:
    hints = typing.get_type_hints(cls)
    return tuple(
        (field.alias or field.name, hints[field.name], field.default is attrs.NOTHING)
        for field in attrs.fields(cls)
        if field.init
    )


def _specs(cls: type, words: Mapping[type, Words]) -> dict[str, _Spec]:
    specs: dict[str, _Spec] = {}
    for name, hint, required in _fields(cls):
        read = _reader(name, hint, words)
        if read is not None:
            specs[name] = _Spec(name, read, required)
        elif required:
            raise InvalidValueError(
                f"'cls' must be a record whose required fields are cells of a table "
                f"(got {cls.__name__}, whose {name!r} is not) for reading a table"
            )
    wide = WIDE.get(cls)
    for name, hint in wide.columns.items() if wide else ():
        specs[name] = _Spec(name, typing.cast(Reader, _reader(name, hint, words)), False)
    return specs


_FIELD = re.compile(r"'(\w+)' must ")
_PART = re.compile(r"'\w+\[(\w+)\]' must ")


class Table:
    """Reads the rows of one table: renames columns, converts cells, builds records."""

    def __init__(
        self,
        cls: type,
        child: tuple[type, str] | None,
        columns: Mapping[str, str] | None,
        values: ValueWords | None,
    ) -> None:
        if not attrs.has(cls):
            raise InvalidValueError(
                f"'cls' must be an attrs record class such as Employee (got {cls!r}) "
                "for reading a table"
            )
        words = merged_words(values)
        self.cls = cls
        self.specs = _specs(cls, words)
        self.child_cls: type | None = child[0] if child else None
        self.prefix = child[1] if child else ""
        self.child_specs = _specs(self.child_cls, words) if self.child_cls else {}
        self.columns = {str(k).strip(): v for k, v in (columns or {}).items()}
        self.ignored: dict[str, None] = {}

    def split(
        self, number: int, row: Row
    ) -> tuple[dict[str, object], dict[str, object], list[IngestProblem]]:
        """The row's cells by field name, the record's and the nested record's, and the problems."""
        if not isinstance(row, Mapping):
            raise InvalidValueError(
                f"each row must be a mapping from column to cell (got {type(row).__name__} "
                f"{row!r} as row {number}); pass DataFrame.to_dict('records') or iter_rows(named=True)"
            )
        own: dict[str, object] = {}
        nested: dict[str, object] = {}
        seen: dict[tuple[bool, str], str] = {}
        problems: list[IngestProblem] = []
        for column, value in row.items():
            if not isinstance(column, str):
                problems.append(
                    IngestProblem(
                        row=number,
                        code=ProblemCode.EXTRA_VALUES,
                        value=cell_text(value),
                        message="the row has more cells than the header has columns",
                    )
                )
                continue
            name = self.columns.get(column.strip(), column.strip())
            if name in self.specs:
                target = own
            elif name.startswith(self.prefix) and name[len(self.prefix) :] in self.child_specs:
                target, name = nested, name[len(self.prefix) :]
            else:
                self.ignored.setdefault(column, None)
                continue
            key = (target is nested, name)
            if key in seen:
                earlier = target[name]
                if is_missing(value):
                    continue
                if (
                    not is_missing(earlier)
                    and cell_text(earlier).strip() != cell_text(value).strip()
                ):
                    problems.append(
                        IngestProblem(
                            row=number,
                            field=self.prefix + name if target is nested else name,
                            code=ProblemCode.CONFLICT,
                            value=cell_text(value),
                            message=f"columns {seen[key]!r} and {column!r} both give this field, "
                            f"as {show(earlier)} and {show(value)}",
                        )
                    )
                    continue
            target[name] = value
            seen.setdefault(key, column)
        return own, nested, problems

    @staticmethod
    def convert(
        number: int, cells: Mapping[str, object], specs: Mapping[str, _Spec], prefix: str = ""
    ) -> tuple[dict[str, object], list[IngestProblem]]:
        """The field values of one record, and a problem for each cell that does not convert."""
        values: dict[str, object] = {}
        problems: list[IngestProblem] = []
        for spec in specs.values():
            cell = cells.get(spec.name)
            if is_missing(cell):
                if spec.required:
                    problems.append(
                        IngestProblem(
                            row=number,
                            field=prefix + spec.name,
                            code=ProblemCode.MISSING,
                            message="a value is required",
                        )
                    )
                continue
            try:
                values[spec.name] = spec.read(cell)
            except CellError as bad:
                problems.append(
                    IngestProblem(
                        row=number,
                        field=prefix + spec.name,
                        code=bad.code,
                        value=cell_text(cell),
                        message=bad.message,
                    )
                )
        return values, problems

    @staticmethod
    def given(cls: type, values: Mapping[str, object]) -> Mapping[str, object]:
        """The constructor's arguments: the values read, a record's parts gathered into its field."""
        wide = WIDE.get(cls)
        if not wide:
            return values
        given = dict(values)
        given[wide.field] = wide.gather(given)
        return given

    @staticmethod
    def build(
        number: int,
        cls: type[T],
        values: Mapping[str, object],
        cells: Mapping[str, object],
        prefix: str = "",
        rows: tuple[int, ...] = (),
    ) -> T | IngestProblem:
        """The record, or the problem its constructor found."""
        try:
            return cls(**Table.given(cls, values))
        except ValueError as error:
            return Table.refused(number, cls, str(error), values, cells, prefix, rows)

    @staticmethod
    def refused(
        number: int,
        cls: type,
        message: str,
        values: Mapping[str, object],
        cells: Mapping[str, object],
        prefix: str = "",
        rows: tuple[int, ...] = (),
    ) -> IngestProblem:
        """The problem of a row whose values the record's rules refuse, with this message."""
        wide = WIDE.get(cls)
        named = _FIELD.match(message)
        field = named.group(1) if named else None
        part = _PART.match(message) if wide else None
        if wide and part:  # a part of a field read from a column of its own
            field = wide.column(part.group(1), values)
        cell = cells.get(field) if field else None
        return IngestProblem(
            row=number,
            field=None if field is None else prefix + field,
            code=ProblemCode.INVALID,
            value=None if is_missing(cell) else cell_text(cell),
            message=message,
            related_rows=rows,
        )


# --- reading tables ----------------------------------------------------------------------------


class Read(NamedTuple, Generic[T]):
    ingested: Ingested[T]
    rejected_ids: frozenset[str]
    """Ids (the ``id`` field as text) of rows that were rejected: references to them are no news."""


def rejected_id(cells: Mapping[str, object]) -> str | None:
    cell = cells.get("id")
    if is_missing(cell):
        return None
    try:
        return read_text(cell)
    except CellError:
        return None


_CHUNK: Final = 2048
"""Rows whose records are built at once: a column of them is checked in one pass, and no more
of an export than this is held twice."""


def read_table_rows(
    rows: Iterable[Row], cls: type[T], columns: Mapping[str, str] | None, values: ValueWords | None
) -> Read[T]:
    table = Table(cls, None, columns, values)
    records: list[T] = []
    numbers_: list[int] = []
    refused: dict[int, tuple[list[IngestProblem], str | None]] = {}
    """The problems of each rejected row, and its id."""
    pending: list[tuple[int, dict[str, object], Mapping[str, object]]] = []

    def build_pending() -> None:
        # a refused row's problem is the first rule it breaks, as its constructor says it
        made = built(cls, [Table.given(cls, converted) for _, converted, _ in pending])
        for (number, _, _), record in zip(pending, made.records, strict=True):
            if record is not None:
                records.append(record)
                numbers_.append(number)
        for refusal in made.refusals:
            number, converted, cells = pending[refusal.place]
            if number not in refused:
                problem = table.refused(number, cls, refusal.message, converted, cells)
                refused[number] = ([problem], rejected_id(cells))
        pending.clear()

    for number, row in enumerate(rows, start=1):
        cells, _, problems = table.split(number, row)
        converted, more = table.convert(number, cells, table.specs)
        problems += more
        if problems:
            refused[number] = (problems, rejected_id(cells))
            continue
        pending.append((number, converted, cells))
        if len(pending) == _CHUNK:
            build_pending()
    build_pending()
    ingested: Ingested[T] = Ingested(
        records=records,
        rows=numbers_,
        rejects=[problem for number in sorted(refused) for problem in refused[number][0]],
        ignored_columns=tuple(table.ignored),
    )
    return Read(ingested, frozenset(rid for _, rid in refused.values() if rid is not None))


def read_records(
    rows: Iterable[Row],
    cls: type[T],
    *,
    columns: Mapping[str, str] | None = None,
    values: ValueWords | None = None,
) -> Ingested[T]:
    r"""Read rows of a table into records of ``cls``, keeping every row that cannot become one.

    Each row is a mapping from column to cell. ``columns`` renames columns
    to field names (``{"Anställningsnummer": "employee_id"}``); a column
    that is no field is left out and listed in ``ignored_columns``. Cells
    are converted to the field's type:

    - text: trimmed; a whole number (``17`` or ``17.0``) gives its digits, so
      numeric ids read as ``"17"``;
    - dates: ``date`` and ``datetime`` objects (the day), and text
      ``2024-03-01``, ``20240301`` or ``2024-03-01 00:00:00``;
    - numbers: with a decimal point or comma (``37,5``), spaces between
      thousands allowed;
    - shares (``fte``, ``extent``): a fraction up to 1 (``0,5``), or a
      percentage (``50``, ``50 %``); a bare number above 1 and below 5 is
      refused as ambiguous;
    - enums and booleans: the words of :data:`VALUE_WORDS`, ignoring case,
      with ``values`` adding or redirecting words;
    - lists of text (a delegation's ``tasks``): items separated by ``|``.

    An empty cell, ``None`` or NaN is missing: the field's default applies,
    or the row is rejected when the field has none. Then the record's own
    constructor checks its rules. A rejected row gives one
    :class:`IngestProblem` per problem; the other rows go on. Rows are
    numbered from 1, the first data row (line 2 of a CSV file with a header
    line).

    Raises:
        InvalidValueError: ``cls`` is no record class, or ``values`` maps a
            word to something that is no value of the type.

    Examples:
        >>> import csv, io
        >>> from samcore import Employment
        >>> text = "employee_id;unit_id;start;end;fte\n17;hr;2024-01-01;;75 %\n18;hr;2024-02-01;2024-01-31;0,5\n"
        >>> got = read_records(csv.DictReader(io.StringIO(text), delimiter=";"), Employment)
        >>> [(e.employee_id, e.fte) for e in got.records]
        [('17', 0.75)]
        >>> [(p.row, p.field, p.code.value) for p in got.rejects]
        [(2, 'end', 'invalid')]
    """
    return read_table_rows(rows, cls, columns, values).ingested
