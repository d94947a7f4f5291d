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
import math
import numbers
import re
import typing
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from types import MappingProxyType, NoneType, UnionType
from typing import Any, Final, Generic, NamedTuple, TypeAlias, TypeVar

import attrs

from samcore._certification import Certification
from samcore._check import instance_of, int_in, non_blank, optional, show, to_tuple, tuple_of
from samcore._checklists import Answer, Checklist, ChecklistItem
from samcore._dataset import Dataset
from samcore._delegation import Delegation
from samcore._incidents import Incident, IncidentKind
from samcore._org import OrgTree, OrgUnit
from samcore._people import Employee, Employment, ExtraTime, ExtraTimeKind, Gender, SickLeavePeriod
from samcore._questions import ALL_QUESTIONS, QuestionnaireAnswer
from samcore._risks import Measure, MeasureStatus, Risk
from samcore.errors import DatasetError, InvalidValueError, OrgTreeError, Problem

__all__ = [
    "TABLES",
    "VALUE_WORDS",
    "IngestError",
    "IngestProblem",
    "Ingested",
    "ProblemCode",
    "dataset_from_tables",
    "read_checklists",
    "read_records",
    "read_risks",
]

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
    """A required value (or the units table) is absent; an empty cell counts as absent."""
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
        >>> from samcore import Certification
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


# --- value words -------------------------------------------------------------------------------


def _words(kind: type, pairs: Mapping[str, object]) -> Mapping[str, object]:
    found: dict[str, object] = {}
    if issubclass(kind, StrEnum):
        found.update({member.value: member for member in kind})
    found.update(pairs)
    return MappingProxyType(found)


VALUE_WORDS: Final[ValueWords] = MappingProxyType(
    {
        Gender: _words(
            Gender,
            {
                "K": Gender.WOMAN,
                "Kvinna": Gender.WOMAN,
                "female": Gender.WOMAN,
                "M": Gender.MAN,
                "male": Gender.MAN,
                "X": Gender.UNSPECIFIED,
                "Annat": Gender.UNSPECIFIED,
                "Okänt": Gender.UNSPECIFIED,
                "Ej angivet": Gender.UNSPECIFIED,
                "Ospecificerat": Gender.UNSPECIFIED,
                "other": Gender.UNSPECIFIED,
                "unknown": Gender.UNSPECIFIED,
            },
        ),
        IncidentKind: _words(
            IncidentKind,
            {
                "Tillbud": IncidentKind.NEAR_MISS,
                "near miss": IncidentKind.NEAR_MISS,
                "Arbetsolycksfall": IncidentKind.ACCIDENT,
                "Olycksfall": IncidentKind.ACCIDENT,
                "Färdolycksfall": IncidentKind.COMMUTING_ACCIDENT,
                "commuting accident": IncidentKind.COMMUTING_ACCIDENT,
                "Arbetssjukdom": IncidentKind.OCCUPATIONAL_DISEASE,
                "occupational disease": IncidentKind.OCCUPATIONAL_DISEASE,
            },
        ),
        MeasureStatus: _words(
            MeasureStatus,
            {
                "Planerad": MeasureStatus.PLANNED,
                "Ej påbörjad": MeasureStatus.PLANNED,
                "Pågående": MeasureStatus.IN_PROGRESS,
                "Påbörjad": MeasureStatus.IN_PROGRESS,
                "in progress": MeasureStatus.IN_PROGRESS,
                "Avslutad": MeasureStatus.DONE,
                "Genomförd": MeasureStatus.DONE,
                "Klar": MeasureStatus.DONE,
                "completed": MeasureStatus.DONE,
                "Avbruten": MeasureStatus.CANCELLED,
                "Makulerad": MeasureStatus.CANCELLED,
                "canceled": MeasureStatus.CANCELLED,
            },
        ),
        Answer: _words(
            Answer,
            {
                "Ja": Answer.YES,
                "Nej": Answer.NO,
                "Delvis": Answer.PARTLY,
                "Ej aktuellt": Answer.NOT_APPLICABLE,
                "Ej tillämpligt": Answer.NOT_APPLICABLE,
                "Inte aktuellt": Answer.NOT_APPLICABLE,
                "not applicable": Answer.NOT_APPLICABLE,
                "n/a": Answer.NOT_APPLICABLE,
            },
        ),
        ExtraTimeKind: _words(
            ExtraTimeKind,
            {
                "Mertid": ExtraTimeKind.ADDITIONAL,
                "Fyllnadstid": ExtraTimeKind.ADDITIONAL,
                "additional hours": ExtraTimeKind.ADDITIONAL,
                "Övertid": ExtraTimeKind.OVERTIME,
                "Enkel övertid": ExtraTimeKind.OVERTIME,
                "Kvalificerad övertid": ExtraTimeKind.OVERTIME,
                "Extra övertid": ExtraTimeKind.OVERTIME,
                "Nödfallsövertid": ExtraTimeKind.OVERTIME,
            },
        ),
        bool: _words(
            bool,
            {
                "Ja": True,
                "Nej": False,
                "yes": True,
                "no": False,
                "true": True,
                "false": False,
                "sant": True,
                "falskt": False,
                "1": True,
                "0": False,
            },
        ),
    }
)
"""The words read as enum values and booleans, by type; matched ignoring case and extra spaces.

Each enum also accepts its own wire values (``"woman"``, ``"near_miss"``).
Pass ``values={Gender: {"Kv": Gender.WOMAN}}`` to the readers to add words
or to send a word elsewhere; your words win over these.
"""

_LEAST_BARE_PERCENT: Final = 5
"""A share written without % above 1 is a percentage, and must then be at least this."""


def _key(word: str) -> str:
    return " ".join(word.split()).casefold()


Words: TypeAlias = dict[str, tuple[str, object]]
"""Accepted words of one type: the matching key to the word as written and its value."""


def _merged_words(values: ValueWords | None) -> dict[type, Words]:
    merged = {
        kind: {_key(w): (w, v) for w, v in words.items()} for kind, words in VALUE_WORDS.items()
    }
    for kind, words in (values or {}).items():
        if kind not in merged:
            known = ", ".join(sorted(k.__name__ for k in merged))
            raise InvalidValueError(
                f"'values' must map one of {known} to words (got {kind!r}) for the value words"
            )
        for word, value in words.items():
            if not isinstance(word, str):
                raise InvalidValueError(
                    f"'values[{kind.__name__}]' must have words as keys (got {word!r}) "
                    "for the value words"
                )
            merged[kind][_key(word)] = (word, _as_kind(kind, word, value))
    return merged


def _as_kind(kind: type, word: str, value: object) -> object:
    if kind is bool:
        if isinstance(value, bool):
            return value
    elif isinstance(value, str):
        try:
            return kind(value)
        except ValueError:
            pass
    rule = "a bool" if kind is bool else f"a {kind.__name__} or one of its values"
    raise InvalidValueError(
        f"'values[{kind.__name__}][{word!r}]' must be {rule} (got {value!r}) for the value words"
    )


# --- cells -------------------------------------------------------------------------------------


class _CellError(Exception):
    """A cell that cannot become the field's value."""

    def __init__(self, code: ProblemCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _is_missing(value: object) -> bool:
    """None, an empty or blank string, or a value unequal to itself (NaN, pandas' NaT)."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    try:
        return bool(value != value)
    except (TypeError, ValueError):  # an array or an odd object: present, to be refused later
        return False


def _cell(value: object) -> str:
    return value if isinstance(value, str) else str(value)


def _is_int(value: object) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _is_real(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _text(value: object) -> str:
    """Text as given, trimmed; a whole number (17 or 17.0) as its digits, so numeric ids read."""
    if isinstance(value, str):
        return value.strip()
    if _is_int(value):
        return str(int(typing.cast(int, value)))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if _is_real(value):
        return str(value)
    raise _CellError(ProblemCode.INVALID, f"expected text (got {type(value).__name__} {value!r})")


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_COMPACT_DAY = re.compile(r"(\d{4})(\d{2})(\d{2})")
_DAY_AND_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?")


def _date(value: object) -> date:
    """A date, a datetime (its day), or text 2024-03-01, 20240301 or 2024-03-01 00:00:00."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _cell(int(typing.cast(int, value)) if _is_int(value) else value).strip()
    try:
        if _DAY.fullmatch(text):
            return date.fromisoformat(text)
        if compact := _COMPACT_DAY.fullmatch(text):
            return date(*(int(part) for part in compact.groups()))
        if _DAY_AND_TIME.fullmatch(text):
            return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    raise _CellError(
        ProblemCode.BAD_DATE,
        f"not a date: {show(value)} (expected YYYY-MM-DD, YYYYMMDD or YYYY-MM-DD hh:mm:ss)",
    )


_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def _decimal(value: object, *, percent: bool = False) -> tuple[Decimal, bool]:
    """A number and whether it was written with a % sign (only allowed when ``percent``)."""
    if _is_int(value):
        return Decimal(int(typing.cast(int, value))), False
    if _is_real(value):
        number = float(typing.cast(float, value))
        if math.isfinite(number):
            return Decimal(number), False
    elif isinstance(value, str):
        text = value.strip()
        with_sign = percent and text.endswith("%")
        text = _SPACES.sub("", text[:-1] if with_sign else text)
        if _NUMBER.fullmatch(text):
            try:
                return Decimal(text.replace(",", ".")), with_sign
            except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
                pass
    raise _CellError(ProblemCode.BAD_NUMBER, f"not a number: {show(value)}")


def _number(value: object) -> float:
    """A number; text may use a decimal comma and spaces between thousands."""
    return float(_decimal(value)[0])


def _share(value: object) -> float:
    """A share of full time or of a day: 0,5, 50 or 50 % all give 0.5."""
    number, with_sign = _decimal(value, percent=True)
    if with_sign or number >= _LEAST_BARE_PERCENT:
        return float(number / 100)
    if number <= 1:
        return float(number)
    raise _CellError(
        ProblemCode.BAD_NUMBER,
        f"ambiguous share {show(value)}: write a fraction up to 1 (0,5) "
        f"or a percentage ({_LEAST_BARE_PERCENT} or more, or with %: 50 %)",
    )


def _integer(value: object) -> int:
    """A whole number: 3, 3.0 or "3,0"."""
    if _is_int(value):
        return int(typing.cast(int, value))
    number = _decimal(value)[0]
    if number != number.to_integral_value():
        raise _CellError(ProblemCode.BAD_NUMBER, f"not a whole number: {show(value)}")
    return int(number)


def _word(kind: type, words: Words, value: object) -> object:
    if isinstance(value, kind):
        return value
    if kind is bool and _is_real(value) and value in (0, 1):
        return bool(value)
    found = words.get(_key(_cell(value)))
    if found is None:
        name = "yes/no" if kind is bool else kind.__name__
        shown = [word for word, _ in words.values() if not word.isdigit()]
        known = ", ".join(shown[:12]) + (", ..." if len(shown) > 12 else "")
        raise _CellError(
            ProblemCode.UNKNOWN_VALUE,
            f"unknown {name} value {show(value)} (known: {known}; add words with values=)",
        )
    return found[1]


def _texts(value: object) -> tuple[str, ...]:
    """A list of texts: a list or tuple, or text with the items separated by |."""
    items = value if isinstance(value, list | tuple) else _cell(value).split("|")
    return tuple(text for text in (_text(item) for item in items) if text)


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
        return _texts if args and args[0] is str else None
    if hint is str:
        return _text
    if hint is date:
        return _date
    if hint is float:
        return _share if name in _SHARES else _number
    if hint is int:
        return _integer
    if isinstance(hint, type) and hint in words:
        return functools.partial(_word, hint, words[hint])
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
    return specs


_FIELD = re.compile(r"'(\w+)' must ")


class _Table:
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
        words = _merged_words(values)
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
                        value=_cell(value),
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
                if _is_missing(value):
                    continue
                if not _is_missing(earlier) and _cell(earlier).strip() != _cell(value).strip():
                    problems.append(
                        IngestProblem(
                            row=number,
                            field=self.prefix + name if target is nested else name,
                            code=ProblemCode.CONFLICT,
                            value=_cell(value),
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
            if _is_missing(cell):
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
            except _CellError as bad:
                problems.append(
                    IngestProblem(
                        row=number,
                        field=prefix + spec.name,
                        code=bad.code,
                        value=_cell(cell),
                        message=bad.message,
                    )
                )
        return values, problems

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
            return cls(**values)
        except ValueError as error:
            message = str(error)
            named = _FIELD.match(message)
            field = named.group(1) if named else None
            cell = cells.get(field) if field else None
            return IngestProblem(
                row=number,
                field=None if field is None else prefix + field,
                code=ProblemCode.INVALID,
                value=None if _is_missing(cell) else _cell(cell),
                message=message,
                related_rows=rows,
            )


# --- reading tables ----------------------------------------------------------------------------


class _Read(NamedTuple, Generic[T]):
    ingested: Ingested[T]
    rejected_ids: frozenset[str]
    """Ids (the ``id`` field as text) of rows that were rejected: references to them are no news."""


def _rejected_id(cells: Mapping[str, object]) -> str | None:
    cell = cells.get("id")
    if _is_missing(cell):
        return None
    try:
        return _text(cell)
    except _CellError:
        return None


def _read_records(
    rows: Iterable[Row], cls: type[T], columns: Mapping[str, str] | None, values: ValueWords | None
) -> _Read[T]:
    table = _Table(cls, None, columns, values)
    records: list[T] = []
    numbers_: list[int] = []
    rejects: list[IngestProblem] = []
    rejected: set[str] = set()
    for number, row in enumerate(rows, start=1):
        cells, _, problems = table.split(number, row)
        converted, more = table.convert(number, cells, table.specs)
        problems += more
        if not problems:
            record = table.build(number, cls, converted, cells)
            if isinstance(record, IngestProblem):
                problems.append(record)
            else:
                records.append(record)
                numbers_.append(number)
                continue
        rejects.extend(problems)
        if (rid := _rejected_id(cells)) is not None:
            rejected.add(rid)
    ingested: Ingested[T] = Ingested(
        records=records, rows=numbers_, rejects=rejects, ignored_columns=tuple(table.ignored)
    )
    return _Read(ingested, frozenset(rejected))


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
    return _read_records(rows, cls, columns, values).ingested


class _Group:
    """The rows of one risk (or checklist) read so far."""

    def __init__(self, number: int, values: dict[str, object]) -> None:
        self.rows = [number]
        self.values = values
        self.children: list[object] = []


_ABSENT: Final = object()


def _read_grouped(
    rows: Iterable[Row],
    cls: type[T],
    child: type,
    child_field: str,
    prefix: str,
    columns: Mapping[str, str] | None,
    values: ValueWords | None,
) -> _Read[T]:
    table = _Table(cls, (child, prefix), columns, values)
    noun = cls.__name__.lower()
    groups: dict[str, _Group] = {}
    rejects: list[IngestProblem] = []
    rejected: set[str] = set()
    for number, row in enumerate(rows, start=1):
        cells, nested, problems = table.split(number, row)
        converted, more = table.convert(number, cells, table.specs)
        problems += more
        has_child = any(not _is_missing(v) for v in nested.values())
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
                            value=None if _is_missing(cell) else _cell(cell),
                            message=f"{noun} {converted['id']!r} has {name} {_shown(first)} "
                            f"on an earlier row, {_shown(here)} here",
                            related_rows=(group.rows[0],),
                        )
                    )
        if problems:
            rejects.extend(problems)
            if (rid := _rejected_id(cells)) is not None:
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
    return _Read(ingested, frozenset(rejected))


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
    return _read_grouped(rows, Risk, Measure, "measures", "measure_", columns, values).ingested


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
    return _read_grouped(rows, Checklist, ChecklistItem, "items", "item_", columns, values).ingested


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
    }
)
"""The tables :func:`dataset_from_tables` reads, by name, and the record each row becomes.

Risks are read by :func:`read_risks` (one measure per row) and checklists
by :func:`read_checklists` (one question per row); every other table by
:func:`read_records`, one record per row.
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
}
"""The ids each table names, and what they name."""

_UNIQUE: Final[Mapping[str, Callable[[Any], str]]] = {
    "units": lambda r: r.id,
    "employees": lambda r: r.id,
    "incidents": lambda r: r.id,
    "delegations": lambda r: r.id,
    "answers": lambda r: f"{r.unit_id}/{r.year}/{r.question_id}",
}
"""Tables whose rows must not repeat an id (risks and checklists group their rows by id)."""


def _read_table(
    name: str, rows: Iterable[Row], columns: Mapping[str, str] | None, values: ValueWords | None
) -> _Read[Any]:
    if name == "risks":
        return _read_grouped(rows, Risk, Measure, "measures", "measure_", columns, values)
    if name == "checklists":
        return _read_grouped(rows, Checklist, ChecklistItem, "items", "item_", columns, values)
    return _read_records(rows, TABLES[name], columns, values)


def dataset_from_tables(
    tables: Mapping[str, Iterable[Row]],
    *,
    org: OrgTree | None = None,
    columns: Mapping[str, str] | None = None,
    values: ValueWords | None = None,
    ignore: Iterable[str] = (),
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

    Raises:
        IngestError: any problem; ``details`` lists them all, by table and row.
        InvalidValueError: both ``org`` and a ``units`` table are given, or
            ``values`` is not a map of words.

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
    skip = {str(column).strip() for column in ignore}
    problems: list[IngestProblem] = []
    read: dict[str, _Read[Any]] = {}
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
        "question": set(ALL_QUESTIONS),
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
            dataset = Dataset(org=org, **typing.cast(dict[str, Any], records))
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
                    field="id" if table != "answers" else None,
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
