"""Which figures about groups of people may be shown: primary and complementary suppression.

A published figure about a group of people is a rate over that group. A
reader who sees the figures of a whole and of some of its parts can subtract
and learn the figure of the rest, so hiding a small group is not enough. The
rules, applied until nothing changes:

1. *Primary*: a group of 1 to ``min_group_size`` people is hidden. Groups
   that are never published (unspecified gender, unknown age, a parent
   unit's own staff) count as hidden.
2. For every relation ``whole = part + part + ...`` (total = women + men +
   unspecified; total = the age bands; a unit = its own staff + its
   children), when the whole is shown: the hidden parts together must be
   no people at all, or more than ``min_group_size`` people; and a part
   hidden to protect another (a complement) must not be the only hidden
   part, or subtraction would give it back. Otherwise the smallest shown
   part is hidden too.
3. When the whole is hidden, at least one of its non-empty parts is hidden,
   or adding the parts would give it back.

Sizes are counted over distinct people (a person in two parts counts once
in their union), so the rules see the group a subtraction really reveals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final

from samcore._org import OrgTree
from samcore._ratio import Ratio

__all__ = [
    "MIN_GROUP_SIZE",
    "Cell",
    "blank",
    "distinct",
    "hidden_cells",
    "hidden_in_table",
    "published_percent",
    "round_half_up",
    "shown_percent",
]

MIN_GROUP_SIZE: Final = 10
"""No figure is shown for a group of this many people or fewer."""

Cell = tuple[str, str, bool]
"""A group: (unit id, slice name, whether it is the unit's own staff only)."""


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
    (``("total", ("woman", "man", "unspecified"))``). With ``org``, every
    slice of a unit with children also divides into the unit's own staff
    (``own`` true; never shown) and its children; without it the units are
    the ones named in ``members`` and stand alone.

    Examples:
        >>> people = {("k", "total", False): set(range(12)), ("k", "woman", False): set(range(11)),
        ...           ("k", "man", False): {11}}
        >>> sorted(hidden_cells(people, lambda ms: len(set().union(*ms)),
        ...                     relations=[("total", ["woman", "man"])]))
        [('k', 'man', False), ('k', 'woman', False)]
    """
    names = sorted({s for whole, parts in relations for s in (whole, *parts)})
    units = (
        [(u.id, [k.id for k in org.children(u.id)]) for u in org.units]
        if org is not None
        else [(u, []) for u in sorted({cell[0] for cell in members})]
    )
    tree: list[tuple[Cell, list[Cell]]] = []
    cells: list[Cell] = []
    for unit, kids in units:
        for own in (False, True) if kids else (False,):
            cells += [(unit, s, own) for s in names]
            tree += [((unit, w, own), [(unit, p, own) for p in parts]) for w, parts in relations]
        if kids:
            tree += [
                ((unit, s, False), [(unit, s, True)] + [(k, s, False) for k in kids]) for s in names
            ]
    sizes = {c: size([members[c]]) if c in members else 0.0 for c in cells}

    def union(group: Iterable[Cell]) -> float:
        return size([members[c] for c in group if c in members])

    return _solve(tree, sizes, union, frozenset(never_shown), min_group_size)


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


def _solve(
    relations: Sequence[tuple[Cell, Sequence[Cell]]],
    sizes: Mapping[Cell, float],
    union: Callable[[Iterable[Cell]], float],
    never_shown: frozenset[str],
    limit: int,
) -> frozenset[Cell]:
    """Primary suppression, then complements until every relation is safe."""
    hidden = {c for c, n in sizes.items() if c[2] or c[1] in never_shown or 0 < n <= limit}
    complements: set[Cell] = set()

    def by_size(cell: Cell) -> tuple[float, Cell]:
        return sizes[cell], cell

    changed = True
    while changed:
        changed = False
        for whole, parts in relations:
            hid = [p for p in parts if p in hidden and sizes[p] > 0]
            if whole in hidden:
                need = sizes[whole] > 0 and not hid
            else:
                need = bool(hid) and (
                    union(hid) <= limit or (len(hid) == 1 and hid[0] in complements)
                )
            if not need:
                continue
            shown = sorted((p for p in parts if p not in hidden and sizes[p] > 0), key=by_size)
            target = shown[0] if shown else whole
            if target not in hidden:
                hidden.add(target)
                complements.add(target)
                changed = True
    return frozenset(hidden)


def shown_percent(ratio: Ratio, headcount: float, min_group_size: int) -> float | None:
    """The ratio in percent, or ``None`` for a group of ``min_group_size`` or fewer employees.

    Examples:
        >>> r = Ratio(numerator=1, denominator=20)
        >>> shown_percent(r, 11, 10), shown_percent(r, 10, 10), shown_percent(r, 10.4, 10)
        (5.0, None, 5.0)
    """
    return None if headcount <= min_group_size else ratio.percent


def round_half_up(value: float, decimals: int = 1) -> Decimal:
    """Round a figure for publication, half away from zero, immune to float noise.

    The value is first cut to 9 decimals, so that sums that differ only by
    float rounding (0.15000000000000002 against 0.1499999999999999) publish
    the same figure; then it is rounded half up.

    Examples:
        >>> str(round_half_up(7.25)), str(round_half_up(7.249999999999999)), str(round_half_up(-0.25))
        ('7.3', '7.3', '-0.3')
    """
    clean = Decimal(repr(value)).quantize(Decimal("1e-9"), rounding=ROUND_HALF_UP)
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
