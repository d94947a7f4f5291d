import pytest
from hypothesis import given

from builders import ORG
from samcore import (
    Dataset,
    DatasetError,
    IngestError,
    InvalidValueError,
    Narrative,
    dataset_from_tables,
    from_json,
    to_json,
)
from samcore import strategies as sst


def text(
    section: str = "evaluation", words: str = "Arbetsmiljön är god.", **kw: object
) -> Narrative:
    """Unit e1's text of 2024 for a section, unless other fields are given."""
    fields: dict[str, object] = {"unit_id": "e1", "year": 2024, **kw}
    return Narrative(section=section, text=words, **fields)  # type: ignore[arg-type]


class TestNarrative:
    """A unit's own words for a section of the report template ("Bedömning och analys",
    comments on risks), stored without surrounding whitespace."""

    def test_text_is_stripped(self) -> None:
        """Whitespace around the text goes; lines inside stay."""
        n = text(words="\n  Bedömning och analys:\n Sjukfrånvaron har minskat.  \n")
        assert "Bedömning och analys:\n Sjukfrånvaron har minskat." == n.text

    @pytest.mark.parametrize(
        ("field", "value", "shown"),
        [
            ("words", " \n\t", "''"),
            ("words", 5, "5"),
            ("section", "", "''"),
            ("unit_id", None, "None"),
        ],
    )
    def test_blank_or_not_text(self, field: str, value: object, shown: str) -> None:
        """A blank or non-text section, unit or text is refused by name and value."""
        name = "text" if field == "words" else field
        with pytest.raises(InvalidValueError) as info:
            text(**{field: value})  # type: ignore[arg-type]
        assert str(info.value).startswith(f"{name!r} must be a non-empty string (got {shown})")

    def test_year_out_of_range(self) -> None:
        """A year outside 1..9999 is refused."""
        with pytest.raises(
            InvalidValueError, match=r"'year' must be an int in 1\.\.9999 \(got 0\)"
        ):
            text(year=0)

    @given(sst.narratives())
    def test_round_trip(self, n: Narrative) -> None:
        """A text reads back equal from its JSON, already stripped."""
        assert n == from_json(to_json(n), Narrative)
        assert n.text == n.text.strip()


class TestInDataset:
    """ "construction checks every reference ... and raises one DatasetError listing every
    problem found" (CONTRACT.md): one text per unit, year and section, of a unit of the tree."""

    def test_unknown_unit_and_a_repeated_section(self) -> None:
        """A text of an unknown unit and a second text for one section are named."""
        with pytest.raises(DatasetError) as info:
            Dataset(
                org=ORG,
                narratives=[
                    text("evaluation"),
                    text("onward_comments"),
                    text("evaluation", year=2023),
                    text("evaluation", unit_id="e2"),
                    text("evaluation", unit_id="zz"),
                    text("evaluation", words="Annan text."),
                ],
            )
        assert [
            ("$.narratives[4].unit_id", "unknown_unit", "unknown unit 'zz' (not in org)"),
            (
                "$.narratives[5]",
                "duplicate_row",
                "narratives of one unit, year and section given more than once: "
                "unit 'e1', year 2024, section 'evaluation' (narratives[0], narratives[5])",
            ),
        ] == [(p.path, p.code, p.message) for p in info.value.problems]

    def test_section_of_the_years_template(self) -> None:
        """A text must be for a section of its year's template that takes one: not an unknown
        section, nor section 2, which only holds subsections."""
        with pytest.raises(DatasetError) as info:
            Dataset(org=ORG, narratives=[text("wellbeing"), text("analysis", unit_id="k")])
        assert [
            ("$.narratives[0].section", "unknown_section"),
            ("$.narratives[1].section", "unknown_section"),
        ] == [(p.path, p.code) for p in info.value.problems]
        assert "template '2024', used for 2024" in info.value.problems[0].message

    def test_round_trip(self) -> None:
        """A dataset with texts reads back equal from its JSON."""
        data = Dataset(
            org=ORG, narratives=[text("evaluation"), text("onward_comments", unit_id="k")]
        )
        assert data == from_json(to_json(data), Dataset)


class TestIngestion:
    """The optional table narratives: unit_id, year, section, text."""

    UNITS = ({"id": "k", "name": "Kommunen"},)

    def test_read_and_problems(self) -> None:
        """Texts are trimmed; a blank text, an unknown unit and a repeated section are named."""
        rows = [
            {"unit_id": "k", "year": "2024", "section": "evaluation", "text": " God. "},
            {"unit_id": "k", "year": "2024", "section": "onward_comments", "text": "  "},
            {"unit_id": "x", "year": "2024", "section": "evaluation", "text": "Text."},
            {"unit_id": "k", "year": "2024", "section": "evaluation", "text": "Igen."},
        ]
        with pytest.raises(IngestError) as info:
            dataset_from_tables({"units": self.UNITS, "narratives": rows})
        assert [
            (2, "text", "missing"),
            (3, "unit_id", "unknown_id"),
            (4, None, "duplicate"),
        ] == sorted((p.row, p.field, p.code.value) for p in info.value.details)
        data = dataset_from_tables({"units": self.UNITS, "narratives": rows[:1]})
        assert (Narrative(unit_id="k", year=2024, section="evaluation", text="God."),) == (
            data.narratives
        )
