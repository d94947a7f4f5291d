"""The tables of figures a template section can show, each written from a published report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

import attrs

from samcore._employee_survey import MIN_RESPONDENTS
from samcore._health_factors import HealthFactor
from samcore._people import AgeBand
from samcore._privacy import round_half_up
from samcore._publish import REHAB_COUNTS
from samcore._rehab import RehabOutcome
from samcore._risks import Measure, Risk
from samcore._template import Table
from samcore._writer import DASH, Writer

__all__ = ["TABLES"]


def _day(value: object) -> str:
    return DASH if value is None else str(value)


def _action_plan(w: Writer) -> None:
    report = w.report
    rows = [
        [
            risk.title,
            str(risk.level),
            m.title,
            m.desired_effect or DASH,
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
    plan = report.action_plan
    w.out(w.t.action_plan.format(**attrs.asdict(plan, filter=lambda a, _: a.name != "worst")), "")
    if report.children and plan.worst:
        w.out(w.t.open_below.format(open=plan.planned + plan.in_progress, overdue=plan.overdue), "")
        rows = [
            [
                w.name(o.unit_id),
                o.risk_title,
                str(o.level),
                o.measure.title,
                w.t.statuses[o.measure.status],
                _day(o.due),
                w.t.answers_yes_no[o.overdue],
            ]
            for o in plan.worst
        ]
        w.table(w.t.open_columns, rows)


def _incidents(w: Writer) -> None:
    report = w.report
    now, then = report.incidents, report.incidents_previous
    rows = [
        w.compare(label, getattr(now, field), getattr(then, field))
        for label, field in (
            (w.t.injuries, "injuries"),
            (w.t.near_misses, "near_misses"),
            (w.t.closed, "closed"),
            (w.t.serious, "serious"),
        )
    ]
    w.table([w.t.incidents, w.period(), w.period(1), w.t.difference], rows)
    if now.by_category:
        rows = [
            [c, str(n)] for c, n in sorted(now.by_category.items(), key=lambda i: (-i[1], i[0]))
        ]
        if now.uncategorised:
            rows.append([w.t.uncategorised, str(now.uncategorised)])
        w.table([w.t.category, w.t.count], rows)


def _compared(w: Writer, label: str, field: str, group: str, figure: str) -> list[str]:
    """A row of a published figure this year and last, with the difference."""
    return w.compare(
        label,
        w.figure(f"{field}.{group}.{figure}"),
        w.figure(f"{field}_previous.{group}.{figure}"),
    )


def _sick_leave(w: Writer) -> None:
    genders = ((w.t.women, "woman"), (w.t.men, "man"))
    rows = []
    for heading, figure in (
        (None, "percent"),
        (w.t.short, "short_percent"),
        (w.t.long, "long_percent"),
    ):
        if heading:
            rows.append([f"**{heading}**", "", "", ""])
        label = w.t.total if heading else w.t.total_sick_leave
        rows.append(_compared(w, label, "sick_leave", "total", figure))
        rows += [_compared(w, lab, "sick_leave", group, figure) for lab, group in genders]
    rows.append(_compared(w, w.t.long_term, "sick_leave", "total", "long_term_share_percent"))
    rows.append([f"**{w.t.by_age}**", "", "", ""])
    rows += [
        _compared(w, w.t.age_bands[band], "sick_leave", band.value, "percent")
        for band in (AgeBand.UP_TO_29, AgeBand.FROM_30_TO_49, AgeBand.FROM_50)
    ]
    w.table([w.t.sick_leave, w.r12(), w.r12(1), w.t.difference], rows)
    w.note_suppressed()


def _turnover(w: Writer) -> None:
    rows = [
        _compared(w, label, "turnover", group, "percent")
        for label, group in ((w.t.total, "total"), (w.t.women, "woman"), (w.t.men, "man"))
    ]
    for label, key in (
        (w.t.departures, "turnover{}.total.departures"),
        (w.t.retirements, "turnover{}.total.retirements"),
        (w.t.aged_60, "aged_60{}.total.headcount"),
    ):
        rows.append(w.compare(label, *(w.count(key.format(end)) for end in ("", "_previous"))))
    w.table([w.t.turnover_head, w.r12(), w.r12(1), w.t.difference], rows)
    w.note_suppressed()


def _extra_time(w: Writer) -> None:
    now, then = w.report.extra_time, w.report.extra_time_previous
    rows = [
        w.compare(label, round_half_up(a, 0), round_half_up(b, 0))
        for label, a, b in (
            (w.t.additional, now.additional, then.additional),
            (w.t.overtime, now.overtime, then.overtime),
            (w.t.sum, now.total, then.total),
        )
    ]
    w.table([w.t.working_time, w.r12(), w.r12(1), w.t.difference], rows)


def _safety_rounds(w: Writer) -> None:
    w.out(w.t.rounds.format(**attrs.asdict(w.report.surveys)), "")


def _employee_survey(w: Writer) -> None:
    if not w.report.figures["employee_survey.total.invited"]:
        w.out(w.t.no_survey, "")
        return
    counts = [w.number(w.count(f"employee_survey.total.{k}")) for k in ("respondents", "invited")]
    rate = w.figure("employee_survey.total.response_percent")
    index = w.figure("employee_survey.total.index")
    row = [*counts, w.number(rate), w.number(index)]
    w.table(w.t.survey_columns, [row])
    if w.suppressed:
        w.out(w.t.survey_hidden.format(n=min(w.min, MIN_RESPONDENTS)), "")
    w.suppressed = False


def _rehabilitation(w: Writer) -> None:
    rows = [
        [label, w.number(w.count(f"rehabilitation.cases.{name}"))]
        for label, name in zip(w.t.rehab_rows, REHAB_COUNTS, strict=True)
    ]
    w.table([w.t.rehab_head, w.t.count], rows)
    if w.report.figures["rehabilitation.cases.closed"] or w.suppressed:
        shares = [
            [o.label(w.lang), w.number(w.figure(f"rehabilitation.{o.value}.percent"))]
            for o in RehabOutcome
        ]
        w.table(list(w.t.outcome_head), shares)
    w.note_suppressed()


def _health_factors(w: Writer) -> None:
    summary = w.report.health_factors
    if not summary.units:
        w.out(w.t.no_factors, "")
        return
    rows = []
    for factor in HealthFactor:
        mean = summary.mean(factor)
        shown = DASH if mean is None else w.number(round_half_up(mean))
        rows.append(
            [
                factor.label(w.lang),
                str(summary.focus.get(factor, 0)),
                shown,
                str(summary.rated(factor)),
            ]
        )
    w.table(w.t.factors_columns, rows)
    w.out(
        w.t.factors_activities.format(
            units=summary.units,
            planned=summary.activities_planned,
            followed=summary.activities_followed_up,
        ),
        "",
    )


def _certification(w: Writer) -> None:
    share = w.figure("certified.total.percent")
    counts = [w.number(w.count(f"certified.total.{k}")) for k in ("managers", "certified")]
    shown = w.number(share) + ("" if isinstance(share, str) else " %")
    w.table(w.t.certified_columns, [[*counts, shown]])
    w.note_suppressed()


def _findings(w: Writer) -> None:
    if w.report.findings:
        rows = [[w.t.finding_kinds[k], str(n)] for k, n in w.report.findings.items()]
        w.table([w.t.findings, w.t.count], rows)
    else:
        w.out(w.t.no_findings, "")


def _risk_rows(w: Writer, risks: Sequence[tuple[str, Risk]]) -> list[list[str]]:
    """One row per measure of each risk (one row for a risk without), after its unit's name."""
    rows = []
    for unit_id, risk in risks:
        measures: Sequence[Measure | None] = risk.measures or [None]
        for m in measures:
            rows.append(
                [
                    w.name(unit_id),
                    risk.title,
                    str(risk.level),
                    DASH if m is None else m.title,
                    DASH if m is None or m.responsible is None else m.responsible,
                    DASH if m is None else _day(m.due),
                ]
            )
    return rows


def _risks_onward(w: Writer) -> None:
    report = w.report
    onward = [(report.unit_id, r) for r in report.risks_reported_onward]
    onward += [(i.from_unit_id, i.risk) for i in report.incoming_risks if i.onward]
    if onward:
        w.table(w.t.onward_columns, _risk_rows(w, onward))
    else:
        w.out(w.t.no_onward, "")
    taken = [(i.from_unit_id, i.risk) for i in report.incoming_risks if not i.onward]
    if taken:
        w.out(f"**{w.t.incoming}**", "")
        w.table(w.t.onward_columns, _risk_rows(w, taken))


TABLES: Final[dict[Table, Callable[[Writer], None]]] = {
    Table.ACTION_PLAN: _action_plan,
    Table.INCIDENTS: _incidents,
    Table.SICK_LEAVE: _sick_leave,
    Table.REHABILITATION: _rehabilitation,
    Table.TURNOVER: _turnover,
    Table.EXTRA_TIME: _extra_time,
    Table.SAFETY_ROUNDS: _safety_rounds,
    Table.EMPLOYEE_SURVEY: _employee_survey,
    Table.HEALTH_FACTORS: _health_factors,
    Table.CERTIFICATION: _certification,
    Table.DELEGATION_FINDINGS: _findings,
    Table.RISKS_ONWARD: _risks_onward,
}
"""How each table of a template is written."""
