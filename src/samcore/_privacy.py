"""Which figures about groups of people may be shown: primary and complementary suppression.

A published figure about a group of people is a rate over that group. A
reader who sees the figures of a whole and of some of its parts can subtract
and learn the figure of the rest, so hiding a small group is not enough.

The reader these rules guard against sees the exact hours behind every shown
figure and knows who works where: which of a unit's own staff are women,
which are under 30, and so which groups are empty. Hours add, so such a
reader learns the hours of every group that is a sum of shown figures with
any signs and factors. The rules, applied until nothing changes:

1. *Primary*: a group of 1 to ``min_group_size`` people is hidden. Groups
   that are never published (unspecified gender, unknown age, a parent
   unit's own staff) count as hidden.
2. A unit whose whole is hidden shows none of its parts either.
3. *Quick cases*, for each whole and its parts (a unit's total and its
   gender rows; a unit's women, and its own staff's women with its
   children's): when the whole is shown, its hidden parts together must
   hold no people or more than ``min_group_size``, and a part hidden to
   protect another must not be the only one hidden; when the whole is
   hidden, one of its parts must be too. Each is mended by hiding the
   smallest shown part.
4. *One division across the tree*, exactly. Take one division (a total and
   its gender rows, say) of every unit. A unit whose whole is shown heads a
   *block*: its own staff and the units under it whose wholes are hidden.
   Each part of a block adds into the nearest shown figure of that part at
   or above the block. Every group the shown figures can cut out of the
   blocks must hold no people or more than ``min_group_size``. A dynamic
   programme over the tree of blocks finds the smallest such group, so a
   group hidden two levels down, or one given away by a sibling's figures,
   is found.
5. *Two divisions in one place*, exactly. Within one unit, and within one
   block using the figures that belong to it alone, every group the gender
   rows and the age rows cut out together (the only man, who is also the
   only one under 30, say) must hold no people or more than
   ``min_group_size``.
6. A leak that rule 4 or 5 finds is mended by hiding one more shown figure,
   one whose hiding breaks the cut: a part that pulls more people into the
   group if there is one, else a part on the edge of the cut, else a whole.

Sizes are counted over distinct people. Where rule 4 adds people over
several blocks, a person who works in several units counts a share in each,
so that a group is never counted as bigger than it is.

Not checked: a reader who combines the gender rows that several blocks
share with the age rows that they share, and the blocks' totals. An exact
check of that is a three-way problem with no known fast method, and
checking it as if each block's rows were known would hide the rows of most
units. That is the gap left: such a combination can still single out a
small group (the tests keep two examples).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final

from samcore._org import OrgTree
from samcore._ratio import Ratio
from samcore._suppression import Cell, Measure, Rules

__all__ = [
    "MIN_GROUP_SIZE",
    "Cell",
    "blank",
    "distinct",
    "hidden_cells",
    "hidden_in_table",
    "published_percent",
    "round_half_up",
]

MIN_GROUP_SIZE: Final = 10
"""No figure is shown for a group of this many people or fewer."""


def hidden_cells(
    members: Mapping[Cell, object],
    size: Callable[[Sequence[Any]], float],
    *,
    relations: Sequence[tuple[str, Sequence[str]]],
    never_shown: Iterable[str] = (),
    org: OrgTree | None = None,
    min_group_size: int = MIN_GROUP_SIZE,
) -> frozenset[Cell]:
    """The cells that may not be shown, by the rules of this module.

    ``members[(unit, slice, own)]`` are the people of a cell in any form
    ``size`` can measure the union of (a set of ids, say); a missing cell
    has no people. ``relations`` say how a slice divides into others
    (``("total", ("woman", "man", "unspecified"))``); relations with the
    same whole are crossed with each other. With ``org``, every slice of a
    unit with children also divides into the unit's own staff (``own``
    true; never shown) and its children; without it the units are the ones
    named in ``members`` and stand alone.

    Sets measured by their head count are the fast case. With any other
    form, a person who works in several units is not told apart, so every
    group that spans blocks is taken to be as small as such people could
    make it, which hides more.

    Examples:
        >>> people = {("k", "total", False): set(range(12)), ("k", "woman", False): set(range(11)),
        ...           ("k", "man", False): {11}}
        >>> sorted(hidden_cells(people, lambda ms: len(set().union(*ms)),
        ...                     relations=[("total", ["woman", "man"])]))
        [('k', 'man', False), ('k', 'woman', False)]
    """
    if org is not None:
        units = [u.id for u in org.units]
        parent = {u.id: u.parent_id for u in org.units}
    else:
        units = sorted({cell[0] for cell in members})
        parent = dict.fromkeys(units)
    rules = Rules(
        units,
        parent,
        [(whole, tuple(parts)) for whole, parts in relations],
        frozenset(never_shown),
        Measure(members, size),
        min_group_size,
    )
    return rules.solve()


def hidden_in_table(
    sizes: Mapping[str, float],
    *,
    relations: Sequence[tuple[str, Sequence[str]]],
    never_shown: Iterable[str] = (),
    min_group_size: int = MIN_GROUP_SIZE,
) -> frozenset[str]:
    """The hidden groups of one table whose groups hold ``sizes`` people (disjoint parts).

    Examples:
        >>> sorted(hidden_in_table({"total": 12, "woman": 11, "man": 1},
        ...                        relations=[("total", ["woman", "man"])]))
        ['man', 'woman']
    """
    cells = hidden_cells(
        {("", group, False): n for group, n in sizes.items()},
        sum,
        relations=relations,
        never_shown=never_shown,
        min_group_size=min_group_size,
    )
    return frozenset(group for _, group, _ in cells)


def round_half_up(value: float, decimals: int = 1) -> Decimal:
    """Round a figure for publication, half away from zero, immune to float noise.

    The value is first cut to 6 decimals, so that sums that differ only by
    float rounding (0.15000000000000002 against 0.1499999999999999) publish
    the same figure, and so does a rate whose hours carry the 2⁻²⁰-hour
    steps they are added in (an exact 0.65 % reads 0.649999998… from them);
    then it is rounded half up. A figure within 5e-7 of a half is read as
    the half.

    Examples:
        >>> str(round_half_up(7.25)), str(round_half_up(7.249999999999999)), str(round_half_up(-0.25))
        ('7.3', '7.3', '-0.3')
        >>> str(round_half_up(0.649999998497963)), str(round_half_up(0.6499990))
        ('0.7', '0.6')
    """
    clean = Decimal(repr(value)).quantize(Decimal("1e-6"), rounding=ROUND_HALF_UP)
    return clean.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def published_percent(ratio: Ratio) -> float | None:
    """A ratio as the percent a reader sees: one decimal, rounded half up; ``None`` without data.

    Examples:
        >>> published_percent(Ratio(numerator=1, denominator=8)), published_percent(Ratio())
        (12.5, None)
    """
    percent = ratio.percent
    return None if percent is None else float(round_half_up(percent))


def distinct(members: Sequence[frozenset[str]]) -> float:
    """How many people the member sets hold together, each once.

    Examples:
        >>> distinct([frozenset({"a", "b"}), frozenset({"b"})])
        2
    """
    return len(frozenset().union(*members))


def blank(figures: dict[str, float | None], hidden: bool) -> dict[str, float | None]:
    """The figures of a group as published: all ``None`` when the group is hidden.

    Examples:
        >>> blank({"headcount": 3, "percent": 4.5}, True)
        {'headcount': None, 'percent': None}
    """
    return dict.fromkeys(figures) if hidden else figures
