from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import risk
from samcore import (
    ActionPlanSummary,
    InvalidRiskError,
    InvalidValueError,
    Measure,
    MeasureStatus,
    RiskBand,
    RiskMatrix,
)
from samcore import strategies as sst


class TestRiskMatrix:
    """ "samcore's default matrix is 5×5 with level = probability × consequence, 1–25; the scale
    sizes and the bands are configurable." (DOMAIN.md; AFS 2023:1 11 § prescribes no scale)
    """

    def test_levels_of_the_source_documents(self) -> None:
        """The source municipality's levels 8, 12 and 15 come out of the 5×5 matrix."""
        m = RiskMatrix()
        assert (8, 12, 15) == (m.level(2, 4), m.level(3, 4), m.level(3, 5))

    @pytest.mark.parametrize(("p", "c"), [(0, 1), (6, 1), (1, 0), (1, 6)])
    def test_outside_scale_raises(self, p: int, c: int) -> None:
        """Level raises InvalidRiskError outside the scales."""
        with pytest.raises(InvalidRiskError, match="must be in 1..5"):
            RiskMatrix().level(p, c)

    def test_bands_must_not_overlap(self) -> None:
        """A level covered by two bands is refused."""
        with pytest.raises(InvalidRiskError, match=r"covered twice \[4\]"):
            RiskMatrix(
                probability_levels=2,
                consequence_levels=2,
                bands=(
                    RiskBand(name="a", minimum=1, maximum=4, colour="g"),
                    RiskBand(name="b", minimum=4, maximum=4, colour="r"),
                ),
            )

    def test_unreachable_gap_is_allowed(self) -> None:
        """Bands may skip levels the matrix cannot produce (5 on a 4×4)."""
        m = RiskMatrix(
            probability_levels=4,
            consequence_levels=4,
            bands=(
                RiskBand(name="låg", minimum=1, maximum=4, colour="g"),
                RiskBand(name="hög", minimum=6, maximum=16, colour="r"),
            ),
        )
        assert "hög" == m.band(m.level(2, 3)).name

    def test_default_bands(self) -> None:
        """The default bands: 1–4 low, 5–9 medium, 10–16 high, 17–25 very high."""
        m = RiskMatrix()
        assert ["Låg", "Medel", "Hög", "Mycket hög"] == [m.band(x).name for x in (4, 5, 16, 20)]

    @given(sst.risk_matrices(), st.data())
    def test_every_reachable_level_has_one_band(self, m: RiskMatrix, data: st.DataObject) -> None:
        """Any valid matrix gives every cell a band that holds its level."""
        p = data.draw(st.integers(1, m.probability_levels))
        c = data.draw(st.integers(1, m.consequence_levels))
        level = m.level(p, c)
        assert level in m.band(level)


class TestMeasure:
    """AFS 2023:1 13 §: a measure not done at once goes into an action plan saying when it is
    to be done and who sees to it.
    """

    def test_done_requires_completion_day(self) -> None:
        """DONE requires completed_on."""
        with pytest.raises(
            InvalidValueError, match="'completed_on' must be set when status is 'done'"
        ):
            Measure(title="x", status=MeasureStatus.DONE)

    def test_only_done_has_completion_day(self) -> None:
        """Only DONE has completed_on."""
        with pytest.raises(
            InvalidValueError, match="'completed_on' must be None when status is 'planned'"
        ):
            Measure(title="x", completed_on=date(2024, 1, 1))

    @pytest.mark.parametrize(
        ("status", "completed", "overdue"),
        [
            (MeasureStatus.PLANNED, None, True),
            (MeasureStatus.IN_PROGRESS, None, True),
            (MeasureStatus.DONE, date(2024, 1, 1), False),
            (MeasureStatus.CANCELLED, None, False),
        ],
    )
    def test_overdue(self, status: MeasureStatus, completed: date | None, overdue: bool) -> None:
        """Overdue: neither done nor cancelled, and due < on."""
        m = Measure(title="x", due=date(2024, 6, 30), status=status, completed_on=completed)
        assert overdue == m.is_overdue(date(2024, 7, 1))
        assert not m.is_overdue(date(2024, 6, 30))

    def test_no_due_date_never_overdue(self) -> None:
        """A measure without a due date is not overdue."""
        assert not Measure(title="x").is_overdue(date(2099, 1, 1))


class TestRisk:
    """A risk's level is probability × consequence; a risk the unit cannot act on is reported onward."""

    def test_level_and_tuple_measures(self) -> None:
        """Level multiplies; measures are stored as a tuple."""
        r = risk(probability=3, consequence=5, measures=[Measure(title="m")])
        assert (15, tuple) == (r.level, type(r.measures))

    def test_probability_positive(self) -> None:
        """Probability is an int >= 1."""
        with pytest.raises(InvalidValueError, match="'probability' must be an int in 1..100"):
            risk(probability=0, consequence=1)

    def test_measures_must_be_measures(self) -> None:
        """A measure of the wrong type is named by index."""
        with pytest.raises(InvalidValueError, match=r"'measures\[0\]' must be a Measure"):
            risk(probability=1, consequence=1, measures=["x"])


class TestActionPlanSummary:
    """The action plan's counts agree with each other."""

    def test_statuses_add_up_to_the_measures(self) -> None:
        """done + in_progress + planned + cancelled = measures."""
        with pytest.raises(InvalidValueError, match="'measures' must equal done"):
            ActionPlanSummary(measures=3, done=1)

    def test_overdue_only_open_measures(self) -> None:
        """Only planned or ongoing measures can be overdue."""
        with pytest.raises(InvalidValueError, match="'overdue' must not exceed in_progress"):
            ActionPlanSummary(measures=1, done=1, overdue=1)

    def test_of_names_bad_arguments(self) -> None:
        """ActionPlanSummary.of takes risks and a day."""
        with pytest.raises(InvalidValueError, match=r"'risks\[0\]' must be a Risk"):
            ActionPlanSummary.of(["r"], date(2024, 1, 1))  # type: ignore[list-item]
        with pytest.raises(InvalidValueError, match="'on' must be a datetime.date"):
            ActionPlanSummary.of([], "2024-12-31")  # type: ignore[arg-type]
