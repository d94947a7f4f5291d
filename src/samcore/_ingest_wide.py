"""Records with a column per part: a rehabilitation case's steps, an inventory's ratings.

An export gives one row per rehabilitation case, with a date column per
step of the process (``early_signals_on``, ``sick_leave_routines_on``,
``ordinary_work_on``, ``other_work_on``; the case's own ``closed_on``
closes it), and one row per unit and year of the health-factor inventory,
with a rating column per factor (``leadership``, ``participation``, ...).
:data:`WIDE` says which columns such a record takes beyond its own fields
and how their values make the record's field; an empty cell is a step
not taken, a factor not rated. :data:`ENUM_WORDS` holds the words read
as the enums of these records.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Final, NamedTuple

from samcore._health_factors import HealthFactor, HealthFactorInventory
from samcore._rehab import RehabCase, RehabOutcome, RehabStep, RehabStepTaken

__all__ = ["ENUM_WORDS", "STEP_COLUMNS", "WIDE", "Wide"]


class Wide(NamedTuple):
    """The columns of a record's parts, and how their values become the record's field."""

    field: str
    """The record's field the columns fill (it is no column itself)."""
    columns: Mapping[str, object]
    """Each column and the type of its cells, read as a field of that type is."""
    gather: Callable[[dict[str, object]], object]
    """The field's value from the values read, the columns' values taken out of them."""
    column: Callable[[str, Mapping[str, object]], str | None]
    """The column behind a part of the field (``steps[1]``, ``ratings[leadership]``) of a row."""


STEP_COLUMNS: Final[Mapping[str, RehabStep]] = MappingProxyType(
    {f"{step.value}_on": step for step in RehabStep if step is not RehabStep.CLOSED}
)
"""The date column of each step a case takes, in the order of the process."""


def _steps(values: dict[str, object]) -> list[RehabStepTaken]:
    return [
        RehabStepTaken(step=step, on=typing.cast(date, values.pop(column)))
        for column, step in STEP_COLUMNS.items()
        if column in values
    ]


def _step_column(index: str, values: Mapping[str, object]) -> str | None:
    given = [column for column in STEP_COLUMNS if column in values]
    return given[int(index)] if index.isdigit() and int(index) < len(given) else None


def _ratings(values: dict[str, object]) -> dict[HealthFactor, object]:
    return {f: values.pop(f.value) for f in HealthFactor if f.value in values}


def _rating_column(factor: str, values: Mapping[str, object]) -> str | None:
    return factor if factor in values else None


WIDE: Final[Mapping[type, Wide]] = MappingProxyType(
    {
        RehabCase: Wide("steps", dict.fromkeys(STEP_COLUMNS, date), _steps, _step_column),
        HealthFactorInventory: Wide(
            "ratings", {f.value: int for f in HealthFactor}, _ratings, _rating_column
        ),
    }
)
"""The records read with a column per part, by class."""


def _labels(kind: type[RehabOutcome] | type[HealthFactor]) -> dict[str, object]:
    """Each member's names in Swedish and English, as words of it."""
    return {member.label(lang): member for member in kind for lang in ("sv", "en")}


ENUM_WORDS: Final[Mapping[type, Mapping[str, object]]] = MappingProxyType(
    {
        RehabOutcome: {
            **_labels(RehabOutcome),
            "Ordinarie arbete": RehabOutcome.ORDINARY_WORK,
            "Återgått till ordinarie arbete": RehabOutcome.ORDINARY_WORK,
            "Annat arbete": RehabOutcome.OTHER_WORK,
            "Omplacering": RehabOutcome.OTHER_WORK,
            "Omplacerad": RehabOutcome.OTHER_WORK,
            "Slutat": RehabOutcome.LEFT,
            "Avslutad anställning": RehabOutcome.LEFT,
            "Tjänstledig": RehabOutcome.OTHER,
            "Övrigt": RehabOutcome.OTHER,
        },
        HealthFactor: {
            **_labels(HealthFactor),
            "Ledarskap": HealthFactor.LEADERSHIP,
            "Delaktighet": HealthFactor.PARTICIPATION,
            "Kommunikation": HealthFactor.COMMUNICATION,
            "SAM": HealthFactor.SYSTEMATIC_WORK_ENVIRONMENT,
            "Systematiskt arbetsmiljöarbete": HealthFactor.SYSTEMATIC_WORK_ENVIRONMENT,
            "Rehabilitering": HealthFactor.REHABILITATION,
            "Tidiga insatser och arbetsanpassning": HealthFactor.REHABILITATION,
            "Rättvis organisation": HealthFactor.FAIR_ORGANISATION,
            "Kompetensutveckling": HealthFactor.SKILLS_DEVELOPMENT,
            "Prioritering": HealthFactor.PRIORITISATION,
        },
    }
)
"""The words read as the enums of these records, beside their wire values (in ``VALUE_WORDS``).

Each member's Swedish and English names (:meth:`RehabOutcome.label`,
:meth:`HealthFactor.label`), and the words exports use for them.
"""
