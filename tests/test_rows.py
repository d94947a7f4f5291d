from datetime import date

import pandas as pd
import polars as pl
import pytest

from samcore import (
    Employee,
    Employment,
    Gender,
    InvalidValueError,
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
        """One published row per group and slice, with stable columns; tiny groups show nothing."""
        table = frame(rows(sick_leave(STAFF, JOBS, SICK, Y2024), group="unit_id"))
        assert [
            "unit_id",
            "slice",
            "headcount",
            "percent",
            "short_percent",
            "long_percent",
            "long_term_share_percent",
        ] == list(table.columns)
        assert 12 == len(table)
        records = table.to_dicts() if isinstance(table, pl.DataFrame) else table.to_dict("records")
        assert all(r["percent"] is None or r["percent"] != r["percent"] for r in records)

    def test_sick_leave_rows_of_a_large_group(self) -> None:
        """Eleven women show their rate, rounded to one decimal as published."""
        staff = [
            Employee(id=f"w{i}", gender=Gender.WOMAN, birth_date=date(1980, 1, 1))
            for i in range(11)
        ]
        jobs = [Employment(employee_id=e.id, unit_id="u", start=date(2020, 1, 1)) for e in staff]
        sick = [SickLeavePeriod(employee_id="w0", start=date(2024, 3, 1), end=date(2024, 3, 20))]
        by_slice = {r["slice"]: r for r in sick_leave(staff, jobs, sick, Y2024)["u"].rows()}
        assert 0.5 == by_slice["total"]["percent"]
        assert 0.5 == by_slice["woman"]["percent"]
        assert 11 == by_slice["30_to_49"]["headcount"]

    def test_turnover_and_extra_rows(self) -> None:
        """Turnover gives a row for everyone, women and men: departures always, rates only for
        large groups; extra hours one row per group."""
        t = pd.DataFrame(rows(turnover(STAFF, JOBS, Y2024)))
        man = t[(t["group"] == "u2") & (t["slice"] == "man")]
        assert 1 == man["departures"].item()
        assert man["percent"].isna().item()
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
        assert round(reports.root.sick_leave.rate().percent or 0, 1) == first["sick_leave_percent"]
        small = [
            r for r in reports.rows() if reports[str(r["unit_id"])].sick_leave.headcount() <= 10
        ]
        assert small
        assert all(r["sick_leave_percent"] is None for r in small)


class TestArguments:
    """rows names a bad argument."""

    def test_results_is_a_mapping_of_values(self) -> None:
        """A list, or values without rows(), are refused by name."""
        with pytest.raises(InvalidValueError, match="'results' must be a mapping"):
            rows([1, 2])  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match=r"'results\[u\]' must be a value with rows"):
            rows({"u": 3.5})  # type: ignore[dict-item]

    def test_group_is_a_name(self) -> None:
        """The group column has a name."""
        with pytest.raises(InvalidValueError, match="'group' must be a non-empty string"):
            rows({}, group="")
