import math
from functools import reduce
from operator import add

import attrs
import pytest
from hypothesis import given, settings

from builders import ORG, risk, small_dataset
from samcore import (
    AgeBand,
    AnswerTally,
    Dataset,
    DatasetError,
    Employee,
    Employment,
    ExtraHours,
    Gender,
    IncidentSummary,
    IncomingRisk,
    InvalidValueError,
    Report,
    Reports,
    Risk,
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
from samcore._rollup import _ADDED
from test_monoid import everything


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
        with pytest.raises(InvalidValueError, match="'year' and 'month' must be the same"):
            roll_up(ORG, reports)

    @settings(max_examples=40)
    @given(sst.datasets())
    def test_every_unit_equals_one_computation(self, data: Dataset) -> None:
        """Every unit's rolled-up figures, distinct headcounts included, equal one computation
        over its subtree's records, to the bit."""
        rolled = roll_up(data.org, build_reports(data, 2024))
        for unit in data.org.units:
            inside = set(data.org.subtree(unit.id))
            got = rolled[unit.id]

            def key(e: Employee, j: Employment, inside: set[str] = inside) -> str | None:
                return "all" if j.unit_id in inside else None

            for window, have in (
                (got.window, got.sick_leave),
                (got.window.previous_year(), got.sick_leave_previous),
            ):
                once = sick_leave(
                    data.employees, data.employments, data.sick_leave, window, key=key
                ).get("all", SickLeave())
                assert once == have
                for gender in Gender:
                    assert once.headcount(gender=gender) == have.headcount(gender=gender)
                for band in AgeBand:
                    assert once.headcount(age_band=band) == have.headcount(age_band=band)
            moves = turnover(data.employees, data.employments, got.window, key=key)
            assert moves.get("all", Turnover()) == got.turnover
            for gender in (None, *Gender):
                assert moves.get("all", Turnover()).average_headcount(
                    gender=gender
                ) == got.turnover.average_headcount(gender=gender)
            extra = extra_time([x for x in data.extra_time if x.unit_id in inside], got.window)
            assert sum(extra.values(), ExtraHours()) == got.extra_time
            events = incident_summary(
                [i for i in data.incidents if i.unit_id in inside], Window.calendar_year(2024)
            )
            assert sum(events.values(), IncidentSummary()) == got.incidents

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


class TestBuiltOnce:
    """A rolled-up report is built once from sums of valid values: "each unit's report with
    everything below it added in" (CONTRACT.md), equal to adding the parts one by one."""

    @settings(max_examples=30)
    @given(sst.datasets())
    def test_every_sum_is_the_fold(self, data: Dataset) -> None:
        """Every added field, answers and the people behind the counts included, equals the
        unit's own value plus its children's rolled-up values, added one by one."""
        own = build_reports(data, 2024)
        rolled = roll_up(data.org, own)
        for unit in data.org.units:
            parts = [own[unit.id], *(rolled[c.id] for c in data.org.children(unit.id))]
            got = rolled[unit.id]
            for field in _ADDED:
                folded = reduce(add, [getattr(p, field) for p in parts])
                assert everything(folded) == everything(getattr(got, field))
            answers: dict[str, AnswerTally] = {}
            for part in parts:
                for qid, tally in part.answers.items():
                    answers[qid] = answers[qid] + tally if qid in answers else tally
            assert answers == dict(got.answers)

    @settings(max_examples=30)
    @given(sst.datasets())
    def test_every_rolled_report_passes_the_checks(self, data: Dataset) -> None:
        """Built without checking its parts again, every unit's own and rolled-up report still
        passes every check of a Report, and equals the same report built through the constructor."""
        own = build_reports(data, 2024)
        for report in [*own.values(), *roll_up(data.org, own).values()]:
            attrs.validate(report)
            rebuilt = attrs.evolve(report)  # through the constructor, every check run
            assert everything(rebuilt) == everything(report)

    def test_public_constructor_still_checks(self) -> None:
        """A Report built by hand with a risk of another unit is still refused."""
        with pytest.raises(InvalidValueError, match=r"'risks\[0\]' must be a risk of the unit_id"):
            Report(unit_id="k", year=2024, risks=[risk("r", "n")])


class TestIncomingOrder:
    """Incoming risks come in the tree's order, highest level first, whatever the input order."""

    def test_order_does_not_follow_the_input(self) -> None:
        """Reports given in another order, with risks in another order, roll up alike."""
        low = risk("a", "e1", onward=True, probability=1, consequence=1)
        high = risk("b", "e1", onward=True, probability=5, consequence=5)
        other = risk("c", "e2", onward=True)
        own = {u: Report(unit_id=u, year=2024) for u in ("k", "n")}
        first = {
            **own,
            "e1": Report(unit_id="e1", year=2024, risks_reported_onward=[low, high]),
            "e2": Report(unit_id="e2", year=2024, risks_reported_onward=[other]),
        }
        second = dict(reversed(list(first.items())))
        second["e1"] = Report(unit_id="e1", year=2024, risks_reported_onward=[high, low])
        expected = [("e1", "b"), ("e1", "a"), ("e2", "c")]
        for reports in (first, second):
            incoming = roll_up(ORG, reports)["n"].incoming_risks
            assert expected == [(i.from_unit_id, i.risk.id) for i in incoming]


class TestRisksClimb:
    """Seed 000: risks "lyfts till respektive nämnd" — "De risker som tagits upp är sådana som inte
    har kunnat hanteras fullt ut inom ramen för förvaltningens arbetsmiljöarbete". A risk reported
    onward arrives at its parent; one the parent cannot act on either climbs on, keeping its unit."""

    def reports(self, *risks: Risk) -> dict[str, Report]:
        """Empty reports of the tree, with the given risks in their units' reports."""
        reports = {u: Report(unit_id=u, year=2024) for u in ORG}
        for r in risks:
            reports[r.unit_id] = Report(
                unit_id=r.unit_id, year=2024, risks=[r], risks_reported_onward=[r]
            )
        return reports

    def test_one_level_by_default(self) -> None:
        """A risk reported onward stops at the parent, which takes it."""
        rolled = roll_up(ORG, self.reports(risk("r", "e1", onward=True)))
        assert [("e1", "r", False)] == [
            (i.from_unit_id, i.risk.id, i.onward) for i in rolled["n"].incoming_risks
        ]
        assert () == rolled["k"].incoming_risks

    def test_two_levels(self) -> None:
        """A risk reported to the municipality passes the committee, marked onward there, and
        arrives at the top with the unit it came from."""
        rolled = roll_up(ORG, self.reports(risk("r", "e1", onward=True, reported_to="k")))
        assert [("e1", "r", True)] == [
            (i.from_unit_id, i.risk.id, i.onward) for i in rolled["n"].incoming_risks
        ]
        assert [("e1", "r", False)] == [
            (i.from_unit_id, i.risk.id, i.onward) for i in rolled["k"].incoming_risks
        ]

    def test_rendered_on_the_way_and_at_the_top(self) -> None:
        """The committee lists the risk among those it reports onward; the top among those it
        takes, both naming the unit it came from."""
        rolled = roll_up(ORG, self.reports(risk("r", "e1", onward=True, reported_to="k")))
        committee = rolled.render("n", lang="en").split("## 3.")[1]
        top = rolled.render("k", lang="en").split("## 3.")[1]
        row = "| Enhet 1 | Risk r | 12 | – | – | – |"
        assert row in committee.split("Risks reported here")[0]
        assert "No risks are reported onward." in top
        assert row in top.split("Risks reported here and taken care of here")[1]

    def test_not_above(self) -> None:
        """A risk reported to a unit that is not above its own is refused, in roll-up and in the
        dataset."""
        with pytest.raises(InvalidValueError, match="'reported_to' must be a unit above 'e1'"):
            roll_up(ORG, self.reports(risk("r", "e1", onward=True, reported_to="e2")))
        with pytest.raises(DatasetError) as caught:
            Dataset(org=ORG, risks=[risk("r", "e1", onward=True, reported_to="e2")])
        assert ["not_above"] == [p.code for p in caught.value.problems]

    def test_only_when_reported_onward(self) -> None:
        """A target without reporting onward, or the risk's own unit, is refused at construction."""
        with pytest.raises(InvalidValueError, match="'reported_to' must be None unless"):
            risk("r", "e1", reported_to="k")
        with pytest.raises(InvalidValueError, match="'reported_to' must be a unit above"):
            risk("r", "e1", onward=True, reported_to="e1")


class TestArguments:
    """roll_up and Reports name a bad argument."""

    def test_org_and_reports(self) -> None:
        """org is an OrgTree; reports a mapping of unit id to that unit's Report."""
        own = build_reports(small_dataset(), 2024)
        with pytest.raises(InvalidValueError, match="'org' must be an OrgTree"):
            roll_up("k", own)  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match="'reports' must be a mapping"):
            roll_up(ORG, list(own.values()))  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match=r"'reports\[k\]' must be the report of unit"):
            roll_up(ORG, {**own, "k": own["n"]})

    def test_a_tree_needs_the_own_reports(self) -> None:
        """Without each unit's own report a parent minus its children cannot be protected, so
        Reports of a tree refuses to be built without them."""
        rolled = roll_up(ORG, build_reports(small_dataset(), 2024))
        with pytest.raises(InvalidValueError, match="'own' must be given"):
            Reports(ORG, dict(rolled))

    def test_reports_match_the_tree(self) -> None:
        """Reports hold a report for every unit; render names an unknown unit."""
        with pytest.raises(UnknownUnitError, match="no report for unit 'n'"):
            Reports(ORG, {"k": Report(unit_id="k", year=2024)})
        reports = roll_up(ORG, build_reports(small_dataset(), 2024))
        with pytest.raises(UnknownUnitError, match="unknown unit id 'x'"):
            reports.render("x")
        with pytest.raises(InvalidValueError, match="'min_group_size' must be an int >= 0"):
            reports.published(min_group_size=-1)


class TestReportsWire:
    """ "Reports round-trips through JSON" with its organisation and each unit's own report."""

    def test_round_trip(self) -> None:
        """Rolled-up reports read back equal, with the same organisation and own reports, and
        publish the same figures (the people behind the counts stay in memory only)."""
        from samcore import Reports, from_json, to_json

        reports = roll_up(ORG, build_reports(small_dataset(), 2024))
        back = from_json(to_json(reports), Reports)
        assert (dict(reports), reports.own, reports.org.units) == (
            dict(back),
            back.own,
            back.org.units,
        )
        shown = {k: v for k, v in reports.published()["k"].figures.items() if v is not None}
        again = {k: v for k, v in back.published()["k"].figures.items() if v is not None}
        assert set(again) <= set(shown)
        assert "e1" not in to_json(back.published()["e1"]).replace('"unit_id": "e1"', "")

    def test_every_problem_with_its_path(self) -> None:
        """A bad payload names each fault at its key."""
        from samcore import Reports, WireFormatError, from_json

        with pytest.raises(WireFormatError) as caught:
            from_json('{"org": {"units": []}, "reports": 5, "x": 1}', Reports)
        assert {"$.x", "$.org.units", "$.reports", "$.own"} == {
            p.path for p in caught.value.problems
        }
