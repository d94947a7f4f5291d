"""Ratio: a numerator and a denominator that add, so percentages never get averaged."""

from __future__ import annotations

from typing import ClassVar

import attrs

from samcore._check import non_negative
from samcore._monoid import Summable

__all__ = ["Ratio"]


@attrs.frozen(kw_only=True)
class Ratio(Summable):
    """A share kept as its two sums, so that groups add without averaging.

    ``a + b`` adds numerators and denominators; ``Ratio()`` is the zero.

    Examples:
        >>> a = Ratio(numerator=1.0, denominator=10.0)
        >>> b = Ratio(numerator=3.0, denominator=10.0)
        >>> (a + b).percent
        20.0
        >>> sum([a, b], Ratio()) == a + b
        True
        >>> Ratio().value is None
        True
    """

    numerator: float = attrs.field(default=0.0, validator=non_negative())
    denominator: float = attrs.field(default=0.0, validator=non_negative())

    _subject: ClassVar[str] = "a ratio"

    @property
    def value(self) -> float | None:
        """``numerator / denominator``, or ``None`` when the denominator is 0.

        Examples:
            >>> Ratio(numerator=1, denominator=4).value
            0.25
        """
        if self.denominator == 0:
            return None
        return self.numerator / self.denominator

    @property
    def percent(self) -> float | None:
        """The value in percent, or ``None`` when the denominator is 0.

        Examples:
            >>> Ratio(numerator=3, denominator=40).percent
            7.5
        """
        value = self.value
        return None if value is None else value * 100
