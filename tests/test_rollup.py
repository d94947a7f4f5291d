import math

import pytest
from hypothesis import given, settings

from builders import ORG, small_dataset
from samcore import (
    Dataset,
    ExtraHours,
    IncidentSummary,
    IncomingRisk,
    InvalidValueError,
    Report,
    SickLeave,
    Turnover,
    UnknownUnitError,
    Window,
    build_reports,
    extra_time,
    incident_summary,
    roll_up,
    sick_leave,
    turnover,
)
from samcore import strategies as sst


class TestRollUp:
    """ "each unit's report with everything below it added in. The root's figures equal the
    figures computed once over all records. Risks travel one level only." (CONTRACT.md)"""

    def test_risks_travel_one_level(self) -> None:
        """e1's onward risk reaches n, not k; n's own onward risk reaches k."""
        rolled = roll_up(ORG, build_reports(small_dataset(), 2024))
        assert [("e1", "r1")] == [(i.from_unit_id, i.risk.id) for i in rolled["n"].incoming_risks]
        assert [("n", "r3")] == [(i.from_unit_id, i.risk.id) for i in rolled["k"].incoming_risks]

    def test_missing_report_is_an_error(self) -> None:
        """A unit without a report is an error, not a silent zero."""
        with pytest.raises(UnknownUnitError, match="no report for unit 'e2'"):
            roll_up(ORG, {u: Report(unit_id=u, year=2024) for u in ("k", "n", "e1")})

    def test_years_must_match(self) -> None:
        """Reports of different years do not add."""
        reports = {u: Report(unit_id=u, year=2024) for u in ("k", "n", "e1")}
        reports["e2"] = Report(unit_id="e2", year=2023)
        with pytest.raises(InvalidValueError, match="'year' must be the same"):
            roll_up(ORG, reports)

    @settings(max_examples=40)
    @given(sst.datasets())
    def test_root_equals_one_computation(self, data: Dataset) -> None:
        """The root's hours, counts and departures equal one computation over all records."""
        root = roll_up(data.org, build_reports(data, 2024)).root
        window = root.window
        everyone = sick_leave(
            data.employees, data.employments, data.sick_leave, window, key=lambda e, j: "all"
        )
        whole = everyone.get("all", SickLeave())
        assert math.isclose(
            whole.scheduled_hours, root.sick_leave.scheduled_hours, rel_tol=1e-9, abs_tol=1e-6
        )
        assert math.isclose(
            whole.sick_hours, root.sick_leave.sick_hours, rel_tol=1e-9, abs_tol=1e-6
        )
        units = sick_leave(data.employees, data.employments, data.sick_leave, window)
        assert sum(s.headcount() for s in units.values()) == root.sick_leave.headcount()
        assert whole.headcount() <= root.sick_leave.headcount()
        moves = turnover(data.employees, data.employments, window, key=lambda e, j: "all")
        assert moves.get("all", Turnover()).departures() == root.turnover.departures()
        hours = sum(extra_time(data.extra_time, window).values(), ExtraHours())
        assert math.isclose(hours.total, root.extra_time.total, abs_tol=1e-6)
        events = incident_summary(data.incidents, Window.calendar_year(2024)).values()
        assert sum(events, IncidentSummary()) == root.incidents

    @settings(max_examples=40)
    @given(sst.datasets())
    def test_each_unit_is_own_plus_children(self, data: Dataset) -> None:
        """Every rolled-up figure is the unit's own plus its children's rolled-up figures."""
        own = build_reports(data, 2024)
        rolled = roll_up(data.org, own)
        for unit in data.org.units:
            kids = [rolled[c.id] for c in data.org.children(unit.id)]
            mine = own[unit.id]
            got = rolled[unit.id]
            for field in ("turnover", "incidents", "action_plan", "surveys"):
                assert sum((getattr(k, field) for k in kids), getattr(mine, field)) == getattr(
                    got, field
                )
            expected = sum((k.sick_leave for k in kids), mine.sick_leave)
            assert expected.headcount() == got.sick_leave.headcount()
            assert math.isclose(
                expected.sick_hours, got.sick_leave.sick_hours, rel_tol=1e-9, abs_tol=1e-9
            )
            incoming = [
                IncomingRisk(from_unit_id=c.id, risk=r)
                for c in data.org.children(unit.id)
                for r in own[c.id].risks_reported_onward
            ]
            assert tuple(incoming) == got.incoming_risks
            assert mine.risks_reported_onward == got.risks_reported_onward
