"""What goes wrong reading exported tables: problems by table, row and field, and the results."""

from __future__ import annotations

import typing
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any, Generic, TypeAlias, TypeVar

import attrs

from samcore._check import instance_of, int_in, non_blank, optional, tuple_of
from samcore._frozen import to_tuple
from samcore.errors import DatasetError, InvalidValueError, Problem

__all__ = ["IngestError", "IngestProblem", "Ingested", "ProblemCode", "Row", "T", "ValueWords"]


T = TypeVar("T")

Row: TypeAlias = Mapping[Any, object]
"""One row of a table: column name to cell."""

ValueWords: TypeAlias = Mapping[Any, Mapping[str, object]]
"""Words accepted for the values of a type (an enum, or ``bool``), by type."""


class ProblemCode(StrEnum):
    """What is wrong with a row or a table: a stable code to sort, count and filter by.

    Examples:
        >>> ProblemCode("bad_date") is ProblemCode.BAD_DATE
        True
    """

    MISSING = "missing"
    """A required value (or the units table, or the delegations' top) is absent; an empty cell
    counts as absent."""
    BAD_DATE = "bad_date"
    """Not a date in a form samcore reads."""
    BAD_NUMBER = "bad_number"
    """Not a number, not a whole number where one is needed, or an ambiguous share."""
    UNKNOWN_VALUE = "unknown_value"
    """A word that the value map of the field's type does not hold."""
    INVALID = "invalid"
    """The record's constructor refused the converted values (a domain rule)."""
    CONFLICT = "conflict"
    """Rows of one risk or checklist disagree, or two columns give one field different values."""
    DUPLICATE = "duplicate"
    """An id given on an earlier row already."""
    UNKNOWN_ID = "unknown_id"
    """A unit, employee or question id that is not there."""
    INCONSISTENT = "inconsistent"
    """Records that do not fit together: a problem the dataset or the organisation tree found."""
    UNKNOWN_COLUMN = "unknown_column"
    """A column that is no field of the table's records (and is not ignored)."""
    UNKNOWN_TABLE = "unknown_table"
    """A table name that samcore does not read."""
    EXTRA_VALUES = "extra_values"
    """A row with more cells than the header has columns."""


@attrs.frozen(kw_only=True)
class IngestProblem:
    """One problem found while reading tables: where, what, and a stable code.

    ``row`` is the 1-based number of the data row in the table (in a CSV
    file with a header line and one line per row, row 1 is line 2).
    ``related_rows`` are other rows of the same table the problem involves
    (the earlier row of a duplicate, the other period of an overlap).
    ``value`` is the cell as text. Problems about sick-leave rows name
    employee ids next to health data: they are for whoever fixes the
    export, never for publication.

    Examples:
        >>> p = IngestProblem(table="employees", row=3, field="gender", code=ProblemCode.UNKNOWN_VALUE,
        ...                   value="X", message="unknown value 'X'")
        >>> str(p)
        "employees row 3, gender: unknown value 'X' [unknown_value]"
    """

    code: ProblemCode = attrs.field(validator=instance_of(ProblemCode))
    message: str = attrs.field(validator=non_blank())
    table: str | None = attrs.field(default=None, validator=optional(non_blank()))
    row: int | None = attrs.field(default=None, validator=optional(int_in(1)))
    field: str | None = attrs.field(default=None, validator=optional(non_blank()))
    value: str | None = attrs.field(default=None, validator=optional(instance_of(str)))
    related_rows: tuple[int, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(int)
    )

    _subject: typing.ClassVar[str] = "a problem found in a table"

    def __str__(self) -> str:
        place = " ".join(
            part
            for part in (self.table, None if self.row is None else f"row {self.row}")
            if part is not None
        )
        where = ", ".join(part for part in (place, self.field) if part)
        see = ""
        if self.related_rows:
            see = " (see " + _listed("row", self.related_rows) + ")"
        text = f"{self.message}{see} [{self.code.value}]"
        return f"{where}: {text}" if where else text

    def problem(self) -> Problem:
        """The same problem as every samcore error carries it, with a JSON path into the tables.

        The path reads the tables as JSON ``{"employees": [row, ...], ...}``:
        row 3 of a table is index 2.

        Examples:
            >>> p = IngestProblem(table="employees", row=3, field="gender", code=ProblemCode.UNKNOWN_VALUE,
            ...                   value="Q", message="unknown Gender value 'Q'")
            >>> print(p.problem())
            employees row 3, gender: unknown Gender value 'Q' [unknown_value] @ $.employees[2].gender
        """
        path = "$"
        if self.table is not None:
            path += f".{self.table}"
            if self.row is not None:
                path += f"[{self.row - 1}]"
        if self.field is not None:
            path += f".{self.field}"
        return Problem(path=path, code=self.code.value, message=str(self))


def _listed(noun: str, numbers_: Iterable[int]) -> str:
    items = [str(n) for n in numbers_]
    if len(items) == 1:
        return f"{noun} {items[0]}"
    return f"{noun}s " + ", ".join(items[:-1]) + " and " + items[-1]


@attrs.frozen(kw_only=True)
class Ingested(Generic[T]):
    """The records read from a table, the row each came from, and every row rejected.

    ``records[i]`` was read from data row ``rows[i]`` (for a risk or a
    checklist, its first row). ``ignored_columns`` are the columns that are
    no field of the records, in the order met, as named in the table.

    Examples:
        >>> from samcore import Certification, read_records
        >>> got = read_records([{"person_id": "m1", "certified_on": "2024-03-01", "note": "x"},
        ...                     {"person_id": "m2", "certified_on": "2024-02-30"}], Certification)
        >>> [c.person_id for c in got.records], got.rows, got.ignored_columns
        (['m1'], (1,), ('note',))
        >>> [(p.row, p.field, p.code.value) for p in got.rejects]
        [(2, 'certified_on', 'bad_date')]
    """

    records: tuple[T, ...] = attrs.field(default=(), converter=to_tuple)
    rows: tuple[int, ...] = attrs.field(default=(), converter=to_tuple, validator=tuple_of(int))
    rejects: tuple[IngestProblem, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(IngestProblem)
    )
    ignored_columns: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(str)
    )

    _subject: typing.ClassVar[str] = "ingested records"

    def __attrs_post_init__(self) -> None:
        if len(self.rows) != len(self.records):
            raise InvalidValueError(
                f"'rows' must name one row per record (got {len(self.rows)} rows "
                f"for {len(self.records)} records) for ingested records"
            )

    @property
    def ok(self) -> bool:
        """Whether no row was rejected.

        Examples:
            >>> Ingested().ok
            True
        """
        return not self.rejects


class IngestError(DatasetError):
    """Tables that do not make a dataset; ``details`` holds every :class:`IngestProblem` found.

    ``problems`` (as for every :class:`DatasetError`) holds the same
    problems as :class:`Problem` values, each naming the table and row.

    Examples:
        >>> error = IngestError("tables do not make a dataset", [
        ...     IngestProblem(table="units", code=ProblemCode.MISSING, message="no units table")])
        >>> print(error.problems[0])
        units: no units table [missing] @ $.units
        >>> error.details[0].code
        <ProblemCode.MISSING: 'missing'>
    """

    def __init__(self, summary: str, details: Iterable[IngestProblem]) -> None:
        self.details: tuple[IngestProblem, ...] = tuple(details)
        super().__init__(summary, [detail.problem() for detail in self.details])
