"""Cells of exported tables read as samcore values: dates, numbers, shares and words."""

from __future__ import annotations

import math
import numbers
import re
import typing
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from types import MappingProxyType
from typing import Final, TypeAlias

from samcore._check import show
from samcore._checklists import Answer
from samcore._incidents import IncidentKind
from samcore._ingest_problems import ProblemCode, ValueWords
from samcore._ingest_wide import ENUM_WORDS
from samcore._people import EmploymentType, EndReason, ExtraTimeKind, Gender
from samcore._risks import MeasureStatus
from samcore.errors import InvalidValueError

__all__ = [
    "VALUE_WORDS",
    "CellError",
    "Words",
    "cell_text",
    "is_missing",
    "merged_words",
    "read_date",
    "read_integer",
    "read_number",
    "read_share",
    "read_text",
    "read_texts",
    "read_word",
    "read_words",
]


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
        EmploymentType: _words(
            EmploymentType,
            {
                "Tillsvidare": EmploymentType.PERMANENT,
                "Tillsvidareanställd": EmploymentType.PERMANENT,
                "Tillsvidareanställning": EmploymentType.PERMANENT,
                "Visstid": EmploymentType.FIXED_TERM,
                "Visstidsanställd": EmploymentType.FIXED_TERM,
                "Visstidsanställning": EmploymentType.FIXED_TERM,
                "Allmän visstid": EmploymentType.FIXED_TERM,
                "Särskild visstid": EmploymentType.FIXED_TERM,
                "Vikariat": EmploymentType.FIXED_TERM,
                "fixed term": EmploymentType.FIXED_TERM,
                "Timavlönad": EmploymentType.HOURLY,
                "Timanställd": EmploymentType.HOURLY,
                "Timanställning": EmploymentType.HOURLY,
            },
        ),
        EndReason: _words(
            EndReason,
            {
                "Pension": EndReason.RETIREMENT,
                "Ålderspension": EndReason.RETIREMENT,
                "Pensionsavgång": EndReason.RETIREMENT,
                "retired": EndReason.RETIREMENT,
                "Egen begäran": EndReason.RESIGNATION,
                "Uppsägning på egen begäran": EndReason.RESIGNATION,
                "resigned": EndReason.RESIGNATION,
                "Avslutad visstid": EndReason.END_OF_CONTRACT,
                "Visstid upphört": EndReason.END_OF_CONTRACT,
                "Anställningen upphörde": EndReason.END_OF_CONTRACT,
                "end of contract": EndReason.END_OF_CONTRACT,
                "Annat": EndReason.OTHER,
                "Annan orsak": EndReason.OTHER,
                "Övrigt": EndReason.OTHER,
            },
        ),
        **{kind: _words(kind, pairs) for kind, pairs in ENUM_WORDS.items()},
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


def merged_words(values: ValueWords | None) -> dict[type, Words]:
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


class CellError(Exception):
    """A cell that cannot become the field's value."""

    def __init__(self, code: ProblemCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def is_missing(value: object) -> bool:
    """None, an empty or blank string, or a value unequal to itself (NaN, pandas' NaT)."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    try:
        return bool(value != value)
    except (TypeError, ValueError):  # an array or an odd object: present, to be refused later
        return False


def cell_text(value: object) -> str:
    return value if isinstance(value, str) else str(value)


def _is_int(value: object) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _is_real(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def read_text(value: object) -> str:
    """Text as given, trimmed; a whole number (17 or 17.0) as its digits, so numeric ids read."""
    if isinstance(value, str):
        return value.strip()
    if _is_int(value):
        return str(int(typing.cast(int, value)))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if _is_real(value):
        return str(value)
    raise CellError(ProblemCode.INVALID, f"expected text (got {type(value).__name__} {value!r})")


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_COMPACT_DAY = re.compile(r"(\d{4})(\d{2})(\d{2})")
_DAY_AND_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?")


def read_date(value: object) -> date:
    """A date, a datetime (its day), or text 2024-03-01, 20240301 or 2024-03-01 00:00:00."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(int(typing.cast(int, value)) if _is_int(value) else value).strip()
    try:
        if _DAY.fullmatch(text):
            return date.fromisoformat(text)
        if compact := _COMPACT_DAY.fullmatch(text):
            return date(*(int(part) for part in compact.groups()))
        if _DAY_AND_TIME.fullmatch(text):
            return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    raise CellError(
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
    raise CellError(ProblemCode.BAD_NUMBER, f"not a number: {show(value)}")


def read_number(value: object) -> float:
    """A number; text may use a decimal comma and spaces between thousands."""
    return float(_decimal(value)[0])


def read_share(value: object) -> float:
    """A share of full time or of a day: 0,5, 50 or 50 % all give 0.5."""
    number, with_sign = _decimal(value, percent=True)
    if with_sign or number >= _LEAST_BARE_PERCENT:
        return float(number / 100)
    if number <= 1:
        return float(number)
    raise CellError(
        ProblemCode.BAD_NUMBER,
        f"ambiguous share {show(value)}: write a fraction up to 1 (0,5) "
        f"or a percentage ({_LEAST_BARE_PERCENT} or more, or with %: 50 %)",
    )


def read_integer(value: object) -> int:
    """A whole number: 3, 3.0 or "3,0"."""
    if _is_int(value):
        return int(typing.cast(int, value))
    number = _decimal(value)[0]
    if number != number.to_integral_value():
        raise CellError(ProblemCode.BAD_NUMBER, f"not a whole number: {show(value)}")
    return int(number)


def read_word(kind: type, words: Words, value: object) -> object:
    if isinstance(value, kind):
        return value
    if kind is bool and _is_real(value) and value in (0, 1):
        return bool(value)
    found = words.get(_key(cell_text(value)))
    if found is None:
        name = "yes/no" if kind is bool else kind.__name__
        shown = [word for word, _ in words.values() if not word.isdigit()]
        known = ", ".join(shown[:12]) + (", ..." if len(shown) > 12 else "")
        raise CellError(
            ProblemCode.UNKNOWN_VALUE,
            f"unknown {name} value {show(value)} (known: {known}; add words with values=)",
        )
    return found[1]


def read_texts(value: object) -> tuple[str, ...]:
    """A list of texts: a list or tuple, or text with the items separated by |."""
    items = value if isinstance(value, list | tuple) else cell_text(value).split("|")
    return tuple(text for text in (read_text(item) for item in items) if text)


def read_words(kind: type, words: Words, value: object) -> tuple[object, ...]:
    """A list of words of one type (a unit's focus factors): a list, or text with | between them."""
    return tuple(read_word(kind, words, item) for item in read_texts(value))
