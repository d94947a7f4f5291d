"""Figures of samcore figures, for notebooks and documents (``pip install "samcore[plot]"``).

Each function returns a :class:`matplotlib.figure.Figure` built without
pyplot, so nothing global changes and nothing is shown or written: call
``fig.savefig(...)`` yourself, or let a notebook display it. Importing
``samcore`` never imports matplotlib; importing this module does. Labels
are Swedish by default, English with ``lang="en"``; any other ``lang``
raises :class:`~samcore.errors.InvalidValueError`.

Examples:
    >>> from samcore.examples import municipality
    >>> from samcore.plots import risk_heat_map
    >>> fig = risk_heat_map(municipality(employees=200).risks)
    >>> fig.axes[0].get_title()
    'Risker efter sannolikhet och konsekvens'
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from matplotlib.colors import is_color_like
from matplotlib.dates import date2num
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from samcore._dataset import Dataset
from samcore._people import personnel_group
from samcore._privacy import MIN_GROUP_SIZE
from samcore._publish import published_rates
from samcore._risks import Risk, RiskMatrix
from samcore._spells import sick_leave, sick_leave_trend
from samcore._texts import texts
from samcore._time import Month, Window

__all__ = ["personnel_group_figure", "risk_heat_map", "sick_leave_trend_figure"]


def risk_heat_map(
    risks: Iterable[Risk], matrix: RiskMatrix | None = None, *, lang: str = "sv"
) -> Figure:
    """A probability × consequence grid coloured by band, with the number of risks in each cell.

    Examples:
        >>> from datetime import date
        >>> r = Risk(id="r", unit_id="u", title="t", identified_on=date(2024, 1, 1),
        ...          probability=3, consequence=4)
        >>> fig = risk_heat_map([r, r])
        >>> [t.get_text() for t in fig.axes[0].texts if t.get_text() != "0"]
        ['2']
    """
    text = texts(lang)
    matrix = matrix or RiskMatrix()
    p_levels, c_levels = matrix.probability_levels, matrix.consequence_levels
    counts = [[0] * c_levels for _ in range(p_levels)]
    for risk in risks:
        matrix.level(risk.probability, risk.consequence)  # raises outside the scales
        counts[risk.probability - 1][risk.consequence - 1] += 1
    fig = Figure(figsize=(1.1 * c_levels + 1.5, 1.0 * p_levels + 1.2))
    ax = fig.add_subplot()
    for p in range(1, p_levels + 1):
        for c in range(1, c_levels + 1):
            band = matrix.band(matrix.level(p, c))
            ax.add_patch(_cell(c, p, band.colour))
            ax.text(c, p, str(counts[p - 1][c - 1]), ha="center", va="center", fontsize=12)
    ax.set_xlim(0.5, c_levels + 0.5)
    ax.set_ylim(0.5, p_levels + 0.5)
    ax.set_xticks(range(1, c_levels + 1))
    ax.set_yticks(range(1, p_levels + 1))
    ax.set_xlabel(text.consequence)
    ax.set_ylabel(text.probability)
    ax.set_title(text.heat_map_title)
    ax.set_aspect("equal")
    return fig


def _cell(x: float, y: float, colour: str) -> Rectangle:
    # A band colour matplotlib does not know (such as "grön") is drawn grey.
    face = colour if is_color_like(colour) else "lightgrey"
    return Rectangle((x - 0.5, y - 0.5), 1, 1, facecolor=face, edgecolor="white", alpha=0.8)


def sick_leave_trend_figure(
    dataset: Dataset,
    unit_id: str,
    months: Sequence[Month],
    *,
    lang: str = "sv",
    min_group_size: int = MIN_GROUP_SIZE,
) -> Figure:
    """Sick leave R12 at each month for a unit, its parent and the whole organisation.

    Each line is the subtree's rate, as the reports publish it: a point whose
    group has ``min_group_size`` employees or fewer, or could be worked out
    from the other units' figures, is left out (a gap).

    Examples:
        >>> from samcore.examples import municipality
        >>> data = municipality(employees=300)
        >>> fig = sick_leave_trend_figure(data, "n1", [Month(year=2024, month=m) for m in (6, 12)])
        >>> [line.get_label() for line in fig.axes[0].get_lines()]
        ['Förskolenämnden', 'Exempelkommunen']
    """
    text = texts(lang)
    org = dataset.org
    chain = [org.unit(unit_id), *org.ancestors(unit_id)]
    shown = [chain[0], *chain[1:2]] if len(chain) > 2 else chain
    if chain[-1] not in shown:
        shown.append(chain[-1])
    windows = [Window.rolling12(m) for m in months]
    trend = sick_leave_trend(dataset.employees, dataset.employments, dataset.sick_leave, windows)
    fig = Figure(figsize=(8, 4))
    ax = fig.add_subplot()
    x = [float(date2num(m.last_day)) for m in months]  # type: ignore[no-untyped-call]
    rates = [published_rates(trend[w], org=org, min_group_size=min_group_size) for w in windows]
    for unit in shown:
        y = [math.nan if (rate := r[unit.id]) is None else rate for r in rates]
        ax.plot(x, y, marker="o", label=unit.name)
    ax.xaxis_date()
    ax.set_ylabel(text.trend_axis)
    ax.set_ylim(bottom=0)
    ax.legend()
    ax.grid(alpha=0.3)
    fig.autofmt_xdate()
    return fig


def personnel_group_figure(
    dataset: Dataset,
    window: Window,
    *,
    top: int = 10,
    lang: str = "sv",
    min_group_size: int = MIN_GROUP_SIZE,
) -> Figure:
    """Sick leave by personnel group, highest first: the table of the sick-leave report as bars.

    Groups of ``min_group_size`` employees or fewer are left out, and so is
    any group that the total minus the groups shown would give away.

    Examples:
        >>> from samcore.examples import municipality
        >>> data = municipality(employees=600)
        >>> fig = personnel_group_figure(data, Window.calendar_year(2024))
        >>> len(fig.axes[0].patches) > 0
        True
    """
    text = texts(lang)
    by_group = sick_leave(
        dataset.employees,
        dataset.employments,
        dataset.sick_leave,
        window,
        key=lambda e, j: personnel_group(e, j) or text.unknown_group,
    )
    percents = published_rates(by_group, min_group_size=min_group_size)
    shown = sorted(((p, g) for g, p in percents.items() if p is not None), reverse=True)[:top]
    fig = Figure(figsize=(8, 0.45 * max(len(shown), 1) + 1.5))
    ax = fig.add_subplot()
    ax.barh([g for _, g in reversed(shown)], [r for r, _ in reversed(shown)], color="#c62828")
    ax.set_xlabel(text.rate_axis)
    ax.set_title(text.groups_title.format(window=f"{window.start} – {window.end}"))
    fig.text(0.01, 0.01, text.groups_hidden.format(n=min_group_size), fontsize=8)
    fig.tight_layout()
    return fig


def __dir__() -> list[str]:
    """Show only the public names (``dir(module)``), not the imports behind them."""
    return list(__all__)
