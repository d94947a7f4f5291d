"""Rehabilitation and the health factors in the yearly report: built, rolled up, published."""

from __future__ import annotations

from datetime import date

import pytest

from samcore import (
    TEMPLATE_2024,
    TEMPLATE_2026,
    Dataset,
    Employee,
    Gender,
    HealthFactor,
    HealthFactorInventory,
    OrgTree,
    OrgUnit,
    PublishedReport,
    RehabCase,
    RehabOutcome,
    RehabSummary,
    Report,
    Table,
    Window,
    build_reports,
    from_json,
    roll_up,
    template_for,
    to_json,
)

ORG = OrgTree.from_units(
    [
        OrgUnit(id="k", name="Kommunen"),
        OrgUnit(id="a", name="Vården", parent_id="k"),
        OrgUnit(id="b", name="Skolan", parent_id="k"),
    ]
)


def case(i: int, unit: str, outcome: RehabOutcome | None) -> RehabCase:
    """A case of employee ``e<i>`` opened in February 2024, closed in May with ``outcome``."""
    closed = None if outcome is None else date(2024, 5, 1)
    return RehabCase(
        id=f"c{i}",
        employee_id=f"e{i}",
        unit_id=unit,
        opened_on=date(2024, 2, 1),
        closed_on=closed,
        outcome=outcome,
    )


def dataset(cases: list[RehabCase], **kw: object) -> Dataset:
    """The tree with one employee per case."""
    staff = [Employee(id=c.employee_id, gender=Gender.WOMAN) for c in cases]
    return Dataset(org=ORG, employees=staff, rehab_cases=cases, **kw)  # type: ignore[arg-type]


class TestRehabilitation:
    """Seed 003: "När det gäller de avslutade rehabiliteringsärendena har 83 procent av
    medarbetarna återgått till ordinarie arbete och 17 procent har antingen slutat sin
    anställning ... eller tagit tjänstledigt"; suppressed like every small group."""

    def cases(self) -> list[RehabCase]:
        """24 back to ordinary work and 12 who left in Vården; two open cases in Skolan."""
        closed = [
            case(i, "a", RehabOutcome.ORDINARY_WORK if i < 24 else RehabOutcome.LEFT)
            for i in range(36)
        ]
        return [*closed, case(36, "b", None), case(37, "b", None)]

    def test_root_equals_one_computation(self) -> None:
        """The municipality's summary is the summary of every case, people counted once."""
        cases = self.cases()
        rolled = roll_up(ORG, build_reports(dataset(cases), 2024))
        expected = RehabSummary.of(cases, Window.calendar_year(2024))
        assert expected == rolled.root.rehabilitation
        summary = rolled.root.rehabilitation
        assert (2, 36) == (summary.open.cases, summary.closed_total.cases)

    def test_shares_shown_for_a_large_group(self) -> None:
        """36 closed cases of 36 people: two thirds back to ordinary work, one third left."""
        data = dataset(self.cases()[:36])
        text = roll_up(ORG, build_reports(data, 2024)).render("a")
        assert "| Åter i ordinarie arbete | 66,7 |" in text
        assert "| Slutat sin anställning | 33,3 |" in text
        assert "| Avslutade ärenden under perioden | 36 |" in text

    def test_small_group_hidden_and_its_sibling_too(self) -> None:
        """Two people in Skolan's cases are hidden; Vården's would give them away next to the
        municipality's, so Vården's are hidden too, and the municipality's stay."""
        published = roll_up(ORG, build_reports(dataset(self.cases()), 2024)).published()
        assert None is published["b"].figure("rehabilitation.cases.open")
        assert "rehabilitation.cases.open" in published["b"].suppressed
        assert None is published["a"].figure("rehabilitation.cases.closed")
        assert 36 == published["k"].figure("rehabilitation.cases.closed")
        assert 66.7 == published["k"].figure("rehabilitation.ordinary_work.percent")

    def test_wire(self) -> None:
        """Reports and published reports with rehabilitation go through JSON; no id goes along."""
        rolled = roll_up(ORG, build_reports(dataset(self.cases()), 2024))
        text = to_json(rolled.root)
        assert rolled.root == from_json(text, Report)
        assert "e1" not in text
        public = rolled.published()["k"]
        assert public == from_json(to_json(public), PublishedReport)


class TestHealthFactors:
    """Seed 002: the health-factor work is followed up in the work-environment report from 2026."""

    def test_only_from_2026(self) -> None:
        """The 2026 template has the health-factor section; 2024 has not."""
        assert TEMPLATE_2026 is template_for(2026)
        tables = {t for _, s in TEMPLATE_2026.numbered() for t in s.tables}
        assert Table.HEALTH_FACTORS in tables
        assert Table.HEALTH_FACTORS not in {
            t for _, s in TEMPLATE_2024.numbered() for t in s.tables
        }

    def test_rolled_up_and_rendered(self) -> None:
        """Two units' inventories add up: focus counted per unit, ratings averaged over units."""
        inventories = [
            HealthFactorInventory(
                unit_id=unit,
                year=2026,
                ratings=dict.fromkeys(HealthFactor, rating),
                focus=(HealthFactor.LEADERSHIP,),
                activities_planned=4,
                activities_followed_up=followed,
            )
            for unit, rating, followed in (("a", 2, 4), ("b", 5, 1))
        ]
        data = Dataset(org=ORG, health_factors=inventories)
        rolled = roll_up(ORG, build_reports(data, 2026))
        assert 2 == rolled.root.health_factors.units
        text = rolled.render()
        label = HealthFactor.LEADERSHIP.label()
        assert f"| {label} | 2 | 3,5 | 2 |" in text
        assert "aktiviteter planerade 8, följda upp 5." in text

    @pytest.mark.parametrize("year", [2024, 2026])
    def test_no_inventory(self, year: int) -> None:
        """Without inventories the 2026 report says so; the 2024 report has no such section."""
        text = roll_up(ORG, build_reports(Dataset(org=ORG), year)).render()
        assert ("Ingen inventering av friskfaktorer under året." in text) == (year == 2026)
