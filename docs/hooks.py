"""Build-time hook of the documentation: draws the example municipality's figures.

The images land in docs/images/ (not kept in git) before MkDocs reads the
pages, so the guide always shows what the current code draws.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

IMAGES = Path(__file__).parent / "images"


def on_pre_build(config: Any) -> None:
    """Draw the figures the pages show."""
    from samcore import Month, Window
    from samcore.examples import municipality
    from samcore.plots import personnel_group_figure, risk_heat_map, sick_leave_trend_figure

    IMAGES.mkdir(exist_ok=True)
    data = municipality()
    months = [Month(year=2023, month=1) + k for k in range(24)]
    figures = {
        "risk-heat-map.png": risk_heat_map(data.risks),
        "sick-leave-trend.png": sick_leave_trend_figure(data, "f1.a1", months),
        "personnel-groups.png": personnel_group_figure(data, Window.calendar_year(2024)),
    }
    for name, figure in figures.items():
        figure.savefig(IMAGES / name, dpi=100, bbox_inches="tight")
