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
from samcore._risks import MeasureStatus, Risk
from samcore._sick_leave import Duration, SickLeave

__all__ = ["format_number", "render_markdown", "round_half_up"]

_TEXT: dict[str, dict[object, Any]] = {
    "sv": {
        "title": "Arbetsmiljörapport {year} – {name}",
        "s1": "1. Bedömning och utvärdering av föregående års åtgärder",
        "risk_head": ("Risk", "Risknivå", "Åtgärd", "Status", "Slutdatum"),
        "no_risks": "Inga risker med åtgärder att följa upp under året.",
        "plan": "Åtgärder: {measures}, varav avslutade {done}, pågående {in_progress}, "
        "planerade {planned}, avbrutna {cancelled}; försenade vid årets slut: {overdue}.",
        "s2": "2. Bedömning och analys av arbetsmiljöarbetet",
        "inc": "2.1 Arbetsskador och tillbud",
        "inc_head": "Arbetsskador och tillbud",
        "injuries": "Antal rapporterade arbetsskador",
        "near": "Antal rapporterade tillbud",
        "closed": "Antal klarmarkerade händelser",
        "serious": "Antal allvarliga händelser (anmälda till Arbetsmiljöverket)",
        "category": "Kategori",
        "count": "Antal",
        "uncategorised": "Utan kategori",
        "sick": "2.2 Sjukfrånvaro",
        "sick_head": "Sjukfrånvaro",
        "total_sick": "Total sjukfrånvaro",
        "women": "Kvinnor",
        "men": "Män",
        "total": "Totalt",
        "short": "Kort sjukfrånvaro (0–14 dagar)",
        "long": "Lång sjukfrånvaro (15– dagar)",
        "long_term": "Andel av sjukfrånvaron som avser 60 dagar eller mer",
        "ages": "Sjukfrånvaro efter ålder",
        AgeBand.UP_TO_29: "29 år eller yngre",
        AgeBand.FROM_30_TO_49: "30–49 år",
        AgeBand.FROM_50: "50 år eller äldre",
        "suppressed": "– = visas inte: gruppen har {n} eller färre medarbetare.",
        "diff": "Skillnad",
        "turn": "2.3 Personalomsättning",
        "turn_head": "Personalomsättning (externa)",
        "departures": "Antal avgångar (externa)",
        "extra": "2.4 Övertid och mertid",
        "extra_head": "Arbetstid (timmar)",
        "additional": "Mertid/fyllnadstid",
        "overtime": "Övertidstimmar",
        "sum": "Summa",
        "surveys": "2.5 Kartläggning/Arbetsmiljöarbete",
        "rounds": "Genomförda arbetsmiljöronder: {rounds}, med skyddsombud: "
        "{with_safety_representative}, avvikelser (nej/delvis): {deviations}.",
        "ohs": "2.6 Företagshälsovård",
        "insp": "2.7 Inspektioner från Arbetsmiljöverket",
        "deleg": "2.8 Vidarefördelning av arbetsmiljöuppgifter och certifiering",
        "yesno": "Ja/Nej",
        "certified": "Andel certifierade chefer",
        "findings": "Brister i vidarefördelningarna",
        "no_findings": "Inga brister i vidarefördelningarna.",
        "s3": "3. Utvalda risker och åtgärder som rapporteras vidare",
        "onward_head": ("Risk", "Risknivå", "Åtgärd", "Ansvarig chef", "Slutdatum"),
        "no_onward": "Inga risker rapporteras vidare.",
        "incoming": "Risker som rapporterats hit",
        "from": "Från",
        Answer.YES: "Ja",
        Answer.NO: "Nej",
        Answer.PARTLY: "Delvis",
        Answer.NOT_APPLICABLE: "Ej aktuellt",
        "tally": "{yes} ja, {no} nej, {partly} delvis",
        "no_answer": "Ej besvarad",
        MeasureStatus.PLANNED: "Planerad",
        MeasureStatus.IN_PROGRESS: "Pågående",
        MeasureStatus.DONE: "Avslutad",
        MeasureStatus.CANCELLED: "Avbruten",
        "not_in_writing": "ej skriftlig",
        "not_certified": "mottagare ej certifierad",
        "certification_expired": "certifieringen har gått ut",
        "lacks_authority": "otillräckliga befogenheter",
        "lacks_resources": "otillräckliga resurser",
        "lacks_knowledge": "otillräckliga kunskaper",
        "returned": "returnerad",
        "broken_chain": "bruten kedja ovanför",
    },
    "en": {
        "title": "Work-environment report {year} – {name}",
        "s1": "1. Evaluation of last year's measures",
        "risk_head": ("Risk", "Risk level", "Measure", "Status", "End date"),
        "no_risks": "No risks with measures to follow up this year.",
        "plan": "Measures: {measures}, of which done {done}, in progress {in_progress}, "
        "planned {planned}, cancelled {cancelled}; overdue at year end: {overdue}.",
        "s2": "2. Analysis of the work-environment management",
        "inc": "2.1 Injuries and near misses",
        "inc_head": "Injuries and near misses",
        "injuries": "Reported injuries",
        "near": "Reported near misses",
        "closed": "Closed events",
        "serious": "Serious events (reported to the Work Environment Authority)",
        "category": "Category",
        "count": "Count",
        "uncategorised": "No category",
        "sick": "2.2 Sick leave",
        "sick_head": "Sick leave",
        "total_sick": "Total sick leave",
        "women": "Women",
        "men": "Men",
        "total": "Total",
        "short": "Short sick leave (day 1–14)",
        "long": "Long sick leave (day 15 on)",
        "long_term": "Share of sick leave in absences of 60 days or more",
        "ages": "Sick leave by age",
        AgeBand.UP_TO_29: "29 or younger",
        AgeBand.FROM_30_TO_49: "30–49",
        AgeBand.FROM_50: "50 or older",
        "suppressed": "– = not shown: the group has {n} or fewer employees.",
        "diff": "Difference",
        "turn": "2.3 Staff turnover",
        "turn_head": "Turnover (external)",
        "departures": "Departures (external)",
        "extra": "2.4 Overtime and additional hours",
        "extra_head": "Working time (hours)",
        "additional": "Additional hours",
        "overtime": "Overtime hours",
        "sum": "Sum",
        "surveys": "2.5 Surveys of the work environment",
        "rounds": "Safety rounds done: {rounds}, with a safety representative: "
        "{with_safety_representative}, deviations (no/partly): {deviations}.",
        "ohs": "2.6 Occupational health service",
        "insp": "2.7 Inspections by the Work Environment Authority",
        "deleg": "2.8 Delegation of work-environment tasks and certification",
        "yesno": "Yes/No",
        "certified": "Share of managers certified",
        "findings": "Problems with delegations",
        "no_findings": "No problems with the delegations.",
        "s3": "3. Selected risks and measures reported onward",
        "onward_head": ("Risk", "Risk level", "Measure", "Responsible manager", "End date"),
        "no_onward": "No risks are reported onward.",
        "incoming": "Risks reported here",
        "from": "From",
        Answer.YES: "Yes",
        Answer.NO: "No",
        Answer.PARTLY: "Partly",
        Answer.NOT_APPLICABLE: "Not applicable",
        "tally": "{yes} yes, {no} no, {partly} partly",
        "no_answer": "Not answered",
        MeasureStatus.PLANNED: "Planned",
        MeasureStatus.IN_PROGRESS: "In progress",
        MeasureStatus.DONE: "Done",
        MeasureStatus.CANCELLED: "Cancelled",
        "not_in_writing": "not in writing",
        "not_certified": "delegate not certified",
        "certification_expired": "certification expired",
        "lacks_authority": "lacking authority",
        "lacks_resources": "lacking resources",
        "lacks_knowledge": "lacking knowledge",
        "returned": "returned",
        "broken_chain": "broken chain above",
    },
}

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

    Examples:
        >>> format_number(round_half_up(7.5), "sv"), format_number(round_half_up(-0.2), sign=True)
        ('7,5', '-0,2')
        >>> format_number(Decimal("0.3"), "en", sign=True), format_number(Decimal("0.0"), sign=True)
        ('+0.3', '0,0')
    """
    text = str(value)
    if sign and value > 0:
        text = "+" + text
    return text.replace(".", ",") if lang == "sv" else text


class _Writer:
    def __init__(self, lang: str, min_group_size: int) -> None:
        self.lang = lang if lang in _TEXT else "sv"
        self.t = _TEXT[self.lang]
        self.min = min_group_size
        self.lines: list[str] = []
        self.suppressed = False

    def text(self, key: object, **values: object) -> str:
        return str(self.t[key]).format(**values)

    def head(self, key: str) -> list[str]:
        return list(self.t[key])

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
        self.table([head, self.text("yesno")], rows)

    def tally(self, tally: AnswerTally | None) -> str:
        if tally is None or tally.total == 0:
            return self.text("no_answer")
        summary = self.text(tally.summary)
        if tally.summary is Answer.PARTLY and tally.partly != tally.total:
            summary += (
                " (" + self.text("tally", yes=tally.yes, no=tally.no, partly=tally.partly) + ")"
            )
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
    w.out("# " + w.text("title", year=report.year, name=name), "")
    _section_1(w, report)
    w.out("## " + w.text("s2"), "")
    _incidents(w, report)
    _sick_leave(w, report)
    _turnover(w, report)
    _extra_time(w, report)
    w.out("### " + w.text("surveys"), "", w.text("rounds", **_fields(report.surveys)), "")
    w.answers(w.text("surveys").split(" ", 1)[1], report, QuestionSection.SURVEYS)
    w.out("### " + w.text("ohs"), "")
    w.answers(w.text("ohs").split(" ", 1)[1], report, QuestionSection.OCCUPATIONAL_HEALTH)
    w.out("### " + w.text("insp"), "")
    w.answers(w.text("insp").split(" ", 1)[1], report, QuestionSection.INSPECTIONS)
    _delegation(w, report)
    _section_3(w, report, org)
    return "\n".join(w.lines).rstrip() + "\n"


def _fields(obj: Any) -> dict[str, object]:
    return attrs.asdict(obj)


def _day(value: object) -> str:
    return _DASH if value is None else str(value)


def _section_1(w: _Writer, report: Report) -> None:
    w.out("## " + w.text("s1"), "")
    rows = [
        [risk.title, str(risk.level), m.title, w.text(m.status), _day(m.completed_on or m.due)]
        for risk in report.risks
        for m in risk.measures
    ]
    if rows:
        w.table(w.head("risk_head"), rows)
    else:
        w.out(w.text("no_risks"), "")
    w.out(w.text("plan", **_fields(report.action_plan)), "")


def _incidents(w: _Writer, report: Report) -> None:
    now, then = report.incidents, report.incidents_previous
    w.out("### " + w.text("inc"), "")
    rows = [
        w.compare(w.text(key), getattr(now, field), getattr(then, field))
        for key, field in (
            ("injuries", "injuries"),
            ("near", "near_misses"),
            ("closed", "closed"),
            ("serious", "serious"),
        )
    ]
    w.table([w.text("inc_head"), str(report.year), str(report.year - 1), w.text("diff")], rows)
    if now.by_category:
        rows = [
            [c, str(n)] for c, n in sorted(now.by_category.items(), key=lambda i: (-i[1], i[0]))
        ]
        if now.uncategorised:
            rows.append([w.text("uncategorised"), str(now.uncategorised)])
        w.table([w.text("category"), w.text("count")], rows)
    w.answers(w.text("inc_head"), report, QuestionSection.INCIDENTS)


def _sick_leave(w: _Writer, report: Report) -> None:
    now, then = report.sick_leave, report.sick_leave_previous
    w.suppressed = False
    genders = ((w.text("women"), Gender.WOMAN), (w.text("men"), Gender.MAN))

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
    for heading, duration in ((None, None), ("short", Duration.SHORT), ("long", Duration.LONG)):
        if heading:
            rows.append([f"**{w.text(heading)}**", "", "", ""])
        rows.append(row(w.text("total") if duration else w.text("total_sick"), duration=duration))
        rows += [row(label, gender=g, duration=duration) for label, g in genders]
    rows.append(row(w.text("long_term"), long_term=True))
    rows.append([f"**{w.text('ages')}**", "", "", ""])
    rows += [
        row(w.text(band), age_band=band)
        for band in (AgeBand.UP_TO_29, AgeBand.FROM_30_TO_49, AgeBand.FROM_50)
    ]
    w.out("### " + w.text("sick"), "")
    year = report.year
    w.table([w.text("sick_head"), f"R12 {year}-12", f"R12 {year - 1}-12", w.text("diff")], rows)
    if w.suppressed:
        w.out(w.text("suppressed", n=w.min), "")


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
            (w.text("total"), None),
            (w.text("women"), Gender.WOMAN),
            (w.text("men"), Gender.MAN),
        )
    ]
    rows.append(w.compare(w.text("departures"), now.departures(), then.departures()))
    year = report.year
    w.out("### " + w.text("turn"), "")
    w.table([w.text("turn_head"), f"R12 {year}-12", f"R12 {year - 1}-12", w.text("diff")], rows)
    if w.suppressed:
        w.out(w.text("suppressed", n=w.min), "")


def _extra_time(w: _Writer, report: Report) -> None:
    now, then = report.extra_time, report.extra_time_previous
    rows = [
        w.compare(w.text(key), round_half_up(a, 0), round_half_up(b, 0))
        for key, a, b in (
            ("additional", now.additional, then.additional),
            ("overtime", now.overtime, then.overtime),
            ("sum", now.total, then.total),
        )
    ]
    year = report.year
    w.out("### " + w.text("extra"), "")
    w.table([w.text("extra_head"), f"R12 {year}-12", f"R12 {year - 1}-12", w.text("diff")], rows)


def _delegation(w: _Writer, report: Report) -> None:
    w.out("### " + w.text("deleg"), "")
    w.answers(w.text("deleg").split(" ", 1)[1], report, QuestionSection.DELEGATION)
    share = report.certified
    shown = (
        _DASH
        if share.percent is None
        else format_number(round_half_up(share.percent), w.lang) + " %"
    )
    w.table(
        [w.text("certified"), ""], [[f"{int(share.numerator)} / {int(share.denominator)}", shown]]
    )
    if report.delegation_findings:
        kinds = [f.kind for f in report.delegation_findings]
        rows = [[w.text(k.value), str(kinds.count(k))] for k in FindingKind if k in kinds]
        w.table([w.text("findings"), w.text("count")], rows)
    else:
        w.out(w.text("no_findings"), "")


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
    w.out("## " + w.text("s3"), "")
    if report.risks_reported_onward:
        w.table(w.head("onward_head"), _risk_rows(w, report.risks_reported_onward))
    else:
        w.out(w.text("no_onward"), "")
    if report.incoming_risks:
        w.out("### " + w.text("incoming"), "")
        rows = []
        for incoming in report.incoming_risks:
            source = (
                org.unit(incoming.from_unit_id).name if org is not None else incoming.from_unit_id
            )
            rows += _risk_rows(w, [incoming.risk], [source])
        w.table([w.text("from"), *w.head("onward_head")], rows)
