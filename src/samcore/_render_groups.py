"""The table of personnel groups as Markdown, in the layout of the sick-leave report."""

from __future__ import annotations

from collections.abc import Iterable

from samcore._check import instance_of, int_in, optional, require
from samcore._frozen import records
from samcore._groups import PersonnelGroupRow
from samcore._privacy import MIN_GROUP_SIZE, round_half_up
from samcore._texts import Texts, texts
from samcore._time import Month, Window
from samcore._writer import DASH, format_number

__all__ = ["render_personnel_groups"]

_SUBJECT = "render_personnel_groups"


def _period(window: Window) -> str:
    """A calendar year by its number, another twelve months as R12, any other window by its days."""
    last = Month.of(window.end)
    if window != Window.rolling12(last):
        return f"{window.start.isoformat()} – {window.end.isoformat()}"
    return str(last.year) if last.month == 12 else f"R12 {last}"


def _cells(row: PersonnelGroupRow, text: Texts, lang: str) -> list[str]:
    name = text.no_group if row.group is None else row.group
    if row.employees is None:  # hidden
        return [name, *(DASH for _ in text.groups_columns[1:])]
    percents = (row.women_percent, row.total_percent, row.short_percent, row.long_percent)
    return [
        name,
        format_number(row.employees, lang),
        *(text.no_data if p is None else format_number(round_half_up(p), lang) for p in percents),
    ]


def render_personnel_groups(
    rows: Iterable[PersonnelGroupRow],
    *,
    lang: str = "sv",
    window: Window | None = None,
    min_group_size: int = MIN_GROUP_SIZE,
) -> str:
    """The rows of :func:`personnel_group_table` as a Markdown table, in the given order.

    The columns are the sick-leave report's: personnel group, employees,
    share of women, sick leave in total, day 1-14 and day 15 on, in percent
    with one decimal (a decimal comma in Swedish). A hidden group reads "–"
    throughout, and a line under the table says why (pass the
    ``min_group_size`` the table was built with); a figure without data
    reads "uppgift saknas" ("no data"). With ``window``, a caption under
    the table names the period: the year, R12 and its last month, or the
    first and last day.

    Raises:
        InvalidValueError: ``lang`` is neither ``"sv"`` nor ``"en"``, or an
            argument is of the wrong type.

    Examples:
        >>> from samcore import Month
        >>> rows = [PersonnelGroupRow(group="Barnskötare", employees=741, women_percent=90.0,
        ...                           total_percent=13.2, short_percent=5.1, long_percent=8.1),
        ...         PersonnelGroupRow(group="Kurator")]
        >>> print(render_personnel_groups(rows, window=Window.rolling12(Month.parse("2024-04"))))
        | Personalgrupp | Antal anställda | Andel kvinnor (%) | Sjukfrånvaro totalt (%) | Dag 1–14 (%) | Dag 15– (%) |
        | --- | --- | --- | --- | --- | --- |
        | Barnskötare | 741 | 90,0 | 13,2 | 5,1 | 8,1 |
        | Kurator | – | – | – | – | – |
        <BLANKLINE>
        Personalgrupper med högst sjukfrånvaro, R12 2024-04
        <BLANKLINE>
        – = visas inte: gruppen har 10 eller färre medarbetare, eller skulle kunna räknas fram ur de siffror som visas.
        <BLANKLINE>
    """
    text = texts(lang)
    shown = records("rows", rows, PersonnelGroupRow, _SUBJECT)
    require("window", window, optional(instance_of(Window)), _SUBJECT)
    require("min_group_size", min_group_size, int_in(0), _SUBJECT)
    head = text.groups_columns
    lines = [
        "| " + " | ".join(head) + " |",
        "| " + " | ".join("---" for _ in head) + " |",
        *("| " + " | ".join(_cells(row, text, lang)) + " |" for row in shown),
        "",
    ]
    if window is not None:
        lines += [text.groups_title.format(window=_period(window)), ""]
    if any(row.hidden for row in shown):
        lines += [text.suppressed.format(n=min_group_size), ""]
    return "\n".join(lines)
