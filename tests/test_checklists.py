from datetime import date

import pytest
from hypothesis import given

from samcore import Answer, AnswerTally, Checklist, ChecklistItem, InvalidValueError, SurveySummary
from samcore import strategies as sst


class TestChecklist:
    """Safety rounds answer questions Ja/Nej/Delvis; no and partly are deviations."""

    def test_deviations(self) -> None:
        """Deviations are the items answered NO or PARTLY, in order."""
        items = [
            ChecklistItem(question=q, answer=a)
            for q, a in [
                ("a", Answer.YES),
                ("b", Answer.NO),
                ("c", Answer.NOT_APPLICABLE),
                ("d", Answer.PARTLY),
            ]
        ]
        c = Checklist(id="c", unit_id="u", topic="t", performed_on=date(2024, 1, 1), items=items)
        assert ["b", "d"] == [i.question for i in c.deviations]


class TestAnswerTally:
    """ "yes/no answers become tallies ("all nine answered yes"; a mix becomes "partly")" (DOMAIN.md)."""

    def test_all_nine_yes(self) -> None:
        """Nine yes answers summarise as yes."""
        assert (
            Answer.YES == sum((AnswerTally.of(Answer.YES) for _ in range(9)), AnswerTally()).summary
        )

    def test_mix_is_partly(self) -> None:
        """Yes and no together summarise as partly."""
        assert Answer.PARTLY == (AnswerTally.of(Answer.YES) + AnswerTally.of(Answer.NO)).summary

    def test_not_applicable_ignored(self) -> None:
        """Not-applicable answers do not turn all-no into partly; none at all is not applicable."""
        assert Answer.NO == AnswerTally(no=2, not_applicable=5).summary
        assert Answer.NOT_APPLICABLE == AnswerTally(not_applicable=1).summary
        assert Answer.NOT_APPLICABLE == AnswerTally().summary

    def test_single_partly(self) -> None:
        """A single partly answer summarises as partly."""
        assert Answer.PARTLY == AnswerTally.of(Answer.PARTLY).summary

    @given(sst.answer_tallies(), sst.answer_tallies(), sst.answer_tallies())
    def test_monoid_laws(self, a: AnswerTally, b: AnswerTally, c: AnswerTally) -> None:
        """+ is associative and commutative with AnswerTally() as identity."""
        assert (a + b) + c == a + (b + c)
        assert a + b == b + a
        assert a == a + AnswerTally() == AnswerTally() + a

    @given(sst.answer_tallies())
    def test_total_counts_every_answer(self, t: AnswerTally) -> None:
        """Total is the sum of the four counts."""
        assert t.yes + t.no + t.partly + t.not_applicable == t.total


class TestChecks:
    """Tallies and summaries refuse what cannot be counted."""

    def test_tally_of_an_unknown_answer(self) -> None:
        """AnswerTally.of takes an Answer; anything else is an InvalidValueError."""
        with pytest.raises(InvalidValueError, match="'answer' must be an Answer"):
            AnswerTally.of("maybe")  # type: ignore[arg-type]

    def test_survey_rounds_with_a_safety_representative(self) -> None:
        """No more rounds with a safety representative than rounds."""
        with pytest.raises(InvalidValueError, match="'with_safety_representative' must not exceed"):
            SurveySummary(rounds=1, with_safety_representative=2)

    def test_items_not_a_string(self) -> None:
        """A string of items is refused, not split into letters."""
        with pytest.raises(InvalidValueError, match="'items' must be a tuple of ChecklistItem"):
            Checklist(id="c", unit_id="u", topic="t", performed_on=date(2024, 1, 1), items="ab")
