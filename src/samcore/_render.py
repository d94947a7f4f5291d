"""Render a report as Markdown, section by section of its template."""

from __future__ import annotations

from collections.abc import Iterable

from samcore._check import instance_of, optional, require
from samcore._checklists import Answer, AnswerTally
from samcore._org import OrgTree
from samcore._plan import ReportState
from samcore._privacy import MIN_GROUP_SIZE, round_half_up
from samcore._publish import PublishedReport, publish
from samcore._questions import Question, Rule, verdict
from samcore._render_tables import TABLES
from samcore._report import Report
from samcore._template import Section, Template, template_for
from samcore._writer import Writer, format_number

__all__ = ["format_number", "render_markdown", "round_half_up"]


def _answer(w: Writer, question: Question) -> str:
    """A question's answer: a unit's own, or its children's by the question's rule."""
    report = w.report
    tally = report.answers.get(question.id)
    if tally is None or tally.total == 0:
        return w.t.no_answer
    kids = {
        u: c.answers[question.id] for u, c in report.children.items() if question.id in c.answers
    }
    if not kids or question.rule is Rule.TALLY:
        summary = w.t.answers[tally.summary]
        if tally.summary is Answer.PARTLY and tally.partly != tally.total:
            summary += f" ({w.t.tally.format(yes=tally.yes, no=tally.no, partly=tally.partly)})"
        return summary
    own = _own(tally, kids.values())
    sources = ({report.unit_id: own} if own.total else {}) | kids
    answer = verdict(tally, question.rule)
    text = w.t.answers[answer]
    if question.rule is Rule.ALL and answer is Answer.NO:
        units = [u for u, t in sources.items() if verdict(t, Rule.ALL) is Answer.NO]
        counts = [
            w.t.of_answers.format(k=t.no + t.partly, n=t.yes + t.no + t.partly)
            for t in (sources[u] for u in units)
        ]
        return f"{text} – {w.t.exceptions}: {w.names(units, counts)}"
    if question.rule is Rule.ANY and answer is Answer.YES:
        units = [u for u, t in sources.items() if t.yes]
        return f"{text} ({w.t.of_units.format(k=len(units), n=len(sources))}: {w.names(units)})"
    return text


def _own(total: AnswerTally, kids: Iterable[AnswerTally]) -> AnswerTally:
    """The unit's own answers: its rolled-up tally less its children's."""
    below = sum(kids, AnswerTally())
    return AnswerTally(
        yes=total.yes - below.yes,
        no=total.no - below.no,
        partly=total.partly - below.partly,
        not_applicable=total.not_applicable - below.not_applicable,
    )


def _submissions(w: Writer) -> None:
    """Which children's reports are missing, once the children hand theirs in at all."""
    kids = w.report.children
    if not any(c.submission is not None for c in kids.values()):
        return
    missing = [
        uid
        for uid, c in kids.items()
        if c.submission is None or c.submission.state is ReportState.DRAFT
    ]
    if missing:
        w.out(w.t.missing_reports.format(units=w.names(missing, limit=len(missing))), "")
    else:
        w.out(w.t.all_reports.format(n=len(kids)), "")
    below = sum(c.missing for c in kids.values()) - len(missing)
    if below:
        w.out(w.t.missing_below.format(n=below), "")


def _questions(w: Writer, section: Section) -> None:
    rows = [[q.text(w.lang), _answer(w, q)] for q in section.questions]
    w.table([section.title(w.lang), w.t.yes_no], rows)


def _narrative(w: Writer, section: Section) -> None:
    own = w.report.narratives.get(section.id)
    if own:
        w.out(own, "")
    kids = [
        (u, c.narratives[section.id])
        for u, c in w.report.children.items()
        if section.id in c.narratives
    ]
    if kids:
        w.out(f"*{w.t.from_below}*", "")
        for uid, text in kids:
            w.out(f"**{w.name(uid)}:** {text}", "")


def render_markdown(
    report: Report | PublishedReport,
    org: OrgTree | None,
    *,
    lang: str = "sv",
    min_group_size: int = MIN_GROUP_SIZE,
    template: Template | None = None,
) -> str:
    """The report as Markdown, in the layout and numbering of its template.

    The sections, their tables, questions and texts follow ``template``
    (by default the shipped template of the report's year, see
    :func:`template_for`). Percentages have one decimal (a decimal comma
    in Swedish), differences are in percentage points with a sign, counts
    and hours are whole numbers. Figures come from the published form of
    the report: a group of ``min_group_size`` people or fewer, or one whose
    figure could be worked out from those shown, reads "–", and a line
    under the table says why; a figure without data reads "uppgift
    saknas" ("no data"). A rolled-up report answers each question by its
    rule (the exceptions to a compliance question named, the units that
    said yes to an occurrence question counted) and shows, under each
    section, its own text and its children's. A :class:`Report` given
    here is published on its own; to render a unit of a tree, render
    ``reports.published()[unit]`` or call :meth:`Reports.render`, which
    protect it against its parent and siblings too. No employee is named.

    Raises:
        InvalidValueError: ``lang`` is neither ``"sv"`` nor ``"en"``, or an
            argument is of the wrong type (``org`` is an OrgTree or None).
        UnknownUnitError: ``org`` has no unit of the report's (or of an
            incoming risk's, or a child's) id.

    Examples:
        >>> from samcore import OrgUnit
        >>> org = OrgTree.from_units([OrgUnit(id="k", name="Kommunen")])
        >>> text = render_markdown(Report(unit_id="k", year=2024), org)
        >>> text.splitlines()[0]
        '# Arbetsmiljörapport 2024 – Kommunen'
        >>> "| Total sjukfrånvaro | uppgift saknas | uppgift saknas | – |" in text
        True
        >>> "### 2.11 Vidarefördelning" in text
        True
    """
    require("report", report, instance_of(Report, PublishedReport), "render_markdown")
    require("org", org, optional(instance_of(OrgTree)), "render_markdown")
    require("template", template, optional(instance_of(Template)), "render_markdown")
    if isinstance(report, Report):
        report = publish(report, min_group_size=min_group_size)
    if template is None:
        template = template_for(report.year)
    w = Writer(lang, report.min_group_size, report, org)
    w.out("# " + w.t.report_title.format(year=report.year, name=w.name(report.unit_id)), "")
    _submissions(w)
    for number, section in template.numbered():
        depth = number.count(".")
        w.out(f"{'#' * (depth + 2)} {number}{'.' if depth == 0 else ''} {section.title(lang)}", "")
        for table in section.tables:
            TABLES[table](w)
        if section.questions:
            _questions(w, section)
        if section.narrative:
            _narrative(w, section)
    return "\n".join(w.lines).rstrip() + "\n"
