"""Render a report as Markdown in the layout of the municipality's yearly report."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import attrs

from samcore._checklists import Answer, AnswerTally
from samcore._delegation import FindingKind
from samcore._org import OrgTree
from samcore._people import AgeBand, Gender
from samcore._privacy import MIN_GROUP_SIZE, shown_percent
from samcore._questions import ALL_QUESTIONS, QUESTIONS, QUESTIONS_2023, QuestionSection
from samcore._ratio import Ratio
from samcore._report import Report
from samcore._risks import Risk
from samcore._sick_leave import Duration, SickLeave
from samcore._texts import texts

__all__ = ["format_number", "render_markdown", "round_half_up"]

_DASH = "–"


def round_half_up(value: float, decimals: int = 1) -> Decimal:
    """Round a figure for publication, half away from zero, immune to float noise.

    The value is first cut to 9 decimals, so that sums that differ only by
    float rounding (0.15000000000000002 against 0.1499999999999999) publish
    the same figure; then it is rounded half up.

    Examples:
        >>> str(round_half_up(7.25)), str(round_half_up(7.249999999999999)), str(round_half_up(-0.25))
        ('7.3', '7.3', '-0.3')
    """
    clean = Decimal(repr(value)).quantize(Decimal("1e-9"), rounding=ROUND_HALF_UP)
    return clean.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


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

    def pct(self, ratio: Ratio, heads: float) -> Decimal | None:
        percent = shown_percent(ratio, heads, self.min)
        if percent is None and ratio.percent is not None:
            self.suppressed = True
        return None if percent is None else round_half_up(percent)

    def compare(
        self, label: str, now: Decimal | int | None, then: Decimal | int | None
    ) -> list[str]:
        diff = None if now is None or then is None else now - then
        return [
            label,
            _DASH if now is None else format_number(now, self.lang),
            _DASH if then is None else format_number(then, self.lang),
            _DASH if diff is None else format_number(diff, self.lang, sign=True),
        ]

    def answers(self, head: str, report: Report, section: QuestionSection) -> None:
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
    report: Report, org: OrgTree | None, *, lang: str = "sv", min_group_size: int = MIN_GROUP_SIZE
) -> str:
    """The report as Markdown, in the layout of the municipality's yearly report.

    Percentages have one decimal (a decimal comma in Swedish), differences
    are in percentage points with a sign, counts and hours are whole
    numbers. A sick-leave or turnover figure for a group of
    ``min_group_size`` employees or fewer is replaced by "–", its difference
    too, and a line under the table says why. No employee is named.

    Raises:
        InvalidValueError: ``lang`` is neither ``"sv"`` nor ``"en"``.

    Examples:
        >>> from samcore import OrgUnit
        >>> org = OrgTree.from_units([OrgUnit(id="k", name="Kommunen")])
        >>> text = render_markdown(Report(unit_id="k", year=2024), org)
        >>> text.splitlines()[0]
        '# Arbetsmiljörapport 2024 – Kommunen'
        >>> "| Sjukfrånvaro | R12 2024-12 | R12 2023-12 | Skillnad |" in text
        True
    """
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


def _section_1(w: _Writer, report: Report) -> None:
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


def _incidents(w: _Writer, report: Report) -> None:
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


def _sick_leave(w: _Writer, report: Report) -> None:
    now, then = report.sick_leave, report.sick_leave_previous
    w.suppressed = False
    genders = ((w.t.women, Gender.WOMAN), (w.t.men, Gender.MAN))

    def row(
        label: str,
        *,
        gender: Gender | None = None,
        age_band: AgeBand | None = None,
        duration: Duration | None = None,
        long_term: bool = False,
    ) -> list[str]:
        def figure(s: SickLeave) -> Decimal | None:
            ratio = (
                s.long_term_share(gender=gender, age_band=age_band)
                if long_term
                else s.rate(gender=gender, age_band=age_band, duration=duration)
            )
            return w.pct(ratio, s.headcount(gender=gender, age_band=age_band))

        return w.compare(label, figure(now), figure(then))

    rows = []
    for heading, duration in ((None, None), (w.t.short, Duration.SHORT), (w.t.long, Duration.LONG)):
        if heading:
            rows.append([f"**{heading}**", "", "", ""])
        rows.append(row(w.t.total if duration else w.t.total_sick_leave, duration=duration))
        rows += [row(label, gender=g, duration=duration) for label, g in genders]
    rows.append(row(w.t.long_term, long_term=True))
    rows.append([f"**{w.t.by_age}**", "", "", ""])
    rows += [
        row(w.t.age_bands[band], age_band=band)
        for band in (AgeBand.UP_TO_29, AgeBand.FROM_30_TO_49, AgeBand.FROM_50)
    ]
    w.out(f"### 2.2 {w.t.sick_leave}", "")
    year = report.year
    w.table([w.t.sick_leave, f"R12 {year}-12", f"R12 {year - 1}-12", w.t.difference], rows)
    if w.suppressed:
        w.out(w.t.suppressed.format(n=w.min), "")


def _turnover(w: _Writer, report: Report) -> None:
    now, then = report.turnover, report.turnover_previous
    w.suppressed = False

    rows = [
        w.compare(
            label,
            w.pct(now.rate(gender=g), now.average_headcount(gender=g)),
            w.pct(then.rate(gender=g), then.average_headcount(gender=g)),
        )
        for label, g in (
            (w.t.total, None),
            (w.t.women, Gender.WOMAN),
            (w.t.men, Gender.MAN),
        )
    ]
    rows.append(w.compare(w.t.departures, now.departures(), then.departures()))
    year = report.year
    w.out(f"### 2.3 {w.t.turnover}", "")
    w.table([w.t.turnover_head, f"R12 {year}-12", f"R12 {year - 1}-12", w.t.difference], rows)
    if w.suppressed:
        w.out(w.t.suppressed.format(n=w.min), "")


def _extra_time(w: _Writer, report: Report) -> None:
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


def _delegation(w: _Writer, report: Report) -> None:
    w.out(f"### 2.8 {w.t.delegation}", "")
    w.answers(w.t.delegation, report, QuestionSection.DELEGATION)
    share = report.certified
    shown = (
        _DASH
        if share.percent is None
        else format_number(round_half_up(share.percent), w.lang) + " %"
    )
    w.table([w.t.certified, ""], [[f"{int(share.numerator)} / {int(share.denominator)}", shown]])
    if report.delegation_findings:
        kinds = [f.kind for f in report.delegation_findings]
        rows = [[w.t.finding_kinds[k], str(kinds.count(k))] for k in FindingKind if k in kinds]
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


def _section_3(w: _Writer, report: Report, org: OrgTree | None) -> None:
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
