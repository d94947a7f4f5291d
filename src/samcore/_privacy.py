"""The one suppression rule for figures about small groups of employees."""

from __future__ import annotations

from typing import Final

from samcore._ratio import Ratio

__all__ = ["MIN_GROUP_SIZE", "shown_percent"]

MIN_GROUP_SIZE: Final = 10
"""No figure is shown for a group of this many employees or fewer."""


def shown_percent(ratio: Ratio, headcount: float, min_group_size: int) -> float | None:
    """The ratio in percent, or ``None`` for a group of ``min_group_size`` or fewer employees.

    Examples:
        >>> r = Ratio(numerator=1, denominator=20)
        >>> shown_percent(r, 11, 10), shown_percent(r, 10, 10), shown_percent(r, 10.4, 10)
        (5.0, None, 5.0)
    """
    return None if headcount <= min_group_size else ratio.percent
