"""Plain rows of metric results, for DataFrames without a DataFrame dependency."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Protocol, TypeVar

from samcore._check import entry, fail, non_blank, require

__all__ = ["HasRows", "rows"]

K = TypeVar("K", bound=Hashable)


class HasRows(Protocol):
    """A value that can give itself as plain rows (every samcore metric result can).

    Examples:
        >>> from samcore import ExtraHours
        >>> value: HasRows = ExtraHours(overtime=1.0)
        >>> value.rows()[0]["overtime"]
        1.0
    """

    def rows(self) -> list[dict[str, object]]:
        """The value's rows.

        Examples:
            >>> from samcore import ExtraHours
            >>> len(ExtraHours().rows())
            1
        """
        ...


def rows(results: Mapping[K, HasRows], *, group: str = "group") -> list[dict[str, object]]:
    """Flatten a metric result (group → value) into plain rows with the group as first column.

    The rows are each value's published ``rows()``: a group of one, as here,
    shows no figure.

    ``pandas.DataFrame(rows(result))`` and ``polars.DataFrame(rows(result))``
    take the list as it is. Column names are stable across releases.

    Raises:
        InvalidValueError: ``results`` is not a mapping of values with
            ``rows()``, or ``group`` is not a non-empty string.

    Examples:
        >>> from datetime import date
        >>> from samcore import Employee, Employment, Gender, Window, sick_leave
        >>> result = sick_leave([Employee(id="e", gender=Gender.MAN)],
        ...                     [Employment(employee_id="e", unit_id="u1", start=date(2024, 1, 1))],
        ...                     [], Window.calendar_year(2024))
        >>> table = rows(result, group="unit_id")
        >>> table[0]["unit_id"], table[0]["slice"], table[0]["headcount"], table[0]["percent"]
        ('u1', 'total', None, None)
    """
    require("group", group, non_blank(), "rows")
    if not isinstance(results, Mapping):
        fail("results", "be a mapping of group to a metric value", results, "rows")
    for key, value in results.items():
        if not callable(getattr(value, "rows", None)):
            fail(entry("results", key), "be a value with rows(), such as SickLeave", value, "rows")
    return [{group: key, **row} for key, value in results.items() for row in value.rows()]
