import math
import subprocess
import sys
from collections.abc import Callable

import numpy as np
import pytest
from matplotlib.figure import Figure

import builders
from samcore import (
    InvalidValueError,
    Month,
    Risk,
    RiskBand,
    RiskMatrix,
    SickLeave,
    Window,
    personnel_group_table,
    round_half_up,
    sick_leave_trend,
)
from samcore.examples import municipality
from samcore.plots import personnel_group_figure, risk_heat_map, sick_leave_trend_figure

DATA = municipality(employees=600)


def risk(p: int, c: int) -> Risk:
    return builders.risk(f"r{p}{c}", probability=p, consequence=c)


class TestHeatMap:
    """A probability × consequence grid with counts and the band colours."""

    def test_counts_per_cell(self) -> None:
        """Each cell's text is the number of risks with that probability and consequence."""
        fig = risk_heat_map([risk(3, 4), risk(3, 4), risk(1, 5)])
        ax = fig.axes[0]
        cells = {
            (round(t.get_position()[1]), round(t.get_position()[0])): t.get_text() for t in ax.texts
        }
        assert 25 == len(cells)
        assert ("2", "1", "0") == (cells[(3, 4)], cells[(1, 5)], cells[(5, 5)])

    def test_band_colours(self) -> None:
        """Cells take their band's colour; an unknown colour name is drawn grey."""
        matrix = RiskMatrix(
            probability_levels=1,
            consequence_levels=2,
            bands=[
                RiskBand(name="a", minimum=1, maximum=1, colour="#00ff00"),
                RiskBand(name="b", minimum=2, maximum=2, colour="grön"),
            ],
        )
        faces = [patch.get_facecolor()[:3] for patch in risk_heat_map([], matrix).axes[0].patches]
        assert [
            (0.0, 1.0, 0.0),
            (0.8274509803921568, 0.8274509803921568, 0.8274509803921568),
        ] == faces

    def test_example_counts_add_up(self) -> None:
        """For the example municipality the cells count every risk once."""
        texts = risk_heat_map(DATA.risks).axes[0].texts
        assert len(DATA.risks) == sum(int(t.get_text()) for t in texts)


class TestTrend:
    """A unit's R12 trend against its parent and the municipality."""

    def test_points_are_the_subtree_rates(self) -> None:
        """The lines are the subtree rates of the unit, its parent and the root, in that order, as
        published (rounded to one decimal; a hidden point is a gap)."""
        months = [Month(year=2024, month=m) for m in (3, 6, 9, 12)]
        unit = "f2.a1"
        fig = sick_leave_trend_figure(DATA, unit, months)
        lines = fig.axes[0].get_lines()
        assert [
            "Grundskoleförvaltningen avdelning 1",
            "Grundskoleförvaltningen",
            "Exempelkommunen",
        ] == [line.get_label() for line in lines]
        windows = [Window.rolling12(m) for m in months]
        trend = sick_leave_trend(DATA.employees, DATA.employments, DATA.sick_leave, windows)
        shown = 0
        for line, uid in zip(lines, (unit, "f2", "kommun"), strict=True):
            members = DATA.org.subtree(uid)
            for w, y in zip(windows, np.asarray(line.get_ydata(), dtype=float), strict=True):
                total = sum((s for u, s in trend[w].items() if u in members), SickLeave())
                if not math.isnan(y):
                    shown += 1
                    assert float(round_half_up(total.rate().percent or 0)) == float(y)
        assert shown >= 8


class TestPersonnelGroups:
    """The table "Personalgrupper med högst sjukfrånvaro" as bars."""

    def test_bars_sorted_and_suppressed(self) -> None:
        """Bars run highest first from the top and leave out groups of ten or fewer."""
        fig = personnel_group_figure(DATA, Window.calendar_year(2024), top=5)
        bars = fig.axes[0].patches
        widths = [b.get_width() for b in bars]  # type: ignore[attr-defined]
        assert widths == sorted(widths)  # drawn bottom-up, so the top bar is the highest
        assert 1 <= len(bars) <= 5

    def test_bars_are_the_table(self) -> None:
        """Each bar is its group's total as the table of personnel groups publishes it."""
        window = Window.calendar_year(2024)
        ax = personnel_group_figure(DATA, window, top=5).axes[0]
        rows = personnel_group_table(DATA.employees, DATA.employments, DATA.sick_leave, window)
        table = {r.group or "okänd": r.total_percent for r in rows if not r.hidden}
        labels = [t.get_text() for t in ax.get_yticklabels()]
        bars = dict(zip(labels, (b.get_width() for b in ax.patches), strict=True))  # type: ignore[attr-defined]
        assert {g: table[g] for g in bars} == bars


class TestLanguage:
    """Every figure takes lang="sv" or "en" and rejects any other language."""

    @pytest.mark.parametrize(
        "call",
        [
            lambda: risk_heat_map([], lang="de"),
            lambda: sick_leave_trend_figure(DATA, "n1", [Month(year=2024, month=12)], lang="de"),
            lambda: personnel_group_figure(DATA, Window.calendar_year(2024), lang="de"),
        ],
        ids=["risk_heat_map", "sick_leave_trend_figure", "personnel_group_figure"],
    )
    def test_unknown_language(self, call: Callable[[], Figure]) -> None:
        """An unknown lang raises InvalidValueError naming the field, the languages and the value."""
        with pytest.raises(InvalidValueError) as info:
            call()
        assert "'lang' must be one of 'en', 'sv' (got 'de')" == str(info.value)

    def test_english(self) -> None:
        """lang="en" labels the figure in English."""
        fig = personnel_group_figure(DATA, Window.calendar_year(2024), lang="en")
        assert "Sick leave (%)" == fig.axes[0].get_xlabel()


class TestImport:
    """import samcore does not import matplotlib."""

    def test_lazy(self) -> None:
        """Only samcore.plots brings matplotlib in."""
        code = "import sys, samcore, samcore.examples; print('matplotlib' in sys.modules)"
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "False" == out.stdout.strip()
