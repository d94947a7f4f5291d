import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samcore import (
    KOLADA_KPIS,
    AgeBand,
    Gender,
    InvalidValueError,
    KoladaComparison,
    KoladaValue,
    SickLeave,
    SickLeaveCell,
    Window,
    WireFormatError,
    compare_kolada,
    kolada_figures,
    read_kolada,
    sick_leave,
)
from samcore import strategies as sst
from samcore._sick_leave import SLICES
from samcore.examples import municipality

SAMPLE = Path(__file__).parent / "data" / "kolada_sample.json"
CODES = {None: "T", Gender.WOMAN: "K", Gender.MAN: "M"}


def value(kpi: str = "N00090", gender: Gender | None = None, **given: Any) -> KoladaValue:
    """A value of the example municipality for 2024 unless told otherwise."""
    fields: dict[str, Any] = {"municipality": "0126", "period": 2024, **given}
    return KoladaValue(kpi=kpi, gender=gender, **fields)


def as_kolada(values: list[KoladaValue]) -> str:
    """Values written as one response of Kolada's data API, one item per value."""
    items = [
        {
            "kpi": v.kpi,
            "municipality": v.municipality,
            "period": v.period,
            "values": [{"count": 1, "gender": CODES[v.gender], "status": "", "value": v.value}],
        }
        for v in values
    ]
    return json.dumps({"count": len(items), "values": items})


def problems(payload: Any) -> list[tuple[str, str]]:
    """The (path, code) of each problem read_kolada finds in a payload."""
    with pytest.raises(WireFormatError) as info:
        read_kolada(payload if isinstance(payload, str) else json.dumps(payload))
    return [(p.path, p.code) for p in info.value.problems]


def item(**changes: Any) -> dict[str, Any]:
    """One well-formed data item of Kolada's response, with some keys changed."""
    found: dict[str, Any] = {
        "kpi": "N00090",
        "municipality": "0126",
        "period": 2024,
        "values": [{"count": 1, "gender": "T", "status": "", "value": 7.5}],
    }
    found.update(changes)
    return found


class TestReadSample:
    """ "Kolada (kolada.se, RKA) publishes municipal key figures" (task): its data JSON, read."""

    def test_every_gender_entry_is_a_value(self) -> None:
        """The sample's 20 items with 28 gender entries give 28 values, in the order written."""
        values = read_kolada(SAMPLE.read_text(encoding="utf-8"))
        assert 28 == len(values)
        assert value(value=7.8, period=2023) == values[0]
        assert value(gender=Gender.WOMAN, value=8.7, period=2023) == values[1]

    def test_values_of_the_sample_by_hand(self) -> None:
        """The municipality's and the country's 2024 figures are read as written in the file."""
        values = read_kolada(SAMPLE.read_text(encoding="utf-8"))
        found = {(v.kpi, v.municipality, v.period, v.gender): v.value for v in values}
        assert 8.2 == found[("N00090", "0126", 2024, Gender.WOMAN)]
        assert 5.1 == found[("N00090", "0126", 2024, Gender.MAN)]
        assert 43.2 == found[("N00091", "0000", 2024, None)]
        assert 5.6 == found[("N00092", "0000", 2023, None)]
        assert {"0126", "0000"} == {v.municipality for v in values}
        assert {2023, 2024} == {v.period for v in values}

    def test_bytes_read_as_text(self) -> None:
        """The bytes of the file read as its text does."""
        assert read_kolada(SAMPLE.read_text(encoding="utf-8")) == read_kolada(SAMPLE.read_bytes())


class TestReadShape:
    """Kolada's data response: values, count and the paging fields next_page and previous_page."""

    def test_concatenated_items(self) -> None:
        """An array of data items (several pages' values put together) reads as one response."""
        payload = [item(), item(period=2023)]
        assert (value(value=7.5), value(value=7.5, period=2023)) == read_kolada(json.dumps(payload))

    def test_paging_and_extra_keys_ignored(self) -> None:
        """next_page, previous_page, count and keys Kolada may add are ignored."""
        payload = {
            "count": 1,
            "next_page": "https://api.kolada.se/v3/data/kpi/N00090/year/2024?page=2",
            "previous_page": None,
            "values": [
                {**item(), "is_deleted": 0, "values": [{"gender": "T", "value": 7.5, "x": [1]}]}
            ],
        }
        assert (value(value=7.5),) == read_kolada(json.dumps(payload))

    def test_missing_or_null_value_is_none(self) -> None:
        """A value Kolada leaves out, as null or not at all, is None."""
        payload = {"values": [item(values=[{"gender": "K", "value": None}, {"gender": "M"}])]}
        assert (
            value(gender=Gender.WOMAN),
            value(gender=Gender.MAN),
        ) == read_kolada(json.dumps(payload))

    def test_period_as_string(self) -> None:
        """A year written as a string of four digits is read as a number."""
        assert (value(value=7.5),) == read_kolada(json.dumps({"values": [item(period="2024")]}))

    def test_integer_value(self) -> None:
        """A whole number is a value like any other."""
        payload = {"values": [item(values=[{"gender": "T", "value": 7}])]}
        assert (value(value=7.0),) == read_kolada(json.dumps(payload))

    def test_empty(self) -> None:
        """A response without items, and an item without entries, give no values."""
        assert () == read_kolada('{"count": 0, "values": []}')
        assert () == read_kolada(json.dumps([item(values=[])]))

    @given(st.lists(sst.kolada_values(), max_size=6))
    def test_round_trip(self, values: list[KoladaValue]) -> None:
        """Values written in Kolada's shape read back equal."""
        assert tuple(values) == read_kolada(as_kolada(values))


class TestReadProblems:
    """ "every structural problem raises WireFormatError naming the JSON path" (task)."""

    def test_unknown_gender_at_its_path(self) -> None:
        """An unknown gender code is refused at $.values[3].values[0].gender."""
        payload = {"values": [item(), item(), item(), item(values=[{"gender": "F"}])]}
        assert [("$.values[3].values[0].gender", "enum")] == problems(payload)

    def test_each_problem_at_its_path(self) -> None:
        """Every problem of a payload is listed, each at its own path with its code."""
        payload = [
            item(kpi=5),
            item(municipality=None, period="24"),
            {"kpi": "N00090", "municipality": "0126", "period": 2024},
            item(values=[{"value": "7,5"}, {"gender": "K", "value": True}, "T"]),
            "N00090",
        ]
        assert [
            ("$[0].kpi", "type"),
            ("$[1].municipality", "type"),
            ("$[1].period", "type"),
            ("$[2].values", "missing"),
            ("$[3].values[0].gender", "missing"),
            ("$[3].values[0].value", "type"),
            ("$[3].values[1].value", "type"),
            ("$[3].values[2]", "type"),
            ("$[4]", "type"),
        ] == problems(payload)

    def test_rules_of_a_value(self) -> None:
        """A blank id, a year out of range and a number that is not finite break a rule."""
        payload = {
            "values": [
                item(kpi=" "),
                item(period=0),
                item(values=[{"gender": "T", "value": 1e400}]),
            ]
        }
        assert [
            ("$.values[0].kpi", "invalid"),
            ("$.values[1].period", "invalid"),
            ("$.values[2].values[0].value", "invalid"),
        ] == problems(payload)

    def test_a_rule_of_an_item_once(self) -> None:
        """A blank KPI of an item with three entries is one problem, at the item's kpi."""
        entries = [{"gender": code, "value": 1.0} for code in "TKM"]
        assert [("$.values[0].kpi", "invalid")] == problems(
            {"values": [item(kpi="", values=entries)]}
        )

    def test_not_a_response(self) -> None:
        """Text that is no JSON, and JSON of another shape, are refused at $."""
        assert [("$", "json")] == problems("{")
        assert [("$", "type")] == problems(7)
        assert [("$.values", "missing")] == problems({"error": "not found"})
        assert [("$.values", "type")] == problems({"values": {"kpi": "N00090"}})

    def test_too_deep(self) -> None:
        """Nesting too deep for the JSON parser is a depth problem, not a crash."""
        assert [("$", "depth")] == problems("[" * 100_000 + "]" * 100_000)

    def test_text_must_be_text(self) -> None:
        """Anything but text or bytes is refused by name."""
        with pytest.raises(InvalidValueError, match="'text' must be a str or a bytes"):
            read_kolada(None)  # type: ignore[arg-type]

    @given(
        st.recursive(
            st.none() | st.integers() | st.text(max_size=3),
            lambda s: (
                st.lists(s)
                | st.dictionaries(
                    st.sampled_from(["values", "kpi", "gender", "value", "period", "municipality"]),
                    s,
                )
            ),
            max_leaves=15,
        )
    )
    def test_any_json_gives_values_or_problems(self, payload: Any) -> None:
        """Whatever the JSON, read_kolada returns values or raises WireFormatError with problems."""
        try:
            found = read_kolada(json.dumps(payload))
        except WireFormatError as error:
            assert error.problems
        else:
            assert all(isinstance(v, KoladaValue) for v in found)


class TestKoladaValue:
    """Kolada divides by gender "T" total, "K" women, "M" men (task); nothing else."""

    def test_unspecified_gender_refused(self) -> None:
        """A gender Kolada does not use is refused by name."""
        with pytest.raises(
            InvalidValueError, match="'gender' must be Gender.WOMAN, Gender.MAN or None"
        ):
            value(gender=Gender.UNSPECIFIED)

    def test_value_finite(self) -> None:
        """A value is a finite number of either sign, or None."""
        assert -2.5 == value(value=-2.5).value
        with pytest.raises(InvalidValueError, match="'value' must be a finite number or None"):
            value(value=float("nan"))


class TestKoladaComparison:
    """ "difference = own - published in percentage points" (task), None without both sides."""

    def test_difference_must_be_own_minus_published(self) -> None:
        """A difference that is not own - published is refused."""
        with pytest.raises(InvalidValueError, match="'difference' must equal own - published"):
            KoladaComparison(
                kpi="N00090",
                period=2024,
                municipality="0126",
                against="0126",
                own=7.5,
                published=7.0,
                difference=0.4,
                within=False,
            )

    def test_both_sides_need_a_verdict(self) -> None:
        """With both figures given, difference and within must be too."""
        with pytest.raises(InvalidValueError, match="'difference' must be given"):
            KoladaComparison(
                kpi="N00090",
                period=2024,
                municipality="0126",
                against="0126",
                own=7.5,
                published=7.0,
            )


class TestKoladaKpis:
    """ "Statutory disclosure in the annual report: total rate; share of sick hours that belong to
    a continuous absence of 60 days or more; rates for women and men; rates for ages 29 or
    younger, 30-49, 50 or older" (DOMAIN.md); Kolada N00090-N00094."""

    def test_the_seven_figures_of_the_disclosure(self) -> None:
        """The mapping holds the seven disclosed figures, N00090 by gender."""
        assert [
            ("N00090", None, "total", "percent"),
            ("N00090", Gender.WOMAN, "woman", "percent"),
            ("N00090", Gender.MAN, "man", "percent"),
            ("N00091", None, "total", "long_term_share_percent"),
            ("N00092", None, "up_to_29", "percent"),
            ("N00093", None, "30_to_49", "percent"),
            ("N00094", None, "50_and_over", "percent"),
        ] == [(kpi, gender, *figure) for (kpi, gender), figure in KOLADA_KPIS.items()]

    def test_names_published_figures(self) -> None:
        """Each entry names a group and a figure of SickLeave.figures()."""
        for group, figure in KOLADA_KPIS.values():
            assert figure in SickLeave().figures(group)
            assert group in SLICES


def two_cells() -> SickLeave:
    """Women under 30: 80 sick hours of 1,000 (20 long-term); men 50 or older: 60 of 3,000."""
    return SickLeave(
        cells=[
            SickLeaveCell(
                gender=Gender.WOMAN,
                age_band=AgeBand.UP_TO_29,
                headcount=12,
                scheduled_hours=1000.0,
                short_hours=30.0,
                long_hours=50.0,
                long_term_hours=20.0,
            ),
            SickLeaveCell(
                gender=Gender.MAN,
                age_band=AgeBand.FROM_50,
                headcount=15,
                scheduled_hours=3000.0,
                short_hours=60.0,
            ),
        ]
    )


class TestKoladaFigures:
    """ "samcore's own figures as Kolada values (percent, unrounded)" (task)."""

    def test_by_hand(self) -> None:
        """Total 140/4000 = 3.5 %, women 8 %, men 2 %, long-term 20/140, no one aged 30-49."""
        found = {(v.kpi, v.gender): v.value for v in kolada_figures(two_cells(), "0126", 2024)}
        assert pytest.approx(3.5) == found[("N00090", None)]
        assert pytest.approx(8.0) == found[("N00090", Gender.WOMAN)]
        assert pytest.approx(2.0) == found[("N00090", Gender.MAN)]
        assert pytest.approx(100 * 20 / 140) == found[("N00091", None)]
        assert pytest.approx(8.0) == found[("N00092", None)]
        assert found[("N00093", None)] is None
        assert pytest.approx(2.0) == found[("N00094", None)]

    def test_unrounded(self) -> None:
        """The long-term share keeps its decimals: 14.2857..., not 14.3."""
        found = {v.kpi: v.value for v in kolada_figures(two_cells(), "0126", 2024)}
        assert 14.3 != found["N00091"]

    def test_rounded_as_published(self) -> None:
        """Rounded half up, each figure is the one SickLeave.figures() publishes."""
        sick = two_cells()
        for v, (group, figure) in zip(
            kolada_figures(sick, "0126", 2024), KOLADA_KPIS.values(), strict=True
        ):
            published = sick.figures(group)[figure]
            assert published == (None if v.value is None else float(f"{v.value:.1f}"))

    def test_names_the_municipality_and_year(self) -> None:
        """Every value carries the municipality and year given."""
        assert {("0180", 2023)} == {
            (v.municipality, v.period) for v in kolada_figures(two_cells(), "0180", 2023)
        }

    def test_arguments(self) -> None:
        """A bad argument is refused by name."""
        with pytest.raises(InvalidValueError, match="'sick'"):
            kolada_figures(None, "0126", 2024)  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match="'municipality'"):
            kolada_figures(two_cells(), "", 2024)
        with pytest.raises(InvalidValueError, match="'period'"):
            kolada_figures(two_cells(), "0126", 20245)


def example_figures() -> tuple[KoladaValue, ...]:
    """The example municipality's own figures for 2024, its units' sick leave summed."""
    data = municipality(employees=600)
    by_unit = sick_leave(
        data.employees, data.employments, data.sick_leave, Window.calendar_year(2024)
    )
    return kolada_figures(sum(by_unit.values(), SickLeave()), "0126", 2024)


def published_as(values: tuple[KoladaValue, ...], round_to: int = 1) -> list[KoladaValue]:
    """The values as Kolada would publish them: rounded to one decimal."""
    return [
        KoladaValue(
            kpi=v.kpi,
            municipality=v.municipality,
            period=v.period,
            gender=v.gender,
            value=None if v.value is None else float(f"{v.value:.{round_to}f}"),
        )
        for v in values
    ]


class TestCompareKolada:
    """ "År 2024 har denna skillnad minskat till 0,7 procentenheter" (seed 000): own figures beside
    published ones, in percentage points."""

    def test_own_figures_against_themselves_published(self) -> None:
        """The example municipality's figures against themselves rounded: every row within."""
        own = example_figures()
        rows = compare_kolada(own, published_as(own))
        assert 7 == len(rows)
        assert all(row.within for row in rows)
        assert all(abs(row.difference or 0.0) <= 0.05 + 1e-12 for row in rows)

    def test_one_decimal_within(self) -> None:
        """7.46 published as 7.5 is not flagged."""
        (row,) = compare_kolada([value(value=7.46)], [value(value=7.5)])
        assert row.within is True
        assert pytest.approx(-0.04) == row.difference

    def test_real_difference_flagged(self) -> None:
        """7.46 against a published 7.3, 0.2 points off once rounded, is flagged."""
        (row,) = compare_kolada([value(value=7.46)], [value(value=7.3)])
        assert row.within is False
        assert pytest.approx(0.16) == row.difference

    def test_half_up(self) -> None:
        """7.25 rounds half up to 7.3, as samcore publishes (Python's round gives 7.2)."""
        (up,) = compare_kolada([value(value=7.25)], [value(value=7.3)])
        (down,) = compare_kolada([value(value=7.25)], [value(value=7.2)])
        assert (True, False) == (up.within, down.within)

    def test_float_edge(self) -> None:
        """8.3 against 8.2 is 0.1 apart in decimal, though 8.3 - 8.2 > 0.1 in floating point."""
        assert 8.3 - 8.2 > 0.1
        (row,) = compare_kolada([value(value=8.3)], [value(value=8.2)], tolerance=0.1)
        assert row.within is True
        (edge,) = compare_kolada([value(value=0.4)], [value(value=0.35)])
        assert edge.within is True
        (beyond,) = compare_kolada([value(value=0.4)], [value(value=0.34)])
        assert beyond.within is False

    def test_missing_counterpart_listed(self) -> None:
        """A figure only one side has is listed with None on the other side."""
        own = [value(value=7.46), value("N00091", value=51.0)]
        published = [value(value=7.5), value(gender=Gender.WOMAN, value=8.1)]
        rows = compare_kolada(own, published)
        assert [
            ("N00090", None, 7.46, 7.5),
            ("N00090", Gender.WOMAN, None, 8.1),
            ("N00091", None, 51.0, None),
        ] == [(r.kpi, r.gender, r.own, r.published) for r in rows]
        assert (None, None) == (rows[2].difference, rows[2].within)

    def test_value_left_out_by_kolada(self) -> None:
        """A published entry without a value gives no verdict."""
        (row,) = compare_kolada([value(value=7.46)], [value()])
        assert (7.46, None, None) == (row.own, row.published, row.within)

    def test_against_the_country(self) -> None:
        """With against, the municipality's figures meet the country's of the same year."""
        published = read_kolada(SAMPLE.read_text(encoding="utf-8"))
        own = [v for v in published if v.municipality == "0126" and v.period == 2024]
        rows = compare_kolada(own, published, against="0000")
        assert 7 == len(rows)
        assert {("0126", "0000", 2024)} == {(r.municipality, r.against, r.period) for r in rows}
        total = rows[0]
        assert ("N00090", None, 7.4, 6.9) == (total.kpi, total.gender, total.own, total.published)
        assert pytest.approx(0.5) == total.difference

    def test_other_years_and_ids_left_aside(self) -> None:
        """Published values of years and ids the own values do not have are not compared."""
        published = read_kolada(SAMPLE.read_text(encoding="utf-8"))
        rows = compare_kolada([value(value=7.4)], published)
        assert [("N00090", 7.4)] == [(r.kpi, r.published) for r in rows if r.own is not None]
        assert {2024} == {r.period for r in rows}
        assert {"0126"} == {r.against for r in rows}

    def test_order(self) -> None:
        """Rows come by municipality, year, KPI, then total, women, men."""
        own = [
            value(gender=Gender.MAN, value=1.0),
            value("N00091", value=1.0),
            value(gender=Gender.WOMAN, value=1.0),
            value(value=1.0, period=2023),
            value(value=1.0, municipality="0000"),
        ]
        rows = compare_kolada(own, [])
        assert [
            ("0000", 2024, "N00090", None),
            ("0126", 2023, "N00090", None),
            ("0126", 2024, "N00090", Gender.WOMAN),
            ("0126", 2024, "N00090", Gender.MAN),
            ("0126", 2024, "N00091", None),
        ] == [(r.municipality, r.period, r.kpi, r.gender) for r in rows]

    def test_duplicates(self) -> None:
        """A figure given twice alike counts once; given twice unlike, it is refused."""
        assert 1 == len(compare_kolada([value(value=7.5)] * 2, [value(value=7.5)] * 2))
        with pytest.raises(
            InvalidValueError, match=r"'published\[1\]' must not give another value"
        ):
            compare_kolada([value(value=7.5)], [value(value=7.5), value(value=7.6)])

    def test_arguments(self) -> None:
        """A bad argument is refused by name."""
        with pytest.raises(InvalidValueError, match="'tolerance'"):
            compare_kolada([], [], tolerance=-0.1)
        with pytest.raises(InvalidValueError, match="'against'"):
            compare_kolada([], [], against=" ")
        with pytest.raises(InvalidValueError, match=r"'own\[0\]'"):
            compare_kolada(["N00090"], [])  # type: ignore[list-item]

    @given(st.lists(st.floats(0.0, 100.0), min_size=1, max_size=5))
    def test_own_against_itself_rounded_is_within(self, figures: list[float]) -> None:
        """Any own figures against themselves rounded to one decimal (half up) are within."""
        from samcore import round_half_up

        own = [value(f"N{n:05}", value=f) for n, f in enumerate(figures)]
        published = [value(v.kpi, value=float(round_half_up(v.value or 0.0))) for v in own]
        assert all(row.within for row in compare_kolada(own, published))

    @given(sst.kolada_values(), sst.kolada_values())
    def test_difference_is_own_minus_published(self, own: KoladaValue, other: KoladaValue) -> None:
        """Where both sides have a figure, the difference is own - published."""
        published = KoladaValue(
            kpi=own.kpi,
            municipality=own.municipality,
            period=own.period,
            gender=own.gender,
            value=other.value,
        )
        (row,) = compare_kolada([own], [published])
        if own.value is None or other.value is None:
            assert row.difference is None
        else:
            assert own.value - other.value == row.difference
