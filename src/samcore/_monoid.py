"""What every summable samcore value shares: a start for sum() and field-wise addition."""

from __future__ import annotations

from typing import Any, Self, TypeVar

import attrs

__all__ = ["Summable", "add_fields"]

T = TypeVar("T")


class Summable:
    """Mixin that lets ``sum(values)`` start from its default 0 as well as from the zero."""

    __slots__ = ()

    def __radd__(self, other: object) -> Self:
        if other == 0:
            return self
        return NotImplemented


def add_fields(a: T, b: T) -> T:
    """A new value of ``a``'s attrs class whose every field is ``a``'s plus ``b``'s."""
    kind: Any = type(a)
    total: T = kind(
        **{f.alias: getattr(a, f.name) + getattr(b, f.name) for f in attrs.fields(kind)}
    )
    return total
