import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import ORG
from samcore import (
    MIN_RESPONDENTS,
    Dataset,
    DatasetError,
    EmployeeSurvey,
    IngestError,
    InvalidValueError,
    Ratio,
    SurveyResult,
    dataset_from_tables,
    from_json,
    round_half_up,
    to_json,
)
from samcore import strategies as sst


def survey(
    unit: str = "e1",
    invited: int = 40,
    respondents: int = 32,
    index_total: float | None = None,
    year: int = 2024,
) -> EmployeeSurvey:
    """A unit's survey of 2024, without an index unless given."""
    return EmployeeSurvey(
        unit_id=unit,
        year=year,
        invited=invited,
        respondents=respondents,
        index_total=index_total,
    )


def surveys_of_one_year() -> st.SearchStrategy[list[EmployeeSurvey]]:
    """The surveys of up to eight distinct units, all of 2024."""
    return st.lists(
        sst.employee_surveys(year=st.just(2024)), max_size=8, unique_by=lambda s: s.unit_id
    )


class TestEmployeeSurvey:
    """ "Den årliga medarbetarundersökningen ... besvarades av mer än 4 700 medarbetare
    (82 procent)" (seed 000): people invited, people who answered, and the sum of their
    index scores (0-100 each)."""

    def test_a_valid_survey(self) -> None:
        """Counts, and an index total up to 100 per respondent, are kept as given."""
        s = survey(invited=40, respondents=32, index_total=3200.0)
        assert (40, 32, 3200.0) == (s.invited, s.respondents, s.index_total)

    def test_nobody_answered(self) -> None:
        """With no respondents the index total is None or 0."""
        assert survey(respondents=0).index_total is None
        assert 0.0 == survey(respondents=0, index_total=0.0).index_total

    def test_more_respondents_than_invited(self) -> None:
        """Respondents above invited are refused, naming both, the value and the unit."""
        with pytest.raises(InvalidValueError) as info:
            survey(invited=40, respondents=41)
        assert (
            "'respondents' must not exceed invited = 40 (got 41) "
            "for employee survey of unit 'e1'" == str(info.value)
        )

    def test_index_total_above_the_scale(self) -> None:
        """An index total above 100 × respondents cannot be a sum of scores on 0-100."""
        with pytest.raises(InvalidValueError) as info:
            survey(respondents=10, index_total=1000.5)
        assert (
            "'index_total' must be at most 100 × respondents = 1000 (got 1000.5) "
            "for employee survey of unit 'e1'" == str(info.value)
        )

    def test_index_total_without_respondents(self) -> None:
        """An index total above 0 with no respondents is refused."""
        with pytest.raises(
            InvalidValueError,
            match=r"'index_total' must be None or 0 when respondents = 0 \(got 3\.0\)",
        ):
            survey(respondents=0, index_total=3.0)

    @pytest.mark.parametrize(
        ("field", "value", "rule"),
        [
            ("invited", -1, "an int >= 0"),
            ("respondents", True, "an int >= 0"),
            ("year", 0, "an int in 1..9999"),
            ("index_total", -0.5, "a finite number >= 0 or None"),
            ("index_total", float("nan"), "a finite number >= 0 or None"),
            ("unit_id", " ", "a non-empty string"),
        ],
    )
    def test_bad_field(self, field: str, value: object, rule: str) -> None:
        """Each bad field value is refused by name, rule and value."""
        fields: dict[str, object] = {
            "unit_id": "e1",
            "year": 2024,
            "invited": 5,
            "respondents": 5,
            "index_total": 250.0,
            field: value,
        }
        with pytest.raises(InvalidValueError) as info:
            EmployeeSurvey(**fields)  # type: ignore[arg-type]
        assert str(info.value).startswith(f"{field!r} must be {rule} (got {value!r})")

    def test_wire_shape(self) -> None:
        """On the wire a survey is its five fields; a missing index is null."""
        assert {
            "unit_id": "e1",
            "year": 2024,
            "invited": 40,
            "respondents": 32,
            "index_total": None,
        } == json.loads(to_json(survey()))
        text = '{"unit_id": "e1", "year": 2024, "invited": 40, "respondents": 32}'
        assert survey() == from_json(text, EmployeeSurvey)


class TestSurveyResult:
    """Respondents and index scores add over units; "results are not shown for groups of
    five or fewer" is left to publication (seed 004: "De sektioner som har fem medarbetare
    eller färre har inte fått ett eget resultat")."""

    def test_response_rate_of_the_municipality(self) -> None:
        """4 700 respondents of 5 732 invited is 82 percent (4 700 / 5 732 = 0.81996)."""
        result = SurveyResult(invited=5732, respondents=4700)
        assert Ratio(numerator=4700, denominator=5732) == result.response_rate
        assert Decimal("82") == round_half_up(result.response_rate.percent or 0.0, 0)

    def test_index_is_the_mean_of_all_respondents(self) -> None:
        """10 respondents at mean 70 and 30 at mean 50 give (700 + 1500) / 40 = 55, not 60."""
        result = SurveyResult.of(
            [
                survey("e1", invited=12, respondents=10, index_total=10 * 70.0),
                survey("e2", invited=35, respondents=30, index_total=30 * 50.0),
            ]
        )
        assert 55.0 == result.index
        assert (47, 40, 2200.0, 40) == (
            result.invited,
            result.respondents,
            result.index_total,
            result.indexed,
        )

    def test_a_unit_without_index_and_a_unit_with_one(self) -> None:
        """A unit without an index counts in the response rate, not in the index.

        e1: 16 of 20 answered, no index; e2: 8 of 10 answered, total 500 (mean 62.5).
        Together 24 of 30 answered (80 %), and the index is 500 / 8 = 62.5.
        """
        result = SurveyResult.of(
            [
                survey("e1", invited=20, respondents=16),
                survey("e2", invited=10, respondents=8, index_total=500.0),
            ]
        )
        assert 80.0 == result.response_rate.percent
        assert (24, 8, 62.5) == (result.respondents, result.indexed, result.index)

    def test_no_surveys(self) -> None:
        """Nothing gives the zero: no response rate and no index."""
        result = SurveyResult.of([])
        assert SurveyResult() == result
        assert (None, None) == (result.response_rate.value, result.index)

    def test_of_refuses_two_years(self) -> None:
        """Surveys of two years are not one group: the same people answered twice."""
        with pytest.raises(
            InvalidValueError,
            match=r"'surveys' must be of one year \(got \[2023, 2024\]\) for a survey result",
        ):
            SurveyResult.of([survey("e1", year=2024), survey("e2", year=2023)])

    def test_of_refuses_a_unit_twice(self) -> None:
        """A unit given twice would count its respondents twice."""
        with pytest.raises(
            InvalidValueError,
            match=r"'surveys' must give each unit once \(got \['e1'\]\)",
        ):
            SurveyResult.of([survey("e1"), survey("e2"), survey("e1")])

    def test_of_refuses_other_records(self) -> None:
        """Anything but surveys is refused by position."""
        with pytest.raises(InvalidValueError, match=r"'surveys\[0\]' must be an EmployeeSurvey"):
            SurveyResult.of([SurveyResult()])  # type: ignore[list-item]

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"invited": 3, "respondents": 4}, "'respondents' must not exceed invited = 3 (got 4)"),
            (
                {"invited": 9, "respondents": 4, "indexed": 5},
                "'indexed' must not exceed respondents = 4 (got 5)",
            ),
            (
                {"invited": 9, "respondents": 4, "indexed": 2, "index_total": 201.0},
                "'index_total' must be at most 100 × indexed = 200 (got 201.0)",
            ),
            ({"index_total": 1.0}, "'index_total' must be at most 100 × indexed = 0 (got 1.0)"),
        ],
    )
    def test_inconsistent_counts(self, fields: dict[str, float], message: str) -> None:
        """Counts that no set of surveys can give are refused, naming field and value."""
        with pytest.raises(InvalidValueError) as info:
            SurveyResult(**fields)  # type: ignore[arg-type]
        assert f"{message} for a survey result" == str(info.value)

    def test_min_respondents(self) -> None:
        """Five or fewer respondents is a group too small to show (seed 004)."""
        assert 5 == MIN_RESPONDENTS

    @given(sst.survey_results(), sst.survey_results(), sst.survey_results())
    def test_monoid_laws(self, a: SurveyResult, b: SurveyResult, c: SurveyResult) -> None:
        """+ is associative and commutative, with SurveyResult() as identity, exactly."""
        assert (a + b) + c == a + (b + c)
        assert a + b == b + a
        assert a == a + SurveyResult() == SurveyResult() + a
        assert a + b == sum([a, b])

    @given(surveys_of_one_year(), st.data())
    def test_of_a_union_is_the_sum(
        self, surveys: list[EmployeeSurvey], data: st.DataObject
    ) -> None:
        """of(a + b) == of(a) + of(b) for any split of the units, in any order, exactly."""
        cut = data.draw(st.integers(0, len(surveys)))
        head, tail = surveys[:cut], surveys[cut:]
        assert SurveyResult.of(surveys) == SurveyResult.of(head) + SurveyResult.of(tail)
        assert SurveyResult.of(surveys) == SurveyResult.of(tail + head)

    @given(surveys_of_one_year())
    def test_index_is_the_mean_of_the_scores(self, surveys: list[EmployeeSurvey]) -> None:
        """The index is the sum of the index totals over the respondents with an index."""
        scored = [s for s in surveys if s.index_total is not None]
        result = SurveyResult.of(surveys)
        n = sum(s.respondents for s in scored)
        assert (sum(s.respondents for s in surveys), n) == (result.respondents, result.indexed)
        if n == 0:
            assert result.index is None
        else:
            mean = sum(s.index_total or 0.0 for s in scored) / n
            assert mean == pytest.approx(result.index, rel=1e-9, abs=1e-6)
            assert result.index is not None
            assert 0.0 <= result.index <= 100.0

    @given(sst.survey_results(), sst.survey_results())
    def test_adds_after_a_json_round_trip(self, a: SurveyResult, b: SurveyResult) -> None:
        """Nothing stays in memory only: results read from JSON add like the originals."""
        back = from_json(to_json(a), SurveyResult) + from_json(to_json(b), SurveyResult)
        assert a + b == back


class TestInDataset:
    """ "construction checks every reference ... and raises one DatasetError listing every
    problem found" (CONTRACT.md): one survey per unit and year, of a unit of the tree."""

    def test_unknown_unit_and_a_repeated_survey(self) -> None:
        """A survey of a unit not in the tree and a unit's second survey of a year are named."""
        with pytest.raises(DatasetError) as info:
            Dataset(
                org=ORG,
                employee_surveys=[
                    survey("e1"),
                    survey("x"),
                    survey("e1", year=2023),
                    survey("e2"),
                    survey("e1", invited=50),
                ],
            )
        assert [
            (
                "$.employee_surveys[1].unit_id",
                "unknown_unit",
                "unknown unit 'x' (not in org)",
            ),
            (
                "$.employee_surveys[4]",
                "duplicate_row",
                "surveys of one unit and year given more than once: unit 'e1', year 2024 "
                "(employee_surveys[0], employee_surveys[4])",
            ),
        ] == [(p.path, p.code, p.message) for p in info.value.problems]

    def test_round_trip(self) -> None:
        """A dataset with surveys reads back equal from its JSON."""
        data = Dataset(
            org=ORG,
            employee_surveys=[survey("e1", index_total=2288.0), survey("n", respondents=0)],
        )
        assert data == from_json(to_json(data), Dataset)


class TestIngestion:
    """The optional table employee_surveys: unit_id, year, invited, respondents, index_total."""

    UNITS = ({"id": "k", "name": "Kommunen"}, {"id": "a", "name": "Förskolan", "parent_id": "k"})

    def test_read(self) -> None:
        """Cells in Swedish number form are read; an empty index is no index."""
        rows = [
            {"unit_id": "a", "year": "2024", "invited": "40", "respondents": "32",
             "index_total": "2 288,5"},
            {"unit_id": "k", "year": "2024", "invited": "3", "respondents": "0",
             "index_total": ""},
        ]  # fmt: skip
        data = dataset_from_tables({"units": self.UNITS, "employee_surveys": rows})
        assert (survey("a", 40, 32, 2288.5), survey("k", 3, 0)) == data.employee_surveys

    def test_problems(self) -> None:
        """Unknown units, repeated rows and broken rules are named by row."""
        rows = [
            {"unit_id": "a", "year": 2024, "invited": 10, "respondents": 8},
            {"unit_id": "x", "year": 2024, "invited": 10, "respondents": 8},
            {"unit_id": "a", "year": 2024, "invited": 12, "respondents": 8},
            {"unit_id": "k", "year": 2024, "invited": 10, "respondents": 11},
        ]
        with pytest.raises(IngestError) as info:
            dataset_from_tables({"units": self.UNITS, "employee_surveys": rows})
        assert [
            (2, "unit_id", "unknown_id"),
            (3, None, "duplicate"),
            (4, "respondents", "invalid"),
        ] == sorted((p.row, p.field, p.code.value) for p in info.value.details)
