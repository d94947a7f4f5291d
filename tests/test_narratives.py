import pytest
from hypothesis import given

from samcore import (
    InvalidValueError,
    Narrative,
    from_json,
    to_json,
)
from samcore import strategies as sst


def text(
    section: str = "assessment", words: str = "Arbetsmiljön är god.", **kw: object
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
