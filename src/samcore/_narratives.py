"""The free text of a unit's yearly report: its own words for each section of the template."""

from __future__ import annotations

import attrs

from samcore._check import describe, int_in, non_blank

__all__ = ["Narrative"]


def _stripped(value: object) -> object:
    """A text without its surrounding whitespace; anything else as it is, for the validator."""
    return value.strip() if isinstance(value, str) else value


@attrs.frozen(kw_only=True)
class Narrative:
    r"""A unit's own text for one section of its yearly report, such as "Bedömning och analys".

    ``section`` is the id of the template's section the text belongs to
    (the templates, and so which ids exist, are defined with the report);
    ``text`` is stored without surrounding whitespace and must hold more
    than whitespace. A unit writes one text per section and year.

    Examples:
        >>> n = Narrative(unit_id="ksf", year=2024, section="assessment",
        ...               text="  Sjukfrånvaron har minskat under året.\n")
        >>> n.text
        'Sjukfrånvaron har minskat under året.'
        >>> Narrative(unit_id="ksf", year=2024, section="assessment", text=" \n ")
        Traceback (most recent call last):
        ...
        samcore.errors.InvalidValueError: 'text' must be a non-empty string (got '') for narrative of unit 'ksf' for section 'assessment'
    """

    unit_id: str = attrs.field(validator=non_blank())
    year: int = attrs.field(validator=int_in(1, 9999))
    section: str = attrs.field(validator=non_blank())
    text: str = attrs.field(converter=_stripped, validator=non_blank())

    @property
    def _subject(self) -> str:
        return describe(
            "a narrative", "narrative", ("of unit", self.unit_id), ("for section", self.section)
        )
