from datetime import date

import pandas as pd
import polars as pl
import pytest

from samcore import (
    Employee,
    Employment,
    Gender,
    SickLeavePeriod,
    Window,
    build_reports,
    extra_time,
    roll_up,
    rows,
    sick_leave,
    turnover,
)
from samcore.examples import municipality

Y2024 = Window.calendar_year(2024)
STAFF = [
    Employee(id="a", gender=Gender.WOMAN, birth_date=date(1980, 1, 1)),
    Employee(id="b", gender=Gender.MAN),
]
JOBS = [
    Employment(employee_id="a", unit_id="u1", start=date(2020, 1, 1)),
    Employment(employee_id="b", unit_id="u2", start=date(2020, 1, 1), end=date(2024, 6, 30)),
]
SICK = [SickLeavePeriod(employee_id="a", start=date(2024, 3, 1), end=date(2024, 3, 20))]


class TestRows:
    """Every metric result gives plain rows that pandas and polars take as they are."""

    @pytest.mark.parametrize("frame", [pd.DataFrame, pl.DataFrame])
    def test_sick_leave_rows(self, frame: type) -> None:
        """One row per group, gender and age band, with stable columns and the hours."""
        table = frame(rows(sick_leave(STAFF, JOBS, SICK, Y2024), group="unit_id"))
        assert [
            "unit_id",
            "gender",
            "age_band",
            "headcount",
            "scheduled_hours",
            "short_hours",
            "long_hours",
            "sick_hours",
            "long_term_hours",
        ] == list(table.columns)
        assert 2 == len(table)
        women = pd.DataFrame(table.to_dicts() if isinstance(table, pl.DataFrame) else table)
        a = women[women["unit_id"] == "u1"].iloc[0]
        assert ("woman", "30_to_49") == (a["gender"], a["age_band"])
        assert pytest.approx(14 * 40 / 7) == a["short_hours"]
        assert pytest.approx(6 * 40 / 7) == a["long_hours"]

    def test_turnover_and_extra_rows(self) -> None:
        """Turnover gives a row per gender; extra hours one row per group."""
        t = pd.DataFrame(rows(turnover(STAFF, JOBS, Y2024)))
        assert 1 == t[(t["group"] == "u2") & (t["gender"] == "man")]["departures"].item()
        assert [] == rows(extra_time([], Y2024))

    @pytest.mark.parametrize("frame", [pd.DataFrame, pl.DataFrame])
    def test_report_rows(self, frame: type) -> None:
        """Reports give one row per unit; small groups have no percentage."""
        data = municipality(employees=300)
        reports = roll_up(data.org, build_reports(data, 2024))
        table = frame(reports.rows())
        assert len(data.org) == len(table)
        first = reports.rows()[0]
        assert ("kommun", None) == (first["unit_id"], first["parent_id"])
        assert first["sick_leave_percent"] == pytest.approx(reports.root.sick_leave.rate().percent)
        small = [r for r in reports.rows() if r["headcount"] <= 10]  # type: ignore[operator]
        assert small
        assert all(r["sick_leave_percent"] is None for r in small)
