"""Render a report as Markdown in the layout of the municipality's yearly report."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from samcore._check import instance_of, optional, require
from samcore._checklists import Answer, AnswerTally
from samcore._org import OrgTree
from samcore._people import AgeBand
from samcore._privacy import MIN_GROUP_SIZE, round_half_up
from samcore._publish import PublishedReport, publish
from samcore._questions import ALL_QUESTIONS, QUESTIONS, QUESTIONS_2023, QuestionSection
from samcore._report import Report
from samcore._risks import Risk
from samcore._texts import texts

__all__ = ["format_number", "render_markdown", "round_half_up"]

_DASH = "–"


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


class _Writer:
    def __init__(self, lang: str, min_group_size: int) -> None:
        self.t = texts(lang)
        self.lang = lang
        self.min = min_group_size
        self.lines: list[str] = []
        self.suppressed = False

    def out(self, *lines: str) -> None:
        self.lines.extend(lines)

    def table(self, head: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        self.out("| " + " | ".join(head) + " |", "|" + "|".join(" --- " for _ in head) + "|")
        self.out(*("| " + " | ".join(row) + " |" for row in rows))
        self.out("")

    def figure(self, report: PublishedReport, key: str) -> Decimal | str:
        """A published percent, or why there is none: hidden ("–") or no data."""
        if key in report.suppressed:
            self.suppressed = True
            return _DASH
        value = report.figures[key]
        return self.t.no_data if value is None else round_half_up(value)

    def compare(self, label: str, now: Decimal | int | str, then: Decimal | int | str) -> list[str]:
        diff = now - then if not isinstance(now, str) and not isinstance(then, str) else _DASH
        return [label, self.number(now), self.number(then), self.number(diff, sign=True)]

    def number(self, value: Decimal | int | str, *, sign: bool = False) -> str:
        return value if isinstance(value, str) else format_number(value, self.lang, sign=sign)

    def answers(self, head: str, report: PublishedReport, section: QuestionSection) -> None:
        template = QUESTIONS if report.year >= 2024 else QUESTIONS_2023
        ids = [q.id for q in template if q.section is section]
        ids += [q for q in report.answers if q not in ids and ALL_QUESTIONS[q].section is section]
        rows = [[ALL_QUESTIONS[q].text(self.lang), self.tally(report.answers.get(q))] for q in ids]
        self.table([head, self.t.yes_no], rows)

    def tally(self, tally: AnswerTally | None) -> str:
        if tally is None or tally.total == 0:
            return self.t.no_answer
        summary = self.t.answers[tally.summary]
        if tally.summary is Answer.PARTLY and tally.partly != tally.total:
            summary += f" ({self.t.tally.format(yes=tally.yes, no=tally.no, partly=tally.partly)})"
        return summary


def render_markdown(
    report: Report | PublishedReport,
    org: OrgTree | None,
    *,
    lang: str = "sv",
    min_group_size: int = MIN_GROUP_SIZE,
) -> str:
    """The report as Markdown, in the layout of the municipality's yearly report.

    Percentages have one decimal (a decimal comma in Swedish), differences
    are in percentage points with a sign, counts and hours are whole
    numbers. Figures come from the published form of the report: a group
    of ``min_group_size`` people or fewer, or one whose figure could be
    worked out from those shown, reads "–", and a line under the table says
    why; a figure without data reads "uppgift saknas" ("no data"). A
    :class:`Report` given here is published on its own; to render a unit
    of a tree, render ``reports.published()[unit]`` or call
    :meth:`Reports.render`, which protect it against its parent and
    siblings too. No employee is named.

    Raises:
        InvalidValueError: ``lang`` is neither ``"sv"`` nor ``"en"``, or an
            argument is of the wrong type (``org`` is an OrgTree or None).
        UnknownUnitError: ``org`` has no unit of the report's (or of an
            incoming risk's) id.

    Examples:
        >>> from samcore import OrgUnit
        >>> org = OrgTree.from_units([OrgUnit(id="k", name="Kommunen")])
        >>> text = render_markdown(Report(unit_id="k", year=2024), org)
        >>> text.splitlines()[0]
        '# Arbetsmiljörapport 2024 – Kommunen'
        >>> "| Total sjukfrånvaro | uppgift saknas | uppgift saknas | – |" in text
        True
    """
    require("report", report, instance_of(Report, PublishedReport), "render_markdown")
    require("org", org, optional(instance_of(OrgTree)), "render_markdown")
    if isinstance(report, Report):
        report = publish(report, min_group_size=min_group_size)
    min_group_size = report.min_group_size
    w = _Writer(lang, min_group_size)
    name = org.unit(report.unit_id).name if org is not None else report.unit_id
    w.out("# " + w.t.report_title.format(year=report.year, name=name), "")
    _section_1(w, report)
    w.out(f"## 2. {w.t.analysis}", "")
    _incidents(w, report)
    _sick_leave(w, report)
    _turnover(w, report)
    _extra_time(w, report)
    w.out(f"### 2.5 {w.t.surveys}", "", w.t.rounds.format(**_fields(report.surveys)), "")
    w.answers(w.t.surveys, report, QuestionSection.SURVEYS)
    w.out(f"### 2.6 {w.t.occupational_health}", "")
    w.answers(w.t.occupational_health, report, QuestionSection.OCCUPATIONAL_HEALTH)
    w.out(f"### 2.7 {w.t.inspections}", "")
    w.answers(w.t.inspections, report, QuestionSection.INSPECTIONS)
    _delegation(w, report)
    _section_3(w, report, org)
    return "\n".join(w.lines).rstrip() + "\n"


def _fields(obj: Any) -> dict[str, object]:
    return attrs.asdict(obj)


def _day(value: object) -> str:
    return _DASH if value is None else str(value)


def _section_1(w: _Writer, report: PublishedReport) -> None:
    w.out(f"## 1. {w.t.evaluation}", "")
    rows = [
        [
            risk.title,
            str(risk.level),
            m.title,
            w.t.statuses[m.status],
            _day(m.completed_on or m.due),
        ]
        for risk in report.risks
        for m in risk.measures
    ]
    if rows:
        w.table(w.t.risk_columns, rows)
    else:
        w.out(w.t.no_risks, "")
    w.out(w.t.action_plan.format(**_fields(report.action_plan)), "")


def _incidents(w: _Writer, report: PublishedReport) -> None:
    now, then = report.incidents, report.incidents_previous
    w.out(f"### 2.1 {w.t.incidents}", "")
    rows = [
        w.compare(label, getattr(now, field), getattr(then, field))
        for label, field in (
            (w.t.injuries, "injuries"),
            (w.t.near_misses, "near_misses"),
            (w.t.closed, "closed"),
            (w.t.serious, "serious"),
        )
    ]
    w.table([w.t.incidents, str(report.year), str(report.year - 1), w.t.difference], rows)
    if now.by_category:
        rows = [
            [c, str(n)] for c, n in sorted(now.by_category.items(), key=lambda i: (-i[1], i[0]))
        ]
        if now.uncategorised:
            rows.append([w.t.uncategorised, str(now.uncategorised)])
        w.table([w.t.category, w.t.count], rows)
    w.answers(w.t.incidents, report, QuestionSection.INCIDENTS)


def _sick_leave(w: _Writer, report: PublishedReport) -> None:
    w.suppressed = False

    def row(label: str, group: str, figure: str = "percent") -> list[str]:
        return w.compare(
            label,
            w.figure(report, f"sick_leave.{group}.{figure}"),
            w.figure(report, f"sick_leave_previous.{group}.{figure}"),
        )

    genders = ((w.t.women, "woman"), (w.t.men, "man"))
    rows = []
    for heading, figure in (
        (None, "percent"),
        (w.t.short, "short_percent"),
        (w.t.long, "long_percent"),
    ):
        if heading:
            rows.append([f"**{heading}**", "", "", ""])
        rows.append(row(w.t.total if heading else w.t.total_sick_leave, "total", figure))
        rows += [row(label, group, figure) for label, group in genders]
    rows.append(row(w.t.long_term, "total", "long_term_share_percent"))
    rows.append([f"**{w.t.by_age}**", "", "", ""])
    rows += [
        row(w.t.age_bands[band], band.value)
        for band in (AgeBand.UP_TO_29, AgeBand.FROM_30_TO_49, AgeBand.FROM_50)
    ]
    w.out(f"### 2.2 {w.t.sick_leave}", "")
    year = report.year
    w.table([w.t.sick_leave, f"R12 {year}-12", f"R12 {year - 1}-12", w.t.difference], rows)
    if w.suppressed:
        w.out(w.t.suppressed.format(n=w.min), "")


def _turnover(w: _Writer, report: PublishedReport) -> None:
    w.suppressed = False
    rows = [
        w.compare(
            label,
            w.figure(report, f"turnover.{group}.percent"),
            w.figure(report, f"turnover_previous.{group}.percent"),
        )
        for label, group in ((w.t.total, "total"), (w.t.women, "woman"), (w.t.men, "man"))
    ]
    departures = [
        int(report.figure(f"{field}.total.departures") or 0)
        for field in ("turnover", "turnover_previous")
    ]
    rows.append(w.compare(w.t.departures, *departures))
    year = report.year
    w.out(f"### 2.3 {w.t.turnover}", "")
    w.table([w.t.turnover_head, f"R12 {year}-12", f"R12 {year - 1}-12", w.t.difference], rows)
    if w.suppressed:
        w.out(w.t.suppressed.format(n=w.min), "")


def _extra_time(w: _Writer, report: PublishedReport) -> None:
    now, then = report.extra_time, report.extra_time_previous
    rows = [
        w.compare(label, round_half_up(a, 0), round_half_up(b, 0))
        for label, a, b in (
            (w.t.additional, now.additional, then.additional),
            (w.t.overtime, now.overtime, then.overtime),
            (w.t.sum, now.total, then.total),
        )
    ]
    year = report.year
    w.out(f"### 2.4 {w.t.extra_time}", "")
    w.table([w.t.working_time, f"R12 {year}-12", f"R12 {year - 1}-12", w.t.difference], rows)


def _delegation(w: _Writer, report: PublishedReport) -> None:
    w.suppressed = False
    w.out(f"### 2.8 {w.t.delegation}", "")
    w.answers(w.t.delegation, report, QuestionSection.DELEGATION)
    share = w.figure(report, "certified.total.percent")
    counts = [report.figures[f"certified.total.{k}"] for k in ("certified", "managers")]
    shown = w.number(share) + ("" if isinstance(share, str) else " %")
    ratio = _DASH if None in counts else " / ".join(str(int(c or 0)) for c in counts)
    w.table([w.t.certified, ""], [[ratio, shown]])
    if w.suppressed:
        w.out(w.t.suppressed.format(n=w.min), "")
    if report.findings:
        rows = [[w.t.finding_kinds[k], str(n)] for k, n in report.findings.items()]
        w.table([w.t.findings, w.t.count], rows)
    else:
        w.out(w.t.no_findings, "")


def _risk_rows(w: _Writer, risks: Sequence[Risk], prefix: Sequence[str] = ()) -> list[list[str]]:
    rows = []
    for risk in risks:
        for m in risk.measures or [None]:
            rows.append(
                [
                    *prefix,
                    risk.title,
                    str(risk.level),
                    _DASH if m is None else m.title,
                    _DASH if m is None or m.responsible is None else m.responsible,
                    _DASH if m is None else _day(m.due),
                ]
            )
    return rows


def _section_3(w: _Writer, report: PublishedReport, org: OrgTree | None) -> None:
    w.out(f"## 3. {w.t.onward}", "")
    if report.risks_reported_onward:
        w.table(w.t.onward_columns, _risk_rows(w, report.risks_reported_onward))
    else:
        w.out(w.t.no_onward, "")
    if report.incoming_risks:
        w.out("### " + w.t.incoming, "")
        rows = []
        for incoming in report.incoming_risks:
            source = (
                org.unit(incoming.from_unit_id).name if org is not None else incoming.from_unit_id
            )
            rows += _risk_rows(w, [incoming.risk], [source])
        w.table([w.t.from_unit, *w.t.onward_columns], rows)
