"""The benchmark's polars implementation of the sick-leave rules, and its agreement with samcore."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from samcore import Month, Window, sick_leave
from samcore.examples import municipality

pytest.importorskip("polars")


def _load() -> ModuleType:
    path = Path(__file__).parents[1] / "benchmarks" / "polars_reference.py"
    spec = importlib.util.spec_from_file_location("polars_reference", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("polars_reference", module)
    spec.loader.exec_module(module)
    return module


ref = _load()
Rows = Sequence[Sequence[object]]
R12 = Window.rolling12(Month(year=2024, month=12))  # 2024-01-01 .. 2024-12-31, 366 days


def cells(
    periods: Rows,
    *,
    jobs: Rows | None = None,
    people: Rows | None = None,
) -> dict[tuple[str, str, str], dict[str, Any]]:
    """The reference's cells for one woman born 1980 with one full-time 35-hour job (5 h a day)."""
    people = people or [("e1", "woman", date(1980, 5, 1))]
    jobs = jobs or [("e1", "u1", date(2020, 1, 1), None, 1.0, 35.0)]
    found = ref.sick_leave_cells(ref.frames(people, jobs, periods), R12.start, R12.end)
    return {(r["unit_id"], r["gender"], r["age_band"]): r for r in found.iter_rows(named=True)}


def only(periods: Rows) -> dict[str, Any]:
    (cell,) = cells(periods).values()
    return cell


class TestSpells:
    """ "Day numbers count the spell's sick days only, including days before the window.
    Day 1-14 is short, day 15 onward is long"; "a period starting at most 5 calendar
    days after the previous period's end continues that spell" (CONTRACT, Sick leave)."""

    def test_a_whole_year_is_scheduled(self) -> None:
        """A full-time 35-hour job carries 5 hours on each of the 366 days of 2024."""
        assert 1830.0 == only([])["scheduled_hours"]

    def test_partial_days_count_as_days(self) -> None:
        """Fourteen half days are day 1-14; a day four days later continues the spell as day 15."""
        cell = only(
            [
                ("e1", date(2024, 7, 28), date(2024, 8, 10), 0.5),
                ("e1", date(2024, 8, 14), date(2024, 8, 14), 1.0),
            ]
        )
        assert (35.0, 5.0) == (cell["short_hours"], cell["long_hours"])

    def test_six_days_later_starts_a_new_spell(self) -> None:
        """A period starting six days after the previous end starts again at day 1."""
        cell = only(
            [
                ("e1", date(2024, 3, 1), date(2024, 3, 14), 1.0),
                ("e1", date(2024, 3, 20), date(2024, 3, 21), 1.0),
            ]
        )
        assert (80.0, 0.0) == (cell["short_hours"], cell["long_hours"])

    def test_five_days_later_continues(self) -> None:
        """A period starting five days after the previous end continues the spell."""
        cell = only(
            [
                ("e1", date(2024, 3, 1), date(2024, 3, 14), 1.0),
                ("e1", date(2024, 3, 19), date(2024, 3, 20), 1.0),
            ]
        )
        assert (70.0, 10.0) == (cell["short_hours"], cell["long_hours"])

    def test_days_before_the_window_count(self) -> None:
        """Seven days in December 2023 make 1-5 January days 8-12; 8-12 January are days 13-17."""
        cell = only(
            [
                ("e1", date(2023, 12, 25), date(2024, 1, 5), 1.0),
                ("e1", date(2024, 1, 8), date(2024, 1, 12), 1.0),
            ]
        )
        assert (35.0, 15.0) == (cell["short_hours"], cell["long_hours"])

    def test_days_without_a_job_count_no_hours(self) -> None:
        """Sick days after the job ended carry no hours; the job's days stay scheduled."""
        jobs = [("e1", "u1", date(2020, 1, 1), date(2024, 1, 10), 1.0, 35.0)]
        (cell,) = cells([("e1", date(2024, 1, 6), date(2024, 1, 20), 1.0)], jobs=jobs).values()
        assert (50.0, 25.0, 0.0) == (
            cell["scheduled_hours"],
            cell["short_hours"],
            cell["long_hours"],
        )


class TestLongTerm:
    """ "Long-term: a continuous run of sick days (periods that overlap or touch, no gap)
    that has reached 60 days or more by the window's last day; all its hours in the
    window are long-term hours" (CONTRACT, Sick leave)."""

    def test_touching_periods_make_one_run(self) -> None:
        """31 days in December 2023 and 29 touching days in January make 60: all long-term."""
        cell = only(
            [
                ("e1", date(2023, 12, 1), date(2023, 12, 31), 1.0),
                ("e1", date(2024, 1, 1), date(2024, 1, 29), 0.5),
            ]
        )
        assert 72.5 == cell["long_term_hours"]

    def test_a_day_between_breaks_the_run(self) -> None:
        """A healthy day between two periods makes two runs, neither of 60 days."""
        cell = only(
            [
                ("e1", date(2023, 12, 1), date(2023, 12, 31), 1.0),
                ("e1", date(2024, 1, 2), date(2024, 1, 30), 1.0),
            ]
        )
        assert 0.0 == cell["long_term_hours"]

    def test_only_days_up_to_the_window_end_count(self) -> None:
        """A run from 1 December has 31 days by 31 December, however long it goes on."""
        cell = only([("e1", date(2024, 12, 1), date(2025, 3, 31), 1.0)])
        assert (0.0, 155.0) == (cell["long_term_hours"], cell["short_hours"] + cell["long_hours"])

    def test_sixty_one_days_in_the_window(self) -> None:
        """A run of 1 November to 31 December (61 days) is long-term."""
        assert (
            305.0 == only([("e1", date(2024, 11, 1), date(2024, 12, 31), 1.0)])["long_term_hours"]
        )


class TestCells:
    """ "headcount: distinct employees with scheduled hours in the window"; "Age is the
    completed years on the last day of the window" (CONTRACT)."""

    def test_two_jobs_in_one_unit_count_once(self) -> None:
        """One person with two half-time jobs in a unit is one head, with both jobs' hours."""
        jobs = [
            ("e1", "u1", date(2020, 1, 1), None, 0.5, 35.0),
            ("e1", "u1", date(2024, 7, 1), None, 0.5, 35.0),
        ]
        (cell,) = cells([], jobs=jobs).values()
        assert (1, 915.0 + 2.5 * 184) == (cell["headcount"], cell["scheduled_hours"])

    def test_a_job_outside_the_window_is_no_head(self) -> None:
        """Someone whose job ended in 2023 is not in the window's cells."""
        people = [("e1", "woman", date(1980, 5, 1)), ("e2", "man", None)]
        jobs = [
            ("e1", "u1", date(2020, 1, 1), None, 1.0, 35.0),
            ("e2", "u1", date(2020, 1, 1), date(2023, 12, 31), 1.0, 35.0),
        ]
        assert [("u1", "woman", "30_to_49")] == list(cells([], jobs=jobs, people=people))

    def test_age_on_the_last_day(self) -> None:
        """Born 31 December 1994: 30 on 31 December 2024; born 1 January 1995: 29."""
        people = [
            ("a", "man", date(1994, 12, 31)),
            ("b", "man", date(1995, 1, 1)),
            ("c", "man", None),
        ]
        jobs = [(p, "u1", date(2020, 1, 1), None, 1.0, 35.0) for p in "abc"]
        bands = {band for _, _, band in cells([], jobs=jobs, people=people)}
        assert {"30_to_49", "up_to_29", "unknown"} == bands


@pytest.fixture(scope="module")
def both() -> tuple[Any, Any]:
    """samcore's result and the reference's cells, R12 2024-12."""
    data = municipality(employees=300)
    rows = (
        [(e.id, e.gender.value, e.birth_date) for e in data.employees],
        [
            (j.employee_id, j.unit_id, j.start, j.end, j.fte, j.weekly_hours)
            for j in data.employments
        ],
        [(p.employee_id, p.start, p.end, p.extent) for p in data.sick_leave],
    )
    found = ref.sick_leave_cells(ref.frames(*rows), R12.start, R12.end)
    return sick_leave(data.employees, data.employments, data.sick_leave, R12), found


class TestAgreement:
    """The reference and ``sick_leave`` compute the same figures for a small municipality."""

    def test_same_cells_and_headcounts(self, both: tuple[Any, Any]) -> None:
        """Every unit, gender and age band has the same distinct headcount on both sides."""
        ours, theirs = ref.samcore_figures(both[0]), ref.reference_figures(both[1])
        assert {k: v for k, v in ours.items() if k.endswith("headcount")} == {
            k: v for k, v in theirs.items() if k.endswith("headcount")
        }

    def test_figures_agree_to_a_millionth(self, both: tuple[Any, Any]) -> None:
        """Every hour sum and rate agrees to 1e-6 relative: no day is counted differently."""
        difference, where, a, b = ref.largest_difference(*both)
        assert difference <= 1e-6, (where, a, b)

    def test_figures_agree_to_1e_9(self, both: tuple[Any, Any]) -> None:
        """Every hour sum and rate agrees to 1e-9 relative, the issue's target."""
        difference, where, a, b = ref.largest_difference(*both)
        assert difference <= 1e-9, (where, a, b)
