import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import ORG
from samcore import (
    HEALTH_FACTOR_SCALE,
    Dataset,
    DatasetError,
    HealthFactor,
    HealthFactorInventory,
    HealthFactorSummary,
    IngestError,
    InvalidValueError,
    dataset_from_tables,
    from_json,
    read_records,
    to_json,
)
from samcore import strategies as sst

LEAD, TALK, SAM, REHAB = (
    HealthFactor.LEADERSHIP,
    HealthFactor.COMMUNICATION,
    HealthFactor.SYSTEMATIC_WORK_ENVIRONMENT,
    HealthFactor.REHABILITATION,
)


def inventory(unit: str = "e1", year: int = 2026, **kw: Any) -> HealthFactorInventory:
    """A unit's inventory of 2026, nothing rated unless given."""
    return HealthFactorInventory(unit_id=unit, year=year, **kw)


def inventories_of_one_year() -> st.SearchStrategy[list[HealthFactorInventory]]:
    """The inventories of up to eight distinct units, all of 2026."""
    return st.lists(
        sst.health_factor_inventories(year=st.just(2026)), max_size=8, unique_by=lambda i: i.unit_id
    )


class TestHealthFactor:
    """Suntarbetsliv's eight health factors, "de faktorer som forskare har funnit
    kännetecknar organisationer med låg sjukfrånvaro"; seed 002 names two of them,
    "tidiga insatser och arbetsanpassning" and "systematiskt arbetsmiljöarbete i vardagen"."""

    def test_the_eight_factors(self) -> None:
        """Eight factors, in Suntarbetsliv's order, with their Swedish names."""
        assert [
            "Närvarande, tillitsfullt och engagerat ledarskap",
            "Delaktighet och påverkansmöjligheter",
            "Kommunikation och återkoppling",
            "Systematiskt arbetsmiljöarbete i vardagen",
            "Rehabiliteringsarbete vid lång- och korttidssjukfrånvaro",
            "Rättvis och transparent organisation",
            "Kompetensutveckling hela karriären",
            "Prioritering av arbetsuppgifter",
        ] == [factor.label("sv") for factor in HealthFactor]

    def test_stable_wire_values(self) -> None:
        """The wire values are English and never change."""
        assert [
            "leadership",
            "participation",
            "communication",
            "systematic_work_environment",
            "rehabilitation",
            "fair_organisation",
            "skills_development",
            "prioritisation",
        ] == [factor.value for factor in HealthFactor]

    def test_english_names(self) -> None:
        """Each factor has its own English name; Swedish is the default."""
        assert 8 == len({factor.label("en") for factor in HealthFactor})
        assert "Communication and feedback" == TALK.label("en")
        assert TALK.label("sv") == TALK.label()


class TestHealthFactorInventory:
    """ "Ett obligatoriskt steg är att alla verksamheter inventerar och skattar vilka
    friskfaktorer man ska fokusera på" (seed 002): ratings 1-5, focus, activities."""

    def test_ratings_in_factor_order(self) -> None:
        """Ratings are kept read-only in the factors' order, whatever order they were given in."""
        inv = inventory(ratings={SAM: 1, LEAD: 5}, focus=[SAM, LEAD])
        assert [(LEAD, 5), (SAM, 1)] == list(inv.ratings.items())
        assert (SAM, LEAD) == inv.focus

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"ratings": {LEAD: 0}}, "'ratings[leadership]' must be an int in 1..5 (got 0)"),
            ({"ratings": {LEAD: 6}}, "'ratings[leadership]' must be an int in 1..5 (got 6)"),
            (
                {"ratings": {"leadership": 3}},
                "'ratings key' must be a HealthFactor (got 'leadership')",
            ),
            (
                {"focus": [TALK, SAM, TALK]},
                "'focus' must name each factor once (got ['communication'])",
            ),
            (
                {"activities_planned": 2, "activities_followed_up": 3},
                "'activities_followed_up' must not exceed activities_planned = 2 (got 3)",
            ),
            (
                {"focus": ["communication"]},
                "'focus[0]' must be a HealthFactor (got 'communication')",
            ),
        ],
    )
    def test_refused(self, fields: dict[str, Any], message: str) -> None:
        """A rating off the scale, a repeated focus, more followed up than planned are refused."""
        with pytest.raises(InvalidValueError) as info:
            inventory("u7", **fields)
        assert f"{message} for health-factor inventory of unit 'u7'" == str(info.value)

    def test_the_scale(self) -> None:
        """Ratings run from 1 to 5."""
        assert (1, 2, 3, 4, 5) == HEALTH_FACTOR_SCALE

    def test_wire_shape(self) -> None:
        """On the wire ratings are an object by factor and focus an array of factors."""
        inv = inventory(ratings={TALK: 2}, focus=[TALK], activities_planned=1)
        assert {
            "unit_id": "e1",
            "year": 2026,
            "ratings": {"communication": 2},
            "focus": ["communication"],
            "activities_planned": 1,
            "activities_followed_up": 0,
        } == json.loads(to_json(inv))
        assert inv == from_json(to_json(inv), HealthFactorInventory)


class TestHealthFactorSummary:
    """Units that made an inventory, per factor the units that chose it for focus and how
    many gave each rating, and the activities: counts that add up the tree."""

    def test_distribution_by_hand(self) -> None:
        """Three units rate leadership 2, 5, 5 and communication 3 (one unit did not rate it).

        Leadership: one 2 and two 5s, (0, 1, 0, 0, 2), mean (2 + 5 + 5) / 3 = 4; communication:
        one 3, mean 3; two units chose communication, one leadership; 3 + 1 planned, 2 + 1
        followed up: 3 of 4, 75 %.
        """
        summary = HealthFactorSummary.of(
            [
                inventory("a", ratings={LEAD: 2, TALK: 3}, focus=[TALK, LEAD],
                          activities_planned=3, activities_followed_up=2),
                inventory("b", ratings={LEAD: 5}, focus=[TALK]),
                inventory("c", ratings={LEAD: 5}, activities_planned=1, activities_followed_up=1),
            ]
        )  # fmt: skip
        assert 3 == summary.units
        assert {LEAD: (0, 1, 0, 0, 2), TALK: (0, 0, 1, 0, 0)} == dict(summary.ratings)
        assert (4.0, 3.0, None) == (summary.mean(LEAD), summary.mean(TALK), summary.mean(SAM))
        assert (3, 1, 0) == (summary.rated(LEAD), summary.rated(TALK), summary.rated(SAM))
        assert {LEAD: 1, TALK: 2} == dict(summary.focus)
        assert (4, 3, 75.0) == (
            summary.activities_planned,
            summary.activities_followed_up,
            summary.followed_up.percent,
        )

    def test_no_inventories(self) -> None:
        """Nothing gives the zero."""
        assert HealthFactorSummary() == HealthFactorSummary.of([])
        assert HealthFactorSummary().followed_up.value is None

    def test_of_refuses_two_years_and_a_unit_twice(self) -> None:
        """Inventories of two years, or a unit's two inventories, are no group."""
        with pytest.raises(
            InvalidValueError, match=r"'inventories' must be of one year \(got \[2025, 2026\]\)"
        ):
            HealthFactorSummary.of([inventory("a", 2026), inventory("b", 2025)])
        with pytest.raises(
            InvalidValueError, match=r"'inventories' must give each unit once \(got \['a'\]\)"
        ):
            HealthFactorSummary.of([inventory("a"), inventory("a")])

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            (
                {"units": 1, "focus": {LEAD: 2}},
                "'focus[leadership]' must not exceed units = 1 (got 2)",
            ),
            (
                {"units": 1, "ratings": {LEAD: (1, 0, 0, 0, 1)}},
                "'ratings[leadership]' must count at most units = 1 ratings (got (1, 0, 0, 0, 1))",
            ),
            (
                {"units": 1, "ratings": {LEAD: (1, 0, 0, 0)}},
                "'ratings[leadership]' must be a tuple of 5 counts, one per rating 1..5 (got (1, 0, 0, 0))",
            ),
            (
                {"units": 1, "ratings": {LEAD: (1, 0, 0, 0, -1)}},
                "'ratings[leadership][4]' must be an int >= 0 (got -1)",
            ),
            (
                {"activities_planned": 1, "activities_followed_up": 2},
                "'activities_followed_up' must not exceed activities_planned = 1 (got 2)",
            ),
        ],
    )
    def test_counts_no_inventories_give(self, fields: dict[str, Any], message: str) -> None:
        """Counts that no set of inventories can give are refused, naming the field and the value."""
        with pytest.raises(InvalidValueError) as info:
            HealthFactorSummary(**fields)
        assert f"{message} for a health-factor summary" == str(info.value)

    def test_zero_entries_are_left_out(self) -> None:
        """A factor nobody chose or rated is no entry, so equal sums compare and write equal."""
        assert HealthFactorSummary() == HealthFactorSummary(
            focus={LEAD: 0}, ratings={LEAD: [0, 0, 0, 0, 0]}
        )

    @given(
        sst.health_factor_summaries(), sst.health_factor_summaries(), sst.health_factor_summaries()
    )
    def test_monoid_laws(
        self, a: HealthFactorSummary, b: HealthFactorSummary, c: HealthFactorSummary
    ) -> None:
        """+ is associative and commutative with HealthFactorSummary() as identity."""
        assert (a + b) + c == a + (b + c)
        assert a + b == b + a
        assert a == a + HealthFactorSummary() == HealthFactorSummary() + a == sum([a])

    @given(inventories_of_one_year(), st.data())
    def test_of_a_union_is_the_sum(
        self, inventories: list[HealthFactorInventory], data: st.DataObject
    ) -> None:
        """of(a + b) == of(a) + of(b) for any split of the units."""
        cut = data.draw(st.integers(0, len(inventories)))
        head, tail = inventories[:cut], inventories[cut:]
        assert HealthFactorSummary.of(inventories) == HealthFactorSummary.of(
            head
        ) + HealthFactorSummary.of(tail)

    @given(inventories_of_one_year())
    def test_mean_is_the_mean_of_the_ratings(
        self, inventories: list[HealthFactorInventory]
    ) -> None:
        """Each factor's mean is the plain mean of the ratings the units gave it."""
        summary = HealthFactorSummary.of(inventories)
        for factor in HealthFactor:
            given = [i.ratings[factor] for i in inventories if factor in i.ratings]
            expected = sum(given) / len(given) if given else None
            assert expected == pytest.approx(summary.mean(factor))

    @given(sst.health_factor_summaries())
    def test_round_trip(self, summary: HealthFactorSummary) -> None:
        """A summary reads back equal from its JSON, and still adds: nothing stays in memory."""
        back = from_json(to_json(summary), HealthFactorSummary)
        assert summary == back
        assert summary + summary == back + back


class TestInDataset:
    """One inventory per unit and year, of a unit of the tree (CONTRACT.md: every
    reference checked, every problem listed)."""

    def test_unknown_unit_and_a_repeated_inventory(self) -> None:
        """A unit not in the tree and a unit's second inventory of a year are named."""
        with pytest.raises(DatasetError) as info:
            Dataset(
                org=ORG,
                health_factors=[
                    inventory("e1"),
                    inventory("x"),
                    inventory("e1", 2025),
                    inventory("e1", ratings={LEAD: 3}),
                ],
            )
        assert [
            ("$.health_factors[1].unit_id", "unknown_unit", "unknown unit 'x' (not in org)"),
            (
                "$.health_factors[3]",
                "duplicate_row",
                "health-factor inventories of one unit and year given more than once: "
                "unit 'e1', year 2026 (health_factors[0], health_factors[3])",
            ),
        ] == [(p.path, p.code, p.message) for p in info.value.problems]


class TestIngestion:
    """The optional table health_factors: one row per unit and year, a column per factor."""

    UNITS = ({"id": "k", "name": "Kommunen"}, {"id": "a", "name": "Förskolan", "parent_id": "k"})

    def test_read(self) -> None:
        """Rating columns by wire value; focus by any name of a factor, between bars."""
        rows = [
            {"unit_id": "a", "year": "2026", "leadership": "4", "communication": 2.0,
             "rehabilitation": "", "focus": "Tidiga insatser och arbetsanpassning | SAM",
             "activities_planned": "3", "activities_followed_up": "1"},
        ]  # fmt: skip
        (got,) = read_records(rows, HealthFactorInventory).records
        assert (
            inventory(
                "a",
                ratings={LEAD: 4, TALK: 2},
                focus=[REHAB, SAM],
                activities_planned=3,
                activities_followed_up=1,
            )
            == got
        )

    def test_problems(self) -> None:
        """A rating off the scale at its column, an unknown focus word, unknown units, repeats."""
        rows = [
            {"unit_id": "a", "year": 2026, "participation": 6},
            {"unit_id": "a", "year": 2026, "focus": "Fika"},
            {"unit_id": "x", "year": 2026},
            {"unit_id": "a", "year": 2026},
            {"unit_id": "a", "year": 2026, "leadership": 1},
        ]
        with pytest.raises(IngestError) as info:
            dataset_from_tables({"units": self.UNITS, "health_factors": rows})
        assert [
            (1, "participation", "invalid", "6"),
            (2, "focus", "unknown_value", "Fika"),
            (3, "unit_id", "unknown_id", "x"),
            (5, None, "duplicate", "a/2026"),
        ] == sorted((p.row, p.field, p.code.value, p.value) for p in info.value.details)
