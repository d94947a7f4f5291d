"""The writer of rendered reports: numbers as published, tables and names of units."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from samcore._org import OrgTree
from samcore._privacy import round_half_up
from samcore._publish import PublishedReport
from samcore._texts import texts

__all__ = ["DASH", "Writer", "format_number"]

DASH = "–"
"""What a hidden figure reads."""

NAMED = 5
"""Units named in a sentence; the rest are counted."""


def format_number(value: Decimal | int, lang: str = "sv", *, sign: bool = False) -> str:
    """Write a figure with a decimal comma (Swedish) or point (English), signed if asked.

    Raises:
        InvalidValueError: ``lang`` is neither ``"sv"`` nor ``"en"``.

    Examples:
        >>> format_number(round_half_up(7.5), "sv"), format_number(round_half_up(-0.2), sign=True)
        ('7,5', '-0,2')
        >>> format_number(Decimal("0.3"), "en", sign=True), format_number(Decimal("0.0"), sign=True)
        ('+0.3', '0,0')
    """
    text = str(value)
    if sign and value > 0:
        text = "+" + text
    return text.replace(".", texts(lang).decimal_mark)


class Writer:
    """Collects the lines of one rendered report, with its language and published figures."""

    def __init__(
        self, lang: str, min_group_size: int, report: PublishedReport, org: OrgTree | None
    ) -> None:
        self.t = texts(lang)
        self.lang = lang
        self.min = min_group_size
        self.report = report
        self.org = org
        self.lines: list[str] = []
        self.suppressed = False

    def out(self, *lines: str) -> None:
        self.lines.extend(lines)

    def name(self, unit_id: str) -> str:
        return self.org.unit(unit_id).name if self.org is not None else unit_id

    def table(self, head: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        self.out("| " + " | ".join(head) + " |", "|" + "|".join(" --- " for _ in head) + "|")
        self.out(*("| " + " | ".join(row) + " |" for row in rows))
        self.out("")

    def figure(self, key: str) -> Decimal | str:
        """A published percent, or why there is none: hidden ("–") or no data."""
        if key in self.report.suppressed:
            self.suppressed = True
            return DASH
        value = self.report.figures[key]
        return self.t.no_data if value is None else round_half_up(value)

    def count(self, key: str) -> int | str:
        """A published count, or "–" when hidden."""
        if key in self.report.suppressed:
            self.suppressed = True
            return DASH
        value = self.report.figures[key]
        return DASH if value is None else int(value)

    def compare(self, label: str, now: Decimal | int | str, then: Decimal | int | str) -> list[str]:
        diff = now - then if not isinstance(now, str) and not isinstance(then, str) else DASH
        return [label, self.number(now), self.number(then), self.number(diff, sign=True)]

    def number(self, value: Decimal | int | str, *, sign: bool = False) -> str:
        return value if isinstance(value, str) else format_number(value, self.lang, sign=sign)

    def period(self, years_back: int = 0) -> str:
        """The heading of a count over the report's twelve months: the year, or R12."""
        return (
            str(self.report.year - years_back) if self.report.month == 12 else self.r12(years_back)
        )

    def r12(self, years_back: int = 0) -> str:
        return f"R12 {self.report.year - years_back}-{self.report.month:02}"

    def note_suppressed(self) -> None:
        if self.suppressed:
            self.out(self.t.suppressed.format(n=self.min), "")
        self.suppressed = False

    def names(
        self, unit_ids: Sequence[str], counts: Sequence[str] = (), *, limit: int = NAMED
    ) -> str:
        """Units by name, each with its count if given; the first ``limit``, then how many more."""
        shown = [
            self.name(u) + (f" ({counts[i]})" if counts else "")
            for i, u in enumerate(unit_ids[:limit])
        ]
        more = len(unit_ids) - len(shown)
        return ", ".join(shown) + (" " + self.t.and_more.format(n=more) if more else "")
