import math

import pytest
from hypothesis import given

from samcore import InvalidValueError, Ratio
from samcore import strategies as sst


def close(a: Ratio, b: Ratio) -> bool:
    return math.isclose(a.numerator, b.numerator, rel_tol=1e-12) and math.isclose(
        a.denominator, b.denominator, rel_tol=1e-12
    )


class TestRatio:
    """ "Rates are never averaged: a group's rate comes from summed hours." (DOMAIN.md)"""

    def test_adding_sums_parts_not_percentages(self) -> None:
        """1/10 plus 1/30 is 2/40 = 5 %, not the 6.67 % an average of rates would give."""
        total = Ratio(numerator=1, denominator=10) + Ratio(numerator=1, denominator=30)
        assert 5.0 == total.percent

    def test_zero_denominator_has_no_value(self) -> None:
        """A ratio over nothing has no value and no percent."""
        assert (None, None) == (Ratio().value, Ratio().percent)

    @pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf])
    def test_rejects_negative_and_non_finite(self, bad: float) -> None:
        """Both parts must be finite and non-negative."""
        with pytest.raises(InvalidValueError, match="'denominator' must be a finite number"):
            Ratio(numerator=0, denominator=bad)

    @given(sst.ratios())
    def test_zero_is_identity(self, r: Ratio) -> None:
        """Ratio() is the identity of +, on both sides."""
        assert r == r + Ratio()
        assert r == Ratio() + r

    @given(sst.ratios(), sst.ratios(), sst.ratios())
    def test_associative(self, a: Ratio, b: Ratio, c: Ratio) -> None:
        """(a + b) + c equals a + (b + c) up to float rounding."""
        assert close((a + b) + c, a + (b + c))

    @given(sst.ratios(), sst.ratios())
    def test_commutative(self, a: Ratio, b: Ratio) -> None:
        """A + b equals b + a exactly."""
        assert a + b == b + a

    @given(sst.ratios(), sst.ratios())
    def test_sum_lies_between_parts(self, a: Ratio, b: Ratio) -> None:
        """The value of a sum lies between the parts' values (a mediant, never outside)."""
        va, vb, vs = a.value, b.value, (a + b).value
        if va is not None and vb is not None and vs is not None:
            assert min(va, vb) * (1 - 1e-9) <= vs <= max(va, vb) * (1 + 1e-9)

    def test_sum_builtin(self) -> None:
        """sum() works with and without an explicit start."""
        parts = [Ratio(numerator=1, denominator=2), Ratio(numerator=1, denominator=2)]
        assert Ratio(numerator=2, denominator=4) == sum(parts, Ratio())
        assert Ratio(numerator=2, denominator=4) == sum(parts)
